//! The lazy loader: its content is created (and so fetches) only once the reader comes near.

use leptos::html::Div;
use leptos::prelude::*;
use leptos_use::{
    use_intersection_observer_with_options, UseIntersectionObserverOptions, UseIntersectionObserverReturn,
};
use wasm_bindgen::JsValue;

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
    // Created paused: leptos-use would fail outright where IntersectionObserver is missing,
    // so the effect below starts it only where it exists, and otherwise loads at once.
    let UseIntersectionObserverReturn { stop, resume, .. } = use_intersection_observer_with_options(
        spot,
        move |entries, _| {
            if entries.iter().any(|e| e.is_intersecting()) {
                near.set(true);
            }
        },
        UseIntersectionObserverOptions::default()
            .root_margin(margin)
            .immediate(false),
    );
    Effect::new(move |_| {
        if near.get() {
            stop();
        } else if has_intersection_observer() {
            resume();
        } else {
            near.set(true);
        }
    });
    view! {
        <div class="kh-lazy" node_ref=spot>
            {move || if near.get() { children().into_any() } else { placeholder.run() }}
        </div>
    }
}

fn has_intersection_observer() -> bool {
    web_sys::window().is_some_and(|w| {
        js_sys::Reflect::has(&w, &JsValue::from_str("IntersectionObserver")).unwrap_or(false)
    })
}
