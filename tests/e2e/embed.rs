//! Embedding in a publisher's page: the example host page, LTR with hostile global CSS.

use std::time::Duration;

use serde_json::{json, Value};

use crate::support::selectors::{
    CARD_IMAGE, CARD_LINK, CARD_TITLE, HERO_IMAGE, SEE_ALSO_LINK, SHARE_CONTROL,
};
use crate::support::{content, Browser, Reader, Reply, Server};

const HOST: &str = "/examples/host/";
const ARTICLE: &str = "desert-solar-grid-expansion";
const RELATED: &str = "cabinet-reshuffle-three-ministries";

/// Computed styles of the host page's own elements.
async fn host_styles(b: &Browser) -> Value {
    b.js("return ['.site-name', '.post h1', '.intro', '.intro a', '.sidebar h2', '.site-footer p', 'body'].map(s => {
            const e = document.querySelector(s), c = getComputedStyle(e), r = e.getBoundingClientRect();
            return [s, c.fontFamily, c.fontSize, c.color, c.direction, c.backgroundColor, c.textAlign, r.width];
        })")
        .await
}

/// Serves at `path` a publisher's English page that loads the embed script: `head` (its title,
/// and whatever else it has) before the script, `body` its body.
fn host_page(server: &Server, path: &str, head: &str, body: &str) {
    server.on(
        path,
        Reply::Html(format!(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">{head}\
             <script type=\"module\" src=\"/khabar-embed.js\"></script></head><body>{body}</body></html>"
        )),
    );
}

/// The element `css` inside `widget`'s shadow root, or null while the widget has none yet (so
/// that `wait_js` can wait on it).
fn inside(widget: &str, css: &str) -> String {
    format!("document.querySelector('{widget}')?.shadowRoot?.querySelector('{css}')")
}

#[tokio::test]
async fn two_widgets_render_right_to_left_and_neither_page_breaks_the_other() {
    let server = Server::start();
    let b = Reader::sized(&server, 1280, 1000).await;
    // The host page as it is without khabar.
    server.on("/khabar-embed.js", Reply::Status(404));
    b.open_path(HOST, ".site-name").await;
    let before = host_styles(&b).await;
    let title = b.js("return document.title").await;
    server.clear("/khabar-embed.js");

    b.reload().await;
    b.wait_js(&format!(
        "{} && {}",
        inside("khabar-article", "h1"),
        inside("khabar-related", CARD_LINK)
    ))
    .await;
    let article = content(&format!("articles/{ARTICLE}.json"));
    assert_eq!(
        b.js(&format!(
            "return {}.textContent.trim()",
            inside("khabar-article", "h1")
        ))
        .await,
        article["title"]
    );
    let related = content(&format!("related/{RELATED}.json"));
    assert_eq!(
        b.js(&format!(
            "return {}.textContent.trim()",
            inside("khabar-related", CARD_TITLE)
        ))
        .await,
        related["items"][0]["title"]
    );

    // The host is untouched: same computed styles, same title, same history handling.
    assert_eq!(
        host_styles(&b).await,
        before,
        "the host's own elements kept their styles"
    );
    assert_eq!(
        b.js("return document.title").await,
        title,
        "the host's title is its own"
    );
    assert_eq!(b.js("return history.scrollRestoration").await, "auto");
    assert_eq!(b.js("return location.pathname").await, HOST);

    // The widgets keep theirs, whatever the host's * { direction: ltr; font: 12px serif },
    // img { width: 100% } and a { color: red } say.
    for widget in ["khabar-article", "khabar-related"] {
        let root = b.js(&format!("const r = {}; return [r.getAttribute('dir'), r.getAttribute('lang'), getComputedStyle(r).direction]", inside(widget, ".kh-root"))).await;
        assert_eq!(root, json!(["rtl", "ar", "rtl"]), "{widget}");
    }
    let styles = b
        .js(&format!(
            "const h = {h1}, see = {see}, img = {img}, card = {card}; const r = img.getBoundingClientRect(), c = card.getBoundingClientRect();
             return {{ font: getComputedStyle(h).fontFamily, size: getComputedStyle(h).fontSize, link: getComputedStyle(see).color,
                       hero: r.width / r.height, card: c.width / c.height, direction: getComputedStyle(h).direction }};",
            h1 = inside("khabar-article", "h1"),
            see = inside("khabar-article", SEE_ALSO_LINK),
            img = inside("khabar-article", HERO_IMAGE),
            card = inside("khabar-related", CARD_IMAGE),
        ))
        .await;
    assert!(
        styles["font"]
            .as_str()
            .unwrap()
            .trim_start_matches('"')
            .starts_with("khabar Naskh"),
        "{styles}"
    );
    assert_ne!(styles["size"], "12px", "{styles}");
    assert_eq!(styles["link"], "rgb(11, 87, 164)", "{styles}");
    assert_eq!(styles["direction"], "rtl");
    assert!(
        (styles["hero"].as_f64().unwrap() - 1200.0 / 675.0).abs() < 0.01,
        "{styles}"
    );
    assert!(
        (styles["card"].as_f64().unwrap() - 16.0 / 9.0).abs() < 0.01,
        "{styles}"
    );

    // No router: links follow the publisher's pattern.
    let see_also = b
        .js(&format!(
            "return {}.getAttribute('href')",
            inside("khabar-article", SEE_ALSO_LINK)
        ))
        .await;
    let first = article["body"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["type"] == "see_also")
        .unwrap();
    assert_eq!(
        see_also,
        format!("/examples/host/?story={}", first["slug"].as_str().unwrap()).as_str()
    );
    let card = b
        .js(&format!(
            "return {}.getAttribute('href')",
            inside("khabar-related", CARD_LINK)
        ))
        .await;
    assert_eq!(
        card,
        format!(
            "/examples/host/?story={}",
            related["items"][0]["slug"].as_str().unwrap()
        )
        .as_str()
    );
    let share = b
        .js(&format!(
            "return {}.getAttribute('href')",
            inside("khabar-article", &format!("{SHARE_CONTROL}--facebook"))
        ))
        .await;
    assert!(
        share
            .as_str()
            .unwrap()
            .ends_with(&format!("%2Farticle%2F{ARTICLE}")),
        "{share}"
    );

    b.screenshot("embed-host").await;
    b.assert_accessible("the host page with two widgets").await;
    b.close().await;
}

