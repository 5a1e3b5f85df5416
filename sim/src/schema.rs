//! A small re-implementation of `@kbn/config-schema`, enough to give Kibana's validation
//! messages word for word (`[index]: expected value of type [string] but got [number]`).
//!
//! Objects are strict (unknown keys give `definition for this key is missing`), defaults are
//! filled in, `nullable` fields default to `null` and `maybe` fields stay absent, as in Kibana.

use serde_json::{Map, Value};

pub mod zod;

/// A value type.
#[derive(Debug, Clone)]
pub enum Ty {
    /// `schema.string({minLength, maxLength})`.
    Str {
        /// Minimum length in characters.
        min: Option<usize>,
        /// Maximum length in characters.
        max: Option<usize>,
    },
    /// `schema.boolean()`.
    Bool,
    /// `schema.number({min, max})`.
    Num {
        /// Smallest allowed value.
        min: Option<f64>,
        /// Largest allowed value.
        max: Option<f64>,
    },
    /// `schema.oneOf([schema.literal(..), ..])`.
    Literal(&'static [&'static str]),
    /// `schema.literal(..)`.
    Equals(&'static str),
    /// `schema.object({...})`, strict.
    Obj(Vec<Field>),
    /// `schema.recordOf(schema.string(), schema.any())`.
    Record,
    /// `schema.recordOf(schema.string(), schema.string())`.
    RecordOfStr,
    /// `schema.arrayOf(ty, {maxSize})`.
    Arr(Box<Ty>, Option<usize>),
    /// `schema.any()`.
    Any,
    /// A type with config-schema's `validate` option (zod's `superRefine`): after the type's
    /// own check, the validator may reject the value, with a message at a sub-path such as
    /// `key("summary")`, or return it coerced (a record sent as a JSON string).
    Validated(Box<Ty>, Validator),
}

/// A custom check: the value (coerced as it should be kept), or where under the value and why
/// it fails.
pub type Validator = fn(Value) -> Result<Value, (Option<String>, String)>;

/// Whether and how a key may be absent.
#[derive(Debug, Clone)]
pub enum Presence {
    /// Must be present.
    Required,
    /// `schema.maybe`: may be absent, stays absent.
    Maybe,
    /// `schema.nullable`: absent means `null`, and `null` is accepted.
    Nullable,
    /// `schema.maybe(schema.nullable(..))`: may be absent (stays absent) or `null`.
    MaybeNullable,
    /// Absent means this value.
    Default(Value),
}

/// One key of an object schema.
#[derive(Debug, Clone)]
pub struct Field {
    /// The key.
    pub name: &'static str,
    /// Its type.
    pub ty: Ty,
    /// Its presence rule.
    pub presence: Presence,
}

/// Shorthands for schema building.
pub fn req(name: &'static str, ty: Ty) -> Field {
    Field {
        name,
        ty,
        presence: Presence::Required,
    }
}
/// `schema.maybe(ty)`.
pub fn maybe(name: &'static str, ty: Ty) -> Field {
    Field {
        name,
        ty,
        presence: Presence::Maybe,
    }
}
/// `schema.nullable(ty)`.
pub fn nullable(name: &'static str, ty: Ty) -> Field {
    Field {
        name,
        ty,
        presence: Presence::Nullable,
    }
}
/// `schema.maybe(schema.nullable(ty))`.
pub fn maybe_null(name: &'static str, ty: Ty) -> Field {
    Field {
        name,
        ty,
        presence: Presence::MaybeNullable,
    }
}
/// `ty` with a default.
pub fn default(name: &'static str, ty: Ty, value: Value) -> Field {
    Field {
        name,
        ty,
        presence: Presence::Default(value),
    }
}
/// `schema.string()`.
pub fn string() -> Ty {
    Ty::Str {
        min: None,
        max: None,
    }
}
/// `schema.number()` (`z.coerce.number()`), unbounded.
pub fn number() -> Ty {
    Ty::Num {
        min: None,
        max: None,
    }
}
/// `schema.string({minLength: 1})`.
pub fn non_empty() -> Ty {
    Ty::Str {
        min: Some(1),
        max: None,
    }
}

/// A string field of a JSON object, if it is one.
pub fn str_field<'a>(m: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    m.get(key).and_then(Value::as_str)
}

