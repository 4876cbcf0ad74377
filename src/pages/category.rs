use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::{NotFound, PageHead};
use crate::components::feed::FeedView;
use crate::context::SiteContext;

/// `/category/{slug}`: the section's cards under its Arabic name; not found for an unknown
/// section.
#[component]
pub fn CategoryPage() -> impl IntoView {
    let params = use_params_map();
    let site = expect_context::<SiteContext>();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    move || {
        let slug = slug.get();
        match site.section_label(&slug).filter(|_| slug != "home") {
            Some(label) => view! {
                <PageHead title=label.clone() path=format!("/category/{slug}") />
                <FeedView section=slug heading=label />
            }
            .into_any(),
            None => view! { <NotFound /> }.into_any(),
        }
    }
}
