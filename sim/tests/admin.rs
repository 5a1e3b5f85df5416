//! The test-only admin surface: fault injection, reset, seed, request log.

mod common;

use std::time::{Duration, Instant};

use common::{Kb, send};
use serde_json::{Value, json};

async fn admin(kb: &Kb, method: reqwest::Method, path: &str, body: Value) -> (u16, Value) {
    send(
        kb.http
            .request(method, kb.url(&format!("/__sim/{path}")))
            .json(&body),
    )
    .await
}

async fn fault(kb: &Kb, f: Value) {
    assert_eq!(
        admin(
            kb,
            reqwest::Method::POST,
            "faults",
            json!({ "faults": [f] })
        )
        .await
        .0,
        200
    );
}

#[tokio::test]
async fn admin_is_off_unless_enabled() {
    let kb = Kb::start("").await;
    let (status, body) = admin(&kb, reqwest::Method::POST, "reset", json!({})).await;
    assert_eq!((status, body["message"].as_str()), (404, Some("Not Found")));
}

#[tokio::test]
async fn status_faults_with_retry_after_apply_to_the_next_matching_requests() {
    let kb = Kb::start("sim.admin: true").await;
    fault(&kb, json!({"kind":"status","status":503,"retry_after":"2","times":2,"method":"GET","path":"/api/actions/connectors"})).await;
    assert_eq!(
        send(kb.get("/api/actions/connector_types")).await.0,
        200,
        "other paths are not affected"
    );
    for _ in 0..2 {
        let resp = kb.get("/api/actions/connectors").send().await.unwrap();
        assert_eq!(
            (
                resp.status().as_u16(),
                resp.headers()["retry-after"].to_str().unwrap()
            ),
            (503, "2")
        );
        let body: Value = resp.json().await.unwrap();
        assert_eq!(
            body,
            json!({"statusCode":503,"error":"Service Unavailable","message":"Service Unavailable"})
        );
    }
    assert_eq!(send(kb.get("/api/actions/connectors")).await.0, 200);
}

#[tokio::test]
async fn latency_drop_and_malformed_faults() {
    let kb = Kb::start("sim.admin: true").await;
    fault(&kb, json!({"kind":"latency","ms":300})).await;
    let t0 = Instant::now();
    assert_eq!(send(kb.get("/api/actions/connectors")).await.0, 200);
    assert!(
        t0.elapsed() >= Duration::from_millis(300),
        "the answer was delayed"
    );

    fault(&kb, json!({"kind":"drop"})).await;
    let result = async { kb.get("/api/actions/connectors").send().await?.text().await }.await;
    assert!(result.is_err(), "the connection is cut: {result:?}");

    fault(&kb, json!({"kind":"malformed"})).await;
    let text = kb
        .get("/api/actions/connectors")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(serde_json::from_str::<Value>(&text).is_err(), "{text}");
    assert_eq!(
        send(kb.get("/api/actions/connectors")).await.0,
        200,
        "faults are used up"
    );
}

