//! The published site (`make build` runs `make publish` for content/): every route answers
//! with its page, readable without script and read by crawlers, and the app takes it over
//! without a seam.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde_json::{json, Value};

use crate::support::selectors::{
    query, ARTICLE_BODY, ARTICLE_TITLE, CARD_LINK, FOOTER_LINK, HEADER_LOGO, HERO_IMAGE, LEDE, RELATED,
    SEE_ALSO_LINK, SHARE_CONTROL,
};
use crate::support::server::dist_dir;
use crate::support::{content, copy_tree, Reader, Reply, Server};

const SLUG: &str = "desert-solar-grid-expansion";

/// True once the app has taken the published page over: its wasm has loaded (so the
/// start-up script has moved the root's `data-khabar-app` mark to the hidden copy, whatever
/// the engine's wait for the first paint), and the marked root is the one shown.
pub(crate) const TAKEN_OVER: &str = "performance.getEntriesByType('resource').some(e => e.name.endsWith('_bg.wasm') && e.responseEnd > 0) \
    && !!document.querySelector('#khabar[data-khabar-app]:not([hidden])') && !document.querySelector('#khabar:not([data-khabar-app])')";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every sample article, parsed.
fn articles() -> Vec<Value> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(repo().join("content/articles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
        .collect()
}

/// A GET as a crawler makes it: one HTTP/1.1 request, no script, no cookies.
fn plain_get(url: &str) -> (u16, String) {
    let rest = url.strip_prefix("http://").expect("an http URL");
    let (host, path) = rest
        .split_once('/')
        .map_or((rest, "/".to_string()), |(h, p)| (h, format!("/{p}")));
    let mut stream = TcpStream::connect(host).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: facebookexternalhit/1.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8(raw).expect("a UTF-8 answer");
    let (head, body) = raw.split_once("\r\n\r\n").expect("an HTTP answer");
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, body.to_string())
}

