//! Related news: "أخبار ذات صلة" and its cards, loaded when the reader comes near.

use leptos::prelude::*;

use crate::components::card::{CardList, CardsSkeleton, Layout, TitleLevel};
use crate::components::lazy::LazyLoad;
use crate::components::status::ErrorNotice;
use crate::content::{self, Section};
use crate::links::links;
use crate::locale::text;

/// How many cards the related row reserves while it loads (cards in the row have a fixed
/// size, so the row's height does not depend on how many arrive).
const RESERVED: usize = 4;

/// The related-news section of an article; gone when its list is empty.
#[component]
pub fn RelatedNews(
    /// Path of the related list (the article's `related`).
    #[prop(into)]
    path: String,
    /// The article's title: completes the section's accessible name, so that two related
    /// sections on one page (embeds) can be told apart.
    #[prop(into)]
    about: String,
    /// The article's section: linked after the cards, the way on where cards cannot load
    /// (no script) or do not help.
    section: Section,
) -> impl IntoView {
    let empty = RwSignal::new(false);
    let path = StoredValue::new(path);
    let more = links().section(&section.slug);
    let label = section.label;
    view! {
        <Show when=move || !empty.get()>
            <section class="kh-related" aria-labelledby="kh-related-title">
                <h2 class="kh-related__title" id="kh-related-title">
                    {text::RELATED}
                    <span class="kh-visually-hidden">": " {about.clone()}</span>
                </h2>
                <LazyLoad placeholder=|| view! { <CardsSkeleton count=RESERVED layout=Layout::Row /> }>
                    <RelatedCards path=path.get_value() empty />
                </LazyLoad>
                {more.clone().map(|href| {
                    view! {
                        <p class="kh-related__more">
                            <a class="kh-related__more-link" href=href>
                                {text::MORE_IN_SECTION} " " {label.clone()}
                            </a>
                        </p>
                    }
                })}
            </section>
        </Show>
    }
}

#[component]
fn RelatedCards(path: String, empty: RwSignal<bool>) -> impl IntoView {
    let list = content::Loader::new(move || {
        let path = path.clone();
        async move { content::fetch_related(&path).await }
    });
    view! {
        <Suspense fallback=|| view! { <CardsSkeleton count=RESERVED layout=Layout::Row /> }>
            {move || Suspend::new(async move {
                match list.get().await {
                    Ok(list) if list.items.is_empty() => {
                        Effect::new(move |_| empty.set(true));
                        ().into_any()
                    }
                    Ok(list) => {
                        view! { <CardList cards=list.items level=TitleLevel::H3 layout=Layout::Row /> }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error on_retry=move || list.refetch() /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
