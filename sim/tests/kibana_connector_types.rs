//! Kibana's per-type API integration tests, transcribed
//! (`x-pack/platform/test/alerting_api_integration/security_and_spaces/group2/tests/actions/
//! connector_types/`), as the test runner's superuser, each against the Kibana line of the
//! copy read: `es_index.ts @ 3107e092` expects 9.2's shapes and config-schema messages;
//! `server_log.ts @ 01ad79c3` expects `is_connector_type_deprecated` (9.3+) and runs on 9.5,
//! which adds `auth_mode` as create and get do on that line (`group2/tests/actions/get.ts`).
//! Event-log assertions are left out (the sim keeps no event log). ServiceNow (ITSM, SecOps,
//! ITOM) and Jira, with their simulators, are in `kibana_connector_types/`.

mod common;

#[path = "kibana_connector_types/jira.rs"]
mod jira;
#[path = "kibana_connector_types/servicenow.rs"]
mod servicenow;

use common::{Kb, send};
use serde_json::{Value, json};

/// `ES_TEST_INDEX_NAME` of es_index.ts.
const ES_TEST_INDEX_NAME: &str = "functional-test-actions-index";

/// `getTestIndexItems`: the `_source` of every document of the index.
fn test_index_items(kb: &Kb, index: &str) -> Vec<Value> {
    let (_, docs) = kb.sim.state.store.documents(index, 10_000).unwrap();
    docs.into_iter().map(|(_, d)| d).collect()
}

fn without_id(mut v: Value) -> Value {
    v.as_object_mut().unwrap().remove("id");
    v
}

/// es_index.ts: 'should be created successfully'
#[tokio::test]
async fn es_index_should_be_created_successfully() {
    let kb = Kb::start_9_2("").await;
    let (status, created) = send(kb.post(
        "/api/actions/connector",
        json!({"name": "An index action", "connector_type_id": ".index",
               "config": {"index": ES_TEST_INDEX_NAME}, "secrets": {}}),
    ))
    .await;
    assert_eq!(status, 200);
    let want = json!({"is_preconfigured": false, "is_system_action": false, "is_deprecated": false,
        "name": "An index action", "connector_type_id": ".index", "is_missing_secrets": false,
        "config": {"index": ES_TEST_INDEX_NAME, "refresh": false, "executionTimeField": null}});
    assert_eq!(without_id(created.clone()), want);
    let id = created["id"].as_str().expect("a string id");
    let (status, fetched) = send(kb.get(&format!("/api/actions/connector/{id}"))).await;
    assert_eq!(status, 200);
    assert_eq!(without_id(fetched), want);

    let (status, with_all) = send(kb.post(
        "/api/actions/connector",
        json!({"name": "An index action with index config", "connector_type_id": ".index",
               "config": {"index": ES_TEST_INDEX_NAME, "refresh": true, "executionTimeField": "test"}}),
    ))
    .await;
    assert_eq!(status, 200);
    let want = json!({"is_preconfigured": false, "is_system_action": false, "is_deprecated": false,
        "name": "An index action with index config", "connector_type_id": ".index", "is_missing_secrets": false,
        "config": {"index": ES_TEST_INDEX_NAME, "refresh": true, "executionTimeField": "test"}});
    assert_eq!(without_id(with_all.clone()), want);
    let id = with_all["id"].as_str().unwrap();
    let (_, fetched) = send(kb.get(&format!("/api/actions/connector/{id}"))).await;
    assert_eq!(without_id(fetched), want);
}

/// es_index.ts: 'should respond with error when creation unsuccessful'
#[tokio::test]
async fn es_index_should_respond_with_error_when_creation_unsuccessful() {
    let kb = Kb::start_9_2("").await;
    let (status, body) = send(kb.post(
        "/api/actions/connector",
        json!({"name": "An index action", "connector_type_id": ".index", "config": {"index": 666}}),
    ))
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        body,
        json!({"statusCode": 400, "error": "Bad Request",
               "message": "error validating action type config: [index]: expected value of type [string] but got [number]"})
    );
}

async fn index_connector(kb: &Kb, config: Value) -> String {
    let (status, created) = send(kb.post(
        "/api/actions/connector",
        json!({"name": "An index action", "connector_type_id": ".index", "config": config, "secrets": {}}),
    ))
    .await;
    assert_eq!(status, 200, "{created}");
    created["id"].as_str().unwrap().to_string()
}

async fn execute(kb: &Kb, id: &str, params: Value) -> Value {
    let (status, result) = send(kb.post(
        &format!("/api/actions/connector/{id}/_execute"),
        json!({ "params": params }),
    ))
    .await;
    assert_eq!(status, 200, "{result}");
    result
}

/// es_index.ts: 'should execute successly when expected for a single body'
#[tokio::test]
async fn es_index_should_execute_for_a_single_body() {
    let kb = Kb::start_9_2("").await;
    let id = index_connector(&kb, json!({"index": ES_TEST_INDEX_NAME, "refresh": true})).await;
    let result = execute(&kb, &id, json!({"documents": [{"testing": [1, 2, 3]}]})).await;
    assert_eq!(result["status"], "ok");
    assert_eq!(
        test_index_items(&kb, ES_TEST_INDEX_NAME),
        [json!({"testing": [1, 2, 3]})]
    );
}

