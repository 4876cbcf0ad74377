//! One module per route.

mod article;
mod category;
mod head;
mod home;
mod not_found;

pub use article::ArticlePage;
pub use category::CategoryPage;
pub use head::{absolute_url, PageHead};
pub use home::HomePage;
pub use not_found::{NotFound, NotFoundPage};
