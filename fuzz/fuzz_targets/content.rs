//! Any bytes, read as each of the four content files and validated, the two ways khabar does
//! it on text it did not write:
//! - the app's: `content::parse::parse` (JSON, shape, then the single-file rules), as
//!   `content::fetch` runs it on a fetched body;
//! - the offline validator's (`khabar-content check`): `content::parse::deserialize`, then the
//!   `content::validate` rules with a folder, so the rules that look across files run too.
//!
//! Both are the same three steps (`read::parse_json`, `read::from_value`, the rules), so the
//! text is parsed once and each step is called here, which makes the target about four times
//! faster than calling both entry points for each type (docs/testing.md).
//!
//! A crash is a panic (an index out of range, an overflow: the build has debug assertions), a
//! stack overflow, or one of the checks below. Run by `make fuzz`.
#![no_main]

use std::collections::HashSet;
use std::sync::LazyLock;

use khabar::content::parse::{self, Checked, Unreadable};
use khabar::content::read::{from_value, parse_json, Content, Value};
use khabar::content::validate::{self, Folder, Issue};
use khabar::content::{Article, ContentError, FeedPage, RelatedList, Site};
use libfuzzer_sys::fuzz_target;

/// A small content folder, as `check_folder` would list it: names the seed files use, so that
/// both outcomes of each cross-file rule are reachable.
static FOLDER: LazyLock<Folder> = LazyLock::new(|| {
    let set = |names: &[&str]| Some(names.iter().map(|s| s.to_string()).collect::<HashSet<_>>());
    Folder {
        articles: set(&["central-bank-holds-rates", "desert-solar-grid-expansion", "a"]),
        sections: set(&["home", "news", "politics", "economy", "sport"]),
        files: set(&[
            "site.json",
            "images/logo.svg",
            "images/a.svg",
            "feeds/home/2.json",
            "related/central-bank-holds-rates.json",
        ]),
    }
});

/// Reads the parsed `value` as a `T`, validates it alone (the app's rules) and with the folder
/// (the validator's), and checks what the app would make of it (`content::parse::parse`).
fn read_as<T: Content + Checked>(value: &Value, rules: fn(&T, &Folder) -> Vec<Issue>) {
    match from_value::<T>(value) {
        Ok(content) => {
            let issues = rules(&content, &FOLDER);
            issues.iter().for_each(|i| drop(i.to_string()));
            // The single-file rules are a subset of the folder's: no folder, no extra issue.
            let alone = content.issues();
            assert!(
                alone.iter().all(|i| issues.contains(i)),
                "an issue without the folder that the folder does not find: {alone:?} vs {issues:?}"
            );
            if !alone.is_empty() {
                drop(
                    ContentError::Invalid {
                        url: URL.into(),
                        issues: alone,
                    }
                    .to_string(),
                );
            }
        }
        Err(Unreadable::Shape { path, detail }) => {
            assert!(path == "." || !path.starts_with('.'), "a JSON path {path:?}");
            drop(
                ContentError::Shape {
                    url: URL.into(),
                    path,
                    detail,
                }
                .to_string(),
            );
        }
        Err(Unreadable::NotJson(e)) => panic!("a parsed value cannot be not JSON: {e}"),
    }
}

const URL: &str = "https://k.example/content/fuzz.json";

fuzz_target!(|data: &[u8]| {
    // A fetched body is decoded as UTF-8, replacing what is not.
    let text = String::from_utf8_lossy(data);
    // `parse::deserialize` and `parse::parse` are `parse_json`, then `from_value` and the
    // rules: the text is parsed once here and read as each of the four types.
    let value = match parse_json(&text) {
        Ok(value) => value,
        Err(_) => {
            // The app's own entry point, on text that is not JSON.
            let e = parse::parse::<Site>(URL, &text).unwrap_err();
            assert_eq!(e.kind(), "not-json", "{e}");
            return;
        }
    };
    read_as::<Site>(&value, validate::validate_site);
    read_as::<Article>(&value, validate::validate_article);
    read_as::<FeedPage>(&value, validate::validate_feed);
    read_as::<RelatedList>(&value, validate::validate_related);
    if let Ok(article) = from_value::<Article>(&value) {
        drop(parse::unknown_parts("fuzz.json", &article));
    }
});
