//! `.index`, `.server-log` and `.webhook`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{ConnectorKind, NoConfig, NoSecrets, redacted_debug};

/// `.index`: writes documents to an Elasticsearch index (basic license).
#[derive(Debug, Clone, Copy)]
pub struct Index;

impl ConnectorKind for Index {
    const TYPE_ID: &'static str = ".index";
    type Config = IndexConfig;
    type Secrets = NoSecrets;
    type Params = IndexParams;
}

/// `.index` config.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IndexConfig {
    /// The target index.
    pub index: String,
    /// Refresh the index after writing (default false).
    #[serde(default)]
    pub refresh: bool,
    /// A field set to the execution time on every document (default none).
    #[serde(default)]
    pub execution_time_field: Option<String>,
}

impl IndexConfig {
    /// Writes to `index` with Kibana's defaults.
    pub fn new(index: impl Into<String>) -> Self {
        IndexConfig {
            index: index.into(),
            refresh: false,
            execution_time_field: None,
        }
    }
}

/// `.index` params.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IndexParams {
    /// Documents to index.
    pub documents: Vec<Map<String, Value>>,
    /// Another index; Kibana requires it to start with `kibana-alert-history-`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index_override: Option<String>,
}

/// `.server-log`: writes to Kibana's log (basic license).
#[derive(Debug, Clone, Copy)]
pub struct ServerLog;

impl ConnectorKind for ServerLog {
    const TYPE_ID: &'static str = ".server-log";
    type Config = NoConfig;
    type Secrets = NoSecrets;
    type Params = ServerLogParams;
}

/// Log levels of `.server-log`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogLevel {
    /// trace
    Trace,
    /// debug
    Debug,
    /// info (Kibana's default)
    #[default]
    Info,
    /// warn
    Warn,
    /// error
    Error,
    /// fatal
    Fatal,
}

/// `.server-log` params.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerLogParams {
    /// The message.
    pub message: String,
    /// The level (default info).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<LogLevel>,
}

/// `.webhook`: calls a URL (gold license).
#[derive(Debug, Clone, Copy)]
pub struct Webhook;

impl ConnectorKind for Webhook {
    const TYPE_ID: &'static str = ".webhook";
    type Config = WebhookConfig;
    type Secrets = WebhookSecrets;
    type Params = WebhookParams;
}

/// HTTP method of `.webhook`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WebhookMethod {
    /// POST (default).
    #[default]
    Post,
    /// HTTP `PUT`: the body replaces the resource at the URL.
    Put,
    /// PATCH (newer Kibana).
    Patch,
    /// GET (newer Kibana).
    Get,
    /// DELETE (newer Kibana).
    Delete,
}

/// How `.webhook` authenticates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum WebhookAuthType {
    /// user + password.
    #[serde(rename = "webhook-authentication-basic")]
    Basic,
    /// client certificate.
    #[serde(rename = "webhook-authentication-ssl")]
    Ssl,
    /// OAuth 2.0 client credentials: a token from `access_token_url` before each call
    /// (Kibana 9.5+).
    #[serde(rename = "webhook-oauth2-client-credentials")]
    OAuth2ClientCredentials,
    /// A key in the query string (Kibana 9.5+; `.http`).
    #[serde(rename = "http-authentication-query-param")]
    QueryParam,
}

/// `.webhook` config.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookConfig {
    /// Target URL (must pass `xpack.actions.allowedHosts`).
    pub url: String,
    /// Method (default post).
    #[serde(default)]
    pub method: WebhookMethod,
    /// Extra headers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<BTreeMap<String, String>>,
    /// Whether to authenticate (default true).
    #[serde(default = "yes")]
    pub has_auth: bool,
    /// Authentication kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_type: Option<WebhookAuthType>,
    /// `ssl-crt-key` or `ssl-pfx`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cert_type: Option<String>,
    /// CA certificate, base64.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca: Option<String>,
    /// `none`, `certificate` or `full`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification_mode: Option<String>,
    /// OAuth 2.0 token endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token_url: Option<String>,
    /// OAuth 2.0 client id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// OAuth 2.0 scopes, space-separated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// More token request fields, as JSON text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_fields: Option<String>,
}

pub(super) fn yes() -> bool {
    true
}

impl WebhookConfig {
    /// A POST to `url` with Kibana's defaults.
    pub fn new(url: impl Into<String>) -> Self {
        WebhookConfig {
            url: url.into(),
            method: WebhookMethod::Post,
            headers: None,
            has_auth: true,
            auth_type: None,
            cert_type: None,
            ca: None,
            verification_mode: None,
            access_token_url: None,
            client_id: None,
            scope: None,
            additional_fields: None,
        }
    }
}

/// `.webhook` secrets: none, user+password, crt+key (+password), pfx (+password) or an
/// OAuth 2.0 client secret; and headers kept encrypted (9.5+).
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookSecrets {
    /// Basic auth user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// Basic auth password, or the key/pfx password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// Client certificate, base64.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crt: Option<String>,
    /// Client key, base64.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// PFX bundle, base64.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pfx: Option<String>,
    /// OAuth 2.0 client secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
    /// Headers with secrets in them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_headers: Option<BTreeMap<String, String>>,
}

redacted_debug!(WebhookSecrets {
    user,
    password,
    crt,
    key,
    pfx,
    client_secret,
    secret_headers
});

impl WebhookSecrets {
    /// User and password.
    pub fn basic(user: impl Into<String>, password: impl Into<String>) -> Self {
        WebhookSecrets {
            user: Some(user.into()),
            password: Some(password.into()),
            ..Default::default()
        }
    }
}

/// `.webhook` params.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookParams {
    /// The request body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}
