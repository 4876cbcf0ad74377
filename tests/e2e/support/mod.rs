//! The end-to-end harness: a test server for the built app, a browser driving it, and a reader
//! who opens the app's pages by name and waits until each is ready (`reader`), with the page
//! parts named once (`selectors`).

pub mod browser;
pub mod reader;
pub mod selectors;
pub mod server;

pub use browser::Browser;
pub use reader::{Origin, Reader, ShownError};
#[allow(unused_imports)]
pub use server::{Reply, Server};

use serde_json::Value;

/// Copies the folder `from` to `to` as it is (`cp -a`): a test's own copy of the build or of
/// the sample content, to publish into or change.
#[allow(dead_code)] // not every test binary copies one
pub fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    let status = std::process::Command::new("cp")
        .arg("-a")
        .arg(from)
        .arg(to)
        .status()
        .unwrap();
    assert!(status.success(), "cp -a {} {}", from.display(), to.display());
}

/// A sample content file as published into the release build (`dist/content/`), parsed: the
/// editors' files, and the feeds and related lists publishing made from them.
pub fn content(path: &str) -> Value {
    let file = server::dist_dir().join("content").join(path);
    serde_json::from_str(
        &std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display())),
    )
    .unwrap()
}

/// The blocks of a sample article's body whose `type` is `kind` (`paragraph`, `see_also` …).
#[allow(dead_code)] // not every test binary counts blocks
pub fn blocks<'a>(article: &'a Value, kind: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
    article["body"]
        .as_array()
        .expect("an article body")
        .iter()
        .filter(move |b| b["type"] == kind)
}
