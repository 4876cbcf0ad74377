//! `sitemap.xml`, `robots.txt` and the RSS 2.0 feeds of a [`Catalogue`](super::Catalogue).
//!
//! - [`sitemap`]: home, every section and every article, with `lastmod`; the articles of the
//!   last two days also carry Google News' `news:news`, and every article its hero image.
//! - [`robots`]: everything allowed (images under `/content/` included), and the sitemap.
//! - [`rss`]: home's or one section's newest articles, written at `links::rss_path`.
//!
//! Every text and attribute goes through quick-xml's writer, which escapes it. Page URLs are
//! the app's routes (`route::Route`) on `site.base_url`; image URLs are resolved against the
//! build's content base (its shell's, as the pages' structured data), then made absolute the
//! same way.

use std::io;

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use super::catalogue::Catalogue;
use crate::content::settings;
use crate::content::validate::parse_rfc3339;
use crate::content::{Article, Image, Section, Site};
use crate::links::{absolute_url, rss_path};
use crate::locale::text;
use crate::route::{self, Route};

/// The most items a feed carries, newest first.
pub const RSS_ITEMS: usize = 50;
/// How recent an article must be for the sitemap's Google News entry: two days.
pub const NEWS_WINDOW_SECONDS: i64 = 48 * 60 * 60;

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const NEWS_NS: &str = "http://www.google.com/schemas/sitemap-news/0.9";
const IMAGE_NS: &str = "http://www.google.com/schemas/sitemap-image/1.1";
const ATOM_NS: &str = "http://www.w3.org/2005/Atom";
/// The language of every page.
const LANGUAGE: &str = "ar";

type Xml = Writer<Vec<u8>>;

