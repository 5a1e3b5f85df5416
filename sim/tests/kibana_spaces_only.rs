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
