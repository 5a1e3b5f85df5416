//! Kibana's `spaces_only` actions API tests, transcribed
//! (`x-pack/platform/test/alerting_api_integration/spaces_only/tests/actions/`). That suite
//! runs Kibana without the security plugin, so no request authenticates; here every request is
//! the superuser's, which Kibana's authorization lets through the same way. Settings are
//! Kibana's test server's (`kibana_ftr.yml`), on the newest line (9.5).

mod common;

use common::{Kb, send};
use kibana_sim::store::StoredConnector;
use serde_json::{Map, json};

/// type_not_enabled.ts: `PREWRITTEN_CONNECTOR_ID`, which Kibana loads from the
/// `x-pack/platform/test/fixtures/es_archives/actions` archive: a connector saved before its
/// type was disabled.
const PREWRITTEN_CONNECTOR_ID: &str = "uuid-actionId";

async fn with_prewritten_connector() -> Kb {
    let kb = Kb::start(include_str!("kibana_ftr.yml")).await;
    kb.sim
        .state
        .store
        .insert_connector(&StoredConnector {
            id: PREWRITTEN_CONNECTOR_ID.into(),
            space: "default".into(),
            type_id: "test.not-enabled".into(),
            name: "an action created before test.not-enabled was disabled".into(),
            config: Map::new(),
            secrets: Map::new(),
        })
        .expect("the archive's connector");
    kb
}

fn not_enabled() -> serde_json::Value {
    json!({"statusCode": 403, "error": "Forbidden",
           "message": "action type \"test.not-enabled\" is not enabled in the Kibana config xpack.actions.enabledActionTypes"})
}

fn prewritten() -> serde_json::Value {
    json!({"connector_type_id": "test.not-enabled", "config": {}, "id": "uuid-actionId",
           "is_preconfigured": false, "is_deprecated": false, "is_system_action": false,
           "is_missing_secrets": false, "name": "an action created before test.not-enabled was disabled",
           "is_connector_type_deprecated": false, "auth_mode": "shared"})
}

/// type_not_enabled.ts: 'should handle create connector with disabled connector type request appropriately'
#[tokio::test]
async fn type_not_enabled_create() {
    let kb = with_prewritten_connector().await;
    let (status, body) = send(kb.post(
        "/api/actions/connector",
        json!({"name": "My connector", "connector_type_id": "test.not-enabled"}),
    ))
    .await;
    assert_eq!(status, 403);
    assert_eq!(body, not_enabled());
}

/// type_not_enabled.ts: `should handle execute request with disabled connector type appropriately`
#[tokio::test]
async fn type_not_enabled_execute() {
    let kb = with_prewritten_connector().await;
    let (status, body) = send(kb.post(
        &format!("/api/actions/connector/{PREWRITTEN_CONNECTOR_ID}/_execute"),
        json!({"params": {}}),
    ))
    .await;
    assert_eq!(status, 403);
    assert_eq!(body, not_enabled());
}

/// type_not_enabled.ts: 'should handle get connector request with disabled connector type appropriately'
#[tokio::test]
async fn type_not_enabled_get() {
    let kb = with_prewritten_connector().await;
    let (status, body) =
        send(kb.get(&format!("/api/actions/connector/{PREWRITTEN_CONNECTOR_ID}"))).await;
    assert_eq!(status, 200);
    assert_eq!(body, prewritten());
}

/// type_not_enabled.ts: 'should handle update connector request with disabled connector type appropriately'
#[tokio::test]
async fn type_not_enabled_update() {
    let kb = with_prewritten_connector().await;
    let (status, body) = send(kb.put(
        &format!("/api/actions/connector/{PREWRITTEN_CONNECTOR_ID}"),
        json!({"name": "an action created before test.not-enabled was disabled (updated)"}),
    ))
    .await;
    assert_eq!(status, 403);
    assert_eq!(body, not_enabled());
    let (status, body) =
        send(kb.get(&format!("/api/actions/connector/{PREWRITTEN_CONNECTOR_ID}"))).await;
    assert_eq!(status, 200);
    assert_eq!(body, prewritten(), "nothing changed");
}

