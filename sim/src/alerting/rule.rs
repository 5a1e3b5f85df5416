//! Creating and updating a rule as Kibana's rules client does, in its order: the route's body
//! schema, the rule type, authorization, the params, then the actions (`validate_actions.ts`,
//! `denormalize_actions.ts`); and a stored rule's wire form (`transform_rule_to_rule_response`).

use serde_json::{Map, Value, json};

use super::rule_types::{CONSUMERS, RuleType};
use crate::config::{Principal, Privilege};
use crate::error::{KbResult, KibanaError};
use crate::schema::{self, Field, Ty, default, maybe, maybe_null, req, string};
use crate::state::Sim;
use crate::store::StoredRule;

/// `actionRef` prefix of a preconfigured connector's action (no saved-object reference).
pub const PRECONFIGURED_REF: &str = "preconfigured:";
/// `actionRef` prefix of a system connector's action (no saved-object reference).
pub const SYSTEM_REF: &str = "system_action:";

/// `parseDuration`'s units, and `validateDurationSchema`: a positive whole number of them.
pub fn duration_seconds(text: &str) -> Option<u64> {
    let (digits, unit) = text.split_at(text.find(|c: char| !c.is_ascii_digit())?);
    let n: u64 = digits.parse().ok()?;
    let scale = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3_600,
        "d" => 86_400,
        _ => return None,
    };
    (n > 0).then_some(n * scale)
}

fn duration(value: Value) -> Result<Value, (Option<String>, String)> {
    match value.as_str().map(duration_seconds) {
        Some(Some(_)) => Ok(value),
        _ => Err((
            None,
            format!(
                "string is not a valid duration: {}",
                value.as_str().unwrap_or_default()
            ),
        )),
    }
}

fn duration_ty() -> Ty {
    Ty::Validated(Box::new(string()), duration)
}

const NOTIFY_WHEN: &[&str] = &["onActionGroupChange", "onActiveAlert", "onThrottleInterval"];

/// One element of `actions` (`actionsSchema` of the create and update routes, v1).
fn action_schema() -> Ty {
    Ty::Obj(vec![
        maybe("group", string()),
        req("id", string()),
        default("params", Ty::Record, json!({})),
        maybe(
            "frequency",
            Ty::Obj(vec![
                req("summary", Ty::Bool),
                req("notify_when", Ty::Literal(NOTIFY_WHEN)),
                schema::nullable("throttle", duration_ty()),
            ]),
        ),
        maybe("uuid", string()),
        maybe("alerts_filter", Ty::Any),
        maybe("use_alert_data_for_template", Ty::Bool),
    ])
}

/// The fields create and update share, after the create-only ones.
fn shared_fields() -> Vec<Field> {
    vec![
        default("tags", Ty::Arr(Box::new(string()), None), json!([])),
        maybe_null("throttle", duration_ty()),
        default("params", Ty::Record, json!({})),
        req("schedule", Ty::Obj(vec![req("interval", duration_ty())])),
        default(
            "actions",
            Ty::Arr(Box::new(action_schema()), None),
            json!([]),
        ),
        maybe_null("notify_when", Ty::Literal(NOTIFY_WHEN)),
        maybe(
            "alert_delay",
            Ty::Obj(vec![req(
                "active",
                Ty::Num {
                    min: Some(1.0),
                    max: None,
                },
            )]),
        ),
        maybe_null(
            "flapping",
            Ty::Obj(vec![
                req(
                    "look_back_window",
                    Ty::Num {
                        min: Some(2.0),
                        max: Some(20.0),
                    },
                ),
                req(
                    "status_change_threshold",
                    Ty::Num {
                        min: Some(2.0),
                        max: Some(20.0),
                    },
                ),
            ]),
        ),
        maybe("artifacts", Ty::Any),
    ]
}

/// `POST /api/alerting/rule/{id?}` body (`createBodySchemaV1`).
pub fn create_body() -> Vec<Field> {
    let mut fields = vec![
        req("name", string()),
        req("rule_type_id", string()),
        default("enabled", Ty::Bool, json!(true)),
        req("consumer", string()),
    ];
    fields.extend(shared_fields());
    fields
}

