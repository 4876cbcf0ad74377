//! `khabar-content publish CONTENT DIST`: a content folder published into a build.

use std::fs;
use std::path::Path;
use std::sync::Arc;

use super::catalogue::Catalogue;
use super::render::{render, Page, Shell};
use super::write::{Changes, Writer};
use super::{rss, sitemap};
use crate::content::check;
use crate::content::{settings, Article, Site};
use crate::links::{absolute_url, rss_path};
use crate::route::{self, Route, NOT_FOUND_FILE};

/// What [`publish`] did.
#[derive(Debug)]
pub struct Published {
    /// The files written, left unchanged and removed.
    pub changes: Changes,
    /// The validator's warnings (hidden files left out, blocks an older app would skip).
    pub warnings: Vec<String>,
}

/// Validates `content`; if it has a problem, returns the validator's messages and writes
/// nothing. Otherwise publishes it into `dist`: the files of the format into `dist/content/`,
/// then every route's page (`index.html`, `article/{slug}.html`, `category/{slug}.html`,
/// `404.html`), keeping the app's own page as `shell.html`, then `sitemap.xml`, `robots.txt`
/// and the RSS feeds (`rss/home.xml`, `rss/{section}.xml`), each with its `.br` and `.gz`
/// copies; last it removes what is no longer published (a removed article's JSON, page and
/// copies; a file gone from the content folder). Every file is written beside its old self and
/// renamed into place, and an unchanged one is not touched ([`super::write`]): readers of the
/// live site get old files or new ones, never a missing or half-written one.
pub fn publish(content: &Path, dist: &Path) -> Result<Published, Vec<String>> {
    let report = check::check_folder(content);
    let Some(read) = report.content else {
        return Err(report.problems.iter().map(ToString::to_string).collect());
    };
    let catalogue = Catalogue::new(*read);
    let shell = read_shell(dist).map_err(|e| vec![e])?;
    // Everything is rendered before anything is written: a failure leaves the build as it was.
    let files = pages(&catalogue, content, &shell);
    let one = |e: String| vec![e];
    let mut writer = Writer::new(dist).map_err(one)?;
    // The content first, so that every JSON and picture a new page names is there before it.
    let in_place = same_folder(content, &dist.join("content"));
    if !in_place {
        for file in &report.files_of_format {
            let from = content.join(file);
            let bytes = fs::read(&from).map_err(|e| vec![format!("{}: {e}", from.display())])?;
            writer.put(&format!("content/{file}"), &bytes).map_err(one)?;
        }
    }
    for (path, text) in files {
        writer.put(&path, text.as_bytes()).map_err(one)?;
    }
    let owned: &[&str] = if in_place {
        &["article", "category", "rss"]
    } else {
        &["content", "article", "category", "rss"]
    };
    writer.remove_the_rest(owned).map_err(one)?;
    Ok(Published {
        changes: writer.changes,
        warnings: report.warnings,
    })
}

