//! `.gen-ai`, `.bedrock`, `.gemini`, `.mcp`, `.cases-webhook` and `.http`: schemas with
//! Kibana's defaults, and the calls the runnable ones make to local receivers.

mod common;

use common::{Kb, create_connector as create, execute as run, receiver};
use serde_json::{Value, json};

#[tokio::test]
async fn llm_configs_get_kibanas_defaults_and_openai_runs() {
    let kb = Kb::start("").await;
    let body = r#"{"id":"c1","usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4},"choices":[{"message":{"role":"assistant","content":"pong"}}]}"#;
    let (url, log) = receiver(200, body, &[]).await;
    let (status, made) = create(
        &kb,
        "oa",
        ".gen-ai",
        json!({"apiProvider": "OpenAI", "apiUrl": format!("{url}/v1/chat/completions")}),
        json!({"apiKey": "sk-test"}),
    )
    .await;
    assert_eq!(status, 200, "{made}");
    assert_eq!(made["config"]["defaultModel"], "gpt-4.1");
    let (status, other) = create(
        &kb,
        "oa-other",
        ".gen-ai",
        json!({"apiProvider": "Other", "apiUrl": url}),
        json!({"apiKey": "k"}),
    )
    .await;
    assert_eq!(
        status, 400,
        "an OpenAI-compatible server needs a model: {other}"
    );
    let out = run(
        &kb,
        "oa",
        json!({"subAction": "invokeAI", "subActionParams": {"messages": [{"role": "user", "content": "ping"}]}}),
    )
    .await;
    assert_eq!(out["data"]["message"], "pong", "{out}");
    assert_eq!(out["data"]["usage"]["total_tokens"], 4);
    {
        let log = log.lock().unwrap();
        assert_eq!(log[0].headers["authorization"], "Bearer sk-test");
        assert_eq!(
            serde_json::from_str::<Value>(&log[0].body).unwrap(),
            json!({"messages": [{"role": "user", "content": "ping"}], "model": "gpt-4.1"})
        );
    }

    let (status, bedrock) = create(
        &kb,
        "br",
        ".bedrock",
        json!({"apiUrl": "https://bedrock-runtime.us-east-1.amazonaws.com"}),
        json!({"accessKey": "a", "secret": "s"}),
    )
    .await;
    assert_eq!(status, 200, "{bedrock}");
    assert_eq!(
        bedrock["config"]["defaultModel"],
        "us.anthropic.claude-sonnet-4-5-20250929-v1:0"
    );
    let (status, gemini) = create(
        &kb,
        "gm",
        ".gemini",
        json!({"apiUrl": "https://us-central1-aiplatform.googleapis.com", "gcpRegion": "us-central1", "gcpProjectID": "p"}),
        json!({"credentialsJson": "{}"}),
    )
    .await;
    assert_eq!(status, 200, "{gemini}");
    assert_eq!(gemini["config"]["defaultModel"], "gemini-2.5-pro");
    let (status, _) = create(
        &kb,
        "gm-bad",
        ".gemini",
        json!({"apiUrl": url}),
        json!({"credentialsJson": "{}"}),
    )
    .await;
    assert_eq!(status, 400, "region and project are required");
}

