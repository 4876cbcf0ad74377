//! Content: the JSON format, its validation, and the one layer that fetches it.
//!
//! Components never call gloo-net themselves: they call [`fetch_article`], [`fetch_site`],
//! [`fetch_feed_page`] and [`fetch_related`]. This file only re-exports: each item is defined
//! in the module that owns it (tests/structure.rs refuses a module that reaches back here).

pub mod error;
pub mod fetch;
pub mod limits;
pub mod model;
pub mod parse;
pub mod paths;
pub mod read;
pub mod resource;
pub mod settings;
pub mod validate;

pub use error::ContentError;
pub use fetch::{clear_cache, fetch_article, fetch_feed_page, fetch_related, fetch_site};
pub use limits::{CACHE_BYTES, MAX_FILE_BYTES, MAX_TEXT_CHARS};
pub use model::*;
pub use resource::Loader;

#[cfg(not(target_arch = "wasm32"))]
pub mod check;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod format_test;
#[cfg(not(target_arch = "wasm32"))]
pub mod listings;
#[cfg(not(target_arch = "wasm32"))]
pub mod schema;
