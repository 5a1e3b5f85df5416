//! `connector_types/jira.ts @ e9553537` (config-schema messages, no
//! `is_connector_type_deprecated`: run on 9.2), against a copy of Kibana's Jira simulator.
//! Left out: the event-log byte counts and the HTTP proxy in front of the simulator
//! (`proxyHaveBeenCalled`); each execution asserts the calls the simulator received instead.

use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::http::{Method, StatusCode, Uri};
use serde_json::{Value, json};

use super::{LOCALHOST_ONLY, without_id};
use crate::common::{Kb, send};

type Calls = Arc<Mutex<Vec<(String, String, Value)>>>;

/// Where Kibana mounts its Jira simulator (`getExternalServiceSimulatorPath(JIRA)`).
const SIMULATOR_PATH: &str = "/api/_actions-FTS-external-service-simulators/jira";

/// Kibana's Jira simulator (`actions_simulators/server/jira_simulation.ts`): create answers
/// `{id: 123, key: CK-1}`, update 204, the issue and its comments carry fixed dates, and the
/// project has the issue types Task and Sub-task.
async fn jira_simulator() -> (String, Calls) {
    let calls: Calls = Arc::default();
    let log = calls.clone();
    let app = axum::Router::new().fallback(move |method: Method, uri: Uri, body: Bytes| {
        let log = log.clone();
        async move {
            let path = uri.path().trim_start_matches(SIMULATOR_PATH).to_string();
            let data: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
            log.lock()
                .unwrap()
                .push((method.to_string(), path.clone(), data));
            let dated = json!({"created": "2020-04-27T14:17:45.490Z", "updated": "2020-04-27T14:17:45.490Z"});
            let (status, answer) = match (method.as_str(), path.as_str()) {
                ("POST", "/rest/api/2/issue") => (StatusCode::OK, json!({"id": "123", "key": "CK-1"})),
                ("PUT", p) if p.starts_with("/rest/api/2/issue/") => (StatusCode::NO_CONTENT, json!({})),
                ("POST", p) if p.ends_with("/comment") => {
                    let mut answer = dated.clone();
                    answer["id"] = json!("123");
                    (StatusCode::OK, answer)
                }
                ("GET", p) if p.ends_with("/issuetypes") => (
                    StatusCode::OK,
                    json!({"issueTypes": [{"id": "10006", "name": "Task"}, {"id": "10007", "name": "Sub-task"}]}),
                ),
                ("GET", p) if p.starts_with("/rest/api/2/issue/") => {
                    let mut fields = dated.clone();
                    fields["summary"] = json!("title");
                    fields["description"] = json!("description");
                    (StatusCode::OK, json!({"id": "123", "key": "CK-1", "fields": fields}))
                }
                _ => (StatusCode::NOT_FOUND, json!({})),
            };
            let body = if status == StatusCode::NO_CONTENT {
                String::new()
            } else {
                answer.to_string()
            };
            (status, [("content-type", "application/json")], body)
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://localhost:{port}{SIMULATOR_PATH}"), calls)
}

fn mock_incident() -> Value {
    json!({"summary": "a title", "description": "a description", "externalId": null})
}

fn secrets() -> Value {
    json!({"apiToken": "elastic", "email": "elastic@elastic.co"})
}

async fn create(kb: &Kb, config: Value, secrets: Option<Value>) -> (u16, Value) {
    let mut body = json!({"name": "A jira action", "connector_type_id": ".jira", "config": config});
    if let Some(secrets) = secrets {
        body["secrets"] = secrets;
    }
    send(kb.post("/api/actions/connector", body)).await
}

async fn execute(kb: &Kb, id: &str, params: Value) -> Value {
    let (status, body) = send(kb.post(
        &format!("/api/actions/connector/{id}/_execute"),
        json!({ "params": params }),
    ))
    .await;
    assert_eq!(status, 200, "{body}");
    body
}

/// 'Jira - Action Creation': 'should return 200 when creating a jira action successfully',
/// 'should respond with a 400 Bad Request when creating a jira action with no apiUrl', '...
/// with no projectKey', '... with a not present in allowedHosts apiUrl' and '... without
/// secrets'.
#[tokio::test]
async fn jira_action_creation() {
    let kb = Kb::start_9_2(LOCALHOST_ONLY).await;
    let (url, _) = jira_simulator().await;
    let config = json!({"apiUrl": url, "projectKey": "CK"});
    let (status, created) = create(&kb, config.clone(), Some(secrets())).await;
    assert_eq!(status, 200, "{created}");
    let want = json!({"is_preconfigured": false, "is_system_action": false, "is_deprecated": false,
        "name": "A jira action", "connector_type_id": ".jira", "is_missing_secrets": false,
        "config": config});
    assert_eq!(without_id(created.clone()), want);
    let id = created["id"].as_str().unwrap();
    let (status, fetched) = send(kb.get(&format!("/api/actions/connector/{id}"))).await;
    assert_eq!(status, 200);
    assert_eq!(without_id(fetched), want);

    let cases = [
        (
            json!({"projectKey": "CK"}),
            None,
            "error validating action type config: [apiUrl]: expected value of type [string] but got [undefined]",
        ),
        (
            json!({"apiUrl": url}),
            None,
            "error validating action type config: [projectKey]: expected value of type [string] but got [undefined]",
        ),
        (
            json!({"apiUrl": "http://jira.mynonexistent.com", "projectKey": "CK"}),
            Some(secrets()),
            "error validating action type config: error configuring connector action: target url \"http://jira.mynonexistent.com\" is not added to the Kibana config xpack.actions.allowedHosts",
        ),
        (
            json!({"apiUrl": url, "projectKey": "CK"}),
            None,
            "error validating action type secrets: [email]: expected value of type [string] but got [undefined]",
        ),
    ];
    for (config, secrets, message) in cases {
        let (status, body) = create(&kb, config, secrets).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(
            body,
            json!({"statusCode": 400, "error": "Bad Request", "message": message})
        );
    }
}

/// 'Jira - Executor' › 'Validation': 'should handle failing with a simulated success without
/// action', '... without unsupported action', '... without subActionParams', '... without
/// title', '... without commentId', '... without comment message', '... when labels
/// containing a space', 'throws when trying to create an incident with too many
/// "otherFields"', '... "otherFields" keys that are not allowed' and 'does not throw when
/// "otherFields" is a valid JSON object send as string'.
#[tokio::test]
async fn jira_executor_validation() {
    let kb = Kb::start_9_2(LOCALHOST_ONLY).await;
    let (url, calls) = jira_simulator().await;
    let (_, created) = create(
        &kb,
        json!({"apiUrl": url, "projectKey": "CK"}),
        Some(secrets()),
    )
    .await;
    let id = created["id"].as_str().unwrap().to_string();

    let ran = execute(&kb, &id, json!({})).await;
    let mut keys: Vec<_> = ran.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    assert_eq!(
        keys,
        ["connector_id", "errorSource", "message", "retry", "status"]
    );
    assert_eq!(ran["status"], "error");

    let alternatives = [
        "getFields",
        "getIncident",
        "handshake",
        "pushToService",
        "issueTypes",
        "fieldsByIssueType",
        "issues",
        "issue",
    ];
    // Every alternative but pushToService's, which `push` gives.
    let failed = |push: &str| {
        let lines: Vec<String> = alternatives
            .iter()
            .enumerate()
            .map(|(i, name)| {
                if *name == "pushToService" && !push.is_empty() {
                    format!("- [{i}.{push}")
                } else {
                    format!("- [{i}.subAction]: expected value to equal [{name}]")
                }
            })
            .collect();
        format!(
            "error validating action params: types that failed validation:\n{}",
            lines.join("\n")
        )
    };
    let refused = |message: String| {
        json!({"connector_id": id, "status": "error", "retry": false, "message": message,
               "errorSource": "user"})
    };
    let push = |incident: Value, comments: Value| {
        json!({"subAction": "pushToService",
               "subActionParams": {"incident": incident, "comments": comments}})
    };
    let with = |patch: Value| {
        let mut incident = mock_incident();
        for (k, v) in patch.as_object().unwrap() {
            incident[k] = v.clone();
        }
        incident
    };
    let no_summary =
        "subActionParams.incident.summary]: expected value of type [string] but got [undefined]";
    let union = |field: &str, first: &str| {
        format!(
            "subActionParams.{field}]: types that failed validation:\n - [subActionParams.{field}.0{first}\n - [subActionParams.{field}.1]: expected value to equal [null]"
        )
    };
    let too_many: serde_json::Map<String, Value> =
        (0..=20).map(|i| (i.to_string(), json!("foobar"))).collect();
    let cases = [
        (json!({"subAction": "non-supported"}), failed("")),
        (json!({"subAction": "pushToService"}), failed(no_summary)),
        (
            push(json!({"description": "success"}), json!([])),
            failed(no_summary),
        ),
        (
            push(
                with(json!({"description": "success", "summary": "success"})),
                json!([{"comment": "comment"}]),
            ),
            failed(&union(
                "comments",
                ".0.commentId]: expected value of type [string] but got [undefined]",
            )),
        ),
        (
            push(
                with(json!({"summary": "success"})),
                json!([{"commentId": "success"}]),
            ),
            failed(&union(
                "comments",
                ".0.comment]: expected value of type [string] but got [undefined]",
            )),
        ),
        (
            push(
                with(json!({"issueType": "10006", "labels": ["label with spaces"]})),
                json!([]),
            ),
            failed(&union(
                "incident.labels",
                ".0]: The label label with spaces cannot contain spaces",
            )),
        ),
        (
            push(with(json!({"otherFields": too_many})), json!([])),
            failed(&union(
                "incident.otherFields",
                "]: A maximum of 20 fields in otherFields can be defined at a time.",
            )),
        ),
        (
            push(with(json!({"otherFields": {"summary": "foo"}})), json!([])),
            failed(&union(
                "incident.otherFields",
                ".key(\"summary\")]: The following properties cannot be defined inside otherFields: summary.",
            )),
        ),
    ];
    for (params, message) in cases {
        assert_eq!(execute(&kb, &id, params).await, refused(message));
    }
    assert!(
        calls.lock().unwrap().is_empty(),
        "refused params reach no service"
    );

    let ran = execute(
        &kb,
        &id,
        push(
            with(json!({"otherFields": "{ \"foo\": \"bar\" }"})),
            json!([]),
        ),
    )
    .await;
    assert_eq!(ran["status"], "ok", "{ran}");
    let calls = calls.lock().unwrap();
    let created = calls
        .iter()
        .find(|(m, p, _)| m == "POST" && p == "/rest/api/2/issue")
        .expect("the issue was created");
    assert_eq!(
        created.2["fields"]["foo"], "bar",
        "otherFields are merged into the fields"
    );
}

/// 'Jira - Executor' › 'Execution': 'should handle creating an incident without comments' and
/// 'should handle creating an incident with other fields'.
#[tokio::test]
async fn jira_execution() {
    let kb = Kb::start_9_2(LOCALHOST_ONLY).await;
    let (url, calls) = jira_simulator().await;
    let (_, created) = create(
        &kb,
        json!({"apiUrl": url, "projectKey": "CK"}),
        Some(secrets()),
    )
    .await;
    let id = created["id"].as_str().unwrap().to_string();
    let want = json!({"status": "ok", "connector_id": id, "data": {"id": "123", "title": "CK-1",
        "pushedDate": "2020-04-27T14:17:45.490Z", "url": format!("{url}/browse/CK-1")}});
    let mut with_type = mock_incident();
    with_type["issueType"] = json!("10006");
    let ran = execute(
        &kb,
        &id,
        json!({"subAction": "pushToService", "subActionParams": {"incident": with_type, "comments": []}}),
    )
    .await;
    assert_eq!(ran, want);
    let mut with_other = mock_incident();
    with_other["otherFields"] = json!({"foo": "bar"});
    let ran = execute(
        &kb,
        &id,
        json!({"subAction": "pushToService", "subActionParams": {"incident": with_other, "comments": []}}),
    )
    .await;
    assert_eq!(ran, want);

    let calls = calls.lock().unwrap();
    let paths: Vec<_> = calls.iter().map(|(m, p, _)| format!("{m} {p}")).collect();
    assert_eq!(
        paths,
        [
            "POST /rest/api/2/issue",
            "GET /rest/api/2/issue/123",
            // Without an issue type, the project's first one is used.
            "GET /rest/api/2/issue/createmeta/CK/issuetypes",
            "POST /rest/api/2/issue",
            "GET /rest/api/2/issue/123",
        ]
    );
    assert_eq!(calls[0].2["fields"]["issuetype"], json!({"id": "10006"}));
    assert_eq!(calls[3].2["fields"]["issuetype"], json!({"id": "10006"}));
    assert_eq!(calls[3].2["fields"]["foo"], "bar");
}
