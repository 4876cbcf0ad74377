use leptos::prelude::*;

use super::head::PageHead;
use crate::locale::text;

/// The not-found message with a link home, inside the page frame.
#[component]
pub fn NotFound() -> impl IntoView {
    let heading = crate::navigation::page_heading();
    view! {
        <PageHead title=text::NOT_FOUND_TITLE />
        <section class="kh-not-found">
            <h1 class="kh-page-title" tabindex="-1" node_ref=heading>{text::NOT_FOUND_TITLE}</h1>
            <p>{text::NOT_FOUND_BODY}</p>
            <p>
                <a class="kh-not-found__home" href="/">{text::BACK_HOME}</a>
            </p>
        </section>
    }
}

/// The route for any path the site does not have.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! { <NotFound /> }
}
