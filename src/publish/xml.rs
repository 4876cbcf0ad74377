//! What the sitemap and the RSS feeds share: the XML writer, which escapes every text and
//! attribute, the absolute URLs of pages and pictures, and the dates of articles.
//!
//! Page URLs are the app's routes (`route::Route`) on `site.base_url`; picture URLs are
//! resolved against the build's content base (its shell's, as the pages' structured data),
//! then made absolute the same way.

use std::io;

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use crate::content::settings;
use crate::content::validate::parse_rfc3339;
use crate::content::{Article, Image, Site};
use crate::links::absolute_url;
use crate::route::Route;

/// The language of every page.
pub(super) const LANGUAGE: &str = "ar";

pub(super) type Xml = Writer<Vec<u8>>;

/// When an article last changed: `updated`, else `published`, as written.
pub(super) fn last_modified(article: &Article) -> &str {
    article.updated.as_deref().unwrap_or(&article.published)
}

/// The newest of some RFC 3339 date-times, as written; `None` when none parses.
pub(super) fn newest<'a>(dates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    dates
        .filter_map(|date| Some((parse_rfc3339(date)?, date)))
        .max_by_key(|&(at, _)| at)
        .map(|(_, date)| date)
}

/// The absolute URL of a section's page.
pub(super) fn section_url(site: &Site, slug: &str) -> String {
    absolute_url(&site.base_url, &Route::of_section(slug).path())
}

/// The absolute URL of an image: its `src` against the content base, on the site's base URL
/// (an absolute `src` stays as it is).
pub(super) fn image_url(site: &Site, content_base: &str, image: &Image) -> String {
    absolute_url(&site.base_url, &settings::join(content_base, &image.src))
}

/// An XML document: the declaration, then what `write` writes, indented.
pub(super) fn document(write: impl FnOnce(&mut Xml) -> io::Result<()>) -> String {
    let mut xml = Writer::new_with_indent(Vec::new(), b' ', 2);
    xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .and_then(|()| write(&mut xml))
        .expect("writing to memory does not fail");
    let mut out = String::from_utf8(xml.into_inner()).expect("the writer writes UTF-8 from UTF-8");
    out.push('\n');
    out
}

/// `<name>text</name>`, the text escaped.
pub(super) fn leaf(xml: &mut Xml, name: &str, text: &str) -> io::Result<()> {
    xml.create_element(name)
        .write_text_content(BytesText::new(text))?;
    Ok(())
}
