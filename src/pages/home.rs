use leptos::prelude::*;

use super::head::PageHead;
use crate::components::feed::FeedView;
use crate::content::FeedPage;
use crate::links::feed_path;
use crate::locale::text;

/// `/`: the latest cards of the home feed.
#[component]
pub fn HomePage() -> impl IntoView {
    view! { <HomeScreen /> }
}

/// The home page: its head and the home feed, from `first` (its first page) when given, else
/// loaded.
#[component]
pub fn HomeScreen(
    /// The feed's first page, when it is already at hand (publishing).
    #[prop(default = None)]
    first: Option<FeedPage>,
) -> impl IntoView {
    view! {
        <PageHead title=text::LATEST path="/" feed=feed_path("home") />
        <FeedView section="home".to_string() heading=text::LATEST.to_string() first />
    }
}
