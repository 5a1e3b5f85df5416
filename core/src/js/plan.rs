//! `client.plan(...)` and `client.apply(...)`: connectors as code from JavaScript, over
//! [`Bulk::plan`](crate::bulk::Bulk::plan) and [`Bulk::apply`](crate::bulk::Bulk::apply).
//! Secret references resolve from the `secrets` map the caller passes (`{"$env": "NAME"}`
//! reads `secrets.NAME`; the CLI passes `process.env`), so values never travel in the set.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use super::bulk::progress_fn;
use super::bulk_types::{ItemReport, reports};
use super::call::{call, client_space};
use super::client::JsKibana;
use crate::bulk::DEFAULT_CONCURRENCY;
use crate::plan::{
    BlockedReason, DesiredConnector, DesiredSet, FieldChange, Plan, PlanAction, PlanOptions,
    SecretSource,
};

/// `client.plan(...)` and `client.apply(...)`.
#[derive(Debug, Deserialize, Tsify)]
pub struct PlanRequest {
    /// The desired set (`format: "kibana-connectors/desired@1"`).
    pub set: DesiredSet,
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

client_space!(PlanRequest);

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
            let plan = kb.bulk().plan(&r.set, &r.spaces, options, &resolve).await?;
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
            let bulk = kb
                .bulk()
                .concurrency(r.concurrency.unwrap_or(DEFAULT_CONCURRENCY));
            let plan = bulk.plan(&r.set, &r.spaces, options, &resolve).await?;
            let progress = progress_fn(on_progress);
            let results = bulk.apply(&plan, &r.set, &resolve, &progress).await;
            Ok(ApplyReport {
                plan: plan.into(),
                results: reports(results),
            })
        })
    }
}
