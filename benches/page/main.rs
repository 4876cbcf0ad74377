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

#[allow(dead_code, unused_imports)]
#[path = "../../tests/e2e/support/mod.rs"]
mod support;

mod generate;
mod report;

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use khabar::content::{Article, Site};
use serde_json::{json, Value};

use report::{count, kb, mb, ms, shift, table, tenths, Stat};
use support::server::Logged;
use support::{Browser, Reply, Server};

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

/// Resolves with the headline's Element Timing entry (renderTime, from navigation start), the
/// first contentful paint, and every response completed by then (navigation included).
const HEADLINE_JS: &str = r#"
const done = arguments[arguments.length - 1];
const timer = setTimeout(() => done(null), 25000);
const file = (name, r) => ({name, start: r.startTime, end: r.responseEnd, transfer: r.transferSize, decoded: r.decodedBodySize});
new PerformanceObserver((list, observer) => {
  const entry = list.getEntries().find(e => e.identifier === 'headline');
  if (!entry) return;
  observer.disconnect();
  clearTimeout(timer);
  const t = entry.renderTime || entry.loadTime;
  const nav = performance.getEntriesByType('navigation')[0];
  const before = performance.getEntriesByType('resource').filter(r => r.responseEnd > 0 && r.responseEnd <= t);
  const fcp = performance.getEntriesByType('paint').find(p => p.name === 'first-contentful-paint');
  done({
    headline: t,
    fcp: fcp ? fcp.startTime : null,
    files: [file(location.pathname, nav)].concat(before.map(r => file(new URL(r.name).pathname, r))),
  });
}).observe({type: 'element', buffered: true});
"#;

/// Sums layout shifts (without recent input) through load, then through a scroll to the
/// bottom, a wait for whatever loads there (related news, lazy images), and back to the top.
const SHIFTS_JS: &str = r#"
const done = arguments[arguments.length - 1];
let cls = 0;
new PerformanceObserver(list => list.getEntries().forEach(e => { if (!e.hadRecentInput) cls += e.value; }))
  .observe({type: 'layout-shift', buffered: true});
const sleep = ms => new Promise(r => setTimeout(r, ms));
const until = async (check, ms) => { const end = performance.now() + ms; while (!check() && performance.now() < end) await sleep(50); };
const loaded = () => document.readyState === 'complete'
  && [...document.images].every(i => i.complete || i.loading === 'lazy');
const settled = () => [...document.images].every(i => i.complete) && !document.querySelector('[aria-busy="true"]');
const atBottom = () => scrollY + innerHeight >= document.documentElement.scrollHeight - 1;
(async () => {
  await until(loaded, 10000);
  await sleep(300);
  const load = cls;
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < 400 && !atBottom(); i++) { scrollBy(0, 300); await sleep(40); }
    await until(settled, 8000);
    await sleep(300);
  }
  for (let i = 0; i < 400 && scrollY > 0; i++) { scrollBy(0, -300); await sleep(40); }
  await sleep(300);
  done({load, total: cls, height: document.documentElement.scrollHeight});
})();
"#;

/// Keeps the wasm exports Trunk's loader announces, for the size of the linear memory.
const CAPTURE_WASM: &str =
    "addEventListener('TrunkApplicationStarted', e => { window.__khabarWasm = e.detail && e.detail.wasm; });";

#[derive(Clone, Copy, PartialEq)]
enum Network {
    Loopback,
    Slow4g,
}

/// One measured page load.
struct Load {
    headline: f64,
    fcp: Option<f64>,
    bytes: f64,
    files: Vec<Value>,
    shifts: Option<(f64, f64)>,
    log: Vec<Logged>,
}

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
            _ => Runs {
                fast: 9,
                throttled: 5,
                long: 5,
                feed: 3,
            },
        }
    }
}

fn cdp(b: &Browser, cmd: &str, params: Value) -> Value {
    b.cdp(cmd, params)
        .unwrap_or_else(|e| panic!("cannot measure: DevTools command failed: {e}"))
}

