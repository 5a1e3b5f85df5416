//! Typed config, secrets and params for common connector types, with Kibana's field names and
//! defaults. They convert to and from the untyped JSON the API carries; types not modelled here
//! still work untyped ([`crate::CreateConnector::config`] takes any JSON object).
//!
//! ```
//! use kibana_connectors::CreateConnector;
//! use kibana_connectors::models::types::{Index, IndexConfig, NoSecrets};
//!
//! let body = CreateConnector::typed::<Index>("Log Writer", &IndexConfig::new("my-logs"), &NoSecrets {})?;
//! assert_eq!(body.connector_type_id, ".index");
//! assert_eq!(body.config["refresh"], false);
//! # Ok::<(), kibana_connectors::Error>(())
//! ```

mod ai;
mod chat;
mod paging;
mod simple;
mod soar;
mod tickets;

pub use ai::{
    Bedrock, BedrockConfig, BedrockSecrets, CasesWebhook, CasesWebhookConfig, Gemini, GeminiConfig,
    GeminiSecrets, Http, HttpConfig, Mcp, McpConfig, McpSecrets, OpenAi, OpenAiConfig,
    OpenAiProvider, OpenAiSecrets,
};
pub use chat::{
    Email, EmailConfig, EmailParams, EmailSecrets, Slack, SlackApi, SlackApiConfig, SlackApiParams,
    SlackApiSecrets, SlackChannel, SlackParams, SlackSecrets, Teams, TeamsParams, TeamsSecrets,
};
pub use paging::{
    EventAction, Opsgenie, OpsgenieAlert, OpsgenieConfig, OpsgenieParams, OpsgenieSecrets,
    PagerDuty, PagerDutyConfig, PagerDutyLink, PagerDutyParams, PagerDutySecrets, Severity,
};
pub use simple::{
    Index, IndexConfig, IndexParams, LogLevel, ServerLog, ServerLogParams, Webhook,
    WebhookAuthType, WebhookConfig, WebhookMethod, WebhookParams, WebhookSecrets,
};
pub use soar::{
    ApiKeySecrets, ApiUrlConfig, BodyParams, D3Security, D3SecurityParams, JiraServiceManagement,
    Resilient, ResilientConfig, ResilientIncident, ResilientParams, ResilientSecrets, Swimlane,
    SwimlaneConfig, SwimlaneSecrets, TheHive, TheHiveAlert, TheHiveConfig, TheHiveIncident,
    TheHiveParams, Tines, TinesParams, TinesSecrets, TokenSecrets, Torq, TorqConfig, UrlConfig,
    XMatters, XMattersConfig, XMattersParams, XMattersSecrets, Xsoar, XsoarParams, XsoarSecrets,
};
pub use tickets::{
    Comment, ItomEvent, Jira, JiraConfig, JiraIncident, JiraParams, JiraSecrets, ServiceNow,
    ServiceNowConfig, ServiceNowIncident, ServiceNowItom, ServiceNowItomConfig,
    ServiceNowItomParams, ServiceNowParams, ServiceNowSecrets, ServiceNowSir,
};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{Error, Result};

/// A connector type with typed config, secrets and params.
pub trait ConnectorKind {
    /// Kibana's type id, e.g. `.index`.
    const TYPE_ID: &'static str;
    /// The `config` object.
    type Config: Serialize + DeserializeOwned;
    /// The `secrets` object (never returned by Kibana).
    type Secrets: Serialize + DeserializeOwned;
    /// The execute `params` object.
    type Params: Serialize + DeserializeOwned;
}

/// The secret keys a typed connector type takes, in form order. Kibana never returns secrets,
/// so copies, moves and imports ask for these again. Empty for types without secrets and for
/// types this client does not model (their secrets are free-form JSON).
pub fn secret_keys(type_id: &str) -> &'static [&'static str] {
    match type_id {
        ".webhook" | ".email" => &["user", "password"],
        ".slack" | ".teams" => &["webhookUrl"],
        ".slack_api" => &["token"],
        ".pagerduty" => &["routingKey"],
        ".servicenow" | ".servicenow-sir" | ".servicenow-itom" => &["username", "password"],
        ".jira" => &["email", "apiToken"],
        ".opsgenie" | ".thehive" | ".jira-service-management" => &["apiKey"],
        ".torq" | ".d3security" => &["token"],
        ".xmatters" => &["user", "password", "secretsUrl"],
        ".tines" => &["email", "token"],
        ".xsoar" => &["apiKey", "apiKeyID"],
        ".resilient" => &["apiKeyId", "apiKeySecret"],
        ".swimlane" => &["apiToken"],
        ".gen-ai" => &["apiKey"],
        ".bedrock" => &["accessKey", "secret"],
        ".gemini" => &["credentialsJson"],
        ".mcp" => &["token", "apiKey", "user", "password"],
        ".cases-webhook" | ".http" => &["user", "password"],
        _ => &[],
    }
}

/// An empty `config` (`{}`), for types without settings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoConfig {}

/// An empty `secrets` object (`{}`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoSecrets {}

/// Serialises a typed value into the untyped JSON object the API carries.
///
/// # Errors
/// [`Error::InvalidConfig`] when the value is not a JSON object.
pub fn to_object<T: Serialize>(value: &T) -> Result<Map<String, Value>> {
    match serde_json::to_value(value) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(other) => Err(Error::InvalidConfig(format!(
            "expected a JSON object, got {other}"
        ))),
        Err(e) => Err(Error::InvalidConfig(e.to_string())),
    }
}

