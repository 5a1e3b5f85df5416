//! `client.rotateCandidates(...)` and `client.rotate(...)`: new secrets for many connectors,
//! over [`Bulk::rotate_candidates`](crate::bulk::Bulk::rotate_candidates) and
//! [`Bulk::rotate`](crate::bulk::Bulk::rotate).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use super::bulk::{bulk, progress_fn};
use super::bulk_types::TargetRef;
use super::call::{call, client_space};
use super::client::JsKibana;
use crate::Secrets;
use crate::bulk::{ErrorReport, RotateSelection, RotatedState, Target};

client_space!(RotateSelection, RotateRequest);

/// A connector a selection chose.
#[derive(Debug, Serialize, Tsify)]
pub struct RotateCandidate {
    /// Its space.
    pub space_id: String,
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its type.
    pub connector_type_id: String,
}

/// `client.rotate(...)`.
#[derive(Debug, Deserialize, Tsify)]
pub struct RotateRequest {
    /// The connectors to rotate (e.g. from `rotateCandidates`).
    pub targets: Vec<TargetRef>,
    /// The new secrets, by key: every secret the connectors use (Kibana's update replaces
    /// them all).
    #[tsify(type = "Record<string, string>")]
    pub secrets: BTreeMap<String, String>,
    /// Requests at once (default 6).
    #[tsify(optional)]
    pub concurrency: Option<usize>,
}

/// What rotating one connector did.
#[derive(Debug, Serialize, Tsify)]
pub struct RotateReport {
    /// The space.
    pub space_id: String,
    /// The connector id.
    pub id: String,
    /// Its name, when it was read.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub name: Option<String>,
    /// `new`: rotated; `old`: untouched; `unknown`: the answer was lost (rotate it again).
    pub state: RotatedState,
    /// Why it is not `new`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub error: Option<ErrorReport>,
}

#[wasm_bindgen(js_class = Kibana)]
impl JsKibana {
    /// The connectors a selection chooses (types, a name glob, spaces), preconfigured ones
    /// never: `GET /api/spaces/space`, then `GET /s/{space}/api/actions/connectors` per space.
    #[wasm_bindgen(js_name = rotateCandidates, unchecked_return_type = "Promise<RotateCandidate[]>")]
    pub fn rotate_candidates(&self, selection: Option<Ts<RotateSelection>>) -> js_sys::Promise {
        call(
            &self.inner,
            "rotate selection",
            selection,
            |kb, s| async move {
                let chosen = kb.bulk().rotate_candidates(&s).await?;
                Ok(chosen
                    .into_iter()
                    .map(|(space_id, c)| RotateCandidate {
                        space_id,
                        id: c.id,
                        name: c.name,
                        connector_type_id: c.connector_type_id,
                    })
                    .collect::<Vec<_>>())
            },
        )
    }

    /// Writes new secrets to every target, keeping its name and config (`GET`, then `PUT
    /// /s/{space}/api/actions/connector/{id}`), `concurrency` at a time, with progress; one
    /// report per target saying whether it now has the old or the new secrets.
    #[wasm_bindgen(unchecked_return_type = "Promise<RotateReport[]>")]
    pub fn rotate(
        &self,
        request: Ts<RotateRequest>,
        #[wasm_bindgen(js_name = onProgress, unchecked_optional_param_type = "(p: {done: number, total: number}) => void")]
        on_progress: Option<js_sys::Function>,
    ) -> js_sys::Promise {
        call(&self.inner, "rotate request", request, |kb, r| async move {
            if r.secrets.is_empty() {
                return Err(crate::Error::InvalidConfig(
                    "rotate needs at least one secret".into(),
                ));
            }
            let targets: Vec<Target> = r
                .targets
                .into_iter()
                .map(|t| Target {
                    space_id: t.space_id,
                    id: t.id,
                })
                .collect();
            let secrets = Secrets(
                r.secrets
                    .into_iter()
                    .map(|(k, v)| (k, serde_json::Value::String(v)))
                    .collect(),
            );
            let progress = progress_fn(on_progress);
            let results = bulk(&kb, r.concurrency)
                .rotate(&targets, &secrets, &progress)
                .await;
            Ok(results
                .into_iter()
                .map(|r| RotateReport {
                    space_id: r.space_id,
                    id: r.id,
                    name: r.name,
                    state: r.state,
                    error: r.error.as_ref().map(ErrorReport::from),
                })
                .collect::<Vec<_>>())
        })
    }
}
