//! The connectors table's rows as one HTML string, set as the `<tbody>`'s `innerHTML`.
//!
//! A page of 50 rows is about 1,500 elements. Built node by node through Leptos, each
//! element, attribute, text and listener is its own call from wasm into the DOM (and its own
//! reactive state to build and drop), about 0.25 ms a row on the bench machine: most of a
//! keystroke's frame and of the console's start. One string parsed by the browser is one
//! call. The rows' behaviour stays in `connector_table.rs`: one delegated listener per event
//! on the `<tbody>` (the buttons and checkboxes carry `data-action`, rows their `data-key`),
//! and effects that keep the checkboxes and the in-use badges in step with their signals.
//!
//! Everything that comes from Kibana or the user (names, ids, space and deployment names) is
//! escaped for text and for double-quoted attributes by [`escape`]; no value is ever written
//! unquoted or into a script, style or URL scheme position.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use super::copy_button::copy_label;
use crate::forms::features::feature_label;
use crate::forms::table_query::{Row, type_name};
use crate::forms::type_catalog::TypeInfo;
use crate::routes;

/// What every row reads besides its connector.
pub struct RowContext<'a> {
    /// Type display names by id.
    pub type_names: &'a HashMap<String, String>,
    /// Features and badges by type id.
    pub type_info: &'a HashMap<String, TypeInfo>,
    /// The Space column (the cross-space view).
    pub show_space: bool,
    /// The Deployment column (the cross-deployment view).
    pub show_deployment: bool,
    /// Rows ticked for bulk actions, by [`Row::key`].
    pub selected: &'a HashSet<String>,
    /// How many rules use each connector, by [`Row::key`], once known.
    pub rule_counts: Option<&'a HashMap<String, usize>>,
}

