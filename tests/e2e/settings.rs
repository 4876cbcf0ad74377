//! The reader's settings: the header's menu (theme, text size, digits), kept across pages and
//! applied from the first frame, on a published page as on the app's own.

use crate::published::TAKEN_OVER;
use crate::support::selectors::{ARTICLE_TITLE, READING_TIME};
use crate::support::{Reader, Reply, Server};
use serde_json::{json, Value};

const SLUG: &str = "desert-solar-grid-expansion";
const TOGGLE: &str = ".kh-prefs__toggle";
const PANEL: &str = "#kh-prefs-panel";

/// Records what each of the page's first frames shows, from a script ahead of the page's own
/// (before any frame: a classic script in the head), in `window.__frames`: a rAF callback runs
/// just before its frame is painted. Every frame while the page is parsed, and at least 8: the
/// first may come before the headline or the date is parsed (`null` there), the last have them.
/// A date whose element is parsed but not yet its text (a fresh clone's loaded machine painted
/// one such frame in Chromium) is not there either: `null`, not "".
/// The date is read in a microtask queued after the styles: the state the frame paints. Reading
/// a style makes WebKit bring its styles up to date, and a stylesheet it had been waiting for
/// lets its parser go on at once, inside this callback: a date parsed so was read before the
/// settings script's MutationObserver, whose microtask comes before this one, had written it in
/// the reader's digits (WebKit, loaded machine: 2 runs in 12 saw Western digits in the first
/// frame with the date, in CI once).
const FRAMES: &str = "window.__frames = [];
const look = () => {
  const style = (e) => e && getComputedStyle(e);
  const h1 = document.querySelector('h1');
  const frame = { page: style(document.documentElement).backgroundColor, size: style(document.documentElement).fontSize,
    headline: h1 && style(h1).color, headlineSize: h1 && style(h1).fontSize };
  queueMicrotask(() => {
    frame.date = document.querySelector('.kh-article__published time')?.textContent || null;
    __frames.push(frame);
    if (__frames.length < 8 || document.readyState === 'loading') requestAnimationFrame(look);
    else window.__framesDone = true;
  });
};
requestAnimationFrame(look);";

/// The published site, with the frame recorder in every page.
fn published() -> Server {
    let server = Server::start_published();
    server.script("/frames.js", FRAMES);
    server
}

/// Opens the article and waits until the app has taken the published page over.
async fn open(b: &Reader) {
    b.open_article(SLUG).await;
    b.wait_js(TAKEN_OVER).await;
}

/// Opens the menu with the keyboard, chooses `value` for `setting`, and closes the menu with
/// Escape, checking that the focus is back on its button.
async fn choose(b: &Reader, setting: &str, value: &str) {
    b.js(&format!("document.querySelector('{TOGGLE}').focus()")).await;
    b.press("\u{e007}").await;
    b.wait_js(&format!(
        "document.querySelector('{PANEL}').matches(':popover-open')"
    ))
    .await;
    // Tab goes from the button into the panel.
    b.press("\u{e004}").await;
    assert_eq!(
        b.js("return document.activeElement.name").await,
        "theme",
        "Tab enters the panel: {}",
        b.js("return document.activeElement.outerHTML.slice(0, 200) + ' ' + scrollY")
            .await
    );
    let select = format!("{PANEL} select[name='{setting}']");
    b.client
        .find(fantoccini::Locator::Css(&select))
        .await
        .unwrap()
        .select_by_value(value)
        .await
        .unwrap();
    b.js(&format!("document.querySelector(\"{select}\").focus()"))
        .await;
    b.press("\u{e00c}").await;
    b.wait_js(&format!(
        "!document.querySelector('{PANEL}').matches(':popover-open')"
    ))
    .await;
    assert_eq!(
        b.js("return document.activeElement.className").await,
        "kh-prefs__toggle",
        "Escape gives the focus back to the menu's button"
    );
}

