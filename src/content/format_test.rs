//! One format, two readers: the app's hand-written reader (`content::read`, the only one the web
//! build has) and serde's derived `Deserialize`, whose attributes in `model.rs` state the rules
//! that the schema publishes. Every JSON file of `content/` and `tests/fixtures/` (read as each
//! of the four file types), and every single change of the largest sample file of each type
//! (about 8,700: a member removed, or a value replaced by one of each JSON kind), must read the
//! same both ways: the same value, or refused at the same JSON path.
//!
//! What is compared when both refuse, and why not more:
//! - The path. serde's comes from `serde_path_to_error`, which cannot see inside an internally
//!   tagged enum (serde buffers a block before it picks the variant, and reads it from the
//!   buffer): inside `body[i]` serde's path stops at the block, so the reader's is compared up
//!   to the block.
//! - For a missing field outside a block, its name: both say "missing field `x`". The other
//!   messages differ in wording by design (serde's name Rust types, `integer`, `u32`; the
//!   reader's name JSON kinds, as `JSON.parse` gives them), so they are not compared.
//! - Not JSON at all: both start from the same parse (serde_json's, natively), so only "both
//!   refuse" can be said.
//!
//! Two changes are not made, because serde reads them where the reader (and the schema) refuse,
//! and no attribute can say otherwise: a list where an object goes (serde_json lets a derived
//! struct read a list of its fields in order) and a number as a block's or a run's `type` (serde
//! reads `0` as the first variant).

use std::fs;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

use super::model::{Article, FeedPage, RelatedList, Site};
use super::read::{self, Content, Unreadable};

/// What one reader made of a value.
#[derive(Debug, PartialEq)]
enum Outcome<T> {
    Read(T),
    /// Refused: where (compared as described above) and, for a missing field, which.
    Refused {
        path: String,
        missing: Option<String>,
    },
}

/// Inside a block serde's path stops at the block: `body[3].runs[1]` is compared as `body[3]`.
fn comparable(path: &str) -> (String, bool) {
    match path.strip_prefix("body[").and_then(|rest| rest.find(']')) {
        Some(end) => (path[..end + "body[".len() + 1].to_string(), true),
        None => (path.to_string(), false),
    }
}

fn refused<T>(path: &str, message: &str) -> Outcome<T> {
    let (path, in_block) = comparable(path);
    let missing = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
        .filter(|_| !in_block)
        .map(str::to_string);
    Outcome::Refused { path, missing }
}

fn by_reader<T: Content>(value: &Value) -> Outcome<T> {
    match read::from_value::<T>(value) {
        Ok(v) => Outcome::Read(v),
        Err(Unreadable::Shape { path, detail }) => refused(&path, &detail),
        Err(Unreadable::NotJson(e)) => panic!("a parsed value cannot be not JSON: {e}"),
    }
}

fn by_serde<T: DeserializeOwned>(value: &Value) -> Outcome<T> {
    match serde_path_to_error::deserialize::<_, T>(value) {
        Ok(v) => Outcome::Read(v),
        Err(e) => refused(&e.path().to_string(), &e.inner().to_string()),
    }
}

/// Reads `value` as a `T` both ways; the two outcomes, when they differ.
fn disagreement<T>(value: &Value) -> Option<String>
where
    T: Content + DeserializeOwned + Serialize + PartialEq,
{
    let (reader, serde) = (by_reader::<T>(value), by_serde::<T>(value));
    let name = std::any::type_name::<T>().rsplit("::").next().unwrap_or_default();
    match (&reader, &serde) {
        _ if reader == serde => None,
        // Two values: where they differ, not two pages of Debug output.
        (Outcome::Read(a), Outcome::Read(b)) => {
            let (a, b) = (serde_json::to_value(a).unwrap(), serde_json::to_value(b).unwrap());
            Some(format!(
                "as {name}: both read it, and differ at {}",
                first_difference(&a, &b, ".")
            ))
        }
        _ => Some(format!(
            "as {name}:\n  content::read: {}\n  serde:         {}",
            brief(&reader),
            brief(&serde)
        )),
    }
}

fn brief<T>(outcome: &Outcome<T>) -> String {
    match outcome {
        Outcome::Read(_) => "read it".to_string(),
        Outcome::Refused { path, missing } => format!("refused it at {path} (missing field: {missing:?})"),
    }
}

