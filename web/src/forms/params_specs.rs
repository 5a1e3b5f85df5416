//! The params form of a run, per typed connector type (Kibana's params schema for the
//! common sub-action; any other shape goes through the raw JSON editor).

use super::field_specs::FieldKind::{Const, Json, List, Multiline, Select, Text};
use super::field_specs::{FieldKind, FieldSpec, f};

/// A params field (never a secret). Dotted keys nest: `subActionParams.text`.
const fn p(
    key: &'static str,
    label: &'static str,
    kind: FieldKind,
    required: bool,
    default: &'static str,
) -> FieldSpec {
    f(key, label, kind, required, false, default)
}

const GREETING: &str = "Hello from the Kibana connectors console";

const INDEX_PARAMS: &[FieldSpec] = &[p(
    "documents",
    "Documents (JSON array of objects)",
    Json,
    true,
    r#"[{"message": "Hello from the Kibana connectors console"}]"#,
)];
const SERVER_LOG_PARAMS: &[FieldSpec] = &[
    p("message", "Message", Multiline, true, GREETING),
    p(
        "level",
        "Level",
        Select(&["trace", "debug", "info", "warn", "error", "fatal"]),
        false,
        "info",
    ),
];
const WEBHOOK_PARAMS: &[FieldSpec] = &[p(
    "body",
    "Body",
    Multiline,
    false,
    r#"{"text": "Hello from the Kibana connectors console"}"#,
)];
const MESSAGE_PARAMS: &[FieldSpec] = &[p("message", "Message", Multiline, true, GREETING)];
pub(super) const SLACK_API_PARAMS: &[FieldSpec] = &[
    p("subAction", "", Const, true, "postMessage"),
    p("subActionParams.channelIds", "Channel id", List, true, ""),
    p("subActionParams.text", "Message", Multiline, true, GREETING),
];
pub(super) const EMAIL_PARAMS: &[FieldSpec] = &[
    p("to", "To (comma-separated)", List, true, ""),
    p("cc", "Cc", List, false, ""),
    p("bcc", "Bcc", List, false, ""),
    p("subject", "Subject", Text, true, "Test from the console"),
    p("message", "Message", Multiline, true, GREETING),
];
const PAGERDUTY_PARAMS: &[FieldSpec] = &[
    p(
        "eventAction",
        "Event action",
        Select(&["trigger", "resolve", "acknowledge"]),
        true,
        "trigger",
    ),
    p("summary", "Summary", Text, false, GREETING),
    p(
        "severity",
        "Severity",
        Select(&["info", "warning", "error", "critical"]),
        false,
        "info",
    ),
    p(
        "dedupKey",
        "Dedup key (needed to resolve or acknowledge)",
        Text,
        false,
        "",
    ),
    p("source", "Source", Text, false, ""),
];
const SERVICENOW_PARAMS: &[FieldSpec] = &[
    p("subAction", "", Const, true, "pushToService"),
    p(
        "subActionParams.incident.short_description",
        "Short description",
        Text,
        true,
        GREETING,
    ),
    p(
        "subActionParams.incident.description",
        "Description",
        Multiline,
        false,
        "",
    ),
    p(
        "subActionParams.incident.urgency",
        "Urgency (1-3)",
        Text,
        false,
        "",
    ),
    p(
        "subActionParams.incident.impact",
        "Impact (1-3)",
        Text,
        false,
        "",
    ),
];
const SERVICENOW_SIR_PARAMS: &[FieldSpec] = &[
    p("subAction", "", Const, true, "pushToService"),
    p(
        "subActionParams.incident.short_description",
        "Short description",
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
        "subActionParams.incident.category",
        "Category",
        Text,
        false,
        "",
    ),
    p(
        "subActionParams.incident.priority",
        "Priority (1-5)",
        Text,
        false,
        "",
    ),
];
const SERVICENOW_ITOM_PARAMS: &[FieldSpec] = &[
    p("subAction", "", Const, true, "addEvent"),
    p("subActionParams.source", "Source", Text, false, "Kibana"),
    p("subActionParams.node", "Node", Text, false, ""),
    p("subActionParams.type", "Type", Text, false, ""),
    p("subActionParams.resource", "Resource", Text, false, ""),
    p("subActionParams.metric_name", "Metric", Text, false, ""),
    p(
        "subActionParams.severity",
        "Severity",
        Select(&["1", "2", "3", "4", "5"]),
        false,
        "3",
    ),
    p(
        "subActionParams.description",
        "Description",
        Multiline,
        false,
        "Sent from the Kibana connectors console",
    ),
    p(
        "subActionParams.message_key",
        "Message key",
        Text,
        false,
        "",
    ),
];
const JIRA_PARAMS: &[FieldSpec] = &[
    p("subAction", "", Const, true, "pushToService"),
    p(
        "subActionParams.incident.summary",
        "Summary",
        Text,
        true,
        GREETING,
    ),
    p(
        "subActionParams.incident.description",
        "Description",
        Multiline,
        false,
        "",
    ),
    p(
        "subActionParams.incident.issueType",
        "Issue type id",
        Text,
        false,
        "",
    ),
    p(
        "subActionParams.incident.priority",
        "Priority",
        Text,
        false,
        "",
    ),
    p(
        "subActionParams.incident.labels",
        "Labels (comma-separated)",
        List,
        false,
        "",
    ),
];
const OPSGENIE_PARAMS: &[FieldSpec] = &[
    p("subAction", "", Const, true, "createAlert"),
    p("subActionParams.message", "Message", Text, true, GREETING),
    p("subActionParams.alias", "Alias", Text, false, ""),
    p(
        "subActionParams.priority",
        "Priority",
        Select(&["P1", "P2", "P3", "P4", "P5"]),
        false,
        "P3",
    ),
    p(
        "subActionParams.tags",
        "Tags (comma-separated)",
        List,
        false,
        "",
    ),
    p(
        "subActionParams.description",
        "Description",
        Multiline,
        false,
        "",
    ),
];

/// The params form of a typed connector type; None means the raw JSON editor.
pub fn params_for(type_id: &str) -> Option<&'static [FieldSpec]> {
    Some(match type_id {
        ".index" => INDEX_PARAMS,
        ".server-log" => SERVER_LOG_PARAMS,
        ".webhook" => WEBHOOK_PARAMS,
        ".slack" | ".teams" => MESSAGE_PARAMS,
        ".slack_api" => SLACK_API_PARAMS,
        ".email" => EMAIL_PARAMS,
        ".pagerduty" => PAGERDUTY_PARAMS,
        ".servicenow" => SERVICENOW_PARAMS,
        ".servicenow-sir" => SERVICENOW_SIR_PARAMS,
        ".servicenow-itom" => SERVICENOW_ITOM_PARAMS,
        ".jira" => JIRA_PARAMS,
        ".opsgenie" => OPSGENIE_PARAMS,
        other => {
            return super::soar_specs::params_for(other)
                .or_else(|| super::ai_specs::params_for(other));
        }
    })
}
