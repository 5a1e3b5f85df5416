use leptos::prelude::*;

use crate::forms::connection::FieldError;
use crate::forms::connector_draft::{ConnectorDraft, FieldKind, fields_for};

/// The fields of a connector form: typed inputs for known types, raw JSON for others.
#[component]
pub fn ConnectorFields(
    /// The draft being edited.
    draft: RwSignal<ConnectorDraft>,
    /// Problems found by validation.
    #[prop(into)]
    errors: Signal<Vec<FieldError>>,
) -> impl IntoView {
    let error_for = move |field: &'static str| {
        move || {
            errors.get().into_iter().find(|e| e.field == field).map(|e| {
                view! { <p class="field-error" data-testid=format!("error-{field}")>{e.message}</p> }
            })
        }
    };
    let type_id = draft.with_untracked(|d| d.type_id.clone());
    let inputs = match fields_for(&type_id) {
        Some(specs) => specs
            .iter()
            .map(|spec| {
                let key = spec.key;
                let value = move || draft.with(|d| d.value(key).to_string());
                let set = move |v: String| draft.update(|d| {
                    d.values.insert(key.to_string(), v);
                });
                let testid = format!("field-{key}");
                let input = match spec.kind {
                    FieldKind::Bool => view! {
                        <input type="checkbox" data-testid=testid prop:checked=move || value() == "true"
                            on:change=move |ev| set(event_target_checked(&ev).to_string())/>
                    }
                    .into_any(),
                    FieldKind::Select(options) => view! {
                        <select data-testid=testid prop:value=value on:change=move |ev| set(event_target_value(&ev))>
                            {options.iter().map(|o| view! { <option value=*o>{*o}</option> }).collect_view()}
                        </select>
                    }
                    .into_any(),
                    FieldKind::Json => view! {
                        <textarea data-testid=testid prop:value=value on:input=move |ev| set(event_target_value(&ev))></textarea>
                    }
                    .into_any(),
                    kind => {
                        let input_type = match kind {
                            FieldKind::Password => "password",
                            FieldKind::Number => "number",
                            FieldKind::Url => "url",
                            _ => "text",
                        };
                        view! {
                            <input type=input_type data-testid=testid prop:value=value
                                on:input=move |ev| set(event_target_value(&ev))/>
                        }
                        .into_any()
                    }
                };
                let label = format!("{}{}", spec.label, if spec.required { " *" } else { "" });
                view! { <label>{label} {input}</label> {error_for(key)} }
            })
            .collect_view()
            .into_any(),
        None => view! {
            <label>"Config (JSON)"
                <textarea data-testid="raw-config" prop:value=move || draft.with(|d| d.raw_config.clone())
                    on:input=move |ev| draft.update(|d| d.raw_config = event_target_value(&ev))></textarea>
            </label>
            {error_for("config")}
            <label>"Secrets (JSON)"
                <textarea data-testid="raw-secrets" prop:value=move || draft.with(|d| d.raw_secrets.clone())
                    on:input=move |ev| draft.update(|d| d.raw_secrets = event_target_value(&ev))></textarea>
            </label>
            {error_for("secrets")}
        }
        .into_any(),
    };
    view! {
        <label>"Name *"
            <input type="text" data-testid="field-name" prop:value=move || draft.with(|d| d.name.clone())
                on:input=move |ev| draft.update(|d| d.name = event_target_value(&ev))/>
        </label>
        {error_for("name")}
        {inputs}
    }
}
