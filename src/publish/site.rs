//! `khabar-content publish CONTENT DIST`: a content folder published into a build.

use std::collections::HashMap;
use std::fs;
use std::path::Path;
use std::sync::Arc;

use super::catalogue::Catalogue;
use super::render::{render, Page, Shell};
use super::write::{Changes, Writer};
use super::{rss, sitemap};
use crate::content::check::{self, fingerprint};
use crate::content::{paths, settings, Article, Site};
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
/// live site get old files or new ones, never a missing or half-written one. A page whose
/// inputs have not changed since the last run ([`Manifest`]) is not rendered again.
pub fn publish(content: &Path, dist: &Path) -> Result<Published, Vec<String>> {
    let report = check::check_folder(content);
    let Some(read) = report.content else {
        return Err(report.problems.iter().map(ToString::to_string).collect());
    };
    let catalogue = Catalogue::new(*read);
    let shell = read_shell(dist).map_err(|e| vec![e])?;
    let one = |e: String| vec![e];
    let mut pages = Pages {
        writer: Writer::new(dist).map_err(one)?,
        batch: Vec::new(),
        before: Manifest::read(dist),
        after: Manifest::default(),
    };
    if same_folder(content, &dist.join("content")) {
        return Err(vec![format!(
            "{} is the build's own content folder: publish the editors' folder into the build",
            content.display()
        )]);
    }
    // The content first, so that every JSON and picture a new page names is there before it:
    // the editors' files (each article naming its related list), then the listings made from
    // them. Each file's fingerprint is what the pages made from it are kept by.
    // A file is read and copied only when its key changed since the last run: a JSON file's
    // is the validator's fingerprint of it (and the list a published article names), a
    // picture's its size and modification time (an archive's pictures are gigabytes, which
    // would be read on every run otherwise).
    let mut inputs: HashMap<String, u64> = HashMap::new();
    for file in &report.files_of_format {
        let from = content.join(file);
        let checked = catalogue.fingerprints.get(file).copied();
        let key = match checked {
            Some(read) => {
                let related = catalogue.related_of(file).unwrap_or_default();
                fingerprint(&[&read.to_le_bytes(), related.as_bytes()])
            }
            None => {
                let meta = fs::metadata(&from).map_err(|e| vec![format!("{}: {e}", from.display())])?;
                let modified = meta
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos());
                fingerprint(&[&meta.len().to_le_bytes(), &modified.to_le_bytes()])
            }
        };
        inputs.insert(file.clone(), key);
        pages
            .keyed(format!("content/{file}"), key, || {
                let bytes = fs::read(&from).map_err(|e| format!("{}: {e}", from.display()))?;
                if checked.is_some_and(|read| read != fingerprint(&[&bytes])) {
                    return Err(changed_during_run(&from));
                }
                Ok(catalogue.published_article(file, &bytes))
            })
            .map_err(one)?;
    }
    for (file, bytes) in catalogue.listing_files() {
        let key = fingerprint(&[&bytes]);
        inputs.insert(file.clone(), key);
        pages
            .keyed(format!("content/{file}"), key, || Ok(bytes))
            .map_err(one)?;
    }
    pages.flush().map_err(one)?;
    write_pages(&mut pages, &catalogue, content, &shell, &inputs).map_err(one)?;
    let Pages {
        mut writer, after, ..
    } = pages;
    writer
        .remove_the_rest(&["content", "article", "category", "rss", "sitemaps"])
        .map_err(one)?;
    after.write(dist).map_err(one)?;
    Ok(Published {
        changes: writer.changes,
        warnings: report.warnings,
    })
}

/// How many files are compressed together, on every core, then written in order: enough to
/// keep the cores busy, few enough to hold only these pages in memory.
const BATCH: usize = 64;

/// The file, in a build, where publishing keeps what each page was made from.
const MANIFEST: &str = ".khabar-publish";

/// What each page of a build was made from, as the fingerprint of its inputs: the publisher
/// itself (its executable), the shell, `site.json` and the page's own content file. A page
/// whose inputs have not changed since the last complete run is kept as it is, unrendered.
/// The file is written last, so a killed run leaves the previous one, whose fingerprints
/// match none of the pages that run changed.
#[derive(Default)]
struct Manifest(HashMap<String, u64>);

