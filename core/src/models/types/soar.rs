//! Security orchestration and incident types: `.torq`, `.xmatters`, `.tines`, `.d3security`,
//! `.thehive`, `.xsoar`, `.resilient`, `.jira-service-management` and `.swimlane`, with the
//! field names and defaults of `kbn-connector-schemas/<type>/schemas/v1.ts`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::paging::OpsgenieParams;
use super::{connector_kind, redacted_debug};

/// Implements `Debug` for a secrets struct whose fields are all required strings.
macro_rules! redacted_required {
    ($ty:ident { $($field:ident),* $(,)? }) => {
        impl std::fmt::Debug for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let mut d = f.debug_struct(stringify!($ty));
                $( let _ = &self.$field; d.field(stringify!($field), &"<redacted>"); )*
                d.finish()
            }
        }
    };
}

/// A `{url}` config (Tines, D3 Security, XSOAR).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UrlConfig {
    /// The service's base URL (must be in `xpack.actions.allowedHosts`).
    pub url: String,
}

/// An `{apiUrl}` config (Jira Service Management).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiUrlConfig {
    /// The service's API URL.
    pub api_url: String,
}

/// A `{token}` secret (Torq, D3 Security).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenSecrets {
    /// The token.
    pub token: String,
}
redacted_required!(TokenSecrets { token });

/// An `{apiKey}` secret (TheHive, Jira Service Management).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiKeySecrets {
    /// The API key.
    pub api_key: String,
}
redacted_required!(ApiKeySecrets { api_key });

/// A `{body}` param: a JSON document as a string (Torq).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodyParams {
    /// JSON text, parsed by Kibana before sending.
    pub body: String,
}

/// `.torq` config.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TorqConfig {
    /// `https://hooks.torq.io/...` or `https://hooks.eu.torq.io/...`.
    pub webhook_integration_url: String,
}

connector_kind!(
    /// `.torq`: triggers a Torq workflow (gold).
    Torq, ".torq", TorqConfig, TokenSecrets, BodyParams
);

/// `.xmatters` config: basic authentication with the URL here, or a URL with an API key in
/// the secrets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct XMattersConfig {
    /// The trigger URL, with basic authentication (default null).
    #[serde(default)]
    pub config_url: Option<String>,
    /// Basic authentication (default true).
    #[serde(default = "yes")]
    pub uses_basic: bool,
}

fn yes() -> bool {
    true
}

/// `.xmatters` secrets: user and password, or the URL that carries an API key.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct XMattersSecrets {
    /// Basic authentication user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// Basic authentication password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// The trigger URL with its API key, when not using basic authentication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secrets_url: Option<String>,
}
redacted_debug!(XMattersSecrets {
    user,
    password,
    secrets_url
});

/// `.xmatters` params (`severity` is required; empty means `High`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct XMattersParams {
    /// The action group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alert_action_group_name: Option<String>,
    /// The signal (alert) id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signal_id: Option<String>,
    /// The rule's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule_name: Option<String>,
    /// When it happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The severity.
    pub severity: String,
    /// The space.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub space_id: Option<String>,
    /// Comma-separated tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<String>,
}

connector_kind!(
    /// `.xmatters`: triggers an xMatters workflow (gold).
    XMatters, ".xmatters", XMattersConfig, XMattersSecrets, XMattersParams
);

/// `.tines` secrets.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TinesSecrets {
    /// The Tines user's email.
    pub email: String,
    /// Their API token.
    pub token: String,
}
redacted_required!(TinesSecrets { email, token });

/// `.tines` params (sub-actions).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "subAction",
    content = "subActionParams",
    rename_all = "camelCase"
)]
pub enum TinesParams {
    /// The stories (`subActionParams` null).
    Stories(Option<Value>),
    /// A story's webhooks.
    #[serde(rename_all = "camelCase")]
    Webhooks {
        /// The story.
        story_id: u64,
    },
    /// Posts `body` to a webhook.
    #[serde(rename_all = "camelCase")]
    Run {
        /// The webhook's full URL.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        webhook_url: Option<String>,
        /// The webhook object as `webhooks` returned it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        webhook: Option<Map<String, Value>>,
        /// JSON text.
        body: String,
    },
}

