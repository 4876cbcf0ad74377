//! The article page, region by region.

use crate::support::selectors::{
    query, query_all, within, ARTICLE_BODY, ARTICLE_TITLE, CARD_LINK, COPY_LINK, CURRENT_SECTION,
    FOOTER_LINK, HEADER_LOGO, HERO_IMAGE, LEDE, PARAGRAPH, READING_TIME, RELATED, SEE_ALSO, SEE_ALSO_LINK,
    SHARE, SHARE_FIELD, SHARE_STATUS,
};
use crate::support::{content, Reader, Reply, Server};

const LONG: &str = "desert-solar-grid-expansion";

#[tokio::test]
async fn an_article_shows_its_headline_and_paragraphs_from_json() {
    let server = Server::start();
    let b = Reader::start(&server).await;
    b.open_article(LONG).await;
    let article = content(&format!("articles/{LONG}.json"));

    assert_eq!(b.text("h1").await, article["title"].as_str().unwrap());
    assert_eq!(b.text(LEDE).await, article["summary"].as_str().unwrap());
    let paragraphs = crate::support::blocks(&article, "paragraph").count();
    assert_eq!(b.texts(PARAGRAPH).await.len(), paragraphs);
    assert_eq!(
        server.hits(&format!("/content/articles/{LONG}.json")),
        1,
        "the article came from its JSON file"
    );
    // The start-up script asked for the site and the article while the wasm downloaded, and
    // the app took those requests over rather than asking again (scripts/start/early-requests.js).
    let timing = b
        .js(&format!(
            "const e = performance.getEntriesByType('resource'), at = s => e.find(r => r.name.endsWith(s));
             return [at('/content/site.json').startTime, at('/content/articles/{LONG}.json').startTime, at('_bg.wasm').responseEnd];"
        ))
        .await;
    let [site, article_start, wasm_end]: [f64; 3] = serde_json::from_value(timing.clone()).unwrap();
    assert!(
        site < wasm_end && article_start < wasm_end,
        "site.json and the article are requested before the wasm has arrived: {timing}"
    );
    assert_eq!(server.hits("/content/site.json"), 1);
    b.screenshot("article-first-screen").await;
    b.assert_accessible("article").await;
    b.close().await;
}

