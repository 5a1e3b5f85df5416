//! Form fields and run params of the security-orchestration and incident types (Torq,
//! xMatters, Tines, D3 Security, TheHive, Cortex XSOAR, IBM Resilient, Jira Service
//! Management, Swimlane), with Kibana's keys and defaults.

use super::field_spec::FieldKind::{
    Bool, Const, Json, List, Multiline, Number, Password, Select, Text, Url,
};
use super::field_spec::{FieldSpec, f};

const TORQ: &[FieldSpec] = &[
    f(
        "webhookIntegrationUrl",
        "Webhook integration URL",
        Url,
        true,
        false,
        "",
    ),
    f("token", "Token", Password, true, true, ""),
];
const XMATTERS: &[FieldSpec] = &[
    f(
        "usesBasic",
        "Basic authentication",
        Bool,
        false,
        false,
        "true",
    ),
    f(
        "configUrl",
        "Trigger URL (basic authentication)",
        Url,
        false,
        false,
        "",
    ),
    f("user", "User", Text, false, true, ""),
    f("password", "Password", Password, false, true, ""),
    f(
        "secretsUrl",
        "Trigger URL with API key (no basic authentication)",
        Password,
        false,
        true,
        "",
    ),
];
const TINES: &[FieldSpec] = &[
    f("url", "Tines URL", Url, true, false, ""),
    f("email", "Email", Text, true, true, ""),
    f("token", "API token", Password, true, true, ""),
];
const D3SECURITY: &[FieldSpec] = &[
    f("url", "D3 SOAR webhook URL", Url, true, false, ""),
    f("token", "Token", Password, true, true, ""),
];
const THEHIVE: &[FieldSpec] = &[
    f("url", "TheHive URL", Url, true, false, ""),
    f("organisation", "Organisation", Text, false, false, ""),
    f("apiKey", "API key", Password, true, true, ""),
];
const XSOAR: &[FieldSpec] = &[
    f("url", "Cortex XSOAR URL", Url, true, false, ""),
    f("apiKey", "API key", Password, true, true, ""),
    f(
        "apiKeyID",
        "API key id (XSOAR 8)",
        Password,
        false,
        true,
        "",
    ),
];
const RESILIENT: &[FieldSpec] = &[
    f("apiUrl", "URL", Url, true, false, ""),
    f("orgId", "Organisation id", Text, true, false, ""),
    f("apiKeyId", "API key id", Text, true, true, ""),
    f("apiKeySecret", "API key secret", Password, true, true, ""),
];
const JSM: &[FieldSpec] = &[
    f(
        "apiUrl",
        "API URL",
        Url,
        true,
        false,
        "https://api.atlassian.com",
    ),
    f("apiKey", "API key", Password, true, true, ""),
];
const SWIMLANE: &[FieldSpec] = &[
    f("apiUrl", "API URL", Url, true, false, ""),
    f("appId", "Application id", Text, true, false, ""),
    f(
        "connectorType",
        "Connector type",
        Select(&["all", "alerts", "cases"]),
        true,
        false,
        "all",
    ),
    f(
        "mappings",
        "Field mappings (JSON object)",
        Json,
        true,
        false,
        "{}",
    ),
    f("apiToken", "API token", Password, true, true, ""),
];

/// The connector fields of these types.
pub(super) fn fields_for(type_id: &str) -> Option<&'static [FieldSpec]> {
    Some(match type_id {
        ".torq" => TORQ,
        ".xmatters" => XMATTERS,
        ".tines" => TINES,
        ".d3security" => D3SECURITY,
        ".thehive" => THEHIVE,
        ".xsoar" => XSOAR,
        ".resilient" => RESILIENT,
        ".jira-service-management" => JSM,
        ".swimlane" => SWIMLANE,
        _ => return None,
    })
}

const fn p(
    key: &'static str,
    label: &'static str,
    kind: super::field_spec::FieldKind,
    required: bool,
    default: &'static str,
) -> FieldSpec {
    f(key, label, kind, required, false, default)
}

const EVENT: &str = r#"{"message": "Hello from the Kibana connectors console"}"#;

