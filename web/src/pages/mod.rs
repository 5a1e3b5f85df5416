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
