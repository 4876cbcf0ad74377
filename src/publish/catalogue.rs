//! A content folder that passed the validator, as the validator read it: publishing reads and
//! parses every file once.

use std::collections::BTreeMap;
use std::path::Path;

use crate::content::check::{self, Contents};
use crate::content::paths;
use crate::content::{Article, FeedPage, Section, Site};
use crate::route;

/// A content folder that passed the validator, read for publishing.
#[derive(Clone, Debug)]
pub struct Catalogue {
    /// `site.json`.
    pub site: Site,
    /// Every `articles/*.json`, newest first (by `published`, then slug).
    pub articles: Vec<Article>,
    /// Every feed page, by its path in the folder (`feeds/{section}/{n}.json`).
    pub feed_pages: BTreeMap<String, FeedPage>,
}

impl Catalogue {
    /// The catalogue of what [`check::check_folder`] read from a folder without problems.
    pub fn new(read: Contents) -> Catalogue {
        let Contents {
            site,
            mut articles,
            feed_pages,
        } = read;
        articles.sort_by(|a, b| {
            let at = |x: &Article| crate::content::validate::parse_rfc3339(&x.published).unwrap_or(i64::MIN);
            at(b).cmp(&at(a)).then_with(|| a.slug.cmp(&b.slug))
        });
        Catalogue {
            site,
            articles,
            feed_pages,
        }
    }

    /// Checks the folder `dir` and reads it; the validator's messages if it has a problem.
    pub fn load(dir: &Path) -> Result<Catalogue, Vec<String>> {
        let report = check::check_folder(dir);
        match report.content {
            Some(read) => Ok(Catalogue::new(*read)),
            None => Err(report.problems.iter().map(ToString::to_string).collect()),
        }
    }

    /// The first page of the feed of `home` or of a section.
    pub fn first_feed_page(&self, section: &str) -> Option<&FeedPage> {
        self.feed_pages.get(&paths::first_feed_page(section))
    }

    /// The sections readers can open (`/category/{slug}`): the site's, without `home`.
    pub fn sections(&self) -> impl Iterator<Item = &Section> {
        self.site.sections.iter().filter(|s| s.slug != route::HOME)
    }

    /// The articles of one section, newest first; `None` is every article (home).
    pub fn articles_of<'a>(&'a self, section: Option<&'a str>) -> impl Iterator<Item = &'a Article> + 'a {
        self.articles
            .iter()
            .filter(move |a| section.is_none_or(|s| a.category.slug == s))
    }
}
