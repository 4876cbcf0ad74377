//! Checks a whole content folder offline (`make check-content`) and returns what it read.
//! Native only: the web build never compiles it.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::fs;
use std::io::Read;
use std::path::Path;

use super::listings::{PINNED_MAX, RELATED_MAX};
use super::model::{Article, Site};
use super::parse::{self, unknown_parts};
use super::read::{Content, Unreadable};
use super::validate::{self, Folder, Issue};

/// A problem in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Path of the file relative to the content folder, with `/`.
    pub file: String,
    pub issue: Issue,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.issue)
    }
}

/// What `check_folder` found.
#[derive(Debug, Default)]
pub struct Report {
    /// JSON files read.
    pub files: usize,
    pub problems: Vec<Problem>,
    /// Things an older app would skip (unknown block types) and hidden files left out.
    pub warnings: Vec<String>,
    /// The files of the format, relative to the folder with `/`, sorted: what publishing
    /// copies. Hidden files and folders (a name starting with a dot: `.git`, `.DS_Store`) are
    /// not among them; any other file is a problem (see [`format_file`]).
    pub files_of_format: Vec<String>,
    /// What it read, typed, when the folder has no problem: publishing publishes from it,
    /// so that every file is read and parsed once.
    pub content: Option<Box<Contents>>,
}

/// The text of an article of a folder that [`check_folder`] found valid, read again whole: its
/// body included, which the check's [`Contents`] leaves out.
pub fn parse_article(text: &str) -> Result<Article, String> {
    parse_at::<Article>(text).map_err(|i| format!("{}: {}", i.path, i.message))
}

/// A content folder's JSON, as [`check_folder`] read it: every article without its body.
#[derive(Clone, Debug)]
pub struct Contents {
    /// `site.json`.
    pub site: Site,
    /// `site.json`'s `pinned`: the slugs of the stories home shows first.
    pub pinned: Vec<String>,
    /// Every `articles/*.json`, by file name, without its body ([`parse_article`] reads it).
    pub articles: Vec<Article>,
    /// The articles' own `related_slugs`, by the article's slug (only those that have them).
    pub picks: HashMap<String, Vec<String>>,
    /// A fingerprint ([`fingerprint`]) of each JSON file as the check read it, by its path:
    /// publishing copies a file only if it still has it, and reads again only what changed.
    pub fingerprints: HashMap<String, u64>,
}

/// A 64-bit fingerprint of some byte strings (each with its length, so that the cut between
/// them counts). Not a defence against an attacker (editors write the files): a way to tell a
/// changed file or page from an unchanged one.
pub fn fingerprint(parts: &[&[u8]]) -> u64 {
    use std::hash::Hasher;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for part in parts {
        hasher.write_usize(part.len());
        hasher.write(part);
    }
    hasher.finish()
}

/// What an editor writes in `site.json` beside the app's fields (publishing reads it).
#[derive(serde::Deserialize, Default)]
struct EditorSite {
    #[serde(default)]
    pinned: Option<Vec<String>>,
}

/// What an editor writes in an article beside the app's fields (publishing reads it).
#[derive(serde::Deserialize, Default)]
struct EditorArticle {
    #[serde(default)]
    related_slugs: Option<Vec<String>>,
}

/// The editor's fields of a file, `T`, read from its text: the issue at `field` when one has
/// the wrong type.
fn editor_fields<T: serde::de::DeserializeOwned + Default>(text: &str, field: &str) -> Result<T, Issue> {
    serde_json::from_str(text).map_err(|e| Issue {
        path: field.into(),
        message: format!("must be a list of article slugs ({e})"),
    })
}

/// The stories an editor names in a list of slugs (`pinned`, `related_slugs`): each an article
/// of the folder, once, and at most `max` of them.
fn slug_list(
    field: &str,
    slugs: &[String],
    max: usize,
    not: Option<&str>,
    articles: &HashSet<String>,
) -> Vec<Issue> {
    let mut issues = Vec::new();
    let mut issue = |path: String, message: String| issues.push(Issue { path, message });
    if slugs.len() > max {
        issue(
            field.into(),
            format!("names {} stories; at most {max}", slugs.len()),
        );
    }
    for (i, slug) in slugs.iter().enumerate() {
        let path = format!("{field}[{i}]");
        if !articles.contains(slug) {
            issue(
                path,
                format!("{slug:?} names no article (no articles/{slug}.json)"),
            );
        } else if Some(slug.as_str()) == not {
            issue(path, format!("{slug:?} is this article itself"));
        } else if slugs[..i].contains(slug) {
            issue(path, format!("{slug:?} is named twice"));
        }
    }
    issues
}

/// Why a file of `feeds/` or `related/` is refused: publishing writes them now.
const DERIVED: &str = "is written by publishing, from the articles: delete it \
    (home's pinned stories are site.json's \"pinned\", an article's hand-picked related stories its \
    \"related_slugs\"; docs/content-format.md, \"Moving from hand-written feeds\")";

