//! Embedding in a publisher's page: `mount(element, options)` (and, through the generated
//! `khabar-embed.js`, the `<khabar-article>` and `<khabar-related>` elements).
//!
//! A widget lives in a shadow root with khabar's stylesheet: the host's CSS cannot reach it and
//! its CSS cannot reach the host. It has no router: links follow the publisher's pattern, and
//! the host's history, title and scrolling are left alone. `unmount()` disposes the widget's
//! reactive owner, which aborts its pending requests and stops its observers.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::components::article::ArticleSkeleton;
use crate::components::related::RelatedNews;
use crate::components::status::ErrorNotice;
use crate::content::settings::ContentBase;
use crate::content::{self, validate, Article, Digits};
use crate::context::{CurrentSection, SiteContext};
use crate::links::Links;
use crate::pages::FullArticle;

/// What an embed shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WidgetKind {
    /// The whole article view.
    Article,
    /// Only the article's related-news cards.
    Related,
}

/// The options of [`mount`], as read from a JS object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmbedOptions {
    pub kind: WidgetKind,
    pub slug: String,
    /// Content base URL (default: the `content/` folder next to khabar's files).
    pub content_base: Option<String>,
    /// URL of khabar's stylesheet, loaded inside the shadow root.
    pub stylesheet: Option<String>,
    pub links: Links,
    /// The host's digits (`western` or `arabic_indic`; the site's otherwise).
    pub digits: Option<Digits>,
}

fn text_option(options: &JsValue, key: &str) -> Option<String> {
    js_sys::Reflect::get(options, &JsValue::from_str(key))
        .ok()
        .and_then(|v| v.as_string())
        .filter(|s| !s.trim().is_empty())
}

impl EmbedOptions {
    /// Reads `{kind, slug, contentBase, stylesheet, linkPattern, sectionPattern, digits}` (a
    /// host's `theme` is its element's attribute, which the stylesheet reads through `:host`).
    pub fn from_js(options: &JsValue) -> Result<Self, String> {
        let kind = match text_option(options, "kind").as_deref() {
            None | Some("article") => WidgetKind::Article,
            Some("related") => WidgetKind::Related,
            Some(other) => {
                return Err(format!(
                    "khabar: unknown widget kind {other:?} (article or related)"
                ))
            }
        };
        let slug = text_option(options, "slug").ok_or("khabar: a widget needs a slug")?;
        let article = text_option(options, "linkPattern").unwrap_or_else(|| Links::default().article);
        if !article.contains("{slug}") {
            return Err(format!("khabar: linkPattern {article:?} must contain {{slug}}"));
        }
        let section = text_option(options, "sectionPattern");
        let content_base = text_option(options, "contentBase");
        let stylesheet = text_option(options, "stylesheet");
        // Every URL a host gives passes the rule links in content pass (content::validate):
        // http, https, mailto or relative; never `javascript:`, `data:`, `vbscript:` or `blob:`,
        // however written.
        let urls = [
            ("linkPattern", Some(&article)),
            ("sectionPattern", section.as_ref()),
            ("contentBase", content_base.as_ref()),
            ("stylesheet", stylesheet.as_ref()),
        ];
        for (name, url) in urls {
            if let Some(Err(why)) = url.map(|u| validate::check_href(u)) {
                return Err(format!("khabar: {name} is refused: {why}"));
            }
        }
        Ok(EmbedOptions {
            digits: text_option(options, "digits").and_then(|d| Digits::find(&d)),
            kind,
            slug,
            content_base,
            stylesheet,
            links: Links { article, section },
        })
    }
}

/// A mounted widget; `unmount()` removes it and stops everything it started.
#[wasm_bindgen]
pub struct EmbedHandle {
    mounted: Option<Box<dyn std::any::Any>>,
    shadow: Option<web_sys::ShadowRoot>,
}

#[wasm_bindgen]
impl EmbedHandle {
    /// Removes the widget: its requests are aborted, its observers and timers stopped.
    pub fn unmount(&mut self) {
        self.mounted.take();
        if let Some(shadow) = self.shadow.take() {
            remove_ours(&shadow);
        }
    }
}

