//! The lazy loader: its content is created (and so fetches) only once the reader comes near.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// Shows `placeholder` until the spot comes within `margin` of the viewport, then `children`
/// for good (the latch never resets). Where IntersectionObserver is missing, loads at once.
#[component]
pub fn LazyLoad(
    /// What stands in until then: a skeleton of the size of what replaces it.
    #[prop(into)]
    placeholder: ViewFn,
    /// The content; created only once near, so its requests start only then.
    children: ChildrenFn,
    /// How near counts, as a CSS margin around the viewport (default: one viewport).
    #[prop(default = "100% 0px".to_string(), into)]
    margin: String,
    /// The latch: set it to load now (a "more" button).
    #[prop(optional)]
    near: Option<RwSignal<bool>>,
) -> impl IntoView {
    let near = near.unwrap_or_else(|| RwSignal::new(false));
    let spot = NodeRef::<Div>::new();
    let stop = observe(
        spot,
        margin,
        Box::new(move |entry| {
            if entry.is_intersecting() {
                near.set(true);
            }
        }),
    );
    Effect::new(move |_| {
        if near.get() {
            stop();
        } else if !has_intersection_observer() {
            near.set(true);
        }
    });
    view! {
        <div class="kh-lazy" node_ref=spot>
            {move || if near.get() { children().into_any() } else { placeholder.run() }}
        </div>
    }
}

/// Watches `spot` against the viewport grown by `margin`, calling `on_entry` with each
/// change, where IntersectionObserver exists (nothing happens elsewhere); returns the way to
/// stop. The observer starts once the spot's element exists (it may not be in the document
/// yet) and stops when the component goes. Written against web-sys rather than with leptos-use's `use_intersection_observer`:
/// that one fails outright where the API is missing, and its reactive plumbing (watchers,
/// a mutation observer, signals for options that never change) cost 4 KB brotli for one
/// `new IntersectionObserver(…).observe(spot)` (docs/performance.md).
fn observe(
    spot: NodeRef<Div>,
    margin: String,
    on_entry: Box<dyn Fn(&web_sys::IntersectionObserverEntry)>,
) -> impl Fn() + Clone + Send + Sync + 'static {
    type Callback = Closure<dyn Fn(js_sys::Array)>;
    let running = StoredValue::new_local(None::<(web_sys::IntersectionObserver, Callback)>);
    let stop = move || {
        if let Some((observer, _callback)) = running.try_update_value(Option::take).flatten() {
            observer.disconnect();
        }
    };
    let on_entry = StoredValue::new_local(Some(on_entry));
    Effect::new(move |_| {
        let Some(element) = spot.get() else { return };
        if !has_intersection_observer() || running.with_value(Option::is_some) {
            return;
        }
        let Some(on_entry) = on_entry.try_update_value(Option::take).flatten() else {
            return;
        };
        let callback = Callback::new(move |entries: js_sys::Array| {
            if let Some(entry) = entries.iter().last() {
                on_entry(entry.unchecked_ref());
            }
        });
        let options = web_sys::IntersectionObserverInit::new();
        options.set_root_margin(&margin);
        if let Ok(observer) =
            web_sys::IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options)
        {
            observer.observe(&element);
            running.set_value(Some((observer, callback)));
        }
    });
    on_cleanup(stop);
    stop
}

fn has_intersection_observer() -> bool {
    web_sys::window().is_some_and(|w| {
        js_sys::Reflect::has(&w, &JsValue::from_str("IntersectionObserver")).unwrap_or(false)
    })
}

/// Keeps `children` in the document only while they are within `margin` of the viewport.
/// Further away they give way to an empty block of the height they had, so a long feed holds
/// a bounded number of nodes however far the reader scrolls, and nothing on screen moves;
/// coming back near renders them again. Where IntersectionObserver is missing, they stay.
#[component]
pub fn Windowed(
    /// The content, re-created each time it comes back near.
    children: ChildrenFn,
    /// How near counts, as a CSS margin around the viewport (default: three viewports).
    #[prop(default = "300% 0px".to_string(), into)]
    margin: String,
) -> impl IntoView {
    // The height held while the content is away (a CSS length); `None` while it is shown.
    let held = RwSignal::new(None::<String>);
    let spot = NodeRef::<Div>::new();
    // Watched for as long as the component lives (leptos-use stops it on cleanup).
    let _ = observe(
        spot,
        margin,
        Box::new(move |entry| {
            if entry.is_intersecting() {
                if held.get_untracked().is_some() {
                    held.set(None);
                }
            } else if held.get_untracked().is_none() {
                // A content built before it is in the document (inside a `Suspense`), or in
                // a hidden root (a published page's take-over, scripts/start/takeover.js), is
                // reported far away with no height: only one laid out is held.
                let height = entry.bounding_client_rect().height();
                if height > 0.0 {
                    held.set(Some(css_px(height)));
                }
            }
        }),
    );
    view! {
        <div
            class="kh-window"
            node_ref=spot
            style:block-size=move || held.get()
        >
            {move || held.get().is_none().then(|| children())}
        </div>
    }
}

/// `h` as a CSS length in pixels, exactly. JavaScript writes the number: Rust's float
/// formatting would add 10 KB to the wasm.
fn css_px(h: f64) -> String {
    let number: String = js_sys::Number::from(h)
        .to_string_with_radix(10)
        .map(Into::into)
        .unwrap_or_default();
    number + "px"
}
