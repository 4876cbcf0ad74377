//! Offline re-reading: the service worker (sw.js) keeps the app and each article the reader
//! opened; without the network, that article comes back and the page says it is offline.

use crate::published::TAKEN_OVER;
use crate::support::selectors::ARTICLE_TITLE;
use crate::support::{content, Reader, Server};

const SLUG: &str = "desert-solar-grid-expansion";

#[tokio::test]
async fn an_article_read_once_comes_back_without_the_network_and_the_page_says_it_is_offline() {
    let server = Server::start_published();
    server.serve_worker();
    let b = Reader::start(&server).await;
    b.open_article(SLUG).await;
    b.wait_js(TAKEN_OVER).await;
    assert_eq!(
        b.js("return !!navigator.serviceWorker").await,
        true,
        "the browser has service workers"
    );
    // The worker installs during this first visit, then keeps the page and what it loaded.
    let kept = format!(
        "(window.__kept = Promise.all([location.href, '/content/site.json', '/content/articles/{SLUG}.json']
            .map((url) => caches.match(url, {{ ignoreVary: true }}))).then((all) => (window.__ok = all.every(Boolean))),
          !!navigator.serviceWorker.controller && window.__ok === true)"
    );
    if let Err(e) = b.try_wait_js(&kept).await {
        let caches = b
            .js("return caches.keys().then(async (names) => Promise.all(names.map(async (n) => [n, (await (await caches.open(n)).keys()).map((r) => r.url)])))")
            .await;
        panic!("{e}: the worker's caches: {caches}");
    }
    assert!(
        b.text("#kh-offline").await.is_empty(),
        "no offline notice while online"
    );

    // The network goes: DevTools' offline mode where there are DevTools (Chromium), and in any
    // engine a server that answers nothing.
    if crate::support::browser::engine() == "chromium" {
        b.cdp(
            "Network.emulateNetworkConditions",
            serde_json::json!({"offline": true, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}),
        )
        .expect("offline");
    }
    server.cut();
    // Opened again (a navigation: Firefox's driver reloads past the worker).
    b.open_article(SLUG).await;
    let article = content(&format!("articles/{SLUG}.json"));
    assert_eq!(b.text(ARTICLE_TITLE).await, article["title"].as_str().unwrap());
    b.wait_js(TAKEN_OVER).await;
    b.wait_js("document.querySelector('#kh-offline').textContent !== ''")
        .await;
    assert_eq!(
        b.text("#kh-offline").await,
        "أنت غير متصل بالإنترنت: هذه نسخة محفوظة على جهازك من زيارتك السابقة."
    );
    assert_eq!(b.attr("#kh-offline", "role").await.as_deref(), Some("status"));
    // The app took the page over from the kept content: its body is there, after the wasm.
    assert!(b.texts(".kh-article__paragraph").await.len() > 3);
    // And its hero picture, which the worker kept from the first visit's page.
    b.wait_js("(() => { const i = document.querySelector('.kh-hero__image'); return i.complete && i.naturalWidth > 0; })()")
        .await;
    b.screenshot("offline").await;
    b.assert_accessible("the article offline").await;
    b.close().await;
}
