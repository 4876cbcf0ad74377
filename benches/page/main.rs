//! `make bench`: how soon khabar shows an article's headline compared with the same article as
//! a static HTML file, on a fast and on a throttled connection; layout shift; bytes before the
//! headline; a 2,000-block article; and memory through a 10,000-card feed.
//!
//! The release build in dist/ is served by the end-to-end tests' server on 127.0.0.1, with its
//! precompressed copies, to headless Chromium over WebDriver (tests/e2e/support). Every page
//! load gets a new browser with a new profile (a cold cache). Each case runs several times and
//! is reported as median (min–max). Prints a table and writes bench/results.md. Exits
//! non-zero only when something cannot be measured: the goals are reported, not asserted.
//! `KHABAR_BENCH_RUNS=n` runs every case n times (a quick check).
//!
//! This file runs the cases; measure.rs takes the measurements (with the page scripts beside
//! it, headline.js, shifts.js, capture-wasm.js and wasm-memory.js), stats.rs summarizes the
//! runs, report.rs prints the tables and writes bench/results.md, and generate.rs makes what
//! is served besides dist/ (the 2,000-block article's page through `khabar-content publish`).

#[allow(dead_code, unused_imports)]
#[path = "../../tests/e2e/support/mod.rs"]
mod support;

mod generate;
mod measure;
mod report;
mod stats;

use std::time::Instant;

use khabar::content::{Article, Site};

use measure::{alternate, feed, progress, Measured, Network};
use report::{count, mb};
use support::{Reply, Server};

const WIDTH: u32 = 1280;
const HEIGHT: u32 = 900;
/// The sample article measured: a typical one (eight blocks, a hero, related news).
const ARTICLE: &str = "central-bank-holds-rates";
const LONG: &str = "bench-long-article";
const LONG_BLOCKS: usize = 2000;
const FEED_PAGES: usize = 50;
const FEED_CARDS: usize = 200;
/// A same-origin page each browser opens first, so that throttling is in place before the
/// measured navigation starts and both pages start from the same state.
const BLANK: &str = "/bench/blank.html";

/// Chrome DevTools' "Slow 4G" preset: 562.5 ms latency, 1.6 Mbps down and 750 kbps up, each
/// times 0.9, in bytes per second.
const SLOW_4G_LATENCY_MS: f64 = 562.5;
const SLOW_4G_DOWN: f64 = 1_600_000.0 / 8.0 * 0.9;
const SLOW_4G_UP: f64 = 750_000.0 / 8.0 * 0.9;
const CPU_SLOWDOWN: u32 = 4;
const HTML: &str = "text/html; charset=utf-8";
const JSON: &str = "application/json";

/// How many runs of each case.
struct Runs {
    fast: usize,
    throttled: usize,
    long: usize,
    feed: usize,
}

impl Runs {
    fn get() -> Runs {
        match std::env::var("KHABAR_BENCH_RUNS")
            .ok()
            .and_then(|n| n.parse().ok())
        {
            Some(n) if n > 0 => Runs {
                fast: n,
                throttled: n,
                long: n,
                feed: n,
            },
            // Loopback loads are the noisiest (a cold browser's start varies by tens of
            // milliseconds around a headline at about 150): more of them steady the median.
            _ => Runs {
                fast: 15,
                throttled: 5,
                long: 5,
                feed: 3,
            },
        }
    }
}

/// Serves generated files (path, content type, body), compressed as dist's files are.
fn serve(server: &Server, files: Vec<(String, &'static str, Vec<u8>)>) {
    for (path, reply) in generate::encoded(files) {
        server.on(&path, reply);
    }
}

#[tokio::main]
async fn main() {
    let runs = Runs::get();
    let started = Instant::now();
    // The site as published (`make publish`): each article answered with its page.
    let server = Server::start_published();
    server.compress();
    server.on(BLANK, Reply::Html("<!DOCTYPE html><title>blank</title>".into()));

    let site: Site = generate::sample("site.json");
    let article: Article = generate::sample(&format!("articles/{ARTICLE}.json"));
    let app_path = format!("/article/{ARTICLE}");
    let static_path = format!("/bench/{ARTICLE}.html");

    // 1. The sample article, fast: headline, bytes, layout shift.
    let html_page = generate::static_article(&site, &article).into_bytes();
    serve(&server, vec![(static_path.clone(), HTML, html_page)]);
    let (app, html) = alternate(
        &server,
        (&app_path, &static_path),
        runs.fast,
        Network::Loopback,
        true,
        "article, loopback",
    )
    .await;

    // 2. The same on slow 4G with a 4× slower CPU.
    let (app_slow, html_slow) = alternate(
        &server,
        (&app_path, &static_path),
        runs.throttled,
        Network::Slow4g,
        false,
        &format!("article, slow 4G + {CPU_SLOWDOWN}× CPU"),
    )
    .await;

    // 3. A 2,000-block article.
    let (long, long_json) = generate::long_article(&article, LONG, LONG_BLOCKS);
    let long_static = format!("/bench/{LONG}.html");
    let long_html = generate::static_article(&site, &long);
    let long_html_size = long_html.len();
    let long_page = generate::published_page(LONG, &long_json);
    serve(
        &server,
        vec![
            (
                format!("/content/articles/{LONG}.json"),
                JSON,
                long_json.clone().into_bytes(),
            ),
            (format!("/article/{LONG}"), HTML, long_page.into_bytes()),
            (long_static.clone(), HTML, long_html.into_bytes()),
        ],
    );
    let (app_long, html_long) = alternate(
        &server,
        (&format!("/article/{LONG}"), &long_static),
        runs.long,
        Network::Loopback,
        false,
        &format!("{LONG_BLOCKS}-block article"),
    )
    .await;

    // 4. A 10,000-card feed: memory.
    let pages = generate::long_feed("home", FEED_PAGES, FEED_CARDS);
    serve(
        &server,
        pages
            .into_iter()
            .map(|(path, json)| (format!("/content/{path}"), JSON, json.into_bytes()))
            .collect(),
    );
    let mut feeds = Vec::new();
    for i in 1..=runs.feed {
        let (points, scroll) = feed(&server).await;
        progress(&format!(
            "feed of {} cards, run {i}/{}: JS heap {} → {} MB, nodes {} → {}, wasm {} → {} MB, {} s to scroll",
            FEED_PAGES * FEED_CARDS,
            runs.feed,
            mb(points[0].heap),
            mb(points[3].heap),
            count(points[0].nodes),
            count(points[3].nodes),
            mb(points[0].wasm),
            mb(points[3].wasm),
            (scroll / 1000.0).round()
        ));
        feeds.push((points, scroll));
    }

    let browser = measure::browser().await;
    let measured = Measured {
        app,
        html,
        app_slow,
        html_slow,
        app_long,
        html_long,
        feeds,
        browser,
        long_json_size: long_json.len(),
        long_html_size,
    };
    report::write(&measured, &runs, started);
}
