//! The sitemaps and `robots.txt` of a [`Catalogue`].
//!
//! - [`sitemaps`]: `sitemap.xml`, a sitemap index, and the parts it lists, under `sitemaps/`:
//!   `pages.xml` (home and every section), `articles-{n}.xml` (every article with its hero
//!   image, [`ARTICLES_PER_PART`] a part, numbered from the oldest so that a full part changes
//!   only when one of its articles does), and `news.xml`, Google News' part: the articles of the
//!   last two days, at most [`NEWS_MAX`], when there are any.
//! - [`robots`]: everything allowed (images under `/content/` included), and the sitemap.

use std::io;

use super::catalogue::Catalogue;
use super::xml::{document, image_url, last_modified, leaf, newest, section_url, Xml, LANGUAGE};
use crate::content::validate::parse_rfc3339;
use crate::content::{Article, Site};
use crate::links::absolute_url;
use crate::route::Route;

/// How recent an article must be for the news part: two days.
pub const NEWS_WINDOW_SECONDS: i64 = 48 * 60 * 60;

/// The most articles in one part: 10,000 URLs with their images make about 3 MB, well within
/// the protocol's 50,000 URLs and 50 MB a file, and a new article rewrites one such part.
pub const ARTICLES_PER_PART: usize = 10_000;

/// The most URLs of the news part: Google News reads no more.
pub const NEWS_MAX: usize = 1_000;

/// The sitemap index, which robots.txt names.
pub const INDEX: &str = "sitemap.xml";

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const NEWS_NS: &str = "http://www.google.com/schemas/sitemap-news/0.9";
const IMAGE_NS: &str = "http://www.google.com/schemas/sitemap-image/1.1";