/// es_index.ts: 'should execute successly when expected for with multiple bodies'
#[tokio::test]
async fn es_index_should_execute_with_multiple_bodies() {
    let kb = Kb::start_9_2("").await;
    let id = index_connector(&kb, json!({"index": ES_TEST_INDEX_NAME, "refresh": true})).await;
    let result = execute(
        &kb,
        &id,
        json!({"documents": [{"testing": [1, 2, 3]}, {"Testing": [4, 5, 6]}]}),
    )
    .await;
    assert_eq!(result["status"], "ok");
    let items = test_index_items(&kb, ES_TEST_INDEX_NAME);
    assert_eq!(items.len(), 2);
    assert!(items.contains(&json!({"testing": [1, 2, 3]})));
    assert!(items.contains(&json!({"Testing": [4, 5, 6]})));
}

/// es_index.ts: 'should execute successly with refresh false'
#[tokio::test]
async fn es_index_should_execute_with_refresh_false() {
    let kb = Kb::start_9_2("").await;
    let id = index_connector(
        &kb,
        json!({"index": ES_TEST_INDEX_NAME, "refresh": false, "executionTimeField": "test"}),
    )
    .await;
    let result = execute(&kb, &id, json!({"documents": [{"refresh": "not set"}]})).await;
    assert_eq!(result["status"], "ok");
    assert!(test_index_items(&kb, ES_TEST_INDEX_NAME).len() < 2);
    let with_refresh =
        index_connector(&kb, json!({"index": ES_TEST_INDEX_NAME, "refresh": true})).await;
    let result = execute(
        &kb,
        &with_refresh,
        json!({"documents": [{"refresh": "true"}]}),
    )
    .await;
    assert_eq!(result["status"], "ok");
    assert_eq!(test_index_items(&kb, ES_TEST_INDEX_NAME).len(), 2);
}

