//! Running a connector: params form per type or raw JSON, the result, and this session's runs.

use kibana_connectors::{Connector, ExecuteResult};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::{CopyButton, ErrorView, FieldErrorText, FieldInput};
use crate::forms::connection::FieldError;
use crate::forms::run_draft::RunDraft;
use crate::state::{RunRecord, use_app_state, use_space};

/// The test panel of one connector.
#[component]
pub fn RunPanel(
    /// The connector to run.
    connector: Connector,
) -> impl IntoView {
    let state = use_app_state();
    let space = use_space();
    let draft = RwSignal::new(RunDraft::new(&connector.connector_type_id));
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let running = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Result<ExecuteResult, kibana_connectors::Error>>);
    let (id, name) = (connector.id.clone(), connector.name.clone());
    let history_id = id.clone();

    let run = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let params = match draft.with_untracked(RunDraft::to_params) {
            Ok(p) => p,
            Err(e) => {
                errors.set(e);
                return;
            }
        };
        errors.set(Vec::new());
        let Some(kb) = state.client.get_untracked() else {
            return;
        };
        let (space, id, name) = (space.get_untracked(), id.clone(), name.clone());
        running.set(true);
        outcome.set(None);
        spawn_local(async move {
            let result = match kb.space(&space) {
                Ok(scoped) => scoped.actions().execute(&id, params).await,
                Err(e) => Err(e),
            };
            let (ok, summary) = match &result {
                Ok(r) if r.is_ok() => (true, "ok".to_string()),
                Ok(r) => (false, r.message.clone().unwrap_or_else(|| "error".into())),
                Err(e) => (false, e.to_string()),
            };
            state.record_run(RunRecord {
                space,
                connector_id: id,
                connector_name: name,
                at: clock_time(),
                ok,
                summary,
            });
            running.set(false);
            outcome.set(Some(result));
        });
    };

    view! {
        <form on:submit=run data-testid="run-form" class="narrow">
            <ParamsFields draft=draft errors=errors/>
            <button type="submit" data-testid="run" disabled=move || running.get()>
                {move || if running.get() { "Running…" } else { "Run" }}
            </button>
        </form>
        <RunOutcome outcome=outcome/>
        <RunHistory connector_id=history_id/>
    }
}

/// The params of a run: a form per typed type (with a switch to raw JSON), or raw JSON.
#[component]
pub fn ParamsFields(
    /// The draft being edited.
    draft: RwSignal<RunDraft>,
    /// Problems found by validation.
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let form = move || {
        if draft.with(|d| d.use_raw) {
            view! {
                <label>"Params (JSON)"
                    <textarea data-testid="raw-params" class="tall" prop:value=move || draft.with(|d| d.raw.clone())
                        on:input=move |ev| {
                            errors.update(|l| l.retain(|e| e.field != "params"));
                            draft.update(|d| d.raw = event_target_value(&ev));
                        }></textarea>
                </label>
                <FieldErrorText field="params" errors=errors/>
            }
            .into_any()
        } else {
            draft
                .with_untracked(|d| d.visible_specs().collect::<Vec<_>>())
                .into_iter()
                .map(|spec| {
                    let key = spec.key;
                    view! {
                        <FieldInput spec=spec errors=errors testid="param"
                            value=Signal::derive(move || draft.with(|d| d.value(key).to_string()))
                            set=Callback::new(move |v: String| draft.update(|d| { d.values.insert(key.to_string(), v); }))/>
                    }
                })
                .collect_view()
                .into_any()
        }
    };
    // Re-render the inputs only when switching between form and raw JSON, never while typing.
    let mode = Memo::new(move |_| draft.with(|d| d.use_raw));
    view! {
        {draft.with_untracked(RunDraft::has_form).then(|| view! {
            <label class="inline">
                <input type="checkbox" data-testid="raw-toggle" prop:checked=mode
                    on:change=move |ev| { errors.set(Vec::new()); draft.update(|d| d.set_raw(event_target_checked(&ev))) }/>
                "Edit the params as JSON"
            </label>
        })}
        {move || { mode.track(); form() }}
    }
}

/// `HH:MM:SS` now, in local time.
fn clock_time() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:02}:{:02}:{:02}",
        now.get_hours(),
        now.get_minutes(),
        now.get_seconds()
    )
}

/// The last run's result: status, formatted `data` with copy, or the messages.
#[component]
pub fn RunOutcome(
    outcome: RwSignal<Option<Result<ExecuteResult, kibana_connectors::Error>>>,
) -> impl IntoView {
    move || {
        outcome.get().map(|result| match result {
            Err(e) => view! { <ErrorView error=e/> }.into_any(),
            Ok(r) => {
                let ok = r.is_ok();
                let data = r
                    .data
                    .as_ref()
                    .map(|d| serde_json::to_string_pretty(d).unwrap_or_default());
                view! {
                    <div class=if ok { "result ok" } else { "result error" } role="status" data-testid="run-result">
                        <p><strong data-testid="run-status">{if ok { "ok" } else { "error" }}</strong>
                            {r.error_source.map(|s| view! { <span class="muted">{format!(" (source: {s})")}</span> })}</p>
                        {r.message.map(|m| view! { <p data-testid="run-message">{m}</p> })}
                        {r.service_message.map(|m| view! { <p data-testid="run-service-message" class="muted">{m}</p> })}
                        {data.map(|d| view! {
                            <div class="data">
                                <CopyButton text=d.clone() label="Copy data" testid="copy-data"/>
                                <pre data-testid="run-data">{d}</pre>
                            </div>
                        })}
                    </div>
                }
                .into_any()
            }
        })
    }
}

/// This connector's runs in this session, newest first.
#[component]
fn RunHistory(connector_id: String) -> impl IntoView {
    let state = use_app_state();
    let runs = move || {
        state.runs.with(|all| {
            all.iter()
                .filter(|r| r.connector_id == connector_id)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <h2>"Runs this session"</h2>
        {move || {
            let list = runs();
            if list.is_empty() {
                return view! { <p class="muted" data-testid="no-runs">"None yet."</p> }.into_any();
            }
            view! {
                <ol class="history" data-testid="run-history">
                    {list.into_iter().map(|r| view! {
                        <li data-testid="run-history-item" data-ok=r.ok.to_string()>
                            <code>{r.at}</code> " " <strong>{if r.ok { "ok" } else { "error" }}</strong> " "
                            {(!r.ok).then_some(r.summary)}
                        </li>
                    }).collect_view()}
                </ol>
            }
            .into_any()
        }}
    }
}
