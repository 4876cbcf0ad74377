//! A content folder that passed the validator, as the validator read it, with the listings
//! publishing derives from it. Its articles are held without their bodies (the bulk of an
//! archive: about 15 KB an article of 100,000), and its listings are made one file at a time
//! as they are written: publishing holds what every page needs, never every page.

use std::collections::HashMap;
use std::path::Path;

use crate::content::check::{self, Contents};
use crate::content::{listings, paths};
use crate::content::{Article, FeedPage, Section, Site};
use crate::route;

/// A content folder that passed the validator, read for publishing.
#[derive(Clone, Debug)]
pub struct Catalogue {
    /// `site.json`.
    pub site: Site,
    /// Every `articles/*.json` without its body, newest first (by `published`, then slug),
    /// each with `related` naming its related list when it has one. A page of an article is
    /// rendered from its file, read again ([`check::parse_article`]).
    pub articles: Vec<Article>,
    /// `site.json`'s pinned slugs.
    pinned: Vec<String>,
    /// The stories of each article's related list (indices into `articles`, in order).
    related: Vec<Vec<usize>>,
    /// Each article's index in `articles`, by slug.
    by_slug: HashMap<String, usize>,
    /// The fingerprint of each JSON file as the validator read it, by its path in the folder.
    pub fingerprints: HashMap<String, u64>,
}

/// A listing's compact JSON.
fn json(value: &impl serde::Serialize) -> Vec<u8> {
    serde_json::to_vec(value).expect("a listing serialises")
}

impl Catalogue {
    /// The catalogue of what [`check::check_folder`] read from a folder without problems, with
    /// the related stories of each article chosen.
    pub fn new(read: Contents) -> Catalogue {
        let Contents {
            site,
            pinned,
            mut articles,
            picks,
            fingerprints,
        } = read;
        articles.sort_by(|a, b| {
            let at = |x: &Article| crate::content::validate::parse_rfc3339(&x.published).unwrap_or(i64::MIN);
            at(b).cmp(&at(a)).then_with(|| a.slug.cmp(&b.slug))
        });
        let related = listings::related(&articles, &picks);
        for (article, chosen) in articles.iter_mut().zip(&related) {
            article.related = (!chosen.is_empty()).then(|| listings::related_file(&article.slug));
        }
        let by_slug = articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.slug.clone(), i))
            .collect();
        Catalogue {
            site,
            articles,
            pinned,
            related,
            by_slug,
            fingerprints,
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

    /// The listings' files, by their path in the content folder, each made as the iterator
    /// reaches it: every related list, then every feed page, as compact JSON.
    pub fn listing_files(&self) -> impl Iterator<Item = (String, Vec<u8>)> + '_ {
        let related = self
            .articles
            .iter()
            .zip(&self.related)
            .filter(|(_, chosen)| !chosen.is_empty())
            .map(|(article, chosen)| {
                let list = listings::related_list(&self.articles, chosen);
                (listings::related_file(&article.slug), json(&list))
            });
        related.chain(self.feeds().map(|(file, page)| (file, json(&page))))
    }

    /// Every feed page, home's then each section's, made one at a time.
    fn feeds(&self) -> impl Iterator<Item = (String, FeedPage)> + '_ {
        let sections = self.sections().map(|s| s.slug.as_str());
        listings::feeds(&self.articles, route::HOME, sections, &self.pinned)
    }

    /// An article's file as published: the editor's `bytes`, naming its related list if it
    /// has one (`content::listings::published_article`).
    pub fn published_article(&self, file: &str, bytes: &[u8]) -> Vec<u8> {
        listings::published_article(bytes, self.related_of(file))
    }

    /// The related list the article `file` (`articles/{slug}.json`) names once published.
    pub fn related_of(&self, file: &str) -> Option<&str> {
        let slug = file.strip_prefix("articles/")?.strip_suffix(".json")?;
        self.articles[*self.by_slug.get(slug)?].related.as_deref()
    }

    /// The page the feed of `home` or of a section starts at.
    pub fn first_feed_page(&self, section: &str) -> Option<FeedPage> {
        let (stories, pinned) = if section == route::HOME {
            let pinned = self
                .pinned
                .iter()
                .filter_map(|s| Some(&self.articles[*self.by_slug.get(s)?]));
            (self.articles.iter().collect(), pinned.collect())
        } else {
            (self.articles_of(Some(section)).collect(), Vec::new())
        };
        let (file, page) = listings::feed(section, stories, pinned).next()?;
        debug_assert_eq!(file, paths::first_feed_page(section));
        Some(page)
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
