//! From response text to typed, validated content. Pure, so it is tested natively.

use super::error::ContentError;
use super::model::{Article, Block, FeedPage, Inline, RelatedList, Site};
use super::read::{from_value, parse_json, Content};
use super::validate::{self, Folder, Issue};

/// Why [`deserialize`] failed. Defined by the reader, which finds it: `read` needs nothing of
/// this module, so the two depend one way.
pub use super::read::Unreadable;

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
    /// the console), so one bad link never costs the reader the article. Nor is a reading time
    /// out of range: the page counts the words instead ([`Article::minutes_to_read`]).
    fn issues(&self) -> Vec<Issue> {
        validate::validate_article(self, &Folder::default())
            .into_iter()
            .filter(|i| !i.path.ends_with(".href") && i.path != "reading_minutes")
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

/// Reads `text` as a `T`, telling "not JSON" from "wrong shape" (with the JSON path). Shared by
/// the app and the offline validator.
pub fn deserialize<T: Content>(text: &str) -> Result<T, Unreadable> {
    let value = parse_json(text).map_err(Unreadable::NotJson)?;
    from_value(&value)
}

/// Deserializes `text` (fetched from `url`), then checks it.
pub fn parse<T: Content + Checked>(url: &str, text: &str) -> Result<T, ContentError> {
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
    fn reading_time_is_the_newsroom_s_when_in_range_else_the_words_counted() {
        let paragraph = |words: usize| {
            format!(
                r#"{{"type":"paragraph","runs":[{{"type":"text","text":"{}"}},{{"type":"link","text":"رابط هنا","href":"/article/b"}}]}}"#,
                vec!["كلمة"; words].join(" ")
            )
        };
        let minutes = |body: String, given: &str| {
            let text = article_json(&body).replacen("\"hero\"", &format!("{given}\"hero\""), 1);
            parse::<Article>("u", &text).unwrap().minutes_to_read()
        };
        // 138 words and the link's 2: one minute; one word more, two.
        assert_eq!(minutes(format!("[{}]", paragraph(138)), ""), 1);
        assert_eq!(minutes(format!("[{}]", paragraph(139)), ""), 2);
        let counted = format!(
            r#"[{},{{"type":"heading","text":"عنوان فرعي"}},{{"type":"quote","text":"قال ذلك","attribution":"فلان الفلاني"}},{{"type":"see_also","slug":"b","title":"لا تُعدّ كلماته"}}]"#,
            paragraph(1394)
        );
        assert_eq!(minutes(counted.clone(), ""), 11, "1,402 words");
        assert_eq!(
            minutes(format!("[{}]", paragraph(0)), ""),
            1,
            "never less than one"
        );
        assert_eq!(minutes(counted.clone(), r#""reading_minutes":4,"#), 4);
        // Out of range: refused by the validator, counted by the app.
        let zero = article_json(&counted).replacen("\"hero\"", "\"reading_minutes\":0,\"hero\"", 1);
        assert_eq!(parse::<Article>("u", &zero).unwrap().minutes_to_read(), 11);
        let issues = validate::validate_article(&parse::<Article>("u", &zero).unwrap(), &Folder::default());
        assert!(issues.iter().any(|i| i.path == "reading_minutes"), "{issues:?}");
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

    fn shape_path(body: &str) -> String {
        match deserialize::<Article>(&article_json(body)) {
            Err(Unreadable::Shape { path, .. }) => path,
            other => panic!("expected a shape error, got {other:?}"),
        }
    }

    #[test]
    fn shape_paths_point_at_the_value_at_fault() {
        let para = r#"{"type":"paragraph","runs":[{"type":"text","text":"x"}]}"#;
        // A conversion error in a middle element, with elements after it.
        let body = format!(
            r#"[{para}, {{"type":"paragraph","runs":[{{"type":"link","text":"y"}}, {{"type":"text","text":"z"}}]}}, {para}]"#
        );
        assert_eq!(shape_path(&body), "body[1].runs[0]");
        // A conversion error in the last element of nested lists.
        assert_eq!(shape_path(r#"[{"type":"heading"}]"#), "body[0]");
        // A wrong type for a whole element, and for a field.
        assert_eq!(shape_path(&format!("[{para}, 7]")), "body[1]");
        assert_eq!(
            shape_path(r#"[{"type":"paragraph","runs":[{"type":"text","text":{"a":1}}]}]"#),
            "body[0].runs[0].text"
        );
        assert_eq!(shape_path(r#"{"not":"a list"}"#), "body");
        assert_eq!(shape_path(&format!("[{para}, [1]]")), "body[1]");
        let text = article_json("[]").replace("1200", "\"1200\"");
        match deserialize::<Article>(&text) {
            Err(Unreadable::Shape { path, .. }) => assert_eq!(path, "hero.image.width"),
            other => panic!("expected a shape error, got {other:?}"),
        }
        // A missing field of the top-level object is at the top.
        match deserialize::<Article>(r#"{"slug": "a"}"#) {
            Err(Unreadable::Shape { path, detail }) => {
                assert_eq!(path, ".");
                assert!(detail.contains("missing field"), "{detail}");
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
        let site: Site = deserialize(
            r#"{"name":"خبر","logo":{"src":"l.svg","width":1,"height":1,"alt":"خبر"},
                "base_url":"https://k.example","sections":[{"slug":"home","label":"الرئيسية"}],
                "share":["whatsapp","mastodon","x"],
                "locale":{"digits":"thai","calendar":"hebrew"}}"#,
        )
        .unwrap();
        use crate::content::model::{Calendar, Digits, ShareProvider};
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
