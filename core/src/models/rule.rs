//! Alerting rules as the public Alerting API shows them (`ruleResponseSchema`), the bodies of
//! create and update, and the `_find` query with its page of results.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// How often a rule runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
pub struct Schedule {
    /// A duration such as `1m`, `5m`, `1h` (a positive whole number of `s`, `m`, `h` or `d`).
    pub interval: String,
}

/// When an action's notifications go out (`frequency` of a rule action).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
pub struct ActionFrequency {
    /// One notification summarising every alert, instead of one per alert.
    pub summary: bool,
    /// `onActionGroupChange`, `onActiveAlert` or `onThrottleInterval`.
    pub notify_when: String,
    /// With `onThrottleInterval`: at most one notification per this duration.
    #[serde(default)]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub throttle: Option<String>,
}

/// One action of a rule: which connector runs, for which action group, with what params.
/// System actions (e.g. cases) have no group and no frequency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
#[non_exhaustive]
pub struct RuleAction {
    /// The connector's id. After the connector was deleted, the rule still names it.
    pub id: String,
    /// The action group that triggers it (e.g. `threshold met`, `recovered`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub group: Option<String>,
    /// The params the connector runs with (often with `{{mustache}}` templates).
    #[serde(default)]
    #[cfg_attr(feature = "js", tsify(type = "Record<string, unknown>"))]
    pub params: Map<String, Value>,
    /// The connector's type, as Kibana resolved it when the rule was saved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub connector_type_id: Option<String>,
    /// Stable per action across updates (keep it when editing an action).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub uuid: Option<String>,
    /// Per-action notification frequency (instead of the rule-level `notify_when`/`throttle`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub frequency: Option<ActionFrequency>,
    /// Fields this client does not model (`alerts_filter`, `use_alert_data_for_template`),
    /// kept so an update sends them back.
    #[serde(flatten)]
    #[cfg_attr(feature = "js", tsify(type = "Record<string, unknown>"))]
    pub extra: Map<String, Value>,
}

impl RuleAction {
    /// An action of a default (non-system) connector for one action group.
    pub fn new(connector_id: impl Into<String>, group: impl Into<String>, params: Value) -> Self {
        RuleAction {
            id: connector_id.into(),
            group: Some(group.into()),
            params: params.as_object().cloned().unwrap_or_default(),
            connector_type_id: None,
            uuid: None,
            frequency: None,
            extra: Map::new(),
        }
    }

    /// Sets the per-action frequency.
    #[must_use]
    pub fn frequency(mut self, frequency: ActionFrequency) -> Self {
        self.frequency = Some(frequency);
        self
    }

    /// The action as a create or update body sends it (without the resolved type).
    fn for_body(&self) -> RuleAction {
        RuleAction {
            connector_type_id: None,
            ..self.clone()
        }
    }
}

/// The outcome of a rule's last run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
#[non_exhaustive]
pub struct LastRun {
    /// `succeeded`, `warning` or `failed`.
    #[serde(default)]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub outcome: Option<String>,
    /// What Kibana said about it.
    #[serde(default)]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub outcome_msg: Option<Vec<String>>,
    /// Everything else (`alerts_count`, `warning`, ...).
    #[serde(flatten)]
    #[cfg_attr(feature = "js", tsify(type = "Record<string, unknown>"))]
    pub extra: Map<String, Value>,
}

/// A rule's execution status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
#[non_exhaustive]
pub struct ExecutionStatus {
    /// `ok`, `active`, `error`, `warning`, `pending` or `unknown`.
    pub status: String,
    /// When it last ran (ISO 8601).
    #[serde(default)]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub last_execution_date: Option<String>,
    /// Everything else (`error`, `warning`, `last_duration`).
    #[serde(flatten)]
    #[cfg_attr(feature = "js", tsify(type = "Record<string, unknown>"))]
    pub extra: Map<String, Value>,
}