/// `PUT /api/alerting/rule/{id}` body (`updateBodySchemaV1`): no type, consumer or enabled.
pub fn update_body() -> Vec<Field> {
    let mut fields = vec![req("name", string())];
    fields.extend(shared_fields());
    fields
}

/// The caller's privilege on rules in `space`.
pub fn rules_privilege(p: &Principal, space: &str) -> Option<Privilege> {
    p.rules_privilege_in(space)
}

/// `getUnauthorizedErrorMessage`: `Unauthorized by "<consumer>" to <op> "<type>" rule`.
pub fn unauthorized(op: &str, type_id: &str, consumer: &str) -> KibanaError {
    KibanaError::forbidden(format!(
        "Unauthorized by \"{consumer}\" to {op} \"{type_id}\" rule"
    ))
}

/// Alerting authorization for one operation on a rule of `type_id` owned by `consumer`.
///
/// # Errors
/// 403 in Kibana's words.
pub fn authorize(
    p: &Principal,
    space: &str,
    op: &str,
    need: Privilege,
    type_id: &str,
    consumer: &str,
) -> KbResult<()> {
    let known = CONSUMERS.contains(&consumer);
    match rules_privilege(p, space) {
        Some(have) if have >= need && known => Ok(()),
        _ => Err(unauthorized(op, type_id, consumer)),
    }
}

/// The registered type, or Kibana's 400.
///
/// # Errors
/// `Rule type "<id>" is not registered.`
pub fn registered(sim: &Sim, type_id: &str) -> KbResult<RuleType> {
    super::rule_types::find(type_id, sim.config.alerting_fixtures).ok_or_else(|| {
        KibanaError::bad_request(format!("Rule type \"{type_id}\" is not registered."))
    })
}

/// The rule type's params check: `params invalid: ...` (400), then its params authorization.
///
/// # Errors
/// 400 for invalid params, 403 `Not authorized to set <param>`.
pub fn validate_params(t: &RuleType, params: &Map<String, Value>) -> KbResult<Map<String, Value>> {
    let checked = match &t.params {
        Some(fields) => schema::check_object(fields, params, "")
            .map_err(|e| KibanaError::bad_request(format!("params invalid: {e}")))?,
        None => params.clone(),
    };
    if let Some(p) = t
        .restricted_params
        .iter()
        .find(|p| checked.contains_key(**p))
    {
        return Err(KibanaError::forbidden(format!("Not authorized to set {p}")));
    }
    Ok(checked)
}

/// What a rule action's connector is.
enum Target {
    /// A saved connector of the rule's space.
    Space(String),
    Preconfigured(String),
    System(String),
}

/// Resolves the actions' connectors as the actions client's `getBulk` does for the caller:
/// connectors need `read` on actions in the space, and each must exist.
fn resolve(sim: &Sim, p: &Principal, space: &str, ids: &[&str]) -> KbResult<Vec<(String, Target)>> {
    if p.privilege_in(space).is_none() {
        return Err(KibanaError::forbidden("Unauthorized to get actions"));
    }
    let mut out = Vec::new();
    for id in ids {
        let target = if let Some(t) = id
            .strip_prefix("system-connector-")
            .and_then(|t| sim.registry.get(t))
            .filter(|t| t.system)
        {
            Target::System(t.id.clone())
        } else if let Some(pre) = sim.config.preconfigured.get(*id) {
            Target::Preconfigured(pre.action_type_id.clone())
        } else {
            match sim
                .store
                .connector(id)
                .ok()
                .flatten()
                .filter(|c| c.space == space)
            {
                Some(c) => Target::Space(c.type_id),
                None => {
                    return Err(KibanaError::bad_request(format!(
                        "Failed to load action {id} (404): Saved object [action/{id}] not found"
                    )));
                }
            }
        };
        out.push((id.to_string(), target));
    }
    Ok(out)
}

fn type_of(target: &Target) -> &str {
    match target {
        Target::Space(t) | Target::Preconfigured(t) | Target::System(t) => t,
    }
}

