//! The frame of every page: skip link, site header, main region, footer navigation.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::components::status::{ErrorNotice, Skeleton};
use crate::content::{self, settings, Site};
use crate::locale::text;

/// The loaded `site.json`, shared with every page.
#[derive(Clone, Debug)]
pub struct SiteContext(pub Arc<Site>);

impl SiteContext {
    /// The Arabic label of a section, if the site has it.
    pub fn section_label(&self, slug: &str) -> Option<String> {
        self.0
            .sections
            .iter()
            .find(|s| s.slug == slug)
            .map(|s| s.label.clone())
    }
}

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

/// The site header: the logo, linking home.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let site = expect_context::<SiteContext>().0;
    let base = settings::base();
    view! {
        <header class="kh-header">
            <a class="kh-header__home" href="/">
                <img
                    class="kh-header__logo"
                    src=settings::join(&base, &site.logo.src)
                    width=site.logo.width
                    height=site.logo.height
                    alt=site.name.clone()
                />
            </a>
        </header>
    }
}

/// The footer: every section of the site, the current one marked.
#[component]
pub fn SiteFooter() -> impl IntoView {
    let site = expect_context::<SiteContext>().0;
    let location = use_location();
    let article_section = expect_context::<CurrentSection>().0;
    let current = Memo::new(move |_| {
        let path = location.pathname.get();
        if let Some(slug) = path.strip_prefix("/category/") {
            Some(slug.trim_end_matches('/').to_string())
        } else if path == "/" {
            Some("home".to_string())
        } else if path.starts_with("/article/") {
            article_section.get()
        } else {
            None
        }
    });
    let links = crate::links::links();
    let items = site
        .sections
        .iter()
        .map(|s| {
            let slug = s.slug.clone();
            let is_current = move || current.get().as_deref() == Some(slug.as_str());
            view! {
                <li class="kh-footer__item">
                    <a
                        class="kh-footer__link"
                        href=links.section(&s.slug)
                        aria-current=move || is_current().then_some("page")
                    >
                        {s.label.clone()}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <footer class="kh-footer">
            <nav class="kh-footer__nav" aria-label=text::SECTIONS_NAV>
                <ul class="kh-footer__list">{items}</ul>
            </nav>
        </footer>
    }
}

/// The category of the article being shown, for the footer's `aria-current`; provided by
/// [`crate::App`], set by the article page.
#[derive(Clone, Copy, Debug)]
pub struct CurrentSection(pub RwSignal<Option<String>>);