#[tokio::test]
async fn a_removed_widget_makes_no_further_request() {
    let server = Server::start();
    // Narrow and short: the article widget's related row is far below the fold.
    let b = Reader::sized(&server, 700, 700).await;
    b.open_path(HOST, ".site-name").await;
    b.wait_js(&inside("khabar-article", "h1")).await;
    let related_json = format!("/content/related/{ARTICLE}.json");
    assert_eq!(
        server.hits(&related_json),
        0,
        "its related list waits for the reader"
    );
    b.js("document.querySelector('khabar-article').remove()").await;
    b.js("scrollTo(0, document.documentElement.scrollHeight)").await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(
        server.hits(&related_json),
        0,
        "no request for a widget that is gone: {:?}",
        server.log()
    );

    // The JS API: mount() returns a handle whose unmount() removes the widget.
    let mounted = b
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             import('/khabar-embed.js').then(async ({ mount }) => {
               const el = document.createElement('div'); document.body.append(el);
               const handle = mount(el, { kind: 'article', slug: 'youth-council-first-session' });
               for (let i = 0; i < 100 && !el.shadowRoot?.querySelector('h1'); i++) await new Promise(r => setTimeout(r, 50));
               const shown = el.shadowRoot?.querySelector('h1')?.textContent.trim();
               handle.unmount();
               done([shown, el.shadowRoot.childNodes.length]);
             });",
            vec![],
        )
        .await
        .unwrap();
    let title = content("articles/youth-council-first-session.json")["title"].clone();
    assert_eq!(mounted, json!([title, 0]));

    // Issue 25: a host element with a shadow root of its own keeps what the host put there,
    // through mount and unmount (mount emptied it).
    let kept = b
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             import('/khabar-embed.js').then(async ({ mount }) => {
               const el = document.createElement('div'); document.body.append(el);
               const own = document.createElement('p'); own.id = 'own'; own.textContent = 'kept by the host';
               el.attachShadow({ mode: 'open' }).append(own);
               const handle = mount(el, { kind: 'article', slug: 'youth-council-first-session' });
               for (let i = 0; i < 100 && !el.shadowRoot.querySelector('h1'); i++) await new Promise(r => setTimeout(r, 50));
               const shown = [el.shadowRoot.querySelector('h1')?.textContent.trim(), el.shadowRoot.querySelector('#own')?.textContent];
               handle.unmount();
               done([...shown, el.shadowRoot.querySelector('#own')?.textContent, el.shadowRoot.childNodes.length]);
             });",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(kept, json!([title, "kept by the host", "kept by the host", 1]));
    b.close().await;
}

