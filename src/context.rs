//! The typed contexts every view reads: the loaded site, the current section.

use std::sync::Arc;

use leptos::prelude::RwSignal;

use crate::content::Site;

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
