use std::collections::{HashMap, HashSet};

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::connector_rows::{RowContext, in_use_badge, rows_html};
use super::copy_button::copy_label;
use crate::forms::table_query::{Row, SortKey, TableQuery};
use crate::forms::type_catalog::TypeInfo;

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
///
/// The rows are one HTML string (`connector_rows.rs`, which says why); their buttons and
/// checkboxes work through one delegated listener per event on the `<tbody>`, and two effects
/// keep the checkboxes and the in-use badges in step with `selected` and `rule_counts`
/// without rebuilding the rows (so focus stays where it was).
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
    // Untracked: this body runs inside the list's view closure, which must not rebuild the
    // page for a tick or for the rule counts (the effects below follow those).
    let body = selected.with_untracked(|chosen| {
        rule_counts.with_untracked(|counts| {
            rows_html(
                &rows,
                &RowContext {
                    type_names: &type_names,
                    type_info: &type_info,
                    show_space,
                    show_deployment,
                    selected: chosen,
                    rule_counts: counts.as_ref(),
                },
            )
        })
    });
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
    let tbody = NodeRef::<leptos::html::Tbody>::new();
    Effect::new(move |_| {
        let Some(body) = tbody.get() else { return };
        selected.with(|chosen| {
            for_each_in(&body, "input[data-action=select]", |el, key| {
                if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
                    input.set_checked(chosen.contains(key));
                }
            });
        });
    });
    Effect::new(move |_| {
        let Some(body) = tbody.get() else { return };
        rule_counts.with(|counts| {
            for_each_in(&body, "span[data-in-use]", |el, key| {
                let in_use = el
                    .get_attribute("data-in-use")
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0);
                let rules = counts.as_ref().map(|m| m.get(key).copied().unwrap_or(0));
                let badge = in_use_badge(rules, in_use);
                if el.inner_html() != badge {
                    el.set_inner_html(&badge);
                }
            });
        });
    });
    let on_change = move |ev: leptos::ev::Event| {
        let Some((input, key)) = acting(&ev, "select") else {
            return;
        };
        let on = input
            .dyn_ref::<web_sys::HtmlInputElement>()
            .is_some_and(web_sys::HtmlInputElement::checked);
        selected.update(|s| {
            if on {
                s.insert(key);
            } else {
                s.remove(&key);
            }
        });
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if let Some((button, _)) = acting(&ev, "copy") {
            copy_from(button);
        } else if let Some((_, key)) = acting(&ev, "delete")
            && let Some(row) = rows.iter().find(|r| r.key() == key)
        {
            on_delete.run(row.clone());
        }
    };
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
            <tbody node_ref=tbody inner_html=body on:change=on_change on:click=on_click></tbody>
        </table>
    }
}

/// The element with `data-action=action` the event happened in, and its row's key.
fn acting(ev: &leptos::ev::Event, action: &str) -> Option<(web_sys::Element, String)> {
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let el = target
        .closest(&format!("[data-action={action}]"))
        .ok()
        .flatten()?;
    let key = el
        .closest("tr[data-key]")
        .ok()
        .flatten()?
        .get_attribute("data-key")?;
    Some((el, key))
}

/// Runs `f` on every element matching `selector` in `body`, with its row's key.
fn for_each_in(
    body: &web_sys::Element,
    selector: &str,
    mut f: impl FnMut(&web_sys::Element, &str),
) {
    let Ok(found) = body.query_selector_all(selector) else {
        return;
    };
    for i in 0..found.length() {
        let Some(el) = found
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let key = el
            .closest("tr[data-key]")
            .ok()
            .flatten()
            .and_then(|tr| tr.get_attribute("data-key"));
        if let Some(key) = key {
            f(&el, &key);
        }
    }
}

/// Copies a copy button's `data-copy` to the clipboard and says on the button whether it
/// worked, in `CopyButton`'s words.
fn copy_from(button: web_sys::Element) {
    let text = button.get_attribute("data-copy").unwrap_or_default();
    let writing = JsFuture::from(window().navigator().clipboard().write_text(&text));
    spawn_local(async move {
        let copied = writing.await.is_ok();
        button.set_text_content(Some(copy_label(Some(copied))));
    });
}
