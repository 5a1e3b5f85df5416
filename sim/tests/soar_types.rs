//! The SOAR and incident types of Kibana 9.5's `stack_connectors` (Torq, xMatters, Tines,
//! D3 Security, TheHive, Cortex XSOAR, IBM Resilient, Jira Service Management, Swimlane):
//! their schemas and validators with Kibana's messages, and their calls to local receivers.

mod common;

use common::{Kb, create_connector as create, execute as run, receiver, send};
use serde_json::{Value, json};

async fn created(kb: &Kb, id: &str, type_id: &str, config: Value, secrets: Value) {
    let (status, body) = create(kb, id, type_id, config, secrets).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn every_type_is_listed_with_its_licence_and_features() {
    let kb = Kb::start("").await;
    let (_, types) = send(kb.get("/api/actions/connector_types")).await;
    let find = |id: &str| {
        types
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == id)
            .unwrap_or_else(|| panic!("{id} listed"))
            .clone()
    };
    for (id, license, feature) in [
        (".torq", "gold", "uptime"),
        (".xmatters", "gold", "siem"),
        (".tines", "gold", "siem"),
        (".d3security", "gold", "workflows"),
        (".swimlane", "gold", "cases"),
        (".resilient", "platinum", "cases"),
        (".thehive", "platinum", "workflows"),
        (".xsoar", "platinum", "siem"),
        (".jira-service-management", "platinum", "agentBuilder"),
    ] {
        let t = find(id);
        assert_eq!(t["minimum_license_required"], license, "{id}");
        assert!(
            t["supported_feature_ids"]
                .as_array()
                .unwrap()
                .contains(&json!(feature)),
            "{id}: {t}"
        );
    }
}

#[tokio::test]
async fn torq_checks_its_hosts_and_posts_the_body_with_its_token() {
    let kb = Kb::start("").await;
    let (status, body) = create(
        &kb,
        "tq-bad",
        ".torq",
        json!({"webhookIntegrationUrl": "https://example.com/hook"}),
        json!({"token": "t"}),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        body["message"],
        "error validating connector type config: error configuring send to Torq action: url must begin with https://hooks.torq.io or https://hooks.eu.torq.io"
    );
    let (url, log) = receiver(200, "{}", &[]).await;
    let url = url.replace("127.0.0.1", "localhost");
    created(
        &kb,
        "tq",
        ".torq",
        json!({"webhookIntegrationUrl": format!("{url}/v1/workflows/abc")}),
        json!({"token": "torq-token"}),
    )
    .await;
    let out = run(&kb, "tq", json!({"body": "{\"alert\": \"cpu\"}"})).await;
    assert_eq!(out["status"], "ok", "{out}");
    let got = log.lock().unwrap()[0].clone();
    assert_eq!(got.path, "/v1/workflows/abc");
    assert_eq!(got.headers["x-torq-token"], "torq-token");
    assert_eq!(
        serde_json::from_str::<Value>(&got.body).unwrap(),
        json!({"alert": "cpu"})
    );
    let bad = run(&kb, "tq", json!({"body": "{not json"})).await;
    assert_eq!(
        bad["message"],
        "error triggering Torq workflow, invalid body"
    );

    let (fail_url, _) = receiver(401, "{\"message\":\"bad token\"}", &[]).await;
    created(
        &kb,
        "tq-401",
        ".torq",
        json!({"webhookIntegrationUrl": fail_url.replace("127.0.0.1", "localhost")}),
        json!({"token": "x"}),
    )
    .await;
    let out = run(&kb, "tq-401", json!({"body": "{}"})).await;
    assert_eq!(
        out["message"],
        "error triggering Torq workflow, unauthorised"
    );
    assert_eq!(out["service_message"], "[401] Unauthorized: bad token");
}

#[tokio::test]
async fn xmatters_validates_its_two_ways_to_authenticate_and_posts_the_alert() {
    let kb = Kb::start("").await;
    let (url, log) = receiver(200, "{}", &[]).await;
    for (config, secrets, message) in [
        (
            json!({"configUrl": url, "usesBasic": true}),
            json!({}),
            "error validating connector type secrets: Provide either secretsUrl link or user/password to authenticate",
        ),
        (
            json!({"configUrl": url, "usesBasic": true}),
            json!({"user": "u"}),
            "error validating connector type secrets: Both user and password must be specified.",
        ),
        (
            json!({"usesBasic": true}),
            json!({"user": "u", "password": "p"}),
            "error validating action type connector: Provide valid configUrl",
        ),
        (
            json!({"configUrl": url, "usesBasic": false}),
            json!({"secretsUrl": url}),
            "error validating action type connector: configUrl should not be provided when usesBasic is false",
        ),
    ] {
        let (status, body) = create(&kb, "xm-bad", ".xmatters", config, secrets).await;
        assert_eq!((status, body["message"].as_str().unwrap()), (400, message));
    }
    created(
        &kb,
        "xm",
        ".xmatters",
        json!({"configUrl": format!("{url}/api/integration/1/functions/f/triggers"), "usesBasic": true}),
        json!({"user": "xm-user", "password": "xm-pass"}),
    )
    .await;
    let out = run(
        &kb,
        "xm",
        json!({"severity": "", "ruleName": "cpu", "signalId": "s1"}),
    )
    .await;
    assert_eq!(out["status"], "ok", "{out}");
    let got = log.lock().unwrap()[0].clone();
    assert!(
        got.headers["authorization"]
            .to_str()
            .unwrap()
            .starts_with("Basic ")
    );
    assert_eq!(
        serde_json::from_str::<Value>(&got.body).unwrap(),
        json!({"ruleName": "cpu", "signalId": "s1", "severity": "High"})
    );
}

