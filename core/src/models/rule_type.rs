//! A rule type as `GET /api/alerting/rule_types` lists it.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One action group of a rule type (alerts fire in one; `recovered` when they stop).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
pub struct ActionGroup {
    /// The id an action names in `group`.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// A registered rule type the caller may use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
#[non_exhaustive]
pub struct RuleType {
    /// Id, e.g. `.index-threshold`.
    pub id: String,
    /// Display name, e.g. "Index threshold".
    pub name: String,
    /// Its action groups.
    #[serde(default)]
    pub action_groups: Vec<ActionGroup>,
    /// The group alerts fire in by default.
    #[serde(default)]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub default_action_group_id: Option<String>,
    /// The feature that registers it.
    #[serde(default)]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub producer: Option<String>,
    /// Everything else Kibana sends (`authorized_consumers`, `category`, ...).
    #[serde(flatten)]
    #[cfg_attr(feature = "js", tsify(type = "Record<string, unknown>"))]
    pub extra: Map<String, Value>,
}
