use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::types::{ConnectorKind, from_object, to_object};
use crate::error::{Error, Result};

/// A connector as Kibana returns it (create, get, get all, update).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
#[non_exhaustive]
pub struct Connector {
    /// Unique across all spaces.
    pub id: String,
    /// Display name (not unique).
    pub name: String,
    /// The type, e.g. `.index`.
    pub connector_type_id: String,
    /// Validated config with Kibana's defaults; absent for preconfigured and system connectors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional, type = "Record<string, unknown>"))]
    pub config: Option<Map<String, Value>>,
    /// Declared in kibana.yml; read-only, present in every space.
    #[serde(default)]
    pub is_preconfigured: bool,
    /// Whether this connector counts as deprecated.
    #[serde(default)]
    pub is_deprecated: bool,
    /// Whether its type is deprecated (Kibana 9.5+; absent before, read as false).
    #[serde(default)]
    pub is_connector_type_deprecated: bool,
    /// True when Kibana lost the secrets (they must be re-entered); absent for preconfigured ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub is_missing_secrets: Option<bool>,
    /// A system connector (8.10+).
    #[serde(default)]
    pub is_system_action: bool,
    /// How many saved objects use it; only in get-all answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub referenced_by_count: Option<u64>,
    /// Fields this client does not model (kept for round trips).
    #[serde(flatten)]
    #[cfg_attr(feature = "js", tsify(type = "Record<string, unknown>"))]
    pub extra: Map<String, Value>,
}

impl Connector {
    /// The config as a typed value.
    ///
    /// # Errors
    /// [`Error::InvalidConfig`] when the connector is of another type or has no config
    /// (preconfigured connectors); [`Error::Decode`] when the config does not fit.
    pub fn config_as<K: ConnectorKind>(&self) -> Result<K::Config> {
        if self.connector_type_id != K::TYPE_ID {
            return Err(Error::InvalidConfig(format!(
                "connector {} is a {} connector, not {}",
                self.id,
                self.connector_type_id,
                K::TYPE_ID
            )));
        }
        let config = self.config.as_ref().ok_or_else(|| {
            Error::InvalidConfig(format!(
                "connector {} has no config (preconfigured connectors hide it)",
                self.id
            ))
        })?;
        from_object(config)
    }
}

/// Connector secrets. `Debug` shows only the keys: values never reach logs.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secrets(pub Map<String, Value>);

impl fmt::Debug for Secrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.0.keys().map(|k| (k, "<redacted>")))
            .finish()
    }
}

impl From<Map<String, Value>> for Secrets {
    fn from(m: Map<String, Value>) -> Self {
        Secrets(m)
    }
}

/// The body of `POST /api/actions/connector[/{id}]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreateConnector {
    /// Display name; must not be blank.
    pub name: String,
    /// The type, e.g. `.index`.
    pub connector_type_id: String,
    /// Type config.
    pub config: Map<String, Value>,
    /// Type secrets.
    pub secrets: Secrets,
}

impl CreateConnector {
    /// A connector with empty config and secrets.
    pub fn new(name: impl Into<String>, connector_type_id: impl Into<String>) -> Self {
        CreateConnector {
            name: name.into(),
            connector_type_id: connector_type_id.into(),
            config: Map::new(),
            secrets: Secrets::default(),
        }
    }

    /// A typed connector: the type id, config and secrets come from `K`.
    ///
    /// # Errors
    /// [`Error::InvalidConfig`] when config or secrets do not serialise to JSON objects.
    pub fn typed<K: ConnectorKind>(
        name: impl Into<String>,
        config: &K::Config,
        secrets: &K::Secrets,
    ) -> Result<Self> {
        Ok(CreateConnector {
            name: name.into(),
            connector_type_id: K::TYPE_ID.to_string(),
            config: to_object(config)?,
            secrets: Secrets(to_object(secrets)?),
        })
    }

    /// Sets the config (a JSON object; other values become `{}`).
    pub fn config(mut self, config: Value) -> Self {
        self.config = into_map(config);
        self
    }

    /// Sets the secrets (a JSON object; other values become `{}`).
    pub fn secrets(mut self, secrets: Value) -> Self {
        self.secrets = Secrets(into_map(secrets));
        self
    }
}

/// The body of `PUT /api/actions/connector/{id}`.
///
/// An update is a **full replace**: config and secrets not sent become `{}`, so send the
/// secrets again on every update (Kibana never returns them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UpdateConnector {
    /// New name.
    pub name: String,
    /// The complete config.
    pub config: Map<String, Value>,
    /// The complete secrets.
    pub secrets: Secrets,
}

impl UpdateConnector {
    /// An update with empty config and secrets.
    pub fn new(name: impl Into<String>) -> Self {
        UpdateConnector {
            name: name.into(),
            config: Map::new(),
            secrets: Secrets::default(),
        }
    }

    /// Sets the config.
    pub fn config(mut self, config: Value) -> Self {
        self.config = into_map(config);
        self
    }

    /// Sets the secrets.
    pub fn secrets(mut self, secrets: Value) -> Self {
        self.secrets = Secrets(into_map(secrets));
        self
    }
}

fn into_map(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn create_body_matches_kibanas_json() {
        let body = CreateConnector::new("An index action", ".index").config(json!({"index": "i"}));
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            json!({"name":"An index action","connector_type_id":".index","config":{"index":"i"},"secrets":{}})
        );
    }

    #[test]
    fn preconfigured_connectors_decode_without_config() {
        let c: Connector = serde_json::from_str(
            r#"{"id":"my-slack1","connector_type_id":".slack","name":"Slack#xyz","is_preconfigured":true,"is_system_action":false,"is_deprecated":false,"auth_mode":"shared"}"#,
        )
        .unwrap();
        assert!(c.is_preconfigured && c.config.is_none() && c.is_missing_secrets.is_none());
        assert_eq!(c.extra["auth_mode"], "shared");
    }

    #[test]
    fn secrets_debug_hides_values() {
        let body = CreateConnector::new("s", ".slack")
            .secrets(json!({"webhookUrl": "https://hooks.example/T0/SECRET"}));
        let shown = format!("{body:?}");
        assert!(
            !shown.contains("SECRET") && shown.contains("webhookUrl"),
            "{shown}"
        );
    }
}
