//! execute.ts of `security_and_spaces/group2/tests/actions/`. The event-log assertions of
//! these cases are left out (the sim has no event log); everything else is Kibana's.

use reqwest::Method;
use serde_json::json;

use super::{
    ES_TEST_INDEX_NAME, SCENARIOS, as_user, boom, create_as_superuser, ftr, index_record_body,
    prefix, search, untested,
};
use crate::common::send;

fn index_record_params(reference: &str) -> serde_json::Value {
    json!({"params": {"reference": reference, "index": ES_TEST_INDEX_NAME, "message": "Testing 123"}})
}

/// The document `test.index-record` indexes for `index_record_params`.
fn indexed_record(reference: &str) -> serde_json::Value {
    json!({
        "params": {"reference": reference, "index": ES_TEST_INDEX_NAME, "message": "Testing 123"},
        "config": {"unencrypted": "This value shouldn't get encrypted"},
        "secrets": {"encrypted": "This value should be encrypted"},
        "reference": reference,
        "source": "action:test.index-record",
    })
}

fn without_timestamp(mut doc: serde_json::Value) -> serde_json::Value {
    doc.as_object_mut().unwrap().remove("@timestamp");
    doc
}

/// execute.ts: 'should handle execute request appropriately'
#[tokio::test]
async fn execute_should_handle_execute_request_appropriately() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let id = create_as_superuser(&kb, s.space, index_record_body()).await;
        let reference = format!("actions-execute-1:{}", s.user);
        let (status, body) = send(
            as_user(
                &kb,
                s,
                Method::POST,
                &format!("{}/api/actions/connector/{id}/_execute", prefix(s.space)),
            )
            .json(&index_record_params(&reference)),
        )
        .await;
        match s.id {
            "no_kibana_privileges at space1"
            | "space_1_all_alerts_none_actions at space1"
            | "space_1_all at space2" => {
                assert_eq!(status, 403, "{}", s.id);
                assert_eq!(
                    body,
                    boom(
                        403,
                        "Unauthorized to execute a \"test.index-record\" action"
                    )
                );
            }
            "global_read at space1"
            | "superuser at space1"
            | "space_1_all at space1"
            | "space_1_all_with_restricted_fixture at space1" => {
                assert_eq!(status, 200, "{}: {body}", s.id);
                assert!(body.is_object());
                let found = search(&kb, "action:test.index-record", &reference);
                assert_eq!(found.len(), 1, "{}", s.id);
                assert_eq!(
                    without_timestamp(found[0].clone()),
                    indexed_record(&reference)
                );
            }
            _ => untested(s),
        }
    }
}

/// execute.ts: `shouldn't execute an connector from another space`
#[tokio::test]
async fn execute_shouldnt_execute_a_connector_from_another_space() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let id = create_as_superuser(&kb, s.space, index_record_body()).await;
        let reference = format!("actions-execute-4:{}", s.user);
        let (status, body) = send(
            as_user(
                &kb,
                s,
                Method::POST,
                &format!("{}/api/actions/connector/{id}/_execute", prefix("other")),
            )
            .json(&index_record_params(&reference)),
        )
        .await;
        match s.id {
            "no_kibana_privileges at space1"
            | "space_1_all_alerts_none_actions at space1"
            | "space_1_all at space2"
            | "space_1_all at space1"
            | "space_1_all_with_restricted_fixture at space1" => {
                assert_eq!(status, 403, "{}", s.id);
                assert_eq!(body, boom(403, "Unauthorized to execute actions"));
            }
            "global_read at space1" | "superuser at space1" => {
                assert_eq!(status, 404, "{}", s.id);
                assert_eq!(
                    body,
                    boom(404, &format!("Saved object [action/{id}] not found"))
                );
            }
            _ => untested(s),
        }
    }
}

