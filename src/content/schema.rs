//! The JSON Schemas of the format, generated from its Rust types (`make schema` writes them
//! into `schema/`; a test fails while the checked-in ones differ). Native only.

use std::fs;
use std::path::{Path, PathBuf};

use super::listings::{PINNED_MAX, RELATED_MAX};
use super::model::{Article, FeedPage, RelatedList, Site};

/// The JSON Schemas of the format: (file name, schema text). `site.json` and an article also
/// describe the fields only editors write, which publishing reads and the app does not
/// (`content::check`): home's `pinned` stories and an article's `related_slugs`.
pub fn schemas() -> Vec<(&'static str, String)> {
    let pretty = |s: schemars::Schema| serde_json::to_string_pretty(&s).expect("a schema is JSON") + "\n";
    let mut site = schemars::schema_for!(Site);
    editors_list(&mut site, "pinned", PINNED_MAX, "Editors only: the slugs of the stories home shows first, in order; publishing reads them (docs/content-format.md §1).");
    let mut article = schemars::schema_for!(Article);
    editors_list(&mut article, "related_slugs", RELATED_MAX, "Editors only: the slugs of the stories of this article's related-news section, chosen by hand, in order; without it publishing chooses them (docs/content-format.md §1).");
    vec![
        ("site.schema.json", pretty(site)),
        ("article.schema.json", pretty(article)),
        ("feed-page.schema.json", pretty(schemars::schema_for!(FeedPage))),
        ("related.schema.json", pretty(schemars::schema_for!(RelatedList))),
    ]
}

/// Adds to `schema` the optional property `name`: a list of at most `max` article slugs.
fn editors_list(schema: &mut schemars::Schema, name: &str, max: usize, description: &str) {
    let properties = schema
        .get_mut("properties")
        .and_then(serde_json::Value::as_object_mut)
        .expect("an object's schema has properties");
    properties.insert(
        name.into(),
        serde_json::json!({
            "description": description,
            "type": "array",
            "items": { "type": "string" },
            "maxItems": max,
            "uniqueItems": true,
        }),
    );
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
