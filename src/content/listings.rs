//! The listings publishing writes from the articles (native only): every feed page, home's and
//! each section's, and each article's related list. Editors write `site.json`, the articles and
//! their pictures; a card is made from its article, so it cannot differ from it.
//!
//! **Feed pages are numbered from the oldest**, [`FEED_PAGE_SIZE`] stories each, so that a full
//! page never changes again: `feeds/{section}/1.json` holds a feed's oldest stories. Readers
//! start at `feeds/{section}/latest.json` ([`super::paths::first_feed_page`]): the stories not
//! yet on a full page, then the newest full page's, newest first, its `next` naming the full page
//! before. A new story changes `latest.json` and, once every [`FEED_PAGE_SIZE`] stories, writes
//! one new numbered page; no page that was already full. (A story given a date older than the
//! newest, or removed, moves every later story of its feed by one: each of those pages changes.)
//!
//! **Related lists**: an article's own `related_slugs` (hand-picked, in that order) wins.
//! Otherwise its list holds up to [`RELATED_MAX`] stories published before it that share its
//! section or a tag, those that share the most first, shown newest first. Only older stories, so
//! that a new story changes no list of the archive; an edited story changes the lists it is on.
//!
//! **Pinned**: `site.json`'s `pinned` names up to [`PINNED_MAX`] stories that home's
//! `latest.json` shows first, in that order; they are not repeated further down that page.

use std::collections::{HashMap, HashSet};

use super::model::{Article, Card, FeedPage, RelatedList};

/// The stories on one feed page (the first screen of a phone shows about two).
pub const FEED_PAGE_SIZE: usize = 6;

/// The most stories in a related list: the related-news section shows them in one row.
pub const RELATED_MAX: usize = 4;

/// The most stories home pins at its top.
pub const PINNED_MAX: usize = 3;

/// How many of the newest older stories of each of its tags, and of its section, an article's
/// related list is chosen from: it bounds the work to about 50 candidates a tag, at 100,000
/// articles as at 20.
const CANDIDATES: usize = 50;

/// The feed page file `n` (from 1, the oldest) of `section`.
pub fn feed_page_file(section: &str, n: usize) -> String {
    format!("feeds/{section}/{n}.json")
}

/// The related list file of an article.
pub fn related_file(slug: &str) -> String {
    format!("related/{slug}.json")
}

/// The card of an article: its headline, its summary as the teaser, its hero picture.
pub fn card(article: &Article) -> Card {
    Card {
        slug: article.slug.clone(),
        title: article.title.clone(),
        teaser: article.summary.clone(),
        image: article.hero.image.clone(),
        category: article.category.clone(),
        published: article.published.clone(),
    }
}

/// The pages of one feed, `(file, page)`, `latest.json` first, then the numbered pages from the
/// oldest, each made as the iterator reaches it (a feed of 100,000 stories is never held as
/// cards at once). `stories` is the feed's articles, newest first; `pinned`, stories shown
/// first on `latest.json` (home's), in order.
pub fn feed<'a>(
    section: &'a str,
    stories: Vec<&'a Article>,
    pinned: Vec<&'a Article>,
) -> impl Iterator<Item = (String, FeedPage)> + 'a {
    let full = stories.len() / FEED_PAGE_SIZE;
    let open = stories.len() % FEED_PAGE_SIZE;
    let next = move |n: usize| (n >= 1).then(|| feed_page_file(section, n));
    let page = move |items: Vec<Card>, next: Option<String>| FeedPage {
        section: section.to_string(),
        items,
        next,
    };
    (0..=full).map(move |n| {
        if n == 0 {
            let pinned_slugs: HashSet<&str> = pinned.iter().map(|a| a.slug.as_str()).collect();
            let newest = &stories[..open + if full > 0 { FEED_PAGE_SIZE } else { 0 }];
            let items = pinned
                .iter()
                .chain(newest.iter().filter(|a| !pinned_slugs.contains(a.slug.as_str())))
                .map(|a| card(a))
                .collect();
            (
                super::paths::first_feed_page(section),
                page(items, next(full.saturating_sub(1))),
            )
        } else {
            // Page n holds the stories from (n - 1) × size to n × size, counted from the oldest.
            let end = stories.len() - (n - 1) * FEED_PAGE_SIZE;
            let items = stories[end - FEED_PAGE_SIZE..end]
                .iter()
                .map(|a| card(a))
                .collect();
            (feed_page_file(section, n), page(items, next(n - 1)))
        }
    })
}

