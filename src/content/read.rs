//! From parsed JSON to the content types, naming the JSON path of anything out of shape.
//!
//! The text is parsed by the platform's own JSON parser: the browser's `JSON.parse` in the app
//! (nothing of a JSON parser is compiled into the wasm), serde_json natively (the offline
//! validator, tests). Then one plain function per type walks the parsed [`Value`], so both
//! read content by the same code and report the same paths and messages. Serde's derived
//! readers did this job before; monomorphized for every type and field, they cost the app
//! about 20 KB brotli (docs/performance.md).
//!
//! The rules are serde's as the types' attributes state them (and as `schema/` publishes
//! them): unknown fields are ignored, `null` is as good as absent for an optional field,
//! unknown block and run types become `Unknown`, unknown share providers become `Unknown`,
//! unknown digit styles and calendars fall back to the default. `content::format_test` reads
//! every sample and fixture file with this reader and with serde's derived one (native only),
//! and fails where they differ.

use super::model::*;

pub use platform::{parse_json, Value};

/// Why a text did not deserialize.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// Not JSON at all (syntax, or cut short).
    NotJson(String),
    /// JSON of the wrong shape; `path` is where (`.` for the top level).
    Shape { path: String, detail: String },
}

/// The parsed JSON of the app: the browser's own values.
#[cfg(target_arch = "wasm32")]
mod platform {
    use js_sys::{Array, Reflect};
    use wasm_bindgen::{JsCast, JsValue};

    use super::Kind;

    /// A value from `JSON.parse`.
    pub type Value = JsValue;

    /// `JSON.parse(text)`; the error is the browser's own message.
    pub fn parse_json(text: &str) -> Result<Value, String> {
        js_sys::JSON::parse(text).map_err(|e| match e.dyn_ref::<js_sys::Error>() {
            Some(error) => error.message().into(),
            None => "JSON.parse failed".to_string(),
        })
    }

    pub(super) fn kind(v: &Value) -> Kind {
        if v.is_null() || v.is_undefined() {
            Kind::Null
        } else if v.as_bool().is_some() {
            Kind::Bool
        } else if v.as_f64().is_some() {
            Kind::Number
        } else if v.is_string() {
            Kind::String
        } else if Array::is_array(v) {
            Kind::Array
        } else {
            Kind::Object
        }
    }

    /// The member `key` of an object (own or not: no content key is an `Object.prototype` name).
    pub(super) fn member(object: &Value, key: &str) -> Option<Value> {
        Reflect::get(object, &JsValue::from_str(key))
            .ok()
            .filter(|v| !v.is_undefined())
    }

    pub(super) fn string(v: &Value) -> Option<String> {
        v.as_string()
    }

    pub(super) fn number(v: &Value) -> Option<f64> {
        v.as_f64()
    }

    pub(super) fn items(v: &Value) -> Vec<Value> {
        v.unchecked_ref::<Array>().iter().collect()
    }
}

/// The parsed JSON of native builds: serde_json's values.
#[cfg(not(target_arch = "wasm32"))]
mod platform {
    use super::Kind;

    /// A value parsed by serde_json.
    pub type Value = serde_json::Value;

    /// Parses `text` with serde_json; the error is serde_json's message.
    pub fn parse_json(text: &str) -> Result<Value, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    pub(super) fn kind(v: &Value) -> Kind {
        match v {
            Value::Null => Kind::Null,
            Value::Bool(_) => Kind::Bool,
            Value::Number(_) => Kind::Number,
            Value::String(_) => Kind::String,
            Value::Array(_) => Kind::Array,
            Value::Object(_) => Kind::Object,
        }
    }

    pub(super) fn member(object: &Value, key: &str) -> Option<Value> {
        object.get(key).cloned()
    }

    pub(super) fn string(v: &Value) -> Option<String> {
        v.as_str().map(str::to_string)
    }

    pub(super) fn number(v: &Value) -> Option<f64> {
        v.as_f64()
    }

    pub(super) fn items(v: &Value) -> Vec<Value> {
        v.as_array().cloned().unwrap_or_default()
    }
}

