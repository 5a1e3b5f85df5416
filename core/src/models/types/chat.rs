//! `.slack`, `.slack_api`, `.teams` and `.email`.

use serde::{Deserialize, Serialize};

use super::simple::yes;
use super::{ConnectorKind, NoConfig, redacted_debug};

/// `.slack`: a Slack incoming webhook (gold license).
#[derive(Debug, Clone, Copy)]
pub struct Slack;

impl ConnectorKind for Slack {
    const TYPE_ID: &'static str = ".slack";
    type Config = NoConfig;
    type Secrets = SlackSecrets;
    type Params = SlackParams;
}

/// `.slack` secrets: the webhook URL is the secret.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SlackSecrets {
    /// `https://hooks.slack.com/services/...`.
    pub webhook_url: String,
}

impl std::fmt::Debug for SlackSecrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SlackSecrets { webhook_url: <redacted> }")
    }
}

/// `.slack` and `.teams` params.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlackParams {
    /// The message (not empty).
    pub message: String,
}

/// `.teams`: a Microsoft Teams incoming webhook (gold license).
#[derive(Debug, Clone, Copy)]
pub struct Teams;

impl ConnectorKind for Teams {
    const TYPE_ID: &'static str = ".teams";
    type Config = NoConfig;
    type Secrets = TeamsSecrets;
    type Params = TeamsParams;
}

/// `.teams` secrets.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TeamsSecrets {
    /// The incoming webhook URL.
    pub webhook_url: String,
}

impl std::fmt::Debug for TeamsSecrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TeamsSecrets { webhook_url: <redacted> }")
    }
}

/// `.teams` params.
pub type TeamsParams = SlackParams;

/// `.slack_api`: the Slack Web API with a bot token (gold license).
#[derive(Debug, Clone, Copy)]
pub struct SlackApi;

impl ConnectorKind for SlackApi {
    const TYPE_ID: &'static str = ".slack_api";
    type Config = SlackApiConfig;
    type Secrets = SlackApiSecrets;
    type Params = SlackApiParams;
}

/// A Slack channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlackChannel {
    /// Channel id, e.g. `C0123`.
    pub id: String,
    /// Channel name.
    pub name: String,
}

/// `.slack_api` config.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SlackApiConfig {
    /// Channels the connector may post to (at most 25).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_channels: Option<Vec<SlackChannel>>,
}

/// `.slack_api` secrets.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlackApiSecrets {
    /// The bot token.
    pub token: String,
}

impl std::fmt::Debug for SlackApiSecrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SlackApiSecrets { token: <redacted> }")
    }
}

/// `.slack_api` sub-actions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "subAction",
    content = "subActionParams",
    rename_all = "camelCase"
)]
pub enum SlackApiParams {
    /// Checks a channel id.
    #[serde(rename_all = "camelCase")]
    ValidChannelId {
        /// The channel id.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        channel_id: Option<String>,
    },
    /// Posts text.
    #[serde(rename_all = "camelCase")]
    PostMessage {
        /// One channel id.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        channel_ids: Option<Vec<String>>,
        /// Deprecated: one channel name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        channels: Option<Vec<String>>,
        /// The text.
        text: String,
    },
    /// Posts Block Kit JSON (given as a string).
    #[serde(rename_all = "camelCase")]
    PostBlockkit {
        /// One channel id.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        channel_ids: Option<Vec<String>>,
        /// Deprecated: one channel name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        channels: Option<Vec<String>>,
        /// The Block Kit JSON.
        text: String,
    },
}

/// `.email`: SMTP, Exchange or a well-known service (gold license).
#[derive(Debug, Clone, Copy)]
pub struct Email;

impl ConnectorKind for Email {
    const TYPE_ID: &'static str = ".email";
    type Config = EmailConfig;
    type Secrets = EmailSecrets;
    type Params = EmailParams;
}

/// `.email` config.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EmailConfig {
    /// `other` (host and port given), `exchange_server`, `elastic_cloud`, or a nodemailer
    /// service name such as `gmail` (default `other`).
    #[serde(default = "other")]
    pub service: String,
    /// SMTP host (required for `other`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// SMTP port (required for `other`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    /// TLS from the start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secure: Option<bool>,
    /// Sender address.
    pub from: String,
    /// Whether to authenticate (default true: then user and password are required).
    #[serde(default = "yes")]
    pub has_auth: bool,
    /// Exchange tenant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    /// Exchange client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// Exchange token URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oauth_token_url: Option<String>,
}

fn other() -> String {
    "other".into()
}

impl EmailConfig {
    /// An SMTP server at `host:port` sending as `from`.
    pub fn smtp(from: impl Into<String>, host: impl Into<String>, port: u16) -> Self {
        EmailConfig {
            service: other(),
            host: Some(host.into()),
            port: Some(port),
            secure: Some(false),
            from: from.into(),
            has_auth: true,
            tenant_id: None,
            client_id: None,
            oauth_token_url: None,
        }
    }
}

/// `.email` secrets.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EmailSecrets {
    /// SMTP user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// SMTP password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// Exchange client secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
}

redacted_debug!(EmailSecrets {
    user,
    password,
    client_secret
});

/// `.email` params.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailParams {
    /// To (at least one of to/cc/bcc).
    #[serde(default)]
    pub to: Vec<String>,
    /// Copy recipients (addresses shown to every recipient).
    #[serde(default)]
    pub cc: Vec<String>,
    /// Blind copy recipients (addresses hidden from the others).
    #[serde(default)]
    pub bcc: Vec<String>,
    /// The subject line (mustache templates allowed in rule actions).
    pub subject: String,
    /// Plain-text (Markdown) body.
    pub message: String,
    /// HTML body (newer Kibana).
    #[serde(
        default,
        rename = "messageHTML",
        skip_serializing_if = "Option::is_none"
    )]
    pub message_html: Option<String>,
}

impl EmailParams {
    /// A message to the given recipients.
    pub fn new<I, S>(to: I, subject: impl Into<String>, message: impl Into<String>) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        EmailParams {
            to: to.into_iter().map(Into::into).collect(),
            cc: vec![],
            bcc: vec![],
            subject: subject.into(),
            message: message.into(),
            message_html: None,
        }
    }
}
