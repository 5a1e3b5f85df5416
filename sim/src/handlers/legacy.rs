//! The pre-9.0 `/api/actions/action*` routes (camelCase), enabled with `sim.legacyRoutes`.
//! Source: `x-pack/plugins/actions/server/routes/legacy/*.ts`, contract §1.10.

use serde_json::{Map, Value, json};

use super::connectors;
use crate::error::KbResult;
use crate::reply::Reply;
use crate::routes::LegacyRoute;
use crate::state::Ctx;

/// Renames a current-API connector to the legacy camelCase shape.
fn to_camel(v: Value) -> Value {
    let Value::Object(map) = v else { return v };
    let mut out = Map::new();
    for (k, v) in map {
        let key = match k.as_str() {
            "connector_type_id" => "actionTypeId",
            "is_preconfigured" => "isPreconfigured",
            "is_deprecated" => "isDeprecated",
            "is_missing_secrets" => "isMissingSecrets",
            "is_system_action" => "isSystemAction",
            "referenced_by_count" => "referencedByCount",
            "enabled_in_config" => "enabledInConfig",
            "enabled_in_license" => "enabledInLicense",
            "minimum_license_required" => "minimumLicenseRequired",
            "supported_feature_ids" => "supportedFeatureIds",
            "is_system_action_type" => "isSystemActionType",
            other => other,
        };
        out.insert(key.to_string(), v);
    }
    Value::Object(out)
}

fn camel_all(v: Value) -> Value {
    match v {
        Value::Array(items) => Value::Array(items.into_iter().map(to_camel).collect()),
        other => to_camel(other),
    }
}

/// Serves a legacy route by translating to and from the current handlers.
pub async fn dispatch(ctx: &Ctx<'_>, route: LegacyRoute) -> KbResult<Reply> {
    Ok(match route {
        LegacyRoute::List => Reply::Json(camel_all(connectors::list(ctx)?)),
        LegacyRoute::Types => Reply::Json(camel_all(connectors::list_types(ctx)?)),
        LegacyRoute::Get(id) => Reply::Json(to_camel(connectors::get(ctx, &id)?)),
        LegacyRoute::Create => {
            let mut body = ctx.body.clone();
            if let Some(obj) = body.as_object_mut()
                && let Some(t) = obj.remove("actionTypeId")
            {
                obj.insert("connector_type_id".into(), t);
            }
            let translated = Ctx {
                body,
                sim: ctx.sim,
                space: ctx.space.clone(),
                principal: ctx.principal,
                query: ctx.query.clone(),
            };
            Reply::Json(to_camel(connectors::create(&translated, None)?))
        }
        LegacyRoute::Update(id) => Reply::Json(to_camel(connectors::update(ctx, &id)?)),
        LegacyRoute::Delete(id) => {
            connectors::delete(ctx, &id)?;
            Reply::NoContent
        }
        LegacyRoute::Execute(id) => {
            let params = ctx.body.get("params").and_then(Value::as_object).cloned();
            let Some(params) = params else {
                return Err(crate::error::KibanaError::bad_request(
                    "[request body.params]: expected value of type [object] but got [undefined]",
                ));
            };
            let r = connectors::run(ctx, &id, params).await?;
            let mut out = json!({"status": r.status, "actionId": id});
            if let Some(d) = r.data {
                out["data"] = d;
            }
            if let Some(m) = r.message {
                out["message"] = json!(m);
            }
            if let Some(s) = r.service_message {
                out["serviceMessage"] = json!(s);
            }
            if let Some(retry) = r.retry {
                out["retry"] = retry;
            }
            Reply::Json(out)
        }
    })
}
