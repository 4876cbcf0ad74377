//! The report: numbers written for reading, the tables, the machine the numbers come from, and
//! bench/results.md.

use std::fmt::Write as _;
use std::process::Command;
use std::time::Instant;

use serde_json::Value;

use crate::measure::{Feed, Load, Measured, Memory, FEED_POINTS};
use crate::stats::{self, ratio, stat, Stat};
use crate::{
    Runs, ARTICLE, CPU_SLOWDOWN, FEED_CARDS, FEED_PAGES, HEIGHT, LONG, LONG_BLOCKS, SLOW_4G_DOWN,
    SLOW_4G_LATENCY_MS, SLOW_4G_UP, WIDTH,
};

pub fn ms(v: f64) -> String {
    format!("{v:.0}")
}

pub fn kb(v: f64) -> String {
    format!("{:.1}", v / 1000.0)
}

pub fn mb(v: f64) -> String {
    format!("{:.1}", v / 1_000_000.0)
}

/// One decimal, without a minus sign on what rounds to zero.
pub fn tenths(v: f64) -> String {
    format!("{:.1}", (v * 10.0).round() / 10.0 + 0.0)
}

pub fn shift(v: f64) -> String {
    format!("{v:.3}")
}

pub fn count(v: f64) -> String {
    let s = format!("{:.0}", v + 0.0);
    let (sign, digits) = s.strip_prefix('-').map_or(("", s.as_str()), |d| ("-", d));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}")
}

/// A markdown table, its columns padded so it also reads well in a terminal.
pub fn table(head: &[&str], rows: &[Vec<String>]) -> String {
    let width = |i: usize| {
        rows.iter()
            .map(|r| r[i].chars().count())
            .chain([head[i].chars().count()])
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..head.len()).map(width).collect();
    let line = |cells: Vec<String>| {
        let cells: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect();
        format!("| {} |\n", cells.join(" | "))
    };
    let mut out = line(head.iter().map(|h| h.to_string()).collect());
    out.push_str(&line(widths.iter().map(|w| "-".repeat(*w)).collect()));
    for r in rows {
        out.push_str(&line(r.clone()));
    }
    out
}

fn command(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn file_field(path: &str, key: &str) -> Option<String> {
    std::fs::read_to_string(path).ok()?.lines().find_map(|l| {
        let (k, v) = l.split_once([':', '='])?;
        (k.trim() == key).then(|| v.trim().trim_matches('"').to_string())
    })
}

/// The machine, browser and code the numbers come from, as markdown list items.
pub fn machine(browser: &str) -> String {
    let root = env!("CARGO_MANIFEST_DIR");
    let cpu = file_field("/proc/cpuinfo", "model name").unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let ram = file_field("/proc/meminfo", "MemTotal")
        .and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok())
        .map_or("unknown".into(), |kib| {
            format!("{:.1} GiB", kib / 1024.0 / 1024.0)
        });
    let os = file_field("/etc/os-release", "PRETTY_NAME").unwrap_or_else(|| "unknown OS".into());
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    let driver = command(
        &std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into()),
        &["--version"],
    )
    .and_then(|v| v.split_whitespace().nth(1).map(str::to_string))
    .unwrap_or_else(|| "unknown".into());
    let commit =
        command("git", &["-C", root, "log", "-1", "--format=%h (%cs)"]).unwrap_or_else(|| "unknown".into());
    let date = command("date", &["-u", "+%Y-%m-%d %H:%M UTC"]).unwrap_or_default();
    let dist = crate::support::server::dist_dir();
    let wasm = std::fs::read_dir(&dist)
        .ok()
        .and_then(|d| {
            d.filter_map(|e| e.ok())
                .find(|e| e.file_name().to_string_lossy().ends_with("_bg.wasm"))
        })
        .map(|e| {
            let size = e.metadata().map(|m| m.len()).unwrap_or(0);
            format!("{} ({} KB)", e.file_name().to_string_lossy(), size / 1000)
        })
        .unwrap_or_else(|| "no wasm".into());
    let mut out = String::new();
    let _ = writeln!(out, "- CPU: {cpu}, {cores} cores available");
    let _ = writeln!(out, "- RAM: {ram}");
    let _ = writeln!(out, "- OS: {os}, Linux {}", kernel.trim());
    let _ = writeln!(out, "- Browser: {browser} (headless), chromedriver {driver}");
    let _ = writeln!(out, "- Code: commit {commit}; release build in dist/, {wasm}");
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load: Vec<&str> = load.split_whitespace().take(3).collect();
    let _ = writeln!(
        out,
        "- Run: {date}; load average at the end (1, 5, 15 min): {} (other work on the machine adds noise)",
        load.join(", ")
    );
    out
}

