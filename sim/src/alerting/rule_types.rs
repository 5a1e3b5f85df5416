//! The rule types the sim registers: a few of Kibana's stack rule types and the fixture types
//! of its alerting API tests (`common/plugins/alerts/server/rule_types.ts`), with their
//! action groups and, where Kibana's tests rely on them, their params schemas.

use serde_json::{Value, json};

use crate::schema::{Field, Ty, maybe, req, string};

/// A registered rule type.
#[derive(Debug, Clone)]
pub struct RuleType {
    /// Id, e.g. `.index-threshold`.
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    /// The feature that registers it (the default consumer).
    pub producer: &'static str,
    /// Action groups (id, name), the recovery group last.
    pub action_groups: &'static [(&'static str, &'static str)],
    /// The group alerts fire in.
    pub default_action_group: &'static str,
    /// Kibana's `category` (`management` for stack types, `kibana` for fixtures).
    pub category: &'static str,
    /// The params schema (config-schema); `None` takes any params object.
    pub params: Option<Vec<Field>>,
    /// Params only some callers may set (`test.validation`'s `param2`): Kibana's rule-type
    /// params authorization answers 403 `Not authorized to set <param>`.
    pub restricted_params: &'static [&'static str],
}

/// The recovery group every rule type has (`RecoveredActionGroup`).
pub const RECOVERED: (&str, &str) = ("recovered", "Recovered");

impl RuleType {
    /// Whether `group` is one of the type's action groups.
    pub fn has_group(&self, group: &str) -> bool {
        self.action_groups.iter().any(|(id, _)| *id == group)
    }

    /// The wire form `GET /api/alerting/rule_types` answers (`rule_types.ts` route transform:
    /// snake_case keys; the authorized consumers are the ones the caller may use).
    pub fn to_wire(&self, consumers: &[&str], privilege_all: bool) -> Value {
        let authorized: serde_json::Map<String, Value> = consumers
            .iter()
            .map(|c| (c.to_string(), json!({"read": true, "all": privilege_all})))
            .collect();
        json!({
            "id": self.id,
            "name": self.name,
            "action_groups": self.action_groups.iter().map(|(id, name)| json!({"id": id, "name": name})).collect::<Vec<_>>(),
            "default_action_group_id": self.default_action_group,
            "recovery_action_group": {"id": RECOVERED.0, "name": RECOVERED.1},
            "action_variables": {"context": [], "state": [], "params": []},
            "minimum_license_required": "basic",
            "enabled_in_license": true,
            "is_exportable": true,
            "producer": self.producer,
            "category": self.category,
            "rule_task_timeout": "5m",
            "does_set_recovery_context": false,
            "has_alerts_mappings": false,
            "has_fields_for_a_a_d": false,
            "authorized_consumers": authorized,
        })
    }
}

/// The consumers a rule may name (the features that register alerting privileges, plus the
/// fixture plugin's); any other consumer is unauthorized for everyone, as in Kibana
/// (`group1/tests/alerting/create.ts`: 'when consumer is unknown').
pub const CONSUMERS: &[&str] = &[
    "alerts",
    "stackAlerts",
    "infrastructure",
    "logs",
    "apm",
    "uptime",
    "slo",
    "siem",
    "observability",
    "discover",
    "ml",
    "alertsFixture",
];

/// The registered rule types, in registration order; the fixture types only with `fixtures`.
pub fn rule_types(fixtures: bool) -> Vec<RuleType> {
    let mut types = vec![
        RuleType {
            id: ".index-threshold",
            name: "Index threshold",
            producer: "stackAlerts",
            action_groups: &[("threshold met", "Threshold met"), RECOVERED],
            default_action_group: "threshold met",
            category: "management",
            // `stack_alerts/server/rule_types/index_threshold/rule_type_params.ts`, the keys a
            // rule must give (the others are optional there too).
            params: Some(vec![
                req("index", Ty::Any),
                req("timeField", string()),
                maybe("aggType", string()),
                maybe("aggField", string()),
                maybe("groupBy", string()),
                maybe("termField", string()),
                maybe(
                    "termSize",
                    Ty::Num {
                        min: Some(1.0),
                        max: None,
                    },
                ),
                req(
                    "timeWindowSize",
                    Ty::Num {
                        min: Some(1.0),
                        max: None,
                    },
                ),
                req("timeWindowUnit", string()),
                req(
                    "thresholdComparator",
                    Ty::Literal(&[">", "<", ">=", "<=", "between", "notBetween"]),
                ),
                req(
                    "threshold",
                    Ty::Arr(
                        Box::new(Ty::Num {
                            min: None,
                            max: None,
                        }),
                        Some(2),
                    ),
                ),
                maybe("filterKuery", string()),
            ]),
            restricted_params: &[],
        },
        RuleType {
            id: ".es-query",
            name: "Elasticsearch query",
            producer: "stackAlerts",
            action_groups: &[("query matched", "Query matched"), RECOVERED],
            default_action_group: "query matched",
            category: "management",
            params: None,
            restricted_params: &[],
        },
    ];
    if !fixtures {
        return types;
    }
    types.extend([
        RuleType {
            id: "test.noop",
            name: "Test: Noop",
            producer: "alertsFixture",
            action_groups: &[("default", "Default"), RECOVERED],
            default_action_group: "default",
            category: "kibana",
            params: None,
            restricted_params: &[],
        },
        RuleType {
            id: "test.validation",
            name: "Test: Validation",
            producer: "alertsFixture",
            action_groups: &[("default", "Default"), RECOVERED],
            default_action_group: "default",
            category: "kibana",
            params: Some(vec![req("param1", string()), maybe("param2", Ty::Any)]),
            restricted_params: &["param2"],
        },
    ]);
    types
}

/// A registered rule type by id.
pub fn find(id: &str, fixtures: bool) -> Option<RuleType> {
    rule_types(fixtures).into_iter().find(|t| t.id == id)
}
