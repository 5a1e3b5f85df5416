//! `/api/alerting/rule*`, `/api/alerting/rules/_find` and `/api/alerting/rule_types`, per
//! space. Each handler checks in the rules client's order: the route's schema, the saved
//! object (404), authorization (403), then the rule type's params and the actions (400).

use axum::http::StatusCode;
use serde_json::{Map, Value, json};

use super::request::{internal, validate_body, validate_query};
use crate::alerting::find::FindQuery;
use crate::alerting::rule::{self, rules_privilege};
use crate::alerting::rule_types::{self, CONSUMERS};
use crate::config::Privilege;
use crate::error::{KbResult, KibanaError};
use crate::exec::now_iso;
use crate::state::Ctx;
use crate::store::{StoreError, StoredRule};

fn not_found(id: &str) -> KibanaError {
    KibanaError::new(
        StatusCode::NOT_FOUND,
        format!("Saved object [alert/{id}] not found"),
    )
}

fn load(ctx: &Ctx<'_>, id: &str) -> KbResult<StoredRule> {
    ctx.sim
        .store
        .rule(&ctx.space, id)
        .map_err(internal)?
        .ok_or_else(|| not_found(id))
}

fn type_and_consumer(r: &StoredRule) -> (String, String) {
    let s = |k: &str| r.attributes[k].as_str().unwrap_or_default().to_string();
    (s("alertTypeId"), s("consumer"))
}

fn authorize_on(ctx: &Ctx<'_>, r: &StoredRule, op: &str, need: Privilege) -> KbResult<()> {
    let (type_id, consumer) = type_and_consumer(r);
    rule::authorize(ctx.principal, &ctx.space, op, need, &type_id, &consumer)
}

/// `POST /api/alerting/rule/{id?}`.
pub fn create(ctx: &Ctx<'_>, id: Option<String>) -> KbResult<Value> {
    let body = validate_body(&ctx.body, &rule::create_body())?;
    let stored = rule::build_new(ctx.sim, ctx.principal, &ctx.space, id, &body, &now_iso())?;
    match ctx.sim.store.insert_rule(&stored) {
        Ok(()) => Ok(rule::to_wire(&stored, None)),
        Err(StoreError::Conflict) => Err(KibanaError::new(
            StatusCode::CONFLICT,
            format!("Saved object [alert/{}] conflict", stored.id),
        )),
        Err(e) => Err(internal(e)),
    }
}

fn map(body: &Map<String, Value>, key: &str) -> Map<String, Value> {
    body.get(key)
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

/// `GET /api/alerting/rule/{id}`.
pub fn get(ctx: &Ctx<'_>, id: &str) -> KbResult<Value> {
    let r = load(ctx, id)?;
    authorize_on(ctx, &r, "get", Privilege::Read)?;
    Ok(rule::to_wire(&r, None))
}

/// `PUT /api/alerting/rule/{id}`: the whole updatable body; type, consumer and enabled stay.
pub fn update(ctx: &Ctx<'_>, id: &str) -> KbResult<Value> {
    let body = validate_body(&ctx.body, &rule::update_body())?;
    let current = load(ctx, id)?;
    authorize_on(ctx, &current, "update", Privilege::All)?;
    let (type_id, _) = type_and_consumer(&current);
    let rule_type = rule::registered(ctx.sim, &type_id)?;
    let params = rule::validate_params(&rule_type, &map(&body, "params"))?;
    let (actions, references) =
        rule::denormalize_actions(ctx.sim, ctx.principal, &ctx.space, &rule_type, &body)?;
    let updated = StoredRule {
        attributes: rule::updated_attributes(
            &current.attributes,
            &body,
            params,
            actions,
            ctx.principal.name(),
            &now_iso(),
        ),
        references,
        ..current
    };
    if !ctx.sim.store.replace_rule(&updated).map_err(internal)? {
        return Err(not_found(id));
    }
    Ok(rule::to_wire(&updated, None))
}

/// `DELETE /api/alerting/rule/{id}` (204).
pub fn delete(ctx: &Ctx<'_>, id: &str) -> KbResult<()> {
    let r = load(ctx, id)?;
    authorize_on(ctx, &r, "delete", Privilege::All)?;
    if !ctx
        .sim
        .store
        .delete_rule(&ctx.space, id)
        .map_err(internal)?
    {
        return Err(not_found(id));
    }
    Ok(())
}

/// `POST /api/alerting/rule/{id}/_enable` and `_disable` (204): the task that would run the
/// rule is scheduled on enable and removed on disable.
pub fn set_enabled(ctx: &Ctx<'_>, id: &str, enabled: bool) -> KbResult<()> {
    let mut r = load(ctx, id)?;
    authorize_on(
        ctx,
        &r,
        if enabled { "enable" } else { "disable" },
        Privilege::All,
    )?;
    if r.attributes["enabled"] == enabled {
        return Ok(());
    }
    r.attributes.insert("enabled".into(), json!(enabled));
    if enabled {
        r.attributes.insert("scheduledTaskId".into(), json!(r.id));
        r.attributes
            .insert("apiKeyOwner".into(), json!(ctx.principal.name()));
        r.attributes
            .insert("apiKeyCreatedByUser".into(), json!(false));
        r.attributes.insert(
            "executionStatus".into(),
            json!({"status": "pending", "lastExecutionDate": now_iso()}),
        );
    } else {
        r.attributes.remove("scheduledTaskId");
    }
    r.attributes
        .insert("updatedBy".into(), json!(ctx.principal.name()));
    r.attributes.insert("updatedAt".into(), json!(now_iso()));
    ctx.sim.store.replace_rule(&r).map_err(internal)?;
    Ok(())
}

/// `GET /api/alerting/rules/_find`.
pub fn find(ctx: &Ctx<'_>) -> KbResult<Value> {
    let query = FindQuery::parse(&ctx.query)?;
    if rules_privilege(ctx.principal, &ctx.space).is_none() {
        return Err(KibanaError::forbidden(
            // With the period: `group1/tests/alerting/find.ts @ 2587e3ff`.
            "Unauthorized to find rules for any rule types.",
        ));
    }
    let rules = ctx.sim.store.rules_in(&ctx.space).map_err(internal)?;
    Ok(query.run(rules))
}

/// `GET /api/alerting/rule_types`: the types the caller may read, each with the consumers it
/// may use (an empty list without alerting privileges, as Kibana filters by authorization).
pub fn list_types(ctx: &Ctx<'_>) -> KbResult<Value> {
    validate_query(ctx, &[])?;
    let Some(privilege) = rules_privilege(ctx.principal, &ctx.space) else {
        return Ok(json!([]));
    };
    Ok(Value::Array(
        rule_types::rule_types(ctx.sim.config.alerting_fixtures)
            .iter()
            .map(|t| t.to_wire(CONSUMERS, privilege == Privilege::All))
            .collect(),
    ))
}
