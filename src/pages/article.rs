use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::head::{ArticleFacts, PageHead};
use super::not_found::NotFound;
use crate::components::article::{ArticleSkeleton, ArticleView};
use crate::components::related::RelatedNews;
use crate::components::share::{ShareBar, Shared};
use crate::components::status::ErrorNotice;
use crate::content::{self, Article};
use crate::context::{CurrentSection, SiteContext};
use crate::links::{absolute_url, links, rss_path};
use crate::locale::text;
use crate::route::article_path;

/// `/article/{slug}`: the article, its skeleton while it loads, or an Arabic error.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let article = content::Loader::new(move || content::fetch_article(slug.get()));
    let section = expect_context::<CurrentSection>().0;
    view! {
        <Suspense fallback=ArticleSkeleton>
            {move || Suspend::new(async move {
                match article.get().await {
                    Ok(article) => {
                        section.set(Some(article.category.slug.clone()));
                        let headline = crate::navigation::page_heading();
                        view! { <ArticleScreen article headline_ref=headline /> }.into_any()
                    }
                    Err(error) if error.is_not_found() => view! { <NotFound /> }.into_any(),
                    Err(error) => {
                        view! {
                            <PageHead title=text::LOAD_FAILED />
                            <ErrorNotice error on_retry=move || article.refetch() page=true />
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// An article's page once it is loaded: its head and the [`FullArticle`]. What the app shows
/// and what publishing renders to HTML.
#[component]
pub fn ArticleScreen(
    /// The article.
    article: Article,
    /// Receives the headline element, so the page can move focus to it.
    #[prop(optional)]
    headline_ref: NodeRef<leptos::html::H1>,
) -> impl IntoView {
    let facts = ArticleFacts {
        published: article.published.clone(),
        modified: article
            .updated
            .clone()
            .unwrap_or_else(|| article.published.clone()),
        section: article.category.label.clone(),
    };
    view! {
        <PageHead
            title=article.title.clone()
            description=article.summary.clone()
            path=article_path(&article.slug)
            image=article.hero.image.clone()
            article=facts
            feed=rss_path(&article.category.slug)
        />
        <FullArticle article headline_ref />
    }
}

/// The article with its share bar and related news: what the article page and the article
/// embed show. Readers share the article's public page: the link pattern's when it is an
/// absolute URL (an embed on a publisher's page), else the site's base URL plus the route.
#[component]
pub fn FullArticle(
    /// The article.
    article: Article,
    /// Receives the headline element, so the page can move focus to it.
    #[prop(optional)]
    headline_ref: NodeRef<leptos::html::H1>,
) -> impl IntoView {
    let site = expect_context::<SiteContext>().0;
    let own = links().article(&article.slug);
    let url = if own.starts_with("https://") || own.starts_with("http://") {
        own
    } else {
        absolute_url(&site.base_url, &article_path(&article.slug))
    };
    let shared = Shared {
        url,
        title: article.title.clone(),
        text: article.summary.clone(),
    };
    let providers = site.share.clone();
    let share = move || view! { <ShareBar shared=shared.clone() providers=providers.clone() /> };
    let about = article.title.clone();
    let section = article.category.clone();
    let related = article.related.clone().map(|path| {
        ViewFn::from(move || {
            view! { <RelatedNews path=path.clone() about=about.clone() section=section.clone() /> }
        })
    });
    view! { <ArticleView article headline_ref share related=related /> }
}
