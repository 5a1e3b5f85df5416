//! What the admin surface controls in the request path: injected faults (latency, 5xx with
//! `Retry-After`, dropped connections, malformed bodies) and the log of requests served.

use std::collections::HashMap;
use std::sync::Mutex;

use axum::body::Body;
use axum::http::{Method, StatusCode};
use axum::response::Response;
use serde::Deserialize;

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

/// One received request.
#[derive(Debug, Clone, serde::Serialize)]
pub struct LoggedRequest {
    /// HTTP method.
    pub method: String,
    /// Path as received.
    pub path: String,
    /// Status answered; `null` when the client went away before the answer (say, a request
    /// it aborted while an injected latency held it), so a test can wait for that state
    /// instead of sleeping past the latency.
    pub status: Option<u16>,
    /// Whether an injected fault answered instead of Kibana's pipeline.
    pub fault: bool,
}

/// A request the sim has not answered yet; see [`RequestLog::pending`].
#[derive(Debug)]
pub struct PendingRequest<'a> {
    log: &'a RequestLog,
    method: Method,
    path: String,
    fault: bool,
    answered: bool,
}

impl PendingRequest<'_> {
    /// Records the answer's status.
    pub fn answered(mut self, status: u16) {
        self.answered = true;
        self.log
            .record(&self.method, &self.path, Some(status), self.fault);
    }
}

impl Drop for PendingRequest<'_> {
    fn drop(&mut self) {
        if !self.answered {
            self.log.record(&self.method, &self.path, None, self.fault);
        }
    }
}

/// The request log (bounded).
#[derive(Debug, Default)]
pub struct RequestLog {
    entries: Mutex<std::collections::VecDeque<LoggedRequest>>,
    /// `referenced_by_count` overrides set by tests.
    pub references: Mutex<HashMap<String, u64>>,
    /// Connectors whose secrets are gone (`is_missing_secrets`), as after Kibana imports a
    /// connector without its secrets; an update with secrets clears it.
    pub missing_secrets: Mutex<std::collections::HashSet<String>>,
}

const LOG_LIMIT: usize = 100_000;

impl RequestLog {
    /// Records a request (`status` None: abandoned by the client before the answer).
    fn record(&self, method: &Method, path: &str, status: Option<u16>, fault: bool) {
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

    /// A request in progress: recorded with its status once answered, or as abandoned when
    /// dropped unanswered (hyper drops the handler's future when the client closes the
    /// connection first).
    pub fn pending(&self, method: &Method, path: &str, fault: bool) -> PendingRequest<'_> {
        PendingRequest {
            log: self,
            method: method.clone(),
            path: path.to_string(),
            fault,
            answered: false,
        }
    }

    /// Every logged request, oldest first.
    pub fn snapshot(&self) -> Vec<LoggedRequest> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries.iter().cloned().collect()
    }

    /// Forgets every logged request.
    pub fn clear(&self) {
        self.entries
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
    }

    /// Whether a connector lost its secrets.
    pub fn secrets_missing(&self, id: &str) -> bool {
        self.missing_secrets
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .contains(id)
    }

    /// Marks or clears a connector's lost secrets.
    pub fn set_secrets_missing(&self, id: &str, missing: bool) {
        let mut set = self
            .missing_secrets
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        if missing {
            set.insert(id.to_string());
        } else {
            set.remove(id);
        }
    }

    /// The `referenced_by_count` set for a connector (0 when none).
    pub fn references_of(&self, id: &str) -> u64 {
        self.references
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(id)
            .copied()
            .unwrap_or(0)
    }
}

/// The faults queued through the admin surface, taken by the requests they match.
#[derive(Debug, Default)]
pub struct Faults(Mutex<Vec<Fault>>);

impl Faults {
    /// Queues faults behind those already queued.
    pub fn queue(&self, faults: Vec<Fault>) {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .extend(faults);
    }

    /// Drops every queued fault.
    pub fn clear(&self) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }

    /// Takes the first queued fault matching this request, if any.
    pub fn take(&self, method: &Method, path: &str) -> Option<Fault> {
        take_matching(
            &mut self.0.lock().unwrap_or_else(|p| p.into_inner()),
            method,
            path,
        )
    }
}

fn take_matching(faults: &mut Vec<Fault>, method: &Method, path: &str) -> Option<Fault> {
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