/// The page's frames since it was opened, each with the parts of the page parsed by then: a
/// property whose element was not there yet is left out, and the last frame has them all.
async fn frames(b: &Reader) -> Vec<Value> {
    b.wait_js("window.__framesDone").await;
    let frames = b.js("return __frames").await.as_array().unwrap().clone();
    let last = frames.last().unwrap();
    for part in ["headline", "headlineSize", "date"] {
        assert!(
            !last[part].is_null(),
            "the page parsed, its last frame has a {part}: {frames:?}"
        );
    }
    frames
        .into_iter()
        .map(|mut frame| {
            frame.as_object_mut().unwrap().retain(|_, v| !v.is_null());
            frame
        })
        .collect()
}

#[tokio::test]
async fn the_settings_menu_has_arabic_names_and_every_setting_s_choices() {
    let server = Server::start();
    let b = Reader::start(&server).await;
    b.open_article(SLUG).await;
    assert_eq!(b.text(TOGGLE).await, "إعدادات القراءة");
    assert_eq!(
        b.attr(TOGGLE, "popovertarget").await.as_deref(),
        Some("kh-prefs-panel")
    );
    let menu = b
        .js(&format!(
            "return [...document.querySelectorAll('{PANEL} label')].map(l => [l.firstChild.textContent.trim(), \
             l.querySelector('select').name, [...l.querySelectorAll('option')].map(o => o.textContent)])"
        ))
        .await;
    assert_eq!(
        menu,
        json!([
            ["المظهر", "theme", ["حسب النظام", "فاتح", "داكن"]],
            ["حجم النص", "size", ["أصغر", "عادي", "كبير", "أكبر", "الأكبر"]],
            [
                "الأرقام",
                "digits",
                ["كما في الموقع", "عربية (123)", "هندية (١٢٣)"]
            ]
        ])
    );
    // Closed, it takes no room and hides its choices from assistive technology.
    assert_eq!(
        b.js(&format!(
            "return document.querySelector('{PANEL}').checkVisibility()"
        ))
        .await,
        false
    );
    b.close().await;
}

#[tokio::test]
async fn a_chosen_dark_theme_wins_over_a_light_system_and_shows_from_the_first_frame_after_a_reload() {
    let server = published();
    let b = Reader::start(&server).await;
    open(&b).await;
    let light = frames(&b).await;
    choose(&b, "theme", "dark").await;
    let now = b
        .js("return getComputedStyle(document.documentElement).backgroundColor")
        .await;
    assert_eq!(now, "rgb(18, 18, 18)", "the page is dark at once");
    b.assert_accessible("the article, dark by choice").await;
    b.reload().await;
    b.wait(ARTICLE_TITLE).await;
    let dark = frames(&b).await;
    b.screenshot("settings-dark").await;
    for frame in &light {
        assert_eq!(
            frame["page"], "rgb(255, 255, 255)",
            "light before the choice: {light:?}"
        );
    }
    for frame in &dark {
        assert_eq!(
            frame["page"], "rgb(18, 18, 18)",
            "every frame after the reload is dark: {dark:?}"
        );
        if let Some(headline) = frame.get("headline") {
            assert_eq!(
                headline, "rgb(230, 230, 230)",
                "the headline is light on dark: {dark:?}"
            );
        }
    }
    open(&b).await;
    b.assert_accessible("the article, dark after a reload").await;
    b.close().await;
}

#[tokio::test]
async fn a_chosen_light_theme_wins_over_a_dark_system() {
    if !crate::support::browser::devtools("prefers-color-scheme") {
        return;
    }
    let server = published();
    let b = Reader::start(&server).await;
    b.cdp(
        "Emulation.setEmulatedMedia",
        json!({"features": [{"name": "prefers-color-scheme", "value": "dark"}]}),
    )
    .expect("a dark system");
    open(&b).await;
    assert!(
        frames(&b).await.iter().all(|f| f["page"] == "rgb(18, 18, 18)"),
        "dark with the system"
    );
    choose(&b, "theme", "light").await;
    b.reload().await;
    b.wait(ARTICLE_TITLE).await;
    let light = frames(&b).await;
    for frame in &light {
        assert_eq!(
            frame["page"], "rgb(255, 255, 255)",
            "every frame after the reload is light: {light:?}"
        );
    }
    // And back to the system's.
    open(&b).await;
    choose(&b, "theme", "").await;
    b.reload().await;
    b.wait(ARTICLE_TITLE).await;
    assert!(
        frames(&b).await.iter().all(|f| f["page"] == "rgb(18, 18, 18)"),
        "the system's again"
    );
    b.close().await;
}

