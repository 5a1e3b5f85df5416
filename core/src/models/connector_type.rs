use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// An element of `GET /api/actions/connector_types`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
#[non_exhaustive]
pub struct ConnectorType {
    /// e.g. `.webhook`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Usable now: enabled in kibana.yml and by the license.
    pub enabled: bool,
    /// Allowed by `xpack.actions.enabledActionTypes`.
    pub enabled_in_config: bool,
    /// Allowed by the current license.
    pub enabled_in_license: bool,
    /// `basic`, `gold`, `platinum`, `enterprise`, ...
    pub minimum_license_required: String,
    /// Features that can use it (`alerting`, `cases`, ...).
    #[serde(default)]
    pub supported_feature_ids: Vec<String>,
    /// System action types are internal.
    #[serde(default)]
    pub is_system_action_type: bool,
    /// The type is deprecated (Kibana 9.5+ says so; absent before): still creatable, shown
    /// with a badge as Kibana's picker does.
    #[serde(default)]
    pub is_deprecated: bool,
    /// A technical preview, where the Kibana line reports it (absent means not one).
    #[serde(default)]
    pub is_experimental: bool,
    /// Kibana's one-line description, where the registration sets one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub description: Option<String>,
    /// Fields this client does not model.
    #[serde(flatten)]
    #[cfg_attr(feature = "js", tsify(type = "Record<string, unknown>"))]
    pub extra: Map<String, Value>,
}
