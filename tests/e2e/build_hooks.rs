//! The build hooks that rewrite index.html, run on pages as Trunk writes them: a release page
//! and the page `trunk serve` writes (`make serve`), which adds an inline live-reload script.

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

const START: &str = r#"<script type="module">
import init, * as bindings from '/khabar-0123456789abcdef.js';
const wasm = await init({ module_or_path: '/khabar-0123456789abcdef_bg.wasm' });
dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));
</script>"#;
const LIVE_RELOAD: &str = "<script>(function () { /* trunk serve's live reload */ })()</script>";

/// Runs scripts/external-start.mjs on a folder holding `index` as index.html, as Trunk would
/// for `profile`: whether it succeeded, the page it left, and the files in the folder.
fn external_start(index: &str, profile: &str) -> (bool, String, Vec<String>) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let run = RUNS.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("khabar-hook-{}-{run}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), index).unwrap();
    let ok = Command::new("node")
        .arg(repo.join("scripts/external-start.mjs"))
        .arg(&dir)
        .env("TRUNK_PROFILE", profile)
        .env("TRUNK_PUBLIC_URL", "/")
        .status()
        .expect("node runs")
        .success();
    let page = std::fs::read_to_string(dir.join("index.html")).unwrap();
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    files.sort();
    std::fs::remove_dir_all(&dir).unwrap();
    (ok, page, files)
}

#[test]
fn the_start_up_script_leaves_index_html_for_a_hashed_file() {
    let (ok, page, files) = external_start(&format!("<html><head>{START}</head></html>"), "release");
    assert!(ok);
    assert!(!page.contains("<script type=\"module\">"), "{page}");
    let start = files
        .iter()
        .find(|f| f.starts_with("start-"))
        .expect("a start-<hash>.js");
    assert!(
        page.contains(&format!(
            "<script type=\"module\" src=\"/{start}\" integrity=\"sha384-"
        )),
        "{page}"
    );
}

#[test]
fn make_serve_keeps_its_live_reload_and_a_release_page_refuses_any_inline_script() {
    let served = format!("<html><head>{START}{LIVE_RELOAD}</head></html>");
    let (ok, page, _) = external_start(&served, "debug");
    assert!(ok, "trunk serve's page must build");
    assert!(page.contains(LIVE_RELOAD) && !page.contains("<script type=\"module\">"));
    let (ok, _, _) = external_start(&served, "release");
    assert!(
        !ok,
        "a release page with another inline script must fail the build"
    );
}
