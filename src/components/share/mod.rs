//! The share bar: "شارك الخبر:" (`text::SHARE`) and the ways Arabic readers share, with no
//! third-party script.
//!
//! Every network control is a plain link (it works before and without the app's script); the
//! system share sheet is offered only where the browser has one; copy link uses the Clipboard
//! API and falls back to a selectable field where it is missing or refuses.

pub mod links;

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::content::ShareProvider;
use crate::locale::{share_label as label, text};
pub use links::Shared;
use links::{name, share_link};

/// The share bar for one article.
#[component]
pub fn ShareBar(
    /// URL, title and lede of the article.
    shared: Shared,
    /// The controls to show, in order (from `site.json`).
    providers: Vec<ShareProvider>,
) -> impl IntoView {
    let shared = StoredValue::new(shared);
    let can_share_natively = RwSignal::new(false);
    Effect::new(move |_| can_share_natively.set(has_native_share()));
    let copied = RwSignal::new(false);
    let show_field = RwSignal::new(false);
    let status = move || {
        if copied.get() {
            text::LINK_COPIED
        } else if show_field.get() {
            text::COPY_FAILED
        } else {
            ""
        }
    };
    let controls = providers
        .into_iter()
        .filter(|p| *p != ShareProvider::Unknown)
        .map(|provider| {
            let class = format!("kh-share__control kh-share__control--{}", name(provider));
            match provider {
                ShareProvider::Native => view! {
                    <Show when=move || can_share_natively.get()>
                        <li class="kh-share__item">
                            <button
                                type="button"
                                class=class.clone()
                                aria-label=label(provider)
                                on:click=move |_| shared.with_value(native_share)
                            >
                            </button>
                        </li>
                    </Show>
                }
                .into_any(),
                // Needs the app's script: hidden, space kept, in a page read without it.
                ShareProvider::CopyLink => view! {
                    <li class="kh-share__item kh-needs-script">
                        <button
                            type="button"
                            class=class
                            aria-label=label(provider)
                            on:click=move |_| {
                                let url = shared.with_value(|s| s.url.clone());
                                leptos::task::spawn_local(async move {
                                    if copy_to_clipboard(&url).await {
                                        copied.set(true);
                                        set_timeout(
                                            move || copied.set(false),
                                            std::time::Duration::from_millis(COPIED_SHOWN_MS),
                                        );
                                    } else {
                                        show_field.set(true);
                                    }
                                });
                            }
                        >
                        </button>
                    </li>
                }
                .into_any(),
                _ => {
                    let href = shared.with_value(|s| share_link(provider, s)).unwrap_or_default();
                    let external = provider != ShareProvider::Email;
                    view! {
                        <li class="kh-share__item">
                            <a
                                class=class
                                href=href
                                target=external.then_some("_blank")
                                rel="noopener noreferrer"
                                aria-label=label(provider)
                            >
                                </a>
                        </li>
                    }
                    .into_any()
                }
            }
        })
        .collect_view();
    view! {
        <div class="kh-share">
            <p class="kh-share__label" id="kh-share-label">
                {text::SHARE}
            </p>
            <ul class="kh-share__list" aria-labelledby="kh-share-label">
                {controls}
            </ul>
            <p class="kh-share__status" role="status">
                {status}
            </p>
            <Show when=move || show_field.get()>
                <label class="kh-share__field">
                    <span>{text::ARTICLE_LINK}</span>
                    <input
                        type="text"
                        readonly
                        dir="ltr"
                        prop:value=shared.with_value(|s| s.url.clone())
                        on:focus=|ev| select_all(&ev)
                        // WebKit would place the caret on the click's mouse-up, undoing the
                        // selection made on focus.
                        on:mouseup=|ev| ev.prevent_default()
                    />
                </label>
            </Show>
        </div>
    }
}

/// Selects the whole link in the field: a range rather than `select()`, which iOS ignores.
fn select_all(ev: &web_sys::Event) {
    if let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        let _ = input.set_selection_range(0, u32::MAX);
    }
}

fn navigator() -> Option<JsValue> {
    let window = web_sys::window()?;
    js_sys::Reflect::get(&window, &JsValue::from_str("navigator")).ok()
}

/// How long "تم نسخ الرابط" (`text::LINK_COPIED`) stays after a copy.
const COPIED_SHOWN_MS: u64 = 3000;

/// `navigator[name]` where it exists.
fn navigator_member(name: &str) -> Option<JsValue> {
    navigator()
        .and_then(|n| js_sys::Reflect::get(&n, &JsValue::from_str(name)).ok())
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// Writes `text` to the clipboard (`navigator.clipboard.writeText`); false where the browser
/// has no Clipboard API or refuses (no permission, page not focused).
async fn copy_to_clipboard(text: &str) -> bool {
    let Some(clipboard) = navigator_member("clipboard") else {
        return false;
    };
    let write = js_sys::Reflect::get(&clipboard, &JsValue::from_str("writeText"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let Some(promise) = write
        .and_then(|f| f.call1(&clipboard, &JsValue::from_str(text)).ok())
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
    else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// True where the browser offers the system share sheet.
fn has_native_share() -> bool {
    navigator_member("share").is_some_and(|f| f.is_function())
}

/// Opens the system share sheet (`navigator.share`); a dismissed sheet is not an error.
fn native_share(shared: &Shared) {
    let Some(nav) = navigator() else { return };
    let Ok(share) = js_sys::Reflect::get(&nav, &JsValue::from_str("share")) else {
        return;
    };
    let data = js_sys::Object::new();
    for (key, value) in [
        ("title", &shared.title),
        ("text", &shared.text),
        ("url", &shared.url),
    ] {
        let _ = js_sys::Reflect::set(&data, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    if let Ok(f) = share.dyn_into::<js_sys::Function>() {
        if let Ok(promise) = f.call1(&nav, &data) {
            if let Ok(promise) = promise.dyn_into::<js_sys::Promise>() {
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
                });
            }
        }
    }
}
