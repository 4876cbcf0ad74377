//! The document head of a page: title, description, canonical URL, Open Graph and Twitter.

use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};

use crate::components::layout::SiteContext;

/// `path` as an absolute URL of the public site: kept when already absolute, else joined to
/// the site's base URL.
pub fn absolute_url(site_base: &str, path: &str) -> String {
    if path.starts_with("https://") || path.starts_with("http://") {
        path.to_string()
    } else {
        format!(
            "{}/{}",
            site_base.trim_end_matches('/'),
            path.trim_start_matches('/')
        )
    }
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
    view! {
        <Title text=full_title />
        <Meta property="og:site_name" content=site.name.clone() />
        <Meta property="og:type" content=kind />
        <Meta property="og:locale" content="ar_AR" />
        <Meta property="og:title" content=title.clone() />
        <Meta name="twitter:title" content=title />
        <Meta name="twitter:card" content=if image.is_some() { "summary_large_image" } else { "summary" } />
        {description.map(|d| view! {
            <Meta name="description" content=d.clone() />
            <Meta property="og:description" content=d.clone() />
            <Meta name="twitter:description" content=d />
        })}
        {canonical.map(|c| view! {
            <Link rel="canonical" href=c.clone() />
            <Meta property="og:url" content=c />
        })}
        {image.map(|i| view! {
            <Meta property="og:image" content=i.clone() />
            <Meta name="twitter:image" content=i />
        })}
    }
}