fn unescape(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The attributes of every `<tag …>` start tag of `html` (values quoted, as the server
/// renderer writes them, or bare, as the minified shell has them).
fn tags(html: &str, tag: &str) -> Vec<Vec<(String, String)>> {
    let open = format!("<{tag} ");
    html.match_indices(&open)
        .map(|(at, _)| {
            let inside = &html[at + open.len()..];
            let inside = &inside[..inside.find('>').unwrap()];
            let mut attrs = Vec::new();
            let mut rest = inside.trim_start();
            while let Some(eq) = rest.find('=') {
                let name = rest[..eq].trim().rsplit(' ').next().unwrap().to_string();
                let after = &rest[eq + 1..];
                let (value, next) = match after.strip_prefix('"') {
                    Some(quoted) => {
                        let end = quoted.find('"').unwrap();
                        (&quoted[..end], &quoted[end + 1..])
                    }
                    None => {
                        let end = after.find(' ').unwrap_or(after.len());
                        (&after[..end], &after[end..])
                    }
                };
                attrs.push((name, unescape(value)));
                rest = next.trim_start();
            }
            attrs
        })
        .collect()
}

/// The `content` of the `<meta>` whose `key` attribute (`property` or `name`) is `value`;
/// fails if there is not exactly one.
fn meta(html: &str, key: &str, value: &str) -> String {
    let found: Vec<String> = tags(html, "meta")
        .into_iter()
        .filter(|a| a.iter().any(|(k, v)| k == key && v == value))
        .filter_map(|a| a.into_iter().find(|(k, _)| k == "content").map(|(_, v)| v))
        .collect();
    assert_eq!(found.len(), 1, "one <meta {key}=\"{value}\">, found {found:?}");
    found.into_iter().next().unwrap()
}

fn link(html: &str, rel: &str) -> Vec<String> {
    tags(html, "link")
        .into_iter()
        .filter(|a| a.iter().any(|(k, v)| k == "rel" && v == rel))
        .filter_map(|a| a.into_iter().find(|(k, _)| k == "href").map(|(_, v)| v))
        .collect()
}

#[tokio::test]
async fn a_crawler_reads_each_article_s_headline_picture_address_and_dates_from_its_html() {
    let server = Server::start_published();
    let site = content("site.json");
    let base = site["base_url"].as_str().unwrap();
    for article in articles() {
        let slug = article["slug"].as_str().unwrap();
        let title = article["title"].as_str().unwrap();
        let published = article["published"].as_str().unwrap();
        let modified = article["updated"].as_str().unwrap_or(published);
        let (status, html) = plain_get(&server.url(&format!("/article/{slug}")));
        assert_eq!(status, 200, "{slug}");
        let page = format!("{base}/article/{slug}");
        assert_eq!(meta(&html, "property", "og:title"), title, "{slug}");
        assert_eq!(meta(&html, "property", "og:type"), "article", "{slug}");
        assert_eq!(meta(&html, "property", "og:url"), page, "{slug}");
        assert_eq!(meta(&html, "property", "og:locale"), "ar_AR", "{slug}");
        assert_eq!(
            meta(&html, "property", "og:site_name"),
            site["name"].as_str().unwrap()
        );
        assert_eq!(
            meta(&html, "property", "og:description"),
            article["summary"].as_str().unwrap()
        );
        assert_eq!(
            meta(&html, "name", "description"),
            article["summary"].as_str().unwrap()
        );
        let image = meta(&html, "property", "og:image");
        assert!(
            image.starts_with("https://"),
            "{slug}: og:image {image} is not absolute"
        );
        assert!(
            image.ends_with(article["hero"]["image"]["src"].as_str().unwrap()),
            "{slug}: {image}"
        );
        let hero = &article["hero"]["image"];
        assert_eq!(
            meta(&html, "property", "og:image:width"),
            hero["width"].to_string()
        );
        assert_eq!(
            meta(&html, "property", "og:image:height"),
            hero["height"].to_string()
        );
        assert_eq!(
            meta(&html, "property", "og:image:alt"),
            hero["alt"].as_str().unwrap()
        );
        assert_eq!(meta(&html, "name", "twitter:card"), "summary_large_image");
        assert_eq!(meta(&html, "property", "article:published_time"), published);
        assert_eq!(meta(&html, "property", "article:modified_time"), modified);
        assert_eq!(
            meta(&html, "property", "article:section"),
            article["category"]["label"].as_str().unwrap()
        );
        assert_eq!(link(&html, "canonical"), vec![page.clone()], "{slug}");
        let feed = format!("{base}/rss/{}.xml", article["category"]["slug"].as_str().unwrap());
        assert_eq!(link(&html, "alternate"), vec![feed], "{slug}");
        let title_tag = &html[html.find("<title>").unwrap() + 7..html.find("</title>").unwrap()];
        assert_eq!(
            unescape(title_tag),
            format!("{title} | {}", site["name"].as_str().unwrap())
        );
        assert_eq!(html.matches("<title>").count(), 1, "{slug}: one title");

        // The structured data: a JSON-LD NewsArticle that parses.
        let open = "<script type=\"application/ld+json\">";
        let start = html.find(open).unwrap_or_else(|| panic!("{slug}: no JSON-LD")) + open.len();
        let end = start + html[start..].find("</script>").unwrap();
        let data: Value = serde_json::from_str(&html[start..end]).expect("JSON-LD parses");
        assert_eq!(data["@type"], "NewsArticle", "{slug}");
        assert_eq!(data["headline"], title, "{slug}");
        assert_eq!(data["datePublished"], published, "{slug}");
        assert_eq!(data["dateModified"], modified, "{slug}");
        assert_eq!(data["mainEntityOfPage"]["@id"], page, "{slug}");
        assert_eq!(data["image"][0], image, "{slug}");
        assert!(data["author"][0]["name"].is_string(), "{slug}: {data}");
        assert_eq!(data["publisher"]["name"], site["name"], "{slug}");
        assert!(
            data["publisher"]["logo"]["url"]
                .as_str()
                .unwrap()
                .starts_with("https://"),
            "{slug}: {data}"
        );

        // And the article itself, as text in the HTML.
        assert!(
            html.contains(&format!(">{title}</h1>")),
            "{slug}: the headline is in the page"
        );
    }
    // A route the site does not have: the not-found page, with 404.
    let (status, html) = plain_get(&server.url("/no-such-page"));
    assert_eq!(status, 404);
    assert!(html.contains("kh-not-found"), "{html}");
}

#[tokio::test]
async fn with_script_off_an_article_shows_every_region_and_its_share_links_work() {
    let server = Server::start_published();
    let b = Reader::without_script(&server).await;
    b.open_path(&format!("/article/{SLUG}"), ARTICLE_TITLE).await;
    assert_eq!(
        b.js("return matchMedia('(scripting: none)').matches").await,
        json!(true),
        "the page's scripts are off"
    );
    let article = content(&format!("articles/{SLUG}.json"));
    let site = content("site.json");
    assert_eq!(b.text(ARTICLE_TITLE).await, article["title"].as_str().unwrap());
    assert_eq!(b.text(LEDE).await, article["summary"].as_str().unwrap());
    assert_eq!(b.attr(HEADER_LOGO, "alt").await.as_deref(), site["name"].as_str());
    let hero = b.attr(HERO_IMAGE, "src").await.unwrap();
    assert!(
        hero.ends_with(article["hero"]["image"]["src"].as_str().unwrap()),
        "{hero}"
    );
    assert_eq!(
        b.text(".kh-hero__caption-text").await,
        article["hero"]["caption"].as_str().unwrap()
    );
    assert_eq!(
        b.text(".kh-article__category-link").await,
        article["category"]["label"].as_str().unwrap()
    );
    assert_eq!(
        b.attr("time", "datetime").await.as_deref(),
        article["published"].as_str(),
        "the date"
    );
    let paragraphs = crate::support::blocks(&article, "paragraph").count();
    assert_eq!(
        b.js(&format!(
            "return {}.querySelectorAll('.kh-article__paragraph').length",
            query(ARTICLE_BODY)
        ))
        .await,
        json!(paragraphs)
    );
    let see_also: Vec<String> = crate::support::blocks(&article, "see_also")
        .map(|b| format!("/article/{}", b["slug"].as_str().unwrap()))
        .collect();
    assert!(!see_also.is_empty(), "the sample has see-also links");
    assert_eq!(
        b.js(&format!(
            "return [...document.querySelectorAll('{SEE_ALSO_LINK}')].map(a => a.getAttribute('href'))"
        ))
        .await,
        json!(see_also)
    );
    let footer = b
        .js(&format!(
            "return document.querySelectorAll('{FOOTER_LINK}').length"
        ))
        .await;
    assert_eq!(footer, json!(site["sections"].as_array().unwrap().len()));

    // The six link controls, with the links the app gives them (tests/e2e/share.rs checks
    // those against the browser's own encoding).
    let url = format!("{}/article/{SLUG}", site["base_url"].as_str().unwrap());
    let e = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z'
                | b'a'..=b'z'
                | b'0'..=b'9'
                | b'-'
                | b'_'
                | b'.'
                | b'!'
                | b'~'
                | b'*'
                | b'\''
                | b'('
                | b')' => (b as char).to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    let (title, text) = (
        article["title"].as_str().unwrap(),
        article["summary"].as_str().unwrap(),
    );
    let expected = [
        (
            "whatsapp",
            format!("https://wa.me/?text={}", e(&format!("{title} {url}"))),
        ),
        (
            "telegram",
            format!("https://t.me/share/url?url={}&text={}", e(&url), e(title)),
        ),
        (
            "facebook",
            format!("https://www.facebook.com/sharer/sharer.php?u={}", e(&url)),
        ),
        (
            "x",
            format!("https://x.com/intent/post?url={}&text={}", e(&url), e(title)),
        ),
        (
            "linkedin",
            format!("https://www.linkedin.com/sharing/share-offsite/?url={}", e(&url)),
        ),
        (
            "email",
            format!(
                "mailto:?subject={}&body={}",
                e(title),
                e(&format!("{text}\n\n{url}"))
            ),
        ),
    ];
    for (name, href) in &expected {
        let control = format!("{SHARE_CONTROL}--{name}");
        assert_eq!(
            b.attr(&control, "href").await.as_deref(),
            Some(href.as_str()),
            "{name}"
        );
        assert!(
            b.wait(&control).await.is_displayed().await.unwrap(),
            "{name} is shown"
        );
    }
    // Copy link needs the app: not shown (its room is kept); the related cards cannot load:
    // the section is linked instead.
    assert!(!b
        .wait(".kh-share__control--copy-link")
        .await
        .is_displayed()
        .await
        .unwrap());
    let more = b.wait(".kh-related__more-link").await;
    assert!(more.is_displayed().await.unwrap());
    assert_eq!(
        b.attr(".kh-related__more-link", "href").await.as_deref(),
        Some(format!("/category/{}", article["category"]["slug"].as_str().unwrap()).as_str())
    );
    assert!(!b
        .wait(&format!("{RELATED} .kh-lazy"))
        .await
        .is_displayed()
        .await
        .unwrap());
    // What a reader without script sees (target/screenshots/, one per engine).
    b.screenshot("published-article-without-script").await;
    b.close().await;

    // axe-core runs asynchronously, on the page's timers, which a page without script does not
    // run: it checks the published page as a browser whose app never starts shows it (its
    // start-up script missing).
    let shell = std::fs::read_to_string(dist_dir().join("shell.html")).unwrap();
    let start = shell.find("/start-").expect("the shell loads start-<hash>.js");
    let start = &shell[start..start + shell[start..].find(".js").unwrap() + 3];
    server.on(start, Reply::Status(404));
    let b = Reader::sized(&server, 412, 900).await;
    b.open_path(&format!("/article/{SLUG}"), ARTICLE_TITLE).await;
    b.assert_accessible("a published article without its app").await;
    b.close().await;
}

/// Waits until the app has taken the published page over.
async fn taken_over(b: &Reader) {
    b.wait_js(TAKEN_OVER).await;
}

#[tokio::test]
async fn the_app_takes_a_published_article_over_once_without_a_shift_then_routes_itself() {
    let server = Server::start_published();
    let b = Reader::sized(&server, 412, 900).await;
    b.open_path(&format!("/article/{SLUG}"), ARTICLE_TITLE).await;
    b.observe_layout_shift().await;
    taken_over(&b).await;
    // Time for a late second render, request or shift to show.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        b.js("return document.querySelectorAll('article.kh-article').length")
            .await,
        json!(1)
    );
    assert_eq!(
        b.js("return document.querySelectorAll('#khabar, .kh-app, main').length")
            .await,
        json!(3)
    );
    assert_eq!(
        b.js("return document.querySelectorAll('meta[property=\"og:title\"]').length")
            .await,
        json!(1),
        "the app's head tags replace the published ones"
    );
    assert_eq!(
        server.hits(&format!("/content/articles/{SLUG}.json")),
        1,
        "the article JSON once"
    );
    assert_eq!(server.hits("/content/site.json"), 1, "site.json once");
    b.assert_no_layout_shift("the take-over").await;
    // The scrollbar's room is kept from the first paint, so a page that grows taller than the
    // window (and engines whose scrollbars take room) never moves sideways (style/main.css).
    assert_eq!(
        b.js("return getComputedStyle(document.documentElement).scrollbarGutter")
            .await,
        json!("stable")
    );
    // What shows is the app's render: its dates have their time (the published page has the
    // written day only).
    let date = b.text("time").await;
    assert!(
        date.contains(':'),
        "the app's date and time, not the published day: {date}"
    );

    // From here the app routes: a link opens the next article without loading a page.
    b.js("window.__samePage = true").await;
    let next = b.attr(SEE_ALSO_LINK, "href").await.unwrap();
    b.js(&format!("{}.click()", query(SEE_ALSO_LINK))).await;
    b.wait_for_article_at(&next).await;
    assert_eq!(
        b.js("return window.__samePage === true").await,
        json!(true),
        "no page load"
    );
    assert_eq!(server.hits(&format!("{next}.html")), 0);
    b.close().await;
}

#[tokio::test]
async fn focus_and_scroll_stay_where_the_reader_has_them_through_the_take_over() {
    // The app is held back (its site.json late) so that the reader acts on the published page.
    let server = Server::start_published();
    server.on("/content/site.json", Reply::Delay(Duration::from_millis(1500)));
    let b = Reader::sized(&server, 412, 700).await;
    b.open_path(&format!("/article/{SLUG}"), ARTICLE_TITLE).await;
    assert_eq!(b.js(&format!("return {TAKEN_OVER}")).await, json!(false));
    b.js(&format!(
        "{}.focus(); window.scrollTo(0, 400)",
        query(".kh-share__control--telegram")
    ))
    .await;
    let y = b.js("return scrollY").await;
    taken_over(&b).await;
    assert_eq!(b.js("return scrollY").await, y, "the scroll position");
    assert_eq!(
        b.js("return document.activeElement.matches('.kh-share__control--telegram') && document.activeElement.isConnected")
            .await,
        json!(true),
        "focus on the same control, in the app's page"
    );
    b.close().await;
}

#[tokio::test]
async fn every_article_s_published_text_is_what_the_app_shows_after_taking_over() {
    let server = Server::start_published();
    let b = Reader::start(&server).await;
    // `main`'s text without blanks (the server renderer writes an empty text as a space: the
    // share bar's empty status); a date counts by its `datetime` (the app writes it
    // again with the time, in the reader's time zone, which the build cannot know); the
    // related cards, which load when they come near, do not count.
    const TEXT: &str = "const text = (main) => { main = main.cloneNode(true);
        for (const t of main.querySelectorAll('time')) t.textContent = t.getAttribute('datetime');
        for (const cards of main.querySelectorAll('.kh-related .kh-lazy')) cards.remove();
        return main.textContent.replace(/\\s+/g, ''); };";
    for article in articles() {
        let slug = article["slug"].as_str().unwrap();
        let (_, html) = plain_get(&server.url(&format!("/article/{slug}")));
        b.open_path(&format!("/article/{slug}"), ARTICLE_TITLE).await;
        taken_over(&b).await;
        let texts = b
            .js(&format!(
                "{TEXT} const published = new DOMParser().parseFromString({html}, 'text/html');
                 return [text(published.querySelector('main')), text(document.querySelector('main'))];",
                html = json!(html)
            ))
            .await;
        assert!(texts[0]
            .as_str()
            .unwrap()
            .contains(&article["title"].as_str().unwrap().replace(' ', "")));
        assert_eq!(
            texts[0], texts[1],
            "{slug}: the published text and the app's differ"
        );
    }
    b.close().await;
}

