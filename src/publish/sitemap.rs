//! `sitemap.xml` and `robots.txt` of a [`Catalogue`].
//!
//! - [`sitemap`]: home, every section and every article, with `lastmod`; the articles of the
//!   last two days also carry Google News' `news:news`, and every article its hero image.
//! - [`robots`]: everything allowed (images under `/content/` included), and the sitemap.

use std::io;

use super::catalogue::Catalogue;
use super::xml::{document, image_url, last_modified, leaf, newest, section_url, Xml, LANGUAGE};
use crate::content::validate::parse_rfc3339;
use crate::content::{Article, Site};
use crate::links::absolute_url;
use crate::route::Route;

/// How recent an article must be for the sitemap's Google News entry: two days.
pub const NEWS_WINDOW_SECONDS: i64 = 48 * 60 * 60;

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const NEWS_NS: &str = "http://www.google.com/schemas/sitemap-news/0.9";
const IMAGE_NS: &str = "http://www.google.com/schemas/sitemap-image/1.1";

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

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

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
}
