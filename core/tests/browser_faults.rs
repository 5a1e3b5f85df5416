//! Retries, timeouts and broken answers, driven by the sim's fault injection (`/__sim/faults`)
//! and checked against the sim's request log (`/__sim/requests`).
//!
//! wasm-bindgen-test runs these async tests concurrently: every fault is scoped to a path only
//! its test uses and is used up (`times`), never cleared globally.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use kibana_connectors::models::types::{Index, IndexConfig, IndexParams, NoSecrets};
use kibana_connectors::{Auth, CreateConnector, Error, Kibana, Space};
use serde_json::json;
use wasm_bindgen_test::*;

mod common;
use common::*;

wasm_bindgen_test_configure!(run_in_browser);

fn client(timeout: Duration) -> Kibana {
    client_for(sim_url(), Auth::basic("elastic", "changeme"), timeout)
}

#[wasm_bindgen_test]
async fn idempotent_reads_retry_on_503_and_429_with_retry_after() {
    let kb = client(Duration::from_secs(10));
    let space = unique("retry");
    kb.spaces()
        .create(&Space::new(&space, "Retry"))
        .await
        .unwrap();
    let path = format!("/s/{space}/api/actions/connectors");
    fault(json!({"kind":"status","status":503,"retry_after":"0","times":2,"method":"GET","path":path})).await;
    let all = kb
        .space(&space)
        .unwrap()
        .actions()
        .get_all()
        .await
        .expect("succeeds after two 503s");
    assert!(all.is_empty());

    // Kibana exposes only WWW-Authenticate and Server-Authorization to cross-origin pages, so
    // the browser hides Retry-After here and the client falls back to its backoff (200 ms).
    fault(json!({"kind":"status","status":429,"retry_after":"30","times":1,"method":"GET","path":path})).await;
    let started = js_sys::Date::now();
    kb.space(&space)
        .unwrap()
        .actions()
        .get_all()
        .await
        .expect("succeeds after a 429");
    let waited = js_sys::Date::now() - started;
    assert!(
        (200.0..5_000.0).contains(&waited),
        "backoff, not the hidden 30 s Retry-After: {waited} ms"
    );
    let statuses: Vec<u64> = served(&path).await.into_iter().map(|(_, s)| s).collect();
    assert_eq!(
        statuses,
        [503, 503, 200, 429, 200],
        "each retry is one request, no more"
    );

    // 1 try + 3 retries, then the error.
    fault(json!({"kind":"status","status":503,"retry_after":"0","times":4,"method":"GET","path":path})).await;
    let err = kb
        .space(&space)
        .unwrap()
        .actions()
        .get_all()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Api(a) if a.status == 503),
        "gives up after max_retries: {err:?}"
    );
    assert_eq!(
        served(&path).await.len(),
        5 + 4,
        "one try and three retries, then nothing"
    );
}

#[wasm_bindgen_test]
async fn writes_are_never_sent_twice() {
    let kb = client(Duration::from_secs(10));
    let id = unique("once");
    fault(json!({"kind":"status","status":503,"retry_after":"0","times":1,"method":"POST","path":format!("/connector/{id}")})).await;
    let err = kb
        .actions()
        .create_with_id(&id, &CreateConnector::new("once", ".server-log"))
        .await
        .unwrap_err();
    assert!(matches!(&err, Error::Api(a) if a.status == 503), "{err:?}");
    assert!(
        matches!(kb.actions().get(&id).await, Err(Error::NotFound(_))),
        "not retried, so not created"
    );

    kb.actions()
        .create_with_id(&id, &CreateConnector::new("once", ".server-log"))
        .await
        .unwrap();
    fault(json!({"kind":"drop","method":"POST","path":format!("/connector/{id}/_execute")})).await;
    let err = kb
        .actions()
        .execute(&id, json!({"message":"m"}))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Network { .. }), "{err:?}");
    fault(json!({"kind":"status","status":502,"method":"PUT","path":format!("/connector/{id}")}))
        .await;
    let err = kb
        .actions()
        .update(&id, &kibana_connectors::UpdateConnector::new("x"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(502));
    assert_eq!(
        served(&format!("/connector/{id}/_execute")).await,
        [("POST".to_string(), 200)],
        "the dropped execute was sent once"
    );
    let writes: Vec<(String, u64)> = served(&format!("/connector/{id}"))
        .await
        .into_iter()
        .filter(|(m, _)| m != "GET")
        .collect();
    let expected = [("POST", 503), ("POST", 200), ("PUT", 502)].map(|(m, s)| (m.to_string(), s));
    assert_eq!(writes, expected, "each write went out exactly once");
    kb.actions().delete(&id).await.unwrap();
}

#[wasm_bindgen_test]
async fn timeouts_abort_and_malformed_answers_name_the_problem() {
    let kb = client(Duration::from_millis(300));
    let id = unique("slow");
    kb.actions()
        .create_with_id(&id, &CreateConnector::new("slow", ".server-log"))
        .await
        .unwrap();
    fault(json!({"kind":"latency","ms":2000,"method":"GET","path":format!("/connector/{id}")}))
        .await;
    let started = js_sys::Date::now();
    let err = kb.actions().get(&id).await.unwrap_err();
    assert!(
        matches!(err, Error::Timeout { after } if after == Duration::from_millis(300)),
        "{err:?}"
    );
    assert!(
        js_sys::Date::now() - started < 1500.0,
        "aborted at the timeout, not after the latency"
    );

    fault(json!({"kind":"malformed","method":"GET","path":format!("/connector/{id}")})).await;
    let err = kb.actions().get(&id).await.unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    kb.actions().delete(&id).await.unwrap();
}

#[wasm_bindgen_test]
async fn typed_index_flow_and_execution_errors() {
    let kb = client(Duration::from_secs(10));
    let index = unique("typed");
    let body =
        CreateConnector::typed::<Index>("Typed index", &IndexConfig::new(&index), &NoSecrets {})
            .unwrap();
    let c = kb.actions().create(&body).await.unwrap();
    assert_eq!(c.config_as::<Index>().unwrap(), IndexConfig::new(&index));
    let params = IndexParams {
        documents: vec![json!({"n": 1}).as_object().unwrap().clone()],
        index_override: None,
    };
    let ok = kb
        .actions()
        .execute_typed::<Index>(&c.id, &params)
        .await
        .unwrap()
        .into_result()
        .unwrap();
    assert_eq!(ok.data.unwrap()["items"][0]["create"]["_index"], index);
    let bad = IndexParams {
        documents: vec![],
        index_override: Some("elsewhere".into()),
    };
    let err = kb
        .actions()
        .execute_typed::<Index>(&c.id, &bad)
        .await
        .unwrap()
        .into_result()
        .unwrap_err();
    match err {
        Error::Execution { message, retry, .. } => {
            assert!(
                message.starts_with("error validating action params"),
                "{message}"
            );
            assert_eq!(retry, Some(kibana_connectors::Retry::Flag(false)));
        }
        other => panic!("expected an execution error, got {other:?}"),
    }
    kb.actions().delete(&c.id).await.unwrap();
}
