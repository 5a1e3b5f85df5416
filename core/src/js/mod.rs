//! JavaScript/TypeScript bindings (feature `js`): `new Kibana(url, options)`, `client.actions.*`,
//! `client.space(id)`, `client.spaces.*`. Data keeps Kibana's wire shape (snake_case), so
//! Kibana's docs apply as written. TypeScript declarations come from the Rust types (tsify).
//!
//! Errors are thrown as JS `Error`s whose `name` tells the kind (`NotFoundError`,
//! `ConflictError`, `BadRequestError`, `SpaceNotFoundError`, ...) with `statusCode`, `body`
//! and `spaceId` where they apply.

mod actions;
mod bulk;
mod bulk_types;
mod client;
mod error;
mod spaces;
mod types;

pub use actions::JsActions;
pub use bulk::JsBulk;
pub use client::JsKibana;
pub use spaces::JsSpaces;

use serde::Serialize;
use wasm_bindgen::JsValue;

/// Converts a result to a plain JS object (objects, not `Map`s).
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| {
            error::to_js_error(&crate::Error::Decode {
                path: ".".into(),
                message: e.to_string(),
            })
        })
}

/// Reads a typed JS argument; a wrong shape is an `InvalidConfigError` naming the argument.
pub(crate) fn from_ts<T>(value: &tsify::Ts<T>, what: &str) -> Result<T, JsValue>
where
    T: tsify::Tsify + serde::de::DeserializeOwned,
    T::JsType: Clone,
{
    value.to_rust().map_err(|e| {
        error::to_js_error(&crate::Error::InvalidConfig(format!("invalid {what}: {e}")))
    })
}
