//! The set-up Kibana's alerting API integration tests share: the test server's settings, the
//! scenario users of `security_and_spaces/scenarios.ts`, and the helpers each test file uses.
#![allow(dead_code)]

use crate::common::{Kb, send};
use reqwest::RequestBuilder;
use serde_json::{Value, json};

/// Kibana's test server settings (users, roles, preconfigured connectors, fixture types).
pub const FTR_SETTINGS: &str = include_str!("../kibana_ftr.yml");

/// `ES_TEST_INDEX_NAME` of `@kbn/alerting-api-integration-helpers`.
pub const ES_TEST_INDEX_NAME: &str = ".kibana-alerting-test-data";

/// A user in a space, as `UserAtSpaceScenarios` pairs them.
#[derive(Debug, Clone, Copy)]
pub struct Scenario {
    /// Kibana's scenario id, e.g. `space_1_all at space2`.
    pub id: &'static str,
    /// The user's name.
    pub user: &'static str,
    /// The user's password.
    pub password: &'static str,
    /// The space the request goes to.
    pub space: &'static str,
}

/// `UserAtSpaceScenarios`, in Kibana's order.
pub const SCENARIOS: [Scenario; 7] = [
    Scenario {
        id: "no_kibana_privileges at space1",
        user: "no_kibana_privileges",
        password: "no_kibana_privileges-password",
        space: "space1",
    },
    Scenario {
        id: "superuser at space1",
        user: "superuser",
        password: "superuser-password",
        space: "space1",
    },
    Scenario {
        id: "global_read at space1",
        user: "global_read",
        password: "global_read-password",
        space: "space1",
    },
    Scenario {
        id: "space_1_all at space1",
        user: "space_1_all",
        password: "space_1_all-password",
        space: "space1",
    },
    Scenario {
        id: "space_1_all at space2",
        user: "space_1_all",
        password: "space_1_all-password",
        space: "space2",
    },
    Scenario {
        id: "space_1_all_with_restricted_fixture at space1",
        user: "space_1_all_with_restricted_fixture",
        password: "space_1_all_with_restricted_fixture-password",
        space: "space1",
    },
    Scenario {
        id: "space_1_all_alerts_none_actions at space1",
        user: "space_1_all_alerts_none_actions",
        password: "space_1_all_alerts_none_actions-password",
        space: "space1",
    },
];

/// `getUrlPrefix`.
pub fn prefix(space: &str) -> String {
    if space == "default" {
        String::new()
    } else {
        format!("/s/{space}")
    }
}

/// A sim with Kibana's test-server settings.
pub async fn ftr() -> Kb {
    Kb::start(FTR_SETTINGS).await
}

/// `supertestWithoutAuth` with `.auth(user.username, user.password)` and `kbn-xsrf`.
pub fn as_user(kb: &Kb, s: &Scenario, method: reqwest::Method, path: &str) -> RequestBuilder {
    kb.http
        .request(method, kb.url(path))
        .basic_auth(s.user, Some(s.password))
        .header("kbn-xsrf", "foo")
}

/// Kibana's Boom body.
pub fn boom(status: u16, message: &str) -> Value {
    let error = match status {
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        _ => panic!("no Boom name for {status}"),
    };
    json!({"statusCode": status, "error": error, "message": message})
}

/// The body `test.index-record` connectors are created with throughout the suite.
pub fn index_record_body() -> Value {
    json!({
        "name": "My Connector",
        "connector_type_id": "test.index-record",
        "config": {"unencrypted": "This value shouldn't get encrypted"},
        "secrets": {"encrypted": "This value should be encrypted"},
    })
}

/// Creates a connector as the superuser (`supertest`), expecting 200; returns its id.
pub async fn create_as_superuser(kb: &Kb, space: &str, body: Value) -> String {
    let (status, created) =
        send(kb.post(&format!("{}/api/actions/connector", prefix(space)), body)).await;
    assert_eq!(status, 200, "{created}");
    created["id"].as_str().unwrap().to_string()
}

/// The documents `esTestIndexTool.search(source, reference)` finds.
pub fn search(kb: &Kb, source: &str, reference: &str) -> Vec<Value> {
    let (_, docs) = kb
        .sim
        .state
        .store
        .documents(ES_TEST_INDEX_NAME, 10_000)
        .unwrap();
    docs.into_iter()
        .map(|(_, d)| d)
        .filter(|d| d["source"] == source && d["reference"] == reference)
        .collect()
}

/// Fails with the scenario's id, as Kibana's `Scenario untested` default branch.
pub fn untested(s: &Scenario) -> ! {
    panic!("Scenario untested: {}", s.id)
}
