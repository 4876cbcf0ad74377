//! Where the app's links point: its own routes in the full app, a publisher's own pages when
//! embedded (`link-pattern="https://publisher.example/news/{slug}"`).

use leptos::prelude::use_context;

use crate::route;

/// Link patterns, `{slug}` standing for the slug.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Links {
    /// Pattern of an article's URL.
    pub article: String,
    /// Pattern of a section's URL; `None` shows section names without links.
    pub section: Option<String>,
}

impl Default for Links {
    /// The full app's routes.
    fn default() -> Self {
        Links {
            article: route::ARTICLE_PATTERN.into(),
            section: Some(route::SECTION_PATTERN.into()),
        }
    }
}

impl Links {
    /// The URL of an article.
    pub fn article(&self, slug: &str) -> String {
        self.article.replace("{slug}", slug)
    }

    /// The URL of a section (`/` for home in the full app), if sections are linked.
    pub fn section(&self, slug: &str) -> Option<String> {
        let pattern = self.section.as_ref()?;
        if slug == route::HOME && pattern == route::SECTION_PATTERN && self.article == route::ARTICLE_PATTERN
        {
            return Some(route::HOME_PATH.into());
        }
        Some(pattern.replace("{slug}", slug))
    }

    /// A link from article text: `/article/{slug}` follows the article pattern, the rest stays.
    pub fn content_href(&self, href: &str) -> String {
        match route::article_slug(href) {
            Some(slug) => self.article(slug),
            None => href.to_string(),
        }
    }
}

/// The link patterns in force here (the app's routes unless an embed provided others).
pub fn links() -> Links {
    use_context::<Links>().unwrap_or_default()
}

/// The path of the RSS feed of `home` or of a section, `/rss/{section}.xml`; publishing writes
/// it there.
pub fn rss_path(section: &str) -> String {
    format!("/rss/{section}.xml")
}

/// `path` as an absolute URL of the public site: kept when already absolute, else joined to
/// the site's base URL.
pub fn absolute_url(site_base: &str, path: &str) -> String {
    if path.starts_with("https://") || path.starts_with("http://") {
        path.to_string()
    } else {
        format!(
            "{}/{}",
            site_base.trim_end_matches('/'),
            path.trim_start_matches('/')
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_routes_by_default() {
        let l = Links::default();
        assert_eq!(l.article("a-b"), "/article/a-b");
        assert_eq!(l.section("sport").as_deref(), Some("/category/sport"));
        assert_eq!(l.section("home").as_deref(), Some("/"));
        assert_eq!(l.content_href("/article/a-b"), "/article/a-b");
    }

    #[test]
    fn a_publishers_patterns() {
        let l = Links {
            article: "https://pub.example/news/{slug}.html".into(),
            section: None,
        };
        assert_eq!(l.article("a-b"), "https://pub.example/news/a-b.html");
        assert_eq!(l.section("sport"), None);
        assert_eq!(
            l.content_href("/article/a-b"),
            "https://pub.example/news/a-b.html"
        );
        assert_eq!(l.content_href("https://example.org/x"), "https://example.org/x");
        assert_eq!(l.content_href("/article/../x"), "/article/../x");
        // Home is `/` only among the app's own routes.
        let own_sections = Links {
            article: "https://pub.example/news/{slug}.html".into(),
            section: Links::default().section,
        };
        assert_eq!(own_sections.section("home").as_deref(), Some("/category/home"));
    }
}
