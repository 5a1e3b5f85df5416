//! Running a connector: params form per type or raw JSON, the result, and this session's runs.

use kibana_connectors::{Connector, Error, ExecuteResult};
use leptos::prelude::*;
use serde_json::Value;

use crate::components::{ParamsFields, RunOutcome};
use crate::forms::connection::FieldError;
use crate::forms::run_draft::RunDraft;
use crate::forms::toasts::Tone;
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
    let (id, name) = (connector.id.clone(), connector.name.clone());
    let history_id = id.clone();
    let run = Action::new_local(move |params: &Value| {
        let (space, id, name, params) = (
            space.get_untracked(),
            id.clone(),
            name.clone(),
            params.clone(),
        );
        let client = state.scoped(&space);
        async move {
            let result: Result<ExecuteResult, Error> =
                async { client?.actions().execute(&id, params).await }.await;
            let (ok, summary) = match &result {
                Ok(r) if r.is_ok() => (true, "ok".to_string()),
                Ok(r) => (false, r.message.clone().unwrap_or_else(|| "error".into())),
                Err(e) => (false, e.to_string()),
            };
            state.notify(
                if ok {
                    format!("Ran {name}: ok.")
                } else {
                    format!("Ran {name}: {summary}")
                },
                if ok { Tone::Ok } else { Tone::Error },
                None,
            );
            state.record_run(RunRecord {
                space,
                connector_id: id,
                connector_name: name,
                at: clock_time(),
                ok,
                summary,
            });
            result
        }
    });
    let running = run.pending();
    // A new run replaces the last result: nothing stale shows while it runs.
    let outcome = Signal::derive(move || {
        if running.get() {
            None
        } else {
            run.value().get()
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match draft.with_untracked(RunDraft::to_params) {
            Ok(params) => {
                errors.set(Vec::new());
                run.dispatch(params);
            }
            Err(e) => errors.set(e),
        }
    };

    view! {
        <form on:submit=submit data-testid="run-form" class="narrow">
            <ParamsFields draft=draft errors=errors/>
            <button type="submit" data-testid="run" disabled=move || running.get()>
                {move || if running.get() { "Running…" } else { "Run" }}
            </button>
        </form>
        <RunOutcome outcome=outcome/>
        <RunHistory connector_id=history_id/>
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
