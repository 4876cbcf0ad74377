//! The content format: every JSON file khabar reads, as Rust types.
//!
//! These types are the contract with publishers. `docs/content-format.md` explains them and
//! `schema/*.schema.json` is generated from them (`make schema`). Unknown fields are ignored
//! everywhere, so newer content keeps working with older apps; `null` is as good as absent for
//! an optional field; unknown block and inline types are read as `Unknown` and skipped with a
//! console warning; unknown share providers are `Unknown` (not shown), unknown digit styles and
//! calendars are the default.
//!
//! `content::read` reads them, in the app and natively. Natively they also derive serde's
//! `Deserialize` (and `Serialize`, for the schema's defaults) and schemars' `JsonSchema`: the
//! serde attributes state the rules above, the schema is generated from them, and a test
//! (`content::format_test`) reads every sample and fixture file both ways and requires the same
//! result. The web build compiles none of serde's derives (they would cost it about 20 KB).

/// The derives of a content type: serde and schemars on native builds only.
macro_rules! content_type {
    ($(#[$meta:meta])* $vis:vis $kind:ident $name:ident $($rest:tt)*) => {
        #[derive(Clone, Debug, PartialEq)]
        #[cfg_attr(
            not(target_arch = "wasm32"),
            derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema)
        )]
        $(#[$meta])*
        $vis $kind $name $($rest)*
    };
}

