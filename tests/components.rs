//! Component tests: real components mounted into a fresh element in headless Chromium.
#![cfg(target_arch = "wasm32")]

use khabar::components::card::{CardView, TitleLevel};
use khabar::components::status::ErrorNotice;
use khabar::content::{self, Card, ContentError, Image, Section, Site};
use khabar::context::SiteContext;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_root() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let el = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&el).unwrap();
    el.unchecked_into()
}

/// Lets effects and futures run.
async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn site() -> Site {
    content::parse::deserialize(include_str!("../content/site.json")).unwrap()
}

#[wasm_bindgen_test]
async fn error_notice_speaks_arabic_offers_retry_and_keeps_the_cause() {
    let root = fresh_root();
    let retries = RwSignal::new(0);
    let error = ContentError::Status {
        url: "/content/articles/x.json".into(),
        status: 503,
    };
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <ErrorNotice error=error.clone() on_retry=move || retries.update(|n| *n += 1) /> }
    });
    let alert = root.query_selector("[role=alert]").unwrap().expect("an alert");
    assert!(alert.text_content().unwrap().contains("حدث خطأ في الخادم"));
    assert_eq!(alert.get_attribute("data-error-kind").as_deref(), Some("status"));
    let code = root
        .query_selector("code")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert_eq!(code, "HTTP 503 fetching /content/articles/x.json");
    let button: web_sys::HtmlElement = root.query_selector("button").unwrap().unwrap().unchecked_into();
    assert_eq!(button.text_content().as_deref(), Some("أعد المحاولة"));
    button.click();
    button.click();
    assert_eq!(retries.get_untracked(), 2);
}

#[wasm_bindgen_test]
fn errors_that_retrying_cannot_fix_have_no_retry_button() {
    let root = fresh_root();
    let error = ContentError::Shape {
        url: "u".into(),
        path: "title".into(),
        detail: "missing field `title`".into(),
    };
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <ErrorNotice error=error.clone() on_retry=|| () /> }
    });
    assert!(root.query_selector("button").unwrap().is_none());
    assert!(root.text_content().unwrap().contains("صيغة غير متوقعة"));
}

#[wasm_bindgen_test]
async fn a_card_links_its_article_reserves_its_image_and_dates_in_arabic() {
    let root = fresh_root();
    let card = Card {
        slug: "sample-card".into(),
        title: "عنوان البطاقة".into(),
        teaser: "نص تمهيدي قصير.".into(),
        image: Image {
            src: "images/x.svg".into(),
            srcset: None,
            sizes: None,
            width: 1200,
            height: 675,
            alt: "وصف الصورة".into(),
        },
        category: Section {
            slug: "sport".into(),
            label: "رياضة".into(),
        },
        published: "2026-11-02T09:30:00+03:00".into(),
    };
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_context(SiteContext(Arc::new(site())));
        view! { <CardView card=card.clone() level=TitleLevel::H3 /> }
    });
    let link = root.query_selector("h3 a").unwrap().expect("a linked h3 title");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("/article/sample-card")
    );
    let img = root.query_selector("img").unwrap().unwrap();
    assert_eq!(img.get_attribute("width").as_deref(), Some("1200"));
    assert_eq!(img.get_attribute("height").as_deref(), Some("675"));
    assert_eq!(img.get_attribute("loading").as_deref(), Some("lazy"));
    assert_eq!(img.get_attribute("src").as_deref(), Some("/content/images/x.svg"));
    tick().await;
    let time = root.query_selector("time").unwrap().unwrap();
    assert_eq!(
        time.get_attribute("datetime").as_deref(),
        Some("2026-11-02T09:30:00+03:00")
    );
    let shown = time.text_content().unwrap();
    assert!(
        shown.contains("نوفمبر") && shown.contains("2026"),
        "Intl date in Arabic: {shown}"
    );
}

fn blob_url(text: &str) -> String {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let blob = web_sys::Blob::new_with_str_sequence(&parts).unwrap();
    web_sys::Url::create_object_url_with_blob(&blob).unwrap()
}

