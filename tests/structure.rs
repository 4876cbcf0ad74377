//! The structure check: khabar's modules depend downwards only,
//! content → locale, links, context, navigation → components → pages → the app (lib.rs, embed),
//! and no two modules of one layer import each other, directly or around a circle.
//!
//! It reads the `crate::…` and `super::…` paths of every file under `src/` (comments left out),
//! so it sees `use` lines and paths written inline alike. Run by `make unit`.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, lowest first. A module may use its own layer's modules and those below.
const LAYERS: [&[&str]; 5] = [
    &["content"],
    &["locale", "links", "context", "navigation"],
    &["components"],
    &["pages"],
    &["app", "publish"],
];

/// The component families that every other family builds on: they use no other family.
const PRIMITIVES: [&str; 3] = ["components::primitives", "components::status", "components::lazy"];

/// A file's module, as the check counts modules: one per file of `content/` and the other
/// lower layers, one per component family, one for `pages/`, one for the app. A folder's
/// `mod.rs` counts as the module only where the folder is one (component families, pages):
/// `content/mod.rs` re-exports its files and is left out of the circle check.
fn unit_of(relative: &Path) -> String {
    let parts: Vec<String> = relative
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    match parts.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["lib"] | ["main"] | ["embed"] | ["bin", ..] => "app".into(),
        ["pages", ..] => "pages".into(),
        ["components", "mod"] => "components".into(),
        ["components", family, ..] => format!("components::{family}"),
        [top, "mod"] => top.into(),
        [top, file, ..] => format!("{top}::{file}"),
        [top] => top.into(),
        _ => unreachable!("{}", relative.display()),
    }
}

/// The layer of a module.
fn layer(unit: &str) -> usize {
    let top = unit.split("::").next().unwrap();
    LAYERS
        .iter()
        .position(|names| names.contains(&top))
        .unwrap_or_else(|| panic!("module {unit} is in no layer of tests/structure.rs"))
}

/// Source text without `//` comments (doc comments name modules of every layer).
fn code(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            // A `//` inside a string literal (a URL) keeps its line: only `//` after the
            // last quote of the line starts a comment.
            Some(at) if line[..at].matches('"').count() % 2 == 0 => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The modules a file's code names: `crate::a::b` and, from a folder's file, `super::b`;
/// braces are followed (`crate::components::{card::X, status::Y}`).
fn imports(unit_dir: &[String], text: &str) -> BTreeSet<Vec<String>> {
    let text = code(text);
    let mut found = BTreeSet::new();
    for (prefix, base) in [("crate::", Vec::new()), ("super::", unit_dir.to_vec())] {
        let mut rest = text.as_str();
        while let Some(at) = rest.find(prefix) {
            let before = rest[..at].chars().last();
            rest = &rest[at + prefix.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            for path in expand(rest) {
                let mut full = base.clone();
                full.extend(path);
                if !full.is_empty() {
                    found.insert(full);
                }
            }
        }
    }
    found
}

/// The paths a `use` tree names, from the text that follows `crate::`: `a::b::C` gives
/// `[a, b, C]`, `a::{b, c::D}` gives `[a, b]` and `[a, c, D]`.
fn expand(text: &str) -> Vec<Vec<String>> {
    if let Some(group) = text.strip_prefix('{') {
        let close = matching_brace(group);
        return split_top(&group[..close])
            .into_iter()
            .flat_map(|item| expand(item.trim()))
            .collect();
    }
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    if end == 0 {
        return vec![Vec::new()];
    }
    let head = text[..end].to_string();
    match text[end..].strip_prefix("::") {
        Some(next) => expand(next)
            .into_iter()
            .map(|tail| [vec![head.clone()], tail].concat())
            .collect(),
        None => vec![vec![head]],
    }
}

fn matching_brace(text: &str) -> usize {
    let mut depth = 0;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return i,
            '}' => depth -= 1,
            _ => {}
        }
    }
    text.len()
}

fn split_top(text: &str) -> Vec<&str> {
    let (mut items, mut depth, mut start) = (Vec::new(), 0, 0);
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&text[start..]);
    items
}

