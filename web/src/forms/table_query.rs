//! The connectors table's view: search, type filter with counts, sorting and paging, as one
//! plain function over the full list, so it is tested natively and stays fast at 10,000 rows
//! (only one page of rows is cloned and rendered).

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

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

/// A loaded list, shared: the list's memos (index, filters, page) each read it on every
/// keystroke, and a signal's `get` of a plain `Vec` would copy 10,000 rows for each of them.
pub type Rows = Arc<Vec<Row>>;

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

/// Separates a row's fields in its search text, so a search never matches across two fields.
const FIELD_SEPARATOR: char = '\u{1}';

/// What a keystroke needs precomputed, built once per list (and sort column) instead of once
/// per keystroke: every row's lowercase search text, and the rows' order by the sort column.
/// With it a search is one substring scan per row and no sort (10,000 rows in a frame).
#[derive(Debug, Clone, PartialEq)]
pub struct TableIndex {
    /// Per row: name, id, type id, type name, space and deployment, lowercase.
    haystacks: Vec<String>,
    /// Row positions in ascending order of `sort`.
    order: Vec<usize>,
    /// The column `order` follows.
    sort: SortKey,
}

impl TableIndex {
    /// Indexes `all` for sorting by `sort`.
    pub fn new(all: &[Row], type_names: &HashMap<String, String>, sort: SortKey) -> Self {
        let haystacks = all
            .iter()
            .map(|r| {
                let c = &r.connector;
                let mut text = String::with_capacity(
                    c.name.len() + c.id.len() + 2 * c.connector_type_id.len() + 48,
                );
                for field in [
                    c.name.as_str(),
                    c.id.as_str(),
                    c.connector_type_id.as_str(),
                    type_name(type_names, &c.connector_type_id),
                    r.space_id.as_str(),
                    r.deployment.as_str(),
                ] {
                    text.extend(field.chars().flat_map(char::to_lowercase));
                    text.push(FIELD_SEPARATOR);
                }
                text
            })
            .collect();
        let mut order: Vec<usize> = (0..all.len()).collect();
        let name_key = |r: &Row| (r.connector.name.to_lowercase(), r.connector.id.clone());
        match sort {
            SortKey::Name => order.sort_by_cached_key(|&i| name_key(&all[i])),
            SortKey::Type => order.sort_by_cached_key(|&i| {
                let r = &all[i];
                (
                    type_name(type_names, &r.connector.connector_type_id).to_lowercase(),
                    name_key(r),
                )
            }),
            SortKey::Id => order.sort_by(|&a, &b| all[a].connector.id.cmp(&all[b].connector.id)),
            SortKey::Space => {
                order.sort_by_cached_key(|&i| (all[i].space_id.clone(), name_key(&all[i])))
            }
            SortKey::Deployment => order.sort_by_cached_key(|&i| {
                let r = &all[i];
                (r.deployment.clone(), r.space_id.clone(), name_key(r))
            }),
            SortKey::InUse => order.sort_by_cached_key(|&i| {
                let r = &all[i];
                (
                    Reverse(r.connector.referenced_by_count.unwrap_or(0)),
                    name_key(r),
                )
            }),
        }
        TableIndex {
            haystacks,
            order,
            sort,
        }
    }

    /// The column this index sorts by.
    pub fn sort(&self) -> SortKey {
        self.sort
    }
}

impl TableQuery {
    /// Filters, counts, sorts and pages `all`. `type_names` maps type ids to display names.
    /// Type counts follow the search and space filter, not the type filter.
    pub fn apply(&self, all: &[Row], type_names: &HashMap<String, String>) -> TableView {
        let index = TableIndex::new(all, type_names, self.sort);
        self.apply_indexed(all, &index, type_names, |_| true)
    }

    /// [`TableQuery::apply`] over an index of `all` built for this query's sort column,
    /// keeping only the rows `keep` accepts (the console's feature filter). Only the page's
    /// rows are cloned.
    pub fn apply_indexed(
        &self,
        all: &[Row],
        index: &TableIndex,
        type_names: &HashMap<String, String>,
        keep: impl Fn(&Row) -> bool,
    ) -> TableView {
        debug_assert_eq!(index.haystacks.len(), all.len(), "an index of another list");
        let needle = self.search.trim().to_lowercase();
        let matches_search = |i: usize| {
            needle.is_empty()
                || (!needle.contains(FIELD_SEPARATOR) && index.haystacks[i].contains(&needle))
        };
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        let mut hits: Vec<usize> = Vec::new();
        for &i in &index.order {
            let r = &all[i];
            if !(self.space_filter.is_empty() || r.space_id == self.space_filter)
                || !(self.deployment_filter.is_empty() || r.deployment == self.deployment_filter)
                || !matches_search(i)
                || !keep(r)
            {
                continue;
            }
            let type_id = r.connector.connector_type_id.as_str();
            *counts.entry(type_id).or_default() += 1;
            if self.type_filter.is_empty() || type_id == self.type_filter {
                hits.push(i);
            }
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
            .map(|&i| all[i].clone())
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
mod tests;