/// The first place where two serialized values differ, with both sides.
fn first_difference(a: &Value, b: &Value, at: &str) -> String {
    let child = |key: &str| {
        if at == "." {
            key.to_string()
        } else {
            format!("{at}.{key}")
        }
    };
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for key in x.keys().chain(y.keys()) {
                let (u, v) = (
                    x.get(key).unwrap_or(&Value::Null),
                    y.get(key).unwrap_or(&Value::Null),
                );
                if u != v {
                    return first_difference(u, v, &child(key));
                }
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (u, v)) in x.iter().zip(y).enumerate() {
                if u != v {
                    return first_difference(u, v, &format!("{at}[{i}]"));
                }
            }
        }
        _ => {}
    }
    format!("{at}: content::read {a}, serde {b}")
}

/// Reads a value both ways as one type: [`disagreement`] for that type.
type Compare = fn(&Value) -> Option<String>;

/// Reads `value` as each of the four file types (its own, and the others, for more refusals).
fn disagreements(value: &Value) -> Vec<String> {
    [
        disagreement::<Site>(value),
        disagreement::<Article>(value),
        disagreement::<FeedPage>(value),
        disagreement::<RelatedList>(value),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn crate_path(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

/// Every `.json` file under `dir`, sorted.
fn json_files(dir: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "json") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, &mut out);
    out.sort();
    out
}

/// Reads the file at `path` both ways; what differed.
fn check_file(path: &Path) -> Vec<String> {
    let text = fs::read_to_string(path).unwrap();
    let name = path.display();
    match read::parse_json(&text) {
        Ok(value) => disagreements(&value)
            .into_iter()
            .map(|d| format!("{name} {d}"))
            .collect(),
        // The same parser refused it for both.
        Err(_) => serde_json::from_str::<Site>(&text)
            .is_ok()
            .then(|| format!("{name}: not JSON for the reader, yet serde read it"))
            .into_iter()
            .collect(),
    }
}

/// The sample content as published, in a folder of its own named after `name`: the editors'
/// files, and the feeds and related lists publishing writes from them.
fn published_sample(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("khabar-format-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    crate::content::check::copy_dir(&crate_path("content"), &dir);
    crate::content::check::write_listings(&dir);
    dir
}

#[test]
fn every_content_and_fixture_file_reads_the_same_both_ways() {
    let published = published_sample("both-ways");
    let content = json_files(&published);
    let fixtures = json_files(&crate_path("tests/fixtures"));
    assert!(content.len() >= 40, "only {} sample files", content.len());
    // Every fixture but the lists of cases is a case, so none is skipped here by mistake.
    for cases in fixtures.iter().filter(|f| f.ends_with("cases.json")) {
        let listed: Value = serde_json::from_str(&fs::read_to_string(cases).unwrap()).unwrap();
        let dir = cases.parent().unwrap();
        for fixture in json_files(dir).iter().filter(|f| *f != cases) {
            let name = fixture.file_name().unwrap().to_str().unwrap();
            assert!(
                listed.as_array().unwrap().iter().any(|c| c["fixture"] == name),
                "{} is not a case of {}",
                fixture.display(),
                cases.display()
            );
        }
    }
    let mut problems = Vec::new();
    for file in content
        .iter()
        .chain(&fixtures)
        .filter(|f| !f.ends_with("cases.json"))
    {
        problems.extend(check_file(file));
    }
    assert!(
        problems.is_empty(),
        "{} disagreements:\n{}",
        problems.len(),
        problems.join("\n")
    );
    // The fixtures out of shape (not JSON, a missing field, a missing href) were read, and refused.
    let refused = fixtures
        .iter()
        .filter(|f| match read::parse_json(&fs::read_to_string(f).unwrap()) {
            Ok(value) => matches!(by_reader::<Article>(&value), Outcome::Refused { .. }),
            Err(_) => true,
        })
        .count();
    assert!(
        refused >= 4,
        "only {refused} fixtures refused as articles (cases.json is one)"
    );
}

/// The values a member is replaced by, one at a time: every JSON kind, whole and fractional
/// numbers (`JSON.parse` has only doubles), numbers out of a pixel's range, an unknown `type`.
fn replacements() -> Vec<Value> {
    vec![
        Value::Null,
        json!(true),
        json!(0),
        json!(7),
        json!(1200.0),
        json!(1.5),
        json!(-1),
        json!(4294967296_u64),
        json!(""),
        json!("western"),
        json!("poll"),
        json!([]),
        json!([7]),
        json!({}),
    ]
}

/// Every value made from `value` by one change, with what changed: a member removed, or any
/// value (the root too) replaced.
fn mutations(value: &Value) -> Vec<(String, Value)> {
    let mut paths = Vec::new();
    collect_paths(value, &mut Vec::new(), &mut paths);
    let mut out = Vec::new();
    for path in &paths {
        let name = path.iter().fold(String::new(), |name, part| match part {
            PathPart::Key(k) => format!("{name}.{k}"),
            PathPart::Index(i) => format!("{name}[{i}]"),
        });
        let original = at_ref(value, path);
        for replacement in replacements() {
            // serde_json lets serde's derives read a struct from a list of its fields, in order
            // (`"locale": []` is the defaults); no attribute turns that off. The reader, the
            // schema and `JSON.parse`'s objects have no such form: not compared.
            if original.is_object() && replacement.is_array() {
                continue;
            }
            // Likewise serde reads a block's or a run's `type` 0 as its first variant.
            if matches!(path.last(), Some(PathPart::Key(k)) if k == "type") && replacement.is_u64() {
                continue;
            }
            let mut changed = value.clone();
            *at(&mut changed, path) = replacement.clone();
            out.push((format!("{name} = {replacement}"), changed));
        }
        if let Some((PathPart::Key(key), parent)) = path.split_last() {
            let mut changed = value.clone();
            at(&mut changed, parent).as_object_mut().unwrap().remove(key);
            out.push((format!("{name} removed"), changed));
        }
    }
    out
}

#[derive(Clone)]
enum PathPart {
    Key(String),
    Index(usize),
}

fn collect_paths(value: &Value, here: &mut Vec<PathPart>, out: &mut Vec<Vec<PathPart>>) {
    out.push(here.clone());
    let children: Vec<(PathPart, &Value)> = match value {
        Value::Object(members) => members
            .iter()
            .map(|(k, v)| (PathPart::Key(k.clone()), v))
            .collect(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (PathPart::Index(i), v))
            .collect(),
        _ => Vec::new(),
    };
    for (part, child) in children {
        here.push(part);
        collect_paths(child, here, out);
        here.pop();
    }
}

fn at_ref<'a>(value: &'a Value, path: &[PathPart]) -> &'a Value {
    path.iter().fold(value, |v, part| match part {
        PathPart::Key(k) => &v[k.as_str()],
        PathPart::Index(i) => &v[*i],
    })
}

