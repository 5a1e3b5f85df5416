//! `GET /api/alerting/rules/_find`: the query schema (`find/external/schemas/v1.ts`), then the
//! saved-objects find over the space's rules: `filter_consumers`, `has_reference`, the KQL
//! `filter`, `search` over `search_fields` (`simple_query_string`), sorting and paging.

use serde_json::{Value, json};

use super::kql;
use super::rule::{attribute_of, to_wire};
use crate::error::{KbResult, KibanaError};
use crate::store::StoredRule;

/// The parsed query.
#[derive(Debug, Default)]
pub struct FindQuery {
    page: usize,
    per_page: usize,
    search: Option<String>,
    all_terms: bool,
    search_fields: Vec<String>,
    sort_field: Option<String>,
    descending: bool,
    has_reference: Option<(String, String)>,
    fields: Option<Vec<String>>,
    filter: Option<kql::Expr>,
    filter_consumers: Vec<String>,
}

/// Attributes Kibana refuses to search, sort or filter on (`validateUnsupportedFields`).
const UNSUPPORTED: &[&str] = &[
    "monitoring",
    "mapped_params",
    "snoozeSchedule",
    "activeSnoozes",
    "snoozedInstances",
];

fn bad(message: String) -> KibanaError {
    KibanaError::bad_request(message)
}

fn number(key: &str, text: &str, min: usize) -> KbResult<usize> {
    let n: f64 = text.parse().map_err(|_| {
        bad(format!(
            "[request query.{key}]: expected value of type [number] but got [string]"
        ))
    })?;
    if n < min as f64 {
        return Err(bad(format!(
            "[request query.{key}]: Value must be equal to or greater than [{min}]."
        )));
    }
    Ok(n as usize)
}

fn literal(key: &str, text: &str, options: &[&str]) -> KbResult<()> {
    if options.contains(&text) {
        return Ok(());
    }
    let lines: Vec<String> = options
        .iter()
        .enumerate()
        .map(|(i, o)| format!("- [request query.{key}.{i}]: expected value to equal [{o}]"))
        .collect();
    Err(bad(format!(
        "[request query.{key}]: types that failed validation:\n{}",
        lines.join("\n")
    )))
}

fn attribute_name(field: &str) -> &str {
    field.strip_prefix("alert.attributes.").unwrap_or(field)
}

fn first_segment(field: &str) -> &str {
    attribute_name(field).split('.').next().unwrap_or_default()
}

/// A list parameter: repeated keys, or one value holding a JSON array (config-schema's
/// `arrayOf` takes `fields=["tags"]`, as `group1/tests/alerting/find.ts` sends it).
fn list(value: &str) -> Vec<String> {
    match serde_json::from_str::<Vec<String>>(value) {
        Ok(items) if value.trim_start().starts_with('[') => items,
        _ => vec![value.to_string()],
    }
}

impl FindQuery {
    /// Parses and validates the query string (repeated keys give arrays).
    ///
    /// # Errors
    /// Kibana's 400 messages for unknown keys, bad numbers or literals, `has_reference` that is
    /// not a JSON object, a malformed or unsupported `filter`, and unsupported fields.
    pub fn parse(query: &[(String, String)]) -> KbResult<Self> {
        let mut q = FindQuery {
            page: 1,
            per_page: 10,
            ..FindQuery::default()
        };
        let mut fields = Vec::new();
        for (key, value) in query {
            match key.as_str() {
                "page" => q.page = number(key, value, 1)?,
                "per_page" => q.per_page = number(key, value, 0)?,
                "search" => q.search = Some(value.clone()),
                "default_search_operator" => {
                    literal(key, value, &["OR", "AND"])?;
                    q.all_terms = value == "AND";
                }
                "search_fields" => q.search_fields.extend(list(value)),
                "sort_field" => q.sort_field = Some(value.clone()),
                "sort_order" => {
                    literal(key, value, &["asc", "desc"])?;
                    q.descending = value == "desc";
                }
                "has_reference" => {
                    let parsed: Value = serde_json::from_str(value).map_err(|_| {
                        bad("[request query.has_reference]: could not parse object value from json input".into())
                    })?;
                    let (Some(t), Some(id)) = (parsed["type"].as_str(), parsed["id"].as_str())
                    else {
                        return Err(bad(
                            "[request query.has_reference.type]: expected value of type [string] but got [undefined]".into(),
                        ));
                    };
                    q.has_reference = Some((t.to_string(), id.to_string()));
                }
                "fields" => fields.extend(list(value)),
                "filter" => {
                    let expr =
                        kql::parse(value).map_err(|e| bad(format!("KQLSyntaxError: {e}")))?;
                    for field in kql::fields(&expr) {
                        if !field.starts_with("alert.attributes.") {
                            return Err(bad(format!(
                                "This key '{field}' need to be wrapped by a saved object type like alert: Bad Request"
                            )));
                        }
                        if UNSUPPORTED.contains(&first_segment(&field)) {
                            return Err(bad(format!(
                                "Filter is not supported on this field {}",
                                first_segment(&field)
                            )));
                        }
                    }
                    q.filter = Some(expr);
                }
                "filter_consumers" => q.filter_consumers.extend(list(value)),
                other => {
                    return Err(bad(format!(
                        "[request query.{other}]: definition for this key is missing"
                    )));
                }
            }
        }
        for f in &q.search_fields {
            if UNSUPPORTED.contains(&attribute_name(f)) {
                return Err(bad(format!("Search field {f} is not supported")));
            }
        }
        if let Some(f) = &q.sort_field
            && UNSUPPORTED.contains(&attribute_name(f))
        {
            return Err(bad(format!("Sort is not supported on this field {f}")));
        }
        if !fields.is_empty() {
            q.fields = Some(fields);
        }
        Ok(q)
    }