fn throttle(b: &Browser) {
    cdp(b, "Network.enable", json!({}));
    cdp(
        b,
        "Network.emulateNetworkConditions",
        json!({
            "offline": false,
            "latency": SLOW_4G_LATENCY_MS,
            "downloadThroughput": SLOW_4G_DOWN,
            "uploadThroughput": SLOW_4G_UP,
        }),
    );
    cdp(
        b,
        "Emulation.setCPUThrottlingRate",
        json!({ "rate": CPU_SLOWDOWN }),
    );
}

/// A new browser (cold cache) opens `path` and reports when its headline was painted, the
/// bytes received by then and, with `shifts`, the layout shift through load and scroll.
async fn load(server: &Server, path: &str, network: Network, shifts: bool) -> Load {
    let b = Browser::sized(WIDTH, HEIGHT).await;
    b.client
        .goto(&server.url(BLANK))
        .await
        .expect("open the blank page");
    if network == Network::Slow4g {
        throttle(&b);
    }
    let first = server.log().len();
    b.client.goto(&server.url(path)).await.expect("navigate");
    let m = b
        .client
        .execute_async(HEADLINE_JS, vec![])
        .await
        .unwrap_or_else(|e| panic!("cannot measure {path}: {e}"));
    assert!(
        !m.is_null(),
        "cannot measure {path}: no Element Timing entry for the headline"
    );
    let files = m["files"].as_array().cloned().unwrap_or_default();
    let bytes = files.iter().filter_map(|f| f["transfer"].as_f64()).sum();
    let shifts = if shifts {
        let s = b
            .client
            .execute_async(SHIFTS_JS, vec![])
            .await
            .unwrap_or_else(|e| panic!("cannot measure layout shift on {path}: {e}"));
        Some((s["load"].as_f64().unwrap(), s["total"].as_f64().unwrap()))
    } else {
        None
    };
    let log = server.log().split_off(first);
    b.close().await;
    Load {
        headline: m["headline"].as_f64().expect("a render time"),
        fcp: m["fcp"].as_f64(),
        bytes,
        files,
        shifts,
        log,
    }
}

/// Memory of the page after garbage collection.
#[derive(Clone, Copy, Default)]
struct Memory {
    heap: f64,
    nodes: f64,
    listeners: f64,
    wasm: f64,
    cards: f64,
    elements: f64,
}

async fn memory(b: &Browser) -> Memory {
    tokio::time::sleep(Duration::from_millis(300)).await;
    for _ in 0..2 {
        cdp(b, "HeapProfiler.collectGarbage", json!({}));
    }
    let metrics = cdp(b, "Performance.getMetrics", json!({}));
    let metric = |name: &str| {
        metrics["metrics"]
            .as_array()
            .and_then(|m| m.iter().find(|x| x["name"] == name))
            .and_then(|x| x["value"].as_f64())
            .unwrap_or_else(|| panic!("cannot measure: no {name} in Performance.getMetrics"))
    };
    let wasm = b
        .js("return window.__khabarWasm ? window.__khabarWasm.memory.buffer.byteLength : null")
        .await
        .as_f64()
        .expect("cannot measure: no wasm memory (no TrunkApplicationStarted event seen)");
    let in_document = |css: &str| format!("return document.querySelectorAll('{css}').length");
    let cards = b.js(&in_document(".kh-card__link")).await.as_f64().unwrap_or(0.0);
    let elements = b.js(&in_document("*")).await.as_f64().unwrap_or(0.0);
    Memory {
        heap: metric("JSHeapUsedSize"),
        nodes: metric("Nodes"),
        listeners: metric("JSEventListeners"),
        wasm,
        cards,
        elements,
    }
}

const FEED_POINTS: [&str; 6] = [
    "home, page 1",
    "10 pages",
    "25 pages",
    "50 pages",
    "left for an article (client route)",
    "same article, new page load",
];

