//! Kibana's alerting API integration tests for the rule routes, transcribed
//! (`x-pack/platform/test/alerting_api_integration/security_and_spaces/group1/tests/alerting/
//! {create,find,delete}.ts`), for every scenario user of `scenarios.ts`, against Kibana's test-server
//! settings (`kibana_ftr.yml`, whose fixture rule types are `test.noop` and `test.validation`).
//! Left out: the task-manager and AAD checks (the sim schedules no task), and the cases built
//! on the restricted fixture types (`test.restricted-noop`, `test.unrestricted-noop`), whose
//! per-feature privileges the sim does not model. The sim's own contract for the rest of the
//! routes (get, update, delete, enable, rule types, find's query forms, references) is in
//! `kibana_alerting/contract.rs`.

mod common;

#[path = "kibana_alerting/contract.rs"]
mod contract;
#[path = "kibana_actions/scenarios.rs"]
mod scenarios;

use common::send;
use reqwest::Method;
use scenarios::{SCENARIOS, Scenario, as_user, boom, ftr, prefix, untested};
use serde_json::{Value, json};

/// `getTestRuleData` (`common/lib/get_test_rule_data.ts`) with `overwrites`.
pub fn test_rule_data(overwrites: Value) -> Value {
    let mut rule = json!({"enabled": true, "name": "abc", "tags": ["foo"],
        "rule_type_id": "test.noop", "consumer": "alertsFixture",
        "schedule": {"interval": "1m"}, "throttle": "1m", "notify_when": "onThrottleInterval",
        "actions": [], "params": {}});
    for (k, v) in overwrites.as_object().unwrap() {
        if v.is_null() {
            rule.as_object_mut().unwrap().remove(k);
        } else {
            rule[k] = v.clone();
        }
    }
    rule
}

/// `getUnauthorizedErrorMessage(op, ruleTypeId, consumer)`.
fn unauthorized(op: &str, type_id: &str, consumer: &str) -> Value {
    boom(
        403,
        &format!("Unauthorized by \"{consumer}\" to {op} \"{type_id}\" rule"),
    )
}

async fn noop_connector(kb: &common::Kb, space: &str) -> Value {
    let (status, created) = send(kb.post(
        &format!("{}/api/actions/connector", prefix(space)),
        json!({"name": "MY action", "connector_type_id": "test.noop", "config": {}, "secrets": {}}),
    ))
    .await;
    assert_eq!(status, 200, "{created}");
    created
}

async fn create_as(kb: &common::Kb, s: &Scenario, rule: Value) -> (u16, Value) {
    send(
        as_user(
            kb,
            s,
            Method::POST,
            &format!("{}/api/alerting/rule", prefix(s.space)),
        )
        .json(&rule),
    )
    .await
}

/// create.ts: 'should handle create alert request appropriately'
#[tokio::test]
async fn create_should_handle_create_alert_request_appropriately() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let connector = noop_connector(&kb, s.space).await;
        let rule = test_rule_data(json!({
            "actions": [{"id": connector["id"], "group": "default", "params": {}}],
            "flapping": {"look_back_window": 10, "status_change_threshold": 10},
        }));
        let (status, body) = create_as(&kb, s, rule).await;
        match s.id {
            "no_kibana_privileges at space1"
            | "global_read at space1"
            | "space_1_all at space2" => {
                assert_eq!(status, 403, "{}", s.id);
                assert_eq!(
                    body,
                    unauthorized("create", "test.noop", "alertsFixture"),
                    "{}",
                    s.id
                );
            }
            "space_1_all_alerts_none_actions at space1" => {
                assert_eq!(status, 403, "{}", s.id);
                assert_eq!(body, boom(403, "Unauthorized to get actions"), "{}", s.id);
            }
            "superuser at space1"
            | "space_1_all at space1"
            | "space_1_all_with_restricted_fixture at space1" => {
                assert_eq!(status, 200, "{}: {body}", s.id);
                let want = json!({
                    "id": body["id"], "name": "abc", "tags": ["foo"],
                    "actions": [{"id": connector["id"], "connector_type_id": connector["connector_type_id"],
                                 "group": "default", "params": {}, "uuid": body["actions"][0]["uuid"]}],
                    "enabled": true, "rule_type_id": "test.noop", "running": false,
                    "consumer": "alertsFixture", "params": {}, "created_by": s.user,
                    "schedule": {"interval": "1m"}, "scheduled_task_id": body["scheduled_task_id"],
                    "created_at": body["created_at"], "updated_at": body["updated_at"],
                    "throttle": "1m", "notify_when": "onThrottleInterval", "updated_by": s.user,
                    "api_key_owner": s.user, "api_key_created_by_user": false, "mute_all": false,
                    "muted_alert_ids": [], "execution_status": body["execution_status"], "revision": 0,
                    "flapping": {"look_back_window": 10, "status_change_threshold": 10},
                });
                assert_eq!(body, want, "{}", s.id);
                assert!(body["scheduled_task_id"].is_string());
                for key in ["created_at", "updated_at"] {
                    let at = body[key].as_str().unwrap();
                    assert!(
                        time::OffsetDateTime::parse(
                            at,
                            &time::format_description::well_known::Rfc3339
                        )
                        .is_ok(),
                        "{key}: {at}"
                    );
                }
            }
            _ => untested(s),
        }
    }
}

