//! `client.actions.*`.

use serde_json::Value;
use wasm_bindgen::prelude::*;

use super::bulk_types::{TrialReport, TrialRunRequest};
use super::error::to_js_error;
use super::types::{
    ConnectorRef, CreateConnectorRequest, ExecuteConnectorRequest, ListTypesRequest, SpaceRef,
    UpdateConnectorRequest,
};
use super::{from_ts, to_js};
use crate::bulk::ErrorReport;
use crate::{CreateConnector, Error, Kibana, Secrets, UpdateConnector};
use tsify::Ts;

/// Connector operations; every call may name another `space_id`.
#[wasm_bindgen(js_name = Actions)]
#[derive(Debug, Clone)]
pub struct JsActions {
    kb: Kibana,
}

impl JsActions {
    pub(crate) fn new(kb: Kibana) -> Self {
        JsActions { kb }
    }
}

/// The client for `space_id`, or this one.
fn scoped(kb: &Kibana, space_id: Option<&str>) -> Result<Kibana, Error> {
    match space_id {
        Some(id) => kb.space(id),
        None => Ok(kb.clone()),
    }
}

/// Runs `f` on the scoped client and resolves with its JSON result.
fn promise<T, F, Fut>(kb: Kibana, space_id: Option<String>, f: F) -> js_sys::Promise
where
    T: serde::Serialize,
    F: FnOnce(Kibana) -> Fut + 'static,
    Fut: std::future::Future<Output = Result<T, Error>> + 'static,
{
    super::spawn(Box::pin(async move {
        let kb = scoped(&kb, space_id.as_deref()).map_err(|e| to_js_error(&e))?;
        let value = f(kb).await.map_err(|e| to_js_error(&e))?;
        to_js(&value)
    }))
}

/// A rejected promise for a bad argument.
fn rejected(e: JsValue) -> js_sys::Promise {
    js_sys::Promise::reject(&e)
}

#[wasm_bindgen(js_class = Actions)]
impl JsActions {
    /// `POST /api/actions/connector[/{id}]`: creates a connector (random id unless `id` is given).
    #[wasm_bindgen(unchecked_return_type = "Promise<Connector>")]
    pub fn create(&self, request: Ts<CreateConnectorRequest>) -> js_sys::Promise {
        let r: CreateConnectorRequest = match from_ts(&request, "create request") {
            Ok(r) => r,
            Err(e) => return rejected(e),
        };
        let body = CreateConnector {
            name: r.name,
            connector_type_id: r.connector_type_id,
            config: r.config,
            secrets: Secrets(r.secrets),
        };
        promise(self.kb.clone(), r.space_id, move |kb| async move {
            match r.id {
                Some(id) => kb.actions().create_with_id(&id, &body).await,
                None => kb.actions().create(&body).await,
            }
        })
    }

    /// `GET /api/actions/connector/{id}`.
    #[wasm_bindgen(unchecked_return_type = "Promise<Connector>")]
    pub fn get(&self, request: Ts<ConnectorRef>) -> js_sys::Promise {
        let r: ConnectorRef = match from_ts(&request, "get request") {
            Ok(r) => r,
            Err(e) => return rejected(e),
        };
        promise(self.kb.clone(), r.space_id, move |kb| async move {
            kb.actions().get(&r.id).await
        })
    }

    /// `GET /api/actions/connectors`: the space's connectors plus preconfigured ones, sorted by name.
    #[wasm_bindgen(js_name = getAll, unchecked_return_type = "Promise<Connector[]>")]
    pub fn get_all(&self, request: Option<Ts<SpaceRef>>) -> js_sys::Promise {
        let r = match request.map(|r| from_ts(&r, "request")).transpose() {
            Ok(r) => r.unwrap_or_default(),
            Err(e) => return rejected(e),
        };
        promise(self.kb.clone(), r.space_id, |kb| async move {
            kb.actions().get_all().await
        })
    }

