//! The site's routes, in one place: every path khabar answers, parsed, formatted and named as
//! the file its page is published to. The router (lib.rs), the links, the frame, the
//! publisher and the sitemap use [`Route`].
//!
//! What JavaScript, nginx and the tests need of it (the route prefixes, the slug rule, the
//! content base, the published files) is written from [`rules`] into `scripts/routes.json`
//! (`make routes`): the start-up script and the service worker are built from that file, and
//! the tests below fail when it, or nginx's copy of the prefixes, differs.

use crate::content::validate::is_slug;

/// The first segment of an article's path: `/article/{slug}`.
pub const ARTICLE: &str = "article";
/// The first segment of a section's path: `/category/{slug}`. The code says "section" (the
/// site's `sections`, `Route::Section`, `SectionPage`); "category" stays only where it is
/// public: this URL segment and an article's `category` field of the content format.
pub const SECTION: &str = "category";
/// The feed of every section, shown at `/` rather than as a section page.
pub const HOME: &str = "home";
/// Home's path.
pub const HOME_PATH: &str = "/";
/// An article's path, `{slug}` standing for its slug (the full app's link pattern).
pub const ARTICLE_PATTERN: &str = "/article/{slug}";
/// A section's path, likewise.
pub const SECTION_PATTERN: &str = "/category/{slug}";
/// The name of the slug in the router's path patterns (`/article/:slug`).
pub const SLUG_PARAM: &str = "slug";
pub use crate::content::limits::MAX_SLUG_BYTES as SLUG_MAX;

/// One page of the site, its slug borrowed from the path or the content it comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route<'a> {
    /// `/`: the newest stories of every section.
    Home,
    /// `/category/{slug}`: one section's stories.
    Section(&'a str),
    /// `/article/{slug}`.
    Article(&'a str),
}

/// The file the not-found page is published to, which answers every other path.
pub const NOT_FOUND_FILE: &str = "404.html";

impl<'a> Route<'a> {
    /// The route of a URL's path (without its query): a section's or an article's may end in
    /// one `/`; none for any other path, a slug that breaks the slug rule and `/category/home`
    /// included (the not-found page).
    pub fn parse(path: &'a str) -> Option<Route<'a>> {
        if path.is_empty() || path == HOME_PATH {
            return Some(Route::Home);
        }
        let path = path.strip_suffix('/').unwrap_or(path);
        if let Some(slug) = article_slug(path) {
            return Some(Route::Article(slug));
        }
        slug_of(path, SECTION)
            .filter(|&slug| slug != HOME)
            .map(Route::Section)
    }

    /// The page of a section's feed: [`Route::Home`] for `home`.
    pub fn of_section(slug: &'a str) -> Route<'a> {
        if slug == HOME {
            Route::Home
        } else {
            Route::Section(slug)
        }
    }

    /// Its path: `/`, `/category/{slug}`, `/article/{slug}`.
    pub fn path(&self) -> String {
        match self {
            Route::Home => HOME_PATH.into(),
            Route::Section(slug) => section_path(slug),
            Route::Article(slug) => article_path(slug),
        }
    }

    /// The file publishing writes its page to, in the build: `index.html`,
    /// `category/{slug}.html`, `article/{slug}.html` (and [`NOT_FOUND_FILE`] for the rest).
    pub fn file(&self) -> String {
        match self {
            Route::Home => "index.html".into(),
            Route::Section(slug) => format!("{SECTION}/{slug}.html"),
            Route::Article(slug) => format!("{ARTICLE}/{slug}.html"),
        }
    }

    /// The section its path names: `home` for home, a section page's own. An article's section
    /// is in its content.
    pub fn section(self) -> Option<&'a str> {
        match self {
            Route::Home => Some(HOME),
            Route::Section(slug) => Some(slug),
            Route::Article(_) => None,
        }
    }
}

/// An article's path, `/article/{slug}`: [`Route::Article`]'s, from a borrowed slug.
pub fn article_path(slug: &str) -> String {
    ARTICLE_PATTERN.replace("{slug}", slug)
}

/// A section's path, `/category/{slug}`: [`Route::Section`]'s, from a borrowed slug.
pub fn section_path(slug: &str) -> String {
    SECTION_PATTERN.replace("{slug}", slug)
}

/// The slug of an article's path, `/article/{slug}` exactly (no trailing `/`), if it has one
/// that keeps the slug rule: what the links of article text are read with.
pub fn article_slug(path: &str) -> Option<&str> {
    slug_of(path, ARTICLE)
}

/// The slug of `/{segment}/{slug}`, if it keeps the slug rule.
fn slug_of<'a>(path: &'a str, segment: &str) -> Option<&'a str> {
    let slug = path.strip_prefix('/')?.strip_prefix(segment)?.strip_prefix('/')?;
    is_slug(slug).then_some(slug)
}

