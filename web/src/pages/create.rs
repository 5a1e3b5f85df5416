//! Creating a connector: `/s/:space/connectors/new`.

use kibana_connectors::{ConnectorType, CreateConnector};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::components::{ConnectorFields, ErrorView, TrialPanel};
use crate::data::use_connector_types;
use crate::forms::connection::FieldError;
use crate::forms::connector_draft::ConnectorDraft;
use crate::routes::{self, ConnectorTab};
use crate::state::{use_app_state, use_space};

/// Why a type cannot be used now, in plain words.
fn disabled_reason(t: &ConnectorType) -> Option<String> {
    if t.enabled {
        None
    } else if !t.enabled_in_license {
        Some(format!("needs a {} license", t.minimum_license_required))
    } else {
        Some("disabled in kibana.yml (xpack.actions.enabledActionTypes)".into())
    }
}

/// Type picker, then the form for the chosen type; Save creates the connector in the space.
#[component]
pub fn CreatePage() -> impl IntoView {
    let state = use_app_state();
    let space = use_space();
    let types = use_connector_types();
    let filter = RwSignal::new(String::new());
    // One draft for the page's lifetime; the form re-renders only when the type changes, so
    // typing never rebuilds the inputs.
    let draft = RwSignal::new(ConnectorDraft::default());
    let chosen = Memo::new(move |_| draft.with(|d| d.type_id.clone()));
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let then_test = RwSignal::new(false);
    let navigate = use_navigate();
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

    let create = Action::new_local(move |body: &CreateConnector| {
        let body = body.clone();
        let space = space.get_untracked();
        let client = state.scoped(&space);
        async move {
            let created = client?.actions().create(&body).await?;
            Ok::<_, kibana_connectors::Error>((space, created.id))
        }
    });
    let saving = create.pending();
    // Saved: leave for the list, or the new connector's test tab. A failure keeps the form as
    // typed; Kibana's message says what to fix.
    Effect::new(move |_| {
        if let Some(Ok((space, id))) = create.value().get() {
            state.unsaved.set(false);
            let to = if then_test.get_untracked() {
                routes::connector_tab(&space, &id, ConnectorTab::Test)
            } else {
                routes::connectors(&space)
            };
            navigate(&to, Default::default());
        }
    });
    let failure = move || {
        (!saving.get())
            .then(|| create.value().get().and_then(Result::err))
            .flatten()
    };

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match draft.with_untracked(|d| d.to_create()) {
            Ok(body) => {
                errors.set(Vec::new());
                create.dispatch(body);
            }
            Err(e) => errors.set(e),
        }
    };

    let picker = move || match types.get() {
        None => view! { <p class="loading">"Loading connector types…"</p> }.into_any(),
        Some(Err(e)) => view! { <ErrorView error=e/> }.into_any(),
        Some(Ok(list)) => {
            let needle = filter.get().to_lowercase();
            let items = list
                .into_iter()
                .filter(|t| {
                    needle.is_empty()
                        || t.name.to_lowercase().contains(&needle)
                        || t.id.contains(&needle)
                })
                .map(|t| {
                    let reason = disabled_reason(&t);
                    let id = t.id.clone();
                    let pick = move |_| draft.set(ConnectorDraft::new(&id));
                    view! {
                        <li>
                            <button type="button" class="type" data-testid=format!("type-{}", t.id)
                                disabled=reason.is_some() on:click=pick>
                                {t.name.clone()} " " <code>{t.id.clone()}</code>
                            </button>
                            {reason.map(|r| view! { <span class="muted">" — " {r}</span> })}
                        </li>
                    }
                })
                .collect_view();
            view! { <ul class="type-list" data-testid="type-list">{items}</ul> }.into_any()
        }
    };

    view! {
        <Show when=move || state.client.get().is_some() fallback=super::to_connect>
            <section class="panel narrow">
                <h1>"Create connector"</h1>
                <p><a href=move || routes::connectors(&space.get())>"Back to connectors"</a></p>
                {move || match chosen.get() {
                    t if t.is_empty() => view! {
                        <label>"Connector type" <input type="search" placeholder="Search types" data-testid="type-search" bind:value=filter/></label>
                        {picker}
                    }
                    .into_any(),
                    type_id => {
                        // The type by its name, as Kibana's flyout heads its form; the id beside.
                        // Untracked: a reload of the types must not rebuild the form being typed in.
                        let name = types
                            .get_untracked()
                            .and_then(Result::ok)
                            .and_then(|list| list.into_iter().find(|t| t.id == type_id).map(|t| t.name))
                            .unwrap_or_else(|| type_id.clone());
                        view! {
                        <h2 class="chosen-type"><span data-testid="chosen-type-name">{name}</span> " "
                            <code class="muted" data-testid="chosen-type">{type_id}</code> " "
                            <button type="button" class="link" on:click=move |_| draft.set(ConnectorDraft::default())>"Change"</button></h2>
                        <form on:submit=save data-testid="connector-form">
                            <ConnectorFields draft=draft errors=errors/>
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
