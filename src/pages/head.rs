//! The document head of a page: title, description, canonical URL, feed, Open Graph and
//! Twitter. The app sets it as pages open; publishing renders the same tags into each page's
//! HTML, where the crawlers behind share previews and search engines read them.

use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};

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
    let feed = feed.map(|f| {
        let href = absolute_url(&site.base_url, &f);
        view! { <Link rel="alternate" type_="application/rss+xml" title=text::RSS_TITLE href=href /> }
    });
    view! {
        <Title text=full_title />
        {canonical.map(|c| view! { <Link rel="canonical" href=c /> })}
        {feed}
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
