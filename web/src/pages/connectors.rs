//! The connectors of one space: `/s/:space/connectors`.

use std::collections::{HashMap, HashSet};

use kibana_connectors::Connector;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_navigate;

use super::use_connector_types;
use crate::components::{ConnectorTable, ErrorView, SpaceSwitcher};
use crate::forms::bulk::{ItemOutcome, delete_question, summary};
use crate::forms::table_query::{PAGE_SIZE, TableQuery, TableView};
use crate::state::{use_app_state, use_space};

/// Lists a space's connectors: search, type filter, sorting, paging, single and bulk delete.
#[component]
pub fn ConnectorsPage() -> impl IntoView {
    let state = use_app_state();
    let space = use_space();
    let navigate = use_navigate();
    let query = RwSignal::new(TableQuery::default());
    let selected = RwSignal::new(HashSet::<String>::new());
    let outcomes = RwSignal::new(Vec::<ItemOutcome>::new());
    let progress = RwSignal::new(None::<(usize, usize)>);
    let failure = RwSignal::new(None::<kibana_connectors::Error>);

    let connectors = LocalResource::new(move || {
        let client = state.client.get();
        let space = space.get();
        async move {
            let kb = client.ok_or_else(|| "not connected".to_string())?;
            let scoped = kb.space(&space).map_err(|e| e.to_string())?;
            scoped.actions().get_all().await.map_err(|e| e.to_string())
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
    // Only one page of rows is cloned per change, so typing stays fast with 10,000 connectors.
    let table = Memo::new(move |_| {
        connectors.with(|loaded| {
            loaded.as_ref().map(|result| {
                result
                    .as_ref()
                    .map_err(Clone::clone)
                    .map(|all| query.with(|q| type_names.with(|names| q.apply(all, names))))
            })
        })
    });
    // A new space starts with a clean slate.
    Effect::new(move |_| {
        space.track();
        selected.set(HashSet::new());
        outcomes.set(Vec::new());
        query.update(|q| q.page = 0);
    });

    let on_space = Callback::new(move |id: String| {
        navigate(&format!("/s/{id}/connectors"), Default::default())
    });
    let delete_many = move |list: Vec<Connector>| {
        if list.is_empty()
            || !window()
                .confirm_with_message(&delete_question(&list))
                .unwrap_or(false)
        {
            return;
        }
        let Some(kb) = state.client.get_untracked() else {
            return;
        };
        let space = space.get_untracked();
        failure.set(None);
        outcomes.set(Vec::new());
        spawn_local(async move {
            let total = list.len();
            let mut done = Vec::with_capacity(total);
            for (n, c) in list.into_iter().enumerate() {
                progress.set(Some((n + 1, total)));
                // One at a time: Kibana has no bulk delete, and a failure must not stop the rest.
                let result = match kb.space(&space) {
                    Ok(scoped) => scoped.actions().delete(&c.id).await,
                    Err(e) => Err(e),
                };
                if result.is_ok() {
                    selected.update(|s| {
                        s.remove(&c.id);
                    });
                }
                done.push(ItemOutcome {
                    id: c.id,
                    name: c.name,
                    error: result.err().map(|e| e.to_string()),
                });
            }
            progress.set(None);
            outcomes.set(done);
            connectors.refetch();
        });
    };
    let on_delete = Callback::new(move |c: Connector| delete_many(vec![c]));
    let delete_selected = move |_| {
        let chosen = selected.get_untracked();
        let list = connectors
            .with_untracked(|l| {
                l.as_ref().and_then(|r| r.as_ref().ok()).map(|all| {
                    all.iter()
                        .filter(|c| chosen.contains(&c.id))
                        .cloned()
                        .collect::<Vec<_>>()
                })
            })
            .unwrap_or_default();
        delete_many(list);
    };

    view! {
        <Show when=move || state.client.get().is_some() fallback=|| view! { <Redirect path="/connect"/> }>
            <section class="panel">
                <div class="toolbar">
                    <h1>"Connectors"</h1>
                    <SpaceSwitcher spaces=Signal::derive(move || spaces.get().unwrap_or_default()) current=space on_change=on_space/>
                    <a class="button" data-testid="create" href=move || format!("/s/{}/connectors/new", space.get())>"Create connector"</a>
                </div>
                <div class="toolbar filters">
                    <label>"Search"
                        <input type="search" placeholder="Name, type or id" data-testid="search"
                            prop:value=move || query.with(|q| q.search.clone())
                            on:input=move |ev| query.update(|q| { q.search = event_target_value(&ev); q.page = 0; })/>
                    </label>
                    <TypeFilter query=query table=table/>
                    <button type="button" class="danger" data-testid="delete-selected"
                        disabled=move || selected.with(HashSet::is_empty) || progress.get().is_some()
                        on:click=delete_selected>
                        {move || format!("Delete selected ({})", selected.with(HashSet::len))}
                    </button>
                </div>
                {move || progress.get().map(|(n, total)| view! {
                    <p class="progress" role="status" data-testid="progress">
                        {format!("Deleting {n} of {total}…")} <progress max=total value=n></progress>
                    </p>
                })}
                <BulkResults outcomes=outcomes/>
                {move || failure.get().map(|e| view! { <ErrorView error=e/> })}
                {move || match table.get() {
                    None => view! { <p class="loading" role="status" data-testid="loading">"Loading connectors…"</p> }.into_any(),
                    Some(Err(e)) => view! { <ErrorView message=e/> }.into_any(),
                    Some(Ok(v)) if v.matching == 0 => {
                        let searching = query.with(|q| !q.search.is_empty() || !q.type_filter.is_empty());
                        let text = if searching { "No connectors match." } else { "No connectors in this space yet." };
                        view! { <p class="empty" data-testid="empty">{text}</p> }.into_any()
                    }
                    Some(Ok(v)) => view! {
                        <ConnectorTable rows=v.rows.clone() type_names=type_names.get_untracked() space=space.get_untracked()
                            query=query selected=selected on_delete=on_delete/>
                        <Pager view=v query=query/>
                    }
                    .into_any(),
                }}
            </section>
        </Show>
    }
}

/// The type filter, with how many search matches each type has.
#[component]
fn TypeFilter(
    query: RwSignal<TableQuery>,
    table: Memo<Option<Result<TableView, String>>>,
) -> impl IntoView {
    let counts = move || {
        table.with(|t| match t {
            Some(Ok(v)) => v.type_counts.clone(),
            _ => Vec::new(),
        })
    };
    view! {
        <label>"Type"
            <select data-testid="type-filter" prop:value=move || query.with(|q| q.type_filter.clone())
                on:change=move |ev| query.update(|q| { q.type_filter = event_target_value(&ev); q.page = 0; })>
                <option value="">{move || format!("All types ({})", counts().iter().map(|t| t.count).sum::<usize>())}</option>
                {move || {
                    let current = query.with(|q| q.type_filter.clone());
                    counts().into_iter().map(|t| {
                        let selected = t.id == current;
                        view! { <option value=t.id.clone() selected=selected>{format!("{} ({})", t.name, t.count)}</option> }
                    }).collect_view()
                }}
            </select>
        </label>
    }
}

/// Previous/next page and where we are.
#[component]
fn Pager(view: TableView, query: RwSignal<TableQuery>) -> impl IntoView {
    let label = view.range_label(PAGE_SIZE);
    let (page, pages) = (view.page, view.pages);
    view! {
        <nav class="pager" aria-label="Pages">
            <button type="button" data-testid="prev-page" disabled={page == 0}
                on:click=move |_| query.update(|q| q.page = page.saturating_sub(1))>"Previous"</button>
            <span data-testid="page-label">{label} {format!(" · page {} of {pages}", page + 1)}</span>
            <button type="button" data-testid="next-page" disabled={page + 1 >= pages}
                on:click=move |_| query.update(|q| q.page = page + 1)>"Next"</button>
        </nav>
    }
}

/// Per-item results of the last delete: every failure stays visible with Kibana's message.
#[component]
fn BulkResults(outcomes: RwSignal<Vec<ItemOutcome>>) -> impl IntoView {
    move || {
        let list = outcomes.get();
        (!list.is_empty()).then(|| {
            let failed = list.iter().any(|o| o.error.is_some());
            view! {
                <div class=if failed { "results error" } else { "results" } role="status" data-testid="bulk-results">
                    <p><strong>{summary("Deleted", &list)}</strong> " "
                        <button type="button" class="link" on:click=move |_| outcomes.set(Vec::new())>"Dismiss"</button></p>
                    <ul>
                        {list.into_iter().map(|o| {
                            let (data_id, data_ok) = (o.id.clone(), o.error.is_none().to_string());
                            view! {
                                <li data-testid="bulk-result" data-id=data_id data-ok=data_ok>
                                    {o.name} " (" <code>{o.id}</code> "): "
                                    {o.error.unwrap_or_else(|| "deleted".into())}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
