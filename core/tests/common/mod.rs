//! Shared by the browser tests: the sims' URLs (set at build time by `cargo xtask test`),
//! clients and unique names.
#![allow(dead_code)]

use std::time::Duration;

use kibana_connectors::{Auth, Kibana};

/// A build-time URL, with a clear message when the tests were not started by xtask.
pub fn env_url(value: Option<&'static str>) -> &'static str {
    match value {
        Some(url) => url,
        None => panic!("the sim URLs must be set at build time (cargo xtask test does it)"),
    }
}

/// The sim with CORS open, the admin surface and the demo data.
pub fn sim_url() -> &'static str {
    env_url(option_env!("KIBANA_SIM_URL"))
}

/// A second deployment: another sim (Kibana 8.19, CORS open, no demo data), for work across
/// deployments.
pub fn second_sim_url() -> &'static str {
    env_url(option_env!("KIBANA_SIM_SECOND_URL"))
}

/// The superuser on the second sim.
pub fn second_admin() -> Kibana {
    client_for(
        second_sim_url(),
        Auth::basic("elastic", "changeme"),
        Duration::from_secs(10),
    )
}

/// A client for `url`.
pub fn client_for(url: &str, auth: Auth, timeout: Duration) -> Kibana {
    Kibana::builder(url)
        .auth(auth)
        .timeout(timeout)
        .build()
        .unwrap()
}

/// The superuser on the open sim.
pub fn admin() -> Kibana {
    client_for(
        sim_url(),
        Auth::basic("elastic", "changeme"),
        Duration::from_secs(10),
    )
}

/// A name no other test (or earlier run) uses.
pub fn unique(prefix: &str) -> String {
    format!("{prefix}-{}", (js_sys::Math::random() * 1e12) as u64)
}

/// A new space with a unique id (also its name), created as `kb`'s user.
pub async fn new_space(kb: &Kibana, prefix: &str) -> String {
    let id = unique(prefix);
    kb.spaces()
        .create(&kibana_connectors::Space::new(id.clone(), id.clone()))
        .await
        .unwrap();
    id
}

/// Queues a fault in the open sim (`POST /__sim/faults`).
pub async fn fault(f: serde_json::Value) {
    let resp = gloo_net::http::Request::post(&format!("{}/__sim/faults", sim_url()))
        .json(&serde_json::json!({ "faults": [f] }))
        .unwrap()
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200, "fault accepted");
}

/// Requests (not preflights) the sim received whose path ends with `suffix`, as (method, status),
/// injected faults included; status 0 for one the client abandoned before the answer.
pub async fn served(suffix: &str) -> Vec<(String, u64)> {
    let log: serde_json::Value =
        gloo_net::http::Request::get(&format!("{}/__sim/requests", sim_url()))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    log.as_array()
        .unwrap()
        .iter()
        .filter(|r| r["method"] != "OPTIONS" && r["path"].as_str().unwrap().ends_with(suffix))
        .map(|r| {
            (
                r["method"].as_str().unwrap().to_string(),
                r["status"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}