/// `path` of the build, read as XML: every element's name and text, in order.
fn xml_items(path: &Path) -> Vec<(String, String)> {
    use quick_xml::events::Event;
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut reader = quick_xml::Reader::from_str(&text);
    let mut out = Vec::new();
    let mut open = Vec::new();
    loop {
        match reader
            .read_event()
            .unwrap_or_else(|e| panic!("{}: not XML: {e}", path.display()))
        {
            Event::Start(e) => open.push(e.name().as_ref().to_string()),
            Event::End(_) => {
                open.pop();
            }
            Event::Text(t) => {
                if let Some(name) = open.last() {
                    out.push((name.clone(), t.xml10_content().into_owned()));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// The items of every part the build's sitemap index (`sitemap.xml`) lists, in its order.
fn sitemap_items(dist: &Path, base: &str) -> Vec<(String, String)> {
    let index = xml_items(&dist.join("sitemap.xml"));
    let parts = values(&index, "loc");
    assert!(!parts.is_empty(), "the index lists no part");
    parts
        .iter()
        .flat_map(|loc| {
            let file = loc
                .strip_prefix(base)
                .and_then(|p| p.strip_prefix('/'))
                .unwrap_or_else(|| panic!("{loc} is not on {base}"));
            xml_items(&dist.join(file))
        })
        .collect()
}

fn values<'a>(items: &'a [(String, String)], name: &str) -> Vec<&'a str> {
    items
        .iter()
        .filter(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .collect()
}

#[test]
fn the_sitemap_and_every_feed_list_every_article_of_their_scope_with_valid_dates() {
    let dist = dist_dir();
    let site = content("site.json");
    let base = site["base_url"].as_str().unwrap();
    let all = articles();
    let sitemap = sitemap_items(&dist, base);
    let locs = values(&sitemap, "loc");
    for article in &all {
        let url = format!("{base}/article/{}", article["slug"].as_str().unwrap());
        assert_eq!(
            locs.iter().filter(|l| **l == url).count(),
            1,
            "{url} in the sitemap"
        );
    }
    for lastmod in values(&sitemap, "lastmod") {
        assert!(
            khabar::content::validate::parse_rfc3339(lastmod).is_some(),
            "lastmod {lastmod}"
        );
    }
    let robots = std::fs::read_to_string(dist.join("robots.txt")).unwrap();
    assert!(
        robots.contains(&format!("Sitemap: {base}/sitemap.xml")),
        "{robots}"
    );
    for section in site["sections"].as_array().unwrap() {
        let slug = section["slug"].as_str().unwrap();
        let feed = xml_items(&dist.join(format!("rss/{slug}.xml")));
        let links = values(&feed, "link");
        let mine: Vec<String> = all
            .iter()
            .filter(|a| slug == "home" || a["category"]["slug"] == slug)
            .map(|a| format!("{base}/article/{}", a["slug"].as_str().unwrap()))
            .collect();
        for url in &mine {
            assert_eq!(
                links.iter().filter(|l| *l == url).count(),
                1,
                "{url} in rss/{slug}.xml"
            );
        }
        // The channel's own link, then one per item.
        assert_eq!(
            links.len(),
            mine.len() + 1,
            "rss/{slug}.xml lists only its articles"
        );
        for date in values(&feed, "pubDate") {
            // RFC 822: "Tue, 24 Nov 2026 17:45:00 +0300".
            let parts: Vec<&str> = date.split(' ').collect();
            assert_eq!(parts.len(), 6, "{date}");
            assert!(
                ["Mon,", "Tue,", "Wed,", "Thu,", "Fri,", "Sat,", "Sun,"].contains(&parts[0]),
                "{date}"
            );
            assert!(
                parts[5].len() == 5 && (parts[5].starts_with('+') || parts[5].starts_with('-')),
                "{date}"
            );
        }
    }
}

/// `make publish` on copies of content/ and dist/.
pub(crate) fn publish(content: &Path, dist: &Path) -> std::process::Output {
    Command::new("make")
        .current_dir(repo())
        .args(["--no-print-directory", "publish"])
        .arg(format!("CONTENT_DIR={}", content.display()))
        .arg(format!("DIST={}", dist.display()))
        .output()
        .expect("run make publish")
}

fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.push((path.clone(), std::fs::read(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, &mut out);
    out.sort();
    out
}

#[test]
fn make_publish_adds_a_new_article_s_page_sitemap_entry_and_feed_item_and_refuses_invalid_content() {
    let tmp = std::env::temp_dir().join(format!("khabar-publish-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap();
    let (content_dir, dist) = (tmp.join("content"), tmp.join("dist"));
    copy_tree(&repo().join("content"), &content_dir);
    copy_tree(&dist_dir(), &dist);

    // One more article, written by an editor: a copy of a sample under a new slug and title.
    let mut article = content(&format!("articles/{SLUG}.json"));
    let slug = "new-water-desalination-plant-opens";
    let title = "افتتاح محطة جديدة لتحلية مياه البحر في الساحل الشرقي";
    article["slug"] = json!(slug);
    article["title"] = json!(title);
    article["published"] = json!("2026-12-01T08:00:00+03:00");
    article.as_object_mut().unwrap().remove("updated");
    article.as_object_mut().unwrap().remove("related");
    let file = content_dir.join(format!("articles/{slug}.json"));
    std::fs::write(&file, serde_json::to_string_pretty(&article).unwrap()).unwrap();
    let out = publish(&content_dir, &dist);
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let page = std::fs::read_to_string(dist.join(format!("article/{slug}.html"))).expect("its page");
    assert!(page.contains(&format!(">{title}</h1>")));
    assert_eq!(meta(&page, "property", "og:title"), title);
    assert!(
        dist.join(format!("article/{slug}.html.br")).is_file(),
        "compressed too"
    );
    assert!(
        dist.join(format!("content/articles/{slug}.json")).is_file(),
        "its JSON is in the build"
    );
    let url = format!(
        "{}/article/{slug}",
        content("site.json")["base_url"].as_str().unwrap()
    );
    let base = content("site.json")["base_url"].as_str().unwrap().to_string();
    assert!(values(&sitemap_items(&dist, &base), "loc").contains(&url.as_str()));
    let section = article["category"]["slug"].as_str().unwrap();
    for feed in ["home", section] {
        assert!(
            values(&xml_items(&dist.join(format!("rss/{feed}.xml"))), "link").contains(&url.as_str()),
            "{url} in rss/{feed}.xml"
        );
    }

    // An invalid article: the validator's message, and the build is left exactly as it was.
    let before = snapshot(&dist);
    let broken = slug.replace("new", "broken");
    article["slug"] = json!(broken);
    article.as_object_mut().unwrap().remove("title");
    std::fs::write(
        content_dir.join(format!("articles/{broken}.json")),
        serde_json::to_string_pretty(&article).unwrap(),
    )
    .unwrap();
    let out = publish(&content_dir, &dist);
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(!out.status.success(), "{said}");
    assert!(
        said.contains(&format!("articles/{broken}.json")) && said.contains("title"),
        "{said}"
    );
    assert!(said.contains("nothing published"), "{said}");
    assert!(
        snapshot(&dist) == before,
        "an invalid content folder changed the build"
    );
    std::fs::remove_dir_all(&tmp).unwrap();
}

#[tokio::test]
async fn a_published_home_page_shows_its_cards_before_the_app_and_keeps_them_after() {
    let server = Server::start_published();
    let (_, html) = plain_get(&server.url("/"));
    let feed = content("feeds/home/latest.json");
    for card in feed["items"].as_array().unwrap() {
        assert!(
            html.contains(&format!("href=\"/article/{}\"", card["slug"].as_str().unwrap())),
            "card {} in the home page's HTML",
            card["slug"]
        );
    }
    let b = Reader::sized(&server, 412, 900).await;
    b.open_path("/", CARD_LINK).await;
    b.observe_layout_shift().await;
    taken_over(&b).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        b.js(&format!("return document.querySelectorAll('{CARD_LINK}').length"))
            .await,
        json!(feed["items"].as_array().unwrap().len())
    );
    b.assert_no_layout_shift("the home page's take-over").await;
    b.close().await;
}
