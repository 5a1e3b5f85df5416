//! "Test without saving" on the create page: a temporary connector is created, run and
//! always deleted (see `Actions::trial_run`).

use kibana_connectors::ExecuteResult;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::connector::run::{ParamsFields, RunOutcome};
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
    let running = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Result<ExecuteResult, kibana_connectors::Error>>);
    let cleanup = RwSignal::new(None::<Result<(), String>>);

    let run = move |_| {
        let body = match draft.with_untracked(ConnectorDraft::to_create) {
            Ok(b) => b,
            Err(e) => {
                form_errors.set(e);
                return;
            }
        };
        let values = match params.with_untracked(RunDraft::to_params) {
            Ok(p) => p,
            Err(e) => {
                errors.set(e);
                return;
            }
        };
        let Some(kb) = state.client.get_untracked() else {
            return;
        };
        let space = space.get_untracked();
        running.set(true);
        outcome.set(None);
        cleanup.set(None);
        spawn_local(async move {
            let trial = match kb.space(&space) {
                Ok(scoped) => scoped.actions().trial_run(&body, values).await,
                Err(e) => Err(e),
            };
            running.set(false);
            match trial {
                Ok(t) => {
                    cleanup.set(Some(t.cleanup.map_err(|e| e.to_string())));
                    outcome.set(Some(t.run));
                }
                Err(e) => outcome.set(Some(Err(e))),
            }
        });
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
            {move || cleanup.get().map(|c| match c {
                Ok(()) => view! { <p class="muted" data-testid="trial-cleanup">"The temporary connector was deleted."</p> }.into_any(),
                Err(e) => view! { <p class="field-error" data-testid="trial-cleanup">{format!("The temporary connector could not be deleted ({e}); it will be removed the next time this page opens.")}</p> }.into_any(),
            })}
        </details>
    }
}