/// create.ts: 'should handle create alert request appropriately when consumer is "alerts"',
/// '... when consumer is unknown', '... when an alert is disabled ' and '... when alert name has
/// leading and trailing whitespaces'
#[tokio::test]
async fn create_consumers_disabled_rules_and_names() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let denied = matches!(
            s.id,
            "no_kibana_privileges at space1" | "global_read at space1" | "space_1_all at space2"
        );
        let cases = [
            (json!({"consumer": "alerts"}), "alerts"),
            (
                json!({"consumer": "some consumer patrick invented"}),
                "some consumer patrick invented",
            ),
            (json!({"enabled": false}), "alertsFixture"),
            (
                json!({"name": " leading and trailing whitespace "}),
                "alertsFixture",
            ),
        ];
        for (overwrites, consumer) in cases {
            let (status, body) = create_as(&kb, s, test_rule_data(overwrites.clone())).await;
            if denied || consumer == "some consumer patrick invented" {
                assert_eq!(status, 403, "{} {overwrites}", s.id);
                assert_eq!(
                    body,
                    unauthorized("create", "test.noop", consumer),
                    "{}",
                    s.id
                );
                continue;
            }
            match s.id {
                "superuser at space1"
                | "space_1_all at space1"
                | "space_1_all_alerts_none_actions at space1"
                | "space_1_all_with_restricted_fixture at space1" => {
                    assert_eq!(status, 200, "{} {overwrites}: {body}", s.id);
                    if overwrites["enabled"] == false {
                        assert!(body.get("scheduled_task_id").is_none(), "{body}");
                    }
                    if let Some(name) = overwrites["name"].as_str() {
                        assert_eq!(body["name"], name);
                    }
                }
                _ => untested(s),
            }
        }
    }
}

/// create.ts: '... when alert type is unregistered', '... when payload is empty and invalid',
/// `... when params isn't valid`, '... when interval schedule is wrong syntax' and '... when
/// interval schedule is 0'
#[tokio::test]
async fn create_refuses_bad_bodies_in_kibanas_order() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let cases = [
            (
                test_rule_data(json!({"rule_type_id": "test.unregistered-alert-type"})),
                boom(
                    400,
                    "Rule type \"test.unregistered-alert-type\" is not registered.",
                ),
            ),
            (
                json!({}),
                boom(
                    400,
                    "[request body.name]: expected value of type [string] but got [undefined]",
                ),
            ),
            (
                test_rule_data(json!({"schedule": {"interval": "10x"}})),
                boom(
                    400,
                    "[request body.schedule.interval]: string is not a valid duration: 10x",
                ),
            ),
            (
                test_rule_data(json!({"schedule": {"interval": "0s"}})),
                boom(
                    400,
                    "[request body.schedule.interval]: string is not a valid duration: 0s",
                ),
            ),
        ];
        for (rule, want) in cases {
            let (status, body) = create_as(&kb, s, rule).await;
            assert_eq!(status, 400, "{}", s.id);
            assert_eq!(body, want, "{}", s.id);
        }
        let (status, body) = create_as(
            &kb,
            s,
            test_rule_data(json!({"rule_type_id": "test.validation"})),
        )
        .await;
        match s.id {
            "no_kibana_privileges at space1"
            | "global_read at space1"
            | "space_1_all at space2" => {
                assert_eq!(status, 403, "{}", s.id);
                assert_eq!(
                    body,
                    unauthorized("create", "test.validation", "alertsFixture")
                );
            }
            "superuser at space1"
            | "space_1_all at space1"
            | "space_1_all_alerts_none_actions at space1"
            | "space_1_all_with_restricted_fixture at space1" => {
                assert_eq!(status, 400, "{}", s.id);
                assert_eq!(
                    body,
                    boom(
                        400,
                        "params invalid: [param1]: expected value of type [string] but got [undefined]"
                    )
                );
            }
            _ => untested(s),
        }
    }
}

