use std::collections::{HashMap, HashSet};

use leptos::prelude::*;

use super::CopyButton;
use crate::forms::features::feature_label;
use crate::forms::table_query::{Row, SortKey, TableQuery, type_name};
use crate::forms::type_catalog::TypeInfo;
use crate::routes;

/// A sortable column header: a button, so it works from the keyboard, with `aria-sort`.
#[component]
fn SortHeader(
    label: &'static str,
    key: SortKey,
    query: RwSignal<TableQuery>,
    testid: &'static str,
) -> impl IntoView {
    let state = move || {
        query.with(|q| match (q.sort == key, q.descending) {
            (false, _) => ("none", ""),
            (true, false) => ("ascending", " ▲"),
            (true, true) => ("descending", " ▼"),
        })
    };
    view! {
        <th aria-sort=move || state().0>
            <button type="button" class="sort" data-testid=testid on:click=move |_| query.update(|q| q.toggle_sort(key))>
                {label}{move || state().1}
            </button>
        </th>
    }
}

/// One page of the connectors table: selection, name (links to the connector), type, id with
/// copy, badges, and per-row actions.
#[component]
pub fn ConnectorTable(
    /// The rows of the page.
    rows: Vec<Row>,
    /// Type display names by id.
    type_names: HashMap<String, String>,
    /// Show a Space column (the cross-space view).
    show_space: bool,
    /// Show a Deployment column (the cross-deployment view).
    show_deployment: bool,
    /// Sorting lives in the query.
    query: RwSignal<TableQuery>,
    /// Rows ticked for bulk actions, by [`Row::key`].
    selected: RwSignal<HashSet<String>>,
    /// Called to delete a row (preconfigured connectors have no delete button).
    on_delete: Callback<Row>,
    /// How many rules use each connector, by [`Row::key`], once known.
    #[prop(into)]
    rule_counts: Signal<Option<HashMap<String, usize>>>,
    /// Each type's features (the Compatibility column) and badges.
    type_info: HashMap<String, TypeInfo>,
) -> impl IntoView {
    let selectable: Vec<String> = rows
        .iter()
        .filter(|r| !r.connector.is_preconfigured)
        .map(Row::key)
        .collect();
    let page_ids = selectable.clone();
    let all_ticked =
        move || !page_ids.is_empty() && selected.with(|s| page_ids.iter().all(|id| s.contains(id)));
    let tick_all = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        selected.update(|s| {
            for id in &selectable {
                if on {
                    s.insert(id.clone());
                } else {
                    s.remove(id);
                }
            }
        });
    };
    let body = rows
        .into_iter()
        .map(|row| {
            let key = row.key();
            let Row { deployment, space_id, connector: c } = row;
            let in_use = c.referenced_by_count.unwrap_or(0);
            let href = routes::connector(&deployment, &space_id, &c.id);
            let tick = (!c.is_preconfigured).then(|| {
                let (a, b) = (key.clone(), key.clone());
                view! {
                    <input type="checkbox" data-testid="select" aria-label=format!("Select {}", c.name)
                        prop:checked=move || selected.with(|s| s.contains(&a))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            selected.update(|s| { if on { s.insert(b.clone()); } else { s.remove(&b); } });
                        }/>
                }
            });
            let delete = (!c.is_preconfigured).then(|| {
                let row = Row { deployment: deployment.clone(), space_id: space_id.clone(), connector: c.clone() };
                view! {
                    <button type="button" class="danger" data-testid="delete" on:click=move |_| on_delete.run(row.clone())>
                        "Delete"
                    </button>
                }
            });
            let type_label = type_name(&type_names, &c.connector_type_id).to_string();
            let info = type_info.get(&c.connector_type_id);
            let features = info.map(|t| t.features.clone()).unwrap_or_default();
            // The type's own state, as Kibana badges it (the connector's `is_deprecated` is
            // about this connector, e.g. ServiceNow's table API; this is about its type).
            let type_deprecated = c.is_connector_type_deprecated || info.is_some_and(|t| t.deprecated);
            let preview = info.is_some_and(|t| t.preview);
            // Kibana never returns secrets: a connector that lost them is fixed by entering
            // them again in the edit form.
            let fix = (c.is_missing_secrets == Some(true) && !c.is_preconfigured).then(|| view! {
                <a class="small" data-testid="fix" href=format!("{href}?tab=edit&fix=secrets")>"Fix"</a> " "
            });
            view! {
                <tr data-testid="connector-row" data-id=c.id.clone() data-space=space_id.clone() data-deployment=deployment.clone()>
                    <td class="select">{tick}</td>
                    <td class="name"><a data-testid="connector-link" href=href.clone()>{c.name.clone()}</a></td>
                    {show_deployment.then(|| view! { <td class="deployment" data-testid="deployment-cell">{deployment.clone()}</td> })}
                    {show_space.then(|| view! { <td class="space"><code>{space_id.clone()}</code></td> })}
                    <td class="type">{type_label} " " <code class="muted">{c.connector_type_id.clone()}</code></td>
                    <td class="id"><code>{c.id.clone()}</code> " " <CopyButton text=c.id.clone() label="Copy id" testid="copy-id"/></td>
                    <td class="badges">
                        {c.is_preconfigured.then(|| view! { <span class="badge">"preconfigured"</span> })}
                        {c.is_deprecated.then(|| view! { <span class="badge warn">"deprecated"</span> })}
                        {(type_deprecated && !c.is_deprecated).then(|| view! { <span class="badge warn" data-testid="badge-type-deprecated">"deprecated type"</span> })}
                        {preview.then(|| view! { <span class="badge" data-testid="badge-preview">"technical preview"</span> })}
                        {(c.is_missing_secrets == Some(true)).then(|| view! { <span class="badge warn">"missing secrets"</span> })}
                        {
                            let key = key.clone();
                            move || match rule_counts.with(|counts| counts.as_ref().map(|m| m.get(&key).copied().unwrap_or(0))) {
                                Some(0) if in_use == 0 => None,
                                // Rules counted, plus what else Kibana counts (cases, ...).
                                Some(rules) => Some(view! {
                                    <span class="badge" data-testid="in-use" data-rules=rules.to_string()>
                                        {if rules > 0 { format!("used by {rules} rule{}", if rules == 1 { "" } else { "s" }) } else { format!("in use by {in_use}") }}
                                    </span>
                                }.into_any()),
                                None => (in_use > 0).then(|| view! { <span class="badge" data-testid="in-use">{format!("in use by {in_use}")}</span> }.into_any()),
                            }
                        }
                    </td>
                    <td class="features">
                        {features.into_iter().map(|f| view! { <span class="badge" data-testid="feature">{feature_label(&f).to_string()}</span> }).collect_view()}
                    </td>
                    <td class="row-actions">
                        {fix}
                        <a class="small" data-testid="test-link" href=format!("{href}?tab=test")>"Test"</a> " "
                        {delete}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="connectors" data-testid="connectors-table">
            <thead><tr>
                <th><input type="checkbox" data-testid="select-all" aria-label="Select all on this page"
                    prop:checked=all_ticked on:change=tick_all/></th>
                <SortHeader label="Name" key=SortKey::Name query=query testid="sort-name"/>
                {show_deployment.then(|| view! { <SortHeader label="Deployment" key=SortKey::Deployment query=query testid="sort-deployment"/> })}
                {show_space.then(|| view! { <SortHeader label="Space" key=SortKey::Space query=query testid="sort-space"/> })}
                <SortHeader label="Type" key=SortKey::Type query=query testid="sort-type"/>
                <SortHeader label="Id" key=SortKey::Id query=query testid="sort-id"/>
                <SortHeader label="Usage" key=SortKey::InUse query=query testid="sort-in-use"/>
                <th scope="col">"Compatibility"</th>
                <th><span class="visually-hidden">"Actions"</span></th>
            </tr></thead>
            <tbody>{body}</tbody>
        </table>
    }
}