/// The home feed scrolled through every page: memory at each point of [`FEED_POINTS`], and the
/// time the scroll took.
async fn feed(server: &Server) -> (Vec<Memory>, f64) {
    let b = Browser::sized(WIDTH, HEIGHT).await;
    b.client
        .goto(&server.url(BLANK))
        .await
        .expect("open the blank page");
    cdp(&b, "Page.enable", json!({}));
    cdp(
        &b,
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": CAPTURE_WASM }),
    );
    cdp(&b, "Performance.enable", json!({}));
    let cards = "document.querySelectorAll('.kh-feed .kh-card__link').length";
    b.open(&server.url("/"), ".kh-feed .kh-card__link").await;
    b.wait_js(&format!("{cards} >= {FEED_CARDS}")).await;
    let mut points = vec![memory(&b).await];
    let mut scrolling = Duration::ZERO;
    // Pages far from the viewport leave the document (each leaves its `.kh-window` holding its
    // height), so pages are counted by their windows, not by the cards in the document.
    let pages = "document.querySelectorAll('.kh-feed .kh-window').length";
    for page in 2..=FEED_PAGES {
        let start = Instant::now();
        let end = start + Duration::from_secs(60);
        loop {
            b.js("window.scrollTo(0, document.documentElement.scrollHeight)")
                .await;
            tokio::time::sleep(Duration::from_millis(50)).await;
            if b.js(&format!("return {pages} >= {page}")).await == json!(true) {
                break;
            }
            assert!(
                Instant::now() < end,
                "cannot measure: feed page {page} never loaded"
            );
        }
        scrolling += start.elapsed();
        if page == 10 || page == 25 {
            points.push(memory(&b).await);
        }
    }
    let scroll_ms = scrolling.as_secs_f64() * 1000.0;
    b.wait(".kh-feed__end").await;
    points.push(memory(&b).await);
    let article = b.attr(".kh-feed .kh-card__link", "href").await.unwrap();
    b.js("document.querySelector('.kh-feed .kh-card__link').click()")
        .await;
    b.wait("h1.kh-article__title").await;
    assert!(
        b.js("return location.pathname").await == json!(article),
        "the card link led elsewhere"
    );
    points.push(memory(&b).await);
    b.open(&server.url(&article), "h1.kh-article__title").await;
    points.push(memory(&b).await);
    b.close().await;
    (points, scroll_ms)
}

