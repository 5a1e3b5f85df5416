//! Every connector in every space: `/all/connectors`.

use kibana_connectors::Progress;
use leptos::prelude::*;

use crate::components::{ConnectorList, ErrorView, ProgressBar};
use crate::data::use_type_names_and_info;
use crate::forms::table_query::Row;
use crate::state::use_app_state;

/// A space that could not be read.
#[derive(Debug, Clone, PartialEq)]
struct SpaceFailure {
    space_id: String,
    message: String,
}

/// What the inventory found: every readable space's rows, and the spaces that failed.
#[derive(Debug, Clone)]
struct Found {
    rows: Vec<Row>,
    failures: Vec<SpaceFailure>,
}

/// The cross-space inventory, loaded a few spaces at a time with progress.
#[component]
pub fn InventoryPage() -> impl IntoView {
    let state = use_app_state();
    let progress = RwSignal::new(None::<Progress>);
    let (type_names, type_info) = use_type_names_and_info();
    let inventory = LocalResource::new(move || {
        let client = state.connected();
        async move {
            let report = |p: Progress| progress.set(Some(p));
            let found = client?.bulk().inventory(&report).await;
            progress.set(None);
            let inv = found?;
            let failures = inv
                .failures()
                .map(|(s, e)| SpaceFailure {
                    space_id: s.id.clone(),
                    message: e.to_string(),
                })
                .collect();
            let rows = inv
                .spaces
                .into_iter()
                .flat_map(|s| Row::all_in(&s.space.id, s.outcome.unwrap_or_default()))
                .collect();
            Ok::<_, kibana_connectors::Error>(Found { rows, failures })
        }
    });
    let rows = Signal::derive(move || inventory.get().map(|r| r.map(|found| found.rows)));
    let failures = move || {
        inventory.with(|r| {
            r.as_ref()
                .and_then(|r| r.as_ref().ok())
                .map(|found| found.failures.clone())
                .unwrap_or_default()
        })
    };

    view! {
        <Show when=move || state.client.get().is_some() fallback=super::to_connect>
            <section class="panel">
                <div class="toolbar">
                    <h1>"All spaces"</h1>
                    <button type="button" class="secondary" data-testid="reload" disabled=move || progress.get().is_some()
                        on:click=move |_| inventory.refetch()>"Reload"</button>
                </div>
                {move || progress.get().map(|p| view! { <ProgressBar verb="Reading spaces" progress=p/> })}
                {move || {
                    let list = failures();
                    (!list.is_empty()).then(|| view! {
                        <div data-testid="space-failures">
                            {list.into_iter().map(|f| view! {
                                <div data-testid="space-failure" data-space=f.space_id.clone()>
                                    <ErrorView message=format!("Space {}: {}", f.space_id, f.message)/>
                                </div>
                            }).collect_view()}
                        </div>
                    })
                }}
                <ConnectorList rows=rows type_names=type_names type_info=type_info show_space=true on_changed=Callback::new(move |()| inventory.refetch())/>
            </section>
        </Show>
    }
}