/// es_index_preconfigured.ts: 'should execute successfully when expected for a single body'
#[tokio::test]
async fn es_index_preconfigured_should_execute_for_a_single_body() {
    let kb = Kb::start(include_str!("kibana_ftr.yml")).await;
    let result = execute(
        &kb,
        "preconfigured-es-index-action",
        json!({"documents": [{"testing": [4, 5, 6]}]}),
    )
    .await;
    assert_eq!(result["status"], "ok");
    let mut items = test_index_items(&kb, "functional-test-actions-index-preconfigured");
    assert_eq!(items.len(), 1);
    let document = items[0].as_object_mut().unwrap();
    let timestamp = document
        .remove("timestamp")
        .expect("the execution time field");
    assert_eq!(
        Value::Object(document.clone()),
        json!({"testing": [4, 5, 6]})
    );
    // Within the last minute.
    let at = time::OffsetDateTime::parse(
        timestamp.as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .expect("an ISO date");
    let age = time::OffsetDateTime::now_utc() - at;
    assert!(
        age >= time::Duration::ZERO && age < time::Duration::minutes(1),
        "{age}"
    );
}

/// server_log.ts: 'should return 200 when creating a builtin server-log action'
#[tokio::test]
async fn server_log_should_return_200_when_creating_a_builtin_server_log_action() {
    let kb = Kb::start("").await;
    let (status, created) = send(kb.post(
        "/api/actions/connector",
        json!({"name": "A server.log action", "connector_type_id": ".server-log"}),
    ))
    .await;
    assert_eq!(status, 200);
    let want = json!({"is_preconfigured": false, "is_system_action": false, "is_deprecated": false,
        "is_missing_secrets": false, "name": "A server.log action", "connector_type_id": ".server-log",
        "config": {}, "is_connector_type_deprecated": false, "auth_mode": "shared"});
    assert_eq!(without_id(created.clone()), want);
    let id = created["id"].as_str().expect("a string id");
    let (status, fetched) = send(kb.get(&format!("/api/actions/connector/{id}"))).await;
    assert_eq!(status, 200);
    assert_eq!(without_id(fetched), want);

    // server_log.ts: 'should handle firing the action'
    let result = execute(
        &kb,
        id,
        json!({"level": "info", "message": "message posted by firing an action during a test"}),
    )
    .await;
    assert_eq!(result["status"], "ok");
}

/// Kibana's Slack simulator (`actions_simulators/server/slack_simulation.ts`): the message
/// text picks the answer. Returns its URL.
async fn slack_simulator() -> String {
    use axum::http::{HeaderValue, StatusCode};
    use axum::response::IntoResponse;
    let app = axum::Router::new().fallback(|body: axum::body::Bytes| async move {
        let text = serde_json::from_slice::<Value>(&body)
            .ok()
            .and_then(|v| v["text"].as_str().map(str::to_owned))
            .unwrap_or_default();
        let (status, answer) = match text.as_str() {
            "success" => (StatusCode::OK, "ok"),
            "invalid_payload" => (StatusCode::BAD_REQUEST, "invalid_payload"),
            "rate_limit" => (StatusCode::TOO_MANY_REQUESTS, "rate_limit"),
            "status_500" => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "simulated slack 500 response",
            ),
            _ => (
                StatusCode::BAD_REQUEST,
                "unknown request to slack simulator",
            ),
        };
        let mut resp = (status, answer).into_response();
        if status == StatusCode::TOO_MANY_REQUESTS {
            resp.headers_mut()
                .insert("retry-after", HeaderValue::from_static("1"));
        }
        resp
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://localhost:{}", addr.port())
}

const LOCALHOST_ONLY: &str = "xpack.actions.allowedHosts: [localhost, some.non.existent.com, smtp-mail.outlook.com, slack.com]\n";

/// slack_webhook.ts: 'should return 200 when creating a slack action successfully'
/// (the copy read expects `is_connector_type_deprecated`, so it runs on 9.5, with `auth_mode`).
#[tokio::test]
async fn slack_should_return_200_when_creating_a_slack_action_successfully() {
    let kb = Kb::start(LOCALHOST_ONLY).await;
    let url = slack_simulator().await;
    let (status, created) = send(kb.post(
        "/api/actions/connector",
        json!({"name": "A slack action", "connector_type_id": ".slack", "secrets": {"webhookUrl": url}}),
    ))
    .await;
    assert_eq!(status, 200, "{created}");
    let want = json!({"is_preconfigured": false, "is_system_action": false, "is_deprecated": false,
        "is_missing_secrets": false, "name": "A slack action", "connector_type_id": ".slack",
        "config": {}, "is_connector_type_deprecated": false, "auth_mode": "shared"});
    assert_eq!(without_id(created.clone()), want);
    let id = created["id"].as_str().expect("a string id");
    let (_, fetched) = send(kb.get(&format!("/api/actions/connector/{id}"))).await;
    assert_eq!(without_id(fetched), want);
}

/// slack_webhook.ts: the three 400s at create, on 9.2 (the copy's config-schema wording):
/// 'should respond with a 400 Bad Request when creating a slack action with no webhookUrl',
/// '... with not present in allowedHosts webhookUrl', '... with a webhookUrl with no hostname'
#[tokio::test]
async fn slack_should_respond_with_400s_at_create() {
    let kb = Kb::start_9_2(LOCALHOST_ONLY).await;
    let cases = [
        (
            json!({}),
            "error validating action type secrets: [webhookUrl]: expected value of type [string] but got [undefined]",
        ),
        (
            json!({"webhookUrl": "http://slack.mynonexistent.com/other/stuff/in/the/path"}),
            "error validating action type secrets: error configuring slack action: target url \"http://slack.mynonexistent.com/other/stuff/in/the/path\" is not added to the Kibana config xpack.actions.allowedHosts",
        ),
        (
            json!({"webhookUrl": "fee-fi-fo-fum"}),
            "error validating action type secrets: error configuring slack action: unable to parse host name from webhookUrl",
        ),
    ];
    for (secrets, message) in cases {
        let (status, body) = send(kb.post(
            "/api/actions/connector",
            json!({"name": "A slack action", "connector_type_id": ".slack", "secrets": secrets}),
        ))
        .await;
        assert_eq!(status, 400, "{secrets}");
        assert_eq!(
            body,
            json!({"statusCode": 400, "error": "Bad Request", "message": message})
        );
    }
}

/// slack_webhook.ts: 'should create our slack simulator action successfully', then
/// 'should handle firing with a simulated success', 'should handle an empty message error',
/// 'should handle a 40x slack error', 'should handle a 429 slack error',
/// 'should handle a 500 slack error' (on 9.2, whose params wording the copy matches).
#[tokio::test]
async fn slack_should_handle_firing_against_the_simulator() {
    let kb = Kb::start_9_2(LOCALHOST_ONLY).await;
    let url = slack_simulator().await;
    let (status, created) = send(kb.post(
        "/api/actions/connector",
        json!({"name": "A slack simulator", "connector_type_id": ".slack", "secrets": {"webhookUrl": url}}),
    ))
    .await;
    assert_eq!(status, 200, "{created}");
    let id = created["id"].as_str().unwrap();

    let ok = execute(&kb, id, json!({"message": "success"})).await;
    assert_eq!(ok["status"], "ok", "{ok}");

    let empty = execute(&kb, id, json!({"message": ""})).await;
    assert_eq!(empty["status"], "error");
    assert!(
        empty["message"]
            .as_str()
            .unwrap()
            .starts_with("error validating action params: [message]: "),
        "{empty}"
    );

    let bad = execute(&kb, id, json!({"message": "invalid_payload"})).await;
    assert_eq!(bad["status"], "error");
    assert!(
        bad["message"]
            .as_str()
            .unwrap()
            .starts_with("unexpected http response from slack: "),
        "{bad}"
    );

    let started = time::OffsetDateTime::now_utc();
    let limited = execute(&kb, id, json!({"message": "rate_limit"})).await;
    assert_eq!(limited["status"], "error");
    let message = limited["message"].as_str().unwrap();
    let at = message
        .strip_prefix("error posting a slack message, retry at ")
        .unwrap_or_else(|| panic!("{limited}"));
    assert!(
        at.len() > 4 && at[..4].chars().all(|c| c.is_ascii_digit()),
        "{at}"
    );
    let retry = time::OffsetDateTime::parse(
        limited["retry"].as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    assert!(retry > started, "{limited}");

    let failed = execute(&kb, id, json!({"message": "status_500"})).await;
    assert_eq!(failed["status"], "error");
    assert_eq!(
        failed["message"],
        "error posting a slack message, retry later"
    );
    assert_eq!(failed["retry"], true);
}

/// Kibana's webhook simulator (`actions_simulators/server/webhook_simulation.ts`): the body
/// names what to check. Returns its URL and the methods it was called with.
async fn webhook_simulator() -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use axum::http::{HeaderMap, Method, StatusCode};
    use base64::Engine;
    let methods = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = methods.clone();
    let app =
        axum::Router::new().fallback(move |method: Method, headers: HeaderMap, body: String| {
            let seen = seen.clone();
            async move {
                seen.lock().unwrap().push(method.to_string());
                let header = |k: &str| {
                    headers
                        .get(k)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or_default()
                        .to_string()
                };
                let expected_auth = format!(
                    "Basic {}",
                    base64::engine::general_purpose::STANDARD.encode("elastic:changeme")
                );
                let verdict = match body.as_str() {
                    "authenticate" => header("authorization") == expected_auth,
                    "success_post_method" => method == Method::POST,
                    "success_put_method" => method == Method::PUT,
                    "success_patch_method" => method == Method::PATCH,
                    "success_config_secret_headers" => {
                        header("config") == "configValue" && header("secret") == "secretValue"
                    }
                    "failure" => return (StatusCode::INTERNAL_SERVER_ERROR, "Error"),
                    "" => method == Method::GET || method == Method::DELETE,
                    _ => false,
                };
                if verdict {
                    (StatusCode::OK, "OK")
                } else {
                    (StatusCode::BAD_REQUEST, "Bad Request")
                }
            }
        });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://localhost:{}", addr.port()), methods)
}

/// webhook.ts `createWebhookAction`: `Content-Type: text/plain`, the Kibana test user's
/// credentials.
async fn create_webhook(kb: &Kb, url: &str, method: Option<&str>) -> String {
    let mut config = json!({"headers": {"Content-Type": "text/plain"}, "url": url});
    if let Some(m) = method {
        config["method"] = json!(m);
    }
    let (status, created) = send(kb.post(
        "/api/actions/connector",
        json!({"name": "A generic Webhook action", "connector_type_id": ".webhook",
               "secrets": {"user": "elastic", "password": "changeme"}, "config": config}),
    ))
    .await;
    assert_eq!(status, 200, "{created}");
    created["id"].as_str().unwrap().to_string()
}

fn webhook_connector(url: &str, method: &str, headers: Value) -> Value {
    json!({"is_preconfigured": false, "is_system_action": false, "is_deprecated": false,
           "name": "A generic Webhook action", "connector_type_id": ".webhook", "is_missing_secrets": false,
           "config": {"headers": headers, "method": method, "hasAuth": true, "url": url},
           "is_connector_type_deprecated": false, "auth_mode": "shared"})
}

/// webhook.ts: 'should return 200 when creating a webhook connector successfully with default
/// method', and `... with ${method} method` for post, put, patch, get and delete (the copy
/// read expects `is_connector_type_deprecated`: 9.5, with `auth_mode`).
#[tokio::test]
async fn webhook_should_return_200_when_creating_with_each_method() {
    let kb = Kb::start(LOCALHOST_ONLY).await;
    let (url, _) = webhook_simulator().await;
    for method in [
        None,
        Some("post"),
        Some("put"),
        Some("patch"),
        Some("get"),
        Some("delete"),
    ] {
        let mut config = json!({"url": url});
        if let Some(m) = method {
            config["method"] = json!(m);
        }
        let (status, created) = send(kb.post(
            "/api/actions/connector",
            json!({"name": "A generic Webhook action", "connector_type_id": ".webhook",
                   "secrets": {"user": "username", "password": "mypassphrase"}, "config": config}),
        ))
        .await;
        assert_eq!(status, 200, "{created}");
        let want = webhook_connector(&url, method.unwrap_or("post"), Value::Null);
        assert_eq!(without_id(created.clone()), want, "{method:?}");
        let id = created["id"].as_str().unwrap();
        let (_, fetched) = send(kb.get(&format!("/api/actions/connector/{id}"))).await;
        assert_eq!(without_id(fetched), want, "{method:?}");
    }
}

/// webhook.ts: 'should remove headers when a webhook is updated'
#[tokio::test]
async fn webhook_should_remove_headers_when_updated() {
    let kb = Kb::start(LOCALHOST_ONLY).await;
    let (url, _) = webhook_simulator().await;
    let (status, created) = send(kb.post(
        "/api/actions/connector",
        json!({"name": "A generic Webhook action", "connector_type_id": ".webhook",
               "secrets": {"user": "username", "password": "mypassphrase"},
               "config": {"url": url, "headers": {"someHeader": "123"}}}),
    ))
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        without_id(created.clone()),
        webhook_connector(&url, "post", json!({"someHeader": "123"}))
    );
    let id = created["id"].as_str().unwrap();
    let (status, _) = send(kb.put(
        &format!("/api/actions/connector/{id}"),
        json!({"name": "A generic Webhook action", "secrets": {"user": "username", "password": "mypassphrase"},
               "config": {"url": url, "headers": {"someOtherHeader": "456"}}}),
    ))
    .await;
    assert_eq!(status, 200);
    let (_, fetched) = send(kb.get(&format!("/api/actions/connector/{id}"))).await;
    assert_eq!(
        without_id(fetched),
        webhook_connector(&url, "post", json!({"someOtherHeader": "456"}))
    );
}

/// webhook.ts: 'should send authentication to the webhook target', 'should support the POST
/// method against webhook target' and the PUT, PATCH, GET and DELETE ones.
#[tokio::test]
async fn webhook_should_send_authentication_and_each_method() {
    let kb = Kb::start(LOCALHOST_ONLY).await;
    let (url, methods) = webhook_simulator().await;
    let id = create_webhook(&kb, &url, None).await;
    let result = execute(&kb, &id, json!({"body": "authenticate"})).await;
    assert_eq!(result["status"], "ok", "{result}");
    for (method, params) in [
        ("post", json!({"body": "success_post_method"})),
        ("put", json!({"body": "success_put_method"})),
        ("patch", json!({"body": "success_patch_method"})),
        ("get", json!({})),
        ("delete", json!({})),
    ] {
        let id = create_webhook(&kb, &url, Some(method)).await;
        let result = execute(&kb, &id, params).await;
        assert_eq!(result["status"], "ok", "{method}: {result}");
        assert_eq!(
            methods.lock().unwrap().last().unwrap(),
            &method.to_uppercase()
        );
    }
}

/// webhook.ts: 'should handle target webhooks that are not added to allowedHosts'
#[tokio::test]
async fn webhook_should_handle_targets_not_added_to_allowed_hosts() {
    let kb = Kb::start(LOCALHOST_ONLY).await;
    let (status, result) = send(kb.post(
        "/api/actions/connector",
        json!({"name": "A generic Webhook action", "connector_type_id": ".webhook",
               "secrets": {"user": "username", "password": "mypassphrase"},
               "config": {"url": "http://a.none.allowedHosts.webhook/endpoint"}}),
    ))
    .await;
    assert_eq!(status, 400);
    assert_eq!(result["error"], "Bad Request");
    assert!(
        result["message"]
            .as_str()
            .unwrap()
            .contains("is not added to the Kibana config"),
        "{result}"
    );
}

/// webhook.ts: 'should handle failing webhook targets'
#[tokio::test]
async fn webhook_should_handle_failing_targets() {
    let kb = Kb::start(LOCALHOST_ONLY).await;
    let (url, _) = webhook_simulator().await;
    let id = create_webhook(&kb, &url, None).await;
    let result = execute(&kb, &id, json!({"body": "failure"})).await;
    assert_eq!(result["status"], "error");
    assert!(
        result["message"]
            .as_str()
            .unwrap()
            .contains("error calling webhook, retry later"),
        "{result}"
    );
    assert_eq!(result["service_message"], "[500] Internal Server Error");
}

/// webhook.ts: 'sends both config and secret headers in the webhook request'
#[tokio::test]
async fn webhook_sends_both_config_and_secret_headers() {
    let kb = Kb::start(LOCALHOST_ONLY).await;
    let (url, _) = webhook_simulator().await;
    let (status, created) = send(kb.post(
        "/api/actions/connector",
        json!({"name": "A generic Webhook action", "connector_type_id": ".webhook",
               "secrets": {"user": "username", "password": "mypassphrase", "secretHeaders": {"secret": "secretValue"}},
               "config": {"url": url, "headers": {"config": "configValue"}}}),
    ))
    .await;
    assert_eq!(status, 200, "{created}");
    let id = created["id"].as_str().unwrap();
    let result = execute(&kb, id, json!({"body": "success_config_secret_headers"})).await;
    assert_eq!(result["status"], "ok", "{result}");
}

/// email.ts's expected config for `{service: __json, from, hasAuth: true}`.
fn email_connector(config: Value) -> Value {
    json!({"is_preconfigured": false, "is_system_action": false, "is_deprecated": false,
           "name": "An email action", "connector_type_id": ".email", "is_missing_secrets": false,
           "is_connector_type_deprecated": false, "auth_mode": "shared", "config": config})
}

/// email.ts: 'should return 200 when creating an email action successfully' (9.5, with
/// `auth_mode`)
#[tokio::test]
async fn email_should_return_200_when_creating_an_email_action_successfully() {
    let kb = Kb::start(LOCALHOST_ONLY).await;
    let (status, created) = send(kb.post(
        "/api/actions/connector",
        json!({"name": "An email action", "connector_type_id": ".email",
               "config": {"service": "__json", "from": "bob@example.com", "hasAuth": true},
               "secrets": {"user": "bob", "password": "supersecret"}}),
    ))
    .await;
    assert_eq!(status, 200, "{created}");
    let want = email_connector(
        json!({"service": "__json", "hasAuth": true, "host": null, "port": null,
        "secure": null, "clientId": null, "oauthTokenUrl": null, "tenantId": null, "from": "bob@example.com"}),
    );
    assert_eq!(without_id(created.clone()), want);
    let id = created["id"].as_str().unwrap();
    let (_, fetched) = send(kb.get(&format!("/api/actions/connector/{id}"))).await;
    assert_eq!(without_id(fetched), want);
}

/// email.ts: 'should respond with a 400 Bad Request when creating an email action with an
/// invalid config'
#[tokio::test]
async fn email_should_respond_400_for_an_invalid_config() {
    let kb = Kb::start(LOCALHOST_ONLY).await;
    let (status, body) = send(kb.post(
        "/api/actions/connector",
        json!({"name": "An email action", "connector_type_id": ".email", "config": {}}),
    ))
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        body,
        json!({"statusCode": 400, "error": "Bad Request",
               "message": "error validating connector type config: ✖ Invalid input: expected string, received undefined\n  → at from"})
    );
}