#[tokio::test]
async fn every_region_of_the_anatomy_is_there_in_order() {
    let server = Server::start();
    let b = Reader::start(&server).await;
    b.open_article(LONG).await;
    let article = content(&format!("articles/{LONG}.json"));
    let site = content("site.json");

    let order = b
        .js("const sel = ['.kh-skip-link', 'header.kh-header', 'h1', '.kh-article__lede', 'figure.kh-hero',
                '.kh-article__category', '.kh-article__dates', '.kh-article__body', 'footer.kh-footer'];
             const els = sel.map(s => document.querySelector(s));
             if (els.some(e => !e)) return sel.filter((s, i) => !els[i]);
             return els.every((e, i) => i === 0 || (els[i - 1].compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING));")
        .await;
    assert_eq!(order, true, "regions missing or out of order: {order}");
    assert_eq!(
        b.js("return document.querySelectorAll('h1').length").await,
        1,
        "one h1"
    );

    // Header: the logo names the site and links home.
    assert_eq!(b.attr(HEADER_LOGO, "alt").await.as_deref(), site["name"].as_str());
    assert_eq!(b.attr(".kh-header__home", "href").await.as_deref(), Some("/"));

    // Hero: alt, reserved size, priority, caption and a distinct credit.
    let hero = &article["hero"];
    assert_eq!(
        b.attr(HERO_IMAGE, "alt").await.as_deref(),
        hero["image"]["alt"].as_str()
    );
    assert_eq!(
        b.attr(HERO_IMAGE, "width").await,
        Some(hero["image"]["width"].to_string())
    );
    assert_eq!(
        b.attr(HERO_IMAGE, "height").await,
        Some(hero["image"]["height"].to_string())
    );
    assert_eq!(b.attr(HERO_IMAGE, "fetchpriority").await.as_deref(), Some("high"));
    assert_eq!(
        b.text(".kh-hero__caption-text").await,
        hero["caption"].as_str().unwrap()
    );
    assert!(b
        .text(".kh-hero__credit")
        .await
        .ends_with(hero["credit"].as_str().unwrap()));

    // Category: label, a space, the linked section.
    let label = article["category"]["label"].as_str().unwrap();
    assert_eq!(b.text(".kh-article__category").await, format!("التصنيف: {label}"));
    let category_href = format!("/category/{}", article["category"]["slug"].as_str().unwrap());
    assert_eq!(
        b.attr(".kh-article__category-link", "href").await,
        Some(category_href.clone())
    );

    // Dates: machine-readable, and written in Arabic by Intl.
    assert_eq!(
        b.attr(".kh-article__published time", "datetime").await.as_deref(),
        article["published"].as_str()
    );
    b.wait_js("/[\\u0600-\\u06ff]/.test(document.querySelector('.kh-article__published time').textContent) && /\\d{1,2}:\\d{2}/.test(document.querySelector('.kh-article__published time').textContent)").await;

    // Body: every block in order; see-also lines link their articles.
    let blocks = article["body"].as_array().unwrap();
    let see_also: Vec<String> = blocks
        .iter()
        .filter(|b| b["type"] == "see_also")
        .map(|b| format!("شاهد أيضاً: {}", b["title"].as_str().unwrap()))
        .collect();
    assert!(see_also.len() >= 4);
    assert_eq!(b.texts(SEE_ALSO).await, see_also);
    let first = blocks.iter().find(|b| b["type"] == "see_also").unwrap();
    assert_eq!(
        b.attr(SEE_ALSO_LINK, "href").await,
        Some(format!("/article/{}", first["slug"].as_str().unwrap()))
    );
    assert_eq!(
        b.js(&format!("return {}.children.length", query(ARTICLE_BODY)))
            .await,
        blocks.len()
    );
    let quotes = blocks.iter().filter(|b| b["type"] == "quote").count();
    assert_eq!(b.texts(".kh-quote blockquote").await.len(), quotes);

    // Footer: every section, separated, the article's section current.
    let sections: Vec<String> = site["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["label"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(b.texts(FOOTER_LINK).await, sections);
    assert_eq!(b.attr(CURRENT_SECTION, "href").await, Some(category_href));
    let separated = b
        .js("const items = [...document.querySelectorAll('.kh-footer__item')];
        return items.slice(1).every(li => parseFloat(getComputedStyle(li).borderInlineStartWidth) > 0)")
        .await;
    assert_eq!(separated, true, "footer sections are visibly separated");

    // The document head.
    let title = article["title"].as_str().unwrap();
    assert_eq!(
        b.js("return document.title").await,
        format!("{title} | {}", site["name"].as_str().unwrap())
    );
    let meta = |sel: &str| {
        format!("const e = document.head.querySelector({sel:?}); return e && (e.content || e.href);")
    };
    let canonical = format!("{}/article/{LONG}", site["base_url"].as_str().unwrap());
    assert_eq!(b.js(&meta("meta[name=description]")).await, article["summary"]);
    assert_eq!(b.js(&meta("link[rel=canonical]")).await, canonical.as_str());
    assert_eq!(b.js(&meta("meta[property='og:url']")).await, canonical.as_str());
    assert_eq!(b.js(&meta("meta[property='og:title']")).await, title);
    assert_eq!(b.js(&meta("meta[property='og:type']")).await, "article");
    assert_eq!(
        b.js(&meta("meta[name='twitter:card']")).await,
        "summary_large_image"
    );
    let image = b.js(&meta("meta[property='og:image']")).await;
    assert_eq!(
        image,
        format!(
            "{}/content/{}",
            site["base_url"].as_str().unwrap(),
            hero["image"]["src"].as_str().unwrap()
        )
        .as_str()
    );

    b.assert_accessible("article").await;
    b.close().await;
}

#[tokio::test]
async fn the_keyboard_reaches_skip_link_then_header_and_its_menu_then_the_article() {
    let server = Server::start();
    let b = Reader::start(&server).await;
    b.open_article(LONG).await;
    let first = b.tab(1).await;
    assert_eq!(
        (first["cls"].as_str(), first["text"].as_str()),
        (Some("kh-skip-link"), Some("انتقل إلى المحتوى"))
    );
    assert_eq!(
        b.js("const r = document.activeElement.getBoundingClientRect(); return r.top >= 0 && r.height > 0")
            .await,
        true,
        "the focused skip link is visible"
    );
    let second = b.tab(1).await;
    assert_eq!(second["inHeader"], true, "{second}");
    assert_eq!(second["href"], "/");
    let third = b.tab(1).await;
    assert_eq!(
        (&third["inHeader"], third["text"].as_str()),
        (&serde_json::json!(true), Some("إعدادات القراءة")),
        "the header's settings menu: {third}"
    );
    let fourth = b.tab(1).await;
    assert_eq!(fourth["inMain"], true, "{fourth}");
    b.close().await;
}

#[tokio::test]
async fn a_new_article_starts_at_the_top_with_focus_on_its_headline_and_back_restores_the_scroll() {
    let server = Server::start();
    let b = Reader::sized(&server, 360, 740).await;
    b.open_article(LONG).await;
    // Scroll to the second see-also line and follow it.
    b.js(&format!(
        "{}[1].scrollIntoView({{block: 'center'}})",
        query_all(SEE_ALSO)
    ))
    .await;
    b.wait_js("scrollY > 1000").await;
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let before = b.js("return Math.round(scrollY)").await.as_f64().unwrap();
    // A real click: WebKit's Back skips history entries that no user action made, and a
    // script's click() is not one.
    b.client
        .find_all(fantoccini::Locator::Css(SEE_ALSO_LINK))
        .await
        .unwrap()[1]
        .click()
        .await
        .unwrap();
    b.wait_js(&format!(
        "location.pathname !== '/article/{LONG}' && {}",
        query(ARTICLE_TITLE)
    ))
    .await;
    b.wait_js("document.activeElement === document.querySelector('h1')")
        .await;
    assert_eq!(
        b.js("return scrollY").await,
        0,
        "the new article starts at the top"
    );

    b.back().await;
    b.wait_js(&format!(
        "location.pathname === '/article/{LONG}' && {}",
        query(SEE_ALSO)
    ))
    .await;
    b.wait_js(&format!("Math.abs(scrollY - {before}) < 2")).await;
    b.close().await;
}

#[tokio::test]
async fn nothing_moves_while_the_article_and_its_images_load() {
    let server = Server::start();
    let b = Reader::start(&server).await;
    // Slow the hero down so it surely arrives after the text.
    let article = content(&format!("articles/{LONG}.json"));
    server.on(
        &format!("/content/{}", article["hero"]["image"]["src"].as_str().unwrap()),
        Reply::Delay(std::time::Duration::from_millis(800)),
    );
    b.go_to("/").await;
    b.open_article(LONG).await;
    b.observe_layout_shift().await;
    b.wait_js(&format!("{}.complete", query(HERO_IMAGE))).await;
    b.js("scrollTo(0, document.body.scrollHeight)").await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    b.assert_no_layout_shift("the article's load and scroll").await;
    b.close().await;
}

#[tokio::test]
async fn screenshots_of_the_article_at_phone_and_desktop_widths() {
    let server = Server::start();
    for (width, height) in [(360, 2200), (1280, 1600)] {
        let b = Reader::sized(&server, width, height).await;
        b.open_article(LONG).await;
        b.wait_js(&format!(
            "{}.complete && /\\d:\\d/.test(document.querySelector('time').textContent)",
            query(HERO_IMAGE)
        ))
        .await;
        let overflow = b
            .js("return document.documentElement.scrollWidth <= innerWidth")
            .await;
        assert_eq!(overflow, true, "no sideways scrolling at {width}px");
        b.screenshot(&format!("article-{width}")).await;
        b.close().await;
    }
}

/// Records every Content-Security-Policy violation of the page in `window.__violations`:
/// served as a file and loaded first (the policy forbids an inline script).
const WATCH_VIOLATIONS: &str = "window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) =>
  window.__violations.push(`${e.effectiveDirective} ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));";

#[tokio::test]
async fn the_article_runs_under_a_strict_content_security_policy() {
    // The policy that ships: the release index.html carries it (scripts/postbuild/csp-meta.mjs),
    // and the prerendered pages copy its head.
    let html = std::fs::read_to_string(crate::support::server::dist_dir().join("index.html")).unwrap();
    let inline = html
        .split("<script")
        .skip(1)
        .filter(|tag| !tag.split('>').next().unwrap_or_default().contains("src="))
        .count();
    assert_eq!(inline, 0, "index.html has an inline script: {html}");
    let shipped = html
        .split("<meta http-equiv=\"Content-Security-Policy\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("index.html carries no Content-Security-Policy: {html}"));
    let directives: Vec<Vec<&str>> = shipped
        .split(';')
        .map(|d| d.split_whitespace().collect())
        .collect();
    let directive = |name: &str| {
        directives
            .iter()
            .find(|d| d.first() == Some(&name))
            .unwrap_or_else(|| panic!("no {name} in {shipped}"))[1..]
            .to_vec()
    };
    // Nothing inline, nothing from elsewhere but images (`wasm-unsafe-eval` is what any
    // WebAssembly app needs to compile its module).
    assert_eq!(directive("default-src"), ["'none'"], "{shipped}");
    assert_eq!(
        directive("script-src"),
        ["'self'", "'wasm-unsafe-eval'"],
        "{shipped}"
    );
    assert_eq!(directive("style-src"), ["'self'"], "{shipped}");
    assert_eq!(directive("connect-src"), ["'self'"], "{shipped}");
    assert_eq!(directive("base-uri"), ["'none'"], "{shipped}");

    let server = Server::start();
    server.script("/test-csp-watch.js", WATCH_VIOLATIONS);
    let b = Reader::start(&server).await;
    b.open_article(LONG).await;
    let article = content(&format!("articles/{LONG}.json"));
    assert_eq!(b.text(ARTICLE_TITLE).await, article["title"].as_str().unwrap());
    assert_eq!(
        b.js("return document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]')?.content")
            .await,
        shipped,
        "the page is under the policy that ships"
    );
    assert_eq!(
        b.js("return document.querySelectorAll('script:not([src])').length")
            .await,
        0,
        "no inline script in the page"
    );
    assert_eq!(
        b.js("return window.__violations").await,
        serde_json::json!([]),
        "the article loaded under the policy"
    );
    // The policy is enforced, and the listener hears it: an inline script is refused.
    b.js("const s = document.createElement('script'); s.textContent = 'window.__inlineRan = true'; document.head.append(s);")
        .await;
    b.wait_js("window.__violations.length > 0").await;
    assert_eq!(
        b.js("return [window.__inlineRan === true, window.__violations[0].startsWith('script-src')]")
            .await,
        serde_json::json!([false, true]),
        "an inline script is blocked and reported"
    );
    b.js("window.__violations = []").await;
    // What happens after the first paint (related news loading near the end, the feed window,
    // sharing, focus moves, another article) must not need anything the policy forbids either.
    b.js("scrollTo(0, document.documentElement.scrollHeight)").await;
    let related = b.wait(&within(RELATED, CARD_LINK)).await;
    b.wait(COPY_LINK).await.click().await.unwrap();
    // Copied, or (where the browser refuses the clipboard) the link offered in a field.
    b.wait_js(&format!(
        "{}.textContent.trim() !== '' || {}",
        query(SHARE_STATUS),
        query(SHARE_FIELD)
    ))
    .await;
    related.click().await.unwrap();
    b.wait_js(&format!("location.pathname !== '/article/{LONG}'"))
        .await;
    b.wait_for_article().await;
    assert_eq!(b.js("return window.__violations").await, serde_json::json!([]));
    b.close().await;
}

#[tokio::test]
async fn the_reading_time_is_the_newsroom_s_or_the_words_counted_in_correct_arabic() {
    let server = Server::start();
    let b = Reader::start(&server).await;
    let path = format!("/content/articles/{LONG}.json");
    let sample = content(&format!("articles/{LONG}.json"));
    let mut shown = Vec::new();
    for minutes in [1, 2, 3, 10, 11] {
        let mut article = sample.clone();
        article["reading_minutes"] = minutes.into();
        server.on(&path, Reply::Json(article.to_string()));
        b.open_article(LONG).await;
        shown.push(b.text(READING_TIME).await);
    }
    assert_eq!(
        shown,
        [
            "مدة القراءة: دقيقة واحدة",
            "مدة القراءة: دقيقتان",
            "مدة القراءة: 3 دقائق",
            "مدة القراءة: 10 دقائق",
            "مدة القراءة: 11 دقيقة",
        ]
    );

    // Without a figure, the page counts the body's words: 700 at 140 a minute.
    let mut article = sample.clone();
    article.as_object_mut().unwrap().remove("reading_minutes");
    article["body"] = serde_json::json!([{
        "type": "paragraph",
        "runs": [{"type": "text", "text": vec!["كلمة"; 700].join(" ")}]
    }]);
    server.on(&path, Reply::Json(article.to_string()));
    b.open_article(LONG).await;
    assert_eq!(b.text(READING_TIME).await, "مدة القراءة: 5 دقائق");

    // A site that writes Arabic-Indic digits writes them here too, as in its dates.
    let mut site = content("site.json");
    site["locale"] = serde_json::json!({"digits": "arabic_indic"});
    server.on("/content/site.json", Reply::Json(site.to_string()));
    let mut article = sample.clone();
    article["reading_minutes"] = 11.into();
    server.on(&path, Reply::Json(article.to_string()));
    b.open_article(LONG).await;
    assert_eq!(b.text(READING_TIME).await, "مدة القراءة: ١١ دقيقة");
    b.close().await;
}

/// What a printed article shows, read in print media: each part's `display` (its nearest
/// ancestor's that hides it), the text after the first "see also" and body link, and how far
/// the headline is from the top of the first page.
const PRINTED: &str = "
const hidden = (el) => { for (; el; el = el.parentElement) if (getComputedStyle(el).display === 'none') return true; return false; };
const parts = {};
for (const [name, css] of Object.entries(arguments[0])) {
  const els = [...document.querySelectorAll(css)];
  parts[name] = els.length === 0 ? 'missing' : els.every(hidden) ? 'hidden' : 'shown';
}
const after = (css) => { const a = document.querySelector(css); return a && [a.getAttribute('href'), getComputedStyle(a, '::after').content]; };
return { parts, see_also: after('a.kh-see-also__link'), link: after('a.kh-article__link'),
  headline_top: document.querySelector('h1').getBoundingClientRect().top + scrollY };";

#[tokio::test]
async fn a_printed_article_is_the_article_alone_with_its_links_addresses() {
    if !crate::support::browser::devtools("print media") {
        return;
    }
    let server = Server::start();
    let b = Reader::start(&server).await;
    b.open_article(LONG).await;
    b.js("window.scrollTo(0, document.body.scrollHeight)").await;
    b.wait_for_cards().await;
    let parts = serde_json::json!({
        "headline": ARTICLE_TITLE, "lede": LEDE, "hero": HERO_IMAGE, "body": PARAGRAPH,
        "see also": SEE_ALSO, "logo": HEADER_LOGO,
        "skip link": ".kh-skip-link", "share": SHARE, "related": RELATED, "sections nav": FOOTER_LINK,
        "copy link": COPY_LINK,
    });
    let on_screen = b.client.execute(PRINTED, vec![parts.clone()]).await.unwrap();
    b.cdp(
        "Emulation.setEmulatedMedia",
        serde_json::json!({"media": "print"}),
    )
    .expect("print media");
    let printed = b.client.execute(PRINTED, vec![parts]).await.unwrap();
    b.screenshot("article-print").await;
    b.cdp("Emulation.setEmulatedMedia", serde_json::json!({"media": ""}))
        .expect("screen media");

    for part in ["share", "related", "sections nav", "copy link"] {
        assert_eq!(on_screen["parts"][part], "shown", "{part} on screen: {on_screen}");
    }
    let shown = |p: &str| {
        if ["skip link", "share", "related", "sections nav", "copy link"].contains(&p) {
            "hidden"
        } else {
            "shown"
        }
    };
    for (part, state) in printed["parts"].as_object().unwrap() {
        assert_eq!(state, shown(part), "{part} in print: {printed}");
    }
    for link in ["see_also", "link"] {
        // The computed `content`, as Chromium gives it: the string the page shows, quoted, the
        // address in a left-to-right isolate.
        let href = printed[link][0].as_str().unwrap();
        assert_eq!(
            printed[link][1],
            format!("\" \u{2066}({href})\u{2069}\""),
            "{printed}"
        );
        assert_eq!(on_screen[link][1], "none", "no address after a link on screen");
    }
    assert!(
        printed["headline_top"].as_f64().unwrap() < 200.0,
        "the headline starts the first page: {printed}"
    );
    b.close().await;
}

/// The colours a reader sees: the page's background, the article root's, the headline's and
/// a body link's text, each as `rgb(…)`.
const COLOURS: &str = "
const c = (css, prop) => getComputedStyle(document.querySelector(css))[prop];
return { page: c('html', 'backgroundColor'), root: c('#khabar', 'backgroundColor'),
  headline: c('h1', 'color'), link: c('a.kh-see-also__link', 'color') };";

/// The relative luminance of an `rgb(r, g, b)` colour (WCAG 2).
fn luminance(rgb: &serde_json::Value) -> f64 {
    let channels: Vec<f64> = rgb
        .as_str()
        .unwrap()
        .trim_start_matches("rgb(")
        .trim_end_matches(')')
        .split(',')
        .map(|c| c.trim().parse::<f64>().unwrap() / 255.0)
        .map(|c| {
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        })
        .collect();
    0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
}

#[tokio::test]
async fn a_reader_whose_system_is_dark_gets_a_dark_page_that_axe_passes() {
    if !crate::support::browser::devtools("prefers-color-scheme") {
        return;
    }
    let server = Server::start();
    let b = Reader::start(&server).await;
    b.open_article(LONG).await;
    let light = b.js(COLOURS).await;
    let scheme =
        |value: &str| serde_json::json!({"features": [{"name": "prefers-color-scheme", "value": value}]});
    b.cdp("Emulation.setEmulatedMedia", scheme("dark"))
        .expect("a dark system");
    b.reload().await;
    b.wait_for_article().await;
    let dark = b.js(COLOURS).await;
    b.screenshot("article-dark").await;
    b.assert_accessible("the article, dark").await;
    b.cdp("Emulation.setEmulatedMedia", scheme("light"))
        .expect("a light system");

    for part in ["page", "root"] {
        assert!(luminance(&light[part]) > 0.9, "{part} is white in light: {light}");
        assert!(luminance(&dark[part]) < 0.02, "{part} is dark in dark: {dark}");
    }
    for part in ["headline", "link"] {
        assert!(
            luminance(&dark[part]) > 0.4 && luminance(&light[part]) < 0.2,
            "{part}: dark text in light, light text in dark: {light} {dark}"
        );
    }
    b.close().await;
}