/// The request's actions as Kibana stores them, and the references for space connectors,
/// after `validateActions`' checks.
///
/// # Errors
/// 403 without actions privileges; 400 for an unknown connector or the summary of every
/// failed check (`Failed to validate actions due to the following error: ...`).
pub fn denormalize_actions(
    sim: &Sim,
    p: &Principal,
    space: &str,
    rule_type: &RuleType,
    body: &Map<String, Value>,
) -> KbResult<(Vec<Value>, Vec<Value>)> {
    let actions: Vec<Map<String, Value>> = body
        .get("actions")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|v| v.as_object().cloned()).collect())
        .unwrap_or_default();
    if actions.is_empty() {
        return Ok((Vec::new(), Vec::new()));
    }
    let mut ids: Vec<&str> = Vec::new();
    for a in &actions {
        let id = a.get("id").and_then(Value::as_str).unwrap_or_default();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    let targets = resolve(sim, p, space, &ids)?;
    let target = |id: &str| &targets.iter().find(|(t, _)| t == id).expect("resolved").1;
    let is_system = |a: &Map<String, Value>| {
        matches!(
            target(a["id"].as_str().unwrap_or_default()),
            Target::System(_)
        )
    };
    let default_actions: Vec<&Map<String, Value>> =
        actions.iter().filter(|a| !is_system(a)).collect();

    let mut errors = Vec::new();
    let uuids: Vec<&str> = actions
        .iter()
        .filter_map(|a| a.get("uuid").and_then(Value::as_str))
        .collect();
    let mut unique = uuids.clone();
    unique.sort_unstable();
    unique.dedup();
    if unique.len() < uuids.len() {
        errors.push("Actions have duplicated UUIDs".to_string());
    }
    let endpoint_security: Vec<&str> = default_actions
        .iter()
        .map(|a| type_of(target(a["id"].as_str().unwrap_or_default())))
        .filter(|t| {
            matches!(
                *t,
                ".sentinelone" | ".crowdstrike" | ".microsoft_defender_endpoint"
            )
        })
        .collect();
    if !endpoint_security.is_empty() {
        errors.push("Endpoint security connectors cannot be used as alerting actions".to_string());
    }
    let group_of = |a: &Map<String, Value>| {
        a.get("group")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let invalid_groups: Vec<String> = default_actions
        .iter()
        .map(|a| group_of(a))
        .filter(|g| !rule_type.has_group(g))
        .collect();
    if !invalid_groups.is_empty() {
        errors.push(format!(
            "Invalid action groups: {}",
            invalid_groups.join(", ")
        ));
    }
    let rule_level = body.get("notify_when").is_some_and(|v| !v.is_null())
        || body
            .get("throttle")
            .and_then(Value::as_str)
            .is_some_and(|t| !t.is_empty());
    if rule_level {
        let with: Vec<String> = default_actions
            .iter()
            .filter(|a| a.contains_key("frequency"))
            .map(|a| group_of(a))
            .collect();
        if !with.is_empty() {
            errors.push(format!(
                "Cannot specify per-action frequency params when notify_when or throttle are defined at the rule level: {}",
                with.join(", ")
            ));
        }
    } else {
        let without: Vec<String> = default_actions
            .iter()
            .filter(|a| !a.contains_key("frequency"))
            .map(|a| group_of(a))
            .collect();
        if !without.is_empty() {
            errors.push(format!(
                "Actions missing frequency parameters: {}",
                without.join(", ")
            ));
        }
    }
    let interval = body["schedule"]["interval"].as_str().unwrap_or_default();
    let schedule = duration_seconds(interval).unwrap_or(0);
    let too_often: Vec<String> = default_actions
        .iter()
        .filter_map(|a| {
            let f = a.get("frequency")?;
            let throttle = f["throttle"].as_str()?;
            (f["notify_when"] == "onThrottleInterval"
                && duration_seconds(throttle).unwrap_or(0) < schedule)
                .then(|| format!("{} ({throttle})", group_of(a)))
        })
        .collect();
    if !too_often.is_empty() {
        errors.push(format!(
            "Action frequency cannot be shorter than the schedule interval of {interval}: {}",
            too_often.join(", ")
        ));
    }
    if !errors.is_empty() {
        let summary = if errors.len() == 1 {
            format!(
                "Failed to validate actions due to the following error: {}",
                errors[0]
            )
        } else {
            format!(
                "Failed to validate actions due to the following {} errors:\n- {}",
                errors.len(),
                errors.join("\n- ")
            )
        };
        return Err(KibanaError::bad_request(summary));
    }

    let mut stored = Vec::new();
    let mut references = Vec::new();
    for (i, a) in actions.iter().enumerate() {
        let id = a["id"].as_str().unwrap_or_default();
        let uuid = a
            .get("uuid")
            .and_then(Value::as_str)
            .map_or_else(|| uuid::Uuid::new_v4().to_string(), str::to_owned);
        let t = target(id);
        let mut raw = json!({"params": a.get("params").cloned().unwrap_or(json!({})), "uuid": uuid,
                             "actionTypeId": type_of(t)});
        let action_ref = match t {
            Target::System(_) => format!("{SYSTEM_REF}{id}"),
            Target::Preconfigured(_) => format!("{PRECONFIGURED_REF}{id}"),
            Target::Space(_) => {
                let name = format!("action_{i}");
                references.push(json!({"id": id, "name": name, "type": "action"}));
                name
            }
        };
        raw["actionRef"] = json!(action_ref);
        if !matches!(t, Target::System(_)) {
            raw["group"] = json!(group_of(a));
            copy_action_options(&Value::Object(a.clone()), &mut raw, Direction::ToStored);
        }
        stored.push(raw);
    }
    Ok((stored, references))
}

/// The connector id an action points at: its reference's id for `action_<i>`, the id after
/// the prefix for preconfigured and system connectors.
pub fn action_connector_id(rule: &StoredRule, action: &Value) -> String {
    let action_ref = action["actionRef"].as_str().unwrap_or_default();
    if let Some(id) = action_ref
        .strip_prefix(PRECONFIGURED_REF)
        .or_else(|| action_ref.strip_prefix(SYSTEM_REF))
    {
        return id.to_string();
    }
    rule.references
        .iter()
        .find(|r| r["name"] == action_ref)
        .and_then(|r| r["id"].as_str())
        .unwrap_or_default()
        .to_string()
}

/// Whether a rule uses a connector: a reference to it, or a preconfigured or system
/// `actionRef` naming it (what `referenced_by_count` counts in `get_all`'s aggregation).
pub fn uses_connector(rule: &StoredRule, connector_id: &str) -> bool {
    rule.references
        .iter()
        .any(|r| r["type"] == "action" && r["id"] == connector_id)
        || rule.attributes["actions"]
            .as_array()
            .is_some_and(|actions| {
                actions.iter().any(|a| {
                    let r = a["actionRef"].as_str().unwrap_or_default();
                    r.strip_prefix(PRECONFIGURED_REF) == Some(connector_id)
                        || r.strip_prefix(SYSTEM_REF) == Some(connector_id)
                })
            })
}

fn wire_action(rule: &StoredRule, a: &Value) -> Value {
    let mut out = json!({"id": action_connector_id(rule, a), "params": a["params"],
                         "connector_type_id": a["actionTypeId"], "uuid": a["uuid"]});
    if a["actionRef"]
        .as_str()
        .is_some_and(|r| r.starts_with(SYSTEM_REF))
    {
        return out;
    }
    out["group"] = a["group"].clone();
    copy_action_options(a, &mut out, Direction::ToWire);
    out
}

/// Which way an action's keys are renamed.
#[derive(Clone, Copy)]
enum Direction {
    /// Request body (snake_case) to saved object (camelCase).
    ToStored,
    /// Saved object to response.
    ToWire,
}

/// The optional keys of a default action and of its frequency: (wire, stored).
const ACTION_OPTIONS: &[(&str, &str)] = &[
    ("alerts_filter", "alertsFilter"),
    ("use_alert_data_for_template", "useAlertDataForTemplate"),
];
const FREQUENCY_KEYS: &[(&str, &str)] = &[
    ("summary", "summary"),
    ("notify_when", "notifyWhen"),
    ("throttle", "throttle"),
];

/// Copies a default action's frequency and optional fields, renamed for the other side.
fn copy_action_options(from: &Value, to: &mut Value, direction: Direction) {
    let pick = |(wire, stored): &(&'static str, &'static str)| match direction {
        Direction::ToStored => (*wire, *stored),
        Direction::ToWire => (*stored, *wire),
    };
    if let Some(f) = from.get("frequency") {
        let mut renamed = Map::new();
        for pair in FREQUENCY_KEYS {
            let (src, dst) = pick(pair);
            renamed.insert(dst.into(), f.get(src).cloned().unwrap_or(Value::Null));
        }
        to["frequency"] = Value::Object(renamed);
    }
    for pair in ACTION_OPTIONS {
        let (src, dst) = pick(pair);
        if let Some(v) = from.get(src) {
            to[dst] = v.clone();
        }
    }
}

/// Attribute (camelCase, as stored) → response key (snake_case), in the response's order.
const WIRE_KEYS: &[(&str, &str)] = &[
    ("name", "name"),
    ("tags", "tags"),
    ("actions", "actions"),
    ("enabled", "enabled"),
    ("alertTypeId", "rule_type_id"),
    ("running", "running"),
    ("consumer", "consumer"),
    ("params", "params"),
    ("createdBy", "created_by"),
    ("schedule", "schedule"),
    ("scheduledTaskId", "scheduled_task_id"),
    ("createdAt", "created_at"),
    ("updatedAt", "updated_at"),
    ("throttle", "throttle"),
    ("notifyWhen", "notify_when"),
    ("updatedBy", "updated_by"),
    ("apiKeyOwner", "api_key_owner"),
    ("apiKeyCreatedByUser", "api_key_created_by_user"),
    ("muteAll", "mute_all"),
    ("mutedInstanceIds", "muted_alert_ids"),
    ("executionStatus", "execution_status"),
    ("revision", "revision"),
    ("flapping", "flapping"),
    ("alertDelay", "alert_delay"),
    ("artifacts", "artifacts"),
    ("lastRun", "last_run"),
    ("nextRun", "next_run"),
];

/// The response key of an attribute, or the attribute of a response key (for `fields`,
/// `sort_field` and `search_fields`, which Kibana takes in either form).
pub fn attribute_of(key: &str) -> Option<&'static str> {
    WIRE_KEYS
        .iter()
        .find(|(attr, wire)| *wire == key || *attr == key)
        .map(|(attr, _)| *attr)
}

