//! The app shell: state, router, layout, and the one listener for link clicks (the
//! unsaved-changes guard, then in-app links followed as written).

use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::{NavigateOptions, path};
use wasm_bindgen::JsCast;

use crate::components::Toasts;
use crate::data::use_kibana_version;
use crate::lazy::{
    ConnectPage, ConnectorPage, CreatePage, InventoryPage, PromotePage, RotatePage, TransferPage,
};
use crate::pages::ConnectorsPage;
use crate::routes;
use crate::state::{AppState, use_app_state, use_deployment};

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
            <Frame>
                <header class="topbar">
                    <a class="brand" href="/">"Kibana connectors"</a>
                    <TopNav/>
                    <ConnectionBadge/>
                </header>
                <main>
                    <Routes fallback=LegacyOrNotFound>
                        <Route path=path!("/") view=Start/>
                        <Route path=path!("/connect") view=ConnectPage/>
                        <Route path=path!("/all/connectors") view=InventoryPage/>
                        <Route path=path!("/promote") view=PromotePage/>
                        <Route path=path!("/rotate") view=RotatePage/>
                        <ParentRoute path=path!("/d/:deployment") view=DeploymentScope>
                            <Route path=path!("/transfer") view=TransferPage/>
                            <Route path=path!("/s/:space/connectors") view=ConnectorsPage/>
                            <Route path=path!("/s/:space/connectors/new") view=CreatePage/>
                            <Route path=path!("/s/:space/connectors/:id") view=ConnectorPage/>
                        </ParentRoute>
                    </Routes>
                </main>
                <Toasts/>
            </Frame>
        </Router>
    }
}

/// The element around every page, inside the router: it holds the console's one listener for
/// link clicks. That listener runs before the router's (which is on window and honours
/// `preventDefault`), so a click the unsaved-changes guard cancels never navigates, and an
/// in-app link is followed as written (see [`follow_in_app_link`]).
#[component]
fn Frame(children: Children) -> impl IntoView {
    let state = use_app_state();
    let navigate = leptos_router::hooks::use_navigate();
    let on_click = move |ev: leptos::ev::MouseEvent| {
        guard_link_click(state, &ev);
        follow_in_app_link(&ev, &navigate);
    };
    view! { <div class="app" on:click=on_click>{children()}</div> }
}

/// `/`: the current deployment's connectors, or the connection page.
#[component]
fn Start() -> impl IntoView {
    let state = use_app_state();
    let to = match state.client.get_untracked() {
        Some(_) => routes::home(&state.current.get_untracked()),
        None => routes::CONNECT.to_string(),
    };
    view! { <Redirect path=to/> }
}

/// Pages of one deployment: makes it the current one before they load, so every page below
/// reads its client.
#[component]
fn DeploymentScope() -> impl IntoView {
    let state = use_app_state();
    let name = use_deployment();
    // Set now, not in an effect: the pages below create their loads as they render.
    if state.current.get_untracked() != name.get_untracked() {
        state.current.set(name.get_untracked());
    }
    Effect::new(move |_| {
        let name = name.get();
        if state.current.get_untracked() != name {
            state.current.set(name);
        }
    });
    view! { <Outlet/> }
}

/// Paths from before deployments (`/s/{space}/...`, `/transfer`) go to the same page of the
/// current deployment (query kept); anything else does not exist.
#[component]
fn LegacyOrNotFound() -> impl IntoView {
    let state = use_app_state();
    let location = leptos_router::hooks::use_location();
    let path = location.pathname.get_untracked();
    let search = location.search.get_untracked();
    let full = if search.is_empty() || search == "?" {
        path
    } else {
        format!("{path}?{}", search.trim_start_matches('?'))
    };
    let current = state.current.get_untracked();
    let to = match routes::in_deployment(&current, &full) {
        Some(to) if !current.is_empty() => to,
        Some(_) => routes::connect_then(&full),
        None => {
            return view! { <p data-testid="not-found">"This page does not exist."</p> }.into_any();
        }
    };
    // After the render, not during it: the router is still matching this fallback.
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        navigate(
            &to,
            leptos_router::NavigateOptions {
                replace: true,
                ..Default::default()
            },
        )
    });
    ().into_any()
}

/// The link a click landed in (at or around its target), with its `href` as written.
fn clicked_link(ev: &leptos::ev::MouseEvent) -> Option<(web_sys::Element, String)> {
    let link = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("a[href]").ok().flatten())?;
    let href = link.get_attribute("href")?;
    Some((link, href))
}

