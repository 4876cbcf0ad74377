//! Publishing into a live site (issue 25): nginx (deploy/nginx) serves a copy of the build while
//! readers request its pages, the JSON they name and the feeds in a loop, each plain, brotli and
//! gzip, and `khabar-content publish` runs in it again and again: with an article added and one
//! edited, with them taken back out, and once killed halfway. Every answer is a 200 and whole
//! (a page that ends, JSON that parses, a copy that decodes to such a file), before, during and
//! after; what a run no longer publishes is gone.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};

use crate::deploy::Nginx;
use crate::support::copy_tree;
use crate::support::server::dist_dir;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The paths the readers ask for: they are published by both versions of the content.
const PATHS: [&str; 11] = [
    "/",
    "/article/desert-solar-grid-expansion",
    "/article/cabinet-reshuffle-three-ministries",
    "/category/politics",
    "/content/site.json",
    "/content/articles/cabinet-reshuffle-three-ministries.json",
    "/content/feeds/home/latest.json",
    "/content/images/logo.svg",
    "/rss/home.xml",
    "/sitemap.xml",
    "/sitemaps/articles-1.xml",
];

/// The article the second version adds, and the one it edits.
const ADDED: &str = "night-trains-return-to-the-coast";
const EDITED: &str = "cabinet-reshuffle-three-ministries";

/// Whether `body` is the whole of what `path` names; why not, if not.
fn whole(path: &str, body: &[u8]) -> Result<(), String> {
    let text = std::str::from_utf8(body).map_err(|e| format!("not UTF-8: {e}"))?;
    let ends = |end: &str| {
        if text.trim_end().ends_with(end) {
            Ok(())
        } else {
            Err(format!("{} bytes, not ending in {end}", body.len()))
        }
    };
    if path.ends_with(".json") {
        serde_json::from_str::<Value>(text)
            .map(|_| ())
            .map_err(|e| format!("{} bytes, not JSON: {e}", body.len()))
    } else if path.ends_with(".svg") {
        ends("</svg>")
    } else if path == "/sitemap.xml" {
        ends("</sitemapindex>")
    } else if path.starts_with("/sitemaps/") {
        ends("</urlset>")
    } else if path.ends_with(".xml") {
        ends("</rss>")
    } else {
        ends("</html>")
    }
}

/// One reader's request, checked: its failure, if it failed.
fn ask(nginx: &Nginx, path: &str, encoding: Option<&str>) -> Option<String> {
    let headers: Vec<(&str, &str)> = encoding.map(|e| ("Accept-Encoding", e)).into_iter().collect();
    let answer = nginx.request(path, &headers);
    if answer.status != 200 {
        return Some(format!("{}: status {}", answer.what, answer.status));
    }
    let mut body = Vec::new();
    let decoded = match answer.header("content-encoding") {
        Some("br") => brotli::Decompressor::new(&answer.body[..], 4096)
            .read_to_end(&mut body)
            .map(|_| body),
        Some("gzip") => flate2::read::GzDecoder::new(&answer.body[..])
            .read_to_end(&mut body)
            .map(|_| body),
        _ => Ok(answer.body.clone()),
    };
    match decoded
        .map_err(|e| format!("does not decode: {e}"))
        .and_then(|b| whole(path, &b))
    {
        Ok(()) => None,
        Err(e) => Some(format!("{}: {e}", answer.what)),
    }
}

/// The publisher, built as `make publish` builds it (and copied: other tests' builds of the
/// same binary may replace it while this one runs).
fn publisher(tmp: &Path) -> PathBuf {
    let out = Command::new("cargo")
        .current_dir(repo())
        .args([
            "build",
            "--quiet",
            "--profile",
            "publisher",
            "--no-default-features",
            "--features",
            "cli,ssr",
            "--bin",
            "khabar-content",
        ])
        .output()
        .expect("cargo build");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let target = std::env::var("CARGO_TARGET_DIR").map_or_else(|_| repo().join("target"), PathBuf::from);
    let copy = tmp.join("khabar-content");
    fs::copy(target.join("publisher/khabar-content"), &copy).unwrap();
    copy
}

