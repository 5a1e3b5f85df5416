//! `connector_types/servicenow_itsm.ts @ 01ad79c3` (zod v4 messages and
//! `is_connector_type_deprecated`: run on 9.5) and `connector_types/servicenow_sir.ts @ 84bb7d13`
//! (config-schema messages, no `is_connector_type_deprecated`: run on 9.2), against a copy of
//! Kibana's ServiceNow simulator. Left out: the event-log byte counts and the HTTP proxy
//! Kibana's runner puts in front of the simulator (`proxyHaveBeenCalled`); in its place each
//! execution asserts the calls the simulator received.

use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::http::{Method, Uri};
use serde_json::{Value, json};

use super::{LOCALHOST_ONLY, without_id};
use crate::common::{Kb, send};

/// The simulator's log: method and path with query of each call.
type Calls = Arc<Mutex<Vec<(String, String, Value)>>>;

/// Kibana's ServiceNow simulator (`actions_simulators/server/servicenow_simulation.ts`),
/// matched on the request URL with its query as Kibana's is: the Elastic application's health,
/// the Import Set tables, the incident tables, `sys_dictionary`, `sys_choice` and ITOM's event
/// endpoint; anything else is a 400.
async fn servicenow_simulator() -> (String, Calls) {
    let calls: Calls = Arc::default();
    let log = calls.clone();
    let app = axum::Router::new().fallback(move |method: Method, uri: Uri, body: Bytes| {
        let log = log.clone();
        async move {
            let path = uri
                .path_and_query()
                .map(|p| p.as_str().to_string())
                .unwrap_or_default();
            let data: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
            log.lock()
                .unwrap()
                .push((method.to_string(), path.clone(), data.clone()));
            let answer = if path.contains("elastic_api/health") {
                json!({"result": {"name": "Elastic", "scope": "x_elas2_inc_int", "version": "1.0.0"}})
            } else if path.contains("x_elas2_inc_int_elastic_incident")
                || path.contains("x_elas2_sir_int_elastic_si_incident")
            {
                let update = !data["elastic_incident_id"].is_null();
                json!({"import_set": "ISET01", "staging_table": "x_elas2_inc_int_elastic_incident",
                       "result": [{"transform_map": "Elastic Incident", "table": "incident",
                                   "display_name": "number", "display_value": "INC01",
                                   "record_link": "/api/now/table/incident/1",
                                   "status": if update { "updated" } else { "inserted" },
                                   "sys_id": "123"}]})
            } else if path == "/api/now/v2/table/incident"
                || path == "/api/now/v2/table/sn_si_incident"
            {
                json!({"result": {"sys_id": "123", "number": "INC01", "sys_created_on": "2020-03-10 12:24:20"}})
            } else if path.contains("/api/now/v2/table/incident")
                || path.contains("/api/now/v2/table/sn_si_incident")
            {
                json!({"result": {"sys_id": "123", "number": "INC01",
                                  "sys_created_on": "2020-03-10 12:24:20",
                                  "sys_updated_on": "2020-03-10 12:24:20"}})
            } else if path.contains("/api/now/table/sys_choice") {
                json!({"result": choices()})
            } else if path == "/api/global/em/jsonv2" {
                json!({"result": {"Default Bulk Endpoint": "1 events were inserted"}})
            } else {
                return (
                    axum::http::StatusCode::BAD_REQUEST,
                    "Not supported endpoint to request servicenow simulator".to_string(),
                );
            };
            (axum::http::StatusCode::OK, answer.to_string())
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://localhost:{port}"), calls)
}

fn choices() -> Value {
    json!([
        {"dependent_value": "", "label": "1 - Critical", "value": "1"},
        {"dependent_value": "", "label": "2 - High", "value": "2"},
        {"dependent_value": "", "label": "3 - Moderate", "value": "3"},
        {"dependent_value": "", "label": "4 - Low", "value": "4"},
        {"dependent_value": "", "label": "5 - Planning", "value": "5"},
    ])
}

fn basic_secrets() -> Value {
    json!({"password": "elastic", "username": "changeme"})
}

fn oauth_config(url: &str) -> Value {
    json!({"apiUrl": url, "usesTableApi": false, "isOAuth": true, "clientId": "abc",
           "userIdentifierValue": "elastic", "jwtKeyId": "def"})
}

fn oauth_secrets() -> Value {
    json!({"clientSecret": "xyz",
           "privateKey": "-----BEGIN RSA PRIVATE KEY-----\nddddddd\n-----END RSA PRIVATE KEY-----"})
}

/// `mockServiceNowCommon.params.subActionParams.incident` of each file.
fn incident(type_id: &str) -> Value {
    if type_id == ".servicenow-sir" {
        json!({"externalId": null, "short_description": "Incident title",
               "description": "Incident description",
               "dest_ip": ["192.168.1.1", "192.168.1.3"], "source_ip": ["192.168.1.2", "192.168.1.4"],
               "malware_hash": ["5feceb66ffc86f38d952786c6d696c79c2dbc239dd4e91b46729d73a27fb57e9"],
               "malware_url": ["https://example.com"], "category": "software", "subcategory": "os",
               "correlation_id": "alertID", "correlation_display": "Alerting", "priority": "1"})
    } else {
        json!({"description": "a description", "externalId": null, "impact": "1", "severity": "1",
               "short_description": "a title", "urgency": "1", "category": "software",
               "subcategory": "os"})
    }
}

/// What differs between the two files (and so between the two Kibana lines they follow).
struct Line {
    kb: Kb,
    type_id: &'static str,
    table: &'static str,
    /// `connector type` (9.5) or `action type` (9.2).
    noun: &'static str,
    /// The config error for a missing `apiUrl`.
    no_api_url: &'static str,
    /// Fields the line adds to every connector (9.5: `is_connector_type_deprecated`,
    /// `auth_mode`).
    extra: Value,
}

async fn itsm_on_9_5() -> Line {
    Line {
        kb: Kb::start(LOCALHOST_ONLY).await,
        type_id: ".servicenow",
        table: "incident",
        noun: "connector type",
        no_api_url: "✖ Invalid input: expected string, received undefined\n  → at apiUrl",
        extra: json!({"is_connector_type_deprecated": false, "auth_mode": "shared"}),
    }
}

async fn sir_on_9_2() -> Line {
    Line {
        kb: Kb::start_9_2(LOCALHOST_ONLY).await,
        type_id: ".servicenow-sir",
        table: "sn_si_incident",
        noun: "action type",
        no_api_url: "[apiUrl]: expected value of type [string] but got [undefined]",
        extra: json!({}),
    }
}

impl Line {
    async fn create(&self, config: Value, secrets: Option<Value>) -> (u16, Value) {
        let mut body = json!({"name": "A servicenow action", "connector_type_id": self.type_id,
                              "config": config});
        if let Some(secrets) = secrets {
            body["secrets"] = secrets;
        }
        send(self.kb.post("/api/actions/connector", body)).await
    }

    fn connector(&self, config: Value) -> Value {
        let mut want = json!({"is_preconfigured": false, "is_system_action": false,
            "is_deprecated": false, "name": "A servicenow action",
            "connector_type_id": self.type_id, "is_missing_secrets": false, "config": config});
        for (k, v) in self.extra.as_object().unwrap() {
            want[k] = v.clone();
        }
        want
    }

    async fn refused(&self, config: Value, secrets: Option<Value>, message: String) {
        let (status, body) = self.create(config, secrets).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(
            body,
            json!({"statusCode": 400, "error": "Bad Request", "message": message})
        );
    }

    async fn execute(&self, id: &str, params: Value) -> Value {
        let (status, body) = send(self.kb.post(
            &format!("/api/actions/connector/{id}/_execute"),
            json!({ "params": params }),
        ))
        .await;
        assert_eq!(status, 200, "{body}");
        body
    }

    async fn simulated(&self, url: &str, uses_table_api: bool) -> String {
        let (status, body) = send(self.kb.post(
            "/api/actions/connector",
            json!({"name": "A servicenow simulator", "connector_type_id": self.type_id,
                   "config": {"apiUrl": url, "usesTableApi": uses_table_api},
                   "secrets": basic_secrets()}),
        ))
        .await;
        assert_eq!(status, 200, "{body}");
        body["id"].as_str().unwrap().to_string()
    }
}

/// '... - Action Creation': 'should return 200 when creating a servicenow Basic Auth connector
/// successfully', '... OAuth connector successfully' and 'should set the usesTableApi to true
/// when not provided'.
async fn creation_succeeds(line: Line) {
    let (url, _) = servicenow_simulator().await;
    let config = json!({"apiUrl": url, "usesTableApi": false});
    let (status, created) = line.create(config, Some(basic_secrets())).await;
    assert_eq!(status, 200, "{created}");
    let want = line.connector(
        json!({"apiUrl": url, "usesTableApi": false, "isOAuth": false,
        "clientId": null, "jwtKeyId": null, "userIdentifierValue": null}),
    );
    assert_eq!(without_id(created.clone()), want);
    let id = created["id"].as_str().unwrap();
    let (status, fetched) = send(line.kb.get(&format!("/api/actions/connector/{id}"))).await;
    assert_eq!(status, 200);
    assert_eq!(without_id(fetched), want);

    let (status, created) = line.create(oauth_config(&url), Some(oauth_secrets())).await;
    assert_eq!(status, 200, "{created}");
    let want = line.connector(
        json!({"apiUrl": url, "usesTableApi": false, "isOAuth": true,
        "clientId": "abc", "jwtKeyId": "def", "userIdentifierValue": "elastic"}),
    );
    assert_eq!(without_id(created.clone()), want);
    let id = created["id"].as_str().unwrap();
    let (_, fetched) = send(line.kb.get(&format!("/api/actions/connector/{id}"))).await;
    assert_eq!(without_id(fetched), want);

    let (_, created) = line
        .create(json!({"apiUrl": url}), Some(basic_secrets()))
        .await;
    let id = created["id"].as_str().unwrap();
    let (_, fetched) = send(line.kb.get(&format!("/api/actions/connector/{id}"))).await;
    assert_eq!(fetched["config"]["usesTableApi"], true);
}

#[tokio::test]
async fn servicenow_itsm_action_creation_succeeds() {
    creation_succeeds(itsm_on_9_5().await).await;
}

#[tokio::test]
async fn servicenow_sir_action_creation_succeeds() {
    creation_succeeds(sir_on_9_2().await).await;
}

/// '... - Action Creation': 'should respond with a 400 Bad Request when creating a servicenow
/// Basic Auth connector with no apiUrl', '... OAuth connector with no apiUrl', '... with a not
/// present in allowedHosts apiUrl', '... Basic Auth connector without secrets', '... OAuth
/// connector without secrets' and '... OAuth connector with missing fields'.
async fn creation_is_refused(line: Line) {
    let (url, _) = servicenow_simulator().await;
    let noun = line.noun;
    let no_api_url = format!("error validating {noun} config: {}", line.no_api_url);
    line.refused(json!({}), None, no_api_url.clone()).await;
    line.refused(json!({"isOAuth": true}), Some(oauth_secrets()), no_api_url)
        .await;
    line.refused(
        json!({"apiUrl": "http://servicenow.mynonexistent.com"}),
        Some(basic_secrets()),
        format!("error validating {noun} config: error configuring connector action: target url \"http://servicenow.mynonexistent.com\" is not added to the Kibana config xpack.actions.allowedHosts"),
    )
    .await;
    let either = format!(
        "error validating {noun} secrets: Either basic auth or OAuth credentials must be specified"
    );
    line.refused(json!({"apiUrl": url}), None, either.clone())
        .await;
    line.refused(oauth_config(&url), None, either).await;

    let with = |key: &str| {
        let mut config = oauth_config(&url);
        config[key] = Value::Null;
        config
    };
    for key in ["clientId", "userIdentifierValue", "jwtKeyId"] {
        line.refused(
            with(key),
            Some(oauth_secrets()),
            format!("error validating {noun} config: {key} must be provided when isOAuth = true"),
        )
        .await;
    }
    for key in ["clientSecret", "privateKey"] {
        let mut secrets = oauth_secrets();
        secrets[key] = Value::Null;
        line.refused(
            oauth_config(&url),
            Some(secrets),
            format!("error validating {noun} secrets: clientSecret and privateKey must both be specified"),
        )
        .await;
    }
}

#[tokio::test]
async fn servicenow_itsm_action_creation_is_refused_with_kibanas_messages() {
    creation_is_refused(itsm_on_9_5().await).await;
}

#[tokio::test]
async fn servicenow_sir_action_creation_is_refused_with_kibanas_messages() {
    creation_is_refused(sir_on_9_2().await).await;
}

/// Each file's 'Executor' › 'Validation' messages, in order: without subAction params, an
/// unsupported sub-action, no `subActionParams`, a `savedObjectId` instead of an incident, a
/// comment without `commentId`, a comment without `comment`, and getChoices without fields.
struct ValidationMessages {
    unsupported: String,
    no_sub_action_params: String,
    saved_object_id: String,
    no_comment_id: String,
    no_comment: String,
    no_fields: String,
}

/// 'Executor' › 'Validation': 'should handle failing with a simulated success without action',
/// '... without unsupported action', '... without subActionParams', '... without title',
/// '... without commentId', '... without comment message', 'throws when trying to create an
/// incident with too many "additional_fields"', '... "additional_fields" keys that are not
/// allowed', 'does not throw when "additional_fields" is a valid JSON object send as string'
/// and 'getChoices' › 'should fail when field is not provided'.
async fn executor_validation(line: Line, want: ValidationMessages) {
    let (url, calls) = servicenow_simulator().await;
    let id = line.simulated(&url, false).await;
    let ran = line.execute(&id, json!({})).await;
    let mut keys: Vec<_> = ran.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    assert_eq!(
        keys,
        ["connector_id", "errorSource", "message", "retry", "status"]
    );
    assert_eq!(ran["connector_id"], id.as_str());
    assert_eq!(ran["status"], "error");

    let refused = |message: String| {
        json!({"connector_id": id, "status": "error", "retry": false, "errorSource": "user",
               "message": format!("error validating action params: {message}")})
    };
    let incident = incident(line.type_id);
    let with_incident = |patch: Value, comments: Value| {
        let mut incident = incident.clone();
        for (k, v) in patch.as_object().unwrap() {
            incident[k] = v.clone();
        }
        json!({"subAction": "pushToService",
               "subActionParams": {"incident": incident, "comments": comments}})
    };
    let cases = [
        (json!({"subAction": "non-supported"}), want.unsupported),
        (
            json!({"subAction": "pushToService"}),
            want.no_sub_action_params,
        ),
        (
            json!({"subAction": "pushToService", "subActionParams": {"savedObjectId": "success"}}),
            want.saved_object_id,
        ),
        (
            with_incident(
                json!({"short_description": "success"}),
                json!([{"comment": "boo"}]),
            ),
            want.no_comment_id,
        ),
        (
            with_incident(
                json!({"short_description": "success"}),
                json!([{"commentId": "success"}]),
            ),
            want.no_comment,
        ),
        (
            json!({"subAction": "getChoices", "subActionParams": {}}),
            want.no_fields,
        ),
    ];
    for (params, message) in cases {
        assert_eq!(line.execute(&id, params).await, refused(message));
    }

    let too_many: serde_json::Map<String, Value> =
        (0..=50).map(|i| (i.to_string(), json!("foobar"))).collect();
    for patch in [
        json!({"additional_fields": too_many}),
        json!({"additional_fields": {"short_description": "foo"}}),
        json!({"otherFields": "{ \"foo\": \"bar\" }"}),
    ] {
        let ran = line.execute(&id, with_incident(patch, json!([]))).await;
        assert_eq!(ran["status"], "error", "{ran}");
    }
    assert!(
        calls.lock().unwrap().is_empty(),
        "params that fail validation reach no service"
    );
}

#[tokio::test]
async fn servicenow_itsm_executor_validation() {
    let at = |path: &str, problem: &str| format!("✖ {problem}\n  → at {path}");
    executor_validation(
        itsm_on_9_5().await,
        ValidationMessages {
            unsupported: at("subAction", "Invalid input"),
            no_sub_action_params: at(
                "subActionParams",
                "Invalid input: expected object, received undefined",
            ),
            saved_object_id: format!(
                "{}\n{}",
                at("subActionParams", "Unrecognized key: \"savedObjectId\""),
                at(
                    "subActionParams.incident",
                    "Invalid input: expected object, received undefined"
                )
            ),
            no_comment_id: at(
                "subActionParams.comments[0].commentId",
                "Invalid input: expected string, received undefined",
            ),
            no_comment: at(
                "subActionParams.comments[0].comment",
                "Invalid input: expected string, received undefined",
            ),
            no_fields: at(
                "subActionParams.fields",
                "Invalid input: expected array, received undefined",
            ),
        },
    )
    .await;
}

#[tokio::test]
async fn servicenow_sir_executor_validation() {
    let head = "types that failed validation:\n- [0.subAction]: expected value to equal [getFields]\n- [1.subAction]: expected value to equal [getIncident]\n- [2.subAction]: expected value to equal [handshake]";
    let no_title = format!(
        "{head}\n- [3.subActionParams.incident.short_description]: expected value of type [string] but got [undefined]\n- [4.subAction]: expected value to equal [getChoices]"
    );
    let comment = |key: &str| {
        format!(
            "{head}\n- [3.subActionParams.comments]: types that failed validation:\n - [subActionParams.comments.0.0.{key}]: expected value of type [string] but got [undefined]\n - [subActionParams.comments.1]: expected value to equal [null]\n- [4.subAction]: expected value to equal [getChoices]"
        )
    };
    executor_validation(
        sir_on_9_2().await,
        ValidationMessages {
            unsupported: format!(
                "{head}\n- [3.subAction]: expected value to equal [pushToService]\n- [4.subAction]: expected value to equal [getChoices]"
            ),
            no_sub_action_params: no_title.clone(),
            saved_object_id: no_title,
            no_comment_id: comment("commentId"),
            no_comment: comment("comment"),
            no_fields: format!(
                "{head}\n- [3.subAction]: expected value to equal [pushToService]\n- [4.subActionParams.fields]: expected value of type [array] but got [undefined]"
            ),
        },
    )
    .await;
}

/// 'Execution' › 'Import set API' › 'should handle creating an incident without comments',
/// 'Table API' › 'should handle creating an incident without comments' and 'getChoices' ›
/// 'should get choices' (on the Table API connector, as Kibana's `before` leaves it).
async fn execution(line: Line) {
    let (url, calls) = servicenow_simulator().await;
    let pushed = json!({"id": "123", "title": "INC01", "pushedDate": "2020-03-10T12:24:20.000Z",
        "url": format!("{url}/nav_to.do?uri={}.do?sys_id=123", line.table)});
    let push = json!({"subAction": "pushToService",
        "subActionParams": {"incident": incident(line.type_id), "comments": []}});

    let import_set = line.simulated(&url, false).await;
    assert_eq!(
        line.execute(&import_set, push.clone()).await,
        json!({"status": "ok", "connector_id": import_set, "data": pushed})
    );
    {
        let calls = calls.lock().unwrap();
        let paths: Vec<_> = calls.iter().map(|(m, p, _)| format!("{m} {p}")).collect();
        let scope = if line.type_id == ".servicenow-sir" {
            "x_elas2_sir_int/elastic_api/health"
        } else {
            "x_elas2_inc_int/elastic_api/health"
        };
        assert_eq!(paths.len(), 3, "{paths:?}");
        assert!(
            paths[0].starts_with("GET /api/") && paths[0].ends_with(scope),
            "{paths:?}"
        );
        assert!(
            paths[1].starts_with("POST /api/now/import/x_elas2_"),
            "{paths:?}"
        );
        assert_eq!(
            paths[2],
            format!("GET /api/now/v2/table/{}/123", line.table)
        );
        // The Import Set API takes the Elastic application's prefixed fields, and the caller.
        let sent = &calls[1].2;
        assert_eq!(
            sent["u_short_description"],
            incident(line.type_id)["short_description"]
        );
        assert_eq!(sent["u_caller_id"], "changeme");
        assert!(sent.get("short_description").is_none(), "{sent}");
    }
    calls.lock().unwrap().clear();

    let table = line.simulated(&url, true).await;
    assert_eq!(
        line.execute(&table, push).await,
        json!({"status": "ok", "connector_id": table, "data": pushed})
    );
    {
        let calls = calls.lock().unwrap();
        let paths: Vec<_> = calls.iter().map(|(m, p, _)| format!("{m} {p}")).collect();
        let table_url = format!("/api/now/v2/table/{}", line.table);
        assert_eq!(
            paths,
            [format!("POST {table_url}"), format!("GET {table_url}/123")]
        );
        assert_eq!(
            calls[0].2["short_description"],
            incident(line.type_id)["short_description"]
        );
    }

    let ran = line
        .execute(
            &table,
            json!({"subAction": "getChoices", "subActionParams": {"fields": ["priority"]}}),
        )
        .await;
    assert_eq!(
        ran,
        json!({"status": "ok", "connector_id": table, "data": choices()})
    );
}

#[tokio::test]
async fn servicenow_itsm_execution() {
    execution(itsm_on_9_5().await).await;
}

#[tokio::test]
async fn servicenow_sir_execution() {
    execution(sir_on_9_2().await).await;
}

/// servicenow_itsm.ts 'Execution' › 'closeIncident' › 'should close the incident': the
/// simulator answers the correlation-id query with a single object rather than a list, so
/// Kibana finds nothing to close and answers `data: {}`.
#[tokio::test]
async fn servicenow_itsm_close_incident() {
    let line = itsm_on_9_5().await;
    let (url, calls) = servicenow_simulator().await;
    let table = line.simulated(&url, true).await;
    let ran = line
        .execute(
            &table,
            json!({"subAction": "closeIncident",
                   "subActionParams": {"incident": {"correlation_id": "custom_correlation_id"}}}),
        )
        .await;
    assert_eq!(
        ran,
        json!({"status": "ok", "connector_id": table, "data": {}})
    );
    let calls = calls.lock().unwrap();
    assert_eq!(calls.len(), 1);
    assert_eq!(
        calls[0].1,
        "/api/now/v2/table/incident?sysparm_query=ORDERBYDESCsys_created_on^correlation_id=custom_correlation_id"
    );
}

/// Comments go one update each to `work_notes`, after the incident, each reported with the
/// incident's push date (`api.ts` `pushToServiceHandler`); not a Kibana test case, the
/// behaviour its comment-bearing fixture (`mockServiceNowCommon`) exercises in the unit tests.
#[tokio::test]
async fn servicenow_comments_are_work_notes_updates() {
    let line = itsm_on_9_5().await;
    let (url, calls) = servicenow_simulator().await;
    let table = line.simulated(&url, true).await;
    let ran = line
        .execute(
            &table,
            json!({"subAction": "pushToService", "subActionParams": {
                "incident": incident(".servicenow"),
                "comments": [{"comment": "first comment", "commentId": "456"}]}}),
        )
        .await;
    assert_eq!(ran["status"], "ok", "{ran}");
    assert_eq!(
        ran["data"]["comments"],
        json!([{"commentId": "456", "pushedDate": "2020-03-10T12:24:20.000Z"}])
    );
    let calls = calls.lock().unwrap();
    let update = calls
        .iter()
        .find(|(m, _, _)| m == "PATCH")
        .expect("the comment's update");
    assert_eq!(update.1, "/api/now/v2/table/incident/123");
    assert_eq!(update.2["work_notes"], "first comment");
}

/// `mockServiceNowCommon.params` of servicenow_itom.ts.
fn itom_event() -> Value {
    json!({"subAction": "addEvent", "subActionParams": {
        "source": "A source", "event_class": "An event class", "resource": "C:",
        "node": "node.example.com", "metric_name": "Percentage Logical Disk Free Space",
        "type": "Disk space", "severity": "4", "description": "desc",
        "additional_info": "{\"alert\": \"test\"}", "message_key": "a key",
        "time_of_event": "2021-10-13T10:51:44.981Z"}})
}

/// `connector_types/servicenow_itom.ts @ 20c4c74d` (config-schema messages: run on 9.2; the
/// suite is `describe.skip` in Kibana's own runs, its expectations are still Kibana's): 'ServiceNow
/// ITOM - Action Creation' (both successful creations and every 400), 'Validation' and
/// 'Execution' › 'should add an event' and 'should get choices'.
#[tokio::test]
async fn servicenow_itom() {
    let kb = Kb::start_9_2(LOCALHOST_ONLY).await;
    let (url, calls) = servicenow_simulator().await;
    let create = |config: Value, secrets: Option<Value>| {
        let mut body = json!({"name": "A servicenow action", "connector_type_id": ".servicenow-itom",
                              "config": config});
        if let Some(secrets) = secrets {
            body["secrets"] = secrets;
        }
        send(kb.post("/api/actions/connector", body))
    };
    let base = json!({"is_preconfigured": false, "is_system_action": false, "is_deprecated": false,
        "name": "A servicenow action", "connector_type_id": ".servicenow-itom",
        "is_missing_secrets": false});
    let with_config = |config: Value| {
        let mut want = base.clone();
        want["config"] = config;
        want
    };
    let (status, created) = create(json!({"apiUrl": url}), Some(basic_secrets())).await;
    assert_eq!(status, 200, "{created}");
    let want = with_config(json!({"apiUrl": url, "isOAuth": false, "clientId": null,
        "jwtKeyId": null, "userIdentifierValue": null}));
    assert_eq!(without_id(created.clone()), want);
    let id = created["id"].as_str().unwrap().to_string();
    let (_, fetched) = send(kb.get(&format!("/api/actions/connector/{id}"))).await;
    assert_eq!(without_id(fetched), want);

    let mut oauth = oauth_config(&url);
    oauth.as_object_mut().unwrap().remove("usesTableApi");
    let (status, created) = create(oauth.clone(), Some(oauth_secrets())).await;
    assert_eq!(status, 200, "{created}");
    let want = with_config(json!({"apiUrl": url, "isOAuth": true, "clientId": "abc",
        "jwtKeyId": "def", "userIdentifierValue": "elastic"}));
    assert_eq!(without_id(created.clone()), want);

    let no_api_url = "error validating action type config: [apiUrl]: expected value of type [string] but got [undefined]";
    let either = "error validating action type secrets: Either basic auth or OAuth credentials must be specified";
    let mut cases = vec![
        (json!({}), None, no_api_url.to_string()),
        (json!({"isOAuth": true}), Some(oauth_secrets()), no_api_url.to_string()),
        (
            json!({"apiUrl": "http://servicenow.mynonexistent.com"}),
            Some(basic_secrets()),
            "error validating action type config: error configuring connector action: target url \"http://servicenow.mynonexistent.com\" is not added to the Kibana config xpack.actions.allowedHosts".to_string(),
        ),
        (json!({"apiUrl": url}), None, either.to_string()),
        (oauth.clone(), None, either.to_string()),
    ];
    for key in ["clientId", "userIdentifierValue", "jwtKeyId"] {
        let mut config = oauth.clone();
        config[key] = Value::Null;
        cases.push((
            config,
            Some(oauth_secrets()),
            format!(
                "error validating action type config: {key} must be provided when isOAuth = true"
            ),
        ));
    }
    for key in ["clientSecret", "privateKey"] {
        let mut secrets = oauth_secrets();
        secrets[key] = Value::Null;
        cases.push((
            oauth.clone(),
            Some(secrets),
            "error validating action type secrets: clientSecret and privateKey must both be specified".to_string(),
        ));
    }
    for (config, secrets, message) in cases {
        let (status, body) = create(config, secrets).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(
            body,
            json!({"statusCode": 400, "error": "Bad Request", "message": message})
        );
    }

    let execute = |params: Value| {
        send(kb.post(
            &format!("/api/actions/connector/{id}/_execute"),
            json!({ "params": params }),
        ))
    };
    let (_, ran) = execute(json!({})).await;
    let mut keys: Vec<_> = ran.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    assert_eq!(
        keys,
        ["connector_id", "errorSource", "message", "retry", "status"]
    );
    let both = "error validating action params: types that failed validation:\n- [0.subAction]: expected value to equal [addEvent]\n- [1.subAction]: expected value to equal [getChoices]";
    for (params, message) in [
        (json!({"subAction": "non-supported"}), both),
        (json!({"subAction": "pushToService"}), both),
        (
            json!({"subAction": "getChoices", "subActionParams": {}}),
            "error validating action params: types that failed validation:\n- [0.subAction]: expected value to equal [addEvent]\n- [1.subActionParams.fields]: expected value of type [array] but got [undefined]",
        ),
    ] {
        let (_, ran) = execute(params).await;
        assert_eq!(
            ran,
            json!({"connector_id": id, "status": "error", "retry": false, "errorSource": "user",
                   "message": message})
        );
    }
    assert!(calls.lock().unwrap().is_empty());

    let (status, ran) = execute(itom_event()).await;
    assert_eq!((status, ran["status"].as_str()), (200, Some("ok")), "{ran}");
    {
        let calls = calls.lock().unwrap();
        assert_eq!(calls.len(), 1);
        assert_eq!(
            (calls[0].0.as_str(), calls[0].1.as_str()),
            ("POST", "/api/global/em/jsonv2")
        );
        assert_eq!(calls[0].2["records"][0], itom_event()["subActionParams"]);
    }
    let (_, ran) =
        execute(json!({"subAction": "getChoices", "subActionParams": {"fields": ["priority"]}}))
            .await;
    assert_eq!(
        ran,
        json!({"status": "ok", "connector_id": id, "data": choices()})
    );
}