#[tokio::test]
async fn mcp_opens_a_session_and_lists_tools() {
    let kb = Kb::start("").await;
    let body = r#"{"jsonrpc":"2.0","id":1,"result":{"tools":[{"name":"echo","description":"says it back"}]}}"#;
    let (url, log) = receiver(200, body, &[("mcp-session-id", "s-1")]).await;
    let (status, made) = create(
        &kb,
        "mcp",
        ".mcp",
        json!({"serverUrl": format!("{url}/mcp"), "authType": "apiKey"}),
        json!({"apiKey": "mcp-key"}),
    )
    .await;
    assert_eq!(status, 200, "{made}");
    assert_eq!(made["config"]["apiKeyHeaderName"], "X-API-Key");
    assert_eq!(made["config"]["hasAuth"], true);
    let out = run(
        &kb,
        "mcp",
        json!({"subAction": "listTools", "subActionParams": {}}),
    )
    .await;
    assert_eq!(out["data"]["tools"][0]["name"], "echo", "{out}");
    let log = log.lock().unwrap();
    let methods: Vec<String> = log
        .iter()
        .map(|r| {
            serde_json::from_str::<Value>(&r.body).unwrap()["method"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(methods, ["initialize", "tools/list"]);
    assert_eq!(log[0].headers["x-api-key"], "mcp-key");
    assert!(log[0].headers.get("mcp-session-id").is_none());
    assert_eq!(log[1].headers["mcp-session-id"], "s-1");
}

#[tokio::test]
async fn cases_webhook_creates_reads_back_and_comments() {
    let kb = Kb::start("").await;
    let (url, log) = receiver(200, r#"{"id":"77","fields":{"key":"CASE-77"}}"#, &[]).await;
    let config = json!({
        "createIncidentUrl": format!("{url}/issue"),
        "createIncidentJson": r#"{"fields":{"summary":{{{case.title}}},"labels":{{{case.tags}}}}}"#,
        "createIncidentResponseKey": "id",
        "getIncidentUrl": format!("{url}/issue/{{{{{{external.system.id}}}}}}"),
        "getIncidentResponseExternalTitleKey": "fields.key",
        "viewIncidentUrl": "https://tickets.example/browse/{{{external.system.title}}}",
        "updateIncidentUrl": format!("{url}/issue/{{{{{{external.system.id}}}}}}"),
        "updateIncidentJson": r#"{"fields":{"summary":{{{case.title}}}}}"#,
        "createCommentUrl": format!("{url}/issue/{{{{{{external.system.id}}}}}}/comment"),
        "createCommentJson": r#"{"body":{{{case.comment}}}}"#,
    });
    let (status, made) = create(
        &kb,
        "cw",
        ".cases-webhook",
        config.clone(),
        json!({"user": "u", "password": "p"}),
    )
    .await;
    assert_eq!(status, 200, "{made}");
    assert_eq!(made["config"]["createIncidentMethod"], "post");
    assert_eq!(made["config"]["updateIncidentMethod"], "put");
    let mut broken = config.clone();
    broken["createIncidentJson"] = json!("{not json");
    let (status, _) = create(&kb, "cw-bad", ".cases-webhook", broken, json!({})).await;
    assert_eq!(status, 400);
    let out = run(
        &kb,
        "cw",
        json!({"subAction": "pushToService", "subActionParams": {
            "incident": {"title": "Disk \"full\"", "tags": ["ops"]},
            "comments": [{"comment": "first look", "commentId": "c1"}]}}),
    )
    .await;
    assert_eq!(out["data"]["id"], "77", "{out}");
    assert_eq!(out["data"]["title"], "CASE-77");
    assert_eq!(out["data"]["url"], "https://tickets.example/browse/CASE-77");
    let log = log.lock().unwrap();
    let calls: Vec<(&str, &str)> = log
        .iter()
        .map(|r| (r.method.as_str(), r.path.as_str()))
        .collect();
    assert_eq!(
        calls,
        [
            ("POST", "/issue"),
            ("GET", "/issue/77"),
            ("PUT", "/issue/77/comment")
        ]
    );
    assert_eq!(
        serde_json::from_str::<Value>(&log[0].body).unwrap(),
        json!({"fields": {"summary": "Disk \"full\"", "labels": ["ops"]}})
    );
    assert_eq!(
        serde_json::from_str::<Value>(&log[2].body).unwrap(),
        json!({"body": "first look"})
    );
}

#[tokio::test]
async fn http_returns_the_answer() {
    let kb = Kb::start("").await;
    let (url, log) = receiver(201, r#"{"made":true}"#, &[]).await;
    let (status, made) = create(&kb, "h", ".http", json!({"url": url}), json!({})).await;
    assert_eq!(status, 200, "{made}");
    let out = run(
        &kb,
        "h",
        json!({"method": "POST", "path": "/items", "query": {"dry": "1"}, "body": {"a": 1}}),
    )
    .await;
    assert_eq!(out["data"]["status"], 201, "{out}");
    assert_eq!(out["data"]["data"], json!({"made": true}));
    let got = log.lock().unwrap()[0].clone();
    assert_eq!(
        (got.method.as_str(), got.path.as_str()),
        ("POST", "/items?dry=1")
    );
    assert_eq!(
        serde_json::from_str::<Value>(&got.body).unwrap(),
        json!({"a": 1})
    );
}