/// An enum written in the JSON as a string, with its one table of keys: `ALL` pairs each value
/// with its key, in order. The reader, serde's names (so the schema's), the share bar and the
/// locale all take the keys from it. A value after `else` has no key: what an unknown one reads as.
macro_rules! keyed_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $($(#[$vmeta:meta])* $variant:ident = $key:literal,)*
        }
        $($(#[$ometa:meta])* else $other:ident)?
    ) => {
        content_type! {
            $(#[$meta])*
            #[derive(Copy, Eq)]
            pub enum $name {
                $(
                    $(#[$vmeta])*
                    #[cfg_attr(not(target_arch = "wasm32"), serde(rename = $key))]
                    $variant,
                )*
                $($(#[$ometa])* $other,)?
            }
        }

        impl $name {
            /// Every value with its key in the JSON, in order.
            pub const ALL: [(Self, &'static str); [$($key),*].len()] = [$(($name::$variant, $key)),*];

            /// The key of this value (`""` for the one that stands for unknown keys).
            pub fn key(self) -> &'static str {
                Self::ALL.iter().find(|(v, _)| *v == self).map_or("", |(_, key)| key)
            }

            /// The value `key` names, if this version knows it.
            pub fn find(key: &str) -> Option<Self> {
                Self::ALL.iter().find(|(_, k)| *k == key).map(|(v, _)| *v)
            }
        }
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
        #[cfg_attr(
            not(target_arch = "wasm32"),
            serde(default = "ShareProvider::defaults", deserialize_with = "de::share_or_defaults")
        )]
        pub share: Vec<ShareProvider>,
        /// How numbers and dates are written.
        #[cfg_attr(not(target_arch = "wasm32"), serde(default, deserialize_with = "de::nullable"))]
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

keyed_enum! {
    /// One control of the share bar.
    #[derive(Hash)]
    pub enum ShareProvider {
        /// The system share sheet (`navigator.share`); shown only where the browser has it.
        Native = "native",
        Whatsapp = "whatsapp",
        Telegram = "telegram",
        Facebook = "facebook",
        X = "x",
        Linkedin = "linkedin",
        Email = "email",
        /// Copies the article's link to the clipboard.
        CopyLink = "copy_link",
    }
    /// A provider this version does not know: not shown.
    #[cfg_attr(not(target_arch = "wasm32"), serde(other), schemars(skip))]
    else Unknown
}

impl ShareProvider {
    /// Every provider, in the default order.
    pub fn defaults() -> Vec<ShareProvider> {
        Self::ALL.iter().map(|&(provider, _)| provider).collect()
    }

    /// The provider a `share` key names; `Unknown` for a key this version does not know.
    pub fn from_key(key: &str) -> Self {
        Self::find(key).unwrap_or(Self::Unknown)
    }
}

content_type! {
    /// Locale options for numbers and dates.
    #[derive(Default)]
    pub struct LocaleSettings {
        #[cfg_attr(not(target_arch = "wasm32"), serde(default, deserialize_with = "de::nullable"))]
        pub digits: Digits,
        #[cfg_attr(not(target_arch = "wasm32"), serde(default, deserialize_with = "de::nullable"))]
        pub calendar: Calendar,
    }
}

keyed_enum! {
    /// Digit style for numbers in dates and counts.
    #[derive(Default)]
    pub enum Digits {
        /// ٠١٢٣٤٥٦٧٨٩
        ArabicIndic = "arabic_indic",
        /// 0123456789 (also what an unknown value means).
        #[default]
        #[cfg_attr(not(target_arch = "wasm32"), serde(other))]
        Western = "western",
    }
}

keyed_enum! {
    /// Calendar used to write dates. The keys are Unicode's calendar identifiers, the names
    /// `Intl` takes (`ar-u-ca-islamic-umalqura`).
    #[derive(Default)]
    pub enum Calendar {
        Islamic = "islamic",
        IslamicUmalqura = "islamic-umalqura",
        IslamicCivil = "islamic-civil",
        /// Gregorian (also what an unknown value means).
        #[default]
        #[cfg_attr(not(target_arch = "wasm32"), serde(other))]
        Gregory = "gregory",
    }
}

impl Digits {
    /// The style a `digits` key names; the default for a key this version does not know.
    pub fn from_key(key: &str) -> Self {
        Self::find(key).unwrap_or_default()
    }
}

impl Calendar {
    /// The calendar a `calendar` key names; the default for a key this version does not know.
    pub fn from_key(key: &str) -> Self {
        Self::find(key).unwrap_or_default()
    }
}

content_type! {
    /// An image with its intrinsic size, so its space is reserved before it loads.
    pub struct Image {
        /// URL of the image: absolute (`https://…`), root-relative (`/…`) or relative to the
        /// content base URL (`images/x.svg`).
        pub src: String,
        /// Optional responsive candidates, as in HTML (`images/x-640.png 640w, …`).
        #[cfg_attr(not(target_arch = "wasm32"), serde(default, skip_serializing_if = "Option::is_none"))]
        pub srcset: Option<String>,
        /// Optional `sizes` for `srcset`, as in HTML.
        #[cfg_attr(not(target_arch = "wasm32"), serde(default, skip_serializing_if = "Option::is_none"))]
        pub sizes: Option<String>,
        /// Intrinsic width in CSS pixels (> 0).
        #[cfg_attr(not(target_arch = "wasm32"), serde(deserialize_with = "de::pixels"))]
        pub width: u32,
        /// Intrinsic height in CSS pixels (> 0).
        #[cfg_attr(not(target_arch = "wasm32"), serde(deserialize_with = "de::pixels"))]
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
        #[cfg_attr(not(target_arch = "wasm32"), serde(default, skip_serializing_if = "Option::is_none"))]
        pub credit: Option<String>,
    }
}

content_type! {
    /// An author of an article.
    pub struct Author {
        pub name: String,
        /// e.g. "مراسلة الشؤون الاقتصادية".
        #[cfg_attr(not(target_arch = "wasm32"), serde(default, skip_serializing_if = "Option::is_none"))]
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
        #[cfg_attr(not(target_arch = "wasm32"), serde(default, skip_serializing_if = "Option::is_none"))]
        pub updated: Option<String>,
        #[cfg_attr(
            not(target_arch = "wasm32"),
            serde(default, deserialize_with = "de::nullable", skip_serializing_if = "Vec::is_empty")
        )]
        pub authors: Vec<Author>,
        /// Minutes the article takes to read, when the newsroom gives them: a whole number from
        /// 1 to 600. Absent (or out of that range, in the app), the page counts the body's words,
        /// at 140 a minute.
        #[cfg_attr(
            not(target_arch = "wasm32"),
            serde(default, skip_serializing_if = "Option::is_none"),
            schemars(range(min = 1, max = 600))
        )]
        pub reading_minutes: Option<u32>,
        pub hero: Figure,
        /// The body, in reading order.
        pub body: Vec<Block>,
        #[cfg_attr(
            not(target_arch = "wasm32"),
            serde(default, deserialize_with = "de::nullable", skip_serializing_if = "Vec::is_empty")
        )]
        pub tags: Vec<String>,
        /// Path (relative to the content base URL) of this article's related list, e.g.
        /// `related/{slug}.json`; absent means no related-news section. Publishing writes it
        /// (and the list); in an editor's folder the validator refuses it.
        #[cfg_attr(not(target_arch = "wasm32"), serde(default, skip_serializing_if = "Option::is_none"))]
        pub related: Option<String>,
    }
}

