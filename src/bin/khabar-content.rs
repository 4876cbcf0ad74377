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
        _ => {
            eprintln!("usage: khabar-content check DIR | schema DIR | routes FILE | publish CONTENT DIST");
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
