use leptos::prelude::*;

use super::PageHead;
use crate::components::feed::FeedView;
use crate::locale::text;

/// `/`: the latest cards of the home feed.
#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <PageHead title=text::LATEST path="/" />
        <FeedView section="home".to_string() heading=text::LATEST.to_string() />
    }
}
