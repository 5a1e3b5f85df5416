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
