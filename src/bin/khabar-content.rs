//! Offline tools for a content folder.
//!
//! - `khabar-content check DIR`: validates every file of a content folder and prints each
//!   problem as `file: json.path: message`; exits 1 if there is any.
//! - `khabar-content schema DIR`: writes the JSON Schemas of the format into DIR.
//! - `khabar-content routes FILE`: writes the route table's rules for the scripts
//!   (`scripts/routes.json`, src/route.rs).
//! - `khabar-content publish CONTENT DIST` (built with the `ssr` feature: `make publish`):
//!   validates CONTENT, then publishes its files and every route's page into the build DIST,
//!   each renamed into place with its compressed copies, and removes what is no longer
//!   published; writes nothing when the content has a problem (docs/deploy.md).
//! - `khabar-content listings CONTENT OUT`: validates CONTENT, then writes into OUT (a copy of
//!   it, as `make serve` has in its build) what publishing derives from the articles: the feed
//!   pages, the related lists, and each article naming its list. No pages, no atomic renames:
//!   the development server's build step (scripts/postbuild.mjs).
#![forbid(unsafe_code)]

use std::path::Path;
use std::process::ExitCode;

use khabar::content::check;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["check", dir] => {
            let report = check::check_folder(Path::new(dir));
            for problem in &report.problems {
                println!("{problem}");
            }
            for warning in &report.warnings {
                eprintln!("warning: {warning}");
            }
            if report.problems.is_empty() {
                println!("content ok: {} files checked in {dir}", report.files);
                ExitCode::SUCCESS
            } else {
                println!("content has {} problem(s) in {dir}", report.problems.len());
                ExitCode::FAILURE
            }
        }
        ["schema", dir] => match khabar::content::schema::write_schemas(Path::new(dir)) {
            Ok(files) => {
                for f in files {
                    println!("wrote {f}");
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("khabar-content: {e}");
                ExitCode::FAILURE
            }
        },
        ["routes", file] => match std::fs::write(file, khabar::route::rules()) {
            Ok(()) => {
                println!("wrote {file}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("khabar-content: {file}: {e}");
                ExitCode::FAILURE
            }
        },
        ["publish", content, dist] => publish(Path::new(content), Path::new(dist)),
        ["listings", content, out] => listings(Path::new(content), Path::new(out)),
        _ => {
            eprintln!(
                "usage: khabar-content check DIR | schema DIR | routes FILE | publish CONTENT DIST | listings CONTENT OUT"
            );
            ExitCode::from(2)
        }
    }
}

#[cfg(feature = "ssr")]
fn publish(content: &Path, dist: &Path) -> ExitCode {
    match khabar::publish::publish(content, dist) {
        Ok(published) => {
            for warning in &published.warnings {
                eprintln!("warning: {warning}");
            }
            let changes = &published.changes;
            println!(
                "published {} into {}: {} files written, {} unchanged, {} removed",
                content.display(),
                dist.display(),
                changes.written.len(),
                changes.unchanged,
                changes.removed.len()
            );
            for removed in &changes.removed {
                println!("removed {removed}");
            }
            ExitCode::SUCCESS
        }
        Err(problems) => {
            for problem in &problems {
                println!("{problem}");
            }
            println!(
                "nothing published: {} problem(s) in {}",
                problems.len(),
                content.display()
            );
            ExitCode::FAILURE
        }
    }
}

#[cfg(not(feature = "ssr"))]
fn publish(_content: &Path, _dist: &Path) -> ExitCode {
    eprintln!("khabar-content: publish renders pages with the `ssr` feature: run `make publish`");
    ExitCode::from(2)
}

fn listings(content: &Path, out: &Path) -> ExitCode {
    let catalogue = match khabar::publish::Catalogue::load(content) {
        Ok(catalogue) => catalogue,
        Err(problems) => {
            for problem in problems {
                println!("{problem}");
            }
            println!(
                "content has a problem in {}: no listings written",
                content.display()
            );
            return ExitCode::FAILURE;
        }
    };
    let write = |file: &str, bytes: &[u8]| -> std::io::Result<()> {
        let path = out.join(file);
        std::fs::create_dir_all(path.parent().expect("a file in a folder"))?;
        std::fs::write(path, bytes)
    };
    let mut written = 0;
    let articles = catalogue
        .articles
        .iter()
        .map(|a| format!("articles/{}.json", a.slug));
    for file in articles {
        let result = std::fs::read(content.join(&file))
            .and_then(|bytes| write(&file, &catalogue.published_article(&file, &bytes)));
        if let Err(e) = result {
            eprintln!("khabar-content: {file}: {e}");
            return ExitCode::FAILURE;
        }
    }
    for (file, bytes) in catalogue.listing_files() {
        if let Err(e) = write(&file, &bytes) {
            eprintln!("khabar-content: {}: {e}", out.join(file).display());
            return ExitCode::FAILURE;
        }
        written += 1;
    }
    println!(
        "listings of {} written into {}: {} articles, {written} feed pages and related lists",
        content.display(),
        out.display(),
        catalogue.articles.len()
    );
    ExitCode::SUCCESS
}
