//! create.ts, get.ts, get_all.ts, update.ts, delete.ts and connector_types.ts of
//! `security_and_spaces/group2/tests/actions/`.

use reqwest::Method;
use serde_json::{Value, json};

use super::{
    SCENARIOS, as_user, boom, create_as_superuser, ftr, index_record_body, prefix, untested,
};
use crate::common::send;

/// The connector Kibana answers for `index_record_body()` (create and get add `auth_mode`).
fn index_record_connector(id: &str, name: &str) -> Value {
    json!({
        "id": id,
        "is_preconfigured": false,
        "is_system_action": false,
        "is_deprecated": false,
        "is_missing_secrets": false,
        "name": name,
        "connector_type_id": "test.index-record",
        "config": {"unencrypted": "This value shouldn't get encrypted"},
        "is_connector_type_deprecated": false,
    })
}

fn with_auth_mode(mut v: Value) -> Value {
    v["auth_mode"] = json!("shared");
    v
}

/// create.ts: 'should handle create connector request appropriately'
#[tokio::test]
async fn create_should_handle_create_connector_request_appropriately() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let (status, body) = send(
            as_user(
                &kb,
                s,
                Method::POST,
                &format!("{}/api/actions/connector", prefix(s.space)),
            )
            .json(&index_record_body()),
        )
        .await;
        match s.id {
            "no_kibana_privileges at space1"
            | "global_read at space1"
            | "space_1_all_alerts_none_actions at space1"
            | "space_1_all at space2" => {
                assert_eq!(status, 403, "{}", s.id);
                assert_eq!(
                    body,
                    boom(403, "Unauthorized to create a \"test.index-record\" action")
                );
            }
            "superuser at space1"
            | "space_1_all at space1"
            | "space_1_all_with_restricted_fixture at space1" => {
                assert_eq!(status, 200, "{}: {body}", s.id);
                let id = body["id"].as_str().expect("a string id");
                assert_eq!(
                    body,
                    with_auth_mode(index_record_connector(id, "My Connector"))
                );
            }
            _ => untested(s),
        }
    }
}

/// create.ts: `should handle create connector request appropriately when connector type isn't registered`
#[tokio::test]
async fn create_when_connector_type_isnt_registered() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let (status, body) = send(
            as_user(&kb, s, Method::POST, &format!("{}/api/actions/connector", prefix(s.space)))
                .json(&json!({"name": "My Connector", "connector_type_id": "test.unregistered-action-type", "config": {}})),
        )
        .await;
        match s.id {
            "no_kibana_privileges at space1"
            | "global_read at space1"
            | "space_1_all_alerts_none_actions at space1"
            | "space_1_all at space2" => {
                assert_eq!(status, 403, "{}", s.id);
                assert_eq!(
                    body,
                    boom(
                        403,
                        "Unauthorized to create a \"test.unregistered-action-type\" action"
                    )
                );
            }
            "superuser at space1"
            | "space_1_all at space1"
            | "space_1_all_with_restricted_fixture at space1" => {
                assert_eq!(status, 400, "{}", s.id);
                assert_eq!(
                    body,
                    boom(
                        400,
                        "Action type \"test.unregistered-action-type\" is not registered."
                    )
                );
            }
            _ => untested(s),
        }
    }
}

/// create.ts: 'should handle create connector request appropriately when payload is empty and invalid'
#[tokio::test]
async fn create_when_payload_is_empty_and_invalid() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let (status, body) = send(
            as_user(
                &kb,
                s,
                Method::POST,
                &format!("{}/api/actions/connector", prefix(s.space)),
            )
            .json(&json!({})),
        )
        .await;
        assert_eq!(status, 400, "{}", s.id);
        assert_eq!(
            body,
            boom(
                400,
                "[request body.name]: expected value of type [string] but got [undefined]"
            )
        );
    }
}