/// type_not_enabled.ts: 'should handle delete connector request with disabled connector type appropriately'
#[tokio::test]
async fn type_not_enabled_delete() {
    let kb = with_prewritten_connector().await;
    let (status, _) =
        send(kb.delete(&format!("/api/actions/connector/{PREWRITTEN_CONNECTOR_ID}"))).await;
    assert_eq!(status, 204);
    let (status, _) =
        send(kb.get(&format!("/api/actions/connector/{PREWRITTEN_CONNECTOR_ID}"))).await;
    assert_eq!(status, 404);
}

fn index_record_in_space1() -> serde_json::Value {
    json!({"name": "My connector", "connector_type_id": "test.index-record",
           "config": {"unencrypted": "This value shouldn't get encrypted"},
           "secrets": {"encrypted": "This value should be encrypted"}})
}

/// get.ts: 'should handle get connector request appropriately'
#[tokio::test]
async fn get_should_handle_get_connector_request_appropriately() {
    let kb = Kb::start(include_str!("kibana_ftr.yml")).await;
    let (status, created) =
        send(kb.post("/s/space1/api/actions/connector", index_record_in_space1())).await;
    assert_eq!(status, 200);
    let id = created["id"].as_str().unwrap();
    let (status, body) = send(kb.get(&format!("/s/space1/api/actions/connector/{id}"))).await;
    assert_eq!(status, 200);
    assert_eq!(
        body,
        json!({"id": id, "is_preconfigured": false, "is_deprecated": false, "is_missing_secrets": false,
               "is_system_action": false, "connector_type_id": "test.index-record", "name": "My connector",
               "config": {"unencrypted": "This value shouldn't get encrypted"},
               "is_connector_type_deprecated": false, "auth_mode": "shared"})
    );
}

/// get.ts: `connector should't be acessible from another space`
#[tokio::test]
async fn get_connector_shouldnt_be_accessible_from_another_space() {
    let kb = Kb::start(include_str!("kibana_ftr.yml")).await;
    let (_, created) =
        send(kb.post("/s/space1/api/actions/connector", index_record_in_space1())).await;
    let id = created["id"].as_str().unwrap();
    let (status, body) = send(kb.get(&format!("/s/other/api/actions/connector/{id}"))).await;
    assert_eq!(status, 404);
    assert_eq!(
        body,
        json!({"statusCode": 404, "error": "Not Found", "message": format!("Saved object [action/{id}] not found")})
    );
}

/// get.ts: 'should handle get a preconfigured connector', 'should return 404 when trying to get
/// a system connector' and 'should handle get a deprecated connector'
#[tokio::test]
async fn get_preconfigured_system_and_deprecated_connectors() {
    let kb = Kb::start(include_str!("kibana_ftr.yml")).await;
    let (status, body) = send(kb.get("/s/space1/api/actions/connector/my-slack1")).await;
    assert_eq!(status, 200);
    assert_eq!(
        body,
        json!({"id": "my-slack1", "is_preconfigured": true, "is_deprecated": false, "is_system_action": false,
               "connector_type_id": ".slack", "name": "Slack#xyz", "is_connector_type_deprecated": false,
               "auth_mode": "shared"})
    );
    let (status, _) =
        send(kb.get("/s/space1/api/actions/connector/system-connector-test.system-action")).await;
    assert_eq!(status, 404);
    for id in [
        "my-deprecated-servicenow",
        "my-deprecated-servicenow-default",
    ] {
        let (status, body) = send(kb.get(&format!("/s/space1/api/actions/connector/{id}"))).await;
        assert_eq!(status, 200);
        assert_eq!(
            body,
            json!({"id": id, "is_preconfigured": true, "is_deprecated": true, "is_system_action": false,
                   "connector_type_id": ".servicenow", "name": "ServiceNow#xyz",
                   "is_connector_type_deprecated": false, "auth_mode": "shared"})
        );
    }
}

