//! The frame of every page: it loads `site.json`, then shows the skip link, site header,
//! main region and footer.

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::layout::{SiteFooter, SiteHeader};
use crate::components::status::{ErrorNotice, Skeleton};
use crate::content;
use crate::context::SiteContext;
use crate::locale::text;

/// Loads `site.json`, then shows the skip link, header, the page and the footer; while it
/// loads, a skeleton of the header; if it fails, an Arabic error with a retry.
#[component]
pub fn SiteFrame(
    /// The routed page.
    children: ChildrenFn,
) -> impl IntoView {
    let site = content::Loader::new(content::fetch_site);
    let children = StoredValue::new(children);
    view! {
        <div class="kh-app">
            <Suspense fallback=|| {
                view! {
                    <Skeleton shape="header">
                        <span class="kh-skeleton__logo"></span>
                    </Skeleton>
                }
            }>
                {move || Suspend::new(async move {
                    match site.get().await {
                        Ok(site) => {
                            provide_context(SiteContext(Arc::new(site)));
                            view! {
                                <a class="kh-skip-link" href="#kh-main">
                                    {text::SKIP_LINK}
                                </a>
                                <SiteHeader />
                                <main id="kh-main" class="kh-main" tabindex="-1">
                                    {children.read_value()()}
                                </main>
                                <SiteFooter />
                            }
                                .into_any()
                        }
                        Err(error) => {
                            view! {
                                <main id="kh-main" class="kh-main">
                                    <ErrorNotice error on_retry=move || site.refetch() page=true />
                                </main>
                            }
                                .into_any()
                        }
                    }
                })}
            </Suspense>
        </div>
    }
}