/// create.ts: `should handle create connector request appropriately when config isn't valid`
///
/// Kibana's copies of this case predate the fixture's zod v4 schemas and expect
/// config-schema's `[encrypted]: expected value of type [string] but got [undefined]`; the
/// newest update.ts words the same schema's errors with `z.prettifyError`, which is what the
/// 9.5 profile answers (the 9.2 wording is checked in `contract_fixtures.rs`).
#[tokio::test]
async fn create_when_config_isnt_valid() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let (status, body) = send(
            as_user(&kb, s, Method::POST, &format!("{}/api/actions/connector", prefix(s.space)))
                .json(&json!({"name": "my name", "connector_type_id": "test.index-record", "config": {"unencrypted": "my unencrypted text"}})),
        )
        .await;
        match s.id {
            "no_kibana_privileges at space1"
            | "global_read at space1"
            | "space_1_all_alerts_none_actions at space1"
            | "space_1_all at space2" => {
                assert_eq!(status, 403, "{}", s.id);
                assert_eq!(
                    body,
                    boom(403, "Unauthorized to create a \"test.index-record\" action")
                );
            }
            "superuser at space1"
            | "space_1_all at space1"
            | "space_1_all_with_restricted_fixture at space1" => {
                assert_eq!(status, 400, "{}", s.id);
                assert_eq!(
                    body,
                    boom(
                        400,
                        "error validating connector type secrets: ✖ Invalid input: expected string, received undefined\n  → at encrypted"
                    )
                );
            }
            _ => untested(s),
        }
    }
}

/// create.ts: `should handle create connector requests for connector types that are not enabled`
#[tokio::test]
async fn create_for_connector_types_that_are_not_enabled() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let (status, body) = send(
            as_user(
                &kb,
                s,
                Method::POST,
                &format!("{}/api/actions/connector", prefix(s.space)),
            )
            .json(&json!({"name": "my name", "connector_type_id": "test.not-enabled"})),
        )
        .await;
        assert_eq!(status, 403, "{}", s.id);
        match s.id {
            "no_kibana_privileges at space1"
            | "global_read at space1"
            | "space_1_all_alerts_none_actions at space1"
            | "space_1_all at space2" => {
                assert_eq!(
                    body,
                    boom(403, "Unauthorized to create a \"test.not-enabled\" action")
                );
            }
            "superuser at space1"
            | "space_1_all at space1"
            | "space_1_all_with_restricted_fixture at space1" => {
                assert_eq!(
                    body,
                    boom(
                        403,
                        "action type \"test.not-enabled\" is not enabled in the Kibana config xpack.actions.enabledActionTypes"
                    )
                );
            }
            _ => untested(s),
        }
    }
}

/// create.ts: `should handle create connector request appropriately when empty strings are submitted`
#[tokio::test]
async fn create_when_empty_strings_are_submitted() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let (status, body) = send(
            as_user(&kb, s, Method::POST, &format!("{}/api/actions/connector", prefix(s.space)))
                .json(&json!({"name": "my name", "connector_type_id": "test.index-record", "config": {"encrypted": " "}})),
        )
        .await;
        assert_eq!(status, 400, "{}", s.id);
        assert_eq!(
            body,
            boom(
                400,
                "[request body.config.encrypted]: value '' is not valid"
            )
        );
    }
}

/// create.ts: 'should handle create connector request appropriately with a predefined id'
#[tokio::test]
async fn create_with_a_predefined_id() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let predefined = uuid::Uuid::new_v4().to_string();
        let (status, body) = send(
            as_user(
                &kb,
                s,
                Method::POST,
                &format!("{}/api/actions/connector/{predefined}", prefix(s.space)),
            )
            .json(&index_record_body()),
        )
        .await;
        match s.id {
            "no_kibana_privileges at space1"
            | "global_read at space1"
            | "space_1_all_alerts_none_actions at space1"
            | "space_1_all at space2" => {
                assert_eq!(status, 403, "{}", s.id);
                assert_eq!(
                    body,
                    boom(403, "Unauthorized to create a \"test.index-record\" action")
                );
            }
            "superuser at space1"
            | "space_1_all at space1"
            | "space_1_all_with_restricted_fixture at space1" => {
                assert_eq!(status, 200, "{}: {body}", s.id);
                assert_eq!(
                    body,
                    with_auth_mode(index_record_connector(&predefined, "My Connector"))
                );
            }
            _ => untested(s),
        }
    }
}

