use leptos::prelude::*;

use super::PageHead;
use crate::components::card::{CardList, CardsSkeleton, TitleLevel};
use crate::components::status::ErrorNotice;
use crate::content;
use crate::locale::text;

/// A section's feed under its heading: the first page of cards.
#[component]
pub fn FeedView(
    /// `home` or a section slug.
    #[prop(into)]
    section: Signal<String>,
    /// The page heading.
    #[prop(into)]
    heading: Signal<String>,
) -> impl IntoView {
    let page = LocalResource::new(move || {
        let path = content::feed_path(&section.get());
        async move { content::fetch_feed_page(&path).await }
    });
    let title = NodeRef::<leptos::html::H1>::new();
    Effect::new(move |_| {
        if let Some(h) = title.get() {
            let heading: web_sys::HtmlElement = h.into();
            crate::navigation::page_ready(Some(heading));
        }
    });
    view! {
        <section class="kh-feed">
            <h1 class="kh-page-title" tabindex="-1" node_ref=title>{heading}</h1>
            <Suspense fallback=|| view! { <CardsSkeleton count=6 /> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(page) => view! { <CardList cards=page.items level=TitleLevel::H2 /> }.into_any(),
                        Err(error) => {
                            view! { <ErrorNotice error on_retry=move || page.refetch() /> }.into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}

/// `/`: the latest cards of the home feed.
#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <PageHead title=text::LATEST path="/" />
        <FeedView section="home".to_string() heading=text::LATEST.to_string() />
    }
}
