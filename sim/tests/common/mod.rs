//! Helpers for the sim's contract tests: a sim on a free port, a pre-authenticated HTTP
//! client, and local receivers that record what connectors send.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::IntoResponse;
use kibana_sim::{RunningSim, SimConfig};
use reqwest::RequestBuilder;
use serde_json::Value;

/// A running sim and a client for it.
pub struct Kb {
    pub sim: RunningSim,
    pub http: reqwest::Client,
}

impl Kb {
    /// A sim with default settings plus `yaml` (kibana.yml style).
    pub async fn start(yaml: &str) -> Kb {
        let mut cfg = SimConfig::from_yaml(yaml).expect("test config");
        cfg.port = 0;
        let sim = kibana_sim::start(cfg).await.expect("sim starts");
        Kb {
            sim,
            http: reqwest::Client::new(),
        }
    }

    /// A sim behaving as Kibana 9.2, for the suites that pin the contract notes' 9.2 behaviour
    /// (`kibana-api.md` §8 fixtures); newer lines are covered by `profiles.rs` and
    /// `kibana_actions.rs`.
    pub async fn start_9_2(yaml: &str) -> Kb {
        Kb::start(&format!("sim.version: 9.2.0\n{yaml}")).await
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.sim.url)
    }

    /// A request as the `elastic` superuser, with `kbn-xsrf` on writes.
    pub fn req(&self, method: Method, path: &str) -> RequestBuilder {
        let m = reqwest::Method::from_bytes(method.as_str().as_bytes()).unwrap();
        let b = self
            .http
            .request(m, self.url(path))
            .basic_auth("elastic", Some("changeme"));
        if method == Method::GET {
            b
        } else {
            b.header("kbn-xsrf", "true")
        }
    }

    pub fn get(&self, path: &str) -> RequestBuilder {
        self.req(Method::GET, path)
    }

    pub fn post(&self, path: &str, body: Value) -> RequestBuilder {
        self.req(Method::POST, path).json(&body)
    }

    pub fn put(&self, path: &str, body: Value) -> RequestBuilder {
        self.req(Method::PUT, path).json(&body)
    }

    pub fn delete(&self, path: &str) -> RequestBuilder {
        self.req(Method::DELETE, path)
    }
}

/// Sends and returns status and JSON body (Null when empty).
pub async fn send(b: RequestBuilder) -> (u16, Value) {
    let resp = b.send().await.expect("request reaches the sim");
    let status = resp.status().as_u16();
    let text = resp.text().await.unwrap();
    let body = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or(Value::String(text))
    };
    (status, body)
}

/// A request a receiver got.
#[derive(Debug, Clone)]
pub struct Received {
    pub method: String,
    pub path: String,
    pub headers: HeaderMap,
    pub body: String,
}

/// A local HTTP service that answers every request with `status` and `body` (and headers),
/// recording what it got.
pub async fn receiver(
    status: u16,
    body: &'static str,
    headers: &'static [(&'static str, &'static str)],
) -> (String, Arc<Mutex<Vec<Received>>>) {
    let log = Arc::new(Mutex::new(Vec::new()));
    let seen = log.clone();
    let app = Router::new().fallback(move |method: Method, uri: Uri, h: HeaderMap, b: Bytes| {
        let seen = seen.clone();
        async move {
            seen.lock().unwrap().push(Received {
                method: method.to_string(),
                path: uri.to_string(),
                headers: h,
                body: String::from_utf8_lossy(&b).into_owned(),
            });
            let mut resp = (StatusCode::from_u16(status).unwrap(), body).into_response();
            for (k, v) in headers {
                resp.headers_mut().insert(*k, v.parse().unwrap());
            }
            resp.headers_mut()
                .insert("content-type", "application/json".parse().unwrap());
            resp
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}"), log)
}

/// Creates a connector with a chosen id as the superuser: Kibana's status and answer.
pub async fn create_connector(
    kb: &Kb,
    id: &str,
    type_id: &str,
    config: Value,
    secrets: Value,
) -> (u16, Value) {
    send(kb.post(
        &format!("/api/actions/connector/{id}"),
        serde_json::json!({"name": id, "connector_type_id": type_id, "config": config, "secrets": secrets}),
    ))
    .await
}

/// Runs a connector; a connector's failure is still HTTP 200 (asserted).
pub async fn execute(kb: &Kb, id: &str, params: Value) -> Value {
    let (status, body) = send(kb.post(
        &format!("/api/actions/connector/{id}/_execute"),
        serde_json::json!({ "params": params }),
    ))
    .await;
    assert_eq!(status, 200, "connector failures are still HTTP 200: {body}");
    body
}
