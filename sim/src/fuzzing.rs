//! The entry point of the `sim_request` fuzz target (`fuzz/`), shared with the regression test
//! that replays every input the fuzzer ever kept (`fuzz/regressions/sim_request/`).
//!
//! An input becomes one HTTP request that goes through the whole request lifecycle in process
//! (space and base-path rewrites, routing, authentication, payload parsing, xsrf, validation of
//! every connector type's config, secrets and params, handlers, the store). State carries over
//! between inputs, so a create can meet a later update, execute or delete. Connectors that run
//! may only reach a host that does not exist, so no input waits on the network.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::Request;
use serde_json::{Map, json};

use crate::config::{Preconfigured, Principal, Privilege, SimConfig};
use crate::server::serve_one;
use crate::state::Sim;

const METHODS: [&str; 7] = ["GET", "POST", "PUT", "DELETE", "OPTIONS", "HEAD", "PATCH"];

/// Path templates; `{}` takes the fuzzer's segment, so inputs stay near real routes.
const PATHS: [&str; 14] = [
    "/api/actions/connector/{}",
    "/api/actions/connector",
    "/api/actions/connectors",
    "/api/actions/connector/{}/_execute",
    "/s/{}/api/actions/connectors",
    "/s/{}/api/actions/connector",
    "/api/actions/connector_types?feature_id={}",
    "/api/actions/action/{}",
    "/api/actions/action/{}/_execute",
    "/api/spaces/space/{}",
    "/api/spaces/space",
    "/api/status",
    "/kibana/s/{}/api/actions/connector",
    "{}",
];

const AUTHS: [&str; 5] = [
    "Basic ZWxhc3RpYzpjaGFuZ2VtZQ==", // elastic:changeme
    "Basic cmVhZGVyOnJlYWRlcg==",     // reader:reader
    "Basic ZWxhc3RpYzp3cm9uZw==",     // elastic:wrong
    "ApiKey bm9wZQ==",
    "",
];

/// One sim, kept across inputs.
#[derive(Debug)]
pub struct RequestFuzzer {
    runtime: tokio::runtime::Runtime,
    sim: Arc<Sim>,
}

impl RequestFuzzer {
    /// An in-memory sim with CORS on, a read-only user, a preconfigured connector, the legacy
    /// routes and a small `server.maxPayload`.
    ///
    /// # Panics
    /// When the runtime or the in-memory store cannot be created.
    pub fn new() -> Self {
        let mut spaces = BTreeMap::new();
        spaces.insert("default".to_string(), Privilege::Read);
        let mut preconfigured = BTreeMap::new();
        preconfigured.insert(
            "preconfigured-log".to_string(),
            Preconfigured {
                name: "Preconfigured log".into(),
                action_type_id: ".server-log".into(),
                config: Map::new(),
                secrets: Map::new(),
            },
        );
        let mut config = SimConfig {
            max_payload: 4096,
            cors_enabled: true,
            legacy_routes: true,
            allowed_hosts: vec!["fuzz.invalid".into()],
            preconfigured,
            ..SimConfig::default()
        };
        config.principals.push(Principal {
            username: Some("reader".into()),
            password: Some("reader".into()),
            id: None,
            key: None,
            token: None,
            superuser: false,
            spaces,
            rules: None,
        });
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a tokio runtime");
        let sim = Arc::new(Sim::new(config).expect("an in-memory sim"));
        Self { runtime, sim }
    }

    /// Sends one input as a request and reads the whole answer; returns its status, or None
    /// when the input is not a request at all (a path no HTTP client could send).
    ///
    /// Layout: method byte, auth byte (low bits: who; bit 3: `kbn-xsrf`; bit 4: an `Origin`),
    /// path-template byte, then the path segment up to the first newline, then the body.
    pub fn run(&self, data: &[u8]) -> Option<u16> {
        let [method, auth, template, rest @ ..] = data else {
            return None;
        };
        let (segment, body) = match rest.iter().position(|b| *b == b'\n') {
            Some(at) => (&rest[..at], &rest[at + 1..]),
            None => (rest, &[][..]),
        };
        let path = PATHS[usize::from(*template) % PATHS.len()]
            .replace("{}", &String::from_utf8_lossy(segment));
        let mut request = Request::builder()
            .method(METHODS[usize::from(*method) % METHODS.len()])
            .uri(path)
            .header("content-type", "application/json");
        let who = AUTHS[usize::from(auth & 7) % AUTHS.len()];
        if !who.is_empty() {
            request = request.header("authorization", who);
        }
        if auth & 8 != 0 {
            request = request.header("kbn-xsrf", "fuzz");
        }
        if auth & 16 != 0 {
            request = request.header("origin", "http://127.0.0.1:8080");
        }
        let request = request.body(Body::from(body.to_vec())).ok()?;
        let sim = self.sim.clone();
        self.runtime.block_on(async move {
            let response = serve_one(&sim, request).await;
            let status = response.status().as_u16();
            let body = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .ok()?;
            // Kibana answers JSON (or nothing) on every route.
            if !body.is_empty() && serde_json::from_slice::<serde_json::Value>(&body).is_err() {
                panic!(
                    "status {status} with a body that is not JSON: {}",
                    json!(String::from_utf8_lossy(&body))
                );
            }
            Some(status)
        })
    }
}

impl Default for RequestFuzzer {
    fn default() -> Self {
        Self::new()
    }
}
