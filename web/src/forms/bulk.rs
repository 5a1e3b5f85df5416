//! Deleting one or many connectors: the question to ask first and the per-item outcome.

use kibana_connectors::Connector;

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
