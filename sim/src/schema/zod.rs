//! The same schemas checked as Kibana 9.3+ checks them: with zod, which reports every issue
//! (not only the first, as config-schema does) and words them its own way. Two formatters, as
//! in `actions/server/lib/validate_with_schema.ts`: `formatZodError` for `@kbn/zod` (v3,
//! `actions/server/lib/format_zod_error.ts @ 76136a3e`) and `z.prettifyError` for
//! `@kbn/zod/v4`.
//!
//! Messages are zod's own (v3 `ZodError` default error map, v4 `en` locale).

use serde_json::{Map, Value};

use super::{Field, Presence, Ty};
use crate::profile::Zod;

/// One step of an issue's path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    /// An object key.
    Key(String),
    /// An array index.
    Index(usize),
}

/// What went wrong, independent of the zod major that words it.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// A required key is missing.
    Required {
        /// zod's name of the expected type.
        expected: String,
        /// An enum's options (empty for other types).
        options: Vec<&'static str>,
    },
    /// The value has another type.
    InvalidType {
        /// zod's name of the expected type.
        expected: String,
        /// zod's name of what was given.
        received: &'static str,
        /// An enum's options (empty for other types).
        options: Vec<&'static str>,
    },
    /// A string shorter than its minimum.
    TooShort(usize),
    /// A string longer than its maximum.
    TooLong(usize),
    /// A number under its minimum.
    TooSmall(f64),
    /// A number over its maximum.
    TooBig(f64),
    /// An array with too many items.
    TooManyItems(usize),
    /// A string that is none of an enum's options.
    InvalidEnum {
        /// The options.
        options: Vec<&'static str>,
        /// What was given.
        received: String,
    },
    /// Not the one literal allowed.
    InvalidLiteral(&'static str),
    /// A discriminated union's key matched no option.
    InvalidDiscriminator(Vec<&'static str>),
    /// Keys a strict object does not define.
    Unrecognized(Vec<String>),
    /// A refinement's own message (`ctx.addIssue({code: custom, message})`).
    Custom(String),
}

/// A problem at a path.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    /// Where (empty: the value itself).
    pub path: Vec<Seg>,
    /// What.
    pub problem: Problem,
}

/// zod's `getParsedType` names.
fn parsed_type(v: Option<&Value>) -> &'static str {
    match v {
        None => "undefined",
        Some(Value::Null) => "null",
        Some(Value::Bool(_)) => "boolean",
        Some(Value::Number(_)) => "number",
        Some(Value::String(_)) => "string",
        Some(Value::Array(_)) => "array",
        Some(Value::Object(_)) => "object",
    }
}

fn expected_name(ty: &Ty) -> String {
    match ty {
        Ty::Str { .. } => "string".into(),
        Ty::Bool => "boolean".into(),
        Ty::Num { .. } => "number".into(),
        Ty::Literal(options) => options
            .iter()
            .map(|o| format!("'{o}'"))
            .collect::<Vec<_>>()
            .join(" | "),
        Ty::Equals(_) | Ty::Any => "string".into(),
        Ty::Obj(_) | Ty::Record | Ty::RecordOfStr => "object".into(),
        Ty::Arr(..) => "array".into(),
        Ty::Validated(inner, _) => expected_name(inner),
    }
}

