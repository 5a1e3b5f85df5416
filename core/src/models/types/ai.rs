//! `.gen-ai`, `.bedrock`, `.gemini` and `.mcp`, and the rest of the webhook family
//! (`.cases-webhook`, `.http`), with the field names and defaults of
//! `kbn-connector-schemas/{openai,bedrock,gemini,mcp,cases_webhook,http}/schemas/v1.ts`.
//! Params are typed for the common sub-actions; the streaming ones are left to untyped
//! `execute`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::simple::{WebhookAuthType, WebhookSecrets};
use super::{connector_kind, redacted_debug};

/// Which OpenAI API a `.gen-ai` connector talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OpenAiProvider {
    /// api.openai.com (default model `gpt-4.1`).
    #[serde(rename = "OpenAI")]
    OpenAi,
    /// Azure OpenAI (the deployment's URL).
    #[serde(rename = "Azure OpenAI")]
    AzureOpenAi,
    /// An OpenAI-compatible server (a model is required).
    #[serde(rename = "Other")]
    Other,
}

/// `.gen-ai` config.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenAiConfig {
    /// The provider.
    pub api_provider: OpenAiProvider,
    /// The chat completions URL.
    pub api_url: String,
    /// The model (OpenAI's default `gpt-4.1`; required for Other).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_model: Option<String>,
    /// OpenAI organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    /// OpenAI project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    /// Extra headers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<BTreeMap<String, String>>,
}

/// An API key secret (`.gen-ai`).
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenAiSecrets {
    /// The API key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_key: Option<String>,
}
redacted_debug!(OpenAiSecrets { api_key });

/// A chat message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatMessage {
    /// `system`, `user`, `assistant` or `tool`.
    pub role: String,
    /// The text.
    pub content: String,
}

/// The common sub-actions of the generative-AI types.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "subAction",
    content = "subActionParams",
    rename_all = "camelCase"
)]
pub enum LlmParams {
    /// Posts `body` (the provider's JSON request, as text) and returns its answer.
    Run {
        /// JSON text.
        body: String,
    },
    /// As `Run`, for the connector's test.
    Test {
        /// JSON text.
        body: String,
    },
    /// Messages in, `{message, usage}` out.
    #[serde(rename = "invokeAI")]
    InvokeAi {
        /// The conversation.
        messages: Vec<ChatMessage>,
        /// The model (the connector's default when absent).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        model: Option<String>,
        /// Sampling temperature.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        temperature: Option<f64>,
    },
}

connector_kind!(
    /// `.gen-ai`: OpenAI, Azure OpenAI or an OpenAI-compatible server (enterprise; deprecated
    /// in 9.5).
    OpenAi, ".gen-ai", OpenAiConfig, OpenAiSecrets, LlmParams
);

/// `.bedrock` config.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BedrockConfig {
    /// The Bedrock runtime URL.
    pub api_url: String,
    /// The AWS region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The model (Kibana's default when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_model: Option<String>,
}

/// `.bedrock` secrets: an AWS access key pair.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BedrockSecrets {
    /// Access key id.
    pub access_key: String,
    /// Secret access key.
    pub secret: String,
}

impl std::fmt::Debug for BedrockSecrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BedrockSecrets { access_key: <redacted>, secret: <redacted> }")
    }
}

connector_kind!(
    /// `.bedrock`: Amazon Bedrock (enterprise; deprecated in 9.5).
    Bedrock, ".bedrock", BedrockConfig, BedrockSecrets, LlmParams
);

/// `.gemini` config.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GeminiConfig {
    /// The Vertex AI URL.
    pub api_url: String,
    /// The model (Kibana's default `gemini-2.5-pro`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_model: Option<String>,
    /// The GCP region.
    pub gcp_region: String,
    /// The GCP project.
    #[serde(rename = "gcpProjectID")]
    pub gcp_project_id: String,
}

/// `.gemini` secrets: a service account key.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GeminiSecrets {
    /// The service account's JSON key, as text.
    pub credentials_json: String,
}

impl std::fmt::Debug for GeminiSecrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("GeminiSecrets { credentials_json: <redacted> }")
    }
}

connector_kind!(
    /// `.gemini`: Google Gemini on Vertex AI (enterprise; deprecated in 9.5).
    Gemini, ".gemini", GeminiConfig, GeminiSecrets, LlmParams
);

/// `.mcp` config.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct McpConfig {
    /// The server's Streamable HTTP endpoint.
    pub server_url: String,
    /// Whether to authenticate (default true).
    #[serde(default = "super::simple::yes")]
    pub has_auth: bool,
    /// `none`, `bearer`, `apiKey` or `basic`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_type: Option<String>,
    /// The header an API key goes in (default `X-API-Key`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_key_header_name: Option<String>,
    /// Extra headers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<BTreeMap<String, String>>,
}

/// `.mcp` secrets, per `auth_type`.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct McpSecrets {
    /// Bearer token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    /// API key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_key: Option<String>,
    /// Basic auth user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// Basic auth password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
}
redacted_debug!(McpSecrets {
    token,
    api_key,
    user,
    password
});