/// The copy of create.ts read still has the legacy routes and no `is_connector_type_deprecated`:
/// an 8.x Kibana, so these cases run on the 8.19 line.
async fn on_8_19() -> Kb {
    Kb::start(&format!(
        "sim.version: 8.19.0\n{}",
        include_str!("kibana_ftr.yml")
    ))
    .await
}

/// create.ts: 'should handle create connector request appropriately'
#[tokio::test]
async fn create_should_handle_create_connector_request_appropriately() {
    let kb = on_8_19().await;
    let mut body = index_record_in_space1();
    body["name"] = json!("My action");
    let (status, created) = send(kb.post("/s/space1/api/actions/connector", body)).await;
    assert_eq!(status, 200);
    assert!(created["id"].is_string());
    assert_eq!(
        created,
        json!({"id": created["id"], "is_preconfigured": false, "is_deprecated": false, "name": "My action",
               "connector_type_id": "test.index-record", "is_missing_secrets": false, "is_system_action": false,
               "config": {"unencrypted": "This value shouldn't get encrypted"}})
    );
}

/// create.ts: 'should handle create action request appropriately when empty strings are submitted'
#[tokio::test]
async fn create_when_empty_strings_are_submitted() {
    let kb = on_8_19().await;
    let (status, body) = send(kb.post(
        "/s/space1/api/actions/connector",
        json!({"name": "My action", "connector_type_id": "test.index-record",
               "config": {"unencrypted": " "}, "secrets": {"encrypted": "This value should be encrypted"}}),
    ))
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        body,
        json!({"statusCode": 400, "error": "Bad Request",
               "message": "[request body.config.unencrypted]: value '' is not valid"})
    );
}

/// create.ts: `shouldn't create a preconfigured action with the same id as an existing one`
/// and `shouldn't create a system action`
#[tokio::test]
async fn create_no_preconfigured_id_and_no_system_action() {
    let kb = on_8_19().await;
    let (status, body) = send(kb.post(
        "/s/space1/api/actions/connector/custom-system-abc-connector",
        json!({"name": "My action", "connector_type_id": "system-abc-action-type", "config": {}, "secrets": {}}),
    ))
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        body,
        json!({"statusCode": 400, "error": "Bad Request",
               "message": "This custom-system-abc-connector already exists in a preconfigured action."})
    );
    let (status, body) = send(kb.post(
        "/s/space1/api/actions/connector",
        json!({"name": "My system action", "connector_type_id": "test.system-action", "config": {}, "secrets": {}}),
    ))
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        body,
        json!({"statusCode": 400, "error": "Bad Request",
               "message": "System action creation is forbidden. Action type: test.system-action."})
    );
}

/// create.ts: legacy 'should handle create action request appropriately'
#[tokio::test]
async fn create_legacy_should_handle_create_action_request_appropriately() {
    let kb = on_8_19().await;
    let (status, created) = send(kb.post(
        "/s/space1/api/actions/action",
        json!({"name": "My action", "actionTypeId": "test.index-record",
               "config": {"unencrypted": "This value shouldn't get encrypted"},
               "secrets": {"encrypted": "This value should be encrypted"}}),
    ))
    .await;
    assert_eq!(status, 200, "{created}");
    assert!(created["id"].is_string());
    assert_eq!(
        created,
        json!({"id": created["id"], "isPreconfigured": false, "isDeprecated": false, "name": "My action",
               "actionTypeId": "test.index-record", "isMissingSecrets": false, "isSystemAction": false,
               "config": {"unencrypted": "This value shouldn't get encrypted"}})
    );
}

fn updated_body() -> serde_json::Value {
    json!({"name": "My action updated", "config": {"unencrypted": "This value shouldn't get encrypted"},
           "secrets": {"encrypted": "This value should be encrypted"}})
}