/// The attribute of the nodes a widget adds to its host's shadow root: mounting again and
/// unmounting remove those, and leave what the host keeps there of its own. By node, not with
/// `innerHTML`, which a host page enforcing Trusted Types refuses even for "" (Leptos' view
/// templates write `innerHTML` through the glue's `khabar` policy: docs/embedding.md).
const OURS: &str = "data-khabar-embed";

fn remove_ours(shadow: &web_sys::ShadowRoot) {
    while let Ok(Some(node)) = shadow.query_selector("[data-khabar-embed]") {
        node.remove();
    }
}

/// Mounts a widget into `host` (in its shadow root). Options: `kind` (`"article"` or
/// `"related"`), `slug`, `contentBase`, `stylesheet`, `linkPattern` (e.g.
/// `"https://publisher.example/news/{slug}"`), `sectionPattern`, `digits`.
#[wasm_bindgen]
pub fn mount(host: web_sys::HtmlElement, options: JsValue) -> Result<EmbedHandle, JsValue> {
    let options = EmbedOptions::from_js(&options).map_err(|e| JsValue::from_str(&e))?;
    let document = host
        .owner_document()
        .ok_or("khabar: the element is not in a document")?;
    let shadow = match host.shadow_root() {
        Some(existing) => existing,
        None => host.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))?,
    };
    remove_ours(&shadow);
    if let Some(href) = &options.stylesheet {
        let link = document.create_element("link")?;
        link.set_attribute(OURS, "")?;
        link.set_attribute("rel", "stylesheet")?;
        link.set_attribute("href", href)?;
        shadow.append_child(&link)?;
    }
    let root = document.create_element("div")?;
    root.set_attribute(OURS, "")?;
    root.set_attribute("class", "kh-root kh-embed")?;
    root.set_attribute("dir", "rtl")?;
    root.set_attribute("lang", "ar")?;
    shadow.append_child(&root)?;
    let root: web_sys::HtmlElement = root.unchecked_into();
    let handle = leptos::mount::mount_to(root, move || {
        if let Some(base) = &options.content_base {
            provide_context(ContentBase::new(base));
        }
        provide_context(options.links.clone());
        provide_context(CurrentSection(RwSignal::new(None)));
        view! { <Widget kind=options.kind slug=options.slug.clone() digits=options.digits /> }
    });
    Ok(EmbedHandle {
        mounted: Some(Box::new(handle)),
        shadow: Some(shadow),
    })
}

/// A widget: loads the site settings, then the article, then shows what `kind` asks for, in
/// the host's digits if it chose them.
#[component]
fn Widget(
    kind: WidgetKind,
    slug: String,
    /// The host's digits, in place of the site's.
    digits: Option<Digits>,
) -> impl IntoView {
    let site = content::Loader::new(content::fetch_site);
    let article = content::Loader::new(move || content::fetch_article(slug.clone()));
    let fallback = move || match kind {
        WidgetKind::Article => view! { <ArticleSkeleton /> }.into_any(),
        WidgetKind::Related => ().into_any(),
    };
    view! {
        <Suspense fallback=fallback>
            {move || Suspend::new(async move {
                match (site.get().await, article.get().await) {
                    (Ok(mut site), Ok(article)) => {
                        site.locale.digits = digits.unwrap_or(site.locale.digits);
                        provide_context(SiteContext(Arc::new(site)));
                        view! { <Loaded kind article /> }.into_any()
                    }
                    (Err(error), _) | (_, Err(error)) => {
                        view! {
                            <ErrorNotice
                                error
                                on_retry=move || {
                                    site.refetch();
                                    article.refetch();
                                }
                            />
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn Loaded(kind: WidgetKind, article: Article) -> impl IntoView {
    match kind {
        WidgetKind::Related => article
            .related
            .clone()
            .map(|path| view! { <RelatedNews path about=article.title.clone() section=article.category.clone() /> })
            .into_any(),
        WidgetKind::Article => view! { <FullArticle article /> }.into_any(),
    }
}
