//! Every connector in every space of every connected deployment: `/all/connectors`.

use kibana_connectors::Progress;
use leptos::prelude::*;

use crate::components::{ConnectorList, ErrorView, ProgressBar};
use crate::data::use_type_names_and_info;
use crate::forms::table_query::Row;
use crate::state::use_app_state;

/// A space (or a whole deployment) that could not be read.
#[derive(Debug, Clone, PartialEq)]
struct SpaceFailure {
    deployment: String,
    space_id: String,
    message: String,
}

/// What the inventory found: every readable space's rows, and the spaces that failed.
#[derive(Debug, Clone)]
struct Found {
    rows: Vec<Row>,
    failures: Vec<SpaceFailure>,
}

/// The cross-space inventory of every connected deployment, one after the other, a few spaces
/// at a time with progress.
#[component]
pub fn InventoryPage() -> impl IntoView {
    let state = use_app_state();
    let progress = RwSignal::new(None::<Progress>);
    let (type_names, type_info) = use_type_names_and_info();
    let inventory =
        LocalResource::new(move || {
            let deployments: Vec<(String, kibana_connectors::Kibana)> =
                state.deployments.with(|list| {
                    list.iter()
                        .map(|d| (d.name.clone(), d.client.clone()))
                        .collect()
                });
            async move {
                let mut rows = Vec::new();
                let mut failures = Vec::new();
                for (name, client) in deployments {
                    let report = |p: Progress| progress.set(Some(p));
                    let inv = match client.bulk().inventory(&report).await {
                        Ok(inv) => inv,
                        Err(e) => {
                            failures.push(SpaceFailure {
                                deployment: name.clone(),
                                space_id: String::new(),
                                message: e.to_string(),
                            });
                            continue;
                        }
                    };
                    failures.extend(inv.failures().map(|(s, e)| SpaceFailure {
                        deployment: name.clone(),
                        space_id: s.id.clone(),
                        message: e.to_string(),
                    }));
                    rows.extend(inv.spaces.into_iter().flat_map(|s| {
                        Row::all_in(&name, &s.space.id, s.outcome.unwrap_or_default())
                    }));
                }
                progress.set(None);
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
                                <div data-testid="space-failure" data-space=f.space_id.clone() data-deployment=f.deployment.clone()>
                                    <ErrorView message=if f.space_id.is_empty() {
                                        format!("Deployment {}: {}", f.deployment, f.message)
                                    } else {
                                        format!("Deployment {}, space {}: {}", f.deployment, f.space_id, f.message)
                                    }/>
                                </div>
                            }).collect_view()}
                        </div>
                    })
                }}
                <ConnectorList rows=rows type_names=type_names type_info=type_info show_space=true show_deployment=true on_changed=Callback::new(move |()| inventory.refetch())/>
            </section>
        </Show>
    }
}