/// email.ts: 'should respond with a 400 Bad Request when creating an email action with a
/// server not added to allowedHosts', then 'should handle creating an email action with a
/// server added to allowedHosts'
#[tokio::test]
async fn email_servers_must_be_in_allowed_hosts() {
    let kb = Kb::start(LOCALHOST_ONLY).await;
    let cases = [
        (
            json!({"service": "gmail", "from": "bob@example.com"}),
            "error validating connector type config: [service] value 'gmail' resolves to host 'smtp.gmail.com' which is not in the allowedHosts configuration",
        ),
        (
            json!({"host": "stmp.gmail.com", "port": 666, "from": "bob@example.com"}),
            "error validating connector type config: [host] value 'stmp.gmail.com' is not in the allowedHosts configuration",
        ),
    ];
    for (config, message) in cases {
        let (status, body) = send(kb.post(
            "/api/actions/connector",
            json!({"name": "An email action", "connector_type_id": ".email", "config": config,
                   "secrets": {"user": "bob", "password": "changeme"}}),
        ))
        .await;
        assert_eq!(status, 400, "{config}");
        assert_eq!(
            body,
            json!({"statusCode": 400, "error": "Bad Request", "message": message})
        );
    }
    let (status, created) = send(kb.post(
        "/api/actions/connector",
        json!({"name": "An email action", "connector_type_id": ".email",
               "config": {"host": "some.non.existent.com", "port": 666, "from": "bob@example.com"},
               "secrets": {"user": "bob", "password": "changeme"}}),
    ))
    .await;
    assert_eq!(status, 200, "{created}");
    assert!(created["id"].is_string());
}

