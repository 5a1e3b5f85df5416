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
}

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

fn at(path: &str, msg: String) -> String {
    if path.is_empty() {
        msg
    } else {
        format!("[{path}]: {msg}")
    }
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
/// The config-schema message, prefixed with `[path]` when nested.
pub fn check(ty: &Ty, value: Option<&Value>, path: &str) -> Result<Value, String> {
    let got = type_name(value);
    let mismatch = |expected: &str| {
        at(
            path,
            format!("expected value of type [{expected}] but got [{got}]"),
        )
    };
    match ty {
        Ty::Any => Ok(value.cloned().unwrap_or(Value::Null)),
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
            _ => {
                let lines: Vec<String> = options
                    .iter()
                    .enumerate()
                    .map(|(i, o)| {
                        format!(
                            "- [{}]: expected value to equal [{o}]",
                            join(path, &i.to_string())
                        )
                    })
                    .collect();
                Err(at(
                    path,
                    format!("types that failed validation:\n{}", lines.join("\n")),
                ))
            }
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
            let Some(Value::Array(items)) = value else {
                return Err(mismatch("Array"));
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
        Ty::Obj(fields) => {
            let Some(Value::Object(map)) = value else {
                return Err(at(
                    path,
                    format!("expected a plain object value, but found [{got}] instead."),
                ));
            };
            check_object(fields, map, path).map(Value::Object)
        }
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
) -> Result<Map<String, Value>, String> {
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
                let checked = check(&field.ty, Some(v), &key_path).map_err(|inner| {
                    let inner = inner.strip_prefix(&format!("[{key_path}]: ")).unwrap_or(&inner).to_string();
                    format!(
                        "[{key_path}]: types that failed validation:\n- [{key_path}.0]: {inner}\n- [{key_path}.1]: expected value to equal [null]"
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
        return Err(format!(
            "[{}]: definition for this key is missing",
            join(path, unknown)
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
