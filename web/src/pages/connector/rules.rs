//! The Rules tab: the alerting rules whose actions run this connector, as Kibana's own Rules
//! tab lists them (name with its rule type, tags, enabled, last response, and here also the
//! action groups that use the connector), searched by name and tags, 25 per page; and
//! Replace in rules.

use std::collections::HashMap;

use kibana_connectors::{Connector, Error, Rule};
use leptos::prelude::*;

use super::replace::ReplacePanel;
use crate::components::ErrorView;
use crate::forms::rules_query::{pages, rules_tab_query};
use crate::state::{use_app_state, use_space};

/// The rules of one connector.
#[component]
pub fn RulesPanel(
    /// The connector whose rules are listed.
    connector: Connector,
) -> impl IntoView {
    let state = use_app_state();
    let space = use_space();
    let term = RwSignal::new(String::new());
    let page = RwSignal::new(1u32);
    // Bumped after Replace in rules changed some rules, to list them again.
    let reload = RwSignal::new(0u32);
    let target = connector.clone();
    let rules = LocalResource::new(move || {
        let client = state.connected();
        let (space, query) = (
            space.get(),
            rules_tab_query(&target, &term.get(), page.get()),
        );
        reload.track();
        async move { client?.space(&space)?.rules().find(&query).await }
    });
    let rule_types = LocalResource::new(move || {
        let client = state.connected();
        let space = space.get();
        async move {
            let types = async { client?.space(&space)?.rules().list_types().await }.await;
            types
                .unwrap_or_default()
                .into_iter()
                .map(|t| (t.id, t.name))
                .collect::<HashMap<String, String>>()
        }
    });
    let id = connector.id.clone();
    let list = move || {
        let id = id.clone();
        Suspend::new(async move {
            let names = rule_types.await;
            match rules.await {
                Err(Error::Authorization(_)) => view! {
                    <p class="notice" role="status" data-testid="rules-forbidden">
                        "You may not read alerting rules in this space, so the rules that use this connector cannot be listed."
                    </p>
                }
                .into_any(),
                Err(e) => view! { <ErrorView error=e/> }.into_any(),
                Ok(found) if found.total == 0 => {
                    let text = if term.get_untracked().trim().is_empty() {
                        "No rule uses this connector."
                    } else {
                        "No rule that uses this connector matches the search."
                    };
                    view! { <p class="empty" data-testid="rules-empty">{text}</p> }.into_any()
                }
                Ok(found) => {
                    let (current, last) = (found.page, pages(found.total));
                    let total = found.total;
                    view! {
                        <p class="meta" data-testid="rules-count">
                            {format!("{total} rule{} use{} this connector.", if total == 1 { "" } else { "s" }, if total == 1 { "s" } else { "" })}
                        </p>
                        <RulesTable rules=found.data connector_id=id names=names/>
                        <nav class="pager" aria-label="Rule pages">
                            <button type="button" data-testid="rules-prev" disabled={current <= 1}
                                on:click=move |_| page.set(current.saturating_sub(1).max(1))>"Previous"</button>
                            <span data-testid="rules-page">{format!(" Page {current} of {last} ")}</span>
                            <button type="button" data-testid="rules-next" disabled={current >= last}
                                on:click=move |_| page.set(current + 1)>"Next"</button>
                        </nav>
                    }
                    .into_any()
                }
            }
        })
    };
    view! {
        <section aria-labelledby="rules-heading">
            <h2 id="rules-heading">"Rules using this connector"</h2>
            <label>"Search rules by name and tags"
                <input type="search" data-testid="rules-search" prop:value=move || term.get()
                    on:input=move |ev| { term.set(event_target_value(&ev)); page.set(1); }/>
            </label>
            <Transition fallback=|| view! { <p class="loading" role="status">"Loading the rules…"</p> }>
                {list}
            </Transition>
            <ReplacePanel connector=connector on_done=Callback::new(move |()| reload.update(|n| *n += 1))/>
        </section>
    }
}

/// One page of rules.
#[component]
fn RulesTable(
    rules: Vec<Rule>,
    connector_id: String,
    names: HashMap<String, String>,
) -> impl IntoView {
    let rows = rules
        .into_iter()
        .map(|r| {
            let type_name = names.get(&r.rule_type_id).cloned().unwrap_or_else(|| r.rule_type_id.clone());
            let groups = r
                .groups_using(&connector_id)
                .into_iter()
                .map(|g| if g.is_empty() { "(system action)".to_string() } else { g })
                .collect::<Vec<_>>()
                .join(", ");
            let last = r.last_response().unwrap_or("—").to_string();
            view! {
                <tr data-testid="rule-row" data-id=r.id.clone()>
                    <td class="name"><span data-testid="rule-name">{r.name.clone()}</span><br/>
                        <span class="muted small">{type_name}</span></td>
                    <td class="tags">{r.tags.iter().map(|t| view! { <span class="badge">{t.clone()}</span> " " }).collect_view()}</td>
                    <td data-testid="rule-enabled">{if r.enabled { "Enabled" } else { "Disabled" }}</td>
                    <td>{last}</td>
                    <td data-testid="rule-groups">{groups}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="rules" data-testid="rules-table">
            <thead><tr>
                <th scope="col">"Name"</th><th scope="col">"Tags"</th><th scope="col">"Status"</th>
                <th scope="col">"Last response"</th><th scope="col">"Action groups"</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