/// The kinds of JSON value, named as in messages.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Bool => "a boolean",
            Kind::Number => "a number",
            Kind::String => "a string",
            Kind::Array => "a list",
            Kind::Object => "an object",
        }
    }
}

/// Where a value is: the root, or a key or an index inside its parent. Rendered only for an
/// error, so reading costs no string building.
#[derive(Clone, Copy)]
pub enum At<'a> {
    Root,
    Key(&'a At<'a>, &'a str),
    Index(&'a At<'a>, usize),
}

impl At<'_> {
    /// The JSON path, as the validator writes it: `body[0].runs[1]`, `.` for the root.
    pub fn path(&self) -> String {
        fn write(at: &At, out: &mut String) {
            match at {
                At::Root => {}
                At::Key(parent, key) => {
                    write(parent, out);
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(key);
                }
                At::Index(parent, i) => {
                    write(parent, out);
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        let mut out = String::new();
        write(self, &mut out);
        if out.is_empty() {
            ".".to_string()
        } else {
            out
        }
    }

    fn error(&self, detail: String) -> Unreadable {
        Unreadable::Shape {
            path: self.path(),
            detail,
        }
    }
}

type Read<T> = Result<T, Unreadable>;

fn expected(v: &Value, at: At, what: &str) -> Unreadable {
    at.error(format!(
        "invalid type: {}, expected {what}",
        platform::kind(v).name()
    ))
}

/// A JSON object being read, with its place.
struct Object<'a> {
    value: &'a Value,
    at: At<'a>,
}

impl<'a> Object<'a> {
    fn new(value: &'a Value, at: At<'a>) -> Read<Self> {
        if platform::kind(value) == Kind::Object {
            Ok(Object { value, at })
        } else {
            Err(expected(value, at, "an object"))
        }
    }

    /// The member `key`, `None` when absent or `null`.
    fn member(&self, key: &str) -> Option<Value> {
        platform::member(self.value, key).filter(|v| platform::kind(v) != Kind::Null)
    }

    /// A required member.
    fn req<T>(&self, key: &str, read: fn(&Value, At) -> Read<T>) -> Read<T> {
        match platform::member(self.value, key) {
            Some(v) => read(&v, At::Key(&self.at, key)),
            None => Err(self.at.error(format!("missing field `{key}`"))),
        }
    }

    /// An optional member: absent and `null` are `None`.
    fn opt<T>(&self, key: &str, read: fn(&Value, At) -> Read<T>) -> Read<Option<T>> {
        self.member(key)
            .map(|v| read(&v, At::Key(&self.at, key)))
            .transpose()
    }

    /// A member's text: a field of one line (a title, a name, a label, a credit, an address …).
    fn string(&self, key: &str) -> Read<String> {
        self.req(key, line)
    }

    fn opt_string(&self, key: &str) -> Read<Option<String>> {
        self.opt(key, line)
    }
}

/// A one-line field's text. In the browser, without bidi embedding, override and isolate
/// controls ([`without_bidi_controls`]) and cut to [`super::limits::MAX_TEXT_CHARS`] ([`at_most`]);
/// natively as it is, so that the validator can name both (and `khabar-content publish`, which
/// refuses what it reports, never renders them).
fn line(v: &Value, at: At) -> Read<String> {
    let text = string(v, at)?;
    #[cfg(target_arch = "wasm32")]
    let text = at_most(without_bidi_controls(text), super::limits::MAX_TEXT_CHARS);
    Ok(text)
}

/// `text` cut after its first `chars` characters, with an ellipsis, when it is longer.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // natively, only its test calls it
pub(crate) fn at_most(mut text: String, chars: usize) -> String {
    if let Some((end, _)) = text.char_indices().nth(chars) {
        text.truncate(end);
        text.push('…');
    }
    text
}

/// `text` without the bidi controls that open or close an embedding, an override or an isolate
/// (U+202A–U+202E, U+2066–U+2069): in a one-line field, shown beside the page's own words (a
/// byline, a caption, a card, the document title, a share text), they would reorder them. A
/// block's text, whose direction they cannot change beyond its own paragraph, keeps them.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // natively, only its test calls it
pub(crate) fn without_bidi_controls(text: String) -> String {
    if text.contains(|c| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')) {
        text.replace(
            |c| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'),
            "",
        )
    } else {
        text
    }
}

fn string(v: &Value, at: At) -> Read<String> {
    platform::string(v).ok_or_else(|| expected(v, at, "a string"))
}

/// A whole number that fits in 32 bits: a size in CSS pixels, a count of minutes.
fn whole(v: &Value, at: At) -> Read<u32> {
    match platform::number(v) {
        Some(n) if n.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(&n) => Ok(n as u32),
        Some(_) => Err(at.error("invalid value: expected a whole number from 0 to 4294967295".into())),
        None => Err(expected(v, at, "a whole number")),
    }
}

fn list<T>(v: &Value, at: At, item: fn(&Value, At) -> Read<T>) -> Read<Vec<T>> {
    if platform::kind(v) != Kind::Array {
        return Err(expected(v, at, "a list"));
    }
    platform::items(v)
        .iter()
        .enumerate()
        .map(|(i, v)| item(v, At::Index(&at, i)))
        .collect()
}

/// A type the readers can read from the root of a content file.
pub trait Content: Sized {
    fn read(value: &Value, at: At) -> Read<Self>;
}

/// Reads a `T` from the root of `value`.
pub fn from_value<T: Content>(value: &Value) -> Read<T> {
    T::read(value, At::Root)
}

impl Content for Site {
    fn read(v: &Value, at: At) -> Read<Self> {
        let o = Object::new(v, at)?;
        Ok(Site {
            name: o.string("name")?,
            logo: o.req("logo", image)?,
            base_url: o.string("base_url")?,
            sections: o.req("sections", |v, at| list(v, at, section))?,
            share: o
                .opt("share", |v, at| list(v, at, share_provider))?
                .unwrap_or_else(ShareProvider::defaults),
            locale: o.opt("locale", locale)?.unwrap_or_default(),
        })
    }
}

fn section(v: &Value, at: At) -> Read<Section> {
    let o = Object::new(v, at)?;
    Ok(Section {
        slug: o.string("slug")?,
        label: o.string("label")?,
    })
}

fn share_provider(v: &Value, at: At) -> Read<ShareProvider> {
    Ok(ShareProvider::from_key(&string(v, at)?))
}

fn locale(v: &Value, at: At) -> Read<LocaleSettings> {
    let o = Object::new(v, at)?;
    Ok(LocaleSettings {
        digits: o
            .opt_string("digits")?
            .map_or_else(Digits::default, |d| Digits::from_key(&d)),
        calendar: o
            .opt_string("calendar")?
            .map_or_else(Calendar::default, |c| Calendar::from_key(&c)),
    })
}

fn image(v: &Value, at: At) -> Read<Image> {
    let o = Object::new(v, at)?;
    Ok(Image {
        src: o.string("src")?,
        srcset: o.opt_string("srcset")?,
        sizes: o.opt_string("sizes")?,
        width: o.req("width", whole)?,
        height: o.req("height", whole)?,
        alt: o.string("alt")?,
    })
}

fn figure(v: &Value, at: At) -> Read<Figure> {
    let o = Object::new(v, at)?;
    Ok(Figure {
        image: o.req("image", image)?,
        caption: o.string("caption")?,
        credit: o.opt_string("credit")?,
    })
}

fn author(v: &Value, at: At) -> Read<Author> {
    let o = Object::new(v, at)?;
    Ok(Author {
        name: o.string("name")?,
        role: o.opt_string("role")?,
    })
}

impl Content for Article {
    fn read(v: &Value, at: At) -> Read<Self> {
        let o = Object::new(v, at)?;
        Ok(Article {
            slug: o.string("slug")?,
            title: o.string("title")?,
            summary: o.string("summary")?,
            category: o.req("category", section)?,
            published: o.string("published")?,
            updated: o.opt_string("updated")?,
            authors: o.opt("authors", |v, at| list(v, at, author))?.unwrap_or_default(),
            reading_minutes: o.opt("reading_minutes", whole)?,
            hero: o.req("hero", figure)?,
            body: o.req("body", |v, at| list(v, at, block))?,
            tags: o.opt("tags", |v, at| list(v, at, string))?.unwrap_or_default(),
            related: o.opt_string("related")?,
        })
    }
}

/// A member of a block or run that its `type` requires: an optional member of the shared
/// object, so `null` is as absent as a missing key.
fn needs<T>(o: &Object, key: &str, kind: &str, what: &str, read: fn(&Value, At) -> Read<T>) -> Read<T> {
    o.opt(key, read)?.ok_or_else(|| {
        o.at.error(format!("missing field `{key}` (required in a {kind:?} {what})"))
    })
}

fn block(v: &Value, at: At) -> Read<Block> {
    let o = Object::new(v, at)?;
    let kind = o.string("type")?;
    let k = kind.as_str();
    let text = |key| needs(&o, key, k, "block", string);
    Ok(match k {
        "paragraph" => Block::Paragraph {
            runs: needs(&o, "runs", k, "block", |v, at| list(v, at, inline))?,
        },
        "heading" => Block::Heading { text: text("text")? },
        "quote" => Block::Quote {
            text: text("text")?,
            attribution: o.opt_string("attribution")?,
        },
        "figure" => Block::Figure {
            figure: needs(&o, "figure", k, "block", figure)?,
        },
        "see_also" => Block::SeeAlso {
            slug: text("slug")?,
            title: text("title")?,
        },
        _ => Block::Unknown { kind },
    })
}

fn inline(v: &Value, at: At) -> Read<Inline> {
    let o = Object::new(v, at)?;
    let kind = o.string("type")?;
    let k = kind.as_str();
    let text = |key| needs(&o, key, k, "run", string);
    Ok(match k {
        "text" => Inline::Text { text: text("text")? },
        "link" => Inline::Link {
            text: text("text")?,
            href: text("href")?,
        },
        "emphasis" => Inline::Emphasis { text: text("text")? },
        "strong" => Inline::Strong { text: text("text")? },
        _ => Inline::Unknown { kind },
    })
}

impl Content for Card {
    fn read(v: &Value, at: At) -> Read<Self> {
        let o = Object::new(v, at)?;
        Ok(Card {
            slug: o.string("slug")?,
            title: o.string("title")?,
            teaser: o.string("teaser")?,
            image: o.req("image", image)?,
            category: o.req("category", section)?,
            published: o.string("published")?,
        })
    }
}

fn cards(o: &Object) -> Read<Vec<Card>> {
    o.req("items", |v, at| list(v, at, Card::read))
}

impl Content for FeedPage {
    fn read(v: &Value, at: At) -> Read<Self> {
        let o = Object::new(v, at)?;
        Ok(FeedPage {
            section: o.string("section")?,
            items: cards(&o)?,
            next: o.opt_string("next")?,
        })
    }
}

impl Content for RelatedList {
    fn read(v: &Value, at: At) -> Read<Self> {
        let o = Object::new(v, at)?;
        Ok(RelatedList { items: cards(&o)? })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape<T: Content + std::fmt::Debug>(json: &str) -> (String, String) {
        match from_value::<T>(&parse_json(json).unwrap()) {
            Err(Unreadable::Shape { path, detail }) => (path, detail),
            other => panic!("expected a shape error, got {other:?}"),
        }
    }

    fn site(extra: &str) -> String {
        format!(
            r#"{{"name":"خبر","logo":{{"src":"l.svg","width":1,"height":1,"alt":"خبر"}},
            "base_url":"https://k.example","sections":[]{extra}}}"#
        )
    }

    #[test]
    fn absent_and_null_optional_members_take_their_defaults() {
        let s: Site =
            from_value(&parse_json(&site(r#","share":null,"locale":{"digits":null}"#)).unwrap()).unwrap();
        assert_eq!(s.share, ShareProvider::defaults());
        assert_eq!(s.locale, LocaleSettings::default());
        let s: Site = from_value(
            &parse_json(&site(
                r#","locale":{"digits":"arabic_indic","calendar":"islamic-civil"}"#,
            ))
            .unwrap(),
        )
        .unwrap();
        assert_eq!(
            (s.locale.digits, s.locale.calendar),
            (Digits::ArabicIndic, Calendar::IslamicCivil)
        );
    }

    #[test]
    fn wrong_types_name_what_was_found_and_expected() {
        assert_eq!(
            shape::<Site>(&site("").replace("\"خبر\",\"logo\"", "7,\"logo\"")),
            ("name".into(), "invalid type: a number, expected a string".into())
        );
        assert_eq!(
            shape::<Site>(&site("").replace("\"width\":1", "\"width\":null")),
            (
                "logo.width".into(),
                "invalid type: null, expected a whole number".into()
            )
        );
        assert_eq!(
            shape::<Site>(&site(r#","share":["x",{"a":1}]"#)),
            (
                "share[1]".into(),
                "invalid type: an object, expected a string".into()
            )
        );
        assert_eq!(
            shape::<Site>("[]"),
            (".".into(), "invalid type: a list, expected an object".into())
        );
    }

    #[test]
    fn a_one_line_field_is_cut_after_its_longest_on_a_character() {
        assert_eq!(at_most("خبر".into(), 3), "خبر");
        assert_eq!(at_most("خبر عاجل".into(), 3), "خبر…");
        assert_eq!(at_most(String::new(), 0), "");
        let long = "ب".repeat(crate::content::limits::MAX_TEXT_CHARS + 1);
        let cut = at_most(long, crate::content::limits::MAX_TEXT_CHARS);
        assert_eq!(cut.chars().count(), crate::content::limits::MAX_TEXT_CHARS + 1);
        assert!(cut.ends_with("ب…"));
    }

    #[test]
    fn bidi_embedding_override_and_isolate_controls_are_dropped_and_marks_kept() {
        assert_eq!(
            without_bidi_controls(
                "\u{202e}خبر\u{202c} \u{2067}اليوم\u{2069} \u{202a}\u{202b}\u{202d}\u{2066}\u{2068}".into()
            ),
            "خبر اليوم "
        );
        // RLM, ALM and the joiners are Arabic text's own.
        let marks = "سعر \u{200f}100\u{200f} دولار\u{061c}، ب\u{200d}ـ";
        assert_eq!(without_bidi_controls(marks.into()), marks);
    }

    #[test]
    fn pixel_sizes_are_whole_numbers_that_fit() {
        for bad in ["-1", "1.5", "4294967296"] {
            let (path, detail) =
                shape::<Site>(&site("").replace("\"height\":1", &format!("\"height\":{bad}")));
            assert_eq!(path, "logo.height", "{bad}");
            assert!(detail.starts_with("invalid value"), "{bad}: {detail}");
        }
        let s: Site =
            from_value(&parse_json(&site("").replace("\"height\":1", "\"height\":4294967295")).unwrap())
                .unwrap();
        assert_eq!(s.logo.height, u32::MAX);
    }

    #[test]
    fn a_block_names_the_member_its_type_requires() {
        let card = r#"{"slug":"a","title":"t","teaser":"x","published":"p",
            "category":{"slug":"s","label":"l"},"image":{"src":"i","width":1,"height":1,"alt":"a"}}"#;
        let list = format!(r#"{{"items":[{card},{}]}}"#, card.replace(r#""teaser":"x","#, ""));
        assert_eq!(
            shape::<RelatedList>(&list),
            ("items[1]".into(), "missing field `teaser`".into())
        );
        assert_eq!(
            block(
                &parse_json(r#"{"type":"see_also","slug":"a"}"#).unwrap(),
                At::Root
            )
            .map_err(|e| format!("{e:?}")),
            Err(
                r#"Shape { path: ".", detail: "missing field `title` (required in a \"see_also\" block)" }"#
                    .into()
            )
        );
    }

    #[test]
    fn paths_render_keys_and_indexes() {
        let root = At::Root;
        let body = At::Key(&root, "body");
        let third = At::Index(&body, 3);
        let runs = At::Key(&third, "runs");
        assert_eq!(At::Index(&runs, 1).path(), "body[3].runs[1]");
        assert_eq!(At::Index(&root, 0).path(), "[0]");
        assert_eq!(root.path(), ".");
    }
}