connector_kind!(
    /// `.tines`: sends events to Tines stories (gold).
    Tines, ".tines", UrlConfig, TinesSecrets, TinesParams
);

/// `.d3security` params.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "subAction",
    content = "subActionParams",
    rename_all = "camelCase"
)]
pub enum D3SecurityParams {
    /// Sends an event.
    #[serde(rename_all = "camelCase")]
    Run {
        /// JSON text.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        body: Option<String>,
        /// The severity.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        severity: Option<String>,
        /// The event type.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        event_type: Option<String>,
    },
}

connector_kind!(
    /// `.d3security`: sends events to D3 SOAR (gold).
    D3Security, ".d3security", UrlConfig, TokenSecrets, D3SecurityParams
);

/// `.thehive` config.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TheHiveConfig {
    /// TheHive's URL.
    pub url: String,
    /// The organisation (default null).
    #[serde(default)]
    pub organisation: Option<String>,
}

/// A TheHive case.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TheHiveIncident {
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// The case to update, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// 1 (low) to 4 (critical).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<u8>,
    /// Traffic light protocol, 0 (clear) to 4 (red).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tlp: Option<u8>,
    /// Tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
}

/// A TheHive alert.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TheHiveAlert {
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Alert type.
    #[serde(rename = "type")]
    pub alert_type: String,
    /// Source.
    pub source: String,
    /// Unique reference in the source.
    pub source_ref: String,
    /// 1 to 4.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<u8>,
    /// 0 to 4.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tlp: Option<u8>,
    /// Tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
}

/// `.thehive` params.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "subAction",
    content = "subActionParams",
    rename_all = "camelCase"
)]
pub enum TheHiveParams {
    /// Creates or updates a case.
    PushToService {
        /// The case.
        incident: TheHiveIncident,
        /// Comments to add.
        #[serde(default)]
        comments: Option<Vec<super::Comment>>,
    },
    /// Creates an alert.
    CreateAlert(TheHiveAlert),
}

connector_kind!(
    /// `.thehive`: cases and alerts in TheHive (platinum).
    TheHive, ".thehive", TheHiveConfig, ApiKeySecrets, TheHiveParams
);

/// `.xsoar` secrets.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct XsoarSecrets {
    /// The API key.
    pub api_key: String,
    /// The key's id (XSOAR 8; default null).
    #[serde(default, rename = "apiKeyID")]
    pub api_key_id: Option<String>,
}

impl std::fmt::Debug for XsoarSecrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("XsoarSecrets")
            .field("api_key", &"<redacted>")
            .field(
                "api_key_id",
                &self.api_key_id.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

/// `.xsoar` params.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "subAction",
    content = "subActionParams",
    rename_all = "camelCase"
)]
pub enum XsoarParams {
    /// The playbooks (`subActionParams` null).
    GetPlaybooks(Option<()>),
    /// Creates an incident, optionally running a playbook.
    #[serde(rename_all = "camelCase")]
    Run {
        /// Incident name.
        name: String,
        /// The playbook to run.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        playbook_id: Option<String>,
        /// Start an investigation.
        create_investigation: bool,
        /// 0 (unknown) to 4 (critical).
        severity: u8,
        /// Extra incident fields as JSON text.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        body: Option<String>,
    },
}

connector_kind!(
    /// `.xsoar`: Cortex XSOAR incidents and playbooks (platinum).
    Xsoar, ".xsoar", UrlConfig, XsoarSecrets, XsoarParams
);

/// `.resilient` config.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResilientConfig {
    /// The instance URL.
    pub api_url: String,
    /// The organisation id.
    pub org_id: String,
}

