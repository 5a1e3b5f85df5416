//! The guard before deleting or moving connectors that alerting rules use: which rules would
//! lose an action, and an explicit button that says what breaks. A connector that rules use is
//! never removed by one click.

use kibana_connectors::{Connector, Kibana};
use leptos::prelude::*;

use crate::forms::rules_impact::{ConnectorRules, Impact};

/// Reads, for each (space, connector), the rules of that space that use it (Kibana's Rules-tab
/// query); a connector whose rules cannot be read keeps the reason.
pub async fn rules_impact(kb: &Kibana, connectors: &[(String, Connector)]) -> Impact {
    let mut out = Vec::with_capacity(connectors.len());
    for (space_id, connector) in connectors {
        let rules = match kb.space(space_id) {
            Ok(in_space) => in_space.rules().used_by(connector).await,
            Err(e) => Err(e),
        };
        out.push(ConnectorRules {
            space_id: space_id.clone(),
            connector: connector.clone(),
            rules: rules.map_err(|e| e.to_string()),
        });
    }
    Impact { connectors: out }
}

/// The warning with the affected rules, shown while `pending` holds an impact that is not
/// clear.
#[component]
pub fn RulesGuard(
    /// The impact to confirm; None hides the guard.
    pending: RwSignal<Option<Impact>>,
    /// "deleting" or "moving", for the headline.
    verb: &'static str,
    /// The explicit button's label for an impact.
    confirm_label: fn(&Impact) -> String,
    /// Called when the user goes ahead anyway.
    on_confirm: Callback<Impact>,
) -> impl IntoView {
    move || {
        pending.get().filter(|i| !i.is_clear()).map(|impact| {
            let affected = impact.affected();
            let unreadable = impact.unreadable();
            let label = confirm_label(&impact);
            let go = impact.clone();
            view! {
                <div class="guard" role="alertdialog" aria-labelledby="guard-heading" data-testid="rules-guard">
                    <p id="guard-heading"><strong>{impact.headline(verb)}</strong></p>
                    {(!affected.is_empty()).then(|| view! {
                        <ul>
                            {affected.into_iter().map(|r| view! {
                                <li data-testid="guard-rule" data-id=r.id.clone()>
                                    <strong>{r.name}</strong>
                                    {format!(" (space {}) loses {} in {}", r.space_id, r.connector_name,
                                        r.groups.iter().map(|g| if g.is_empty() { "its system action".to_string() } else { format!("\u{201c}{g}\u{201d}") }).collect::<Vec<_>>().join(", "))}
                                </li>
                            }).collect_view()}
                        </ul>
                    })}
                    {unreadable.into_iter().map(|(name, why)| view! {
                        <p class="muted" data-testid="guard-unreadable">{format!("The rules that use {name} could not be read: {why}")}</p>
                    }).collect_view()}
                    <p>
                        <button type="button" class="danger" data-testid="guard-confirm"
                            on:click=move |_| { pending.set(None); on_confirm.run(go.clone()); }>{label}</button>
                        " "
                        <button type="button" data-testid="guard-cancel" on:click=move |_| pending.set(None)>"Cancel"</button>
                    </p>
                </div>
            }
        })
    }
}
