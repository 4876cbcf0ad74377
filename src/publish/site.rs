//! `khabar-content publish CONTENT DIST`: a content folder published into a build.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::render::{render, Page, Shell};
use super::{feeds, Catalogue};
use crate::content::check;
use crate::content::{parse, settings, Article, FeedPage, Site};
use crate::links::{absolute_url, Links};

/// What [`publish`] wrote.
#[derive(Debug, Default)]
pub struct Published {
    /// Files written, relative to the build's folder, with `/`.
    pub files: Vec<String>,
}

/// Validates `content`; if it has a problem, returns the validator's messages and writes
/// nothing. Otherwise copies it into `dist/content/` (replacing what was there) and writes,
/// from it, every route's page (`index.html`, `article/{slug}.html`, `category/{slug}.html`,
/// `404.html`), keeping the app's own page as `shell.html`, and `sitemap.xml`, `robots.txt`
/// and the RSS feeds (`rss/home.xml`, `rss/{section}.xml`).
pub fn publish(content: &Path, dist: &Path) -> Result<Published, Vec<String>> {
    let report = check::check_folder(content);
    if !report.problems.is_empty() {
        return Err(report.problems.iter().map(ToString::to_string).collect());
    }
    let catalogue = Catalogue::load(content).map_err(|e| vec![e])?;
    let shell = read_shell(dist).map_err(|e| vec![e])?;
    // Everything is rendered before anything is written: a failure leaves the build as it was.
    let files = pages(&catalogue, content, &shell);
    copy_content(content, &dist.join("content")).map_err(|e| vec![e])?;
    let mut published = Published::default();
    for (path, text) in files {
        let target = dist.join(&path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| vec![format!("{}: {e}", parent.display())])?;
        }
        fs::write(&target, text).map_err(|e| vec![format!("{}: {e}", target.display())])?;
        published.files.push(path);
    }
    Ok(published)
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
    let first_page = |section: &str| -> Option<FeedPage> {
        let rel = crate::content::feed_path(section);
        let text = fs::read_to_string(content.join(&rel)).ok()?;
        parse::parse(&rel, &text).ok()
    };
    let mut files = vec![("shell.html".to_string(), shell.html().to_string())];
    files.push((
        "index.html".into(),
        render(shell, &site, Page::Home(first_page("home")), ""),
    ));
    for section in catalogue.sections() {
        let page = Page::Section(section.clone(), first_page(&section.slug));
        files.push((
            format!("category/{}.html", section.slug),
            render(shell, &site, page, ""),
        ));
    }
    let base = shell.content_base();
    for article in &catalogue.articles {
        let data = structured_data(&site, article, base);
        let page = Page::Article(Box::new(article.clone()));
        files.push((
            format!("article/{}.html", article.slug),
            render(shell, &site, page, &data),
        ));
    }
    files.push(("404.html".into(), render(shell, &site, Page::NotFound, "")));
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    files.push(("sitemap.xml".into(), feeds::sitemap(catalogue, now)));
    files.push(("robots.txt".into(), feeds::robots(&catalogue.site)));
    // An enclosure's length: the size of an image of the content folder.
    let image_size = |src: &str| -> Option<u64> {
        if !crate::content::validate::is_relative_file(src) {
            return None;
        }
        fs::metadata(content.join(src)).ok().map(|m| m.len())
    };
    let feed_file = |section: Option<&str>| feeds::feed_path(section).trim_start_matches('/').to_string();
    files.push((feed_file(None), feeds::rss(catalogue, None, &image_size)));
    for section in catalogue.sections() {
        files.push((
            feed_file(Some(&section.slug)),
            feeds::rss(catalogue, Some(section), &image_size),
        ));
    }
    files
}

/// The article as a schema.org `NewsArticle`, in a JSON-LD data block (not a script: a
/// strict policy allows it). `<`, `>` and `&` are written as JSON escapes, so no text of the
/// article can end the block.
fn structured_data(site: &Site, article: &Article, content_base: &str) -> String {
    let url = |path: &str| absolute_url(&site.base_url, &settings::join(content_base, path));
    let page = absolute_url(&site.base_url, &Links::default().article(&article.slug));
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

/// Replaces `target` with a copy of `source` (nothing to do when they are the same folder).
fn copy_content(source: &Path, target: &Path) -> Result<(), String> {
    let same = match (source.canonicalize(), target.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Ok(());
    }
    if target.exists() {
        fs::remove_dir_all(target).map_err(|e| format!("{}: {e}", target.display()))?;
    }
    copy_dir(source, target)
}

fn copy_dir(source: &Path, target: &Path) -> Result<(), String> {
    fs::create_dir_all(target).map_err(|e| format!("{}: {e}", target.display()))?;
    let entries = fs::read_dir(source).map_err(|e| format!("{}: {e}", source.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", source.display()))?;
        let from = entry.path();
        let to: PathBuf = target.join(entry.file_name());
        let kind = entry
            .file_type()
            .map_err(|e| format!("{}: {e}", from.display()))?;
        if kind.is_dir() {
            copy_dir(&from, &to)?;
        } else if kind.is_file() {
            fs::copy(&from, &to).map_err(|e| format!("{}: {e}", from.display()))?;
        }
        // Symbolic links are not followed: content never points out of its folder.
    }
    Ok(())
}