#[tokio::test]
async fn d3_tines_xsoar_and_jsm_call_their_services() {
    let kb = Kb::start("").await;
    let (url, log) = receiver(
        200,
        "{\"refid\":\"r1\",\"result\":\"ok\",\"requestId\":\"q\"}",
        &[],
    )
    .await;
    created(
        &kb,
        "d3",
        ".d3security",
        json!({"url": format!("{url}/d3")}),
        json!({"token": "d3-token"}),
    )
    .await;
    let out = run(
        &kb,
        "d3",
        json!({"subAction": "run", "subActionParams": {"body": "{\"host\":\"h1\"}", "severity": "high", "eventType": "x"}}),
    )
    .await;
    assert_eq!(out["data"]["refid"], "r1", "{out}");
    created(
        &kb,
        "tn",
        ".tines",
        json!({"url": url}),
        json!({"email": "a@b.c", "token": "tn"}),
    )
    .await;
    let out = run(
        &kb,
        "tn",
        json!({"subAction": "run", "subActionParams": {"webhookUrl": format!("{url}/webhook/p/s"), "body": "{\"a\":1}"}}),
    )
    .await;
    assert_eq!(out["status"], "ok", "{out}");
    created(
        &kb,
        "xs",
        ".xsoar",
        json!({"url": url}),
        json!({"apiKey": "xs-key", "apiKeyID": "7"}),
    )
    .await;
    let out = run(
        &kb,
        "xs",
        json!({"subAction": "run", "subActionParams": {"name": "inc", "createInvestigation": false, "severity": 2}}),
    )
    .await;
    assert_eq!(out["status"], "ok", "{out}");
    created(
        &kb,
        "jsm",
        ".jira-service-management",
        json!({"apiUrl": url}),
        json!({"apiKey": "jsm-key"}),
    )
    .await;
    let out = run(
        &kb,
        "jsm",
        json!({"subAction": "closeAlert", "subActionParams": {"alias": "a-1", "note": "done"}}),
    )
    .await;
    assert_eq!(out["status"], "ok", "{out}");

    let log = log.lock().unwrap();
    let seen: Vec<(&str, &str, &str)> = log
        .iter()
        .map(|r| {
            let auth = ["d3key", "authorization"]
                .iter()
                .find_map(|h| r.headers.get(*h))
                .map(|v| v.to_str().unwrap())
                .unwrap_or("");
            (r.method.as_str(), r.path.as_str(), auth)
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("POST", "/d3", "d3-token"),
            ("POST", "/webhook/p/s", ""),
            ("POST", "/incident", "xs-key"),
            (
                "POST",
                "/jsm/ops/integration/v2/alerts/a-1/close?identifierType=alias",
                "GenieKey jsm-key"
            ),
        ]
    );
    assert_eq!(
        serde_json::from_str::<Value>(&log[0].body).unwrap(),
        json!({"host": "h1", "severity": "high", "eventType": "x"})
    );
    assert_eq!(log[2].headers["x-xdr-auth-id"], "7");
    assert_eq!(
        serde_json::from_str::<Value>(&log[3].body).unwrap(),
        json!({"note": "done"})
    );
}