impl Manifest {
    /// The manifest of the last complete run into `dist` (empty when there is none or it
    /// does not read).
    fn read(dist: &Path) -> Manifest {
        let text = fs::read_to_string(dist.join(MANIFEST)).unwrap_or_default();
        Manifest(
            text.lines()
                .filter_map(|line| {
                    let (key, rel) = line.split_once(' ')?;
                    Some((rel.to_string(), u64::from_str_radix(key, 16).ok()?))
                })
                .collect(),
        )
    }

    /// Writes it into `dist`, beside its old self and renamed into place.
    fn write(&self, dist: &Path) -> Result<(), String> {
        let mut lines: Vec<String> = self
            .0
            .iter()
            .map(|(rel, key)| format!("{key:016x} {rel}"))
            .collect();
        lines.sort();
        let path = dist.join(MANIFEST);
        let part = dist.join(format!("{MANIFEST}.new"));
        fs::write(&part, lines.join("\n") + "\n").map_err(|e| format!("{}: {e}", part.display()))?;
        fs::rename(&part, &path).map_err(|e| format!("{}: {e}", path.display()))
    }
}

/// The files of a run, written in batches; its pages rendered when their inputs changed.
struct Pages {
    writer: Writer,
    batch: Vec<(String, Vec<u8>)>,
    before: Manifest,
    after: Manifest,
}

impl Pages {
    /// The page `rel`, made from inputs of fingerprint `key`: kept when the last run made it
    /// from the same, else `render`ed and written.
    fn page(
        &mut self,
        rel: String,
        key: u64,
        render: impl FnOnce() -> Result<String, String>,
    ) -> Result<(), String> {
        self.keyed(rel, key, || render().map(String::into_bytes))
    }

    /// The file `rel`, made by `make` from inputs of fingerprint `key`: kept, unmade, when the
    /// last run made it from the same, else made and written when its bytes changed.
    fn keyed(
        &mut self,
        rel: String,
        key: u64,
        make: impl FnOnce() -> Result<Vec<u8>, String>,
    ) -> Result<(), String> {
        let same = self.before.0.get(&rel) == Some(&key);
        self.after.0.insert(rel.clone(), key);
        if same && self.writer.keep(&rel) {
            return Ok(());
        }
        self.put(rel, make()?)
    }

    /// A file made from everything (the sitemap, the feeds): rendered on every run, written
    /// when its bytes changed.
    fn file(&mut self, rel: String, text: String) -> Result<(), String> {
        self.put(rel, text.into_bytes())
    }