    /// `GET /api/actions/connector_types[?feature_id=]`.
    #[wasm_bindgen(js_name = listTypes, unchecked_return_type = "Promise<ConnectorType[]>")]
    pub fn list_types(&self, request: Option<Ts<ListTypesRequest>>) -> js_sys::Promise {
        let r = match request.map(|r| from_ts(&r, "request")).transpose() {
            Ok(r) => r.unwrap_or_default(),
            Err(e) => return rejected(e),
        };
        promise(self.kb.clone(), r.space_id, move |kb| async move {
            match r.feature_id {
                Some(f) => kb.actions().list_types_for_feature(&f).await,
                None => kb.actions().list_types().await,
            }
        })
    }

    /// `PUT /api/actions/connector/{id}`: a full replace; secrets must be sent again.
    #[wasm_bindgen(unchecked_return_type = "Promise<Connector>")]
    pub fn update(&self, request: Ts<UpdateConnectorRequest>) -> js_sys::Promise {
        let r: UpdateConnectorRequest = match from_ts(&request, "update request") {
            Ok(r) => r,
            Err(e) => return rejected(e),
        };
        let body = UpdateConnector {
            name: r.name,
            config: r.config,
            secrets: Secrets(r.secrets),
        };
        promise(self.kb.clone(), r.space_id, move |kb| async move {
            kb.actions().update(&r.id, &body).await
        })
    }

    /// `DELETE /api/actions/connector/{id}`.
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn delete(&self, request: Ts<ConnectorRef>) -> js_sys::Promise {
        let r: ConnectorRef = match from_ts(&request, "delete request") {
            Ok(r) => r,
            Err(e) => return rejected(e),
        };
        let kb = self.kb.clone();
        super::spawn(Box::pin(async move {
            let kb = scoped(&kb, r.space_id.as_deref()).map_err(|e| to_js_error(&e))?;
            kb.actions()
                .delete(&r.id)
                .await
                .map_err(|e| to_js_error(&e))?;
            Ok(JsValue::UNDEFINED)
        }))
    }

    /// `POST /api/actions/connector/{id}/_execute`: resolves with Kibana's result, also when the
    /// connector failed (`status: "error"`); Kibana answers 200 either way.
    #[wasm_bindgen(unchecked_return_type = "Promise<ExecuteResult>")]
    pub fn execute(&self, request: Ts<ExecuteConnectorRequest>) -> js_sys::Promise {
        let r: ExecuteConnectorRequest = match from_ts(&request, "execute request") {
            Ok(r) => r,
            Err(e) => return rejected(e),
        };
        promise(self.kb.clone(), r.space_id, move |kb| async move {
            kb.actions().execute(&r.id, Value::Object(r.params)).await
        })
    }

    /// Runs a connector without keeping it: creates a temporary one, executes it with
    /// `params`, and always deletes it. Rejects only when the temporary connector cannot be
    /// created (e.g. `BadRequestError` for a bad config); nothing is left behind then.
    #[wasm_bindgen(js_name = trialRun, unchecked_return_type = "Promise<TrialReport>")]
    pub fn trial_run(&self, request: Ts<TrialRunRequest>) -> js_sys::Promise {
        let r: TrialRunRequest = match from_ts(&request, "trialRun request") {
            Ok(r) => r,
            Err(e) => return rejected(e),
        };
        let body = CreateConnector {
            name: r.name,
            connector_type_id: r.connector_type_id,
            config: r.config,
            secrets: Secrets(r.secrets),
        };
        promise(self.kb.clone(), r.space_id, move |kb| async move {
            let trial = kb
                .actions()
                .trial_run(&body, Value::Object(r.params))
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
        })
    }

    /// Deletes temporary connectors that interrupted trials left in the space; resolves with
    /// their ids.
    #[wasm_bindgen(js_name = sweepTrials, unchecked_return_type = "Promise<string[]>")]
    pub fn sweep_trials(&self, request: Option<Ts<SpaceRef>>) -> js_sys::Promise {
        let r = match request.map(|r| from_ts(&r, "request")).transpose() {
            Ok(r) => r.unwrap_or_default(),
            Err(e) => return rejected(e),
        };
        promise(self.kb.clone(), r.space_id, |kb| async move {
            kb.actions().sweep_trials().await
        })
    }
}