/// The picture types a content folder may hold, by file ending (lowercase): those browsers
/// show in an `<img>`, none of which runs a script there. deploy/nginx/khabar.conf serves
/// `/content/` with these types and JSON only.
pub const IMAGE_TYPES: [&str; 7] = ["svg", "png", "jpg", "jpeg", "webp", "avif", "gif"];

/// What a file of a content folder is, by its path (relative, with `/`): `Some` for the
/// format's JSON files that editors write (`site.json`, `articles/{slug}.json`) and pictures
/// of [`IMAGE_TYPES`] anywhere; `None` for anything else (a script, a page, a style sheet,
/// notes, a JSON file elsewhere, the feeds and related lists that publishing writes), which is
/// never published.
pub fn format_file(file: &str) -> Option<&'static str> {
    let parts: Vec<&str> = file.split('/').collect();
    let json = |name: &str| name.len() > ".json".len() && name.ends_with(".json");
    match parts.as_slice() {
        ["site.json"] => return Some("site"),
        ["articles", name] if json(name) => return Some("article"),
        ["feeds" | "related", ..] => return None,
        _ => {}
    }
    let name = parts.last()?;
    let (stem, ending) = name.rsplit_once('.')?;
    (!stem.is_empty() && IMAGE_TYPES.contains(&ending.to_ascii_lowercase().as_str())).then_some("image")
}

/// The message for a file [`format_file`] does not know.
const NOT_OF_FORMAT: &str = "is not a file of the content format, and would be published as it is: \
    a content folder holds site.json, articles/{slug}.json and pictures (svg, png, jpg, jpeg, webp, avif, gif); move it out of the folder";

pub use super::limits::MAX_FILE_BYTES;

const SYMLINK: &str = "is a symbolic link: content files must be plain files";

/// Why a file that is not a folder must not be read, if it must not: it is a symbolic link
/// (which could lead out of the folder), not a regular file (a pipe would never end), or over
/// [`MAX_FILE_BYTES`]. `meta` must not follow links (`fs::symlink_metadata`).
fn refusal(meta: &fs::Metadata) -> Option<String> {
    let kind = meta.file_type();
    if kind.is_symlink() {
        Some(SYMLINK.into())
    } else if !kind.is_file() {
        Some("is not a plain file or folder".into())
    } else if meta.len() > MAX_FILE_BYTES {
        Some(format!("is {} bytes, over the 5 MB limit", meta.len()))
    } else {
        None
    }
}

/// The files of a content folder, found without following symbolic links.
#[derive(Default)]
struct Listing {
    /// Regular files (over the size limit included: they exist), relative to the root, with
    /// `/`, sorted.
    files: Vec<String>,
    /// Symbolic links, other non-regular files, files over the size limit, and folders or
    /// entries that could not be read. None of these files is read.
    problems: Vec<Problem>,
    /// Hidden files and folders (a name starting with a dot), neither read, entered nor
    /// published: an editor's `.git`, `.DS_Store`, `.draft-notes.txt`.
    hidden: Vec<String>,
}

fn list_files(root: &Path) -> Listing {
    fn relative(root: &Path, path: &Path) -> String {
        match path.strip_prefix(root) {
            Ok(rel) if !rel.as_os_str().is_empty() => rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
            _ => path.display().to_string(),
        }
    }
    fn walk(root: &Path, dir: &Path, out: &mut Listing) {
        let mut problem = |path: &Path, message: String| {
            out.problems.push(Problem {
                file: relative(root, path),
                issue: Issue {
                    path: String::new(),
                    message,
                },
            })
        };
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => return problem(dir, format!("cannot be read: {e}")),
        };
        let mut folders = Vec::new();
        for entry in entries {
            // `DirEntry::file_type` and `DirEntry::metadata` do not follow symbolic links.
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    problem(dir, format!("has an entry that cannot be read: {e}"));
                    continue;
                }
            };
            let path = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                out.hidden.push(relative(root, &path));
                continue;
            }
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => folders.push(path),
                Ok(_) => match entry.metadata() {
                    Ok(meta) => {
                        if let Some(message) = refusal(&meta) {
                            problem(&path, message);
                        }
                        if meta.is_file() {
                            out.files.push(relative(root, &path));
                        }
                    }
                    Err(e) => problem(&path, format!("cannot be read: {e}")),
                },
                Err(e) => problem(&path, format!("cannot be read: {e}")),
            }
        }
        for folder in folders {
            walk(root, &folder, out);
        }
    }
    let mut out = Listing::default();
    walk(root, root, &mut out);
    out.files.sort();
    out.hidden.sort();
    out.problems.sort_by(|a, b| a.file.cmp(&b.file));
    out
}

