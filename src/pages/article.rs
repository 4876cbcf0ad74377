use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::{NotFound, PageHead};
use crate::components::article::{ArticleSkeleton, FullArticle};
use crate::components::layout::CurrentSection;
use crate::components::status::ErrorNotice;
use crate::content::{self, settings};
use crate::links::Links;
use crate::locale::text;

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
                        let route = Links::default().article(&article.slug);
                        view! {
                            <PageHead
                                title=article.title.clone()
                                description=article.summary.clone()
                                path=route
                                image=settings::resolve(&article.hero.image.src)
                                kind="article"
                            />
                            <FullArticle article headline_ref=headline />
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
            })}
        </Suspense>
    }
}
