//! Static publishing (native only, `khabar-content publish`): the pages, the sitemap and the
//! feeds of a content folder, written beside a build so that every route answers with its
//! article, its head and its links before (and without) the app.
//!
//! - `catalogue`: a valid content folder, read once ([`Catalogue`]).
//! - `feeds`: `sitemap.xml`, `robots.txt` and the RSS feeds.
//! - `render` (feature `ssr`): each route's page, rendered by the app's own views.
//! - `write` (feature `ssr`): files written beside their old selves and renamed into place,
//!   with their compressed copies; what is no longer published removed last.

pub mod catalogue;
pub mod feeds;
#[cfg(feature = "ssr")]
pub mod render;

pub use catalogue::Catalogue;
#[cfg(feature = "ssr")]
pub use site::{publish, Published};

#[cfg(feature = "ssr")]
mod site;
#[cfg(feature = "ssr")]
pub mod write;
