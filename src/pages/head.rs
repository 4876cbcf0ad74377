//! The document head of a page: title, description, canonical URL, feed, Open Graph and
//! Twitter. The app sets it as pages open; publishing renders the same tags into each page's
//! HTML, where the crawlers behind share previews and search engines read them.

use leptos::prelude::*;

use crate::content::{settings, Image};
use crate::context::SiteContext;
use crate::links::absolute_url;
use crate::locale::text;

/// What an article's head says of it beyond the page's own tags.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleFacts {
    /// RFC 3339.
    pub published: String,
    /// RFC 3339: `updated`, else `published`.
    pub modified: String,
    /// The section's Arabic name.
    pub section: String,
}

/// Sets the document head for a page; `title` is followed by ` | {site name}`.
#[component]
pub fn PageHead(
    /// The page's own title (headline, section name …).
    #[prop(into)]
    title: String,
    /// The description (an article's lede).
    #[prop(optional, into)]
    description: Option<String>,
    /// The route, e.g. `/article/x`; the canonical URL is the site's base URL plus this.
    #[prop(optional, into)]
    path: Option<String>,
    /// The share image (an article's hero); its `src` as content gives it.
    #[prop(optional, into)]
    image: Option<Image>,
    /// An article's dates and section; makes the page's `og:type` `article`.
    #[prop(optional, into)]
    article: Option<ArticleFacts>,
    /// The RSS feed of the page's scope (`/rss/home.xml`), linked as its alternate.
    #[prop(optional, into)]
    feed: Option<String>,
) -> impl IntoView {
    let site = expect_context::<SiteContext>().0;
    let full_title = format!("{title} | {}", site.name);
    let canonical = path.map(|p| absolute_url(&site.base_url, &p));
    let kind = if article.is_some() { "article" } else { "website" };
    // One list of (attribute, its value, content), so the head's tags are one list of views
    // rather than a view type of their own each. X reads the Open Graph title, description,
    // image and alt where its own `twitter:` tags are missing: only its card type is its own.
    let mut tags: Vec<(bool, &'static str, String)> = vec![
        (true, "og:site_name", site.name.clone()),
        (true, "og:type", kind.to_string()),
        (true, "og:locale", "ar_AR".to_string()),
        (true, "og:title", title),
        (
            false,
            "twitter:card",
            if image.is_some() {
                "summary_large_image"
            } else {
                "summary"
            }
            .to_string(),
        ),
    ];
    if let Some(d) = description {
        tags.push((false, "description", d.clone()));
        tags.push((true, "og:description", d));
    }
    if let Some(c) = &canonical {
        tags.push((true, "og:url", c.clone()));
    }
    if let Some(image) = image {
        let url = absolute_url(&site.base_url, &settings::resolve(&image.src));
        tags.push((true, "og:image", url));
        tags.push((true, "og:image:width", image.width.to_string()));
        tags.push((true, "og:image:height", image.height.to_string()));
        tags.push((true, "og:image:alt", image.alt));
    }
    if let Some(facts) = article {
        tags.push((true, "article:published_time", facts.published));
        tags.push((true, "article:modified_time", facts.modified));
        tags.push((true, "article:section", facts.section));
    }
    let mut links = Vec::new();
    if let Some(c) = canonical {
        links.push(("canonical", c));
    }
    if let Some(f) = feed {
        links.push(("alternate", absolute_url(&site.base_url, &f)));
    }
    head(full_title, links, tags)
}

/// One `<link>`: its `rel` and `href`. `alternate` is the page's RSS feed.
type HeadLink = (&'static str, String);

/// The head's tags as leptos_meta's components, which the server renderer collects into the
/// published page's `<head>` (src/publish/render.rs).
#[cfg(feature = "ssr")]
fn head(title: String, links: Vec<HeadLink>, tags: Vec<(bool, &'static str, String)>) -> impl IntoView {
    use leptos_meta::{Link, Meta, Title};
    // leptos_meta 0.8 writes the title's text into the page as it is (its `<title>` is not an
    // element view): escaped here, or a title holding `</title>` would end it and add markup
    // (issue 25). Its `<meta>` and `<link>` are element views, whose attributes it escapes.
    let title = html_escape::encode_text(&title).into_owned();
    view! {
        <Title text=title />
        {links
            .into_iter()
            .map(|(rel, href)| if rel == "alternate" {
                view! { <Link rel type_="application/rss+xml" title=text::RSS_TITLE href /> }.into_any()
            } else {
                view! { <Link rel href /> }.into_any()
            })
            .collect_view()}
        {tags
            .into_iter()
            .map(|(is_property, key, content)| if is_property {
                view! { <Meta property=key content /> }.into_any()
            } else {
                view! { <Meta name=key content /> }.into_any()
            })
            .collect_view()}
    }
}

/// In the browser the head is written directly: the title set, the tags appended to
/// `document.head` and removed when the page goes (the next page has written its own by then).
/// By hand rather than with leptos_meta's components, which do the same in the browser for
/// 5.7 KB of brotli more (160.0 -> 154.3 KB for the article page; docs/performance.md).
#[cfg(not(feature = "ssr"))]
fn head(title: String, links: Vec<HeadLink>, tags: Vec<(bool, &'static str, String)>) -> impl IntoView {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    document.set_title(&title);
    let Some(head) = document.head() else {
        return;
    };
    let add = |name: &str, attributes: &[(&str, &str)]| {
        let tag = document.create_element(name).ok()?;
        for (attribute, value) in attributes {
            tag.set_attribute(attribute, value).ok()?;
        }
        head.append_child(&tag).ok()?;
        Some(tag)
    };
    let mut added = Vec::new();
    for (rel, href) in &links {
        let tag = if *rel == "alternate" {
            add(
                "link",
                &[
                    ("rel", rel),
                    ("type", "application/rss+xml"),
                    ("title", text::RSS_TITLE),
                    ("href", href),
                ],
            )
        } else {
            add("link", &[("rel", rel), ("href", href)])
        };
        added.extend(tag);
    }
    for (is_property, key, content) in &tags {
        let attribute = if *is_property { "property" } else { "name" };
        added.extend(add("meta", &[(attribute, key), ("content", content)]));
    }
    let added = send_wrapper::SendWrapper::new(added);
    on_cleanup(move || {
        for tag in added.take() {
            tag.remove();
        }
    });
}
