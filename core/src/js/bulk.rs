//! `client.bulk.*` and `client.actions.trialRun`/`sweepTrials`.

use serde_json::Value;
use tsify::Ts;
use wasm_bindgen::prelude::*;

use super::bulk_types::{
    BulkOptions, CheckImportRequest, CopyToSpacesRequest, CreateManyRequest, DeleteManyRequest,
    ExecuteManyRequest, ExportReport, MoveReport, SpaceReport, TargetRef, reports,
};
use super::error::to_js_error;
use super::{from_ts, to_js};
use crate::bulk::{
    ConnectorSet, CopyRequest, DEFAULT_CONCURRENCY, ErrorReport, PlannedConnector, Progress, Target,
};
use crate::{CreateConnector, Error, Kibana, Secrets};

/// Work across many connectors and spaces; every call reports per-item results.
#[wasm_bindgen(js_name = Bulk)]
#[derive(Debug, Clone)]
pub struct JsBulk {
    kb: Kibana,
}

impl JsBulk {
    pub(crate) fn new(kb: Kibana) -> Self {
        JsBulk { kb }
    }
}

/// Calls the JS progress callback, if any, with `{done, total}`.
fn progress_fn(callback: Option<js_sys::Function>) -> impl Fn(Progress) {
    move |p| {
        if let (Some(f), Ok(v)) = (&callback, to_js(&p)) {
            // A throwing callback must not stop the work.
            let _ = f.call1(&JsValue::NULL, &v);
        }
    }
}

fn run<T, Fut>(work: Fut) -> js_sys::Promise
where
    T: serde::Serialize,
    Fut: std::future::Future<Output = Result<T, Error>> + 'static,
{
    super::spawn(Box::pin(async move {
        let value = work.await.map_err(|e| to_js_error(&e))?;
        to_js(&value)
    }))
}

fn targets(list: Vec<TargetRef>) -> Vec<Target> {
    list.into_iter()
        .map(|t| Target {
            space_id: t.space_id,
            id: t.id,
        })
        .collect()
}

fn parse<T>(arg: &Ts<T>, what: &str) -> Result<T, js_sys::Promise>
where
    T: tsify::Tsify + serde::de::DeserializeOwned,
    T::JsType: Clone,
{
    from_ts(arg, what).map_err(|e| js_sys::Promise::reject(&e))
}

