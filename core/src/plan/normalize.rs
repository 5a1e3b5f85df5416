//! Config as Kibana stores it: what a desired config becomes once Kibana has filled in its
//! defaults, so that a connector applied and read back compares equal to what was asked.
//!
//! Kibana's config schemas fill every optional field they know (`refresh: false`,
//! `executionTimeField: null`, a webhook's `method: "post"` and `hasAuth: true`, ...) and
//! return them on every read. The typed models of [`crate::models::types`] carry the same
//! defaults, so a desired config read into its typed model and written out again has them too;
//! what the model does not know (fields of a newer Kibana) is kept as written. `null` and
//! an absent field are the same thing to Kibana's schemas, so both sides drop nulls.

use serde_json::{Map, Value};

use crate::models::types::{
    Bedrock, CasesWebhook, ConnectorKind, D3Security, Email, Gemini, Http, Index, Jira,
    JiraServiceManagement, Mcp, OpenAi, Opsgenie, PagerDuty, Resilient, ServerLog, ServiceNow,
    ServiceNowItom, ServiceNowSir, Slack, SlackApi, Swimlane, Teams, TheHive, Tines, Torq, Webhook,
    XMatters, Xsoar, from_object, to_object,
};

/// `config` with Kibana's defaults for `type_id` filled in and nulls dropped. A config the
/// typed model cannot read (a required field missing, a type it does not model) is only
/// stripped of nulls: Kibana will refuse or keep it as it is, and the plan shows it as written.
pub fn stored_config(type_id: &str, config: &Map<String, Value>) -> Map<String, Value> {
    let mut out = typed_defaults(type_id, config).unwrap_or_default();
    // What was written wins over the model's rendering of it (same values, or fields the
    // model does not know).
    for (k, v) in config {
        out.insert(k.clone(), v.clone());
    }
    out.retain(|_, v| !v.is_null());
    out
}

/// The typed model's rendering of `config` (defaults included), for the modelled types.
fn typed_defaults(type_id: &str, config: &Map<String, Value>) -> Option<Map<String, Value>> {
    fn render<K: ConnectorKind>(config: &Map<String, Value>) -> Option<Map<String, Value>> {
        let typed: K::Config = from_object(config).ok()?;
        to_object(&typed).ok()
    }
    macro_rules! dispatch {
        ($($kind:ty),* $(,)?) => {
            $(if type_id == <$kind as ConnectorKind>::TYPE_ID {
                return render::<$kind>(config);
            })*
        };
    }
    dispatch!(
        Index,
        ServerLog,
        Webhook,
        Email,
        Slack,
        SlackApi,
        Teams,
        PagerDuty,
        Opsgenie,
        ServiceNow,
        ServiceNowSir,
        ServiceNowItom,
        Jira,
        JiraServiceManagement,
        Resilient,
        Swimlane,
        Torq,
        XMatters,
        Tines,
        D3Security,
        TheHive,
        Xsoar,
        OpenAi,
        Bedrock,
        Gemini,
        Mcp,
        CasesWebhook,
        Http,
    );
    None
}

/// One field that differs between what is and what is wanted.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
pub struct FieldChange {
    /// `name`, or `config.<key>` (nested objects compare whole).
    pub path: String,
    /// The value now (absent: the field is not set).
    #[cfg_attr(feature = "js", tsify(optional, type = "unknown"))]
    pub from: Option<Value>,
    /// The value wanted (absent: the field goes).
    #[cfg_attr(feature = "js", tsify(optional, type = "unknown"))]
    pub to: Option<Value>,
}

