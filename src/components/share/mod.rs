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
            let glyph = share_icon(provider);
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
                                {share_icon(provider)}
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
                            {glyph}
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
                                {glyph}
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

/// The control's icon, drawn for khabar on a 24×24 grid; decorative (the control has a name).
fn share_icon(provider: ShareProvider) -> impl IntoView {
    let (filled, d) = match provider {
        ShareProvider::Native => (false, "M12 3v12M7 8l5-5 5 5M5 13v7h14v-7"),
        ShareProvider::Whatsapp => (
            true,
            "M12 2.5a9.5 9.5 0 0 0-8.2 14.3L2.5 21.5l4.8-1.3A9.5 9.5 0 1 0 12 2.5zm0 1.8a7.7 7.7 0 1 1-4.1 14.2l-.3-.2-2.6.7.7-2.5-.2-.3A7.7 7.7 0 0 1 12 4.3zM9 7.6c-.3 0-.7.1-1 .5-.4.4-1.2 1.2-1.2 2.9s1.2 3.3 1.4 3.6c.2.2 2.4 3.7 5.9 5 2.9 1.1 3.5.9 4.1.8.6-.1 2-.8 2.3-1.6.3-.8.3-1.5.2-1.6l-.5-.3-2-1c-.3-.1-.5-.2-.7.1l-1 1.2c-.2.2-.4.3-.7.1a6.3 6.3 0 0 1-3.1-2.7c-.2-.4.2-.4.7-1.3.1-.2 0-.4 0-.5l-.9-2.2c-.2-.6-.5-.5-.7-.5H9z",
        ),
        ShareProvider::Telegram => (true, "M21.5 3.6 2.9 10.8c-1.3.5-1.3 1.2-.2 1.5l4.8 1.5 1.8 5.6c.2.6.4.8.9.8.4 0 .6-.2.9-.4l2.3-2.2 4.7 3.5c.9.5 1.5.2 1.7-.8l3.1-14.6c.3-1.3-.5-1.8-1.4-1.4zM8.4 13.4l9.6-6.1c.5-.3.9-.1.5.2l-8 7.3-.3 3.4-1.8-4.8z"),
        ShareProvider::Facebook => (true, "M13.5 21.5v-8h2.7l.4-3.2h-3.1V8.3c0-.9.3-1.5 1.6-1.5h1.7V4a22 22 0 0 0-2.5-.1c-2.5 0-4.2 1.5-4.2 4.3v2.1H7.3v3.2h2.8v8h3.4z"),
        ShareProvider::X => (true, "M17.8 3h3.1l-6.8 7.7 8 10.6h-6.2l-4.9-6.4L5.4 21.3H2.3l7.3-8.3L2 3h6.4l4.4 5.8L17.8 3zm-1.1 16.4h1.7L7.4 4.7H5.5l11.2 14.7z"),
        ShareProvider::Linkedin => (true, "M4.5 3A1.9 1.9 0 1 0 4.5 6.8 1.9 1.9 0 0 0 4.5 3zM2.9 8.5h3.3V21H2.9V8.5zm5.4 0h3.1v1.7h.1c.4-.8 1.5-1.9 3.2-1.9 3.4 0 4 2.2 4 5.1V21h-3.3v-6.8c0-1.6 0-3.7-2.3-3.7s-2.6 1.8-2.6 3.6V21H8.3V8.5z"),
        ShareProvider::Email => (false, "M3 5.5h18v13H3zM3 6l9 7.5L21 6"),
        ShareProvider::CopyLink => (false, "M9 9h11v11H9zM5 15H4V4h11v1"),
        ShareProvider::Unknown => (false, ""),
    };
    let path = if filled {
        view! { <path d=d fill="currentColor" /> }.into_any()
    } else {
        view! {
            <path
                d=d
                fill="none"
                stroke="currentColor"
                stroke-width="2"
                stroke-linecap="round"
                stroke-linejoin="round"
            />
        }
        .into_any()
    };
    view! {
        <svg class="kh-share__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            {path}
        </svg>
    }
}
