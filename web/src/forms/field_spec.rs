//! What one form field is: its key, label, editor, whether it is required or secret, its
//! default; and how the text typed into it becomes JSON.

use serde_json::Value;

use super::connection::FieldError;

use FieldKind::{Bool, Const, Json, List, Number, Select, Url};

/// How a field is edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Free text.
    Text,
    /// An http(s) URL.
    Url,
    /// A secret string (password input).
    Password,
    /// A whole number.
    Number,
    /// true/false.
    Bool,
    /// One of these values.
    Select(&'static [&'static str]),
    /// A JSON value (object or array).
    Json,
    /// Several lines of free text.
    Multiline,
    /// Comma-separated strings, sent as a JSON array.
    List,
    /// A fixed value (the spec's default), not shown.
    Const,
}

/// One form field, bound to a config or secrets key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// Kibana's key.
    pub key: &'static str,
    /// Label shown to people.
    pub label: &'static str,
    /// Editor.
    pub kind: FieldKind,
    /// Must be filled.
    pub required: bool,
    /// Goes to `secrets` (never returned by Kibana) rather than `config`.
    pub secret: bool,
    /// Initial value for a new connector.
    pub default: &'static str,
}

/// A field spec, positionally (the tables read as one line per field).
pub const fn f(
    key: &'static str,
    label: &'static str,
    kind: FieldKind,
    required: bool,
    secret: bool,
    default: &'static str,
) -> FieldSpec {
    FieldSpec {
        key,
        label,
        kind,
        required,
        secret,
        default,
    }
}

fn err(field: &'static str, message: impl Into<String>) -> FieldError {
    FieldError {
        field,
        message: message.into(),
    }
}

impl FieldSpec {
    /// The JSON value of what was typed: None for an empty optional field, or what is wrong.
    ///
    /// # Errors
    /// A message naming the field when the text does not fit its kind.
    pub fn parse(&self, raw: &str) -> Result<Option<Value>, FieldError> {
        let raw = if self.kind == Const {
            self.default
        } else {
            raw.trim()
        };
        let label = self.label;
        if raw.is_empty() {
            return if self.required {
                Err(err(self.key, format!("{label} is required.")))
            } else {
                Ok(None)
            };
        }
        let value = match self.kind {
            Bool => Value::Bool(raw == "true"),
            Number => raw
                .parse::<u64>()
                .map(Value::from)
                .map_err(|_| err(self.key, format!("{label} must be a whole number.")))?,
            Url if !(raw.starts_with("http://") || raw.starts_with("https://")) => {
                return Err(err(
                    self.key,
                    format!("{label} must start with http:// or https://."),
                ));
            }
            Json => serde_json::from_str::<Value>(raw)
                .map_err(|e| err(self.key, format!("{label} is not valid JSON: {e}.")))?,
            Select(options) if !options.contains(&raw) => {
                return Err(err(
                    self.key,
                    format!("Choose one of: {}.", options.join(", ")),
                ));
            }
            List => {
                let items: Vec<Value> = raw
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| Value::String(s.to_string()))
                    .collect();
                if items.is_empty() && self.required {
                    return Err(err(self.key, format!("{label} is required.")));
                }
                Value::Array(items)
            }
            _ => Value::String(raw.to_string()),
        };
        Ok(Some(value))
    }
}