#[tokio::test]
async fn the_largest_text_survives_a_reload_grows_the_headline_and_fits_a_320px_phone_with_the_menu_open() {
    let server = published();
    // WebKit's driver keeps its window at least 334px wide: there, the narrowest phone width.
    let width = if crate::support::browser::engine() == "webkit" {
        360
    } else {
        320
    };
    let b = Reader::sized(&server, width, 640).await;
    open(&b).await;
    let normal = frames(&b).await.pop().unwrap();
    choose(&b, "size", "150").await;
    b.reload().await;
    b.wait(ARTICLE_TITLE).await;
    let large = frames(&b).await;
    let px = |v: &Value| v.as_str().unwrap().trim_end_matches("px").parse::<f64>().unwrap();
    for frame in &large {
        assert_eq!(
            px(&frame["size"]),
            px(&normal["size"]) * 1.5,
            "150% from the first frame: {large:?}"
        );
        if let Some(size) = frame.get("headlineSize") {
            assert!(
                px(size) >= px(&normal["headlineSize"]) * 1.4,
                "the headline grew from {} to {size}",
                normal["headlineSize"],
            );
        }
    }
    open(&b).await;
    let overflow = b
        .js("return [document.documentElement.scrollWidth, innerWidth, \
             [...document.querySelectorAll('.kh-root *')].filter(e => { const r = e.getBoundingClientRect(); \
             return r.width && (r.left < -1 || r.right > innerWidth + 1) && !e.closest('.kh-cards--row'); }).map(e => e.className).slice(0, 5)]")
        .await;
    assert!(
        overflow[0].as_f64() <= overflow[1].as_f64(),
        "no sideways scrolling at 150% on 320px: {overflow}"
    );
    assert_eq!(
        overflow[2],
        json!([]),
        "nothing sticks out of the window: {overflow}"
    );
    b.screenshot("settings-320-largest").await;
    // The menu at that size: inside the window, its choices not scrolled out of sight.
    b.js(&format!("document.querySelector('{PANEL}').showPopover()"))
        .await;
    let panel = b
        .js(&format!(
            "const p = document.querySelector('{PANEL}'), r = p.getBoundingClientRect(); \
             return [r.left >= 0 && r.right <= innerWidth, p.scrollWidth <= p.clientWidth, p.scrollHeight <= p.clientHeight]"
        ))
        .await;
    b.screenshot("settings-320-largest-menu").await;
    assert_eq!(
        panel,
        json!([true, true, true]),
        "the open menu fits: in the window, nothing scrolled away"
    );
    b.assert_accessible("the menu open at the largest text size")
        .await;
    b.js(&format!("document.querySelector('{PANEL}').hidePopover()"))
        .await;
    b.assert_accessible("the article at the largest text size").await;
    choose(&b, "theme", "dark").await;
    b.assert_accessible("the article at the largest text size, dark")
        .await;
    b.close().await;
}