/// create.ts: `shouldn't create a preconfigured connector with the same id as an existing one`
#[tokio::test]
async fn create_no_connector_with_the_id_of_a_preconfigured_one() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let (status, body) = send(
            as_user(
                &kb,
                s,
                Method::POST,
                &format!("{}/api/actions/connector/custom-system-abc-connector", prefix(s.space)),
            )
            .json(&json!({"name": "My Connector", "connector_type_id": "system-abc-action-type", "config": {}, "secrets": {}})),
        )
        .await;
        match s.id {
            "no_kibana_privileges at space1"
            | "global_read at space1"
            | "space_1_all_alerts_none_actions at space1"
            | "space_1_all at space2" => {
                assert_eq!(status, 403, "{}", s.id);
                assert_eq!(
                    body,
                    boom(
                        403,
                        "Unauthorized to create a \"system-abc-action-type\" action"
                    )
                );
            }
            "superuser at space1"
            | "space_1_all at space1"
            | "space_1_all_with_restricted_fixture at space1" => {
                assert_eq!(
                    body,
                    boom(
                        400,
                        "This custom-system-abc-connector already exists in a preconfigured action."
                    )
                );
            }
            _ => untested(s),
        }
    }
}

/// create.ts: `shouldn't create a system action`
#[tokio::test]
async fn create_no_system_action() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let (status, body) = send(
            as_user(&kb, s, Method::POST, &format!("{}/api/actions/connector", prefix(s.space)))
                .json(&json!({"name": "My system action", "connector_type_id": "test.system-action", "config": {}, "secrets": {}})),
        )
        .await;
        match s.id {
            "no_kibana_privileges at space1"
            | "global_read at space1"
            | "space_1_all_alerts_none_actions at space1"
            | "space_1_all at space2" => {
                assert_eq!(status, 403, "{}", s.id);
                assert_eq!(
                    body,
                    boom(
                        403,
                        "Unauthorized to create a \"test.system-action\" action"
                    )
                );
            }
            "superuser at space1"
            | "space_1_all at space1"
            | "space_1_all_with_restricted_fixture at space1" => {
                assert_eq!(
                    body,
                    boom(
                        400,
                        "System action creation is forbidden. Action type: test.system-action."
                    )
                );
            }
            _ => untested(s),
        }
    }
}

/// get.ts: 'should handle get connector request appropriately'
#[tokio::test]
async fn get_should_handle_get_connector_request_appropriately() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let id = create_as_superuser(&kb, s.space, index_record_body()).await;
        let (status, body) = send(as_user(
            &kb,
            s,
            Method::GET,
            &format!("{}/api/actions/connector/{id}", prefix(s.space)),
        ))
        .await;
        match s.id {
            "no_kibana_privileges at space1"
            | "space_1_all_alerts_none_actions at space1"
            | "space_1_all at space2" => {
                assert_eq!(status, 403, "{}", s.id);
                assert_eq!(body, boom(403, "Unauthorized to get actions"));
            }
            "global_read at space1"
            | "superuser at space1"
            | "space_1_all at space1"
            | "space_1_all_with_restricted_fixture at space1" => {
                assert_eq!(status, 200, "{}", s.id);
                assert_eq!(
                    body,
                    with_auth_mode(index_record_connector(&id, "My Connector"))
                );
            }
            _ => untested(s),
        }
    }
}

