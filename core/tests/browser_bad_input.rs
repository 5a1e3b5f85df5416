//! Bad input only Kibana can judge, against the open sim in Chromium: each gets Kibana's own
//! message in the right error kind. Ids with `/`, `?`, `%`, `#` and unicode are encoded, so
//! they reach the connector route (a 404 that names the id), never another route.
#![cfg(target_arch = "wasm32")]

use kibana_connectors::{CreateConnector, Error, Secrets};
use serde_json::{Value, json};
use wasm_bindgen_test::*;

mod common;
use common::*;

wasm_bindgen_test_configure!(run_in_browser);

fn body(name: &str, type_id: &str, config: Value, secrets: Value) -> CreateConnector {
    let mut c = CreateConnector::new(name, type_id);
    c.config = config.as_object().cloned().unwrap_or_default();
    c.secrets = Secrets(secrets.as_object().cloned().unwrap_or_default());
    c
}

#[wasm_bindgen_test]
async fn odd_ids_are_encoded_and_round_trip() {
    let kb = admin();
    for odd in [
        "a/b",
        "what?x=1",
        "100%",
        "hash#tag",
        "ünï-çødé",
        "dots..",
        "sp ace",
    ] {
        match kb.actions().get(odd).await {
            Err(Error::NotFound(api)) => {
                assert!(api.message.contains(odd), "{odd}: {}", api.message)
            }
            other => panic!("{odd}: {other:?}"),
        }
        let id = format!("{odd}-{}", unique("id"));
        let made = kb
            .actions()
            .create_with_id(&id, &body("odd", ".server-log", json!({}), json!({})))
            .await
            .unwrap();
        assert_eq!(made.id, id);
        assert_eq!(kb.actions().get(&id).await.unwrap().id, id);
        kb.actions().delete(&id).await.unwrap();
    }
}

#[wasm_bindgen_test]
async fn kibana_refusals_carry_kibanas_message() {
    let kb = admin();
    let cases: Vec<(CreateConnector, &str)> = vec![
        (body("w", ".index", json!({"index": 1}), json!({})), "index"),
        (body("w", ".index", json!({}), json!({})), "index"),
        (
            body(
                "w",
                ".index",
                json!({"index": "x", "refresh": "yes"}),
                json!({}),
            ),
            "refresh",
        ),
        (
            body(
                "w",
                ".index",
                json!({"index": "x", "unknown": 1}),
                json!({}),
            ),
            "unknown",
        ),
        (body("s", ".slack", json!({}), json!({})), "webhookUrl"),
        (
            body("s", ".slack", json!({}), json!({"webhookUrl": 5})),
            "webhookUrl",
        ),
        (
            body(
                "e",
                ".email",
                json!({"from": "a@b", "port": "twenty"}),
                json!({}),
            ),
            "port",
        ),
        (body("p", ".pagerduty", json!({}), json!({})), "routingKey"),
        (
            body(
                "j",
                ".jira",
                json!({"apiUrl": "https://j"}),
                json!({"email": "a", "apiToken": "t"}),
            ),
            "projectKey",
        ),
        (
            body("", ".server-log", json!({}), json!({})),
            "body.name]: value '' is not valid",
        ),
        (
            body("x", ".not-a-type", json!({}), json!({})),
            ".not-a-type",
        ),
    ];
    // Kibana's own message, verbatim, naming what is wrong: its wording is the release's
    // (`[index]: ...` from config-schema, `Field "index": ...` from zod since 9.3), so only the
    // key it names is checked.
    for (create, expected) in cases {
        match kb.actions().create(&create).await {
            Err(Error::BadRequest(api)) => {
                let body: serde_json::Value =
                    serde_json::from_str(&api.body).expect("Kibana's JSON body");
                assert_eq!(api.message, body["message"].as_str().unwrap_or_default());
                assert!(
                    api.message.contains(expected),
                    "{expected}: {}",
                    api.message
                );
            }
            other => panic!("{expected}: {other:?}"),
        }
    }
    // A huge name is Kibana's to judge; it keeps it whole.
    let long = "n".repeat(5_000);
    let c = kb
        .actions()
        .create(&body(&long, ".server-log", json!({}), json!({})))
        .await
        .unwrap();
    assert_eq!(c.name.len(), 5_000);
    // Params of the wrong shape come back as the run's error, with Kibana's reason.
    let run = kb
        .actions()
        .execute(&c.id, json!({"message": 42}))
        .await
        .unwrap();
    // The reason names the param (`[message]: ...` before 9.3, `Field "message": ...` after).
    let reason = run.message.clone().unwrap_or_default();
    assert!(
        !run.is_ok()
            && reason.starts_with("error validating action params")
            && reason.contains("message"),
        "{run:?}"
    );
    // Over server.maxPayload (1 MiB): 413 from the HTTP layer, before Kibana reads the body.
    let big = "x".repeat(1_100_000);
    match kb.actions().execute(&c.id, json!({"message": big})).await {
        Err(Error::Api(api)) => assert_eq!(api.status, 413, "{}", api.message),
        other => panic!("oversized: {other:?}"),
    }
    kb.actions().delete(&c.id).await.unwrap();
}
