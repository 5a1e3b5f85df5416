//! Rotate secrets: `/rotate`. Choose connectors by type, name pattern, space and deployment,
//! type the new secret values once, and every chosen connector is updated with its current
//! name and config and the new secrets (core's `kb.bulk().rotate`), with per-item results
//! saying whether each now has the new secrets, still the old ones, or is unknown.

use std::collections::{HashMap, HashSet};

use kibana_connectors::bulk::{RotateSelection, RotatedState, Target};
use kibana_connectors::models::types::secret_keys;
use kibana_connectors::{Error, Progress, Secrets};
use leptos::prelude::*;

use crate::components::{DeploymentChecklist, ErrorView, ProgressBar};
use crate::data::use_connector_types;
use crate::forms::bulk::by_deployment;
use crate::forms::promote::target_spaces;
use crate::state::use_app_state;

/// A connector the selection found.
#[derive(Debug, Clone, PartialEq)]
struct Candidate {
    deployment: String,
    space_id: String,
    id: String,
    name: String,
}

impl Candidate {
    fn key(&self) -> String {
        format!("{}/{}/{}", self.deployment, self.space_id, self.id)
    }
}

/// One rotated connector.
#[derive(Debug, Clone, PartialEq)]
struct Rotated {
    deployment: String,
    space_id: String,
    id: String,
    state: RotatedState,
    error: Option<String>,
}

fn state_text(s: RotatedState) -> &'static str {
    match s {
        RotatedState::New => "new secrets",
        RotatedState::Old => "old secrets kept",
        RotatedState::Unknown => "unknown: the answer was lost; rotate it again",
    }
}

