//! The document head of a page: title, description, canonical URL, Open Graph and Twitter.

use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};

use crate::context::SiteContext;
use crate::links::absolute_url;

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
    /// The share image, as an absolute or root-relative URL.
    #[prop(optional, into)]
    image: Option<String>,
    /// `article` for articles, `website` otherwise.
    #[prop(default = "website")]
    kind: &'static str,
) -> impl IntoView {
    let site = expect_context::<SiteContext>().0;
    let full_title = format!("{title} | {}", site.name);
    let canonical = path.map(|p| absolute_url(&site.base_url, &p));
    let image = image.map(|i| absolute_url(&site.base_url, &i));
    // One list of (attribute, its value, content), so the head's tags are one list of views
    // rather than a view type of their own each.
    let mut tags: Vec<(bool, &'static str, String)> = vec![
        (true, "og:site_name", site.name.clone()),
        (true, "og:type", kind.to_string()),
        (true, "og:locale", "ar_AR".to_string()),
        (true, "og:title", title.clone()),
        (false, "twitter:title", title),
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
        tags.push((true, "og:description", d.clone()));
        tags.push((false, "twitter:description", d));
    }
    if let Some(c) = &canonical {
        tags.push((true, "og:url", c.clone()));
    }
    if let Some(i) = image {
        tags.push((true, "og:image", i.clone()));
        tags.push((false, "twitter:image", i));
    }
    view! {
        <Title text=full_title />
        {canonical.map(|c| view! { <Link rel="canonical" href=c /> })}
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
