//! khabar: an Arabic, right-to-left news reader rendered from JSON fetched in the browser.
#![forbid(unsafe_code)]

pub mod components;
pub mod content;
pub mod context;
pub mod embed;
pub mod links;
pub mod locale;
pub mod navigation;
pub mod pages;
#[cfg(all(feature = "cli", not(target_arch = "wasm32")))]
pub mod publish;
pub mod route;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, ParamSegment, StaticSegment};

use context::CurrentSection;
use pages::{ArticlePage, HomePage, NotFoundPage, SectionPage, SiteFrame};

/// The whole app: site header, the routed page, site footer.
#[component]
pub fn App() -> impl IntoView {
    // The server renderer's head tags (src/pages/head.rs writes them itself in the browser).
    #[cfg(feature = "ssr")]
    leptos_meta::provide_meta_context();
    provide_context(CurrentSection(RwSignal::new(None)));
    view! {
        <Router>
            <SiteFrame>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage />
                    <Route
                        path=(StaticSegment(route::SECTION), ParamSegment(route::SLUG_PARAM))
                        view=SectionPage
                    />
                    <Route
                        path=(StaticSegment(route::ARTICLE), ParamSegment(route::SLUG_PARAM))
                        view=ArticlePage
                    />
                </Routes>
            </SiteFrame>
        </Router>
    }
}

/// Reads the content settings from `<meta name="khabar:…">` tags, then mounts [`App`] into
/// the element with id `khabar` and the `data-khabar-app` attribute, if the page has one.
pub fn start() {
    // The release build's panics abort at once, with no hook to run (Makefile, `build`).
    #[cfg(not(panic = "immediate-abort"))]
    console_error_panic_hook::set_once();
    let document = web_sys::window().and_then(|w| w.document());
    let meta = |name: &str| {
        document
            .as_ref()?
            .query_selector(&format!("meta[name=\"khabar:{name}\"]"))
            .ok()??
            .get_attribute("content")
    };
    content::settings::configure(
        &meta("content-base").unwrap_or_else(|| content::settings::DEFAULT_BASE.to_string()),
        meta("timeout-ms")
            .and_then(|t| t.parse().ok())
            .unwrap_or(content::settings::DEFAULT_TIMEOUT_MS),
    );
    // The full app takes the element its own index.html marks (`id="khabar"
    // data-khabar-app`). A publisher's page that loads khabar-embed.js runs this too: whatever
    // its elements' ids (a host's `id="khabar"`, "news", is common), nothing is mounted, and its
    // links, history, title and scrolling are left alone.
    // On a published page, the start-up script (scripts/start/takeover.js) has moved the mark to a
    // hidden copy of the root, and swaps it in once the app has rendered the page there.
    let root = document
        .as_ref()
        .and_then(|d| d.query_selector("#khabar[data-khabar-app]").ok().flatten())
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
    if let Some(root) = root {
        navigation::install();
        leptos::mount::mount_to(root, App).forget();
    }
}
