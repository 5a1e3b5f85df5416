//! Promote connectors from one deployment and space to others: `/promote`. Choose the
//! connectors (or the whole space), the target deployments and spaces, type each needed secret
//! once, review the plan of every target (a diff per connector), apply, see per-item results.
//! Planning and applying are core's (`kb.bulk().plan` / `apply`), as for the CLI.

use std::collections::{HashMap, HashSet};

use kibana_connectors::plan::{FieldChange, Plan, PlanAction, PlanOptions, SecretSource};
use kibana_connectors::{Connector, Error, Progress};
use leptos::prelude::*;

use crate::components::{DeploymentChecklist, ErrorView, ProgressBar};
use crate::forms::promote::{
    blocked_text, desired_set, needed_secrets, target_spaces, typed_value,
};
use crate::state::use_app_state;

/// One target deployment's plan, or why it could not be made.
#[derive(Debug, Clone)]
struct TargetPlan {
    deployment: String,
    plan: Result<Plan, Error>,
}

/// One applied item.
#[derive(Debug, Clone, PartialEq)]
struct Applied {
    deployment: String,
    space_id: String,
    id: String,
    action: &'static str,
    error: Option<String>,
}

fn action_name(a: &PlanAction) -> &'static str {
    match a {
        PlanAction::Create => "create",
        PlanAction::Update { .. } => "update",
        PlanAction::Delete => "delete",
        PlanAction::Unchanged => "unchanged",
        PlanAction::Blocked { .. } => "blocked",
    }
}

fn past(action: &str) -> &'static str {
    match action {
        "create" => "created",
        "update" => "updated",
        "delete" => "deleted",
        _ => "done",
    }
}

fn change_text(c: &FieldChange) -> String {
    let show = |v: &Option<serde_json::Value>| {
        v.as_ref()
            .map_or("(not set)".to_string(), |v| v.to_string())
    };
    format!("{}: {} → {}", c.path, show(&c.from), show(&c.to))
}

