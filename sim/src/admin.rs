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
//!   (faulted ones included); `DELETE` clears it.
//! - `POST /__sim/references` `{"<connector id>": n}`: set `referenced_by_count` (Kibana counts rules and cases).

use std::collections::HashMap;
use std::sync::Mutex;

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::server::{Sim, json_response};

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

/// What a fault does.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FaultKind {
    /// Delay, then answer normally.
    Latency {
        /// Milliseconds.
        ms: u64,
    },
    /// Answer with this status and a Kibana error body.
    Status {
        /// HTTP status.
        status: u16,
        /// `Retry-After` header value (seconds or HTTP date).
        #[serde(default)]
        retry_after: Option<String>,
    },
    /// Start a response and cut the connection.
    Drop,
    /// 200 with a truncated JSON body.
    Malformed,
}

/// A queued fault.
#[derive(Debug, Clone, Deserialize)]
pub struct Fault {
    /// What happens.
    #[serde(flatten)]
    pub kind: FaultKind,
    /// How many matching requests it applies to.
    #[serde(default = "one")]
    pub times: u32,
    /// Only for this method.
    #[serde(default)]
    pub method: Option<String>,
    /// Only for paths ending with this.
    #[serde(default)]
    pub path: Option<String>,
}

fn one() -> u32 {
    1
}

/// One served request.
#[derive(Debug, Clone, serde::Serialize)]
pub struct LoggedRequest {
    /// HTTP method.
    pub method: String,
    /// Path as received.
    pub path: String,
    /// Status answered.
    pub status: u16,
    /// Whether an injected fault answered instead of Kibana's pipeline.
    pub fault: bool,
}

/// The request log (bounded).
#[derive(Debug, Default)]
pub struct RequestLog {
    entries: Mutex<std::collections::VecDeque<LoggedRequest>>,
    /// `referenced_by_count` overrides set by tests.
    pub references: Mutex<HashMap<String, u64>>,
}

const LOG_LIMIT: usize = 100_000;

impl RequestLog {
    /// Records a request.
    pub fn record(&self, method: &Method, path: &str, status: u16, fault: bool) {
        let mut e = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if e.len() >= LOG_LIMIT {
            e.pop_front();
        }
        e.push_back(LoggedRequest {
            method: method.to_string(),
            path: path.to_string(),
            status,
            fault,
        });
    }

    fn snapshot(&self) -> Vec<LoggedRequest> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries.iter().cloned().collect()
    }

    fn clear(&self) {
        self.entries
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
    }

    /// The `referenced_by_count` of a connector.
    pub fn references_of(&self, id: &str) -> u64 {
        self.references
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(id)
            .copied()
            .unwrap_or(0)
    }
}

/// Takes the first queued fault matching this request, if any.
pub fn take_fault(sim: &Sim, method: &Method, path: &str) -> Option<Fault> {
    let mut faults = sim.faults.lock().unwrap_or_else(|p| p.into_inner());
    let idx = faults.iter().position(|f| {
        f.method
            .as_deref()
            .is_none_or(|m| m.eq_ignore_ascii_case(method.as_str()))
            && f.path.as_deref().is_none_or(|p| path.ends_with(p))
    })?;
    let fault = faults[idx].clone();
    if faults[idx].times <= 1 {
        faults.remove(idx);
    } else {
        faults[idx].times -= 1;
    }
    Some(fault)
}

/// A response whose body fails after the headers: the connection is cut mid-answer.
pub fn dropped_response() -> Response {
    // The pause lets hyper flush the headers and first byte before the error aborts the
    // connection; without it both go in one write that never happens ("empty reply").
    let failing = futures_util::stream::unfold(0u8, |step| async move {
        match step {
            0 => Some((Ok(axum::body::Bytes::from_static(b"{")), 1)),
            1 => {
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                Some((
                    Err(std::io::Error::new(
                        std::io::ErrorKind::ConnectionReset,
                        "fault: dropped",
                    )),
                    2,
                ))
            }
            _ => None,
        }
    });
    Response::builder()
        .status(StatusCode::OK)
        .header("content-type", "application/json; charset=utf-8")
        .body(Body::from_stream(failing))
        .unwrap_or_default()
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
            sim.faults.lock().unwrap_or_else(|p| p.into_inner()).clear();
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
                    sim.faults
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .extend(faults);
                    ok()
                }
                Err(e) => json_response(
                    StatusCode::BAD_REQUEST,
                    &json!({"error": format!("bad faults: {e}")}),
                ),
            }
        }
        ("DELETE", "faults") => {
            sim.faults.lock().unwrap_or_else(|p| p.into_inner()).clear();
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
