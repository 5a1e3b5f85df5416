//! [`Error`] as a JS `Error` object: `name` tells the kind, with `statusCode`, `body`,
//! `spaceId`, and for failed runs `connectorId`, `serviceMessage` and `retry`.

use js_sys::Reflect;
use wasm_bindgen::JsValue;

use crate::Error;

fn set(obj: &JsValue, key: &str, value: JsValue) {
    // Setting a property on a fresh Error cannot fail.
    let _ = Reflect::set(obj, &JsValue::from_str(key), &value);
}

/// Builds the thrown value.
pub(crate) fn to_js_error(e: &Error) -> JsValue {
    let err: JsValue = js_sys::Error::new(&e.to_string()).into();
    set(&err, "name", e.kind().into());
    if let Some(api) = e.api() {
        set(&err, "statusCode", api.status.into());
        set(&err, "body", api.body.clone().into());
        set(&err, "spaceId", api.space_id.clone().into());
        set(&err, "kibanaMessage", api.message.clone().into());
    }
    match e {
        Error::SpaceNotFound { space_id } | Error::InvalidSpaceId { space_id, .. } => {
            set(&err, "spaceId", space_id.clone().into())
        }
        Error::Execution {
            connector_id,
            service_message,
            retry,
            ..
        } => {
            set(&err, "connectorId", connector_id.clone().into());
            if let Some(m) = service_message {
                set(&err, "serviceMessage", m.clone().into());
            }
            let retry = match retry {
                Some(crate::Retry::Flag(b)) => JsValue::from_bool(*b),
                Some(crate::Retry::At(at)) => at.clone().into(),
                None => JsValue::NULL,
            };
            set(&err, "retry", retry);
        }
        Error::Decode { path, .. } => set(&err, "path", path.clone().into()),
        _ => {}
    }
    err
}
