//! The connectors of one space: `/d/:deployment/s/:space/connectors`.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::components::{ConnectorList, SpaceSwitcher};
use crate::data::{use_list_types, use_spaces};
use crate::forms::table_query::{Row, Rows};
use crate::routes;
use crate::state::{use_app_state, use_deployment, use_space};

/// Lists a space's connectors, with a space switcher; the list does the rest.
#[component]
pub fn ConnectorsPage() -> impl IntoView {
    let state = use_app_state();
    let space = use_space();
    let dep = use_deployment();
    let navigate = use_navigate();

    let connectors = LocalResource::new(move || {
        let client = state.connected();
        let space = space.get();
        let deployment = dep.get();
        state.changed.track();
        async move {
            let list = client?.space(&space)?.actions().get_all().await?;
            Ok(Rows::new(Row::all_in(&deployment, &space, list)))
        }
    });
    let types = use_list_types();
    let spaces = use_spaces();
    let on_space = Callback::new(move |id: String| {
        navigate(
            &routes::connectors(&dep.get_untracked(), &id),
            Default::default(),
        )
    });

    view! {
        <Show when=move || state.client.get().is_some() fallback=super::to_connect>
            <section class="panel">
                <div class="toolbar">
                    <h1>"Connectors"</h1>
                    <SpaceSwitcher spaces=Signal::derive(move || spaces.get().unwrap_or_default()) current=space on_change=on_space/>
                    <a class="button" data-testid="create" href=move || routes::new_connector(&dep.get(), &space.get())>"Create connector"</a>
                </div>
                // A new space gets a fresh list (selection, filters, results).
                {move || {
                    space.track();
                    view! {
                        <ConnectorList rows=Signal::derive(move || connectors.get()) types=types
                            show_space=false on_changed=Callback::new(move |()| connectors.refetch())/>
                    }
                }}
            </section>
        </Show>
    }
}