/// The rules other languages need, as `scripts/routes.json` holds them: the path prefixes of
/// the routes, the slug rule (a JavaScript regular expression and a length), the default
/// content base, and the files pages are published to (`{slug}` standing for the slug).
#[cfg(not(target_arch = "wasm32"))]
pub fn rules() -> String {
    let pattern = "^[a-z0-9]+(?:-[a-z0-9]+)*$";
    let rules = serde_json::json!({
        "comment": "Written by `make routes` from src/route.rs; do not edit (a test compares them).",
        "home": "/",
        "article": format!("/{ARTICLE}/"),
        "section": format!("/{SECTION}/"),
        "slug": { "pattern": pattern, "maxLength": SLUG_MAX },
        "contentBase": crate::content::settings::DEFAULT_BASE,
        "files": {
            "home": Route::Home.file(),
            "article": Route::Article("{slug}").file(),
            "section": Route::Section("{slug}").file(),
            "notFound": NOT_FOUND_FILE,
        },
    });
    serde_json::to_string_pretty(&rules).expect("the rules are JSON") + "\n"
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use std::path::Path;

    fn repo(path: &str) -> String {
        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
        std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
    }

    #[test]
    fn paths_parse_format_and_name_their_files() {
        for (path, route, file) in [
            ("/", Route::Home, "index.html"),
            ("/category/sport", Route::Section("sport"), "category/sport.html"),
            ("/article/a-b-2", Route::Article("a-b-2"), "article/a-b-2.html"),
        ] {
            assert_eq!(Route::parse(path), Some(route), "{path}");
            assert_eq!(route.path(), path);
            assert_eq!(route.file(), file);
        }
        assert_eq!(Route::parse("/article/a-b/"), Some(Route::Article("a-b")));
        assert_eq!(Route::parse("/category/sport/"), Some(Route::Section("sport")));
        for path in [
            "/category/home",
            "/article/A",
            "/article/a--b",
            "/article/a/b",
            "/article/",
            "/article",
            "/articles/a",
            "/index.html",
            "//article/a",
            &format!("/article/{}", "a".repeat(SLUG_MAX + 1)),
        ] {
            assert_eq!(Route::parse(path), None, "{path}");
        }
        assert_eq!(Route::of_section("home"), Route::Home);
        assert_eq!(Route::of_section("sport").section(), Some("sport"));
        assert_eq!(Route::Home.section(), Some(HOME));
        assert_eq!(Route::Article("a").section(), None);
        assert_eq!(ARTICLE_PATTERN, format!("/{ARTICLE}/{{slug}}"));
        assert_eq!(SECTION_PATTERN, format!("/{SECTION}/{{slug}}"));
        assert_eq!(article_slug("/article/a-b"), Some("a-b"));
        assert_eq!(article_slug("/article/a-b/"), None);
        assert_eq!(article_slug("/article/../x"), None);
    }

    #[test]
    fn the_rules_file_is_written_from_the_routes() {
        assert!(
            repo("scripts/routes.json") == rules(),
            "scripts/routes.json differs from src/route.rs: run `make routes`"
        );
    }

    /// The slug pattern of the rules, as JavaScript and Rust regular expressions read it, says
    /// what `is_slug` says.
    #[test]
    fn the_slug_pattern_is_the_slug_rule() {
        let rules: serde_json::Value = serde_json::from_str(&rules()).unwrap();
        let pattern = regex::Regex::new(rules["slug"]["pattern"].as_str().unwrap()).unwrap();
        let max = rules["slug"]["maxLength"].as_u64().unwrap() as usize;
        for s in [
            "a", "a-b", "a1-2b", "2026", "", "-", "a-", "-a", "a--b", "A", "a_b", "a b", "a/b", "é", "٣",
            "a\n", "\na", "a.json",
        ] {
            let by_rules = pattern.is_match(s) && s.len() <= max;
            assert_eq!(by_rules, is_slug(s), "{s:?}");
        }
        let long = "a".repeat(max + 1);
        assert!(!is_slug(&long) && is_slug(&long[1..]));
    }

    /// nginx's copy: a prefix location for each route that has prerendered pages, trying
    /// its `{slug}.html`, and the content base it serves content from.
    #[test]
    fn nginx_routes_the_same_prefixes() {
        let conf = repo("deploy/nginx/khabar.conf");
        for prefix in [ARTICLE, SECTION] {
            let location = format!("location /{prefix}/ {{");
            let at = conf
                .find(&location)
                .unwrap_or_else(|| panic!("deploy/nginx/khabar.conf has no `{location}`"));
            let block = &conf[at..at + conf[at..].find('}').unwrap()];
            assert!(
                block.contains(" $uri.html "),
                "nginx's {location} does not try the page published for its slug:\n{block}"
            );
        }
        let base = crate::content::settings::DEFAULT_BASE;
        assert!(
            conf.contains(&format!("location ^~ {base} {{")),
            "deploy/nginx/khabar.conf serves no content at {base}"
        );
    }
}
