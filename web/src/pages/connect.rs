//! The connection screen.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use crate::components::ErrorView;
use crate::forms::connection::{AuthKind, ConnectionForm, FieldError};
use crate::state::use_app_state;

/// Kibana URL, auth and "Connect" (which checks the credentials with `GET /api/status`).
#[component]
pub fn ConnectPage() -> impl IntoView {
    let state = use_app_state();
    let initial = state.form.get_untracked();
    let url = RwSignal::new(initial.saved.url.clone());
    let auth = RwSignal::new(initial.saved.auth);
    let username = RwSignal::new(initial.saved.username.clone());
    let secret = RwSignal::new(initial.secret.clone());
    let remember = RwSignal::new(state.remember.get_untracked());
    let field_errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<kibana_connectors::Error>);
    let busy = RwSignal::new(false);
    let navigate = use_navigate();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut form = ConnectionForm::default();
        form.saved.url = url.get_untracked();
        form.saved.auth = auth.get_untracked();
        form.saved.username = username.get_untracked();
        form.secret = secret.get_untracked();
        failure.set(None);
        let client = match form.to_client() {
            Ok(c) => c,
            Err(errors) => {
                field_errors.set(errors);
                return;
            }
        };
        field_errors.set(Vec::new());
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match client.status().await {
                Ok(_) => {
                    state.connect(form, client, remember.get_untracked());
                    navigate("/s/default/connectors", Default::default());
                }
                Err(e) => failure.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let error_for = move |field: &'static str| {
        move || {
            field_errors.get().into_iter().find(|e| e.field == field).map(|e| view! { <p class="field-error" data-testid=format!("error-{field}")>{e.message}</p> })
        }
    };

    view! {
        <section class="panel narrow">
            <h1>"Connect to Kibana"</h1>
            <form on:submit=submit data-testid="connect-form">
                <label>"Kibana URL"
                    <input type="text" data-testid="kibana-url" bind:value=url placeholder="http://localhost:5601 or /kibana"/>
                </label>
                {error_for("url")}
                <label>"Authentication"
                    <select data-testid="auth-kind" prop:value=move || auth.get().as_str()
                        on:change=move |ev| auth.set(AuthKind::parse(&event_target_value(&ev)))>
                        {AuthKind::ALL.into_iter().map(|k| view! { <option value=k.as_str()>{k.label()}</option> }).collect_view()}
                    </select>
                </label>
                <Show when=move || auth.get() == AuthKind::Basic>
                    <label>"User name" <input type="text" data-testid="username" bind:value=username autocomplete="username"/></label>
                    {error_for("username")}
                </Show>
                <Show when=move || auth.get() != AuthKind::Cookie>
                    <label>{move || match auth.get() { AuthKind::Basic => "Password", AuthKind::ApiKey => "API key (encoded)", _ => "Token" }}
                        <input type="password" data-testid="secret" bind:value=secret autocomplete="current-password"/>
                    </label>
                    {error_for("secret")}
                    <label class="inline"><input type="checkbox" data-testid="remember" bind:checked=remember/>
                        "Remember on this device (until the browser is closed)"</label>
                </Show>
                <button type="submit" data-testid="connect" disabled=move || busy.get()>
                    {move || if busy.get() { "Connecting…" } else { "Connect" }}
                </button>
            </form>
            {move || failure.get().map(|e| view! { <ErrorView error=e/> })}
        </section>
    }
}
