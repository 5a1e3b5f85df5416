//! `client.spaces.*` (spaces are global).

use wasm_bindgen::prelude::*;

use super::error::to_js_error;
use super::{from_ts, to_js};
use crate::{Kibana, Space};
use tsify::Ts;

/// The Spaces API.
#[wasm_bindgen(js_name = Spaces)]
#[derive(Debug, Clone)]
pub struct JsSpaces {
    kb: Kibana,
}

impl JsSpaces {
    pub(crate) fn new(kb: Kibana) -> Self {
        JsSpaces { kb }
    }
}

macro_rules! resolve {
    ($kb:ident, $body:expr) => {{
        let $kb = $kb;
        super::spawn(Box::pin(async move {
            to_js(&$body.await.map_err(|e| to_js_error(&e))?)
        }))
    }};
}

#[wasm_bindgen(js_class = Spaces)]
impl JsSpaces {
    /// `GET /api/spaces/space`.
    #[wasm_bindgen(js_name = getAll, unchecked_return_type = "Promise<Space[]>")]
    pub fn get_all(&self) -> js_sys::Promise {
        let kb = self.kb.clone();
        resolve!(kb, kb.spaces().get_all())
    }

    /// `GET /api/spaces/space/{id}`.
    #[wasm_bindgen(unchecked_return_type = "Promise<Space>")]
    pub fn get(&self, id: String) -> js_sys::Promise {
        let kb = self.kb.clone();
        resolve!(kb, kb.spaces().get(&id))
    }

    /// `POST /api/spaces/space`.
    #[wasm_bindgen(unchecked_return_type = "Promise<Space>")]
    pub fn create(&self, space: Ts<Space>) -> js_sys::Promise {
        let space: Space = match from_ts(&space, "space") {
            Ok(s) => s,
            Err(e) => return js_sys::Promise::reject(&e),
        };
        let kb = self.kb.clone();
        resolve!(kb, kb.spaces().create(&space))
    }

    /// `PUT /api/spaces/space/{id}` (the id comes from the space).
    #[wasm_bindgen(unchecked_return_type = "Promise<Space>")]
    pub fn update(&self, space: Ts<Space>) -> js_sys::Promise {
        let space: Space = match from_ts(&space, "space") {
            Ok(s) => s,
            Err(e) => return js_sys::Promise::reject(&e),
        };
        let kb = self.kb.clone();
        resolve!(kb, kb.spaces().update(&space))
    }

    /// `DELETE /api/spaces/space/{id}`: deletes the space and every connector in it.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn delete(&self, id: String) -> js_sys::Promise {
        let kb = self.kb.clone();
        super::spawn(Box::pin(async move {
            kb.spaces().delete(&id).await.map_err(|e| to_js_error(&e))?;
            Ok(JsValue::UNDEFINED)
        }))
    }
}