#[wasm_bindgen_test]
async fn the_fetch_layer_types_errors_and_serves_revisits_from_cache() {
    content::clear_cache();
    // Not JSON, and the wrong shape (with its path), each its own kind.
    let not_json = blob_url("<html>oops</html>");
    let e = content::fetch_related(&not_json).await.unwrap_err();
    assert_eq!(e.kind(), "not-json", "{e}");
    let wrong = blob_url(r#"{"items":[{"slug":"a"}]}"#);
    match content::fetch_related(&wrong).await.unwrap_err() {
        ContentError::Shape { path, .. } => assert_eq!(path, "items[0]"),
        other => panic!("expected a shape error, got {other}"),
    }
    // Well-formed: fetched once, then served from the cache. The requests are counted at
    // `window.fetch` (a revoked blob URL is no test: WebKit still serves it while a Request
    // made from it is alive).
    let fetches = count_fetches();
    let ok = blob_url(r#"{"items":[]}"#);
    let (a, b) = futures::join!(content::fetch_related(&ok), content::fetch_related(&ok));
    assert!(a.is_ok() && b.is_ok(), "{a:?} {b:?}");
    assert_eq!(fetches(), 1, "two concurrent requests share one fetch");
    assert!(content::fetch_related(&ok).await.is_ok());
    assert_eq!(fetches(), 1, "a revisit is served from the cache");
    content::clear_cache();
    assert!(content::fetch_related(&ok).await.is_ok());
    assert_eq!(fetches(), 2, "without the cache it is fetched again");
}

#[wasm_bindgen_test]
async fn the_fetch_layer_keeps_at_most_cache_bytes_of_answers_and_drops_the_oldest() {
    content::clear_cache();
    // Three related lists, each just over a third of the cache (the padding is a field the
    // reader skips), so the third answer pushes the first out and keeps the second.
    let padding = "x".repeat(content::CACHE_BYTES / 3);
    let list = |n: u32| blob_url(&format!(r#"{{"items":[],"padding{n}":"{padding}"}}"#));
    let (first, second, third) = (list(1), list(2), list(3));
    let fetches = count_fetches();
    for url in [&first, &second, &third] {
        content::fetch_related(url).await.unwrap();
    }
    assert_eq!(fetches(), 3);
    content::fetch_related(&third).await.unwrap();
    content::fetch_related(&second).await.unwrap();
    assert_eq!(fetches(), 3, "the two latest answers are still kept");
    content::fetch_related(&first).await.unwrap();
    assert_eq!(
        fetches(),
        4,
        "the oldest answer was dropped, so it is asked for again"
    );
    content::clear_cache();
}

#[wasm_bindgen_test]
async fn the_fetch_layer_takes_over_a_request_the_start_up_script_made() {
    content::clear_cache();
    let fetches = count_fetches();
    // As scripts/start/early-requests.js leaves it: [response promise, abort controller] by URL.
    js_sys::eval(
        r#"window.__khabarEarly = {
             "/early/related.json": [Promise.resolve(new Response('{"items":[]}')), new AbortController()],
             "/early/missing.json": [Promise.resolve(new Response("", {status: 404})), new AbortController()],
           };"#,
    )
    .unwrap();
    let list = content::fetch_related("/early/related.json").await.unwrap();
    assert!(list.items.is_empty());
    assert_eq!(fetches(), 0, "the early request was used, none made");
    // An early answer is checked like any other, and taken once: a retry asks the network.
    let e = content::fetch_related("/early/missing.json").await.unwrap_err();
    assert!(e.is_not_found(), "{e}");
    let _ = content::fetch_related("/early/missing.json").await;
    assert_eq!(fetches(), 1, "the retry made its own request");
    content::clear_cache();
}

/// Wraps `window.fetch` to count its calls from now on; the returned function reads the count.
fn count_fetches() -> impl Fn() -> u32 {
    js_sys::eval(
        "window.__fetches = 0;
         if (!window.__fetchWrapped) {
             const fetch = window.fetch;
             window.fetch = function (...args) { window.__fetches++; return fetch.apply(this, args); };
             window.__fetchWrapped = true;
         }",
    )
    .unwrap();
    || js_sys::eval("window.__fetches").unwrap().as_f64().unwrap() as u32
}

#[wasm_bindgen_test]
async fn the_lazy_loader_creates_its_content_only_once_triggered() {
    use khabar::components::lazy::LazyLoad;
    let root = fresh_root();
    // Far below the viewport: nothing brings it near but the latch.
    root.style().set_property("margin-top", "400vh").unwrap();
    let near = RwSignal::new(false);
    let created = RwSignal::new(0);
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <LazyLoad near placeholder=|| view! { <p class="placeholder">"…"</p> } margin="0px">
                {move || {
                    created.update_untracked(|n| *n += 1);
                    view! { <p class="content">"المحتوى"</p> }
                }}
            </LazyLoad>
        }
    });
    tick().await;
    assert!(root.query_selector(".placeholder").unwrap().is_some());
    assert!(root.query_selector(".content").unwrap().is_none());
    assert_eq!(
        created.get_untracked(),
        0,
        "the content is not even created before it is needed"
    );
    near.set(true);
    tick().await;
    assert!(root.query_selector(".content").unwrap().is_some());
    assert!(root.query_selector(".placeholder").unwrap().is_none());
    assert_eq!(created.get_untracked(), 1);
}