#[tokio::test]
async fn request_log_reset_seed_and_references() {
    let kb = Kb::start("sim.admin: true").await;
    send(kb.post(
        "/api/actions/connector/a",
        json!({"name":"a","connector_type_id":".server-log"}),
    ))
    .await;
    let (_, log) = admin(&kb, reqwest::Method::GET, "requests", Value::Null).await;
    let writes: Vec<&Value> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["method"] == "POST")
        .collect();
    assert_eq!(writes.len(), 1);
    assert_eq!(
        (writes[0]["path"].as_str(), writes[0]["status"].as_u64()),
        (Some("/api/actions/connector/a"), Some(200))
    );

    admin(&kb, reqwest::Method::POST, "references", json!({"a": 3})).await;
    let (_, all) = send(kb.get("/api/actions/connectors")).await;
    assert_eq!(all[0]["referenced_by_count"], 3);

    admin(&kb, reqwest::Method::POST, "reset", json!({})).await;
    let (_, all) = send(kb.get("/api/actions/connectors")).await;
    assert_eq!(all, json!([]));
    admin(&kb, reqwest::Method::POST, "seed", json!({})).await;
    let (_, spaces) = send(kb.get("/api/spaces/space")).await;
    assert_eq!(spaces.as_array().unwrap().len(), 3);
    let (_, marketing) = send(kb.get("/s/marketing/api/actions/connectors")).await;
    assert_eq!(marketing.as_array().unwrap().len(), 2);
    // The demo rules use the demo connectors of their space.
    let (_, ops_rules) = send(kb.get("/s/ops/api/alerting/rules/_find")).await;
    assert_eq!(ops_rules["total"], 1);
    assert_eq!(ops_rules["data"][0]["name"], "Disk almost full");
    let (_, ops) = send(kb.get("/s/ops/api/actions/connectors")).await;
    let pagerduty = ops
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "demo-pagerduty")
        .unwrap();
    assert_eq!(pagerduty["referenced_by_count"], 1);
    let (_, default_rules) = send(kb.get("/api/alerting/rules/_find")).await;
    assert_eq!(default_rules["total"], 2);
    admin(&kb, reqwest::Method::POST, "reset", json!({})).await;
    let (_, after) = send(kb.get("/s/ops/api/alerting/rules/_find")).await;
    assert_eq!(after["total"], 0, "reset deletes the rules too");
}

#[tokio::test]
async fn bulk_adds_many_connectors_in_one_go_and_refuses_taken_ids_entirely() {
    let kb = Kb::start("sim.admin: true").await;
    let (status, _) = admin(
        &kb,
        reqwest::Method::POST,
        "bulk",
        json!({"count": 2000, "prefix": "scale"}),
    )
    .await;
    assert_eq!(status, 200);
    let (_, all) = send(kb.get("/api/actions/connectors")).await;
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 2000);
    let indexes = all
        .iter()
        .filter(|c| c["connector_type_id"] == ".index")
        .count();
    assert_eq!(indexes, 1000);
    let (_, one) = send(kb.get("/api/actions/connector/scale-7")).await;
    assert_eq!(
        (one["name"].as_str(), one["connector_type_id"].as_str()),
        (Some("scale 00007"), Some(".server-log"))
    );
    // An overlapping batch conflicts and adds nothing.
    let (status, _) = admin(
        &kb,
        reqwest::Method::POST,
        "bulk",
        json!({"count": 2001, "prefix": "scale"}),
    )
    .await;
    assert_eq!(status, 409);
    let (_, all) = send(kb.get("/api/actions/connectors")).await;
    assert_eq!(all.as_array().unwrap().len(), 2000);
}

#[tokio::test]
async fn lost_secrets_show_until_an_update_brings_them_back() {
    let kb = Kb::start("sim.admin: true").await;
    let body = json!({"name": "hook", "connector_type_id": ".slack", "config": {},
                      "secrets": {"webhookUrl": "https://hooks.slack.com/services/T0"}});
    assert_eq!(
        send(kb.post("/api/actions/connector/hook", body)).await.0,
        200
    );
    let (status, _) = admin(
        &kb,
        reqwest::Method::POST,
        "lose-secrets",
        json!({"ids": ["hook"]}),
    )
    .await;
    assert_eq!(status, 200);
    let (_, got) = send(kb.get("/api/actions/connector/hook")).await;
    assert_eq!(got["is_missing_secrets"], true);
    let (_, all) = send(kb.get("/api/actions/connectors")).await;
    assert_eq!(all[0]["is_missing_secrets"], true);
    let update = json!({"name": "hook", "config": {}, "secrets": {"webhookUrl": "https://hooks.slack.com/services/T1"}});
    let (status, updated) = send(kb.put("/api/actions/connector/hook", update)).await;
    assert_eq!(status, 200, "{updated}");
    assert_eq!(updated["is_missing_secrets"], false);
    let (_, got) = send(kb.get("/api/actions/connector/hook")).await;
    assert_eq!(got["is_missing_secrets"], false);
}
