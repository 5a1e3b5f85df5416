//! The app shell: state, router, layout and the unsaved-changes guard.

use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;
use wasm_bindgen::JsCast;

use crate::components::Toasts;
use crate::data::use_kibana_version;
use crate::pages::{
    ConnectPage, ConnectorPage, ConnectorsPage, CreatePage, InventoryPage, TransferPage,
};
use crate::routes;
use crate::state::{AppState, use_app_state};

const LEAVE_QUESTION: &str = "You have unsaved changes. Leave this page and lose them?";

/// The console.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::load();
    provide_context(state);
    // Closing or reloading the tab with unsaved changes: the browser asks.
    let unload = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if state.unsaved.get_untracked() {
            ev.prevent_default();
            ev.set_return_value("");
        }
    });
    on_cleanup(move || unload.remove());
    view! {
        <Router>
            // This listener runs before the router's (which is on window and honours
            // preventDefault), so a cancelled link click never navigates.
            <div class="app" on:click=move |ev| guard_link_click(state, &ev)>
                <header class="topbar">
                    <a class="brand" href="/">"Kibana connectors"</a>
                    <TopNav/>
                    <ConnectionBadge/>
                </header>
                <main>
                    <Routes fallback=|| view! { <p data-testid="not-found">"This page does not exist."</p> }>
                        <Route path=path!("/") view=|| view! { <Redirect path=routes::home()/> }/>
                        <Route path=path!("/connect") view=ConnectPage/>
                        <Route path=path!("/all/connectors") view=InventoryPage/>
                        <Route path=path!("/transfer") view=TransferPage/>
                        <Route path=path!("/s/:space/connectors") view=ConnectorsPage/>
                        <Route path=path!("/s/:space/connectors/new") view=CreatePage/>
                        <Route path=path!("/s/:space/connectors/:id") view=ConnectorPage/>
                    </Routes>
                </main>
                <Toasts/>
            </div>
        </Router>
    }
}

/// Asks before following a link to another page while a form has unsaved changes.
fn guard_link_click(state: AppState, ev: &leptos::ev::MouseEvent) {
    if !state.unsaved.get_untracked() {
        return;
    }
    let link = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("a[href]").ok().flatten());
    let Some(href) = link.and_then(|a| a.get_attribute("href")) else {
        return;
    };
    // Another tab of the same page (only the query changes) keeps the form mounted.
    let path = href.split(['?', '#']).next().unwrap_or_default();
    if path.is_empty() || window().location().pathname().ok().as_deref() == Some(path) {
        return;
    }
    if window()
        .confirm_with_message(LEAVE_QUESTION)
        .unwrap_or(true)
    {
        state.unsaved.set(false);
    } else {
        ev.prevent_default();
    }
}

/// The space the current page is in (`/s/{space}/...`), or the last one visited (pages such as
/// All spaces belong to none), `default` at first.
fn use_current_space() -> Memo<String> {
    let location = leptos_router::hooks::use_location();
    let last = StoredValue::new(kibana_connectors::DEFAULT_SPACE.to_string());
    Memo::new(move |_| {
        let path = location.pathname.get();
        if let Some(rest) = path.strip_prefix("/s/") {
            let space = rest.split('/').next().unwrap_or_default();
            if !space.is_empty() {
                last.set_value(space.to_string());
            }
        }
        last.get_value()
    })
}

/// The same navigation on every page: the current space's connectors, every space, export and
/// import; the link of the page being shown is marked current.
#[component]
fn TopNav() -> impl IntoView {
    let state = use_app_state();
    let location = leptos_router::hooks::use_location();
    let space = use_current_space();
    let current = move |page: &'static str| {
        let path = location.pathname.get();
        let on = match page {
            "connectors" => path.starts_with("/s/"),
            "all" => path == routes::ALL_CONNECTORS,
            _ => path == routes::TRANSFER,
        };
        on.then_some("page")
    };
    view! {
        <Show when=move || state.client.get().is_some()>
            <nav class="topnav" aria-label="Console">
                <a href=move || routes::connectors(&space.get()) data-testid="nav-connectors" aria-current=move || current("connectors")>"Connectors"</a>
                <a href=routes::ALL_CONNECTORS data-testid="all-spaces" aria-current=move || current("all")>"All spaces"</a>
                <a href=routes::TRANSFER data-testid="transfer" aria-current=move || current("transfer")>"Export / import"</a>
                <span class="muted" data-testid="current-space">"Space " <code>{move || space.get()}</code></span>
            </nav>
        </Show>
    }
}

/// Shows where the console is connected and the Kibana version there, with a way to change it.
#[component]
fn ConnectionBadge() -> impl IntoView {
    let state = use_app_state();
    let version = use_kibana_version();
    let version_label = move || {
        version.get().flatten().map(|v| {
            view! { <span class="kibana-version" data-testid="kibana-version">{format!("Kibana {v}")}</span> " " }
        })
    };
    view! {
        <span class="connection" data-testid="connection-badge">
            {move || match state.client.get() {
                Some(kb) => view! { <span>"Connected to " <code>{kb.base_url().to_string()}</code> " "</span> {version_label} <a href=routes::CONNECT>"Change"</a> }.into_any(),
                None => view! { <a href=routes::CONNECT>"Connect to Kibana"</a> }.into_any(),
            }}
        </span>
    }
}