/// get.ts: `connector shouldn't be acessible from another space`
#[tokio::test]
async fn get_connector_shouldnt_be_accessible_from_another_space() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let id = create_as_superuser(&kb, s.space, index_record_body()).await;
        let (status, body) = send(as_user(
            &kb,
            s,
            Method::GET,
            &format!("{}/api/actions/connector/{id}", prefix("other")),
        ))
        .await;
        match s.id {
            "no_kibana_privileges at space1"
            | "space_1_all_alerts_none_actions at space1"
            | "space_1_all at space2"
            | "space_1_all at space1"
            | "space_1_all_with_restricted_fixture at space1" => {
                assert_eq!(status, 403, "{}", s.id);
                assert_eq!(body, boom(403, "Unauthorized to get actions"));
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

/// get.ts: 'should handle get preconfigured connector request appropriately'
#[tokio::test]
async fn get_preconfigured_connector() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let (status, body) = send(as_user(
            &kb,
            s,
            Method::GET,
            &format!("{}/api/actions/connector/my-slack1", prefix(s.space)),
        ))
        .await;
        match s.id {
            "no_kibana_privileges at space1"
            | "space_1_all_alerts_none_actions at space1"
            | "space_1_all at space2" => {
                assert_eq!(status, 403, "{}", s.id);
                assert_eq!(body, boom(403, "Unauthorized to get actions"));
            }
            "global_read at space1"
            | "superuser at space1"
            | "space_1_all at space1"
            | "space_1_all_with_restricted_fixture at space1" => {
                assert_eq!(status, 200, "{}", s.id);
                assert_eq!(
                    body,
                    json!({"id": "my-slack1", "connector_type_id": ".slack", "name": "Slack#xyz",
                           "is_preconfigured": true, "is_system_action": false, "is_deprecated": false,
                           "is_connector_type_deprecated": false, "auth_mode": "shared"})
                );
            }
            _ => untested(s),
        }
    }
}

/// get.ts: 'should throw when requesting a system action'
#[tokio::test]
async fn get_should_throw_when_requesting_a_system_action() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let (status, body) = send(as_user(
            &kb,
            s,
            Method::GET,
            &format!(
                "{}/api/actions/connector/system-connector-test.system-action",
                prefix(s.space)
            ),
        ))
        .await;
        match s.id {
            "no_kibana_privileges at space1"
            | "space_1_all_alerts_none_actions at space1"
            | "space_1_all at space2" => {
                assert_eq!(status, 403, "{}", s.id);
                assert_eq!(body, boom(403, "Unauthorized to get actions"));
            }
            "global_read at space1"
            | "superuser at space1"
            | "space_1_all at space1"
            | "space_1_all_with_restricted_fixture at space1" => {
                assert_eq!(status, 404, "{}", s.id);
                assert_eq!(
                    body,
                    boom(
                        404,
                        "Connector system-connector-test.system-action not found"
                    )
                );
            }
            _ => untested(s),
        }
    }
}

/// The preconfigured connectors of Kibana's test server, as get all lists them (sorted by
/// name), each with `referenced_by_count: 0`.
fn preconfigured_listed() -> Vec<Value> {
    let one = |id: &str, type_id: &str, name: &str, deprecated: bool| {
        json!({"id": id, "connector_type_id": type_id, "name": name, "is_preconfigured": true,
               "is_system_action": false, "is_deprecated": deprecated, "referenced_by_count": 0,
               "is_connector_type_deprecated": false, "auth_mode": "shared"})
    };
    vec![
        one(
            "notification-email",
            ".email",
            "Notification Email Connector",
            false,
        ),
        one(
            "preconfigured-es-index-action",
            ".index",
            "preconfigured_es_index_action",
            false,
        ),
        one(
            "my-deprecated-servicenow",
            ".servicenow",
            "ServiceNow#xyz",
            true,
        ),
        one(
            "my-deprecated-servicenow-default",
            ".servicenow",
            "ServiceNow#xyz",
            true,
        ),
        one("my-slack1", ".slack", "Slack#xyz", false),
        one(
            "custom-system-abc-connector",
            "system-abc-action-type",
            "SystemABC",
            false,
        ),
        one(
            "preconfigured.test.index-record",
            "test.index-record",
            "Test:_Preconfigured_Index_Record",
            false,
        ),
        one("my-test-email", ".email", "TestEmail#xyz", false),
    ]
}

