//! The connector form: a draft that validates into Kibana's create/update bodies before
//! anything is sent. Typed types use the field specs; other types use raw JSON.

use std::collections::BTreeMap;

use kibana_connectors::{Connector, CreateConnector, Secrets, UpdateConnector};
use serde_json::{Map, Value};

use super::connection::FieldError;
use super::field_specs::{FieldKind, fields_for};
use super::field_visibility::applies;

/// A connector's `config` and `secrets` objects.
type ConfigAndSecrets = (Map<String, Value>, Map<String, Value>);

/// What the user typed, as strings; nothing is lost when validation fails.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ConnectorDraft {
    /// The type (fixed once created).
    pub type_id: String,
    /// Display name.
    pub name: String,
    /// Field values by key, for typed types.
    pub values: BTreeMap<String, String>,
    /// Raw config JSON, for other types.
    pub raw_config: String,
    /// Raw secrets JSON, for other types.
    pub raw_secrets: String,
}

fn err(field: &'static str, message: impl Into<String>) -> FieldError {
    FieldError {
        field,
        message: message.into(),
    }
}

fn parse_object(text: &str, field: &'static str) -> Result<Map<String, Value>, FieldError> {
    if text.trim().is_empty() {
        return Ok(Map::new());
    }
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(err(
            field,
            "Enter a JSON object, like {\"key\": \"value\"}.",
        )),
        Err(e) => Err(err(field, format!("This is not valid JSON: {e}."))),
    }
}

impl ConnectorDraft {
    /// A new connector of `type_id` with the defaults filled in.
    pub fn new(type_id: &str) -> Self {
        let values = fields_for(type_id)
            .unwrap_or_default()
            .iter()
            .map(|s| (s.key.to_string(), s.default.to_string()))
            .collect();
        ConnectorDraft {
            type_id: type_id.into(),
            values,
            raw_config: "{}".into(),
            raw_secrets: "{}".into(),
            ..Default::default()
        }
    }

    /// An existing connector, for editing. Secrets are blank: Kibana never returns them.
    pub fn from_connector(c: &Connector) -> Self {
        let mut draft = ConnectorDraft::new(&c.connector_type_id);
        draft.name = c.name.clone();
        let config = c.config.clone().unwrap_or_default();
        for spec in fields_for(&c.connector_type_id).unwrap_or_default() {
            let value = match config.get(spec.key) {
                _ if spec.secret => String::new(),
                // A choice Kibana left unset means its default (older webhooks have no
                // `authType`: basic).
                None | Some(Value::Null)
                    if spec.required && matches!(spec.kind, FieldKind::Select(_)) =>
                {
                    spec.default.to_string()
                }
                None | Some(Value::Null) => String::new(),
                Some(Value::String(s)) => s.clone(),
                Some(other) if spec.kind == FieldKind::Json => {
                    serde_json::to_string_pretty(other).unwrap_or_default()
                }
                Some(other) => other.to_string(),
            };
            draft.values.insert(spec.key.to_string(), value);
        }
        draft.raw_config = serde_json::to_string_pretty(&Value::Object(config)).unwrap_or_default();
        draft.raw_secrets = "{}".into();
        draft
    }

    /// The value of a field.
    pub fn value(&self, key: &str) -> &str {
        self.values.get(key).map(String::as_str).unwrap_or_default()
    }

    /// Config and secrets from the fields, or every field problem.
    fn parts(&self) -> Result<ConfigAndSecrets, Vec<FieldError>> {
        let mut errors = Vec::new();
        if self.name.trim().is_empty() {
            errors.push(err("name", "Enter a name."));
        }
        let (mut config, mut secrets) = (Map::new(), Map::new());
        match fields_for(&self.type_id) {
            None => {
                match parse_object(&self.raw_config, "config") {
                    Ok(m) => config = m,
                    Err(e) => errors.push(e),
                }
                match parse_object(&self.raw_secrets, "secrets") {
                    Ok(m) => secrets = m,
                    Err(e) => errors.push(e),
                }
            }
            Some(specs) => {
                for spec in specs
                    .iter()
                    .filter(|s| applies(&self.type_id, s.key, &self.values))
                {
                    match spec.parse(self.value(spec.key)) {
                        Ok(None) => {}
                        Ok(Some(v)) if spec.secret => {
                            secrets.insert(spec.key.into(), v);
                        }
                        Ok(Some(v)) => {
                            config.insert(spec.key.into(), v);
                        }
                        Err(e) => errors.push(e),
                    }
                }
            }
        }
        if errors.is_empty() {
            Ok((config, secrets))
        } else {
            Err(errors)
        }
    }

