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

/// `GET /api/licensing/info`: the licence Kibana's licensing plugin reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
#[non_exhaustive]
pub struct License {
    /// The licence itself.
    pub license: LicenseInfo,
    /// Everything else (`features`, `signature`).
    #[serde(flatten)]
    #[cfg_attr(feature = "js", tsify(type = "Record<string, unknown>"))]
    pub extra: Map<String, Value>,
}

/// The `license` block: level and state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
#[non_exhaustive]
pub struct LicenseInfo {
    /// `basic`, `standard`, `gold`, `platinum`, `enterprise` or `trial`.
    #[serde(rename = "type", default)]
    pub kind: String,
    /// `active`, `expired` or `invalid`.
    #[serde(default)]
    pub status: String,
    /// When it ends (absent for basic).
    #[serde(rename = "expiryDateInMillis", default)]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub expiry_date_in_millis: Option<i64>,
    /// Everything else (`uid`, `mode`).
    #[serde(flatten)]
    #[cfg_attr(feature = "js", tsify(type = "Record<string, unknown>"))]
    pub extra: Map<String, Value>,
}