/// create.ts: 'rule type params authorization' › 'creates the rule when the rule type params
/// authorization passes' and 'rejects the rule when the rule type params authorization throws'
#[tokio::test]
async fn create_rule_type_params_authorization() {
    let kb = ftr().await;
    let superuser = &SCENARIOS[1];
    let (status, _) = create_as(
        &kb,
        superuser,
        test_rule_data(json!({"rule_type_id": "test.validation", "params": {"param1": "test"}})),
    )
    .await;
    assert_eq!(status, 200);
    let (status, body) = create_as(
        &kb,
        superuser,
        test_rule_data(json!({"rule_type_id": "test.validation", "params": {"param1": "test", "param2": true}})),
    )
    .await;
    assert_eq!(status, 403);
    assert_eq!(body, boom(403, "Not authorized to set param2"));
}

async fn find_as(kb: &common::Kb, s: &Scenario, query: &str) -> (u16, Value) {
    send(as_user(
        kb,
        s,
        Method::GET,
        &format!("{}/api/alerting/rules/_find?{query}", prefix(s.space)),
    ))
    .await
}

async fn create_as_elastic(kb: &common::Kb, space: &str, rule: Value) -> Value {
    let (status, created) =
        send(kb.post(&format!("{}/api/alerting/rule", prefix(space)), rule)).await;
    assert_eq!(status, 200, "{created}");
    created
}

/// find.ts's split of the scenarios: users without alerting privileges in the space get the
/// 403 (None); the others a 200 page, returned.
fn found_or_forbidden(s: &Scenario, status: u16, body: Value) -> Option<Value> {
    match s.id {
        "no_kibana_privileges at space1" | "space_1_all at space2" => {
            assert_eq!(status, 403, "{}", s.id);
            assert_eq!(
                body,
                boom(403, "Unauthorized to find rules for any rule types.")
            );
            None
        }
        "global_read at space1"
        | "superuser at space1"
        | "space_1_all at space1"
        | "space_1_all_alerts_none_actions at space1"
        | "space_1_all_with_restricted_fixture at space1" => {
            assert_eq!(status, 200, "{}: {body}", s.id);
            Some(body)
        }
        _ => untested(s),
    }
}

/// find.ts: 'should handle find alert request appropriately'
#[tokio::test]
async fn find_should_handle_find_alert_request_appropriately() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let connector = noop_connector(&kb, s.space).await;
        let created = create_as_elastic(
            &kb,
            s.space,
            test_rule_data(json!({
                "actions": [{"group": "default", "id": connector["id"], "params": {},
                             "frequency": {"summary": false, "notify_when": "onThrottleInterval", "throttle": "1m"}}],
                "notify_when": null, "throttle": null,
            })),
        )
        .await;
        let (status, body) = find_as(&kb, s, "search=test.noop&search_fields=alertTypeId").await;
        if let Some(body) = found_or_forbidden(s, status, body) {
            {
                assert_eq!(body["page"], 1);
                assert!(body["per_page"].as_u64().unwrap() > 0);
                assert!(body["total"].as_u64().unwrap() > 0);
                let found = body["data"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|r| r["id"] == created["id"])
                    .expect("the rule is found");
                let want = json!({
                    "id": created["id"], "name": "abc", "tags": ["foo"], "rule_type_id": "test.noop",
                    "running": false, "consumer": "alertsFixture", "schedule": {"interval": "1m"},
                    "enabled": true,
                    "actions": [{"group": "default", "id": connector["id"], "connector_type_id": "test.noop",
                                 "params": {}, "uuid": found["actions"][0]["uuid"],
                                 "frequency": {"summary": false, "notify_when": "onThrottleInterval", "throttle": "1m"}}],
                    "params": {}, "created_by": "elastic", "scheduled_task_id": found["scheduled_task_id"],
                    "created_at": found["created_at"], "updated_at": found["updated_at"],
                    "throttle": null, "notify_when": null, "updated_by": "elastic",
                    "api_key_owner": "elastic", "api_key_created_by_user": false, "mute_all": false,
                    "muted_alert_ids": [], "revision": 0, "execution_status": found["execution_status"],
                });
                assert_eq!(found, &want, "{}", s.id);
            }
        }
    }
}