/// The stories of each article's related list, by index into `articles` (newest first), in the
/// list's order: empty for an article without one. `picks` holds the hand-picked slugs of the
/// articles that have them. The lists themselves are made with [`related_list`], one at a
/// time.
pub fn related(articles: &[Article], picks: &HashMap<String, Vec<String>>) -> Vec<Vec<usize>> {
    let at: HashMap<&str, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.slug.as_str(), i))
        .collect();
    // Every tag's and section's articles, by index: newest first, as `articles`.
    let mut by_tag: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_section: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, a) in articles.iter().enumerate() {
        by_section.entry(a.category.slug.as_str()).or_default().push(i);
        for t in unique(&a.tags) {
            by_tag.entry(t).or_default().push(i);
        }
    }
    let choose = |i: usize, article: &Article| -> Vec<usize> {
        if let Some(slugs) = picks.get(&article.slug) {
            return slugs.iter().filter_map(|s| at.get(s.as_str()).copied()).collect();
        }
        let older = |list: &Vec<usize>| {
            let from = list.partition_point(|&j| j <= i);
            list[from..]
                .iter()
                .take(CANDIDATES)
                .copied()
                .collect::<Vec<usize>>()
        };
        let tags: Vec<&str> = unique(&article.tags).collect();
        let mut candidates: Vec<usize> = tags
            .iter()
            .flat_map(|t| older(&by_tag[t]))
            .chain(older(&by_section[article.category.slug.as_str()]))
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let score = |j: usize| {
            let other = &articles[j];
            let shared = unique(&other.tags).filter(|t| tags.contains(t)).count();
            shared + usize::from(other.category.slug == article.category.slug)
        };
        // The most shared first, then the newest (the smaller index); then newest first.
        candidates.sort_by_cached_key(|&j| (std::cmp::Reverse(score(j)), j));
        candidates.truncate(RELATED_MAX);
        candidates.sort_unstable();
        candidates
    };
    articles.iter().enumerate().map(|(i, a)| choose(i, a)).collect()
}

/// The related list of stories `chosen` (indices into `articles`, from [`related`]).
pub fn related_list(articles: &[Article], chosen: &[usize]) -> RelatedList {
    RelatedList {
        items: chosen.iter().map(|&j| card(&articles[j])).collect(),
    }
}

/// The tags of an article, each once, in order. (An article has a few: looking back along
/// them is cheaper than a set, which cost most of the time of choosing 20,000 lists.)
fn unique(tags: &[String]) -> impl Iterator<Item = &str> {
    tags.iter()
        .enumerate()
        .filter(|&(k, t)| !tags[..k].contains(t))
        .map(|(_, t)| t.as_str())
}

/// Every feed page of a site, made one at a time: home's (the feed named `home`), with
/// `pinned` first, then each section's (`sections`, without home). `articles` is newest first.
pub fn feeds<'a>(
    articles: &'a [Article],
    home: &'a str,
    sections: impl Iterator<Item = &'a str> + 'a,
    pinned: &[String],
) -> impl Iterator<Item = (String, FeedPage)> + 'a {
    let pins: Vec<&Article> = pinned
        .iter()
        .filter_map(|s| articles.iter().find(|a| &a.slug == s))
        .collect();
    let all: Vec<&Article> = articles.iter().collect();
    feed(home, all, pins).chain(sections.flat_map(move |section| {
        let of: Vec<&Article> = articles.iter().filter(|a| a.category.slug == section).collect();
        feed(section, of, Vec::new())
    }))
}

