//! The content format: every JSON file khabar reads, as Rust types.
//!
//! These types are the contract with publishers. `docs/content-format.md` explains them and
//! `schema/*.schema.json` is generated from them (`make schema`). Unknown fields are ignored
//! everywhere, so newer content keeps working with older apps; unknown block and inline types
//! are read as `Unknown` and skipped with a console warning. `content::read` reads them.

use serde::Serialize;

/// Derives `JsonSchema` on native builds only: the web build never compiles schemars. The
/// serde attributes state the format for the schema; `content::read` reads it.
macro_rules! content_type {
    ($(#[$meta:meta])* $vis:vis $kind:ident $name:ident $($rest:tt)*) => {
        #[derive(Clone, Debug, PartialEq, Serialize)]
        #[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
        $(#[$meta])*
        $vis $kind $name $($rest)*
    };
}

content_type! {
    /// `site.json`: the site's identity, navigation, share bar and locale.
    pub struct Site {
        /// The site's name in Arabic; the logo's alt text and the end of every document title.
        pub name: String,
        /// The logo in the site header.
        pub logo: Image,
        /// Public base URL of the site's pages, e.g. `https://khabar.example`; share links and
        /// canonical URLs are this plus the route (`/article/{slug}`).
        pub base_url: String,
        /// The navigation sections, in order; the section with slug `home` links to `/`.
        pub sections: Vec<Section>,
        /// Share providers to show, in order.
        #[serde(default = "ShareProvider::defaults")]
        pub share: Vec<ShareProvider>,
        /// How numbers and dates are written.
        #[serde(default)]
        pub locale: LocaleSettings,
    }
}

content_type! {
    /// A section of the site: `slug` for URLs, `label` in Arabic for readers. The navigation
    /// lists them (`site.json`), and an article's or a card's `category` names one.
    pub struct Section {
        pub slug: String,
        pub label: String,
    }
}

content_type! {
    /// One control of the share bar.
    #[serde(rename_all = "snake_case")]
    #[derive(Copy, Eq, Hash)]
    pub enum ShareProvider {
        /// The system share sheet (`navigator.share`); shown only where the browser has it.
        Native,
        Whatsapp,
        Telegram,
        Facebook,
        X,
        Linkedin,
        Email,
        /// Copies the article's link to the clipboard.
        CopyLink,
        /// A provider this version does not know: not shown.
        #[serde(other)]
        #[cfg_attr(not(target_arch = "wasm32"), schemars(skip))]
        Unknown,
    }
}

impl ShareProvider {
    /// Every provider, in the default order.
    pub fn defaults() -> Vec<ShareProvider> {
        use ShareProvider::*;
        vec![Native, Whatsapp, Telegram, Facebook, X, Linkedin, Email, CopyLink]
    }
}

content_type! {
    /// Locale options for numbers and dates.
    #[derive(Default)]
    pub struct LocaleSettings {
        #[serde(default)]
        pub digits: Digits,
        #[serde(default)]
        pub calendar: Calendar,
    }
}

content_type! {
    /// Digit style for numbers in dates and counts.
    #[derive(Copy, Default, Eq)]
    #[serde(rename_all = "snake_case")]
    pub enum Digits {
        /// ٠١٢٣٤٥٦٧٨٩
        ArabicIndic,
        /// 0123456789 (also what an unknown value means).
        #[default]
        #[serde(other)]
        Western,
    }
}

content_type! {
    /// Calendar used to write dates.
    #[derive(Copy, Default, Eq)]
    #[serde(rename_all = "kebab-case")]
    pub enum Calendar {
        Islamic,
        IslamicUmalqura,
        IslamicCivil,
        /// Gregorian (also what an unknown value means).
        #[default]
        #[serde(other)]
        Gregory,
    }
}

content_type! {
    /// An image with its intrinsic size, so its space is reserved before it loads.
    pub struct Image {
        /// URL of the image: absolute (`https://…`), root-relative (`/…`) or relative to the
        /// content base URL (`images/x.svg`).
        pub src: String,
        /// Optional responsive candidates, as in HTML (`images/x-640.png 640w, …`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub srcset: Option<String>,
        /// Optional `sizes` for `srcset`, as in HTML.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub sizes: Option<String>,
        /// Intrinsic width in CSS pixels (> 0).
        pub width: u32,
        /// Intrinsic height in CSS pixels (> 0).
        pub height: u32,
        /// Arabic text alternative; describes the picture.
        pub alt: String,
    }
}

content_type! {
    /// A photo with its caption (who, where, when) and credit (photographer / agency).
    pub struct Figure {
        pub image: Image,
        pub caption: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub credit: Option<String>,
    }
}

content_type! {
    /// An author of an article.
    pub struct Author {
        pub name: String,
        /// e.g. "مراسلة الشؤون الاقتصادية".
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub role: Option<String>,
    }
}

content_type! {
    /// `articles/{slug}.json`: one article.
    pub struct Article {
        pub slug: String,
        /// The headline.
        pub title: String,
        /// The lede: one or two sentences; also the share text and the page description.
        pub summary: String,
        /// The article's section, one of `site.json`'s.
        pub category: Section,
        /// RFC 3339 with offset, e.g. `2026-11-02T09:30:00+03:00`.
        pub published: String,
        /// RFC 3339 with offset; when present and different, shown as "updated".
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub updated: Option<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub authors: Vec<Author>,
        pub hero: Figure,
        /// The body, in reading order.
        pub body: Vec<Block>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub tags: Vec<String>,
        /// Path (relative to the content base URL) of this article's related list, e.g.
        /// `related/{slug}.json`; absent means no related-news section.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub related: Option<String>,
    }
}

/// One block of an article body, tagged by `type`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A paragraph of inline runs.
    Paragraph { runs: Vec<Inline> },
    /// A subheading inside the body (rendered as `h2`).
    Heading { text: String },
    /// A quotation, with who said it.
    Quote {
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        attribution: Option<String>,
    },
    /// A photo inside the body.
    Figure { figure: Figure },
    /// A "شاهد أيضاً" line linking another article of the site.
    SeeAlso { slug: String, title: String },
    /// A block type this version does not know (named by `kind`); skipped with a warning.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(skip))]
    Unknown { kind: String },
}

/// One run of text inside a paragraph, tagged by `type`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Inline {
    Text {
        text: String,
    },
    /// A link: `href` is http(s), mailto or relative (`/article/…`); anything else is refused.
    Link {
        text: String,
        href: String,
    },
    Emphasis {
        text: String,
    },
    Strong {
        text: String,
    },
    /// An inline type this version does not know (named by `kind`); skipped with a warning.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(skip))]
    Unknown {
        kind: String,
    },
}

content_type! {
    /// A card: what home, section and related lists show for one article.
    pub struct Card {
        pub slug: String,
        pub title: String,
        /// Two or three sentences.
        pub teaser: String,
        pub image: Image,
        pub category: Section,
        /// RFC 3339 with offset.
        pub published: String,
    }
}

content_type! {
    /// `feeds/{section}/{n}.json`: one page of a feed (`home` or a section slug).
    pub struct FeedPage {
        /// The feed's section slug (`home` for the home feed).
        pub section: String,
        pub items: Vec<Card>,
        /// Path of the next page relative to the content base URL; absent on the last page.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub next: Option<String>,
    }
}

content_type! {
    /// `related/{slug}.json`: the cards of an article's related-news section.
    pub struct RelatedList {
        pub items: Vec<Card>,
    }
}
