//! What the bench serves besides dist/: the article as a static HTML file (the baseline khabar
//! is compared with), a 2,000-block article and a 10,000-card feed, all made from the sample
//! content and checked with the app's own rules before they are served.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use khabar::content::parse::{parse, Checked};
use khabar::content::read::{from_value, Content};
use khabar::content::{Article, Block, Card, FeedPage, Figure, Image, Inline, Site};
use khabar::locale::{plain_date, text};

use crate::support::{content, server::dist_dir, Reply};

/// The content base of the app (`index.html`), so generated pages load the same files.
const BASE: &str = "/content/";

/// A sample content file, typed and checked as the app checks it.
pub fn sample<T: Content + Checked>(path: &str) -> T {
    checked(path, &content(path).to_string())
}

/// `json` typed and checked as the app will check it when it fetches `path`.
pub fn checked<T: Content + Checked>(path: &str, json: &str) -> T {
    parse(path, json).unwrap_or_else(|e| panic!("{path}: the app would refuse it: {e:?}"))
}

/// Generated files (path, content type, body) as a production server sends them: with brotli
/// and gzip copies made by the build's own precompress step (scripts/postbuild.mjs), as dist's
/// files are.
pub fn encoded(files: Vec<(String, &'static str, Vec<u8>)>) -> Vec<(String, Reply)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join(format!("khabar-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let name = |i: usize| dir.join(format!("{i}.txt"));
    for (i, (_, _, body)) in files.iter().enumerate() {
        std::fs::write(name(i), body).unwrap();
    }
    let status = Command::new("node")
        .arg(root.join("scripts/postbuild.mjs"))
        .args(["--only", "precompress"])
        .arg(&dir)
        .status()
        .expect("run node scripts/postbuild.mjs");
    assert!(
        status.success(),
        "scripts/postbuild.mjs --only precompress failed"
    );
    let read = |i: usize, ext: &str| {
        let path = format!("{}.{ext}", name(i).display());
        Arc::new(std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}")))
    };
    let replies = files
        .into_iter()
        .enumerate()
        .map(|(i, (path, content_type, body))| {
            let reply = Reply::Encoded {
                content_type,
                raw: Arc::new(body),
                br: read(i, "br"),
                gzip: read(i, "gz"),
            };
            (path, reply)
        })
        .collect();
    let _ = std::fs::remove_dir_all(&dir);
    replies
}

/// HTML text: `&`, `<`, `>` and quotes escaped (for text and attribute values alike).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The stylesheets of the current build, as dist/index.html links them (hashed names).
fn stylesheets() -> Vec<String> {
    let index = std::fs::read_to_string(dist_dir().join("index.html")).expect("dist/index.html");
    let links: Vec<String> = index
        .split('<')
        .filter(|tag| tag.starts_with("link ") && attribute(tag, "rel") == Some("stylesheet"))
        .filter_map(|tag| attribute(tag, "href").map(str::to_string))
        .collect();
    assert!(!links.is_empty(), "dist/index.html links no stylesheet");
    links
}

/// The value of `name` in the start tag `tag`, quoted or not (the release index.html is
/// minified: `<link href=/main-….css rel=stylesheet>`).
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let tag = tag.split('>').next()?;
    let value = tag
        .split_whitespace()
        .find_map(|a| a.strip_prefix(name)?.strip_prefix('='))?;
    Some(value.trim_matches(|c| c == '"' || c == '\''))
}

fn src(path: &str) -> String {
    if path.starts_with('/') || path.contains("://") {
        path.to_string()
    } else {
        format!("{BASE}{path}")
    }
}

/// How the app loads each image: the hero first, body figures lazily, the logo plainly.
const PRIORITY: &str = " loading=\"eager\" decoding=\"async\" fetchpriority=\"high\"";
const LAZY: &str = " loading=\"lazy\" decoding=\"async\"";

