//! The connectors that stay inside Kibana: `.server-log` writes to Kibana's log, `.index`
//! writes documents into the sim's document store.

use std::time::Instant;

use serde_json::{Map, Value, json};

use super::clock::now_iso;
use super::{ExecResult, Runnable};
use crate::schema::str_field;
use crate::state::Sim;

/// `.server-log`: one log line at the params' level.
pub(super) fn server_log(c: &Runnable, p: &Map<String, Value>) -> ExecResult {
    let message = str_field(p, "message").unwrap_or_default();
    match str_field(p, "level").unwrap_or("info") {
        "trace" => {
            tracing::trace!(target: "kibana_sim::server_log", connector = %c.id, "Server log: {message}")
        }
        "debug" => {
            tracing::debug!(target: "kibana_sim::server_log", connector = %c.id, "Server log: {message}")
        }
        "warn" => {
            tracing::warn!(target: "kibana_sim::server_log", connector = %c.id, "Server log: {message}")
        }
        "error" | "fatal" => {
            tracing::error!(target: "kibana_sim::server_log", connector = %c.id, "Server log: {message}")
        }
        _ => {
            tracing::info!(target: "kibana_sim::server_log", connector = %c.id, "Server log: {message}")
        }
    }
    ExecResult::ok(&c.id, None)
}

/// `.index`: the documents, with the execution time field set, as an ES bulk response.
pub(super) fn index(sim: &Sim, c: &Runnable, p: &Map<String, Value>) -> ExecResult {
    let started = Instant::now();
    let target = str_field(p, "indexOverride")
        .or_else(|| str_field(&c.config, "index"))
        .unwrap_or_default()
        .to_string();
    let time_field = str_field(&c.config, "executionTimeField");
    // Documents are searchable at once in the sim; `refresh` shows in the answer as in ES.
    let refresh = c.config.get("refresh") == Some(&Value::Bool(true));
    let now = now_iso();
    let docs: Vec<Value> = p
        .get("documents")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|mut d| {
            if let (Some(field), Some(obj)) = (time_field, d.as_object_mut()) {
                obj.insert(field.to_string(), json!(now));
            }
            d
        })
        .collect();
    match sim.store.index_documents(&target, &docs) {
        Ok(ids) => {
            let items: Vec<Value> = ids
                .into_iter()
                .map(|(id, seq)| {
                    let mut item = json!({"_index": target, "_id": id, "_version": 1, "result": "created",
                        "_shards": {"total": 2, "successful": 1, "failed": 0}, "_seq_no": seq, "_primary_term": 1, "status": 201});
                    if refresh {
                        item["forced_refresh"] = json!(true);
                    }
                    json!({ "create": item })
                })
                .collect();
            let took = started.elapsed().as_millis() as u64;
            ExecResult::ok(
                &c.id,
                Some(json!({"took": took, "errors": false, "items": items})),
            )
        }
        Err(e) => ExecResult::error(&c.id, "error indexing documents", Some(e.to_string()), None),
    }
}

/// A `sim.types` entry with `run: index-record`: records what it ran with in `params.index`,
/// as Kibana's `test.index-record` fixture does (`alerting_api_integration/common/plugins/
/// alerts/server/action_types.ts`, `getIndexRecordActionType`).
pub(super) fn index_record(sim: &Sim, c: &Runnable, p: &Map<String, Value>) -> ExecResult {
    let target = str_field(p, "index").unwrap_or_default();
    let doc = json!({
        "params": p,
        "config": c.config,
        "secrets": c.secrets,
        "reference": p.get("reference").cloned().unwrap_or(Value::Null),
        "source": format!("action:{}", c.type_id),
        "@timestamp": now_iso(),
    });
    match sim.store.index_documents(target, &[doc]) {
        Ok(_) => ExecResult::ok(&c.id, None),
        Err(e) => ExecResult::error(&c.id, "error indexing documents", Some(e.to_string()), None),
    }
}

/// A `sim.types` entry with `run: failing`: records what it ran with, then throws, as Kibana's
/// `test.failing` fixture does (`getFailingActionType`).
pub(super) fn failing(sim: &Sim, c: &Runnable, p: &Map<String, Value>) -> ExecResult {
    let recorded = index_record(sim, c, p);
    if recorded.status == "error" {
        return recorded;
    }
    let index = str_field(p, "index").unwrap_or_default();
    let reference = str_field(p, "reference").unwrap_or_default();
    ExecResult::threw(&c.id, format!("expected failure for {index} {reference}"))
}
