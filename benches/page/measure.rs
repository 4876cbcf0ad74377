//! Measuring: cold page loads (headline painted, bytes, layout shift) on loopback or a
//! throttled connection, and the memory of a page through a long feed. Each load or feed run
//! gets a new browser, so the HTTP cache and V8's code cache are cold.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::report::ms;
use crate::support::selectors::{query, query_all, within, ARTICLE_TITLE, CARD_LINK, FEED, FEED_END, WINDOW};
use crate::support::server::Logged;
use crate::support::{Browser, Reader, Server};
use crate::{
    BLANK, CPU_SLOWDOWN, FEED_CARDS, FEED_PAGES, HEIGHT, SLOW_4G_DOWN, SLOW_4G_LATENCY_MS, SLOW_4G_UP, WIDTH,
};

/// Resolves with the headline's Element Timing entry, the first contentful paint, and every
/// response completed by then (headline.js).
const HEADLINE_JS: &str = include_str!("headline.js");
/// Sums layout shifts through load, then through a scroll to the bottom and back (shifts.js).
const SHIFTS_JS: &str = include_str!("shifts.js");
/// Keeps the wasm exports Trunk's loader announces, for the size of the linear memory
/// (capture-wasm.js).
const CAPTURE_WASM: &str = include_str!("capture-wasm.js");
/// The size of the wasm linear memory, from what [`CAPTURE_WASM`] kept (wasm-memory.js).
const WASM_MEMORY_JS: &str = include_str!("wasm-memory.js");

/// The connection a page load is measured on.
#[derive(Clone, Copy, PartialEq)]
pub enum Network {
    Loopback,
    Slow4g,
}

/// One measured page load.
pub struct Load {
    pub headline: f64,
    pub fcp: Option<f64>,
    pub bytes: f64,
    pub files: Vec<Value>,
    pub shifts: Option<(f64, f64)>,
    pub log: Vec<Logged>,
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
    let b = Reader::sized(server, WIDTH, HEIGHT).await;
    b.go_to(BLANK).await;
    if network == Network::Slow4g {
        throttle(&b);
    }
    let first = server.log().len();
    b.go_to(path).await;
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
pub struct Memory {
    pub heap: f64,
    pub nodes: f64,
    pub listeners: f64,
    pub wasm: f64,
    pub cards: f64,
    pub elements: f64,
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
        .js(WASM_MEMORY_JS)
        .await
        .as_f64()
        .expect("cannot measure: no wasm memory (no TrunkApplicationStarted event seen)");
    let in_document = |css: &str| format!("return {}.length", query_all(css));
    let cards = b.js(&in_document(CARD_LINK)).await.as_f64().unwrap_or(0.0);
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

/// One feed run: the memory at each of [`FEED_POINTS`], and the milliseconds the scroll took.
pub type Feed = (Vec<Memory>, f64);

/// Everything the bench measured, for the report.
pub struct Measured {
    /// The sample article on loopback: khabar's loads, then the static page's.
    pub app: Vec<Load>,
    pub html: Vec<Load>,
    /// The same on slow 4G with a slower CPU.
    pub app_slow: Vec<Load>,
    pub html_slow: Vec<Load>,
    /// The long article.
    pub app_long: Vec<Load>,
    pub html_long: Vec<Load>,
    pub feeds: Vec<Feed>,
    /// The browser's description ([`browser`]).
    pub browser: String,
    /// The long article's JSON and static HTML, in bytes.
    pub long_json_size: usize,
    pub long_html_size: usize,
}

/// The points of a feed run where memory is measured.
pub const FEED_POINTS: [&str; 6] = [
    "home, page 1",
    "10 pages",
    "25 pages",
    "50 pages",
    "left for an article (client route)",
    "same article, new page load",
];

/// The home feed scrolled through every page: memory at each point of [`FEED_POINTS`], and the
/// time the scroll took.
pub async fn feed(server: &Server) -> Feed {
    let b = Reader::sized(server, WIDTH, HEIGHT).await;
    b.go_to(BLANK).await;
    cdp(&b, "Page.enable", json!({}));
    cdp(
        &b,
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": CAPTURE_WASM }),
    );
    cdp(&b, "Performance.enable", json!({}));
    let card_link = within(FEED, CARD_LINK);
    b.open_home_showing(&card_link).await;
    b.wait_js(&format!("{}.length >= {FEED_CARDS}", query_all(&card_link)))
        .await;
    let mut points = vec![memory(&b).await];
    let mut scrolling = Duration::ZERO;
    // Pages far from the viewport leave the document (each leaves its `.kh-window` holding its
    // height), so pages are counted by their windows, not by the cards in the document.
    let pages = format!("{}.length", query_all(&within(FEED, WINDOW)));
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
    b.wait(FEED_END).await;
    points.push(memory(&b).await);
    let article = b.attr(&card_link, "href").await.unwrap();
    b.js(&format!("{}.click()", query(&card_link))).await;
    b.wait_for_article().await;
    assert!(
        b.js("return location.pathname").await == json!(article),
        "the card link led elsewhere"
    );
    points.push(memory(&b).await);
    b.open_path(&article, ARTICLE_TITLE).await;
    points.push(memory(&b).await);
    b.close().await;
    (points, scroll_ms)
}

/// `runs` cold loads of khabar's page and of the static page, alternating, each pair reported
/// as it ends: the two lists of loads.
pub async fn alternate(
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

/// The browser's own description ("Chromium 1xx…"), from one more session.
pub async fn browser() -> String {
    let b = Browser::sized(WIDTH, HEIGHT).await;
    let version = cdp(&b, "Browser.getVersion", json!({}));
    b.close().await;
    let product = version["product"].as_str().unwrap_or("Chromium");
    product
        .replace("HeadlessChrome/", "Chromium ")
        .replace("Chrome/", "Chromium ")
}

/// Says how far the bench is, on stderr.
pub fn progress(what: &str) {
    eprintln!("bench: {what}");
}
