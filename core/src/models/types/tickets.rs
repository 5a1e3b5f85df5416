//! Ticketing: `.servicenow` (incidents) and `.jira` (issues), with the comments pushed
//! alongside them.

use serde::{Deserialize, Serialize};

use super::{ConnectorKind, redacted_debug};

/// A comment pushed with an incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Comment {
    /// Text.
    pub comment: String,
    /// Your id for it.
    pub comment_id: String,
}

/// `.servicenow` (ITSM, platinum license). See [`ServiceNowSir`] and [`ServiceNowItom`] for
/// the other two.
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

/// `.servicenow-sir` (SecOps, platinum): ITSM's config, secrets and sub-actions; the
/// incident takes SecOps' fields (`category`, `subcategory`, `priority`, `correlation_id`,
/// ...), which [`ServiceNowIncident`] leaves out when unset.
#[derive(Debug, Clone, Copy)]
pub struct ServiceNowSir;

impl ConnectorKind for ServiceNowSir {
    const TYPE_ID: &'static str = ".servicenow-sir";
    type Config = ServiceNowConfig;
    type Secrets = ServiceNowSecrets;
    type Params = ServiceNowParams;
}

/// `.servicenow-itom` (platinum): events into ServiceNow's Event Management.
#[derive(Debug, Clone, Copy)]
pub struct ServiceNowItom;

impl ConnectorKind for ServiceNowItom {
    const TYPE_ID: &'static str = ".servicenow-itom";
    type Config = ServiceNowItomConfig;
    type Secrets = ServiceNowSecrets;
    type Params = ServiceNowItomParams;
}

/// `.servicenow-itom` config: ITSM's without the table API switch (ITOM has none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceNowItomConfig {
    /// Instance URL.
    pub api_url: String,
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

/// An ITOM event; every field is optional text (`servicenow_itom/schema.ts`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItomEvent {
    /// The event's source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The class of event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_class: Option<String>,
    /// The affected resource.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// The node (host).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
    /// The metric.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric_name: Option<String>,
    /// The event type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(rename = "type")]
    pub event_type: Option<String>,
    /// `1` (critical) to `5`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<String>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Extra JSON, as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_info: Option<String>,
    /// Groups repeated events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_key: Option<String>,
    /// When it happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_of_event: Option<String>,
}

/// `.servicenow-itom` params.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "subAction",
    content = "subActionParams",
    rename_all = "camelCase"
)]
pub enum ServiceNowItomParams {
    /// Adds an event (boxed: it is much larger than the other variant).
    AddEvent(Box<ItomEvent>),
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
