//! The feed: a section's cards under its heading, page after page as the reader scrolls, with
//! only the pages near the viewport in the document.

use leptos::prelude::*;

use crate::components::card::{CardList, CardsSkeleton, TitleLevel};
use crate::components::lazy::{LazyLoad, Windowed};
use crate::components::status::ErrorNotice;
use crate::content::{self, FeedPage};
use crate::locale::text;

/// A section's feed under its heading; later pages load as the reader nears the end (or
/// asks with "المزيد"), and the end of the feed is said. Only pages near the viewport are in
/// the document.
#[component]
pub fn FeedView(
    /// `home` or a section slug.
    #[prop(into)]
    section: Signal<String>,
    /// The page heading.
    #[prop(into)]
    heading: Signal<String>,
    /// The feed's first page, when it is already at hand (publishing); else it is loaded.
    #[prop(default = None)]
    first: Option<FeedPage>,
) -> impl IntoView {
    let title = crate::navigation::page_heading();
    let pages = match first {
        Some(page) => feed_page(page),
        None => {
            (move || view! { <FeedPageView path=content::paths::first_feed_page(&section.get()) expected=6 /> }).into_any()
        }
    };
    view! {
        <section class="kh-feed">
            <h1 class="kh-page-title" tabindex="-1" node_ref=title>
                {heading}
            </h1>
            {pages}
        </section>
    }
}

/// One page of a feed and, after its cards, the way to the next page.
#[component]
fn FeedPageView(
    /// The page's path.
    path: String,
    /// How many cards to reserve while it loads.
    expected: usize,
) -> AnyView {
    let page = content::Loader::new(move || {
        let path = path.clone();
        async move { content::fetch_feed_page(&path).await }
    });
    // The skeleton stands beside the `Suspense`, not as its fallback: a `Suspense` keeps its
    // fallback alive once it has resolved (to show it again), so a feed scrolled for thousands
    // of cards kept thousands of detached skeleton nodes. This one is dropped when the page
    // arrives (docs/performance.md). It follows a signal, not the resource: reading the
    // resource outside the `Suspense` would suspend the one around the whole page instead.
    let loading = RwSignal::new(true);
    view! {
        {move || loading.get().then(|| view! { <CardsSkeleton count=expected /> })}
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let page_or_error = page.get().await;
                loading.set(false);
                match page_or_error {
                    Ok(page) => feed_page(page),
                    Err(error) => {
                        let retry = move || {
                            loading.set(true);
                            page.refetch();
                        };
                        view! { <ErrorNotice error on_retry=retry /> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
    .into_any()
}

/// A loaded page of a feed: its cards, then the way to the next page (loaded when the reader
/// nears it, or asks with "المزيد") or the end of the feed.
fn feed_page(page: FeedPage) -> AnyView {
    let count = page.items.len().max(1);
    let next = page.next.map(|next| {
        let near = RwSignal::new(false);
        view! {
            <LazyLoad
                near
                placeholder=move || {
                    view! {
                        <p class="kh-feed__more kh-needs-script">
                            <button
                                type="button"
                                class="kh-feed__more-button"
                                on:click=move |_| near.set(true)
                            >
                                {text::MORE}
                            </button>
                        </p>
                    }
                }
            >
                <FeedPageView path=next.clone() expected=count />
            </LazyLoad>
        }
    });
    let end = next
        .is_none()
        .then(|| view! { <p class="kh-feed__end">{text::FEED_END}</p> });
    let cards = page.items;
    // Pages far from the viewport leave the document (a held height stands in), so a feed
    // scrolled for thousands of items stays light.
    view! {
        <Windowed>
            <CardList cards=cards.clone() level=TitleLevel::H2 />
        </Windowed>
        {next}
        {end}
    }
    .into_any()
}