/// `sitemap.xml`: a sitemaps.org `urlset` with home, every section and every article.
///
/// Each article's `lastmod` is its `updated` date, else its `published` one, as written (RFC
/// 3339 is a W3C datetime); home's and a section's is the newest of their articles' (none when
/// they have no article). Articles published in the [`NEWS_WINDOW_SECONDS`] before `now_unix`
/// also carry a Google News entry; every article lists its hero image.
pub fn sitemap(catalogue: &Catalogue, now_unix: i64, content_base: &str) -> String {
    let site = &catalogue.site;
    document(|xml| {
        xml.create_element("urlset")
            .with_attributes([
                ("xmlns", SITEMAP_NS),
                ("xmlns:news", NEWS_NS),
                ("xmlns:image", IMAGE_NS),
            ])
            .write_inner_content(|xml| {
                let home = newest(catalogue.articles.iter().map(last_modified));
                page(xml, &absolute_url(&site.base_url, &Route::Home.path()), home)?;
                for section in catalogue.sections() {
                    let lastmod = newest(catalogue.articles_of(Some(&section.slug)).map(last_modified));
                    page(xml, &section_url(site, &section.slug), lastmod)?;
                }
                for article in &catalogue.articles {
                    xml.create_element("url").write_inner_content(|xml| {
                        leaf(
                            xml,
                            "loc",
                            &absolute_url(&site.base_url, &Route::Article(&article.slug).path()),
                        )?;
                        leaf(xml, "lastmod", last_modified(article))?;
                        if is_news(article, now_unix) {
                            news(xml, site, article)?;
                        }
                        xml.create_element("image:image").write_inner_content(|xml| {
                            leaf(
                                xml,
                                "image:loc",
                                &image_url(site, content_base, &article.hero.image),
                            )
                        })?;
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
        Ok(())
    })
}

/// `robots.txt`: every crawler may read everything (the images under `/content/` too, for
/// image search and link previews); the sitemap's URL.
/// The sitemap's URL is written with every character a URL may not hold as it is
/// percent-encoded (the validator refuses such a `base_url`; this keeps it so), so no value
/// can end its line and add a rule of its own.
pub fn robots(site: &Site) -> String {
    let sitemap: String = absolute_url(&site.base_url, "/sitemap.xml")
        .chars()
        .map(|c| {
            if crate::content::validate::is_url_char(c) {
                c.to_string()
            } else {
                let mut bytes = [0; 4];
                c.encode_utf8(&mut bytes)
                    .bytes()
                    .map(|b| format!("%{b:02X}"))
                    .collect()
            }
        })
        .collect();
    format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n")
}

/// The RSS 2.0 feed of home (`None`: every article) or of one section: its newest
/// [`RSS_ITEMS`] articles, newest first.
///
/// Each item has its title, its URL (as `link` and as permalink `guid`), its `published` date
/// in RFC 822 in the article's own offset, its summary, its section's label and its hero image
/// as an `enclosure`. `image_size` gets the hero's `src` as written in the article (relative to
/// the content folder for the folder's own images) and answers its size in bytes; `None`
/// writes `length="0"`, the usual "unknown". The channel's `lastBuildDate` is the newest date
/// (`updated`, else `published`) among the items; there is none without items.
pub fn rss(
    catalogue: &Catalogue,
    section: Option<&Section>,
    content_base: &str,
    image_size: &dyn Fn(&str) -> Option<u64>,
) -> String {
    let site = &catalogue.site;
    let (title, link, description) = match section {
        None => (
            site.name.clone(),
            absolute_url(&site.base_url, &Route::Home.path()),
            text::LATEST.to_string(),
        ),
        Some(section) => (
            format!("{} | {}", section.label, site.name),
            section_url(site, &section.slug),
            format!("{} {}", text::LATEST_IN, section.label),
        ),
    };
    let self_url = absolute_url(
        &site.base_url,
        &rss_path(section.map_or(route::HOME, |s| s.slug.as_str())),
    );
    let items: Vec<&Article> = catalogue
        .articles_of(section.map(|s| s.slug.as_str()))
        .take(RSS_ITEMS)
        .collect();
    document(|xml| {
        xml.create_element("rss")
            .with_attributes([("version", "2.0"), ("xmlns:atom", ATOM_NS)])
            .write_inner_content(|xml| {
                xml.create_element("channel").write_inner_content(|xml| {
                    leaf(xml, "title", &title)?;
                    leaf(xml, "link", &link)?;
                    leaf(xml, "description", &description)?;
                    leaf(xml, "language", LANGUAGE)?;
                    if let Some(built) = newest(items.iter().copied().map(last_modified)).and_then(rfc822) {
                        leaf(xml, "lastBuildDate", &built)?;
                    }
                    xml.create_element("atom:link")
                        .with_attributes([
                            ("href", self_url.as_str()),
                            ("rel", "self"),
                            ("type", "application/rss+xml"),
                        ])
                        .write_empty()?;
                    for article in &items {
                        item(xml, site, content_base, article, image_size)?;
                    }
                    Ok(())
                })?;
                Ok(())
            })?;
        Ok(())
    })
}

/// An RFC 3339 date-time as RFC 822 (RSS' dates), in its own offset:
/// `2026-11-02T09:30:00+03:00` is `Mon, 02 Nov 2026 09:30:00 +0300`. A fraction of a second
/// is dropped, `Z` is `+0000`; `None` if `rfc3339` is not one.
pub fn rfc822(rfc3339: &str) -> Option<String> {
    const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let offset = offset_minutes(rfc3339)?;
    let local = parse_rfc3339(rfc3339)? + offset * 60;
    let (days, seconds) = (local.div_euclid(86_400), local.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    // 1970-01-01, day 0, was a Thursday.
    let weekday = WEEKDAYS[(days + 4).rem_euclid(7) as usize];
    let sign = if offset < 0 { '-' } else { '+' };
    Some(format!(
        "{weekday}, {day:02} {} {year:04} {:02}:{:02}:{:02} {sign}{:02}{:02}",
        MONTHS[(month - 1) as usize],
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60,
        offset.abs() / 60,
        offset.abs() % 60,
    ))
}

/// The offset of an RFC 3339 date-time in minutes east of UTC (`Z` is 0).
fn offset_minutes(rfc3339: &str) -> Option<i64> {
    if rfc3339.ends_with(['Z', 'z']) {
        return Some(0);
    }
    let tail = rfc3339.get(rfc3339.len().checked_sub(6)?..)?;
    let (sign, hh_mm) = tail.split_at_checked(1)?;
    let (hours, minutes) = hh_mm.split_once(':')?;
    let minutes = hours.parse::<i64>().ok()? * 60 + minutes.parse::<i64>().ok()?;
    match sign {
        "+" => Some(minutes),
        "-" => Some(-minutes),
        _ => None,
    }
}

/// The civil date (year, month 1–12, day 1–31) of a count of days since 1970-01-01 (Howard
/// Hinnant's algorithm, the inverse of the one in `validate::parse_rfc3339`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// One RSS item.
fn item(
    xml: &mut Xml,
    site: &Site,
    content_base: &str,
    article: &Article,
    image_size: &dyn Fn(&str) -> Option<u64>,
) -> io::Result<()> {
    let url = absolute_url(&site.base_url, &Route::Article(&article.slug).path());
    xml.create_element("item").write_inner_content(|xml| {
        leaf(xml, "title", &article.title)?;
        leaf(xml, "link", &url)?;
        xml.create_element("guid")
            .with_attribute(("isPermaLink", "true"))
            .write_text_content(BytesText::new(&url))?;
        if let Some(date) = rfc822(&article.published) {
            leaf(xml, "pubDate", &date)?;
        }
        leaf(xml, "description", &article.summary)?;
        leaf(xml, "category", &article.category.label)?;
        let hero = &article.hero.image;
        if let Some(kind) = image_type(&hero.src) {
            let length = image_size(&hero.src).unwrap_or(0).to_string();
            xml.create_element("enclosure")
                .with_attributes([
                    ("url", image_url(site, content_base, hero).as_str()),
                    ("type", kind),
                    ("length", length.as_str()),
                ])
                .write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}

/// A sitemap `url` for a listing page (home, a section).
fn page(xml: &mut Xml, loc: &str, lastmod: Option<&str>) -> io::Result<()> {
    xml.create_element("url").write_inner_content(|xml| {
        leaf(xml, "loc", loc)?;
        if let Some(lastmod) = lastmod {
            leaf(xml, "lastmod", lastmod)?;
        }
        Ok(())
    })?;
    Ok(())
}

/// An article's Google News entry.
fn news(xml: &mut Xml, site: &Site, article: &Article) -> io::Result<()> {
    xml.create_element("news:news").write_inner_content(|xml| {
        xml.create_element("news:publication")
            .write_inner_content(|xml| {
                leaf(xml, "news:name", &site.name)?;
                leaf(xml, "news:language", LANGUAGE)
            })?;
        leaf(xml, "news:publication_date", &article.published)?;
        leaf(xml, "news:title", &article.title)
    })?;
    Ok(())
}

/// Whether `article` was published in the [`NEWS_WINDOW_SECONDS`] up to `now_unix`.
fn is_news(article: &Article, now_unix: i64) -> bool {
    parse_rfc3339(&article.published).is_some_and(|at| (0..=NEWS_WINDOW_SECONDS).contains(&(now_unix - at)))
}

/// When an article last changed: `updated`, else `published`, as written.
fn last_modified(article: &Article) -> &str {
    article.updated.as_deref().unwrap_or(&article.published)
}

/// The newest of some RFC 3339 date-times, as written; `None` when none parses.
fn newest<'a>(dates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    dates
        .filter_map(|date| Some((parse_rfc3339(date)?, date)))
        .max_by_key(|&(at, _)| at)
        .map(|(_, date)| date)
}

/// The absolute URL of a section's page.
fn section_url(site: &Site, slug: &str) -> String {
    absolute_url(&site.base_url, &Route::of_section(slug).path())
}

/// The absolute URL of an image: its `src` against the content base, on the site's base URL
/// (an absolute `src` stays as it is).
fn image_url(site: &Site, content_base: &str, image: &Image) -> String {
    absolute_url(&site.base_url, &settings::join(content_base, &image.src))
}

/// The media type of an image, by the extension of its path; `None` for one feeds do not name.
fn image_type(src: &str) -> Option<&'static str> {
    let path = src.split(['?', '#']).next().unwrap_or(src);
    let file = path.rsplit('/').next().unwrap_or(path);
    let (_, extension) = file.rsplit_once('.')?;
    Some(match extension.to_ascii_lowercase().as_str() {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "avif" => "image/avif",
        "gif" => "image/gif",
        _ => return None,
    })
}

/// An XML document: the declaration, then what `write` writes, indented.
fn document(write: impl FnOnce(&mut Xml) -> io::Result<()>) -> String {
    let mut xml = Writer::new_with_indent(Vec::new(), b' ', 2);
    xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .and_then(|()| write(&mut xml))
        .expect("writing to memory does not fail");
    let mut out = String::from_utf8(xml.into_inner()).expect("the writer writes UTF-8 from UTF-8");
    out.push('\n');
    out
}

/// `<name>text</name>`, the text escaped.
fn leaf(xml: &mut Xml, name: &str, text: &str) -> io::Result<()> {
    xml.create_element(name)
        .write_text_content(BytesText::new(text))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use quick_xml::escape::resolve_predefined_entity;
    use quick_xml::events::{BytesStart, Event};
    use quick_xml::name::ResolveResult;
    use quick_xml::{NsReader, XmlVersion};

    use super::*;

    const BASE: &str = crate::content::settings::DEFAULT_BASE;
    use crate::content::{Figure, LocaleSettings};

    /// An element read back from a document: its name as written (`news:title`), its
    /// namespace, its attributes and its text (unescaped, references resolved), its children.
    #[derive(Debug, Default)]
    struct El {
        name: String,
        ns: Option<String>,
        attrs: Vec<(String, String)>,
        text: String,
        children: Vec<El>,
    }

    impl El {
        /// An element without its content yet.
        fn new(start: &BytesStart, ns: Option<String>) -> El {
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
        fn all(&self, name: &str) -> impl Iterator<Item = &El> + '_ {
            let name = name.to_string();
            self.children.iter().filter(move |c| c.name == name)
        }

        /// The one child named `name`.
        fn one(&self, name: &str) -> &El {
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
        fn text_of(&self, name: &str) -> Option<&str> {
            let found: Vec<&El> = self.all(name).collect();
            assert!(found.len() <= 1, "at most one <{name}> in <{}>", self.name);
            found.first().map(|c| c.text.as_str())
        }

        fn attr(&self, name: &str) -> Option<&str> {
            self.attrs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        }
    }

    /// Reads a whole document with quick-xml's namespace-aware reader: any error through to
    /// the end, an undeclared prefix, or anything but one root element fails the test.
    fn read(xml: &str) -> El {
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

    fn sample() -> Catalogue {
        Catalogue::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content")).expect("the sample content")
    }

    fn no_size(_: &str) -> Option<u64> {
        None
    }

    fn section(slug: &str, label: &str) -> Section {
        Section {
            slug: slug.into(),
            label: label.into(),
        }
    }

    fn image(src: &str) -> Image {
        Image {
            src: src.into(),
            srcset: None,
            sizes: None,
            width: 1200,
            height: 675,
            alt: "صورة".into(),
        }
    }

    fn article(slug: &str, category: &Section, published: &str) -> Article {
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
    fn catalogue(name: &str, sections: Vec<Section>, articles: Vec<Article>) -> Catalogue {
        let mut all = vec![section("home", "الرئيسية")];
        all.extend(sections);
        Catalogue {
            site: Site {
                name: name.into(),
                logo: image("images/logo.svg"),
                base_url: "https://news.example/".into(),
                sections: all,
                share: Vec::new(),
                locale: LocaleSettings::default(),
            },
            articles,
            feed_pages: Default::default(),
        }
    }

    /// The `<url>`s of a sitemap by their `loc`, each `loc` required to be there once.
    fn urls(root: &El) -> Vec<(&str, &El)> {
        assert_eq!(
            (root.name.as_str(), root.ns.as_deref()),
            ("urlset", Some(SITEMAP_NS))
        );
        root.all("url")
            .map(|url| (url.one("loc").text.as_str(), url))
            .collect()
    }

    /// An RFC 822 date as `feeds::rfc822` writes it, back to seconds since the epoch and the
    /// weekday it names, through `validate::parse_rfc3339` (not through the code under test).
    fn read_rfc822(date: &str) -> (i64, String) {
        let months = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let parts: Vec<&str> = date.split(' ').collect();
        let [weekday, day, month, year, time, offset] = parts[..] else {
            panic!("not an RFC 822 date: {date:?}");
        };
        let month = months.iter().position(|m| *m == month).expect("a month") + 1;
        let (sign, zone) = offset.split_at(1);
        assert!(sign == "+" || sign == "-", "{date:?}");
        let rfc3339 = format!(
            "{year}-{month:02}-{day}T{time}{sign}{}:{}",
            &zone[..2],
            &zone[2..]
        );
        let at = parse_rfc3339(&rfc3339).unwrap_or_else(|| panic!("{date:?} reads as {rfc3339:?}"));
        let weekday = weekday.strip_suffix(',').expect("a comma after the weekday");
        (at, weekday.to_string())
    }

    /// The weekday of a civil date by Zeller's congruence, independent of `civil_from_days`.
    fn zeller(year: i64, month: i64, day: i64) -> &'static str {
        let (y, m) = if month < 3 {
            (year - 1, month + 12)
        } else {
            (year, month)
        };
        let h = (day + 13 * (m + 1) / 5 + y % 100 + y % 100 / 4 + y / 400 - 2 * (y / 100)).rem_euclid(7);
        ["Sat", "Sun", "Mon", "Tue", "Wed", "Thu", "Fri"][h as usize]
    }

    #[test]
    fn rfc822_keeps_the_offset_and_names_the_weekday() {
        // Each checked with GNU date: TZ=UTC-3 date -d 2026-11-02T09:30:00+03:00 '+%a, %d %b %Y %T %z'.
        for (rfc3339, rfc822_date) in [
            ("2026-11-02T09:30:00+03:00", "Mon, 02 Nov 2026 09:30:00 +0300"),
            ("2026-11-01T23:30:00-05:00", "Sun, 01 Nov 2026 23:30:00 -0500"),
            ("2026-11-11T15:35:00+01:00", "Wed, 11 Nov 2026 15:35:00 +0100"),
            ("2024-02-29T12:00:00Z", "Thu, 29 Feb 2024 12:00:00 +0000"),
            ("1970-01-01T00:00:00Z", "Thu, 01 Jan 1970 00:00:00 +0000"),
            ("2000-03-01T00:15:00+05:30", "Wed, 01 Mar 2000 00:15:00 +0530"),
            ("2026-12-31T23:59:59.250+14:00", "Thu, 31 Dec 2026 23:59:59 +1400"),
            ("1999-12-31T22:00:00-02:00", "Fri, 31 Dec 1999 22:00:00 -0200"),
        ] {
            assert_eq!(rfc822(rfc3339).as_deref(), Some(rfc822_date), "{rfc3339}");
        }
        for not_a_date in [
            "",
            "2026-11-02 09:30",
            "2026-11-02T09:30:00",
            "2026-02-30T09:30:00Z",
        ] {
            assert_eq!(rfc822(not_a_date), None, "{not_a_date:?}");
        }
    }

    #[test]
    fn rfc822_of_every_sample_date_reads_back_as_the_same_instant_and_weekday() {
        let catalogue = sample();
        let dates = catalogue
            .articles
            .iter()
            .flat_map(|a| std::iter::once(&a.published).chain(&a.updated));
        let mut count = 0;
        for date in dates {
            let written = rfc822(date).unwrap_or_else(|| panic!("{date} has an RFC 822 form"));
            let (at, weekday) = read_rfc822(&written);
            assert_eq!(Some(at), parse_rfc3339(date), "{date} → {written}");
            let num = |r: std::ops::Range<usize>| date[r].parse::<i64>().unwrap();
            assert_eq!(
                weekday,
                zeller(num(0..4), num(5..7), num(8..10)),
                "{date} → {written}"
            );
            assert!(
                written.ends_with(&date[date.len() - 6..].replace(':', "")),
                "{date} keeps its offset: {written}"
            );
            count += 1;
        }
        assert!(count > 18, "the sample's dates were read ({count})");
    }

    #[test]
    fn sitemap_lists_home_every_section_and_every_article_once_with_their_lastmod() {
        let catalogue = sample();
        let xml = sitemap(&catalogue, 0, BASE);
        let root = read(&xml);
        let found = urls(&root);
        let base = "https://khabar.example";
        let mut expected: Vec<(String, Option<String>)> = Vec::new();
        let newest_of = |articles: Vec<&Article>| {
            articles
                .into_iter()
                .map(|a| a.updated.clone().unwrap_or_else(|| a.published.clone()))
                .max_by_key(|d| parse_rfc3339(d).unwrap())
        };
        expected.push((format!("{base}/"), newest_of(catalogue.articles.iter().collect())));
        for s in catalogue.sections() {
            let of_section = catalogue
                .articles
                .iter()
                .filter(|a| a.category.slug == s.slug)
                .collect();
            expected.push((format!("{base}/category/{}", s.slug), newest_of(of_section)));
        }
        for a in &catalogue.articles {
            let lastmod = a.updated.clone().unwrap_or_else(|| a.published.clone());
            expected.push((format!("{base}/article/{}", a.slug), Some(lastmod)));
        }
        let got: Vec<(String, Option<String>)> = found
            .iter()
            .map(|(loc, url)| (loc.to_string(), url.text_of("lastmod").map(str::to_string)))
            .collect();
        assert_eq!(got, expected);
        // The sample has sections with updated articles and home's newest change is an update.
        assert_eq!(got[0].1.as_deref(), Some("2026-11-24T21:10:00+03:00"));
        assert_eq!(found.len(), 1 + 9 + 18, "home, nine sections, eighteen articles");
        for (loc, url) in &found {
            let lastmod = url
                .text_of("lastmod")
                .expect("every page of the sample has a lastmod");
            assert!(
                parse_rfc3339(lastmod).is_some(),
                "{loc}: {lastmod:?} is a W3C datetime"
            );
            assert!(
                url.all("news:news").next().is_none(),
                "{loc}: nothing is news in 1970"
            );
        }
    }

    #[test]
    fn a_section_without_articles_has_no_lastmod_and_an_empty_feed() {
        let sport = section("sport", "رياضة");
        let culture = section("culture", "ثقافة");
        let c = catalogue(
            "خبر",
            vec![sport.clone(), culture.clone()],
            vec![article("goal", &sport, "2026-11-02T09:30:00+03:00")],
        );
        let root = read(&sitemap(&c, 0, BASE));
        let found = urls(&root);
        let lastmod = |loc: &str| {
            let (_, url) = found.iter().find(|(l, _)| *l == loc).expect(loc);
            url.text_of("lastmod")
        };
        assert_eq!(lastmod("https://news.example/category/culture"), None);
        assert_eq!(
            lastmod("https://news.example/category/sport"),
            Some("2026-11-02T09:30:00+03:00")
        );
        assert_eq!(
            lastmod("https://news.example/"),
            Some("2026-11-02T09:30:00+03:00")
        );

        let root = read(&rss(&c, Some(&culture), BASE, &no_size));
        let channel = root.one("channel");
        let names: Vec<&str> = channel.children.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["title", "link", "description", "language", "atom:link"]);
    }

    #[test]
    fn only_articles_of_the_48_hours_before_now_are_news() {
        let sport = section("sport", "رياضة");
        let now = parse_rfc3339("2026-11-24T12:00:00+03:00").unwrap();
        let c = catalogue(
            "خبر",
            vec![sport.clone()],
            vec![
                article("future", &sport, "2026-11-24T13:00:00+03:00"),
                article("fresh", &sport, "2026-11-24T11:00:00+03:00"),
                // Exactly 48 hours before now, written in another offset.
                article("edge", &sport, "2026-11-22T09:00:00Z"),
                article("stale", &sport, "2026-11-22T11:59:59+03:00"),
            ],
        );
        let root = read(&sitemap(&c, now, BASE));
        let mut news_slugs = Vec::new();
        for (loc, url) in urls(&root) {
            let entries: Vec<&El> = url.all("news:news").collect();
            if let Some(slug) = loc.strip_prefix("https://news.example/article/") {
                if let [news] = entries[..] {
                    let a = c.articles.iter().find(|a| a.slug == slug).unwrap();
                    assert_eq!(news.ns.as_deref(), Some(NEWS_NS));
                    let publication = news.one("news:publication");
                    assert_eq!(publication.text_of("news:name"), Some("خبر"));
                    assert_eq!(publication.text_of("news:language"), Some("ar"));
                    assert_eq!(news.text_of("news:publication_date"), Some(a.published.as_str()));
                    assert_eq!(news.text_of("news:title"), Some(a.title.as_str()));
                    news_slugs.push(slug);
                } else {
                    assert!(entries.is_empty(), "{loc}: at most one news entry");
                }
            } else {
                assert!(entries.is_empty(), "{loc}: listing pages are not news");
            }
        }
        assert_eq!(news_slugs, ["fresh", "edge"]);

        let sample = sample();
        let newest = parse_rfc3339(&sample.articles[0].published).unwrap();
        let root = read(&sitemap(&sample, newest + 3600, BASE));
        let news_locs: Vec<&str> = urls(&root)
            .into_iter()
            .filter(|(_, url)| url.all("news:news").count() == 1)
            .map(|(loc, _)| loc)
            .collect();
        assert_eq!(
            news_locs,
            [format!(
                "https://khabar.example/article/{}",
                sample.articles[0].slug
            )]
        );
    }

    #[test]
    fn every_article_lists_its_hero_as_an_absolute_image_url() {
        let sport = section("sport", "رياضة");
        let mut remote = article("remote", &sport, "2026-11-02T09:30:00+03:00");
        remote.hero.image.src = "https://img.example/a.webp?w=1200&h=675".into();
        let mut rooted = article("rooted", &sport, "2026-11-01T09:30:00+03:00");
        rooted.hero.image.src = "/static/b.png".into();
        let local = article("local", &sport, "2026-10-31T09:30:00+03:00");
        let c = catalogue("خبر", vec![sport], vec![remote, rooted, local]);
        let root = read(&sitemap(&c, 0, BASE));
        let images: Vec<(&str, &str)> = urls(&root)
            .into_iter()
            .filter(|(loc, _)| loc.contains("/article/"))
            .map(|(loc, url)| {
                let image = url.one("image:image");
                assert_eq!(image.ns.as_deref(), Some(IMAGE_NS));
                (loc, image.one("image:loc").text.as_str())
            })
            .collect();
        assert_eq!(
            images,
            [
                (
                    "https://news.example/article/remote",
                    "https://img.example/a.webp?w=1200&h=675"
                ),
                (
                    "https://news.example/article/rooted",
                    "https://news.example/static/b.png"
                ),
                (
                    "https://news.example/article/local",
                    "https://news.example/content/images/local.jpg"
                ),
            ]
        );
    }

    /// With a content base on a CDN, the sitemap's and the feed's picture URLs name the CDN's
    /// files, as the pages' JSON-LD does (an absolute `src` stays as it is).
    #[test]
    fn picture_urls_follow_the_builds_content_base() {
        let sport = section("sport", "رياضة");
        let local = article("local", &sport, "2026-10-31T09:30:00+03:00");
        let c = catalogue("خبر", vec![sport], vec![local]);
        let cdn = "https://cdn.example/news/";
        let root = read(&sitemap(&c, 0, cdn));
        let locs: Vec<String> = urls(&root)
            .into_iter()
            .filter(|(loc, _)| loc.contains("/article/"))
            .map(|(_, url)| url.one("image:image").one("image:loc").text.clone())
            .collect();
        assert_eq!(locs, ["https://cdn.example/news/images/local.jpg"]);
        let feed = read(&rss(&c, None, cdn, &no_size));
        let enclosure = feed.one("channel").one("item").one("enclosure");
        assert_eq!(
            enclosure.attr("url"),
            Some("https://cdn.example/news/images/local.jpg")
        );
    }

    #[test]
    fn the_feed_of_home_and_of_each_section_lists_its_articles_once_newest_first() {
        let catalogue = sample();
        let base = "https://khabar.example";
        let scopes: Vec<Option<&Section>> = std::iter::once(None)
            .chain(catalogue.sections().map(Some))
            .collect();
        for scope in scopes {
            let xml = rss(&catalogue, scope, BASE, &no_size);
            let root = read(&xml);
            assert_eq!((root.name.as_str(), root.attr("version")), ("rss", Some("2.0")));
            let channel = root.one("channel");
            let (title, link, description, path) = match scope {
                None => (
                    "خبر".to_string(),
                    format!("{base}/"),
                    "آخر الأخبار".to_string(),
                    "/rss/home.xml".to_string(),
                ),
                Some(s) => (
                    format!("{} | خبر", s.label),
                    format!("{base}/category/{}", s.slug),
                    format!("آخر أخبار {}", s.label),
                    format!("/rss/{}.xml", s.slug),
                ),
            };
            assert_eq!(channel.text_of("title"), Some(title.as_str()));
            assert_eq!(channel.text_of("link"), Some(link.as_str()));
            assert_eq!(channel.text_of("description"), Some(description.as_str()));
            assert_eq!(channel.text_of("language"), Some("ar"));
            let atom = channel.one("atom:link");
            assert_eq!(atom.ns.as_deref(), Some(ATOM_NS));
            assert_eq!(atom.attr("href"), Some(format!("{base}{path}").as_str()));
            assert_eq!(atom.attr("rel"), Some("self"));
            assert_eq!(atom.attr("type"), Some("application/rss+xml"));

            let expected: Vec<&Article> = catalogue
                .articles
                .iter()
                .filter(|a| scope.is_none_or(|s| a.category.slug == s.slug))
                .collect();
            assert!(!expected.is_empty(), "every sample section has articles");
            let items: Vec<&El> = channel.all("item").collect();
            let links: Vec<&str> = items.iter().map(|i| i.text_of("link").unwrap()).collect();
            let expected_links: Vec<String> = expected
                .iter()
                .map(|a| format!("{base}/article/{}", a.slug))
                .collect();
            assert_eq!(links, expected_links, "{title}");
            for (item, article) in items.iter().zip(&expected) {
                assert_eq!(item.text_of("title"), Some(article.title.as_str()));
                let guid = item.one("guid");
                assert_eq!(Some(guid.text.as_str()), item.text_of("link"));
                assert_eq!(guid.attr("isPermaLink"), Some("true"));
                let pub_date = item.text_of("pubDate").expect("a pubDate");
                assert_eq!(
                    read_rfc822(pub_date).0,
                    parse_rfc3339(&article.published).unwrap()
                );
                assert_eq!(item.text_of("description"), Some(article.summary.as_str()));
                assert_eq!(item.text_of("category"), Some(article.category.label.as_str()));
                let enclosure = item.one("enclosure");
                assert_eq!(
                    enclosure.attr("url"),
                    Some(format!("{base}/content/{}", article.hero.image.src).as_str())
                );
                assert_eq!(enclosure.attr("type"), Some("image/svg+xml"));
                assert_eq!(enclosure.attr("length"), Some("0"));
            }
            let newest_change = expected
                .iter()
                .map(|a| parse_rfc3339(a.updated.as_ref().unwrap_or(&a.published)).unwrap())
                .max()
                .unwrap();
            let built = channel.text_of("lastBuildDate").expect("a lastBuildDate");
            assert_eq!(read_rfc822(built).0, newest_change, "{title}: {built}");
        }
    }

    #[test]
    fn a_feed_keeps_the_newest_50_articles() {
        let sport = section("sport", "رياضة");
        let mut articles: Vec<Article> = (0..60)
            .rev()
            .map(|minute| {
                article(
                    &format!("a{minute:02}"),
                    &sport,
                    &format!("2026-11-02T09:{minute:02}:00+03:00"),
                )
            })
            .collect();
        articles[30].updated = Some("2026-11-03T10:00:00+02:00".into());
        let c = catalogue("خبر", vec![sport.clone()], articles);
        for scope in [None, Some(&sport)] {
            let root = read(&rss(&c, scope, BASE, &no_size));
            let channel = root.one("channel");
            let slugs: Vec<String> = channel
                .all("item")
                .map(|i| i.text_of("link").unwrap().rsplit('/').next().unwrap().to_string())
                .collect();
            let expected: Vec<String> = (10..60).rev().map(|m| format!("a{m:02}")).collect();
            assert_eq!(slugs, expected);
            assert_eq!(
                channel.text_of("lastBuildDate"),
                Some("Tue, 03 Nov 2026 10:00:00 +0200")
            );
        }
    }

    #[test]
    fn hostile_text_is_escaped_and_reads_back_unchanged() {
        let name = r#"خبر <b>&amp; "Co" 'x'"#;
        let label = r#"<رياضة> & "كرة""#;
        let title = r#"<script>alert("x")</script> & 'quotes' ]]> &lt;"#;
        let summary = "a < b && c > \"d\" \r\n ok";
        let hostile = section("sport", label);
        let mut a = article("hostile", &hostile, "2026-11-24T11:00:00+03:00");
        a.title = title.into();
        a.summary = summary.into();
        a.hero.image.src = r#"https://img.example/a.jpg?w=1&h="2"<"#.into();
        let c = catalogue(name, vec![hostile.clone()], vec![a]);
        let now = parse_rfc3339("2026-11-24T12:00:00+03:00").unwrap();

        let xml = sitemap(&c, now, BASE);
        assert!(!xml.contains("<script>") && !xml.contains("<b>"), "{xml}");
        let root = read(&xml);
        let (_, url) = urls(&root)
            .into_iter()
            .find(|(loc, _)| loc.ends_with("/article/hostile"))
            .unwrap();
        let news = url.one("news:news");
        assert_eq!(news.text_of("news:title"), Some(title));
        assert_eq!(news.one("news:publication").text_of("news:name"), Some(name));
        assert_eq!(
            url.one("image:image").text_of("image:loc"),
            Some(c.articles[0].hero.image.src.as_str())
        );

        for scope in [None, Some(&hostile)] {
            let xml = rss(&c, scope, BASE, &no_size);
            assert!(!xml.contains("<script>") && !xml.contains("<b>"), "{xml}");
            let root = read(&xml);
            let channel = root.one("channel");
            let expected_title = match scope {
                None => name.to_string(),
                Some(_) => format!("{label} | {name}"),
            };
            assert_eq!(channel.text_of("title"), Some(expected_title.as_str()));
            let item = channel.one("item");
            assert_eq!(item.text_of("title"), Some(title));
            assert_eq!(
                item.text_of("description"),
                Some(summary),
                "the \\r survives as &#13;"
            );
            assert_eq!(item.text_of("category"), Some(label));
            assert_eq!(
                item.one("enclosure").attr("url"),
                Some(c.articles[0].hero.image.src.as_str())
            );
        }
        let description = read(&rss(&c, Some(&hostile), BASE, &no_size))
            .one("channel")
            .text_of("description")
            .map(str::to_string);
        assert_eq!(description, Some(format!("آخر أخبار {label}")));
    }

    #[test]
    fn enclosures_name_the_image_type_and_the_size_publishing_gives() {
        let sport = section("sport", "رياضة");
        let srcs = [
            ("images/a.jpg", Some(("image/jpeg", "48213"))),
            ("images/b.JPEG", Some(("image/jpeg", "0"))),
            ("images/c.png", Some(("image/png", "0"))),
            ("https://img.example/d.webp?v=2", Some(("image/webp", "0"))),
            ("images/e.svg", Some(("image/svg+xml", "0"))),
            ("images/f.avif#x", Some(("image/avif", "0"))),
            ("images/g.gif", Some(("image/gif", "0"))),
            ("images/h.bmp", None),
            ("https://img.example/photo", None),
            ("https://img.example.com/v1/photo", None),
        ];
        let articles = srcs
            .iter()
            .enumerate()
            .map(|(i, (src, _))| {
                let mut a = article(
                    &format!("a{i}"),
                    &sport,
                    &format!("2026-11-02T09:{:02}:00+03:00", 59 - i),
                );
                a.hero.image.src = src.to_string();
                a
            })
            .collect();
        let c = catalogue("خبر", vec![sport], articles);
        let size = |src: &str| (src == "images/a.jpg").then_some(48_213);
        let root = read(&rss(&c, None, BASE, &size));
        let items: Vec<&El> = root.one("channel").all("item").collect();
        assert_eq!(items.len(), srcs.len());
        for (item, (src, expected)) in items.iter().zip(srcs) {
            let enclosures: Vec<&El> = item.all("enclosure").collect();
            assert!(enclosures.len() <= 1, "{src}: at most one enclosure");
            let got = enclosures
                .first()
                .map(|e| (e.attr("type").unwrap(), e.attr("length").unwrap()));
            assert_eq!(got, expected, "{src}");
        }
    }

    #[test]
    fn robots_allows_everything_and_names_the_sitemap() {
        let c = catalogue("خبر", Vec::new(), Vec::new());
        assert_eq!(
            robots(&c.site),
            "User-agent: *\nAllow: /\n\nSitemap: https://news.example/sitemap.xml\n"
        );
        assert!(!robots(&sample().site).contains("Disallow"));
    }

    /// Issue 25: a `base_url` with a newline added a line of its own to robots.txt.
    #[test]
    fn no_base_url_adds_a_line_to_robots() {
        let mut c = catalogue("خبر", Vec::new(), Vec::new());
        c.site.base_url = "https://news.example\nDisallow: /\r\nUser-agent: evil".into();
        let text = robots(&c.site);
        assert_eq!(text.lines().count(), 4, "{text}");
        assert!(text.ends_with(
            "Sitemap: https://news.example%0ADisallow:%20/%0D%0AUser-agent:%20evil/sitemap.xml\n"
        ));
    }

    #[test]
    fn feeds_are_written_under_rss() {
        assert_eq!(rss_path(route::HOME), "/rss/home.xml");
        assert_eq!(rss_path("sport"), "/rss/sport.xml");
    }
}