/// find.ts: 'should handle find alert request with filter appropriately'
#[tokio::test]
async fn find_should_handle_find_alert_request_with_filter_appropriately() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let connector = noop_connector(&kb, s.space).await;
        let created = create_as_elastic(
            &kb,
            s.space,
            test_rule_data(json!({"enabled": false,
                "actions": [{"id": connector["id"], "group": "default", "params": {}}]})),
        )
        .await;
        let (status, body) = find_as(
            &kb,
            s,
            "filter=alert.attributes.actions:{ actionTypeId: test.noop }",
        )
        .await;
        if let Some(body) = found_or_forbidden(s, status, body) {
            {
                let found = body["data"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|r| r["id"] == created["id"])
                    .expect("the rule is found");
                let want = json!({
                    "id": created["id"], "name": "abc", "tags": ["foo"], "rule_type_id": "test.noop",
                    "running": false, "consumer": "alertsFixture", "schedule": {"interval": "1m"},
                    "enabled": false,
                    "actions": [{"id": connector["id"], "group": "default", "connector_type_id": "test.noop",
                                 "params": {}, "uuid": created["actions"][0]["uuid"]}],
                    "params": {}, "created_by": "elastic", "throttle": "1m",
                    "api_key_created_by_user": null, "updated_by": "elastic", "api_key_owner": null,
                    "mute_all": false, "muted_alert_ids": [], "notify_when": "onThrottleInterval",
                    "created_at": found["created_at"], "updated_at": found["updated_at"],
                    "execution_status": found["execution_status"], "revision": 0,
                });
                assert_eq!(found, &want, "{}", s.id);
            }
        }
    }
}

/// find.ts: 'should filter out types that the user is not authorized to `get` retaining
/// pagination', for the rules of the one type every privileged scenario may read: the first
/// page and the second of `per_page=4&sort_field=createdAt`.
#[tokio::test]
async fn find_pages_in_creation_order() {
    let kb = ftr().await;
    let s = &SCENARIOS[1];
    let mut ids = Vec::new();
    for _ in 0..6 {
        ids.push(create_as_elastic(&kb, s.space, test_rule_data(json!({}))).await["id"].clone());
    }
    let (status, first) = find_as(&kb, s, "per_page=4&sort_field=createdAt").await;
    assert_eq!(status, 200);
    assert_eq!(
        (
            first["page"].clone(),
            first["per_page"].clone(),
            first["total"].clone()
        ),
        (json!(1), json!(4), json!(6))
    );
    let got: Vec<Value> = first["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].clone())
        .collect();
    assert_eq!(got, ids[..4]);
    let (_, second) = find_as(&kb, s, "per_page=4&sort_field=createdAt&page=2").await;
    let got: Vec<Value> = second["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].clone())
        .collect();
    assert_eq!(got, ids[4..]);
}

async fn delete_as(kb: &common::Kb, s: &Scenario, space: &str, id: &str) -> (u16, Value) {
    send(as_user(
        kb,
        s,
        Method::DELETE,
        &format!("{}/api/alerting/rule/{id}", prefix(space)),
    ))
    .await
}

/// delete.ts: 'should handle delete alert request appropriately' and '... when consumer is
/// "alerts"' (the task checks left out: the sim schedules no task)
#[tokio::test]
async fn delete_should_handle_delete_alert_request_appropriately() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        for consumer in ["alertsFixture", "alerts"] {
            let created =
                create_as_elastic(&kb, s.space, test_rule_data(json!({"consumer": consumer})))
                    .await;
            let id = created["id"].as_str().unwrap();
            let (status, body) = delete_as(&kb, s, s.space, id).await;
            match s.id {
                "no_kibana_privileges at space1"
                | "space_1_all at space2"
                | "global_read at space1" => {
                    assert_eq!(status, 403, "{} {consumer}", s.id);
                    assert_eq!(body, unauthorized("delete", "test.noop", consumer));
                }
                "superuser at space1"
                | "space_1_all at space1"
                | "space_1_all_alerts_none_actions at space1"
                | "space_1_all_with_restricted_fixture at space1" => {
                    assert_eq!(status, 204, "{} {consumer}: {body}", s.id);
                    let (status, _) =
                        send(kb.get(&format!("{}/api/alerting/rule/{id}", prefix(s.space)))).await;
                    assert_eq!(status, 404, "deleted");
                }
                _ => untested(s),
            }
        }
    }
}

/// delete.ts: `shouldn't delete alert from another space`
#[tokio::test]
async fn delete_shouldnt_delete_alert_from_another_space() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let created = create_as_elastic(&kb, s.space, test_rule_data(json!({}))).await;
        let id = created["id"].as_str().unwrap();
        let (status, body) = delete_as(&kb, s, "other", id).await;
        assert_eq!(status, 404, "{}", s.id);
        assert_eq!(
            body,
            boom(404, &format!("Saved object [alert/{id}] not found"))
        );
    }
}
