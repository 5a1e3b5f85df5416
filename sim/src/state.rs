//! The sim's shared state and the request as handlers see it. This module imports no handler:
//! everything that serves requests imports it.

use serde_json::Value;

use crate::config::{Principal, SimConfig};
use crate::faults::{Faults, RequestLog};
use crate::store::Store;
use crate::types::Registry;

/// The sim's shared state.
#[derive(Debug)]
pub struct Sim {
    /// Settings.
    pub config: SimConfig,
    /// Saved objects and documents.
    pub store: Store,
    /// Connector types.
    pub registry: Registry,
    /// Faults injected through the admin surface.
    pub faults: Faults,
    /// Requests received (for tests that count writes).
    pub log: RequestLog,
    /// Outgoing HTTP client for connectors that call services.
    pub http: reqwest::Client,
}

/// A request after the rewrites and payload parsing, as handlers see it.
#[derive(Debug)]
pub struct Ctx<'a> {
    /// The state.
    pub sim: &'a Sim,
    /// The space the request runs in.
    pub space: String,
    /// Who is calling.
    pub principal: &'a Principal,
    /// Parsed JSON body (`Null` when none).
    pub body: Value,
    /// Query parameters.
    pub query: Vec<(String, String)>,
}

impl Sim {
    /// Builds the state: opens the store and registers types. The demo data is loaded by
    /// [`start`](crate::start), not here.
    ///
    /// # Errors
    /// When the data directory cannot be opened.
    pub fn new(config: SimConfig) -> Result<Self, String> {
        let store = Store::open(config.data_dir.as_deref()).map_err(|e| e.to_string())?;
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(60))
            .build()
            .map_err(|e| e.to_string())?;
        let mut registry = Registry::builtin(config.profile);
        for t in &config.extra_types {
            registry.register(crate::types::ConnectorType::from_generic(t)?);
        }
        Ok(Sim {
            registry,
            store,
            faults: Faults::default(),
            log: RequestLog::default(),
            http,
            config,
        })
    }
}