/// `.resilient` secrets.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResilientSecrets {
    /// API key id.
    pub api_key_id: String,
    /// API key secret.
    pub api_key_secret: String,
}
redacted_required!(ResilientSecrets {
    api_key_id,
    api_key_secret
});

/// An IBM Resilient incident.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResilientIncident {
    /// Name.
    pub name: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The incident to update, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// Incident type ids.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incident_types: Option<Vec<u64>>,
    /// Severity code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity_code: Option<u64>,
}

/// `.resilient` params.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "subAction",
    content = "subActionParams",
    rename_all = "camelCase"
)]
pub enum ResilientParams {
    /// Creates or updates an incident.
    PushToService {
        /// The incident.
        incident: ResilientIncident,
        /// Comments to add.
        #[serde(default)]
        comments: Option<Vec<super::Comment>>,
    },
}

connector_kind!(
    /// `.resilient`: IBM Resilient incidents (platinum).
    Resilient, ".resilient", ResilientConfig, ResilientSecrets, ResilientParams
);

connector_kind!(
    /// `.jira-service-management`: alerts in Jira Service Management, with Opsgenie's params
    /// (platinum).
    JiraServiceManagement, ".jira-service-management", ApiUrlConfig, ApiKeySecrets, OpsgenieParams
);

/// `.swimlane` config.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SwimlaneConfig {
    /// The Swimlane API URL.
    pub api_url: String,
    /// The application id.
    pub app_id: String,
    /// `all`, `alerts` or `cases`.
    pub connector_type: String,
    /// Swimlane field ids per Kibana field (`ruleNameConfig`, `severityConfig`, ...).
    pub mappings: Map<String, Value>,
}

/// `.swimlane` secrets.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SwimlaneSecrets {
    /// The API token.
    pub api_token: String,
}
redacted_required!(SwimlaneSecrets { api_token });

connector_kind!(
    /// `.swimlane`: records in a Swimlane application (gold). Params stay untyped JSON.
    Swimlane, ".swimlane", SwimlaneConfig, SwimlaneSecrets, Map<String, Value>
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CreateConnector;
    use serde_json::json;

    #[test]
    fn bodies_carry_kibanas_names() {
        let body = CreateConnector::typed::<XMatters>(
            "xm",
            &XMattersConfig {
                config_url: Some("https://x.example/t".into()),
                uses_basic: true,
            },
            &XMattersSecrets {
                user: Some("u".into()),
                password: Some("p".into()),
                secrets_url: None,
            },
        )
        .unwrap();
        assert_eq!(
            Value::Object(body.config),
            json!({"configUrl": "https://x.example/t", "usesBasic": true})
        );
        let run = XsoarParams::Run {
            name: "n".into(),
            playbook_id: None,
            create_investigation: false,
            severity: 2,
            body: None,
        };
        assert_eq!(
            serde_json::to_value(run).unwrap(),
            json!({"subAction": "run", "subActionParams": {"name": "n", "createInvestigation": false, "severity": 2}})
        );
        let read: XsoarSecrets =
            serde_json::from_value(json!({"apiKey": "k", "apiKeyID": "7"})).unwrap();
        assert_eq!(read.api_key_id.as_deref(), Some("7"));
    }

    #[test]
    fn secrets_never_show_in_debug() {
        let shown = format!(
            "{:?} {:?} {:?} {:?}",
            TokenSecrets {
                token: "tok-SECRET".into()
            },
            TinesSecrets {
                email: "e".into(),
                token: "tines-SECRET".into()
            },
            ResilientSecrets {
                api_key_id: "id".into(),
                api_key_secret: "res-SECRET".into()
            },
            XsoarSecrets {
                api_key: "xs-SECRET".into(),
                api_key_id: None
            }
        );
        assert!(!shown.contains("SECRET"), "{shown}");
    }
}
