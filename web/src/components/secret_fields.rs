use leptos::prelude::*;

use super::FieldErrorText;
use crate::forms::connection::FieldError;
use crate::forms::secrets_draft::SecretsDraft;

/// Password fields for each secret key of a type, or a raw JSON box for other types.
#[component]
pub fn SecretFields(
    /// The draft being edited.
    draft: RwSignal<SecretsDraft>,
    /// Problems (only `secrets`, for raw JSON).
    errors: RwSignal<Vec<FieldError>>,
    /// Prefix for `data-testid`s, so several forms can share a page.
    #[prop(default = "secret")]
    testid: &'static str,
) -> impl IntoView {
    let typed = draft.with_untracked(SecretsDraft::is_typed);
    if !typed {
        return view! {
            <label>"Secrets (JSON)"
                <textarea data-testid=format!("{testid}-raw") prop:value=move || draft.with(|d| d.raw.clone())
                    on:input=move |ev| { errors.set(Vec::new()); draft.update(|d| d.raw = event_target_value(&ev)); }></textarea>
            </label>
            <FieldErrorText field="secrets" errors=errors/>
        }
        .into_any();
    }
    draft
        .with_untracked(|d| d.keys.clone())
        .into_iter()
        .map(|key| {
            view! {
                <label>{key}
                    <input type="password" autocomplete="new-password" data-testid=format!("{testid}-{key}")
                        prop:value=move || draft.with(|d| d.value(key).to_string())
                        on:input=move |ev| draft.update(|d| { d.values.insert(key.to_string(), event_target_value(&ev)); })/>
                </label>
            }
        })
        .collect_view()
        .into_any()
}
