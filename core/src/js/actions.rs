//! `client.actions.*`: the Connectors API, each call in the client's space or the `space_id`
//! it names.

use serde_json::Value;
use tsify::Ts;
use wasm_bindgen::prelude::*;

use super::bulk_types::{TrialReport, TrialRunRequest};
use super::call::{call, in_space};
use super::types::{
    ConnectorRef, CreateConnectorRequest, ExecuteConnectorRequest, ListTypesRequest, SpaceRef,
    UpdateConnectorRequest,
};
use crate::bulk::ErrorReport;
use crate::{Kibana, Secrets, UpdateConnector};

in_space!(
    CreateConnectorRequest,
    ConnectorRef,
    SpaceRef,
    ListTypesRequest,
    UpdateConnectorRequest,
    ExecuteConnectorRequest,
    TrialRunRequest,
);

/// Connector operations; every call may name another `space_id`.
#[wasm_bindgen(js_name = Actions)]
#[derive(Debug, Clone)]
pub struct JsActions {
    inner: Kibana,
}

impl JsActions {
    pub(crate) fn new(inner: Kibana) -> Self {
        JsActions { inner }
    }
}

#[wasm_bindgen(js_class = Actions)]
impl JsActions {
    /// `POST /api/actions/connector[/{id}]`: creates a connector (random id unless `id` is given).
    #[wasm_bindgen(unchecked_return_type = "Promise<Connector>")]
    pub fn create(&self, request: Ts<CreateConnectorRequest>) -> js_sys::Promise {
        call(&self.inner, "create request", request, |kb, r| async move {
            let body = r.connector.into();
            match r.id {
                Some(id) => kb.actions().create_with_id(&id, &body).await,
                None => kb.actions().create(&body).await,
            }
        })
    }

    /// `GET /api/actions/connector/{id}`.
    #[wasm_bindgen(unchecked_return_type = "Promise<Connector>")]
    pub fn get(&self, request: Ts<ConnectorRef>) -> js_sys::Promise {
        call(&self.inner, "get request", request, |kb, r| async move {
            kb.actions().get(&r.id).await
        })
    }

    /// `HEAD /api/actions/connector/{id}`: whether the id is taken in the space (ids are
    /// global: check every space before choosing one).
    #[wasm_bindgen(unchecked_return_type = "Promise<boolean>")]
    pub fn exists(&self, request: Ts<ConnectorRef>) -> js_sys::Promise {
        call(&self.inner, "exists request", request, |kb, r| async move {
            kb.actions().exists(&r.id).await
        })
    }

    /// `GET /api/actions/connectors`: the space's connectors plus preconfigured ones, sorted by name.
    #[wasm_bindgen(js_name = getAll, unchecked_return_type = "Promise<Connector[]>")]
    pub fn get_all(&self, request: Option<Ts<SpaceRef>>) -> js_sys::Promise {
        call(&self.inner, "request", request, |kb, _| async move {
            kb.actions().get_all().await
        })
    }

    /// `GET /api/actions/connector_types[?feature_id=]`.
    #[wasm_bindgen(js_name = listTypes, unchecked_return_type = "Promise<ConnectorType[]>")]
    pub fn list_types(&self, request: Option<Ts<ListTypesRequest>>) -> js_sys::Promise {
        call(&self.inner, "request", request, |kb, r| async move {
            match r.feature_id {
                Some(f) => kb.actions().list_types_for_feature(&f).await,
                None => kb.actions().list_types().await,
            }
        })
    }

    /// `PUT /api/actions/connector/{id}`: a full replace; secrets must be sent again.
    #[wasm_bindgen(unchecked_return_type = "Promise<Connector>")]
    pub fn update(&self, request: Ts<UpdateConnectorRequest>) -> js_sys::Promise {
        call(&self.inner, "update request", request, |kb, r| async move {
            let body = UpdateConnector {
                name: r.name,
                config: r.config,
                secrets: Secrets(r.secrets),
            };
            kb.actions().update(&r.id, &body).await
        })
    }

    /// `DELETE /api/actions/connector/{id}`.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn delete(&self, request: Ts<ConnectorRef>) -> js_sys::Promise {
        call(&self.inner, "delete request", request, |kb, r| async move {
            kb.actions().delete(&r.id).await
        })
    }

    /// `POST /api/actions/connector/{id}/_execute`: resolves with Kibana's result, also when the
    /// connector failed (`status: "error"`); Kibana answers 200 either way.
    #[wasm_bindgen(unchecked_return_type = "Promise<ExecuteResult>")]
    pub fn execute(&self, request: Ts<ExecuteConnectorRequest>) -> js_sys::Promise {
        call(
            &self.inner,
            "execute request",
            request,
            |kb, r| async move { kb.actions().execute(&r.id, Value::Object(r.params)).await },
        )
    }

    /// Runs a connector without keeping it: creates a temporary one, executes it with
    /// `params`, and always deletes it. Rejects only when the temporary connector cannot be
    /// created (e.g. `BadRequestError` for a bad config); nothing is left behind then.
    #[wasm_bindgen(js_name = trialRun, unchecked_return_type = "Promise<TrialReport>")]
    pub fn trial_run(&self, request: Ts<TrialRunRequest>) -> js_sys::Promise {
        call(
            &self.inner,
            "trialRun request",
            request,
            |kb, r| async move {
                let trial = kb
                    .actions()
                    .trial_run(&r.connector.into(), Value::Object(r.params))
                    .await?;
                let (result, error) = match trial.run {
                    Ok(res) => (Some(res), None),
                    Err(e) => (None, Some(ErrorReport::from(&e))),
                };
                Ok(TrialReport {
                    connector_id: trial.connector_id,
                    result,
                    error,
                    cleaned_up: trial.cleanup.is_ok(),
                })
            },
        )
    }

    /// Deletes temporary connectors that interrupted trials left in the space; resolves with
    /// their ids.
    #[wasm_bindgen(js_name = sweepTrials, unchecked_return_type = "Promise<string[]>")]
    pub fn sweep_trials(&self, request: Option<Ts<SpaceRef>>) -> js_sys::Promise {
        call(&self.inner, "request", request, |kb, _| async move {
            kb.actions().sweep_trials().await
        })
    }
}
