//! Form fields and run params of the generative-AI types and MCP (`.gen-ai`, `.bedrock`,
//! `.gemini`, `.mcp`) and of the rest of the webhook family (`.cases-webhook`, `.http`).

use super::field_spec::FieldKind::{
    Bool, Const, Json, List, Multiline, Password, Select, Text, Url,
};
use super::field_spec::{FieldKind, FieldSpec, f};

const GEN_AI: &[FieldSpec] = &[
    f(
        "apiProvider",
        "Provider",
        Select(&["OpenAI", "Azure OpenAI", "Other"]),
        true,
        false,
        "OpenAI",
    ),
    f(
        "apiUrl",
        "URL",
        Url,
        true,
        false,
        "https://api.openai.com/v1/chat/completions",
    ),
    f("defaultModel", "Default model", Text, false, false, ""),
    f("organizationId", "Organisation", Text, false, false, ""),
    f("projectId", "Project", Text, false, false, ""),
    f("headers", "Headers (JSON object)", Json, false, false, ""),
    f("apiKey", "API key", Password, true, true, ""),
];
const BEDROCK: &[FieldSpec] = &[
    f(
        "apiUrl",
        "URL",
        Url,
        true,
        false,
        "https://bedrock-runtime.us-east-1.amazonaws.com",
    ),
    f("region", "Region", Text, false, false, ""),
    f("defaultModel", "Default model", Text, false, false, ""),
    f("accessKey", "Access key id", Password, true, true, ""),
    f("secret", "Secret access key", Password, true, true, ""),
];
const GEMINI: &[FieldSpec] = &[
    f(
        "apiUrl",
        "URL",
        Url,
        true,
        false,
        "https://us-central1-aiplatform.googleapis.com",
    ),
    f("gcpRegion", "GCP region", Text, true, false, "us-central1"),
    f("gcpProjectID", "GCP project", Text, true, false, ""),
    f("defaultModel", "Default model", Text, false, false, ""),
    f(
        "credentialsJson",
        "Service account key (JSON)",
        Password,
        true,
        true,
        "",
    ),
];
const MCP: &[FieldSpec] = &[
    f("serverUrl", "Server URL", Url, true, false, ""),
    f(
        "hasAuth",
        "Requires authentication",
        Bool,
        false,
        false,
        "true",
    ),
    f(
        "authType",
        "Authentication",
        Select(&["bearer", "apiKey", "basic", "none"]),
        true,
        false,
        "bearer",
    ),
    f(
        "apiKeyHeaderName",
        "API key header",
        Text,
        false,
        false,
        "X-API-Key",
    ),
    f("headers", "Headers (JSON object)", Json, false, false, ""),
    f("token", "Bearer token", Password, true, true, ""),
    f("apiKey", "API key", Password, true, true, ""),
    f("user", "User", Text, true, true, ""),
    f("password", "Password", Password, true, true, ""),
];
const CASES_WEBHOOK: &[FieldSpec] = &[
    f("createIncidentUrl", "Create case URL", Url, true, false, ""),
    f(
        "createIncidentMethod",
        "Create method",
        Select(&["post", "put"]),
        true,
        false,
        "post",
    ),
    f(
        "createIncidentJson",
        "Create body (JSON template)",
        Multiline,
        true,
        false,
        r#"{"fields": {"summary": {{{case.title}}}, "description": {{{case.description}}}, "labels": {{{case.tags}}}}}"#,
    ),
    f(
        "createIncidentResponseKey",
        "Id in the create answer",
        Text,
        true,
        false,
        "id",
    ),
    f("getIncidentUrl", "Get case URL", Url, true, false, ""),
    f(
        "getIncidentResponseExternalTitleKey",
        "Title in the get answer",
        Text,
        true,
        false,
        "key",
    ),
    f(
        "viewIncidentUrl",
        "Case link for people",
        Url,
        true,
        false,
        "",
    ),
    f("updateIncidentUrl", "Update case URL", Url, true, false, ""),
    f(
        "updateIncidentMethod",
        "Update method",
        Select(&["put", "patch", "post"]),
        true,
        false,
        "put",
    ),
    f(
        "updateIncidentJson",
        "Update body (JSON template)",
        Multiline,
        true,
        false,
        r#"{"fields": {"summary": {{{case.title}}}, "description": {{{case.description}}}}}"#,
    ),
    f("createCommentUrl", "Comment URL", Url, false, false, ""),
    f(
        "createCommentMethod",
        "Comment method",
        Select(&["put", "post", "patch"]),
        true,
        false,
        "put",
    ),
    f(
        "createCommentJson",
        "Comment body (JSON template)",
        Multiline,
        false,
        false,
        r#"{"body": {{{case.comment}}}}"#,
    ),
    f("headers", "Headers (JSON object)", Json, false, false, ""),
    f(
        "hasAuth",
        "Requires authentication",
        Bool,
        false,
        false,
        "true",
    ),
    f("user", "User", Text, false, true, ""),
    f("password", "Password", Password, false, true, ""),
];
const HTTP: &[FieldSpec] = &[
    f("url", "Base URL", Url, true, false, ""),
    f("headers", "Headers (JSON object)", Json, false, false, ""),
    f(
        "hasAuth",
        "Requires authentication",
        Bool,
        false,
        false,
        "false",
    ),
    f("user", "User", Text, false, true, ""),
    f("password", "Password", Password, false, true, ""),
];

