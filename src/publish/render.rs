//! Pages rendered to HTML by the app's own views (Leptos' `ssr`), inside the shell the build
//! wrote: the same components the browser runs, from the same content, so the two cannot
//! drift. Only views that render from values they are given can be rendered here (the
//! loading pages would prerender their skeletons): each page is its screen component
//! (`ArticleScreen`, `SectionScreen`, `HomeScreen`, `NotFound`) in the `FrameView`.

use std::sync::Arc;

use futures::StreamExt;
use leptos::prelude::*;
use leptos_meta::ServerMetaContext;

use crate::content::settings::ContentBase;
use crate::content::{Article, FeedPage, Section, Site};
use crate::context::CurrentSection;
use crate::pages::{ArticleScreen, FrameView, HomeScreen, NotFound, SectionScreen};
use crate::route::Route;

/// One page to render.
#[derive(Clone, Debug)]
pub enum Page {
    /// `/`, with the home feed's first page.
    Home(Option<FeedPage>),
    /// `/category/{slug}`, with the section feed's first page.
    Section(Section, Option<FeedPage>),
    /// `/article/{slug}`.
    Article(Box<Article>),
    /// Any path the site does not have.
    NotFound,
}

impl Page {
    /// Its route; none for the not-found page.
    pub fn route(&self) -> Option<Route<'_>> {
        match self {
            Page::Home(_) => Some(Route::Home),
            Page::Section(section, _) => Some(Route::Section(&section.slug)),
            Page::Article(article) => Some(Route::Article(&article.slug)),
            Page::NotFound => None,
        }
    }

    /// The section the footer marks as current: its route's, an article's own.
    fn current(&self) -> Option<String> {
        match self {
            Page::Article(article) => Some(article.category.slug.clone()),
            page => page.route()?.section().map(String::from),
        }
    }
}

/// The app's page as the build wrote it (`dist/index.html` before publishing, kept as
/// `shell.html`): its head (scripts, styles, settings, policy) and its empty root element.
#[derive(Clone, Debug)]
pub struct Shell {
    html: String,
    /// Where the shell's `<title>…</title>` is.
    title: std::ops::Range<usize>,
    /// Just after the root element's start tag (`<div id="khabar" … data-khabar-app>`).
    root: usize,
    /// The content base of its `<meta name="khabar:content-base">`, ending in `/`.
    content_base: String,
}

impl Shell {
    /// Reads the shell; it must have a `<title>` and an empty app root.
    pub fn new(html: String) -> Result<Shell, String> {
        let start = html.find("<title>").ok_or("the shell has no <title>")?;
        let end = html[start..]
            .find("</title>")
            .ok_or("the shell's <title> is not closed")?
            + start
            + "</title>".len();
        let marker = html
            .find("data-khabar-app")
            .ok_or("the shell has no app root (an element with data-khabar-app)")?;
        let root = html[marker..]
            .find('>')
            .ok_or("the shell's app root is not closed")?
            + marker
            + 1;
        if !html[root..].starts_with("</div>") {
            return Err(
                "the shell's app root is not empty: is this a published page rather than the shell?".into(),
            );
        }
        let content_base = content_base_of(&html);
        Ok(Shell {
            html,
            title: start..end,
            root,
            content_base,
        })
    }

    /// The shell as it is.
    pub fn html(&self) -> &str {
        &self.html
    }

    /// The content base of `<meta name="khabar:content-base">`, ending in `/`.
    pub fn content_base(&self) -> &str {
        &self.content_base
    }

    /// The shell with `head` in place of its `<title>` and `body` in its root, and without its
    /// `modulepreload` of the app's glue (a published page is read before the app starts, and
    /// its start-up script fetches the glue once the page is painted: scripts/start/after-paint.js)
    /// or its `<noscript>` note (a published page is read without script).
    fn fill(&self, head: &str, body: &str) -> String {
        let mut out = String::with_capacity(self.html.len() + head.len() + body.len());
        out.push_str(&without_modulepreload(&self.html[..self.title.start]));
        out.push_str(head);
        out.push_str(&without_modulepreload(&self.html[self.title.end..self.root]));
        out.push_str(body);
        out.push_str(&without_noscript(&self.html[self.root..]));
        out
    }
}

