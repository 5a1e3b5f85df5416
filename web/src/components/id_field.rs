use std::time::Duration;

use leptos::prelude::*;

use crate::data::use_spaces;
use crate::forms::connection::FieldError;
use crate::forms::connector_id::{IdChoice, MAX_ID_LENGTH, id_problem};
use crate::state::{use_app_state, use_space};

/// How long typing pauses before the id is checked.
const CHECK_DELAY: Duration = Duration::from_millis(350);

/// Whether an id is free, once checked.
#[derive(Debug, Clone, PartialEq)]
pub enum Availability {
    /// No connector in any space the user can see has it.
    Free,
    /// A connector in this space has it.
    Taken(String),
    /// The check failed; the create will still refuse a taken id.
    Unknown(String),
}

/// The new connector's id: proposed from the name (Kibana 9.4's readable ids), editable, or
/// random; its availability checked with `HEAD` in every space the user can see (ids are
/// global), shortly after typing stops.
#[component]
pub fn IdField(
    /// The choice being edited.
    choice: RwSignal<IdChoice>,
    /// The name, which the proposal follows.
    #[prop(into)]
    name: Signal<String>,
    /// The latest check, shared with the page (a taken id blocks Save).
    checked: RwSignal<Option<(String, Availability)>>,
    /// Problems; the page puts Kibana's 409 here under `id`.
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let state = use_app_state();
    let space = use_space();
    let spaces = use_spaces();
    Effect::new(move |_| {
        let name = name.get();
        choice.update(|c| c.follow_name(&name));
    });
    let check = Action::new_local(move |id: &String| {
        let id = id.clone();
        let here = space.get_untracked();
        let mut order = vec![here.clone()];
        order.extend(
            spaces
                .get_untracked()
                .unwrap_or_default()
                .into_iter()
                .map(|s| s.id)
                .filter(|s| *s != here),
        );
        async move {
            for space in order {
                let answer = async { state.scoped(&space)?.actions().exists(&id).await }.await;
                match answer {
                    Ok(true) => return (id, Availability::Taken(space)),
                    Ok(false) => {}
                    Err(e) => return (id, Availability::Unknown(e.to_string())),
                }
            }
            (id, Availability::Free)
        }
    });
    Effect::new(move |_| {
        if let Some(result) = check.value().get() {
            // A proposal someone already has moves on to the next number (and is checked in
            // turn); an id typed by hand is reported.
            let proposal_taken = matches!(result.1, Availability::Taken(_))
                && choice.with_untracked(|c| c.id == result.0);
            if proposal_taken
                && choice.try_update(|c| c.propose_next(&name.get_untracked())) == Some(true)
            {
                return;
            }
            checked.set(Some(result));
        }
    });
    // Debounced: each change replaces the pending check.
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let (id, random) = choice.with(|c| (c.id.clone(), c.random));
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        if random || id_problem(&id).is_some() {
            return;
        }
        let handle = set_timeout_with_handle(
            move || {
                check.dispatch(id);
            },
            CHECK_DELAY,
        )
        .ok();
        pending.set_value(handle);
    });
    on_cleanup(move || {
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
    });

    let status = move || {
        let (id, random) = choice.with(|c| (c.id.clone(), c.random));
        if random {
            return (
                "muted",
                "Kibana will choose a random id (a UUID).".to_string(),
            );
        }
        if let Some(problem) = id_problem(&id) {
            return ("field-error", problem);
        }
        match checked.get() {
            Some((checked_id, result)) if checked_id == id => match result {
                Availability::Free => ("ok", format!("{id} is available.")),
                Availability::Taken(space) => (
                    "field-error",
                    format!(
                        "A connector in space {space} already has the id {id}; ids are unique across spaces."
                    ),
                ),
                Availability::Unknown(why) => (
                    "muted",
                    format!(
                        "Could not check the id ({why}); saving will still refuse one that is taken."
                    ),
                ),
            },
            _ => ("muted", "Checking…".to_string()),
        }
    };
    view! {
        <fieldset class="id-field">
            <label>"Connector id"
                <input type="text" data-testid="field-id" maxlength=MAX_ID_LENGTH.to_string() autocomplete="off" spellcheck="false"
                    aria-describedby="id-help id-status"
                    disabled=move || choice.with(|c| c.random)
                    prop:value=move || choice.with(|c| c.id.clone())
                    on:input=move |ev| {
                        errors.update(|l| l.retain(|e| e.field != "id"));
                        let typed = event_target_value(&ev);
                        choice.update(|c| c.type_id(&typed, &name.get_untracked()));
                    }/>
            </label>
            <p class="help" id="id-help">
                {format!("Proposed from the name; lowercase letters, digits and hyphens, at most {MAX_ID_LENGTH} characters. It cannot change after saving.")}
            </p>
            <label class="inline">
                <input type="checkbox" data-testid="random-id" prop:checked=move || choice.with(|c| c.random)
                    on:change=move |ev| {
                        errors.update(|l| l.retain(|e| e.field != "id"));
                        choice.update(|c| c.random = event_target_checked(&ev));
                    }/>
                "Use a random id"
            </label>
            <p id="id-status" data-testid="id-status" aria-live="polite" class=move || status().0>{move || status().1}</p>
            <super::FieldErrorText field="id" errors=errors/>
        </fieldset>
    }
}
