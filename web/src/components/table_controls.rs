//! The list's controls below and beside the table: the type filter with counts, and the pager.

use leptos::prelude::*;

use kibana_connectors::Error;

use crate::forms::table_query::{PAGE_SIZE, TableQuery, TableView};

/// The type filter, with how many search matches each type has.
#[component]
pub fn TypeFilter(
    query: RwSignal<TableQuery>,
    table: Memo<Option<Result<TableView, Error>>>,
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
pub fn Pager(view: TableView, query: RwSignal<TableQuery>) -> impl IntoView {
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