/// get_all.ts: 'should handle get all connector request appropriately'
///
/// Kibana's copy of this file predates `auth_mode`; the get-all route's own unit test
/// (`connector/get_all/get_all.test.ts`) shows it on every connector, as get and create do.
#[tokio::test]
async fn get_all_should_handle_get_all_connector_request_appropriately() {
    for s in &SCENARIOS {
        // Kibana's objectRemover empties the space after each case.
        let kb = ftr().await;
        let id = create_as_superuser(&kb, s.space, index_record_body()).await;
        let (status, body) = send(as_user(
            &kb,
            s,
            Method::GET,
            &format!("{}/api/actions/connectors", prefix(s.space)),
        ))
        .await;
        match s.id {
            "no_kibana_privileges at space1"
            | "space_1_all_alerts_none_actions at space1"
            | "space_1_all at space2" => {
                assert_eq!(status, 403, "{}", s.id);
                assert_eq!(body, boom(403, "Unauthorized to get actions"));
            }
            "global_read at space1"
            | "superuser at space1"
            | "space_1_all at space1"
            | "space_1_all_with_restricted_fixture at space1" => {
                assert_eq!(status, 200, "{}", s.id);
                let mut own = with_auth_mode(index_record_connector(&id, "My Connector"));
                own["referenced_by_count"] = json!(0);
                let mut want = vec![own];
                want.extend(preconfigured_listed());
                assert_eq!(body, Value::Array(want), "{}", s.id);
            }
            _ => untested(s),
        }
    }
}

/// get_all.ts: `shouldn't get connectors from another space`
#[tokio::test]
async fn get_all_shouldnt_get_connectors_from_another_space() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        create_as_superuser(&kb, s.space, index_record_body()).await;
        let (status, body) = send(as_user(
            &kb,
            s,
            Method::GET,
            &format!("{}/api/actions/connectors", prefix("other")),
        ))
        .await;
        match s.id {
            "no_kibana_privileges at space1"
            | "space_1_all_alerts_none_actions at space1"
            | "space_1_all at space2"
            | "space_1_all at space1"
            | "space_1_all_with_restricted_fixture at space1" => {
                assert_eq!(status, 403, "{}", s.id);
                assert_eq!(body, boom(403, "Unauthorized to get actions"));
            }
            "global_read at space1" | "superuser at space1" => {
                assert_eq!(status, 200, "{}", s.id);
                assert_eq!(body, Value::Array(preconfigured_listed()), "{}", s.id);
            }
            _ => untested(s),
        }
    }
}

/// The body update.ts sends.
fn updated_body() -> Value {
    json!({
        "name": "My Connector updated",
        "config": {"unencrypted": "This value shouldn't get encrypted"},
        "secrets": {"encrypted": "This value should be encrypted"},
    })
}

/// update.ts: 'should handle update connector request appropriately'
#[tokio::test]
async fn update_should_handle_update_connector_request_appropriately() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let id = create_as_superuser(&kb, s.space, index_record_body()).await;
        let (status, body) = send(
            as_user(
                &kb,
                s,
                Method::PUT,
                &format!("{}/api/actions/connector/{id}", prefix(s.space)),
            )
            .json(&updated_body()),
        )
        .await;
        match s.id {
            "no_kibana_privileges at space1"
            | "space_1_all_alerts_none_actions at space1"
            | "space_1_all at space2"
            | "global_read at space1" => {
                assert_eq!(status, 403, "{}", s.id);
                assert_eq!(body, boom(403, "Unauthorized to update actions"));
            }
            "superuser at space1"
            | "space_1_all at space1"
            | "space_1_all_with_restricted_fixture at space1" => {
                assert_eq!(status, 200, "{}", s.id);
                // Kibana's update answer has no `auth_mode` (update.ts expects exactly this).
                assert_eq!(body, index_record_connector(&id, "My Connector updated"));
            }
            _ => untested(s),
        }
    }
}