fn image(out: &mut String, image: &Image, class: &str, loading: &str) {
    let srcset = image.srcset.as_deref().map(|s| {
        let joined: Vec<String> = s
            .split(',')
            .map(|c| match c.trim().split_once(char::is_whitespace) {
                Some((url, descriptor)) => format!("{} {}", src(url), descriptor.trim()),
                None => src(c.trim()),
            })
            .collect();
        format!(" srcset=\"{}\"", escape(&joined.join(", ")))
    });
    let sizes = image
        .sizes
        .as_deref()
        .map(|s| format!(" sizes=\"{}\"", escape(s)));
    let _ = write!(
        out,
        "<img class=\"{class}\" src=\"{}\"{}{} width=\"{}\" height=\"{}\" alt=\"{}\"{loading}>",
        escape(&src(&image.src)),
        srcset.unwrap_or_default(),
        sizes.unwrap_or_default(),
        image.width,
        image.height,
        escape(&image.alt),
    );
}

fn figure(out: &mut String, figure: &Figure, block: &str, loading: &str) {
    let _ = write!(out, "<figure class=\"{block}\">");
    image(out, &figure.image, &format!("{block}__image"), loading);
    let _ = write!(
        out,
        "<figcaption class=\"{block}__caption\"><span class=\"{block}__caption-text\" dir=\"auto\">{}</span>",
        escape(&figure.caption)
    );
    if let Some(credit) = &figure.credit {
        let _ = write!(
            out,
            "<span class=\"{block}__credit\"><span class=\"kh-visually-hidden\">{} </span>{}</span>",
            text::CREDIT,
            escape(credit)
        );
    }
    out.push_str("</figcaption></figure>");
}

fn block(out: &mut String, block: &Block) {
    match block {
        Block::Paragraph { runs } => {
            out.push_str("<p class=\"kh-article__paragraph\" dir=\"auto\">");
            for run in runs {
                match run {
                    Inline::Text { text } => out.push_str(&escape(text)),
                    Inline::Emphasis { text } => {
                        let _ = write!(out, "<em>{}</em>", escape(text));
                    }
                    Inline::Strong { text } => {
                        let _ = write!(out, "<strong>{}</strong>", escape(text));
                    }
                    Inline::Link { text, href } => {
                        let _ = write!(
                            out,
                            "<a class=\"kh-article__link\" href=\"{}\">{}</a>",
                            escape(href),
                            escape(text)
                        );
                    }
                    Inline::Unknown { .. } => {}
                }
            }
            out.push_str("</p>");
        }
        Block::Heading { text } => {
            let _ = write!(
                out,
                "<h2 class=\"kh-article__subheading\" dir=\"auto\">{}</h2>",
                escape(text)
            );
        }
        Block::Quote { text, attribution } => {
            let _ = write!(
                out,
                "<figure class=\"kh-quote\"><blockquote class=\"kh-quote__text\" dir=\"auto\"><p>{}</p></blockquote>",
                escape(text)
            );
            if let Some(a) = attribution {
                let _ = write!(
                    out,
                    "<figcaption class=\"kh-quote__attribution\">{}</figcaption>",
                    escape(a)
                );
            }
            out.push_str("</figure>");
        }
        Block::Figure { figure: f } => figure(out, f, "kh-figure", LAZY),
        Block::SeeAlso { slug, title } => {
            let _ = write!(
                out,
                "<p class=\"kh-see-also\"><span class=\"kh-see-also__label\">{}</span> <a class=\"kh-see-also__link\" href=\"/article/{}\" dir=\"auto\">{}</a></p>",
                text::SEE_ALSO,
                escape(slug),
                escape(title)
            );
        }
        Block::Unknown { .. } => {}
    }
}