fn copy_request(
    r: CopyToSpacesRequest,
    kb: &Kibana,
) -> impl std::future::Future<Output = Result<CopyRequest, Error>> + 'static {
    let kb = kb.clone();
    async move {
        let source = kb.space(&r.space_id)?.actions().get(&r.id).await?;
        Ok(CopyRequest {
            source,
            from_space: r.space_id,
            to_spaces: r.to_spaces,
            secrets: Secrets(r.secrets),
            id: r.new_id,
        })
    }
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
        let o = match options.map(|o| parse(&o, "options")).transpose() {
            Ok(o) => o.unwrap_or_default(),
            Err(p) => return p,
        };
        let kb = self.kb.clone();
        run(async move {
            let progress = progress_fn(on_progress);
            let inv = kb
                .bulk()
                .concurrency(o.concurrency.unwrap_or(DEFAULT_CONCURRENCY))
                .inventory(&progress)
                .await?;
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
        let r = match parse(&request, "executeMany request") {
            Ok(r) => r,
            Err(p) => return p,
        };
        let kb = self.kb.clone();
        run(async move {
            let progress = progress_fn(on_progress);
            let bulk = kb
                .bulk()
                .concurrency(r.concurrency.unwrap_or(DEFAULT_CONCURRENCY));
            let params = Value::Object(r.params);
            Ok(reports(
                bulk.execute_many(&targets(r.targets), &params, &progress)
                    .await,
            ))
        })
    }

    /// Deletes each target (`DELETE .../connector/{id}`); one result per target.
    #[wasm_bindgen(js_name = deleteMany, unchecked_return_type = "Promise<ItemReport<null>[]>")]
    pub fn delete_many(
        &self,
        request: Ts<DeleteManyRequest>,
        #[wasm_bindgen(js_name = onProgress, unchecked_optional_param_type = "(p: {done: number, total: number}) => void")]
        on_progress: Option<js_sys::Function>,
    ) -> js_sys::Promise {
        let r = match parse(&request, "deleteMany request") {
            Ok(r) => r,
            Err(p) => return p,
        };
        let kb = self.kb.clone();
        run(async move {
            let progress = progress_fn(on_progress);
            let bulk = kb
                .bulk()
                .concurrency(r.concurrency.unwrap_or(DEFAULT_CONCURRENCY));
            Ok(reports(
                bulk.delete_many(&targets(r.targets), &progress).await,
            ))
        })
    }

    /// Creates each connector in its space; creates are never retried.
    #[wasm_bindgen(js_name = createMany, unchecked_return_type = "Promise<ItemReport<Connector>[]>")]
    pub fn create_many(
        &self,
        request: Ts<CreateManyRequest>,
        #[wasm_bindgen(js_name = onProgress, unchecked_optional_param_type = "(p: {done: number, total: number}) => void")]
        on_progress: Option<js_sys::Function>,
    ) -> js_sys::Promise {
        let r = match parse(&request, "createMany request") {
            Ok(r) => r,
            Err(p) => return p,
        };
        let planned: Vec<PlannedConnector> = r
            .connectors
            .into_iter()
            .map(|c| PlannedConnector {
                space_id: c.space_id,
                id: c.id,
                connector: CreateConnector {
                    name: c.name,
                    connector_type_id: c.connector_type_id,
                    config: c.config,
                    secrets: Secrets(c.secrets),
                },
            })
            .collect();
        let kb = self.kb.clone();
        run(async move {
            let progress = progress_fn(on_progress);
            let bulk = kb
                .bulk()
                .concurrency(r.concurrency.unwrap_or(DEFAULT_CONCURRENCY));
            Ok(reports(bulk.create_many(&planned, &progress).await))
        })
    }

    /// Copies a connector (name, type, config; the secrets given) to other spaces.
    #[wasm_bindgen(js_name = copyToSpaces, unchecked_return_type = "Promise<ItemReport<Connector>[]>")]
    pub fn copy_to_spaces(
        &self,
        request: Ts<CopyToSpacesRequest>,
        #[wasm_bindgen(js_name = onProgress, unchecked_optional_param_type = "(p: {done: number, total: number}) => void")]
        on_progress: Option<js_sys::Function>,
    ) -> js_sys::Promise {
        let r = match parse(&request, "copyToSpaces request") {
            Ok(r) => r,
            Err(p) => return p,
        };
        let kb = self.kb.clone();
        run(async move {
            let req = copy_request(r, &kb).await?;
            let progress = progress_fn(on_progress);
            Ok(reports(kb.bulk().copy_to_spaces(&req, &progress).await?))
        })
    }

    /// Copies, then deletes the source only if every copy succeeded.
    #[wasm_bindgen(js_name = moveToSpaces, unchecked_return_type = "Promise<MoveReport>")]
    pub fn move_to_spaces(
        &self,
        request: Ts<CopyToSpacesRequest>,
        #[wasm_bindgen(js_name = onProgress, unchecked_optional_param_type = "(p: {done: number, total: number}) => void")]
        on_progress: Option<js_sys::Function>,
    ) -> js_sys::Promise {
        let r = match parse(&request, "moveToSpaces request") {
            Ok(r) => r,
            Err(p) => return p,
        };
        let kb = self.kb.clone();
        run(async move {
            let req = copy_request(r, &kb).await?;
            let progress = progress_fn(on_progress);
            let outcome = kb.bulk().move_to_spaces(&req, &progress).await?;
            let source_error = match &outcome.source_deleted {
                Some(Err(e)) => Some(ErrorReport::from(e)),
                _ => None,
            };
            Ok(MoveReport {
                source_deleted: matches!(outcome.source_deleted, Some(Ok(()))),
                copies: reports(outcome.copies),
                source_error,
            })
        })
    }

    /// The connectors of every readable space as a set to save (never secrets).
    #[wasm_bindgen(js_name = exportSet, unchecked_return_type = "Promise<ExportReport>")]
    pub fn export_set(&self, options: Option<Ts<BulkOptions>>) -> js_sys::Promise {
        let o = match options.map(|o| parse(&o, "options")).transpose() {
            Ok(o) => o.unwrap_or_default(),
            Err(p) => return p,
        };
        let kb = self.kb.clone();
        run(async move {
            let bulk = kb
                .bulk()
                .concurrency(o.concurrency.unwrap_or(DEFAULT_CONCURRENCY));
            let inv = bulk.inventory(&crate::bulk::no_progress).await?;
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
        let r = match parse(&request, "checkImport request") {
            Ok(r) => r,
            Err(p) => return p,
        };
        let kb = self.kb.clone();
        run(async move {
            let text = match &r.set {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let set = ConnectorSet::from_json(&text)?;
            let inv = kb.bulk().inventory(&crate::bulk::no_progress).await?;
            let existing: Vec<_> = inv.connectors().collect();
            Ok(set.check(existing.iter().copied(), r.into_space.as_deref()))
        })
    }
}