const TORQ_PARAMS: &[FieldSpec] = &[p("body", "Body (JSON)", Multiline, true, EVENT)];
const XMATTERS_PARAMS: &[FieldSpec] = &[
    p(
        "severity",
        "Severity",
        Select(&["critical", "high", "medium", "low", "minimal"]),
        true,
        "high",
    ),
    p("ruleName", "Rule name", Text, false, "Console test"),
    p("tags", "Tags (comma-separated text)", Text, false, ""),
];
const TINES_PARAMS: &[FieldSpec] = &[
    p("subAction", "", Const, true, "run"),
    p("subActionParams.webhookUrl", "Webhook URL", Url, true, ""),
    p(
        "subActionParams.body",
        "Body (JSON)",
        Multiline,
        true,
        EVENT,
    ),
];
const D3_PARAMS: &[FieldSpec] = &[
    p("subAction", "", Const, true, "run"),
    p(
        "subActionParams.body",
        "Body (JSON)",
        Multiline,
        false,
        EVENT,
    ),
    p(
        "subActionParams.severity",
        "Severity",
        Select(&["low", "medium", "high", "critical"]),
        false,
        "",
    ),
    p("subActionParams.eventType", "Event type", Text, false, ""),
];
const THEHIVE_PARAMS: &[FieldSpec] = &[
    p("subAction", "", Const, true, "createAlert"),
    p("subActionParams.title", "Title", Text, true, "Console test"),
    p(
        "subActionParams.description",
        "Description",
        Multiline,
        true,
        "Sent from the Kibana connectors console",
    ),
    p("subActionParams.type", "Type", Text, true, "external"),
    p("subActionParams.source", "Source", Text, true, "kibana"),
    p(
        "subActionParams.sourceRef",
        "Source reference",
        Text,
        true,
        "",
    ),
    p(
        "subActionParams.severity",
        "Severity (1-4)",
        Number,
        false,
        "2",
    ),
    p(
        "subActionParams.tags",
        "Tags (comma-separated)",
        List,
        false,
        "",
    ),
];
const XSOAR_PARAMS: &[FieldSpec] = &[
    p("subAction", "", Const, true, "run"),
    p(
        "subActionParams.name",
        "Incident name",
        Text,
        true,
        "Console test",
    ),
    p("subActionParams.playbookId", "Playbook id", Text, false, ""),
    p(
        "subActionParams.severity",
        "Severity (0-4)",
        Number,
        true,
        "1",
    ),
    p(
        "subActionParams.createInvestigation",
        "Start an investigation",
        Bool,
        true,
        "false",
    ),
];
const RESILIENT_PARAMS: &[FieldSpec] = &[
    p("subAction", "", Const, true, "pushToService"),
    p(
        "subActionParams.incident.name",
        "Name",
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
        "subActionParams.incident.severityCode",
        "Severity code",
        Number,
        false,
        "",
    ),
];
const JSM_PARAMS: &[FieldSpec] = &[
    p("subAction", "", Const, true, "createAlert"),
    p(
        "subActionParams.message",
        "Message",
        Text,
        true,
        "Hello from the Kibana connectors console",
    ),
    p("subActionParams.alias", "Alias", Text, false, ""),
    p(
        "subActionParams.priority",
        "Priority",
        Select(&["P1", "P2", "P3", "P4", "P5"]),
        false,
        "P3",
    ),
];
const SWIMLANE_PARAMS: &[FieldSpec] = &[
    p("subAction", "", Const, true, "pushToService"),
    p(
        "subActionParams.incident.ruleName",
        "Rule name",
        Text,
        false,
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
        "subActionParams.incident.severity",
        "Severity",
        Text,
        false,
        "",
    ),
];

/// The run params of these types.
pub(super) fn params_for(type_id: &str) -> Option<&'static [FieldSpec]> {
    Some(match type_id {
        ".torq" => TORQ_PARAMS,
        ".xmatters" => XMATTERS_PARAMS,
        ".tines" => TINES_PARAMS,
        ".d3security" => D3_PARAMS,
        ".thehive" => THEHIVE_PARAMS,
        ".xsoar" => XSOAR_PARAMS,
        ".resilient" => RESILIENT_PARAMS,
        ".jira-service-management" => JSM_PARAMS,
        ".swimlane" => SWIMLANE_PARAMS,
        _ => return None,
    })
}
