//! Export and import of connector sets, and bulk create from a JSON file: `/transfer`.

use std::collections::HashMap;

use kibana_connectors::bulk::no_progress;
use kibana_connectors::{ConnectorSet, Progress};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::components::{BulkResults, ErrorView, ProgressBar};
use crate::data::use_spaces;
use crate::forms::bulk::ItemOutcome;
use crate::forms::import_file::{ImportFile, ImportItem, parse_import};
use crate::forms::toasts::bulk_summary;
use crate::state::use_app_state;

/// Export (never secrets) and import (asking for secrets, checking conflicts).
#[component]
pub fn TransferPage() -> impl IntoView {
    let state = use_app_state();
    view! {
        <Show when=move || state.client.get().is_some() fallback=super::to_connect>
            <section class="panel">
                <div class="toolbar">
                    <h1>"Export and import"</h1>
                </div>
                <Export/>
                <Import/>
            </section>
        </Show>
    }
}

/// The ids of the spaces the caller can see, for the space pickers.
fn space_ids() -> Signal<Vec<String>> {
    let spaces = use_spaces();
    Signal::derive(move || {
        spaces
            .get()
            .unwrap_or_default()
            .into_iter()
            .map(|s| s.id)
            .collect()
    })
}

#[component]
fn Export() -> impl IntoView {
    let state = use_app_state();
    let spaces = space_ids();
    let scope = RwSignal::new(String::new());
    let progress = RwSignal::new(None::<Progress>);
    let exported = RwSignal::new(None::<(String, usize)>);
    let failures = RwSignal::new(Vec::<String>::new());
    let export = move |_| {
        let Some(kb) = state.client.get_untracked() else {
            return;
        };
        let only = scope.get_untracked();
        exported.set(None);
        // Not an Action: the inventory reports its progress space by space while it runs.
        spawn_local(async move {
            let report = |p: Progress| progress.set(Some(p));
            match kb.bulk().inventory(&report).await {
                Ok(inv) => {
                    let set = ConnectorSet::from_connectors(
                        inv.connectors()
                            .filter(|(s, _)| only.is_empty() || *s == only),
                    );
                    failures.set(
                        inv.failures()
                            .map(|(s, e)| format!("Space {}: {e}", s.id))
                            .collect(),
                    );
                    exported.set(Some((set.to_json(), set.connectors.len())));
                }
                Err(e) => failures.set(vec![e.to_string()]),
            }
            progress.set(None);
        });
    };
    view! {
        <h2>"Export"</h2>
        <p class="muted">"Name, type, configuration and space of each connector. Secrets are never exported; preconfigured connectors stay in kibana.yml."</p>
        <div class="toolbar">
            <label>"Spaces"
                <select data-testid="export-scope" on:change=move |ev| scope.set(event_target_value(&ev))>
                    <option value="">"All spaces"</option>
                    {move || spaces.get().into_iter().map(|s| view! { <option value=s.clone()>{s.clone()}</option> }).collect_view()}
                </select>
            </label>
            <button type="button" data-testid="export" disabled=move || progress.get().is_some() on:click=export>"Export"</button>
        </div>
        {move || progress.get().map(|p| view! { <ProgressBar verb="Reading spaces" progress=p/> })}
        {move || failures.get().into_iter().map(|f| view! { <ErrorView message=f/> }).collect_view()}
        {move || exported.get().map(|(json, count)| {
            let href = format!("data:application/json;charset=utf-8,{}", js_sys::encode_uri_component(&json));
            view! {
                <p data-testid="export-count">{format!("{count} connectors exported.")} " "
                    <a data-testid="export-download" download="kibana-connectors.json" href=href>"Download kibana-connectors.json"</a></p>
                <pre data-testid="export-json">{json}</pre>
            }
        })}
    }
}

