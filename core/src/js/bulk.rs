//! `client.bulk.*`: work across many connectors and spaces, with progress callbacks and one
//! report per item. These calls name their spaces themselves, so none is space-scoped.

use serde_json::Value;
use tsify::Ts;
use wasm_bindgen::prelude::*;

use super::bulk_types::{
    BulkOptions, CheckImportRequest, CopyToSpacesRequest, CreateManyRequest, DeleteManyRequest,
    ExecuteManyRequest, ExportReport, MoveReport, SpaceReport, TargetRef, reports,
};
use super::call::{call, client_space, to_js};
use crate::bulk::{
    Bulk, ConnectorSet, CopyRequest, DEFAULT_CONCURRENCY, ErrorReport, MoveBlocked,
    PlannedConnector, Progress, Target,
};
use crate::{Error, Kibana, Secrets};

client_space!(
    BulkOptions,
    ExecuteManyRequest,
    DeleteManyRequest,
    CreateManyRequest,
    CopyToSpacesRequest,
    CheckImportRequest,
);

/// Work across many connectors and spaces; every call reports per-item results.
#[wasm_bindgen(js_name = Bulk)]
#[derive(Debug, Clone)]
pub struct JsBulk {
    inner: Kibana,
}

impl JsBulk {
    pub(crate) fn new(inner: Kibana) -> Self {
        JsBulk { inner }
    }
}

/// The bulk handle with the request's concurrency (default 6).
pub(crate) fn bulk(kb: &Kibana, concurrency: Option<usize>) -> Bulk<'_> {
    kb.bulk()
        .concurrency(concurrency.unwrap_or(DEFAULT_CONCURRENCY))
}

/// Calls the JS progress callback, if any, with `{done, total}`.
pub(crate) fn progress_fn(callback: Option<js_sys::Function>) -> impl Fn(Progress) {
    move |p| {
        if let (Some(f), Ok(v)) = (&callback, to_js(&p)) {
            // A throwing callback must not stop the work.
            let _ = f.call1(&JsValue::NULL, &v);
        }
    }
}

fn targets(list: Vec<TargetRef>) -> Vec<Target> {
    list.into_iter()
        .map(|t| Target {
            space_id: t.space_id,
            id: t.id,
        })
        .collect()
}

/// Reads the source connector of a copy or move.
async fn copy_request(kb: &Kibana, r: CopyToSpacesRequest) -> Result<CopyRequest, Error> {
    let source = kb.space(&r.space_id)?.actions().get(&r.id).await?;
    Ok(CopyRequest {
        source,
        from_space: r.space_id,
        to_spaces: r.to_spaces,
        secrets: Secrets(r.secrets),
        id: r.new_id,
        break_rules: r.break_rules,
    })
}

#[wasm_bindgen(js_class = Bulk)]
impl JsBulk {
    /// Every connector in every space the caller can see (`GET /api/spaces/space`, then
    /// `GET /s/{space}/api/actions/connectors` per space). A failing space is reported in its
    /// entry; the others are still listed.
    #[wasm_bindgen(unchecked_return_type = "Promise<SpaceReport[]>")]
    pub fn inventory(
        &self,
        options: Option<Ts<BulkOptions>>,
        #[wasm_bindgen(js_name = onProgress, unchecked_optional_param_type = "(p: {done: number, total: number}) => void")]
        on_progress: Option<js_sys::Function>,
    ) -> js_sys::Promise {
        call(&self.inner, "options", options, |kb, o| async move {
            let progress = progress_fn(on_progress);
            let inv = bulk(&kb, o.concurrency).inventory(&progress).await?;
            Ok(inv
                .spaces
                .into_iter()
                .map(|s| {
                    let (connectors, error) = match s.outcome {
                        Ok(list) => (list, None),
                        Err(e) => (Vec::new(), Some(ErrorReport::from(&e))),
                    };
                    SpaceReport {
                        space: s.space,
                        ok: error.is_none(),
                        connectors,
                        error,
                    }
                })
                .collect::<Vec<_>>())
        })
    }

    /// Runs each target with the same params (`POST .../_execute`); one result per target.
    #[wasm_bindgen(js_name = executeMany, unchecked_return_type = "Promise<ItemReport<ExecuteResult>[]>")]
    pub fn execute_many(
        &self,
        request: Ts<ExecuteManyRequest>,
        #[wasm_bindgen(js_name = onProgress, unchecked_optional_param_type = "(p: {done: number, total: number}) => void")]
        on_progress: Option<js_sys::Function>,
    ) -> js_sys::Promise {
        call(
            &self.inner,
            "executeMany request",
            request,
            |kb, r| async move {
                let progress = progress_fn(on_progress);
                let params = Value::Object(r.params);
                let results = bulk(&kb, r.concurrency)
                    .execute_many(&targets(r.targets), &params, &progress)
                    .await;
                Ok(reports(results))
            },
        )
    }

