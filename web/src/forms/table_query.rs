//! The connectors table's view: search, type filter with counts, sorting and paging, as one
//! plain function over the full list, so it is tested natively and stays fast at 10,000 rows
//! (only one page of rows is cloned and rendered).

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};

use kibana_connectors::Connector;

/// Rows per page.
pub const PAGE_SIZE: usize = 50;

/// The column the table is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// Display name, case-insensitive.
    #[default]
    Name,
    /// Type display name.
    Type,
    /// Connector id.
    Id,
    /// Space id (the cross-space view).
    Space,
    /// Deployment name (the cross-deployment view).
    Deployment,
    /// How many rules and cases use it.
    InUse,
}

/// A connector with the deployment and space it was listed in.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The deployment's name.
    pub deployment: String,
    /// The space id.
    pub space_id: String,
    /// The connector.
    pub connector: Connector,
}

impl Row {
    /// The rows of one space's list in a deployment.
    pub fn all_in(deployment: &str, space_id: &str, list: Vec<Connector>) -> Vec<Row> {
        list.into_iter()
            .map(|connector| Row {
                deployment: deployment.to_string(),
                space_id: space_id.to_string(),
                connector,
            })
            .collect()
    }

    /// What tells this row apart from every other (the same id may be in several
    /// deployments): `deployment/space/id`.
    pub fn key(&self) -> String {
        row_key(&self.deployment, &self.space_id, &self.connector.id)
    }
}

/// [`Row::key`] from its parts.
pub fn row_key(deployment: &str, space_id: &str, id: &str) -> String {
    format!("{deployment}/{space_id}/{id}")
}

/// What the user asked to see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableQuery {
    /// Free text matched against name, type (id and display name) and id.
    pub search: String,
    /// Only this type id; empty for all.
    pub type_filter: String,
    /// Only this space; empty for all (the cross-space view).
    pub space_filter: String,
    /// Only this deployment; empty for all (the cross-deployment view).
    pub deployment_filter: String,
    /// Sort column.
    pub sort: SortKey,
    /// Sort direction.
    pub descending: bool,
    /// Zero-based page.
    pub page: usize,
    /// Rows per page.
    pub page_size: usize,
}

impl Default for TableQuery {
    fn default() -> Self {
        TableQuery {
            search: String::new(),
            type_filter: String::new(),
            space_filter: String::new(),
            deployment_filter: String::new(),
            sort: SortKey::Name,
            descending: false,
            page: 0,
            page_size: PAGE_SIZE,
        }
    }
}

/// One type in the filter, with how many search matches it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeCount {
    /// Type id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Matching connectors of this type.
    pub count: usize,
}

/// What the table shows.
#[derive(Debug, Clone, PartialEq)]
pub struct TableView {
    /// The rows of the current page.
    pub rows: Vec<Row>,
    /// Rows matching search and type filter.
    pub matching: usize,
    /// The page shown (clamped to the last page).
    pub page: usize,
    /// Number of pages (at least 1).
    pub pages: usize,
    /// Types among the search matches, by display name.
    pub type_counts: Vec<TypeCount>,
}

impl TableView {
    /// "41–50 of 1,234", for the pager.
    pub fn range_label(&self, page_size: usize) -> String {
        if self.matching == 0 {
            return "0 of 0".into();
        }
        let first = self.page * page_size + 1;
        let last = first + self.rows.len() - 1;
        format!("{first}–{last} of {}", self.matching)
    }
}

/// The display name of a type id, or the id itself when the type list does not know it.
pub fn type_name<'a>(names: &'a HashMap<String, String>, id: &'a str) -> &'a str {
    names.get(id).map_or(id, String::as_str)
}

