//! The only code that talks to the network.
//!
//! `fetch::<T>(path)` resolves `path` against the content base URL and returns typed,
//! checked content or a [`ContentError`]. Behind it:
//! - a timeout (the request is aborted when it runs out);
//! - one in-memory cache of response texts, so a revisit makes no request, holding at most
//!   [`CACHE_BYTES`] of them (the oldest go first; a dropped text comes from the HTTP cache);
//! - one in-flight request per URL, shared by everyone who asks while it runs;
//! - abort on cleanup: when every view that asked for a pending request has gone, the
//!   request is aborted (`AbortController`).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use futures::future::{self, Either, FutureExt, LocalBoxFuture, Shared};
use leptos::prelude::on_cleanup;
use send_wrapper::SendWrapper;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::error::ContentError;
use super::limits::{CACHE_BYTES, MAX_FILE_BYTES};
use super::model::{Article, FeedPage, RelatedList, Site};
use super::parse::{self, Checked};
use super::paths;
use super::read::Content;
use super::settings;

type TextResult = Result<Rc<str>, ContentError>;

enum Entry {
    Done(Rc<str>),
    Pending(Inflight),
}

struct Inflight {
    id: u64,
    future: Shared<LocalBoxFuture<'static, TextResult>>,
    controller: Option<web_sys::AbortController>,
    /// The timeout's timer, cleared when the request is aborted.
    timer: Rc<Cell<Option<i32>>>,
    waiters: Rc<Cell<usize>>,
}

/// The cache: each URL's answer or running request, in the order the requests started, so the
/// oldest answers are at the front. A list, not a hash map: it holds at most a few hundred
/// entries (1 MiB of answers is some 200 articles, see `evict`), and with the eviction it
/// weighs 140 bytes of brotli less than the `HashMap` it replaced did without (measured on the
/// whole page, 156,987 → 156,847).
type Cache = Vec<(String, Entry)>;

thread_local! {
    static CACHE: RefCell<Cache> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u64> = const { Cell::new(0) };
}

/// Fetches the content file at `path` (relative to the content base URL, or absolute) and
/// returns it typed and checked. Errors are also written to the console, precisely.
pub async fn fetch<T: Content + Checked>(path: &str) -> Result<T, ContentError> {
    load::<T>(path).await.map(|(value, _)| value)
}

/// `site.json`.
pub async fn fetch_site() -> Result<Site, ContentError> {
    fetch("site.json").await
}

/// One page of a feed, by its path ([`super::paths::first_feed_page`] or a page's `next`).
pub async fn fetch_feed_page(path: &str) -> Result<FeedPage, ContentError> {
    fetch(path).await
}

/// A related-news list, by the path an article names.
pub async fn fetch_related(path: &str) -> Result<RelatedList, ContentError> {
    fetch(path).await
}

/// Fetches an article and warns in the console about parts this version skips. What cannot
/// be a slug is not found, without a request.
pub async fn fetch_article(slug: String) -> Result<Article, ContentError> {
    let path = paths::article_file(&slug);
    if !super::validate::is_slug(&slug) {
        return Err(ContentError::Status {
            url: settings::resolve(&path),
            status: 404,
        });
    }
    let (article, url) = load::<Article>(&path).await?;
    for warning in parse::unknown_parts(&url, &article) {
        web_sys::console::warn_1(&JsValue::from_str(&format!("khabar: {warning}")));
    }
    Ok(article)
}

async fn load<T: Content + Checked>(path: &str) -> Result<(T, String), ContentError> {
    // Only the parse step is generic: the async part (cache, request, timeout) is compiled
    // once rather than once per content type.
    let (url, text) = text_at(path).await?;
    let value = parse::parse::<T>(&url, &text).map_err(|e| {
        forget(&url);
        report(e)
    })?;
    Ok((value, url))
}

/// The text of the content file at `path`, with its resolved URL.
async fn text_at(path: &str) -> Result<(String, Rc<str>), ContentError> {
    let url = settings::resolve(path);
    let text = fetch_text(&url).await.map_err(report)?;
    Ok((url, text))
}

/// Writes `e` to the console (unless the request was merely abandoned) and returns it.
fn report(e: ContentError) -> ContentError {
    if !matches!(e, ContentError::Aborted { .. }) {
        web_sys::console::error_1(&JsValue::from_str(&format!("khabar: {e}")));
    }
    e
}

/// Drops `url` from the cache (used when its text turned out unusable, so a retry refetches).
pub fn forget(url: &str) {
    CACHE.with(|c| {
        c.borrow_mut()
            .retain(|(u, e)| u != url || !matches!(e, Entry::Done(_)))
    });
}

/// Empties the cache (tests, and a publisher switching content base at run time).
pub fn clear_cache() {
    CACHE.with(|c| c.borrow_mut().clear());
}

/// A claim on an in-flight request; the last claim released before the answer aborts it.
struct Claim {
    url: String,
    id: u64,
    waiters: Rc<Cell<usize>>,
    released: Cell<bool>,
}

