//! Screens: each owns its route, its data loading (through `LocalResource`, with the shared
//! loads in `crate::data`) and its mutations (through `Action::new_local`); errors go to
//! `ErrorView` as the client's typed errors. Pieces more than one screen shows live in
//! `crate::components`.

mod connect;
mod connector;
mod connectors;
mod create;
mod inventory;
mod promote;
mod rotate;
mod transfer;

pub use connect::ConnectPage;
pub use connector::ConnectorPage;
pub use connectors::ConnectorsPage;
pub use create::CreatePage;
pub use inventory::InventoryPage;
pub use promote::PromotePage;
pub use rotate::RotatePage;
pub use transfer::TransferPage;

use leptos::prelude::*;

use crate::routes;

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
    // A page of a deployment that is not connected (a reload without a remembered secret)
    // opens the form for that deployment.
    let deployment = leptos_router::hooks::use_params_map()
        .get_untracked()
        .get("deployment");
    let to = match deployment {
        Some(name) => routes::connect_deployment_then(&name, &here),
        None => routes::connect_then(&here),
    };
    view! { <leptos_router::components::Redirect path=to/> }
}
