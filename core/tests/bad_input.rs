//! Bad input the client can refuse before sending anything: one table, each row with the clear
//! error it gets. Natively, so no request can be sent; the futures are polled once and must be
//! ready with the error (a request would leave them pending).
#![cfg(not(target_arch = "wasm32"))]

use std::future::Future;
use std::task::{Context, Poll, Waker};

use kibana_connectors::bulk::ConnectorSet;
use kibana_connectors::{Auth, Connector, CopyRequest, Error, Kibana, Secrets, validate_space_id};
use serde_json::json;

const SECRET: &str = "planted-Secr3t";

/// Polls once: the client must have refused before any I/O.
fn refused<F: Future<Output = Result<T, Error>>, T: std::fmt::Debug>(f: F) -> Error {
    let mut cx = Context::from_waker(Waker::noop());
    match std::pin::pin!(f).poll(&mut cx) {
        Poll::Ready(Err(e)) => e,
        Poll::Ready(Ok(v)) => panic!("accepted: {v:?}"),
        Poll::Pending => panic!("a request was about to be sent"),
    }
}

fn client() -> Kibana {
    Kibana::builder("http://kibana.example:5601")
        .auth(Auth::basic("elastic", SECRET))
        .build()
        .unwrap()
}

fn check(what: &str, result: Result<(), Error>, expected: &str, rows: &mut usize) {
    let err = result.expect_err(what);
    let text = err.to_string();
    assert!(
        text.contains(expected),
        "{what}: {text:?} lacks {expected:?}"
    );
    assert!(
        !text.contains(SECRET) && !format!("{err:?}").contains(SECRET),
        "{what} leaks the secret"
    );
    *rows += 1;
}

#[test]
fn every_bad_input_gets_a_clear_error_before_any_request() {
    let mut rows = 0;
    for (url, expected) in [
        ("", "it is empty"),
        ("   ", "it is empty"),
        ("localhost:5601", "expected http:// or https://"),
        ("kibana.example", "expected http:// or https://"),
        ("ftp://kibana.example", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
        ("javascript:alert(1)", "expected http:// or https://"),
        ("http://", "the host is missing"),
        ("http://:5601", "the host is missing"),
        ("http://kibana example", "it contains spaces"),
        ("http://kibana.example:abc", "port"),
        ("http://kibana.example:99999", "port"),
        ("http://elastic:pw@kibana.example", "credentials in the URL"),
        ("http://kibana.example/?x=1", "query or fragment"),
        ("http://kibana.example/#top", "query or fragment"),
        ("//kibana.example", "a proxy prefix must be a path"),
        ("http://[]:5601", "the host is missing"),
    ] {
        check(
            &format!("url {url:?}"),
            Kibana::builder(url).build().map(|_| ()),
            expected,
            &mut rows,
        );
    }
    for id in [
        "",
        "Marketing",
        "a b",
        "a/b",
        "a.b",
        "é",
        "a?b",
        "a%2Fb",
        "../x",
        "UPPER",
        "a#b",
        "😀",
        "tab\tbed",
        "new\nline",
        "a:b",
        "a+b",
    ] {
        check(
            &format!("space {id:?}"),
            validate_space_id(id),
            "invalid space id",
            &mut rows,
        );
        check(
            &format!("space client {id:?}"),
            client().space(id).map(|_| ()),
            "invalid space id",
            &mut rows,
        );
    }
    for (name, value, expected) in [
        ("X-Custom", "v", "CORS preflight"),
        ("X-Opaque-Id", "trace", "CORS preflight"),
        ("elastic-api-version", "2023-10-31", "CORS preflight"),
        ("Authorization", "Basic x", "set by the client itself"),
        ("kbn-xsrf", "x", "set by the client itself"),
        ("kbn-version", "9.2.0", "kbn-version"),
        ("bad name", "v", "not a valid HTTP header"),
        ("", "v", "not a valid HTTP header"),
        ("X-A", "v\r\nX-B: injected", "not a valid HTTP header"),
    ] {
        let built = Kibana::builder("http://kibana.example")
            .header(name, value)
            .build();
        check(
            &format!("header {name:?}"),
            built.map(|_| ()),
            expected,
            &mut rows,
        );
    }
    let kb = client();
    for id in ["", "   "] {
        check(
            "get with an empty id",
            Err(refused(kb.actions().get(id))),
            "must not be empty",
            &mut rows,
        );
        check(
            "delete with an empty id",
            Err(refused(kb.actions().delete(id))),
            "must not be empty",
            &mut rows,
        );
        check(
            "execute with an empty id",
            Err(refused(kb.actions().execute(id, json!({})))),
            "must not be empty",
            &mut rows,
        );
    }
    for params in [
        json!([]),
        json!("text"),
        json!(null),
        json!(42),
        json!(true),
    ] {
        check(
            &format!("params {params}"),
            Err(refused(kb.actions().execute("x", params))),
            "must be a JSON object",
            &mut rows,
        );
    }
    let source: Connector = serde_json::from_value(json!({"id": "hook", "name": "Hook",
        "connector_type_id": ".webhook", "config": {"url": "https://x"}}))
    .unwrap();
    let copy = |to: &[&str], id: Option<&str>, pre: bool| {
        let mut source = source.clone();
        source.is_preconfigured = pre;
        CopyRequest {
            source,
            from_space: "default".into(),
            to_spaces: to.iter().map(|s| s.to_string()).collect(),
            secrets: Secrets::default(),
            id: id.map(String::from),
            break_rules: false,
        }
        .plan()
        .map(|_| ())
    };
    for (result, expected) in [
        (copy(&[], None, false), "at least one target"),
        (copy(&["default"], None, false), "already in space"),
        (copy(&["ops", "ops"], None, false), "listed twice"),
        (copy(&["ops", "it"], Some("fixed"), false), "{space}"),
        (copy(&["Bad Space"], None, false), "invalid space id"),
        (copy(&["ops"], None, true), "preconfigured"),
    ] {
        check("copy request", result, expected, &mut rows);
    }
    for (text, expected) in [
        ("", "not a connector set"),
        ("{", "not a connector set"),
        ("[]", "not a connector set"),
        (r#"{"connectors": []}"#, "unknown format"),
        (
            r#"{"format": "kibana-connectors/set@2", "connectors": []}"#,
            "unknown format",
        ),
        (r#"{"format": "kibana-connectors/set@1"}"#, "missing field"),
        (
            r#"{"format": "kibana-connectors/set@1", "connectors": [{"space_id":"a","id":"x","name":"","connector_type_id":".index"}]}"#,
            "needs a name",
        ),
        (
            r#"{"format": "kibana-connectors/set@1", "connectors": [{"space_id":"a","id":"x","name":"n","connector_type_id":" "}]}"#,
            "connector_type_id",
        ),
        (
            r#"{"format": "kibana-connectors/set@1", "connectors": [{"space_id":"a","id":"x","name":"n","connector_type_id":".index","config":[]}]}"#,
            "invalid type",
        ),
    ] {
        check(
            &format!("set {text:?}"),
            ConnectorSet::from_json(text).map(|_| ()),
            expected,
            &mut rows,
        );
    }
    // The secret never shows in Debug either.
    assert!(!format!("{kb:?}").contains(SECRET));
    assert!(rows >= 80, "{rows} rows");
}
