//! Every connector in every space: `/all/connectors`.

use std::collections::HashMap;

use kibana_connectors::Progress;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::connector_list::ConnectorList;
use super::use_connector_types;
use crate::components::{ErrorView, ProgressBar};
use crate::forms::table_query::Row;
use crate::state::use_app_state;

/// A space that could not be read.
#[derive(Debug, Clone, PartialEq)]
struct SpaceFailure {
    space_id: String,
    message: String,
}

/// The cross-space inventory, loaded a few spaces at a time with progress.
#[component]
pub fn InventoryPage() -> impl IntoView {
    let state = use_app_state();
    let rows = RwSignal::new(None::<Result<Vec<Row>, String>>);
    let failures = RwSignal::new(Vec::<SpaceFailure>::new());
    let progress = RwSignal::new(None::<Progress>);
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
    let load = move || {
        let Some(kb) = state.client.get_untracked() else {
            return;
        };
        rows.set(None);
        spawn_local(async move {
            let report = |p: Progress| progress.set(Some(p));
            match kb.bulk().inventory(&report).await {
                Ok(inv) => {
                    failures.set(
                        inv.failures()
                            .map(|(s, e)| SpaceFailure {
                                space_id: s.id.clone(),
                                message: e.to_string(),
                            })
                            .collect(),
                    );
                    let all = inv
                        .spaces
                        .into_iter()
                        .flat_map(|s| Row::all_in(&s.space.id, s.outcome.unwrap_or_default()))
                        .collect();
                    rows.set(Some(Ok(all)));
                }
                Err(e) => rows.set(Some(Err(e.to_string()))),
            }
            progress.set(None);
        });
    };
    load();

    view! {
        <Show when=move || state.client.get().is_some() fallback=super::to_connect>
            <section class="panel">
                <div class="toolbar">
                    <h1>"All spaces"</h1>
                    <a href="/s/default/connectors">"One space"</a>
                    <button type="button" class="secondary" data-testid="reload" disabled=move || progress.get().is_some()
                        on:click=move |_| load()>"Reload"</button>
                </div>
                {move || progress.get().map(|p| view! { <ProgressBar verb="Reading spaces" progress=p/> })}
                {move || {
                    let list = failures.get();
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
                <ConnectorList rows=rows type_names=type_names show_space=true on_changed=Callback::new(move |()| load())/>
            </section>
        </Show>
    }
}