/// `.mcp` params.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "subAction",
    content = "subActionParams",
    rename_all = "camelCase"
)]
pub enum McpParams {
    /// The server's tools.
    #[serde(rename_all = "camelCase")]
    ListTools {
        /// Ask the server again rather than a cached list.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        force_refresh: Option<bool>,
    },
    /// Calls one tool.
    CallTool {
        /// The tool's name.
        name: String,
        /// Its arguments.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        arguments: Option<Map<String, Value>>,
    },
}

connector_kind!(
    /// `.mcp`: a Model Context Protocol server's tools (enterprise; technical preview, 9.3+).
    Mcp, ".mcp", McpConfig, McpSecrets, McpParams
);

/// `.cases-webhook` config: templated calls to create, read, update and comment on a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CasesWebhookConfig {
    /// Where a case is created.
    pub create_incident_url: String,
    /// `post` (default) or `put`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_incident_method: Option<String>,
    /// The create body, a JSON template (`{{{case.title}}}`, `{{{case.description}}}`, ...).
    pub create_incident_json: String,
    /// Where the new case's id is in the answer (dotted).
    pub create_incident_response_key: String,
    /// Where a case is read (`{{{external.system.id}}}` in it).
    pub get_incident_url: String,
    /// Where its title is in that answer.
    pub get_incident_response_external_title_key: String,
    /// A link to the case for people (`{{{external.system.id}}}`, `{{{external.system.title}}}`).
    pub view_incident_url: String,
    /// Where a case is updated.
    pub update_incident_url: String,
    /// `post`, `patch` or `put` (default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_incident_method: Option<String>,
    /// The update body template.
    pub update_incident_json: String,
    /// Where comments go (none: no comments).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_comment_url: Option<String>,
    /// The comment body template (`{{{case.comment}}}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_comment_json: Option<String>,
    /// Extra headers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<BTreeMap<String, String>>,
    /// Whether to authenticate (default true).
    #[serde(default = "super::simple::yes")]
    pub has_auth: bool,
    /// Authentication kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_type: Option<WebhookAuthType>,
}

/// A case pushed through `.cases-webhook`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseIncident {
    /// Title.
    pub title: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The case in the other system, to update rather than create.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// Tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
}

/// `.cases-webhook` params.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "subAction",
    content = "subActionParams",
    rename_all = "camelCase"
)]
pub enum CasesWebhookParams {
    /// Creates or updates the case, then comments.
    PushToService {
        /// The case.
        incident: CaseIncident,
        /// Comments to add.
        #[serde(default)]
        comments: Option<Vec<super::Comment>>,
    },
}

connector_kind!(
    /// `.cases-webhook`: cases in any ticketing system (gold; the Cases feature).
    CasesWebhook, ".cases-webhook", CasesWebhookConfig, WebhookSecrets, CasesWebhookParams
);

/// `.http` config.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HttpConfig {
    /// The base URL.
    pub url: String,
    /// Headers on every call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<BTreeMap<String, String>>,
    /// Whether to authenticate (default true).
    #[serde(default = "super::simple::yes")]
    pub has_auth: bool,
    /// Authentication kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_type: Option<WebhookAuthType>,
}

/// `.http` params: the call to make.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HttpParams {
    /// `GET` (default), `POST`, `PUT`, `PATCH` or `DELETE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// A path under the config's URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Another URL altogether (it must be allowed too).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Query parameters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<Map<String, Value>>,
    /// Headers of this call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<BTreeMap<String, String>>,
    /// The body: text as is, anything else as JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
}

connector_kind!(
    /// `.http`: an HTTP call whose answer comes back, for workflows (gold; 9.5).
    Http, ".http", HttpConfig, WebhookSecrets, HttpParams
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CreateConnector;
    use serde_json::json;

    #[test]
    fn names_follow_kibanas() {
        let body = CreateConnector::typed::<OpenAi>(
            "gpt",
            &OpenAiConfig {
                api_provider: OpenAiProvider::AzureOpenAi,
                api_url: "https://x.openai.azure.com/...".into(),
                default_model: None,
                organization_id: None,
                project_id: None,
                headers: None,
            },
            &OpenAiSecrets {
                api_key: Some("k".into()),
            },
        )
        .unwrap();
        assert_eq!(body.config["apiProvider"], "Azure OpenAI");
        let gemini: GeminiConfig = serde_json::from_value(json!({
            "apiUrl": "u", "gcpRegion": "r", "gcpProjectID": "p", "defaultModel": "gemini-2.5-pro"
        }))
        .unwrap();
        assert_eq!(gemini.gcp_project_id, "p");
        let shown = format!(
            "{:?} {:?}",
            BedrockSecrets {
                access_key: "AKIA-SECRET".into(),
                secret: "SECRET".into()
            },
            McpSecrets {
                token: Some("tok-SECRET".into()),
                ..Default::default()
            }
        );
        assert!(!shown.contains("SECRET"), "{shown}");
        assert_eq!(
            serde_json::to_value(LlmParams::InvokeAi {
                messages: vec![ChatMessage {
                    role: "user".into(),
                    content: "hi".into()
                }],
                model: None,
                temperature: None
            })
            .unwrap(),
            json!({"subAction": "invokeAI", "subActionParams": {"messages": [{"role": "user", "content": "hi"}]}})
        );
        assert_eq!(
            serde_json::to_value(McpParams::ListTools {
                force_refresh: None
            })
            .unwrap(),
            json!({"subAction": "listTools", "subActionParams": {}})
        );
    }
}