    /// The create body, or every field problem (nothing is sent then).
    ///
    /// # Errors
    /// One entry per invalid field.
    pub fn to_create(&self) -> Result<CreateConnector, Vec<FieldError>> {
        let (config, secrets) = self.parts()?;
        Ok(CreateConnector {
            name: self.name.trim().to_string(),
            connector_type_id: self.type_id.clone(),
            config,
            secrets: Secrets(secrets),
        })
    }

    /// The update body (a full replace: the secrets must be entered again).
    ///
    /// # Errors
    /// One entry per invalid field.
    pub fn to_update(&self) -> Result<UpdateConnector, Vec<FieldError>> {
        let (config, secrets) = self.parts()?;
        Ok(UpdateConnector {
            name: self.name.trim().to_string(),
            config,
            secrets: Secrets(secrets),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_typed_draft_splits_config_and_secrets() {
        let mut d = ConnectorDraft::new(".webhook");
        d.name = " Deploy hook ".into();
        d.values
            .insert("url".into(), "https://hooks.example/x".into());
        d.values.insert("user".into(), "bot".into());
        d.values.insert("password".into(), "pw".into());
        d.values
            .insert("headers".into(), r#"{"X-Env":"ci"}"#.into());
        let body = d.to_create().unwrap();
        assert_eq!(body.name, "Deploy hook");
        assert_eq!(
            Value::Object(body.config),
            json!({"url":"https://hooks.example/x","method":"post","headers":{"X-Env":"ci"},"hasAuth":true,
                "authType":"webhook-authentication-basic"})
        );
        assert_eq!(
            Value::Object(body.secrets.0),
            json!({"user":"bot","password":"pw"})
        );
    }

    #[test]
    fn only_the_chosen_authentication_is_sent() {
        let mut d = ConnectorDraft::new(".webhook");
        d.name = "hook".into();
        for (k, v) in [
            ("url", "https://hooks.example/x"),
            ("user", "left-over"),
            ("authType", "webhook-oauth2-client-credentials"),
            ("accessTokenUrl", "https://auth.example/token"),
            ("clientId", "cid"),
            ("clientSecret", "cs"),
        ] {
            d.values.insert(k.into(), v.into());
        }
        let body = d.to_create().unwrap();
        assert_eq!(Value::Object(body.secrets.0), json!({"clientSecret": "cs"}));
        assert_eq!(body.config["accessTokenUrl"], "https://auth.example/token");
        assert!(!body.config.contains_key("certType"), "SSL fields stay out");
        d.values.insert("clientId".into(), String::new());
        let errors = d.to_create().unwrap_err();
        assert_eq!(
            errors.iter().map(|e| e.field).collect::<Vec<_>>(),
            ["clientId"]
        );
    }

    #[test]
    fn every_problem_is_reported_and_the_draft_is_kept() {
        let mut d = ConnectorDraft::new(".email");
        d.values.insert("port".into(), "twenty".into());
        let before = d.clone();
        let errors = d.to_create().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["name", "from", "port"]);
        assert_eq!(d, before);
    }

    #[test]
    fn urls_json_and_selects_are_checked() {
        let mut d = ConnectorDraft::new(".webhook");
        d.name = "w".into();
        d.values.insert("url".into(), "hooks.example".into());
        d.values.insert("method".into(), "post2".into());
        d.values.insert("headers".into(), "{nope".into());
        let fields: Vec<&str> = d.to_create().unwrap_err().iter().map(|e| e.field).collect();
        assert_eq!(fields, ["url", "method", "headers"]);
    }

    #[test]
    fn other_types_use_raw_json() {
        let mut d = ConnectorDraft::new(".inference");
        d.name = "AI".into();
        d.raw_config = r#"{"apiProvider":"OpenAI","apiUrl":"http://x"}"#.into();
        d.raw_secrets = "[1]".into();
        assert_eq!(d.to_create().unwrap_err()[0].field, "secrets");
        d.raw_secrets = r#"{"apiKey":"k"}"#.into();
        assert_eq!(d.to_create().unwrap().config["apiProvider"], "OpenAI");
    }

    #[test]
    fn editing_loads_config_but_never_secrets() {
        let c: Connector = serde_json::from_value(json!({"id":"e","name":"Mail","connector_type_id":".email",
            "config":{"from":"a@example.com","service":"other","host":"smtp","port":25,"secure":false,"hasAuth":true}})).unwrap();
        let d = ConnectorDraft::from_connector(&c);
        assert_eq!(
            (
                d.name.as_str(),
                d.value("host"),
                d.value("port"),
                d.value("secure")
            ),
            ("Mail", "smtp", "25", "false")
        );
        assert_eq!(d.value("password"), "");
        let body = {
            let mut d = d.clone();
            d.values.insert("user".into(), "u".into());
            d.values.insert("password".into(), "p".into());
            d.to_update().unwrap()
        };
        assert_eq!(body.config["port"], 25);
        assert_eq!(body.secrets.0["password"], "p");
    }
}
