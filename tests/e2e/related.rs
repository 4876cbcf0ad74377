//! Related news and feeds load only when the reader comes near, reserve their space, speak
//! Arabic, and recover from failure.

use std::time::Duration;

use serde_json::{json, Value};

use crate::support::selectors::{
    query, query_all, within, ARTICLE_BODY, CARD, CARD_IMAGE, CARD_LINK, CARD_SKELETON, CARD_TITLE, ERROR,
    ERROR_MESSAGE, ERROR_RETRY, FEED, FEED_END, FEED_MORE, LOADING, RELATED, RELATED_TITLE, SKELETON, WINDOW,
};
use crate::support::{content, Browser, Reader, Reply, Server};

const LONG: &str = "desert-solar-grid-expansion";

async fn resources(b: &Browser) -> Vec<String> {
    serde_json::from_value(
        b.js("return performance.getEntriesByType('resource').map(r => new URL(r.name).pathname)")
            .await,
    )
    .unwrap()
}

fn related_images(slug: &str) -> Vec<String> {
    let list = content(&format!("related/{slug}.json"));
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| format!("/content/{}", c["image"]["src"].as_str().unwrap()))
        .collect()
}

#[tokio::test]
async fn related_news_loads_only_near_the_end_and_nothing_moves() {
    let server = Server::start();
    let b = Reader::sized(&server, 1280, 900).await;
    let related_json = format!("/content/related/{LONG}.json");
    let article = content(&format!("articles/{LONG}.json"));
    let hero = format!("/content/{}", article["hero"]["image"]["src"].as_str().unwrap());
    // Slow the related list down so its skeleton is seen turning into cards.
    server.on(&related_json, Reply::Delay(Duration::from_millis(700)));
    b.go_to("/").await;
    b.open_article(LONG).await;
    b.observe_layout_shift().await;
    b.wait(&within(RELATED, LOADING)).await;
    tokio::time::sleep(Duration::from_millis(500)).await;

    let before = resources(&b).await;
    assert!(
        !before.contains(&related_json),
        "no request for the related list before scrolling near: {before:?}"
    );
    for img in related_images(LONG).iter().filter(|i| **i != hero) {
        assert!(
            !before.contains(img),
            "no card image before scrolling near: {img}"
        );
    }
    assert_eq!(server.hits(&related_json), 0);
    assert_eq!(
        b.attr(&within(RELATED, SKELETON), "aria-label").await.as_deref(),
        Some("جارٍ التحميل…")
    );
    b.assert_accessible("article with the related skeleton").await;

    // Scroll down step by step, as a reader would.
    for _ in 0..40 {
        b.js("scrollBy(0, 400)").await;
        tokio::time::sleep(Duration::from_millis(40)).await;
    }
    b.wait(&within(RELATED, CARD_LINK)).await;
    b.wait_js(&format!(
        "[...{}].every(i => i.complete)",
        query_all(&within(RELATED, "img"))
    ))
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        b.text(RELATED_TITLE).await,
        format!("أخبار ذات صلة: {}", article["title"].as_str().unwrap()),
        "the heading, named after its article for screen readers"
    );
    let list = content(&format!("related/{LONG}.json"));
    let titles: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["title"].as_str().unwrap())
        .collect();
    assert_eq!(b.texts(&within(RELATED, CARD_TITLE)).await, titles);
    let first = &list["items"][0];
    assert_eq!(
        b.attr(&within(RELATED, CARD_LINK), "href").await,
        Some(format!("/article/{}", first["slug"].as_str().unwrap()))
    );
    for (attr, value) in [("loading", "lazy"), ("decoding", "async")] {
        assert_eq!(
            b.attr(&within(RELATED, CARD_IMAGE), attr).await.as_deref(),
            Some(value)
        );
    }
    assert_eq!(
        b.attr(&within(RELATED, CARD_IMAGE), "alt").await.as_deref(),
        first["image"]["alt"].as_str()
    );
    assert!(resources(&b).await.contains(&related_json));
    assert_eq!(server.hits(&related_json), 1);

    b.assert_no_layout_shift("load, scroll, skeleton to cards, images")
        .await;
    b.assert_accessible("article with related cards").await;
    b.close().await;
}

