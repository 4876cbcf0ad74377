//! Checks a whole content folder offline (`make check-content`) and writes the JSON Schemas.
//! Native only: the web build never compiles it.

use std::collections::HashSet;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use super::model::{Article, FeedPage, RelatedList, Site};
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
    /// Things an older app would skip (unknown block types, unknown files).
    pub warnings: Vec<String>,
}

fn list_files(root: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else if let Ok(rel) = path.strip_prefix(root) {
                out.push(
                    rel.components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/"),
                );
            }
        }
    }
    let mut out = Vec::new();
    walk(root, root, &mut out);
    out.sort();
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
    let files = list_files(root);
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

    let site: Option<Site> = read::<Site>(root, "site.json")
        .inspect_err(|i| problem("site.json", &i.path, i.message.clone()))
        .ok();
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
        for (i, s) in site.sections.iter().enumerate() {
            let feed = super::feed_path(&s.slug);
            if !files.contains(&feed) {
                problem(
                    "site.json",
                    &format!("sections[{i}].slug"),
                    format!("section {:?} has no feed {feed}", s.slug),
                );
            }
        }
    }

    let mut warnings = Vec::new();
    for file in files
        .iter()
        .filter(|f| f.ends_with(".json") && f.as_str() != "site.json")
    {
        report.files += 1;
        let parts: Vec<&str> = file.split('/').collect();
        let issues = match parts.as_slice() {
            ["articles", name] => read_text(root, file).and_then(|text| {
                let article: Article = parse_at(&text)?;
                warnings.extend(unknown_parts(file, &article));
                let mut issues = validate::validate_article(&article, &folder);
                if name.strip_suffix(".json") != Some(article.slug.as_str()) {
                    issues.push(Issue {
                        path: "slug".into(),
                        message: format!("{:?} must equal the file name {name}", article.slug),
                    });
                }
                Ok(issues)
            }),
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
            ["related", _] => {
                read::<RelatedList>(root, file).map(|list| validate::validate_related(&list, &folder))
            }
            _ => {
                warnings.push(format!("{file}: not a file of the content format; ignored"));
                Ok(Vec::new())
            }
        };
        match issues {
            Ok(issues) => issues.into_iter().for_each(|i| problem(file, &i.path, i.message)),
            Err(i) => problem(file, &i.path, i.message),
        }
    }
    report.files += usize::from(site.is_some());
    report.warnings = warnings;
    report
}

fn read_text(root: &Path, file: &str) -> Result<String, Issue> {
    fs::read_to_string(root.join(file)).map_err(|e| Issue {
        path: String::new(),
        message: format!("cannot be read: {e}"),
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

fn read<T: Content>(root: &Path, file: &str) -> Result<T, Issue> {
    parse_at(&read_text(root, file)?)
}

/// The JSON Schemas of the format: (file name, schema text).
pub fn schemas() -> Vec<(&'static str, String)> {
    let pretty = |s: schemars::Schema| serde_json::to_string_pretty(&s).expect("a schema is JSON") + "\n";
    vec![
        ("site.schema.json", pretty(schemars::schema_for!(Site))),
        ("article.schema.json", pretty(schemars::schema_for!(Article))),
        ("feed-page.schema.json", pretty(schemars::schema_for!(FeedPage))),
        ("related.schema.json", pretty(schemars::schema_for!(RelatedList))),
    ]
}

/// Writes [`schemas`] into `dir`.
pub fn write_schemas(dir: &Path) -> std::io::Result<Vec<String>> {
    fs::create_dir_all(dir)?;
    schemas()
        .into_iter()
        .map(|(name, text)| {
            let path: PathBuf = dir.join(name);
            fs::write(&path, text)?;
            Ok(path.display().to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crate_path(p: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
    }

    #[test]
    fn checked_in_schemas_match_the_types() {
        for (name, text) in schemas() {
            let path = crate_path("schema").join(name);
            let on_disk = fs::read_to_string(&path).unwrap_or_default();
            assert!(
                on_disk == text,
                "schema/{name} is stale: the Rust types changed. Run `make schema` and commit the result."
            );
        }
    }

    #[test]
    fn the_sample_content_is_valid() {
        let report = check_folder(&crate_path("content"));
        let problems: Vec<String> = report.problems.iter().map(Problem::to_string).collect();
        assert!(problems.is_empty(), "{problems:#?}");
        assert!(report.files >= 16 + 10 + 16, "only {} files read", report.files);
    }
}

#[cfg(test)]
mod fixture_tests {
    use super::*;

    fn copy_dir(from: &Path, to: &Path) {
        fs::create_dir_all(to).unwrap();
        for entry in fs::read_dir(from).unwrap().flatten() {
            let target = to.join(entry.file_name());
            if entry.path().is_dir() {
                copy_dir(&entry.path(), &target);
            } else {
                fs::copy(entry.path(), target).unwrap();
            }
        }
    }

    /// Each fixture in tests/fixtures/invalid/ breaks one rule; put over a copy of the sample
    /// content, it must be reported first, naming its file and JSON path, and nothing else
    /// may be reported outside that file.
    #[test]
    fn every_invalid_fixture_is_reported_with_its_file_and_path() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let fixtures = root.join("tests/fixtures/invalid");
        let cases: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(fixtures.join("cases.json")).unwrap()).unwrap();
        let cases = cases.as_array().unwrap();
        assert!(cases.len() >= 12);
        for case in cases {
            let (fixture, install_as, expect) = (
                case["fixture"].as_str().unwrap(),
                case["install_as"].as_str().unwrap(),
                case["expect"].as_str().unwrap(),
            );
            let dir = std::env::temp_dir().join(format!("khabar-fixture-{}-{fixture}", std::process::id()));
            let _ = fs::remove_dir_all(&dir);
            copy_dir(&root.join("content"), &dir);
            fs::copy(fixtures.join(fixture), dir.join(install_as)).unwrap();
            let report = check_folder(&dir);
            let problems: Vec<String> = report.problems.iter().map(Problem::to_string).collect();
            assert!(!problems.is_empty(), "{fixture}: no problem reported");
            assert!(
                problems[0].starts_with(expect),
                "{fixture}: expected {expect:?}, got {problems:#?}"
            );
            assert!(
                problems.iter().all(|p| p.starts_with(&format!("{install_as}: "))),
                "{fixture}: problems outside {install_as}: {problems:#?}"
            );
            fs::remove_dir_all(&dir).unwrap();
        }
    }
}
