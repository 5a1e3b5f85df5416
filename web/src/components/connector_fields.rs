use leptos::prelude::*;

use super::field_input::{FieldErrorText, FieldInput};
use crate::forms::connection::FieldError;
use crate::forms::connector_draft::ConnectorDraft;
use crate::forms::field_help::{connector_help, with_default};
use crate::forms::field_specs::fields_for;
use crate::forms::field_visibility::applies;

/// The fields of a connector form: typed inputs for known types, raw JSON for others.
#[component]
pub fn ConnectorFields(
    /// The draft being edited.
    draft: RwSignal<ConnectorDraft>,
    /// Problems found by validation; a field's problem clears when it is edited.
    errors: RwSignal<Vec<FieldError>>,
    /// Read-only (preconfigured connectors).
    #[prop(optional, into)]
    disabled: Signal<bool>,
    /// Shown right under the name (the create form's id field).
    #[prop(optional)]
    children: Option<Children>,
    /// An existing connector: its secrets must be entered again.
    #[prop(optional)]
    editing: bool,
) -> impl IntoView {
    let type_id = draft.with_untracked(|d| d.type_id.clone());
    // Said once, before the first secret: what Kibana does with them.
    let callout = move || {
        let text = if editing {
            "Kibana never returns secrets, so the secret fields are empty: enter them again to save (a save replaces them all; one left empty is removed)."
        } else {
            "Secrets (the password fields) are stored encrypted in Kibana and never shown again, not even here. Export files leave them out."
        };
        view! { <p class="notice" data-testid="secrets-callout">{text}</p> }
    };
    let first_secret = fields_for(&type_id).and_then(|specs| specs.iter().position(|s| s.secret));
    let clear = move |field: &'static str| errors.update(|l| l.retain(|e| e.field != field));
    let inputs = match fields_for(&type_id) {
        Some(specs) => specs
            .iter()
            .enumerate()
            .map(|(i, spec)| {
                let key = spec.key;
                let help = with_default(connector_help(&type_id, key), spec);
                let type_id = type_id.clone();
                let shown = Memo::new(move |_| draft.with(|d| applies(&type_id, key, &d.values)));
                view! {
                    {(first_secret == Some(i)).then(callout)}
                    <Show when=move || shown.get()>
                        <FieldInput spec=spec errors=errors disabled=disabled help=help.clone()
                            value=Signal::derive(move || draft.with(|d| d.value(key).to_string()))
                            set=Callback::new(move |v: String| draft.update(|d| { d.values.insert(key.to_string(), v); }))/>
                    </Show>
                }
            })
            .collect_view()
            .into_any(),
        None => view! {
            <label>"Config (JSON)"
                <textarea data-testid="raw-config" disabled=disabled prop:value=move || draft.with(|d| d.raw_config.clone())
                    on:input=move |ev| { clear("config"); draft.update(|d| d.raw_config = event_target_value(&ev)) }></textarea>
            </label>
            <FieldErrorText field="config" errors=errors/>
            {callout()}
            <label>"Secrets (JSON)"
                <textarea data-testid="raw-secrets" disabled=disabled prop:value=move || draft.with(|d| d.raw_secrets.clone())
                    on:input=move |ev| { clear("secrets"); draft.update(|d| d.raw_secrets = event_target_value(&ev)) }></textarea>
            </label>
            <FieldErrorText field="secrets" errors=errors/>
        }
        .into_any(),
    };
    view! {
        <label>"Name *"
            <input type="text" data-testid="field-name" disabled=disabled prop:value=move || draft.with(|d| d.name.clone())
                on:input=move |ev| { clear("name"); draft.update(|d| d.name = event_target_value(&ev)) }/>
        </label>
        <FieldErrorText field="name" errors=errors/>
        {children.map(|c| c())}
        {inputs}
    }
}
