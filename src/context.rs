//! The typed contexts every view reads: the loaded site, the current section, the reader's
//! settings.

use std::sync::Arc;

use leptos::prelude::{expect_context, RwSignal};

use crate::content::{Digits, Site};

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

/// The category of the article being shown, for the footer's `aria-current`; provided by
/// [`crate::App`] and each embed, set by the article page.
#[derive(Clone, Copy, Debug)]
pub struct CurrentSection(pub RwSignal<Option<String>>);

/// The digits to write numbers in: the reader's choice when the view is rendered (`<html>`'s
/// `data-kh-digits`, which scripts/prefs.js writes; it rewrites the numbers already shown when
/// the reader chooses again), else the site's (an embed's host's, src/embed.rs).
pub fn digits() -> Digits {
    // (The server renderer has no reader.)
    #[cfg(target_arch = "wasm32")]
    let reader =
        web_sys::window().and_then(|w| w.document()?.document_element()?.get_attribute("data-kh-digits"));
    #[cfg(not(target_arch = "wasm32"))]
    let reader: Option<String> = None;
    reader
        .and_then(|d| Digits::find(&d))
        .unwrap_or_else(|| expect_context::<SiteContext>().0.locale.digits)
}
