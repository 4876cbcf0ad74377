//! A reader: a [`Browser`] on one origin serving the app, who opens its pages by what they are
//! (home, a section, an article) and waits, each time, until the page is ready to be read.
//!
//! ```ignore
//! let server = Server::start();
//! let reader = Reader::start(&server).await;
//! reader.open_article("desert-solar-grid-expansion").await;
//! assert_eq!(reader.text(ARTICLE_TITLE).await, "…");
//! reader.close().await;
//! ```
//!
//! Everything else a browser does (scripts, text, attributes, Tab, axe-core, layout shift,
//! screenshots) is the [`Browser`]'s, reached through the reader.

use std::ops::Deref;

use serde_json::json;

use super::selectors::{
    query, ARTICLE_TITLE, CARD_LINK, ERROR, ERROR_MESSAGE, ERROR_RETRY, FOOTER_LINK, HEADER_LOGO, NOT_FOUND,
};
use super::{Browser, Server};

/// Where the app is served: the test server, or another (deploy.rs's nginx).
pub trait Origin {
    /// The full URL of `path` (starting with `/`).
    fn url(&self, path: &str) -> String;
}

impl Origin for Server {
    fn url(&self, path: &str) -> String {
        Server::url(self, path)
    }
}

/// The error a page shows, as its reader reads it.
#[allow(dead_code)] // not every test binary reads every part
pub struct ShownError {
    /// Its kind (`data-error-kind`: `network`, `status`, `not-json` …).
    pub kind: String,
    /// The Arabic sentence.
    pub message: String,
    /// The retry button's label, empty without one.
    pub retry: String,
    /// The precise cause shown to developers.
    pub details: String,
}

/// A browser opening the pages of one origin.
pub struct Reader {
    browser: Browser,
    base: String,
}

impl Deref for Reader {
    type Target = Browser;

    fn deref(&self) -> &Browser {
        &self.browser
    }
}

impl Reader {
    /// A reader with a new browser (fresh profile, 1280×900) on `origin`.
    pub async fn start(origin: &impl Origin) -> Reader {
        Reader {
            browser: Browser::start().await,
            base: origin.url(""),
        }
    }

    /// A reader with a new browser of this viewport on `origin`.
    pub async fn sized(origin: &impl Origin, width: u32, height: u32) -> Reader {
        Reader {
            browser: Browser::sized(width, height).await,
            base: origin.url(""),
        }
    }

    /// A reader whose browser runs no script of the pages (JavaScript off), 412×900.
    #[allow(dead_code)] // not every test binary uses it
    pub async fn without_script(origin: &impl Origin) -> Reader {
        Reader {
            browser: Browser::without_script(412, 900).await,
            base: origin.url(""),
        }
    }

    /// The full URL of `path` on the reader's origin.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Opens the home page and waits for its first cards.
    pub async fn open_home(&self) {
        self.open_home_showing(CARD_LINK).await;
    }

    /// Opens the home page and waits for `css` (a skeleton, say, rather than the cards).
    pub async fn open_home_showing(&self, css: &str) {
        self.open_path("/", css).await;
    }

    /// Opens the section `slug` (a deep link, loaded directly) and waits for its first cards.
    pub async fn open_section(&self, slug: &str) {
        self.open_section_showing(slug, CARD_LINK).await;
    }

    /// Opens the section `slug` and waits for `css`.
    pub async fn open_section_showing(&self, slug: &str, css: &str) {
        self.open_path(&format!("/category/{slug}"), css).await;
    }

    /// Opens the article `slug` (a deep link, loaded directly) and waits for its headline.
    pub async fn open_article(&self, slug: &str) {
        self.open_article_showing(slug, ARTICLE_TITLE).await;
    }

    /// Opens the article `slug` and waits for `css` (its share bar, or the error shown instead).
    pub async fn open_article_showing(&self, slug: &str, css: &str) {
        self.open_path(&format!("/article/{slug}"), css).await;
    }

    /// Opens the article `slug`, waits for the error it shows instead, checks that the site's
    /// header and footer stayed, and reads the error.
    #[allow(dead_code)] // not every test binary opens one
    pub async fn open_article_error(&self, slug: &str) -> ShownError {
        self.open_article_showing(slug, ERROR).await;
        assert!(self.attr(HEADER_LOGO, "alt").await.is_some(), "the header stays");
        assert_eq!(self.texts(FOOTER_LINK).await.len(), 10, "the footer stays");
        ShownError {
            kind: self.attr(ERROR, "data-error-kind").await.unwrap_or_default(),
            message: self.text(ERROR_MESSAGE).await,
            retry: self.text(ERROR_RETRY).await,
            details: self.text(".kh-error__details code").await,
        }
    }

    /// Opens `path`, which the app has no page for, and waits for its not-found page.
    pub async fn open_not_found(&self, path: &str) {
        self.open_path(path, NOT_FOUND).await;
    }

    /// Opens any `path` of the origin (a host page that embeds the app, say) and waits for `css`.
    pub async fn open_path(&self, path: &str, css: &str) {
        self.browser.open(&self.url(path), css).await;
    }

    /// Goes to `path` without waiting for anything on it but its new document (a page the
    /// test starts from).
    pub async fn go_to(&self, path: &str) {
        self.browser.goto(&self.url(path)).await;
    }

    /// Waits until an article's headline shows (after following a link).
    pub async fn wait_for_article(&self) {
        self.wait(ARTICLE_TITLE).await;
    }

    /// Waits until the address is `path` and an article's headline shows there.
    pub async fn wait_for_article_at(&self, path: &str) {
        self.wait_js(&format!(
            "location.pathname === {} && {}",
            json!(path),
            query(ARTICLE_TITLE)
        ))
        .await;
    }

    /// Waits until cards show (after following a link to home or a section).
    pub async fn wait_for_cards(&self) {
        self.wait(CARD_LINK).await;
    }

    /// Goes back one page in the history, as the browser's Back button does. (Not through
    /// [`Browser::navigate`]: back from a page the app routed to stays in the same document.)
    pub async fn back(&self) {
        self.client.back().await.expect("go back");
    }

    /// Loads the page again, as the browser's Reload button does, and waits until the browser
    /// shows the new document ([`Browser::navigate`]).
    pub async fn reload(&self) {
        self.browser.navigate("reload", self.client.refresh()).await;
    }

    /// Ends the session and the driver.
    pub async fn close(self) {
        self.browser.close().await;
    }
}