/// The `typeDetect` name config-schema prints in `got [..]`.
pub fn type_name(v: Option<&Value>) -> &'static str {
    match v {
        None => "undefined",
        Some(Value::Null) => "null",
        Some(Value::Bool(_)) => "boolean",
        Some(Value::Number(_)) => "number",
        Some(Value::String(_)) => "string",
        Some(Value::Array(_)) => "Array",
        Some(Value::Object(_)) => "Object",
    }
}

/// A config-schema validation failure: where, what, and for a `oneOf`, each alternative's
/// failure, printed as Kibana's `ValidationError.extractMessage` prints them (nested
/// alternatives indented one space per level).
#[derive(Debug, Clone, PartialEq)]
pub struct SchemaError {
    path: String,
    message: String,
    alternatives: Vec<SchemaError>,
}

impl SchemaError {
    fn leaf(path: &str, message: String) -> Self {
        SchemaError {
            path: path.to_string(),
            message,
            alternatives: Vec::new(),
        }
    }

    /// `UnionType.handleError`: each alternative's own failure, with the alternative's index
    /// spliced into its path right after the union's path (deeper failures keep theirs).
    pub fn union(path: &str, alternatives: Vec<SchemaError>) -> Self {
        let depth = segments(path).len();
        let alternatives = alternatives
            .into_iter()
            .enumerate()
            .map(|(i, mut failure)| {
                let index = i.to_string();
                let mut segs = segments(&failure.path);
                segs.insert(depth.min(segs.len()), &index);
                failure.path = segs.join(".");
                failure
            })
            .collect();
        SchemaError {
            path: path.to_string(),
            message: "types that failed validation:".into(),
            alternatives,
        }
    }

    fn render(&self, level: usize) -> String {
        let mut message = self.message.clone();
        for alternative in &self.alternatives {
            message.push('\n');
            message.push_str(&" ".repeat(level));
            message.push_str("- ");
            message.push_str(&alternative.render(level + 1));
        }
        if self.path.is_empty() {
            message
        } else {
            format!("[{}]: {message}", self.path)
        }
    }
}

fn segments(path: &str) -> Vec<&str> {
    if path.is_empty() {
        Vec::new()
    } else {
        path.split('.').collect()
    }
}

impl std::fmt::Display for SchemaError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(0))
    }
}

impl From<SchemaError> for String {
    fn from(e: SchemaError) -> String {
        e.to_string()
    }
}

fn at(path: &str, msg: String) -> SchemaError {
    SchemaError::leaf(path, msg)
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Validates `value` against `ty`, returning the value with defaults filled in.
///
/// # Errors
/// The config-schema failure (its message is prefixed with `[path]` when nested).
pub fn check(ty: &Ty, value: Option<&Value>, path: &str) -> Result<Value, SchemaError> {
    let got = type_name(value);
    let mismatch = |expected: &str| {
        at(
            path,
            format!("expected value of type [{expected}] but got [{got}]"),
        )
    };
    match ty {
        Ty::Any => Ok(value.cloned().unwrap_or(Value::Null)),
        Ty::Validated(inner, validator) => {
            let checked = check(inner, value, path)?;
            validator(checked).map_err(|(sub, message)| match sub {
                Some(sub) => at(&join(path, &sub), message),
                None => at(path, message),
            })
        }
        Ty::Str { min, max } => {
            let Some(Value::String(s)) = value else {
                return Err(mismatch("string"));
            };
            let len = s.chars().count();
            if let Some(min) = min.filter(|m| len < *m) {
                return Err(at(
                    path,
                    format!(
                        "value has length [{len}] but it must have a minimum length of [{min}]."
                    ),
                ));
            }
            if let Some(max) = max.filter(|m| len > *m) {
                return Err(at(
                    path,
                    format!(
                        "value has length [{len}] but it must have a maximum length of [{max}]."
                    ),
                ));
            }
            Ok(Value::String(s.clone()))
        }
        Ty::Bool => match value {
            Some(Value::Bool(b)) => Ok(Value::Bool(*b)),
            _ => Err(mismatch("boolean")),
        },
        Ty::Num { min, max } => {
            let Some(Value::Number(n)) = value else {
                return Err(mismatch("number"));
            };
            let f = n.as_f64().unwrap_or(f64::NAN);
            if let Some(min) = min.filter(|m| f < *m) {
                return Err(at(
                    path,
                    format!("Value must be equal to or greater than [{min}]."),
                ));
            }
            if let Some(max) = max.filter(|m| f > *m) {
                return Err(at(
                    path,
                    format!("Value must be equal to or lower than [{max}]."),
                ));
            }
            Ok(Value::Number(n.clone()))
        }
        Ty::Literal(options) => match value {
            Some(Value::String(s)) if options.contains(&s.as_str()) => Ok(Value::String(s.clone())),
            _ => Err(SchemaError::union(
                path,
                options
                    .iter()
                    .map(|o| at(path, format!("expected value to equal [{o}]")))
                    .collect(),
            )),
        },
        Ty::Equals(expected) => match value {
            Some(Value::String(s)) if s == expected => Ok(Value::String(s.clone())),
            _ => Err(at(path, format!("expected value to equal [{expected}]"))),
        },
        Ty::Record | Ty::RecordOfStr => {
            let Some(Value::Object(map)) = value else {
                return Err(at(
                    path,
                    format!("expected value of type [object] but got [{got}]"),
                ));
            };
            if matches!(ty, Ty::RecordOfStr) {
                for (k, v) in map {
                    check(&string(), Some(v), &join(path, k))?;
                }
            }
            Ok(Value::Object(map.clone()))
        }
        Ty::Arr(item, max) => {
            // config-schema's `ArrayType`: `expected value of type [array] but got [...]`.
            let Some(Value::Array(items)) = value else {
                return Err(mismatch("array"));
            };
            if let Some(max) = max.filter(|m| items.len() > *m) {
                return Err(at(
                    path,
                    format!(
                        "array size is [{}], but cannot be greater than [{max}]",
                        items.len()
                    ),
                ));
            }
            let checked = items
                .iter()
                .enumerate()
                .map(|(i, v)| check(item, Some(v), &join(path, &i.to_string())))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Value::Array(checked))
        }
        Ty::Obj(fields) => match value {
            // config-schema's objects default to `{}` (`ObjectType`: `Joi.object().default()`),
            // so a missing one reports its first missing key (`connector_types/
            // servicenow_sir.ts @ 84bb7d13`: `[3.subActionParams.incident.short_description]`).
            None => check_object(fields, &Map::new(), path).map(Value::Object),
            Some(Value::Object(map)) => check_object(fields, map, path).map(Value::Object),
            Some(_) => Err(at(
                path,
                format!("expected a plain object value, but found [{got}] instead."),
            )),
        },
    }
}