/// Checks `value` against `ty`, collecting every issue; returns the value with defaults.
fn check(ty: &Ty, value: Option<&Value>, path: &[Seg], issues: &mut Vec<Issue>) -> Value {
    let mut issue = |problem| {
        issues.push(Issue {
            path: path.to_vec(),
            problem,
        });
    };
    let options = match ty {
        Ty::Literal(options) => options.to_vec(),
        _ => Vec::new(),
    };
    let mismatch = |issue: &mut dyn FnMut(Problem)| {
        issue(match value {
            None => Problem::Required {
                expected: expected_name(ty),
                options: options.clone(),
            },
            Some(v) => Problem::InvalidType {
                expected: expected_name(ty),
                received: parsed_type(Some(v)),
                options: options.clone(),
            },
        });
        Value::Null
    };
    match ty {
        Ty::Any => value.cloned().unwrap_or(Value::Null),
        Ty::Validated(inner, validator) => {
            let before = issues.len();
            let checked = check(inner, value, path, issues);
            if issues.len() > before {
                return checked;
            }
            match validator(checked) {
                Ok(v) => v,
                Err((_, message)) => {
                    issues.push(Issue {
                        path: path.to_vec(),
                        problem: Problem::Custom(message),
                    });
                    Value::Null
                }
            }
        }
        Ty::Str { min, max } => {
            let Some(Value::String(s)) = value else {
                return mismatch(&mut issue);
            };
            let len = s.chars().count();
            if let Some(min) = min.filter(|m| len < *m) {
                issue(Problem::TooShort(min));
            } else if let Some(max) = max.filter(|m| len > *m) {
                issue(Problem::TooLong(max));
            }
            Value::String(s.clone())
        }
        Ty::Bool => match value {
            Some(Value::Bool(b)) => Value::Bool(*b),
            _ => mismatch(&mut issue),
        },
        Ty::Num { min, max } => {
            let Some(Value::Number(n)) = value else {
                return mismatch(&mut issue);
            };
            let f = n.as_f64().unwrap_or(f64::NAN);
            if let Some(min) = min.filter(|m| f < *m) {
                issue(Problem::TooSmall(min));
            } else if let Some(max) = max.filter(|m| f > *m) {
                issue(Problem::TooBig(max));
            }
            Value::Number(n.clone())
        }
        Ty::Literal(options) => match value {
            Some(Value::String(s)) if options.contains(&s.as_str()) => Value::String(s.clone()),
            Some(Value::String(s)) => {
                issue(Problem::InvalidEnum {
                    options: options.to_vec(),
                    received: s.clone(),
                });
                Value::Null
            }
            _ => mismatch(&mut issue),
        },
        Ty::Equals(expected) => match value {
            Some(Value::String(s)) if s == expected => Value::String(s.clone()),
            None => mismatch(&mut issue),
            Some(_) => {
                issue(Problem::InvalidLiteral(expected));
                Value::Null
            }
        },
        Ty::Record | Ty::RecordOfStr => {
            let Some(Value::Object(map)) = value else {
                return mismatch(&mut issue);
            };
            if matches!(ty, Ty::RecordOfStr) {
                for (k, v) in map {
                    let mut at = path.to_vec();
                    at.push(Seg::Key(k.clone()));
                    check(&super::string(), Some(v), &at, issues);
                }
            }
            Value::Object(map.clone())
        }
        Ty::Arr(item, max) => {
            let Some(Value::Array(items)) = value else {
                return mismatch(&mut issue);
            };
            if let Some(max) = max.filter(|m| items.len() > *m) {
                issue(Problem::TooManyItems(max));
            }
            let checked = items
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    let mut at = path.to_vec();
                    at.push(Seg::Index(i));
                    check(item, Some(v), &at, issues)
                })
                .collect();
            Value::Array(checked)
        }
        Ty::Obj(fields) => {
            let Some(Value::Object(map)) = value else {
                return mismatch(&mut issue);
            };
            Value::Object(check_object_at(fields, map, path, issues))
        }
    }
}

/// A strict object: each field in schema order, then one issue naming every unknown key.
fn check_object_at(
    fields: &[Field],
    map: &Map<String, Value>,
    path: &[Seg],
    issues: &mut Vec<Issue>,
) -> Map<String, Value> {
    let mut out = Map::new();
    for field in fields {
        let mut at = path.to_vec();
        at.push(Seg::Key(field.name.to_string()));
        let given = map.get(field.name);
        match (&field.presence, given) {
            (Presence::Maybe | Presence::MaybeNullable, None) => {}
            (Presence::Nullable | Presence::MaybeNullable, Some(Value::Null)) => {
                out.insert(field.name.into(), Value::Null);
            }
            (Presence::Nullable, None) => {
                out.insert(field.name.into(), Value::Null);
            }
            (Presence::Default(d), None) => {
                out.insert(field.name.into(), d.clone());
            }
            (_, v) => {
                let checked = check(&field.ty, v, &at, issues);
                out.insert(field.name.into(), checked);
            }
        }
    }
    let unknown: Vec<String> = map
        .keys()
        .filter(|k| !fields.iter().any(|f| f.name == k.as_str()))
        .cloned()
        .collect();
    if !unknown.is_empty() {
        issues.push(Issue {
            path: path.to_vec(),
            problem: Problem::Unrecognized(unknown),
        });
    }
    out
}

