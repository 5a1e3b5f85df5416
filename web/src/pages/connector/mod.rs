//! One connector: `/s/:space/connectors/:id`, with its configuration (`?tab=edit`, the default),
//! a test panel (`?tab=test`) and copy/move to other spaces (`?tab=copy`). Every tab stays
//! mounted, so switching keeps what was typed.

mod copy;
mod edit;
pub(super) mod run;

use std::collections::HashMap;

use kibana_connectors::Connector;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use super::use_connector_types;
use crate::components::{CopyButton, ErrorView};
use crate::forms::bulk::delete_question;
use crate::state::{use_app_state, use_space};
use copy::CopyPanel;
use edit::EditForm;
use run::RunPanel;

/// The connector page: loads the connector of the route's space and id.
#[component]
pub fn ConnectorPage() -> impl IntoView {
    let state = use_app_state();
    let space = use_space();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let query = use_query_map();
    let tab = Memo::new(move |_| query.with(|q| q.get("tab").unwrap_or_else(|| "edit".into())));
    let saved = RwSignal::new(false);
    let connector = LocalResource::new(move || {
        let client = state.client.get();
        let (space, id) = (space.get(), id.get());
        async move {
            let kb = client.ok_or(kibana_connectors::Error::InvalidConfig(
                "not connected".into(),
            ))?;
            kb.space(&space)?.actions().get(&id).await
        }
    });
    let types = use_connector_types();
    let type_names = Memo::new(move |_| {
        types
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|t| (t.id, t.name))
            .collect::<HashMap<_, _>>()
    });
    let on_saved = Callback::new(move |()| {
        saved.set(true);
        connector.refetch();
    });

    view! {
        <Show when=move || state.client.get().is_some() fallback=super::to_connect>
            <section class="panel">
                <p><a data-testid="back" href=move || format!("/s/{}/connectors", space.get())>"← Connectors"</a></p>
                {move || match connector.get() {
                    None => view! { <p class="loading" role="status" data-testid="loading">"Loading the connector…"</p> }.into_any(),
                    Some(Err(e)) => view! { <ErrorView error=e/> }.into_any(),
                    Some(Ok(c)) => {
                        let type_label = type_names.with(|n| n.get(&c.connector_type_id).cloned())
                            .unwrap_or_else(|| c.connector_type_id.clone());
                        view! {
                            <Header connector=c.clone() type_label=type_label/>
                            <nav class="tabs" role="tablist">
                                <TabLink name="edit" label="Configuration" tab=tab id=id/>
                                <TabLink name="test" label="Test" tab=tab id=id/>
                                <TabLink name="copy" label="Copy or move" tab=tab id=id/>
                            </nav>
                            <div role="tabpanel" hidden=move || tab.get() != "edit">
                                {move || saved.get().then(|| view! { <p class="notice" role="status" data-testid="saved">"Saved."</p> })}
                                <EditForm connector=c.clone() on_saved=on_saved saved=saved/>
                            </div>
                            <div role="tabpanel" hidden=move || tab.get() != "test">
                                <RunPanel connector=c.clone()/>
                            </div>
                            <div role="tabpanel" hidden=move || tab.get() != "copy">
                                <CopyPanel connector=c/>
                            </div>
                        }
                        .into_any()
                    }
                }}
            </section>
        </Show>
    }
}

/// One tab of the connector page (a link, so tabs deep-link and work from the keyboard).
#[component]
fn TabLink(
    name: &'static str,
    label: &'static str,
    tab: Memo<String>,
    id: Memo<String>,
) -> impl IntoView {
    let space = use_space();
    view! {
        <a role="tab" data-testid=format!("tab-{name}") aria-selected=move || (tab.get() == name).to_string()
            href=move || format!("/s/{}/connectors/{}?tab={name}", space.get(), id.get())>{label}</a>
    }
}

/// Name, type, id with copy, badges and Delete.
#[component]
fn Header(connector: Connector, type_label: String) -> impl IntoView {
    let state = use_app_state();
    let space = use_space();
    let navigate = StoredValue::new_local(use_navigate());
    let failure = RwSignal::new(None::<kibana_connectors::Error>);
    let in_use = connector.referenced_by_count.unwrap_or(0);
    let target = connector.clone();
    let delete = move |_| {
        if !window()
            .confirm_with_message(&delete_question(std::slice::from_ref(&target)))
            .unwrap_or(false)
        {
            return;
        }
        let Some(kb) = state.client.get_untracked() else {
            return;
        };
        let (space, id) = (space.get_untracked(), target.id.clone());
        spawn_local(async move {
            let result = match kb.space(&space) {
                Ok(scoped) => scoped.actions().delete(&id).await,
                Err(e) => Err(e),
            };
            match result {
                Ok(()) => navigate
                    .with_value(|go| go(&format!("/s/{space}/connectors"), Default::default())),
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    view! {
        <div class="toolbar">
            <h1 data-testid="connector-name">{connector.name.clone()}</h1>
            {(!connector.is_preconfigured).then(|| view! {
                <button type="button" class="danger" data-testid="delete" on:click=delete>"Delete"</button>
            })}
        </div>
        <p class="meta">
            {type_label} " " <code class="muted">{connector.connector_type_id.clone()}</code> " · id "
            <code data-testid="connector-id">{connector.id.clone()}</code> " "
            <CopyButton text=connector.id.clone() label="Copy id" testid="copy-id"/> " "
            {connector.is_preconfigured.then(|| view! { <span class="badge">"preconfigured"</span> })}
            {connector.is_deprecated.then(|| view! { <span class="badge warn">"deprecated"</span> })}
            {(connector.is_missing_secrets == Some(true)).then(|| view! { <span class="badge warn">"missing secrets"</span> })}
            {(in_use > 0).then(|| view! { <span class="badge">{format!("in use by {in_use}")}</span> })}
        </p>
        {move || failure.get().map(|e| view! { <ErrorView error=e/> })}
    }
}