/// An alerting rule as Kibana returns it (create, get, update, find). With `_find`'s
/// `fields`, only the fields asked for are present; the others take their defaults here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
#[non_exhaustive]
pub struct Rule {
    /// Unique across spaces.
    pub id: String,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// The rule type, e.g. `.index-threshold`.
    #[serde(default)]
    pub rule_type_id: String,
    /// The feature that owns the rule (decides who may see it), e.g. `stackAlerts`.
    #[serde(default)]
    pub consumer: String,
    /// Whether it runs.
    #[serde(default)]
    pub enabled: bool,
    /// Free tags (Kibana's Rules tab searches them with the name).
    #[serde(default)]
    pub tags: Vec<String>,
    /// How often it runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub schedule: Option<Schedule>,
    /// The rule type's params.
    #[serde(default)]
    #[cfg_attr(feature = "js", tsify(type = "Record<string, unknown>"))]
    pub params: Map<String, Value>,
    /// What it does when alerts fire or recover.
    #[serde(default)]
    pub actions: Vec<RuleAction>,
    /// The rule-level throttle (deprecated in Kibana 8.13 in favour of per-action frequency).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub throttle: Option<String>,
    /// The rule-level notify setting (deprecated beside per-action frequency).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub notify_when: Option<String>,
    /// Its execution status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub execution_status: Option<ExecutionStatus>,
    /// Its last run (absent before the first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub last_run: Option<LastRun>,
    /// Fields this client does not model (`created_at`, `revision`, `flapping`, ...).
    #[serde(flatten)]
    #[cfg_attr(feature = "js", tsify(type = "Record<string, unknown>"))]
    pub extra: Map<String, Value>,
}

impl Rule {
    /// The actions that run the connector `connector_id`.
    pub fn actions_of<'a>(&'a self, connector_id: &'a str) -> impl Iterator<Item = &'a RuleAction> {
        self.actions.iter().filter(move |a| a.id == connector_id)
    }

    /// The action groups in which `connector_id` runs (system actions count as `""`), in the
    /// rule's order, without repeats.
    pub fn groups_using(&self, connector_id: &str) -> Vec<String> {
        let mut groups: Vec<String> = Vec::new();
        for a in self.actions_of(connector_id) {
            let g = a.group.clone().unwrap_or_default();
            if !groups.contains(&g) {
                groups.push(g);
            }
        }
        groups
    }

    /// `last_run.outcome`, what Kibana's Rules tab shows as "Last response".
    pub fn last_response(&self) -> Option<&str> {
        self.last_run.as_ref().and_then(|r| r.outcome.as_deref())
    }
}

/// The body of `POST /api/alerting/rule[/{id}]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify, Deserialize))]
#[non_exhaustive]
pub struct CreateRule {
    /// Display name.
    pub name: String,
    /// The rule type.
    pub rule_type_id: String,
    /// The owning feature (e.g. `stackAlerts`, `alerts`).
    pub consumer: String,
    /// How often it runs.
    pub schedule: Schedule,
    /// The rule type's params.
    #[cfg_attr(
        feature = "js",
        serde(default),
        tsify(type = "Record<string, unknown>")
    )]
    pub params: Map<String, Value>,
    /// Tags.
    #[cfg_attr(feature = "js", serde(default))]
    pub tags: Vec<String>,
    /// Whether it runs (Kibana's default: true).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", serde(default), tsify(optional))]
    pub enabled: Option<bool>,
    /// Its actions.
    #[cfg_attr(feature = "js", serde(default))]
    pub actions: Vec<RuleAction>,
    /// Other body fields (`notify_when`, `throttle`, `flapping`, `alert_delay`, ...).
    #[serde(flatten)]
    #[cfg_attr(
        feature = "js",
        serde(default),
        tsify(type = "Record<string, unknown>")
    )]
    pub extra: Map<String, Value>,
}

impl CreateRule {
    /// A rule of a type and consumer, running every `interval`, with no params or actions.
    pub fn new(
        name: impl Into<String>,
        rule_type_id: impl Into<String>,
        consumer: impl Into<String>,
        interval: impl Into<String>,
    ) -> Self {
        CreateRule {
            name: name.into(),
            rule_type_id: rule_type_id.into(),
            consumer: consumer.into(),
            schedule: Schedule {
                interval: interval.into(),
            },
            params: Map::new(),
            tags: Vec::new(),
            enabled: None,
            actions: Vec::new(),
            extra: Map::new(),
        }
    }