/// A publisher's page that has its own `id="khabar"` (a common id: it means "news") keeps it:
/// loading the embed script mounts the widgets and nothing else, not the app with its router,
/// which would take the element, rewrite the title and capture the page's own links.
#[tokio::test]
async fn a_host_element_with_the_id_khabar_keeps_its_links_title_and_history() {
    let server = Server::start();
    host_page(
        &server,
        "/our-news/",
        "<title>Our news</title>",
        &format!(
            "<div id=\"khabar\"><h1>Our news</h1>\
             <a id=\"own-link\" href=\"/our-news/other\">Another story of ours</a></div>\
             <khabar-related slug=\"{ARTICLE}\"></khabar-related>"
        ),
    );
    server.on(
        "/our-news/other",
        Reply::Html("<!DOCTYPE html><title>Other</title><p id=\"other\">other</p>".into()),
    );
    let b = Reader::start(&server).await;
    b.open_path("/our-news/", "#own-link").await;
    b.wait_js(&inside("khabar-related", CARD_LINK)).await;
    assert_eq!(b.js("return document.title").await, "Our news");
    assert_eq!(
        b.js("return document.querySelectorAll('.kh-app').length").await,
        0,
        "no app mounted into the host's own #khabar"
    );
    assert_eq!(b.text("#khabar h1").await, "Our news");
    // The host's link is the browser's to follow: a real page load, not the app's router.
    b.wait("#own-link").await.click().await.unwrap();
    b.wait("#other").await;
    assert_eq!(
        server.hits("/our-news/other"),
        1,
        "the host's link loaded its page: {:?}",
        server.log()
    );
    b.close().await;
}

/// A hostile or mistaken host attribute cannot make the widget write a script link: a
/// `javascript:` link pattern is refused (the console says why), and the page's other widget
/// still renders with its own links.
#[tokio::test]
async fn a_javascript_link_pattern_renders_no_javascript_link() {
    let server = Server::start();
    host_page(
        &server,
        "/hostile/",
        "<title>Host</title>",
        &format!(
            "<khabar-related id=\"hostile\" slug=\"{ARTICLE}\" \
               link-pattern=\"javascript:alert(document.domain)//{{slug}}\"></khabar-related>\
             <khabar-related id=\"encoded\" slug=\"{ARTICLE}\" \
               link-pattern=\"&#x09;JaVaScRiPt:alert(1)//{{slug}}\"></khabar-related>\
             <khabar-related id=\"fine\" slug=\"{ARTICLE}\" \
               link-pattern=\"https://publisher.example/news/{{slug}}\"></khabar-related>"
        ),
    );
    let b = Reader::start(&server).await;
    b.open_path("/hostile/", "#fine").await;
    b.wait_js(&inside("#fine", CARD_LINK)).await;
    let hrefs = b
        .js(
            "return [...document.querySelectorAll('khabar-related')].flatMap(w =>
               [...(w.shadowRoot?.querySelectorAll('[href]') ?? [])].map(a => a.getAttribute('href')))",
        )
        .await;
    let hrefs: Vec<String> = serde_json::from_value(hrefs).unwrap();
    assert!(
        hrefs
            .iter()
            .any(|h| h.starts_with("https://publisher.example/news/")),
        "the fine widget links to the publisher: {hrefs:?}"
    );
    for href in &hrefs {
        let scheme = href.trim_start().to_ascii_lowercase();
        assert!(!scheme.starts_with("javascript:"), "a script link: {href}");
    }
    for hostile in ["#hostile", "#encoded"] {
        assert_eq!(
            b.js(&format!("return !!{}", inside(hostile, CARD_LINK))).await,
            false,
            "{hostile} rendered cards"
        );
    }
    b.close().await;
}

