//! Static publishing (native only, `khabar-content publish`): the pages, the sitemap and the
//! feeds of a content folder, written beside a build so that every route answers with its
//! article, its head and its links before (and without) the app.
//!
//! - `catalogue`: a valid content folder, read once ([`Catalogue`]).
//! - `sitemap`: `sitemap.xml` and `robots.txt`; `rss`: the RSS feeds; `xml`, what they share.
//! - `render` (feature `ssr`): each route's page, rendered by the app's own views.
//! - `write` (feature `ssr`): files written beside their old selves and renamed into place,
//!   with their compressed copies; what is no longer published removed last.

pub mod catalogue;
#[cfg(feature = "ssr")]
pub mod render;
pub mod rss;
pub mod sitemap;
#[cfg(test)]
mod testing;
mod xml;

pub use catalogue::Catalogue;
#[cfg(feature = "ssr")]
pub use site::{publish, Published};

#[cfg(feature = "ssr")]
mod site;
#[cfg(feature = "ssr")]
pub mod write;