/// The article as one static HTML file: the page khabar renders (site header, headline with
/// the same `elementtiming`, lede, hero, category, byline, dates, body, footer), with the
/// build's own stylesheets and no script. The share bar and related news, which need script,
/// are left out.
pub fn static_article(site: &Site, article: &Article) -> String {
    let digits = site.locale.digits;
    let mut out = String::with_capacity(4096 + article.body.len() * 600);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"color-scheme\" content=\"light\">\n<title>{} - {}</title>\n\
         <meta name=\"description\" content=\"{}\">\n",
        escape(&article.title),
        escape(&site.name),
        escape(&article.summary)
    );
    for href in stylesheets() {
        let _ = writeln!(out, "<link rel=\"stylesheet\" href=\"{}\">", escape(&href));
    }
    let _ = write!(
        out,
        "</head>\n<body>\n<div id=\"khabar\" class=\"kh-root\" lang=\"ar\" dir=\"rtl\"><div class=\"kh-app\">\
         <a class=\"kh-skip-link\" href=\"#kh-main\">{}</a>\
         <header class=\"kh-header\"><a class=\"kh-header__home\" href=\"/\">",
        text::SKIP_LINK
    );
    let logo = Image {
        alt: site.name.clone(),
        ..site.logo.clone()
    };
    image(&mut out, &logo, "kh-header__logo", "");
    let _ = write!(
        out,
        "</a></header>\n<main id=\"kh-main\" class=\"kh-main\" tabindex=\"-1\"><article class=\"kh-article\">\
         <header class=\"kh-article__header\">\
         <h1 class=\"kh-article__title\" dir=\"auto\" tabindex=\"-1\" elementtiming=\"headline\">{}</h1>\
         <p class=\"kh-article__lede\" dir=\"auto\">{}</p></header>",
        escape(&article.title),
        escape(&article.summary)
    );
    figure(&mut out, &article.hero, "kh-hero", PRIORITY);
    let section = if article.category.slug == "home" {
        "/".to_string()
    } else {
        format!("/category/{}", article.category.slug)
    };
    let _ = write!(
        out,
        "<p class=\"kh-article__category\"><span class=\"kh-article__category-label\">{}</span> \
         <a class=\"kh-article__category-link\" href=\"{}\">{}</a></p><div class=\"kh-article__meta\">",
        text::CATEGORY,
        escape(&section),
        escape(&article.category.label)
    );
    if !article.authors.is_empty() {
        let _ = write!(
            out,
            "<div class=\"kh-byline\"><span class=\"kh-byline__label\">{}</span><ul class=\"kh-byline__list\">",
            text::BY
        );
        for a in &article.authors {
            let _ = write!(
                out,
                "<li class=\"kh-byline__author\"><span class=\"kh-byline__name\">{}</span>",
                escape(&a.name)
            );
            if let Some(role) = &a.role {
                let _ = write!(out, "<span class=\"kh-byline__role\">{}</span>", escape(role));
            }
            out.push_str("</li>");
        }
        out.push_str("</ul></div>");
    }
    let _ = writeln!(
        out,
        "<p class=\"kh-article__dates\"><span class=\"kh-article__published\">{} <time datetime=\"{}\">{}</time></span></p></div>\
         <div class=\"kh-article__body\">",
        text::PUBLISHED,
        escape(&article.published),
        escape(&plain_date(&article.published, digits))
    );
    for b in &article.body {
        block(&mut out, b);
        out.push('\n');
    }
    let _ = write!(
        out,
        "</div></article></main>\n<footer class=\"kh-footer\"><nav class=\"kh-footer__nav\" aria-label=\"{}\"><ul class=\"kh-footer__list\">",
        text::SECTIONS_NAV
    );
    for s in &site.sections {
        let href = if s.slug == "home" {
            "/".to_string()
        } else {
            format!("/category/{}", s.slug)
        };
        let _ = write!(
            out,
            "<li class=\"kh-footer__item\"><a class=\"kh-footer__link\" href=\"{}\">{}</a></li>",
            escape(&href),
            escape(&s.label)
        );
    }
    out.push_str("</ul></nav></footer></div></div>\n</body>\n</html>\n");
    out
}

/// Every sample article, in file-name order.
fn sample_articles() -> Vec<Article> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/articles");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("content/articles")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    names.iter().map(|n| sample(&format!("articles/{n}"))).collect()
}

