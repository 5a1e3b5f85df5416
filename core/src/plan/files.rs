//! Desired set files: read (this format, or an export file whose secret keys become
//! environment references) and written from what a deployment has, with a `{"$env": NAME}`
//! reference for each secret the connector needs, so an export is ready for `plan`.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{Map, Value};

use super::{DESIRED_FORMAT, DesiredConnector, DesiredSet, SecretSource, SecretsPolicy};
use crate::bulk::{ConnectorSet, SET_FORMAT};
use crate::error::{Error, Result};
use crate::models::Connector;
use crate::models::types::secret_keys;

/// The environment variable an exported set names for a secret: `KC_<ID>_<KEY>`, upper case,
/// every character other than a letter or digit as `_` (`my-hook`, `password` →
/// `KC_MY_HOOK_PASSWORD`).
pub fn secret_env_name(id: &str, key: &str) -> String {
    let shout = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_uppercase()
                } else {
                    '_'
                }
            })
            .collect()
    };
    format!("KC_{}_{}", shout(id), shout(key))
}

/// The secret keys a stored connector uses, given its config: none for a webhook or email
/// connector without authentication, the certificate's for SSL, the client secret for OAuth.
pub fn needed_secret_keys(type_id: &str, config: &Map<String, Value>) -> Vec<String> {
    let owned = |keys: &[&str]| keys.iter().map(|k| k.to_string()).collect();
    if matches!(type_id, ".webhook" | ".cases-webhook" | ".email") {
        if config.get("hasAuth") == Some(&Value::Bool(false)) {
            return Vec::new();
        }
        // Kibana's auth types (kbn-connector-schemas common/auth): basic, ssl, oauth2.
        match config.get("authType").and_then(Value::as_str) {
            Some("webhook-authentication-ssl") => {
                return match config.get("certType").and_then(Value::as_str) {
                    Some("ssl-pfx") => owned(&["pfx"]),
                    _ => owned(&["crt", "key"]),
                };
            }
            Some("webhook-oauth2-client-credentials") => return owned(&["clientSecret"]),
            _ => {}
        }
    }
    owned(secret_keys(type_id))
}

fn env_refs(id: &str, keys: impl IntoIterator<Item = String>) -> BTreeMap<String, SecretSource> {
    keys.into_iter()
        .map(|key| {
            let env = secret_env_name(id, &key);
            (key, SecretSource::Env { env })
        })
        .collect()
}

impl DesiredSet {
    /// The set of `connectors` as they are (with their space ids), each secret as a
    /// reference named by [`secret_env_name`]. Preconfigured and system connectors are left
    /// out: the API cannot change them.
    pub fn from_connectors<'c>(
        connectors: impl IntoIterator<Item = (&'c str, &'c Connector)>,
    ) -> Self {
        let connectors = connectors
            .into_iter()
            .filter(|(_, c)| !c.is_preconfigured && !c.is_system_action)
            .map(|(space, c)| {
                let config = c.config.clone().unwrap_or_default();
                DesiredConnector {
                    space_id: space.to_string(),
                    id: c.id.clone(),
                    name: c.name.clone(),
                    connector_type_id: c.connector_type_id.clone(),
                    secrets: env_refs(&c.id, needed_secret_keys(&c.connector_type_id, &config)),
                    config,
                    secrets_policy: SecretsPolicy::OnChange,
                }
            })
            .collect();
        DesiredSet {
            format: DESIRED_FORMAT.into(),
            connectors,
        }
    }

    /// An export file as a desired set: each listed secret key becomes a reference named by
    /// [`secret_env_name`].
    pub fn from_export(set: ConnectorSet) -> Self {
        let connectors = set
            .connectors
            .into_iter()
            .map(|c| DesiredConnector {
                secrets: env_refs(&c.id, c.secret_keys),
                space_id: c.space_id,
                id: c.id,
                name: c.name,
                connector_type_id: c.connector_type_id,
                config: c.config,
                secrets_policy: SecretsPolicy::OnChange,
            })
            .collect();
        DesiredSet {
            format: DESIRED_FORMAT.into(),
            connectors,
        }
    }

    /// Reads a desired set file, or an export file ([`SET_FORMAT`]).
    ///
    /// # Errors
    /// [`Error::InvalidConfig`] saying what is wrong: not JSON, another format, a connector
    /// without an id, name, type or space, a secret that is neither `{"$env": NAME}` nor a
    /// string, or the same id twice.
    pub fn from_json(text: &str) -> Result<Self> {
        #[derive(Deserialize)]
        struct Format {
            format: Option<Value>,
        }
        let format = serde_json::from_str::<Format>(text)
            .map_err(|e| Error::InvalidConfig(format!("this is not a connector set: {e}")))?
            .format;
        let set = match format.as_ref().and_then(Value::as_str) {
            Some(DESIRED_FORMAT) => serde_json::from_str::<DesiredSet>(text)
                .map_err(|e| Error::InvalidConfig(format!("in the desired set: {e}")))?,
            Some(SET_FORMAT) => Self::from_export(ConnectorSet::from_json(text)?),
            _ => {
                return Err(Error::InvalidConfig(format!(
                    "unknown format {} (expected {DESIRED_FORMAT:?} or {SET_FORMAT:?})",
                    format.map_or("(none)".to_string(), |f| f.to_string())
                )));
            }
        };
        let mut seen = std::collections::HashSet::new();
        for c in &set.connectors {
            if c.id.is_empty() || c.space_id.is_empty() || c.connector_type_id.is_empty() {
                return Err(Error::InvalidConfig(format!(
                    "connector {:?} needs an id, a space_id and a connector_type_id",
                    c.name
                )));
            }
            if !seen.insert(c.id.as_str()) {
                return Err(Error::InvalidConfig(format!(
                    "connector id {} appears twice (ids are unique across a deployment's spaces)",
                    c.id
                )));
            }
        }
        Ok(set)
    }

    /// The file's text (pretty JSON). A secret given as a value is written as
    /// `{"$redacted": true}`, which no reader accepts: values never reach a file.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