/// The rule as the API answers it; keys whose value is absent are left out. With `fields`,
/// only those (and `id`).
pub fn to_wire(rule: &StoredRule, fields: Option<&[&str]>) -> Value {
    let mut out = Map::new();
    out.insert("id".into(), json!(rule.id));
    for (attr, wire) in WIRE_KEYS {
        if fields.is_some_and(|f| !f.iter().any(|k| attribute_of(k) == Some(attr))) {
            continue;
        }
        let Some(value) = rule.attributes.get(*attr) else {
            continue;
        };
        let value = match *attr {
            "actions" => Value::Array(
                value
                    .as_array()
                    .map(|a| a.iter().map(|x| wire_action(rule, x)).collect())
                    .unwrap_or_default(),
            ),
            "executionStatus" => json!({"status": value["status"],
                                        "last_execution_date": value["lastExecutionDate"]}),
            "flapping" if !value.is_null() => json!({"look_back_window": value["lookBackWindow"],
                                        "status_change_threshold": value["statusChangeThreshold"]}),
            _ => value.clone(),
        };
        out.insert((*wire).into(), value);
    }
    Value::Object(out)
}

/// A new rule from a create body that passed the route's schema: the rule type, the
/// caller's authorization, the params, then the actions, as `createRule` checks them.
///
/// # Errors
/// Kibana's 400 and 403 answers.
pub fn build_new(
    sim: &Sim,
    p: &Principal,
    space: &str,
    id: Option<String>,
    body: &Map<String, Value>,
    now: &str,
) -> KbResult<StoredRule> {
    let type_id = body["rule_type_id"].as_str().unwrap_or_default();
    let consumer = body["consumer"].as_str().unwrap_or_default();
    let rule_type = registered(sim, type_id)?;
    authorize(p, space, "create", Privilege::All, type_id, consumer)?;
    let params = body
        .get("params")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let params = validate_params(&rule_type, &params)?;
    let (actions, references) = denormalize_actions(sim, p, space, &rule_type, body)?;
    let id = id.unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    Ok(StoredRule {
        attributes: new_attributes(&id, body, params, actions, p.name(), now),
        id,
        space: space.to_string(),
        references,
    })
}