/// An article of `blocks` body blocks: `base`'s header and hero, then the text blocks of
/// every sample article (paragraphs with links, strong and emphasis runs, headings, quotes,
/// see-also lines) over and over; body figures are left out so that only text grows. No
/// related list.
pub fn long_article(base: &Article, slug: &str, blocks: usize) -> (Article, String) {
    let pool: Vec<Block> = sample_articles()
        .into_iter()
        .flat_map(|a| a.body)
        .filter(|b| !matches!(b, Block::Figure { .. } | Block::Unknown { .. }))
        .collect();
    let body = pool.iter().cycle().take(blocks).cloned().collect();
    let article = Article {
        slug: slug.to_string(),
        body,
        related: None,
        ..base.clone()
    };
    let json = serde_json::to_string(&article).unwrap();
    let article: Article = checked(&format!("articles/{slug}.json"), &json);
    assert_eq!(article.body.len(), blocks);
    (article, json)
}

/// A feed of `pages` pages of `per_page` cards, chained by `next` from where the app starts
/// (`feeds/{section}/latest.json`): the sample cards (home's feed and the related lists, as
/// `make build` published them) over and over, each title numbered. Returns (path, JSON).
pub fn long_feed(section: &str, pages: usize, per_page: usize) -> Vec<(String, String)> {
    let root = dist_dir().join("content");
    let mut files = Vec::new();
    for dir in ["feeds/home", "related"] {
        let mut names: Vec<String> = std::fs::read_dir(root.join(dir))
            .unwrap_or_else(|e| panic!("content/{dir}: {e}"))
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.ends_with(".json"))
            .collect();
        names.sort();
        files.extend(names.into_iter().map(|n| format!("{dir}/{n}")));
    }
    let pool: Vec<Card> = files
        .iter()
        .flat_map(|f| {
            content(f)["items"]
                .clone()
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .map(|c| from_value(&c).expect("a sample card"))
        .collect();
    assert!(!pool.is_empty(), "no sample cards");
    let mut cards = pool.iter().cycle();
    (1..=pages)
        .map(|n| {
            let items = (0..per_page)
                .map(|i| {
                    let mut card = cards.next().unwrap().clone();
                    card.title = format!("{} ({})", card.title, (n - 1) * per_page + i + 1);
                    card
                })
                .collect();
            let page = FeedPage {
                section: section.to_string(),
                items,
                next: (n < pages).then(|| format!("feeds/{section}/{}.json", n + 1)),
            };
            let path = if n == 1 {
                khabar::content::paths::first_feed_page(section)
            } else {
                format!("feeds/{section}/{n}.json")
            };
            let json = serde_json::to_string(&page).unwrap();
            let _: FeedPage = checked(&path, &json);
            (path, json)
        })
        .collect()
}

/// The page `make publish` writes for the article `slug` whose JSON is `json`, published with
/// the sample content into a copy of the build's shell (`khabar-content publish`, built with
/// the `ssr` feature as `make publish` builds it).
pub fn published_page(slug: &str, json: &str) -> String {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = std::env::temp_dir().join(format!("khabar-bench-publish-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    let (content, dist) = (work.join("content"), work.join("dist"));
    std::fs::create_dir_all(&dist).unwrap();
    let copied = std::process::Command::new("cp")
        .arg("-a")
        .arg(repo.join("content"))
        .arg(&content)
        .status()
        .unwrap();
    assert!(copied.success(), "copy content/");
    std::fs::write(content.join(format!("articles/{slug}.json")), json).unwrap();
    std::fs::copy(repo.join("dist/shell.html"), dist.join("shell.html"))
        .expect("dist/shell.html: run make build (it publishes the site)");
    let out = std::process::Command::new("cargo")
        .current_dir(repo)
        .args(["run", "--quiet", "--no-default-features", "--features", "cli,ssr"])
        .args(["--bin", "khabar-content", "--", "publish"])
        .arg(&content)
        .arg(&dist)
        .output()
        .expect("run khabar-content publish");
    assert!(
        out.status.success(),
        "khabar-content publish: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let page = std::fs::read_to_string(dist.join(format!("article/{slug}.html"))).unwrap();
    std::fs::remove_dir_all(&work).unwrap();
    page
}
