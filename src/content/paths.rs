//! Where the format's files are inside a content folder (and under the content base URL).

/// An article's file: `articles/{slug}.json`.
pub fn article_file(slug: &str) -> String {
    format!("articles/{slug}.json")
}

/// The page a feed starts at, `home`'s or a section's: `feeds/{section}/latest.json`, its newest
/// stories (publishing numbers the older pages from the oldest: `content::listings`).
pub fn first_feed_page(section: &str) -> String {
    format!("feeds/{section}/latest.json")
}
