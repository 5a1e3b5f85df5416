//! `client.plan(...)` and `client.apply(...)`: connectors as code from JavaScript, over
//! [`Bulk::plan`](crate::bulk::Bulk::plan) and [`Bulk::apply`](crate::bulk::Bulk::apply).
//! Secret references resolve from the `secrets` map the caller passes (`{"$env": "NAME"}`
//! reads `secrets.NAME`; the CLI passes `process.env`), so values never travel in the set.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use super::bulk::{bulk, progress_fn};
use super::bulk_types::{ItemReport, reports};
use super::call::{call, client_space};
use super::client::JsKibana;
use crate::bulk::ErrorReport;
use crate::plan::{
    BlockedReason, DesiredConnector, DesiredSet, FieldChange, Plan, PlanAction, PlanOptions,
    SecretSource,
};

/// `client.plan(...)` and `client.apply(...)`.
#[derive(Debug, Deserialize, Tsify)]
pub struct PlanRequest {
    /// The desired set (`format: "kibana-connectors/desired@1"`), or an export file
    /// (`kibana-connectors/set@1`, its secret keys read as `$KC_<ID>_<KEY>`), as an object or
    /// the file's text.
    #[tsify(type = "DesiredSet | ConnectorSet | string")]
    pub set: serde_json::Value,
    /// Only these spaces of the set (default: every space it names).
    #[serde(default)]
    #[tsify(optional)]
    pub spaces: Vec<String>,
    /// Delete connectors of the covered spaces that the set does not name.
    #[serde(default)]
    #[tsify(optional)]
    pub prune: bool,
    /// Values for `{"$env": NAME}` references, by NAME (e.g. `process.env`).
    #[serde(default)]
    #[tsify(optional, type = "Record<string, string>")]
    pub secrets: BTreeMap<String, String>,
    /// Requests at once while applying (default 6).
    #[tsify(optional)]
    pub concurrency: Option<usize>,
}

client_space!(PlanRequest, ExportDesiredRequest);

/// `client.exportDesired(...)`.
#[derive(Debug, Default, Deserialize, Tsify)]
pub struct ExportDesiredRequest {
    /// Only these spaces (default: every space).
    #[serde(default)]
    #[tsify(optional)]
    pub spaces: Vec<String>,
    /// Requests at once (default 6).
    #[tsify(optional)]
    pub concurrency: Option<usize>,
}

/// `client.exportDesired(...)`'s answer.
#[derive(Debug, Serialize, Tsify)]
pub struct ExportDesiredReport {
    /// The set, secrets as `{"$env": "KC_<ID>_<KEY>"}` references.
    pub set: DesiredSet,
    /// Spaces whose connectors could not be read (left out of the set).
    pub failed_spaces: Vec<FailedSpace>,
}

/// A space an export could not read.
#[derive(Debug, Serialize, Tsify)]
pub struct FailedSpace {
    /// The space id.
    pub space_id: String,
    /// Why.
    pub error: ErrorReport,
}

/// Decodes the `set` of a request from an object or a file's text.
fn desired_set(set: &serde_json::Value) -> Result<DesiredSet, crate::Error> {
    match set {
        serde_json::Value::String(text) => DesiredSet::from_json(text),
        other => DesiredSet::from_json(&other.to_string()),
    }
}

/// A plan as JavaScript sees it.
#[derive(Debug, Serialize, Tsify)]
pub struct PlanReport {
    /// One item per connector, spaces in order, then ids.
    pub items: Vec<PlanItemReport>,
    /// Whether applying would change nothing (blocked items aside).
    pub empty: bool,
}

/// One connector of a plan, flat (what `--json` prints too).
#[derive(Debug, Serialize, Tsify)]
pub struct PlanItemReport {
    /// The space.
    pub space_id: String,
    /// The connector id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its type.
    pub connector_type_id: String,
    /// `create`, `update`, `delete`, `unchanged` or `blocked`.
    #[tsify(type = "\"create\" | \"update\" | \"delete\" | \"unchanged\" | \"blocked\"")]
    pub action: &'static str,
    /// For an update: what differs.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub changes: Option<Vec<FieldChange>>,
    /// For a blocked item: why.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub reason: Option<BlockedReason>,
}

