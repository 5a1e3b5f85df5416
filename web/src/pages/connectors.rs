//! The connectors of one space: `/s/:space/connectors`.

use kibana_connectors::Connector;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_navigate;

use crate::components::{ConnectorTable, ErrorView, SpaceSwitcher};
use crate::state::{use_app_state, use_space};

/// Lists a space's connectors, with search and a space switcher.
#[component]
pub fn ConnectorsPage() -> impl IntoView {
    let state = use_app_state();
    let space = use_space();
    let search = RwSignal::new(String::new());
    let navigate = use_navigate();

    let connectors = LocalResource::new(move || {
        let client = state.client.get();
        let space = space.get();
        async move {
            let kb = client.ok_or_else(|| "not connected".to_string())?;
            let scoped = kb.space(&space).map_err(|e| e.to_string())?;
            scoped.actions().get_all().await.map_err(|e| e.to_string())
        }
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
    let filtered = move |all: Vec<Connector>| {
        let needle = search.get().to_lowercase();
        all.into_iter()
            .filter(|c| {
                needle.is_empty()
                    || [&c.name, &c.connector_type_id, &c.id]
                        .iter()
                        .any(|f| f.to_lowercase().contains(&needle))
            })
            .collect::<Vec<_>>()
    };
    let on_space = Callback::new(move |id: String| {
        navigate(&format!("/s/{id}/connectors"), Default::default())
    });
    let failure = RwSignal::new(None::<kibana_connectors::Error>);
    let on_delete = Callback::new(move |c: Connector| {
        let in_use = c.referenced_by_count.unwrap_or(0);
        let warning = if in_use > 0 {
            format!("\n\nIt is in use by {in_use} rules or cases, which will stop working.")
        } else {
            String::new()
        };
        let question = format!("Delete the connector \"{}\" ({})?{warning}", c.name, c.id);
        if !window().confirm_with_message(&question).unwrap_or(false) {
            return;
        }
        let Some(kb) = state.client.get_untracked() else {
            return;
        };
        let space = space.get_untracked();
        leptos::task::spawn_local(async move {
            let result = match kb.space(&space) {
                Ok(scoped) => scoped.actions().delete(&c.id).await,
                Err(e) => Err(e),
            };
            match result {
                Ok(()) => {
                    failure.set(None);
                    connectors.refetch();
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    });

    view! {
        <Show when=move || state.client.get().is_some() fallback=|| view! { <Redirect path="/connect"/> }>
            <section class="panel">
                <div class="toolbar">
                    <h1>"Connectors"</h1>
                    <SpaceSwitcher spaces=Signal::derive(move || spaces.get().unwrap_or_default()) current=space on_change=on_space/>
                    <input type="search" placeholder="Search name, type or id" data-testid="search" bind:value=search/>
                    <a class="button" data-testid="create" href=move || format!("/s/{}/connectors/new", space.get())>"Create connector"</a>
                </div>
                {move || failure.get().map(|e| view! { <ErrorView error=e/> })}
                {move || match connectors.get() {
                    None => view! { <p class="loading" data-testid="loading">"Loading connectors…"</p> }.into_any(),
                    Some(Err(e)) => view! { <ErrorView message=e/> }.into_any(),
                    Some(Ok(all)) => view! { <ConnectorTable connectors=filtered(all) on_delete=on_delete/> }.into_any(),
                }}
            </section>
        </Show>
    }
}
