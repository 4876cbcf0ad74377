//! Listings made from the articles (issue 27): an editor writes one article and publishes; it
//! shows first on home (after the pinned stories) and in its section, with no feed written by
//! hand; removed, it is gone from every listing and its address is the not-found page.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::deploy::Nginx;
use crate::published::TAKEN_OVER;
use crate::support::selectors::{query_all, ARTICLE_TITLE, CARD_LINK, CARD_TITLE, NOT_FOUND};
use crate::support::server::dist_dir;
use crate::support::{copy_tree, Reader};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .unwrap()
}

/// `make publish`, which must succeed.
fn publish(content: &Path, dist: &Path) {
    let out = crate::published::publish(content, dist);
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every listing file of a published folder (feed pages and related lists), with its text.
fn listings(dist: &Path) -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "json") {
                out.push((path.clone(), fs::read_to_string(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(&dist.join("content/feeds"), &mut out);
    walk(&dist.join("content/related"), &mut out);
    out
}

/// The card titles a page shows once the app has taken it over.
async fn card_titles(b: &Reader, path: &str) -> Vec<String> {
    b.open_path(path, CARD_LINK).await;
    b.wait_js(TAKEN_OVER).await;
    b.wait_js(&format!("{}.length > 0", query_all(CARD_TITLE))).await;
    b.texts(CARD_TITLE).await
}

#[tokio::test]
async fn a_new_article_shows_first_on_home_and_in_its_section_and_once_removed_is_gone_from_every_listing() {
    let tmp = std::env::temp_dir().join(format!("khabar-listings-{}", std::process::id()));
    let _ = fs::remove_dir_all(&tmp);
    fs::create_dir_all(&tmp).unwrap();
    let (content, dist) = (tmp.join("content"), tmp.join("dist"));
    copy_tree(&repo().join("content"), &content);
    copy_tree(&dist_dir(), &dist);
    assert!(!content.join("feeds").exists() && !content.join("related").exists());

    // The editor writes one article, of the business section, and nothing else.
    let slug = "harbour-ferry-line-opens";
    let title = "خط عبّارات جديد يربط الميناء القديم بالجزر الثلاث";
    let mut article = read(&content.join("articles/startup-logistics-funding-round.json"));
    article["slug"] = json!(slug);
    article["title"] = json!(title);
    article["published"] = json!("2026-12-02T07:30:00+03:00");
    article.as_object_mut().unwrap().remove("updated");
    article.as_object_mut().unwrap().remove("related_slugs");
    let file = content.join(format!("articles/{slug}.json"));
    fs::write(&file, serde_json::to_string_pretty(&article).unwrap()).unwrap();
    publish(&content, &dist);
    assert!(
        !content.join("feeds").exists(),
        "publishing wrote into the editors' folder"
    );

    let pinned: Vec<String> = read(&content.join("site.json"))["pinned"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    let pinned_titles: Vec<String> = pinned
        .iter()
        .map(|s| {
            read(&content.join(format!("articles/{s}.json")))["title"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let nginx = Nginx::serving(&dist);
    let b = Reader::sized(&nginx, 412, 900).await;
    let home = card_titles(&b, "/").await;
    assert_eq!(
        home[..pinned.len()],
        pinned_titles[..],
        "the pinned stories first"
    );
    assert_eq!(home[pinned.len()], title, "then the new story: {home:?}");
    b.assert_accessible("home with the new story").await;
    let section = card_titles(&b, "/category/business").await;
    assert_eq!(section.first().map(String::as_str), Some(title), "{section:?}");
    b.assert_accessible("its section").await;
    b.wait(&format!("{CARD_LINK}[href='/article/{slug}']"))
        .await
        .click()
        .await
        .expect("follow the new story's card");
    b.wait_for_article_at(&format!("/article/{slug}")).await;
    assert_eq!(b.text(ARTICLE_TITLE).await, title);

    // Removed: gone from every feed page and related list, from home and its section, and its
    // address is the not-found page.
    fs::remove_file(&file).unwrap();
    publish(&content, &dist);
    for (path, text) in listings(&dist) {
        assert!(!text.contains(slug), "{} still names it", path.display());
    }
    // (The same reader: its browser asks for the pages and each feed's latest page again.)
    assert!(!card_titles(&b, "/").await.contains(&title.to_string()));
    assert!(!card_titles(&b, "/category/business")
        .await
        .contains(&title.to_string()));
    b.open_path(&format!("/article/{slug}"), NOT_FOUND).await;
    b.close().await;
    drop(nginx);
    fs::remove_dir_all(&tmp).unwrap();
}
