//! Replace in rules: point every rule action that runs connector A at connector B of the same
//! type, keeping each action's group, params, frequency and uuid.
//!
//! The work is the rules that still use A, so it can be rerun after an interruption: a rule
//! already changed no longer uses A and is not touched twice.

use serde::Serialize;

use super::Rules;
use crate::bulk::{ItemResult, Progress};
use crate::error::{Error, Result};
use crate::models::{Connector, Rule, UpdateRule};

/// What replacing A by B changes in one rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
pub struct RuleChange {
    /// The rule's id.
    pub rule_id: String,
    /// Its name.
    pub rule_name: String,
    /// The action groups of the actions that change, one per action, in the rule's order.
    pub groups: Vec<String>,
}

/// The changes replacing `from` by `to` makes in `rules` (rules without an action of `from`
/// are left out).
pub fn plan(rules: &[Rule], from: &str) -> Vec<RuleChange> {
    rules
        .iter()
        .filter_map(|r| {
            let groups: Vec<String> = r
                .actions_of(from)
                .map(|a| a.group.clone().unwrap_or_default())
                .collect();
            (!groups.is_empty()).then(|| RuleChange {
                rule_id: r.id.clone(),
                rule_name: r.name.clone(),
                groups,
            })
        })
        .collect()
}

/// The rule's update with every action of `from` running `to` instead.
pub fn replaced(rule: &Rule, from: &str, to: &str) -> UpdateRule {
    let mut update = UpdateRule::from(rule);
    for action in &mut update.actions {
        if action.id == from {
            action.id = to.to_string();
        }
    }
    update
}

/// Why `from` cannot be replaced by `to`.
///
/// # Errors
/// [`Error::InvalidConfig`] when they are the same connector or of different types.
pub fn check(from: &Connector, to: &Connector) -> Result<()> {
    if from.id == to.id {
        return Err(Error::InvalidConfig(format!(
            "the replacement must be another connector than {}",
            from.id
        )));
    }
    if from.connector_type_id != to.connector_type_id {
        return Err(Error::InvalidConfig(format!(
            "{} is a {} connector and {} a {} one: rule actions keep their params, so the replacement must be of the same type",
            from.id, from.connector_type_id, to.id, to.connector_type_id
        )));
    }
    Ok(())
}

impl Rules<'_> {
    /// What [`replace_connector`](Self::replace_connector) would change now: the rules of this
    /// space that use `from`, and which of their actions.
    ///
    /// # Errors
    /// As [`check`], and the errors of [`Rules::used_by`].
    pub async fn plan_replacement(
        &self,
        from: &Connector,
        to: &Connector,
    ) -> Result<Vec<RuleChange>> {
        check(from, to)?;
        Ok(plan(&self.used_by(from).await?, &from.id))
    }

    /// Points every action that runs `from` at `to`, one rule after another
    /// (`PUT /api/alerting/rule/{id}` each), reporting progress and one result per rule (the
    /// updated rule, or why it failed). Run it again after a failure or an interruption: it
    /// reads the rules that still use `from`, so it finishes the rest and changes nothing twice.
    ///
    /// # Errors
    /// As [`plan_replacement`](Self::plan_replacement); per-rule failures are in the results.
    pub async fn replace_connector(
        &self,
        from: &Connector,
        to: &Connector,
        on_progress: &dyn Fn(Progress),
    ) -> Result<Vec<ItemResult<Rule>>> {
        check(from, to)?;
        let rules = self.used_by(from).await?;
        let total = rules.len();
        on_progress(Progress { done: 0, total });
        let mut results = Vec::with_capacity(total);
        for (done, rule) in rules.iter().enumerate() {
            let outcome = self
                .update(&rule.id, &replaced(rule, &from.id, &to.id))
                .await;
            results.push(ItemResult {
                space_id: self.kb.space_id().to_string(),
                id: rule.id.clone(),
                outcome,
            });
            on_progress(Progress {
                done: done + 1,
                total,
            });
        }
        Ok(results)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rule() -> Rule {
        serde_json::from_value(
            json!({"id": "r1", "name": "Disk", "rule_type_id": ".index-threshold",
            "consumer": "stackAlerts", "schedule": {"interval": "1m"},
            "actions": [
                {"id": "old", "group": "threshold met", "params": {"message": "a"}, "uuid": "u1"},
                {"id": "other", "group": "threshold met", "params": {}, "uuid": "u2"},
                {"id": "old", "group": "recovered", "params": {"message": "b"}, "uuid": "u3"}
            ]}),
        )
        .unwrap()
    }

    fn connector(id: &str, type_id: &str) -> Connector {
        serde_json::from_value(json!({"id": id, "name": id, "connector_type_id": type_id})).unwrap()
    }

    #[test]
    fn the_plan_names_each_changed_action_group() {
        assert_eq!(
            plan(&[rule()], "old"),
            [RuleChange {
                rule_id: "r1".into(),
                rule_name: "Disk".into(),
                groups: vec!["threshold met".into(), "recovered".into()],
            }]
        );
        assert!(plan(&[rule()], "nobody").is_empty());
    }

    #[test]
    fn only_the_replaced_connector_changes_and_params_stay() {
        let update = serde_json::to_value(replaced(&rule(), "old", "new")).unwrap();
        assert_eq!(
            update["actions"],
            json!([
                {"id": "new", "group": "threshold met", "params": {"message": "a"}, "uuid": "u1"},
                {"id": "other", "group": "threshold met", "params": {}, "uuid": "u2"},
                {"id": "new", "group": "recovered", "params": {"message": "b"}, "uuid": "u3"}
            ])
        );
    }

    #[test]
    fn the_replacement_is_another_connector_of_the_same_type() {
        assert!(check(&connector("a", ".slack"), &connector("b", ".slack")).is_ok());
        assert!(matches!(
            check(&connector("a", ".slack"), &connector("a", ".slack")),
            Err(Error::InvalidConfig(_))
        ));
        assert!(matches!(
            check(&connector("a", ".slack"), &connector("b", ".email")),
            Err(Error::InvalidConfig(_))
        ));
    }
}