impl Claim {
    fn release(&self) {
        if self.released.replace(true) {
            return;
        }
        self.waiters.set(self.waiters.get() - 1);
        if self.waiters.get() > 0 {
            return;
        }
        let aborted = CACHE.with(|c| {
            let mut cache = c.borrow_mut();
            match pending(&cache, &self.url, self.id) {
                Some(i) => match cache.remove(i).1 {
                    Entry::Pending(p) => {
                        if let (Some(handle), Some(window)) = (p.timer.get(), web_sys::window()) {
                            window.clear_timeout_with_handle(handle);
                        }
                        p.controller
                    }
                    _ => None,
                },
                _ => None,
            }
        });
        if let Some(controller) = aborted {
            controller.abort();
        }
    }
}

impl Drop for Claim {
    fn drop(&mut self) {
        self.release();
    }
}

/// The text at `url`, from the cache, from a request already running, or from a new one.
pub async fn fetch_text(url: &str) -> TextResult {
    let joined = CACHE.with(|c| {
        let cache = c.borrow();
        match cache.iter().find(|(u, _)| u == url).map(|(_, e)| e) {
            Some(Entry::Done(text)) => Some(Either::Left(text.clone())),
            Some(Entry::Pending(p)) => {
                p.waiters.set(p.waiters.get() + 1);
                Some(Either::Right((p.id, p.future.clone(), p.waiters.clone())))
            }
            None => None,
        }
    });
    let (id, future, waiters) = match joined {
        Some(Either::Left(text)) => return Ok(text),
        Some(Either::Right(pending)) => pending,
        None => start(url),
    };
    let claim = Rc::new(Claim {
        url: url.to_string(),
        id,
        waiters,
        released: Cell::new(false),
    });
    // Leaving the view that asked releases its claim, even if Leptos keeps the future.
    let on_leave = SendWrapper::new(Rc::clone(&claim));
    on_cleanup(move || on_leave.release());
    let result = future.await;
    claim.released.set(true);
    result
}

fn start(url: &str) -> (u64, Shared<LocalBoxFuture<'static, TextResult>>, Rc<Cell<usize>>) {
    let id = NEXT_ID.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    // The page's start-up script may have asked already (scripts/start/early-requests.js).
    let (early, controller) = match take_early(url) {
        Some((response, controller)) => (Some(response), Some(controller)),
        None => (None, web_sys::AbortController::new().ok()),
    };
    let for_request = controller.clone();
    let timer = Rc::new(Cell::new(None));
    let for_timer = timer.clone();
    let timeout_ms = settings::timeout_ms();
    let owned_url = url.to_string();
    let future = async move {
        let result = request(&owned_url, early, for_request, timeout_ms, &for_timer).await;
        CACHE.with(|c| {
            let mut cache = c.borrow_mut();
            if let Some(i) = pending(&cache, &owned_url, id) {
                match &result {
                    Ok(text) => {
                        cache[i].1 = Entry::Done(text.clone());
                        evict(&mut cache);
                    }
                    Err(_) => {
                        cache.remove(i);
                    }
                }
            }
        });
        result
    }
    .boxed_local()
    .shared();
    let waiters = Rc::new(Cell::new(1));
    CACHE.with(|c| {
        c.borrow_mut().push((
            url.to_string(),
            Entry::Pending(Inflight {
                id,
                future: future.clone(),
                controller,
                timer,
                waiters: waiters.clone(),
            }),
        ))
    });
    (id, future, waiters)
}

/// Where the request `id` for `url` is in the cache, if it is still running.
fn pending(cache: &Cache, url: &str, id: u64) -> Option<usize> {
    cache
        .iter()
        .position(|(u, e)| u == url && matches!(e, Entry::Pending(p) if p.id == id))
}

/// Drops the oldest answers while the answers kept add up to more than [`CACHE_BYTES`]: a
/// reader scrolling a long feed or reading article after article keeps only the latest.
/// Running requests stay, and a view keeps its own copy of what it shows.
fn evict(cache: &mut Cache) {
    let mut total: usize = cache
        .iter()
        .map(|(_, e)| match e {
            Entry::Done(text) => text.len(),
            _ => 0,
        })
        .sum();
    cache.retain(|(_, e)| match e {
        Entry::Done(text) if total > CACHE_BYTES => {
            total -= text.len();
            false
        }
        _ => true,
    });
}

/// A request the page's start-up script made for `url` before the app ran, taken (so only the
/// first fetch uses it): its response promise and its abort controller.
/// `window.__khabarEarly[url]` is `[fetch promise, AbortController]` (scripts/start/early-requests.js).
fn take_early(url: &str) -> Option<(js_sys::Promise, web_sys::AbortController)> {
    let window: JsValue = web_sys::window()?.into();
    let early = js_sys::Reflect::get(&window, &JsValue::from_str("__khabarEarly")).ok()?;
    let key = JsValue::from_str(url);
    let entry: js_sys::Array = js_sys::Reflect::get(&early, &key).ok()?.dyn_into().ok()?;
    js_sys::Reflect::delete_property(early.unchecked_ref::<js_sys::Object>(), &key).ok()?;
    Some((entry.get(0).dyn_into().ok()?, entry.get(1).dyn_into().ok()?))
}

