//! What every view is built of: content images and figures, dates.

use leptos::prelude::*;

use crate::content::{settings, Figure, Image, LocaleSettings};
use crate::context::{digits, SiteContext};
use crate::locale::{self, text};

/// How an image should load.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loading {
    /// The page's main image: fetched first (`fetchpriority="high"`).
    Priority,
    /// Below the fold: fetched when the reader comes near (`loading="lazy"`).
    Lazy,
}

/// An image from content, with its space reserved by its intrinsic width and height.
#[component]
pub fn ContentImage(
    /// The image and its size.
    image: Image,
    /// Priority or lazy.
    loading: Loading,
    /// CSS class of the `img`.
    #[prop(into)]
    class: String,
) -> impl IntoView {
    let base = settings::base();
    let srcset = image.srcset.as_deref().map(|s| settings::join_srcset(&base, s));
    let (eager, priority) = match loading {
        Loading::Priority => (true, Some("high")),
        Loading::Lazy => (false, None),
    };
    view! {
        <img
            class=class
            src=settings::join(&base, &image.src)
            srcset=srcset
            sizes=image.sizes
            width=image.width
            height=image.height
            alt=image.alt
            loading=if eager { "eager" } else { "lazy" }
            decoding="async"
            fetchpriority=priority
        />
    }
}

/// A photo with its caption and, set apart, its credit.
#[component]
pub fn FigureView(
    /// The photo, caption and credit.
    figure: Figure,
    /// Priority for the hero, lazy in the body.
    loading: Loading,
    /// BEM block of the figure (`kh-hero`, `kh-figure`).
    block: &'static str,
) -> impl IntoView {
    let credit = figure.credit.map(|credit| {
        view! {
            <span class=format!("{block}__credit")>
                <span class="kh-visually-hidden">{text::CREDIT} " "</span>
                {credit}
            </span>
        }
    });
    view! {
        <figure class=block>
            <ContentImage image=figure.image loading class=format!("{block}__image") />
            <figcaption class=format!("{block}__caption")>
                <span class=format!("{block}__caption-text") dir="auto">{figure.caption}</span>
                {credit}
            </figcaption>
        </figure>
    }
}

/// A `<time>` showing a date in Arabic: the written day at first, then, once in the browser,
/// date and time through `Intl` with the site's calendar, in the digits of [`digits`].
#[component]
pub fn DateTime(
    /// RFC 3339.
    #[prop(into)]
    value: String,
) -> impl IntoView {
    let locale = LocaleSettings {
        digits: digits(),
        ..expect_context::<SiteContext>().0.locale.clone()
    };
    let shown = RwSignal::new(locale::plain_date(&value, locale.digits));
    let iso = value.clone();
    Effect::new(move |_| {
        if let Some(full) = locale::intl_datetime(&iso, &locale) {
            shown.set(full);
        }
    });
    view! { <time datetime=value>{shown}</time> }
}