    /// Sets the params.
    #[must_use]
    pub fn params(mut self, params: Value) -> Self {
        self.params = params.as_object().cloned().unwrap_or_default();
        self
    }

    /// Adds an action.
    #[must_use]
    pub fn action(mut self, action: RuleAction) -> Self {
        self.actions.push(action.for_body());
        self
    }

    /// Sets the tags.
    #[must_use]
    pub fn tags<I: IntoIterator<Item = S>, S: Into<String>>(mut self, tags: I) -> Self {
        self.tags = tags.into_iter().map(Into::into).collect();
        self
    }

    /// Creates it disabled (or enabled).
    #[must_use]
    pub fn enabled(mut self, enabled: bool) -> Self {
        self.enabled = Some(enabled);
        self
    }
}

/// The fields of a rule an update may carry back besides the modelled ones
/// (`updateBodySchemaV1`).
const UPDATABLE_EXTRA: &[&str] = &["alert_delay", "flapping", "artifacts"];

/// The body of `PUT /api/alerting/rule/{id}`: a full replace of what a rule does (the type,
/// consumer and enabled state stay). Build it from the rule with [`UpdateRule::from`], change
/// what you need, and send it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify, Deserialize))]
#[non_exhaustive]
pub struct UpdateRule {
    /// Display name.
    pub name: String,
    /// Tags.
    #[cfg_attr(feature = "js", serde(default))]
    pub tags: Vec<String>,
    /// How often it runs.
    pub schedule: Schedule,
    /// The rule type's params.
    #[cfg_attr(
        feature = "js",
        serde(default),
        tsify(type = "Record<string, unknown>")
    )]
    pub params: Map<String, Value>,
    /// Its actions (each keeps its `uuid`).
    #[cfg_attr(feature = "js", serde(default))]
    pub actions: Vec<RuleAction>,
    /// The rule-level throttle, when the rule uses one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", serde(default), tsify(optional))]
    pub throttle: Option<String>,
    /// The rule-level notify setting, when the rule uses one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", serde(default), tsify(optional))]
    pub notify_when: Option<String>,
    /// `alert_delay`, `flapping`, `artifacts` as the rule had them.
    #[serde(flatten)]
    #[cfg_attr(
        feature = "js",
        serde(default),
        tsify(type = "Record<string, unknown>")
    )]
    pub extra: Map<String, Value>,
}

impl From<&Rule> for UpdateRule {
    fn from(rule: &Rule) -> Self {
        UpdateRule {
            name: rule.name.clone(),
            tags: rule.tags.clone(),
            schedule: rule.schedule.clone().unwrap_or(Schedule {
                interval: "1m".into(),
            }),
            params: rule.params.clone(),
            actions: rule.actions.iter().map(RuleAction::for_body).collect(),
            throttle: rule.throttle.clone(),
            notify_when: rule.notify_when.clone(),
            extra: rule
                .extra
                .iter()
                .filter(|(k, v)| UPDATABLE_EXTRA.contains(&k.as_str()) && !v.is_null())
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        }
    }
}

/// A saved-object reference for `has_reference` (`{"type":"action","id":...}` for a
/// connector).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
pub struct Reference {
    /// The saved-object type (`action` for connectors).
    #[serde(rename = "type")]
    pub kind: String,
    /// Its id.
    pub id: String,
}

