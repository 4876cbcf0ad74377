//! From response text to typed, validated content. Pure, so it is tested natively.

use serde::de::DeserializeOwned;

use super::error::ContentError;
use super::model::{Article, Block, FeedPage, Inline, RelatedList, Site};
use super::validate::{self, Folder, Issue};

/// Content the app can check on its own, without the rest of the folder.
pub trait Checked {
    /// Rules broken by this value that make it unfit to show.
    fn issues(&self) -> Vec<Issue>;
}

impl Checked for Site {
    fn issues(&self) -> Vec<Issue> {
        validate::validate_site(self, &Folder::default())
    }
}

impl Checked for Article {
    /// Unsafe links are not fatal here: the page renders them as plain text (and says so in
    /// the console), so one bad link never costs the reader the article.
    fn issues(&self) -> Vec<Issue> {
        validate::validate_article(self, &Folder::default())
            .into_iter()
            .filter(|i| !i.path.ends_with(".href"))
            .collect()
    }
}

impl Checked for FeedPage {
    fn issues(&self) -> Vec<Issue> {
        validate::validate_feed(self, &Folder::default())
    }
}

impl Checked for RelatedList {
    fn issues(&self) -> Vec<Issue> {
        validate::validate_related(self, &Folder::default())
    }
}

/// Why a text did not deserialize.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// Not JSON at all (syntax, or cut short).
    NotJson(String),
    /// JSON of the wrong shape; `path` is where (`.` for the top level).
    Shape { path: String, detail: String },
}

/// Deserializes `text`, telling "not JSON" from "wrong shape" (with the JSON path). Shared by
/// the app and the offline validator.
pub fn deserialize<T: DeserializeOwned>(text: &str) -> Result<T, Unreadable> {
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        match inner.classify() {
            serde_json::error::Category::Data => Unreadable::Shape {
                path,
                detail: inner.to_string(),
            },
            _ => Unreadable::NotJson(inner.to_string()),
        }
    })
}

/// Deserializes `text` (fetched from `url`), then checks it.
pub fn parse<T: DeserializeOwned + Checked>(url: &str, text: &str) -> Result<T, ContentError> {
    let url = url.to_string();
    let value: T = deserialize(text).map_err(|e| match e {
        Unreadable::Shape { path, detail } => ContentError::Shape {
            url: url.clone(),
            path,
            detail,
        },
        Unreadable::NotJson(detail) => ContentError::NotJson {
            url: url.clone(),
            detail,
        },
    })?;
    let issues = value.issues();
    if issues.is_empty() {
        Ok(value)
    } else {
        Err(ContentError::Invalid { url, issues })
    }
}

/// Warnings for the console about body blocks and inline runs this version does not know.
pub fn unknown_parts(url: &str, article: &Article) -> Vec<String> {
    let mut out = Vec::new();
    for (i, block) in article.body.iter().enumerate() {
        match block {
            Block::Unknown { kind } => out.push(format!(
                "{url}: body[{i}]: skipped a block of unknown type {kind:?}"
            )),
            Block::Paragraph { runs } => {
                for (j, run) in runs.iter().enumerate() {
                    if let Inline::Unknown { kind } = run {
                        out.push(format!(
                            "{url}: body[{i}].runs[{j}]: skipped a run of unknown type {kind:?}"
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article_json(body: &str) -> String {
        format!(
            r#"{{"slug":"a","title":"عنوان","summary":"ملخص","category":{{"slug":"news","label":"أخبار"}},
            "published":"2026-11-02T09:30:00+03:00",
            "hero":{{"image":{{"src":"images/a.svg","width":1200,"height":675,"alt":"صورة"}},"caption":"تعليق"}},
            "body":{body}, "future_field": 1}}"#
        )
    }

    #[test]
    fn parses_an_article_ignoring_unknown_fields() {
        let text = article_json(r#"[{"type":"paragraph","runs":[{"type":"text","text":"نص"}]}]"#);
        let a: Article = parse("u", &text).unwrap();
        assert_eq!(a.title, "عنوان");
        assert!(unknown_parts("u", &a).is_empty());
    }

    #[test]
    fn not_json_is_its_own_kind() {
        let e = parse::<Article>("u", "<html>oops</html>").unwrap_err();
        assert_eq!(e.kind(), "not-json");
        assert_eq!(parse::<Article>("u", "").unwrap_err().kind(), "not-json");
    }

    #[test]
    fn shape_mismatch_names_the_json_path() {
        let text = article_json(
            r#"[{"type":"paragraph","runs":[{"type":"text","text":"x"},{"type":"link","text":"y"}]}]"#,
        );
        match parse::<Article>("u", &text).unwrap_err() {
            ContentError::Shape { path, detail, .. } => {
                assert_eq!(path, "body[0].runs[1]");
                assert!(detail.contains("href"), "{detail}");
            }
            other => panic!("expected a shape error, got {other:?}"),
        }
    }

    #[test]
    fn broken_rules_are_invalid_but_unsafe_links_are_not_fatal() {
        let text = article_json(
            r#"[{"type":"paragraph","runs":[{"type":"link","text":"x","href":"javascript:alert(1)"}]}]"#,
        )
        .replace("\"عنوان\"", "\"  \"");
        match parse::<Article>("u", &text).unwrap_err() {
            ContentError::Invalid { issues, .. } => {
                assert_eq!(issues.len(), 1, "{issues:?}");
                assert_eq!(issues[0].path, "title");
            }
            other => panic!("expected invalid, got {other:?}"),
        }
    }

    #[test]
    fn newer_site_settings_do_not_break_an_older_app() {
        let site: Site = serde_json::from_str(
            r#"{"name":"خبر","logo":{"src":"l.svg","width":1,"height":1,"alt":"خبر"},
                "base_url":"https://k.example","sections":[{"slug":"home","label":"الرئيسية"}],
                "share":["whatsapp","mastodon","x"],
                "locale":{"digits":"thai","calendar":"hebrew"}}"#,
        )
        .unwrap();
        use crate::content::{Calendar, Digits, ShareProvider};
        assert_eq!(
            site.share,
            vec![ShareProvider::Whatsapp, ShareProvider::Unknown, ShareProvider::X]
        );
        assert_eq!(
            (site.locale.digits, site.locale.calendar),
            (Digits::Western, Calendar::Gregory)
        );
    }

    #[test]
    fn unknown_blocks_are_skipped_and_named() {
        let text = article_json(
            r#"[{"type":"poll","question":"?"},{"type":"paragraph","runs":[{"type":"footnote","n":1},{"type":"text","text":"x"}]}]"#,
        );
        let a: Article = parse("u", &text).unwrap();
        assert_eq!(a.body[0], Block::Unknown { kind: "poll".into() });
        assert_eq!(
            unknown_parts("u", &a),
            vec![
                "u: body[0]: skipped a block of unknown type \"poll\"".to_string(),
                "u: body[1].runs[0]: skipped a run of unknown type \"footnote\"".to_string(),
            ]
        );
    }
}
