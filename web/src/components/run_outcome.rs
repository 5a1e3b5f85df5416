use kibana_connectors::{Error, ExecuteResult};
use leptos::prelude::*;

use super::{CopyButton, ErrorView};

/// The last run's result: status, formatted `data` with copy, or the messages.
#[component]
pub fn RunOutcome(
    /// The finished run's result (nothing while none finished or one is running).
    #[prop(into)]
    outcome: Signal<Option<Result<ExecuteResult, Error>>>,
) -> impl IntoView {
    move || {
        outcome.get().map(|result| match result {
            Err(e) => view! { <ErrorView error=e/> }.into_any(),
            Ok(r) => {
                let ok = r.is_ok();
                let data = r
                    .data
                    .as_ref()
                    .map(|d| serde_json::to_string_pretty(d).unwrap_or_default());
                view! {
                    <div class=if ok { "result ok" } else { "result error" } role="status" data-testid="run-result">
                        <p><strong data-testid="run-status">{if ok { "ok" } else { "error" }}</strong>
                            {r.error_source.map(|s| view! { <span class="muted">{format!(" (source: {s})")}</span> })}</p>
                        {r.message.map(|m| view! { <p data-testid="run-message">{m}</p> })}
                        {r.service_message.map(|m| view! { <p data-testid="run-service-message" class="muted">{m}</p> })}
                        {data.map(|d| view! {
                            <div class="data">
                                <CopyButton text=d.clone() label="Copy data" testid="copy-data"/>
                                <pre data-testid="run-data">{d}</pre>
                            </div>
                        })}
                    </div>
                }
                .into_any()
            }
        })
    }
}
