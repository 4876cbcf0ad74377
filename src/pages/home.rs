use leptos::prelude::*;

use super::head::PageHead;
use crate::components::feed::FeedView;
use crate::content::FeedPage;
use crate::links::rss_path;
use crate::locale::text;
use crate::route;

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
        <PageHead title=text::LATEST path=route::HOME_PATH feed=rss_path(route::HOME) />
        <FeedView section=route::HOME.to_string() heading=text::LATEST.to_string() first />
    }
}
