//! The real gloo transport in headless Chromium against running `kibana-sim` instances on other
//! origins (so every request is a CORS request). `cargo xtask test` starts the sims and passes
//! their URLs at compile time:
//! - `KIBANA_SIM_URL`: CORS on for any origin, admin surface on, demo data seeded;
//! - `KIBANA_SIM_NOCORS_URL`: CORS off (Kibana's default);
//! - `KIBANA_SIM_OTHER_ORIGIN_URL`: CORS on, but only for another origin.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use kibana_connectors::{
    Auth, CreateConnector, Error, ExecuteStatus, Kibana, Space, UpdateConnector,
};
use serde_json::json;
use wasm_bindgen_test::*;

mod common;
use common::*;

wasm_bindgen_test_configure!(run_in_browser);

fn client(url: &str) -> Kibana {
    client_for(
        url,
        Auth::basic("elastic", "changeme"),
        Duration::from_secs(10),
    )
}

#[wasm_bindgen_test]
async fn lists_seeded_connectors_across_origins() {
    let all = client(sim_url())
        .actions()
        .get_all()
        .await
        .expect("get_all through CORS");
    assert!(
        all.iter()
            .any(|c| c.id == "demo-index" && c.connector_type_id == ".index"),
        "{all:?}"
    );
    assert!(all.iter().all(|c| c.referenced_by_count.is_some()));
    let names: Vec<String> = all.iter().map(|c| c.name.to_lowercase()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "get_all is sorted by name");
}

#[wasm_bindgen_test]
async fn index_connector_round_trip() {
    let kb = client(sim_url());
    let index = unique("browser-docs");
    let created = kb
        .actions()
        .create(&CreateConnector::new("Browser index", ".index").config(json!({"index": index})))
        .await
        .expect("create");
    assert_eq!(
        created.config.as_ref().unwrap()["refresh"],
        json!(false),
        "Kibana's defaults are echoed"
    );
    let run = kb
        .actions()
        .execute(&created.id, json!({"documents": [{"msg": "hello"}]}))
        .await
        .expect("execute");
    assert_eq!(run.status, ExecuteStatus::Ok);
    assert_eq!(
        run.data.as_ref().unwrap()["items"][0]["create"]["result"],
        "created"
    );
    let updated = kb
        .actions()
        .update(
            &created.id,
            &UpdateConnector::new("Renamed").config(json!({"index": index})),
        )
        .await
        .expect("update");
    assert_eq!(updated.name, "Renamed");
    kb.actions().delete(&created.id).await.expect("delete");
    let gone = kb.actions().get(&created.id).await.unwrap_err();
    assert!(
        matches!(&gone, Error::NotFound(api) if api.message == format!("Saved object [action/{}] not found", created.id)),
        "{gone:?}"
    );
}

#[wasm_bindgen_test]
async fn spaces_scope_connectors_and_unknown_spaces_are_reported() {
    let kb = client(sim_url());
    let id = unique("space");
    kb.spaces()
        .create(&Space::new(&id, "Browser space"))
        .await
        .expect("create space");
    let scoped = kb.space(&id).unwrap();
    let c = scoped
        .actions()
        .create(&CreateConnector::new("In space", ".server-log"))
        .await
        .expect("create in space");
    assert!(scoped.actions().get(&c.id).await.is_ok());
    assert!(
        matches!(kb.actions().get(&c.id).await, Err(Error::NotFound(_))),
        "not visible from the default space"
    );
    let missing = kb
        .space("no-such-space")
        .unwrap()
        .actions()
        .get_all()
        .await
        .unwrap_err();
    assert!(
        matches!(&missing, Error::SpaceNotFound { space_id } if space_id == "no-such-space"),
        "{missing:?}"
    );
    kb.spaces().delete(&id).await.expect("delete space");
}

#[wasm_bindgen_test]
async fn conflicts_and_validation_errors_carry_kibanas_message() {
    let kb = client(sim_url());
    let bad = kb
        .actions()
        .create(&CreateConnector::new("x", ".index").config(json!({"index": 666})))
        .await
        .unwrap_err();
    // Kibana's message, carried verbatim: its wording differs per release (config-schema before
    // 9.3, zod after), so it is compared with the answer's own body, not with a fixed text.
    let Error::BadRequest(answer) = &bad else {
        panic!("{bad:?}")
    };
    let body: serde_json::Value = serde_json::from_str(&answer.body).expect("Kibana's JSON body");
    assert_eq!(answer.message, body["message"].as_str().unwrap(), "{bad:?}");
    assert!(
        answer.message.starts_with("error validating ") && answer.message.contains("index"),
        "{bad:?}"
    );
    let dup = kb
        .actions()
        .create_with_id("demo-index", &CreateConnector::new("x", ".server-log"))
        .await
        .unwrap_err();
    assert!(matches!(dup, Error::Conflict(_)));
    let auth = Kibana::builder(sim_url())
        .auth(Auth::basic("elastic", "wrong"))
        .build()
        .unwrap()
        .actions()
        .get_all()
        .await
        .unwrap_err();
    assert!(matches!(auth, Error::Authentication(_)));
}

#[wasm_bindgen_test]
async fn cors_refusals_are_network_errors_with_a_hint() {
    for url in [
        option_env!("KIBANA_SIM_NOCORS_URL"),
        option_env!("KIBANA_SIM_OTHER_ORIGIN_URL"),
    ] {
        let url = url.expect("CORS test sims must be set at build time");
        let err = client(url).actions().get_all().await.unwrap_err();
        match err {
            Error::Network {
                hint: Some(hint), ..
            } => assert!(hint.contains("CORS"), "{hint}"),
            other => panic!("expected a network error with a CORS hint, got {other:?}"),
        }
    }
}
