//! Editing a connector: the same form as creating, secrets re-entered, changes guarded.

use kibana_connectors::{Connector, UpdateConnector};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::{ConnectorFields, ErrorView};
use crate::forms::connection::FieldError;
use crate::forms::connector_draft::ConnectorDraft;
use crate::forms::field_specs::fields_for;
use crate::forms::toasts::Tone;
use crate::state::{use_app_state, use_space};

/// The configuration form of an existing connector (read-only when preconfigured).
#[component]
pub fn EditForm(
    /// The connector as Kibana returned it.
    connector: Connector,
    /// Called after a successful save.
    on_saved: Callback<()>,
    /// The page's "Saved." notice, hidden again on the next edit.
    saved: RwSignal<bool>,
) -> impl IntoView {
    let state = use_app_state();
    let space = use_space();
    let initial = ConnectorDraft::from_connector(&connector);
    let draft = RwSignal::new(initial.clone());
    let initial = StoredValue::new(initial);
    let dirty = Memo::new(move |_| draft.with(|d| initial.with_value(|i| d != i)));
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let read_only = connector.is_preconfigured;
    let has_secrets =
        fields_for(&connector.connector_type_id).is_none_or(|specs| specs.iter().any(|s| s.secret));
    let id = connector.id.clone();

    // "Fix" in the table (`?fix=secrets`) opens the form at its first secret field.
    let query = leptos_router::hooks::use_query_map();
    Effect::new(move |_| {
        if query.with(|q| q.get("fix").as_deref() == Some("secrets")) {
            // Once the fields (each behind its `Show`) are in the page, which they are not yet
            // when this effect first runs: a few frames at most.
            focus_first_secret(10);
        }
    });

    // The app-wide guard asks before leaving while there are unsaved changes.
    Effect::new(move |_| {
        let changed = dirty.get();
        state.unsaved.set(changed);
        if changed {
            saved.set(false);
        }
    });
    on_cleanup(move || state.unsaved.set(false));

    let update = Action::new_local(move |body: &UpdateConnector| {
        let (body, id) = (body.clone(), id.clone());
        let client = state.scoped(&space.get_untracked());
        async move { client?.actions().update(&id, &body).await }
    });
    let saving = update.pending();
    Effect::new(move |_| {
        if let Some(Ok(saved)) = update.value().get() {
            state.unsaved.set(false);
            // No undo: Kibana's update replaces the secrets, which it never gives back.
            state.notify(format!("Saved {}.", saved.name), Tone::Ok, None);
            on_saved.run(());
        }
    });
    // The form stays as typed on failure; the error goes when the next save starts.
    let failure = move || {
        (!saving.get())
            .then(|| update.value().get().and_then(Result::err))
            .flatten()
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match draft.with_untracked(ConnectorDraft::to_update) {
            Ok(body) => {
                errors.set(Vec::new());
                update.dispatch(body);
            }
            Err(e) => errors.set(e),
        }
    };

    view! {
        {read_only.then(|| view! {
            <p class="notice" data-testid="read-only">
                "This connector is preconfigured in kibana.yml: it can be run, but not changed or deleted here."
            </p>
        })}
        {(!read_only && has_secrets).then(|| view! {
            <p class="notice" data-testid="secrets-notice">
                "Kibana never sends secrets back. Enter them again to save: saving replaces the whole connector."
            </p>
        })}
        <form on:submit=save data-testid="edit-form" class="narrow">
            <fieldset disabled=read_only>
                <ConnectorFields draft=draft errors=errors editing=true/>
            </fieldset>
            {(!read_only).then(|| view! {
                <div class="actions">
                    <button type="submit" data-testid="save" disabled=move || saving.get() || !dirty.get()>
                        {move || if saving.get() { "Saving…" } else { "Save" }}
                    </button>
                    <button type="button" class="secondary" data-testid="discard" disabled=move || !dirty.get()
                        on:click=move |_| { errors.set(Vec::new()); draft.set(initial.get_value()); }>"Discard changes"</button>
                    {move || dirty.get().then(|| view! { <span class="muted" data-testid="unsaved">"Unsaved changes"</span> })}
                </div>
            })}
        </form>
        {move || failure().map(|e| view! { <ErrorView error=e/> })}
    }
}

/// Focuses the edit form's first secret input, looking again on the next frames while it is
/// not there yet.
fn focus_first_secret(tries: u8) {
    let first = document()
        .query_selector("[data-testid=edit-form] input[type=password]")
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    match first {
        Some(input) => {
            input.scroll_into_view();
            let _ = input.focus();
        }
        None if tries > 0 => request_animation_frame(move || focus_first_secret(tries - 1)),
        None => {}
    }
}