/// The promote page.
#[component]
pub fn PromotePage() -> impl IntoView {
    let state = use_app_state();
    let from_deployment = RwSignal::new(state.current.get_untracked());
    let from_space = RwSignal::new(kibana_connectors::DEFAULT_SPACE.to_string());
    let picked = RwSignal::new(HashSet::<String>::new());
    let to_deployments = RwSignal::new(HashSet::<String>::new());
    let to_spaces = RwSignal::new(String::new());
    let secrets = RwSignal::new(HashMap::<(String, String), String>::new());
    let plans = RwSignal::new(Vec::<TargetPlan>::new());
    let progress = RwSignal::new(None::<Progress>);

    let spaces = LocalResource::new(move || {
        let kb = state.client_of(&from_deployment.get());
        async move { kb?.spaces().get_all().await }
    });
    let source = LocalResource::new(move || {
        let kb = state.client_of(&from_deployment.get());
        let space = from_space.get();
        async move {
            let list = kb?.space(&space)?.actions().get_all().await?;
            Ok::<_, Error>(
                list.into_iter()
                    .filter(|c| !c.is_preconfigured && !c.is_system_action)
                    .collect::<Vec<Connector>>(),
            )
        }
    });
    let chosen = move || -> Vec<Connector> {
        let ids = picked.get();
        source.with(|s| {
            s.as_ref()
                .and_then(|r| r.as_ref().ok())
                .map(|list| {
                    list.iter()
                        .filter(|c| ids.contains(&c.id))
                        .cloned()
                        .collect()
                })
                .unwrap_or_default()
        })
    };
    // A new source starts a new choice.
    Effect::new(move |_| {
        from_deployment.track();
        from_space.track();
        picked.set(HashSet::new());
        plans.set(Vec::new());
    });

    let plan = Action::new_local(move |(): &()| {
        let chosen = chosen();
        let spaces = target_spaces(&to_spaces.get_untracked(), &from_space.get_untracked());
        let set = desired_set(&chosen, &spaces, &secrets.get_untracked());
        let targets: Vec<String> = state
            .deployment_names()
            .into_iter()
            .filter(|d| to_deployments.with_untracked(|t| t.contains(d)))
            .collect();
        async move {
            let resolve = |_: &_, _: &str, s: &SecretSource| typed_value(s);
            let mut out = Vec::new();
            for deployment in targets {
                let plan = match state.client_of(&deployment) {
                    Ok(kb) => {
                        kb.bulk()
                            .plan(&set, &spaces, PlanOptions::default(), &resolve)
                            .await
                    }
                    Err(e) => Err(e),
                };
                out.push(TargetPlan { deployment, plan });
            }
            plans.set(out);
        }
    });
    let apply = Action::new_local(move |(): &()| {
        let chosen = chosen();
        let spaces = target_spaces(&to_spaces.get_untracked(), &from_space.get_untracked());
        let set = desired_set(&chosen, &spaces, &secrets.get_untracked());
        let planned = plans.get_untracked();
        async move {
            let resolve = |_: &_, _: &str, s: &SecretSource| typed_value(s);
            let mut out = Vec::new();
            for target in planned {
                let (Ok(plan), Ok(kb)) = (target.plan, state.client_of(&target.deployment)) else {
                    continue;
                };
                let report = |p: Progress| progress.set(Some(p));
                let results = kb.bulk().apply(&plan, &set, &resolve, &report).await;
                out.extend(results.into_iter().map(|r| Applied {
                    deployment: target.deployment.clone(),
                    action: r.outcome.as_ref().map_or("failed", action_name),
                    error: r.outcome.err().map(|e| e.to_string()),
                    space_id: r.space_id,
                    id: r.id,
                }));
            }
            progress.set(None);
            let failed = out.iter().filter(|a| a.error.is_some()).count();
            let (message, tone) = crate::forms::toasts::bulk_summary("Promoted", out.len(), failed);
            state.notify(message, tone, None);
            out
        }
    });
    let busy = move || plan.pending().get() || apply.pending().get();
    let can_plan =
        move || !picked.with(HashSet::is_empty) && !to_deployments.with(HashSet::is_empty);
    let has_changes = move || {
        plans.with(|p| {
            p.iter()
                .any(|t| t.plan.as_ref().is_ok_and(|plan| !plan.is_empty()))
        })
    };

    view! {
        <Show when=move || state.client.get().is_some() fallback=super::to_connect>
            <section class="panel" data-testid="promote-page">
                <h1>"Promote connectors"</h1>
                <p class="hint">"Copy connectors from one deployment and space to others, as a plan you review first: each target shows what would be created or updated, field by field. Secrets are never read from Kibana: type each once, for every target."</p>
                <h2>"From"</h2>
                <div class="toolbar filters">
                    <label>"Deployment"
                        <select data-testid="promote-from-deployment" on:change=move |ev| from_deployment.set(event_target_value(&ev))>
                            {move || state.deployment_names().into_iter().map(|n| {
                                let selected = n == from_deployment.get_untracked();
                                view! { <option value=n.clone() selected=selected>{n.clone()}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                    <label>"Space"
                        <select data-testid="promote-from-space" on:change=move |ev| from_space.set(event_target_value(&ev))>
                            {move || {
                                let here = from_space.get();
                                let mut ids: Vec<String> = spaces.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|s| s.id).collect();
                                if !ids.contains(&here) { ids.insert(0, here.clone()); }
                                ids.into_iter().map(|id| {
                                    let selected = id == here;
                                    view! { <option value=id.clone() selected=selected>{id.clone()}</option> }
                                }).collect_view()
                            }}
                        </select>
                    </label>
                </div>
                {move || match source.get() {
                    None => view! { <p class="loading" role="status">"Loading connectors…"</p> }.into_any(),
                    Some(Err(e)) => view! { <ErrorView error=e/> }.into_any(),
                    Some(Ok(list)) if list.is_empty() => view! { <p class="empty" data-testid="promote-empty">"No connectors in this space."</p> }.into_any(),
                    Some(Ok(list)) => {
                        let all: Vec<String> = list.iter().map(|c| c.id.clone()).collect();
                        let every = all.clone();
                        view! {
                            <label class="inline"><input type="checkbox" data-testid="promote-all"
                                prop:checked=move || picked.with(|p| every.iter().all(|id| p.contains(id)))
                                on:change=move |ev| { let on = event_target_checked(&ev); picked.set(if on { all.iter().cloned().collect() } else { HashSet::new() }); }/>
                                "The whole space"</label>
                            <ul class="checklist">
                                {list.into_iter().map(|c| {
                                    let (a, b) = (c.id.clone(), c.id.clone());
                                    view! {
                                        <li><label class="inline"><input type="checkbox" data-testid="promote-connector" data-id=c.id.clone()
                                            prop:checked=move || picked.with(|p| p.contains(&a))
                                            on:change=move |ev| { let on = event_target_checked(&ev); picked.update(|p| { if on { p.insert(b.clone()); } else { p.remove(&b); } }); }/>
                                            {c.name.clone()} " " <code class="muted">{c.connector_type_id.clone()}</code> " " <code>{c.id.clone()}</code></label></li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                }}
                <h2>"To"</h2>
                <DeploymentChecklist chosen=to_deployments testid="promote-to-deployment"/>
                <label>"Spaces (comma-separated; empty: the same space)"
                    <input type="text" data-testid="promote-to-spaces" bind:value=to_spaces placeholder=move || from_space.get()/>
                </label>
                <p class="hint">"Ids stay the same in one target space; with several, each gets the space as a suffix (ids are unique across a deployment's spaces)."</p>
                {move || {
                    let needed = needed_secrets(&chosen());
                    (!needed.is_empty()).then(|| view! {
                        <h2>"Secrets"</h2>
                        <p class="hint">"Used for every target; kept in this page only."</p>
                        {needed.into_iter().map(|n| {
                            let key = (n.connector_id.clone(), n.key.clone());
                            let k2 = key.clone();
                            view! {
                                <label>{format!("{} ({}): {}", n.connector_name, n.connector_id, n.key)}
                                    <input type="password" autocomplete="off" data-testid="promote-secret" data-connector=n.connector_id.clone() data-key=n.key.clone()
                                        prop:value=move || secrets.with(|s| s.get(&key).cloned().unwrap_or_default())
                                        on:input=move |ev| { let v = event_target_value(&ev); secrets.update(|s| { s.insert(k2.clone(), v); }); }/>
                                </label>
                            }
                        }).collect_view()}
                    })
                }}
                <div class="actions">
                    <button type="button" data-testid="promote-plan" disabled=move || busy() || !can_plan() on:click=move |_| { plan.dispatch(()); }>
                        {move || if plan.pending().get() { "Planning…" } else { "Review the plan" }}
                    </button>
                </div>
                {move || plans.get().into_iter().map(|t| view! { <TargetPlanView target=t/> }).collect_view()}
                <Show when=has_changes>
                    <div class="actions">
                        <button type="button" data-testid="promote-apply" disabled=busy on:click=move |_| { apply.dispatch(()); }>
                            {move || if apply.pending().get() { "Applying…" } else { "Apply" }}
                        </button>
                    </div>
                </Show>
                {move || progress.get().map(|p| view! { <ProgressBar verb="Applying" progress=p/> })}
                {move || apply.value().get().map(|results| view! {
                    <h2>"Results"</h2>
                    <ul class="results" data-testid="promote-results">
                        {results.into_iter().map(|r| view! {
                            <li data-testid="promote-result" data-deployment=r.deployment.clone() data-id=r.id.clone() data-ok=r.error.is_none().to_string()>
                                {format!("{} · {}/{}: ", r.deployment, r.space_id, r.id)}
                                {match &r.error { None => past(r.action).to_string(), Some(e) => format!("failed: {e}") }}
                            </li>
                        }).collect_view()}
                    </ul>
                })}
            </section>
        </Show>
    }
}

/// One target deployment's plan: a line per connector, changes under it.
#[component]
fn TargetPlanView(target: TargetPlan) -> impl IntoView {
    let TargetPlan { deployment, plan } = target;
    view! {
        <div class="target-plan" data-testid="promote-target" data-deployment=deployment.clone()>
            <h3>{format!("Plan for {deployment}")}</h3>
            {match plan {
                Err(e) => view! { <ErrorView error=e/> }.into_any(),
                Ok(plan) => view! {
                    <ul class="plan">
                        {plan.items.into_iter().map(|item| {
                            let action = action_name(&item.action);
                            let detail: Vec<String> = match &item.action {
                                PlanAction::Update { changes } => changes.iter().map(change_text).collect(),
                                PlanAction::Blocked { reason } => vec![format!("blocked: {}", blocked_text(reason))],
                                _ => Vec::new(),
                            };
                            view! {
                                <li data-testid="promote-plan-item" data-deployment=deployment.clone() data-id=item.id.clone() data-action=action>
                                    <strong>{action}</strong> " " {format!("{}/{} ({}) {}", item.space_id, item.id, item.connector_type_id, item.name)}
                                    <ul>{detail.into_iter().map(|d| view! { <li data-testid="promote-change">{d}</li> }).collect_view()}</ul>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </div>
    }
}
