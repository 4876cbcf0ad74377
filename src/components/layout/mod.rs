//! The site header (with the reader's settings menu) and footer, rendered from the loaded
//! `site.json` (the page frame, `pages::SiteFrame`, loads it).

use leptos::prelude::*;

use crate::content::settings;
use crate::context::SiteContext;
use crate::locale::text;

/// The site header: the logo, linking home, and the room of the settings menu.
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
            <SettingsMenu />
        </header>
    }
}

/// The room of the reader's settings menu (theme, text size, digits). The menu is markup that
/// is the same for every page and every reader, so it is not compiled into the app: it is
/// index.html's `<template id="kh-prefs">`, which scripts/prefs.js, the page's first script,
/// puts here (on a published page as the parser reaches it, in the app when it renders the
/// header), with the reader's current choices selected; it applies a choice at once and keeps
/// it for the next page. `data-site-digits` tells it the site's digits, for a reader who goes
/// back to them. (As a view, the menu weighed 1.1 KB of brotli in the wasm:
/// docs/performance.md.) A page read without script keeps the room empty.
#[component]
pub fn SettingsMenu() -> impl IntoView {
    let site_digits = expect_context::<SiteContext>().0.locale.digits.key();
    view! { <div class="kh-prefs kh-needs-script" data-site-digits=site_digits></div> }
}

/// The footer: every section of the site, the current one marked.
#[component]
pub fn SiteFooter(
    /// The slug of the section the page belongs to (`home` on the home page), if any.
    #[prop(into)]
    current: Signal<Option<String>>,
) -> impl IntoView {
    let site = expect_context::<SiteContext>().0;
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
