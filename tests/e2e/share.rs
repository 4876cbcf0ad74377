//! The share bar: named controls, exact links, copy link, no third-party requests.

use serde_json::json;

use crate::support::selectors::{
    query, query_all, within, COPY_LINK, SHARE, SHARE_CONTROL, SHARE_FIELD, SHARE_LABEL, SHARE_STATUS,
};
use crate::support::{content, Reader, Server};

const SLUG: &str = "desert-solar-grid-expansion";

const SOCIAL_HOSTS: [&str; 7] = [
    "facebook.com",
    "x.com",
    "twitter.com",
    "linkedin.com",
    "wa.me",
    "whatsapp.com",
    "t.me",
];

#[tokio::test]
async fn the_share_bar_has_named_controls_with_exact_links_and_no_tracking() {
    let server = Server::start();
    let b = Reader::start(&server).await;
    b.open_article_showing(SLUG, SHARE).await;
    let article = content(&format!("articles/{SLUG}.json"));
    let site = content("site.json");

    assert_eq!(b.text(SHARE_LABEL).await, "شارك الخبر:");
    let native = b.js("return typeof navigator.share === 'function'").await == json!(true);
    let mut names = vec![
        "شارك عبر واتساب",
        "شارك عبر تيليجرام",
        "شارك عبر فيسبوك",
        "شارك عبر إكس (تويتر)",
        "شارك عبر لينكدإن",
        "شارك عبر البريد الإلكتروني",
        "انسخ رابط الخبر",
    ];
    if native {
        names.insert(0, "شارك عبر تطبيقات جهازك");
    }
    let shown = b
        .js(&format!(
            "return [...{}].map(c => c.getAttribute('aria-label'))",
            query_all(SHARE_CONTROL)
        ))
        .await;
    assert_eq!(shown, json!(names), "controls in the order of site.json");

    // Expected links, built in the page with the browser's own encodeURIComponent.
    let url = format!("{}/article/{SLUG}", site["base_url"].as_str().unwrap());
    let expected = b
        .js(&format!(
            "const e = encodeURIComponent, url = {url}, title = {title}, text = {text};
             return {{
               whatsapp: 'https://wa.me/?text=' + e(title + ' ' + url),
               telegram: 'https://t.me/share/url?url=' + e(url) + '&text=' + e(title),
               facebook: 'https://www.facebook.com/sharer/sharer.php?u=' + e(url),
               x: 'https://x.com/intent/post?url=' + e(url) + '&text=' + e(title),
               linkedin: 'https://www.linkedin.com/sharing/share-offsite/?url=' + e(url),
               email: 'mailto:?subject=' + e(title) + '&body=' + e(text + '\\n\\n' + url),
             }};",
            url = json!(url),
            title = article["title"],
            text = article["summary"],
        ))
        .await;
    for (name, href) in expected.as_object().unwrap() {
        let control = format!("{SHARE_CONTROL}--{name}");
        assert_eq!(b.attr(&control, "href").await.as_deref(), href.as_str(), "{name}");
        assert_eq!(
            b.attr(&control, "rel").await.as_deref(),
            Some("noopener noreferrer"),
            "{name}"
        );
        let target = b.attr(&control, "target").await;
        assert_eq!(
            target.as_deref(),
            if name == "email" { None } else { Some("_blank") },
            "{name}"
        );
    }

    // 44×44 CSS px at least, and a visible focus ring.
    let sizes = b
        .js(&format!(
            "return [...{}].map(c => {{ const r = c.getBoundingClientRect(); return r.width >= 44 && r.height >= 44; }})",
            query_all(SHARE_CONTROL)
        ))
        .await;
    assert!(sizes.as_array().unwrap().iter().all(|v| v == true), "{sizes}");
    b.js(&format!(
        "{}.focus()",
        query(&format!("{SHARE_CONTROL}--telegram"))
    ))
    .await;
    let ring = b.js("const s = getComputedStyle(document.activeElement); return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2").await;
    assert_eq!(ring, true, "a visible focus ring");

    // Icons contrast at least 3:1 with their control's background.
    let contrasts = b
        .js(&format!(
            "const lum = c => {{ const [r, g, b] = c.match(/\\d+/g).slice(0, 3).map(v => {{ v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }}); return 0.2126 * r + 0.7152 * g + 0.0722 * b; }};
             return [...{controls}].map(c => {{ const s = getComputedStyle(c);
               const [a, b] = [lum(s.color), lum(s.backgroundColor)].sort((x, y) => y - x); return [c.className, (a + 0.05) / (b + 0.05)]; }});",
            controls = query_all(SHARE_CONTROL)
        ))
        .await;
    for pair in contrasts.as_array().unwrap() {
        assert!(
            pair[1].as_f64().unwrap() >= 3.0,
            "icon contrast below 3:1: {pair}"
        );
    }

    // Nothing from any social network was requested or embedded.
    let requested: Vec<String> = serde_json::from_value(
        b.js("return performance.getEntriesByType('resource').map(r => r.name).concat([...document.querySelectorAll('script[src], iframe[src], img[src], link[href]')].map(e => e.src || e.href))").await,
    )
    .unwrap();
    for r in &requested {
        assert!(
            !SOCIAL_HOSTS.iter().any(|h| r.contains(h)),
            "a request or embed for {r}"
        );
    }
    assert!(
        requested
            .iter()
            .any(|r| r.contains(&format!("/content/articles/{SLUG}.json"))),
        "the list is real: {requested:?}"
    );
    b.assert_accessible("share bar").await;
    b.close().await;
}