impl TableQuery {
    /// Filters, counts, sorts and pages `all`. `type_names` maps type ids to display names.
    /// Type counts follow the search and space filter, not the type filter.
    pub fn apply(&self, all: &[Row], type_names: &HashMap<String, String>) -> TableView {
        let needle = self.search.trim().to_lowercase();
        let matches_search = |r: &Row| {
            let c = &r.connector;
            needle.is_empty()
                || c.name.to_lowercase().contains(&needle)
                || c.id.to_lowercase().contains(&needle)
                || c.connector_type_id.to_lowercase().contains(&needle)
                || r.space_id.contains(&needle)
                || r.deployment.contains(&needle)
                || type_name(type_names, &c.connector_type_id)
                    .to_lowercase()
                    .contains(&needle)
        };
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        let mut hits: Vec<&Row> = Vec::new();
        for r in all.iter().filter(|r| {
            (self.space_filter.is_empty() || r.space_id == self.space_filter)
                && (self.deployment_filter.is_empty() || r.deployment == self.deployment_filter)
                && matches_search(r)
        }) {
            let type_id = r.connector.connector_type_id.as_str();
            *counts.entry(type_id).or_default() += 1;
            if self.type_filter.is_empty() || type_id == self.type_filter {
                hits.push(r);
            }
        }
        let name_key = |r: &Row| (r.connector.name.to_lowercase(), r.connector.id.clone());
        match self.sort {
            SortKey::Name => hits.sort_by_cached_key(|r| name_key(r)),
            SortKey::Type => hits.sort_by_cached_key(|r| {
                (
                    type_name(type_names, &r.connector.connector_type_id).to_lowercase(),
                    name_key(r),
                )
            }),
            SortKey::Id => hits.sort_by(|a, b| a.connector.id.cmp(&b.connector.id)),
            SortKey::Space => hits.sort_by_cached_key(|r| (r.space_id.clone(), name_key(r))),
            SortKey::Deployment => {
                hits.sort_by_cached_key(|r| (r.deployment.clone(), r.space_id.clone(), name_key(r)))
            }
            SortKey::InUse => hits.sort_by_cached_key(|r| {
                (
                    Reverse(r.connector.referenced_by_count.unwrap_or(0)),
                    name_key(r),
                )
            }),
        }
        if self.descending {
            hits.reverse();
        }
        let page_size = self.page_size.max(1);
        let pages = hits.len().div_ceil(page_size).max(1);
        let page = self.page.min(pages - 1);
        let rows = hits
            .iter()
            .skip(page * page_size)
            .take(page_size)
            .map(|r| (*r).clone())
            .collect();
        let mut type_counts: Vec<TypeCount> = counts
            .into_iter()
            .map(|(id, count)| TypeCount {
                id: id.to_string(),
                name: type_name(type_names, id).to_string(),
                count,
            })
            .collect();
        type_counts.sort_by_key(|t| t.name.to_lowercase());
        TableView {
            rows,
            matching: hits.len(),
            page,
            pages,
            type_counts,
        }
    }