#[component]
fn Import() -> impl IntoView {
    let state = use_app_state();
    let spaces = space_ids();
    let text = RwSignal::new(String::new());
    let into = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<String>::new());
    let items = RwSignal::new(Vec::<ImportItem>::new());
    // The rows re-render only when the list itself changes, never while typing secrets.
    let shape = Memo::new(move |_| items.with(Vec::len));
    let inspect = Action::new_local(move |(file, into_space): &(ImportFile, String)| {
        let (file, into_space) = (file.clone(), into_space.clone());
        let client = state.connected_untracked();
        async move {
            let inv = client?.bulk().inventory(&no_progress).await?;
            let existing: Vec<_> = inv.connectors().collect();
            let list: Vec<ImportItem> = match file {
                ImportFile::Set(set) => set
                    .check(
                        existing.iter().copied(),
                        (!into_space.is_empty()).then_some(into_space.as_str()),
                    )
                    .iter()
                    .map(ImportItem::from_check)
                    .collect(),
                ImportFile::Creates(planned) => {
                    // String keys: the map type the console already uses, so no second copy
                    // of the hash map code in the binary.
                    let ids: HashMap<String, String> = existing
                        .iter()
                        .map(|(s, c)| (c.id.clone(), s.to_string()))
                        .collect();
                    planned
                        .into_iter()
                        .map(|p| ImportItem::from_planned(p, |id| ids.get(id).cloned()))
                        .collect()
                }
            };
            Ok::<_, kibana_connectors::Error>(list)
        }
    });
    let checking = inspect.pending();
    Effect::new(move |_| match inspect.value().get() {
        Some(Ok(list)) => items.set(list),
        Some(Err(e)) => problems.set(vec![e.to_string()]),
        None => {}
    });
    let progress = RwSignal::new(None::<Progress>);
    let outcomes = RwSignal::new((String::new(), Vec::<ItemOutcome>::new()));

    // A browser File is not Send: dispatched locally.
    let read = Action::new_local(move |file: &web_sys::File| {
        let reading = JsFuture::from(file.text());
        async move {
            match reading.await {
                Ok(content) => text.set(content.as_string().unwrap_or_default()),
                Err(_) => problems.set(vec!["The file could not be read.".into()]),
            }
        }
    });
    let read_file = move |ev: leptos::ev::Event| {
        let Some(file) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.files())
            .and_then(|files| files.get(0))
        else {
            return;
        };
        read.dispatch_local(file);
    };
    let check = move |_| {
        let default_space = if into.get_untracked().is_empty() {
            kibana_connectors::DEFAULT_SPACE.to_string()
        } else {
            into.get_untracked()
        };
        let parsed = parse_import(&text.get_untracked(), &default_space);
        items.set(Vec::new());
        outcomes.set((String::new(), Vec::new()));
        let file = match parsed {
            Ok(f) => f,
            Err(list) => {
                problems.set(list);
                return;
            }
        };
        problems.set(Vec::new());
        inspect.dispatch((file, into.get_untracked()));
    };
    let import = move |_| {
        let mut planned = Vec::new();
        let mut bad = Vec::new();
        items.with_untracked(|list| {
            for item in list.iter().filter(|i| i.include) {
                match item.to_planned() {
                    Ok(p) => planned.push(p),
                    Err(e) => bad.extend(
                        e.into_iter()
                            .map(|e| format!("{}: {}", item.planned.connector.name, e.message)),
                    ),
                }
            }
        });
        if !bad.is_empty() {
            problems.set(bad);
            return;
        }
        problems.set(Vec::new());
        let Some(kb) = state.client.get_untracked() else {
            return;
        };
        // Not an Action: progress per item, and a list of per-item outcomes.
        spawn_local(async move {
            let report = |p: Progress| progress.set(Some(p));
            let results = kb.bulk().create_many(&planned, &report).await;
            progress.set(None);
            let list = results
                .into_iter()
                .zip(&planned)
                .map(|(r, p)| ItemOutcome {
                    name: p.connector.name.clone(),
                    detail: "created".into(),
                    error: r.outcome.err().map(|e| e.to_string()),
                    space_id: r.space_id,
                    id: r.id,
                })
                .collect::<Vec<ItemOutcome>>();
            let failed = list.iter().filter(|o| o.error.is_some()).count();
            let (message, tone) = bulk_summary("Imported", list.len(), failed);
            state.notify(message, tone, None);
            outcomes.set(("Imported".into(), list));
            items.set(Vec::new());
        });
    };

    view! {
        <h2>"Import"</h2>
        <p class="muted">"An exported set (you enter the secrets), or a JSON array of connectors to create: "
            <code>"[{\"name\", \"connector_type_id\", \"config\", \"secrets\", \"space_id\"?, \"id\"?}]"</code></p>
        <label>"File" <input type="file" accept=".json,application/json" data-testid="import-file" on:change=read_file/></label>
        <label>"Or paste JSON"
            <textarea data-testid="import-text" class="tall" prop:value=text on:input=move |ev| text.set(event_target_value(&ev))></textarea>
        </label>
        <div class="toolbar">
            <label>"Into"
                <select data-testid="import-into" on:change=move |ev| into.set(event_target_value(&ev))>
                    <option value="">"Each connector's own space"</option>
                    {move || spaces.get().into_iter().map(|s| view! { <option value=s.clone()>{s.clone()}</option> }).collect_view()}
                </select>
            </label>
            <button type="button" data-testid="import-check" disabled=move || checking.get() on:click=check>
                {move || if checking.get() { "Checking…" } else { "Check" }}
            </button>
        </div>
        {move || {
            let list = problems.get();
            (!list.is_empty()).then(|| view! {
                <div class="error" role="alert" data-testid="import-problems">
                    <ul>{list.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                </div>
            })
        }}
        {move || (shape.get() > 0).then(|| view! {
            <table class="connectors" data-testid="import-items">
                <thead><tr><th>"Import"</th><th>"Name"</th><th>"Type"</th><th>"Into"</th><th>"Id"</th><th>"Secrets"</th><th>"Notes"</th></tr></thead>
                <tbody>{(0..shape.get_untracked()).map(|n| view! { <ImportRow items=items n=n/> }).collect_view()}</tbody>
            </table>
            <button type="button" data-testid="import-run" disabled=move || progress.get().is_some() on:click=import>
                {move || format!("Import {} connectors", items.with(|l| l.iter().filter(|i| i.include).count()))}
            </button>
        })}
        {move || progress.get().map(|p| view! { <ProgressBar verb="Importing" progress=p/> })}
        <BulkResults outcomes=outcomes/>
    }
}