/// update.ts: `shouldn't update connector from another space`
#[tokio::test]
async fn update_shouldnt_update_connector_from_another_space() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let id = create_as_superuser(&kb, s.space, index_record_body()).await;
        let (status, body) = send(
            as_user(
                &kb,
                s,
                Method::PUT,
                &format!("{}/api/actions/connector/{id}", prefix("other")),
            )
            .json(&updated_body()),
        )
        .await;
        match s.id {
            "no_kibana_privileges at space1"
            | "space_1_all_alerts_none_actions at space1"
            | "space_1_all at space2"
            | "global_read at space1"
            | "space_1_all at space1"
            | "space_1_all_with_restricted_fixture at space1" => {
                assert_eq!(status, 403, "{}", s.id);
                assert_eq!(body, boom(403, "Unauthorized to update actions"));
            }
            "superuser at space1" => {
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

/// update.ts: 'should handle update connector request appropriately when passing a null config'
#[tokio::test]
async fn update_when_passing_a_null_config() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let (status, body) = send(
            as_user(
                &kb,
                s,
                Method::PUT,
                &format!("{}/api/actions/connector/1", prefix(s.space)),
            )
            .json(&json!({"name": "My Connector updated", "config": null})),
        )
        .await;
        assert_eq!(status, 400, "{}", s.id);
        assert_eq!(
            body,
            boom(
                400,
                "[request body.config]: expected value of type [object] but got [null]"
            )
        );
    }
}

/// update.ts: `should handle update connector request appropriately when connector doesn't exist`
#[tokio::test]
async fn update_when_connector_doesnt_exist() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let (status, body) = send(
            as_user(
                &kb,
                s,
                Method::PUT,
                &format!("{}/api/actions/connector/1", prefix(s.space)),
            )
            .json(&updated_body()),
        )
        .await;
        match s.id {
            "no_kibana_privileges at space1"
            | "space_1_all_alerts_none_actions at space1"
            | "space_1_all at space2"
            | "global_read at space1" => {
                assert_eq!(status, 403, "{}", s.id);
                assert_eq!(body, boom(403, "Unauthorized to update actions"));
            }
            "superuser at space1"
            | "space_1_all at space1"
            | "space_1_all_with_restricted_fixture at space1" => {
                assert_eq!(status, 404, "{}", s.id);
                assert_eq!(body, boom(404, "Saved object [action/1] not found"));
            }
            _ => untested(s),
        }
    }
}

/// update.ts: 'should handle update connector request appropriately when payload is empty and invalid'
#[tokio::test]
async fn update_when_payload_is_empty_and_invalid() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let (status, body) = send(
            as_user(
                &kb,
                s,
                Method::PUT,
                &format!("{}/api/actions/connector/1", prefix(s.space)),
            )
            .json(&json!({})),
        )
        .await;
        assert_eq!(status, 400, "{}", s.id);
        assert_eq!(
            body,
            boom(
                400,
                "[request body.name]: expected value of type [string] but got [undefined]"
            )
        );
    }
}

/// update.ts: 'should handle update connector request appropriately when secrets are not valid'
#[tokio::test]
async fn update_when_secrets_are_not_valid() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let id = create_as_superuser(&kb, s.space, index_record_body()).await;
        let (status, body) = send(
            as_user(
                &kb,
                s,
                Method::PUT,
                &format!("{}/api/actions/connector/{id}", prefix(s.space)),
            )
            .json(&json!({"name": "My Connector updated",
                              "config": {"unencrypted": "This value shouldn't get encrypted"},
                              "secrets": {"encrypted": 42}})),
        )
        .await;
        match s.id {
            "no_kibana_privileges at space1"
            | "space_1_all_alerts_none_actions at space1"
            | "space_1_all at space2"
            | "global_read at space1" => {
                assert_eq!(status, 403, "{}", s.id);
                assert_eq!(body, boom(403, "Unauthorized to update actions"));
            }
            "superuser at space1"
            | "space_1_all at space1"
            | "space_1_all_with_restricted_fixture at space1" => {
                assert_eq!(status, 400, "{}", s.id);
                assert_eq!(
                    body,
                    boom(
                        400,
                        "error validating connector type secrets: ✖ Invalid input: expected string, received number\n  → at encrypted"
                    )
                );
            }
            _ => untested(s),
        }
    }
}

