//! One module per route, the frame around them, and the document head. Pages load content
//! and compose the views of `components`.
//!
//! Each route has two tiers, each adding one thing:
//! - `…Page` (the router's view) loads the route's content, with its skeleton and its error;
//! - `…Screen` renders the loaded page from values, head included: what the app shows once
//!   the content is in, and what publishing renders to HTML (`ArticleScreen`, `SectionScreen`,
//!   `HomeScreen`; `NotFound` is its own screen).
//!
//! An article has one more: `FullArticle` wires the article to the site (the share bar with
//! the public URL, related news), the part the article embed shows without a page head; its
//! layout is `components::article::ArticleView`, which renders from what it is given.

mod article;
mod frame;
mod head;
mod home;
mod not_found;
mod section;

pub use article::{ArticlePage, ArticleScreen, FullArticle};
pub use frame::{FrameView, SiteFrame};
pub use head::{ArticleFacts, PageHead};
pub use home::{HomePage, HomeScreen};
pub use not_found::{NotFound, NotFoundPage};
pub use section::{SectionPage, SectionScreen};