#[test]
fn readers_get_every_page_and_file_whole_while_the_site_publishes_and_a_killed_run_leaves_it_whole() {
    let tmp = std::env::temp_dir().join(format!("khabar-live-publish-{}", std::process::id()));
    let _ = fs::remove_dir_all(&tmp);
    fs::create_dir_all(&tmp).unwrap();
    let bin = publisher(&tmp);
    let (site, first, second) = (tmp.join("site"), tmp.join("first"), tmp.join("second"));
    copy_tree(&dist_dir(), &site);
    copy_tree(&repo().join("content"), &first);
    copy_tree(&repo().join("content"), &second);
    // The second version: one article more, and one edited.
    let read = |p: PathBuf| -> Value { serde_json::from_str(&fs::read_to_string(p).unwrap()).unwrap() };
    let mut added = read(second.join("articles/desert-solar-grid-expansion.json"));
    added["slug"] = json!(ADDED);
    added["title"] = json!("عودة قطارات الليل إلى مدن الساحل بعد توقف دام عشر سنوات");
    added["published"] = json!("2026-12-06T21:00:00+03:00");
    added.as_object_mut().unwrap().remove("updated");
    added.as_object_mut().unwrap().remove("related");
    fs::write(second.join(format!("articles/{ADDED}.json")), added.to_string()).unwrap();
    let mut edited = read(second.join(format!("articles/{EDITED}.json")));
    edited["summary"] = json!("نص محدّث للملخص بعد مراجعة المحرر.");
    fs::write(second.join(format!("articles/{EDITED}.json")), edited.to_string()).unwrap();

    let publish = |content: &Path| {
        let out = Command::new(&bin)
            .arg("publish")
            .arg(content)
            .arg(&site)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    };
    publish(&first);
    let nginx = Arc::new(Nginx::serving(&site));
    let stop = Arc::new(AtomicBool::new(false));
    let failures = Arc::new(Mutex::new(Vec::<String>::new()));
    let answers = Arc::new(Mutex::new(0usize));
    let readers: Vec<_> = (0..2)
        .map(|reader| {
            let (nginx, stop, failures, answers) =
                (nginx.clone(), stop.clone(), failures.clone(), answers.clone());
            std::thread::spawn(move || {
                // Bounded: the publishing below ends it long before, in any case.
                for round in 0..20_000usize {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let path = PATHS[(round + reader * 5) % PATHS.len()];
                    let encoding = [Some("br"), Some("gzip"), None][(round / PATHS.len()) % 3];
                    if let Some(failure) = ask(&nginx, path, encoding) {
                        failures.lock().unwrap().push(failure);
                    }
                    *answers.lock().unwrap() += 1;
                }
            })
        })
        .collect();
    for _ in 0..3 {
        publish(&second);
        assert!(site.join(format!("article/{ADDED}.html.br")).is_file());
        publish(&first);
        assert!(
            !site.join(format!("article/{ADDED}.html")).exists(),
            "a removed article's page stays"
        );
    }
    // A run killed halfway through publishing the second version: what it leaves is whole, and
    // the next run completes it.
    let mut killed = Command::new(&bin)
        .arg("publish")
        .arg(&second)
        .arg(&site)
        .spawn()
        .unwrap();
    // The optimised publisher publishes this change in some 50 ms: killed 15 ms in, as it
    // checks the folder or writes.
    std::thread::sleep(Duration::from_millis(15));
    let _ = killed.kill();
    let _ = killed.wait();
    std::thread::sleep(Duration::from_millis(300));
    publish(&second);
    publish(&first);
    std::thread::sleep(Duration::from_millis(300));
    stop.store(true, Ordering::Relaxed);
    for reader in readers {
        reader.join().unwrap();
    }
    let failures = failures.lock().unwrap();
    let answers = *answers.lock().unwrap();
    assert!(
        failures.is_empty(),
        "{} of {answers} answers failed: {:#?}",
        failures.len(),
        &failures[..failures.len().min(20)]
    );
    assert!(answers > 200, "only {answers} answers");
    eprintln!("live publishing: {answers} answers, all 200 and whole, through 9 publishes and a killed one");

    // What the first version does not publish is gone: the added article's page, its copies,
    // its JSON, its sitemap entry and feed item; nginx answers its JSON with a 404.
    for gone in ["html", "html.br", "html.gz"] {
        assert!(
            !site.join(format!("article/{ADDED}.{gone}")).exists(),
            "article/{ADDED}.{gone}"
        );
    }
    assert!(!site.join(format!("content/articles/{ADDED}.json")).exists());
    assert_eq!(
        nginx
            .request(&format!("/content/articles/{ADDED}.json"), &[])
            .status,
        404
    );
    for listing in ["sitemaps/articles-1.xml", "rss/home.xml"] {
        assert!(
            !fs::read_to_string(site.join(listing)).unwrap().contains(ADDED),
            "{listing}"
        );
    }
    assert!(
        walk(&site).iter().all(|f| !f.contains(".khabar-new")),
        "a half-written file was left"
    );
    drop(nginx);
    fs::remove_dir_all(&tmp).unwrap();
}

fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if entry.file_type().unwrap().is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path.display().to_string());
        }
    }
    out
}
