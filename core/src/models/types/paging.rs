//! On-call alerting: `.pagerduty` (Events API v2) and `.opsgenie` (alerts).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::ConnectorKind;

/// `.pagerduty`: Events API v2 (gold license).
#[derive(Debug, Clone, Copy)]
pub struct PagerDuty;

impl ConnectorKind for PagerDuty {
    const TYPE_ID: &'static str = ".pagerduty";
    type Config = PagerDutyConfig;
    type Secrets = PagerDutySecrets;
    type Params = PagerDutyParams;
}

/// `.pagerduty` config.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PagerDutyConfig {
    /// Events endpoint (default `https://events.pagerduty.com/v2/enqueue`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_url: Option<String>,
}

/// `.pagerduty` secrets.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PagerDutySecrets {
    /// The integration (routing) key.
    pub routing_key: String,
}

impl std::fmt::Debug for PagerDutySecrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PagerDutySecrets { routing_key: <redacted> }")
    }
}

/// PagerDuty event actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventAction {
    /// Open an alert (default).
    Trigger,
    /// Close it (needs `dedup_key`).
    Resolve,
    /// Acknowledge it (needs `dedup_key`).
    Acknowledge,
}

/// PagerDuty severities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// critical
    Critical,
    /// error
    Error,
    /// warning
    Warning,
    /// info (default)
    Info,
}

/// A link in a PagerDuty event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PagerDutyLink {
    /// URL.
    pub href: String,
    /// Label.
    pub text: String,
}

/// `.pagerduty` params (all optional).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PagerDutyParams {
    /// trigger (default), resolve, acknowledge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_action: Option<EventAction>,
    /// Deduplication key (max 255; required to resolve or acknowledge).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dedup_key: Option<String>,
    /// Summary (max 1024).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Where the event comes from (PagerDuty `payload.source`); Kibana sends `Kibana Action <id>` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Severity (default info).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    /// ISO timestamp.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
    /// The part of the system that is affected (PagerDuty `payload.component`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub component: Option<String>,
    /// A logical grouping of components (PagerDuty `payload.group`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The class or type of the event (PagerDuty `payload.class`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<String>,
    /// Links attached to the incident (PagerDuty shows them on the incident page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Vec<PagerDutyLink>>,
    /// Free-form details attached to the event (PagerDuty `payload.custom_details`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_details: Option<Map<String, Value>>,
}

/// `.opsgenie` (platinum license).
#[derive(Debug, Clone, Copy)]
pub struct Opsgenie;

impl ConnectorKind for Opsgenie {
    const TYPE_ID: &'static str = ".opsgenie";
    type Config = OpsgenieConfig;
    type Secrets = OpsgenieSecrets;
    type Params = OpsgenieParams;
}

/// `.opsgenie` config.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpsgenieConfig {
    /// API URL, e.g. `https://api.opsgenie.com`.
    pub api_url: String,
}

/// `.opsgenie` secrets.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpsgenieSecrets {
    /// The API key.
    pub api_key: String,
}

impl std::fmt::Debug for OpsgenieSecrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OpsgenieSecrets { api_key: <redacted> }")
    }
}

/// An Opsgenie alert.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpsgenieAlert {
    /// Message (1–130 characters).
    pub message: String,
    /// Alias (deduplication).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    /// The alert's long text (Opsgenie allows up to 15,000 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Labels for filtering and routing in Opsgenie.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// P1–P5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<String>,
    /// Where the alert comes from, as Opsgenie shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// An extra note added to the alert.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl OpsgenieAlert {
    /// An alert with a message.
    pub fn new(message: impl Into<String>) -> Self {
        OpsgenieAlert {
            message: message.into(),
            ..Default::default()
        }
    }
}

/// `.opsgenie` sub-actions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "subAction",
    content = "subActionParams",
    rename_all = "camelCase"
)]
pub enum OpsgenieParams {
    /// Creates an alert.
    CreateAlert(OpsgenieAlert),
    /// Closes the alert with this alias.
    CloseAlert {
        /// Alias of the alert.
        alias: String,
        /// An extra note added when the alert is closed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
}
