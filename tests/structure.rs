//! The structure check: khabar's modules depend downwards only,
//! content → locale, links, route, context, navigation → components → pages → the app (lib.rs, embed),
//! and no modules of one layer import each other around a circle: neither two files of
//! `content/` or `pages/`, nor two component families, nor two files of one family.
//!
//! Every file is a module, a folder's `mod.rs` included (its facade). A facade may re-export
//! its folder's modules; a module of the folder never reaches back into its facade for an item
//! (`super::MAX_FILE_BYTES` from `content/fetch.rs`): it names the module that defines it, so
//! no facade sits in a circle unseen.
//!
//! It reads the `crate::…`, `super::…` and `self::…` paths of every file under `src/`, and a
//! facade's paths through the modules it declares (`pub use fetch::{…}`), comments left out,
//! so it sees `use` lines and paths written inline alike; a `super::` inside an inline module
//! (`mod tests`) is read as Rust reads it. Run by `make unit`.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, lowest first. A module may use its own layer's modules and those below.
const LAYERS: [&[&str]; 5] = [
    &["content"],
    &["locale", "links", "route", "context", "navigation"],
    &["components"],
    &["pages"],
    &["app", "publish"],
];

/// The component families that every other family builds on: they use no other family.
const PRIMITIVES: [&str; 3] = ["components::primitives", "components::status", "components::lazy"];

/// A file's module: one per file, a folder's `mod.rs` being the folder's own module (its
/// facade: `content`, `components`, `components::share`, `pages`); the crate root, `main.rs`,
/// `embed.rs` and the binaries are the app.
fn unit_of(relative: &Path) -> String {
    let parts: Vec<String> = relative
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    match parts.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["lib"] | ["main"] | ["embed"] | ["bin", ..] => "app".into(),
        [.., "mod"] => parts[..parts.len() - 1].join("::"),
        _ => parts.join("::"),
    }
}

/// A module's component family (`components::share` for `components::share::links`), if it
/// is in one.
fn family(unit: &str) -> Option<String> {
    let mut parts = unit.split("::");
    match (parts.next(), parts.next()) {
        (Some("components"), Some(family)) => Some(format!("components::{family}")),
        _ => None,
    }
}