/// Asks before following a link to another page while a form has unsaved changes.
fn guard_link_click(state: AppState, ev: &leptos::ev::MouseEvent) {
    if !state.unsaved.get_untracked() {
        return;
    }
    let Some((_, href)) = clicked_link(ev) else {
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

/// Follows a plain left click on an in-app link (an `href` that is an absolute path) to the
/// `href` as written; other clicks (a modifier key, another button, a new window, a download,
/// an outside address, one already handled) are left as they are.
///
/// The router would follow it too, but leptos_router 0.8 applies `decodeURI` to the path first
/// (`handle_anchor_click` in its `location/mod.rs`): the `%25` of a literal `%` in a connector
/// id (`routes::connector` encodes ids) would come back as `%`, and the page would read another
/// id. Marking the click handled leaves the router's listener out.
fn follow_in_app_link(ev: &leptos::ev::MouseEvent, navigate: &impl Fn(&str, NavigateOptions)) {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.alt_key()
        || ev.ctrl_key()
        || ev.shift_key()
    {
        return;
    }
    let Some((link, href)) = clicked_link(ev) else {
        return;
    };
    let in_app = href.starts_with('/') && !href.starts_with("//");
    let external = link
        .get_attribute("rel")
        .is_some_and(|rel| rel.split_ascii_whitespace().any(|r| r == "external"));
    if in_app && !external && !link.has_attribute("target") && !link.has_attribute("download") {
        ev.prevent_default();
        navigate(&href, NavigateOptions::default());
    }
}

/// The space the current page is in (`/d/{deployment}/s/{space}/...`), or the last one visited (pages such as
/// All spaces belong to none), `default` at first.
fn use_current_space() -> Memo<String> {
    let location = leptos_router::hooks::use_location();
    let last = StoredValue::new(kibana_connectors::DEFAULT_SPACE.to_string());
    Memo::new(move |_| {
        let path = location.pathname.get();
        let in_deployment = path
            .strip_prefix("/d/")
            .and_then(|p| p.split_once('/'))
            .map(|(_, rest)| format!("/{rest}"));
        if let Some(rest) = in_deployment.as_deref().and_then(|p| p.strip_prefix("/s/")) {
            let space = rest.split('/').next().unwrap_or_default();
            if !space.is_empty() {
                last.set_value(space.to_string());
            }
        }
        last.get_value()
    })
}

/// The same navigation on every page: the current space's connectors, every space (of every
/// deployment), export and import, promote, rotate; the link of the page being shown is
/// marked current.
#[component]
fn TopNav() -> impl IntoView {
    let state = use_app_state();
    let location = leptos_router::hooks::use_location();
    let space = use_current_space();
    let current = move |page: &'static str| {
        let path = location.pathname.get();
        let on = match page {
            "connectors" => path.starts_with("/d/") && path.contains("/s/"),
            "all" => path == routes::ALL_CONNECTORS,
            "promote" => path == routes::PROMOTE,
            "rotate" => path == routes::ROTATE,
            _ => path.starts_with("/d/") && path.ends_with("/transfer"),
        };
        on.then_some("page")
    };
    let dep = move || state.current.get();
    view! {
        <Show when=move || state.client.get().is_some()>
            <nav class="topnav" aria-label="Console">
                <a href=move || routes::connectors(&dep(), &space.get()) data-testid="nav-connectors" aria-current=move || current("connectors")>"Connectors"</a>
                <a href=routes::ALL_CONNECTORS data-testid="all-spaces" aria-current=move || current("all")>"All spaces"</a>
                <a href=move || routes::transfer(&dep()) data-testid="transfer" aria-current=move || current("transfer")>"Export / import"</a>
                <a href=routes::PROMOTE data-testid="nav-promote" aria-current=move || current("promote")>"Promote"</a>
                <a href=routes::ROTATE data-testid="nav-rotate" aria-current=move || current("rotate")>"Rotate secrets"</a>
                <span class="muted" data-testid="current-space">"Space " <code>{move || space.get()}</code></span>
            </nav>
        </Show>
    }
}

/// Shows which deployment the page is in, where it is and its Kibana version, with a switcher
/// between the connected deployments and a way to add or change one.
#[component]
fn ConnectionBadge() -> impl IntoView {
    let state = use_app_state();
    let version = use_kibana_version();
    let location = leptos_router::hooks::use_location();
    let navigate = leptos_router::hooks::use_navigate();
    let version_label = move || {
        version.get().flatten().map(|v| {
            view! { <span class="kibana-version" data-testid="kibana-version">{format!("Kibana {v}")}</span> " " }
        })
    };
    let switch = move |ev: leptos::ev::Event| {
        let to = event_target_value(&ev);
        let path = location.pathname.get_untracked();
        navigate(&routes::switch_deployment(&path, &to), Default::default());
    };
    view! {
        <span class="connection" data-testid="connection-badge">
            {move || match state.client.get() {
                Some(kb) => view! {
                    <label class="deployment-switcher">"Deployment "
                        <select data-testid="deployment-switcher" on:change=switch.clone()>
                            {move || {
                                let current = state.current.get();
                                state.deployment_names().into_iter().map(|n| {
                                    let selected = n == current;
                                    view! { <option value=n.clone() selected=selected>{n.clone()}</option> }
                                }).collect_view()
                            }}
                        </select>
                    </label> " "
                    <span>"Connected to " <code>{kb.base_url().to_string()}</code> " "</span> {version_label}
                    <a href=routes::CONNECT data-testid="manage-deployments">"Deployments"</a>
                }.into_any(),
                None => view! { <a href=routes::CONNECT>"Connect to Kibana"</a> }.into_any(),
            }}
        </span>
    }
}
