//! When the app cannot start, or stops, the reader is told so in Arabic and can reload: never a
//! blank or frozen page (scripts/start/failure.js, in the start-up script). Without script, the app
//! shell says what to do.

use crate::support::selectors::ARTICLE_TITLE;
use crate::support::server::built;
use crate::support::{Reader, Reply, Server};

const SLUG: &str = "cabinet-reshuffle-three-ministries";
/// The failure note as shown: at the top of the page, or as the page (index.html's template of
/// it is not in the document).
const FAILURE: &str = ".kh-failure";
const MESSAGE: &str = "تعذّر تشغيل الصفحة كاملةً في هذا المتصفح.";
const RELOAD: &str = "أعد تحميل الصفحة";

/// The path of the build's wasm, e.g. `/khabar-0123456789abcdef_bg.wasm`.
fn wasm() -> String {
    format!("/{}", built("khabar-", "_bg.wasm", ""))
}

/// The failure note shown: its role, its heading and its button.
async fn failure_shown(b: &Reader) -> (String, String, String) {
    (
        b.attr(FAILURE, "role").await.unwrap_or_default(),
        b.text(&format!("{FAILURE} > h1")).await,
        b.text(&format!("{FAILURE} > button")).await,
    )
}

/// The expected failure, as [`failure_shown`] reads it.
fn expected() -> (String, String, String) {
    ("alert".into(), MESSAGE.into(), RELOAD.into())
}

#[tokio::test]
async fn a_wasm_that_fails_its_integrity_check_shows_the_failure_message_and_reload_recovers() {
    // Mid-deploy: the page names one wasm (its integrity hash), the server has another.
    let server = Server::start();
    server.on(&wasm(), Reply::Json("{\"not\": \"the wasm\"}".into()));
    let b = Reader::start(&server).await;
    b.open_article_showing(SLUG, FAILURE).await;
    assert_eq!(failure_shown(&b).await, expected());
    b.assert_accessible("the failure message").await;
    b.screenshot("failure-integrity").await;

    // Once the server has the right wasm again, the button reloads into the app.
    server.clear(&wasm());
    b.wait(&format!("{FAILURE} > button"))
        .await
        .click()
        .await
        .unwrap();
    b.wait_for_article().await;
    assert!(
        b.js("return !document.querySelector('.kh-failure')").await == true,
        "the reloaded page has no failure message"
    );
    b.close().await;
}

#[tokio::test]
async fn a_published_article_whose_app_fails_to_load_stays_readable_under_the_message() {
    let server = Server::start_published();
    server.on(&wasm(), Reply::Status(404));
    let b = Reader::start(&server).await;
    b.open_article_showing(SLUG, FAILURE).await;
    assert_eq!(failure_shown(&b).await, expected());
    let article = crate::support::content(&format!("articles/{SLUG}.json"));
    assert_eq!(b.text(ARTICLE_TITLE).await, article["title"].as_str().unwrap());
    let placed = b
        .js("const f = document.querySelector('.kh-failure'); \
             return f.parentElement.matches('#khabar:not([hidden])') && f === f.parentElement.firstElementChild \
               && getComputedStyle(f).display !== 'none'")
        .await;
    assert_eq!(placed, true, "the message heads the page the reader sees");
    b.close().await;
}

/// Once the app has started, makes a real WebAssembly trap (an `unreachable` instruction, what
/// a Rust panic in the release wasm ends in: `panic = "abort"`) in a task of its own, uncaught,
/// as the app's would be.
const TRAP: &str = "addEventListener('TrunkApplicationStarted', () => setTimeout(() => {
  const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0,
    7, 5, 1, 1, 116, 0, 0, 10, 5, 1, 3, 0, 0, 11]);
  new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.t();
}, 200));";

#[tokio::test]
async fn a_trap_after_start_shows_the_failure_message_above_the_article() {
    let server = Server::start();
    server.script("/test-trap.js", TRAP);
    let b = Reader::start(&server).await;
    b.open_article(SLUG).await;
    b.wait(FAILURE).await;
    assert_eq!(failure_shown(&b).await, expected());
    let article = crate::support::content(&format!("articles/{SLUG}.json"));
    assert_eq!(
        b.text(ARTICLE_TITLE).await,
        article["title"].as_str().unwrap(),
        "what the page showed stays"
    );
    b.close().await;
}

#[tokio::test]
async fn the_app_shell_without_script_says_what_to_do_and_a_published_page_does_not() {
    let server = Server::start_published();
    let b = Reader::without_script(&server).await;
    // A new article the site has not published yet: nginx answers with the shell.
    b.open_path("/article/not-published-yet", ".kh-noscript").await;
    assert!(
        b.text(".kh-noscript").await.contains("جافاسكربت"),
        "the note names what is missing"
    );
    assert_eq!(b.attr(".kh-noscript a", "href").await.as_deref(), Some("/"));
    b.open_article(SLUG).await;
    assert_eq!(
        b.js("return document.querySelectorAll('noscript, .kh-noscript').length")
            .await,
        0,
        "a published page is read without script and has no note"
    );
    b.close().await;
}
