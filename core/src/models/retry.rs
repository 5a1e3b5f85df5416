//! Kibana's retry hint on a failed connector run: a flag or the time to retry at. Shared by
//! the execute result and [`Error::Execution`](crate::Error::Execution).

use serde::{Deserialize, Serialize};

/// Kibana's `retry` hint: a boolean or an ISO date to retry at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
#[serde(untagged)]
pub enum Retry {
    /// Retry (true) or do not (false).
    Flag(bool),
    /// Retry at this time (ISO 8601).
    At(String),
}

impl Retry {
    /// Whether Kibana suggests retrying at all.
    pub fn should_retry(&self) -> bool {
        !matches!(self, Retry::Flag(false))
    }
}
