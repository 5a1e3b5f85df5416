//! The connectors list shared by one space's page and the cross-space inventory: search, type
//! filter with counts, sorting, paging, selection, and bulk delete and run with progress and
//! per-item results.

use std::collections::{HashMap, HashSet};

use kibana_connectors::bulk::Target;
use kibana_connectors::{Error, Progress};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{
    BulkResults, ConnectorTable, ErrorView, FieldErrorText, Pager, ProgressBar, RulesGuard,
    TypeFilter, rules_impact,
};
use crate::data::ListTypes;
use crate::forms::bulk::{ItemOutcome, by_deployment, delete_question, run_outcome};
use crate::forms::connection::FieldError;
use crate::forms::features::feature_label;
use crate::forms::list_filters;
use crate::forms::rules_impact::{Impact, rules_per_connector};
use crate::forms::table_query::{Row, Rows, TableIndex, TableQuery, row_key};
use crate::forms::toasts::bulk_summary;
use crate::state::use_app_state;

/// The list: `rows` as loaded (None while loading), `on_changed` after deletes.
#[component]
pub fn ConnectorList(
    /// The connectors, once loaded.
    #[prop(into)]
    rows: Signal<Option<Result<Rows, Error>>>,
    /// What the console knows of the types: display names, features (the Compatibility
    /// column and filter), deprecated and technical-preview badges. The table waits until
    /// their load has settled, so it is built once, with the type names.
    types: ListTypes,
    /// Show the Space column and filter (the cross-space view).
    show_space: bool,
    /// Show the Deployment column and filter (the cross-deployment view).
    #[prop(optional)]
    show_deployment: bool,
    /// Whether `rows` is the whole list (false while the inventory still streams spaces in):
    /// the rules that use the connectors are read once it is.
    #[prop(optional, into)]
    complete: Option<Signal<bool>>,
    /// Called after connectors were deleted, to reload.
    on_changed: Callback<()>,
) -> impl IntoView {
    let ListTypes {
        names: type_names,
        info: type_info,
        settled: types_settled,
    } = types;
    let state = use_app_state();
    // The Compatibility filter: only connectors whose type supports this feature.
    let feature = RwSignal::new(String::new());
    let query = RwSignal::new(TableQuery::default());
    let selected = RwSignal::new(HashSet::<String>::new());
    let outcomes = RwSignal::new((String::new(), Vec::<ItemOutcome>::new()));
    let progress = RwSignal::new(None::<(&'static str, Progress)>);
    let run_open = RwSignal::new(false);
    let run_params = RwSignal::new(
        "{\n  \"message\": \"Hello from the Kibana connectors console\"\n}".to_string(),
    );
    let run_errors = RwSignal::new(Vec::<FieldError>::new());

    // The list indexed once per load and sort column; a keystroke then scans the rows'
    // search text in sorted order and clones one page (a frame at 10,000 connectors).
    let sort = Memo::new(move |_| query.with(|q| q.sort));
    let index = Memo::new(move |_| {
        if !types_settled.get() {
            return None;
        }
        let sort = sort.get();
        rows.with(|loaded| match loaded {
            Some(Ok(all)) => Some(type_names.with(|names| TableIndex::new(all, names, sort))),
            _ => None,
        })
    });
    let table = Memo::new(move |_| {
        if !types_settled.get() {
            return None;
        }
        let wanted = feature.get();
        rows.with(|loaded| match loaded.as_ref()? {
            Err(e) => Some(Err(e.clone())),
            // The index memo follows the rows and the sort, so it is this list's, in this order.
            Ok(all) => index.with(|index| {
                let index = index.as_ref()?;
                let view = query.with(|q| {
                    type_names.with(|names| {
                        type_info.with(|info| {
                            q.apply_indexed(all, index, names, |r| {
                                wanted.is_empty()
                                    || info
                                        .get(&r.connector.connector_type_id)
                                        .is_some_and(|t| t.features.contains(&wanted))
                            })
                        })
                    })
                });
                Some(Ok(view))
            }),
        })
    });
    // What the filters offer, and where the rules to count are read (`forms/list_filters.rs`).
    let feature_options = Memo::new(move |_| {
        rows.with(|loaded| match loaded {
            Some(Ok(all)) => type_info.with(|info| list_filters::feature_options(all, info)),
            _ => Vec::new(),
        })
    });
    let spaces = Memo::new(move |_| {
        rows.with(|loaded| match loaded {
            Some(Ok(all)) => list_filters::spaces(all),
            _ => Vec::new(),
        })
    });
    let deployment_spaces = Memo::new(move |_| {
        rows.with(|loaded| match loaded {
            Some(Ok(all)) => list_filters::deployment_spaces(all),
            _ => Vec::new(),
        })
    });
    let deployments = Memo::new(move |_| {
        let mut names: Vec<String> = deployment_spaces
            .get()
            .into_iter()
            .map(|(d, _)| d)
            .collect();
        names.dedup();
        names
    });
    // How many rules use each connector (by row key), from every rule of the listed spaces
    // (one paged read per space and deployment); None while loading or when rules cannot be
    // read, and the table then shows Kibana's `referenced_by_count`.
    let rule_counts = LocalResource::new(move || {
        let pairs = deployment_spaces.get();
        let complete = complete.is_none_or(|c| c.get());
        async move {
            if !complete {
                return None;
            }
            let mut counts = HashMap::new();
            for (deployment, space) in pairs {
                let kb = state.client_of(&deployment).ok()?;
                let query = kibana_connectors::FindRules {
                    fields: vec!["actions".into()],
                    ..Default::default()
                };
                let rules = kb.space(&space).ok()?.rules().find_all(&query).await.ok()?;
                for (id, n) in rules_per_connector(&rules) {
                    counts.insert(row_key(&deployment, &space, &id), n);
                }
            }
            Some(counts)
        }
    });
    let chosen = move || {
        let ids = selected.get_untracked();
        rows.with_untracked(|loaded| {
            loaded
                .as_ref()
                .and_then(|r| r.as_ref().ok())
                .map(|all| {
                    all.iter()
                        .filter(|r| ids.contains(&r.key()) && !r.connector.is_preconfigured)
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let names_of = |list: &[Row]| -> HashMap<String, String> {
        list.iter()
            .map(|r| (r.connector.id.clone(), r.connector.name.clone()))
            .collect()
    };

    let run_delete = move |list: Vec<Row>| {
        let Some(deployment) = list.first().map(|r| r.deployment.clone()) else {
            return;
        };
        let Ok(kb) = state.client_of(&deployment) else {
            return;
        };
        let names = names_of(&list);
        let targets: Vec<Target> = list
            .iter()
            .map(|r| Target {
                space_id: r.space_id.clone(),
                id: r.connector.id.clone(),
            })
            .collect();
        // Not an Action: the work reports progress item by item while it runs, and its result
        // is a list of per-item outcomes rather than one value to show.
        spawn_local(async move {
            let report = |p: Progress| progress.set(Some(("Deleting", p)));
            let results = kb.bulk().delete_many(&targets, &report).await;
            progress.set(None);
            selected.update(|s| {
                for r in results.iter().filter(|r| r.is_ok()) {
                    s.remove(&row_key(&deployment, &r.space_id, &r.id));
                }
            });
            let list: Vec<ItemOutcome> = results
                .into_iter()
                .map(|r| ItemOutcome {
                    name: names.get(&r.id).cloned().unwrap_or_default(),
                    detail: "deleted".into(),
                    error: r.outcome.err().map(|e| e.to_string()),
                    space_id: r.space_id,
                    id: r.id,
                })
                .collect();
            let failed = list.iter().filter(|o| o.error.is_some()).count();
            let (message, tone) = bulk_summary("Deleted", list.len(), failed);
            state.notify(format!("{message} A delete cannot be undone."), tone, None);
            outcomes.set(("Deleted".into(), list));
            on_changed.run(());
            rule_counts.refetch();
        });
    };
    // The rules that use the connectors are read first: used ones go only through the guard's
    // explicit button; unused ones after the usual question.
    let guarded = RwSignal::new(None::<Impact>);
    let guarded_rows = StoredValue::new(Vec::<Row>::new());
    let delete = move |list: Vec<Row>| {
        let Some(first) = list.first() else {
            return;
        };
        // The rules guard reads one deployment's rules: deletes go one deployment at a time.
        if list.iter().any(|r| r.deployment != first.deployment) {
            state.notify(
                "Delete connectors of one deployment at a time: filter by deployment first.",
                crate::forms::toasts::Tone::Error,
                None,
            );
            return;
        }
        let Ok(kb) = state.client_of(&first.deployment) else {
            return;
        };
        spawn_local(async move {
            let pairs: Vec<_> = list
                .iter()
                .map(|r| (r.space_id.clone(), r.connector.clone()))
                .collect();
            let impact = rules_impact(&kb, &pairs).await;
            if !impact.is_clear() {
                guarded_rows.set_value(list);
                guarded.set(Some(impact));
                return;
            }
            let connectors: Vec<_> = list.iter().map(|r| r.connector.clone()).collect();
            if window()
                .confirm_with_message(&delete_question(&connectors))
                .unwrap_or(false)
            {
                run_delete(list);
            }
        });
    };
    let on_guard_confirm = Callback::new(move |_: Impact| run_delete(guarded_rows.get_value()));
    let on_delete = Callback::new(move |row: Row| delete(vec![row]));
    let run_selected = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let params = match serde_json::from_str::<serde_json::Value>(&run_params.get_untracked()) {
            Ok(v @ serde_json::Value::Object(_)) => v,
            Ok(_) => {
                run_errors.set(vec![FieldError {
                    field: "bulk-params",
                    message: "Params must be a JSON object.".into(),
                }]);
                return;
            }
            Err(e) => {
                run_errors.set(vec![FieldError {
                    field: "bulk-params",
                    message: format!("This is not valid JSON: {e}."),
                }]);
                return;
            }
        };
        run_errors.set(Vec::new());
        let list = chosen();
        let names = names_of(&list);
        // One run per deployment, each with its own client, results in selection order.
        let groups = by_deployment(list.iter().map(|r| {
            let target = Target {
                space_id: r.space_id.clone(),
                id: r.connector.id.clone(),
            };
            (r.deployment.clone(), target)
        }));
        let total: usize = groups.iter().map(|(_, t)| t.len()).sum();
        // Not an Action, as for deletes: progress per item, a list of outcomes.
        spawn_local(async move {
            let mut list: Vec<ItemOutcome> = Vec::new();
            for (deployment, targets) in groups {
                let before = list.len();
                let report = |p: Progress| {
                    let done = before + p.done;
                    progress.set(Some(("Running", Progress { done, total })))
                };
                let results = match state.client_of(&deployment) {
                    Ok(kb) => kb.bulk().execute_many(&targets, &params, &report).await,
                    Err(e) => targets
                        .iter()
                        .map(|t| kibana_connectors::bulk::ItemResult {
                            space_id: t.space_id.clone(),
                            id: t.id.clone(),
                            outcome: Err(e.clone()),
                        })
                        .collect(),
                };
                list.extend(results.into_iter().map(|r| {
                    let name = names.get(&r.id).cloned().unwrap_or_default();
                    let place = if show_deployment {
                        format!("{deployment} · {}", r.space_id)
                    } else {
                        r.space_id.clone()
                    };
                    run_outcome(r, name, place)
                }));
            }
            progress.set(None);
            let failed = list.iter().filter(|o| o.error.is_some()).count();
            let (message, tone) = bulk_summary("Ran", list.len(), failed);
            state.notify(message, tone, None);
            outcomes.set(("Ran".into(), list));
        });
    };
    let busy = move || progress.get().is_some();

    view! {
        <div class="toolbar filters">
            <label>"Search"
                <input type="search" placeholder="Name, type, id or space" data-testid="search"
                    prop:value=move || query.with(|q| q.search.clone())
                    on:input=move |ev| query.update(|q| { q.search = event_target_value(&ev); q.page = 0; })/>
            </label>
            {show_deployment.then(|| view! {
                <label>"Deployment"
                    <select data-testid="deployment-filter" on:change=move |ev| query.update(|q| { q.deployment_filter = event_target_value(&ev); q.page = 0; })>
                        <option value="">"All deployments"</option>
                        {move || deployments.get().into_iter().map(|d| view! { <option value=d.clone()>{d.clone()}</option> }).collect_view()}
                    </select>
                </label>
            })}
            {show_space.then(|| view! {
                <label>"Space"
                    <select data-testid="space-filter" on:change=move |ev| query.update(|q| { q.space_filter = event_target_value(&ev); q.page = 0; })>
                        <option value="">"All spaces"</option>
                        {move || spaces.get().into_iter().map(|s| view! { <option value=s.clone()>{s.clone()}</option> }).collect_view()}
                    </select>
                </label>
            })}
            <TypeFilter query=query table=table/>
            <label>"Compatibility"
                <select data-testid="feature-filter" prop:value=move || feature.get()
                    on:change=move |ev| { feature.set(event_target_value(&ev)); query.update(|q| q.page = 0); }>
                    <option value="">"Any feature"</option>
                    {move || feature_options.get().into_iter().map(|id| {
                        let label = feature_label(&id).to_string();
                        view! { <option value=id>{label}</option> }
                    }).collect_view()}
                </select>
            </label>
            <button type="button" class="secondary" data-testid="run-selected"
                disabled=move || selected.with(HashSet::is_empty) || busy()
                on:click=move |_| run_open.update(|o| *o = !*o)>
                {move || format!("Run selected ({})", selected.with(HashSet::len))}
            </button>
            <button type="button" class="danger" data-testid="delete-selected"
                disabled=move || selected.with(HashSet::is_empty) || busy()
                on:click=move |_| delete(chosen())>
                {move || format!("Delete selected ({})", selected.with(HashSet::len))}
            </button>
        </div>
        <Show when=move || run_open.get()>
            <form class="narrow" data-testid="bulk-run-form" on:submit=run_selected>
                <label>"Params for every selected connector (JSON)"
                    <textarea data-testid="bulk-params" prop:value=run_params
                        on:input=move |ev| { run_errors.set(Vec::new()); run_params.set(event_target_value(&ev)); }></textarea>
                </label>
                <FieldErrorText field="bulk-params" errors=run_errors/>
                <button type="submit" data-testid="bulk-run" disabled=busy>"Run them"</button>
            </form>
        </Show>
        <RulesGuard pending=guarded verb="deleting" confirm_label=Impact::delete_button on_confirm=on_guard_confirm/>
        {move || progress.get().map(|(verb, p)| view! { <ProgressBar verb=verb progress=p/> })}
        <BulkResults outcomes=outcomes/>
        {move || match table.get() {
            None => view! { <p class="loading" role="status" data-testid="loading">"Loading connectors…"</p> }.into_any(),
            // The selection and results stay; only the list is asked for again.
            Some(Err(e)) => view! {
                <ErrorView error=e/>
                <button type="button" class="secondary" data-testid="retry-load" on:click=move |_| on_changed.run(())>"Try again"</button>
            }
            .into_any(),
            Some(Ok(v)) if v.matching == 0 => {
                let searching = !feature.get().is_empty()
                    || query.with(|q| !q.search.is_empty() || !q.type_filter.is_empty() || !q.space_filter.is_empty());
                let text = if searching { "No connectors match." } else { "No connectors here yet." };
                view! { <p class="empty" data-testid="empty">{text}</p> }.into_any()
            }
            Some(Ok(v)) => view! {
                <ConnectorTable rows=v.rows.clone() type_names=type_names.get_untracked() show_space=show_space show_deployment=show_deployment
                    query=query selected=selected on_delete=on_delete
                    rule_counts=Signal::derive(move || rule_counts.get().flatten())
                    type_info=type_info.get()/>
                <Pager view=v query=query/>
            }
            .into_any(),
        }}
    }
}
