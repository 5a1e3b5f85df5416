use kibana_connectors::Progress;
use leptos::prelude::*;

use crate::forms::bulk::{ItemOutcome, summary};

/// A progress bar with "Deleting 3 of 10…".
#[component]
pub fn ProgressBar(
    /// What is happening ("Deleting", "Running", "Copying", ...).
    verb: &'static str,
    /// How far it got.
    progress: Progress,
) -> impl IntoView {
    let Progress { done, total } = progress;
    view! {
        <p class="progress" role="status" data-testid="progress">
            {format!("{verb}: {done} of {total} done…")} " "
            <progress max=total value=done></progress>
        </p>
    }
}

/// Per-item results of the last bulk action: every failure stays visible with Kibana's message.
#[component]
pub fn BulkResults(
    /// The verb for the summary ("Deleted", "Ran", ...) and the outcomes; empty hides it.
    outcomes: RwSignal<(String, Vec<ItemOutcome>)>,
) -> impl IntoView {
    move || {
        let (verb, list) = outcomes.get();
        (!list.is_empty()).then(|| {
            let failed = list.iter().any(|o| o.error.is_some());
            view! {
                <div class=if failed { "results error" } else { "results" } role="status" data-testid="bulk-results">
                    <p><strong>{summary(&verb, &list)}</strong> " "
                        <button type="button" class="link" on:click=move |_| outcomes.set((String::new(), Vec::new()))>"Dismiss"</button></p>
                    <ul>
                        {list.into_iter().map(|o| {
                            let (data_id, data_ok) = (o.id.clone(), o.error.is_none().to_string());
                            view! {
                                <li data-testid="bulk-result" data-id=data_id data-space=o.space_id.clone() data-ok=data_ok>
                                    {if o.name.is_empty() { String::new() } else { format!("{} ", o.name) }}
                                    "(" <code>{format!("{}/{}", o.space_id, o.id)}</code> "): "
                                    {o.error.unwrap_or(o.detail)}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
