//! Copy or move a connector to other spaces, entering only its secrets again. A move is
//! refused while rules of this space use the connector (they cannot use one of another
//! space); the guard lists them and "Move anyway" says what breaks.

use std::collections::BTreeSet;

use kibana_connectors::bulk::MoveBlocked;
use kibana_connectors::{Connector, CopyRequest, Progress};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::{BulkResults, ErrorView, ProgressBar, RulesGuard, SecretFields};
use crate::forms::bulk::ItemOutcome;
use crate::forms::connection::FieldError;
use crate::forms::rules_impact::{ConnectorRules, Impact};
use crate::forms::secrets_draft::SecretsDraft;
use crate::forms::toasts::Tone;
use crate::state::{use_app_state, use_space};

/// The copy/move panel of one connector.
#[component]
pub fn CopyPanel(
    /// The source connector.
    connector: Connector,
) -> impl IntoView {
    let state = use_app_state();
    let space = use_space();
    let spaces = LocalResource::new(move || {
        let client = state.connected();
        async move { client?.spaces().get_all().await }
    });
    let targets = RwSignal::new(BTreeSet::<String>::new());
    let secrets = RwSignal::new(SecretsDraft::for_type(&connector.connector_type_id));
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let id_template = RwSignal::new(String::new());
    let progress = RwSignal::new(None::<Progress>);
    let outcomes = RwSignal::new((String::new(), Vec::<ItemOutcome>::new()));
    let failure = RwSignal::new(None::<kibana_connectors::Error>);
    let source_note = RwSignal::new(None::<(bool, String)>);
    let source = StoredValue::new(connector.clone());
    let blocked = RwSignal::new(None::<Impact>);

    // `break_rules`: the user went through the rules guard's "Move anyway" (already asked).
    let start = move |moving: bool, break_rules: bool| {
        let secrets = match secrets.with_untracked(SecretsDraft::to_secrets) {
            Ok(s) => s,
            Err(e) => {
                errors.set(e);
                return;
            }
        };
        let template = id_template.get_untracked();
        let request = CopyRequest {
            source: source.get_value(),
            from_space: space.get_untracked(),
            to_spaces: targets.get_untracked().into_iter().collect(),
            secrets,
            id: (!template.trim().is_empty()).then(|| template.trim().to_string()),
            break_rules,
        };
        // Checked here so an impossible request says why without sending anything.
        if let Err(e) = request.plan() {
            failure.set(Some(e));
            return;
        }
        let question = format!(
            "{} \"{}\" to {}?{}",
            if moving { "Move" } else { "Copy" },
            request.source.name,
            request.to_spaces.join(", "),
            if moving {
                " The original is deleted only after every copy succeeded."
            } else {
                ""
            }
        );
        if !break_rules && !window().confirm_with_message(&question).unwrap_or(false) {
            return;
        }
        let Some(kb) = state.client.get_untracked() else {
            return;
        };
        failure.set(None);
        source_note.set(None);
        outcomes.set((String::new(), Vec::new()));
        // Not an Action: the copies report progress target by target while they run.
        spawn_local(async move {
            let report = |p: Progress| progress.set(Some(p));
            let bulk = kb.bulk();
            let (copies, deleted) = if moving {
                match bulk.move_to_spaces(&request, &report).await {
                    Ok(m) if m.blocked.is_some() => {
                        progress.set(None);
                        let rules = match m.blocked {
                            Some(MoveBlocked::UsedByRules(rules)) => Ok(rules),
                            Some(MoveBlocked::RulesUnreadable(e)) => Err(e.to_string()),
                            None => Ok(Vec::new()),
                        };
                        blocked.set(Some(Impact {
                            connectors: vec![ConnectorRules {
                                space_id: request.from_space.clone(),
                                connector: request.source.clone(),
                                rules,
                            }],
                        }));
                        return;
                    }
                    Ok(m) => (Ok(m.copies), m.source_deleted),
                    Err(e) => (Err(e), None),
                }
            } else {
                (bulk.copy_to_spaces(&request, &report).await, None)
            };
            progress.set(None);
            match copies {
                Ok(list) => {
                    let all_ok = list.iter().all(|r| r.is_ok());
                    let failed = list.iter().filter(|r| !r.is_ok()).count();
                    let verb = if moving { "Moved" } else { "Copied" };
                    let name = &request.source.name;
                    let total = list.len();
                    let spaces = if total == 1 { "space" } else { "spaces" };
                    if failed == 0 {
                        state.notify(
                            format!("{verb} {name} to {total} {spaces}."),
                            Tone::Ok,
                            None,
                        );
                    } else {
                        state.notify(
                            format!(
                                "{verb} {name} to {} of {total} {spaces}; {failed} failed.",
                                total - failed
                            ),
                            Tone::Error,
                            None,
                        );
                    }
                    outcomes.set((
                        "Copied".into(),
                        list.into_iter()
                            .map(|r| ItemOutcome {
                                name: request.source.name.clone(),
                                detail: "copied".into(),
                                error: r.outcome.err().map(|e| e.to_string()),
                                space_id: r.space_id,
                                id: r.id,
                            })
                            .collect(),
                    ));
                    if moving {
                        source_note.set(Some(match deleted {
                            Some(Ok(())) => (true, "Moved: the original was deleted.".into()),
                            Some(Err(e)) => (false, format!("Every copy was made, but the original could not be deleted: {e}")),
                            None if !all_ok => (false, "The original was kept because a copy failed.".into()),
                            None => (false, "The original was kept.".into()),
                        }));
                    }
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let busy = move || progress.get().is_some();
    let preconfigured = connector.is_preconfigured;

    view! {
        {preconfigured.then(|| view! {
            <p class="notice">"Preconfigured connectors live in kibana.yml and cannot be copied or moved."</p>
        })}
        <form class="narrow" data-testid="copy-form" on:submit=move |ev| { ev.prevent_default(); start(false, false); }>
            <fieldset disabled=preconfigured>
                <p>"Name, type and configuration are copied as they are. Kibana never returns secrets, so enter them for the copies."</p>
                <p><strong>"Target spaces"</strong></p>
                {move || match spaces.get() {
                    None => view! { <p class="loading">"Loading spaces…"</p> }.into_any(),
                    Some(Err(e)) => view! { <ErrorView error=e/> }.into_any(),
                    Some(Ok(list)) => {
                        let here = space.get();
                        list.into_iter().filter(|s| s.id != here).map(|s| {
                            let (a, b) = (s.id.clone(), s.id.clone());
                            view! {
                                <label class="inline">
                                    <input type="checkbox" data-testid=format!("target-{}", s.id)
                                        prop:checked=move || targets.with(|t| t.contains(&a))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            targets.update(|t| { if on { t.insert(b.clone()); } else { t.remove(&b); } });
                                        }/>
                                    {s.name.clone()} " " <code>{s.id.clone()}</code>
                                </label>
                            }
                        }).collect_view().into_any()
                    }
                }}
                <SecretFields draft=secrets errors=errors/>
                <label>"Id of the copies (optional; {space} is replaced by the target space)"
                    <input type="text" data-testid="copy-id-template" bind:value=id_template placeholder="random"/>
                </label>
                <div class="actions">
                    <button type="submit" data-testid="copy" disabled=move || busy() || targets.with(BTreeSet::is_empty)>"Copy"</button>
                    <button type="button" class="secondary" data-testid="move" disabled=move || busy() || targets.with(BTreeSet::is_empty)
                        on:click=move |_| start(true, false)>"Move"</button>
                </div>
            </fieldset>
        </form>
        <RulesGuard pending=blocked verb="moving" confirm_label=Impact::move_button
            on_confirm=Callback::new(move |_: Impact| start(true, true))/>
        {move || progress.get().map(|p| view! { <ProgressBar verb="Copying" progress=p/> })}
        {move || failure.get().map(|e| view! { <ErrorView error=e/> })}
        <BulkResults outcomes=outcomes/>
        {move || source_note.get().map(|(ok, text)| view! {
            <p class=if ok { "notice ok" } else { "notice" } data-testid="source-note">{text}</p>
        })}
    }
}
