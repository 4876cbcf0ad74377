//! Where the format's files are inside a content folder (and under the content base URL).

/// An article's file: `articles/{slug}.json`.
pub fn article_file(slug: &str) -> String {
    format!("articles/{slug}.json")
}

/// The first page of a feed, `home`'s or a section's: `feeds/{section}/1.json`.
pub fn first_feed_page(section: &str) -> String {
    format!("feeds/{section}/1.json")
}
