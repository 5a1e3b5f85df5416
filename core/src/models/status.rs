use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The parts of `GET /api/status` the client reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
#[non_exhaustive]
pub struct Status {
    /// The Kibana instance name.
    #[serde(default)]
    pub name: String,
    /// `{number, build_hash, ...}`.
    pub version: Version,
    /// Everything else.
    #[serde(flatten)]
    #[cfg_attr(feature = "js", tsify(type = "Record<string, unknown>"))]
    pub extra: Map<String, Value>,
}

/// Kibana's version block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
#[non_exhaustive]
pub struct Version {
    /// e.g. `9.2.0`.
    pub number: String,
    /// Everything else.
    #[serde(flatten)]
    #[cfg_attr(feature = "js", tsify(type = "Record<string, unknown>"))]
    pub extra: Map<String, Value>,
}
