//! The generative-AI types and MCP: `.gen-ai` (OpenAI, Azure OpenAI, OpenAI-compatible),
//! `.bedrock`, `.gemini` and `.mcp`, with the fields and defaults of
//! `kbn-connector-schemas/{openai,bedrock,gemini,mcp}/schemas/v1.ts` and constants. `.gen-ai`
//! and `.mcp` run against local services; Bedrock (AWS SigV4) and Gemini (a service-account
//! token exchange) are validated but not run (README).

use serde_json::{Map, Value, json};

use super::schemas::{framework_url_rule, t};
use super::{ConnectorType, Executor, ParamsSchema};
use crate::config::{License, SimConfig};
use crate::schema::{Ty, default, maybe, number, req, str_field, string};

/// `generativeAIFor*`: where Kibana's assistants can use them.
const GEN_AI: [&str; 3] = [
    "generativeAIForSecurity",
    "generativeAIForObservability",
    "generativeAIForSearchPlayground",
];

type RuleResult = Result<(), (&'static str, String)>;

/// `openai/schemas/v1.ts` is a union on `apiProvider`: OpenAI defaults `defaultModel` to
/// `gpt-4.1` and takes an organisation and project; the OpenAI-compatible "Other" needs a
/// model and takes a verification mode; Azure takes neither. (The union's own wording of a
/// mismatch is not reproduced: the sim names the field.)
fn openai_rule(c: &Map<String, Value>, _: &Map<String, Value>, sim: &SimConfig) -> RuleResult {
    framework_url_rule(c, "apiUrl", sim)?;
    let provider = str_field(c, "apiProvider").unwrap_or_default();
    let has = |k: &str| c.get(k).is_some_and(|v| !v.is_null());
    let not_for = |keys: &[&str]| -> RuleResult {
        match keys.iter().find(|k| has(k)) {
            Some(k) => Err((
                "config",
                format!("[{k}]: not allowed for apiProvider \"{provider}\""),
            )),
            None => Ok(()),
        }
    };
    match provider {
        "Azure OpenAI" => not_for(&["organizationId", "projectId", "verificationMode"]),
        "OpenAI" => not_for(&["verificationMode", "enableNativeFunctionCalling"]),
        _ if !has("defaultModel") => Err((
            "config",
            "[defaultModel]: Required for apiProvider \"Other\"".into(),
        )),
        _ => not_for(&["organizationId", "projectId"]),
    }
}

/// OpenAI's default model, filled in when the provider is OpenAI.
const OPENAI_DEFAULT_MODEL: &str = "gpt-4.1";

/// Fills Kibana's defaults the union applies per provider (run after validation).
fn openai_defaults(config: &mut Map<String, Value>) {
    if str_field(config, "apiProvider") == Some("OpenAI") && !config.contains_key("defaultModel") {
        config.insert("defaultModel".into(), json!(OPENAI_DEFAULT_MODEL));
    }
}

fn mcp_rule(c: &Map<String, Value>, _: &Map<String, Value>, sim: &SimConfig) -> RuleResult {
    framework_url_rule(c, "serverUrl", sim)
}

fn llm_run() -> Vec<(&'static str, Ty)> {
    let body = || {
        Ty::Obj(vec![
            req("body", string()),
            maybe("timeout", number()),
            maybe("signal", Ty::Any),
            maybe("telemetryMetadata", Ty::Record),
        ])
    };
    vec![
        ("run", body()),
        ("test", body()),
        (
            "invokeAI",
            Ty::Obj(vec![
                req("messages", Ty::Arr(Box::new(Ty::Record), None)),
                maybe("model", string()),
                maybe("temperature", number()),
                maybe("stop", Ty::Any),
                maybe("timeout", number()),
                maybe("signal", Ty::Any),
                maybe("telemetryMetadata", Ty::Record),
            ]),
        ),
        ("getDashboard", Ty::Obj(vec![req("dashboardId", string())])),
    ]
}

/// The types, in Kibana's registration order.
pub(super) fn types() -> Vec<ConnectorType> {
    vec![
        ConnectorType {
            config: Some(vec![
                req(
                    "apiProvider",
                    Ty::Literal(&["OpenAI", "Azure OpenAI", "Other"]),
                ),
                req("apiUrl", string()),
                maybe("defaultModel", string()),
                maybe("organizationId", string()),
                maybe("projectId", string()),
                maybe(
                    "verificationMode",
                    Ty::Literal(&["full", "certificate", "none"]),
                ),
                maybe("headers", Ty::RecordOfStr),
                maybe("contextWindowLength", number()),
                maybe("temperature", number()),
                maybe("enableNativeFunctionCalling", Ty::Bool),
            ]),
            secrets: Some(vec![
                maybe("apiKey", string()),
                maybe("certificateData", string()),
                maybe("privateKeyData", string()),
                maybe("caData", string()),
            ]),
            params: ParamsSchema::Framework(llm_run()),
            connector_rule: Some(openai_rule),
            config_fill: Some(openai_defaults),
            ..t(
                ".gen-ai",
                "OpenAI",
                License::Enterprise,
                &GEN_AI,
                Executor::OpenAi,
            )
        },
        ConnectorType {
            config: Some(vec![
                req("apiUrl", string()),
                maybe("region", string()),
                default(
                    "defaultModel",
                    string(),
                    json!("us.anthropic.claude-sonnet-4-5-20250929-v1:0"),
                ),
                maybe("contextWindowLength", number()),
                maybe("temperature", number()),
            ]),
            secrets: Some(vec![req("accessKey", string()), req("secret", string())]),
            params: ParamsSchema::Framework(llm_run()),
            connector_rule: Some(|c, _, sim| framework_url_rule(c, "apiUrl", sim)),
            ..t(
                ".bedrock",
                "Amazon Bedrock",
                License::Enterprise,
                &GEN_AI,
                Executor::Generic,
            )
        },
        ConnectorType {
            config: Some(vec![
                req("apiUrl", string()),
                default("defaultModel", string(), json!("gemini-2.5-pro")),
                req("gcpRegion", string()),
                req("gcpProjectID", string()),
                maybe("contextWindowLength", number()),
                maybe("temperature", number()),
            ]),
            secrets: Some(vec![req("credentialsJson", string())]),
            params: ParamsSchema::Framework(llm_run()),
            connector_rule: Some(|c, _, sim| framework_url_rule(c, "apiUrl", sim)),
            ..t(
                ".gemini",
                "Google Gemini",
                License::Enterprise,
                &GEN_AI,
                Executor::Generic,
            )
        },
        // `mcp/index.ts @ 33a26fbf` (preview, 9.3+): enterprise; the generative-AI features,
        // workflows and Agent Builder.
        ConnectorType {
            config: Some(vec![
                req("serverUrl", string()),
                default("hasAuth", Ty::Bool, json!(true)),
                maybe(
                    "authType",
                    Ty::Literal(&["none", "bearer", "apiKey", "basic"]),
                ),
                default("apiKeyHeaderName", string(), json!("X-API-Key")),
                maybe("headers", Ty::RecordOfStr),
            ]),
            secrets: Some(vec![
                maybe("token", string()),
                maybe("apiKey", string()),
                maybe("user", string()),
                maybe("password", string()),
                maybe("secretHeaders", Ty::RecordOfStr),
            ]),
            params: ParamsSchema::Framework(vec![
                ("test", Ty::Any),
                ("listTools", Ty::Obj(vec![maybe("forceRefresh", Ty::Bool)])),
                (
                    "callTool",
                    Ty::Obj(vec![req("name", string()), maybe("arguments", Ty::Record)]),
                ),
            ]),
            connector_rule: Some(mcp_rule),
            ..t(
                ".mcp",
                "MCP",
                License::Enterprise,
                &[GEN_AI[0], GEN_AI[2], GEN_AI[1], "workflows", "agentBuilder"],
                Executor::Mcp,
            )
        },
    ]
}
