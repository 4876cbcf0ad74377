//! The sizes khabar reads at most, the same for the validator and the app.

/// The largest content file khabar reads: 5 MB (5 × 1024 × 1024 bytes). The validator reports
/// a larger file from its size alone, without reading it into memory; the app refuses a larger
/// answer (`ContentError::TooLarge`) rather than parse it.
pub const MAX_FILE_BYTES: u64 = 5 * 1024 * 1024;

/// The most response text the app's in-memory cache keeps: 1 MiB, some 200 of the sample's
/// article files (about 5 KB each). Past it, the oldest answers are dropped
/// (`content::fetch`); a revisit then asks again, and the HTTP cache usually answers.
pub const CACHE_BYTES: usize = 1024 * 1024;

/// The longest slug, in bytes (a slug is ASCII): an article's, a section's.
pub const MAX_SLUG_BYTES: usize = 100;

/// The longest one-line text field, in characters (the longest sample field, a teaser, has
/// 341). A longer one is a mistake or an attack: it ends up whole in the document title, the
/// share text and every share link. The validator refuses it; the app shows its first
/// `MAX_TEXT_CHARS` characters and an ellipsis (a 512K-character title froze a page for over a
/// minute, most of it in the share links that repeat it).
pub const MAX_TEXT_CHARS: usize = 1000;
