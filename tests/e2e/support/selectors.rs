//! The parts of khabar's pages that tests wait for and read, each named once (the classes are
//! the app's BEM classes, style/). A part inside a region is [`within`] it: `within(RELATED,
//! CARD_LINK)`. In a script, [`query`] and [`query_all`] find them.

use serde_json::json;

// The frame around every page.

/// The site's logo in the header (its `alt` names the site).
pub const HEADER_LOGO: &str = ".kh-header__logo";
/// A section's link in the footer.
pub const FOOTER_LINK: &str = ".kh-footer__link";
/// The footer's link to the section the page belongs to.
pub const CURRENT_SECTION: &str = ".kh-footer__link[aria-current='page']";

// The article page.

/// The article's headline, the page's one `h1`: there once the article has loaded.
pub const ARTICLE_TITLE: &str = "h1.kh-article__title";
/// The summary under the headline.
pub const LEDE: &str = ".kh-article__lede";
/// The article's blocks, in order.
pub const ARTICLE_BODY: &str = ".kh-article__body";
/// A paragraph of the article's body.
pub const PARAGRAPH: &str = ".kh-article__paragraph";
/// The article's reading time, under its dates.
pub const READING_TIME: &str = ".kh-article__reading";
/// The hero image under the headline.
pub const HERO_IMAGE: &str = ".kh-hero__image";
/// A "see also" line of the body.
pub const SEE_ALSO: &str = ".kh-see-also";
/// The link of a "see also" line.
pub const SEE_ALSO_LINK: &str = ".kh-see-also__link";

// The share bar.

/// The share bar.
pub const SHARE: &str = ".kh-share";
/// The share bar's label ("share the news:").
pub const SHARE_LABEL: &str = ".kh-share__label";
/// One of the share bar's controls (`--whatsapp`, `--email`, … name each).
pub const SHARE_CONTROL: &str = ".kh-share__control";
/// The share bar's "copy link" control.
pub const COPY_LINK: &str = ".kh-share__control--copy-link";
/// The share bar's live region ("link copied").
pub const SHARE_STATUS: &str = ".kh-share__status";
/// The labelled field holding the link, where there is no clipboard.
pub const SHARE_FIELD: &str = ".kh-share__field";

// Cards, feeds and related news.

/// Any card: a loaded one, or one of a loading skeleton's (which have this class too).
pub const CARD: &str = ".kh-card";
/// A loaded card's link: what to wait for when cards are to show, not [`CARD`].
pub const CARD_LINK: &str = ".kh-card__link";
/// A card of a loading skeleton.
pub const CARD_SKELETON: &str = ".kh-card--skeleton";
/// A loaded card's title. A loading skeleton's cards have an empty `.kh-card__title` too, which
/// a test gathering titles while pages load would read as a card (it did, once, in WebKit).
pub const CARD_TITLE: &str = ".kh-card:not(.kh-card--skeleton) .kh-card__title";
/// A card's image.
pub const CARD_IMAGE: &str = ".kh-card__image";
/// A home or section page's feed.
pub const FEED: &str = ".kh-feed";
/// The feed's "more" button, which loads the next page.
pub const FEED_MORE: &str = ".kh-feed__more-button";
/// The line that says the feed has no more pages.
pub const FEED_END: &str = ".kh-feed__end";
/// A feed page's place, which keeps the page's height when its cards leave the document.
pub const WINDOW: &str = ".kh-window";
/// The related news under an article.
pub const RELATED: &str = ".kh-related";
/// The related news' heading.
pub const RELATED_TITLE: &str = ".kh-related__title";

// Loading and failing.

/// A placeholder (skeleton), loading or not.
pub const SKELETON: &str = ".kh-skeleton";
/// A placeholder while what it stands for is loading.
pub const LOADING: &str = ".kh-skeleton[aria-busy='true']";
/// An error shown in place of content.
pub const ERROR: &str = ".kh-error";
/// The error's Arabic message for the reader.
pub const ERROR_MESSAGE: &str = ".kh-error__message";
/// The error's retry button (absent when retrying cannot help).
pub const ERROR_RETRY: &str = ".kh-error__retry";
/// The not-found page.
pub const NOT_FOUND: &str = ".kh-not-found";

/// The selector of `part` inside `region`.
pub fn within(region: &str, part: &str) -> String {
    format!("{region} {part}")
}

/// A script expression for the first element `css` (null when there is none).
pub fn query(css: &str) -> String {
    format!("document.querySelector({})", json!(css))
}

/// A script expression for every element `css`.
pub fn query_all(css: &str) -> String {
    format!("document.querySelectorAll({})", json!(css))
}