/// update.ts: 'should handle update action request appropriately', then `shouldn't update
/// action from another space` (through the legacy route, as the copy does). The copy read has
/// the legacy routes: 8.19.
#[tokio::test]
async fn update_should_handle_update_action_request_appropriately() {
    let kb = on_8_19().await;
    let mut body = index_record_in_space1();
    body["name"] = json!("My action");
    let (_, created) = send(kb.post("/s/space1/api/actions/connector", body.clone())).await;
    let id = created["id"].as_str().unwrap();
    let (status, updated) = send(kb.put(
        &format!("/s/space1/api/actions/connector/{id}"),
        updated_body(),
    ))
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        updated,
        json!({"id": id, "is_preconfigured": false, "is_system_action": false, "is_deprecated": false,
               "connector_type_id": "test.index-record", "is_missing_secrets": false, "name": "My action updated",
               "config": {"unencrypted": "This value shouldn't get encrypted"}})
    );
    let (_, other) = send(kb.post("/s/space1/api/actions/connector", body)).await;
    let other_id = other["id"].as_str().unwrap();
    let (status, refused) = send(kb.put(
        &format!("/s/other/api/actions/action/{other_id}"),
        updated_body(),
    ))
    .await;
    assert_eq!(status, 404);
    assert_eq!(
        refused,
        json!({"statusCode": 404, "error": "Not Found", "message": format!("Saved object [action/{other_id}] not found")})
    );
}

/// update.ts: `shouldn't update a preconfigured connector`, `shouldn't update a system
/// connector` and 'should handle update action request appropriately when empty strings are
/// submitted', through the current routes and (the first two) the legacy ones
#[tokio::test]
async fn update_refuses_preconfigured_system_and_blank_names() {
    let kb = on_8_19().await;
    for route in ["connector", "action"] {
        let (status, body) = send(kb.put(
            &format!("/s/space1/api/actions/{route}/custom-system-abc-connector"),
            updated_body(),
        ))
        .await;
        assert_eq!(status, 400, "{route}");
        assert_eq!(
            body,
            json!({"statusCode": 400, "error": "Bad Request",
                   "message": "Preconfigured action custom-system-abc-connector can not be updated."})
        );
        let (status, body) = send(kb.put(
            &format!("/s/space1/api/actions/{route}/system-connector-test.system-action"),
            updated_body(),
        ))
        .await;
        assert_eq!(status, 400, "{route}");
        assert_eq!(
            body,
            json!({"statusCode": 400, "error": "Bad Request",
                   "message": "System action system-connector-test.system-action can not be updated."})
        );
    }
    let mut blank = updated_body();
    blank["name"] = json!(" ");
    let (status, body) = send(kb.put(
        "/s/space1/api/actions/connector/custom-system-abc-connector",
        blank,
    ))
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        body,
        json!({"statusCode": 400, "error": "Bad Request", "message": "[request body.name]: value '' is not valid"})
    );
}

/// update.ts: legacy 'should handle update action request appropriately'
#[tokio::test]
async fn update_legacy_should_handle_update_action_request_appropriately() {
    let kb = on_8_19().await;
    let (status, created) = send(kb.post(
        "/s/space1/api/actions/action",
        json!({"name": "My action", "actionTypeId": "test.index-record",
               "config": {"unencrypted": "This value shouldn't get encrypted"},
               "secrets": {"encrypted": "This value should be encrypted"}}),
    ))
    .await;
    assert_eq!(status, 200);
    let id = created["id"].as_str().unwrap();
    let (status, updated) = send(kb.put(
        &format!("/s/space1/api/actions/action/{id}"),
        updated_body(),
    ))
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        updated,
        json!({"id": id, "isPreconfigured": false, "isDeprecated": false, "isSystemAction": false,
               "actionTypeId": "test.index-record", "isMissingSecrets": false, "name": "My action updated",
               "config": {"unencrypted": "This value shouldn't get encrypted"}})
    );
}