#[tokio::test]
async fn copy_link_puts_the_url_on_the_clipboard_and_says_so() {
    let server = Server::start();
    let b = Reader::start(&server).await;
    b.open_article_showing(SLUG, COPY_LINK).await;
    let site = content("site.json");
    assert_eq!(
        b.attr(SHARE_STATUS, "role").await.as_deref(),
        Some("status"),
        "a live region, there before the message"
    );
    assert_eq!(b.text(SHARE_STATUS).await, "");
    b.wait(COPY_LINK).await.click().await.unwrap();
    b.wait_js(&format!(
        "{}.textContent.trim() === 'تم نسخ الرابط'",
        query(SHARE_STATUS)
    ))
    .await;
    // Read the clipboard back as a reader would: paste it into a field.
    b.js("const t = document.createElement('textarea'); t.id = 'paste-here'; document.body.append(t); t.focus();").await;
    b.client
        .active_element()
        .await
        .unwrap()
        .send_keys("\u{e009}v")
        .await
        .unwrap();
    b.wait_js("document.getElementById('paste-here').value !== ''")
        .await;
    let on_clipboard = b.js("return document.getElementById('paste-here').value").await;
    assert_eq!(
        on_clipboard,
        format!("{}/article/{SLUG}", site["base_url"].as_str().unwrap()).as_str()
    );
    b.close().await;
}

#[tokio::test]
async fn without_a_clipboard_copy_link_offers_a_selectable_field() {
    let server = Server::start();
    // A browser without the Clipboard API.
    server.script("/test-shim.js", "delete Navigator.prototype.clipboard;");
    let b = Reader::start(&server).await;
    b.open_article_showing(SLUG, COPY_LINK).await;
    assert_eq!(b.js("return 'clipboard' in navigator").await, false);
    assert_eq!(b.js(&format!("return !!{}", query(SHARE_FIELD))).await, false);
    b.wait(COPY_LINK).await.click().await.unwrap();
    let field_input = within(SHARE_FIELD, "input");
    let field = b.wait(&field_input).await;
    let site = content("site.json");
    let url = format!("{}/article/{SLUG}", site["base_url"].as_str().unwrap());
    assert_eq!(
        b.js(&format!("return {}.value", query(&field_input))).await,
        url.as_str()
    );
    assert_eq!(
        b.text(&within(SHARE_FIELD, "span")).await,
        "رابط الخبر",
        "the field has an Arabic label"
    );
    field.click().await.unwrap();
    let selected = b
        .js(&format!(
            "const i = {}; return i.selectionEnd - i.selectionStart",
            query(&field_input)
        ))
        .await;
    assert_eq!(selected, url.len(), "focusing the field selects the whole link");
    assert!(
        b.text(SHARE_STATUS).await.contains("انسخ الرابط"),
        "the reader is told what to do"
    );
    b.assert_accessible("share bar with the link field").await;
    b.close().await;
}
