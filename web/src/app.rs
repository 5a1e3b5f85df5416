//! The app shell: state, router and layout.

use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;

use crate::pages::{ConnectPage, ConnectorsPage, CreatePage};
use crate::state::{AppState, use_app_state};

/// The console.
#[component]
pub fn App() -> impl IntoView {
    provide_context(AppState::load());
    view! {
        <Router>
            <header class="topbar">
                <a class="brand" href="/">"Kibana connectors"</a>
                <ConnectionBadge/>
            </header>
            <main>
                <Routes fallback=|| view! { <p data-testid="not-found">"This page does not exist."</p> }>
                    <Route path=path!("/") view=|| view! { <Redirect path="/s/default/connectors"/> }/>
                    <Route path=path!("/connect") view=ConnectPage/>
                    <Route path=path!("/s/:space/connectors") view=ConnectorsPage/>
                    <Route path=path!("/s/:space/connectors/new") view=CreatePage/>
                </Routes>
            </main>
        </Router>
    }
}

/// Shows where the console is connected, with a way to change it.
#[component]
fn ConnectionBadge() -> impl IntoView {
    let state = use_app_state();
    view! {
        <span class="connection" data-testid="connection-badge">
            {move || match state.client.get() {
                Some(kb) => view! { <span>"Connected to " <code>{kb.base_url().to_string()}</code> " "</span> <a href="/connect">"Change"</a> }.into_any(),
                None => view! { <a href="/connect">"Connect to Kibana"</a> }.into_any(),
            }}
        </span>
    }
}