/// delete.ts: 'should handle delete connector request appropriately', `shouldn't delete
/// connector from another space`, `should handle delete request appropriately when connector
/// doesn't exist`, `shouldn't delete a preconfigured connector` and `shouldn't delete a system
/// action` (no line-specific field in the copy: every line)
#[tokio::test]
async fn delete_cases_in_every_line() {
    for version in ["8.19.0", "9.2.0", "9.5.0"] {
        let kb = Kb::start(&format!(
            "sim.version: {version}\n{}",
            include_str!("kibana_ftr.yml")
        ))
        .await;
        let (_, created) =
            send(kb.post("/s/space1/api/actions/connector", index_record_in_space1())).await;
        let id = created["id"].as_str().unwrap().to_string();
        let resp = kb
            .delete(&format!("/s/space1/api/actions/connector/{id}"))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), 204, "{version}");
        assert_eq!(resp.text().await.unwrap(), "");

        let (_, kept) =
            send(kb.post("/s/space1/api/actions/connector", index_record_in_space1())).await;
        let kept = kept["id"].as_str().unwrap().to_string();
        let cases = [
            (
                format!("/s/other/api/actions/connector/{kept}"),
                404,
                "Not Found",
                format!("Saved object [action/{kept}] not found"),
            ),
            (
                "/s/space1/api/actions/connector/2".to_string(),
                404,
                "Not Found",
                "Saved object [action/2] not found".to_string(),
            ),
            (
                "/s/space1/api/actions/connector/my-slack1".to_string(),
                400,
                "Bad Request",
                "Preconfigured action my-slack1 is not allowed to delete.".to_string(),
            ),
            (
                "/s/space1/api/actions/connector/system-connector-test.system-action".to_string(),
                400,
                "Bad Request",
                "System action system-connector-test.system-action is not allowed to delete."
                    .to_string(),
            ),
        ];
        for (path, status, error, message) in cases {
            let (got, body) = send(kb.delete(&path)).await;
            assert_eq!(got, status, "{version} {path}");
            assert_eq!(
                body,
                json!({"statusCode": status, "error": error, "message": message}),
                "{version}"
            );
        }
    }
}

/// execute.ts: 'should handle execute request appropriately' (event log left out)
#[tokio::test]
async fn execute_should_handle_execute_request_appropriately() {
    let kb = Kb::start(include_str!("kibana_ftr.yml")).await;
    let (_, created) =
        send(kb.post("/s/space1/api/actions/connector", index_record_in_space1())).await;
    let id = created["id"].as_str().unwrap();
    let reference = format!("actions-execute-1:space1:{id}");
    let (status, body) = send(kb.post(
        &format!("/s/space1/api/actions/connector/{id}/_execute"),
        json!({"params": {"reference": reference, "index": ".kibana-alerting-test-data", "message": "Testing 123"}}),
    ))
    .await;
    assert_eq!(status, 200);
    assert!(body.is_object());
    let (_, docs) = kb
        .sim
        .state
        .store
        .documents(".kibana-alerting-test-data", 100)
        .unwrap();
    let found: Vec<_> = docs
        .into_iter()
        .map(|(_, mut d)| {
            d.as_object_mut().unwrap().remove("@timestamp");
            d
        })
        .filter(|d| d["reference"] == reference.as_str())
        .collect();
    assert_eq!(
        found,
        [
            json!({"params": {"reference": reference, "index": ".kibana-alerting-test-data", "message": "Testing 123"},
                "config": {"unencrypted": "This value shouldn't get encrypted"},
                "secrets": {"encrypted": "This value should be encrypted"},
                "reference": reference, "source": "action:test.index-record"})
        ]
    );
}

/// execute.ts: 'should handle failed executions' (event log left out)
#[tokio::test]
async fn execute_should_handle_failed_executions() {
    let kb = Kb::start(include_str!("kibana_ftr.yml")).await;
    let (status, created) = send(kb.post(
        "/s/space1/api/actions/connector",
        json!({"name": "failing connector", "connector_type_id": "test.failing"}),
    ))
    .await;
    assert_eq!(status, 200, "{created}");
    let id = created["id"].as_str().unwrap();
    let reference = "actions-failure-1:space1";
    let (status, body) = send(kb.post(
        &format!("/s/space1/api/actions/connector/{id}/_execute"),
        json!({"params": {"reference": reference, "index": ".kibana-alerting-test-data"}}),
    ))
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        body,
        json!({"connector_id": id, "status": "error", "message": "an error occurred while running the action",
               "service_message": format!("expected failure for .kibana-alerting-test-data {reference}"),
               "retry": true, "errorSource": "framework"})
    );
}