/// execute.ts: 'should handle execute request appropriately after connector is updated'
#[tokio::test]
async fn execute_after_connector_is_updated() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let id = create_as_superuser(&kb, s.space, index_record_body()).await;
        let (status, _) = send(kb.put(
            &format!("{}/api/actions/connector/{id}", prefix(s.space)),
            json!({"name": "My Connector updated",
                   "config": {"unencrypted": "This value shouldn't get encrypted"},
                   "secrets": {"encrypted": "This value should be encrypted"}}),
        ))
        .await;
        assert_eq!(status, 200);
        let reference = format!("actions-execute-2:{}", s.user);
        let (status, body) = send(
            as_user(
                &kb,
                s,
                Method::POST,
                &format!("{}/api/actions/connector/{id}/_execute", prefix(s.space)),
            )
            .json(&index_record_params(&reference)),
        )
        .await;
        match s.id {
            "no_kibana_privileges at space1"
            | "space_1_all_alerts_none_actions at space1"
            | "space_1_all at space2" => {
                assert_eq!(status, 403, "{}", s.id);
                assert_eq!(
                    body,
                    boom(
                        403,
                        "Unauthorized to execute a \"test.index-record\" action"
                    )
                );
            }
            "global_read at space1"
            | "superuser at space1"
            | "space_1_all at space1"
            | "space_1_all_with_restricted_fixture at space1" => {
                assert_eq!(status, 200, "{}: {body}", s.id);
                let found = search(&kb, "action:test.index-record", &reference);
                assert_eq!(found.len(), 1, "{}", s.id);
                assert_eq!(
                    without_timestamp(found[0].clone()),
                    indexed_record(&reference)
                );
            }
            _ => untested(s),
        }
    }
}

/// execute.ts: `should handle execute request appropriately when connector doesn't exist`
#[tokio::test]
async fn execute_when_connector_doesnt_exist() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let (status, body) = send(
            as_user(
                &kb,
                s,
                Method::POST,
                &format!("{}/api/actions/connector/1/_execute", prefix(s.space)),
            )
            .json(&json!({"params": {"foo": true}})),
        )
        .await;
        match s.id {
            "no_kibana_privileges at space1"
            | "space_1_all_alerts_none_actions at space1"
            | "space_1_all at space2" => {
                assert_eq!(status, 403, "{}", s.id);
                assert_eq!(body, boom(403, "Unauthorized to execute actions"));
            }
            "global_read at space1"
            | "superuser at space1"
            | "space_1_all at space1"
            | "space_1_all_with_restricted_fixture at space1" => {
                assert_eq!(status, 404, "{}", s.id);
                assert_eq!(body, boom(404, "Saved object [action/1] not found"));
            }
            _ => untested(s),
        }
    }
}

/// execute.ts: 'should handle execute request appropriately when payload is empty and invalid'
#[tokio::test]
async fn execute_when_payload_is_empty_and_invalid() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let (status, body) = send(
            as_user(
                &kb,
                s,
                Method::POST,
                &format!("{}/api/actions/connector/1/_execute", prefix(s.space)),
            )
            .json(&json!({})),
        )
        .await;
        assert_eq!(status, 400, "{}", s.id);
        assert_eq!(
            body,
            boom(
                400,
                "[request body.params]: expected value of type [object] but got [undefined]"
            )
        );
    }
}

/// execute.ts: 'should handle execute request appropriately after changing config properties'
#[tokio::test]
async fn execute_after_changing_config_properties() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let id = create_as_superuser(
            &kb,
            s.space,
            json!({"name": "test email connector", "connector_type_id": ".email",
                   "config": {"from": "email-from-1@example.com", "host": "some.non.existent.com", "port": 666},
                   "secrets": {"user": "email-user", "password": "email-password"}}),
        )
        .await;
        let (status, body) = send(kb.put(
            &format!("{}/api/actions/connector/{id}", prefix(s.space)),
            json!({"name": "a test email connector 2",
                   "config": {"from": "email-from-2@example.com", "service": "__json"},
                   "secrets": {"user": "email-user", "password": "email-password"}}),
        ))
        .await;
        assert_eq!(status, 200, "{body}");
        let (status, body) = send(
            as_user(
                &kb,
                s,
                Method::POST,
                &format!("{}/api/actions/connector/{id}/_execute", prefix(s.space)),
            )
            .json(&json!({"params": {"to": ["X"], "subject": "email-subject", "message": "email-message"}})),
        )
        .await;
        match s.id {
            "no_kibana_privileges at space1"
            | "space_1_all_alerts_none_actions at space1"
            | "space_1_all at space2" => {
                assert_eq!(status, 403, "{}", s.id);
                assert_eq!(
                    body,
                    boom(403, "Unauthorized to execute a \".email\" action")
                );
            }
            "global_read at space1"
            | "superuser at space1"
            | "space_1_all at space1"
            | "space_1_all_with_restricted_fixture at space1" => {
                assert_eq!(status, 200, "{}: {body}", s.id);
            }
            _ => untested(s),
        }
    }
}