/// The attributes a create body gives (`createRule`): defaults, the creator, a pending
/// execution status and, when enabled, the task that would run it.
fn new_attributes(
    id: &str,
    body: &Map<String, Value>,
    params: Map<String, Value>,
    actions: Vec<Value>,
    user: &str,
    now: &str,
) -> Map<String, Value> {
    let enabled = body["enabled"].as_bool().unwrap_or(true);
    let mut a = json!({
        "name": body["name"], "tags": body["tags"], "alertTypeId": body["rule_type_id"],
        "consumer": body["consumer"], "enabled": enabled, "schedule": body["schedule"],
        "params": params, "actions": actions, "running": false,
        "createdBy": user, "updatedBy": user, "createdAt": now, "updatedAt": now,
        "apiKeyOwner": null, "apiKeyCreatedByUser": null, "muteAll": false,
        "mutedInstanceIds": [], "revision": 0, "throttle": null, "notifyWhen": null,
        "executionStatus": {"status": "pending", "lastExecutionDate": now},
    });
    // An enabled rule gets its API key (owned by the creator) and its task; a disabled one
    // neither (`group1/tests/alerting/find.ts`: `api_key_owner: null` for a disabled rule).
    if enabled {
        a["scheduledTaskId"] = json!(id);
        a["apiKeyOwner"] = json!(user);
        a["apiKeyCreatedByUser"] = json!(false);
    }
    set_optional(&mut a, body);
    a.as_object().cloned().unwrap_or_default()
}

