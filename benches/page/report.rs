//! Medians, the machine the numbers come from, and the table.

use std::fmt::Write as _;
use std::process::Command;

/// Median, minimum and maximum of several runs.
#[derive(Clone, Copy, Debug)]
pub struct Stat {
    pub median: f64,
    pub min: f64,
    pub max: f64,
}

impl Stat {
    pub fn of(values: &[f64]) -> Stat {
        assert!(!values.is_empty(), "no runs to summarize");
        let mut v = values.to_vec();
        v.sort_by(f64::total_cmp);
        let n = v.len();
        let median = if n % 2 == 1 {
            v[n / 2]
        } else {
            (v[n / 2 - 1] + v[n / 2]) / 2.0
        };
        Stat {
            median,
            min: v[0],
            max: v[n - 1],
        }
    }

    /// `median (min–max)`, each value written by `f`; just the median when every run gave it.
    pub fn show(&self, f: impl Fn(f64) -> String) -> String {
        let (median, min, max) = (f(self.median), f(self.min), f(self.max));
        if min == max {
            return median;
        }
        format!("{median} ({min}–{max})")
    }
}

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
