//! The test-only admin surface under `/__sim/` (enabled by `sim.admin` / `--admin`):
//! fault injection, reset, seeding and a request log for counting what clients sent.
//!
//! - `POST /__sim/reset`: empty the store (back to the default space), clear faults and the log.
//! - `POST /__sim/seed`: load the demo data set.
//! - `POST /__sim/bulk` `{"space":"default","count":10000,"prefix":"bulk"}`: add `count` connectors
//!   (alternately `.server-log` and `.index`) in one transaction, ids `{prefix}-{n}`.
//! - `POST /__sim/faults` `{"faults":[{"kind":"status","status":503,"retry_after":"1","times":2,"method":"GET","path":"/api/actions/connectors"}]}`:
//!   queue faults; each applies to the next `times` matching requests (method and path-suffix filters optional).
//!   Kinds: `latency` (`ms`), `status` (`status`, `retry_after`), `drop`, `malformed`.
//! - `DELETE /__sim/faults`: clear faults.
//! - `GET /__sim/requests`: `[{method, path, status, fault}]` of every API request received
//!   (faulted ones included; `status` null when the client went away before the answer);
//!   `DELETE` clears it.
//! - `POST /__sim/references` `{"<connector id>": n}`: set `referenced_by_count` (Kibana counts rules and cases).
//! - `POST /__sim/lose-secrets` `{"ids": ["<connector id>"]}`: mark connectors `is_missing_secrets`,
//!   as Kibana does for connectors imported without their secrets; an update clears it.

use std::collections::HashMap;

use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::faults::Fault;
use crate::reply::json_response;
use crate::state::Sim;

/// `POST /__sim/bulk`: many connectors at once, for scale tests and benchmarks.
#[derive(Debug, Deserialize)]
struct BulkRequest {
    #[serde(default = "default_space_id")]
    space: String,
    count: usize,
    #[serde(default = "default_prefix")]
    prefix: String,
}

fn default_space_id() -> String {
    "default".into()
}

fn default_prefix() -> String {
    "bulk".into()
}

fn permissive(mut resp: Response, headers: &HeaderMap) -> Response {
    let h = resp.headers_mut();
    let origin = headers
        .get("origin")
        .cloned()
        .unwrap_or(HeaderValue::from_static("*"));
    h.insert("access-control-allow-origin", origin);
    h.insert(
        "access-control-allow-methods",
        HeaderValue::from_static("GET, POST, DELETE"),
    );
    h.insert(
        "access-control-allow-headers",
        HeaderValue::from_static("content-type"),
    );
    resp
}

/// Serves `/__sim/<path>`; CORS is always open here so browser tests can drive it.
pub async fn handle(
    sim: &Sim,
    method: &Method,
    path: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> Response {
    let parsed: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let ok = || json_response(StatusCode::OK, &json!({"ok": true}));
    let resp = match (method.as_str(), path) {
        ("OPTIONS", _) => StatusCode::NO_CONTENT.into_response(),
        ("POST", "reset") => {
            sim.faults.clear();
            sim.log.clear();
            sim.log
                .references
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .clear();
            match sim.store.reset() {
                Ok(()) => ok(),
                Err(e) => json_response(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    &json!({"error": e.to_string()}),
                ),
            }
        }
        ("POST", "seed") => match crate::seed::load(sim) {
            Ok(()) => ok(),
            Err(e) => json_response(StatusCode::INTERNAL_SERVER_ERROR, &json!({"error": e})),
        },
        ("POST", "bulk") => match serde_json::from_value::<BulkRequest>(parsed) {
            Ok(req) => match crate::seed::bulk(sim, &req.space, req.count, &req.prefix) {
                Ok(()) => ok(),
                Err(e) => json_response(StatusCode::CONFLICT, &json!({"error": e})),
            },
            Err(e) => json_response(
                StatusCode::BAD_REQUEST,
                &json!({"error": format!("bad bulk request: {e}")}),
            ),
        },
        ("POST", "faults") => {
            let list = parsed.get("faults").cloned().unwrap_or(Value::Null);
            match serde_json::from_value::<Vec<Fault>>(list) {
                Ok(faults) => {
                    sim.faults.queue(faults);
                    ok()
                }
                Err(e) => json_response(
                    StatusCode::BAD_REQUEST,
                    &json!({"error": format!("bad faults: {e}")}),
                ),
            }
        }
        ("DELETE", "faults") => {
            sim.faults.clear();
            ok()
        }
        ("GET", "requests") => json_response(
            StatusCode::OK,
            &serde_json::to_value(sim.log.snapshot()).unwrap_or_default(),
        ),
        ("DELETE", "requests") => {
            sim.log.clear();
            ok()
        }
        ("POST", "lose-secrets") => match serde_json::from_value::<Vec<String>>(
            parsed.get("ids").cloned().unwrap_or(Value::Null),
        ) {
            Ok(ids) => {
                for id in ids {
                    sim.log.set_secrets_missing(&id, true);
                }
                ok()
            }
            Err(e) => json_response(StatusCode::BAD_REQUEST, &json!({"error": e.to_string()})),
        },
        ("POST", "references") => match serde_json::from_value::<HashMap<String, u64>>(parsed) {
            Ok(map) => {
                sim.log
                    .references
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .extend(map);
                ok()
            }
            Err(e) => json_response(StatusCode::BAD_REQUEST, &json!({"error": e.to_string()})),
        },
        _ => json_response(
            StatusCode::NOT_FOUND,
            &json!({"error": "unknown admin route"}),
        ),
    };
    permissive(resp, headers)
}