/// Every sitemap file, `(path, XML)`: the parts, then the index that lists them ([`INDEX`]).
///
/// Each article's `lastmod` is its `updated` date, else its `published` one, as written (RFC
/// 3339 is a W3C datetime); home's and a section's is the newest of their articles' (none when
/// they have no article), and a part's in the index the newest of its URLs'. Articles published
/// in the [`NEWS_WINDOW_SECONDS`] before `now_unix` are in the news part, newest first.
pub fn sitemaps(catalogue: &Catalogue, now_unix: i64, content_base: &str) -> Vec<(String, String)> {
    let site = &catalogue.site;
    let mut parts: Vec<(String, Option<String>, String)> = Vec::new();
    let home = newest(catalogue.articles.iter().map(last_modified));
    let pages = urlset(&[], |xml| {
        page(xml, &absolute_url(&site.base_url, &Route::Home.path()), home)?;
        for section in catalogue.sections() {
            let lastmod = newest(catalogue.articles_of(Some(&section.slug)).map(last_modified));
            page(xml, &section_url(site, &section.slug), lastmod)?;
        }
        Ok(())
    });
    parts.push(("sitemaps/pages.xml".into(), home.map(String::from), pages));
    let oldest_first: Vec<&Article> = catalogue.articles.iter().rev().collect();
    for (i, part) in oldest_first.chunks(ARTICLES_PER_PART).enumerate() {
        let xml = urlset(&[("xmlns:image", IMAGE_NS)], |xml| {
            for article in part {
                xml.create_element("url").write_inner_content(|xml| {
                    leaf(xml, "loc", &article_url(site, article))?;
                    leaf(xml, "lastmod", last_modified(article))?;
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
        });
        let lastmod = newest(part.iter().map(|a| last_modified(a))).map(String::from);
        parts.push((format!("sitemaps/articles-{}.xml", i + 1), lastmod, xml));
    }
    let news: Vec<&Article> = catalogue
        .articles
        .iter()
        .filter(|a| is_news(a, now_unix))
        .take(NEWS_MAX)
        .collect();
    if !news.is_empty() {
        let xml = urlset(&[("xmlns:news", NEWS_NS)], |xml| {
            for article in &news {
                xml.create_element("url").write_inner_content(|xml| {
                    leaf(xml, "loc", &article_url(site, article))?;
                    news_entry(xml, site, article)
                })?;
            }
            Ok(())
        });
        let lastmod = newest(news.iter().map(|a| a.published.as_str())).map(String::from);
        parts.push(("sitemaps/news.xml".into(), lastmod, xml));
    }
    let index = document(|xml| {
        xml.create_element("sitemapindex")
            .with_attribute(("xmlns", SITEMAP_NS))
            .write_inner_content(|xml| {
                for (file, lastmod, _) in &parts {
                    xml.create_element("sitemap").write_inner_content(|xml| {
                        leaf(xml, "loc", &absolute_url(&site.base_url, &format!("/{file}")))?;
                        if let Some(lastmod) = lastmod {
                            leaf(xml, "lastmod", lastmod)?;
                        }
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
        Ok(())
    });
    let mut out: Vec<(String, String)> = parts.into_iter().map(|(file, _, xml)| (file, xml)).collect();
    out.push((INDEX.into(), index));
    out
}

/// A sitemaps.org `urlset` with the namespaces `more`, holding what `write` writes.
fn urlset(more: &[(&str, &str)], write: impl FnOnce(&mut Xml) -> io::Result<()>) -> String {
    document(|xml| {
        let mut attributes = vec![("xmlns", SITEMAP_NS)];
        attributes.extend_from_slice(more);
        xml.create_element("urlset")
            .with_attributes(attributes)
            .write_inner_content(write)?;
        Ok(())
    })
}

/// The absolute URL of an article's page.
fn article_url(site: &Site, article: &Article) -> String {
    absolute_url(&site.base_url, &Route::Article(&article.slug).path())
}

/// `robots.txt`: every crawler may read everything (the images under `/content/` too, for
/// image search and link previews); the sitemap's URL.
/// The sitemap's URL is written with every character a URL may not hold as it is
/// percent-encoded (the validator refuses such a `base_url`; this keeps it so), so no value
/// can end its line and add a rule of its own.
pub fn robots(site: &Site) -> String {
    let sitemap: String = absolute_url(&site.base_url, &format!("/{INDEX}"))
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
fn news_entry(xml: &mut Xml, site: &Site, article: &Article) -> io::Result<()> {
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

    /// The files of [`sitemaps`], by path.
    fn files(c: &Catalogue, now: i64) -> std::collections::BTreeMap<String, String> {
        sitemaps(c, now, BASE).into_iter().collect()
    }

    /// The `(loc, lastmod)` of each `sitemap` of an index.
    fn index(xml: &str) -> Vec<(String, Option<String>)> {
        let root = read(xml);
        assert_eq!(
            (root.name.as_str(), root.ns.as_deref()),
            ("sitemapindex", Some(SITEMAP_NS))
        );
        root.all("sitemap")
            .map(|s| {
                (
                    s.one("loc").text.clone(),
                    s.text_of("lastmod").map(str::to_string),
                )
            })
            .collect()
    }

    fn locs_and_lastmods(xml: &str) -> Vec<(String, Option<String>)> {
        urls(&read(xml))
            .iter()
            .map(|(loc, url)| (loc.to_string(), url.text_of("lastmod").map(str::to_string)))
            .collect()
    }

    #[test]
    fn the_index_lists_the_parts_which_list_home_every_section_and_every_article_once_with_their_lastmod() {
        let catalogue = sample();
        let files = files(&catalogue, 0);
        let paths: Vec<&str> = files.keys().map(String::as_str).collect();
        assert_eq!(
            paths,
            [INDEX, "sitemaps/articles-1.xml", "sitemaps/pages.xml"],
            "no news in 1970"
        );
        let base = "https://khabar.example";
        let newest_of = |articles: Vec<&Article>| {
            articles
                .into_iter()
                .map(|a| a.updated.clone().unwrap_or_else(|| a.published.clone()))
                .max_by_key(|d| parse_rfc3339(d).unwrap())
        };
        let home = newest_of(catalogue.articles.iter().collect());
        // The sample has sections with updated articles and home's newest change is an update.
        assert_eq!(home.as_deref(), Some("2026-11-24T21:10:00+03:00"));
        assert_eq!(
            index(&files[INDEX]),
            [
                (format!("{base}/sitemaps/pages.xml"), home.clone()),
                (format!("{base}/sitemaps/articles-1.xml"), home.clone()),
            ]
        );
        let mut pages = vec![(format!("{base}/"), home)];
        for s in catalogue.sections() {
            let of_section = catalogue
                .articles
                .iter()
                .filter(|a| a.category.slug == s.slug)
                .collect();
            pages.push((format!("{base}/category/{}", s.slug), newest_of(of_section)));
        }
        assert_eq!(locs_and_lastmods(&files["sitemaps/pages.xml"]), pages);
        // The articles from the oldest, as the part is numbered.
        let articles: Vec<(String, Option<String>)> = catalogue
            .articles
            .iter()
            .rev()
            .map(|a| {
                let lastmod = a.updated.clone().unwrap_or_else(|| a.published.clone());
                (format!("{base}/article/{}", a.slug), Some(lastmod))
            })
            .collect();
        assert_eq!(locs_and_lastmods(&files["sitemaps/articles-1.xml"]), articles);
        assert_eq!(
            pages.len() + articles.len(),
            1 + 9 + 18,
            "home, nine sections, eighteen articles"
        );
        for (loc, lastmod) in pages.iter().chain(&articles) {
            let lastmod = lastmod
                .as_deref()
                .expect("every page of the sample has a lastmod");
            assert!(
                parse_rfc3339(lastmod).is_some(),
                "{loc}: {lastmod:?} is a W3C datetime"
            );
        }
        for xml in files.values() {
            assert!(!xml.contains("news:news"), "nothing is news in 1970");
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
        let files = files(&c, now);
        let root = read(&files["sitemaps/news.xml"]);
        let mut news_slugs = Vec::new();
        for (loc, url) in urls(&root) {
            let slug = loc
                .strip_prefix("https://news.example/article/")
                .expect("an article");
            let a = c.articles.iter().find(|a| a.slug == slug).unwrap();
            let news = url.one("news:news");
            assert_eq!(news.ns.as_deref(), Some(NEWS_NS));
            let publication = news.one("news:publication");
            assert_eq!(publication.text_of("news:name"), Some("خبر"));
            assert_eq!(publication.text_of("news:language"), Some("ar"));
            assert_eq!(news.text_of("news:publication_date"), Some(a.published.as_str()));
            assert_eq!(news.text_of("news:title"), Some(a.title.as_str()));
            news_slugs.push(slug);
        }
        assert_eq!(news_slugs, ["fresh", "edge"]);
        let listed: Vec<String> = index(&files[INDEX]).into_iter().map(|(loc, _)| loc).collect();
        assert!(listed.contains(&"https://news.example/sitemaps/news.xml".to_string()));
        assert!(!files["sitemaps/articles-1.xml"].contains("news:news"));

        let sample = sample();
        let newest = parse_rfc3339(&sample.articles[0].published).unwrap();
        let news_locs: Vec<String> = urls(&read(&files_of(&sample, newest + 3600)))
            .into_iter()
            .map(|(loc, _)| loc.to_string())
            .collect();
        assert_eq!(
            news_locs,
            [format!(
                "https://khabar.example/article/{}",
                sample.articles[0].slug
            )]
        );
    }

    fn files_of(c: &Catalogue, now: i64) -> String {
        files(c, now).remove("sitemaps/news.xml").expect("a news part")
    }

    /// An archive larger than a part: the oldest full part, then the rest; the news part holds
    /// the newest 1,000 of the articles of the last two days.
    #[test]
    fn parts_are_cut_from_the_oldest_and_news_holds_at_most_1000() {
        let sport = section("sport", "رياضة");
        let now = parse_rfc3339("2026-11-24T12:00:00+03:00").unwrap();
        let n = ARTICLES_PER_PART + 1;
        // One a second before now: every one of them is news.
        let articles = (0..n)
            .map(|i| {
                let at = chrono_like(now - i as i64);
                article(&format!("a{i}"), &sport, &at)
            })
            .collect();
        let c = catalogue("خبر", vec![sport], articles);
        let files = files(&c, now);
        let first = urls(&read(&files["sitemaps/articles-1.xml"])).len();
        let second: Vec<String> = urls(&read(&files["sitemaps/articles-2.xml"]))
            .into_iter()
            .map(|(loc, _)| loc.to_string())
            .collect();
        assert_eq!(
            (first, second),
            (
                ARTICLES_PER_PART,
                vec!["https://news.example/article/a0".to_string()]
            )
        );
        let news: Vec<String> = urls(&read(&files["sitemaps/news.xml"]))
            .into_iter()
            .map(|(loc, _)| loc.to_string())
            .collect();
        assert_eq!(news.len(), NEWS_MAX);
        assert_eq!(news[0], "https://news.example/article/a0", "the newest first");
        assert_eq!(index(&files[INDEX]).len(), 4, "pages, two article parts, news");
    }

    /// `unix` as RFC 3339 in UTC.
    fn chrono_like(unix: i64) -> String {
        let (days, secs) = (unix.div_euclid(86_400), unix.rem_euclid(86_400));
        let (y, m, d) = crate::content::validate::civil_from_days(days);
        format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
            secs / 3600,
            secs % 3600 / 60,
            secs % 60
        )
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
        let root = read(&files(&c, 0)["sitemaps/articles-1.xml"]);
        let images: Vec<(&str, &str)> = urls(&root)
            .into_iter()
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
                    "https://news.example/article/local",
                    "https://news.example/content/images/local.jpg"
                ),
                (
                    "https://news.example/article/rooted",
                    "https://news.example/static/b.png"
                ),
                (
                    "https://news.example/article/remote",
                    "https://img.example/a.webp?w=1200&h=675"
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
