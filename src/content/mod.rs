//! Content: the JSON format, its validation, and the one layer that fetches it.
//!
//! Components never call gloo-net themselves: they call [`fetch_article`], [`fetch_site`],
//! [`fetch_feed_page`] and [`fetch_related`].

pub mod error;
pub mod fetch;
pub mod model;
pub mod parse;
pub mod read;
pub mod resource;
pub mod settings;
pub mod validate;

pub use error::ContentError;
pub use fetch::{clear_cache, fetch_article};
pub use model::*;
pub use resource::Loader;

/// The largest content file khabar reads: 5 MB (5 × 1024 × 1024 bytes). The validator reports
/// a larger file from its size alone, without reading it into memory; the app refuses a larger
/// answer (`ContentError::TooLarge`) rather than parse it.
pub const MAX_FILE_BYTES: u64 = 5 * 1024 * 1024;

/// The longest one-line text field, in characters (the longest sample field, a teaser, has
/// 341). A longer one is a mistake or an attack: it ends up whole in the document title, the
/// share text and every share link. The validator refuses it; the app shows its first
/// `MAX_TEXT_CHARS` characters and an ellipsis (a 512K-character title froze a page for over a
/// minute, most of it in the share links that repeat it).
pub const MAX_TEXT_CHARS: usize = 1000;

/// `site.json`.
pub async fn fetch_site() -> Result<Site, ContentError> {
    fetch::fetch("site.json").await
}

/// The first page of a feed: `home` or a section slug.
pub fn feed_path(section: &str) -> String {
    format!("feeds/{section}/1.json")
}

/// One page of a feed, by its path (`feeds/{section}/{n}.json` or a page's `next`).
pub async fn fetch_feed_page(path: &str) -> Result<FeedPage, ContentError> {
    fetch::fetch(path).await
}

/// A related-news list, by the path an article names.
pub async fn fetch_related(path: &str) -> Result<RelatedList, ContentError> {
    fetch::fetch(path).await
}

#[cfg(not(target_arch = "wasm32"))]
pub mod check;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod format_test;
