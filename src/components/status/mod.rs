//! What a reader sees while content loads, and when it cannot.

use leptos::prelude::*;

use crate::content::ContentError;
use crate::locale::{self, text};

/// An Arabic error message, announced to screen readers, with a retry button where trying
/// again can help and the precise cause folded away for developers.
#[component]
pub fn ErrorNotice(
    /// What went wrong.
    error: ContentError,
    /// Called when the reader asks to try again; without it, no retry button is shown.
    #[prop(optional, into)]
    on_retry: Option<Callback<()>>,
    /// True when the error takes the place of the whole page: it then has the page's `h1`.
    #[prop(optional)]
    page: bool,
) -> impl IntoView {
    let heading = page.then(|| view! { <h1 class="kh-page-title kh-error__title">{text::LOAD_FAILED}</h1> });
    let retry = on_retry.filter(|_| error.is_retryable()).map(|cb| {
        view! {
            <button type="button" class="kh-error__retry" on:click=move |_| cb.run(())>
                {text::RETRY}
            </button>
        }
    });
    view! {
        <div class="kh-error" role="alert" data-error-kind=error.kind()>
            {heading}
            <p class="kh-error__message">{locale::error_message(&error)}</p>
            {retry}
            <details class="kh-error__details">
                <summary>{text::DEV_DETAILS}</summary>
                <code dir="ltr">{error.to_string()}</code>
            </details>
        </div>
    }
}

/// A placeholder of the shape of what is loading: busy, with an Arabic label, no text to read.
#[component]
pub fn Skeleton(
    /// BEM modifier naming the shape (`article`, `card`, `header` …).
    shape: &'static str,
    /// The placeholder's inner boxes.
    children: Children,
) -> impl IntoView {
    view! {
        <div
            class=format!("kh-skeleton kh-skeleton--{shape}")
            role="status"
            aria-busy="true"
            aria-label=text::LOADING
        >
            {children()}
        </div>
    }
}
