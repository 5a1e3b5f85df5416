//! Work on many connectors: the question to ask before deleting, the per-item outcome, and
//! the grouping by deployment (each deployment's connectors go through its own client).

use kibana_connectors::bulk::ItemResult;
use kibana_connectors::{Connector, ExecuteResult, ExecuteStatus};

/// Items grouped by the deployment they belong to, deployments in first-seen order, items in
/// their order.
pub fn by_deployment<T>(items: impl IntoIterator<Item = (String, T)>) -> Vec<(String, Vec<T>)> {
    let mut groups: Vec<(String, Vec<T>)> = Vec::new();
    for (deployment, item) in items {
        match groups.iter_mut().find(|(d, _)| *d == deployment) {
            Some((_, list)) => list.push(item),
            None => groups.push((deployment, vec![item])),
        }
    }
    groups
}

/// The outcome of one run of a bulk run: `ran: ok`, or the run's error with the service's
/// message. `place` is what the results show for where it ran (a space, or deployment and
/// space).
pub fn run_outcome(r: ItemResult<ExecuteResult>, name: String, place: String) -> ItemOutcome {
    let (detail, error) = match r.outcome {
        Ok(res) if res.status == ExecuteStatus::Ok => ("ran: ok".to_string(), None),
        Ok(res) => (
            String::new(),
            Some(format!(
                "ran: error: {}{}",
                res.message.unwrap_or_default(),
                res.service_message
                    .map(|m| format!(" ({m})"))
                    .unwrap_or_default()
            )),
        ),
        Err(e) => (String::new(), Some(e.to_string())),
    };
    ItemOutcome {
        space_id: place,
        id: r.id,
        name,
        detail,
        error,
    }
}

/// The confirmation question for deleting `list`, with a warning when rules or cases use any.
pub fn delete_question(list: &[Connector]) -> String {
    let in_use: u64 = list
        .iter()
        .map(|c| c.referenced_by_count.unwrap_or(0))
        .sum();
    let users = list
        .iter()
        .filter(|c| c.referenced_by_count.unwrap_or(0) > 0)
        .count();
    let what = match list {
        [one] => format!("the connector \"{}\" ({})", one.name, one.id),
        many => format!("{} connectors", many.len()),
    };
    let warning = match (in_use, users) {
        (0, _) => String::new(),
        (n, 1) if list.len() == 1 => {
            format!("\n\nIt is in use by {n} rules or cases, which will stop working.")
        }
        (n, u) => format!(
            "\n\n{u} of them are in use by {n} rules or cases in all, which will stop working."
        ),
    };
    format!("Delete {what}? This cannot be undone.{warning}")
}

/// What happened to one connector of a bulk action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemOutcome {
    /// The space.
    pub space_id: String,
    /// Connector id.
    pub id: String,
    /// Connector name.
    pub name: String,
    /// What happened, when it worked (e.g. "deleted", "ran: ok").
    pub detail: String,
    /// Kibana's error, when it failed.
    pub error: Option<String>,
}

/// "Deleted 3 of 4; 1 failed." for the results panel.
pub fn summary(verb: &str, outcomes: &[ItemOutcome]) -> String {
    let failed = outcomes.iter().filter(|o| o.error.is_some()).count();
    let done = outcomes.len() - failed;
    if failed == 0 {
        format!("{verb} {done} of {}.", outcomes.len())
    } else {
        format!("{verb} {done} of {}; {failed} failed.", outcomes.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_keep_first_seen_order() {
        let groups = by_deployment([
            ("b".to_string(), 1),
            ("a".to_string(), 2),
            ("b".to_string(), 3),
        ]);
        assert_eq!(
            groups,
            [("b".to_string(), vec![1, 3]), ("a".to_string(), vec![2])]
        );
    }
    use serde_json::json;

    fn c(id: &str, used: u64) -> Connector {
        serde_json::from_value(json!({"id": id, "name": id.to_uppercase(),
            "connector_type_id": ".index", "referenced_by_count": used}))
        .unwrap()
    }

    #[test]
    fn one_connector_is_named_and_its_use_is_warned() {
        assert_eq!(
            delete_question(&[c("a", 2)]),
            "Delete the connector \"A\" (a)? This cannot be undone.\n\nIt is in use by 2 rules or cases, which will stop working."
        );
        assert!(!delete_question(&[c("a", 0)]).contains("in use"));
    }

    #[test]
    fn many_connectors_are_counted_with_the_total_use() {
        let q = delete_question(&[c("a", 2), c("b", 0), c("d", 1)]);
        assert!(q.starts_with("Delete 3 connectors?"), "{q}");
        assert!(
            q.contains("2 of them are in use by 3 rules or cases"),
            "{q}"
        );
    }

    #[test]
    fn summaries_count_failures() {
        let ok = |id: &str| ItemOutcome {
            space_id: "default".into(),
            id: id.into(),
            name: id.into(),
            detail: "deleted".into(),
            error: None,
        };
        let mut list = vec![ok("a"), ok("b")];
        assert_eq!(summary("Deleted", &list), "Deleted 2 of 2.");
        list.push(ItemOutcome {
            error: Some("not found".into()),
            ..ok("c")
        });
        assert_eq!(summary("Deleted", &list), "Deleted 2 of 3; 1 failed.");
    }
}
