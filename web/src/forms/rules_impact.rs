//! What deleting or moving connectors does to the alerting rules that use them: the rules
//! that would lose an action, in words a confirmation can show, and the rules count a list
//! shows for each connector.

use std::collections::HashMap;

use kibana_connectors::{Connector, Rule};

/// The rules of one connector, or why they could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct ConnectorRules {
    /// The space the connector (and so its rules) is in.
    pub space_id: String,
    /// The connector.
    pub connector: Connector,
    /// Its rules, or the reason they could not be read (a 403 on rules, a network failure).
    pub rules: Result<Vec<Rule>, String>,
}

/// The rules a change would break, over one or many connectors.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Impact {
    /// Per connector.
    pub connectors: Vec<ConnectorRules>,
}

/// One rule that would lose an action, for the list a confirmation shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AffectedRule {
    /// The rule's space.
    pub space_id: String,
    /// The rule's id.
    pub id: String,
    /// The rule's name.
    pub name: String,
    /// The connector it would lose.
    pub connector_name: String,
    /// The action groups that use the connector.
    pub groups: Vec<String>,
}

impl Impact {
    /// Every rule that would lose an action, in connector order.
    pub fn affected(&self) -> Vec<AffectedRule> {
        self.connectors
            .iter()
            .flat_map(|c| {
                c.rules.iter().flatten().map(|r| AffectedRule {
                    space_id: c.space_id.clone(),
                    id: r.id.clone(),
                    name: r.name.clone(),
                    connector_name: c.connector.name.clone(),
                    groups: r.groups_using(&c.connector.id),
                })
            })
            .collect()
    }

    /// The connectors whose rules could not be read, with why.
    pub fn unreadable(&self) -> Vec<(String, String)> {
        self.connectors
            .iter()
            .filter_map(|c| {
                c.rules
                    .as_ref()
                    .err()
                    .map(|e| (c.connector.name.clone(), e.clone()))
            })
            .collect()
    }

    /// Whether the change can go ahead without asking beyond the usual question: no rule
    /// uses the connectors, and every connector's rules could be read.
    pub fn is_clear(&self) -> bool {
        self.affected().is_empty() && self.unreadable().is_empty()
    }

    /// How many distinct rules would lose an action.
    pub fn rule_count(&self) -> usize {
        let mut seen: Vec<(String, String)> = self
            .affected()
            .into_iter()
            .map(|r| (r.space_id, r.id))
            .collect();
        seen.sort();
        seen.dedup();
        seen.len()
    }

    fn single(&self) -> bool {
        self.connectors.len() == 1
    }

    /// The explicit delete button, naming what breaks.
    pub fn delete_button(&self) -> String {
        match (self.rule_count(), self.single()) {
            (0, _) => "Delete anyway".into(),
            (1, true) => "Delete, and leave 1 rule without this action".into(),
            (1, false) => "Delete, and leave 1 rule without these actions".into(),
            (n, _) => format!("Delete, and leave {n} rules without their actions"),
        }
    }

    /// The explicit move button, naming what breaks (a rule cannot use a connector of
    /// another space).
    pub fn move_button(&self) -> String {
        match self.rule_count() {
            0 => "Move anyway".into(),
            1 => "Move anyway, and leave 1 rule without this action".into(),
            n => format!("Move anyway, and leave {n} rules without their actions"),
        }
    }

    /// The heading of the warning; `verb` is "deleting" or "moving".
    pub fn headline(&self, verb: &str) -> String {
        let used = self
            .connectors
            .iter()
            .filter(|c| c.rules.as_ref().is_ok_and(|r| !r.is_empty()))
            .count();
        match (self.rule_count(), self.single()) {
            (0, _) => format!("The rules that use this cannot be read: {verb} it may break some."),
            (1, true) => {
                format!("1 rule uses this connector; {verb} it removes that rule's action.")
            }
            (n, true) => format!("{n} rules use this connector; {verb} it removes their actions."),
            (1, false) => {
                format!("1 rule uses {used} of these connectors; {verb} them removes its actions.")
            }
            (n, false) => format!(
                "{n} rules use {used} of these connectors; {verb} them removes their actions."
            ),
        }
    }
}

