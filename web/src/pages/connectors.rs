//! The connectors of one space: `/s/:space/connectors`.

use std::collections::HashMap;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::connector_list::ConnectorList;
use super::use_connector_types;
use crate::components::SpaceSwitcher;
use crate::forms::table_query::Row;
use crate::state::{use_app_state, use_space};

/// Lists a space's connectors, with a space switcher; the list does the rest.
#[component]
pub fn ConnectorsPage() -> impl IntoView {
    let state = use_app_state();
    let space = use_space();
    let navigate = use_navigate();

    let connectors = LocalResource::new(move || {
        let client = state.client.get();
        let space = space.get();
        async move {
            let kb = client.ok_or_else(|| "not connected".to_string())?;
            let scoped = kb.space(&space).map_err(|e| e.to_string())?;
            let list = scoped
                .actions()
                .get_all()
                .await
                .map_err(|e| e.to_string())?;
            Ok(Row::all_in(&space, list))
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
    let spaces = LocalResource::new(move || {
        let client = state.client.get();
        async move {
            match client {
                Some(kb) => kb.spaces().get_all().await.unwrap_or_default(),
                None => Vec::new(),
            }
        }
    });
    let on_space = Callback::new(move |id: String| {
        navigate(&format!("/s/{id}/connectors"), Default::default())
    });

    view! {
        <Show when=move || state.client.get().is_some() fallback=super::to_connect>
            <section class="panel">
                <div class="toolbar">
                    <h1>"Connectors"</h1>
                    <SpaceSwitcher spaces=Signal::derive(move || spaces.get().unwrap_or_default()) current=space on_change=on_space/>
                    <a href="/all/connectors" data-testid="all-spaces">"All spaces"</a>
                    <a href="/transfer" data-testid="transfer">"Export / import"</a>
                    <a class="button" data-testid="create" href=move || format!("/s/{}/connectors/new", space.get())>"Create connector"</a>
                </div>
                // A new space gets a fresh list (selection, filters, results).
                {move || {
                    space.track();
                    view! {
                        <ConnectorList rows=Signal::derive(move || connectors.get()) type_names=type_names
                            show_space=false on_changed=Callback::new(move |()| connectors.refetch())/>
                    }
                }}
            </section>
        </Show>
    }
}
