//! "Test without saving" on the create page: a temporary connector is created, run and
//! always deleted (see `Actions::trial_run`).

use kibana_connectors::{CreateConnector, Error, TrialRun};
use leptos::prelude::*;
use serde_json::Value;

use super::{ParamsFields, RunOutcome};
use crate::forms::connection::FieldError;
use crate::forms::connector_draft::ConnectorDraft;
use crate::forms::run_draft::RunDraft;
use crate::state::{use_app_state, use_space};

/// Runs the connector being created without keeping it.
#[component]
pub fn TrialPanel(
    /// The connector form's draft.
    draft: RwSignal<ConnectorDraft>,
    /// The connector form's errors (shown there when the form is incomplete).
    form_errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let state = use_app_state();
    let space = use_space();
    let params = RwSignal::new(RunDraft::new(&draft.with_untracked(|d| d.type_id.clone())));
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let trial = Action::new_local(move |(body, values): &(CreateConnector, Value)| {
        let (body, values) = (body.clone(), values.clone());
        let client = state.scoped(&space.get_untracked());
        async move { client?.actions().trial_run(&body, values).await }
    });
    let running = trial.pending();
    // Nothing of the last trial shows while the next one runs.
    let finished = move || {
        if running.get() {
            None
        } else {
            trial.value().get()
        }
    };
    let outcome =
        Signal::derive(move || finished().map(|t: Result<TrialRun, Error>| t.and_then(|t| t.run)));
    let cleanup = move || {
        finished()
            .and_then(Result::ok)
            .map(|t| t.cleanup.map_err(|e| e.to_string()))
    };

    let run = move |_| {
        let body = match draft.with_untracked(ConnectorDraft::to_create) {
            Ok(b) => b,
            Err(e) => {
                form_errors.set(e);
                return;
            }
        };
        match params.with_untracked(RunDraft::to_params) {
            Ok(values) => {
                trial.dispatch((body, values));
            }
            Err(e) => errors.set(e),
        }
    };

    view! {
        <details class="trial" data-testid="trial">
            <summary>"Test without saving"</summary>
            <p class="muted">"Runs the connector as configured above, then deletes it: nothing is kept."</p>
            <ParamsFields draft=params errors=errors/>
            <button type="button" class="secondary" data-testid="trial-run" disabled=move || running.get() on:click=run>
                {move || if running.get() { "Testing…" } else { "Run test" }}
            </button>
            <RunOutcome outcome=outcome/>
            {move || cleanup().map(|c| match c {
                Ok(()) => view! { <p class="muted" data-testid="trial-cleanup">"The temporary connector was deleted."</p> }.into_any(),
                Err(e) => view! { <p class="field-error" data-testid="trial-cleanup">{format!("The temporary connector could not be deleted ({e}); it will be removed the next time this page opens.")}</p> }.into_any(),
            })}
        </details>
    }
}