    /// Deletes each target (`DELETE .../connector/{id}`); one result per target.
    #[wasm_bindgen(js_name = deleteMany, unchecked_return_type = "Promise<ItemReport<null>[]>")]
    pub fn delete_many(
        &self,
        request: Ts<DeleteManyRequest>,
        #[wasm_bindgen(js_name = onProgress, unchecked_optional_param_type = "(p: {done: number, total: number}) => void")]
        on_progress: Option<js_sys::Function>,
    ) -> js_sys::Promise {
        call(
            &self.inner,
            "deleteMany request",
            request,
            |kb, r| async move {
                let progress = progress_fn(on_progress);
                let results = bulk(&kb, r.concurrency)
                    .delete_many(&targets(r.targets), &progress)
                    .await;
                Ok(reports(results))
            },
        )
    }

    /// Creates each connector in its space; creates are never retried.
    #[wasm_bindgen(js_name = createMany, unchecked_return_type = "Promise<ItemReport<Connector>[]>")]
    pub fn create_many(
        &self,
        request: Ts<CreateManyRequest>,
        #[wasm_bindgen(js_name = onProgress, unchecked_optional_param_type = "(p: {done: number, total: number}) => void")]
        on_progress: Option<js_sys::Function>,
    ) -> js_sys::Promise {
        call(
            &self.inner,
            "createMany request",
            request,
            |kb, r| async move {
                let planned: Vec<PlannedConnector> = r
                    .connectors
                    .into_iter()
                    .map(|c| PlannedConnector {
                        space_id: c.space_id,
                        id: c.id,
                        connector: c.connector.into(),
                    })
                    .collect();
                let progress = progress_fn(on_progress);
                let results = bulk(&kb, r.concurrency)
                    .create_many(&planned, &progress)
                    .await;
                Ok(reports(results))
            },
        )
    }

    /// Copies a connector (name, type, config; the secrets given) to other spaces.
    #[wasm_bindgen(js_name = copyToSpaces, unchecked_return_type = "Promise<ItemReport<Connector>[]>")]
    pub fn copy_to_spaces(
        &self,
        request: Ts<CopyToSpacesRequest>,
        #[wasm_bindgen(js_name = onProgress, unchecked_optional_param_type = "(p: {done: number, total: number}) => void")]
        on_progress: Option<js_sys::Function>,
    ) -> js_sys::Promise {
        call(
            &self.inner,
            "copyToSpaces request",
            request,
            |kb, r| async move {
                let req = copy_request(&kb, r).await?;
                let progress = progress_fn(on_progress);
                Ok(reports(kb.bulk().copy_to_spaces(&req, &progress).await?))
            },
        )
    }

    /// Copies, then deletes the source only if every copy succeeded.
    #[wasm_bindgen(js_name = moveToSpaces, unchecked_return_type = "Promise<MoveReport>")]
    pub fn move_to_spaces(
        &self,
        request: Ts<CopyToSpacesRequest>,
        #[wasm_bindgen(js_name = onProgress, unchecked_optional_param_type = "(p: {done: number, total: number}) => void")]
        on_progress: Option<js_sys::Function>,
    ) -> js_sys::Promise {
        call(
            &self.inner,
            "moveToSpaces request",
            request,
            |kb, r| async move {
                let req = copy_request(&kb, r).await?;
                let progress = progress_fn(on_progress);
                let outcome = kb.bulk().move_to_spaces(&req, &progress).await?;
                let source_error = match &outcome.source_deleted {
                    Some(Err(e)) => Some(ErrorReport::from(e)),
                    _ => None,
                };
                let (blocked_by_rules, rules_unreadable) = match outcome.blocked {
                    Some(MoveBlocked::UsedByRules(rules)) => (Some(rules), None),
                    Some(MoveBlocked::RulesUnreadable(e)) => (None, Some(ErrorReport::from(&e))),
                    None => (None, None),
                };
                Ok(MoveReport {
                    source_deleted: matches!(outcome.source_deleted, Some(Ok(()))),
                    copies: reports(outcome.copies),
                    source_error,
                    blocked_by_rules,
                    rules_unreadable,
                })
            },
        )
    }

    /// The connectors of every readable space as a set to save (never secrets).
    #[wasm_bindgen(js_name = exportSet, unchecked_return_type = "Promise<ExportReport>")]
    pub fn export_set(&self, options: Option<Ts<BulkOptions>>) -> js_sys::Promise {
        call(&self.inner, "options", options, |kb, o| async move {
            let inv = bulk(&kb, o.concurrency)
                .inventory(&crate::bulk::no_progress)
                .await?;
            Ok(ExportReport {
                set: ConnectorSet::from_connectors(inv.connectors()),
                failed_spaces: inv.failures().map(|(_, e)| ErrorReport::from(e)).collect(),
            })
        })
    }

    /// Checks a set before importing: target space, id and name conflicts, secrets to enter.
    /// Import with `createMany` afterwards.
    #[wasm_bindgen(js_name = checkImport, unchecked_return_type = "Promise<ImportCheck[]>")]
    pub fn check_import(&self, request: Ts<CheckImportRequest>) -> js_sys::Promise {
        call(
            &self.inner,
            "checkImport request",
            request,
            |kb, r| async move {
                let text = match &r.set {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                let set = ConnectorSet::from_json(&text)?;
                let inv = kb.bulk().inventory(&crate::bulk::no_progress).await?;
                let existing: Vec<_> = inv.connectors().collect();
                Ok(set.check(existing.iter().copied(), r.into_space.as_deref()))
            },
        )
    }
}
