//! The HTTP server: one handler that runs Kibana's request lifecycle in hapi's order
//! (contract §0): base path and space rewrites → route lookup (404) → authentication (401) →
//! payload parsing (413, 400) → `kbn-xsrf` / `kbn-version` (400) → route validation (400) →
//! handler (403, business rules).

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use tokio::net::TcpListener;

use crate::config::SimConfig;
use crate::error::KibanaError;
use crate::faults::{FaultKind, dropped_response};
use crate::reply::{Reply, error_response, json_response};
use crate::state::{Ctx, Sim};
use crate::{admin, auth, cors, es, handlers, routes, seed};

/// A running sim; dropping it does not stop it, call [`RunningSim::stop`].
#[derive(Debug)]
pub struct RunningSim {
    /// Base URL of the Kibana API, including `server.basePath` when Kibana rewrites it.
    pub url: String,
    /// Bound address.
    pub addr: SocketAddr,
    /// Base URL of the Elasticsearch-style document API, when enabled.
    pub es_url: Option<String>,
    /// Shared state (for tests).
    pub state: Arc<Sim>,
    shutdown: Vec<tokio::sync::oneshot::Sender<()>>,
}

impl RunningSim {
    /// Stops the listeners.
    pub fn stop(self) {
        for tx in self.shutdown {
            let _ = tx.send(());
        }
    }
}

/// Starts the sim (and its Elasticsearch-style port when configured) on the configured
/// host and port; port 0 picks a free one.
///
/// # Errors
/// When a port cannot be bound or the store cannot be opened.
pub async fn start(config: SimConfig) -> Result<RunningSim, String> {
    let listener = TcpListener::bind((config.host.as_str(), config.port))
        .await
        .map_err(|e| format!("cannot listen on {}:{}: {e}", config.host, config.port))?;
    let es_listener = match config.es_port {
        Some(port) => Some(
            TcpListener::bind((config.host.as_str(), port))
                .await
                .map_err(|e| {
                    format!("cannot listen on {}:{port} (sim.esPort): {e}", config.host)
                })?,
        ),
        None => None,
    };
    let state = Arc::new(Sim::new(config)?);
    if state.config.seed {
        seed::load(&state).map_err(|e| format!("seeding the demo data failed: {e}"))?;
    }
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let mut shutdown = Vec::new();

    let app = Router::new().fallback(handle).with_state(state.clone());
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    shutdown.push(tx);
    tokio::spawn(async move {
        let _ = axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = rx.await;
            })
            .await;
    });

    let mut es_url = None;
    if let Some(es_listener) = es_listener {
        let es_addr = es_listener.local_addr().map_err(|e| e.to_string())?;
        es_url = Some(format!("http://{es_addr}"));
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        shutdown.push(tx);
        let es_app = es::router(state.clone());
        tokio::spawn(async move {
            let _ = axum::serve(es_listener, es_app)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await;
        });
    }
    let public_base = if state.config.rewrite_base_path {
        state.config.base_path.clone()
    } else {
        String::new()
    };
    Ok(RunningSim {
        url: format!("http://{addr}{public_base}"),
        addr,
        es_url,
        state,
        shutdown,
    })
}

/// Headers Kibana adds to every response (contract §4.3); clients must not rely on them.
fn add_kibana_headers(headers: &mut HeaderMap) {
    headers.insert("kbn-name", HeaderValue::from_static("kibana-sim"));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache, no-store, must-revalidate"),
    );
    headers.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        "referrer-policy",
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
}

/// Answers one request in process, as the server would (the fuzz target's way in).
pub async fn serve_one(sim: &Arc<Sim>, req: Request) -> Response {
    handle(State(sim.clone()), req).await
}

async fn handle(State(sim): State<Arc<Sim>>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let raw_path = parts.uri.path().to_string();

    if let Some(admin_path) = raw_path
        .strip_prefix("/__sim/")
        .filter(|_| sim.config.admin)
    {
        let bytes = axum::body::to_bytes(body, 64 * 1024 * 1024)
            .await
            .unwrap_or_default();
        return admin::handle(&sim, &parts.method, admin_path, &parts.headers, &bytes).await;
    }

    let too_large;
    let bytes = match axum::body::to_bytes(body, sim.config.max_payload).await {
        Ok(b) => {
            too_large = false;
            b
        }
        Err(_) => {
            too_large = true;
            Bytes::new()
        }
    };

    let fault = if parts.method == Method::OPTIONS {
        None
    } else {
        sim.faults.take(&parts.method, &raw_path)
    };
    let faulted = fault.is_some();
    let pending = sim.log.pending(&parts.method, &raw_path, faulted);
    if let Some(fault) = &fault
        && let FaultKind::Latency { ms } = fault.kind
    {
        tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
    }

    let mut resp = match fault.map(|f| f.kind) {
        Some(FaultKind::Status {
            status,
            retry_after,
        }) => {
            let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let mut r = error_response(&KibanaError::plain(code));
            if let Some(s) = retry_after.and_then(|s| HeaderValue::from_str(&s).ok()) {
                r.headers_mut().insert(header::RETRY_AFTER, s);
            }
            r
        }
        Some(FaultKind::Drop) => dropped_response(),
        Some(FaultKind::Malformed) => {
            let mut r = (StatusCode::OK, "{\"id\": \"truncated").into_response();
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json; charset=utf-8"),
            );
            r
        }
        _ => {
            pipeline(
                &sim,
                &parts.method,
                &raw_path,
                parts.uri.query(),
                &parts.headers,
                bytes,
                too_large,
            )
            .await
        }
    };
    pending.answered(resp.status().as_u16());
    if sim.config.cors_enabled && parts.method != Method::OPTIONS {
        cors::decorate(&sim.config, &parts.headers, resp.headers_mut());
    }
    add_kibana_headers(resp.headers_mut());
    if parts.method == Method::HEAD {
        *resp.body_mut() = Body::empty();
    }
    resp
}

