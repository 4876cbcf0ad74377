//! Each kind of content failure reaches the reader as its own Arabic message, inside the page
//! frame, with the precise cause for developers; hostile or unknown content loses nothing else.

use std::time::Duration;

use serde_json::json;

use crate::support::selectors::{query, ARTICLE_BODY, ERROR_RETRY, FOOTER_LINK, PARAGRAPH, SEE_ALSO_LINK};
use crate::support::{content, Reader, Reply, Server, ShownError};

const SLUG: &str = "cabinet-reshuffle-three-ministries";

fn path() -> String {
    format!("/content/articles/{SLUG}.json")
}

#[tokio::test]
async fn every_fetch_error_kind_reaches_the_reader_as_its_own_message() {
    let server = Server::start();
    let b = Reader::start(&server).await;
    let mut messages = Vec::new();
    let article = content(&format!("articles/{SLUG}.json"));

    server.on(&path(), Reply::Drop);
    let ShownError {
        kind,
        message,
        details,
        ..
    } = b.open_article_error(SLUG).await;
    assert_eq!(kind, "network");
    assert!(details.contains(&path()), "{details}");
    assert_eq!(b.text(ERROR_RETRY).await, "أعد المحاولة");
    messages.push(message);

    server.on(&path(), Reply::Status(500));
    let ShownError {
        kind,
        message,
        details,
        ..
    } = b.open_article_error(SLUG).await;
    assert_eq!(
        (kind.as_str(), details.starts_with("HTTP 500 fetching")),
        ("status", true),
        "{details}"
    );
    messages.push(message);

    server.on(&path(), Reply::Html("<!doctype html><p>maintenance</p>".into()));
    let ShownError { kind, message, .. } = b.open_article_error(SLUG).await;
    assert_eq!(kind, "not-json");
    assert_eq!(
        b.text(ERROR_RETRY).await,
        "أعد المحاولة",
        "a proxy's page in place of the JSON may be gone next time"
    );
    messages.push(message);

    let mut no_title = article.clone();
    no_title.as_object_mut().unwrap().remove("title");
    server.on(&path(), Reply::Json(no_title.to_string()));
    let ShownError {
        kind,
        message,
        details,
        ..
    } = b.open_article_error(SLUG).await;
    assert_eq!(kind, "shape");
    assert!(details.contains("missing field `title`"), "{details}");
    messages.push(message);

    let mut bad_run = article.clone();
    bad_run["body"][0]["runs"][0] = json!({"type": "link", "text": "x"});
    server.on(&path(), Reply::Json(bad_run.to_string()));
    let ShownError { details, .. } = b.open_article_error(SLUG).await;
    assert!(
        details.contains("body[0].runs[0]: missing field `href`"),
        "the JSON path is exact: {details}"
    );

    let mut invalid = article.clone();
    invalid["hero"]["image"]["width"] = json!(0);
    server.on(&path(), Reply::Json(invalid.to_string()));
    let ShownError {
        kind,
        message,
        details,
        ..
    } = b.open_article_error(SLUG).await;
    assert_eq!(kind, "invalid");
    assert!(
        details.contains("hero.image.width: must be a positive number of pixels"),
        "{details}"
    );
    messages.push(message);

    server.set_setting("timeout-ms", "400");
    server.on(&path(), Reply::Delay(Duration::from_secs(5)));
    let ShownError { kind, message, .. } = b.open_article_error(SLUG).await;
    assert_eq!(kind, "timeout");
    assert!(
        server.wait_log(Duration::from_secs(3), |log| log
            .iter()
            .any(|l| l.path == path() && l.aborted)),
        "the timed-out request was aborted"
    );
    messages.push(message);

    for m in &messages {
        assert!(
            m.chars().any(|c| ('\u{0600}'..='\u{06ff}').contains(&c)),
            "Arabic: {m}"
        );
    }
    let mut distinct = messages.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(
        distinct.len(),
        messages.len(),
        "each kind has its own message: {messages:#?}"
    );
    b.assert_accessible("error").await;
    b.close().await;
}

