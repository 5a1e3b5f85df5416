//! The table's query: sorting, filters, search, paging, and the index a keystroke uses.

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

#[test]
fn search_never_matches_across_two_fields() {
    // "alpha" + "a" (its id) would read "alphaa" without the separator.
    let q = TableQuery {
        search: "alphaa".into(),
        ..Default::default()
    };
    assert_eq!(ids(&q.apply(&sample(), &names())), Vec::<&str>::new());
    let q = TableQuery {
        search: "pha".into(),
        ..Default::default()
    };
    assert_eq!(ids(&q.apply(&sample(), &names())), ["a"]);
}

#[test]
fn an_index_serves_every_keystroke_and_keep_narrows_rows_and_counts() {
    let all = sample();
    let index = TableIndex::new(&all, &names(), SortKey::Name);
    assert_eq!(index.sort(), SortKey::Name);
    let mut q = TableQuery::default();
    for search in ["", "l", "lo", "log", "logs", "DEFAULT"] {
        q.search = search.into();
        assert_eq!(
            q.apply_indexed(&all, &index, &names(), |_| true),
            q.apply(&all, &names()),
            "{search}"
        );
    }
    q.search.clear();
    q.descending = true;
    let view = q.apply_indexed(&all, &index, &names(), |r| {
        r.connector.connector_type_id == ".index"
    });
    assert_eq!(ids(&view), ["d", "a"]);
    assert_eq!(view.type_counts.len(), 1);
}
