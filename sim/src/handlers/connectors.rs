//! `/api/actions/connector*`: create, get, get all, list types, update, delete, execute.
//! Order of checks per handler follows the actions client methods (contract §1.3–1.9).

use axum::http::StatusCode;
use serde_json::{Map, Value, json};

use super::request::{internal, validate_body, validate_query};
use crate::auth::{Operation, authorize};
use crate::config::Preconfigured;
use crate::error::{KbResult, KibanaError};
use crate::exec::{ExecResult, Runnable};
use crate::schema::{Ty, default, find_blank_string, req, string};
use crate::state::{Ctx, Sim};
use crate::store::{StoreError, StoredConnector};
use crate::types::ConnectorType;

/// Whether `id` is a system connector: Kibana registers one per system action type, with id
/// `system-connector-<type>` (hidden from lists, never editable; `group2/tests/actions/get.ts`
/// asks for `system-connector-test.system-action`).
fn is_system(sim: &Sim, id: &str) -> bool {
    id.strip_prefix("system-connector-")
        .and_then(|type_id| sim.registry.get(type_id))
        .is_some_and(|t| t.system)
}

/// The fields newer Kibanas add to every connector: `is_connector_type_deprecated` (9.3+) and
/// `auth_mode` (9.4+; `shared` unless per-user OAuth), as `transform_connector_response/v1.ts`
/// and Kibana's API tests (`group2/tests/actions/get.ts`) show.
fn add_profile_fields(sim: &Sim, type_id: &str, mut v: Value) -> Value {
    let profile = sim.config.profile;
    if profile.connector_type_deprecated_field() {
        v["is_connector_type_deprecated"] =
            json!(sim.registry.get(type_id).is_some_and(|t| t.deprecated));
    }
    if profile.auth_mode_field() {
        v["auth_mode"] = json!("shared");
    }
    v
}

/// The wire form of a saved connector.
pub(crate) fn saved_json(sim: &Sim, c: &StoredConnector) -> Value {
    let deprecated = sim
        .registry
        .get(&c.type_id)
        .is_some_and(|t| t.connector_deprecated(&c.config));
    let v = json!({
        "id": c.id,
        "name": c.name,
        "connector_type_id": c.type_id,
        "config": c.config,
        "is_preconfigured": false,
        "is_deprecated": deprecated,
        "is_missing_secrets": sim.log.secrets_missing(&c.id),
        "is_system_action": false,
    });
    add_profile_fields(sim, &c.type_id, v)
}

/// The wire form of a preconfigured connector: no config, no is_missing_secrets.
pub(crate) fn preconfigured_json(sim: &Sim, id: &str, p: &Preconfigured) -> Value {
    let deprecated = sim
        .registry
        .get(&p.action_type_id)
        .is_some_and(|t| t.connector_deprecated(&p.config));
    let v = json!({
        "id": id,
        "name": p.name,
        "connector_type_id": p.action_type_id,
        "is_preconfigured": true,
        "is_deprecated": deprecated,
        "is_system_action": false,
    });
    add_profile_fields(sim, &p.action_type_id, v)
}

/// `xpack.actions.enabledActionTypes` and license gating (403).
pub(crate) fn ensure_type_usable(sim: &Sim, type_id: &str) -> KbResult<()> {
    if !sim.config.type_enabled_in_config(type_id) {
        return Err(KibanaError::forbidden(format!(
            "action type \"{type_id}\" is not enabled in the Kibana config xpack.actions.enabledActionTypes"
        )));
    }
    if let Some(t) = sim.registry.get(type_id)
        && !sim.config.license.allows(t.license)
    {
        return Err(KibanaError::forbidden(format!(
            "Action type {type_id} is disabled because your {} license does not support it. Please upgrade your license.",
            sim.config.license.as_str()
        )));
    }
    Ok(())
}

fn ensure_space_exists(ctx: &Ctx<'_>) -> KbResult<()> {
    if ctx.sim.config.strict_spaces && ctx.sim.store.space(&ctx.space).map_err(internal)?.is_none()
    {
        return Err(KibanaError::new(
            StatusCode::NOT_FOUND,
            format!("Saved object [space/{}] not found", ctx.space),
        ));
    }
    Ok(())
}

