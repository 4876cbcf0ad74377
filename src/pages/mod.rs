//! One module per route, the frame around them, and the document head. Pages load content
//! and compose the views of `components`.

mod article;
mod category;
mod frame;
mod head;
mod home;
mod not_found;

pub use article::{ArticlePage, FullArticle};
pub use category::CategoryPage;
pub use frame::SiteFrame;
pub use head::PageHead;
pub use home::HomePage;
pub use not_found::{NotFound, NotFoundPage};
