//! The connection screen.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use kibana_connectors::{Diagnosis as Finding, Error, Kibana, Report};

use crate::components::{CopyButton, ErrorView};
use crate::forms::connection::{
    AuthKind, ConnectionForm, FieldError, SavedConnection, page_after_connect,
};
use crate::forms::deployments::suggested_name;
use crate::routes;
use crate::state::{AppState, use_app_state};

/// Where `cargo xtask console` (and any reverse proxy set up the same way) serves Kibana.
const PROXY_PREFIX: &str = "/kibana";

/// What Connect or Check connection asks of Kibana.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Probe {
    /// `GET /api/status`, then connect (the doctor explains a network error).
    Connect,
    /// The CORS doctor only.
    Check,
}

/// What a probe found that the page shows (a successful Connect leaves the page instead).
#[derive(Debug, Clone)]
enum Outcome {
    /// The doctor's report.
    Report(Report),
    /// Kibana answered with an error (bad credentials, ...).
    Failed(Error),
}

/// Kibana URL, auth and "Connect" (which checks the credentials with `GET /api/status`).
#[component]
pub fn ConnectPage() -> impl IntoView {
    let state = use_app_state();
    let query = leptos_router::hooks::use_query_map();
    // `?deployment=NAME`: a page of that deployment needs it connected again; its settings
    // from before fill the form.
    let asked = query.with_untracked(|q| q.get("deployment"));
    let mut initial = state.form.get_untracked();
    if let Some(name) = &asked {
        if let Some(saved) = state
            .saved
            .get_untracked()
            .into_iter()
            .find(|s| &s.name == name)
        {
            initial = ConnectionForm {
                saved,
                secret: String::new(),
            };
        }
        initial.saved.name = name.clone();
    }
    let name = RwSignal::new(initial.saved.name.clone());
    let url = RwSignal::new(initial.saved.url.clone());
    let auth = RwSignal::new(initial.saved.auth);
    let username = RwSignal::new(initial.saved.username.clone());
    let timeout = RwSignal::new(initial.saved.timeout_secs.clone());
    let secret = RwSignal::new(initial.secret.clone());
    let remember = RwSignal::new(state.remember.get_untracked());
    let field_errors = RwSignal::new(Vec::<FieldError>::new());
    let next = Memo::new(move |_| query.with(|q| q.get("next")));
    let navigate = use_navigate();
    let probe = Action::new_local(
        move |(what, form, client): &(Probe, ConnectionForm, Kibana)| {
            let (what, form, client) = (*what, form.clone(), client.clone());
            let navigate = navigate.clone();
            async move {
                let origin = window().location().origin().unwrap_or_default();
                if what == Probe::Check {
                    return Some(Outcome::Report(client.diagnose(&origin).await));
                }
                match client.status().await {
                    Ok(_) => {
                        let deployment = form.saved.name.clone();
                        state.connect(form, client, remember.get_untracked());
                        navigate(
                            &page_after_connect(next.get_untracked(), &deployment),
                            Default::default(),
                        );
                        None
                    }
                    // The browser hides why a request failed: ask the doctor, in plain words.
                    // Its report replaces the browser's terse network error.
                    Err(Error::Network { .. }) => {
                        Some(Outcome::Report(client.diagnose(&origin).await))
                    }
                    Err(e) => Some(Outcome::Failed(e)),
                }
            }
        },
    );
    let busy = probe.pending();
    let outcome = move || {
        (!busy.get())
            .then(|| probe.value().get().flatten())
            .flatten()
    };
    let read_form = move || {
        let mut form = ConnectionForm::default();
        form.saved.name = name_for(state, &name.get_untracked(), &url.get_untracked());
        form.saved.url = url.get_untracked();
        form.saved.auth = auth.get_untracked();
        form.saved.username = username.get_untracked();
        form.saved.timeout_secs = timeout.get_untracked();
        form.secret = secret.get_untracked();
        probe.clear();
        match form.to_client() {
            Ok(client) => {
                field_errors.set(Vec::new());
                Some((form, client))
            }
            Err(errors) => {
                field_errors.set(errors);
                None
            }
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some((form, client)) = read_form() {
            probe.dispatch((Probe::Connect, form, client));
        }
    };
    let check = move |_| {
        if let Some((form, client)) = read_form() {
            probe.dispatch((Probe::Check, form, client));
        }
    };
    let use_saved = move |c: SavedConnection| {
        name.set(c.name);
        url.set(c.url);
        auth.set(c.auth);
        username.set(c.username);
        timeout.set(c.timeout_secs);
        secret.set(String::new());
        field_errors.set(Vec::new());
    };
    let error_for = move |field: &'static str| {
        move || {
            field_errors.get().into_iter().find(|e| e.field == field).map(|e| view! { <p class="field-error" data-testid=format!("error-{field}")>{e.message}</p> })
        }
    };

    let add_another = move |_| {
        name.set(String::new());
        url.set(String::new());
        secret.set(String::new());
        field_errors.set(Vec::new());
        probe.clear();
    };
    view! {
        <section class="panel narrow">
            <h1>"Connect to Kibana"</h1>
            <Deployments on_add=Callback::new(add_another)/>
            <form on:submit=submit data-testid="connect-form">
                <label>"Deployment name"
                    <input type="text" data-testid="deployment-name" bind:value=name
                        placeholder=move || suggested_name(&url.get(), &state.deployment_names())/>
                </label>
                <p class="hint">"How the console names this Kibana (staging, production, eu…): it is in every address of its pages. Connecting under a name already used replaces that connection."</p>
                {error_for("name")}
                <label class="inline">
                    <input type="checkbox" data-testid="use-proxy" prop:checked=move || url.get() == PROXY_PREFIX
                        on:change=move |ev| url.set(if event_target_checked(&ev) { PROXY_PREFIX.into() } else { String::new() })/>
                    "Through the console's same-origin proxy (" <code>{PROXY_PREFIX}</code> "): no CORS set-up needed"
                </label>
                <label>"Kibana URL"
                    <input type="text" data-testid="kibana-url" bind:value=url disabled=move || url.get() == PROXY_PREFIX
                        placeholder="http://localhost:5601"/>
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
                <details class="advanced">
                    <summary>"Advanced"</summary>
                    <label>"Timeout for each answer (seconds)"
                        <input type="text" inputmode="numeric" data-testid="timeout" bind:value=timeout/>
                    </label>
                </details>
                {error_for("timeout")}
                <div class="actions">
                    <button type="submit" data-testid="connect" disabled=move || busy.get()>
                        {move || if busy.get() { "Working…" } else { "Connect" }}
                    </button>
                    <button type="button" class="secondary" data-testid="check" disabled=move || busy.get() on:click=check>
                        "Check connection"
                    </button>
                </div>
            </form>
            {move || outcome().map(|o| match o {
                Outcome::Failed(e) => view! { <ErrorView error=e/> }.into_any(),
                Outcome::Report(r) => view! { <Diagnosis report=r/> }.into_any(),
            })}
            <SavedConnections on_use=Callback::new(use_saved)/>
        </section>
    }
}

