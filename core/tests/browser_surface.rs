//! The rest of the surface in the browser: connector types, the Spaces API, status, 403s, and
//! planted secrets that must never show in errors or their Debug output.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use kibana_connectors::{Auth, CreateConnector, Error, Kibana, Space, UpdateConnector};
use serde_json::json;
use wasm_bindgen_test::*;

mod common;
use common::*;

wasm_bindgen_test_configure!(run_in_browser);

fn client(auth: Auth) -> Kibana {
    client_for(sim_url(), auth, Duration::from_secs(10))
}

#[wasm_bindgen_test]
async fn connector_types_and_status() {
    let kb = admin();
    let types = kb.actions().list_types().await.unwrap();
    let index = types
        .iter()
        .find(|t| t.id == ".index")
        .expect(".index is registered");
    assert!(index.enabled && index.minimum_license_required == "basic");
    assert!(
        !types.iter().any(|t| t.is_system_action_type),
        "system types are hidden"
    );
    let cases = kb.actions().list_types_for_feature("cases").await.unwrap();
    assert!(
        cases
            .iter()
            .all(|t| t.supported_feature_ids.iter().any(|f| f == "cases"))
    );
    assert!(cases.iter().any(|t| t.id == ".jira"));
    assert!(
        kb.actions()
            .list_types_for_feature("no-such-feature")
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        kb.status().await.unwrap().version.number,
        option_env!("KIBANA_SIM_VERSION").unwrap_or("9.5.0")
    );
}

#[wasm_bindgen_test]
async fn spaces_api_round_trip() {
    let kb = admin();
    let id = unique("sp");
    let mut space = Space::new(&id, "Before");
    space.color = Some("#aabbcc".into());
    let created = kb.spaces().create(&space).await.unwrap();
    assert_eq!(
        (created.name.as_str(), created.color.as_deref()),
        ("Before", Some("#aabbcc"))
    );
    assert!(matches!(
        kb.spaces().create(&space).await,
        Err(Error::Conflict(_))
    ));
    space.name = "After".into();
    assert_eq!(kb.spaces().update(&space).await.unwrap().name, "After");
    assert_eq!(kb.spaces().get(&id).await.unwrap().name, "After");
    assert!(
        kb.spaces()
            .get_all()
            .await
            .unwrap()
            .iter()
            .any(|s| s.id == id)
    );
    let default = kb.spaces().get("default").await.unwrap();
    assert_eq!(default.reserved, Some(true));
    assert!(matches!(
        kb.spaces().delete("default").await,
        Err(Error::BadRequest(_))
    ));
    kb.spaces().delete(&id).await.unwrap();
    assert!(matches!(
        kb.spaces().get(&id).await,
        Err(Error::NotFound(_))
    ));
    assert!(matches!(
        kb.spaces().get("Bad Id").await,
        Err(Error::InvalidSpaceId { .. })
    ));
}

#[wasm_bindgen_test]
async fn readers_get_403_with_kibanas_message() {
    let reader = client(Auth::basic("reader", "reader-pw"));
    assert!(
        reader.actions().get_all().await.is_ok(),
        "reading is allowed"
    );
    let err = reader
        .actions()
        .create(&CreateConnector::new("nope", ".server-log"))
        .await
        .unwrap_err();
    match &err {
        Error::Authorization(api) => {
            assert_eq!(
                api.message,
                "Unauthorized to create a \".server-log\" action"
            );
            assert_eq!((api.status, api.space_id.as_str()), (403, "default"));
        }
        other => panic!("expected 403, got {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn planted_secrets_never_show_in_errors() {
    const PASSWORD: &str = "pw-PLANTED-7f3a";
    const WEBHOOK: &str = "https://hooks.example/PLANTED-SLACK-PATH";
    let wrong_password = client(Auth::basic("elastic", PASSWORD));
    let bad_key = client(Auth::api_key("UExBTlRFRC1LRVk6UExBTlRFRA=="));
    let mut errors = vec![
        wrong_password.actions().get_all().await.unwrap_err(),
        bad_key.actions().get_all().await.unwrap_err(),
        client(Auth::bearer("tok-PLANTED"))
            .status()
            .await
            .unwrap_err(),
    ];
    let kb = admin();
    let bad_secret = CreateConnector::new("s", ".slack")
        .secrets(json!({"webhookUrl": WEBHOOK, "extra": PASSWORD}));
    errors.push(kb.actions().create(&bad_secret).await.unwrap_err());
    let id = unique("sec");
    kb.actions()
        .create_with_id(
            &id,
            &CreateConnector::new("s", ".slack")
                .secrets(json!({"webhookUrl": "http://127.0.0.1:9/x"})),
        )
        .await
        .unwrap();
    let update =
        UpdateConnector::new("s").secrets(json!({"webhookUrl": WEBHOOK, "unexpected": PASSWORD}));
    errors.push(kb.actions().update(&id, &update).await.unwrap_err());
    kb.actions().delete(&id).await.unwrap();
    for err in &errors {
        let shown = format!("{err} {err:?}");
        for secret in [
            PASSWORD,
            "PLANTED-SLACK-PATH",
            "UExBTlRFRC1LRVk6UExBTlRFRA==",
            "tok-PLANTED",
        ] {
            assert!(!shown.contains(secret), "{secret} leaked in {shown}");
        }
    }
    assert!(
        matches!(errors[0], Error::Authentication(_)) && matches!(errors[3], Error::BadRequest(_))
    );
}