async fn request(
    url: &str,
    early: Option<js_sys::Promise>,
    controller: Option<web_sys::AbortController>,
    timeout_ms: u32,
    timer_handle: &Cell<Option<i32>>,
) -> TextResult {
    let signal = controller.as_ref().map(|c| c.signal());
    let stop = controller.clone();
    let get = async move {
        let response = match early {
            Some(response) => JsFuture::from(response)
                .await
                .map(|r| gloo_net::http::Response::from(web_sys::Response::from(r)))
                .map_err(|e| failed(url, js_error_detail(&e))),
            None => gloo_net::http::Request::get(url)
                .abort_signal(signal.as_ref())
                .send()
                .await
                .map_err(|e| network_error(url, e)),
        }?;
        let status = response.status();
        if !(200..300).contains(&status) {
            return Err(ContentError::Status {
                url: url.to_string(),
                status,
            });
        }
        // A body its server says is over the limit is refused before it is read (and its
        // download stopped); one that does not say is stopped once it passes the limit.
        // (JS's parseInt: Rust's number parsing would add 0.3 KB of brotli to the app.)
        let declared = response
            .headers()
            .get("content-length")
            .map_or(0.0, |length| js_sys::parse_int(&length, 10));
        let too_large = |bytes| {
            if let Some(stop) = &stop {
                stop.abort();
            }
            Err(ContentError::TooLarge {
                url: url.to_string(),
                bytes,
            })
        };
        if declared > MAX_FILE_BYTES as f64 {
            return too_large(declared as usize);
        }
        // The body chunk by chunk, counted, then decoded as the browser decodes a text body
        // (UTF-8, a bad sequence replaced) from a Blob of the chunks.
        let broken = |e: JsValue| failed(url, js_error_detail(&e));
        let chunks = js_sys::Array::new();
        let mut bytes = 0;
        if let Some(body) = response.body() {
            let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
            loop {
                let read = JsFuture::from(reader.read()).await.map_err(broken)?;
                // `{done: true, value: undefined}` ends the body; until then each value is a
                // Uint8Array.
                let chunk = js_sys::Reflect::get(&read, &JsValue::from_str("value")).unwrap_or_default();
                if chunk.is_undefined() {
                    break;
                }
                bytes += chunk.unchecked_ref::<js_sys::Uint8Array>().length() as usize;
                if bytes as u64 > MAX_FILE_BYTES {
                    return too_large(bytes);
                }
                chunks.push(&chunk);
            }
        }
        // (A Blob of byte arrays is never refused.)
        let blob = web_sys::Blob::new_with_u8_array_sequence(&chunks).unwrap();
        let text = JsFuture::from(blob.text()).await.map_err(broken)?;
        Ok(Rc::<str>::from(text.as_string().unwrap_or_default()))
    };
    let (timer, handle) = sleep(timeout_ms);
    timer_handle.set(Some(handle));
    match future::select(Box::pin(get), Box::pin(timer)).await {
        Either::Left((result, _)) => {
            if let Some(window) = web_sys::window() {
                window.clear_timeout_with_handle(handle);
            }
            result
        }
        Either::Right(((), _)) => {
            if let Some(controller) = &controller {
                controller.abort();
            }
            Err(ContentError::Timeout {
                url: url.to_string(),
                after_ms: timeout_ms,
            })
        }
    }
}

fn network_error(url: &str, e: gloo_net::Error) -> ContentError {
    // Only the two kinds a text request can fail with are formatted: formatting the error as a
    // whole would compile in serde_json's error messages (gloo-net's JSON variant) for nothing.
    let detail = match e {
        gloo_net::Error::JsError(js) => format!("{}: {}", js.name, js.message),
        gloo_net::Error::GlooError(message) => message,
        #[allow(unreachable_patterns)]
        _ => "the request failed".to_string(),
    };
    failed(url, detail)
}

/// `name: message` of a rejected fetch's error (a `TypeError`, an `AbortError`).
fn js_error_detail(e: &JsValue) -> String {
    match e.dyn_ref::<js_sys::Error>() {
        Some(e) => format!("{}: {}", String::from(e.name()), String::from(e.message())),
        None => "the request failed".to_string(),
    }
}

/// The error of a request that got no answer: aborted, or a network failure.
fn failed(url: &str, detail: String) -> ContentError {
    if detail.starts_with("AbortError") {
        ContentError::Aborted { url: url.to_string() }
    } else {
        ContentError::Network {
            url: url.to_string(),
            detail,
        }
    }
}

/// A future that resolves after `ms`, and the timer handle to cancel it.
fn sleep(ms: u32) -> (impl std::future::Future<Output = ()>, i32) {
    let mut handle = 0;
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(window) = web_sys::window() {
            handle = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    resolve.unchecked_ref(),
                    ms.min(i32::MAX as u32) as i32,
                )
                .unwrap_or(0);
        }
    });
    (JsFuture::from(promise).map(|_| ()), handle)
}