    fn keeps(&self, rule: &StoredRule) -> bool {
        let attrs = Value::Object(rule.attributes.clone());
        if !self.filter_consumers.is_empty()
            && !self
                .filter_consumers
                .iter()
                .any(|c| attrs["consumer"] == c.as_str())
        {
            return false;
        }
        if let Some((t, id)) = &self.has_reference
            && !rule
                .references
                .iter()
                .any(|r| r["type"] == t.as_str() && r["id"] == id.as_str())
        {
            return false;
        }
        if let Some(expr) = &self.filter
            && !kql::matches(expr, &attrs, "alert.attributes.")
        {
            return false;
        }
        match &self.search {
            Some(search) if !search.trim().is_empty() => self.searched(&attrs, search),
            _ => true,
        }
    }

    /// `simple_query_string` as far as names and tags need: each term matches a word of a
    /// searched field (a trailing `*` matches its prefix); any term (`OR`) or every one.
    fn searched(&self, attrs: &Value, search: &str) -> bool {
        let fields: Vec<&str> = if self.search_fields.is_empty() {
            vec!["name", "tags", "alertTypeId", "consumer"]
        } else {
            self.search_fields
                .iter()
                .map(|f| attribute_of(attribute_name(f)).unwrap_or(attribute_name(f)))
                .collect()
        };
        let values: Vec<String> = fields
            .iter()
            .flat_map(|f| match &attrs[*f] {
                Value::String(s) => vec![s.to_lowercase()],
                Value::Array(items) => items
                    .iter()
                    .filter_map(|i| i.as_str().map(str::to_lowercase))
                    .collect(),
                _ => Vec::new(),
            })
            .collect();
        let tokens = |text: &str| -> Vec<String> {
            text.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_owned)
                .collect()
        };
        let words: Vec<String> = values.iter().flat_map(|v| tokens(v)).collect();
        // A term matches a whole keyword value (`test.noop` in `alertTypeId`) or, analysed as
        // text, words of the value; a trailing `*` matches a prefix.
        let term_matches = |term: &str| {
            let term = term.to_lowercase();
            let (term, prefix) = match term.strip_suffix('*') {
                Some(t) => (t.to_string(), true),
                None => (term, false),
            };
            if values.iter().any(|v| {
                if prefix {
                    v.starts_with(&term)
                } else {
                    *v == term
                }
            }) {
                return true;
            }
            let parts = tokens(&term);
            !parts.is_empty()
                && parts.iter().enumerate().all(|(i, part)| {
                    let last = i == parts.len() - 1;
                    words.iter().any(|w| {
                        if prefix && last {
                            w.starts_with(part.as_str())
                        } else {
                            w == part
                        }
                    })
                })
        };
        let mut terms = search.split_whitespace().map(|t| t.trim_matches('"'));
        if self.all_terms {
            terms.all(term_matches)
        } else {
            terms.any(term_matches)
        }
    }

    /// Runs the query over a space's rules: `{page, per_page, total, data}`.
    pub fn run(&self, rules: Vec<StoredRule>) -> Value {
        let mut kept: Vec<StoredRule> = rules.into_iter().filter(|r| self.keeps(r)).collect();
        if let Some(field) = &self.sort_field {
            let attr = attribute_of(attribute_name(field))
                .unwrap_or(attribute_name(field))
                .to_string();
            kept.sort_by(|a, b| {
                let key = |r: &StoredRule| r.attributes.get(&attr).cloned().unwrap_or(Value::Null);
                compare(&key(a), &key(b))
            });
            if self.descending {
                kept.reverse();
            }
        }
        let total = kept.len();
        let fields: Option<Vec<&str>> = self
            .fields
            .as_ref()
            .map(|f| f.iter().map(String::as_str).collect());
        let data: Vec<Value> = kept
            .iter()
            .skip((self.page - 1).saturating_mul(self.per_page))
            .take(self.per_page)
            .map(|r| to_wire(r, fields.as_deref()))
            .collect();
        json!({"page": self.page, "per_page": self.per_page, "total": total, "data": data})
    }
}

fn compare(a: &Value, b: &Value) -> std::cmp::Ordering {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x
            .as_f64()
            .partial_cmp(&y.as_f64())
            .unwrap_or(std::cmp::Ordering::Equal),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        _ => a
            .as_str()
            .unwrap_or_default()
            .cmp(b.as_str().unwrap_or_default()),
    }
}