/// The name to connect under: the one typed; else the connected deployment at this URL (a
/// reconnection replaces it); else one suggested from the URL.
fn name_for(state: AppState, typed: &str, url: &str) -> String {
    let typed = typed.trim();
    if !typed.is_empty() {
        return typed.to_string();
    }
    let same = state.deployments.with_untracked(|list| {
        list.iter()
            .find(|d| d.saved.url.trim_end_matches('/') == url.trim().trim_end_matches('/'))
            .map(|d| d.name.clone())
    });
    same.unwrap_or_else(|| suggested_name(url, &state.deployment_names()))
}

/// What one deployment reports of itself: version, licence and health.
#[derive(Debug, Clone, PartialEq)]
struct DeploymentFacts {
    version: String,
    license: String,
    health: String,
}

/// The connected deployments, each with its URL, Kibana version, licence and health, a link to
/// its connectors and Disconnect.
#[component]
fn Deployments(on_add: Callback<()>) -> impl IntoView {
    let state = use_app_state();
    let facts = LocalResource::new(move || {
        let list: Vec<(String, Kibana)> = state.deployments.with(|l| {
            l.iter()
                .map(|d| (d.name.clone(), d.client.clone()))
                .collect()
        });
        async move {
            let mut out = std::collections::HashMap::new();
            for (name, kb) in list {
                let found = match kb.status().await {
                    Ok(status) => {
                        let license = match kb.license().await {
                            Ok(l) => format!("{} ({})", l.license.kind, l.license.status),
                            Err(e) => format!("unknown ({})", e.kind()),
                        };
                        let health = status
                            .extra
                            .get("status")
                            .and_then(|s| s.pointer("/overall/level"))
                            .and_then(|l| l.as_str())
                            .unwrap_or("unknown")
                            .to_string();
                        Ok(DeploymentFacts {
                            version: status.version.number,
                            license,
                            health,
                        })
                    }
                    Err(e) => Err(e.to_string()),
                };
                out.insert(name, found);
            }
            out
        }
    });
    move || {
        let list = state.deployments.get();
        (!list.is_empty()).then(|| view! {
            <h2>"Connected deployments"</h2>
            <table class="deployments" data-testid="deployments">
                <thead><tr><th scope="col">"Name"</th><th scope="col">"Kibana"</th><th scope="col">"Version"</th>
                    <th scope="col">"Licence"</th><th scope="col">"Status"</th><th><span class="visually-hidden">"Actions"</span></th></tr></thead>
                <tbody>
                    {list.into_iter().map(|d| {
                        let name = d.name.clone();
                        let (n1, n2, n3, n4) = (name.clone(), name.clone(), name.clone(), name.clone());
                        let fact = move |pick: fn(&DeploymentFacts) -> String| {
                            let n = n1.clone();
                            move || facts.with(|f| match f.as_ref().and_then(|m| m.get(&n)) {
                                None => "…".to_string(),
                                Some(Ok(found)) => pick(found),
                                Some(Err(_)) => "unreachable".to_string(),
                            })
                        };
                        let problem = move || facts.with(|f| f.as_ref().and_then(|m| m.get(&n2)).and_then(|r| r.clone().err()));
                        view! {
                            <tr data-testid="deployment-row" data-name=name.clone()>
                                <td><a data-testid="open-deployment" href=routes::home(&n3)>{name.clone()}</a></td>
                                <td><code>{d.saved.url.clone()}</code></td>
                                <td data-testid="deployment-version">{fact(|f| f.version.clone())}</td>
                                <td data-testid="deployment-license">{fact(|f| f.license.clone())}</td>
                                <td data-testid="deployment-status">{fact(|f| f.health.clone())}
                                    {move || problem().map(|p| view! { <p class="field-error">{p}</p> })}</td>
                                <td><button type="button" class="link" data-testid="disconnect"
                                    on:click=move |_| state.disconnect(&n4)>"Disconnect"</button></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <p><button type="button" class="secondary" data-testid="add-deployment" on:click=move |_| on_add.run(())>"Add another deployment"</button></p>
        })
    }
}

/// The CORS doctor's finding in plain words, with the kibana.yml lines to copy.
#[component]
fn Diagnosis(report: Report) -> impl IntoView {
    let ok = matches!(report.diagnosis, Finding::Ok { .. });
    view! {
        <div class=if ok { "result ok" } else { "result error" } role="status" data-testid="diagnosis">
            <p data-testid="diagnosis-text">{report.explanation}</p>
            {report.kibana_yml.map(|yml| view! {
                <p>"Add to " <code>"kibana.yml"</code> ", then restart Kibana:"</p>
                <pre data-testid="kibana-yml">{yml.clone()}</pre>
                <CopyButton text=yml label="Copy the kibana.yml lines" testid="copy-yml"/>
            })}
        </div>
    }
}

/// Connections used before on this device (never their secrets).
#[component]
fn SavedConnections(on_use: Callback<SavedConnection>) -> impl IntoView {
    let state = use_app_state();
    move || {
        let list = state.saved.get();
        (!list.is_empty()).then(|| view! {
            <h2>"Saved connections"</h2>
            <ul class="saved" data-testid="saved-connections">
                {list.into_iter().map(|c| {
                    let (a, b) = (c.clone(), c.clone());
                    view! {
                        <li data-testid="saved-connection">
                            {(!c.name.is_empty()).then(|| view! { <strong>{c.name.clone()}</strong> " · " })}
                            <code>{c.url.clone()}</code> " · " {c.auth.label()}
                            {(c.auth == AuthKind::Basic).then(|| format!(" ({})", c.username))} " "
                            <button type="button" class="link" data-testid="use-saved" on:click=move |_| on_use.run(a.clone())>"Use"</button> " "
                            <button type="button" class="link" data-testid="forget-saved" on:click=move |_| state.forget(&b)>"Forget"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        })
    }
}