/// Validates every file of the content folder at `root`: each is read, typed and checked,
/// and references across files (see-also and card slugs, `next`, `related`, image files,
/// sections) must resolve.
pub fn check_folder(root: &Path) -> Report {
    let mut report = Report::default();
    if !root.is_dir() {
        report.problems.push(Problem {
            file: root.display().to_string(),
            issue: Issue {
                path: String::new(),
                message: "is not a folder".into(),
            },
        });
        return report;
    }
    let listing = list_files(root);
    // Files reported by the listing (links, special files, too large) are not read.
    let refused: HashSet<String> = listing.problems.iter().map(|p| p.file.clone()).collect();
    report.problems = listing.problems;
    let files = listing.files;
    let mut warnings: Vec<String> = listing
        .hidden
        .iter()
        .map(|f| format!("{f}: hidden (its name starts with a dot): not checked, not published"))
        .collect();
    for file in files.iter().filter(|f| format_file(f).is_none()) {
        report.problems.push(Problem {
            file: file.clone(),
            issue: Issue {
                path: String::new(),
                message: if file.starts_with("feeds/") || file.starts_with("related/") {
                    DERIVED.into()
                } else {
                    NOT_OF_FORMAT.into()
                },
            },
        });
    }
    report.files_of_format = files
        .iter()
        .filter(|f| format_file(f).is_some())
        .cloned()
        .collect();
    let articles: HashSet<String> = files
        .iter()
        .filter_map(|f| f.strip_prefix("articles/")?.strip_suffix(".json"))
        .filter(|f| !f.contains('/'))
        .map(str::to_string)
        .collect();
    let mut problem = |file: &str, path: &str, message: String| {
        report.problems.push(Problem {
            file: file.to_string(),
            issue: Issue {
                path: path.to_string(),
                message,
            },
        })
    };

    let site_text = if refused.contains("site.json") {
        None
    } else {
        read_text(root, "site.json")
            .inspect_err(|i| problem("site.json", &i.path, i.message.clone()))
            .ok()
    };
    let site: Option<Site> = site_text.as_deref().and_then(|text| {
        parse_at(text)
            .inspect_err(|i: &Issue| problem("site.json", &i.path, i.message.clone()))
            .ok()
    });
    let folder = Folder {
        articles: Some(articles),
        sections: site
            .as_ref()
            .map(|s| s.sections.iter().map(|s| s.slug.clone()).collect()),
        files: Some(files.iter().cloned().collect()),
    };
    if let Some(site) = &site {
        for i in validate::validate_site(site, &folder) {
            problem("site.json", &i.path, i.message);
        }
    }
    let mut pinned = Vec::new();
    let mut fingerprints = HashMap::new();
    if let (Some(_), Some(text)) = (&site, &site_text) {
        fingerprints.insert("site.json".to_string(), fingerprint(&[text.as_bytes()]));
        match editor_fields::<EditorSite>(text, "pinned") {
            Ok(editor) => pinned = editor.pinned.unwrap_or_default(),
            Err(i) => problem("site.json", &i.path, i.message),
        }
        let known = folder.articles.as_ref().expect("listed");
        for i in slug_list("pinned", &pinned, PINNED_MAX, None, known) {
            problem("site.json", &i.path, i.message);
        }
    }

    let mut read_articles = Vec::new();
    let mut picks = HashMap::new();
    let json: Vec<&String> = files
        .iter()
        .filter(|f| {
            f.ends_with(".json")
                && format_file(f).is_some()
                && f.as_str() != "site.json"
                && !refused.contains(*f)
        })
        .collect();
    for (file, checked) in json.iter().zip(on_every_core(&json, 64, |file| {
        check_article(root, file, &folder)
    })) {
        report.files += 1;
        match checked {
            Ok(article) => {
                warnings.extend(article.warnings);
                article
                    .issues
                    .into_iter()
                    .for_each(|i| problem(file, &i.path, i.message));
                if let Some(slugs) = article.picks {
                    picks.insert(article.article.slug.clone(), slugs);
                }
                fingerprints.insert((*file).clone(), article.fingerprint);
                read_articles.push(article.article);
            }
            Err(i) => problem(file, &i.path, i.message),
        }
    }
    report.files += usize::from(site.is_some());
    report.warnings = warnings;
    if report.problems.is_empty() {
        report.content = site.map(|site| {
            Box::new(Contents {
                site,
                pinned,
                articles: read_articles,
                picks,
                fingerprints,
            })
        });
    }
    report
}

/// One article as [`check_article`] read it.
struct Checked {
    /// Without its body.
    article: Article,
    /// The [`fingerprint`] of its text.
    fingerprint: u64,
    picks: Option<Vec<String>>,
    issues: Vec<Issue>,
    warnings: Vec<String>,
}

