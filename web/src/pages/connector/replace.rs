//! Replace in rules: point every rule action that runs this connector at another connector of
//! the same type in the same space (before retiring an old one), with a preview, progress and
//! a result per rule. Rerunning after a failure finishes the rest: the work is always the
//! rules that still use this connector.

use kibana_connectors::rules::RuleChange;
use kibana_connectors::{Connector, Progress};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::{BulkResults, ErrorView, ProgressBar};
use crate::forms::bulk::ItemOutcome;
use crate::state::{use_app_state, use_space};

/// The Replace in rules panel of one connector.
#[component]
pub fn ReplacePanel(
    /// The connector to replace.
    connector: Connector,
    /// Called after a replacement ran (the rules list reloads).
    on_done: Callback<()>,
) -> impl IntoView {
    let state = use_app_state();
    let space = use_space();
    let type_id = connector.connector_type_id.clone();
    let own_id = connector.id.clone();
    let candidates = LocalResource::new(move || {
        let client = state.connected();
        let (space, type_id, own_id) = (space.get(), type_id.clone(), own_id.clone());
        async move {
            let all = client?.space(&space)?.actions().get_all().await?;
            Ok::<_, kibana_connectors::Error>(
                all.into_iter()
                    .filter(|c| {
                        c.connector_type_id == type_id && c.id != own_id && !c.is_system_action
                    })
                    .collect::<Vec<_>>(),
            )
        }
    });
    let chosen = RwSignal::new(String::new());
    let preview = RwSignal::new(None::<Result<Vec<RuleChange>, kibana_connectors::Error>>);
    let progress = RwSignal::new(None::<Progress>);
    let outcomes = RwSignal::new((String::new(), Vec::<ItemOutcome>::new()));
    let failure = RwSignal::new(None::<kibana_connectors::Error>);
    let source = StoredValue::new(connector.clone());

    let target = move || {
        let id = chosen.get_untracked();
        candidates
            .get_untracked()
            .and_then(Result::ok)
            .and_then(|list| list.into_iter().find(|c| c.id == id))
    };
    let show_preview = move |_| {
        let Some(to) = target() else { return };
        let client = state.scoped(&space.get_untracked());
        let from = source.get_value();
        spawn_local(async move {
            let plan = async { client?.rules().plan_replacement(&from, &to).await }.await;
            preview.set(Some(plan));
        });
    };
    let replace = move |_| {
        let Some(to) = target() else { return };
        let client = state.scoped(&space.get_untracked());
        let from = source.get_value();
        let names: std::collections::HashMap<String, String> = preview
            .get_untracked()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|c| (c.rule_id, c.rule_name))
            .collect();
        failure.set(None);
        // Not an Action: it reports progress rule by rule while it runs.
        spawn_local(async move {
            let report = |p: Progress| progress.set(Some(p));
            let done = async { client?.rules().replace_connector(&from, &to, &report).await }.await;
            progress.set(None);
            match done {
                Ok(results) => {
                    let list = results
                        .into_iter()
                        .map(|r| ItemOutcome {
                            name: names.get(&r.id).cloned().unwrap_or_default(),
                            detail: format!("now uses {}", to.name),
                            error: r.outcome.err().map(|e| e.to_string()),
                            space_id: r.space_id,
                            id: r.id,
                        })
                        .collect();
                    outcomes.set(("Changed".into(), list));
                }
                Err(e) => failure.set(Some(e)),
            }
            preview.set(None);
            on_done.run(());
        });
    };
    let options = move || {
        Suspend::new(async move {
            match candidates.await {
                Ok(list) if list.is_empty() => view! {
                    <p class="muted" data-testid="replace-none">"No other connector of this type in this space to replace it with."</p>
                }
                .into_any(),
                Ok(list) => view! {
                    <label>"Replace with"
                        <select data-testid="replace-target" prop:value=move || chosen.get()
                            on:change=move |ev| { chosen.set(event_target_value(&ev)); preview.set(None); }>
                            <option value="">"Choose a connector…"</option>
                            {list.into_iter().map(|c| view! { <option value=c.id.clone()>{format!("{} ({})", c.name, c.id)}</option> }).collect_view()}
                        </select>
                    </label>
                    " "
                    <button type="button" data-testid="replace-preview" disabled=move || chosen.get().is_empty()
                        on:click=show_preview>"Preview"</button>
                }
                .into_any(),
                Err(e) => view! { <ErrorView error=e/> }.into_any(),
            }
        })
    };
    let planned = move || {
        preview.get().map(|plan| match plan {
            Err(e) => view! { <ErrorView error=e/> }.into_any(),
            Ok(changes) if changes.is_empty() => view! {
                <p class="muted" data-testid="replace-nothing">"No rule uses this connector: nothing to replace."</p>
            }
            .into_any(),
            Ok(changes) => {
                let n = changes.len();
                view! {
                    <div data-testid="replace-plan">
                        <p>{format!("{n} rule{} will change; each action keeps its action group and params:", if n == 1 { "" } else { "s" })}</p>
                        <ul>
                            {changes.into_iter().map(|c| view! {
                                <li data-testid="replace-change" data-id=c.rule_id.clone()>
                                    <strong>{c.rule_name}</strong> " — " {c.groups.join(", ")}
                                </li>
                            }).collect_view()}
                        </ul>
                        <button type="button" class="primary" data-testid="replace-run" on:click=replace>
                            {format!("Replace in {n} rule{}", if n == 1 { "" } else { "s" })}
                        </button>
                    </div>
                }
                .into_any()
            }
        })
    };
    view! {
        <section class="replace" aria-labelledby="replace-heading">
            <h3 id="replace-heading">"Replace in rules"</h3>
            <p class="muted">"Point every rule action that runs this connector at another connector of the same type, for example before retiring it."</p>
            <Transition fallback=|| ()>{options}</Transition>
            {planned}
            {move || progress.get().map(|p| view! { <ProgressBar verb="Replacing" progress=p/> })}
            {move || failure.get().map(|e| view! { <ErrorView error=e/> })}
            <BulkResults outcomes=outcomes/>
            {move || outcomes.with(|(_, list)| list.iter().any(|o| o.error.is_some())).then(|| view! {
                <p class="notice" data-testid="replace-rerun">"Some rules were not changed. Preview and replace again to finish them: the rules already changed are not touched twice."</p>
            })}
        </section>
    }
}