impl From<Plan> for PlanReport {
    fn from(plan: Plan) -> Self {
        let empty = plan.is_empty();
        let items = plan
            .items
            .into_iter()
            .map(|i| {
                let (action, changes, reason) = match i.action {
                    PlanAction::Create => ("create", None, None),
                    PlanAction::Update { changes } => ("update", Some(changes), None),
                    PlanAction::Delete => ("delete", None, None),
                    PlanAction::Unchanged => ("unchanged", None, None),
                    PlanAction::Blocked { reason } => ("blocked", None, Some(reason)),
                };
                PlanItemReport {
                    space_id: i.space_id,
                    id: i.id,
                    name: i.name,
                    connector_type_id: i.connector_type_id,
                    action,
                    changes,
                    reason,
                }
            })
            .collect();
        PlanReport { items, empty }
    }
}

/// `client.apply(...)`'s answer: the plan it carried out and one result per changed item.
#[derive(Debug, Serialize, Tsify)]
pub struct ApplyReport {
    /// The plan, made just before applying.
    pub plan: PlanReport,
    /// One result per create, update or delete, in plan order.
    pub results: Vec<ItemReport<PlanAction>>,
}

fn resolver(
    secrets: &BTreeMap<String, String>,
) -> impl Fn(&DesiredConnector, &str, &SecretSource) -> Option<String> + '_ {
    move |_, _, source| match source {
        SecretSource::Env { env } => secrets.get(env).cloned(),
        SecretSource::Value(v) => Some(v.clone()),
    }
}

#[wasm_bindgen(js_class = Kibana)]
impl JsKibana {
    /// What applying `set` would do, without changing anything: reads every space
    /// (`GET /api/spaces/space`, `GET /s/{space}/api/actions/connectors`) and the types
    /// (`GET /api/actions/connector_types`).
    #[wasm_bindgen(unchecked_return_type = "Promise<PlanReport>")]
    pub fn plan(&self, request: Ts<PlanRequest>) -> js_sys::Promise {
        call(&self.inner, "plan request", request, |kb, r| async move {
            let options = PlanOptions { prune: r.prune };
            let resolve = resolver(&r.secrets);
            let set = desired_set(&r.set)?;
            let plan = kb.bulk().plan(&set, &r.spaces, options, &resolve).await?;
            Ok(PlanReport::from(plan))
        })
    }

    /// Plans, then applies what changes (`POST`, `PUT` or `DELETE
    /// /s/{space}/api/actions/connector/{id}`), `concurrency` at a time, reporting progress.
    /// Rerunning after an interruption finishes the rest; nothing is created twice.
    #[wasm_bindgen(unchecked_return_type = "Promise<ApplyReport>")]
    pub fn apply(
        &self,
        request: Ts<PlanRequest>,
        #[wasm_bindgen(js_name = onProgress, unchecked_optional_param_type = "(p: {done: number, total: number}) => void")]
        on_progress: Option<js_sys::Function>,
    ) -> js_sys::Promise {
        call(&self.inner, "apply request", request, |kb, r| async move {
            let options = PlanOptions { prune: r.prune };
            let resolve = resolver(&r.secrets);
            let bulk = bulk(&kb, r.concurrency);
            let set = desired_set(&r.set)?;
            let plan = bulk.plan(&set, &r.spaces, options, &resolve).await?;
            let progress = progress_fn(on_progress);
            let results = bulk.apply(&plan, &set, &resolve, &progress).await;
            Ok(ApplyReport {
                plan: plan.into(),
                results: reports(results),
            })
        })
    }

    /// The connectors of every space (or of `spaces`) as a desired set ready for `plan`:
    /// `GET /api/spaces/space`, then `GET /s/{space}/api/actions/connectors` per space.
    /// Each secret the connector uses becomes `{"$env": "KC_<ID>_<KEY>"}`; preconfigured and
    /// system connectors are left out.
    #[wasm_bindgen(js_name = exportDesired, unchecked_return_type = "Promise<ExportDesiredReport>")]
    pub fn export_desired(&self, request: Option<Ts<ExportDesiredRequest>>) -> js_sys::Promise {
        call(
            &self.inner,
            "exportDesired request",
            request,
            |kb, r| async move {
                let inv = bulk(&kb, r.concurrency)
                    .inventory(&crate::bulk::no_progress)
                    .await?
                    .only(&r.spaces)?;
                Ok(ExportDesiredReport {
                    set: DesiredSet::from_connectors(inv.connectors()),
                    failed_spaces: inv
                        .failures()
                        .map(|(s, e)| FailedSpace {
                            space_id: s.id.clone(),
                            error: ErrorReport::from(e),
                        })
                        .collect(),
                })
            },
        )
    }
}