/// Validates a strict object.
///
/// # Errors
/// The first failing key, in schema order, then unknown keys.
pub fn check_object(
    fields: &[Field],
    map: &Map<String, Value>,
    path: &str,
) -> Result<Map<String, Value>, SchemaError> {
    let mut out = Map::new();
    for field in fields {
        let key_path = join(path, field.name);
        let given = map.get(field.name);
        match (&field.presence, given) {
            (Presence::Maybe | Presence::MaybeNullable, None) => {}
            (Presence::MaybeNullable, Some(Value::Null)) => {
                out.insert(field.name.into(), Value::Null);
            }
            (Presence::Nullable, None | Some(Value::Null)) => {
                out.insert(field.name.into(), Value::Null);
            }
            (Presence::Default(d), None) => {
                out.insert(field.name.into(), d.clone());
            }
            (Presence::Nullable | Presence::MaybeNullable, Some(v)) => {
                // `schema.nullable(t)` is `oneOf([t, literal(null)])`.
                let checked = check(&field.ty, Some(v), &key_path).map_err(|inner| {
                    SchemaError::union(
                        &key_path,
                        vec![
                            inner,
                            at(&key_path, "expected value to equal [null]".into()),
                        ],
                    )
                })?;
                out.insert(field.name.into(), checked);
            }
            (_, v) => {
                out.insert(field.name.into(), check(&field.ty, v, &key_path)?);
            }
        }
    }
    if let Some(unknown) = map
        .keys()
        .find(|k| !fields.iter().any(|f| f.name == k.as_str()))
    {
        return Err(at(
            &join(path, unknown),
            "definition for this key is missing".into(),
        ));
    }
    Ok(out)
}

/// Kibana's `validateEmptyStrings` over config and secrets: the first blank string found,
/// as `[<prefix>.<key>]: value '' is not valid` (Kibana prints `''` whatever the blanks were).
pub fn find_blank_string(value: &Value, path: &str) -> Option<String> {
    match value {
        Value::String(s) if s.trim().is_empty() => Some(format!("[{path}]: value '' is not valid")),
        Value::Array(items) => items.iter().find_map(|v| find_blank_string(v, path)),
        Value::Object(map) => map
            .iter()
            .find_map(|(k, v)| find_blank_string(v, &join(path, k))),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