/// The rotate page.
#[component]
pub fn RotatePage() -> impl IntoView {
    let state = use_app_state();
    let types = use_connector_types();
    let type_id = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let spaces = RwSignal::new(String::new());
    let deployments = RwSignal::new(state.deployment_names().into_iter().collect::<HashSet<_>>());
    let values = RwSignal::new(HashMap::<String, String>::new());
    let picked = RwSignal::new(HashSet::<String>::new());
    let progress = RwSignal::new(None::<Progress>);

    let find = Action::new_local(move |(): &()| {
        let typed_spaces = spaces.get_untracked();
        let selection = RotateSelection {
            connector_type_ids: vec![type_id.get_untracked()],
            name: Some(name.get_untracked().trim().to_string()).filter(|n| !n.is_empty()),
            spaces: if typed_spaces.trim().is_empty() {
                Vec::new()
            } else {
                target_spaces(&typed_spaces, "")
            },
        };
        let chosen: Vec<String> = state
            .deployment_names()
            .into_iter()
            .filter(|d| deployments.with_untracked(|s| s.contains(d)))
            .collect();
        async move {
            let mut found = Vec::new();
            for deployment in chosen {
                let kb = state.client_of(&deployment)?;
                let list = kb.bulk().rotate_candidates(&selection).await?;
                found.extend(list.into_iter().map(|(space_id, c)| Candidate {
                    deployment: deployment.clone(),
                    space_id,
                    id: c.id,
                    name: c.name,
                }));
            }
            picked.set(found.iter().map(Candidate::key).collect());
            Ok::<_, Error>(found)
        }
    });
    let rotate = Action::new_local(move |(): &()| {
        let found = find
            .value()
            .get_untracked()
            .and_then(Result::ok)
            .unwrap_or_default();
        let ticked = picked.get_untracked();
        let secrets = Secrets(
            values
                .get_untracked()
                .into_iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| (k, serde_json::Value::String(v)))
                .collect(),
        );
        async move {
            let groups = by_deployment(
                found
                    .into_iter()
                    .filter(|c| ticked.contains(&c.key()))
                    .map(|c| {
                        let target = Target {
                            space_id: c.space_id,
                            id: c.id,
                        };
                        (c.deployment, target)
                    }),
            );
            let mut out = Vec::new();
            for (deployment, targets) in groups {
                let Ok(kb) = state.client_of(&deployment) else {
                    continue;
                };
                let report = |p: Progress| progress.set(Some(p));
                for r in kb.bulk().rotate(&targets, &secrets, &report).await {
                    out.push(Rotated {
                        deployment: deployment.clone(),
                        space_id: r.space_id,
                        id: r.id,
                        state: r.state,
                        error: r.error.map(|e| e.to_string()),
                    });
                }
            }
            progress.set(None);
            let failed = out.iter().filter(|r| r.state != RotatedState::New).count();
            let (message, tone) = crate::forms::toasts::bulk_summary("Rotated", out.len(), failed);
            state.notify(message, tone, None);
            out
        }
    });
    let keys = move || secret_keys(&type_id.get()).to_vec();
    let busy = move || find.pending().get() || rotate.pending().get();
    let can_rotate = move || {
        !picked.with(HashSet::is_empty) && values.with(|v| v.values().any(|s| !s.is_empty()))
    };

    view! {
        <Show when=move || state.client.get().is_some() fallback=super::to_connect>
            <section class="panel">
                <h1>"Rotate secrets"</h1>
                <p class="hint">"New secret values for many connectors at once. Each keeps its name and config; Kibana replaces all of a connector's secrets on update, so enter every secret the connectors use. Each connector ends either fully old or fully new, and the results say which."</p>
                <form class="narrow" data-testid="rotate-form" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); find.dispatch(()); }>
                    <label>"Type"
                        <select data-testid="rotate-type" on:change=move |ev| { type_id.set(event_target_value(&ev)); values.set(HashMap::new()); }>
                            <option value="">"Choose a type"</option>
                            {move || types.get().and_then(Result::ok).unwrap_or_default().into_iter()
                                .filter(|t| !secret_keys(&t.id).is_empty())
                                .map(|t| view! { <option value=t.id.clone()>{format!("{} ({})", t.name, t.id)}</option> }).collect_view()}
                        </select>
                    </label>
                    <label>"Name pattern (* any run, ? one character; empty: every name)"
                        <input type="text" data-testid="rotate-name" bind:value=name placeholder="prod-*"/>
                    </label>
                    <label>"Spaces (comma-separated; empty: every space)"
                        <input type="text" data-testid="rotate-spaces" bind:value=spaces/>
                    </label>
                    <DeploymentChecklist chosen=deployments testid="rotate-deployment"/>
                    <button type="submit" data-testid="rotate-find" disabled=move || busy() || type_id.get().is_empty()>"Find connectors"</button>
                </form>
                {move || find.value().get().map(|found| match found {
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="empty" data-testid="rotate-none">"No connector matches."</p> }.into_any(),
                    Ok(list) => view! {
                        <h2>{format!("{} connector{} chosen", list.len(), if list.len() == 1 { "" } else { "s" })}</h2>
                        <ul class="checklist">
                            {list.into_iter().map(|c| {
                                let (a, b) = (c.key(), c.key());
                                view! {
                                    <li><label class="inline"><input type="checkbox" data-testid="rotate-candidate" data-deployment=c.deployment.clone() data-id=c.id.clone()
                                        prop:checked=move || picked.with(|p| p.contains(&a))
                                        on:change=move |ev| { let on = event_target_checked(&ev); picked.update(|p| { if on { p.insert(b.clone()); } else { p.remove(&b); } }); }/>
                                        {format!("{} · {}/{} ", c.deployment, c.space_id, c.id)} {c.name.clone()}</label></li>
                                }
                            }).collect_view()}
                        </ul>
                        <h2>"New secrets"</h2>
                        {keys().into_iter().map(|key| {
                            let (k1, k2) = (key.to_string(), key.to_string());
                            view! {
                                <label>{key}
                                    <input type="password" autocomplete="off" data-testid="rotate-secret" data-key=key
                                        prop:value=move || values.with(|v| v.get(&k1).cloned().unwrap_or_default())
                                        on:input=move |ev| { let v = event_target_value(&ev); values.update(|m| { m.insert(k2.clone(), v); }); }/>
                                </label>
                            }
                        }).collect_view()}
                        <button type="button" data-testid="rotate-run" disabled=move || busy() || !can_rotate() on:click=move |_| { rotate.dispatch(()); }>
                            {move || if rotate.pending().get() { "Rotating…" } else { "Rotate" }}
                        </button>
                    }.into_any(),
                })}
                {move || progress.get().map(|p| view! { <ProgressBar verb="Rotating" progress=p/> })}
                {move || rotate.value().get().map(|results| view! {
                    <h2>"Results"</h2>
                    <ul class="results" data-testid="rotate-results">
                        {results.into_iter().map(|r| view! {
                            <li data-testid="rotate-result" data-deployment=r.deployment.clone() data-id=r.id.clone() data-state=format!("{:?}", r.state).to_lowercase()>
                                {format!("{} · {}/{}: {}", r.deployment, r.space_id, r.id, state_text(r.state))}
                                {r.error.map(|e| format!(" ({e})"))}
                            </li>
                        }).collect_view()}
                    </ul>
                })}
            </section>
        </Show>
    }
}