/// update.ts: `shouldn't update a preconfigured connector`
#[tokio::test]
async fn update_no_preconfigured_connector() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let (status, body) = send(
            as_user(
                &kb,
                s,
                Method::PUT,
                &format!(
                    "{}/api/actions/connector/custom-system-abc-connector",
                    prefix(s.space)
                ),
            )
            .json(&updated_body()),
        )
        .await;
        match s.id {
            "no_kibana_privileges at space1"
            | "space_1_all_alerts_none_actions at space1"
            | "space_1_all at space2"
            | "global_read at space1" => {
                assert_eq!(status, 403, "{}", s.id);
                assert_eq!(body, boom(403, "Unauthorized to update actions"));
            }
            "superuser at space1"
            | "space_1_all at space1"
            | "space_1_all_with_restricted_fixture at space1" => {
                assert_eq!(
                    body,
                    boom(
                        400,
                        "Preconfigured action custom-system-abc-connector can not be updated."
                    )
                );
            }
            _ => untested(s),
        }
    }
}

/// update.ts: `should handle update connector request appropriately when empty strings are submitted`
#[tokio::test]
async fn update_when_empty_strings_are_submitted() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let (status, body) = send(
            as_user(
                &kb,
                s,
                Method::PUT,
                &format!("{}/api/actions/connector/1", prefix(s.space)),
            )
            .json(
                &json!({"name": "My Connector updated", "config": {"unencrypted": " "},
                              "secrets": {"encrypted": "This value should be encrypted"}}),
            ),
        )
        .await;
        assert_eq!(status, 400, "{}", s.id);
        assert_eq!(
            body,
            boom(
                400,
                "[request body.config.unencrypted]: value '' is not valid"
            )
        );
    }
}

/// update.ts: `shouldn't update a system action`
#[tokio::test]
async fn update_no_system_action() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let (status, body) = send(
            as_user(
                &kb,
                s,
                Method::PUT,
                &format!(
                    "{}/api/actions/connector/system-connector-test.system-action",
                    prefix(s.space)
                ),
            )
            .json(&json!({"name": "My action updated",
                          "config": {"unencrypted": "This value shouldn't get encrypted"},
                          "secrets": {"encrypted": "This value should be encrypted"}})),
        )
        .await;
        match s.id {
            "no_kibana_privileges at space1"
            | "space_1_all_alerts_none_actions at space1"
            | "space_1_all at space2"
            | "global_read at space1" => {
                assert_eq!(status, 403, "{}", s.id);
                assert_eq!(body, boom(403, "Unauthorized to update actions"));
            }
            "superuser at space1"
            | "space_1_all at space1"
            | "space_1_all_with_restricted_fixture at space1" => {
                assert_eq!(
                    body,
                    boom(
                        400,
                        "System action system-connector-test.system-action can not be updated."
                    )
                );
            }
            _ => untested(s),
        }
    }
}

/// delete.ts: 'should handle delete connector request appropriately'
#[tokio::test]
async fn delete_should_handle_delete_connector_request_appropriately() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let id = create_as_superuser(&kb, s.space, index_record_body()).await;
        let resp = as_user(
            &kb,
            s,
            Method::DELETE,
            &format!("{}/api/actions/connector/{id}", prefix(s.space)),
        )
        .send()
        .await
        .unwrap();
        let status = resp.status().as_u16();
        let text = resp.text().await.unwrap();
        match s.id {
            "no_kibana_privileges at space1"
            | "space_1_all_alerts_none_actions at space1"
            | "global_read at space1"
            | "space_1_all at space2" => {
                assert_eq!(status, 403, "{}", s.id);
                assert_eq!(
                    serde_json::from_str::<Value>(&text).unwrap(),
                    boom(403, "Unauthorized to delete actions")
                );
            }
            "superuser at space1"
            | "space_1_all at space1"
            | "space_1_all_with_restricted_fixture at space1" => {
                assert_eq!(status, 204, "{}", s.id);
                assert_eq!(text, "");
            }
            _ => untested(s),
        }
    }
}