/// The goals (issue "Static publishing"): the published page's headline within 1.1× the static
/// file's, its bytes before the headline within 1.5×, the 2,000-block article within 1.2×.
const HEADLINE_GOAL: f64 = 1.1;
const BYTES_GOAL: f64 = 1.5;
const LONG_GOAL: f64 = 1.2;

/// "yes" when a goal is met.
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

/// Prints the tables and the goals, and writes bench/results.md.
pub fn write(measured: &Measured, runs: &Runs, started: Instant) {
    let report = Report::of(measured, runs);
    print!("{}", report.printed());
    let path = save(&report.results(&machine(&measured.browser)));
    println!(
        "Wrote {} in {:.0} s.",
        path.display(),
        started.elapsed().as_secs_f64()
    );
}

/// Writes bench/results.md, and says where it is.
fn save(results: &str) -> std::path::PathBuf {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/results.md");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, results).expect("write bench/results.md");
    path
}

/// The report of one bench run: its tables and goals, printed and written to bench/results.md.
struct Report<'a> {
    measured: &'a Measured,
    runs: &'a Runs,
    /// The speed table and the memory table, a blank line between them.
    tables: String,
    goals: String,
}

impl<'a> Report<'a> {
    /// The report of `measured`, its tables and goals rendered once for both uses.
    fn of(measured: &'a Measured, runs: &'a Runs) -> Report<'a> {
        let speed = Speed::of(measured);
        Report {
            measured,
            runs,
            tables: format!("{}\n{}", speed_table(&speed, runs), memory_table(&measured.feeds)),
            goals: goals(&speed, &measured.feeds),
        }
    }

    /// What the bench prints: a title, the tables and the goals.
    fn printed(&self) -> String {
        format!(
            "\nkhabar bench: the article `{ARTICLE}` and its static HTML copy, cold cache, medians (min–max)\n\n\
             {}\nGoals:\n{}\n",
            self.tables, self.goals
        )
    }

    /// bench/results.md, with `machine` (from [`machine`]) as its Machine section.
    fn results(&self, machine: &str) -> String {
        let mut md = String::new();
        let _ = writeln!(md, "# khabar bench results\n");
        let _ = writeln!(
            md,
            "Written by `make bench` (benches/page/main.rs); numbers from one run on this machine. \
             They are measured, not asserted: a slower machine gives larger times, the ratios are what to compare.\n"
        );
        let _ = writeln!(md, "## Machine\n\n{machine}");
        let _ = writeln!(md, "## Method\n\n{}", method(self.measured, self.runs));
        let _ = writeln!(md, "## Results\n\n{}", self.tables);
        let _ = writeln!(md, "## Goals\n\n{}", self.goals);
        let _ = writeln!(
            md,
            "## What comes before the headline\n\n{}",
            before_headline(self.measured)
        );
        md
    }
}

/// The sample article's and the long article's loads summarized, khabar's and the static
/// page's side by side.
struct Speed {
    headline: (Stat, Stat),
    slow: (Stat, Stat),
    /// When both pages reported a first contentful paint.
    fcp: Option<(Stat, Stat)>,
    shifts_load: (Stat, Stat),
    shifts_total: (Stat, Stat),
    bytes: (Stat, Stat),
    long: (Stat, Stat),
}