    /// `bytes` as `rel`, with the batch: written once [`BATCH`] files are in.
    fn put(&mut self, rel: String, bytes: Vec<u8>) -> Result<(), String> {
        self.batch.push((rel, bytes));
        if self.batch.len() == BATCH {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes the batch (in order, after every file put before it).
    fn flush(&mut self) -> Result<(), String> {
        self.writer.put_all(std::mem::take(&mut self.batch))
    }
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

/// Every page and listing publishing writes, in order: the shell, home, the sections, the
/// articles, the not-found page, then the sitemap, `robots.txt` and the feeds.
fn write_pages(
    pages: &mut Pages,
    catalogue: &Catalogue,
    content: &Path,
    shell: &Shell,
    inputs: &HashMap<String, u64>,
) -> Result<(), String> {
    let site = Arc::new(catalogue.site.clone());
    let first_page = |section: &str| catalogue.first_feed_page(section);
    // What every page is made from: the publisher, the shell and site.json.
    let exe = std::env::current_exe().and_then(fs::read).unwrap_or_default();
    let input = |file: &str| inputs.get(file).copied().unwrap_or_default().to_le_bytes();
    let every = fingerprint(&[&exe, shell.html().as_bytes(), &input("site.json")]);
    let key = |file: &str| fingerprint(&[&every.to_le_bytes(), &input(file)]);
    pages.file("shell.html".into(), shell.html().to_string())?;
    pages.page(
        Route::Home.file(),
        key(&paths::first_feed_page(route::HOME)),
        || Ok(render(shell, &site, Page::Home(first_page(route::HOME)), "")),
    )?;
    for section in catalogue.sections() {
        pages.page(
            Route::Section(&section.slug).file(),
            key(&paths::first_feed_page(&section.slug)),
            || {
                let page = Page::Section(section.clone(), first_page(&section.slug));
                Ok(render(shell, &site, page, ""))
            },
        )?;
    }
    let base = shell.content_base();
    for article in &catalogue.articles {
        let file = paths::article_file(&article.slug);
        pages.page(Route::Article(&article.slug).file(), key(&file), || {
            let whole = read_again(
                content,
                &file,
                article,
                catalogue.fingerprints.get(&file).copied(),
            )?;
            let data = structured_data(&site, &whole, base);
            Ok(render(shell, &site, Page::Article(Box::new(whole)), &data))
        })?;
    }
    pages.page(NOT_FOUND_FILE.into(), every, || {
        Ok(render(shell, &site, Page::NotFound, ""))
    })?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    for (file, xml) in sitemap::sitemaps(catalogue, now, base) {
        pages.file(file, xml)?;
    }
    pages.file("robots.txt".into(), sitemap::robots(&catalogue.site))?;
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
    pages.file(feed_file(None), rss::rss(catalogue, None, base, &image_size))?;
    for section in catalogue.sections() {
        pages.file(
            feed_file(Some(&section.slug)),
            rss::rss(catalogue, Some(section), base, &image_size),
        )?;
    }
    pages.flush()
}

/// The whole article (its body too) of `file` in the folder `content`, whose summary the
/// catalogue holds, for its page: read again, and refused if it is no longer the file the
/// validator checked (`checked`, its fingerprint then), which an editor saving during the run
/// would make it.
fn read_again(
    content: &Path,
    file: &str,
    summary: &Article,
    checked: Option<u64>,
) -> Result<Article, String> {
    let path = content.join(file);
    let bytes = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    if Some(fingerprint(&[&bytes])) != checked {
        return Err(changed_during_run(&path));
    }
    let text = String::from_utf8(bytes).map_err(|_| changed_during_run(&path))?;
    let mut article = check::parse_article(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    article.related = summary.related.clone();
    Ok(article)
}

/// Why a content file is refused when it changed since the validator read it.
fn changed_during_run(path: &Path) -> String {
    format!(
        "{}: changed while it was published; publish again",
        path.display()
    )
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

    /// A second run with nothing changed renders nothing (a page changed by hand since stays
    /// as it is); an edited article rewrites its JSON, its page and the listings that name it,
    /// and no other page.
    #[test]
    fn a_run_renders_only_the_pages_whose_inputs_changed() {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let tmp: PathBuf = std::env::temp_dir().join(format!("khabar-incremental-{}", std::process::id()));
        let _ = fs::remove_dir_all(&tmp);
        let (content, dist) = (tmp.join("content"), tmp.join("dist"));
        fs::create_dir_all(&dist).unwrap();
        fs::write(dist.join("index.html"), SHELL).unwrap();
        copy_dir(&repo.join("content"), &content);
        let first = publish(&content, &dist).unwrap().changes;
        assert!(first.written.len() > 100, "{:?}", first.written.len());

        let other = dist.join("article/central-bank-holds-rates.html");
        fs::write(&other, "<p>changed by hand</p>").unwrap();
        let again = publish(&content, &dist).unwrap().changes;
        assert_eq!(again.written, Vec::<String>::new());
        assert_eq!(
            fs::read_to_string(&other).unwrap(),
            "<p>changed by hand</p>",
            "rendered again"
        );

        // An edited article: its JSON and page, the listing pages and the related list its card
        // is on, the pages that show those (home, its section), and the feeds.
        let slug = "cabinet-reshuffle-three-ministries";
        let file = content.join(format!("articles/{slug}.json"));
        let mut article = read_json(&file);
        article["title"] = Value::String("عنوان جديد للتعديل".into());
        fs::write(&file, article.to_string()).unwrap();
        let edited = sorted(publish(&content, &dist).unwrap().changes.written);
        assert_eq!(
            edited,
            [
                format!("article/{slug}.html"),
                "category/politics.html".into(),
                format!("content/articles/{slug}.json"),
                "content/feeds/home/3.json".into(),
                "content/feeds/home/latest.json".into(),
                "content/feeds/politics/1.json".into(),
                "content/feeds/politics/latest.json".into(),
                "content/related/parliament-budget-vote-delayed.json".into(),
                "index.html".into(),
                "rss/home.xml".into(),
                "rss/politics.xml".into(),
            ]
        );

        // A new article, the newest: its JSON, page and related list, the latest page of home
        // and of its section, those two pages, the feeds, and the sitemap's index, its pages'
        // part and its newest articles' part. No page of the archive, no other article's
        // related list.
        let mut new = read_json(&file);
        new["slug"] = Value::String("new-story".into());
        // (Long before any run of this test: not news, whose part would change with the day.)
        new["published"] = Value::String("2026-11-30T09:00:00+03:00".into());
        new.as_object_mut().unwrap().remove("updated");
        fs::write(content.join("articles/new-story.json"), new.to_string()).unwrap();
        let added = sorted(publish(&content, &dist).unwrap().changes.written);
        assert_eq!(
            added,
            [
                "article/new-story.html",
                "category/politics.html",
                "content/articles/new-story.json",
                "content/feeds/home/latest.json",
                "content/feeds/politics/latest.json",
                "content/related/new-story.json",
                "index.html",
                "rss/home.xml",
                "rss/politics.xml",
                "sitemap.xml",
                "sitemaps/articles-1.xml",
                "sitemaps/pages.xml",
            ]
        );

        // Removed again: everything it had, and the listings go back.
        fs::remove_file(content.join("articles/new-story.json")).unwrap();
        let gone = publish(&content, &dist).unwrap().changes;
        fs::remove_dir_all(&tmp).unwrap();
        assert_eq!(
            sorted(gone.removed),
            [
                "article/new-story.html",
                "content/articles/new-story.json",
                "content/related/new-story.json"
            ]
        );
        assert_eq!(
            sorted(gone.written),
            [
                "category/politics.html",
                "content/feeds/home/latest.json",
                "content/feeds/politics/latest.json",
                "index.html",
                "rss/home.xml",
                "rss/politics.xml",
                "sitemap.xml",
                "sitemaps/articles-1.xml",
                "sitemaps/pages.xml",
            ]
        );
    }

    /// An article page is rendered from its file read again; a file that is no longer the one
    /// publishing checked and copied (an editor saved it during the run) is refused.
    #[test]
    fn an_article_changed_during_a_run_is_refused_not_rendered() {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let catalogue = Catalogue::load(&content).unwrap();
        let summary = &catalogue.articles[0];
        assert!(summary.body.is_empty(), "the catalogue holds no bodies");
        let file = paths::article_file(&summary.slug);
        let copied = catalogue.fingerprints[&file];
        let whole = read_again(&content, &file, summary, Some(copied)).unwrap();
        assert!(!whole.body.is_empty() && whole.related == summary.related);
        let error = read_again(&content, &file, summary, Some(copied ^ 1)).unwrap_err();
        assert!(
            error.ends_with("changed while it was published; publish again"),
            "{error}"
        );
    }

    fn sorted(mut files: Vec<String>) -> Vec<String> {
        files.sort();
        files
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
            // A feed page or a related list is the app's alone now: publishing makes its cards
            // from the articles, whose text the article cases cover.
            if install_as.starts_with("feeds/") || install_as.starts_with("related/") {
                continue;
            }
            let (name, bytes) = match (case["fixture"].as_str(), case["generate"].as_str()) {
                (Some(fixture), _) => (fixture.to_string(), fs::read(corpus.join(fixture)).unwrap()),
                (None, Some(generator)) => (generator.to_string(), generate::generated(generator)),
                _ => panic!("a case needs a fixture or a generator: {case}"),
            };
            let _ = fs::remove_dir_all(&content);
            copy_dir(&repo.join("content"), &content);
            // The article fixtures are the app's articles: an editor's has no `related`.
            let usual = ",\n  \"related\": \"related/cabinet-reshuffle-three-ministries.json\"";
            let bytes = match String::from_utf8(bytes) {
                Ok(text) => text.replace(usual, "").into_bytes(),
                Err(e) => e.into_bytes(),
            };
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
