//! Creating a connector: `/s/:space/connectors/new`.

use kibana_connectors::CreateConnector;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::components::{
    Availability, ConnectorFields, ErrorView, IdField, TrialPanel, TypePicker,
};
use crate::data::use_connector_types;
use crate::forms::connection::FieldError;
use crate::forms::connector_draft::ConnectorDraft;
use crate::forms::connector_id::IdChoice;
use crate::forms::toasts::{Tone, Undo};
use crate::forms::type_catalog::{TypeInfo, monogram};
use crate::routes::{self, ConnectorTab};
use crate::state::{use_app_state, use_deployment, use_space};

/// Type picker, then the form for the chosen type (`?type=.index`, so a type's form can be
/// linked and Back returns to the picker); Save creates the connector in the space.
#[component]
pub fn CreatePage() -> impl IntoView {
    let state = use_app_state();
    let space = use_space();
    let dep = use_deployment();
    let types = use_connector_types();
    // One draft for the page's lifetime; the form re-renders only when the type changes, so
    // typing never rebuilds the inputs.
    let draft = RwSignal::new(ConnectorDraft::default());
    let query = use_query_map();
    // The URL says which type's form shows. Another type starts a new draft; back on the
    // picker the draft stays, so choosing its type again finds it as typed.
    let chosen = Memo::new(move |_| query.with(|q| q.get("type")).unwrap_or_default());
    let id_choice = RwSignal::new(IdChoice::default());
    let id_checked = RwSignal::new(None::<(String, Availability)>);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let then_test = RwSignal::new(false);
    let navigate = use_navigate();
    let go = navigate.clone();
    let choose = Callback::new(move |type_id: String| {
        let space = space.get_untracked();
        go(
            &routes::new_connector_of_type(&dep.get_untracked(), &space, &type_id),
            Default::default(),
        );
    });
    // Leaving with a half-filled form asks first (see the app's guard).
    Effect::new(move |_| {
        let changed =
            draft.with(|d| !d.type_id.is_empty() && *d != ConnectorDraft::new(&d.type_id));
        state.unsaved.set(changed);
    });
    on_cleanup(move || state.unsaved.set(false));
    // Trials interrupted by a closed page left temporary connectors: remove them (best effort,
    // nothing to show).
    let sweep = Action::new_local(move |space: &String| {
        let client = state.scoped(space);
        async move {
            if let Ok(kb) = client {
                let _ = kb.actions().sweep_trials().await;
            }
        }
    });
    sweep.dispatch(space.get_untracked());

    let create = Action::new_local(move |(body, id): &(CreateConnector, Option<String>)| {
        let (body, id) = (body.clone(), id.clone());
        let space = space.get_untracked();
        let client = state.scoped(&space);
        async move {
            let kb = client?;
            let created = match id {
                Some(id) => kb.actions().create_with_id(&id, &body).await?,
                None => kb.actions().create(&body).await?,
            };
            Ok::<_, kibana_connectors::Error>((space, created.id, created.name))
        }
    });
    let saving = create.pending();
    // Saved: leave for the list, or the new connector's test tab. A failure keeps the form as
    // typed; Kibana's message says what to fix.
    Effect::new(move |_| {
        if let Some(Ok((space, id, name))) = create.value().get() {
            state.unsaved.set(false);
            state.notify(
                format!("Created {name} ({id}) in space {space}."),
                Tone::Ok,
                Some(Undo::DeleteCreated {
                    space: space.clone(),
                    id: id.clone(),
                }),
            );
            let to = if then_test.get_untracked() {
                routes::connector_tab(&dep.get_untracked(), &space, &id, ConnectorTab::Test)
            } else {
                routes::connectors(&dep.get_untracked(), &space)
            };
            navigate(&to, Default::default());
        }
    });
    // A taken id (Kibana's 409) is the id field's problem, shown there.
    Effect::new(move |_| {
        if let Some(Err(e @ kibana_connectors::Error::Conflict(_))) = create.value().get() {
            errors.update(|l| {
                l.push(FieldError {
                    field: "id",
                    message: format!("Kibana refused this id: {e}"),
                })
            });
        }
    });
    let failure = move || {
        (!saving.get())
            .then(|| create.value().get().and_then(Result::err))
            .flatten()
    };

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = draft.with_untracked(|d| d.to_create());
        let id = id_choice.with_untracked(|c| c.chosen().map(|id| id.map(str::to_string)));
        let taken = id_checked.with_untracked(|checked| match (checked, &id) {
            (Some((checked_id, Availability::Taken(space))), Ok(Some(id))) if checked_id == id => {
                Some(format!("A connector in space {space} already has this id."))
            }
            _ => None,
        });
        let mut problems = body.as_ref().err().cloned().unwrap_or_default();
        if let Some(message) = id.as_ref().err().cloned().or(taken) {
            problems.push(FieldError {
                field: "id",
                message,
            });
        }
        match (body, id) {
            (Ok(body), Ok(id)) if problems.is_empty() => {
                errors.set(Vec::new());
                create.dispatch((body, id));
            }
            _ => errors.set(problems),
        }
    };

    let picker = move || match types.get() {
        None => view! { <p class="loading">"Loading connector types…"</p> }.into_any(),
        Some(Err(e)) => view! { <ErrorView error=e/> }.into_any(),
        Some(Ok(list)) => view! { <TypePicker types=list on_pick=choose/> }.into_any(),
    };

    view! {
        <Show when=move || state.client.get().is_some() fallback=super::to_connect>
            <section class="panel" class:narrow=move || !chosen.get().is_empty()>
                <h1>"Create connector"</h1>
                <p><a href=move || routes::connectors(&dep.get(), &space.get())>"Back to connectors"</a></p>
                {move || match chosen.get() {
                    t if t.is_empty() => view! { {picker} }.into_any(),
                    type_id => {
                        // The draft follows the URL before the form is built from it (an
                        // effect would run after, leaving the form of the previous type).
                        if draft.with_untracked(|d| d.type_id != type_id) {
                            draft.set(ConnectorDraft::new(&type_id));
                            id_choice.set(IdChoice::default());
                        }
                        // The type by its name, as Kibana's flyout heads its form; the id beside.
                        // Untracked: a reload of the types must not rebuild the form being typed in.
                        let info = types
                            .get_untracked()
                            .and_then(Result::ok)
                            .and_then(|list| list.iter().find(|t| t.id == type_id).map(TypeInfo::of));
                        let name = info.as_ref().map_or_else(|| type_id.clone(), |t| t.name.clone());
                        let deprecated = info.as_ref().is_some_and(|t| t.deprecated);
                        let preview = info.as_ref().is_some_and(|t| t.preview);
                        view! {
                        <h2 class="chosen-type"><span class="monogram" aria-hidden="true">{monogram(&name)}</span> " "
                            <span data-testid="chosen-type-name">{name}</span> " "
                            <code class="muted" data-testid="chosen-type">{type_id}</code> " "
                            {deprecated.then(|| view! { <span class="badge warn" data-testid="badge-deprecated">"Deprecated"</span> })}
                            {preview.then(|| view! { <span class="badge" data-testid="badge-preview">"Technical preview"</span> })}
                            <a class="small" data-testid="change-type" href=move || routes::new_connector(&dep.get(), &space.get())>"Change type"</a></h2>
                        <form on:submit=save data-testid="connector-form">
                            <ConnectorFields draft=draft errors=errors>
                                <IdField choice=id_choice name=Signal::derive(move || draft.with(|d| d.name.clone()))
                                    checked=id_checked errors=errors/>
                            </ConnectorFields>
                            <div class="actions">
                                <button type="submit" data-testid="save" disabled=move || saving.get()
                                    on:click=move |_| then_test.set(false)>
                                    {move || if saving.get() { "Saving…" } else { "Save" }}
                                </button>
                                <button type="submit" class="secondary" data-testid="save-and-test" disabled=move || saving.get()
                                    on:click=move |_| then_test.set(true)>"Save & test"</button>
                            </div>
                        </form>
                        <TrialPanel draft=draft form_errors=errors/>
                        }
                        .into_any()
                    }
                }}
                {move || failure().map(|e| view! { <ErrorView error=e/> })}
            </section>
        </Show>
    }
}
