use leptos::prelude::*;

use super::{FieldErrorText, FieldInput};
use crate::forms::connection::FieldError;
use crate::forms::field_help::{params_help, with_default};
use crate::forms::run_draft::RunDraft;

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
            let type_id = draft.with_untracked(|d| d.type_id.clone());
            draft
                .with_untracked(|d| d.visible_specs().collect::<Vec<_>>())
                .into_iter()
                .map(|spec| {
                    let key = spec.key;
                    view! {
                        <FieldInput spec=spec errors=errors testid="param" help=with_default(params_help(&type_id, key), spec)
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