#[tokio::test]
async fn retry_after_a_server_error_shows_the_article() {
    let server = Server::start();
    let b = Reader::start(&server).await;
    server.on(&path(), Reply::Status(503));
    let ShownError { kind, .. } = b.open_article_error(SLUG).await;
    assert_eq!(kind, "status");
    server.clear(&path());
    b.wait(ERROR_RETRY).await.click().await.unwrap();
    b.wait_for_article().await;
    assert_eq!(
        b.text("h1").await,
        content(&format!("articles/{SLUG}.json"))["title"]
            .as_str()
            .unwrap()
    );
    assert_eq!(server.hits(&path()), 2);
    b.close().await;
}

#[tokio::test]
async fn a_hostile_link_or_an_unknown_block_costs_nothing_else() {
    let server = Server::start();
    let b = Reader::start(&server).await;
    let mut article = content(&format!("articles/{SLUG}.json"));
    let body = article["body"].as_array_mut().unwrap();
    body.insert(
        0,
        json!({"type": "paragraph", "runs": [
            {"type": "text", "text": "رابط خبيث: "},
            {"type": "link", "text": "اضغط هنا", "href": "javascript:alert(document.cookie)"},
            {"type": "footnote", "n": 1}
        ]}),
    );
    body.insert(1, json!({"type": "poll", "question": "؟"}));
    let blocks = body.len();
    server.on(&path(), Reply::Json(article.to_string()));
    b.open_article(SLUG).await;
    assert_eq!(b.text(PARAGRAPH).await, "رابط خبيث: اضغط هنا");
    let hostile = b.js("return [...document.querySelectorAll('a')].filter(a => /^\\s*javascript:/i.test(a.getAttribute('href') || '')).length").await;
    assert_eq!(hostile, 0, "no javascript: link reaches the page");
    assert_eq!(b.text(".kh-article__link--refused").await, "اضغط هنا");
    let rendered = b
        .js(&format!("return {}.children.length", query(ARTICLE_BODY)))
        .await;
    assert_eq!(
        rendered,
        json!(blocks - 1),
        "every block but the unknown one is shown"
    );
    b.close().await;
}

#[tokio::test]
async fn a_revisit_is_served_from_cache_and_leaving_aborts_a_pending_request() {
    let server = Server::start();
    let b = Reader::start(&server).await;
    b.open_article(SLUG).await;
    // Client navigation to another article through a see-also link, then Back.
    let other = b.attr(SEE_ALSO_LINK, "href").await.expect("a see-also link");
    b.wait(SEE_ALSO_LINK).await.click().await.unwrap();
    b.wait_for_article_at(&other).await;
    b.back().await;
    b.wait_for_article_at(&format!("/article/{SLUG}")).await;
    assert_eq!(server.hits(&path()), 1, "the revisit made no second request");
    assert_eq!(server.hits("/content/site.json"), 1);

    // A slow article, left before it arrives: its request is aborted.
    let slow = "/content/articles/youth-council-first-session.json";
    server.on(slow, Reply::Delay(Duration::from_secs(8)));
    b.js("history.pushState(null, '', '/article/youth-council-first-session'); dispatchEvent(new PopStateEvent('popstate'));").await;
    b.wait(".kh-skeleton--article[aria-busy='true']").await;
    assert!(server.wait_log(Duration::from_secs(3), |log| log.iter().any(|l| l.path == slow)));
    b.wait(&format!("{FOOTER_LINK}[href='/']"))
        .await
        .click()
        .await
        .unwrap();
    b.wait_for_cards().await;
    assert!(
        server.wait_log(Duration::from_secs(5), |log| log
            .iter()
            .any(|l| l.path == slow && l.aborted)),
        "leaving the page aborted its pending request: {:?}",
        server.log()
    );
    b.close().await;
}