#[wasm_bindgen_test]
async fn the_share_bar_names_every_control_and_links_exactly() {
    use khabar::components::share::{ShareBar, Shared};
    use khabar::content::ShareProvider;
    let root = fresh_root();
    let shared = Shared {
        url: "https://khabar.example/article/a-b".into(),
        title: "عنوان & #وسم".into(),
        text: "ملخص".into(),
    };
    let providers = vec![
        ShareProvider::Telegram,
        ShareProvider::Unknown,
        ShareProvider::Email,
        ShareProvider::CopyLink,
    ];
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <ShareBar shared=shared.clone() providers=providers.clone() /> }
    });
    tick().await;
    let labels: Vec<String> = (0..)
        .map_while(|i| root.query_selector_all(".kh-share__control").unwrap().get(i))
        .map(|n| {
            n.unchecked_into::<web_sys::Element>()
                .get_attribute("aria-label")
                .unwrap()
        })
        .collect();
    assert_eq!(
        labels,
        [
            "شارك عبر تيليجرام",
            "شارك عبر البريد الإلكتروني",
            "انسخ رابط الخبر"
        ],
        "unknown providers are skipped"
    );
    let telegram = root
        .query_selector(".kh-share__control--telegram")
        .unwrap()
        .unwrap();
    assert_eq!(
        telegram.get_attribute("href").as_deref(),
        Some("https://t.me/share/url?url=https%3A%2F%2Fkhabar.example%2Farticle%2Fa-b&text=%D8%B9%D9%86%D9%88%D8%A7%D9%86%20%26%20%23%D9%88%D8%B3%D9%85")
    );
    // The icon is the stylesheet's (a mask on `::before`, style/main.css): the control holds
    // no text or element that could add to, or stand for, its Arabic name.
    assert_eq!(telegram.child_element_count(), 0, "icons are decorative");
    assert_eq!(telegram.text_content().unwrap_or_default().trim(), "");
}

#[wasm_bindgen_test]
fn embed_options_are_read_and_checked() {
    use khabar::embed::{EmbedOptions, WidgetKind};
    let options = |pairs: &[(&str, &str)]| {
        let o = js_sys::Object::new();
        for (k, v) in pairs {
            js_sys::Reflect::set(&o, &(*k).into(), &(*v).into()).unwrap();
        }
        wasm_bindgen::JsValue::from(o)
    };
    let read = EmbedOptions::from_js(&options(&[
        ("slug", "a-b"),
        ("kind", "related"),
        ("linkPattern", "https://pub.example/n/{slug}"),
        ("contentBase", "https://cdn.example/c"),
    ]))
    .unwrap();
    assert_eq!(read.kind, WidgetKind::Related);
    assert_eq!(read.links.article("a-b"), "https://pub.example/n/a-b");
    assert_eq!(read.links.section, None);
    assert_eq!(read.content_base.as_deref(), Some("https://cdn.example/c"));
    assert_eq!(
        EmbedOptions::from_js(&options(&[("slug", "a")])).unwrap().kind,
        WidgetKind::Article
    );
    assert!(EmbedOptions::from_js(&options(&[])).unwrap_err().contains("slug"));
    assert!(EmbedOptions::from_js(&options(&[("slug", "a"), ("kind", "poll")])).is_err());
    assert!(
        EmbedOptions::from_js(&options(&[("slug", "a"), ("linkPattern", "/news/")]))
            .unwrap_err()
            .contains("{slug}")
    );
    // A host's URLs pass the rules content's do: no script, however it is written.
    for (key, value) in [
        ("linkPattern", "javascript:alert(document.domain)//{slug}"),
        ("linkPattern", "JAVASCRIPT:alert(1)//{slug}"),
        ("linkPattern", "\tjavascript:alert(1)//{slug}"),
        ("sectionPattern", "data:text/html,<script>alert(1)</script>{slug}"),
        ("sectionPattern", "vbscript:x//{slug}"),
        ("contentBase", "javascript:alert(1)//"),
        ("stylesheet", "data:text/css,*{}"),
        ("stylesheet", "blob:https://pub.example/x"),
    ] {
        let refused = EmbedOptions::from_js(&options(&[("slug", "a"), (key, value)]));
        assert!(
            refused.as_ref().is_err_and(|e| e.contains("refused")),
            "{key}={value:?}: {refused:?}"
        );
    }
}