/// How many rules use each connector, from every rule of a space (one paged read instead of
/// one query per connector).
pub fn rules_per_connector(rules: &[Rule]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for rule in rules {
        let mut seen: Vec<&str> = Vec::new();
        for action in &rule.actions {
            if !seen.contains(&action.id.as_str()) {
                seen.push(&action.id);
                *counts.entry(action.id.clone()).or_insert(0) += 1;
            }
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn connector(id: &str) -> Connector {
        serde_json::from_value(
            json!({"id": id, "name": id.to_uppercase(), "connector_type_id": ".slack"}),
        )
        .unwrap()
    }

    fn rule(id: &str, actions: serde_json::Value) -> Rule {
        serde_json::from_value(json!({"id": id, "name": format!("rule {id}"), "actions": actions}))
            .unwrap()
    }

    #[test]
    fn affected_rules_name_the_groups_that_lose_the_connector() {
        let impact = Impact {
            connectors: vec![ConnectorRules {
                space_id: "ops".into(),
                connector: connector("a"),
                rules: Ok(vec![rule(
                    "r1",
                    json!([
                        {"id": "a", "group": "threshold met", "params": {}},
                        {"id": "a", "group": "recovered", "params": {}},
                        {"id": "b", "group": "threshold met", "params": {}}
                    ]),
                )]),
            }],
        };
        let affected = impact.affected();
        assert_eq!(affected.len(), 1);
        assert_eq!(affected[0].groups, ["threshold met", "recovered"]);
        assert!(!impact.is_clear());
        assert_eq!(
            impact.delete_button(),
            "Delete, and leave 1 rule without this action"
        );
        assert_eq!(
            impact.headline("deleting"),
            "1 rule uses this connector; deleting it removes that rule's action."
        );
    }

    #[test]
    fn unreadable_rules_are_not_clear() {
        let impact = Impact {
            connectors: vec![
                ConnectorRules {
                    space_id: "default".into(),
                    connector: connector("a"),
                    rules: Err("Unauthorized to find rules for any rule types.".into()),
                },
                ConnectorRules {
                    space_id: "default".into(),
                    connector: connector("b"),
                    rules: Ok(vec![]),
                },
            ],
        };
        assert!(impact.affected().is_empty());
        assert_eq!(impact.unreadable().len(), 1);
        assert_eq!(
            impact.headline("moving"),
            "The rules that use this cannot be read: moving it may break some."
        );
        assert!(!impact.is_clear());
        let clear = Impact {
            connectors: vec![impact.connectors[1].clone()],
        };
        assert!(clear.is_clear());
    }

    #[test]
    fn several_connectors_are_counted() {
        let impact = Impact {
            connectors: ["a", "b"]
                .iter()
                .map(|id| ConnectorRules {
                    space_id: "default".into(),
                    connector: connector(id),
                    rules: Ok(vec![
                        rule(
                            &format!("{id}1"),
                            json!([{"id": id, "group": "g", "params": {}}]),
                        ),
                        rule(
                            &format!("{id}2"),
                            json!([{"id": id, "group": "g", "params": {}}]),
                        ),
                    ]),
                })
                .collect(),
        };
        assert_eq!(
            impact.headline("deleting"),
            "4 rules use 2 of these connectors; deleting them removes their actions."
        );
        assert_eq!(
            impact.delete_button(),
            "Delete, and leave 4 rules without their actions"
        );
    }

    #[test]
    fn counts_count_rules_not_actions() {
        let rules = vec![
            rule(
                "r1",
                json!([{"id": "a", "group": "g", "params": {}}, {"id": "a", "group": "h", "params": {}}]),
            ),
            rule(
                "r2",
                json!([{"id": "a", "group": "g", "params": {}}, {"id": "b", "group": "g", "params": {}}]),
            ),
        ];
        let counts = rules_per_connector(&rules);
        assert_eq!((counts["a"], counts["b"]), (2, 1));
    }
}

#[cfg(test)]
mod more_tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn one_rule_over_two_connectors_is_one_rule() {
        let rule: Rule = serde_json::from_value(json!({"id": "r", "name": "R", "actions": [
            {"id": "a", "group": "g", "params": {}}, {"id": "b", "group": "g", "params": {}}]}))
        .unwrap();
        let of = |id: &str| ConnectorRules {
            space_id: "default".into(),
            connector: serde_json::from_value(
                json!({"id": id, "name": id, "connector_type_id": ".slack"}),
            )
            .unwrap(),
            rules: Ok(vec![rule.clone()]),
        };
        let impact = Impact {
            connectors: vec![of("a"), of("b")],
        };
        assert_eq!(impact.rule_count(), 1);
        assert_eq!(
            impact.affected().len(),
            2,
            "listed once per connector it loses"
        );
        assert_eq!(
            impact.headline("deleting"),
            "1 rule uses 2 of these connectors; deleting them removes its actions."
        );
        assert_eq!(
            impact.delete_button(),
            "Delete, and leave 1 rule without these actions"
        );
        assert_eq!(
            impact.move_button(),
            "Move anyway, and leave 1 rule without this action"
        );
    }
}
