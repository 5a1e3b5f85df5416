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
///
/// Through JSON text and the browser's `JSON.parse`: one boundary crossing instead of one per
/// field, which keeps the client's per-call cost near a bare `fetch` + `response.json()`.
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let decode_error = |message: String| {
        error::to_js_error(&crate::Error::Decode {
            path: ".".into(),
            message,
        })
    };
    let text = serde_json::to_string(value).map_err(|e| decode_error(e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|_| decode_error("not representable in JSON".into()))
}

/// Reads a typed JS argument; a wrong shape is an `InvalidConfigError` naming the argument
/// and the field. Through `JSON.stringify`, like [`to_js`].
pub(crate) fn from_ts<T>(value: &tsify::Ts<T>, what: &str) -> Result<T, JsValue>
where
    T: tsify::Tsify + serde::de::DeserializeOwned,
    T::JsType: Clone,
{
    let invalid = |message: String| {
        error::to_js_error(&crate::Error::InvalidConfig(format!(
            "invalid {what}: {message}"
        )))
    };
    let text = js_sys::JSON::stringify(&value.js_value())
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| invalid("not representable in JSON".into()))?;
    // serde_json's own message names the field (`missing field `name``); path tracking here
    // would double the decoding code of every argument type.
    serde_json::from_str::<T>(&text).map_err(|e| invalid(e.to_string()))
}

/// A JS call's work, boxed so that every method shares one `future_to_promise` instance
/// (each generic instance carried its own copy of the polling code; boxing keeps the package
/// small).
pub(crate) type Work =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<JsValue, JsValue>>>>;

/// Runs boxed work as a JS promise.
pub(crate) fn spawn(work: Work) -> js_sys::Promise {
    wasm_bindgen_futures::future_to_promise(work)
}