/// One row of the import review.
#[component]
fn ImportRow(items: RwSignal<Vec<ImportItem>>, n: usize) -> impl IntoView {
    let item = items.with_untracked(|l| l[n].clone());
    let edit = move |f: Box<dyn FnOnce(&mut ImportItem)>| items.update(|l| f(&mut l[n]));
    let secrets = match &item.secrets {
        None => view! { <span class="muted">"from the file"</span> }.into_any(),
        Some(d) if d.is_typed() => d
            .keys
            .iter()
            .map(|key| {
                let key: &'static str = key;
                view! {
                    <label class="compact">{key}
                        <input type="password" autocomplete="new-password" data-testid=format!("import-secret-{key}")
                            on:input=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |i| { if let Some(d) = i.secrets.as_mut() { d.values.insert(key.to_string(), v); } })) }/>
                    </label>
                }
            })
            .collect_view()
            .into_any(),
        Some(_) => view! {
            <textarea data-testid="import-secret-raw" prop:value="{}"
                on:input=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |i| { if let Some(d) = i.secrets.as_mut() { d.raw = v; } })) }></textarea>
        }
        .into_any(),
    };
    view! {
        <tr data-testid="import-item" data-id=item.original_id.clone()>
            <td><input type="checkbox" data-testid="import-include" prop:checked=item.include
                on:change=move |ev| { let on = event_target_checked(&ev); edit(Box::new(move |i| i.include = on)) }/></td>
            <td>{item.planned.connector.name.clone()}</td>
            <td><code>{item.planned.connector.connector_type_id.clone()}</code></td>
            <td><code>{item.planned.space_id.clone()}</code></td>
            <td>
                <code>{item.original_id.clone()}</code>
                {(!item.original_id.is_empty()).then(|| view! {
                    <label class="compact inline">
                        <input type="checkbox" data-testid="import-keep-id" prop:checked=item.keep_id && item.can_keep_id disabled=!item.can_keep_id
                            on:change=move |ev| { let on = event_target_checked(&ev); edit(Box::new(move |i| i.keep_id = on)) }/>
                        "keep"
                    </label>
                })}
            </td>
            <td>{secrets}</td>
            <td data-testid="import-conflicts">{item.conflicts.join("; ")}</td>
        </tr>
    }
}
