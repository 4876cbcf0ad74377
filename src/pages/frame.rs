//! The frame of every page: it loads `site.json`, then shows the skip link, site header,
//! main region and footer.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::components::layout::{SiteFooter, SiteHeader};
use crate::components::status::{ErrorNotice, Skeleton};
use crate::content::{self, Site};
use crate::context::{CurrentSection, SiteContext};
use crate::route::Route;

/// Loads `site.json`, then shows the page in its [`FrameView`]; while it loads, a skeleton of
/// the header; if it fails, an Arabic error with a retry.
#[component]
pub fn SiteFrame(
    /// The routed page.
    children: ChildrenFn,
) -> impl IntoView {
    let site = content::Loader::new(content::fetch_site);
    let children = StoredValue::new(children);
    let location = use_location();
    let article_section = expect_context::<CurrentSection>().0;
    let current = Signal::derive(move || match Route::parse(&location.pathname.get()) {
        Some(Route::Article(_)) => article_section.get(),
        route => route.and_then(Route::section).map(String::from),
    });
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
                            let page = children.get_value();
                            view! { <FrameView site=Arc::new(site) current>{page()}</FrameView> }
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

/// The skip link, the site header, the page in the main region, and the footer, for a loaded
/// site: what the app shows once `site.json` is in, and what publishing renders to HTML.
#[component]
pub fn FrameView(
    /// The loaded `site.json`, provided to the page as [`SiteContext`].
    site: Arc<Site>,
    /// The section the footer marks as current.
    #[prop(into)]
    current: Signal<Option<String>>,
    /// The page; built after the site is provided.
    children: ChildrenFn,
) -> impl IntoView {
    provide_context(SiteContext(site));
    view! {
        <a class="kh-skip-link" href="#kh-main">
            {crate::locale::text::SKIP_LINK}
        </a>
        <SiteHeader />
        <main id="kh-main" class="kh-main" tabindex="-1">
            {children()}
        </main>
        <SiteFooter current />
    }
}