/// The blank-string rule on config and secrets (`validateEmptyStrings`).
fn reject_blank_strings(body: &Map<String, Value>) -> KbResult<()> {
    for key in ["config", "secrets"] {
        if let Some(msg) = body
            .get(key)
            .and_then(|v| find_blank_string(v, &format!("request body.{key}")))
        {
            return Err(KibanaError::bad_request(msg));
        }
    }
    Ok(())
}

fn reject_blank(body: &Map<String, Value>, key: &str) -> KbResult<()> {
    if body
        .get(key)
        .and_then(Value::as_str)
        .is_some_and(|s| s.trim().is_empty())
    {
        return Err(KibanaError::bad_request(format!(
            "[request body.{key}]: value '' is not valid"
        )));
    }
    Ok(())
}

fn map_of(v: Option<&Value>) -> Map<String, Value> {
    v.and_then(Value::as_object).cloned().unwrap_or_default()
}

fn registered<'a>(sim: &'a Sim, type_id: &str) -> KbResult<&'a ConnectorType> {
    sim.registry.get(type_id).ok_or_else(|| {
        KibanaError::bad_request(format!("Action type \"{type_id}\" is not registered."))
    })
}

/// `POST /api/actions/connector/{id?}`.
pub fn create(ctx: &Ctx<'_>, id: Option<String>) -> KbResult<Value> {
    let body = validate_body(
        &ctx.body,
        &[
            req("name", string()),
            req("connector_type_id", string()),
            default("config", Ty::Record, json!({})),
            default("secrets", Ty::Record, json!({})),
        ],
    )?;
    reject_blank(&body, "name")?;
    reject_blank(&body, "connector_type_id")?;
    reject_blank_strings(&body)?;
    let name = body["name"].as_str().unwrap_or_default().to_string();
    let type_id = body["connector_type_id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let sim = ctx.sim;

    authorize(ctx.principal, &ctx.space, Operation::Create, &type_id)?;
    ensure_space_exists(ctx)?;
    let system_type = sim.registry.get(&type_id).is_some_and(|t| t.system);
    if system_type || id.as_deref().is_some_and(|id| is_system(sim, id)) {
        return Err(KibanaError::bad_request(format!(
            "System action creation is forbidden. Action type: {type_id}."
        )));
    }
    if let Some(id) = id
        .as_deref()
        .filter(|id| sim.config.preconfigured.contains_key(*id))
    {
        return Err(KibanaError::bad_request(format!(
            "This {id} already exists in a preconfigured action."
        )));
    }
    let connector_type = registered(sim, &type_id)?;
    let (config, secrets) = connector_type
        .validate_connector(
            &map_of(body.get("config")),
            &map_of(body.get("secrets")),
            &sim.config,
        )
        .map_err(KibanaError::bad_request)?;
    ensure_type_usable(sim, &type_id)?;

    let stored = StoredConnector {
        id: id.unwrap_or_else(|| uuid::Uuid::new_v4().to_string()),
        space: ctx.space.clone(),
        type_id,
        name,
        config,
        secrets,
    };
    match sim.store.insert_connector(&stored) {
        Ok(()) => Ok(saved_json(sim, &stored)),
        Err(StoreError::Conflict) => Err(KibanaError::new(
            StatusCode::CONFLICT,
            format!("Saved object [action/{}] conflict", stored.id),
        )),
        Err(e) => Err(internal(e)),
    }
}

/// A saved connector visible in the request's space, if there is one.
fn find_in_space(ctx: &Ctx<'_>, id: &str) -> KbResult<Option<StoredConnector>> {
    Ok(ctx
        .sim
        .store
        .connector(id)
        .map_err(internal)?
        .filter(|c| c.space == ctx.space))
}

/// Finds a saved connector visible in the request's space.
fn saved_in_space(ctx: &Ctx<'_>, id: &str) -> KbResult<StoredConnector> {
    find_in_space(ctx, id)?.ok_or_else(|| KibanaError::connector_not_found(id))
}

/// `GET /api/actions/connector/{id}`.
pub fn get(ctx: &Ctx<'_>, id: &str) -> KbResult<Value> {
    authorize(ctx.principal, &ctx.space, Operation::Get, "")?;
    if is_system(ctx.sim, id) {
        return Err(KibanaError::new(
            StatusCode::NOT_FOUND,
            format!("Connector {id} not found"),
        ));
    }
    if let Some(p) = ctx.sim.config.preconfigured.get(id) {
        return Ok(preconfigured_json(ctx.sim, id, p));
    }
    ensure_space_exists(ctx)?;
    Ok(saved_json(ctx.sim, &saved_in_space(ctx, id)?))
}

/// JS `localeCompare` is close to a case-insensitive comparison with case as the tie-break.
fn locale_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.to_lowercase()
        .cmp(&b.to_lowercase())
        .then_with(|| b.cmp(a))
}