/// Fields whose default Kibana chooses itself, and changes between releases (the default
/// model of the AI connectors) or fills in from its own constants (the cases webhook's HTTP
/// methods, MCP's API key header): when the desired config leaves one out, whatever Kibana
/// stored is accepted, as Terraform treats an optional computed attribute. Named in the set,
/// they are compared. (Kibana: `kbn-connector-schemas` `openai`, `bedrock`, `gemini`,
/// `cases_webhook` and `mcp` `schemas/v1.ts`, the `DEFAULT_*_MODEL` constants.)
fn kibana_chosen(type_id: &str) -> &'static [&'static str] {
    match type_id {
        ".gen-ai" | ".bedrock" | ".gemini" => &["defaultModel"],
        ".cases-webhook" => &[
            "createIncidentMethod",
            "updateIncidentMethod",
            "createCommentMethod",
            "getIncidentMethod",
        ],
        ".mcp" => &["apiKeyHeaderName"],
        _ => &[],
    }
}

/// The fields of `config.*` that differ, by key in sorted order, both sides normalised by
/// [`stored_config`]; a field Kibana chooses itself differs only when the desired config
/// names it.
pub fn config_changes(
    type_id: &str,
    current: &Map<String, Value>,
    desired: &Map<String, Value>,
) -> Vec<FieldChange> {
    let now = stored_config(type_id, current);
    let wanted = stored_config(type_id, desired);
    let mut keys: Vec<&String> = now.keys().chain(wanted.keys()).collect();
    keys.sort();
    keys.dedup();
    let chosen = kibana_chosen(type_id);
    keys.into_iter()
        .filter(|k| now.get(*k) != wanted.get(*k))
        .filter(|k| wanted.contains_key(*k) || !chosen.contains(&k.as_str()))
        .map(|k| FieldChange {
            path: format!("config.{k}"),
            from: now.get(k).cloned(),
            to: wanted.get(k).cloned(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap()
    }

    #[test]
    fn kibanas_defaults_are_no_change() {
        // What Kibana returns for `{"index": "logs"}`.
        let stored = obj(json!({"index": "logs", "refresh": false, "executionTimeField": null}));
        assert_eq!(
            config_changes(".index", &stored, &obj(json!({"index": "logs"}))),
            []
        );
        let hook = obj(
            json!({"url": "https://h.example/x", "method": "post", "hasAuth": true, "headers": null}),
        );
        assert_eq!(
            config_changes(
                ".webhook",
                &hook,
                &obj(json!({"url": "https://h.example/x"}))
            ),
            []
        );
    }

    #[test]
    fn a_changed_field_is_named_with_both_values() {
        let stored = obj(json!({"index": "logs", "refresh": false, "executionTimeField": null}));
        let wanted = obj(json!({"index": "logs", "refresh": true}));
        assert_eq!(
            config_changes(".index", &stored, &wanted),
            [FieldChange {
                path: "config.refresh".into(),
                from: Some(json!(false)),
                to: Some(json!(true)),
            }]
        );
    }

    #[test]
    fn a_default_kibana_chooses_is_compared_only_when_named() {
        let stored =
            obj(json!({"apiProvider": "OpenAI", "apiUrl": "https://x", "defaultModel": "gpt-4.1"}));
        let unnamed = obj(json!({"apiProvider": "OpenAI", "apiUrl": "https://x"}));
        assert_eq!(config_changes(".gen-ai", &stored, &unnamed), []);
        let named =
            obj(json!({"apiProvider": "OpenAI", "apiUrl": "https://x", "defaultModel": "gpt-5"}));
        assert_eq!(config_changes(".gen-ai", &stored, &named).len(), 1);
    }

    #[test]
    fn fields_the_model_does_not_know_are_compared_as_written() {
        let stored = obj(json!({"index": "logs", "refresh": false, "newIn96": "a"}));
        let wanted = obj(json!({"index": "logs", "newIn96": "b"}));
        let changes = config_changes(".index", &stored, &wanted);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].path, "config.newIn96");
        // An untyped type: nulls aside, as written.
        let a = obj(json!({"x": 1, "y": null}));
        assert_eq!(config_changes(".inference", &a, &obj(json!({"x": 1}))), []);
        let removed = config_changes(".inference", &a, &obj(json!({})));
        assert_eq!(removed[0].to, None);
    }
}