fn at<'a>(value: &'a mut Value, path: &[PathPart]) -> &'a mut Value {
    path.iter().fold(value, |v, part| match part {
        PathPart::Key(k) => &mut v[k.as_str()],
        PathPart::Index(i) => &mut v[*i],
    })
}

#[test]
fn every_single_mutation_of_the_sample_files_reads_the_same_both_ways() {
    // The largest file of each kind: the one with the most parts to change.
    let content = published_sample("mutations");
    let files = json_files(&content);
    // Each is read as its own type only: with one change it has one fault, which both readers
    // must find (with several, each names the first it meets, and they meet them in other orders).
    let kinds: [(&str, Compare); 4] = [
        ("site.json", disagreement::<Site>),
        ("articles", disagreement::<Article>),
        ("feeds", disagreement::<FeedPage>),
        ("related", disagreement::<RelatedList>),
    ];
    let mut count = 0;
    let mut problems = Vec::new();
    for (kind, disagreement) in kinds {
        let file = files
            .iter()
            .filter(|f| f.strip_prefix(&content).unwrap().starts_with(kind))
            .max_by_key(|f| fs::metadata(f).unwrap().len())
            .unwrap();
        let value: Value = serde_json::from_str(&fs::read_to_string(file).unwrap()).unwrap();
        for (change, changed) in mutations(&value) {
            count += 1;
            if let Some(d) = disagreement(&changed) {
                problems.push(format!("{} with {change} {d}", file.display()));
            }
        }
    }
    assert!(count >= 1000, "only {count} mutations");
    let first: Vec<&String> = problems.iter().take(40).collect();
    assert!(
        problems.is_empty(),
        "{} disagreements; the first 40:\n{first:#?}",
        problems.len()
    );
}