/// The article's JSON as published: the editor's bytes, with `"related"` naming its list when
/// it has one (the editor's file has no `related`: the validator refuses it). Everything else,
/// fields this version does not know included, is kept byte for byte.
pub fn published_article(bytes: &[u8], related: Option<&str>) -> Vec<u8> {
    let Some(path) = related else {
        return bytes.to_vec();
    };
    let Some(at) = bytes.iter().position(|&b| b == b'{') else {
        return bytes.to_vec();
    };
    let field = format!("\"related\":{},", serde_json::Value::from(path));
    let mut out = Vec::with_capacity(bytes.len() + field.len());
    out.extend_from_slice(&bytes[..=at]);
    out.extend_from_slice(field.as_bytes());
    out.extend_from_slice(&bytes[at + 1..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::{Figure, Image, Section};

    fn article(slug: &str, section: &str, day: u32, tags: &[&str]) -> Article {
        Article {
            slug: slug.into(),
            title: format!("عنوان {slug}"),
            summary: format!("ملخص {slug}"),
            category: Section {
                slug: section.into(),
                label: section.into(),
            },
            published: format!("2026-11-{day:02}T10:00:00+03:00"),
            updated: None,
            authors: Vec::new(),
            reading_minutes: None,
            hero: Figure {
                image: Image {
                    src: format!("images/{slug}.svg"),
                    srcset: None,
                    sizes: None,
                    width: 1200,
                    height: 675,
                    alt: "صورة".into(),
                },
                caption: "تعليق".into(),
                credit: None,
            },
            body: Vec::new(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            related: None,
        }
    }

    /// `n` articles of one section, newest first: `a{n}` (day n) down to `a1`.
    fn stories(n: usize) -> Vec<Article> {
        (1..=n)
            .rev()
            .map(|i| article(&format!("a{i}"), "news", i as u32, &[]))
            .collect()
    }

    /// The non-empty related lists of `all`, by slug.
    fn lists_of(all: &[Article], picks: &HashMap<String, Vec<String>>) -> HashMap<String, RelatedList> {
        all.iter()
            .zip(related(all, picks))
            .filter(|(_, chosen)| !chosen.is_empty())
            .map(|(a, chosen)| (a.slug.clone(), related_list(all, &chosen)))
            .collect()
    }

    fn slugs(page: &FeedPage) -> Vec<&str> {
        page.items.iter().map(|c| c.slug.as_str()).collect()
    }

    #[test]
    fn pages_are_numbered_from_the_oldest_and_latest_holds_the_open_and_newest_full_page() {
        let all = stories(14);
        let refs: Vec<&Article> = all.iter().collect();
        let pages: Vec<(String, FeedPage)> = feed("news", refs, Vec::new()).collect();
        let files: Vec<&str> = pages.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            files,
            ["feeds/news/latest.json", "feeds/news/1.json", "feeds/news/2.json"]
        );
        let (latest, one, two) = (&pages[0].1, &pages[1].1, &pages[2].1);
        assert_eq!(
            slugs(latest),
            ["a14", "a13", "a12", "a11", "a10", "a9", "a8", "a7"]
        );
        assert_eq!(latest.next.as_deref(), Some("feeds/news/1.json"));
        assert_eq!(slugs(two), ["a12", "a11", "a10", "a9", "a8", "a7"]);
        assert_eq!(two.next.as_deref(), Some("feeds/news/1.json"));
        assert_eq!(slugs(one), ["a6", "a5", "a4", "a3", "a2", "a1"]);
        assert_eq!(one.next, None);
    }

    #[test]
    fn a_new_story_changes_latest_and_at_most_one_new_page() {
        for n in 1..40 {
            let before: HashMap<String, FeedPage> = {
                let all = stories(n);
                feed("news", all.iter().collect(), Vec::new()).collect()
            };
            let all = stories(n + 1);
            let after: Vec<(String, FeedPage)> = feed("news", all.iter().collect(), Vec::new()).collect();
            let changed: Vec<&str> = after
                .iter()
                .filter(|(f, p)| before.get(f) != Some(p))
                .map(|(f, _)| f.as_str())
                .collect();
            assert!(
                changed.len() <= 2 && changed[0].ends_with("latest.json"),
                "{n}: {changed:?}"
            );
            // The chain from latest reaches every story once, newest first.
            let by_file: HashMap<&str, &FeedPage> = after.iter().map(|(f, p)| (f.as_str(), p)).collect();
            let (mut seen, mut at) = (Vec::new(), Some("feeds/news/latest.json".to_string()));
            while let Some(file) = at {
                let page = by_file[file.as_str()];
                seen.extend(slugs(page).into_iter().map(String::from));
                at = page.next.clone();
            }
            let want: Vec<String> = all.iter().map(|a| a.slug.clone()).collect();
            assert_eq!(seen, want, "{n}");
        }
    }

    #[test]
    fn pinned_stories_come_first_on_latest_only_once() {
        let all = stories(8);
        let refs: Vec<&Article> = all.iter().collect();
        let pages: Vec<(String, FeedPage)> = feed("home", refs, vec![&all[3], &all[0]]).collect();
        assert_eq!(
            slugs(&pages[0].1),
            ["a5", "a8", "a7", "a6", "a4", "a3", "a2", "a1"]
        );
        // The numbered pages stay in order of time, pins or not.
        assert_eq!(slugs(&pages[1].1), ["a6", "a5", "a4", "a3", "a2", "a1"]);
    }

    #[test]
    fn an_empty_feed_has_an_empty_latest_page() {
        let pages: Vec<(String, FeedPage)> = feed("sport", Vec::new(), Vec::new()).collect();
        assert_eq!(pages.len(), 1);
        assert!(pages[0].1.items.is_empty() && pages[0].1.next.is_none());
    }

    #[test]
    fn related_lists_hold_older_stories_that_share_the_most_newest_first() {
        let all = vec![
            article("new", "politics", 20, &["البرلمان", "الموازنة"]),
            article("both-tags", "economy", 18, &["الموازنة", "البرلمان"]),
            article("same-section", "politics", 17, &[]),
            article("one-tag", "sport", 16, &["البرلمان"]),
            article("nothing", "sport", 15, &["كرة"]),
            article("section-and-tag", "politics", 10, &["الموازنة"]),
            article("old-section", "politics", 5, &[]),
        ];
        let lists = lists_of(&all, &HashMap::new());
        let of = |slug: &str| {
            lists[slug]
                .items
                .iter()
                .map(|c| c.slug.clone())
                .collect::<Vec<_>>()
        };
        // Scores: both-tags 2, section-and-tag 2, same-section 1, one-tag 1, old-section 1.
        assert_eq!(
            of("new"),
            ["both-tags", "same-section", "one-tag", "section-and-tag"]
        );
        // Never itself, never a newer story.
        assert_eq!(of("same-section"), ["section-and-tag", "old-section"]);
        assert!(!lists.contains_key("nothing") && !lists.contains_key("old-section"));
        // A card is its article's.
        assert_eq!(lists["new"].items[0], card(&all[1]));
    }

    #[test]
    fn hand_picked_related_stories_win_in_their_order() {
        let all = vec![
            article("c", "news", 3, &["x"]),
            article("b", "news", 2, &["x"]),
            article("a", "news", 1, &["x"]),
        ];
        let picks = HashMap::from([("a".to_string(), vec!["c".to_string(), "b".to_string()])]);
        let lists = lists_of(&all, &picks);
        let picked: Vec<&str> = lists["a"].items.iter().map(|c| c.slug.as_str()).collect();
        assert_eq!(picked, ["c", "b"]);
    }

    #[test]
    fn the_published_article_names_its_list_and_keeps_every_other_byte() {
        let editor = b"\xEF\xBB\xBF {\"slug\":\"a\",\"future\":[1]}";
        let out = published_article(editor, Some("related/a.json"));
        assert_eq!(
            out,
            b"\xEF\xBB\xBF {\"related\":\"related/a.json\",\"slug\":\"a\",\"future\":[1]}"
        );
        assert_eq!(published_article(editor, None), editor);
    }
}
