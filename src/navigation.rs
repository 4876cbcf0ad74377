//! Focus and scroll across client navigations: a new page starts at the top with focus on its
//! `h1`; Back and Forward return to where the reader was.
//!
//! The router scrolls to the top on a link; the browser's own scroll restoration is switched
//! off because it runs before the page's content has loaded. A page's position is saved the
//! moment the reader leaves it (a click on a link, Back, Forward), while it is still on screen:
//! the router renders the next page before it changes the URL, so later scroll events would
//! be recorded under the wrong URL.

use std::cell::RefCell;
use std::collections::HashMap;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

#[derive(Default)]
struct State {
    installed: bool,
    /// The reader has followed a link or gone Back/Forward since the page loaded.
    navigated: bool,
    /// Set by Back/Forward: the URL whose position is to be restored once it has rendered.
    restoring: Option<String>,
    /// The URL of the page on screen.
    shown: Option<String>,
    positions: HashMap<String, f64>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

fn current_url() -> Option<String> {
    let location = web_sys::window()?.location();
    Some(format!(
        "{}{}",
        location.pathname().ok()?,
        location.search().ok()?
    ))
}

/// Installs the listeners once, before the router's (browser only: called at start-up).
pub fn install() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if STATE.with(|s| std::mem::replace(&mut s.borrow_mut().installed, true)) {
        return;
    }
    if let Ok(history) = window.history() {
        let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
    let on_click = Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
        let on_link = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten())
            .is_some();
        if on_link {
            save_position(current_url());
            STATE.with(|s| s.borrow_mut().navigated = true);
        }
    });
    let on_popstate = Closure::<dyn Fn()>::new(|| {
        let leaving = STATE.with(|s| s.borrow().shown.clone());
        save_position(leaving);
        STATE.with(|s| {
            let mut s = s.borrow_mut();
            s.restoring = current_url();
            s.navigated = true;
        });
    });
    let capture = web_sys::AddEventListenerOptions::new();
    capture.set_capture(true);
    let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
        "click",
        on_click.as_ref().unchecked_ref(),
        &capture,
    );
    // Capture: runs before the router's own listener, which renders the next page at once.
    let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
        "popstate",
        on_popstate.as_ref().unchecked_ref(),
        &capture,
    );
    on_click.forget();
    on_popstate.forget();
    STATE.with(|s| s.borrow_mut().shown = current_url());
}

fn save_position(url: Option<String>) {
    let (Some(url), Some(y)) = (url, web_sys::window().and_then(|w| w.scroll_y().ok())) else {
        return;
    };
    STATE.with(|s| {
        s.borrow_mut().positions.insert(url, y);
    });
}

/// Call once a page's main content has rendered: restores the scroll position after Back or
/// Forward; after a link, moves focus to the page's heading (the router already scrolled to
/// the top); on the first page load, does nothing. Waits for the heading to be in the
/// document (Suspense may build a page before attaching it).
pub fn page_ready(heading: Option<web_sys::HtmlElement>) {
    settle(heading, 0);
}

fn settle(heading: Option<web_sys::HtmlElement>, attempt: u32) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if attempt < 30 && heading.as_ref().is_some_and(|h| !h.is_connected()) {
        let next = Closure::once_into_js(move || settle(heading, attempt + 1));
        let _ = window.request_animation_frame(next.unchecked_ref());
        return;
    }
    let url = current_url();
    let (navigated, restore) = STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.shown = url.clone();
        let restore = match (&s.restoring, &url) {
            (Some(r), Some(u)) if r == u => {
                s.restoring = None;
                Some(s.positions.get(u).copied().unwrap_or(0.0))
            }
            _ => None,
        };
        (s.navigated, restore)
    });
    if let Some(y) = restore {
        window.scroll_to_with_x_and_y(0.0, y);
    } else if navigated {
        if let Some(h) = heading {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = h.focus_with_options(&options);
        }
    }
}

/// A page's heading, wired to [`page_ready`]: once it is rendered, the page settles (focus
/// after a link, scroll after Back or Forward). Put it on the page's `h1`.
pub fn page_heading() -> leptos::prelude::NodeRef<leptos::html::H1> {
    use leptos::prelude::{Effect, Get, NodeRef};
    let heading = NodeRef::<leptos::html::H1>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            page_ready(Some(h.into()));
        }
    });
    heading
}