#[tokio::test]
async fn the_digit_setting_changes_the_date_at_once_after_a_reload_and_on_a_published_page_without_the_app() {
    let server = published();
    let b = Reader::start(&server).await;
    open(&b).await;
    let date = ".kh-article__published time";
    let western = b.text(date).await;
    assert!(
        western.chars().any(|c| c.is_ascii_digit()),
        "the site writes Western digits: {western}"
    );
    let arabic =
        |s: &str| s.chars().any(|c| ('٠'..='٩').contains(&c)) && !s.chars().any(|c| c.is_ascii_digit());
    choose(&b, "digits", "arabic_indic").await;
    assert!(arabic(&b.text(date).await), "at once: {}", b.text(date).await);
    b.reload().await;
    open(&b).await;
    assert!(
        arabic(&b.text(date).await),
        "after a reload: {}",
        b.text(date).await
    );
    assert!(
        arabic(&b.text(READING_TIME).await) || !b.text(READING_TIME).await.chars().any(|c| c.is_numeric())
    );
    // The published page alone (its app's wasm never comes): the start-up script wrote its
    // numbers in the reader's digits, in every frame.
    let wasm = format!("/{}", crate::support::server::built("khabar-", "_bg.wasm", ""));
    server.on(&wasm, Reply::Status(404));
    b.reload().await;
    b.wait(ARTICLE_TITLE).await;
    let shown = frames(&b).await;
    for frame in &shown {
        if let Some(date) = frame.get("date") {
            assert!(
                arabic(date.as_str().unwrap()),
                "every frame with the date: {shown:?}"
            );
        }
    }
    // Back to the site's, with the page as it is.
    server.clear(&wasm);
    b.reload().await;
    open(&b).await;
    choose(&b, "digits", "").await;
    let again = b.text(date).await;
    assert!(
        again.chars().any(|c| c.is_ascii_digit()) && !again.chars().any(|c| ('٠'..='٩').contains(&c)),
        "the site's digits again: {again}"
    );
    b.close().await;
}

/// The page's Arabic face: the two cut weights, from the page's own origin, under hashed names;
/// once cached, the article is set in it; and nothing moves through the load, as the face is
/// never swapped in late (`font-display: optional`).
#[tokio::test]
async fn the_article_is_set_in_the_self_hosted_naskh_face_and_it_moves_nothing() {
    let server = published();
    let b = Reader::start(&server).await;
    open(&b).await;
    b.reload().await;
    open(&b).await;
    b.observe_layout_shift().await;
    b.wait_js("document.fonts.status === 'loaded'").await;
    let fonts = b
        .js("return { faces: [...document.fonts].filter(f => f.family.replace(/\"/g, '') === 'khabar Naskh').map(f => [f.weight, f.status, f.display]), \
             paragraph: getComputedStyle(document.querySelector('.kh-article__paragraph')).fontFamily.replace(/\"/g, ''), \
             usable: document.fonts.check('400 1rem \"khabar Naskh\"', 'خبر') && document.fonts.check('700 1rem \"khabar Naskh\"', 'خبر'), \
             shown: [document.querySelector('.kh-article__paragraph'), document.querySelector('h1')].map(e => { \
               const alone = e.cloneNode(true); alone.style.fontFamily = getComputedStyle(e).fontFamily.replace(/^\"?khabar Naskh\"?,/, ''); \
               alone.style.inlineSize = getComputedStyle(e).inlineSize; e.after(alone); \
               const [face, fallback] = [e.getBoundingClientRect().height, alone.getBoundingClientRect().height]; alone.remove(); \
               return face !== fallback; }) }")
        .await;
    let files: Vec<String> = server
        .log()
        .iter()
        .map(|l| l.path.clone())
        .filter(|p| p.ends_with(".woff2"))
        .collect();
    for weight in ["400", "700"] {
        let prefix = format!("/naskh-{weight}-");
        assert!(
            files
                .iter()
                .any(|f| f.starts_with(&prefix) && f.len() == prefix.len() + 16 + 6),
            "the {weight} cut was asked of the page's origin, under its hashed name: {files:?}"
        );
    }
    assert_eq!(
        fonts["faces"],
        json!([["400", "loaded", "optional"], ["700", "loaded", "optional"]]),
        "{fonts}"
    );
    assert!(
        fonts["paragraph"].as_str().unwrap().starts_with("khabar Naskh,"),
        "{fonts}"
    );
    assert_eq!(
        fonts["usable"], true,
        "both weights are ready for Arabic text: {fonts}"
    );
    b.assert_no_layout_shift("a load in the cached face").await;
    b.screenshot("article-naskh").await;
    b.close().await;
}
