//! `.pagerduty`, `.servicenow`, `.jira` and `.opsgenie`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{ConnectorKind, redacted_debug};

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

/// A comment pushed with an incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Comment {
    /// Text.
    pub comment: String,
    /// Your id for it.
    pub comment_id: String,
}

/// `.servicenow` (ITSM, platinum license). `.servicenow-sir` and `.servicenow-itom` take
/// similar shapes; use them untyped.
#[derive(Debug, Clone, Copy)]
pub struct ServiceNow;

impl ConnectorKind for ServiceNow {
    const TYPE_ID: &'static str = ".servicenow";
    type Config = ServiceNowConfig;
    type Secrets = ServiceNowSecrets;
    type Params = ServiceNowParams;
}

/// `.servicenow` config.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceNowConfig {
    /// Instance URL.
    pub api_url: String,
    /// Legacy table API (default true; Kibana marks such connectors deprecated).
    #[serde(default = "super::simple::yes")]
    pub uses_table_api: bool,
    /// OAuth (JWT) instead of basic auth (default false).
    #[serde(default, rename = "isOAuth")]
    pub is_oauth: bool,
    /// OAuth user identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_identifier_value: Option<String>,
    /// OAuth client id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// OAuth JWT key id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jwt_key_id: Option<String>,
}

impl ServiceNowConfig {
    /// Basic auth against the Elastic ServiceNow app (not the legacy table API).
    pub fn new(api_url: impl Into<String>) -> Self {
        ServiceNowConfig {
            api_url: api_url.into(),
            uses_table_api: false,
            is_oauth: false,
            user_identifier_value: None,
            client_id: None,
            jwt_key_id: None,
        }
    }
}

/// `.servicenow` secrets: username+password, or OAuth client secret + private key.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceNowSecrets {
    /// Basic auth user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// Basic auth password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// OAuth client secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    /// OAuth private key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_key: Option<String>,
    /// The passphrase of `private_key_pem`, when the key is encrypted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_key_password: Option<String>,
}

redacted_debug!(ServiceNowSecrets {
    username,
    password,
    client_secret,
    private_key,
    private_key_password
});

/// A ServiceNow ITSM incident.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceNowIncident {
    /// Short description (required).
    pub short_description: String,
    /// The incident's long text (ServiceNow `description`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Existing incident to update.
    #[serde(
        default,
        rename = "externalId",
        skip_serializing_if = "Option::is_none"
    )]
    pub external_id: Option<String>,
    /// The ServiceNow category value (as listed by the `getChoices` sub-action).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// The ServiceNow subcategory value, within `category`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subcategory: Option<String>,
    /// An id that ties repeated pushes to one incident (ServiceNow updates instead of creating).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correlation_id: Option<String>,
    /// A label for where `correlation_id` comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correlation_display: Option<String>,
    /// ServiceNow severity, `1` (high) to `3` (low).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<String>,
    /// ServiceNow urgency, `1` (high) to `3` (low).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urgency: Option<String>,
    /// ServiceNow impact, `1` (high) to `3` (low).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact: Option<String>,
}

impl ServiceNowIncident {
    /// An incident with a short description.
    pub fn new(short_description: impl Into<String>) -> Self {
        ServiceNowIncident {
            short_description: short_description.into(),
            ..Default::default()
        }
    }
}

/// `.servicenow` sub-actions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "subAction",
    content = "subActionParams",
    rename_all = "camelCase"
)]
pub enum ServiceNowParams {
    /// Lists incident fields.
    GetFields {},
    /// Reads an incident.
    #[serde(rename_all = "camelCase")]
    GetIncident {
        /// Incident sys_id.
        external_id: String,
    },
    /// Checks connectivity.
    Handshake {},
    /// Creates or updates an incident.
    PushToService {
        /// The incident (boxed: it is much larger than the other variants).
        incident: Box<ServiceNowIncident>,
        /// Comments to add.
        comments: Option<Vec<Comment>>,
    },
    /// Choices of fields.
    GetChoices {
        /// Field names.
        fields: Vec<String>,
    },
}

/// `.jira` (gold license).
#[derive(Debug, Clone, Copy)]
pub struct Jira;

impl ConnectorKind for Jira {
    const TYPE_ID: &'static str = ".jira";
    type Config = JiraConfig;
    type Secrets = JiraSecrets;
    type Params = JiraParams;
}

/// `.jira` config.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JiraConfig {
    /// Jira URL.
    pub api_url: String,
    /// The Jira project issues are created in (e.g. `OPS`).
    pub project_key: String,
}

/// `.jira` secrets.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JiraSecrets {
    /// Account email.
    pub email: String,
    /// An Atlassian API token of `email`'s account (a secret).
    pub api_token: String,
}

impl std::fmt::Debug for JiraSecrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JiraSecrets { email: <redacted>, api_token: <redacted> }")
    }
}

/// A Jira issue.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JiraIncident {
    /// Summary (required).
    pub summary: String,
    /// The issue's long text (Jira `description`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Existing issue to update.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// Issue type id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue_type: Option<String>,
    /// Priority name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<String>,
    /// Labels (no whitespace).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<Vec<String>>,
    /// Parent issue key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

/// `.jira` sub-actions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "subAction",
    content = "subActionParams",
    rename_all = "camelCase"
)]
pub enum JiraParams {
    /// Creates or updates an issue.
    PushToService {
        /// The issue.
        incident: JiraIncident,
        /// Comments to add.
        comments: Option<Vec<Comment>>,
    },
    /// Reads an issue.
    #[serde(rename_all = "camelCase")]
    GetIncident {
        /// Issue id.
        external_id: String,
    },
    /// Issue types of the project.
    IssueTypes {},
    /// Fields of an issue type.
    FieldsByIssueType {
        /// Issue type id.
        id: String,
    },
    /// Issues matching a title.
    Issues {
        /// Title to search.
        title: String,
    },
    /// One issue.
    Issue {
        /// Issue id.
        id: String,
    },
    /// `getFields`: the project's fields and whether each is required.
    GetFields {},
    /// Checks connectivity.
    Handshake {},
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