    /// Clicking a column header: sort by it, or flip the direction when it already is.
    pub fn toggle_sort(&mut self, key: SortKey) {
        if self.sort == key {
            self.descending = !self.descending;
        } else {
            self.sort = key;
            self.descending = false;
        }
        self.page = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn connector(id: &str, name: &str, type_id: &str, used: u64) -> Connector {
        serde_json::from_value(json!({"id": id, "name": name, "connector_type_id": type_id,
            "referenced_by_count": used, "is_preconfigured": false}))
        .unwrap()
    }

    fn names() -> HashMap<String, String> {
        [
            (".index", "Index"),
            (".server-log", "Server log"),
            (".slack", "Slack"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
    }

    fn sample() -> Vec<Row> {
        let mut rows = Row::all_in(
            "kibana",
            "default",
            vec![
                connector("c", "charlie", ".slack", 0),
                connector("a", "Alpha", ".index", 3),
                connector("b", "bravo", ".server-log", 1),
            ],
        );
        rows.extend(Row::all_in(
            "kibana",
            "ops",
            vec![connector("d", "Delta logs", ".index", 0)],
        ));
        rows
    }

    fn ids(view: &TableView) -> Vec<&str> {
        view.rows.iter().map(|r| r.connector.id.as_str()).collect()
    }

    #[test]
    fn sorts_by_name_case_insensitively_and_flips() {
        let mut q = TableQuery::default();
        assert_eq!(ids(&q.apply(&sample(), &names())), ["a", "b", "c", "d"]);
        q.toggle_sort(SortKey::Name);
        assert_eq!(ids(&q.apply(&sample(), &names())), ["d", "c", "b", "a"]);
        q.toggle_sort(SortKey::InUse);
        assert_eq!(ids(&q.apply(&sample(), &names())), ["a", "b", "c", "d"]);
        q.toggle_sort(SortKey::Type);
        assert_eq!(ids(&q.apply(&sample(), &names())), ["a", "d", "b", "c"]);
        q.toggle_sort(SortKey::Space);
        assert_eq!(ids(&q.apply(&sample(), &names())), ["a", "b", "c", "d"]);
    }

    #[test]
    fn the_same_id_in_two_deployments_is_two_rows_and_the_filter_keeps_one() {
        let mut all = sample();
        all.extend(Row::all_in(
            "production",
            "default",
            vec![connector("a", "Alpha", ".index", 0)],
        ));
        let keys: Vec<String> = all
            .iter()
            .filter(|r| r.connector.id == "a")
            .map(Row::key)
            .collect();
        assert_eq!(keys, ["kibana/default/a", "production/default/a"]);
        let only = TableQuery {
            deployment_filter: "production".into(),
            ..Default::default()
        };
        let view = only.apply(&all, &names());
        assert_eq!(
            view.rows.iter().map(Row::key).collect::<Vec<_>>(),
            ["production/default/a"]
        );
        let mut sorted = TableQuery::default();
        sorted.toggle_sort(SortKey::Deployment);
        let first = sorted.apply(&all, &names()).rows[0].deployment.clone();
        assert_eq!(first, "kibana");
    }

    #[test]
    fn the_space_filter_narrows_rows_and_counts_and_search_matches_spaces() {
        let q = TableQuery {
            space_filter: "ops".into(),
            ..Default::default()
        };
        let view = q.apply(&sample(), &names());
        assert_eq!((ids(&view), view.type_counts.len()), (vec!["d"], 1));
        let q = TableQuery {
            search: "ops".into(),
            ..Default::default()
        };
        assert_eq!(ids(&q.apply(&sample(), &names())), ["d"]);
    }

    #[test]
    fn search_matches_type_display_names_and_counts_types_before_the_type_filter() {
        let q = TableQuery {
            search: "LOG".into(),
            type_filter: ".index".into(),
            ..Default::default()
        };
        let view = q.apply(&sample(), &names());
        // "Delta logs" by name, "bravo" by its type's name "Server log".
        assert_eq!(ids(&view), ["d"]);
        let counts: Vec<(&str, usize)> = view
            .type_counts
            .iter()
            .map(|t| (t.name.as_str(), t.count))
            .collect();
        assert_eq!(counts, [("Index", 1), ("Server log", 1)]);
    }

    #[test]
    fn pages_are_clamped_and_labelled() {
        let all = Row::all_in(
            "kibana",
            "default",
            (0..120)
                .map(|n| connector(&format!("id-{n:03}"), &format!("n{n:03}"), ".index", 0))
                .collect(),
        );
        let q = TableQuery {
            page: 9,
            ..Default::default()
        };
        let view = q.apply(&all, &names());
        assert_eq!((view.page, view.pages, view.rows.len()), (2, 3, 20));
        assert_eq!(view.range_label(PAGE_SIZE), "101–120 of 120");
        let empty = TableQuery {
            search: "zzz".into(),
            ..Default::default()
        }
        .apply(&all, &names());
        assert_eq!(
            (empty.pages, empty.range_label(PAGE_SIZE).as_str()),
            (1, "0 of 0")
        );
    }

    #[test]
    fn unknown_types_show_their_id() {
        let view = TableQuery::default().apply(
            &Row::all_in("kibana", "default", vec![connector("x", "X", ".gen-ai", 0)]),
            &names(),
        );
        assert_eq!(view.type_counts[0].name, ".gen-ai");
    }
}