/// Serves generated files (path, content type, body), compressed as dist's files are.
fn serve(server: &Server, files: Vec<(String, &'static str, Vec<u8>)>) {
    for (path, reply) in generate::encoded(files) {
        server.on(&path, reply);
    }
}

fn stat(loads: &[Load], f: impl Fn(&Load) -> f64) -> Stat {
    Stat::of(&loads.iter().map(f).collect::<Vec<_>>())
}

fn ratio(a: Stat, b: Stat) -> f64 {
    a.median / b.median
}

fn yes(met: bool) -> String {
    if met { "yes" } else { "no" }.to_string()
}

/// What was sent before the headline in one load: file, encoding, bytes.
fn files_before(load: &Load) -> String {
    let mut out = String::new();
    let at = |f: &Value, key: &str| ms(f[key].as_f64().unwrap_or(0.0));
    for f in &load.files {
        let name = f["name"].as_str().unwrap_or("?");
        let encoding = load
            .log
            .iter()
            .find(|l| l.path == name)
            .map_or("?", |l| l.encoding.unwrap_or("identity"));
        let _ = writeln!(
            out,
            "| `{name}` | {} | {} | {encoding} | {} | {} |",
            at(f, "start"),
            at(f, "end"),
            kb(f["transfer"].as_f64().unwrap_or(0.0)),
            kb(f["decoded"].as_f64().unwrap_or(0.0))
        );
    }
    format!(
        "| file | requested, ms | received, ms | encoding | transferred, KB | decoded, KB |\n|---|---|---|---|---|---|\n{out}\n\
         Headline painted at {} ms.\n",
        ms(load.headline)
    )
}

/// khabar's requests before the headline, in one sentence.
fn waterfall(load: &Load) -> String {
    let find = |suffix: &str| {
        load.files
            .iter()
            .find(|f| f["name"].as_str().is_some_and(|n| n.ends_with(suffix)))
    };
    let at = |f: Option<&Value>, key: &str| f.map_or("?".into(), |f| ms(f[key].as_f64().unwrap_or(0.0)));
    let (wasm, site, article) = (
        find("_bg.wasm"),
        find("/site.json"),
        find(&format!("/{ARTICLE}.json")),
    );
    format!(
        "On slow 4G, the start-up script requests `site.json` (at {} ms, received {} ms) and the article \
         ({} ms, received {} ms) beside the wasm ({} ms, received {} ms), and the app takes those requests \
         over once it runs; the headline is painted at {} ms.",
        at(site, "start"),
        at(site, "end"),
        at(article, "start"),
        at(article, "end"),
        at(wasm, "start"),
        at(wasm, "end"),
        ms(load.headline)
    )
}

/// `runs` cold loads of khabar's page and of the static page, alternating, each pair reported
/// as it ends: the two lists of loads.
async fn alternate(
    server: &Server,
    (app_path, static_path): (&str, &str),
    runs: usize,
    network: Network,
    shifts: bool,
    what: &str,
) -> (Vec<Load>, Vec<Load>) {
    let (mut app, mut html) = (Vec::new(), Vec::new());
    for i in 1..=runs {
        app.push(load(server, app_path, network, shifts).await);
        html.push(load(server, static_path, network, shifts).await);
        progress(&format!(
            "{what}, run {i}/{runs}: khabar {} ms, static {} ms",
            ms(app[i - 1].headline),
            ms(html[i - 1].headline)
        ));
    }
    (app, html)
}

fn progress(what: &str) {
    eprintln!("bench: {what}");
}

#[tokio::main]
async fn main() {
    let runs = Runs::get();
    let started = Instant::now();
    let server = Server::start();
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
    serve(
        &server,
        vec![
            (
                format!("/content/articles/{LONG}.json"),
                JSON,
                long_json.clone().into_bytes(),
            ),
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

    // The browser's own description, from one more session.
    let browser = {
        let b = Browser::sized(WIDTH, HEIGHT).await;
        let version = cdp(&b, "Browser.getVersion", json!({}));
        b.close().await;
        let product = version["product"].as_str().unwrap_or("Chromium");
        product
            .replace("HeadlessChrome/", "Chromium ")
            .replace("Chrome/", "Chromium ")
    };

    // The tables.
    let headline = (stat(&app, |l| l.headline), stat(&html, |l| l.headline));
    let slow = (stat(&app_slow, |l| l.headline), stat(&html_slow, |l| l.headline));
    let fcp = |loads: &[Load]| {
        let v: Vec<f64> = loads.iter().filter_map(|l| l.fcp).collect();
        (!v.is_empty()).then(|| Stat::of(&v))
    };
    let shifts_total = (
        stat(&app, |l| l.shifts.unwrap().1),
        stat(&html, |l| l.shifts.unwrap().1),
    );
    let shifts_load = (
        stat(&app, |l| l.shifts.unwrap().0),
        stat(&html, |l| l.shifts.unwrap().0),
    );
    let bytes = (stat(&app, |l| l.bytes), stat(&html, |l| l.bytes));
    let long_t = (stat(&app_long, |l| l.headline), stat(&html_long, |l| l.headline));
    let ratio_fast = ratio(headline.0, headline.1);
    let ratio_slow = ratio(slow.0, slow.1);
    let ratio_long = ratio(long_t.0, long_t.1);
    let cls_zero = shifts_total.0.max == 0.0;
    let row =
        |what: &str, n: usize, s: (Stat, Stat), f: fn(f64) -> String, r: String, goal: &str, met: String| {
            vec![
                what.to_string(),
                n.to_string(),
                s.0.show(f),
                s.1.show(f),
                r,
                goal.to_string(),
                met,
            ]
        };
    let mut rows = vec![
        row(
            "headline painted, ms",
            runs.fast,
            headline,
            ms,
            format!("{ratio_fast:.2}"),
            "≤ 1.5",
            yes(ratio_fast <= 1.5),
        ),
        row(
            &format!("headline painted, slow 4G + {CPU_SLOWDOWN}× CPU, ms"),
            runs.throttled,
            slow,
            ms,
            format!("{ratio_slow:.2}"),
            "≤ 1.5",
            yes(ratio_slow <= 1.5),
        ),
    ];
    if let (Some(a), Some(h)) = (fcp(&app), fcp(&html)) {
        rows.push(row(
            "first contentful paint, ms",
            runs.fast,
            (a, h),
            ms,
            format!("{:.2}", ratio(a, h)),
            "–",
            "–".into(),
        ));
    }
    rows.extend([
        row(
            "layout shift through load",
            runs.fast,
            shifts_load,
            shift,
            "–".into(),
            "0",
            yes(shifts_load.0.max == 0.0),
        ),
        row(
            "layout shift through load and scroll",
            runs.fast,
            shifts_total,
            shift,
            "–".into(),
            "0",
            yes(cls_zero),
        ),
        row(
            "bytes before the headline, KB",
            runs.fast,
            bytes,
            kb,
            format!("{:.1}", ratio(bytes.0, bytes.1)),
            "–",
            "–".into(),
        ),
        row(
            &format!("{} blocks: headline painted, ms", count(LONG_BLOCKS as f64)),
            runs.long,
            long_t,
            ms,
            format!("{ratio_long:.2}"),
            "≤ 3",
            yes(ratio_long <= 3.0),
        ),
    ]);
    let speed = table(
        &[
            "measure",
            "runs",
            "khabar",
            "static HTML",
            "khabar ÷ static",
            "goal",
            "met",
        ],
        &rows,
    );

    let point =
        |i: usize, f: fn(&Memory) -> f64| Stat::of(&feeds.iter().map(|(p, _)| f(&p[i])).collect::<Vec<_>>());
    let mut mem_rows: Vec<Vec<String>> = FEED_POINTS
        .iter()
        .enumerate()
        .map(|(i, what)| {
            vec![
                what.to_string(),
                point(i, |m| m.cards).show(count),
                point(i, |m| m.elements).show(count),
                point(i, |m| m.heap).show(mb),
                point(i, |m| m.nodes).show(count),
                point(i, |m| m.listeners).show(count),
                point(i, |m| m.wasm).show(mb),
            ]
        })
        .collect();
    let added = ((FEED_PAGES - 1) * FEED_CARDS) as f64;
    let per_card = |f: fn(&Memory) -> f64| {
        Stat::of(
            &feeds
                .iter()
                .map(|(p, _)| (f(&p[3]) - f(&p[0])) / added)
                .collect::<Vec<_>>(),
        )
    };
    let heap_card = per_card(|m| m.heap);
    let wasm_card = per_card(|m| m.wasm);
    let nodes_card = per_card(|m| m.nodes);
    mem_rows.push(vec![
        "per card added, page 1 → 50".into(),
        "–".into(),
        per_card(|m| m.elements).show(tenths),
        format!("{} KB", heap_card.show(|v| format!("{:.2}", v / 1000.0))),
        nodes_card.show(tenths),
        per_card(|m| m.listeners).show(tenths),
        format!("{} KB", wasm_card.show(|v| format!("{:.2}", v / 1000.0))),
    ]);
    let memory_table = table(
        &[
            "feed of 10,000 cards, after GC",
            "cards",
            "elements in document",
            "JS heap used, MB",
            "DOM nodes",
            "JS listeners",
            "wasm memory, MB",
        ],
        &mem_rows,
    );
    let (p10, p50) = (point(1, |m| m.heap).median, point(3, |m| m.heap).median);
    let (n10, n50) = (point(1, |m| m.nodes).median, point(3, |m| m.nodes).median);
    let bounded = p50 <= p10 * 1.1 && n50 <= n10 * 1.1;
    let scroll = Stat::of(&feeds.iter().map(|(_, s)| s / 1000.0).collect::<Vec<_>>());

    // What Chromium asked for and what it got.
    let accept = app[0]
        .log
        .first()
        .map_or(String::new(), |l| l.accept_encoding.clone());
    let served = ["br", "gzip"]
        .iter()
        .map(|coding| {
            let n = app[0].log.iter().filter(|l| l.encoding == Some(coding)).count();
            (n, format!("{coding} for {n} requests"))
        })
        .filter(|(n, _)| *n > 0)
        .map(|(_, what)| what)
        .chain(
            app[0]
                .log
                .iter()
                .filter(|l| l.encoding.is_none())
                .map(|l| format!("uncompressed for `{}`", l.path)),
        )
        .collect::<Vec<_>>();
    let left = point(4, |m| m.nodes).median;
    let left_heap = point(4, |m| m.heap).median;
    let fresh = point(5, |m| m.nodes).median;

    let goals = format!(
        "- Headline within 1.5× the static file: {} (×{ratio_fast:.2} on loopback, ×{ratio_slow:.2} on slow 4G with a {CPU_SLOWDOWN}× slower CPU).\n\
         - No layout shift through load and scroll: {} (khabar {}, static {}; medians, max {}).\n\
         - {} blocks within 3× the static file: {} (×{ratio_long:.2}).\n\
         - Feed memory bounded (JS heap and DOM): {} — from page 10 to page 50 the JS heap goes {} → {} MB and the DOM {} → {} nodes, \
         about {:.2} KB of JS heap, {:.1} DOM nodes and {:.2} KB of wasm memory per card: {}. \
         Leaving the feed for an article by a client route change keeps {} DOM nodes (a new load of that article has {}) and {} MB of JS heap alive, \
         and the wasm memory, which never shrinks, stays at its high-water mark.\n",
        yes(ratio_fast <= 1.5 && ratio_slow <= 1.5),
        yes(cls_zero),
        shift(shifts_total.0.median),
        shift(shifts_total.1.median),
        shift(shifts_total.0.max),
        count(LONG_BLOCKS as f64),
        yes(ratio_long <= 3.0),
        yes(bounded),
        mb(p10),
        mb(p50),
        count(n10),
        count(n50),
        heap_card.median / 1000.0,
        nodes_card.median,
        wasm_card.median / 1000.0,
        if bounded {
            "only the pages near the viewport are in the document (the feed window), and what leaves it is \
             freed; the wasm memory still grows with the cards loaded, since every loaded page's data is \
             kept (its response text in the fetch cache, its parsed cards in its resource) so that scrolling \
             back costs no request"
        } else if point(3, |m| m.cards).median <= point(1, |m| m.cards).median {
            "the document holds only the pages near the viewport (the feed window), but DOM nodes \
             taken out of it are still alive after GC, and the wasm memory grows with the cards loaded"
        } else {
            "every loaded page stays in the DOM and in memory"
        },
        count(left),
        count(fresh),
        mb(left_heap),
    );

    println!(
        "\nkhabar bench: the article `{ARTICLE}` and its static HTML copy, cold cache, medians (min–max)\n"
    );
    println!("{speed}");
    println!("{memory_table}");
    println!("Goals:\n{goals}");

    let mut md = String::new();
    let _ = writeln!(md, "# khabar bench results\n");
    let _ = writeln!(
        md,
        "Written by `make bench` (benches/page/main.rs); numbers from one run on this machine. \
         They are measured, not asserted: a slower machine gives larger times, the ratios are what to compare.\n"
    );
    let _ = writeln!(md, "## Machine\n\n{}", report::machine(&browser));
    let _ = writeln!(
        md,
        "## Method\n\n\
- **Server:** the end-to-end tests' static server (tests/e2e/support/server.rs) on 127.0.0.1, serving the \
release build in `dist/` with its precompressed copies as a production server would (`.br` when the request \
accepts brotli, else `.gz`); the pages the bench generates get the same brotli and gzip copies \
(scripts/precompress.mjs). Every answer has `Cache-Control: no-store`. Chromium sent \
`Accept-Encoding: {accept}` over http://127.0.0.1; the first khabar article load was answered with {}.\n\
- **Browser:** headless Chromium over chromedriver, {WIDTH}×{HEIGHT} CSS px, device scale 1. Every page load \
gets a new browser with a new profile, so the HTTP cache and V8's code cache are cold. Each browser first \
opens a blank page of the same origin, then the measured page.\n\
- **khabar** is `/article/{ARTICLE}` (the app: `index.html`, JS, wasm, CSS, then `site.json`, then the \
article JSON). **Static HTML** is the same article written by the bench from the same JSON as one HTML file \
(benches/page/generate.rs): site header, headline, lede, hero figure, category, byline, date, body, footer, \
the build's own CSS files, no script; the share bar and related news, which need script, are left out. \
Text is HTML-escaped.\n\
- **Headline painted:** the Element Timing entry of the headline (`<h1 elementtiming=\"headline\">`, \
`renderTime`, milliseconds from navigation start), read through a buffered `PerformanceObserver`.\n\
- **Slow 4G + {CPU_SLOWDOWN}× CPU:** Chrome DevTools protocol through chromedriver \
(`goog/cdp/execute`): `Network.emulateNetworkConditions` with DevTools' Slow 4G preset \
({SLOW_4G_LATENCY_MS} ms latency, {:.0} B/s down, {:.0} B/s up) and `Emulation.setCPUThrottlingRate` \
{CPU_SLOWDOWN}, set on the blank page before the measured navigation.\n\
- **Layout shift:** the sum of `layout-shift` entries without recent input (buffered observer), through load \
(until the document, its eager images and any busy placeholder are done) and then through a scroll to the \
bottom in 300 px steps, a wait for what loads there (related news, lazy images), and a scroll back to the top.\n\
- **Bytes before the headline:** `transferSize` (headers + compressed body) of the navigation and of every \
resource whose `responseEnd` is at or before the headline's render time.\n\
- **{} blocks:** an article with the sample article's header and hero and {LONG_BLOCKS} text blocks cycled \
from every sample article (paragraphs with links, strong and emphasis, headings, quotes, see-also lines; \
{} KB of JSON, {} KB as static HTML, both compressed on the wire), checked with the app's own rules, served in \
place of `content/articles/{LONG}.json`; loopback network.\n\
- **Feed memory:** the home feed replaced by {FEED_PAGES} pages of {FEED_CARDS} cards ({} cards, sample cards \
cycled, each page chained to the next by `next`). The browser opens `/`, then scrolls to the bottom until \
every page has loaded (the app loads the next page when its placeholder comes within a viewport, and keeps \
only the pages within three viewports in the document). At each \
point: `HeapProfiler.collectGarbage` twice, then `Performance.getMetrics` (`JSHeapUsedSize`, `Nodes`, \
`JSEventListeners`), the elements in the document, and the size of the wasm linear memory (`memory.buffer.byteLength` of the exports \
Trunk's loader passes in its `TrunkApplicationStarted` event, captured with \
`Page.addScriptToEvaluateOnNewDocument`). The wasm memory is where the app's Rust heap lives; it can grow \
but never shrink, so it shows the high-water mark. Then a card's link is clicked (a client-side route \
change to its article) and, for comparison, the same article is loaded anew. Scrolling through the \
{FEED_PAGES} pages took {} s (median).\n\
- **Runs:** {} loads of each page on loopback, {} throttled, {} of the long article, {} feed runs; medians \
with (min–max). Ratios are of medians.\n",
        served.join(", "),
        SLOW_4G_DOWN,
        SLOW_4G_UP,
        count(LONG_BLOCKS as f64),
        kb(long_json.len() as f64),
        kb(long_html_size as f64),
        count((FEED_PAGES * FEED_CARDS) as f64),
        scroll.show(|v| format!("{v:.0}")),
        runs.fast,
        runs.throttled,
        runs.long,
        runs.feed,
    );
    let _ = writeln!(md, "## Results\n\n{speed}\n{memory_table}");
    let _ = writeln!(md, "## Goals\n\n{goals}");
    let _ = writeln!(
        md,
        "## What comes before the headline\n\nFirst run of each page; times from navigation start. {}\n\n\
         ### khabar, loopback\n\n{}\n### static HTML, loopback\n\n{}\n\
         ### khabar, slow 4G + {CPU_SLOWDOWN}× CPU\n\n{}\n### static HTML, slow 4G + {CPU_SLOWDOWN}× CPU\n\n{}",
        waterfall(&app_slow[0]),
        files_before(&app[0]),
        files_before(&html[0]),
        files_before(&app_slow[0]),
        files_before(&html_slow[0]),
    );
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/results.md");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, md).expect("write bench/results.md");
    println!(
        "Wrote {} in {:.0} s.",
        path.display(),
        started.elapsed().as_secs_f64()
    );
}
