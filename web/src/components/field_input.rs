use leptos::prelude::*;

use crate::forms::connection::FieldError;
use crate::forms::field_specs::{FieldKind, FieldSpec};

/// One labelled input for a field spec, with its error below. Editing a field clears its error.
#[component]
pub fn FieldInput(
    /// What the field is.
    spec: &'static FieldSpec,
    /// The current text.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the new text.
    set: Callback<String>,
    /// Validation problems (this field's own is shown, and cleared on edit).
    errors: RwSignal<Vec<FieldError>>,
    /// Prefix of the `data-testid` (`field` for connector forms, `param` for run forms).
    #[prop(default = "field")]
    testid: &'static str,
    /// Read-only (preconfigured connectors).
    #[prop(optional, into)]
    disabled: Signal<bool>,
    /// What the field does (and its default), shown under it and read with it.
    #[prop(default = None)]
    help: Option<String>,
) -> impl IntoView {
    let key = spec.key;
    let help_id = help.as_ref().map(|_| format!("help-{testid}-{key}"));
    let described = help_id.clone();
    let update = move |v: String| {
        errors.update(|list| list.retain(|e| e.field != key));
        set.run(v);
    };
    let testid = format!("{testid}-{key}");
    let input = match spec.kind {
        FieldKind::Bool => view! {
            <input type="checkbox" data-testid=testid aria-describedby=described.clone() prop:checked=move || value.get() == "true" disabled=disabled
                on:change=move |ev| update(event_target_checked(&ev).to_string())/>
        }
        .into_any(),
        FieldKind::Select(options) => view! {
            <select data-testid=testid aria-describedby=described.clone() prop:value=value disabled=disabled on:change=move |ev| update(event_target_value(&ev))>
                {(!spec.required).then(|| view! { <option value="">"—"</option> })}
                {options.iter().map(|o| view! { <option value=*o>{*o}</option> }).collect_view()}
            </select>
        }
        .into_any(),
        FieldKind::Json | FieldKind::Multiline => view! {
            <textarea data-testid=testid aria-describedby=described.clone() prop:value=value disabled=disabled on:input=move |ev| update(event_target_value(&ev))></textarea>
        }
        .into_any(),
        kind => {
            let input_type = match kind {
                FieldKind::Password => "password",
                FieldKind::Number => "number",
                FieldKind::Url => "url",
                _ => "text",
            };
            let autocomplete = if kind == FieldKind::Password { "new-password" } else { "off" };
            view! {
                <input type=input_type data-testid=testid aria-describedby=described.clone() prop:value=value disabled=disabled autocomplete=autocomplete
                    on:input=move |ev| update(event_target_value(&ev))/>
            }
            .into_any()
        }
    };
    let label = format!("{}{}", spec.label, if spec.required { " *" } else { "" });
    view! {
        <label>{label} {input}</label>
        {help.map(|h| view! { <p class="help" id=help_id>{h}</p> })}
        <FieldErrorText field=key errors=errors/>
    }
}

/// The error of one field, if any.
#[component]
pub fn FieldErrorText(
    /// The field's key.
    field: &'static str,
    /// All problems.
    #[prop(into)]
    errors: Signal<Vec<FieldError>>,
) -> impl IntoView {
    move || {
        errors.get().into_iter().find(|e| e.field == field).map(|e| {
            view! { <p class="field-error" role="alert" data-testid=format!("error-{field}")>{e.message}</p> }
        })
    }
}