/// The optional rule-level fields both create and update take.
fn set_optional(a: &mut Value, body: &Map<String, Value>) {
    for (key, attr) in [("throttle", "throttle"), ("notify_when", "notifyWhen")] {
        a[attr] = body.get(key).cloned().unwrap_or(Value::Null);
    }
    for (key, attr) in [("alert_delay", "alertDelay"), ("artifacts", "artifacts")] {
        match body.get(key) {
            Some(v) => a[attr] = v.clone(),
            None => {
                if let Some(o) = a.as_object_mut() {
                    o.remove(attr);
                }
            }
        }
    }
    match body.get("flapping") {
        Some(Value::Object(f)) => {
            a["flapping"] = json!({"lookBackWindow": f["look_back_window"],
                                   "statusChangeThreshold": f["status_change_threshold"]});
        }
        Some(Value::Null) => a["flapping"] = Value::Null,
        _ => {
            if let Some(o) = a.as_object_mut() {
                o.remove("flapping");
            }
        }
    }
}

/// An update's new attributes: the body's fields over the rule's, the revision bumped when
/// what the rule does changed (`incrementRevision`).
pub fn updated_attributes(
    current: &Map<String, Value>,
    body: &Map<String, Value>,
    params: Map<String, Value>,
    actions: Vec<Value>,
    user: &str,
    now: &str,
) -> Map<String, Value> {
    let mut a = Value::Object(current.clone());
    a["name"] = body["name"].clone();
    a["tags"] = body["tags"].clone();
    a["schedule"] = body["schedule"].clone();
    a["params"] = Value::Object(params);
    a["actions"] = Value::Array(actions);
    set_optional(&mut a, body);
    let changed = [
        "name",
        "tags",
        "schedule",
        "params",
        "actions",
        "throttle",
        "notifyWhen",
    ]
    .iter()
    .any(|k| current.get(*k) != a.get(*k));
    if changed {
        a["revision"] = json!(current["revision"].as_i64().unwrap_or(0) + 1);
    }
    a["updatedBy"] = json!(user);
    a["updatedAt"] = json!(now);
    a.as_object().cloned().unwrap_or_default()
}
