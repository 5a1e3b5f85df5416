use leptos::prelude::*;

use crate::forms::toasts::{Tone, Undo};
use crate::state::use_app_state;

/// How long a toast stays unless dismissed (long enough to reach its Undo with the keyboard).
const TOAST_MILLIS: u64 = 10_000;

/// The toasts of completed work, in a polite live region (screen readers read them without
/// interrupting), each with Dismiss and, where Kibana can undo the work, Undo.
#[component]
pub fn Toasts() -> impl IntoView {
    let state = use_app_state();
    // Each toast leaves on its own after a while; a toast dismissed earlier is simply gone.
    Effect::new(move |seen: Option<u64>| {
        let newest = state.toasts.with(|q| q.toasts.last().map(|t| t.id));
        let seen = seen.unwrap_or(0);
        if let Some(id) = newest.filter(|id| *id > seen) {
            set_timeout(
                move || state.toasts.update(|q| q.dismiss(id)),
                std::time::Duration::from_millis(TOAST_MILLIS),
            );
            return id;
        }
        seen
    });
    let undo = Action::new_local(move |(toast, undo): &(u64, Undo)| {
        let (toast, undo) = (*toast, undo.clone());
        async move {
            match undo {
                Undo::DeleteCreated { space, id } => {
                    let result = async { state.scoped(&space)?.actions().delete(&id).await }.await;
                    state.toasts.update(|q| {
                        q.dismiss(toast);
                        match result {
                            Ok(()) => {
                                q.push(format!("Undone: {id} deleted again."), Tone::Ok, None)
                            }
                            Err(e) => q.push(format!("Could not undo: {e}"), Tone::Error, None),
                        };
                    });
                    state.changed.update(|n| *n += 1);
                }
            }
        }
    });
    view! {
        <div class="toasts" role="status" aria-live="polite" data-testid="toasts">
            <For each=move || state.toasts.with(|q| q.toasts.clone()) key=|t| t.id let:toast>
                <div class="toast" class:error=toast.tone == Tone::Error data-testid="toast">
                    <span data-testid="toast-message">{toast.message.clone()}</span>
                    {toast.undo.clone().map(|u| view! {
                        <button type="button" class="link" data-testid="toast-undo"
                            disabled=move || undo.pending().get()
                            on:click=move |_| { undo.dispatch((toast.id, u.clone())); }>"Undo"</button>
                    })}
                    <button type="button" class="link" data-testid="toast-dismiss" aria-label="Dismiss"
                        on:click=move |_| state.toasts.update(|q| q.dismiss(toast.id))>"×"</button>
                </div>
            </For>
        </div>
    }
}
