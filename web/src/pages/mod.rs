//! Screens: each owns its route and its data loading.

mod connect;
mod connector;
mod connector_list;
mod connectors;
mod create;
mod inventory;
mod transfer;
mod trial;

pub use connect::ConnectPage;
pub use connector::ConnectorPage;
pub use connectors::ConnectorsPage;
pub use create::CreatePage;
pub use inventory::InventoryPage;
pub use transfer::TransferPage;

use kibana_connectors::ConnectorType;
use leptos::prelude::*;

use crate::state::use_app_state;

/// The connector types of the connected Kibana (`GET /api/actions/connector_types`).
fn use_connector_types() -> LocalResource<Result<Vec<ConnectorType>, String>> {
    let state = use_app_state();
    LocalResource::new(move || {
        let client = state.client.get();
        async move {
            match client {
                Some(kb) => kb.actions().list_types().await.map_err(|e| e.to_string()),
                None => Err("not connected".to_string()),
            }
        }
    })
}

/// Sends a visitor without a connection to `/connect`, remembering where they were going, so a
/// reload (when the secret was not remembered) comes back to the same place after connecting.
fn to_connect() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let search = location.search.get_untracked();
    let search = search.trim_start_matches('?');
    let path = location.pathname.get_untracked();
    let here = if search.is_empty() {
        path
    } else {
        format!("{path}?{search}")
    };
    let next = js_sys::encode_uri_component(&here);
    view! { <leptos_router::components::Redirect path=format!("/connect?next={next}")/> }
}