#[tokio::test]
async fn a_failed_related_list_offers_retry_and_leaves_the_article_alone() {
    let server = Server::start();
    let b = Reader::start(&server).await;
    let related_json = format!("/content/related/{LONG}.json");
    server.on(&related_json, Reply::Status(500));
    b.open_article(LONG).await;
    let article_text = b.text("article.kh-article").await;
    b.js(&format!("{}.scrollIntoView()", query(RELATED))).await;
    b.wait(&within(RELATED, ERROR)).await;
    assert_eq!(
        b.text(&within(RELATED, ERROR_MESSAGE)).await,
        "حدث خطأ في الخادم أثناء تحميل المحتوى. أعد المحاولة بعد قليل."
    );
    assert_eq!(
        b.text("article.kh-article").await,
        article_text,
        "the article is intact"
    );
    assert_eq!(b.texts("h1").await.len(), 1);
    b.assert_accessible("related error").await;

    server.clear(&related_json);
    b.wait(&within(RELATED, ERROR_RETRY)).await.click().await.unwrap();
    // The cards' links, not `.kh-card`: the loading skeleton's cards have that class too.
    b.wait(&within(RELATED, CARD_LINK)).await;
    assert_eq!(server.hits(&related_json), 2);
    b.close().await;
}

#[tokio::test]
async fn an_empty_related_list_removes_the_section() {
    let server = Server::start();
    let b = Reader::start(&server).await;
    let related_json = format!("/content/related/{LONG}.json");
    server.on(&related_json, Reply::Json(r#"{"items": []}"#.into()));
    b.open_article(LONG).await;
    // Measured once the fonts are in: a font arriving late moved the body in Firefox, once.
    b.settled().await;
    let body_top = format!(
        "return {}.getBoundingClientRect().top + scrollY",
        query(ARTICLE_BODY)
    );
    let top = b.js(&body_top).await;
    b.js(&format!("{}.scrollIntoView()", query(RELATED))).await;
    b.wait_js(&format!("!{}", query(RELATED))).await;
    assert_eq!(server.hits(&related_json), 1);
    let after = b.js(&body_top).await;
    // (Equal but for sub-pixel rounding: Firefox gave 1176.19995 and 1176.2002 once.)
    let moved = (top.as_f64().unwrap() - after.as_f64().unwrap()).abs();
    assert!(moved < 0.01, "nothing above moved: {top} then {after}");
    b.close().await;
}

#[tokio::test]
async fn a_feed_pages_in_as_the_reader_scrolls_and_says_when_it_ends() {
    let server = Server::start();
    // A phone short enough that the first page ends more than a screen below: the next page
    // loads once its spot is within one screen of the viewport (`LazyLoad`'s margin).
    let b = Reader::sized(&server, 400, 640).await;
    b.open_home().await;
    b.wait(FEED_MORE).await;
    assert_eq!(
        b.js(&format!(
            "return {}.getBoundingClientRect().top > 2 * innerHeight",
            query(FEED_MORE)
        ))
        .await,
        json!(true),
        "the first page ends more than a screen below the viewport"
    );
    // Home's feed, as publishing wrote it from the sample: its latest page, then its numbered
    // pages from the newest full one back to 1.
    let mut files = vec!["feeds/home/latest.json".to_string()];
    let mut pages: Vec<Value> = vec![content(&files[0])];
    while let Some(next) = pages.last().unwrap()["next"].as_str() {
        files.push(next.to_string());
        pages.push(content(next));
    }
    assert!(pages.len() >= 3, "the sample home feed spans three pages");
    let all: Vec<String> = pages
        .iter()
        .flat_map(|p| {
            p["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["title"].as_str().unwrap().to_string())
        })
        .collect();
    assert_eq!(
        server.hits(&format!("/content/{}", files[1])),
        0,
        "the second page waits for the reader"
    );
    assert_eq!(b.text(FEED_MORE).await, "المزيد");

    // Pages far above may leave the document as the reader goes on, so the cards are
    // gathered as they show.
    let feed_ended = format!("return !!{}", query(FEED_END));
    let mut seen: Vec<String> = Vec::new();
    for _ in 0..80 {
        for title in b.texts(CARD_TITLE).await {
            if !seen.contains(&title) {
                seen.push(title);
            }
        }
        if b.js(&feed_ended).await == json!(true) {
            break;
        }
        b.js("scrollTo(0, document.documentElement.scrollHeight)").await;
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    b.wait(FEED_END).await;
    assert_eq!(b.text(FEED_END).await, "وصلت إلى نهاية الأخبار في هذا القسم.");
    for title in b.texts(CARD_TITLE).await {
        if !seen.contains(&title) {
            seen.push(title);
        }
    }
    assert_eq!(seen, all, "every card, in order");
    for file in &files {
        assert_eq!(server.hits(&format!("/content/{file}")), 1, "{file} fetched once");
    }
    b.close().await;
}

/// The URL of page `p` (from 1) of the long politics feed: the first is where the app starts.
fn politics_page(p: usize) -> String {
    if p == 1 {
        "/content/feeds/politics/latest.json".into()
    } else {
        format!("/content/feeds/politics/{p}.json")
    }
}

/// A feed of `pages` pages of `per_page` cards, made from the sample cards, served in place
/// of the politics feed.
fn long_feed(server: &Server, pages: usize, per_page: usize) -> Vec<String> {
    let sample = content("feeds/politics/latest.json")["items"]
        .as_array()
        .unwrap()
        .clone();
    let mut titles = Vec::new();
    for p in 1..=pages {
        let items: Vec<Value> = (0..per_page)
            .map(|i| {
                let n = (p - 1) * per_page + i + 1;
                let mut card = sample[n % sample.len()].clone();
                card["slug"] = json!(format!("long-feed-{n}"));
                card["title"] = json!(format!("الخبر رقم {n} في قائمة طويلة"));
                titles.push(card["title"].as_str().unwrap().to_string());
                card
            })
            .collect();
        let mut page = json!({"section": "politics", "items": items});
        if p < pages {
            page["next"] = json!(format!("feeds/politics/{}.json", p + 1));
        }
        server.on(&politics_page(p), Reply::Json(page.to_string()));
    }
    titles
}

/// DOM nodes alive after garbage collection that are not in the document, where the engine
/// can tell (Chromium's DevTools protocol); `None` elsewhere.
async fn detached_nodes(b: &Browser) -> Option<i64> {
    b.cdp("Performance.enable", json!({})).ok()?;
    b.cdp("HeapProfiler.collectGarbage", json!({})).ok()?;
    b.cdp("HeapProfiler.collectGarbage", json!({})).ok()?;
    let metrics = b.cdp("Performance.getMetrics", json!({})).ok()?;
    let alive = metrics["metrics"]
        .as_array()?
        .iter()
        .find(|m| m["name"] == "Nodes")?["value"]
        .as_f64()?;
    let in_document = b
        .js("const w = document.createTreeWalker(document, NodeFilter.SHOW_ALL); let n = 1; while (w.nextNode()) n++; return n")
        .await
        .as_f64()?;
    Some((alive - in_document) as i64)
}

#[tokio::test]
async fn a_long_feed_keeps_only_pages_near_the_reader_and_nothing_moves() {
    let server = Server::start();
    let (pages, per_page) = (12, 20);
    let titles = long_feed(&server, pages, per_page);
    let b = Reader::sized(&server, 400, 800).await;
    b.open_section("politics").await;
    b.observe_layout_shift().await;
    let mut most = 0;
    // Nodes out of the document but alive, once half the feed has loaded.
    let mut halfway = None;
    let feed_ended = format!("return !!{}", query(FEED_END));
    for _ in 0..200 {
        let count = b.js(&format!("return {}.length", query_all(CARD))).await;
        most = most.max(count.as_u64().unwrap());
        if halfway.is_none() && server.hits(&politics_page(pages / 2 + 1)) == 1 {
            halfway = Some(detached_nodes(&b).await);
        }
        if b.js(&feed_ended).await == json!(true) {
            break;
        }
        b.js("scrollBy(0, 1500)").await;
        tokio::time::sleep(Duration::from_millis(60)).await;
    }
    b.wait(FEED_END).await;
    for p in 1..=pages {
        assert_eq!(server.hits(&politics_page(p)), 1, "page {p} fetched once");
    }
    let total = pages * per_page;
    assert!(
        (most as usize) < total / 2,
        "at most {most} of {total} cards were in the document at once"
    );
    // The first page gave way to a block of its own height.
    let first = b
        .js(&format!(
            "const w = {}; return [w.childElementCount, w.getBoundingClientRect().height]",
            query(WINDOW)
        ))
        .await;
    assert_eq!(first[0], json!(0), "the first page has left the document");
    assert!(
        first[1].as_f64().unwrap() > 1000.0,
        "and holds its height: {first}"
    );
    assert!(
        !b.texts(CARD_TITLE).await.contains(&titles[0]),
        "the first card is not in the document"
    );
    // What leaves the document is freed: from half the feed to all of it, the nodes alive
    // after GC but out of the document hardly grow. (A feed page's loading skeleton used to
    // stay alive, detached, with the `Suspense` that had shown it: about 10 nodes a card.)
    if let (Some(Some(half)), Some(end)) = (halfway, detached_nodes(&b).await) {
        let cards = (total / 2) as i64;
        assert!(
            end - half < 2 * cards,
            "{} more nodes out of the document alive after {cards} more cards ({half} -> {end})",
            end - half
        );
    }
    // Back up to the top, page by page: each comes back in place (new pages pushing the
    // footer down on the way here are not what this test is about).
    b.reset_layout_shift().await;
    for _ in 0..100 {
        if b.js("scrollBy(0, -1500); return scrollY").await == json!(0) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(60)).await;
    }
    b.wait_js(&format!(
        "[...{}].some(t => t.textContent === {:?})",
        query_all(CARD_TITLE),
        titles[0]
    ))
    .await;
    let top = b.texts(CARD_TITLE).await;
    assert_eq!(top[..per_page], titles[..per_page], "the first page, in order");
    b.assert_no_layout_shift("scrolling back up, page by page").await;
    b.close().await;
}

#[tokio::test]
async fn the_more_button_loads_the_next_page_from_the_keyboard() {
    let server = Server::start();
    // The button is pushed far below the fold, so only the key press can load page 2.
    let b = Reader::sized(&server, 1280, 700).await;
    let second = format!(
        "/content/{}",
        content("feeds/home/latest.json")["next"].as_str().unwrap()
    );
    // A stylesheet after the app's, so that it wins (the pages allow no inline style).
    server.on(
        "/test-far-button.css",
        Reply::File {
            content_type: "text/css; charset=utf-8",
            body: ".kh-feed__more { margin-block-start: 300vh; }".into(),
        },
    );
    server.edit_index(|html| {
        html.replacen(
            "</head>",
            "<link rel=\"stylesheet\" href=\"/test-far-button.css\"></head>",
            1,
        )
    });
    b.open_home_showing(FEED_MORE).await;
    assert_eq!(server.hits(&second), 0);
    b.js(&format!("{}.focus({{preventScroll: true}})", query(FEED_MORE)))
        .await;
    b.press("\u{e007}").await;
    b.wait_js(&format!("{}.length > 3", query_all(CARD_LINK))).await;
    assert_eq!(server.hits(&second), 1);
    b.assert_accessible("feed with more").await;
    b.close().await;
}

#[tokio::test]
async fn without_intersection_observer_related_news_loads_at_once() {
    let server = Server::start();
    server.script("/test-shim.js", "delete window.IntersectionObserver;");
    let b = Reader::start(&server).await;
    b.open_article(LONG).await;
    assert_eq!(b.js("return 'IntersectionObserver' in window").await, false);
    assert_eq!(b.js("return scrollY").await, 0);
    b.wait(&within(RELATED, CARD_LINK)).await;
    assert_eq!(server.hits(&format!("/content/related/{LONG}.json")), 1);
    b.close().await;
}

#[tokio::test]
async fn a_feed_page_shows_its_skeleton_then_its_cards_in_place_and_frees_it() {
    let server = Server::start();
    // The first page of the home feed comes slowly, so its skeleton is seen.
    server.on(
        "/content/feeds/home/latest.json",
        Reply::Delay(Duration::from_millis(1500)),
    );
    let b = Reader::sized(&server, 1280, 900).await;
    b.open_home_showing(&within(FEED, LOADING)).await;
    b.observe_layout_shift().await;
    assert_eq!(
        b.attr(&within(FEED, SKELETON), "aria-label").await.as_deref(),
        Some("جارٍ التحميل…")
    );
    let reserved = b.js(&format!("return {}.length", query_all(CARD_SKELETON))).await;
    assert_eq!(reserved, json!(6), "the skeleton reserves a page of cards");
    b.wait_for_cards().await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let first = content("feeds/home/latest.json")["items"][0]["title"].clone();
    assert_eq!(
        json!(b.texts(CARD_TITLE).await.first()),
        first,
        "the first page's cards stand where its skeleton stood"
    );
    assert_eq!(
        b.js(&format!("return {}", query(&format!("{FEED} > {SKELETON}"))))
            .await,
        Value::Null,
        "the first page's skeleton is gone"
    );
    b.assert_no_layout_shift("the skeleton giving way to the cards")
        .await;
    b.close().await;
}
