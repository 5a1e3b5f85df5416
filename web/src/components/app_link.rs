//! Following the console's own links to a connector's page, whose ids may hold a `%`.
//!
//! leptos_router 0.8 applies `decodeURI` to a clicked link's path before navigating
//! (`handle_anchor_click` in its `location/mod.rs`), which turns the `%25` of an id's literal
//! `%` back into `%`: the page would then read another id. These links take a plain left click
//! themselves and navigate to the `href` as written; their listener is on the element, so it
//! runs before the router's listener on `window`, which leaves a handled click alone. Clicks
//! with a modifier key or another button stay the browser's (a new tab or window).

use leptos::ev::MouseEvent;
use leptos_router::NavigateOptions;
use wasm_bindgen::JsCast;

/// Takes a plain left click on an in-app link (an `<a>` whose `href` is an absolute path, at
/// or inside the event's target) and navigates there with `navigate`; any other click is left
/// as it is.
pub fn follow_app_link(ev: &MouseEvent, navigate: &impl Fn(&str, NavigateOptions)) {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.alt_key()
        || ev.ctrl_key()
        || ev.shift_key()
    {
        return;
    }
    let Some(link) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("a[href]").ok().flatten())
    else {
        return;
    };
    let Some(href) = link.get_attribute("href") else {
        return;
    };
    let in_app = href.starts_with('/') && !href.starts_with("//");
    if in_app && !link.has_attribute("target") && !link.has_attribute("download") {
        ev.prevent_default();
        navigate(&href, NavigateOptions::default());
    }
}