/// execute.ts: `shouldn't execute a connector from another space` and 'should not allow the
/// execution of system actions through the public execute endpoint'
#[tokio::test]
async fn execute_not_from_another_space_and_never_a_system_action() {
    let kb = Kb::start(include_str!("kibana_ftr.yml")).await;
    let (_, created) =
        send(kb.post("/s/space1/api/actions/connector", index_record_in_space1())).await;
    let id = created["id"].as_str().unwrap();
    let (status, body) = send(kb.post(
        &format!("/s/other/api/actions/connector/{id}/_execute"),
        json!({"params": {"reference": "actions-execute-2:space1", "index": ".kibana-alerting-test-data", "message": "Testing 123"}}),
    ))
    .await;
    assert_eq!(status, 404);
    assert_eq!(
        body,
        json!({"statusCode": 404, "error": "Not Found", "message": format!("Saved object [action/{id}] not found")})
    );
    let (status, _) = send(kb.post(
        "/s/space1/api/actions/connector/system-connector-test.system-action-kibana-privileges/_execute",
        json!({"params": {}}),
    ))
    .await;
    assert_eq!(status, 400);
}

/// deprecated.ts @ 2ce6c3df: 'should handle get connector request with deprecated connector
/// type appropriately' (`is_connector_type_deprecated` and `auth_mode`: 9.5).
#[tokio::test]
async fn deprecated_connector_type_is_listed_and_its_connectors_say_so() {
    let kb = Kb::start(include_str!("kibana_ftr.yml")).await;
    let (status, types) = send(kb.get("/s/space1/api/actions/connector_types")).await;
    assert_eq!(status, 200);
    let deprecated = types
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "test.deprecated")
        .expect("test.deprecated is listed");
    assert_eq!(
        deprecated,
        &json!({"id": "test.deprecated", "name": "Test: Deprecated", "enabled": true,
                "enabled_in_config": true, "enabled_in_license": true,
                "minimum_license_required": "gold", "supported_feature_ids": ["alerting"],
                "is_system_action_type": false, "is_deprecated": true, "source": "stack"})
    );
    let (status, created) = send(kb.post(
        "/s/space1/api/actions/connector",
        json!({"name": "With deprecated Connector type", "connector_type_id": "test.deprecated",
               "config": {}, "secrets": {}}),
    ))
    .await;
    assert_eq!(status, 200, "{created}");
    let id = created["id"].as_str().unwrap();
    let (status, fetched) = send(kb.get(&format!("/s/space1/api/actions/connector/{id}"))).await;
    assert_eq!(status, 200);
    assert_eq!(
        fetched,
        json!({"name": "With deprecated Connector type", "connector_type_id": "test.deprecated",
               "config": {}, "id": id, "is_preconfigured": false, "is_deprecated": false,
               "is_system_action": false, "is_missing_secrets": false,
               "is_connector_type_deprecated": true, "auth_mode": "shared"})
    );
}

/// connector_types.ts @ 86b5f4b2: 'should return 200 with list of connector types containing
/// defaults' and 'should filter out system action types' (every line).
#[tokio::test]
async fn connector_types_list_the_fixtures_and_hide_system_types() {
    for version in ["8.19.0", "9.2.0", "9.5.0"] {
        let kb = Kb::start(&format!(
            "sim.version: {version}\n{}",
            include_str!("kibana_ftr.yml")
        ))
        .await;
        let (status, types) = send(kb.get("/s/space1/api/actions/connector_types")).await;
        assert_eq!(status, 200);
        let types = types.as_array().unwrap();
        assert!(
            types
                .iter()
                .any(|t| t["id"] == "test.index-record" && t["name"] == "Test: Index Record"),
            "{version}"
        );
        assert!(
            types.iter().all(|t| t["is_system_action_type"] == false),
            "{version}"
        );
    }
}
