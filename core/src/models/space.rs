use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{Error, Result};

/// The space every Kibana has, which API paths leave out (no `/s/default` prefix), and which
/// cannot be deleted.
pub const DEFAULT_SPACE: &str = "default";

/// Checks a space id locally: Kibana's `^[a-z0-9_-]+$`.
///
/// # Errors
/// [`Error::InvalidSpaceId`] with the reason.
pub fn validate_space_id(id: &str) -> Result<()> {
    let reason = if id.is_empty() {
        Some("it is empty".to_string())
    } else {
        id.chars()
            .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_' || *c == '-'))
            .map(|c| format!("{c:?} is not allowed; use lowercase letters, digits, '_' and '-'"))
    };
    match reason {
        Some(reason) => Err(Error::InvalidSpaceId {
            space_id: id.to_string(),
            reason,
        }),
        None => Ok(()),
    }
}

/// A Kibana space (`/api/spaces/space`). Also the body of create and update.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
pub struct Space {
    /// Lowercase letters, digits, `_` and `-`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Free text shown under the space's name in Kibana's space selector.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn space_ids_are_checked_locally() {
        assert!(validate_space_id("marketing-2_x").is_ok());
        for bad in ["", "Marketing", "a.b", "a/b", "é"] {
            assert!(
                matches!(validate_space_id(bad), Err(Error::InvalidSpaceId { .. })),
                "{bad}"
            );
        }
    }
}
