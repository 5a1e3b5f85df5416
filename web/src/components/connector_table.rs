use kibana_connectors::Connector;
use leptos::prelude::*;

/// The connectors table: name, type, id and badges.
#[component]
pub fn ConnectorTable(
    /// Rows to show, already filtered.
    connectors: Vec<Connector>,
    /// Called to delete a row (preconfigured connectors have no delete button).
    on_delete: Callback<Connector>,
) -> impl IntoView {
    if connectors.is_empty() {
        return view! { <p class="empty" data-testid="empty">"No connectors here yet."</p> }
            .into_any();
    }
    let rows = connectors
        .into_iter()
        .map(|c| {
            let in_use = c.referenced_by_count.unwrap_or(0);
            let deletable = (!c.is_preconfigured).then(|| {
                let row = c.clone();
                view! {
                    <button type="button" class="danger" data-testid="delete" on:click=move |_| on_delete.run(row.clone())>
                        "Delete"
                    </button>
                }
            });
            view! {
                <tr data-testid="connector-row" data-id=c.id.clone()>
                    <td class="name">{c.name.clone()}</td>
                    <td><code>{c.connector_type_id.clone()}</code></td>
                    <td><code class="id">{c.id.clone()}</code></td>
                    <td class="badges">
                        {c.is_preconfigured.then(|| view! { <span class="badge">"preconfigured"</span> })}
                        {c.is_deprecated.then(|| view! { <span class="badge warn">"deprecated"</span> })}
                        {(c.is_missing_secrets == Some(true)).then(|| view! { <span class="badge warn">"missing secrets"</span> })}
                        {(in_use > 0).then(|| view! { <span class="badge">{format!("in use by {in_use}")}</span> })}
                    </td>
                    <td class="actions">{deletable}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="connectors" data-testid="connectors-table">
            <thead><tr><th>"Name"</th><th>"Type"</th><th>"Id"</th><th></th><th></th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}