/// email.ts: 'should return 200 when creating an email action without defining service'
#[tokio::test]
async fn email_should_return_200_without_defining_service() {
    let kb = Kb::start(LOCALHOST_ONLY).await;
    let (status, created) = send(kb.post(
        "/api/actions/connector",
        json!({"name": "An email action", "connector_type_id": ".email",
               "config": {"from": "bob@example.com", "host": "some.non.existent.com", "port": 25, "hasAuth": true},
               "secrets": {"user": "bob", "password": "supersecret"}}),
    ))
    .await;
    assert_eq!(status, 200, "{created}");
    let want = email_connector(
        json!({"service": "other", "hasAuth": true, "host": "some.non.existent.com",
        "port": 25, "secure": null, "from": "bob@example.com", "clientId": null, "oauthTokenUrl": null,
        "tenantId": null}),
    );
    assert_eq!(without_id(created.clone()), want);
    let id = created["id"].as_str().unwrap();
    let (_, fetched) = send(kb.get(&format!("/api/actions/connector/{id}"))).await;
    assert_eq!(without_id(fetched), want);
}

/// Kibana's PagerDuty simulator (`actions_simulators/server/pagerduty_simulation.ts`): the
/// summary picks the answer; otherwise 202 `{status: success, message: Event processed}`.
async fn pagerduty_simulator() -> String {
    use axum::http::StatusCode;
    let app = axum::Router::new().fallback(|body: axum::body::Bytes| async move {
        let summary = serde_json::from_slice::<Value>(&body)
            .ok()
            .and_then(|v| v["payload"]["summary"].as_str().map(str::to_owned))
            .unwrap_or_default();
        let status = match summary.as_str() {
            "respond-with-418" => StatusCode::IM_A_TEAPOT,
            "respond-with-429" => StatusCode::TOO_MANY_REQUESTS,
            "respond-with-502" => StatusCode::BAD_GATEWAY,
            _ => StatusCode::ACCEPTED,
        };
        let answer = if status == StatusCode::ACCEPTED {
            json!({"status": "success", "message": "Event processed"}).to_string()
        } else {
            String::new()
        };
        (status, answer)
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!(
        "http://localhost:{}/api/_actions-FTS-external-service-simulators/pagerduty",
        addr.port()
    )
}

/// pagerduty.ts: 'should return successfully when passed valid create parameters' (9.5,
/// with `auth_mode`)
#[tokio::test]
async fn pagerduty_should_return_successfully_when_passed_valid_create_parameters() {
    let kb = Kb::start(LOCALHOST_ONLY).await;
    let url = pagerduty_simulator().await;
    let (status, created) = send(kb.post(
        "/api/actions/connector",
        json!({"name": "A pagerduty action", "connector_type_id": ".pagerduty",
               "config": {"apiUrl": url}, "secrets": {"routingKey": "pager-duty-routing-key"}}),
    ))
    .await;
    assert_eq!(status, 200, "{created}");
    let want = json!({"is_preconfigured": false, "is_system_action": false, "is_deprecated": false,
        "name": "A pagerduty action", "connector_type_id": ".pagerduty", "is_missing_secrets": false,
        "config": {"apiUrl": url}, "is_connector_type_deprecated": false, "auth_mode": "shared"});
    assert_eq!(without_id(created.clone()), want);
    let id = created["id"].as_str().unwrap();
    let (_, fetched) = send(kb.get(&format!("/api/actions/connector/{id}"))).await;
    assert_eq!(without_id(fetched), want);
}

/// pagerduty.ts: 'should return unsuccessfully when passed invalid create parameters' and
/// 'should return unsuccessfully when default pagerduty url is not present in allowedHosts'
/// (on 9.2: the copy's config-schema wording)
#[tokio::test]
async fn pagerduty_should_return_unsuccessfully_for_invalid_create_parameters() {
    let kb = Kb::start_9_2(LOCALHOST_ONLY).await;
    let url = pagerduty_simulator().await;
    let cases = [
        (
            json!({"name": "A pagerduty action", "connector_type_id": ".pagerduty", "config": {"apiUrl": url}, "secrets": {}}),
            "error validating action type secrets: [routingKey]: expected value of type [string] but got [undefined]",
        ),
        (
            json!({"name": "A pagerduty action", "connector_type_id": ".pagerduty", "secrets": {}}),
            "error validating action type config: error configuring pagerduty action: target url \"https://events.pagerduty.com/v2/enqueue\" is not added to the Kibana config xpack.actions.allowedHosts",
        ),
    ];
    for (body, message) in cases {
        let (status, answer) = send(kb.post("/api/actions/connector", body)).await;
        assert_eq!(status, 400);
        assert_eq!(
            answer,
            json!({"statusCode": 400, "error": "Bad Request", "message": message})
        );
    }
}

/// pagerduty.ts: 'should create pagerduty simulator action successfully', then 'should handle
/// executing with a simulated success', 'should execute successfully with links and
/// customDetails', 'should handle a 40x pagerduty error', 'should handle a 429 pagerduty
/// error', 'should handle a 500 pagerduty error'
#[tokio::test]
async fn pagerduty_should_handle_executing_against_the_simulator() {
    let kb = Kb::start(LOCALHOST_ONLY).await;
    let url = pagerduty_simulator().await;
    let (status, created) = send(kb.post(
        "/api/actions/connector",
        json!({"name": "A pagerduty simulator", "connector_type_id": ".pagerduty",
               "config": {"apiUrl": url}, "secrets": {"routingKey": "pager-duty-routing-key"}}),
    ))
    .await;
    assert_eq!(status, 200);
    let id = created["id"].as_str().unwrap();
    let processed = json!({"status": "ok", "connector_id": id,
                           "data": {"message": "Event processed", "status": "success"}});
    assert_eq!(
        execute(&kb, id, json!({"summary": "just a test"})).await,
        processed
    );
    let detailed = json!({"summary": "just a test",
        "customDetails": {"myString": "foo", "myNumber": 10, "myArray": ["foo", "baz"], "myBoolean": true,
                          "myObject": {"myNestedObject": "foo"}},
        "links": [{"href": "http://example.com", "text": "a link"}, {"href": "http://example.com", "text": "a second link"}]});
    assert_eq!(execute(&kb, id, detailed).await, processed);

    let teapot = execute(&kb, id, json!({"summary": "respond-with-418"})).await;
    assert_eq!(teapot["status"], "error");
    assert!(
        teapot["message"]
            .as_str()
            .unwrap()
            .contains("error posting pagerduty event: unexpected status 418"),
        "{teapot}"
    );
    let limited = execute(&kb, id, json!({"summary": "respond-with-429"})).await;
    assert_eq!(limited["status"], "error");
    assert!(
        limited["message"]
            .as_str()
            .unwrap()
            .contains("error posting pagerduty event: http status 429, retry later"),
        "{limited}"
    );
    assert_eq!(limited["retry"], true);
    let bad_gateway = execute(&kb, id, json!({"summary": "respond-with-502"})).await;
    assert_eq!(bad_gateway["status"], "error");
    assert!(
        bad_gateway["message"]
            .as_str()
            .unwrap()
            .contains("error posting pagerduty event: http status 502"),
        "{bad_gateway}"
    );
    assert_eq!(bad_gateway["retry"], true);
}

/// Kibana's Opsgenie simulator (`actions_simulators/server/opsgenie_simulation.ts`): every
/// request answers `opsgenieSuccessResponse`.
async fn opsgenie_simulator() -> String {
    let app = axum::Router::new().fallback(|| async {
        axum::Json(json!({"requestId": "43a29c5c-3dbf-4fa4-9c26-f4f71023e120",
                          "result": "Request will be processed", "took": 0.107}))
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://localhost:{}", addr.port())
}

/// opsgenie.ts (the copy read has 9.2's shapes and wording): 'should return 200 when creating
/// the connector', 'should return 400 Bad Request when creating the connector without the
/// apiUrl', '... with a apiUrl that is not allowed', '... without secrets'
#[tokio::test]
async fn opsgenie_action_creation() {
    let kb = Kb::start_9_2(LOCALHOST_ONLY).await;
    let url = opsgenie_simulator().await;
    let (status, created) = send(kb.post(
        "/api/actions/connector",
        json!({"name": "An opsgenie action", "connector_type_id": ".opsgenie",
               "config": {"apiUrl": url}, "secrets": {"apiKey": "123"}}),
    ))
    .await;
    assert_eq!(status, 200, "{created}");
    assert_eq!(
        without_id(created),
        json!({"is_preconfigured": false, "is_system_action": false, "is_deprecated": false,
               "name": "An opsgenie action", "connector_type_id": ".opsgenie", "is_missing_secrets": false,
               "config": {"apiUrl": url}})
    );
    let cases = [
        (
            json!({"config": {}, "secrets": {"apiKey": "123"}}),
            "error validating action type config: [apiUrl]: expected value of type [string] but got [undefined]".to_string(),
        ),
        (
            json!({"config": {"apiUrl": "http://opsgenie.mynonexistent.com"}, "secrets": {"apiKey": "123"}}),
            "error validating action type config: error validating url: target url \"http://opsgenie.mynonexistent.com\" is not added to the Kibana config xpack.actions.allowedHosts".to_string(),
        ),
        (
            json!({"config": {"apiUrl": url}}),
            "error validating action type secrets: [apiKey]: expected value of type [string] but got [undefined]".to_string(),
        ),
    ];
    for (parts, message) in cases {
        let mut body = json!({"name": "An opsgenie action", "connector_type_id": ".opsgenie"});
        for (k, v) in parts.as_object().unwrap() {
            body[k] = v.clone();
        }
        let (status, answer) = send(kb.post("/api/actions/connector", body)).await;
        assert_eq!(status, 400, "{message}");
        assert_eq!(
            answer,
            json!({"statusCode": 400, "error": "Bad Request", "message": message})
        );
    }
}

/// opsgenie.ts executor validation: 'should fail when the params is empty', 'should fail when
/// the subAction is invalid', "should fail to create an alert when the message parameter isn't
/// included", "should fail to close an alert when the alias parameter isn't included"; then a
/// create alert with valid team responders
#[tokio::test]
async fn opsgenie_executor_validation() {
    let kb = Kb::start_9_2(LOCALHOST_ONLY).await;
    let url = opsgenie_simulator().await;
    let (_, created) = send(kb.post(
        "/api/actions/connector",
        json!({"name": "Opsgenie", "connector_type_id": ".opsgenie",
               "config": {"apiUrl": url}, "secrets": {"apiKey": "123"}}),
    ))
    .await;
    let id = created["id"].as_str().unwrap();

    let empty = execute(&kb, id, json!({})).await;
    let mut keys: Vec<&String> = empty.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(
        keys,
        ["connector_id", "errorSource", "message", "retry", "status"]
    );
    assert_eq!(empty["connector_id"], id);
    assert_eq!(empty["status"], "error");

    let failed = |service_message: String, source: &str| {
        json!({"connector_id": id, "status": "error", "retry": true,
               "message": "an error occurred while running the action", "errorSource": source,
               "service_message": service_message})
    };
    assert_eq!(
        execute(&kb, id, json!({"subAction": "invalidAction"})).await,
        failed(
            format!(
                "Sub action \"invalidAction\" is not registered. Connector id: {id}. Connector name: Opsgenie. Connector type: .opsgenie"
            ),
            "framework"
        )
    );
    assert_eq!(
        execute(&kb, id, json!({"subAction": "createAlert", "subActionParams": {}})).await,
        failed(
            "Request validation failed (Error: [message]: expected value of type [string] but got [undefined])".into(),
            "user"
        )
    );
    assert_eq!(
        execute(&kb, id, json!({"subAction": "closeAlert", "subActionParams": {}})).await,
        failed(
            "Request validation failed (Error: [alias]: expected value of type [string] but got [undefined])".into(),
            "user"
        )
    );
    // 'should succeed to create an alert when the responders has a valid team and id'
    assert_eq!(
        execute(
            &kb,
            id,
            json!({"subAction": "createAlert", "subActionParams": {"message": "hello",
                   "responders": [{"id": "123", "type": "team"}, {"id": "456", "type": "team"}]}}),
        )
        .await,
        json!({"connector_id": id, "status": "ok",
               "data": {"requestId": "43a29c5c-3dbf-4fa4-9c26-f4f71023e120", "result": "Request will be processed", "took": 0.107}})
    );
}

/// slack_api.ts @ 1f91cd0f: 'should return 200 when creating a slack action successfully'
/// (expects `is_connector_type_deprecated`: run on 9.5, which adds `auth_mode`) and 'should
/// respond with a 400 Bad Request when creating a slack action with no token' (config-schema's
/// wording: run on 9.2).
#[tokio::test]
async fn slack_api_action_creation() {
    let kb = Kb::start("").await;
    let (status, created) = send(kb.post(
        "/api/actions/connector",
        json!({"name": "A slack api action", "connector_type_id": ".slack_api",
               "secrets": {"token": "some token"}}),
    ))
    .await;
    assert_eq!(status, 200, "{created}");
    assert!(created["id"].is_string());
    let want = json!({"is_preconfigured": false, "is_system_action": false, "is_deprecated": false,
        "is_missing_secrets": false, "name": "A slack api action", "connector_type_id": ".slack_api",
        "config": {}, "is_connector_type_deprecated": false, "auth_mode": "shared"});
    assert_eq!(without_id(created.clone()), want);
    let id = created["id"].as_str().unwrap();
    let (_, fetched) = send(kb.get(&format!("/api/actions/connector/{id}"))).await;
    assert_eq!(without_id(fetched), want);

    let kb = Kb::start_9_2("").await;
    let (status, body) = send(kb.post(
        "/api/actions/connector",
        json!({"name": "A slack api action", "connector_type_id": ".slack_api", "secrets": {}}),
    ))
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        body,
        json!({"statusCode": 400, "error": "Bad Request",
               "message": "error validating action type secrets: [token]: expected value of type [string] but got [undefined]"})
    );
}
