//! The RSS 2.0 feeds of a [`Catalogue`]: home's and each section's newest articles, written
//! at `links::rss_path`.

use std::io;

use quick_xml::events::BytesText;

use super::catalogue::Catalogue;
use super::xml::{document, image_url, last_modified, leaf, newest, section_url, Xml, LANGUAGE};
use crate::content::validate::{civil_from_days, parse_rfc3339};
use crate::content::{Article, Section, Site};
use crate::links::{absolute_url, rss_path};
use crate::locale::text;
use crate::route::{self, Route};

/// The most items a feed carries, newest first.
pub const RSS_ITEMS: usize = 50;

const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

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

#[cfg(test)]
mod tests {
    use super::super::sitemap::sitemaps;

    /// The sitemap file `part` of `c`.
    fn sitemap(c: &Catalogue, now: i64, base: &str, part: &str) -> String {
        sitemaps(c, now, base)
            .into_iter()
            .find(|(file, _)| file == part)
            .unwrap_or_else(|| panic!("no {part}"))
            .1
    }
    use super::super::testing::*;
    use super::*;

    /// An RFC 822 date as [`rfc822`] writes it, back to seconds since the epoch and the
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
    fn a_section_without_articles_has_no_lastmod_and_an_empty_feed() {
        let sport = section("sport", "رياضة");
        let culture = section("culture", "ثقافة");
        let c = catalogue(
            "خبر",
            vec![sport.clone(), culture.clone()],
            vec![article("goal", &sport, "2026-11-02T09:30:00+03:00")],
        );
        let root = read(&sitemap(&c, 0, BASE, "sitemaps/pages.xml"));
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

        for (file, xml) in sitemaps(&c, now, BASE) {
            assert!(!xml.contains("<script>") && !xml.contains("<b>"), "{file}: {xml}");
        }
        let news = read(&sitemap(&c, now, BASE, "sitemaps/news.xml"));
        let (_, url) = urls(&news)
            .into_iter()
            .find(|(loc, _)| loc.ends_with("/article/hostile"))
            .unwrap();
        let news = url.one("news:news");
        assert_eq!(news.text_of("news:title"), Some(title));
        assert_eq!(news.one("news:publication").text_of("news:name"), Some(name));
        let articles = read(&sitemap(&c, now, BASE, "sitemaps/articles-1.xml"));
        let (_, url) = urls(&articles).into_iter().next().unwrap();
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
    fn feeds_are_written_under_rss() {
        assert_eq!(rss_path(route::HOME), "/rss/home.xml");
        assert_eq!(rss_path("sport"), "/rss/sport.xml");
    }

    /// With a content base on a CDN, the sitemap's and the feed's picture URLs name the CDN's
    /// files, as the pages' JSON-LD does (an absolute `src` stays as it is).
    #[test]
    fn picture_urls_follow_the_builds_content_base() {
        let sport = section("sport", "رياضة");
        let local = article("local", &sport, "2026-10-31T09:30:00+03:00");
        let c = catalogue("خبر", vec![sport], vec![local]);
        let cdn = "https://cdn.example/news/";
        let root = read(&sitemap(&c, 0, cdn, "sitemaps/articles-1.xml"));
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
}