/// The browser reads content (`JSON.parse`, then the same readers as the validator) with the
/// paths and messages the offline validator gives for the same files.
#[wasm_bindgen_test]
fn the_browser_reads_content_as_the_validator_does() {
    use content::parse::{deserialize, Unreadable};
    use content::{Article, Block};
    let sample = include_str!("../content/articles/cabinet-reshuffle-three-ministries.json");
    let article: Article = deserialize(sample).unwrap();
    assert_eq!(article.slug, "cabinet-reshuffle-three-ministries");
    assert!(matches!(article.body[0], Block::Paragraph { .. }));
    let shape = |text: &str| match deserialize::<Article>(text) {
        Err(Unreadable::Shape { path, detail }) => format!("{path}: {detail}"),
        other => panic!("expected a shape error, got {other:?}"),
    };
    assert_eq!(
        shape(include_str!("fixtures/invalid/missing-href.json")),
        "body[0].runs[1]: missing field `href` (required in a \"link\" run)"
    );
    assert_eq!(
        shape(include_str!("fixtures/invalid/missing-field.json")),
        ".: missing field `summary`"
    );
    assert_eq!(
        shape(&sample.replacen("\"width\": 1200", "\"width\": \"1200\"", 1)),
        "hero.image.width: invalid type: a string, expected a whole number"
    );
    let poll = sample.replacen("\"type\": \"paragraph\"", "\"type\": \"poll\"", 1);
    let article: Article = deserialize(&poll).unwrap();
    assert_eq!(article.body[0], Block::Unknown { kind: "poll".into() });
    match deserialize::<Article>(include_str!("fixtures/invalid/not-json.json")) {
        Err(Unreadable::NotJson(message)) => assert!(!message.is_empty()),
        other => panic!("expected not JSON, got {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn a_loader_gives_back_its_own_type_and_runs_again_on_retry() {
    use std::cell::Cell;
    use std::rc::Rc;
    let root = fresh_root();
    let runs = Rc::new(Cell::new(0));
    let counted = runs.clone();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        let counted = counted.clone();
        // The first run fails, as a request can; a retry runs the fetch again.
        let words = content::Loader::new(move || {
            counted.set(counted.get() + 1);
            let run = counted.get();
            async move {
                match run {
                    1 => Err(ContentError::Status {
                        url: "/content/x.json".into(),
                        status: 503,
                    }),
                    n => Ok(format!("run {n}")),
                }
            }
        });
        // A second loader of another type, in the same Suspense.
        let numbers = content::Loader::new(|| async { Ok(vec![1u32, 2, 3]) });
        view! {
            <Suspense fallback=|| "…">
                {move || Suspend::new(async move {
                    let sum: u32 = numbers.get().await.map(|n| n.iter().sum()).unwrap_or(0);
                    match words.get().await {
                        Ok(words) => view! { <p>{format!("{words}, {sum}")}</p> }.into_any(),
                        Err(error) => view! { <ErrorNotice error on_retry=move || words.refetch() /> }.into_any(),
                    }
                })}
            </Suspense>
        }
    });
    tick().await;
    assert_eq!(runs.get(), 1);
    let button: web_sys::HtmlElement = root
        .query_selector("[role=alert] button")
        .unwrap()
        .expect("the failed run offers a retry")
        .unchecked_into();
    button.click();
    tick().await;
    assert_eq!(runs.get(), 2);
    assert_eq!(root.text_content().as_deref(), Some("run 2, 6"));
}

/// The article view is pure: given an article, it renders every region of it at once, and
/// makes no request of its own (the share bar and related news are the page's to add).
#[wasm_bindgen_test]
async fn the_article_view_renders_the_article_it_is_given_and_fetches_nothing() {
    use khabar::components::article::ArticleView;
    use khabar::content::{Article, Block};
    let article: Article = content::parse::deserialize(include_str!(
        "../content/articles/desert-solar-grid-expansion.json"
    ))
    .unwrap();
    let paragraphs = article
        .body
        .iter()
        .filter(|b| matches!(b, Block::Paragraph { .. }))
        .count();
    let see_also = article
        .body
        .iter()
        .filter(|b| matches!(b, Block::SeeAlso { .. }))
        .count();
    let (title, summary) = (article.title.clone(), article.summary.clone());
    let fetches = count_fetches();
    let root = fresh_root();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_context(SiteContext(Arc::new(site())));
        view! { <ArticleView article=article.clone() /> }
    });
    // Rendered in the mount itself, with nothing left to load.
    let text = |css: &str| {
        root.query_selector(css)
            .unwrap()
            .unwrap_or_else(|| panic!("no {css}"))
            .text_content()
            .unwrap()
    };
    assert_eq!(text("h1"), title);
    assert_eq!(text(".kh-article__lede"), summary);
    assert!(root
        .query_selector("figure.kh-hero img[width][height]")
        .unwrap()
        .is_some());
    let count = |css: &str| root.query_selector_all(css).unwrap().length() as usize;
    assert_eq!(count(".kh-article__paragraph"), paragraphs);
    assert_eq!(count(".kh-see-also a[href^='/article/']"), see_also);
    assert_eq!(
        count(".kh-share, .kh-related"),
        0,
        "the page adds them, not the view"
    );
    tick().await;
    assert_eq!(fetches(), 0, "the view requested nothing");
}
