//! Loads that several pages share, each a `LocalResource` on the connected client (gloo's
//! futures are not `Send`), failing with the client's typed error.

use std::collections::HashMap;

use kibana_connectors::{ConnectorType, Error, Space};
use leptos::prelude::*;

use crate::forms::type_catalog::TypeInfo;
use crate::state::use_app_state;

/// The connector types of the connected Kibana (`GET /api/actions/connector_types`).
pub fn use_connector_types() -> LocalResource<Result<Vec<ConnectorType>, Error>> {
    let state = use_app_state();
    LocalResource::new(move || {
        let client = state.connected();
        async move { client?.actions().list_types().await }
    })
}

/// A value per connector type id.
pub type TypeMap<T> = Memo<HashMap<String, T>>;

/// A per-type map from the connector types, empty until they load.
fn by_type<T: Clone + PartialEq + Send + Sync + 'static>(
    types: LocalResource<Result<Vec<ConnectorType>, Error>>,
    value: fn(ConnectorType) -> T,
) -> Memo<HashMap<String, T>> {
    Memo::new(move |_| {
        types
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|t| (t.id.clone(), value(t)))
            .collect()
    })
}

/// Type display names by type id, from [`use_connector_types`] (empty until they load; the
/// table then shows ids).
pub fn use_type_names() -> Memo<HashMap<String, String>> {
    by_type(use_connector_types(), |t| t.name)
}

/// What the connectors list knows of the types, from one load of the connector types.
#[derive(Clone, Copy)]
pub struct ListTypes {
    /// Display names by type id.
    pub names: TypeMap<String>,
    /// Features and badges by type id.
    pub info: TypeMap<TypeInfo>,
    /// Whether the load is over, loaded or failed: the list waits for it, so its table is
    /// built once with the type names rather than once with ids and again with names.
    pub settled: Signal<bool>,
}

/// [`ListTypes`] of the connected Kibana (`GET /api/actions/connector_types`).
pub fn use_list_types() -> ListTypes {
    let types = use_connector_types();
    ListTypes {
        names: by_type(types, |t| t.name),
        info: by_type(types, |t| TypeInfo::of(&t)),
        settled: Signal::derive(move || types.with(|t| t.is_some())),
    }
}

/// The spaces the caller can see (`GET /api/spaces/space`); empty when they cannot be read,
/// so the space switcher still offers the current one.
pub fn use_spaces() -> LocalResource<Vec<Space>> {
    let state = use_app_state();
    LocalResource::new(move || {
        let client = state.connected();
        async move {
            match client {
                Ok(kb) => kb.spaces().get_all().await.unwrap_or_default(),
                Err(_) => Vec::new(),
            }
        }
    })
}

/// The connected Kibana's version (`GET /api/status`), None until known or when it cannot be
/// read (the console works the same; it is shown for orientation).
pub fn use_kibana_version() -> LocalResource<Option<String>> {
    let state = use_app_state();
    LocalResource::new(move || {
        let client = state.connected();
        async move {
            let status = client.ok()?.status().await.ok()?;
            Some(status.version.number)
        }
    })
}