impl Speed {
    /// The medians (min–max) of `measured`'s article loads.
    fn of(measured: &Measured) -> Speed {
        let Measured {
            app,
            html,
            app_slow,
            html_slow,
            app_long,
            html_long,
            ..
        } = measured;
        let fcp = |loads: &[Load]| {
            let v: Vec<f64> = loads.iter().filter_map(|l| l.fcp).collect();
            (!v.is_empty()).then(|| Stat::of(&v))
        };
        Speed {
            headline: (stat(app, |l| l.headline), stat(html, |l| l.headline)),
            slow: (stat(app_slow, |l| l.headline), stat(html_slow, |l| l.headline)),
            fcp: fcp(app).zip(fcp(html)),
            shifts_load: (
                stat(app, |l| l.shifts.unwrap().0),
                stat(html, |l| l.shifts.unwrap().0),
            ),
            shifts_total: (
                stat(app, |l| l.shifts.unwrap().1),
                stat(html, |l| l.shifts.unwrap().1),
            ),
            bytes: (stat(app, |l| l.bytes), stat(html, |l| l.bytes)),
            long: (stat(app_long, |l| l.headline), stat(html_long, |l| l.headline)),
        }
    }
}

/// khabar's median over the static page's.
fn over((app, html): (Stat, Stat)) -> f64 {
    ratio(app, html)
}

/// The speed table: each measure's median (min–max) for khabar and for the static page, their
/// ratio, and the goal with whether it is met.
fn speed_table(speed: &Speed, runs: &Runs) -> String {
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
    let (fast, slow, long) = (over(speed.headline), over(speed.slow), over(speed.long));
    let mut rows = vec![
        row(
            "headline painted, ms",
            runs.fast,
            speed.headline,
            ms,
            format!("{fast:.2}"),
            "≤ 1.1",
            yes(fast <= HEADLINE_GOAL),
        ),
        row(
            &format!("headline painted, slow 4G + {CPU_SLOWDOWN}× CPU, ms"),
            runs.throttled,
            speed.slow,
            ms,
            format!("{slow:.2}"),
            "≤ 1.1",
            yes(slow <= HEADLINE_GOAL),
        ),
    ];
    if let Some(fcp) = speed.fcp {
        rows.push(row(
            "first contentful paint, ms",
            runs.fast,
            fcp,
            ms,
            format!("{:.2}", over(fcp)),
            "–",
            "–".into(),
        ));
    }
    rows.extend([
        row(
            "layout shift through load",
            runs.fast,
            speed.shifts_load,
            shift,
            "–".into(),
            "0",
            yes(speed.shifts_load.0.max == 0.0),
        ),
        row(
            "layout shift through load and scroll",
            runs.fast,
            speed.shifts_total,
            shift,
            "–".into(),
            "0",
            yes(speed.shifts_total.0.max == 0.0),
        ),
        row(
            "bytes before the headline, KB",
            runs.fast,
            speed.bytes,
            kb,
            format!("{:.2}", over(speed.bytes)),
            "≤ 1.5",
            yes(over(speed.bytes) <= BYTES_GOAL),
        ),
        row(
            &format!("{} blocks: headline painted, ms", count(LONG_BLOCKS as f64)),
            runs.long,
            speed.long,
            ms,
            format!("{long:.2}"),
            "≤ 1.2",
            yes(long <= LONG_GOAL),
        ),
    ]);
    table(
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
    )
}

/// The memory table: the feed's memory at each of [`FEED_POINTS`], median (min–max) over the
/// feed runs, and what each card added from the feed's first page to its last.
fn memory_table(feeds: &[Feed]) -> String {
    let point = |i: usize, f: fn(&Memory) -> f64| stats::point(feeds, i, f);
    let mut rows: Vec<Vec<String>> = FEED_POINTS
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
    let per_card = |f: fn(&Memory) -> f64| stats::per_card(feeds, f);
    rows.push(vec![
        "per card added, page 1 → 50".into(),
        "–".into(),
        per_card(|m| m.elements).show(tenths),
        format!(
            "{} KB",
            per_card(|m| m.heap).show(|v| format!("{:.2}", v / 1000.0))
        ),
        per_card(|m| m.nodes).show(tenths),
        per_card(|m| m.listeners).show(tenths),
        format!(
            "{} KB",
            per_card(|m| m.wasm).show(|v| format!("{:.2}", v / 1000.0))
        ),
    ]);
    table(
        &[
            "feed of 10,000 cards, after GC",
            "cards",
            "elements in document",
            "JS heap used, MB",
            "DOM nodes",
            "JS listeners",
            "wasm memory, MB",
        ],
        &rows,
    )
}

