use std::collections::HashSet;

use leptos::prelude::*;

use crate::state::use_app_state;

/// A checkbox per connected deployment, ticked ones in `chosen` (promote's targets, the
/// deployments a rotation covers).
#[component]
pub fn DeploymentChecklist(
    /// The ticked deployments' names.
    chosen: RwSignal<HashSet<String>>,
    /// The `data-testid` of each checkbox (its `value` is the deployment's name).
    testid: &'static str,
) -> impl IntoView {
    let state = use_app_state();
    view! {
        <fieldset>
            <legend>"Deployments"</legend>
            {move || state.deployment_names().into_iter().map(|n| {
                let (a, b) = (n.clone(), n.clone());
                view! {
                    <label class="inline"><input type="checkbox" data-testid=testid value=n.clone()
                        prop:checked=move || chosen.with(|t| t.contains(&a))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            chosen.update(|t| { if on { t.insert(b.clone()); } else { t.remove(&b); } });
                        }/>
                        {n.clone()}</label> " "
                }
            }).collect_view()}
        </fieldset>
    }
}