/// The module a path names: the longest prefix that is a module; anything else is an item of
/// the crate root (`crate::App`, `crate::start`) or of `embed`, both the app's.
fn target(path: &[String], units: &BTreeSet<String>) -> String {
    (1..=path.len().min(2))
        .rev()
        .map(|n| path[..n].join("::"))
        .find(|candidate| units.contains(candidate))
        .unwrap_or_else(|| "app".into())
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every module of `src/` (or of another tree laid out like it) and the modules each uses.
fn graph(src: &Path) -> BTreeMap<String, BTreeSet<(String, String)>> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let units: BTreeSet<String> = files
        .iter()
        .map(|f| unit_of(f.strip_prefix(src).unwrap()))
        .collect();
    let mut edges: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    for file in &files {
        let relative = file.strip_prefix(src).unwrap();
        let unit = unit_of(relative);
        // `super::` from `a/b.rs` (or `a/b/mod.rs`) names `a`'s modules.
        let mut dir: Vec<String> = relative
            .parent()
            .unwrap()
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if relative.file_stem().is_some_and(|s| s == "mod") {
            dir.pop();
        }
        let text = std::fs::read_to_string(file).unwrap();
        for path in imports(&dir, &text) {
            let to = target(&path, &units);
            if to != unit {
                let shown = format!("{} uses {}", relative.display(), path.join("::"));
                edges.entry(unit.clone()).or_default().insert((to, shown));
            }
        }
        edges.entry(unit).or_default();
    }
    edges
}

/// What breaks the rules: uses of a higher layer, a primitive family using another family,
/// and circles among the modules of one layer.
fn violations(src: &Path) -> Vec<String> {
    let graph = graph(src);
    let mut found = Vec::new();
    for (from, uses) in &graph {
        for (to, shown) in uses {
            if layer(to) > layer(from) {
                found.push(format!("upward: {shown} ({from} is below {to})"));
            }
            if PRIMITIVES.contains(&from.as_str()) && to.starts_with("components::") {
                found.push(format!("primitive family uses another family: {shown}"));
            }
        }
    }
    // Circles: a depth-first walk over the uses within one layer, leaving out the layer
    // facades (`content`, `components`), which only re-export.
    let facade = |u: &str| !u.contains("::") && ["content", "components"].contains(&u);
    let within = |from: &str, to: &str| layer(from) == layer(to) && !facade(from) && !facade(to);
    let mut done = BTreeSet::new();
    for start in graph.keys() {
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        while let Some((at, trail)) = stack.pop() {
            for (to, _) in graph.get(&at).into_iter().flatten() {
                if !within(&at, to) {
                    continue;
                }
                if to == start {
                    let mut circle = trail.clone();
                    circle.push(to.clone());
                    let key: BTreeSet<_> = circle.iter().cloned().collect();
                    if done.insert(key) {
                        found.push(format!("circle: {}", circle.join(" → ")));
                    }
                } else if !trail.contains(to) {
                    let mut next = trail.clone();
                    next.push(to.clone());
                    stack.push((to.clone(), next));
                }
            }
        }
    }
    found
}

#[test]
fn modules_depend_downwards_only() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = violations(&src);
    assert!(
        found.is_empty(),
        "the module structure is broken:\n{}",
        found.join("\n")
    );
}

/// The check itself: a tree with each kind of fault is caught, and a clean one is not.
#[test]
fn the_check_catches_each_kind_of_fault() {
    let dir = std::env::temp_dir().join(format!("khabar-structure-{}", std::process::id()));
    let write = |path: &str, text: &str| {
        let file = dir.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    };
    write(
        "lib.rs",
        "pub mod content; pub mod components; pub mod pages; fn start() {}",
    );
    write("content/mod.rs", "pub mod model; pub mod read; pub use model::*;");
    write("content/model.rs", "pub struct Article;");
    write(
        "content/read.rs",
        "use super::model::Article; // crate::pages::X in a comment",
    );
    write("components/mod.rs", "pub mod card; pub mod status;");
    write("components/status/mod.rs", "use crate::content::Article;");
    write(
        "components/card/mod.rs",
        "use crate::components::{status::Skeleton};",
    );
    write("pages/mod.rs", "mod head; use crate::components::card::CardView;");
    write("pages/head.rs", "let url = \"https://example.org//x\";");
    assert_eq!(violations(&dir), Vec::<String>::new(), "a clean tree");

    write(
        "components/card/mod.rs",
        "use crate::{components::status::Skeleton, pages::X};",
    );
    write(
        "components/status/mod.rs",
        "let x = crate::components::card::CardView;",
    );
    write("content/model.rs", "use super::read::parse;");
    write("pages/head.rs", "use super::NotFound; let app = crate::start;");
    write(
        "content/read.rs",
        "use super::model::Article; let a = crate::App;",
    );
    let found = violations(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
    let expect = [
        "upward: components/card/mod.rs uses pages::X",
        "primitive family uses another family: components/status/mod.rs uses components::card",
        "circle: components::card → components::status → components::card",
        "circle: content::model → content::read → content::model",
        "upward: content/read.rs uses App (content::read is below app)",
    ];
    for e in expect {
        assert!(
            found.iter().any(|f| f.starts_with(e)),
            "not caught: {e}\nfound: {found:#?}"
        );
    }
}
