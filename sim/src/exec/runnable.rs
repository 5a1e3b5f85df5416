//! What the executors run: a connector resolved for execution, saved or preconfigured.

use serde_json::{Map, Value};

use crate::schema::str_field;

/// A connector resolved for execution: the saved object or the preconfigured entry, with its
/// decrypted secrets (which its `Debug` output never shows).
#[derive(Clone)]
pub struct Runnable {
    /// The connector id.
    pub id: String,
    /// The connector name (Kibana quotes it in some executor errors).
    pub name: String,
    /// The connector type id, e.g. `.webhook`.
    pub type_id: String,
    /// The validated config, Kibana's defaults applied.
    pub config: Map<String, Value>,
    /// The validated secrets.
    pub secrets: Map<String, Value>,
}

impl std::fmt::Debug for Runnable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runnable")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("type_id", &self.type_id)
            .field("config", &self.config)
            .field(
                "secrets",
                &format_args!("<{} redacted>", self.secrets.len()),
            )
            .finish()
    }
}

impl Runnable {
    /// The config's `apiUrl` without a trailing slash (the services' base URL).
    pub(crate) fn api_url(&self) -> String {
        str_field(&self.config, "apiUrl")
            .unwrap_or_default()
            .trim_end_matches('/')
            .to_string()
    }

    /// Authentication is on (`hasAuth`, true unless set false).
    pub(crate) fn has_auth(&self) -> bool {
        self.config.get("hasAuth") != Some(&Value::Bool(false))
    }

    /// The config's `headers`, then the encrypted `secretHeaders` (9.x), as they go out.
    pub(crate) fn headers(&self) -> Vec<(String, String)> {
        [
            self.config.get("headers"),
            self.secrets.get("secretHeaders"),
        ]
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
        .flatten()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
        .collect()
    }

    /// The secrets' user and password, when both are set and authentication is on.
    pub(crate) fn basic_auth(&self) -> Option<(&str, &str)> {
        match (
            str_field(&self.secrets, "user"),
            str_field(&self.secrets, "password"),
        ) {
            (Some(user), Some(password)) if self.has_auth() => Some((user, password)),
            _ => None,
        }
    }
}