/// Reads, types and checks the article `file` (`articles/{name}`); its body is left out of
/// what it returns (publishing reads it again for the pages it renders: held for 100,000
/// articles, the bodies would be most of a gigabyte and a half).
fn check_article(root: &Path, file: &str, folder: &Folder) -> Result<Checked, Issue> {
    let name = file.strip_prefix("articles/").unwrap_or(file);
    let text = read_text(root, file)?;
    let mut article: Article = parse_at(&text)?;
    let warnings = unknown_parts(file, &article);
    // The app's `related` names a file; editors no longer write one.
    let named = article.related.take();
    let mut issues = validate::validate_article(&article, folder);
    if named.is_some() {
        issues.push(Issue {
            path: "related".into(),
            message: "publishing writes each article's related list now: remove \"related\" \
                      (hand-picked stories are listed by slug in \"related_slugs\"; \
                      docs/content-format.md, \"Moving from hand-written feeds\")"
                .into(),
        });
    }
    if name.strip_suffix(".json") != Some(article.slug.as_str()) {
        issues.push(Issue {
            path: "slug".into(),
            message: format!("{:?} must equal the file name {name}", article.slug),
        });
    }
    // Read a second time only when it is there at all: most articles have none, and the
    // parse costs as much as the article's.
    let editor: EditorArticle = if text.contains("related_slugs") {
        editor_fields(&text, "related_slugs")?
    } else {
        EditorArticle::default()
    };
    if let Some(slugs) = &editor.related_slugs {
        let known = folder.articles.as_ref().expect("listed");
        issues.extend(slug_list(
            "related_slugs",
            slugs,
            RELATED_MAX,
            Some(&article.slug),
            known,
        ));
    }
    article.body = Vec::new();
    Ok(Checked {
        fingerprint: fingerprint(&[text.as_bytes()]),
        article,
        picks: editor.related_slugs,
        issues,
        warnings,
    })
}

/// `f` of each item, in order, computed on every core (an archive's articles are read and
/// checked two at a time on two cores; publishing compresses its files so), or on this thread
/// alone for fewer than `at_least` items, where threads would cost more than they save.
pub fn on_every_core<T: Sync, R: Send>(items: &[T], at_least: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if cores == 1 || items.len() < at_least {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(cores);
    let f = &f;
    std::thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<R>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a worker does not panic"))
            .collect()
    })
}

