//! One module per route, the frame around them, and the document head. Pages load content
//! and compose the views of `components`.

mod article;
mod category;
mod frame;
mod head;
mod home;
mod not_found;

pub use article::{ArticlePage, ArticleScreen, FullArticle};
pub use category::{CategoryPage, SectionScreen};
pub use frame::{FrameView, SiteFrame};
pub use head::{ArticleFacts, PageHead};
pub use home::{HomePage, HomeScreen};
pub use not_found::{NotFound, NotFoundPage};
