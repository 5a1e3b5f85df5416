use kibana_connectors::Error;
use leptos::prelude::*;

/// An error in plain words (always rendered as text, never as HTML).
#[component]
pub fn ErrorView(
    /// A client error.
    #[prop(optional)]
    error: Option<Error>,
    /// Or a ready message.
    #[prop(optional, into)]
    message: Option<String>,
) -> impl IntoView {
    let text = error.map(|e| e.to_string()).or(message).unwrap_or_default();
    view! { <div class="error" role="alert" data-testid="error">{text}</div> }
}