/// The goals as list items, each met or not, with the numbers that decide it.
fn goals(speed: &Speed, feeds: &[Feed]) -> String {
    let (fast, slow, long) = (over(speed.headline), over(speed.slow), over(speed.long));
    let shifts = speed.shifts_total;
    format!(
        "- Headline within 1.1× the static file: {} (×{fast:.2} on loopback, ×{slow:.2} on slow 4G with a {CPU_SLOWDOWN}× slower CPU).\n\
         - Bytes before the headline within 1.5× the static file's: {} (×{:.2}).\n\
         - No layout shift through load, the app's take-over and scroll: {} (khabar {}, static {}; medians, max {}).\n\
         - {} blocks within 1.2× the static file: {} (×{long:.2}).\n\
         {}",
        yes(fast <= HEADLINE_GOAL && slow <= HEADLINE_GOAL),
        yes(over(speed.bytes) <= BYTES_GOAL),
        over(speed.bytes),
        yes(shifts.0.max == 0.0),
        shift(shifts.0.median),
        shift(shifts.1.median),
        shift(shifts.0.max),
        count(LONG_BLOCKS as f64),
        yes(long <= LONG_GOAL),
        memory_goal(feeds),
    )
}

/// The feed-memory goal as a list item: whether the JS heap and the DOM stay bounded from page
/// 10 to page 50, what each card adds, and what leaving the feed keeps alive.
fn memory_goal(feeds: &[Feed]) -> String {
    let point = |i: usize, f: fn(&Memory) -> f64| stats::point(feeds, i, f).median;
    let per_card = |f: fn(&Memory) -> f64| stats::per_card(feeds, f).median;
    let (p10, p50) = (point(1, |m| m.heap), point(3, |m| m.heap));
    let (n10, n50) = (point(1, |m| m.nodes), point(3, |m| m.nodes));
    let bounded = p50 <= p10 * 1.1 && n50 <= n10 * 1.1;
    format!(
        "- Feed memory bounded (JS heap and DOM): {} — from page 10 to page 50 the JS heap goes {} → {} MB and the DOM {} → {} nodes, \
         about {:.2} KB of JS heap, {:.1} DOM nodes and {:.2} KB of wasm memory per card: {}. \
         Leaving the feed for an article by a client route change keeps {} DOM nodes (a new load of that article has {}) and {} MB of JS heap alive, \
         and the wasm memory, which never shrinks, stays at its high-water mark.\n",
        yes(bounded),
        mb(p10),
        mb(p50),
        count(n10),
        count(n50),
        per_card(|m| m.heap) / 1000.0,
        per_card(|m| m.nodes),
        per_card(|m| m.wasm) / 1000.0,
        if bounded {
            "only the pages near the viewport are in the document (the feed window), and what leaves it is \
             freed; the wasm memory still grows with the cards loaded, since every loaded page's data is \
             kept (its response text in the fetch cache, its parsed cards in its resource) so that scrolling \
             back costs no request"
        } else if point(3, |m| m.cards) <= point(1, |m| m.cards) {
            "the document holds only the pages near the viewport (the feed window), but DOM nodes \
             taken out of it are still alive after GC, and the wasm memory grows with the cards loaded"
        } else {
            "every loaded page stays in the DOM and in memory"
        },
        count(point(4, |m| m.nodes)),
        count(point(5, |m| m.nodes)),
        mb(point(4, |m| m.heap)),
    )
}

