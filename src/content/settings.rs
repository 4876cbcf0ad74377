//! Where content comes from and how long to wait for it.
//!
//! Set once at start-up (from `<meta name="khabar:content-base">` and
//! `<meta name="khabar:timeout-ms">` in `index.html`, or by an embedding page).

use std::cell::RefCell;

/// The content base URL used when nothing says otherwise: the `content/` folder next to the app.
pub const DEFAULT_BASE: &str = "/content/";
/// How long a request may take before it is aborted.
pub const DEFAULT_TIMEOUT_MS: u32 = 15_000;

#[derive(Clone, Debug, PartialEq, Eq)]
struct Settings {
    base: String,
    timeout_ms: u32,
}

thread_local! {
    static SETTINGS: RefCell<Settings> = RefCell::new(Settings {
        base: DEFAULT_BASE.to_string(),
        timeout_ms: DEFAULT_TIMEOUT_MS,
    });
}

/// Sets the content base URL (a trailing `/` is added when missing) and the request timeout.
pub fn configure(base: &str, timeout_ms: u32) {
    let mut base = base.trim().to_string();
    if base.is_empty() {
        base = DEFAULT_BASE.to_string();
    }
    if !base.ends_with('/') {
        base.push('/');
    }
    SETTINGS.with(|s| {
        *s.borrow_mut() = Settings {
            base,
            timeout_ms: timeout_ms.max(1),
        }
    });
}

/// The request timeout in milliseconds.
pub fn timeout_ms() -> u32 {
    SETTINGS.with(|s| s.borrow().timeout_ms)
}

/// A content base URL for one part of the page (an embedded widget), ending in `/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentBase(pub String);

impl ContentBase {
    /// `base` with its trailing `/`.
    pub fn new(base: &str) -> Self {
        let base = base.trim();
        ContentBase(if base.ends_with('/') {
            base.to_string()
        } else {
            format!("{base}/")
        })
    }
}

/// The content base URL, ending in `/`: the widget's own where one is provided, else the
/// page's.
pub fn base() -> String {
    leptos::prelude::use_context::<ContentBase>()
        .map(|b| b.0)
        .unwrap_or_else(|| SETTINGS.with(|s| s.borrow().base.clone()))
}

/// `path` resolved against the content base URL.
pub fn resolve(path: &str) -> String {
    join(&base(), path)
}

/// Joins a content path to a base: URLs with a scheme (`https://…`, `blob:…`) and
/// root-relative paths (`/…`) stay as they are; anything else is appended to `base`.
pub fn join(base: &str, path: &str) -> String {
    if path.starts_with('/') || super::validate::scheme(path).is_some() {
        path.to_string()
    } else {
        format!("{base}{path}")
    }
}

/// A `srcset` whose candidate URLs are resolved against `base`.
pub fn join_srcset(base: &str, srcset: &str) -> String {
    srcset
        .split(',')
        .map(|candidate| {
            let candidate = candidate.trim();
            match candidate.split_once(char::is_whitespace) {
                Some((url, descriptor)) => format!("{} {}", join(base, url), descriptor.trim()),
                None => join(base, candidate),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_relative_paths_only() {
        assert_eq!(join("/content/", "images/a.svg"), "/content/images/a.svg");
        assert_eq!(
            join("https://cdn.example/c/", "articles/x.json"),
            "https://cdn.example/c/articles/x.json"
        );
        assert_eq!(join("/content/", "/static/a.png"), "/static/a.png");
        assert_eq!(
            join("/content/", "https://img.example/a.png"),
            "https://img.example/a.png"
        );
    }

    #[test]
    fn srcset_candidates_are_resolved() {
        assert_eq!(
            join_srcset("/c/", "images/a-640.png 640w,  images/a-1280.png 1280w"),
            "/c/images/a-640.png 640w, /c/images/a-1280.png 1280w"
        );
    }

    #[test]
    fn configure_adds_the_trailing_slash() {
        configure("https://cdn.example/news", 5000);
        assert_eq!(base(), "https://cdn.example/news/");
        assert_eq!(resolve("site.json"), "https://cdn.example/news/site.json");
        assert_eq!(timeout_ms(), 5000);
        configure("", 0);
        assert_eq!(base(), DEFAULT_BASE);
        assert_eq!(timeout_ms(), 1);
    }
}
