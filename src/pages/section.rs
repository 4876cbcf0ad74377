use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::head::PageHead;
use super::not_found::NotFound;
use crate::components::feed::FeedView;
use crate::content::{FeedPage, Section};
use crate::context::SiteContext;
use crate::links::rss_path;
use crate::route::{self, section_path};

/// `/category/{slug}`: the section's cards under its Arabic name; not found for an unknown
/// section.
#[component]
pub fn SectionPage() -> impl IntoView {
    let params = use_params_map();
    let site = expect_context::<SiteContext>();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    move || {
        let slug = slug.get();
        match site.section_label(&slug).filter(|_| slug != route::HOME) {
            Some(label) => view! { <SectionScreen section=Section { slug, label } /> }.into_any(),
            None => view! { <NotFound /> }.into_any(),
        }
    }
}

/// A section's page: its head and its feed under its name, from `first` (the feed's first
/// page) when given, else loaded.
#[component]
pub fn SectionScreen(
    /// The section.
    section: Section,
    /// The feed's first page, when it is already at hand (publishing).
    #[prop(default = None)]
    first: Option<FeedPage>,
) -> impl IntoView {
    let Section { slug, label } = section;
    view! {
        <PageHead title=label.clone() path=section_path(&slug) feed=rss_path(&slug) />
        <FeedView section=slug heading=label first />
    }
}
