//! `make bench-publish`: publishing at newsroom scale. For each archive size (2,000, 20,000 and
//! 100,000 articles, or `KHABAR_BENCH_SIZES`), made from the sample articles under new slugs,
//! it publishes into a copy of the build (`dist/`, from `make build`) with the optimised
//! publisher (`target/publisher/khabar-content`), and measures the wall time and the peak memory
//! of a full publish, then of one new article, one edited article and one removed article
//! published into it. Prints a table and writes bench/publish.md. Not part of `make test`.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// The goals of the issue "Publishing like a newsroom", on 2 cores.
const FULL_GOAL_S: f64 = 60.0;
const FULL_GOAL_AT: usize = 20_000;
const ONE_GOAL_S: f64 = 2.0;
const MEMORY_GOAL_MB: f64 = 256.0;
const MEMORY_GOAL_AT: usize = 100_000;

/// One run of the publisher.
struct Run {
    seconds: f64,
    peak_mb: f64,
    summary: String,
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `khabar-content publish content dist`, polling its peak resident memory (VmHWM).
fn publish(publisher: &Path, content: &Path, dist: &Path) -> Run {
    let started = Instant::now();
    let mut child = Command::new(publisher)
        .arg("publish")
        .arg(content)
        .arg(dist)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{}: {e}", publisher.display()));
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0u64;
    let status = loop {
        if let Ok(text) = fs::read_to_string(&status_file) {
            if let Some(kb) = text
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            {
                peak_kb = peak_kb.max(kb);
            }
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let seconds = started.elapsed().as_secs_f64();
    let mut out = String::new();
    std::io::Read::read_to_string(&mut child.stdout.take().unwrap(), &mut out).unwrap();
    assert!(status.success(), "publishing failed: {out}");
    Run {
        seconds,
        peak_mb: peak_kb as f64 / 1000.0,
        summary: out
            .lines()
            .last()
            .unwrap_or("")
            .split(": ")
            .last()
            .unwrap_or("")
            .to_string(),
    }
}

/// The sample articles, as JSON.
fn samples() -> Vec<Value> {
    let dir = repo().join("content/articles");
    let mut names: Vec<PathBuf> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    names
        .iter()
        .map(|p| serde_json::from_str(&fs::read_to_string(p).unwrap()).unwrap())
        .collect()
}

/// The `i`-th generated article: a sample under the slug `{slug}-{i}`, published `at`, without
/// the sample's hand-picked related stories (publishing chooses them) or update.
fn generated(samples: &[Value], i: usize, at: &str) -> (String, String) {
    let mut article = samples[i % samples.len()].clone();
    let slug = format!("{}-{i}", article["slug"].as_str().unwrap());
    article["slug"] = Value::String(slug.clone());
    article["published"] = Value::String(at.into());
    let fields = article.as_object_mut().unwrap();
    fields.remove("related_slugs");
    fields.remove("updated");
    (slug, article.to_string())
}

/// When the `i`-th generated article of an archive was published: one every 30 minutes (48 a
/// day, a newsroom's pace) back from the sample's oldest, so that 100,000 span some six years.
fn archive_time(i: usize) -> String {
    // 2026-10-01T00:00:00Z, before every sample article.
    let start: i64 = 1_790_812_800;
    let t = start - 1800 * (i as i64 + 1);
    let (days, secs) = (t.div_euclid(86_400), t.rem_euclid(86_400));
    let (y, m, d) = khabar::content::validate::civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:00Z",
        secs / 3600,
        secs % 3600 / 60
    )
}

/// The story a newsroom publishes next: newer than every other.
const NEWEST: &str = "2026-12-01T08:00:00+03:00";

/// A content folder of `n` articles: the sample folder and `n` − 18 generated ones.
fn content_of(n: usize, at: &Path, samples: &[Value]) {
    let _ = fs::remove_dir_all(at);
    copy(&repo().join("content"), at);
    for i in 0..n.saturating_sub(samples.len()) {
        let (slug, json) = generated(samples, i, &archive_time(i));
        fs::write(at.join(format!("articles/{slug}.json")), json).unwrap();
    }
}

fn copy(from: &Path, to: &Path) {
    let status = Command::new("cp").arg("-a").arg(from).arg(to).status().unwrap();
    assert!(status.success(), "cp -a {} {}", from.display(), to.display());
}

fn main() {
    let root = repo();
    let publisher = root.join("target/publisher/khabar-content");
    assert!(
        publisher.is_file(),
        "no {}: run make bench-publish",
        publisher.display()
    );
    let dist = root.join("dist");
    assert!(
        dist.join("shell.html").is_file() || dist.join("index.html").is_file(),
        "no build in dist/: run make build"
    );
    let sizes: Vec<usize> = std::env::var("KHABAR_BENCH_SIZES")
        .unwrap_or_else(|_| "2000,20000,100000".into())
        .split(',')
        .map(|s| {
            s.trim()
                .parse()
                .expect("KHABAR_BENCH_SIZES: numbers, comma-separated")
        })
        .collect();
    let work = std::env::temp_dir().join(format!("khabar-bench-publish-{}", std::process::id()));
    let samples = samples();
    let mut rows = Vec::new();
    for &n in &sizes {
        fs::create_dir_all(&work).unwrap();
        let (content, site) = (work.join("content"), work.join("dist"));
        content_of(n, &content, &samples);
        let _ = fs::remove_dir_all(&site);
        copy(&dist, &site);
        let _ = fs::remove_file(site.join(".khabar-publish"));
        let full = publish(&publisher, &content, &site);
        eprintln!(
            "{n}: full publish {:.1} s, {:.0} MB: {}",
            full.seconds, full.peak_mb, full.summary
        );
        let (slug, json) = generated(&samples, n + 1, NEWEST);
        fs::write(content.join(format!("articles/{slug}.json")), json).unwrap();
        let added = publish(&publisher, &content, &site);
        eprintln!("{n}: one new article {:.2} s: {}", added.seconds, added.summary);
        let edited_file = content.join(format!("articles/{slug}.json"));
        let mut article: Value = serde_json::from_str(&fs::read_to_string(&edited_file).unwrap()).unwrap();
        article["title"] = Value::String("عنوان معدّل للقياس".into());
        fs::write(&edited_file, article.to_string()).unwrap();
        let edited = publish(&publisher, &content, &site);
        eprintln!(
            "{n}: one edited article {:.2} s: {}",
            edited.seconds, edited.summary
        );
        fs::remove_file(&edited_file).unwrap();
        let removed = publish(&publisher, &content, &site);
        eprintln!(
            "{n}: one removed article {:.2} s: {}",
            removed.seconds, removed.summary
        );
        rows.push((n, full, added, edited, removed));
        fs::remove_dir_all(&work).unwrap();
    }
    let report = report(&rows);
    print!("{report}");
    fs::write(root.join("bench/publish.md"), &report).unwrap();
    eprintln!("wrote bench/publish.md");
}

/// The table, the goals and how the figures were made.
fn report(rows: &[(usize, Run, Run, Run, Run)]) -> String {
    let mut out = String::from(
        "# Publishing at scale (`make bench-publish`)\n\n\
         Each archive is the sample content and sample articles under new slugs, published one\n\
         every 30 minutes back from the samples; the new article is the newest, the edited and\n\
         the removed one that same article. Each run is `target/publisher/khabar-content publish`\n\
         (the optimised publisher) into a copy of the build, which writes the feed pages and\n\
         related lists as well as the pages. Wall time, and the peak resident memory (VmHWM) of\n\
         the publisher.\n\n\
         | articles | full publish | peak | one new article | one edited | one removed | peak (incremental) |\n\
         |---|---|---|---|---|---|---|\n",
    );
    for (n, full, added, edited, removed) in rows {
        let peak = [added, edited, removed]
            .iter()
            .map(|r| r.peak_mb)
            .fold(0.0, f64::max);
        writeln!(
            out,
            "| {n} | {:.1} s | {:.0} MB | {:.2} s | {:.2} s | {:.2} s | {peak:.0} MB |",
            full.seconds, full.peak_mb, added.seconds, edited.seconds, removed.seconds
        )
        .unwrap();
    }
    out.push_str("\nWhat each run wrote:\n\n");
    for (n, full, added, edited, removed) in rows {
        writeln!(
            out,
            "- {n}: full: {}; new: {}; edited: {}; removed: {}",
            full.summary, added.summary, edited.summary, removed.summary
        )
        .unwrap();
    }
    let at = |size: usize| rows.iter().find(|r| r.0 == size);
    let met = |ok: Option<bool>| match ok {
        Some(true) => "met",
        Some(false) => "not met",
        None => "not measured (size not run)",
    };
    let full_ok = at(FULL_GOAL_AT).map(|r| r.1.seconds <= FULL_GOAL_S);
    let one_ok = at(FULL_GOAL_AT).map(|r| r.2.seconds <= ONE_GOAL_S);
    let memory_ok = at(MEMORY_GOAL_AT).map(|r| {
        [&r.1, &r.2, &r.3, &r.4]
            .iter()
            .all(|run| run.peak_mb <= MEMORY_GOAL_MB)
    });
    writeln!(
        out,
        "\nGoals (2 cores):\n\n\
         - full publish of {FULL_GOAL_AT} articles ≤ {FULL_GOAL_S} s: {}\n\
         - one new article into {FULL_GOAL_AT} ≤ {ONE_GOAL_S} s: {}\n\
         - peak memory ≤ {MEMORY_GOAL_MB} MB at {MEMORY_GOAL_AT}: {}\n\n\
         Machine: {} cores. Readers during publishing are not measured here: \
         tests/e2e/publishing.rs runs a reader loop against nginx through full, incremental \
         and killed publishes of the sample site (0 failed answers).\n",
        met(full_ok),
        met(one_ok),
        met(memory_ok),
        std::thread::available_parallelism().map_or(1, |n| n.get()),
    )
    .unwrap();
    out
}
