//! The card: one article in a list (home, section, related news).

use leptos::prelude::*;

use crate::components::primitives::{ContentImage, DateTime, Loading};
use crate::components::status::Skeleton;
use crate::content::Card;

/// The heading level of card titles, which depends on the list's place in the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TitleLevel {
    /// Cards directly under the page's `h1` (home, section).
    H2,
    /// Cards under an `h2` (related news).
    H3,
}

/// A card: image, linked title, teaser (three lines at most), section and time.
#[component]
pub fn CardView(
    /// The article the card points to.
    card: Card,
    /// Heading level of the title.
    level: TitleLevel,
) -> impl IntoView {
    let Card {
        slug,
        title,
        teaser,
        image,
        category,
        published,
    } = card;
    let link = view! {
        <a class="kh-card__link" href=crate::links::links().article(&slug)>{title}</a>
    };
    let heading = match level {
        TitleLevel::H2 => view! { <h2 class="kh-card__title" dir="auto">{link}</h2> }.into_any(),
        TitleLevel::H3 => view! { <h3 class="kh-card__title" dir="auto">{link}</h3> }.into_any(),
    };
    view! {
        <article class="kh-card">
            <ContentImage image loading=Loading::Lazy class="kh-card__image" />
            <div class="kh-card__body">
                {heading}
                <p class="kh-card__teaser" dir="auto">{teaser}</p>
                <p class="kh-card__meta">
                    <span class="kh-card__category">{category.label}</span>
                    <DateTime value=published />
                </p>
            </div>
        </article>
    }
}

/// How a list of cards is laid out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Layout {
    /// A grid that wraps (home, sections).
    #[default]
    Grid,
    /// One row that scrolls sideways (related news): its height never depends on the count.
    Row,
}

impl Layout {
    /// The CSS modifier class.
    pub fn as_str(self) -> &'static str {
        match self {
            Layout::Grid => "kh-cards kh-cards--grid",
            Layout::Row => "kh-cards kh-cards--row",
        }
    }
}

/// A list of cards.
#[component]
pub fn CardList(
    /// The cards, in order.
    cards: Vec<Card>,
    /// Heading level of the titles.
    level: TitleLevel,
    /// Grid or row.
    #[prop(optional)]
    layout: Layout,
) -> impl IntoView {
    view! {
        <ul class=layout.as_str()>
            {cards
                .into_iter()
                .map(|card| view! { <li class="kh-cards__item"><CardView card level /></li> })
                .collect_view()}
        </ul>
    }
}

/// Placeholders of the exact shape of `count` cards.
#[component]
pub fn CardsSkeleton(
    /// How many cards are coming.
    count: usize,
    /// Grid or row, as the cards will be.
    #[prop(optional)]
    layout: Layout,
) -> impl IntoView {
    view! {
        <Skeleton shape="cards">
            <ul class=layout.as_str()>
                {(0..count)
                    .map(|_| {
                        view! {
                            <li class="kh-cards__item">
                                <div class="kh-card kh-card--skeleton">
                                    <span class="kh-skeleton__box kh-card__image"></span>
                                    <div class="kh-card__body">
                                        <span class="kh-card__title kh-skeleton__line"></span>
                                        <span class="kh-card__teaser kh-skeleton__line"></span>
                                        <span class="kh-card__meta kh-skeleton__line kh-skeleton__line--short"></span>
                                    </div>
                                </div>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </Skeleton>
    }
}