/// Whether `facade` is a folder's `mod.rs` holding `unit` (`content` holds `content::fetch`).
fn holds(facade: &str, unit: &str) -> bool {
    unit.starts_with(&format!("{facade}::"))
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
/// braces are followed (`crate::components::{card::X, status::Y}`). A `super::` inside an
/// inline module (`mod tests { use super::*; }`) names the file's own items and is left out.
fn imports(own: &[String], unit_dir: &[String], text: &str) -> BTreeSet<Vec<String>> {
    let text = code(text);
    let inline = inline_modules(&text);
    let mut found = BTreeSet::new();
    let mut prefixes = vec![
        ("crate::".to_string(), Vec::new()),
        ("super::".to_string(), unit_dir.to_vec()),
        ("self::".to_string(), own.to_vec()),
    ];
    // A folder's `mod.rs` (and the crate root) names its own modules by their names:
    // `pub use fetch::{…}` is a use of `content::fetch`.
    for child in children(&text) {
        let mut base = own.to_vec();
        base.push(child.clone());
        prefixes.push((format!("{child}::"), base));
    }
    for (prefix, base) in &prefixes {
        let prefix = prefix.as_str();
        let mut rest = text.as_str();
        while let Some(at) = rest.find(prefix) {
            let mut base = base.clone();
            let before = rest[..at].chars().last();
            let offset = text.len() - rest.len() + at;
            rest = &rest[at + prefix.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            if prefix == "super::" {
                let depth = inline.iter().filter(|r| r.contains(&offset)).count();
                let mut chain = 1;
                while rest[(chain - 1) * prefix.len()..].starts_with(prefix) {
                    chain += 1;
                }
                // Within the file's own inline modules, or above its folder by `up` levels.
                if chain <= depth {
                    continue;
                }
                let up = chain - depth - 1;
                rest = &rest[(chain - 1) * prefix.len()..];
                base.truncate(base.len().saturating_sub(up));
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

/// The modules a file declares (`mod name;`, `pub mod name;`).
fn children(text: &str) -> Vec<String> {
    text.split(';')
        .filter_map(|statement| {
            let words: Vec<&str> = statement.split_whitespace().collect();
            match words[..] {
                [.., "mod", name] if !words.contains(&"{") => Some(name.to_string()),
                _ => None,
            }
        })
        .collect()
}

/// The byte ranges of the bodies of a file's inline modules (`mod name { … }`).
fn inline_modules(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find("mod ") {
        let start = from + at;
        from = start + 4;
        if text[..start]
            .chars()
            .last()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
        {
            continue;
        }
        let name_end = text[from..]
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .map_or(text.len(), |e| from + e);
        if name_end == from || !text[name_end..].trim_start().starts_with('{') {
            continue;
        }
        let open = name_end + text[name_end..].find('{').unwrap() + 1;
        ranges.push(open..open + matching_brace(&text[open..]));
    }
    ranges
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
    (1..=path.len())
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
        // The file's own module path: `content` for content/mod.rs, none for the crate root.
        let own: Vec<String> = if unit == "app" {
            Vec::new()
        } else {
            unit.split("::").map(String::from).collect()
        };
        let text = std::fs::read_to_string(file).unwrap();
        for path in imports(&own, &dir, &text) {
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
/// a module reaching its own folder's facade (its `mod.rs`) for an item rather than the
/// module that defines it, and circles among the modules of one layer, facades included.
fn violations(src: &Path) -> Vec<String> {
    let graph = graph(src);
    let mut found = Vec::new();
    for (from, uses) in &graph {
        for (to, shown) in uses {
            if layer(to) > layer(from) {
                found.push(format!("upward: {shown} ({from} is below {to})"));
            }
            let (from_family, to_family) = (family(from), family(to));
            if from_family.as_deref().is_some_and(|f| PRIMITIVES.contains(&f))
                && to_family.is_some()
                && to_family != from_family
            {
                found.push(format!("primitive family uses another family: {shown}"));
            }
            if holds(to, from) {
                found.push(format!(
                    "through its facade: {shown} ({to} holds {from}: use the module that defines it)"
                ));
            }
        }
    }
    // Circles: a depth-first walk over the uses within one layer.
    let within = |from: &str, to: &str| layer(from) == layer(to);
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
    write(
        "components/share/mod.rs",
        "pub mod links; pub use links::Shared; use crate::components::status::Skeleton;",
    );
    write(
        "components/share/links.rs",
        "pub struct Shared; mod tests { use super::*; use super::super::super::status::X; }",
    );
    write(
        "pages/mod.rs",
        "mod head; mod home; pub use head::PageHead; use crate::components::card::CardView;",
    );
    write("pages/head.rs", "let url = \"https://example.org//x\";");
    write("pages/home.rs", "use super::head::PageHead;");
    assert_eq!(violations(&dir), Vec::<String>::new(), "a clean tree");

    write(
        "components/card/mod.rs",
        "use crate::{components::status::Skeleton, pages::X};",
    );
    write(
        "components/status/mod.rs",
        "let x = crate::components::card::CardView;",
    );
    write(
        "pages/head.rs",
        "use super::NotFound; use super::home::X; let app = crate::start;",
    );
    write("pages/home.rs", "use super::head::PageHead;");
    write(
        "components/share/links.rs",
        "use super::Shared; pub struct Shared; mod tests { use super::*; }",
    );
    write(
        "content/mod.rs",
        "pub mod model; pub mod read; pub use model::*; pub const MAX: u8 = 1;",
    );
    write("content/model.rs", "use super::read::parse; use super::MAX;");
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
        "through its facade: pages/head.rs uses pages::NotFound",
        "through its facade: content/model.rs uses content::MAX",
        "through its facade: components/share/links.rs uses components::share::Shared",
        "circle: pages::head → pages::home → pages::head",
        "circle: components::share → components::share::links → components::share",
    ];
    for e in expect {
        assert!(
            found.iter().any(|f| f.starts_with(e)),
            "not caught: {e}\nfound: {found:#?}"
        );
    }
}
