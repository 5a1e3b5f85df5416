//! The secrets a copy or an import asks for again: one password field per key the type takes,
//! or raw JSON for types the client does not model.

use std::collections::BTreeMap;

use kibana_connectors::Secrets;
use kibana_connectors::models::types::secret_keys;
use serde_json::{Map, Value};

use super::connection::FieldError;

/// What the user typed for the secrets of one connector.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SecretsDraft {
    /// The type's secret keys (empty: raw JSON).
    pub keys: Vec<&'static str>,
    /// Values by key.
    pub values: BTreeMap<String, String>,
    /// Raw JSON, for types without known keys.
    pub raw: String,
}

impl SecretsDraft {
    /// Blank fields for `type_id`'s secrets.
    pub fn for_type(type_id: &str) -> Self {
        SecretsDraft {
            keys: secret_keys(type_id).to_vec(),
            values: BTreeMap::new(),
            raw: "{}".into(),
        }
    }

    /// Whether the type has named secret fields (else raw JSON).
    pub fn is_typed(&self) -> bool {
        !self.keys.is_empty()
    }

    /// The value typed for `key`.
    pub fn value(&self, key: &str) -> &str {
        self.values.get(key).map(String::as_str).unwrap_or_default()
    }

    /// The secrets to send; blank fields are left out (Kibana says which are required).
    ///
    /// # Errors
    /// `secrets` when the raw JSON is not an object.
    pub fn to_secrets(&self) -> Result<Secrets, Vec<FieldError>> {
        if self.is_typed() {
            let map: Map<String, Value> = self
                .keys
                .iter()
                .filter_map(|k| {
                    let v = self.value(k).trim();
                    (!v.is_empty()).then(|| (k.to_string(), Value::String(v.to_string())))
                })
                .collect();
            return Ok(Secrets(map));
        }
        if self.raw.trim().is_empty() {
            return Ok(Secrets::default());
        }
        match serde_json::from_str::<Value>(&self.raw) {
            Ok(Value::Object(m)) => Ok(Secrets(m)),
            Ok(_) => Err(vec![FieldError {
                field: "secrets",
                message: "Secrets must be a JSON object.".into(),
            }]),
            Err(e) => Err(vec![FieldError {
                field: "secrets",
                message: format!("The secrets are not valid JSON: {e}."),
            }]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn typed_secrets_keep_only_what_was_typed() {
        let mut d = SecretsDraft::for_type(".webhook");
        assert_eq!(d.keys, ["user", "password"]);
        d.values.insert("user".into(), " bot ".into());
        d.values.insert("password".into(), "".into());
        assert_eq!(
            Value::Object(d.to_secrets().unwrap().0),
            json!({"user": "bot"})
        );
    }

    #[test]
    fn other_types_take_raw_json() {
        let mut d = SecretsDraft::for_type(".inference");
        assert!(!d.is_typed());
        d.raw = r#"{"apiKey": "k"}"#.into();
        assert_eq!(d.to_secrets().unwrap().0["apiKey"], "k");
        d.raw = "[]".into();
        assert_eq!(d.to_secrets().unwrap_err()[0].field, "secrets");
        d.raw = "{".into();
        assert!(
            d.to_secrets().unwrap_err()[0]
                .message
                .contains("not valid JSON")
        );
    }
}