/// `GET /api/alerting/rules/_find`'s query; every field optional (Kibana's defaults: page 1,
/// 10 per page).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
#[serde(default)]
pub struct FindRules {
    /// 1-based page.
    #[cfg_attr(feature = "js", tsify(optional))]
    pub page: Option<u32>,
    /// Rules per page.
    #[cfg_attr(feature = "js", tsify(optional))]
    pub per_page: Option<u32>,
    /// Words to look for (`simple_query_string`; `disk*` matches a prefix).
    #[cfg_attr(feature = "js", tsify(optional))]
    pub search: Option<String>,
    /// `OR` (Kibana's default) or `AND` between the search words.
    #[cfg_attr(feature = "js", tsify(optional))]
    pub default_search_operator: Option<String>,
    /// The fields the search looks in (e.g. `name`, `tags`).
    pub search_fields: Vec<String>,
    /// The field to sort by (e.g. `name`, `updated_at`).
    #[cfg_attr(feature = "js", tsify(optional))]
    pub sort_field: Option<String>,
    /// `asc` or `desc`.
    #[cfg_attr(feature = "js", tsify(optional))]
    pub sort_order: Option<String>,
    /// Only rules with this saved-object reference (a space connector's rules).
    #[cfg_attr(feature = "js", tsify(optional))]
    pub has_reference: Option<Reference>,
    /// Only these fields in each rule (plus `id`).
    pub fields: Vec<String>,
    /// A KQL filter over `alert.attributes.*`, e.g. `alert.attributes.tags:prod`.
    #[cfg_attr(feature = "js", tsify(optional))]
    pub filter: Option<String>,
    /// Only rules of these consumers.
    pub filter_consumers: Vec<String>,
}

impl FindRules {
    /// The query string pairs (lists repeat their key; `has_reference` is JSON).
    pub(crate) fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut q = Vec::new();
        if let Some(p) = self.page {
            q.push(("page", p.to_string()));
        }
        if let Some(p) = self.per_page {
            q.push(("per_page", p.to_string()));
        }
        let mut one = |key: &'static str, v: &Option<String>| {
            if let Some(v) = v {
                q.push((key, v.clone()));
            }
        };
        one("search", &self.search);
        one("default_search_operator", &self.default_search_operator);
        one("sort_field", &self.sort_field);
        one("sort_order", &self.sort_order);
        one("filter", &self.filter);
        for (key, list) in [
            ("search_fields", &self.search_fields),
            ("fields", &self.fields),
            ("filter_consumers", &self.filter_consumers),
        ] {
            q.extend(list.iter().map(|v| (key, v.clone())));
        }
        if let Some(r) = &self.has_reference {
            q.push((
                "has_reference",
                serde_json::to_string(r).unwrap_or_default(),
            ));
        }
        q
    }
}

/// One page of `_find`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
pub struct RulesPage {
    /// This page (1-based).
    pub page: u32,
    /// Its size.
    pub per_page: u32,
    /// Rules matching, over every page.
    pub total: u64,
    /// The rules of this page.
    pub data: Vec<Rule>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn find_query_repeats_lists_and_encodes_the_reference() {
        let q = FindRules {
            per_page: Some(100),
            search_fields: vec!["name".into(), "tags".into()],
            has_reference: Some(Reference {
                kind: "action".into(),
                id: "c1".into(),
            }),
            ..FindRules::default()
        };
        assert_eq!(
            q.to_query(),
            vec![
                ("per_page", "100".to_string()),
                ("search_fields", "name".into()),
                ("search_fields", "tags".into()),
                ("has_reference", r#"{"type":"action","id":"c1"}"#.into()),
            ]
        );
    }

    #[test]
    fn an_update_keeps_what_the_rule_does_and_its_action_uuids() {
        let rule: Rule = serde_json::from_value(json!({
            "id": "r1", "name": "Disk", "rule_type_id": ".index-threshold", "consumer": "stackAlerts",
            "enabled": true, "tags": ["prod"], "schedule": {"interval": "1m"}, "params": {"a": 1},
            "actions": [{"id": "c1", "group": "threshold met", "params": {"m": "x"}, "uuid": "u1",
                         "connector_type_id": ".slack", "use_alert_data_for_template": true}],
            "flapping": {"look_back_window": 4, "status_change_threshold": 4},
            "revision": 3, "created_at": "2026-01-01T00:00:00.000Z", "throttle": null
        }))
        .unwrap();
        let update = serde_json::to_value(UpdateRule::from(&rule)).unwrap();
        assert_eq!(
            update,
            json!({"name": "Disk", "tags": ["prod"], "schedule": {"interval": "1m"}, "params": {"a": 1},
                   "actions": [{"id": "c1", "group": "threshold met", "params": {"m": "x"}, "uuid": "u1",
                                "use_alert_data_for_template": true}],
                   "flapping": {"look_back_window": 4, "status_change_threshold": 4}})
        );
        assert_eq!(rule.groups_using("c1"), ["threshold met"]);
    }
}
