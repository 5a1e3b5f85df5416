//! The Rules tab's query: Kibana's page size and search over names and tags
//! (`connector_rules_list.tsx`: 25 per page, "Search rules by name and tags").

use kibana_connectors::{Connector, FindRules, Rules};

/// Rules per page on the Rules tab (`DEFAULT_CONNECTOR_RULES_LIST_PAGE_SIZE`).
pub const RULES_PAGE_SIZE: u32 = 25;

/// The `_find` query for one page of the rules that use `connector`, searched by `term`: each
/// word matches the start of a word of the name or a tag.
pub fn rules_tab_query(connector: &Connector, term: &str, page: u32) -> FindRules {
    let mut q = Rules::query_for(connector);
    q.page = Some(page.max(1));
    q.per_page = Some(RULES_PAGE_SIZE);
    let words: Vec<String> = term
        .split_whitespace()
        .map(|w| {
            let w: String = w
                .chars()
                .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            format!("{w}*")
        })
        .filter(|w| w.len() > 1)
        .collect();
    if !words.is_empty() {
        q.search = Some(words.join(" "));
        q.default_search_operator = Some("AND".into());
        q.search_fields = vec!["name".into(), "tags".into()];
    }
    q
}

/// How many pages `total` rules fill (at least one).
pub fn pages(total: u64) -> u32 {
    (total.div_ceil(u64::from(RULES_PAGE_SIZE))).max(1) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn connector() -> Connector {
        serde_json::from_value(json!({"id": "c1", "name": "c", "connector_type_id": ".slack"}))
            .unwrap()
    }

    #[test]
    fn words_become_prefixes_all_of_which_must_match() {
        let q = rules_tab_query(&connector(), "  disk Pro\"d ", 2);
        assert_eq!(q.search.as_deref(), Some("disk* Prod*"));
        assert_eq!(q.default_search_operator.as_deref(), Some("AND"));
        assert_eq!(q.search_fields, ["name", "tags"]);
        assert_eq!((q.page, q.per_page), (Some(2), Some(25)));
        assert!(q.has_reference.is_some());
        let plain = rules_tab_query(&connector(), "  ", 0);
        assert_eq!((plain.search, plain.page), (None, Some(1)));
    }

    #[test]
    fn pages_round_up() {
        assert_eq!((pages(0), pages(25), pages(26)), (1, 1, 2));
    }
}