/// Appends `text` to `out`, safe as element text and inside a double-quoted attribute.
pub fn escape(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// The in-use badge's markup: the rules counted (when known) or what else Kibana counts
/// (`referenced_by_count`: rules, cases, ...); empty when nothing uses the connector.
pub fn in_use_badge(rules: Option<usize>, in_use: u64) -> String {
    match rules {
        Some(0) if in_use == 0 => String::new(),
        Some(0) => format!(
            r#"<span class="badge" data-testid="in-use" data-rules="0">in use by {in_use}</span>"#
        ),
        Some(n) => format!(
            r#"<span class="badge" data-testid="in-use" data-rules="{n}">used by {n} rule{}</span>"#,
            if n == 1 { "" } else { "s" }
        ),
        None if in_use > 0 => {
            format!(r#"<span class="badge" data-testid="in-use">in use by {in_use}</span>"#)
        }
        None => String::new(),
    }
}

/// The rows of one page, in order.
pub fn rows_html(rows: &[Row], cx: &RowContext<'_>) -> String {
    let mut out = String::with_capacity(rows.len() * 1200);
    for row in rows {
        row_html(&mut out, row, cx);
    }
    out
}

/// Appends one row: selection, name (a link to the connector), type, id with copy, badges,
/// features and the row's actions, as the table's header orders them.
fn row_html(out: &mut String, row: &Row, cx: &RowContext<'_>) {
    let c = &row.connector;
    let key = row.key();
    let href = routes::connector(&row.deployment, &row.space_id, &c.id);
    let info = cx.type_info.get(&c.connector_type_id);
    let attr = |out: &mut String, name: &str, value: &str| {
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        escape(out, value);
        out.push('"');
    };

    out.push_str(r#"<tr data-testid="connector-row""#);
    attr(out, "data-id", &c.id);
    attr(out, "data-space", &row.space_id);
    attr(out, "data-deployment", &row.deployment);
    attr(out, "data-key", &key);
    out.push_str(r#"><td class="select">"#);
    if !c.is_preconfigured {
        out.push_str(r#"<input type="checkbox" data-testid="select" data-action="select""#);
        attr(out, "aria-label", &format!("Select {}", c.name));
        if cx.selected.contains(&key) {
            out.push_str(" checked");
        }
        out.push('>');
    }
    out.push_str(r#"</td><td class="name"><a data-testid="connector-link""#);
    attr(out, "href", &href);
    out.push('>');
    escape(out, &c.name);
    out.push_str("</a></td>");
    if cx.show_deployment {
        out.push_str(r#"<td class="deployment" data-testid="deployment-cell">"#);
        escape(out, &row.deployment);
        out.push_str("</td>");
    }
    if cx.show_space {
        out.push_str(r#"<td class="space"><code>"#);
        escape(out, &row.space_id);
        out.push_str("</code></td>");
    }
    out.push_str(r#"<td class="type">"#);
    escape(out, type_name(cx.type_names, &c.connector_type_id));
    out.push_str(r#" <code class="muted">"#);
    escape(out, &c.connector_type_id);
    out.push_str(r#"</code></td><td class="id"><code>"#);
    escape(out, &c.id);
    out.push_str(r#"</code> <button type="button" class="copy" data-testid="copy-id" data-action="copy" aria-label="Copy id" title="Copy id""#);
    attr(out, "data-copy", &c.id);
    out.push('>');
    out.push_str(copy_label(None));
    out.push_str(r#"</button></td><td class="badges">"#);
    if c.is_preconfigured {
        out.push_str(r#"<span class="badge">preconfigured</span>"#);
    }
    if c.is_deprecated {
        out.push_str(r#"<span class="badge warn">deprecated</span>"#);
    }
    // The type's own state, as Kibana badges it (the connector's `is_deprecated` is about
    // this connector, e.g. ServiceNow's table API; this is about its type).
    let type_deprecated = c.is_connector_type_deprecated || info.is_some_and(|t| t.deprecated);
    if type_deprecated && !c.is_deprecated {
        out.push_str(r#"<span class="badge warn" data-testid="badge-type-deprecated">deprecated type</span>"#);
    }
    if info.is_some_and(|t| t.preview) {
        out.push_str(r#"<span class="badge" data-testid="badge-preview">technical preview</span>"#);
    }
    if c.is_missing_secrets == Some(true) {
        out.push_str(r#"<span class="badge warn">missing secrets</span>"#);
    }
    let in_use = c.referenced_by_count.unwrap_or(0);
    let rules = cx
        .rule_counts
        .map(|counts| counts.get(&key).copied().unwrap_or(0));
    let _ = write!(out, r#"<span class="in-use" data-in-use="{in_use}">"#);
    out.push_str(&in_use_badge(rules, in_use));
    out.push_str(r#"</span></td><td class="features">"#);
    for feature in info.map(|t| t.features.as_slice()).unwrap_or_default() {
        out.push_str(r#"<span class="badge" data-testid="feature">"#);
        escape(out, feature_label(feature));
        out.push_str("</span>");
    }
    out.push_str(r#"</td><td class="row-actions">"#);
    // Kibana never returns secrets: a connector that lost them is fixed by entering them
    // again in the edit form.
    if c.is_missing_secrets == Some(true) && !c.is_preconfigured {
        out.push_str(r#"<a class="small" data-testid="fix""#);
        attr(out, "href", &format!("{href}?tab=edit&fix=secrets"));
        out.push_str(">Fix</a> ");
    }
    out.push_str(r#"<a class="small" data-testid="test-link""#);
    attr(out, "href", &format!("{href}?tab=test"));
    out.push_str(">Test</a> ");
    if !c.is_preconfigured {
        out.push_str(r#"<button type="button" class="danger" data-testid="delete" data-action="delete">Delete</button>"#);
    }
    out.push_str("</td></tr>");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, name: &str) -> Row {
        let connector: kibana_connectors::Connector = serde_json::from_value(serde_json::json!({
            "id": id, "name": name, "connector_type_id": ".webhook", "is_preconfigured": false,
            "is_deprecated": false, "is_system_action": false, "referenced_by_count": 2,
        }))
        .unwrap();
        Row {
            deployment: "staging".into(),
            space_id: "default".into(),
            connector,
        }
    }

    fn html(
        rows: &[Row],
        selected: &HashSet<String>,
        counts: Option<&HashMap<String, usize>>,
    ) -> String {
        let names = HashMap::from([(".webhook".to_string(), "Webhook".to_string())]);
        let info = HashMap::new();
        rows_html(
            rows,
            &RowContext {
                type_names: &names,
                type_info: &info,
                show_space: true,
                show_deployment: false,
                selected,
                rule_counts: counts,
            },
        )
    }

    #[test]
    fn text_and_attributes_from_kibana_are_escaped() {
        let evil = row("x\"><script>", "<img src=x onerror=alert(1)> & 'q'");
        let out = html(&[evil], &HashSet::new(), None);
        assert!(!out.contains("<img"), "{out}");
        assert!(!out.contains("<script"), "{out}");
        assert!(
            out.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &#39;q&#39;"),
            "{out}"
        );
        assert!(
            out.contains(r#"data-id="x&quot;&gt;&lt;script&gt;""#),
            "{out}"
        );
        // The link's id is percent-encoded (routes::connector), so nothing is left to escape.
        assert!(
            out.contains(r#"href="/d/staging/s/default/connectors/x%22%3E%3Cscript%3E""#),
            "{out}"
        );
    }

    #[test]
    fn rows_carry_key_selection_and_the_columns_asked_for() {
        let rows = [row("a", "Alpha"), row("b", "Beta")];
        let selected = HashSet::from([rows[1].key()]);
        let out = html(&rows, &selected, None);
        assert_eq!(out.matches("<tr ").count(), 2);
        assert!(out.contains(r#"data-key="staging/default/a""#));
        assert_eq!(out.matches(" checked>").count(), 1);
        assert!(out.contains(r#"aria-label="Select Beta" checked>"#));
        assert!(out.contains(r#"<td class="space"><code>default</code></td>"#));
        assert!(!out.contains("deployment-cell"));
        assert!(
            out.contains(r#"<td class="type">Webhook <code class="muted">.webhook</code></td>"#)
        );
        assert!(out.contains(r#"data-action="delete""#) && out.contains(r#"data-copy="a""#));
    }

    #[test]
    fn the_in_use_badge_follows_rule_counts_once_known() {
        let rows = [row("a", "Alpha")];
        // Before the rules are counted: what Kibana counts.
        assert!(html(&rows, &HashSet::new(), None).contains(">in use by 2</span>"));
        let counts = HashMap::from([(rows[0].key(), 1)]);
        assert!(
            html(&rows, &HashSet::new(), Some(&counts))
                .contains(r#"data-rules="1">used by 1 rule</span>"#)
        );
        assert_eq!(in_use_badge(Some(0), 0), "");
        assert_eq!(in_use_badge(None, 0), "");
        assert!(in_use_badge(Some(3), 0).contains("used by 3 rules"));
        assert!(in_use_badge(Some(0), 4).contains(r#"data-rules="0">in use by 4"#));
    }
}
