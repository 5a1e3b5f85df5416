//! What the connectors list's filters offer, from the rows loaded: the features their types
//! support, the spaces and the (deployment, space) pairs they are in.
//!
//! Each runs over every row at every batch the inventory shows, so rows are only borrowed:
//! the distinct values are collected first and owned once (a few dozen) rather than cloned
//! per row and deduplicated after.

use std::collections::{BTreeSet, HashMap};

use super::features::feature_label;
use super::table_query::Row;
use super::type_catalog::TypeInfo;

/// The feature ids the rows' types support, by label (the Compatibility filter).
pub fn feature_options(all: &[Row], info: &HashMap<String, TypeInfo>) -> Vec<String> {
    let mut ids: Vec<String> = distinct(all.iter().map(|r| r.connector.connector_type_id.as_str()))
        .iter()
        .filter_map(|type_id| info.get(*type_id))
        .flat_map(|t| t.features.iter().cloned())
        .collect();
    ids.sort_by(|a, b| {
        feature_label(a)
            .cmp(feature_label(b))
            .then_with(|| a.cmp(b))
    });
    ids.dedup();
    ids
}

/// The space ids of the rows, sorted (the Space filter).
pub fn spaces(all: &[Row]) -> Vec<String> {
    distinct(all.iter().map(|r| r.space_id.as_str()))
        .into_iter()
        .map(str::to_string)
        .collect()
}

/// The (deployment, space) pairs of the rows, sorted: where the rules to count are read.
pub fn deployment_spaces(all: &[Row]) -> Vec<(String, String)> {
    distinct(
        all.iter()
            .map(|r| (r.deployment.as_str(), r.space_id.as_str())),
    )
    .into_iter()
    .map(|(d, s)| (d.to_string(), s.to_string()))
    .collect()
}

/// The distinct values of `values`, in order; a run of equal values (rows arrive grouped by
/// space) costs one comparison each.
fn distinct<T: Ord + Copy>(values: impl Iterator<Item = T>) -> BTreeSet<T> {
    let mut out = BTreeSet::new();
    let mut last = None;
    for v in values {
        if last != Some(v) {
            out.insert(v);
            last = Some(v);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(deployment: &str, space: &str, type_id: &str) -> Row {
        let connector = serde_json::from_value(serde_json::json!({
            "id": format!("{space}-{type_id}"), "name": "c", "connector_type_id": type_id,
        }))
        .unwrap();
        Row {
            deployment: deployment.into(),
            space_id: space.into(),
            connector,
        }
    }

    fn info(features: &[&str]) -> TypeInfo {
        TypeInfo {
            name: String::new(),
            features: features.iter().map(|f| f.to_string()).collect(),
            deprecated: false,
            preview: false,
            description: String::new(),
            license: String::new(),
            unavailable: None,
        }
    }

    #[test]
    fn distinct_values_come_sorted_once_each_whatever_the_runs() {
        let got = distinct(["b", "b", "a", "c", "a", "b"].into_iter());
        assert_eq!(got.into_iter().collect::<Vec<_>>(), ["a", "b", "c"]);
        assert!(distinct(std::iter::empty::<&str>()).is_empty());
    }

    #[test]
    fn options_follow_the_rows() {
        let rows = [
            row("prod", "b", ".index"),
            row("prod", "b", ".slack"),
            row("prod", "a", ".index"),
            row("dev", "b", ".unknown"),
        ];
        assert_eq!(spaces(&rows), ["a", "b"]);
        let pairs = deployment_spaces(&rows);
        assert_eq!(
            pairs,
            [
                ("dev".into(), "b".into()),
                ("prod".into(), "a".into()),
                ("prod".into(), "b".into())
            ]
        );
        let types = HashMap::from([
            (".index".to_string(), info(&["alerting", "siem"])),
            (".slack".to_string(), info(&["alerting", "cases"])),
        ]);
        // By label (Alerting, Cases, Security), each once; an unknown type adds none.
        assert_eq!(
            feature_options(&rows, &types),
            ["alerting", "cases", "siem"]
        );
        assert!(feature_options(&[], &types).is_empty());
    }
}
