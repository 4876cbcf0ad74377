//! What the sitemap's and the feeds' tests share: a reader of the documents they write, and
//! a catalogue to write them from.

use std::path::Path;

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::{NsReader, XmlVersion};

use super::catalogue::Catalogue;
use crate::content::check::Contents;
use crate::content::{Article, Figure, Image, LocaleSettings, Section, Site};

/// The default content base.
pub(crate) const BASE: &str = crate::content::settings::DEFAULT_BASE;

/// An element read back from a document: its name as written (`news:title`), its
/// namespace, its attributes and its text (unescaped, references resolved), its children.
#[derive(Debug, Default)]
pub(crate) struct El {
    pub(crate) name: String,
    pub(crate) ns: Option<String>,
    pub(crate) attrs: Vec<(String, String)>,
    pub(crate) text: String,
    pub(crate) children: Vec<El>,
}

impl El {
    /// An element without its content yet.
    pub(crate) fn new(start: &BytesStart, ns: Option<String>) -> El {
        let attrs = start
            .attributes()
            .map(|a| {
                let a = a.expect("a well-formed attribute");
                let value = a
                    .normalized_value(XmlVersion::Explicit1_0)
                    .expect("an attribute value");
                (a.key.as_ref().to_string(), value.into_owned())
            })
            .collect();
        El {
            name: start.name().as_ref().to_string(),
            ns,
            attrs,
            ..El::default()
        }
    }

    /// The children named `name`.
    pub(crate) fn all(&self, name: &str) -> impl Iterator<Item = &El> + '_ {
        let name = name.to_string();
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The one child named `name`.
    pub(crate) fn one(&self, name: &str) -> &El {
        let found: Vec<&El> = self.all(name).collect();
        assert_eq!(
            found.len(),
            1,
            "one <{name}> in <{}>: {:#?}",
            self.name,
            self.children
        );
        found[0]
    }

    /// The text of the child named `name`, if there is one (at most one).
    pub(crate) fn text_of(&self, name: &str) -> Option<&str> {
        let found: Vec<&El> = self.all(name).collect();
        assert!(found.len() <= 1, "at most one <{name}> in <{}>", self.name);
        found.first().map(|c| c.text.as_str())
    }

    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Reads a whole document with quick-xml's namespace-aware reader: any error through to
/// the end, an undeclared prefix, or anything but one root element fails the test.
pub(crate) fn read(xml: &str) -> El {
    let mut reader = NsReader::from_str(xml);
    let mut open = vec![El::default()];
    loop {
        let (ns, event) = match reader.read_resolved_event() {
            Ok((ns, event)) => {
                let ns = match ns {
                    ResolveResult::Bound(ns) => Some(ns.0.to_string()),
                    ResolveResult::Unbound => None,
                    ResolveResult::Unknown(prefix) => panic!("undeclared prefix {prefix:?}\n{xml}"),
                };
                (ns, event)
            }
            Err(e) => panic!("not XML at byte {}: {e}\n{xml}", reader.error_position()),
        };
        let top = open.last_mut().expect("the document is open");
        match event {
            Event::Decl(_) => {}
            Event::Start(start) => open.push(El::new(&start, ns)),
            Event::Empty(start) => top.children.push(El::new(&start, ns)),
            Event::End(_) => {
                let el = open.pop().expect("an open element");
                open.last_mut().expect("its parent").children.push(el);
            }
            Event::Text(text) => top.text.push_str(&text.xml10_content()),
            Event::CData(text) => top.text.push_str(&text.xml10_content()),
            Event::GeneralRef(reference) => match reference.resolve_char_ref() {
                Ok(Some(c)) => top.text.push(c),
                _ => top.text.push_str(
                    resolve_predefined_entity(&reference)
                        .unwrap_or_else(|| panic!("unknown entity &{};", &*reference)),
                ),
            },
            Event::Eof => break,
            other => panic!("unexpected {other:?}"),
        }
    }
    let mut document = open.pop().expect("the document");
    assert!(open.is_empty(), "unclosed elements");
    assert_eq!(document.children.len(), 1, "one root element");
    document.children.pop().expect("the root")
}

pub(crate) fn sample() -> Catalogue {
    Catalogue::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content")).expect("the sample content")
}

pub(crate) fn no_size(_: &str) -> Option<u64> {
    None
}

pub(crate) fn section(slug: &str, label: &str) -> Section {
    Section {
        slug: slug.into(),
        label: label.into(),
    }
}

pub(crate) fn image(src: &str) -> Image {
    Image {
        src: src.into(),
        srcset: None,
        sizes: None,
        width: 1200,
        height: 675,
        alt: "صورة".into(),
    }
}

pub(crate) fn article(slug: &str, category: &Section, published: &str) -> Article {
    Article {
        slug: slug.into(),
        title: format!("عنوان {slug}"),
        summary: format!("ملخص {slug}"),
        category: category.clone(),
        published: published.into(),
        updated: None,
        authors: Vec::new(),
        reading_minutes: None,
        hero: Figure {
            image: image(&format!("images/{slug}.jpg")),
            caption: "تعليق".into(),
            credit: None,
        },
        body: Vec::new(),
        tags: Vec::new(),
        related: None,
    }
}

/// A site on `https://news.example/` (trailing `/` on purpose) with two sections.
pub(crate) fn catalogue(name: &str, sections: Vec<Section>, articles: Vec<Article>) -> Catalogue {
    let mut all = vec![section("home", "الرئيسية")];
    all.extend(sections);
    Catalogue::new(Contents {
        site: Site {
            name: name.into(),
            logo: image("images/logo.svg"),
            base_url: "https://news.example/".into(),
            sections: all,
            share: Vec::new(),
            locale: LocaleSettings::default(),
        },
        pinned: Vec::new(),
        articles,
        picks: Default::default(),
        fingerprints: Default::default(),
    })
}

/// The `<url>`s of a sitemap by their `loc`, each `loc` required to be there once.
pub(crate) fn urls(root: &El) -> Vec<(&str, &El)> {
    assert_eq!(
        (root.name.as_str(), root.ns.as_deref()),
        ("urlset", Some("http://www.sitemaps.org/schemas/sitemap/0.9"))
    );
    root.all("url")
        .map(|url| (url.one("loc").text.as_str(), url))
        .collect()
}
