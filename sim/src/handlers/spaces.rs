//! `/api/spaces/space*` (versioned public routes, `2023-10-31`).
//! Schema: `spaces/server/lib/space_schema.ts`; errors: contract §3.3.

use axum::http::StatusCode;
use serde_json::{Map, Value, json};

use super::request::{internal, validate_body, validate_query};
use crate::error::{KbResult, KibanaError};
use crate::schema::{Ty, default, maybe, non_empty, req, string};
use crate::state::Ctx;
use crate::store::StoreError;

fn space_fields() -> Vec<crate::schema::Field> {
    vec![
        req("id", string()),
        req("name", non_empty()),
        maybe("description", string()),
        maybe(
            "initials",
            Ty::Str {
                min: None,
                max: Some(2),
            },
        ),
        maybe("color", string()),
        default(
            "disabledFeatures",
            Ty::Arr(Box::new(string()), Some(100)),
            json!([]),
        ),
        maybe("_reserved", Ty::Bool),
        maybe("imageUrl", string()),
        maybe(
            "solution",
            Ty::Literal(&["security", "oblt", "es", "classic"]),
        ),
    ]
}

/// Validates a space body with the custom validators of `space_schema.ts`.
fn validate_space(body: &Value) -> KbResult<Map<String, Value>> {
    let mut space = validate_body(body, &space_fields())?;
    let id = space["id"].as_str().unwrap_or_default();
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
    {
        return Err(KibanaError::bad_request(
            "[request body.id]: must be lower case, a-z, 0-9, '_', and '-' are allowed",
        ));
    }
    if let Some(color) = space.get("color").and_then(Value::as_str) {
        let ok = color.len() == 7
            && color.starts_with('#')
            && color[1..].chars().all(|c| c.is_ascii_alphanumeric());
        if !ok {
            return Err(KibanaError::bad_request(
                "[request body.color]: must be a 6 digit hex color, starting with a #",
            ));
        }
    }
    if let Some(url) = space.get("imageUrl").and_then(Value::as_str)
        && !url.is_empty()
        && !url.starts_with("data:image")
    {
        return Err(KibanaError::bad_request(
            "[request body.imageUrl]: must start with 'data:image'",
        ));
    }
    // `_reserved` is accepted and ignored.
    space.remove("_reserved");
    if let Some(name) = space
        .get("name")
        .and_then(Value::as_str)
        .map(|n| n.trim().to_string())
    {
        space.insert("name".into(), Value::String(name));
    }
    Ok(space)
}

fn visible(ctx: &Ctx<'_>, id: &str) -> bool {
    ctx.principal.privilege_in(id).is_some()
}

fn require_superuser(ctx: &Ctx<'_>, what: &str) -> KbResult<()> {
    if ctx.principal.superuser {
        Ok(())
    } else {
        Err(KibanaError::forbidden(format!("Unauthorized to {what}")))
    }
}

/// `GET /api/spaces/space`: spaces the caller may see, sorted by name.
pub fn list(ctx: &Ctx<'_>) -> KbResult<Value> {
    validate_query(ctx, &["purpose", "include_authorized_purposes"])?;
    let mut purpose_given = false;
    let mut include_purposes = false;
    for (k, v) in &ctx.query {
        match k.as_str() {
            "purpose" => {
                purpose_given = true;
                if ![
                    "any",
                    "copySavedObjectsIntoSpace",
                    "shareSavedObjectsIntoSpace",
                ]
                .contains(&v.as_str())
                {
                    return Err(KibanaError::bad_request("[request query.purpose]: types that failed validation:\n- [request query.purpose.0]: expected value to equal [any]\n- [request query.purpose.1]: expected value to equal [copySavedObjectsIntoSpace]\n- [request query.purpose.2]: expected value to equal [shareSavedObjectsIntoSpace]".to_string()));
                }
            }
            _ => include_purposes = v == "true",
        }
    }
    if purpose_given && include_purposes {
        return Err(KibanaError::bad_request(
            "[request query.include_authorized_purposes]: expected value to equal [false]",
        ));
    }
    let mut spaces: Vec<Value> = ctx
        .sim
        .store
        .spaces()
        .map_err(internal)?
        .into_iter()
        .filter(|s| visible(ctx, s["id"].as_str().unwrap_or_default()))
        .collect();
    spaces.sort_by_key(|s| s["name"].as_str().unwrap_or_default().to_string());
    if include_purposes {
        for s in &mut spaces {
            let all = ctx
                .principal
                .privilege_in(s["id"].as_str().unwrap_or_default())
                == Some(crate::config::Privilege::All);
            s["authorizedPurposes"] = json!({"any": true, "copySavedObjectsIntoSpace": all, "findSavedObjects": true, "shareSavedObjectsIntoSpace": all});
        }
    }
    Ok(Value::Array(spaces))
}

/// `GET /api/spaces/space/{id}`.
pub fn get(ctx: &Ctx<'_>, id: &str) -> KbResult<Value> {
    let space = ctx
        .sim
        .store
        .space(id)
        .map_err(internal)?
        .ok_or_else(|| KibanaError::plain(StatusCode::NOT_FOUND))?;
    if !visible(ctx, id) {
        return Err(KibanaError::forbidden(format!(
            "Unauthorized to get {id} space"
        )));
    }
    Ok(space)
}

/// `POST /api/spaces/space`: 200 with the created space.
pub fn create(ctx: &Ctx<'_>) -> KbResult<Value> {
    let space = validate_space(&ctx.body)?;
    require_superuser(ctx, "create spaces")?;
    let id = space["id"].as_str().unwrap_or_default().to_string();
    let count = ctx.sim.store.spaces().map_err(internal)?.len();
    if count >= 1000 {
        return Err(KibanaError::bad_request(
            "Unable to create Space, this exceeds the maximum number of spaces set by the xpack.spaces.maxSpaces setting",
        ));
    }
    let body = Value::Object(space);
    match ctx.sim.store.insert_space(&id, &body) {
        Ok(()) => Ok(body),
        Err(StoreError::Conflict) => Err(KibanaError::new(
            StatusCode::CONFLICT,
            format!("A space with the identifier {id} already exists."),
        )),
        Err(e) => Err(internal(e)),
    }
}

/// `PUT /api/spaces/space/{id}`: full replace; the URL id decides which space.
pub fn update(ctx: &Ctx<'_>, id: &str) -> KbResult<Value> {
    let mut space = validate_space(&ctx.body)?;
    require_superuser(ctx, "update spaces")?;
    space.insert("id".into(), Value::String(id.to_string()));
    if id == "default" {
        space.insert("_reserved".into(), Value::Bool(true));
    }
    let body = Value::Object(space);
    if !ctx.sim.store.replace_space(id, &body).map_err(internal)? {
        return Err(KibanaError::plain(StatusCode::NOT_FOUND));
    }
    Ok(body)
}

/// `DELETE /api/spaces/space/{id}`: 204, and every connector in the space goes with it.
pub fn delete(ctx: &Ctx<'_>, id: &str) -> KbResult<()> {
    require_superuser(ctx, "delete spaces")?;
    if ctx.sim.store.space(id).map_err(internal)?.is_none() {
        return Err(KibanaError::plain(StatusCode::NOT_FOUND));
    }
    if id == "default" {
        return Err(KibanaError::bad_request(
            "The default space cannot be deleted because it is reserved.",
        ));
    }
    ctx.sim.store.delete_space(id).map_err(internal)?;
    Ok(())
}