/// The words a minute an Arabic reader reads silently: the IReST study measured 138 (± 20) for
/// Arabic text (Trauzettel-Klosinski et al., 2012), slower than the 228 it measured for English.
pub const WORDS_PER_MINUTE: usize = 140;

/// The reading times a newsroom may give, in minutes: one to ten hours.
pub const READING_MINUTES: std::ops::RangeInclusive<u32> = 1..=600;

impl Article {
    /// Minutes the article takes to read: the newsroom's figure when it is in range, else the
    /// words of the body's text, headings, quotations and captions at [`WORDS_PER_MINUTE`],
    /// rounded up, and never less than one.
    pub fn minutes_to_read(&self) -> u32 {
        if let Some(m) = self.reading_minutes.filter(|m| READING_MINUTES.contains(m)) {
            return m;
        }
        let words = |t: &str| t.split_whitespace().count();
        let count: usize = self
            .body
            .iter()
            .map(|block| match block {
                Block::Paragraph { runs } => runs
                    .iter()
                    .map(|run| match run {
                        Inline::Text { text }
                        | Inline::Link { text, .. }
                        | Inline::Emphasis { text }
                        | Inline::Strong { text } => words(text),
                        Inline::Unknown { .. } => 0,
                    })
                    .sum(),
                Block::Heading { text } => words(text),
                Block::Quote { text, attribution } => words(text) + attribution.as_deref().map_or(0, words),
                Block::Figure { figure } => words(&figure.caption),
                Block::SeeAlso { .. } | Block::Unknown { .. } => 0,
            })
            .sum();
        count.div_ceil(WORDS_PER_MINUTE).max(1) as u32
    }
}

content_type! {
    /// One block of an article body, tagged by `type`.
    #[cfg_attr(not(target_arch = "wasm32"), serde(tag = "type", rename_all = "snake_case"))]
    pub enum Block {
        /// A paragraph of inline runs.
        Paragraph { runs: Vec<Inline> },
        /// A subheading inside the body (rendered as `h2`).
        Heading { text: String },
        /// A quotation, with who said it.
        Quote {
            text: String,
            #[cfg_attr(not(target_arch = "wasm32"), serde(default, skip_serializing_if = "Option::is_none"))]
            attribution: Option<String>,
        },
        /// A photo inside the body.
        Figure { figure: Figure },
        /// A "شاهد أيضاً" line linking another article of the site.
        SeeAlso { slug: String, title: String },
        /// A block type this version does not know (named by `kind`); skipped with a warning.
        #[cfg_attr(not(target_arch = "wasm32"), serde(untagged), schemars(skip))]
        Unknown {
            #[cfg_attr(
                not(target_arch = "wasm32"),
                serde(rename = "type", deserialize_with = "de::unknown_block")
            )]
            kind: String,
        },
    }
}

content_type! {
    /// One run of text inside a paragraph, tagged by `type`.
    #[cfg_attr(not(target_arch = "wasm32"), serde(tag = "type", rename_all = "snake_case"))]
    pub enum Inline {
        Text { text: String },
        /// A link: `href` is http(s), mailto or relative (`/article/…`); anything else is refused.
        Link { text: String, href: String },
        Emphasis { text: String },
        Strong { text: String },
        /// An inline type this version does not know (named by `kind`); skipped with a warning.
        #[cfg_attr(not(target_arch = "wasm32"), serde(untagged), schemars(skip))]
        Unknown {
            #[cfg_attr(
                not(target_arch = "wasm32"),
                serde(rename = "type", deserialize_with = "de::unknown_run")
            )]
            kind: String,
        },
    }
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
    /// `feeds/{section}/latest.json` or `feeds/{section}/{n}.json`: one page of a feed (`home` or
    /// a section slug), as publishing writes it from the articles.
    pub struct FeedPage {
        /// The feed's section slug (`home` for the home feed).
        pub section: String,
        pub items: Vec<Card>,
        /// Path of the next page relative to the content base URL; absent on the last page.
        #[cfg_attr(not(target_arch = "wasm32"), serde(default, skip_serializing_if = "Option::is_none"))]
        pub next: Option<String>,
    }
}