/// How the server answered one load's requests: "br for n requests, gzip for n requests,
/// uncompressed for `path`…".
fn served(load: &Load) -> String {
    ["br", "gzip"]
        .iter()
        .map(|coding| {
            let n = load.log.iter().filter(|l| l.encoding == Some(coding)).count();
            (n, format!("{coding} for {n} requests"))
        })
        .filter(|(n, _)| *n > 0)
        .map(|(_, what)| what)
        .chain(
            load.log
                .iter()
                .filter(|l| l.encoding.is_none())
                .map(|l| format!("uncompressed for `{}`", l.path)),
        )
        .collect::<Vec<_>>()
        .join(", ")
}

/// The Method section: how each number is measured, with this run's request encodings, sizes,
/// scroll time and numbers of runs.
fn method(measured: &Measured, runs: &Runs) -> String {
    // What Chromium asked for and what it got.
    let first = &measured.app[0];
    let accept = first
        .log
        .first()
        .map_or(String::new(), |l| l.accept_encoding.clone());
    let scroll = Stat::of(&measured.feeds.iter().map(|(_, s)| s / 1000.0).collect::<Vec<_>>());
    format!(
        "- **Server:** the end-to-end tests' static server (tests/e2e/support/server.rs) on 127.0.0.1, serving the \
release build in `dist/` with its precompressed copies as a production server would (`.br` when the request \
accepts brotli, else `.gz`); the pages the bench generates get the same brotli and gzip copies \
(scripts/postbuild/precompress.mjs). Every answer has `Cache-Control: no-store`. Chromium sent \
`Accept-Encoding: {accept}` over http://127.0.0.1; the first khabar article load was answered with {}.\n\
- **Browser:** headless Chromium over chromedriver, {WIDTH}×{HEIGHT} CSS px, device scale 1. Every page load \
gets a new browser with a new profile, so the HTTP cache and V8's code cache are cold. Each browser first \
opens a blank page of the same origin, then the measured page.\n\
- **khabar** is `/article/{ARTICLE}` as the site publishes it (`make publish`): the article rendered at \
build time by the app's own views into its page, with the build's CSS; once that page is painted its \
start-up script loads the app (JS, wasm, then `site.json` and the article JSON), which takes the page over. \
**Static HTML** is the same article written by the bench from the same JSON as one HTML file \
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
(until the document, its eager images and any busy placeholder are done, and the app has taken the page over) and then through a scroll to the \
bottom in 300 px steps, a wait for what loads there (related news, lazy images), and a scroll back to the top.\n\
- **Bytes before the headline:** `transferSize` (headers + compressed body) of the navigation and of every \
resource whose `responseEnd` is at or before the headline's render time.\n\
- **{} blocks:** an article with the sample article's header and hero and {LONG_BLOCKS} text blocks cycled \
from every sample article (paragraphs with links, strong and emphasis, headings, quotes, see-also lines; \
{} KB of JSON, {} KB as static HTML, both compressed on the wire), checked with the app's own rules, served in \
place of `content/articles/{LONG}.json`, and published with the sample content by `khabar-content publish` \
into a page served at `/article/{LONG}`; loopback network.\n\
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
        served(first),
        SLOW_4G_DOWN,
        SLOW_4G_UP,
        count(LONG_BLOCKS as f64),
        kb(measured.long_json_size as f64),
        kb(measured.long_html_size as f64),
        count((FEED_PAGES * FEED_CARDS) as f64),
        scroll.show(|v| format!("{v:.0}")),
        runs.fast,
        runs.throttled,
        runs.long,
        runs.feed,
    )
}

/// The section on what comes before the headline: khabar's requests on slow 4G in one sentence
/// ([`waterfall`]), then the files sent before the headline in the first run of each page, on
/// loopback and throttled ([`files_before`]).
fn before_headline(measured: &Measured) -> String {
    format!(
        "First run of each page; times from navigation start. {}\n\n\
         ### khabar, loopback\n\n{}\n### static HTML, loopback\n\n{}\n\
         ### khabar, slow 4G + {CPU_SLOWDOWN}× CPU\n\n{}\n### static HTML, slow 4G + {CPU_SLOWDOWN}× CPU\n\n{}",
        waterfall(&measured.app_slow[0]),
        files_before(&measured.app[0]),
        files_before(&measured.html[0]),
        files_before(&measured.app_slow[0]),
        files_before(&measured.html_slow[0]),
    )
}