/// `GET /api/actions/connectors`: saved connectors of the space plus every preconfigured one,
/// sorted by name, with `referenced_by_count`.
pub fn list(ctx: &Ctx<'_>) -> KbResult<Value> {
    authorize(ctx.principal, &ctx.space, Operation::GetAll, "")?;
    ensure_space_exists(ctx)?;
    let sim = ctx.sim;
    let mut all: Vec<Value> = sim
        .config
        .preconfigured
        .iter()
        .map(|(id, p)| preconfigured_json(sim, id, p))
        .chain(
            sim.store
                .connectors_in(&ctx.space)
                .map_err(internal)?
                .iter()
                .map(|c| saved_json(sim, c)),
        )
        .collect();
    // `get_all.ts`'s aggregation over every space's saved objects: rules referencing the
    // connector, or naming it in a preconfigured or system `actionRef`; plus the count the
    // admin surface sets for tests that need one without rules.
    let rules = sim.store.all_rules().map_err(internal)?;
    for c in &mut all {
        let id = c["id"].as_str().unwrap_or_default().to_string();
        let used = rules
            .iter()
            .filter(|r| crate::alerting::rule::uses_connector(r, &id))
            .count() as u64;
        c["referenced_by_count"] = json!(sim.log.references_of(&id) + used);
    }
    all.sort_by(|a, b| {
        locale_order(
            a["name"].as_str().unwrap_or_default(),
            b["name"].as_str().unwrap_or_default(),
        )
    });
    Ok(Value::Array(all))
}

/// The wire form of a type.
pub(crate) fn type_json(sim: &Sim, t: &ConnectorType) -> Value {
    let in_config = sim.config.type_enabled_in_config(&t.id);
    let in_license = sim.config.license.allows(t.license);
    let mut v = json!({
        "id": t.id,
        "name": t.name,
        "enabled": in_config && in_license,
        "enabled_in_config": in_config,
        "enabled_in_license": in_license,
        "minimum_license_required": t.license.as_str(),
        "supported_feature_ids": t.features,
        "is_system_action_type": t.system,
    });
    // `transform_list_types_response/v1.ts @ 015692ee` maps `source`, `is_deprecated` and the
    // optional `sub_feature`, `description`, `is_experimental` (left out of the JSON when a type
    // does not set them, as none of the sim's do); `spaces_only/tests/actions/deprecated.ts @
    // 2ce6c3df` expects exactly `..., is_deprecated, source: 'stack'` for a fixture type.
    if sim.config.profile.rich_connector_types() {
        v["is_deprecated"] = json!(t.deprecated);
        v["source"] = json!("stack");
    }
    v
}

/// `GET /api/actions/connector_types[?feature_id=]`: registration order, system types hidden.
pub fn list_types(ctx: &Ctx<'_>) -> KbResult<Value> {
    validate_query(ctx, &["feature_id"])?;
    let feature = ctx
        .query
        .iter()
        .find(|(k, _)| k == "feature_id")
        .map(|(_, v)| v.as_str());
    let types = ctx
        .sim
        .registry
        .all()
        .iter()
        .filter(|t| !t.system)
        .filter(|t| feature.is_none_or(|f| t.features.iter().any(|x| x == f)))
        .map(|t| type_json(ctx.sim, t))
        .collect();
    Ok(Value::Array(types))
}

