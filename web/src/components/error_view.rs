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
    let text = error
        .map(|e| match e {
            // The request left: Kibana may have done it before the answer was lost.
            Error::Timeout { .. } => {
                format!("{e}. It may still have been carried out: reload before trying again.")
            }
            e => e.to_string(),
        })
        .or(message)
        .unwrap_or_default();
    view! { <div class="error" role="alert" data-testid="error">{text}</div> }
}

/// What an `ErrorBoundary` caught, each error through [`ErrorView`]: the client's typed errors
/// keep their advice (a timeout's "may still have been carried out", CORS hints).
#[component]
pub fn BoundaryErrors(
    /// The boundary's errors.
    errors: ArcRwSignal<leptos::error::Errors>,
) -> impl IntoView {
    move || {
        errors
            .get()
            .into_iter()
            .map(|(_, e)| match e.downcast_ref::<Error>() {
                Some(typed) => view! { <ErrorView error=typed.clone()/> }.into_any(),
                None => view! { <ErrorView message=e.to_string()/> }.into_any(),
            })
            .collect_view()
    }
}
