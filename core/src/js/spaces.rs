//! `client.spaces.*`: the Spaces API (spaces are global: no call here is space-scoped).

use tsify::Ts;
use wasm_bindgen::prelude::*;

use super::call::{call, client_space};
use crate::{Kibana, Space};

client_space!(Space);

/// The Spaces API.
#[wasm_bindgen(js_name = Spaces)]
#[derive(Debug, Clone)]
pub struct JsSpaces {
    inner: Kibana,
}

impl JsSpaces {
    pub(crate) fn new(inner: Kibana) -> Self {
        JsSpaces { inner }
    }
}

#[wasm_bindgen(js_class = Spaces)]
impl JsSpaces {
    /// `GET /api/spaces/space`.
    #[wasm_bindgen(js_name = getAll, unchecked_return_type = "Promise<Space[]>")]
    pub fn get_all(&self) -> js_sys::Promise {
        call(&self.inner, "request", (), |kb, ()| async move {
            kb.spaces().get_all().await
        })
    }

    /// `GET /api/spaces/space/{id}`.
    #[wasm_bindgen(unchecked_return_type = "Promise<Space>")]
    pub fn get(&self, id: String) -> js_sys::Promise {
        call(&self.inner, "id", id, |kb, id| async move {
            kb.spaces().get(&id).await
        })
    }

    /// `POST /api/spaces/space`.
    #[wasm_bindgen(unchecked_return_type = "Promise<Space>")]
    pub fn create(&self, space: Ts<Space>) -> js_sys::Promise {
        call(&self.inner, "space", space, |kb, space| async move {
            kb.spaces().create(&space).await
        })
    }

    /// `PUT /api/spaces/space/{id}` (the id comes from the space).
    #[wasm_bindgen(unchecked_return_type = "Promise<Space>")]
    pub fn update(&self, space: Ts<Space>) -> js_sys::Promise {
        call(&self.inner, "space", space, |kb, space| async move {
            kb.spaces().update(&space).await
        })
    }

    /// `DELETE /api/spaces/space/{id}`: deletes the space and every connector in it.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn delete(&self, id: String) -> js_sys::Promise {
        call(&self.inner, "id", id, |kb, id| async move {
            kb.spaces().delete(&id).await
        })
    }
}
