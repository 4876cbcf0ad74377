//! The hostile content corpus (tests/fixtures/hostile/, each case with what the validator must
//! say of it) served to the app in place of the sample file it replaces: whatever a case holds,
//! the reader gets the article or an Arabic error, the page's frame stays, nothing planted in
//! the content runs, and no link or image of the page has an unsafe address.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::support::selectors::{ARTICLE_TITLE, ERROR, ERROR_MESSAGE, FOOTER_LINK, HEADER_LOGO, NOT_FOUND};
use crate::support::{Reader, Reply, Server};

mod generate {
    include!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/hostile/generate.rs"
    ));
}

const SLUG: &str = "cabinet-reshuffle-three-ministries";

/// The corpus's payloads call `alert(…)` (and read `document.cookie`): this shim, loaded before
/// the app, turns any call into a flag the test reads.
const PLANT_WATCH: &str = "window.__planted = [];
window.alert = (what) => window.__planted.push(String(what));";

/// What the page shows once it has settled, and what it must not have: a flag set by a planted
/// script, a `javascript:`/`data:`/`vbscript:` address on a link, image or source, an inline
/// event handler.
const INSPECT: &str = "
const unsafe = /^\\s*(javascript|data|vbscript|blob):/i;
const bad = [];
for (const el of document.querySelectorAll('*')) {
  for (const attr of el.attributes) {
    if (/^on/i.test(attr.name)) bad.push(`${el.tagName} ${attr.name}`);
    if (['href', 'src', 'action', 'formaction'].includes(attr.name) && unsafe.test(attr.value)) bad.push(`${el.tagName} ${attr.name}=${attr.value}`);
    if (attr.name === 'srcset' && attr.value.split(',').some((c) => unsafe.test(c))) bad.push(`${el.tagName} srcset=${attr.value}`);
  }
}
for (const s of document.querySelectorAll('#khabar script')) bad.push('a script element in the page');
// The app cuts a one-line field at 1,000 characters: the title, with the site's name after it.
if (document.title.length > 1100) bad.push(`a document title of ${document.title.length} characters`);
return { planted: window.__planted, bad };";

/// What a case that showed nothing in time left on the page, for the failure message.
const PAGE_STATE: &str = "return {
  url: location.href,
  ready: document.readyState,
  root: (document.getElementById('khabar') || {}).outerHTML?.slice(0, 600),
  text: document.body.innerText.slice(0, 300),
};";

#[tokio::test]
async fn no_case_of_the_hostile_corpus_runs_a_script_or_loses_the_page() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let cases: Vec<Value> =
        serde_json::from_str(&fs::read_to_string(root.join("cases.json")).unwrap()).unwrap();
    let server = Server::start();
    server.script("/test-plant-watch.js", PLANT_WATCH);
    let b = Reader::start(&server).await;
    let mut failures = Vec::new();
    let (mut articles, mut errors) = (0, 0);
    for case in &cases {
        let install_as = case["install_as"].as_str().unwrap();
        let (name, bytes) = match (case["fixture"].as_str(), case["generate"].as_str()) {
            (Some(fixture), _) => (fixture, fs::read(root.join(fixture)).unwrap()),
            (None, Some(generator)) => (generator, generate::generated(generator)),
            _ => panic!("a case needs a fixture or a generator: {case}"),
        };
        let path = format!("/content/{install_as}");
        server.on(&path, Reply::Bytes(bytes));
        // A feed page of a section is read on that section's page; everything else on the
        // article's (its related list as the reader scrolls to it).
        let page = match install_as.strip_prefix("feeds/") {
            Some(feed) => format!("/category/{}", feed.split('/').next().unwrap()),
            None => format!("/article/{SLUG}"),
        };
        b.go_to(&page).await;
        let shown = b
            .try_wait(&format!("{ARTICLE_TITLE}, .kh-card__link, {ERROR}, {NOT_FOUND}"))
            .await;
        if let Err(e) = shown {
            failures.push(format!("{name}: {e}\n{}", b.js(PAGE_STATE).await));
            server.clear(&path);
            continue;
        }
        b.js("window.scrollTo(0, document.body.scrollHeight)").await;
        // What loads near the end (related news) has its time to arrive and render.
        if let Err(e) = b.try_wait_js("!document.querySelector('.kh-skeleton')").await {
            failures.push(format!("{name}: {e}\n{}", b.js(PAGE_STATE).await));
            server.clear(&path);
            continue;
        }
        let seen = b.js(INSPECT).await;
        let whole_site = install_as == "site.json";
        if !whole_site && b.attr(HEADER_LOGO, "alt").await.is_none() {
            failures.push(format!("{name}: the header went"));
        }
        if !whole_site && b.texts(FOOTER_LINK).await.len() != 10 {
            failures.push(format!("{name}: the footer went"));
        }
        if seen["planted"] != serde_json::json!([]) || seen["bad"] != serde_json::json!([]) {
            failures.push(format!("{name}: {seen}"));
        }
        let error = b.text(ERROR_MESSAGE).await;
        if error.is_empty() {
            articles += 1;
        } else if error.chars().any(|c| ('\u{0600}'..='\u{06ff}').contains(&c)) {
            errors += 1;
        } else {
            failures.push(format!("{name}: an error that is not in Arabic: {error:?}"));
        }
        server.clear(&path);
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(
        cases.len() >= 50 && articles > 0 && errors > 0,
        "{articles} shown, {errors} refused"
    );
    eprintln!(
        "hostile corpus: {} cases, {articles} pages shown, {errors} refused with an Arabic message",
        cases.len()
    );
    b.close().await;
}