content_type! {
    /// `related/{slug}.json`: the cards of an article's related-news section, as publishing
    /// writes it.
    pub struct RelatedList {
        pub items: Vec<Card>,
    }
}

/// The rules of the format that serde's attributes alone cannot state, for the native derives.
#[cfg(not(target_arch = "wasm32"))]
mod de {
    use serde::de::{Deserialize, Deserializer, Error, Unexpected};

    use super::ShareProvider;

    /// `null` is as good as absent: the default.
    pub fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de> + Default>(d: D) -> Result<T, D::Error> {
        Option::<T>::deserialize(d).map(Option::unwrap_or_default)
    }

    /// `share`: `null` is as good as absent, every provider.
    pub fn share_or_defaults<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<ShareProvider>, D::Error> {
        Option::deserialize(d).map(|share| share.unwrap_or_else(ShareProvider::defaults))
    }

    /// A size in CSS pixels: a whole number that fits in 32 bits. `JSON.parse` has only doubles,
    /// so `1200.0` and `12e2` are 1200, as in the app.
    pub fn pixels<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
        let n = f64::deserialize(d)?;
        if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) {
            Ok(n as u32)
        } else {
            Err(D::Error::invalid_value(
                Unexpected::Float(n),
                &"a whole number from 0 to 4294967295",
            ))
        }
    }

    /// The `type`s of [`super::Block`]'s variants, as serde names them (a test checks them
    /// against the schema).
    pub const BLOCK_TYPES: [&str; 5] = ["paragraph", "heading", "quote", "figure", "see_also"];
    /// The `type`s of [`super::Inline`]'s variants, likewise.
    pub const RUN_TYPES: [&str; 4] = ["text", "link", "emphasis", "strong"];

    /// The `type` of an unknown block. serde tries the `untagged` `Unknown` variant whenever the
    /// tagged ones fail, also for a known type with a field missing: that must stay an error.
    pub fn unknown_block<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        unknown(d, &BLOCK_TYPES)
    }

    /// The `type` of an unknown run (see [`unknown_block`]).
    pub fn unknown_run<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        unknown(d, &RUN_TYPES)
    }

    fn unknown<'de, D: Deserializer<'de>>(d: D, known: &[&str]) -> Result<String, D::Error> {
        let kind = String::deserialize(d)?;
        if known.contains(&kind.as_str()) {
            Err(D::Error::custom(format!(
                "a {kind:?} with a field missing or out of shape"
            )))
        } else {
            Ok(kind)
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// The `type` of each variant in the schema of a tagged enum, as schemars derives it from
    /// the same serde attributes as `Deserialize`.
    fn schema_types<T: schemars::JsonSchema>() -> Vec<String> {
        let schema = serde_json::to_value(schemars::schema_for!(T)).unwrap();
        let variants = schema["anyOf"].as_array().expect("a tagged enum's variants");
        variants
            .iter()
            .map(|v| v["properties"]["type"]["const"].as_str().unwrap().to_string())
            .collect()
    }

    #[test]
    fn every_key_names_its_value_and_unknown_keys_fall_back() {
        for (provider, key) in ShareProvider::ALL {
            assert_eq!((ShareProvider::from_key(key), provider.key()), (provider, key));
        }
        for (digits, key) in Digits::ALL {
            assert_eq!((Digits::from_key(key), digits.key()), (digits, key));
        }
        for (calendar, key) in Calendar::ALL {
            assert_eq!((Calendar::from_key(key), calendar.key()), (calendar, key));
        }
        assert_eq!(ShareProvider::from_key("mastodon"), ShareProvider::Unknown);
        assert_eq!(ShareProvider::Unknown.key(), "");
        assert_eq!(Digits::from_key("thai"), Digits::Western);
        assert_eq!(Calendar::from_key("hebrew"), Calendar::Gregory);
    }

    #[test]
    fn the_known_block_and_run_types_are_the_variants_serde_derives() {
        assert_eq!(schema_types::<Block>(), de::BLOCK_TYPES);
        assert_eq!(schema_types::<Inline>(), de::RUN_TYPES);
    }
}
