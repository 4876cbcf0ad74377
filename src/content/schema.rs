//! The JSON Schemas of the format, generated from its Rust types (`make schema` writes them
//! into `schema/`; a test fails while the checked-in ones differ). Native only.

use std::fs;
use std::path::{Path, PathBuf};

use super::model::{Article, FeedPage, RelatedList, Site};

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

    #[test]
    fn checked_in_schemas_match_the_types() {
        for (name, text) in schemas() {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema").join(name);
            let on_disk = fs::read_to_string(&path).unwrap_or_default();
            assert!(
                on_disk == text,
                "schema/{name} is stale: the Rust types changed. Run `make schema` and commit the result."
            );
        }
    }
}
