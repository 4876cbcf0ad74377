use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::{absolute_url, NotFound, PageHead};
use crate::components::article::{ArticleSkeleton, ArticleView};
use crate::components::layout::{CurrentSection, SiteContext};
use crate::components::related::RelatedNews;
use crate::components::share::{ShareBar, Shared};
use crate::components::status::ErrorNotice;
use crate::content::validate::is_slug;
use crate::content::{self, settings, ContentError};
use crate::locale::text;

/// `/article/{slug}`: the article, its skeleton while it loads, or an Arabic error.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let article = LocalResource::new(move || {
        let slug = slug.get();
        async move {
            if is_slug(&slug) {
                content::fetch_article(&slug).await
            } else {
                // Not a slug: no request can find it.
                Err(ContentError::Status {
                    url: settings::resolve(&format!("articles/{slug}.json")),
                    status: 404,
                })
            }
        }
    });
    let section = expect_context::<CurrentSection>().0;
    let site = expect_context::<SiteContext>().0;
    view! {
        <Suspense fallback=ArticleSkeleton>
            {move || {
                let site = site.clone();
                Suspend::new(async move {
                match article.await {
                    Ok(article) => {
                        section.set(Some(article.category.slug.clone()));
                        let headline = crate::navigation::page_heading();
                        let route = format!("/article/{}", article.slug);
                        let shared = Shared {
                            url: absolute_url(&site.base_url, &route),
                            title: article.title.clone(),
                            text: article.summary.clone(),
                        };
                        let providers = site.share.clone();
                        let share = move || view! { <ShareBar shared=shared.clone() providers=providers.clone() /> };
                        let about = article.title.clone();
                        let related = article.related.clone().map(|path| {
                            ViewFn::from(move || view! { <RelatedNews path=path.clone() about=about.clone() /> })
                        });
                        view! {
                            <PageHead
                                title=article.title.clone()
                                description=article.summary.clone()
                                path=route
                                image=settings::resolve(&article.hero.image.src)
                                kind="article"
                            />
                            <ArticleView article headline_ref=headline share related=related />
                        }
                            .into_any()
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
            })
            }}
        </Suspense>
    }
}
