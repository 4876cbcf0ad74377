//! Home, section and not-found pages; the frame around every page.

use crate::support::selectors::{CARD_TITLE, CURRENT_SECTION, FOOTER_LINK, HEADER_LOGO};
use crate::support::{content, Reader, Server};

#[tokio::test]
async fn home_shows_the_home_feed_from_json_right_to_left() {
    let server = Server::start();
    let b = Reader::start(&server).await;
    b.open_home().await;

    assert_eq!(b.attr("html", "dir").await.as_deref(), Some("rtl"));
    assert_eq!(b.attr("html", "lang").await.as_deref(), Some("ar"));
    assert_eq!(b.attr(".kh-app", "class").await.as_deref(), Some("kh-app"));
    let direction = b
        .js("return getComputedStyle(document.querySelector('.kh-app')).direction")
        .await;
    assert_eq!(direction, "rtl");

    let feed = content("feeds/home/latest.json");
    let expected: Vec<String> = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["title"].as_str().unwrap().to_string())
        .collect();
    // Page 2 may already be loading (it is within a viewport of the end): page 1 comes first.
    let shown = b.texts(CARD_TITLE).await;
    assert_eq!(
        shown[..expected.len().min(shown.len())],
        expected[..],
        "the cards are the home feed's, in order"
    );
    assert_eq!(b.text("h1").await, "آخر الأخبار");
    assert_eq!(
        server.hits("/content/site.json"),
        1,
        "site.json fetched once (the start-up script's request taken over): {:?}",
        server.log()
    );
    let wasm: Vec<_> = server
        .log()
        .into_iter()
        .filter(|l| l.path.ends_with("_bg.wasm"))
        .collect();
    assert_eq!(wasm.len(), 1, "the wasm is downloaded once: {wasm:?}");
    assert!(
        server.hits("/content/feeds/home/latest.json") == 1,
        "home feed fetched once"
    );

    b.assert_accessible("home").await;
    b.close().await;
}

#[tokio::test]
async fn a_section_page_has_its_arabic_name_and_its_cards_even_on_reload() {
    let server = Server::start();
    let b = Reader::start(&server).await;
    // A deep link, loaded directly: the server falls back to index.html and the app routes it.
    b.open_section("politics").await;
    assert_eq!(b.text("h1").await, "سياسة");
    let feed = content("feeds/politics/latest.json");
    let first = feed["items"][0]["title"].as_str().unwrap();
    assert_eq!(b.texts(CARD_TITLE).await.first().map(String::as_str), Some(first));
    assert_eq!(
        b.attr(CURRENT_SECTION, "href").await.as_deref(),
        Some("/category/politics")
    );
    let title = b.js("return document.title").await;
    assert_eq!(title, "سياسة | خبر");

    b.reload().await;
    b.wait_for_cards().await;
    assert_eq!(
        b.text("h1").await,
        "سياسة",
        "a reloaded deep link shows the same page"
    );
    b.assert_accessible("section").await;
    b.close().await;
}

#[tokio::test]
async fn unknown_paths_and_sections_show_the_arabic_not_found_page() {
    let server = Server::start();
    let b = Reader::start(&server).await;
    for path in [
        "/no/such/page",
        "/category/no-such-section",
        "/article/no-such-article",
        "/article/Not%20A%20Slug",
    ] {
        b.open_not_found(path).await;
        assert_eq!(b.text("h1").await, "الصفحة غير موجودة", "{path}");
        assert_eq!(
            b.js("return document.title").await,
            "الصفحة غير موجودة | خبر",
            "{path}"
        );
        assert_eq!(
            b.attr(".kh-not-found__home", "href").await.as_deref(),
            Some("/"),
            "{path}"
        );
        assert!(
            b.text(".kh-prefs__toggle").await == "إعدادات القراءة"
                && b.attr(HEADER_LOGO, "alt").await.is_some(),
            "header stays, with its settings menu"
        );
        assert_eq!(b.texts(FOOTER_LINK).await.len(), 10, "footer stays");
    }
    assert_eq!(
        server.hits("/content/articles/Not%20A%20Slug.json"),
        0,
        "no request for what cannot be a slug"
    );
    b.assert_accessible("not found").await;
    b.close().await;
}
