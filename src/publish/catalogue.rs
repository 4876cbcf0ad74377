//! A content folder that passed the validator, read for publishing.

use std::fs;
use std::path::Path;

use crate::content::parse;
use crate::content::{Article, Section, Site};

/// A content folder that passed the validator, read for publishing.
#[derive(Clone, Debug)]
pub struct Catalogue {
    /// `site.json`.
    pub site: Site,
    /// Every `articles/*.json`, newest first (by `published`, then slug).
    pub articles: Vec<Article>,
}

impl Catalogue {
    /// Reads `site.json` and every article of `dir`. Call it on a folder the validator
    /// accepted: a file that does not read is an error naming it.
    pub fn load(dir: &Path) -> Result<Catalogue, String> {
        let read = |rel: &str| {
            fs::read_to_string(dir.join(rel)).map_err(|e| format!("{}: {e}", dir.join(rel).display()))
        };
        let site: Site =
            parse::parse("site.json", &read("site.json")?).map_err(|e| format!("site.json: {e}"))?;
        let mut articles = Vec::new();
        let listing =
            fs::read_dir(dir.join("articles")).map_err(|e| format!("{}/articles: {e}", dir.display()))?;
        let mut names: Vec<String> = listing
            .flatten()
            .filter_map(|entry| entry.file_name().into_string().ok())
            .filter(|name| name.ends_with(".json"))
            .collect();
        names.sort();
        for name in names {
            let rel = format!("articles/{name}");
            let article: Article = parse::parse(&rel, &read(&rel)?).map_err(|e| format!("{rel}: {e}"))?;
            articles.push(article);
        }
        articles.sort_by(|a, b| {
            let at = |x: &Article| crate::content::validate::parse_rfc3339(&x.published).unwrap_or(i64::MIN);
            at(b).cmp(&at(a)).then_with(|| a.slug.cmp(&b.slug))
        });
        Ok(Catalogue { site, articles })
    }

    /// The sections readers can open (`/category/{slug}`): the site's, without `home`.
    pub fn sections(&self) -> impl Iterator<Item = &Section> {
        self.site.sections.iter().filter(|s| s.slug != "home")
    }

    /// The articles of one section, newest first; `None` is every article (home).
    pub fn articles_of<'a>(&'a self, section: Option<&'a str>) -> impl Iterator<Item = &'a Article> + 'a {
        self.articles
            .iter()
            .filter(move |a| section.is_none_or(|s| a.category.slug == s))
    }
}
