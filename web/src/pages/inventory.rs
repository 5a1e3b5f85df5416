//! Every connector in every space of every connected deployment: `/all/connectors`.

use std::cell::RefCell;

use kibana_connectors::Progress;
use kibana_connectors::bulk::SpaceConnectors;
use leptos::prelude::*;

use crate::components::{ConnectorList, ErrorView, ProgressBar};
use crate::data::use_list_types;
use crate::forms::arriving_rows::ArrivingRows;
use crate::forms::table_query::{Row, Rows};
use crate::state::use_app_state;

/// A space (or a whole deployment) that could not be read.
#[derive(Debug, Clone, PartialEq)]
struct SpaceFailure {
    deployment: String,
    space_id: String,
    message: String,
}

/// The cross-space inventory of every connected deployment, one after the other, a few spaces
/// at a time with progress. Rows show as spaces are read (in growing batches, see
/// [`ArrivingRows`]); the space failures once the whole inventory is read.
#[component]
pub fn InventoryPage() -> impl IntoView {
    let state = use_app_state();
    let progress = RwSignal::new(None::<Progress>);
    let types = use_list_types();
    // The one holder of the shown list, so growing it never copies the rows already there.
    let shown = RwSignal::new(None::<Rows>);
    let complete = RwSignal::new(false);
    // A reload while a read is still going: the older read's late rows are dropped.
    let generation = StoredValue::new(0_u64);
    let inventory = LocalResource::new(move || {
        let deployments: Vec<(String, kibana_connectors::Kibana)> =
            state.deployments.with(|list| {
                list.iter()
                    .map(|d| (d.name.clone(), d.client.clone()))
                    .collect()
            });
        async move {
            generation.update_value(|g| *g += 1);
            let mine = generation.get_value();
            let current = move || generation.get_value() == mine;
            shown.set(None);
            complete.set(false);
            let arriving = RefCell::new(ArrivingRows::default());
            let show = move |batch: Vec<Row>| {
                shown.update(|list| match list {
                    Some(rows) => Rows::make_mut(rows).extend(batch),
                    None => *list = Some(Rows::new(batch)),
                })
            };
            let mut failures = Vec::new();
            for (name, client) in deployments {
                let on_space = |read: &mut SpaceConnectors| {
                    let Ok(list) = read.outcome.as_mut() else {
                        return;
                    };
                    let rows = Row::all_in(&name, &read.space.id, std::mem::take(list));
                    if let Some(batch) = arriving.borrow_mut().push(rows)
                        && current()
                    {
                        show(batch);
                    }
                };
                let report = |p: Progress| {
                    if current() {
                        progress.set(Some(p));
                    }
                };
                match client.bulk().inventory_as_read(&on_space, &report).await {
                    Ok(inv) => failures.extend(inv.failures().map(|(s, e)| SpaceFailure {
                        deployment: name.clone(),
                        space_id: s.id.clone(),
                        message: e.to_string(),
                    })),
                    Err(e) => failures.push(SpaceFailure {
                        deployment: name.clone(),
                        space_id: String::new(),
                        message: e.to_string(),
                    }),
                }
            }
            if current() {
                show(arriving.borrow_mut().finish());
                complete.set(true);
                progress.set(None);
            }
            failures
        }
    });
    let failures = move || inventory.get().unwrap_or_default();

    view! {
        <Show when=move || state.client.get().is_some() fallback=super::to_connect>
            // Busy while spaces are still being read: rows show as they arrive.
            <section class="panel" data-testid="inventory" aria-busy=move || (!complete.get()).to_string()>
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
                <ConnectorList rows=Signal::derive(move || shown.get().map(Ok)) types=types show_space=true show_deployment=true
                    complete=complete on_changed=Callback::new(move |()| inventory.refetch())/>
            </section>
        </Show>
    }
}
