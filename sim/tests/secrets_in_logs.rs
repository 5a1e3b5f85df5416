//! The sim's logs never carry a secret: the real binary, logging everything (`RUST_LOG=trace`,
//! its dependencies included), gets connectors of every type with planted secrets, creates,
//! updates, runs (against a receiver that fails, and a port nobody listens on), validation
//! errors and the admin request log; then its stdout, stderr and request log are scanned.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};

use serde_json::{Value, json};

mod common;
use common::receiver;

const SECRET: &str = "planted-s3cret-91c7";

#[tokio::test]
async fn no_secret_reaches_the_logs() {
    let (hook, received) = receiver(500, r#"{"error":"down"}"#, &[]).await;
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let closed_port = closed.local_addr().unwrap().port();
    drop(closed);

    let mut child = Command::new(env!("CARGO_BIN_EXE_kibana-sim"))
        .args(["--port", "0", "--admin"])
        .args(["--set", &format!("sim.slackApiUrl={hook}/slack-api/")])
        .env("RUST_LOG", "trace")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    let url = first
        .trim()
        .strip_prefix("kibana-sim listening on ")
        .expect("the sim prints its URL")
        .to_string();
    let mut stderr = child.stderr.take().unwrap();
    let err_reader = std::thread::spawn(move || {
        let mut all = String::new();
        let _ = stderr.read_to_string(&mut all);
        all
    });

    let http = reqwest::Client::new();
    let call = |method: reqwest::Method, path: &str, body: Value| {
        http.request(method, format!("{url}{path}"))
            .basic_auth("elastic", Some("changeme"))
            .header("kbn-xsrf", "1")
            .json(&body)
            .send()
    };
    let connectors = [
        (
            ".webhook",
            json!({"url": format!("{hook}/wh"), "hasAuth": true}),
            json!({"user": "u", "password": SECRET}),
            json!({"body": "{}"}),
        ),
        (
            ".slack",
            json!({}),
            json!({"webhookUrl": format!("{hook}/{SECRET}")}),
            json!({"message": "m"}),
        ),
        (
            ".teams",
            json!({}),
            json!({"webhookUrl": format!("http://127.0.0.1:{closed_port}/{SECRET}")}),
            json!({"message": "m"}),
        ),
        (
            ".pagerduty",
            json!({"apiUrl": format!("{hook}/pd")}),
            json!({"routingKey": SECRET}),
            json!({"eventAction": "trigger", "summary": "s"}),
        ),
        (
            ".email",
            json!({"from": "kibana@example.com", "host": "127.0.0.1", "port": closed_port, "secure": false}),
            json!({"user": "u", "password": SECRET}),
            json!({"to": ["a@example.com"], "subject": "s", "message": "m"}),
        ),
        (
            ".servicenow",
            json!({"apiUrl": hook, "usesTableApi": true}),
            json!({"username": "u", "password": SECRET}),
            json!({"subAction": "pushToService", "subActionParams": {"incident": {"short_description": "s"}, "comments": []}}),
        ),
        (
            ".jira",
            json!({"apiUrl": hook, "projectKey": "P"}),
            json!({"email": "e@example.com", "apiToken": SECRET}),
            json!({"subAction": "pushToService", "subActionParams": {"incident": {"summary": "s"}, "comments": null}}),
        ),
        (
            ".opsgenie",
            json!({"apiUrl": hook}),
            json!({"apiKey": SECRET}),
            json!({"subAction": "createAlert", "subActionParams": {"message": "m"}}),
        ),
        (
            ".slack_api",
            json!({}),
            json!({"token": SECRET}),
            json!({"subAction": "postMessage", "subActionParams": {"channels": ["c"], "text": "t"}}),
        ),
    ];
    for (n, (type_id, config, secrets, params)) in connectors.iter().enumerate() {
        let id = format!("leak-{n}");
        let body =
            json!({"name": id, "connector_type_id": type_id, "config": config, "secrets": secrets});
        let created = call(
            reqwest::Method::POST,
            &format!("/api/actions/connector/{id}"),
            body.clone(),
        )
        .await
        .unwrap();
        assert_eq!(
            created.status(),
            200,
            "{type_id}: {}",
            created.text().await.unwrap()
        );
        let update = json!({"name": id, "config": config, "secrets": secrets});
        let updated = call(
            reqwest::Method::PUT,
            &format!("/api/actions/connector/{id}"),
            update,
        )
        .await
        .unwrap();
        assert_eq!(updated.status(), 200, "{type_id}");
        let ran: Value = call(
            reqwest::Method::POST,
            &format!("/api/actions/connector/{id}/_execute"),
            json!({"params": params}),
        )
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
        assert_eq!(
            ran["status"], "error",
            "{type_id} fails against the receiver: {ran}"
        );
        assert!(!ran.to_string().contains(SECRET), "{type_id}: {ran}");
        // A create Kibana refuses (unknown key beside the secret) logs nothing secret either.
        let mut bad = body.clone();
        bad["secrets"]["unexpected"] = json!(SECRET);
        let refused = call(reqwest::Method::POST, "/api/actions/connector", bad)
            .await
            .unwrap();
        assert_eq!(refused.status(), 400, "{type_id}");
    }
    let requests = http
        .get(format!("{url}/__sim/requests"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        received.lock().unwrap().len() >= 5,
        "the connectors really called the receiver"
    );

    let _ = child.kill();
    let _ = child.wait();
    let mut out = String::new();
    let _ = stdout.read_to_string(&mut out);
    let err = err_reader.join().unwrap();
    assert!(
        err.contains("TRACE") && err.contains("DEBUG"),
        "everything was logged: {} bytes",
        err.len()
    );
    for (name, text) in [
        ("stdout", &out),
        ("stderr", &err),
        ("request log", &requests),
    ] {
        for planted in [SECRET, "changeme", "ZWxhc3RpYzpjaGFuZ2VtZQ"] {
            if let Some(at) = text.find(planted) {
                let from = text[..at].rfind('\n').map_or(0, |n| n + 1);
                panic!(
                    "{planted} is in the sim's {name}: {}",
                    &text[from..(at + 80).min(text.len())]
                );
            }
        }
    }
}