/// `PUT /api/actions/connector/{id}`: a full replace of name, config and secrets.
pub fn update(ctx: &Ctx<'_>, id: &str) -> KbResult<Value> {
    let body = validate_body(
        &ctx.body,
        &[
            req("name", string()),
            default("config", Ty::Record, json!({})),
            default("secrets", Ty::Record, json!({})),
        ],
    )?;
    reject_blank(&body, "name")?;
    reject_blank_strings(&body)?;
    let sim = ctx.sim;
    authorize(ctx.principal, &ctx.space, Operation::Update, "")?;
    if sim.config.preconfigured.contains_key(id) {
        // Every line the sim profiles: the 8.x copy of `spaces_only/tests/actions/update.ts`
        // (with the legacy routes) already expects this; `is not allowed to update.` is older.
        return Err(KibanaError::bad_request(format!(
            "Preconfigured action {id} can not be updated."
        )));
    }
    if is_system(ctx.sim, id) {
        return Err(KibanaError::bad_request(format!(
            "System action {id} can not be updated."
        )));
    }
    let mut existing = saved_in_space(ctx, id)?;
    let connector_type = registered(sim, &existing.type_id)?;
    let (config, secrets) = connector_type
        .validate_connector(
            &map_of(body.get("config")),
            &map_of(body.get("secrets")),
            &sim.config,
        )
        .map_err(KibanaError::bad_request)?;
    ensure_type_usable(sim, &existing.type_id)?;
    existing.name = body["name"].as_str().unwrap_or_default().to_string();
    existing.config = config;
    existing.secrets = secrets;
    if !sim.store.replace_connector(&existing).map_err(internal)? {
        return Err(KibanaError::connector_not_found(id));
    }
    // Kibana's update saves `isMissingSecrets: false` (`methods/update/update.ts`).
    sim.log.set_secrets_missing(id, false);
    // The update answer has no `auth_mode`, unlike create and get (the newest
    // `group2/tests/actions/update.ts` expects exactly the fields below).
    let mut answer = saved_json(sim, &existing);
    if let Some(fields) = answer.as_object_mut() {
        fields.remove("auth_mode");
    }
    Ok(answer)
}

/// `DELETE /api/actions/connector/{id}`: 204; works even for disabled types.
pub fn delete(ctx: &Ctx<'_>, id: &str) -> KbResult<()> {
    authorize(ctx.principal, &ctx.space, Operation::Delete, "")?;
    if ctx.sim.config.preconfigured.contains_key(id) {
        return Err(KibanaError::bad_request(format!(
            "Preconfigured action {id} is not allowed to delete."
        )));
    }
    if is_system(ctx.sim, id) {
        return Err(KibanaError::bad_request(format!(
            "System action {id} is not allowed to delete."
        )));
    }
    saved_in_space(ctx, id)?;
    if !ctx.sim.store.delete_connector(id).map_err(internal)? {
        return Err(KibanaError::connector_not_found(id));
    }
    Ok(())
}

/// `POST /api/actions/connector/{id}/_execute`: connector failures are HTTP 200 with
/// `status:"error"`.
pub async fn execute(ctx: &Ctx<'_>, id: &str) -> KbResult<Value> {
    let body = validate_body(&ctx.body, &[req("params", Ty::Record)])?;
    run(ctx, id, map_of(body.get("params")))
        .await
        .map(|r| r.to_wire())
}

/// Shared by the current and legacy execute routes.
pub(crate) async fn run(
    ctx: &Ctx<'_>,
    id: &str,
    params: Map<String, Value>,
) -> KbResult<ExecResult> {
    let sim = ctx.sim;
    // The actions client reads the connector first, so an unauthorized caller learns its
    // type (`Unauthorized to execute a "<type>" action`); a connector it cannot find is
    // authorized without one (`Unauthorized to execute actions`) before the 404
    // (`group2/tests/actions/execute.ts`).
    let found = match sim.config.preconfigured.get(id) {
        Some(p) => Some(Runnable {
            id: id.into(),
            name: p.name.clone(),
            type_id: p.action_type_id.clone(),
            config: p.config.clone(),
            secrets: p.secrets.clone(),
        }),
        None => find_in_space(ctx, id)?.map(|c| Runnable {
            id: c.id,
            name: c.name,
            type_id: c.type_id,
            config: c.config,
            secrets: c.secrets,
        }),
    };
    let type_id = found.as_ref().map_or("", |r| r.type_id.as_str());
    authorize(ctx.principal, &ctx.space, Operation::Execute, type_id)?;
    if is_system(ctx.sim, id) {
        return Err(KibanaError::bad_request(
            "Execution of system action is not allowed",
        ));
    }
    let Some(runnable) = found else {
        return Err(KibanaError::connector_not_found(id));
    };
    ensure_type_usable(sim, &runnable.type_id)?;
    Ok(crate::exec::execute(sim, &runnable, params).await)
}