/// The connector fields of these types.
pub(super) fn fields_for(type_id: &str) -> Option<&'static [FieldSpec]> {
    Some(match type_id {
        ".gen-ai" => GEN_AI,
        ".bedrock" => BEDROCK,
        ".gemini" => GEMINI,
        ".mcp" => MCP,
        ".cases-webhook" => CASES_WEBHOOK,
        ".http" => HTTP,
        _ => return None,
    })
}

const fn p(
    key: &'static str,
    label: &'static str,
    kind: FieldKind,
    required: bool,
    default: &'static str,
) -> FieldSpec {
    f(key, label, kind, required, false, default)
}

const GEN_AI_PARAMS: &[FieldSpec] = &[
    p("subAction", "", Const, true, "invokeAI"),
    p(
        "subActionParams.messages",
        "Messages (JSON array)",
        Json,
        true,
        r#"[{"role": "user", "content": "Say hello from the Kibana connectors console."}]"#,
    ),
    p(
        "subActionParams.model",
        "Model (empty: the connector's)",
        Text,
        false,
        "",
    ),
];
const LLM_RUN_PARAMS: &[FieldSpec] = &[
    p("subAction", "", Const, true, "run"),
    p(
        "subActionParams.body",
        "Body (JSON)",
        Multiline,
        true,
        r#"{"messages": [{"role": "user", "content": "Hello"}], "max_tokens": 32}"#,
    ),
];
const MCP_PARAMS: &[FieldSpec] = &[p("subAction", "", Const, true, "listTools")];
const CASES_WEBHOOK_PARAMS: &[FieldSpec] = &[
    p("subAction", "", Const, true, "pushToService"),
    p(
        "subActionParams.incident.title",
        "Title",
        Text,
        true,
        "Console test",
    ),
    p(
        "subActionParams.incident.description",
        "Description",
        Multiline,
        false,
        "",
    ),
    p(
        "subActionParams.incident.tags",
        "Tags (comma-separated)",
        List,
        false,
        "",
    ),
];
const HTTP_PARAMS: &[FieldSpec] = &[
    p(
        "method",
        "Method",
        Select(&["GET", "POST", "PUT", "PATCH", "DELETE"]),
        true,
        "GET",
    ),
    p("path", "Path under the base URL", Text, false, ""),
    p("body", "Body", Multiline, false, ""),
];

/// The run params of these types.
pub(super) fn params_for(type_id: &str) -> Option<&'static [FieldSpec]> {
    Some(match type_id {
        ".gen-ai" => GEN_AI_PARAMS,
        ".bedrock" | ".gemini" => LLM_RUN_PARAMS,
        ".mcp" => MCP_PARAMS,
        ".cases-webhook" => CASES_WEBHOOK_PARAMS,
        ".http" => HTTP_PARAMS,
        _ => return None,
    })
}