fn parse_query(query: Option<&str>) -> Vec<(String, String)> {
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(&s.replace('+', " "))
            .decode_utf8_lossy()
            .into_owned()
    };
    query
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

async fn pipeline(
    sim: &Sim,
    method: &Method,
    raw_path: &str,
    query: Option<&str>,
    headers: &HeaderMap,
    bytes: Bytes,
    too_large: bool,
) -> Response {
    let cfg = &sim.config;
    // onPreRouting: base path (only when Kibana rewrites it itself), then the space prefix.
    let path = if cfg.rewrite_base_path {
        match raw_path.strip_prefix(cfg.base_path.as_str()) {
            Some("") => "/".to_string(),
            Some(rest) if rest.starts_with('/') => rest.to_string(),
            _ => return error_response(&KibanaError::plain(StatusCode::NOT_FOUND)),
        }
    } else {
        raw_path.to_string()
    };
    let (space, path) = routes::split_space(&path);

    if *method == Method::OPTIONS {
        if !cfg.cors_enabled {
            return error_response(&KibanaError::plain(StatusCode::NOT_FOUND));
        }
        let pre = cors::preflight(cfg, headers, |m| {
            Method::from_bytes(m.as_bytes())
                .is_ok_and(|m| routes::lookup(&m, &path, cfg.serves_legacy_routes()).is_some())
        });
        let mut resp = match pre.body {
            Some(body) => json_response(pre.status, &body),
            None => StatusCode::OK.into_response(),
        };
        resp.headers_mut().extend(pre.headers);
        return resp;
    }

    let Some(route) = routes::lookup(method, &path, cfg.serves_legacy_routes()) else {
        return error_response(&KibanaError::plain(StatusCode::NOT_FOUND));
    };
    let principal = match auth::authenticate(cfg, headers) {
        Ok(p) => p,
        Err(e) => return error_response(&e),
    };
    let safe = *method == Method::GET || *method == Method::HEAD;
    let mut body = Value::Null;
    if !safe {
        if too_large {
            return error_response(&KibanaError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "Payload content length greater than maximum allowed: ".to_string()
                    + &cfg.max_payload.to_string(),
            ));
        }
        if !bytes.is_empty() {
            match serde_json::from_slice(&bytes) {
                Ok(v) => body = v,
                Err(_) => {
                    return error_response(&KibanaError::bad_request(
                        "Invalid request payload JSON format",
                    ));
                }
            }
        }
        if !cfg.xsrf_disabled
            && !headers.contains_key("kbn-xsrf")
            && !headers.contains_key("kbn-version")
        {
            return error_response(&KibanaError::bad_request(
                "Request must contain a kbn-xsrf header.",
            ));
        }
    }
    if let Some(sent) = headers.get("kbn-version").and_then(|v| v.to_str().ok())
        && sent != cfg.version
    {
        let err = KibanaError::bad_request(format!(
            "Browser client is out of date, please refresh the page (\"kbn-version\" header was \"{sent}\" but should be \"{}\")",
            cfg.version
        ));
        let mut b = err.body();
        b["attributes"] = serde_json::json!({"expected": cfg.version, "got": sent});
        return json_response(err.status, &b);
    }

    let spaces_api = route.is_spaces_api();
    let ctx = Ctx {
        sim,
        space,
        principal,
        body,
        query: parse_query(query),
    };
    let result = handlers::dispatch(&ctx, route).await;
    let mut resp = match result {
        Ok(Reply::Json(v)) => json_response(StatusCode::OK, &v),
        Ok(Reply::NoContent) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => error_response(&e),
    };
    // Spaces routes are versioned public routes; newer Kibanas tag every public route too.
    if spaces_api || path.starts_with("/api/") {
        resp.headers_mut().insert(
            "elastic-api-version",
            HeaderValue::from_static("2023-10-31"),
        );
    }
    resp
}
