use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A Kibana space (`/api/spaces/space`). Also the body of create and update.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
pub struct Space {
    /// Lowercase letters, digits, `_` and `-`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub description: Option<String>,
    /// `#rrggbb`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub color: Option<String>,
    /// Up to two characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub initials: Option<String>,
    /// Features hidden in the space.
    #[serde(default, rename = "disabledFeatures")]
    pub disabled_features: Vec<String>,
    /// True only for the default space; ignored when sent.
    #[serde(default, rename = "_reserved", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub reserved: Option<bool>,
    /// Fields this client does not model (`imageUrl`, `solution`, ...).
    #[serde(flatten)]
    #[cfg_attr(feature = "js", tsify(type = "Record<string, unknown>"))]
    pub extra: Map<String, Value>,
}

impl Space {
    /// A space with an id and a name.
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Self {
        Space {
            id: id.into(),
            name: name.into(),
            description: None,
            color: None,
            initials: None,
            disabled_features: vec![],
            reserved: None,
            extra: Map::new(),
        }
    }
}