/// Reads an untyped JSON object as a typed value, naming the path of any mismatch.
///
/// # Errors
/// [`Error::Decode`] with the path.
pub fn from_object<T: DeserializeOwned>(map: &Map<String, Value>) -> Result<T> {
    let text = Value::Object(map.clone()).to_string();
    crate::transport::decode(&text)
}

/// Implements `Debug` showing which secret fields are set, never their values.
macro_rules! redacted_debug {
    ($ty:ident { $($field:ident),* $(,)? }) => {
        impl std::fmt::Debug for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let mut d = f.debug_struct(stringify!($ty));
                $( d.field(stringify!($field), &self.$field.as_ref().map(|_| "<redacted>")); )*
                d.finish()
            }
        }
    };
}
pub(crate) use redacted_debug;

/// Declares a unit struct implementing [`ConnectorKind`] for a type id.
macro_rules! connector_kind {
    ($(#[$doc:meta])* $name:ident, $id:literal, $config:ty, $secrets:ty, $params:ty) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy)]
        pub struct $name;

        impl $crate::models::types::ConnectorKind for $name {
            const TYPE_ID: &'static str = $id;
            type Config = $config;
            type Secrets = $secrets;
            type Params = $params;
        }
    };
}
pub(crate) use connector_kind;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Connector, CreateConnector};
    use serde_json::json;

    #[test]
    fn typed_bodies_use_kibanas_names_and_defaults() {
        let mut cfg = WebhookConfig::new("https://hooks.example/x");
        cfg.headers = Some([("X-Env".to_string(), "ci".to_string())].into());
        let secrets = WebhookSecrets::basic("bot", "pw");
        let body = CreateConnector::typed::<Webhook>("hook", &cfg, &secrets).unwrap();
        assert_eq!(
            Value::Object(body.config.clone()),
            json!({"url":"https://hooks.example/x","method":"post","headers":{"X-Env":"ci"},"hasAuth":true})
        );
        assert_eq!(
            Value::Object(body.secrets.0.clone()),
            json!({"user":"bot","password":"pw"})
        );
    }

    #[test]
    fn kibana_configs_read_back_typed() {
        let c: Connector = serde_json::from_value(json!({"id":"e","name":"e","connector_type_id":".email","is_preconfigured":false,
            "config":{"from":"a@example.com","service":"other","host":"smtp","port":25,"secure":false,"hasAuth":true,"tenantId":null,"clientId":null,"oauthTokenUrl":null}}))
        .unwrap();
        let cfg = c.config_as::<Email>().unwrap();
        assert_eq!(
            (
                cfg.from.as_str(),
                cfg.host.as_deref(),
                cfg.port,
                cfg.has_auth
            ),
            ("a@example.com", Some("smtp"), Some(25), true)
        );
        assert!(
            matches!(c.config_as::<Index>(), Err(Error::InvalidConfig(_))),
            "wrong type is refused"
        );
    }

    #[test]
    fn sub_action_params_are_adjacently_tagged() {
        let push = ServiceNowParams::PushToService {
            incident: Box::new(ServiceNowIncident::new("disk full")),
            comments: None,
        };
        assert_eq!(
            serde_json::to_value(&push).unwrap(),
            json!({"subAction":"pushToService","subActionParams":{"incident":{"short_description":"disk full"},"comments":null}})
        );
        assert_eq!(
            serde_json::to_value(ServiceNowParams::GetFields {}).unwrap(),
            json!({"subAction":"getFields","subActionParams":{}})
        );
        let alert = OpsgenieParams::CreateAlert(OpsgenieAlert::new("cpu hot"));
        assert_eq!(
            serde_json::to_value(&alert).unwrap(),
            json!({"subAction":"createAlert","subActionParams":{"message":"cpu hot"}})
        );
    }

    #[test]
    fn secrets_never_show_in_debug() {
        let shown = format!(
            "{:?} {:?} {:?} {:?}",
            WebhookSecrets::basic("u", "hunter2"),
            SlackSecrets {
                webhook_url: "https://hooks.slack.com/T0/SECRETPATH".into()
            },
            PagerDutySecrets {
                routing_key: "rk-SECRET".into()
            },
            EmailSecrets {
                user: Some("u".into()),
                password: Some("hunter2".into()),
                client_secret: None
            }
        );
        for secret in ["hunter2", "SECRETPATH", "rk-SECRET"] {
            assert!(!shown.contains(secret), "{shown}");
        }
    }

    #[test]
    fn params_round_trip() {
        let p = PagerDutyParams {
            event_action: Some(EventAction::Resolve),
            dedup_key: Some("k".into()),
            ..Default::default()
        };
        let v = serde_json::to_value(&p).unwrap();
        assert_eq!(v, json!({"eventAction":"resolve","dedupKey":"k"}));
        assert_eq!(serde_json::from_value::<PagerDutyParams>(v).unwrap(), p);
        let e = EmailParams::new(["ops@example.com"], "s", "m");
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            json!({"to":["ops@example.com"],"cc":[],"bcc":[],"subject":"s","message":"m"})
        );
    }
}