/// Whether `a` and `b` are one folder (publishing a build's own `content/` into it).
fn same_folder(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The app's page: `shell.html` once a build has been published, before that the
/// `index.html` the build wrote.
fn read_shell(dist: &Path) -> Result<Shell, String> {
    let kept = dist.join("shell.html");
    let path = if kept.is_file() {
        kept
    } else {
        dist.join("index.html")
    };
    let html = fs::read_to_string(&path).map_err(|e| {
        format!(
            "{}: {e} (is {} a build? run make build)",
            path.display(),
            dist.display()
        )
    })?;
    Shell::new(html).map_err(|e| format!("{}: {e}", path.display()))
}

/// Every file publishing writes, by its path in the build.
fn pages(catalogue: &Catalogue, content: &Path, shell: &Shell) -> Vec<(String, String)> {
    let site = Arc::new(catalogue.site.clone());
    let first_page = |section: &str| catalogue.first_feed_page(section).cloned();
    let mut files = vec![("shell.html".to_string(), shell.html().to_string())];
    files.push((
        Route::Home.file(),
        render(shell, &site, Page::Home(first_page(route::HOME)), ""),
    ));
    for section in catalogue.sections() {
        let page = Page::Section(section.clone(), first_page(&section.slug));
        files.push((
            Route::Section(&section.slug).file(),
            render(shell, &site, page, ""),
        ));
    }
    let base = shell.content_base();
    for article in &catalogue.articles {
        let data = structured_data(&site, article, base);
        let page = Page::Article(Box::new(article.clone()));
        files.push((
            Route::Article(&article.slug).file(),
            render(shell, &site, page, &data),
        ));
    }
    files.push((NOT_FOUND_FILE.into(), render(shell, &site, Page::NotFound, "")));
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    files.push(("sitemap.xml".into(), sitemap::sitemap(catalogue, now, base)));
    files.push(("robots.txt".into(), sitemap::robots(&catalogue.site)));
    // An enclosure's length: the size of an image of the content folder.
    let image_size = |src: &str| -> Option<u64> {
        if !crate::content::validate::is_relative_file(src) {
            return None;
        }
        fs::metadata(content.join(src)).ok().map(|m| m.len())
    };
    let feed_file = |section: Option<&str>| {
        rss_path(section.unwrap_or(route::HOME))
            .trim_start_matches('/')
            .to_string()
    };
    files.push((feed_file(None), rss::rss(catalogue, None, base, &image_size)));
    for section in catalogue.sections() {
        files.push((
            feed_file(Some(&section.slug)),
            rss::rss(catalogue, Some(section), base, &image_size),
        ));
    }
    files
}

/// The article as a schema.org `NewsArticle`, in a JSON-LD data block (not a script: a
/// strict policy allows it). `<`, `>` and `&` are written as JSON escapes, so no text of the
/// article can end the block.
fn structured_data(site: &Site, article: &Article, content_base: &str) -> String {
    let url = |path: &str| absolute_url(&site.base_url, &settings::join(content_base, path));
    let page = absolute_url(&site.base_url, &Route::Article(&article.slug).path());
    let authors: Vec<serde_json::Value> = if article.authors.is_empty() {
        vec![serde_json::json!({ "@type": "Organization", "name": site.name })]
    } else {
        article
            .authors
            .iter()
            .map(|a| serde_json::json!({ "@type": "Person", "name": a.name }))
            .collect()
    };
    let data = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.summary,
        "image": [url(&article.hero.image.src)],
        "datePublished": article.published,
        "dateModified": article.updated.as_deref().unwrap_or(&article.published),
        "author": authors,
        "publisher": {
            "@type": "Organization",
            "name": site.name,
            "logo": {
                "@type": "ImageObject",
                "url": url(&site.logo.src),
                "width": site.logo.width,
                "height": site.logo.height,
            },
        },
        "mainEntityOfPage": { "@type": "WebPage", "@id": page },
        "articleSection": article.category.label,
        "inLanguage": "ar",
    });
    let json = data
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026");
    format!("<script type=\"application/ld+json\">{json}</script>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::check::copy_dir;
    use serde_json::Value;
    use std::path::PathBuf;

    mod generate {
        include!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/hostile/generate.rs"
        ));
    }

    /// A shell as the build writes it, minified: one script (the start-up module).
    const SHELL: &str = "<!doctype html><html dir=rtl lang=ar><head><meta charset=utf-8><meta content=/content/ name=khabar:content-base><title>خبر</title><link href=/main-0123abcd.css rel=stylesheet><script src=/start-0123abcd.js type=module></script></head><body><div data-khabar-app id=khabar></div></body></html>";

    /// One start tag of a page: its name and attributes (values as written, quotes removed).
    type Tag = (String, Vec<(String, String)>);

    /// The start tags of `html` as a browser's tokenizer reads them (comments, end tags and the
    /// text of `script`, `style` and `title` skipped), and the raw text of each `<title>`.
    fn tags(html: &str) -> (Vec<Tag>, Vec<String>) {
        let (b, mut i) = (html.as_bytes(), 0);
        let (mut out, mut titles) = (Vec::new(), Vec::new());
        let find = |from: usize, what: &str| html[from..].find(what).map_or(html.len(), |at| from + at);
        while i < b.len() {
            if b[i] != b'<' {
                i += 1;
                continue;
            }
            if html[i..].starts_with("<!--") {
                i = find(i, "-->") + 3;
                continue;
            }
            if !b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
                i = find(i + 1, ">") + 1;
                continue;
            }
            let start = i + 1;
            i = start;
            while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
                i += 1;
            }
            let name = html[start..i].to_ascii_lowercase();
            let mut attributes = Vec::new();
            loop {
                while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                    i += 1;
                }
                if i >= b.len() || b[i] == b'>' {
                    i += 1;
                    break;
                }
                let at = i;
                while i < b.len() && !b"= \t\n\r/>".contains(&b[i]) {
                    i += 1;
                }
                let attribute = html[at..i].to_ascii_lowercase();
                let mut value = String::new();
                if b.get(i) == Some(&b'=') {
                    i += 1;
                    if let Some(quote @ (b'"' | b'\'')) = b.get(i).copied() {
                        let end = find(i + 1, if quote == b'"' { "\"" } else { "'" });
                        value = html[i + 1..end].to_string();
                        i = end + 1;
                    } else {
                        let end = i + html[i..]
                            .find(|c: char| c.is_ascii_whitespace() || c == '>')
                            .unwrap_or(html.len() - i);
                        value = html[i..end].to_string();
                        i = end;
                    }
                }
                attributes.push((attribute, value));
            }
            if ["script", "style", "title"].contains(&name.as_str()) {
                let end = find(i, &format!("</{name}"));
                if name == "title" {
                    titles.push(html[i..end].to_string());
                }
                i = end;
            }
            out.push((name, attributes));
        }
        (out, titles)
    }

    #[test]
    fn the_tokenizer_finds_tags_and_skips_what_is_text() {
        let (t, titles) = tags("<p a=\"x>y\" b='<script>' c=d>&lt;script&gt;<!-- <script> --><script type=x>\"</p><img src=a></script><title>a &lt;/title&gt;</title>");
        let names: Vec<&str> = t.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["p", "script", "title"]);
        assert_eq!(t[0].1[1], ("b".to_string(), "<script>".to_string()));
        assert_eq!(titles, ["a &lt;/title&gt;"]);
    }

    fn read_json(path: &Path) -> Value {
        serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
    }

    /// What a published page must be, whatever its content held: the shell's one script and
    /// an article's JSON-LD block, and no other; no inline handler, no unsafe address; one
    /// `<title>`, whose text, its references decoded, is `expected`.
    fn check_page(html: &str, expected_title: &str, article: bool) -> Result<(), String> {
        let (tags, titles) = tags(html);
        let scripts: Vec<&Tag> = tags.iter().filter(|(n, _)| n == "script").collect();
        let want = 1 + usize::from(article);
        if scripts.len() != want {
            return Err(format!(
                "{} script elements, not {want}: {scripts:?}",
                scripts.len()
            ));
        }
        for (name, attributes) in &tags {
            for (attribute, value) in attributes {
                let v = value.trim().to_ascii_lowercase();
                if attribute.starts_with("on") {
                    return Err(format!("<{name} {attribute}=…>"));
                }
                if ["href", "src", "srcset", "content"].contains(&attribute.as_str())
                    && ["javascript:", "vbscript:", "data:text"]
                        .iter()
                        .any(|s| v.starts_with(s))
                {
                    return Err(format!("<{name} {attribute}={value}>"));
                }
            }
        }
        let metas = tags
            .iter()
            .filter(|(n, a)| n == "meta" && a.iter().any(|(k, _)| k == "x"))
            .count();
        if metas > 0 {
            return Err("a meta element the content planted".into());
        }
        match titles.as_slice() {
            [title] if html_escape::decode_html_entities(title) == expected_title => Ok(()),
            _ => Err(format!("the titles {titles:?}, not {expected_title:?}")),
        }
    }

    /// Issue 25: the hostile corpus, which the app is served in the e2e tests, published too:
    /// a case the validator refuses publishes nothing, with its message; any other is published,
    /// and its pages hold no markup of the content's own.
    #[test]
    fn every_case_of_the_hostile_corpus_is_refused_or_published_as_text() {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let corpus = repo.join("tests/fixtures/hostile");
        let cases: Vec<Value> =
            serde_json::from_str(&fs::read_to_string(corpus.join("cases.json")).unwrap()).unwrap();
        let tmp: PathBuf =
            std::env::temp_dir().join(format!("khabar-hostile-publish-{}", std::process::id()));
        let _ = fs::remove_dir_all(&tmp);
        let (content, dist) = (tmp.join("content"), tmp.join("dist"));
        fs::create_dir_all(&dist).unwrap();
        fs::write(dist.join("index.html"), SHELL).unwrap();
        let mut failures = Vec::new();
        let (mut published, mut refused) = (0, 0);
        for case in &cases {
            let install_as = case["install_as"].as_str().unwrap();
            let (name, bytes) = match (case["fixture"].as_str(), case["generate"].as_str()) {
                (Some(fixture), _) => (fixture.to_string(), fs::read(corpus.join(fixture)).unwrap()),
                (None, Some(generator)) => (generator.to_string(), generate::generated(generator)),
                _ => panic!("a case needs a fixture or a generator: {case}"),
            };
            let _ = fs::remove_dir_all(&content);
            copy_dir(&repo.join("content"), &content);
            fs::write(content.join(install_as), &bytes).unwrap();
            let result = publish(&content, &dist);
            match (case["expect"].as_str(), result) {
                (Some(expect), Err(problems)) => {
                    refused += 1;
                    if !problems.iter().any(|p| p.starts_with(expect)) {
                        failures.push(format!("{name}: refused with {problems:?}, not {expect:?}"));
                    }
                }
                (Some(expect), Ok(_)) => failures.push(format!("{name}: published; expected {expect:?}")),
                (None, Err(problems)) => failures.push(format!("{name}: refused: {problems:?}")),
                (None, Ok(_)) => {
                    published += 1;
                    let site = read_json(&content.join("site.json"));
                    let site_name = site["name"].as_str().unwrap();
                    let slug = "cabinet-reshuffle-three-ministries";
                    let article = read_json(&content.join(format!("articles/{slug}.json")));
                    let section = |slug: &str| {
                        site["sections"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .find(|s| s["slug"] == slug)
                            .unwrap()["label"]
                            .as_str()
                            .unwrap()
                            .to_string()
                    };
                    let pages = [
                        (
                            format!("article/{slug}.html"),
                            article["title"].as_str().unwrap().to_string(),
                            true,
                        ),
                        (
                            "index.html".to_string(),
                            crate::locale::text::LATEST.to_string(),
                            false,
                        ),
                        ("category/politics.html".to_string(), section("politics"), false),
                        (
                            "404.html".to_string(),
                            crate::locale::text::NOT_FOUND_TITLE.to_string(),
                            false,
                        ),
                    ];
                    for (page, title, is_article) in pages {
                        let html = fs::read_to_string(dist.join(&page)).unwrap();
                        let expected = format!("{title} | {site_name}");
                        if let Err(e) = check_page(&html, &expected, is_article) {
                            failures.push(format!("{name}: {page}: {e}"));
                        }
                    }
                    let robots = fs::read_to_string(dist.join("robots.txt")).unwrap();
                    if robots.lines().count() != 4 {
                        failures.push(format!("{name}: robots.txt: {robots:?}"));
                    }
                }
            }
        }
        let _ = fs::remove_dir_all(&tmp);
        assert!(failures.is_empty(), "{failures:#?}");
        assert!(
            published >= 50 && refused >= 50,
            "{published} published, {refused} refused"
        );
        eprintln!("hostile corpus through publishing: {published} published as text, {refused} refused");
    }
}
