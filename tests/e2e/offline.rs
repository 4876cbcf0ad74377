//! Offline re-reading: the service worker (sw.js) keeps the app and each article the reader
//! opened; without the network, that article comes back and the page says it is offline.

use crate::published::TAKEN_OVER;
use crate::support::selectors::ARTICLE_TITLE;
use crate::support::{content, Reader, Reply, Server};

const SLUG: &str = "desert-solar-grid-expansion";

/// The network goes: DevTools' offline mode where there are DevTools (Chromium), and in any
/// engine a server that answers nothing.
fn go_offline(b: &Reader, server: &Server) {
    if crate::support::browser::engine() == "chromium" {
        b.cdp(
            "Network.emulateNetworkConditions",
            serde_json::json!({"offline": true, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}),
        )
        .expect("offline");
    }
    server.cut();
}

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
    // Issue 25: the page is kept as the server answered it, headers included (the test server
    // sends `Cache-Control: no-store`; the worker kept only a Content-Type of its own).
    assert_eq!(
        b.js("return caches.match(location.href, { ignoreVary: true }).then((r) => r.headers.get('cache-control'))")
            .await,
        "no-store",
        "the kept page has the server's headers"
    );

    go_offline(&b, &server);
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

/// Every URL in the worker's caches, as an expression `try_wait_js` can poll: it starts a read
/// and answers whether the last one finished shows `check` (a JS function of the URL list).
fn cached_urls_show(check: &str) -> String {
    format!(
        "(caches.keys().then(async (names) => {{ const out = []; for (const n of names) for (const r of await (await caches.open(n)).keys()) out.push(r.url); window.__urls = out; }}),
          Array.isArray(window.__urls) && ({check})(window.__urls))"
    )
}

/// Issue 25: a picture deleted on the server, then an article removed, lived on in the worker
/// (a picture was shown on three reloads after the server answered 404): each is dropped
/// from its cache once the server answers 404.
#[tokio::test]
async fn a_picture_and_a_page_the_server_now_answers_404_are_dropped_from_the_worker() {
    let server = Server::start_published();
    server.serve_worker();
    let b = Reader::start(&server).await;
    b.open_article(SLUG).await;
    b.wait_js(TAKEN_OVER).await;
    let article = content(&format!("articles/{SLUG}.json"));
    let hero = server.url(&format!(
        "/content/{}",
        article["hero"]["image"]["src"].as_str().unwrap()
    ));
    let page = server.url(&format!("/article/{SLUG}"));
    let json = server.url(&format!("/content/articles/{SLUG}.json"));
    let has = |url: &str| format!("(urls) => urls.includes({})", serde_json::json!(url));
    let lacks = |url: &str| format!("(urls) => !urls.includes({})", serde_json::json!(url));
    b.wait_js(&format!(
        "!!navigator.serviceWorker.controller && {}",
        cached_urls_show(&format!(
            "(u) => ({})(u) && ({})(u) && ({})(u)",
            has(&hero),
            has(&page),
            has(&json)
        ))
    ))
    .await;

    // The picture is deleted: the next load still shows the kept copy (stale while
    // revalidating), learns of the 404, and drops it.
    let hero_path = hero.trim_start_matches(&server.url("")).to_string();
    server.on(&hero_path, Reply::Status(404));
    b.open_article(SLUG).await;
    if let Err(e) = b.try_wait_js(&cached_urls_show(&lacks(&hero))).await {
        panic!(
            "{e}: the picture the server answers 404 is still kept: {}",
            b.js("return window.__urls").await
        );
    }
    // The next load asks the server again and shows no picture from a cache.
    let asked = server.hits(&hero_path);
    b.open_article(SLUG).await;
    b.wait_js(TAKEN_OVER).await;
    b.wait_js("document.querySelector('.kh-hero__image').complete")
        .await;
    assert!(server.hits(&hero_path) > asked, "the picture was asked for again");
    assert_eq!(
        b.js("return document.querySelector('.kh-hero__image').naturalWidth")
            .await,
        0,
        "the picture the server answers 404 is not shown"
    );
    // The article is removed: its page and its JSON are 404s, and their copies go.
    server.on(&format!("/article/{SLUG}"), Reply::Status(404));
    server.on(&format!("/content/articles/{SLUG}.json"), Reply::Status(404));
    b.go_to(&format!("/article/{SLUG}")).await;
    b.js(&format!("fetch({}).catch(() => {{}})", serde_json::json!(json)))
        .await;
    if let Err(e) = b
        .try_wait_js(&cached_urls_show(&format!(
            "(u) => ({})(u) && ({})(u)",
            lacks(&page),
            lacks(&json)
        )))
        .await
    {
        panic!(
            "{e}: the removed article is still kept: {}",
            b.js("return window.__urls").await
        );
    }
    b.close().await;
}

/// Issue 25: a not-found page the worker met on its first visit was kept as a 200, and each
/// query string was a copy of its own (a shared link's `?utm_…` pushed offline pages out).
#[tokio::test]
async fn a_not_found_page_is_never_kept_and_tracking_parameters_are_not_cache_keys() {
    let server = Server::start_published();
    server.serve_worker();
    let b = Reader::start(&server).await;
    // The first visit, on which the worker installs, is a path the site does not have.
    b.open_path("/no-such-page", "main").await;
    b.wait_js(&format!(
        "!!navigator.serviceWorker.controller && {}",
        cached_urls_show("(u) => u.some((x) => x.endsWith('/shell.html'))")
    ))
    .await;
    let urls = b.js("return window.__urls").await;
    assert!(
        !urls
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u.as_str().unwrap().contains("no-such-page")),
        "the not-found page was kept: {urls}"
    );

    for query in [
        "?utm_source=whatsapp&utm_medium=share",
        "?fbclid=IwAR0abc&utm_campaign=x",
    ] {
        b.go_to(&format!("/article/{SLUG}{query}")).await;
        b.wait_js(TAKEN_OVER).await;
    }
    let page = server.url(&format!("/article/{SLUG}"));
    let one = format!(
        "(urls) => urls.filter((u) => u.includes('/article/{SLUG}')).length === 1 && urls.includes({})",
        serde_json::json!(page)
    );
    if let Err(e) = b.try_wait_js(&cached_urls_show(&one)).await {
        panic!("{e}: {}", b.js("return window.__urls").await);
    }
    // Offline, a link with another tracking value opens the kept page.
    go_offline(&b, &server);
    b.open_path(&format!("/article/{SLUG}?utm_source=telegram"), ARTICLE_TITLE)
        .await;
    assert_eq!(
        b.text(ARTICLE_TITLE).await,
        content(&format!("articles/{SLUG}.json"))["title"]
            .as_str()
            .unwrap()
    );
    b.close().await;
}
