//! What a registered connector type is: its license and features, its config, secrets and
//! params schemas, the rules that run after them, and how it runs.

use serde_json::{Map, Value};

use crate::config::{License, SimConfig};
use crate::schema::{self, Field, Ty};

/// How a type runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Executor {
    /// `.index`: writes documents into the sim's store.
    Index,
    /// `.server-log`: logs through tracing.
    ServerLog,
    /// `.webhook`.
    Webhook,
    /// `.slack` (incoming webhook).
    Slack,
    /// `.slack_api` (Web API).
    SlackApi,
    /// `.teams`.
    Teams,
    /// `.email` over SMTP.
    Email,
    /// `.pagerduty`.
    PagerDuty,
    /// `.servicenow`, `-sir`, `-itom`.
    ServiceNow,
    /// `.jira`.
    Jira,
    /// `.opsgenie` (sub-action framework).
    Opsgenie,
    /// A type registered generically: any sub-action is "not registered", as in Kibana's
    /// sub-action framework when asked for something the sim does not model.
    Generic,
}

/// A JSON object.
pub type JsonObject = Map<String, Value>;

/// How params are validated.
#[derive(Debug, Clone)]
pub enum ParamsSchema {
    /// A strict object.
    Object(Vec<Field>),
    /// `schema.oneOf` of `{subAction: literal, subActionParams: ...}` objects.
    SubActions(Vec<(&'static str, Ty)>),
    /// The sub-action framework: `{subAction: string, subActionParams?: record}`; unknown
    /// sub-actions fail at run time.
    Framework(Vec<(&'static str, Ty)>),
    /// Anything.
    Any,
}

/// A cross-field rule that runs after the schemas (Kibana's `validate.connector` and custom
/// validators). Returns `(stage, message)`, stage being `config`, `secrets` or `connector`.
pub type ConnectorRule =
    fn(&Map<String, Value>, &Map<String, Value>, &SimConfig) -> Result<(), (&'static str, String)>;

/// A params rule that runs after the params schema.
pub type ParamsRule = fn(&Map<String, Value>) -> Result<(), String>;

/// A registered connector type.
#[derive(Debug, Clone)]
pub struct ConnectorType {
    /// e.g. `.index`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// `minimumLicenseRequired`.
    pub license: License,
    /// `supportedFeatureIds`.
    pub features: Vec<String>,
    /// None: config is stored as sent (types without a config schema, e.g. `.teams`).
    pub config: Option<Vec<Field>>,
    /// None: secrets are stored as sent.
    pub secrets: Option<Vec<Field>>,
    /// Params validation.
    pub params: ParamsSchema,
    /// Cross-field checks on config + secrets.
    pub connector_rule: Option<ConnectorRule>,
    /// Cross-field checks on params.
    pub params_rule: Option<ParamsRule>,
    /// System action types are hidden and cannot be created.
    pub system: bool,
    /// Runner.
    pub executor: Executor,
}

impl ConnectorType {
    /// A type with no schemas (anything goes), for generic registration.
    pub fn generic(id: &str, name: &str, license: License, features: &[&str]) -> Self {
        ConnectorType {
            id: id.into(),
            name: name.into(),
            license,
            features: features.iter().map(|s| s.to_string()).collect(),
            config: None,
            secrets: None,
            params: ParamsSchema::Any,
            connector_rule: None,
            params_rule: None,
            system: false,
            executor: Executor::Generic,
        }
    }

    /// Validates config and secrets at create/update, returning them with defaults filled.
    ///
    /// # Errors
    /// Kibana's 400 message (`error validating action type config: ...`).
    pub fn validate_connector(
        &self,
        config: &Map<String, Value>,
        secrets: &Map<String, Value>,
        sim: &SimConfig,
    ) -> Result<(JsonObject, JsonObject), String> {
        let config = match &self.config {
            Some(fields) => schema::check_object(fields, config, "")
                .map_err(|e| format!("error validating action type config: {e}"))?,
            None => config.clone(),
        };
        let secrets = match &self.secrets {
            Some(fields) => schema::check_object(fields, secrets, "")
                .map_err(|e| format!("error validating action type secrets: {e}"))?,
            None => secrets.clone(),
        };
        if let Some(rule) = self.connector_rule {
            rule(&config, &secrets, sim)
                .map_err(|(stage, msg)| format!("error validating action type {stage}: {msg}"))?;
        }
        Ok((config, secrets))
    }

    /// Validates execute params.
    ///
    /// # Errors
    /// The message after `error validating action params: `.
    pub fn validate_params(
        &self,
        params: &Map<String, Value>,
    ) -> Result<Map<String, Value>, String> {
        let checked = match &self.params {
            ParamsSchema::Any => params.clone(),
            ParamsSchema::Object(fields) => schema::check_object(fields, params, "")?,
            ParamsSchema::Framework(_) => {
                let fields = vec![
                    schema::req("subAction", schema::string()),
                    schema::maybe("subActionParams", Ty::Record),
                ];
                schema::check_object(&fields, params, "")?
            }
            ParamsSchema::SubActions(alternatives) => {
                let mut lines = Vec::new();
                for (i, (name, sub_params)) in alternatives.iter().enumerate() {
                    let fields = vec![
                        schema::req("subAction", Ty::Equals(name)),
                        schema::req("subActionParams", sub_params.clone()),
                    ];
                    match schema::check_object(&fields, params, &i.to_string()) {
                        Ok(v) => return self.run_params_rule(v),
                        Err(e) => lines.push(format!("- {e}")),
                    }
                }
                return Err(format!(
                    "types that failed validation:\n{}",
                    lines.join("\n")
                ));
            }
        };
        self.run_params_rule(checked)
    }

    fn run_params_rule(&self, params: Map<String, Value>) -> Result<Map<String, Value>, String> {
        if let Some(rule) = self.params_rule {
            rule(&params)?;
        }
        Ok(params)
    }

    /// Whether a saved connector of this type counts as deprecated (ServiceNow's table API).
    pub fn connector_deprecated(&self, config: &Map<String, Value>) -> bool {
        matches!(self.id.as_str(), ".servicenow" | ".servicenow-sir")
            && config
                .get("usesTableApi")
                .and_then(Value::as_bool)
                .unwrap_or(true)
    }
}
