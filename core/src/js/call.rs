//! The one way every JS method runs: decode its argument (a wrong shape rejects with an
//! `InvalidConfigError` naming the argument and field), scope the client to the request's
//! `space_id`, await the work, and resolve with the result as a plain JS object or reject
//! with the typed JS error.

use std::any::TypeId;

use serde::Serialize;
use serde::de::DeserializeOwned;
use tsify::Ts;
use wasm_bindgen::JsValue;

use super::error::to_js_error;
use crate::{Error, Kibana};

/// A JS method's argument, decoded into its Rust value.
pub(crate) trait JsArg {
    /// What the work receives.
    type Value: InSpace + 'static;
    /// Decodes; `what` names the argument in the error.
    fn decode(self, what: &str) -> Result<Self::Value, JsValue>;
}

impl<T> JsArg for Ts<T>
where
    T: tsify::Tsify + DeserializeOwned + InSpace + 'static,
    T::JsType: Clone,
{
    type Value = T;
    fn decode(self, what: &str) -> Result<T, JsValue> {
        from_ts(&self, what)
    }
}

/// An optional argument: absent means the type's default (no `space_id`, default options).
impl<T> JsArg for Option<Ts<T>>
where
    T: tsify::Tsify + DeserializeOwned + InSpace + Default + 'static,
    T::JsType: Clone,
{
    type Value = T;
    fn decode(self, what: &str) -> Result<T, JsValue> {
        self.map_or_else(|| Ok(T::default()), |arg| from_ts(&arg, what))
    }
}

/// A plain string argument (an id): nothing to decode.
impl JsArg for String {
    type Value = String;
    fn decode(self, _: &str) -> Result<String, JsValue> {
        Ok(self)
    }
}

/// No argument.
impl JsArg for () {
    type Value = ();
    fn decode(self, _: &str) -> Result<(), JsValue> {
        Ok(())
    }
}

/// The space a request names with `space_id`; `None` keeps the client's own.
pub(crate) trait InSpace {
    /// The request's `space_id`, if it has one.
    fn space_id(&self) -> Option<&str> {
        None
    }
}

impl InSpace for String {}
impl InSpace for () {}

/// Implements [`InSpace`] for request types with a `space_id: Option<String>` field.
macro_rules! in_space {
    ($($t:ty),* $(,)?) => {$(
        impl $crate::js::call::InSpace for $t {
            fn space_id(&self) -> Option<&str> {
                self.space_id.as_deref()
            }
        }
    )*};
}
pub(crate) use in_space;

/// Implements [`InSpace`] for request types that run in the client's space (or in the spaces
/// they list themselves).
macro_rules! client_space {
    ($($t:ty),* $(,)?) => {$(
        impl $crate::js::call::InSpace for $t {}
    )*};
}
pub(crate) use client_space;

/// Runs `work` on the client scoped to the argument's space; see the module doc.
///
/// Only decoding and encoding depend on the types; scoping, spawning and error mapping are
/// shared code (each generic instance would otherwise carry its own copy: the package's size
/// budget is tight).
pub(crate) fn call<A, T, F, Fut>(kb: &Kibana, what: &str, arg: A, work: F) -> js_sys::Promise
where
    A: JsArg,
    T: Serialize + 'static,
    F: FnOnce(Kibana, A::Value) -> Fut + 'static,
    Fut: std::future::Future<Output = Result<T, Error>> + 'static,
{
    let value = match arg.decode(what) {
        Ok(v) => v,
        Err(e) => return js_sys::Promise::reject(&e),
    };
    let kb = match scoped(kb, value.space_id()) {
        Ok(kb) => kb,
        Err(e) => return js_sys::Promise::reject(&e),
    };
    let future = work(kb, value);
    spawn(Box::pin(async move { encode(future.await) }))
}

/// The client for the request's space, or a clone of this one.
fn scoped(kb: &Kibana, space_id: Option<&str>) -> Result<Kibana, JsValue> {
    match space_id {
        Some(id) => kb.space(id).map_err(|e| to_js_error(&e)),
        None => Ok(kb.clone()),
    }
}

/// A result as the promise settles with it: `Promise<void>` resolves with undefined (not
/// JSON's null), errors become the typed JS error.
fn encode<T: Serialize + 'static>(result: Result<T, Error>) -> Result<JsValue, JsValue> {
    match result {
        Ok(_) if TypeId::of::<T>() == TypeId::of::<()>() => Ok(JsValue::UNDEFINED),
        Ok(value) => to_js(&value),
        Err(e) => Err(to_js_error(&e)),
    }
}

/// Runs boxed work as a promise: one `future_to_promise` instance for every method.
fn spawn(work: Work) -> js_sys::Promise {
    wasm_bindgen_futures::future_to_promise(work)
}

type Work = std::pin::Pin<Box<dyn std::future::Future<Output = Result<JsValue, JsValue>>>>;

/// Converts a result to a plain JS object (objects, not `Map`s).
///
/// Through JSON text and the browser's `JSON.parse`: one boundary crossing instead of one per
/// field, which keeps the client's per-call cost near a bare `fetch` + `response.json()`.
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let decode_error = |message: String| {
        to_js_error(&Error::Decode {
            path: ".".into(),
            message,
        })
    };
    let text = serde_json::to_string(value).map_err(|e| decode_error(e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|_| decode_error("not representable in JSON".into()))
}

/// Reads a typed JS argument; a wrong shape is an `InvalidConfigError` naming the argument
/// and the field. Through `JSON.stringify`, like [`to_js`].
pub(crate) fn from_ts<T>(value: &Ts<T>, what: &str) -> Result<T, JsValue>
where
    T: tsify::Tsify + DeserializeOwned,
    T::JsType: Clone,
{
    let invalid =
        |message: String| to_js_error(&Error::InvalidConfig(format!("invalid {what}: {message}")));
    let text = js_sys::JSON::stringify(&value.js_value())
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| invalid("not representable in JSON".into()))?;
    // serde_json's own message names the field (`missing field `name``); path tracking here
    // would double the decoding code of every argument type.
    serde_json::from_str::<T>(&text).map_err(|e| invalid(e.to_string()))
}
