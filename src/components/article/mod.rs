//! The article: headline, lede, hero figure, category, byline and dates, body blocks.

use leptos::prelude::*;

use crate::components::primitives::{DateTime, FigureView, Loading};
use crate::components::status::Skeleton;
use crate::content::validate::check_href;
use crate::content::{Article, Block, Inline};
use crate::context::digits;
use crate::links::links;
use crate::locale::{self, text};

/// The article, every region in reading order. Two regions are the page's to fill: `share`
/// after the byline and dates, `related` after the article (the article page and the embed put
/// the share bar and related news there).
#[component]
pub fn ArticleView(
    /// The article.
    article: Article,
    /// Receives the headline element, so the page can move focus to it.
    #[prop(optional)]
    headline_ref: NodeRef<leptos::html::H1>,
    /// Shown after the byline and dates: the share bar.
    #[prop(optional, into)]
    share: Option<ViewFn>,
    /// Shown after the article: related news.
    #[prop(default = None)]
    related: Option<ViewFn>,
) -> impl IntoView {
    let reading = locale::minutes(article.minutes_to_read(), digits());
    let Article {
        title,
        summary,
        category,
        published,
        updated,
        authors,
        hero,
        body,
        ..
    } = article;
    let updated = updated.filter(|u| *u != published).map(|u| {
        view! {
            <span class="kh-article__updated">
                {text::UPDATED} " " <DateTime value=u />
            </span>
        }
    });
    let byline = (!authors.is_empty()).then(|| {
        let names = authors
            .into_iter()
            .map(|a| {
                let role = a.role.map(|r| view! { <span class="kh-byline__role">{r}</span> });
                view! {
                    <li class="kh-byline__author">
                        <span class="kh-byline__name">{a.name}</span>
                        {role}
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class="kh-byline">
                <span class="kh-byline__label">{text::BY}</span>
                <ul class="kh-byline__list">{names}</ul>
            </div>
        }
    });
    // `elementtiming` lets the Element Timing API report when the headline is painted (the
    // benchmark's measure); the view macro has no method for it, so it is added here.
    let headline = view! {
        <h1 class="kh-article__title" dir="auto" tabindex="-1" node_ref=headline_ref>
            {title}
        </h1>
    }
    .attr("elementtiming", "headline");
    view! {
        <article class="kh-article">
            <header class="kh-article__header">
                {headline}
                <p class="kh-article__lede" dir="auto">{summary}</p>
            </header>
            <FigureView figure=hero loading=Loading::Priority block="kh-hero" />
            <p class="kh-article__category">
                <span class="kh-article__category-label">{text::CATEGORY}</span>
                " "
                {match links().section(&category.slug) {
                    Some(href) => view! { <a class="kh-article__category-link" href=href>{category.label}</a> }.into_any(),
                    None => view! { <span class="kh-article__category-link">{category.label}</span> }.into_any(),
                }}
            </p>
            <div class="kh-article__meta">
                {byline}
                <p class="kh-article__dates">
                    <span class="kh-article__published">
                        {text::PUBLISHED} " " <DateTime value=published />
                    </span>
                    {updated}
                </p>
                <p class="kh-article__reading">{text::READING_TIME} " " {reading}</p>
            </div>
            {share.map(|s| s.run())}
            <div class="kh-article__body">{body.into_iter().map(BlockView).collect_view()}</div>
        </article>
        {related.map(|r| r.run())}
    }
}

/// One body block.
#[allow(non_snake_case)]
fn BlockView(block: Block) -> AnyView {
    match block {
        Block::Paragraph { runs } => view! {
            <p class="kh-article__paragraph" dir="auto">
                {runs.into_iter().map(InlineView).collect_view()}
            </p>
        }
        .into_any(),
        Block::Heading { text } => {
            view! { <h2 class="kh-article__subheading" dir="auto">{text}</h2> }.into_any()
        }
        Block::Quote { text, attribution } => view! {
            <figure class="kh-quote">
                <blockquote class="kh-quote__text" dir="auto">
                    <p>{text}</p>
                </blockquote>
                {attribution.map(|a| view! { <figcaption class="kh-quote__attribution">{a}</figcaption> })}
            </figure>
        }
        .into_any(),
        Block::Figure { figure } => {
            view! { <FigureView figure loading=Loading::Lazy block="kh-figure" /> }.into_any()
        }
        Block::SeeAlso { slug, title } => view! {
            <p class="kh-see-also">
                <span class="kh-see-also__label">{text::SEE_ALSO}</span>
                " "
                <a class="kh-see-also__link" href=links().article(&slug) dir="auto">{title}</a>
            </p>
        }
        .into_any(),
        Block::Unknown { .. } => ().into_any(),
    }
}

/// One run of a paragraph. A link whose target is not allowed is shown as plain text.
#[allow(non_snake_case)]
fn InlineView(run: Inline) -> AnyView {
    match run {
        Inline::Text { text } => text.into_any(),
        Inline::Emphasis { text } => view! { <em>{text}</em> }.into_any(),
        Inline::Strong { text } => view! { <strong>{text}</strong> }.into_any(),
        Inline::Link { text, href } => match check_href(&href) {
            Ok(()) => {
                view! { <a class="kh-article__link" href=links().content_href(&href)>{text}</a> }.into_any()
            }
            Err(why) => {
                leptos::logging::error!("khabar: link {href:?} shown as text: {why}");
                view! { <span class="kh-article__link kh-article__link--refused">{text}</span> }.into_any()
            }
        },
        Inline::Unknown { .. } => ().into_any(),
    }
}

/// The article's skeleton while it loads: headline, lede, hero and paragraph lines.
#[component]
pub fn ArticleSkeleton() -> impl IntoView {
    view! {
        <Skeleton shape="article">
            <span class="kh-skeleton__line kh-skeleton__line--title"></span>
            <span class="kh-skeleton__line kh-skeleton__line--title kh-skeleton__line--short"></span>
            <span class="kh-skeleton__line"></span>
            <span class="kh-skeleton__box kh-skeleton__box--hero"></span>
            <span class="kh-skeleton__line"></span>
            <span class="kh-skeleton__line"></span>
            <span class="kh-skeleton__line kh-skeleton__line--short"></span>
        </Skeleton>
    }
}