/// Reads a file of the folder, refusing what [`refusal`] refuses even if the file changed
/// since it was listed, and never more than [`MAX_FILE_BYTES`].
fn read_text(root: &Path, file: &str) -> Result<String, Issue> {
    let issue = |message| Issue {
        path: String::new(),
        message,
    };
    let path = root.join(file);
    let meta = fs::symlink_metadata(&path).map_err(|e| issue(format!("cannot be read: {e}")))?;
    if let Some(message) = refusal(&meta) {
        return Err(issue(message));
    }
    let mut bytes = Vec::new();
    fs::File::open(&path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| issue(format!("cannot be read: {e}")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(issue("is over the 5 MB limit".into()));
    }
    decode(bytes).map_err(issue)
}

/// The text of a content file, which must be UTF-8 without a byte-order mark. Browsers would
/// read a file with a BOM (and replace bytes that are not UTF-8 with U+FFFD), but JSON parsers
/// refuse a BOM, with a message about the first character that names no cause.
fn decode(bytes: Vec<u8>) -> Result<String, String> {
    if let Some(bom) = [&b"\xEF\xBB\xBF"[..], b"\xFF\xFE", b"\xFE\xFF"]
        .into_iter()
        .find(|bom| bytes.starts_with(bom))
    {
        let encoding = if bom.len() == 3 { "UTF-8" } else { "UTF-16" };
        return Err(format!(
            "starts with a {encoding} byte-order mark: save it as UTF-8 without a BOM"
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        match e.utf8_error().error_len() {
            Some(_) => format!(
                "is not UTF-8: byte {at} (0x{:02X}) does not begin or continue a character",
                e.as_bytes()[at]
            ),
            None => format!("is not UTF-8: it ends inside a character, at byte {at}"),
        }
    })
}

fn parse_at<T: Content>(text: &str) -> Result<T, Issue> {
    parse::deserialize(text).map_err(|e| match e {
        Unreadable::Shape { path, detail } => Issue {
            path: if path == "." { String::new() } else { path },
            message: detail,
        },
        Unreadable::NotJson(detail) => Issue {
            path: String::new(),
            message: format!("is not JSON: {detail}"),
        },
    })
}

#[cfg(test)]
fn read<T: Content>(root: &Path, file: &str) -> Result<T, Issue> {
    parse_at(&read_text(root, file)?)
}

/// Writes into the valid content folder `root` the listings publishing derives from it, as in
/// a published folder (tests).
#[cfg(test)]
pub(crate) fn write_listings(root: &Path) {
    use super::listings;
    let read = check_folder(root).content.expect("a valid folder");
    let mut articles = read.articles;
    articles.sort_by_key(|a| std::cmp::Reverse(validate::parse_rfc3339(&a.published)));
    let sections = read
        .site
        .sections
        .iter()
        .map(|s| s.slug.as_str())
        .filter(|s| *s != "home");
    let mut files: Vec<(String, Vec<u8>)> = listings::feeds(&articles, "home", sections, &read.pinned)
        .map(|(f, page)| (f, serde_json::to_vec(&page).unwrap()))
        .collect();
    for (article, chosen) in articles.iter().zip(listings::related(&articles, &read.picks)) {
        if !chosen.is_empty() {
            let list = listings::related_list(&articles, &chosen);
            files.push((
                listings::related_file(&article.slug),
                serde_json::to_vec(&list).unwrap(),
            ));
        }
    }
    for (file, bytes) in files {
        fs::create_dir_all(root.join(&file).parent().unwrap()).unwrap();
        fs::write(root.join(file), bytes).unwrap();
    }
}

/// Checks one file of the app's listings (a feed page, a related list) in a published folder
/// `root`, against the folder's other files (tests).
#[cfg(test)]
pub(crate) fn check_listing(root: &Path, file: &str) -> Report {
    use super::model::{FeedPage, RelatedList};
    let listing = list_files(root);
    let site: Site = read(root, "site.json").expect("the sample site");
    let folder = Folder {
        articles: Some(
            listing
                .files
                .iter()
                .filter_map(|f| Some(f.strip_prefix("articles/")?.strip_suffix(".json")?.to_string()))
                .collect(),
        ),
        sections: Some(site.sections.iter().map(|s| s.slug.clone()).collect()),
        files: Some(listing.files.iter().cloned().collect()),
    };
    let issues = match file.split('/').collect::<Vec<_>>().as_slice() {
        ["feeds", section, _] => read::<FeedPage>(root, file).map(|page| {
            let mut issues = validate::validate_feed(&page, &folder);
            if page.section != *section {
                issues.push(Issue {
                    path: "section".into(),
                    message: format!("{:?} must equal the feed's folder {section:?}", page.section),
                });
            }
            issues
        }),
        _ => read::<RelatedList>(root, file).map(|list| validate::validate_related(&list, &folder)),
    };
    let problems = issues.unwrap_or_else(|i| vec![i]);
    Report {
        problems: problems
            .into_iter()
            .map(|issue| Problem {
                file: file.to_string(),
                issue,
            })
            .collect(),
        ..Report::default()
    }
}

/// Copies the folder `from` into `to` (tests: a sample content folder to change).
#[cfg(test)]
pub(crate) fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn crate_path(p: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
    }

    #[test]
    fn the_sample_content_is_valid() {
        let report = check_folder(&crate_path("content"));
        let problems: Vec<String> = report.problems.iter().map(Problem::to_string).collect();
        assert!(problems.is_empty(), "{problems:#?}");
        // site.json and the 18 articles.
        assert!(report.files >= 19, "only {} files read", report.files);
    }

    /// What the check read is what publishing gets: every article and feed page, parsed once;
    /// nothing when the folder has a problem.
    #[test]
    fn the_check_returns_the_content_it_read() {
        let root = crate_path("content");
        let report = check_folder(&root);
        let content = report.content.expect("the sample content, read");
        let on_disk = |dir: &str| {
            let mut names: Vec<String> = fs::read_dir(root.join(dir))
                .unwrap()
                .map(|e| e.unwrap().file_name().into_string().unwrap())
                .collect();
            names.sort();
            names
        };
        let slugs: Vec<String> = content
            .articles
            .iter()
            .map(|a| format!("{}.json", a.slug))
            .collect();
        assert_eq!(slugs, on_disk("articles"));
        assert_eq!(content.site.name, read::<Site>(&root, "site.json").unwrap().name);
        assert_eq!(content.pinned, ["desert-solar-grid-expansion"]);
        assert_eq!(content.picks["desert-solar-grid-expansion"].len(), 4);
        assert_eq!(content.picks.len(), 3);

        let broken = std::env::temp_dir().join(format!("khabar-read-{}", std::process::id()));
        copy_dir(&root, &broken);
        fs::write(
            broken.join("articles/cabinet-reshuffle-three-ministries.json"),
            "{",
        )
        .unwrap();
        let report = check_folder(&broken);
        fs::remove_dir_all(&broken).unwrap();
        assert!(!report.problems.is_empty() && report.content.is_none());
    }
}

#[cfg(test)]
mod fixture_tests {
    use super::*;

    /// The classes of hostile content the corpus must cover (issue "Hostile input").
    const HOSTILE_CLASSES: [&str; 17] = [
        "line injection",
        "truncated JSON",
        "wrong type",
        "missing field",
        "huge text",
        "deep nesting",
        "invalid UTF-8",
        "byte-order mark",
        "unknown block type",
        "unsafe scheme",
        "markup in text",
        "bidi control",
        "invisible text",
        "bad size",
        "impossible date",
        "path traversal",
        "empty",
    ];

    /// The cases too large or too odd to commit, shared with the e2e test that serves the
    /// corpus to the app.
    mod generate {
        include!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/hostile/generate.rs"
        ));
    }
    use generate::generated;

    /// Each case of tests/fixtures/invalid/ and tests/fixtures/hostile/ is a file (`fixture`, or
    /// one the test makes, `generate`), put over a copy of the sample content as `install_as`.
    /// An `expect`ed problem must be reported first, starting with that text, and nothing may
    /// be reported outside that file; `"expect": null` means the folder stays valid. A
    /// `warning` must be among the warnings.
    #[test]
    fn every_invalid_fixture_is_reported_with_its_file_and_path() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut classes = HashSet::<String>::new();
        let mut failures = Vec::new();
        for (folder, at_least) in [("invalid", 12), ("hostile", 50)] {
            let fixtures = root.join("tests/fixtures").join(folder);
            let cases: serde_json::Value =
                serde_json::from_str(&fs::read_to_string(fixtures.join("cases.json")).unwrap()).unwrap();
            let cases = cases.as_array().unwrap();
            assert!(cases.len() >= at_least, "{folder}: only {} cases", cases.len());
            // Every file is a case (format_test checks the .json ones, not the raw bytes).
            for entry in fs::read_dir(&fixtures).unwrap().flatten() {
                let name = entry.file_name().into_string().unwrap();
                assert!(
                    name == "cases.json"
                        || name == "generate.rs"
                        || cases.iter().any(|c| c["fixture"] == *name),
                    "{folder}/{name} is not a case"
                );
            }
            for case in cases {
                let install_as = case["install_as"].as_str().unwrap();
                let (name, bytes) = match (case["fixture"].as_str(), case["generate"].as_str()) {
                    (Some(fixture), None) => (fixture, fs::read(fixtures.join(fixture)).unwrap()),
                    (None, Some(generator)) => (generator, generated(generator)),
                    _ => panic!("{folder}: a case needs one of `fixture` and `generate`: {case}"),
                };
                if folder == "hostile" {
                    let class = case["class"].as_str().unwrap();
                    assert!(
                        class == "baseline" || HOSTILE_CLASSES.contains(&class),
                        "{name}: unknown class {class:?}"
                    );
                    classes.insert(class.to_string());
                }
                let dir = std::env::temp_dir().join(format!("khabar-fixture-{}-{name}", std::process::id()));
                let _ = fs::remove_dir_all(&dir);
                copy_dir(&root.join("content"), &dir);
                // A feed page or a related list is the app's, as publishing writes it (or a
                // publisher serving their own JSON): checked as such in a published folder.
                let listing = install_as.starts_with("feeds/") || install_as.starts_with("related/");
                if listing && folder == "hostile" {
                    write_listings(&dir);
                }
                // The article fixtures are the app's articles, as published: an editor's has no
                // `related` (publishing adds it), so the usual one is taken out.
                let usual = format!(
                    ",\n  \"related\": \"related/{}.json\"",
                    "cabinet-reshuffle-three-ministries"
                );
                let bytes = match String::from_utf8(bytes) {
                    Ok(text) if install_as.starts_with("articles/") => text.replace(&usual, "").into_bytes(),
                    Ok(text) => text.into_bytes(),
                    Err(e) => e.into_bytes(),
                };
                fs::create_dir_all(dir.join(install_as).parent().unwrap()).unwrap();
                fs::write(dir.join(install_as), bytes).unwrap();
                let report = if listing && folder == "hostile" {
                    check_listing(&dir, install_as)
                } else {
                    check_folder(&dir)
                };
                fs::remove_dir_all(&dir).unwrap();
                let problems: Vec<String> = report.problems.iter().map(Problem::to_string).collect();
                let elsewhere = problems
                    .iter()
                    .any(|p| !p.starts_with(&format!("{install_as}: ")));
                let wrong = match case["expect"].as_str() {
                    Some(expect) if problems.first().is_none_or(|p| !p.starts_with(expect)) => {
                        Some(format!("expected {expect:?}"))
                    }
                    Some(_) if elsewhere => Some(format!("expected problems in {install_as} only")),
                    None if !problems.is_empty() => Some("expected valid".to_string()),
                    _ => None,
                };
                if let Some(wrong) = wrong {
                    failures.push(format!("{folder}/{name}: {wrong}, got {problems:#?}"));
                }
                if let Some(warning) = case["warning"].as_str() {
                    if !report.warnings.iter().any(|w| w == warning) {
                        failures.push(format!(
                            "{folder}/{name}: expected the warning {warning:?}, got {:#?}",
                            report.warnings
                        ));
                    }
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        let missing: Vec<_> = HOSTILE_CLASSES
            .iter()
            .filter(|c| !classes.contains(**c))
            .collect();
        assert!(
            missing.is_empty(),
            "no hostile fixture of the classes {missing:?}"
        );
    }
}

/// Hostile folders (issue "Hostile input"): the validator must stay inside the folder, read no
/// huge file, and report what it cannot read instead of skipping it.
#[cfg(test)]
mod hostile_tests {
    use std::os::unix::fs::{symlink, PermissionsExt};
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;
    use std::path::PathBuf;

    /// A copy of the sample content in a fresh temporary folder, removed on drop.
    struct Folder(PathBuf);

    impl Folder {
        fn new(name: &str) -> Self {
            let dir = std::env::temp_dir().join(format!("khabar-check-{}-{name}", std::process::id()));
            let _ = fs::remove_dir_all(&dir);
            copy_dir(
                &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
                &dir.join("content"),
            );
            Folder(dir)
        }

        /// The content folder.
        fn content(&self) -> PathBuf {
            self.0.join("content")
        }

        /// A place next to the content folder, outside it.
        fn outside(&self) -> PathBuf {
            self.0.join("outside")
        }

        fn problems(&self) -> Vec<String> {
            let (sent, received) = mpsc::channel();
            let root = self.content();
            std::thread::spawn(move || sent.send(check_folder(&root)));
            let report = received
                .recv_timeout(Duration::from_secs(60))
                .expect("check_folder did not finish within a minute");
            report.problems.iter().map(Problem::to_string).collect()
        }
    }

    impl Drop for Folder {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    /// Issue 25: `.git`, an editor's notes and an embargoed draft were published (each answered
    /// 200 under /content/) after the validator said "content ok"; a script there would have
    /// been served as one.
    #[test]
    fn hidden_files_are_left_out_and_files_not_of_the_format_are_refused() {
        let f = Folder::new("format-files");
        let c = f.content();
        fs::create_dir_all(c.join(".git/objects")).unwrap();
        fs::write(c.join(".git/config"), "[core]").unwrap();
        fs::write(c.join(".draft-notes.txt"), "embargo").unwrap();
        fs::write(c.join("images/.DS_Store"), "x").unwrap();
        let report = check_folder(&c);
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        assert_eq!(
            report.warnings,
            [
                ".draft-notes.txt: hidden (its name starts with a dot): not checked, not published",
                ".git: hidden (its name starts with a dot): not checked, not published",
                "images/.DS_Store: hidden (its name starts with a dot): not checked, not published",
            ]
        );
        assert!(report
            .files_of_format
            .iter()
            .all(|f| !f.contains("/.") && !f.starts_with('.')));
        assert!(report.files_of_format.contains(&"site.json".to_string()));
        assert!(report.files_of_format.contains(&"images/logo.svg".to_string()));

        fs::create_dir_all(c.join("drafts")).unwrap();
        for stray in [
            "drafts/embargoed.json",
            "images/pwn.js",
            "images/page.html",
            "style.css",
            "notes.txt",
            "feeds/home.json",
            "articles/x/y.json",
            "images/x.svg.js",
        ] {
            fs::create_dir_all(c.join(stray).parent().unwrap()).unwrap();
            fs::write(c.join(stray), "{}").unwrap();
        }
        fs::write(c.join("images/photo.JPG"), "x").unwrap();
        let problems = f.problems();
        let files: Vec<&str> = problems.iter().map(|p| p.split(": ").next().unwrap()).collect();
        assert_eq!(
            files,
            [
                "articles/x/y.json",
                "drafts/embargoed.json",
                "feeds/home.json",
                "images/page.html",
                "images/pwn.js",
                "images/x.svg.js",
                "notes.txt",
                "style.css"
            ],
            "{problems:#?}"
        );
        assert!(
            problems[0].ends_with(&format!(": {NOT_OF_FORMAT}")),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn the_format_knows_its_json_files_and_pictures() {
        for file in [
            "site.json",
            "articles/a.json",
            "images/a.svg",
            "a/b/c.WebP",
            "x.jpeg",
            "p.avif",
            "g.gif",
            "i.png",
        ] {
            assert!(format_file(file).is_some(), "{file}");
        }
        for file in [
            "site.js",
            "articles/.json",
            "feeds/1.json",
            // Publishing writes these (even a picture there is not an editor's).
            "feeds/home/1.json",
            "feeds/home/a.svg",
            "related/a.json",
            "a.json",
            "images/a.svg.html",
            "images/.svg",
            "images/a",
            "index.html",
            "sw.js",
            "a.css",
        ] {
            assert!(format_file(file).is_none(), "{file}");
        }
    }

    fn link_problem(file: &str) -> String {
        format!("{file}: is a symbolic link: content files must be plain files")
    }

    /// An article that is a link, to a file outside the folder or to one inside, is reported
    /// and not read: read, the outside one is not JSON and the inside one has the wrong slug.
    #[test]
    fn a_symlinked_file_is_reported_not_read() {
        let folder = Folder::new("link-file");
        let secret = folder.outside().join("secret.json");
        fs::create_dir_all(folder.outside()).unwrap();
        fs::write(&secret, "not JSON: a file outside the content folder").unwrap();
        let articles = folder.content().join("articles");
        symlink(&secret, articles.join("secret.json")).unwrap();
        let inside = fs::read_dir(&articles).unwrap().next().unwrap().unwrap().path();
        symlink(&inside, articles.join("copy.json")).unwrap();
        assert_eq!(
            folder.problems(),
            [
                link_problem("articles/copy.json"),
                link_problem("articles/secret.json")
            ]
        );
    }

    /// A folder that is a link is reported and not entered, whether it leads outside (to a
    /// folder with a file that is not JSON) or back inside (to `articles`, whose files would
    /// then be read as feed pages).
    #[test]
    fn a_symlinked_folder_is_reported_not_entered() {
        let folder = Folder::new("link-folder");
        fs::create_dir_all(folder.outside()).unwrap();
        fs::write(folder.outside().join("1.json"), "not JSON").unwrap();
        let images = folder.content().join("images");
        symlink(folder.outside(), images.join("outside")).unwrap();
        symlink(folder.content().join("articles"), images.join("inside")).unwrap();
        assert_eq!(
            folder.problems(),
            [link_problem("images/inside"), link_problem("images/outside")]
        );
    }

    /// Two links to each other and a link to its own folder are three problems, not a loop.
    #[test]
    fn symlinks_in_a_loop_are_reported_without_hanging() {
        let folder = Folder::new("link-loop");
        let content = folder.content();
        symlink(content.join("b.json"), content.join("a.json")).unwrap();
        symlink(content.join("a.json"), content.join("b.json")).unwrap();
        symlink(&content, content.join("images/again")).unwrap();
        assert_eq!(
            folder.problems(),
            [
                link_problem("a.json"),
                link_problem("b.json"),
                link_problem("images/again")
            ]
        );
    }

    /// Files over 5 MB, JSON or not, are reported from their size; the JSON one is not read
    /// (read, its zero bytes would also be "not JSON"). Both are sparse, so the test is cheap.
    #[test]
    fn a_file_over_5_mb_is_reported_without_being_read() {
        let folder = Folder::new("too-big");
        for file in ["articles/huge.json", "images/huge.svg"] {
            fs::File::create(folder.content().join(file))
                .unwrap()
                .set_len(MAX_FILE_BYTES + 1)
                .unwrap();
        }
        assert_eq!(MAX_FILE_BYTES + 1, 5_242_881);
        assert_eq!(
            folder.problems(),
            [
                "articles/huge.json: is 5242881 bytes, over the 5 MB limit",
                "images/huge.svg: is 5242881 bytes, over the 5 MB limit",
            ]
        );
    }

    /// A file of exactly 5 MB is within the limit: it is read (and, being zero bytes, is not
    /// JSON).
    #[test]
    fn a_file_of_exactly_5_mb_is_read() {
        let folder = Folder::new("just-fits");
        fs::File::create(folder.content().join("articles/big.json"))
            .unwrap()
            .set_len(MAX_FILE_BYTES)
            .unwrap();
        let problems = folder.problems();
        assert!(problems.iter().all(|p| !p.contains("5 MB")), "{problems:#?}");
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert!(
            problems[0].starts_with("articles/big.json: is not JSON: "),
            "{problems:#?}"
        );
    }

    /// Neither a folder nor a regular file (here a socket; a named pipe would block a reader
    /// forever): reported, not read.
    #[test]
    fn a_special_file_is_reported_not_read() {
        let folder = Folder::new("socket");
        let _socket =
            std::os::unix::net::UnixListener::bind(folder.content().join("articles/s.json")).unwrap();
        assert_eq!(
            folder.problems(),
            ["articles/s.json: is not a plain file or folder"]
        );
    }

    /// A folder that cannot be listed is a problem naming it and the OS error. Its path is
    /// longer than the system's limit (PATH_MAX, 4096 bytes), which stops root too: it is built
    /// with short names, then renamed from the deepest up so that no call sees a long path.
    #[test]
    fn a_folder_too_deep_to_open_is_reported() {
        let folder = Folder::new("too-deep");
        let content = folder.content();
        let depth = 20;
        fs::create_dir_all(content.join(vec!["d"; depth].join("/"))).unwrap();
        let long = "x".repeat(250);
        for level in (1..=depth).rev() {
            let parent = content.join(vec!["d"; level - 1].join("/"));
            fs::rename(parent.join("d"), parent.join(&long)).unwrap();
        }
        let problems = folder.problems();
        assert_eq!(problems.len(), 1, "{problems:#?}");
        let (file, message) = problems[0].rsplit_once(": cannot be read: ").expect(&problems[0]);
        assert!(file.starts_with(&format!("{long}/{long}/")), "{file}");
        assert!(content.join(file).as_os_str().len() > 4096, "{file}");
        assert!(message.contains("(os error 36)"), "{message}");
    }

    /// A folder with mode 000 is a problem naming it and the OS error. Root reads it all the
    /// same (permissions do not stop root), so when the tests run as root the check cannot be
    /// made and the test says so on standard error; `a_folder_too_deep_to_open_is_reported`
    /// covers the same code as root.
    #[test]
    fn a_folder_that_cannot_be_read_is_reported() {
        let folder = Folder::new("locked");
        let locked = folder.content().join("articles/locked");
        fs::create_dir(&locked).unwrap();
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
        let readable = fs::read_dir(&locked).is_ok();
        let problems = folder.problems();
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
        if readable {
            eprintln!(
                "a_folder_that_cannot_be_read_is_reported: running as root, mode 000 does not stop reading"
            );
            assert!(problems.is_empty(), "{problems:#?}");
        } else {
            assert_eq!(
                problems,
                ["articles/locked: cannot be read: Permission denied (os error 13)"]
            );
        }
    }
}
