//! Bad input in the console's forms: one table, each row with the message the form shows next
//! to the field. The form models refuse before anything is sent and keep what was typed.

use kibana_console::forms::connection::{AuthKind, ConnectionForm, SavedConnection};
use kibana_console::forms::connector_draft::ConnectorDraft;
use kibana_console::forms::import_file::parse_import;
use kibana_console::forms::run_draft::RunDraft;
use kibana_console::forms::secrets_draft::SecretsDraft;

fn connection(url: &str, auth: AuthKind, user: &str, secret: &str) -> ConnectionForm {
    ConnectionForm {
        saved: SavedConnection {
            name: "kibana".into(),
            url: url.into(),
            auth,
            username: user.into(),
            timeout_secs: "30".into(),
        },
        secret: secret.into(),
    }
}

fn draft(type_id: &str, name: &str, values: &[(&str, &str)]) -> ConnectorDraft {
    let mut d = ConnectorDraft::new(type_id);
    d.name = name.into();
    for (k, v) in values {
        d.values.insert((*k).into(), (*v).into());
    }
    d
}

#[test]
fn every_bad_form_input_is_named_with_its_field() {
    let mut rows = 0;
    let mut expect = |what: &str, errors: Vec<(&'static str, String)>, field: &str, text: &str| {
        let hit = errors.iter().find(|(f, _)| *f == field);
        let (_, message) = hit.unwrap_or_else(|| panic!("{what}: no error on {field}: {errors:?}"));
        assert!(message.contains(text), "{what}: {message:?} lacks {text:?}");
        rows += 1;
    };
    let conn = |f: ConnectionForm| -> Vec<(&'static str, String)> {
        f.to_client()
            .map(|_| ())
            .expect_err("refused")
            .into_iter()
            .map(|e| (e.field, e.message))
            .collect()
    };
    for (url, text) in [
        ("", "empty"),
        ("localhost:5601", "http://"),
        ("ftp://k", "only http"),
        ("http://u:p@k", "credentials"),
        ("http://k?x", "query"),
        ("//k", "proxy prefix"),
        ("http://k:70000", "port"),
    ] {
        expect(
            &format!("url {url:?}"),
            conn(connection(url, AuthKind::Basic, "elastic", "pw")),
            "url",
            text,
        );
    }
    expect(
        "no user",
        conn(connection("/kibana", AuthKind::Basic, " ", "pw")),
        "username",
        "user name",
    );
    expect(
        "no password",
        conn(connection("/kibana", AuthKind::Basic, "u", "")),
        "secret",
        "password",
    );
    expect(
        "no key",
        conn(connection("/kibana", AuthKind::ApiKey, "", "  ")),
        "secret",
        "API key",
    );
    expect(
        "no token",
        conn(connection("/kibana", AuthKind::Bearer, "", "")),
        "secret",
        "token",
    );
    for timeout in [
        "",
        "0",
        "-5",
        "2.5",
        "601",
        "thirty",
        "99999999999999999999",
    ] {
        let mut f = connection("/kibana", AuthKind::Basic, "elastic", "pw");
        f.saved.timeout_secs = timeout.into();
        expect(
            &format!("timeout {timeout:?}"),
            conn(f),
            "timeout",
            "1 to 600 seconds",
        );
    }

    let create = |d: ConnectorDraft| -> Vec<(&'static str, String)> {
        let before = d.clone();
        let errors = d.to_create().map(|_| ()).expect_err("refused");
        assert_eq!(d, before, "the form keeps what was typed");
        errors.into_iter().map(|e| (e.field, e.message)).collect()
    };
    let long = "x".repeat(300);
    for (type_id, values, field, text) in [
        (".index", vec![], "index", "required"),
        (".webhook", vec![], "url", "required"),
        (".webhook", vec![("url", "hooks.example")], "url", "http://"),
        (
            ".webhook",
            vec![("url", "https://h"), ("method", "fetch")],
            "method",
            "Choose one of",
        ),
        (
            ".webhook",
            vec![("url", "https://h"), ("headers", "{")],
            "headers",
            "not valid JSON",
        ),
        (".slack", vec![], "webhookUrl", "required"),
        (".teams", vec![], "webhookUrl", "required"),
        (".slack_api", vec![], "token", "required"),
        (
            ".slack_api",
            vec![("token", "t"), ("allowedChannels", "[{")],
            "allowedChannels",
            "not valid JSON",
        ),
        (".email", vec![], "from", "required"),
        (
            ".email",
            vec![("from", "a@b"), ("port", "25.5")],
            "port",
            "whole number",
        ),
        (
            ".email",
            vec![("from", "a@b"), ("port", "-1")],
            "port",
            "whole number",
        ),
        (
            ".email",
            vec![("from", "a@b"), ("port", &long)],
            "port",
            "whole number",
        ),
        (
            ".email",
            vec![("from", "a@b"), ("service", "smoke-signals")],
            "service",
            "Choose one of",
        ),
        (".pagerduty", vec![], "routingKey", "required"),
        (
            ".pagerduty",
            vec![("routingKey", "k"), ("apiUrl", "events.pagerduty.com")],
            "apiUrl",
            "http://",
        ),
        (".servicenow", vec![], "apiUrl", "required"),
        (
            ".servicenow",
            vec![("apiUrl", "https://x")],
            "username",
            "required",
        ),
        (
            ".servicenow",
            vec![("apiUrl", "https://x"), ("username", "u")],
            "password",
            "required",
        ),
        (".jira", vec![], "projectKey", "required"),
        (
            ".jira",
            vec![("apiUrl", "x.atlassian.net")],
            "apiUrl",
            "http://",
        ),
        (".jira", vec![], "apiToken", "required"),
        (".opsgenie", vec![("apiUrl", "")], "apiUrl", "required"),
        (".opsgenie", vec![], "apiKey", "required"),
    ] {
        expect(
            &format!("{type_id} {values:?}"),
            create(draft(type_id, "n", &values)),
            field,
            text,
        );
    }
    for name in ["", "   ", "\t\n"] {
        expect(
            &format!("name {name:?}"),
            create(draft(".server-log", name, &[])),
            "name",
            "Enter a name",
        );
    }
    for (config, secrets, field, text) in [
        ("{", "{}", "config", "not valid JSON"),
        ("[1]", "{}", "config", "JSON object"),
        ("\"text\"", "{}", "config", "JSON object"),
        ("{}", "{\"k\":", "secrets", "not valid JSON"),
        ("{}", "null", "secrets", "JSON object"),
    ] {
        let mut d = draft(".inference", "AI", &[]);
        d.raw_config = config.into();
        d.raw_secrets = secrets.into();
        expect(&format!("raw {config} {secrets}"), create(d), field, text);
    }

    let run = |d: RunDraft| -> Vec<(&'static str, String)> {
        d.to_params()
            .map(|_| ())
            .expect_err("refused")
            .into_iter()
            .map(|e| (e.field, e.message))
            .collect()
    };
    for (type_id, key, value, text) in [
        (".server-log", "message", "", "required"),
        (".server-log", "level", "loud", "Choose one of"),
        (".index", "documents", "[{", "not valid JSON"),
        (".index", "documents", "", "required"),
        (".slack", "message", " ", "required"),
        (".email", "to", " , ", "required"),
        (".email", "subject", "", "required"),
        (".slack_api", "subActionParams.channelIds", "", "required"),
        (".jira", "subActionParams.incident.summary", "", "required"),
        (
            ".servicenow",
            "subActionParams.incident.short_description",
            "",
            "required",
        ),
        (".opsgenie", "subActionParams.message", "", "required"),
        (
            ".opsgenie",
            "subActionParams.priority",
            "P9",
            "Choose one of",
        ),
        (".pagerduty", "eventAction", "explode", "Choose one of"),
    ] {
        let mut d = RunDraft::new(type_id);
        d.values.insert(key.into(), value.into());
        expect(
            &format!("params {type_id} {key}={value:?}"),
            run(d),
            key,
            text,
        );
    }
    for raw in ["", "{", "[]", "\"x\"", "1", "null"] {
        let mut d = RunDraft::new(".inference");
        d.raw = raw.into();
        expect(
            &format!("raw params {raw:?}"),
            run(d),
            "params",
            if raw.is_empty() || raw == "{" {
                "not valid JSON"
            } else {
                "JSON object"
            },
        );
    }
    for raw in ["{", "[]", "42"] {
        let mut s = SecretsDraft::for_type(".inference");
        s.raw = raw.into();
        let errors = s.to_secrets().map(|_| ()).expect_err("refused");
        expect(
            &format!("secrets {raw:?}"),
            errors.into_iter().map(|e| (e.field, e.message)).collect(),
            "secrets",
            "JSON",
        );
    }
    for (text, needle) in [
        ("", "not valid JSON"),
        ("{nope", "not valid JSON"),
        ("42", "Expected an exported connector set"),
        ("{\"x\":1}", "Expected an exported connector set"),
        ("{\"format\":\"v9\",\"connectors\":[]}", "unknown format"),
        ("[{\"name\":\"\"}]", "Item 1: a name is required"),
        (
            "[{\"name\":\"A\"}]",
            "Item 1 (A): connector_type_id is required",
        ),
        (
            "[{\"name\":\"A\",\"connector_type_id\":\".index\",\"config\":[]}]",
            "Item 1",
        ),
    ] {
        let problems = parse_import(text, "default").expect_err("refused");
        expect(
            &format!("import {text:?}"),
            problems.into_iter().map(|p| ("file", p)).collect(),
            "file",
            needle,
        );
    }
    assert!(rows >= 70, "{rows} rows");
}