#[tokio::test]
async fn thehive_and_resilient_push_incidents() {
    let kb = Kb::start("").await;
    let (url, log) = receiver(200, "{\"_id\":\"~1\",\"number\":7,\"id\":42}", &[]).await;
    created(
        &kb,
        "th",
        ".thehive",
        json!({"url": url, "organisation": "soc"}),
        json!({"apiKey": "th-key"}),
    )
    .await;
    let out = run(
        &kb,
        "th",
        json!({"subAction": "pushToService", "subActionParams": {
            "incident": {"title": "t", "description": "d", "severity": 2},
            "comments": [{"comment": "first", "commentId": "c1"}]}}),
    )
    .await;
    assert_eq!(out["data"]["id"], "~1", "{out}");
    let (status, body) = create(
        &kb,
        "rs-bad",
        ".resilient",
        json!({"apiUrl": url}),
        json!({"apiKeyId": "i", "apiKeySecret": "s"}),
    )
    .await;
    assert_eq!(status, 400, "{body}");
    created(
        &kb,
        "rs",
        ".resilient",
        json!({"apiUrl": url, "orgId": "201"}),
        json!({"apiKeyId": "i", "apiKeySecret": "s"}),
    )
    .await;
    let out = run(
        &kb,
        "rs",
        json!({"subAction": "pushToService", "subActionParams": {"incident": {"name": "n", "description": "d"}, "comments": []}}),
    )
    .await;
    assert_eq!(out["data"]["id"], "42", "{out}");
    let log = log.lock().unwrap();
    let paths: Vec<&str> = log.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/api/v1/case",
            "/api/v1/case/~1/comment",
            "/rest/orgs/201/incidents?text_content_output_format=objects_convert"
        ]
    );
    assert_eq!(log[0].headers["x-organisation"], "soc");
    assert_eq!(log[0].headers["authorization"], "Bearer th-key");
    assert_eq!(
        serde_json::from_str::<Value>(&log[2].body).unwrap(),
        json!({"name": "n", "description": {"format": "html", "content": "d"}})
    );
}

#[tokio::test]
async fn webhooks_authenticate_with_oauth2_client_credentials_on_9_5() {
    let kb = Kb::start("").await;
    let (url, log) = receiver(
        200,
        "{\"access_token\":\"tok-1\",\"token_type\":\"Bearer\"}",
        &[],
    )
    .await;
    let config = json!({
        "url": format!("{url}/hook"), "method": "post", "hasAuth": true,
        "authType": "webhook-oauth2-client-credentials", "accessTokenUrl": format!("{url}/token"),
        "clientId": "cid", "scope": "read", "additionalFields": "{\"audience\":\"api\"}",
    });
    let (status, body) = create(
        &kb,
        "oa-bad",
        ".webhook",
        config.clone(),
        json!({"clientSecret": "cs", "user": "u"}),
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("or clientSecret (for OAuth2)"),
        "{body}"
    );
    created(
        &kb,
        "oa",
        ".webhook",
        config.clone(),
        json!({"clientSecret": "cs"}),
    )
    .await;
    let out = run(&kb, "oa", json!({"body": "{\"x\":1}"})).await;
    assert_eq!(out["status"], "ok", "{out}");
    {
        let log = log.lock().unwrap();
        assert_eq!(log[0].path, "/token");
        let form: Vec<(String, String)> =
            reqwest::Url::parse(&format!("http://x/?{}", log[0].body))
                .unwrap()
                .query_pairs()
                .into_owned()
                .collect();
        let pairs = |k: &str| form.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        assert_eq!(
            (
                pairs("grant_type"),
                pairs("client_id"),
                pairs("client_secret"),
                pairs("scope"),
                pairs("audience")
            ),
            (
                Some("client_credentials"),
                Some("cid"),
                Some("cs"),
                Some("read"),
                Some("api")
            )
        );
        assert_eq!(log[1].path, "/hook");
        assert_eq!(log[1].headers["authorization"], "Bearer tok-1");
    }

    // Before 9.5 there is no client secret among a webhook's secrets.
    let old = Kb::start_9_2("").await;
    let (status, _) = create(
        &old,
        "oa",
        ".webhook",
        json!({"url": url}),
        json!({"clientSecret": "cs"}),
    )
    .await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn swimlane_creates_a_record_in_its_application() {
    let kb = Kb::start("").await;
    let (url, log) = receiver(200, "{\"id\":\"rec-1\",\"name\":\"SL-1\"}", &[]).await;
    let (status, body) = create(
        &kb,
        "sl-bad",
        ".swimlane",
        json!({"apiUrl": url, "appId": "app-1", "connectorType": "tickets", "mappings": {}}),
        json!({"apiToken": "t"}),
    )
    .await;
    assert_eq!(status, 400, "connectorType is all, alerts or cases: {body}");
    created(
        &kb,
        "sl",
        ".swimlane",
        json!({"apiUrl": format!("{url}/api"), "appId": "app-1", "connectorType": "all", "mappings": {}}),
        json!({"apiToken": "sl-token"}),
    )
    .await;
    let out = run(
        &kb,
        "sl",
        json!({"subAction": "pushToService", "subActionParams": {"incident": {"ruleName": "cpu", "alertId": "a1"}, "comments": null}}),
    )
    .await;
    assert_eq!(out["data"]["id"], "rec-1", "{out}");
    assert_eq!(out["data"]["title"], "SL-1");
    let got = log.lock().unwrap()[0].clone();
    assert_eq!(got.path, "/api/app/app-1/record");
    assert_eq!(got.headers["private-token"], "sl-token");
    let sent: Value = serde_json::from_str(&got.body).unwrap();
    assert_eq!(sent["applicationId"], "app-1");
    assert_eq!(sent["values"]["ruleName"], "cpu");
}
