//! The connector form: field specs per typed connector type, and a draft that validates into
//! Kibana's create/update bodies before anything is sent. Types without specs use raw JSON.

use std::collections::BTreeMap;

use kibana_connectors::{Connector, CreateConnector, Secrets, UpdateConnector};
use serde_json::{Map, Value};

use super::connection::FieldError;

/// How a field is edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Free text.
    Text,
    /// An http(s) URL.
    Url,
    /// A secret string (password input).
    Password,
    /// A whole number.
    Number,
    /// true/false.
    Bool,
    /// One of these values.
    Select(&'static [&'static str]),
    /// A JSON object.
    Json,
}

/// One form field, bound to a config or secrets key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// Kibana's key.
    pub key: &'static str,
    /// Label shown to people.
    pub label: &'static str,
    /// Editor.
    pub kind: FieldKind,
    /// Must be filled.
    pub required: bool,
    /// Goes to `secrets` (never returned by Kibana) rather than `config`.
    pub secret: bool,
    /// Initial value for a new connector.
    pub default: &'static str,
}

const fn f(
    key: &'static str,
    label: &'static str,
    kind: FieldKind,
    required: bool,
    secret: bool,
    default: &'static str,
) -> FieldSpec {
    FieldSpec {
        key,
        label,
        kind,
        required,
        secret,
        default,
    }
}

use FieldKind::{Bool, Json, Number, Password, Select, Text, Url};

const INDEX: &[FieldSpec] = &[
    f("index", "Index", Text, true, false, ""),
    f(
        "refresh",
        "Refresh after writing",
        Bool,
        false,
        false,
        "false",
    ),
    f(
        "executionTimeField",
        "Execution time field",
        Text,
        false,
        false,
        "",
    ),
];
const WEBHOOK: &[FieldSpec] = &[
    f("url", "URL", Url, true, false, ""),
    f(
        "method",
        "Method",
        Select(&["post", "put", "patch", "get", "delete"]),
        true,
        false,
        "post",
    ),
    f("headers", "Headers (JSON object)", Json, false, false, ""),
    f(
        "hasAuth",
        "Requires authentication",
        Bool,
        false,
        false,
        "true",
    ),
    f("user", "User", Text, false, true, ""),
    f("password", "Password", Password, false, true, ""),
];
const SLACK: &[FieldSpec] = &[f("webhookUrl", "Webhook URL", Password, true, true, "")];
const SLACK_API: &[FieldSpec] = &[
    f("token", "Bot token", Password, true, true, ""),
    f(
        "allowedChannels",
        "Allowed channels (JSON array of {id, name})",
        Json,
        false,
        false,
        "",
    ),
];
const EMAIL: &[FieldSpec] = &[
    f("from", "Sender", Text, true, false, ""),
    f(
        "service",
        "Service",
        Select(&[
            "other",
            "gmail",
            "outlook365",
            "ses",
            "elastic_cloud",
            "exchange_server",
        ]),
        true,
        false,
        "other",
    ),
    f("host", "Host", Text, false, false, ""),
    f("port", "Port", Number, false, false, ""),
    f("secure", "Secure (TLS)", Bool, false, false, "false"),
    f(
        "hasAuth",
        "Requires authentication",
        Bool,
        false,
        false,
        "true",
    ),
    f("user", "User", Text, false, true, ""),
    f("password", "Password", Password, false, true, ""),
];
const PAGERDUTY: &[FieldSpec] = &[
    f(
        "apiUrl",
        "API URL (empty: PagerDuty's)",
        Url,
        false,
        false,
        "",
    ),
    f("routingKey", "Integration key", Password, true, true, ""),
];
const SERVICENOW: &[FieldSpec] = &[
    f("apiUrl", "Instance URL", Url, true, false, ""),
    f(
        "usesTableApi",
        "Use the legacy table API",
        Bool,
        false,
        false,
        "false",
    ),
    f("username", "User name", Text, true, true, ""),
    f("password", "Password", Password, true, true, ""),
];
const JIRA: &[FieldSpec] = &[
    f("apiUrl", "URL", Url, true, false, ""),
    f("projectKey", "Project key", Text, true, false, ""),
    f("email", "Email", Text, true, true, ""),
    f("apiToken", "API token", Password, true, true, ""),
];
const OPSGENIE: &[FieldSpec] = &[
    f(
        "apiUrl",
        "API URL",
        Url,
        true,
        false,
        "https://api.opsgenie.com",
    ),
    f("apiKey", "API key", Password, true, true, ""),
];

/// The form fields of a typed connector type; None means the raw JSON editor.
pub fn fields_for(type_id: &str) -> Option<&'static [FieldSpec]> {
    Some(match type_id {
        ".index" => INDEX,
        ".server-log" => &[],
        ".webhook" => WEBHOOK,
        ".slack" | ".teams" => SLACK,
        ".slack_api" => SLACK_API,
        ".email" => EMAIL,
        ".pagerduty" => PAGERDUTY,
        ".servicenow" => SERVICENOW,
        ".jira" => JIRA,
        ".opsgenie" => OPSGENIE,
        _ => return None,
    })
}

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
                for spec in specs {
                    let raw = self.value(spec.key).trim();
                    if raw.is_empty() {
                        if spec.required {
                            errors.push(err(spec.key, format!("{} is required.", spec.label)));
                        }
                        continue;
                    }
                    let value = match spec.kind {
                        FieldKind::Bool => Ok(Value::Bool(raw == "true")),
                        FieldKind::Number => raw.parse::<u64>().map(Value::from).map_err(|_| {
                            err(spec.key, format!("{} must be a whole number.", spec.label))
                        }),
                        FieldKind::Url
                            if !(raw.starts_with("http://") || raw.starts_with("https://")) =>
                        {
                            Err(err(
                                spec.key,
                                format!("{} must start with http:// or https://.", spec.label),
                            ))
                        }
                        FieldKind::Json => serde_json::from_str::<Value>(raw).map_err(|e| {
                            err(spec.key, format!("{} is not valid JSON: {e}.", spec.label))
                        }),
                        FieldKind::Select(options) if !options.contains(&raw) => Err(err(
                            spec.key,
                            format!("Choose one of: {}.", options.join(", ")),
                        )),
                        _ => Ok(Value::String(raw.to_string())),
                    };
                    match value {
                        Ok(v) if spec.secret => {
                            secrets.insert(spec.key.into(), v);
                        }
                        Ok(v) => {
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
            json!({"url":"https://hooks.example/x","method":"post","headers":{"X-Env":"ci"},"hasAuth":true})
        );
        assert_eq!(
            Value::Object(body.secrets.0),
            json!({"user":"bot","password":"pw"})
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
        let mut d = ConnectorDraft::new(".gen-ai");
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

    #[test]
    fn every_typed_type_has_specs_and_keys_are_unique() {
        for t in [
            ".index",
            ".server-log",
            ".webhook",
            ".slack",
            ".email",
            ".pagerduty",
            ".servicenow",
            ".teams",
            ".jira",
            ".opsgenie",
            ".slack_api",
        ] {
            let specs = fields_for(t).unwrap();
            let mut keys: Vec<&str> = specs.iter().map(|s| s.key).collect();
            keys.sort_unstable();
            keys.dedup();
            assert_eq!(keys.len(), specs.len(), "{t}");
        }
    }
}