/// `page` as a whole HTML document: the shell, its head tags from the page's `PageHead`
/// (and `extra_head`, e.g. structured data), its root holding the page's frame.
pub fn render(shell: &Shell, site: &Arc<Site>, page: Page, extra_head: &str) -> String {
    let _ = any_spawner::Executor::init_futures_executor();
    let owner = Owner::new();
    let (head, body) = owner.with(|| {
        let (meta, output) = ServerMetaContext::new();
        provide_context(meta);
        leptos_meta::provide_meta_context();
        provide_context(ContentBase::new(shell.content_base()));
        provide_context(CurrentSection(RwSignal::new(page.current())));
        let current: Signal<Option<String>> = Signal::stored(page.current());
        let site = site.clone();
        let screen = move || match page.clone() {
            Page::Home(first) => view! { <HomeScreen first /> }.into_any(),
            Page::Section(section, first) => view! { <SectionScreen section first /> }.into_any(),
            Page::Article(article) => view! { <ArticleScreen article=*article /> }.into_any(),
            Page::NotFound => view! { <NotFound /> }.into_any(),
        };
        let body = view! {
            <div class="kh-app">
                <FrameView site current>
                    {screen()}
                </FrameView>
            </div>
        }
        .to_html();
        let body = without_markers(&body);
        // leptos_meta puts the tags the page registered before the first chunk's `</head>`.
        let chunk = futures::stream::iter(["</head>".to_string()]);
        let head: String = futures::executor::block_on(async move {
            output
                .inject_meta_context(chunk)
                .await
                .collect::<Vec<_>>()
                .await
                .concat()
        });
        let head = head.strip_suffix("</head>").unwrap_or(&head).to_string();
        (head, body)
    });
    drop(owner);
    shell.fill(&(head + extra_head), &body)
}

/// The content base `html`'s `<meta name="khabar:content-base">` names, ending in `/`; the
/// default where it has none. Its `content` may be quoted or, minified, bare
/// (`content=https://cdn.example/news/>`).
fn content_base_of(html: &str) -> String {
    let base = html
        .find("name=\"khabar:content-base\"")
        .or_else(|| html.find("name=khabar:content-base"))
        .and_then(|at| {
            let tag_start = html[..at].rfind('<')?;
            let tag_end = at + html[at..].find('>')?;
            let value = html[tag_start..tag_end].split("content=").nth(1)?;
            let value = match value.chars().next()? {
                quote @ ('"' | '\'') => value[1..].split(quote).next()?,
                _ => value.split(char::is_whitespace).next()?,
            };
            Some(value.to_string())
        })
        .filter(|b| !b.trim().is_empty())
        .unwrap_or_else(|| crate::content::settings::DEFAULT_BASE.to_string());
    ContentBase::new(&base).0
}

/// `html` without its `<link … rel=modulepreload …>` tags (quoted or, minified, not).
fn without_modulepreload(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<link") {
        out.push_str(&rest[..at]);
        let end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
        let tag = &rest[at..end];
        if !(tag.contains("rel=modulepreload") || tag.contains("rel=\"modulepreload\"")) {
            out.push_str(tag);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// `html` without its `<noscript>…</noscript>` elements.
fn without_noscript(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<noscript>") {
        out.push_str(&rest[..at]);
        rest = rest[at..]
            .find("</noscript>")
            .map_or("", |end| &rest[at + end + "</noscript>".len()..]);
    }
    out.push_str(rest);
    out
}

/// `html` without the comments the server renderer leaves as hydration markers (`<!>`,
/// `<!--<() />-->`): the app takes a published page over rather than hydrating it, so they
/// are only weight. Text and attribute values never hold a raw `<`, so every `<!` here
/// starts one of them.
fn without_markers(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<!") {
        out.push_str(&rest[..at]);
        let marker = &rest[at..];
        let end = if marker.starts_with("<!--") {
            marker.find("-->").map(|e| e + 3)
        } else {
            marker.find('>').map(|e| e + 1)
        };
        match end {
            Some(end) => rest = &marker[end..],
            None => {
                rest = marker;
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_glue_is_not_preloaded_and_every_other_link_stays() {
        assert_eq!(
            without_modulepreload(
                "<link href=/a.css rel=stylesheet><link crossorigin href=/k.js rel=modulepreload><link rel=\"modulepreload\" href=\"/k.js\"><meta charset=utf-8>"
            ),
            "<link href=/a.css rel=stylesheet><meta charset=utf-8>"
        );
    }

    #[test]
    fn the_content_base_is_read_quoted_or_bare() {
        let shell = |meta: &str| {
            content_base_of(&format!(
                "<meta charset=utf-8>{meta}<title>t</title><div data-khabar-app></div>"
            ))
        };
        assert_eq!(
            shell("<meta name=khabar:content-base content=/content/>"),
            "/content/"
        );
        assert_eq!(
            shell("<meta name=khabar:content-base content=https://cdn.example/news/>"),
            "https://cdn.example/news/"
        );
        assert_eq!(
            shell("<meta name=\"khabar:content-base\" content=\"https://cdn.example/c\">"),
            "https://cdn.example/c/"
        );
        assert_eq!(shell(""), crate::content::settings::DEFAULT_BASE);
    }

    #[test]
    fn markers_go_and_text_stays() {
        assert_eq!(
            without_markers("<main><!--<() />--><!><p>المصدر:<!> نص &lt;!x</p></main>"),
            "<main><p>المصدر: نص &lt;!x</p></main>"
        );
    }
}