/// Validates a strict object as zod does.
///
/// # Errors
/// Every issue, in the order zod finds them.
pub fn check_object(
    fields: &[Field],
    map: &Map<String, Value>,
) -> Result<Map<String, Value>, Vec<Issue>> {
    let mut issues = Vec::new();
    let out = check_object_at(fields, map, &[], &mut issues);
    if issues.is_empty() {
        Ok(out)
    } else {
        Err(issues)
    }
}

/// Validates `value` against one type as zod does.
///
/// # Errors
/// Every issue.
pub fn check_value(ty: &Ty, value: Option<&Value>) -> Result<Value, Vec<Issue>> {
    let mut issues = Vec::new();
    let out = check(ty, value, &[], &mut issues);
    if issues.is_empty() {
        Ok(out)
    } else {
        Err(issues)
    }
}

/// A `z.discriminatedUnion(key, [...])` over strict objects, each naming its `key` literal.
///
/// # Errors
/// The chosen option's issues, or one at `key` when none matches.
pub fn check_discriminated(
    key: &'static str,
    options: &[(&'static str, Vec<Field>)],
    map: &Map<String, Value>,
) -> Result<Map<String, Value>, Vec<Issue>> {
    let chosen = map.get(key).and_then(Value::as_str);
    match options.iter().find(|(name, _)| Some(*name) == chosen) {
        Some((_, fields)) => check_object(fields, map),
        None => Err(vec![Issue {
            path: vec![Seg::Key(key.into())],
            problem: Problem::InvalidDiscriminator(options.iter().map(|(n, _)| *n).collect()),
        }]),
    }
}

fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

impl Problem {
    /// zod v3's default message.
    fn v3(&self) -> String {
        match self {
            Problem::Required { .. } => "Required".into(),
            Problem::InvalidType {
                expected, received, ..
            } => format!("Expected {expected}, received {received}"),
            Problem::TooShort(n) => format!("String must contain at least {n} character(s)"),
            Problem::TooLong(n) => format!("String must contain at most {n} character(s)"),
            Problem::TooSmall(n) => {
                format!("Number must be greater than or equal to {}", number(*n))
            }
            Problem::TooBig(n) => format!("Number must be less than or equal to {}", number(*n)),
            Problem::TooManyItems(n) => format!("Array must contain at most {n} element(s)"),
            Problem::InvalidEnum { options, received } => format!(
                "Invalid enum value. Expected {}, received '{received}'",
                options
                    .iter()
                    .map(|o| format!("'{o}'"))
                    .collect::<Vec<_>>()
                    .join(" | ")
            ),
            Problem::InvalidLiteral(expected) => {
                format!("Invalid literal value, expected \"{expected}\"")
            }
            Problem::InvalidDiscriminator(options) => format!(
                "Invalid discriminator value. Expected {}",
                options
                    .iter()
                    .map(|o| format!("'{o}'"))
                    .collect::<Vec<_>>()
                    .join(" | ")
            ),
            Problem::Custom(message) => message.clone(),
            Problem::Unrecognized(keys) => format!(
                "Unrecognized key(s) in object: {}",
                keys.iter()
                    .map(|k| format!("'{k}'"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    /// zod v4's `en` locale message.
    fn v4(&self) -> String {
        let quoted = |options: &[&str]| {
            options
                .iter()
                .map(|o| format!("\"{o}\""))
                .collect::<Vec<_>>()
                .join("|")
        };
        match self {
            Problem::Required { options, .. } | Problem::InvalidType { options, .. }
                if !options.is_empty() =>
            {
                format!("Invalid option: expected one of {}", quoted(options))
            }
            Problem::Required { expected, .. } => {
                format!("Invalid input: expected {expected}, received undefined")
            }
            Problem::InvalidType {
                expected, received, ..
            } => format!("Invalid input: expected {expected}, received {received}"),
            Problem::TooShort(n) => format!("Too small: expected string to have >={n} characters"),
            Problem::TooLong(n) => format!("Too big: expected string to have <={n} characters"),
            Problem::TooSmall(n) => format!("Too small: expected number to be >={}", number(*n)),
            Problem::TooBig(n) => format!("Too big: expected number to be <={}", number(*n)),
            Problem::TooManyItems(n) => format!("Too big: expected array to have <={n} items"),
            Problem::InvalidEnum { options, .. } => {
                format!("Invalid option: expected one of {}", quoted(options))
            }
            Problem::InvalidLiteral(expected) => format!("Invalid input: expected \"{expected}\""),
            Problem::InvalidDiscriminator(_) => "Invalid input".into(),
            Problem::Custom(message) => message.clone(),
            Problem::Unrecognized(keys) => format!(
                "Unrecognized key{}: {}",
                if keys.len() > 1 { "s" } else { "" },
                keys.iter()
                    .map(|k| format!("\"{k}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

/// A tree of messages by path, in the order zod's `error.format()` builds it.
#[derive(Debug, Default)]
struct Node {
    errors: Vec<String>,
    children: Vec<(String, Node)>,
}

impl Node {
    fn child(&mut self, key: String) -> &mut Node {
        let at = match self.children.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                self.children.push((key, Node::default()));
                self.children.len() - 1
            }
        };
        &mut self.children[at].1
    }

    /// `getErrors` of `format_zod_error.ts`: a field with messages is reported as a whole,
    /// a field without them is descended into.
    fn collect(&self, prefix: &str, out: &mut Vec<String>) {
        for (key, node) in &self.children {
            let path = if prefix.is_empty() {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            if node.errors.is_empty() {
                node.collect(&path, out);
            } else {
                out.push(format!("Field \"{path}\": {}", node.errors.join(", ")));
            }
        }
    }
}

/// Kibana's `formatZodError`: one message, or `N errors:\n [1]: ...;\n [2]: ...` with at most
/// five listed and `and N more`.
fn format_v3(issues: &[Issue]) -> String {
    let mut root = Node::default();
    for issue in issues {
        let mut node = &mut root;
        for seg in &issue.path {
            let key = match seg {
                Seg::Key(k) => k.clone(),
                Seg::Index(i) => i.to_string(),
            };
            node = node.child(key);
        }
        node.errors.push(issue.problem.v3());
    }
    let mut messages = root.errors.clone();
    root.collect("", &mut messages);
    let total = messages.len();
    if total > 5 {
        messages.truncate(5);
        messages.push(format!("and {} more", total - 5));
    }
    if total == 1 {
        return messages.join("; ");
    }
    let listed: Vec<String> = messages
        .iter()
        .enumerate()
        .map(|(i, m)| format!("[{}]: {m}", i + 1))
        .collect();
    format!("{total} errors:\n {}", listed.join(";\n "))
}

/// zod v4's `toDotPath`.
fn dot_path(path: &[Seg]) -> String {
    let identifier = |k: &str| {
        let mut chars = k.chars();
        chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
    };
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
            Seg::Key(k) if identifier(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Key(k) => out.push_str(&format!("[\"{k}\"]")),
        }
    }
    out
}

/// zod v4's `prettifyError`: issues by path length, `✖ message` and `  → at path`.
fn format_v4(issues: &[Issue]) -> String {
    let mut sorted: Vec<&Issue> = issues.iter().collect();
    sorted.sort_by_key(|i| i.path.len());
    let mut lines = Vec::new();
    for issue in sorted {
        lines.push(format!("✖ {}", issue.problem.v4()));
        if !issue.path.is_empty() {
            lines.push(format!("  → at {}", dot_path(&issue.path)));
        }
    }
    lines.join("\n")
}

/// The message Kibana builds from a zod error of the given major.
pub fn format(issues: &[Issue], zod: Zod) -> String {
    match zod {
        Zod::V3 => format_v3(issues),
        Zod::V4 => format_v4(issues),
    }
}