/// delete.ts: `shouldn't delete connector from another space`
#[tokio::test]
async fn delete_shouldnt_delete_connector_from_another_space() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let id = create_as_superuser(&kb, s.space, index_record_body()).await;
        let (status, body) = send(as_user(
            &kb,
            s,
            Method::DELETE,
            &format!("{}/api/actions/connector/{id}", prefix("other")),
        ))
        .await;
        match s.id {
            "no_kibana_privileges at space1"
            | "space_1_all_alerts_none_actions at space1"
            | "global_read at space1"
            | "space_1_all at space2"
            | "space_1_all at space1"
            | "space_1_all_with_restricted_fixture at space1" => {
                assert_eq!(status, 403, "{}", s.id);
                assert_eq!(body, boom(403, "Unauthorized to delete actions"));
            }
            "superuser at space1" => {
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

/// delete.ts: `should handle delete request appropriately when connector doesn't exist`
#[tokio::test]
async fn delete_when_connector_doesnt_exist() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let (status, body) = send(as_user(
            &kb,
            s,
            Method::DELETE,
            &format!("{}/api/actions/connector/2", prefix(s.space)),
        ))
        .await;
        match s.id {
            "no_kibana_privileges at space1"
            | "space_1_all_alerts_none_actions at space1"
            | "global_read at space1"
            | "space_1_all at space2" => {
                assert_eq!(status, 403, "{}", s.id);
                assert_eq!(body, boom(403, "Unauthorized to delete actions"));
            }
            "superuser at space1"
            | "space_1_all at space1"
            | "space_1_all_with_restricted_fixture at space1" => {
                assert_eq!(status, 404, "{}", s.id);
            }
            _ => untested(s),
        }
    }
}

/// delete.ts: `shouldn't delete preconfigured connector`
#[tokio::test]
async fn delete_no_preconfigured_connector() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let (status, body) = send(as_user(
            &kb,
            s,
            Method::DELETE,
            &format!("{}/api/actions/connector/my-slack1", prefix(s.space)),
        ))
        .await;
        match s.id {
            "no_kibana_privileges at space1"
            | "space_1_all_alerts_none_actions at space1"
            | "global_read at space1"
            | "space_1_all at space2" => {
                assert_eq!(status, 403, "{}", s.id);
                assert_eq!(body, boom(403, "Unauthorized to delete actions"));
            }
            "superuser at space1"
            | "space_1_all at space1"
            | "space_1_all_with_restricted_fixture at space1" => {
                assert_eq!(
                    body,
                    boom(
                        400,
                        "Preconfigured action my-slack1 is not allowed to delete."
                    )
                );
            }
            _ => untested(s),
        }
    }
}

/// delete.ts: `shouldn't delete system action`
#[tokio::test]
async fn delete_no_system_action() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let (status, body) = send(as_user(
            &kb,
            s,
            Method::DELETE,
            &format!(
                "{}/api/actions/connector/system-connector-test.system-action",
                prefix(s.space)
            ),
        ))
        .await;
        match s.id {
            "no_kibana_privileges at space1"
            | "space_1_all_alerts_none_actions at space1"
            | "global_read at space1"
            | "space_1_all at space2" => {
                assert_eq!(status, 403, "{}", s.id);
                assert_eq!(body, boom(403, "Unauthorized to delete actions"));
            }
            "superuser at space1"
            | "space_1_all at space1"
            | "space_1_all_with_restricted_fixture at space1" => {
                assert_eq!(
                    body,
                    boom(
                        400,
                        "System action system-connector-test.system-action is not allowed to delete."
                    )
                );
            }
            _ => untested(s),
        }
    }
}

/// connector_types.ts: 'should return 200 with list of action types containing defaults'
#[tokio::test]
async fn connector_types_return_200_with_the_defaults() {
    let kb = ftr().await;
    for s in &SCENARIOS {
        let (status, body) = send(as_user(
            &kb,
            s,
            Method::GET,
            &format!("{}/api/actions/connector_types", prefix(s.space)),
        ))
        .await;
        assert_eq!(status, 200, "{}", s.id);
        let types = body.as_array().expect("a list");
        assert!(
            types
                .iter()
                .any(|t| t["id"] == "test.index-record" && t["name"] == "Test: Index Record"),
            "{}",
            s.id
        );
    }
}