/// A host chooses the widget's theme and digits through attributes; the default widget stays
/// light with the site's digits, whatever the reader's system; axe passes the dark one.
#[tokio::test]
async fn a_host_s_theme_and_digits_attributes_make_the_widget_dark_with_arabic_indic_digits() {
    let server = Server::start();
    host_page(
        &server,
        "/themed/",
        "<title>Host</title>",
        &format!(
            "<main><khabar-related id=\"plain\" slug=\"{ARTICLE}\"></khabar-related>\
             <khabar-article id=\"dark\" slug=\"{ARTICLE}\" theme=\"dark\" digits=\"arabic_indic\"></khabar-article></main>"
        ),
    );
    let b = Reader::start(&server).await;
    b.open_path("/themed/", "#plain").await;
    let look = |id: &str, text: &str, time: &str| {
        format!(
            "const r = {root}, t = {time}; return [getComputedStyle(r).backgroundColor, getComputedStyle(r.querySelector('{text}')).color, t.textContent]",
            root = inside(id, ".kh-root"),
            time = inside(id, time),
        )
    };
    b.wait_js(&inside("#dark", ".kh-article__published time")).await;
    b.wait_js(&inside("#plain", ".kh-card time")).await;
    let dark = b.js(&look("#dark", "h1", ".kh-article__published time")).await;
    let plain = b.js(&look("#plain", ".kh-card__title", ".kh-card time")).await;
    assert_eq!(dark[0], "rgb(18, 18, 18)", "dark paper: {dark}");
    assert_eq!(dark[1], "rgb(230, 230, 230)", "light ink: {dark}");
    assert_eq!(
        plain[0], "rgb(255, 255, 255)",
        "the default widget is light: {plain}"
    );
    assert_eq!(plain[1], "rgb(26, 26, 26)", "with dark ink: {plain}");
    let date = |v: &Value| v[2].as_str().unwrap().to_string();
    assert!(
        date(&dark).chars().any(|c| ('٠'..='٩').contains(&c)),
        "Arabic-Indic digits: {dark}"
    );
    assert!(
        !date(&dark).chars().any(|c| c.is_ascii_digit()),
        "no Western digit: {dark}"
    );
    assert!(
        date(&plain).chars().any(|c| c.is_ascii_digit()),
        "the site's Western digits: {plain}"
    );
    // (Alone: two related-news sections would be two landmarks of one name.)
    b.js("document.querySelector('#plain').remove()").await;
    b.assert_accessible("a dark widget on a light host").await;
    b.close().await;
}

/// Issue 25: a host page that enforces Trusted Types and allows the policy name `khabar`
/// (docs/embedding.md) shows both widgets: the article's headline and the related cards. The wasm fills
/// its view templates through `innerHTML`, which such a page refuses as a plain string; before
/// the glue wrote it through the `khabar` policy, Chromium left the widgets empty. In an engine
/// without Trusted Types the page enforces nothing and the test says so.
#[tokio::test]
async fn a_host_page_enforcing_trusted_types_shows_the_widgets() {
    let server = Server::start();
    host_page(
        &server,
        "/trusted-types/",
        "<meta http-equiv=\"Content-Security-Policy\" \
           content=\"require-trusted-types-for 'script'; trusted-types khabar\"><title>Host</title>",
        &format!(
            "<khabar-article slug=\"{ARTICLE}\"></khabar-article>\
             <khabar-related slug=\"{RELATED}\"></khabar-related>"
        ),
    );
    let b = Reader::sized(&server, 1280, 1000).await;
    b.open_path("/trusted-types/", "khabar-related").await;
    let enforced = b
        .js("if (!window.trustedTypes) return 'no Trusted Types';
             try { document.createElement('div').innerHTML = '<b>x</b>'; return 'not enforced'; }
             catch (e) { return 'enforced'; }")
        .await;
    if enforced != json!("enforced") {
        assert_ne!(
            crate::support::browser::engine(),
            "chromium",
            "Chromium has Trusted Types: the host page's policy must be enforced ({enforced})"
        );
        eprintln!("this engine enforces no Trusted Types ({enforced}): the widgets are checked without");
    }
    b.wait_js(&inside("khabar-article", "h1")).await;
    // The related cards load as they come near (below the whole article here): a reader
    // scrolls to them. (Before, this waited for a loading skeleton's empty title.)
    b.js("document.querySelector('khabar-related').scrollIntoView()")
        .await;
    b.wait_js(&inside("khabar-related", CARD_TITLE)).await;
    let title = content(&format!("articles/{ARTICLE}.json"))["title"].clone();
    let shown = b
        .js(&format!(
            "return [{}.textContent.trim(), \
             document.querySelector('khabar-related').shadowRoot.querySelectorAll('{CARD_TITLE}').length]",
            inside("khabar-article", "h1"),
        ))
        .await;
    assert_eq!(shown[0], title, "the article widget shows its headline");
    assert!(
        shown[1].as_u64().unwrap() > 0,
        "the related widget shows its cards: {shown}"
    );
    b.close().await;
}
