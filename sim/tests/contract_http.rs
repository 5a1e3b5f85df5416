//! Kibana's request pipeline (contract §0), the status-code table (§2), CORS (§5.2, §5.3) and
//! `server.basePath` (§5.4), through real HTTP.

mod common;

use common::{Kb, send};
use serde_json::json;

const USERS: &str = r#"
sim.principals:
  - {username: elastic, password: changeme, superuser: true}
  - {username: reader, password: pw, spaces: {default: read}}
  - {username: nobody, password: pw}
  - {id: key1, key: s3cret, spaces: {"*": all}}
  - {token: tok-123, spaces: {marketing: all}}
"#;

#[tokio::test]
async fn unknown_routes_are_404_before_authentication() {
    let kb = Kb::start_9_2("").await;
    for (method, path) in [
        ("GET", "/api/nope"),
        ("PATCH", "/api/actions/connector/x"),
        ("GET", "/s/Marketing/api/actions/connectors"),
    ] {
        let req = kb.http.request(method.parse().unwrap(), kb.url(path));
        let (status, body) = send(req).await;
        assert_eq!(
            (status, body),
            (
                404,
                json!({"statusCode":404,"error":"Not Found","message":"Not Found"})
            ),
            "{method} {path}"
        );
    }
}

#[tokio::test]
async fn pipeline_order_is_401_then_xsrf_then_validation_then_403() {
    let kb = Kb::start_9_2(USERS).await;
    // No credentials and no xsrf and a bad body: authentication wins.
    let (status, body) = send(
        kb.http
            .post(kb.url("/api/actions/connector"))
            .body("{not json"),
    )
    .await;
    assert_eq!(
        (status, body),
        (
            401,
            json!({"statusCode":401,"error":"Unauthorized","message":"Unauthorized"})
        )
    );
    // Authenticated, malformed JSON: payload parsing comes before xsrf.
    let (status, body) = send(
        kb.http
            .post(kb.url("/api/actions/connector"))
            .basic_auth("nobody", Some("pw"))
            .body("{not json"),
    )
    .await;
    assert_eq!(
        (status, body["message"].as_str().unwrap()),
        (400, "Invalid request payload JSON format")
    );
    // Valid JSON, no xsrf: the xsrf check.
    let (status, body) = send(
        kb.http
            .post(kb.url("/api/actions/connector"))
            .basic_auth("nobody", Some("pw"))
            .json(&json!({})),
    )
    .await;
    assert_eq!(
        (status, body["message"].as_str().unwrap()),
        (400, "Request must contain a kbn-xsrf header.")
    );
    // xsrf present (any value), invalid body: validation beats the missing privilege.
    let nobody = |body: serde_json::Value| {
        kb.http
            .post(kb.url("/api/actions/connector"))
            .basic_auth("nobody", Some("pw"))
            .header("kbn-xsrf", "")
            .json(&body)
    };
    let (status, body) = send(nobody(json!({"name":"x"}))).await;
    assert_eq!(
        (status, body["message"].as_str().unwrap()),
        (
            400,
            "[request body.connector_type_id]: expected value of type [string] but got [undefined]"
        )
    );
    // Valid body, no privilege: 403.
    let (status, body) = send(nobody(
        json!({"name":"x","connector_type_id":".server-log"}),
    ))
    .await;
    assert_eq!(
        (status, body["message"].as_str().unwrap()),
        (403, "Unauthorized to create a \".server-log\" action")
    );
}

#[tokio::test]
async fn credentials_of_every_scheme_and_per_space_privileges() {
    let kb = Kb::start_9_2(USERS).await;
    let get_all = |auth: &str, space: &str| {
        let prefix = if space == "default" {
            String::new()
        } else {
            format!("/s/{space}")
        };
        kb.http
            .get(kb.url(&format!("{prefix}/api/actions/connectors")))
            .header("authorization", auth)
    };
    use base64::Engine;
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
    assert_eq!(
        send(get_all(&format!("ApiKey {}", b64("key1:s3cret")), "ops"))
            .await
            .0,
        200
    );
    assert_eq!(
        send(get_all(&format!("ApiKey {}", b64("key1:wrong")), "ops"))
            .await
            .0,
        401
    );
    assert_eq!(send(get_all("Bearer tok-123", "marketing")).await.0, 200);
    let (status, body) = send(get_all("Bearer tok-123", "default")).await;
    assert_eq!(
        (status, body["message"].as_str().unwrap()),
        (403, "Unauthorized to get actions")
    );
    assert_eq!(
        send(get_all(&format!("Basic {}", b64("reader:pw")), "default"))
            .await
            .0,
        200
    );
    let (status, body) = send(get_all(
        &format!("Basic {}", b64("elastic:nope")),
        "default",
    ))
    .await;
    assert_eq!(status, 401);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("unable to authenticate user [elastic]")
    );
    // A reader may run but not delete.
    let del = kb
        .http
        .delete(kb.url("/api/actions/connector/x"))
        .basic_auth("reader", Some("pw"))
        .header("kbn-xsrf", "1");
    let (status, body) = send(del).await;
    assert_eq!(
        (status, body["message"].as_str().unwrap()),
        (403, "Unauthorized to delete actions")
    );
}

#[tokio::test]
async fn status_table_409_413_and_type_gating() {
    let kb = Kb::start_9_2(
        "server.maxPayload: 1024\nxpack.actions.enabledActionTypes: [.index, .server-log]\n",
    )
    .await;
    let create = |id: &str| {
        kb.post(
            &format!("/api/actions/connector/{id}"),
            json!({"name":"n","connector_type_id":".server-log"}),
        )
    };
    assert_eq!(send(create("dup")).await.0, 200);
    let (status, body) = send(create("dup")).await;
    assert_eq!(
        (status, body),
        (
            409,
            json!({"statusCode":409,"error":"Conflict","message":"Saved object [action/dup] conflict"})
        )
    );
    let big = "x".repeat(2000);
    let (status, body) = send(kb.post(
        "/api/actions/connector",
        json!({"name": big, "connector_type_id": ".index"}),
    ))
    .await;
    assert_eq!(
        (status, body["error"].as_str().unwrap()),
        (413, "Payload Too Large")
    );
    let (status, body) = send(kb.post(
        "/api/actions/connector",
        json!({"name":"w","connector_type_id":".webhook","config":{"url":"http://127.0.0.1:9"}}),
    ))
    .await;
    assert_eq!(
        (status, body["message"].as_str().unwrap()),
        (
            403,
            "action type \".webhook\" is not enabled in the Kibana config xpack.actions.enabledActionTypes"
        )
    );
    let (_, types) = send(kb.get("/api/actions/connector_types")).await;
    let webhook = types
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == ".webhook")
        .unwrap();
    assert_eq!(
        (
            webhook["enabled"].as_bool(),
            webhook["enabled_in_config"].as_bool(),
            webhook["enabled_in_license"].as_bool()
        ),
        (Some(false), Some(false), Some(true))
    );
}

#[tokio::test]
async fn system_connectors_follow_kibanas_rules() {
    let kb = Kb::start_9_2("").await;
    let id = "system-connector-.cases";
    let (status, body) = send(kb.get(&format!("/api/actions/connector/{id}"))).await;
    assert_eq!(
        (status, body["message"].as_str().unwrap()),
        (404, "Connector system-connector-.cases not found")
    );
    let (status, body) = send(kb.post(
        "/api/actions/connector",
        json!({"name":"c","connector_type_id":".cases"}),
    ))
    .await;
    assert_eq!(
        (status, body["message"].as_str().unwrap()),
        (
            400,
            "System action creation is forbidden. Action type: .cases."
        )
    );
    let (status, body) = send(kb.delete(&format!("/api/actions/connector/{id}"))).await;
    assert_eq!(
        (status, body["message"].as_str().unwrap()),
        (
            400,
            "System action system-connector-.cases is not allowed to delete."
        )
    );
    let (_, all) = send(kb.get("/api/actions/connectors")).await;
    assert!(
        all.as_array().unwrap().is_empty(),
        "system connectors are hidden"
    );
    let (_, types) = send(kb.get("/api/actions/connector_types")).await;
    assert!(
        !types
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["id"] == ".cases")
    );
}

#[tokio::test]
async fn update_is_a_full_replace_and_rejects_the_type() {
    let kb = Kb::start_9_2("").await;
    send(kb.post(
        "/api/actions/connector/pd",
        json!({"name":"pd","connector_type_id":".pagerduty","secrets":{"routingKey":"k"}}),
    ))
    .await;
    let (status, body) = send(kb.put("/api/actions/connector/pd", json!({"name":"pd2"}))).await;
    assert_eq!(
        (status, body["message"].as_str().unwrap()),
        (
            400,
            "error validating action type secrets: [routingKey]: expected value of type [string] but got [undefined]"
        )
    );
    let (status, body) = send(kb.put(
        "/api/actions/connector/pd",
        json!({"name":"pd2","connector_type_id":".index"}),
    ))
    .await;
    assert_eq!(
        (status, body["message"].as_str().unwrap()),
        (
            400,
            "[request body.connector_type_id]: definition for this key is missing"
        )
    );
    let (status, body) = send(kb.put(
        "/api/actions/connector/pd",
        json!({"name":"pd2","config":null}),
    ))
    .await;
    assert_eq!(
        (status, body["message"].as_str().unwrap()),
        (
            400,
            "[request body.config]: expected value of type [object] but got [null]"
        )
    );
}

#[tokio::test]
async fn kbn_version_must_match_exactly() {
    let kb = Kb::start_9_2("").await;
    let (status, body) = send(
        kb.get("/api/actions/connectors")
            .header("kbn-version", "8.0.0"),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        body["attributes"],
        json!({"expected":"9.2.0","got":"8.0.0"})
    );
    let (status, body) = send(kb.get("/api/status")).await;
    assert_eq!(
        (status, body["version"]["number"].as_str()),
        (200, Some("9.2.0"))
    );
}

async fn preflight(
    kb: &Kb,
    path: &str,
    headers: &[(&str, &str)],
) -> (u16, reqwest::header::HeaderMap, String) {
    let mut req = kb.http.request(reqwest::Method::OPTIONS, kb.url(path));
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let resp = req.send().await.unwrap();
    (
        resp.status().as_u16(),
        resp.headers().clone(),
        resp.text().await.unwrap(),
    )
}

#[tokio::test]
async fn cors_off_means_options_404_and_no_headers() {
    let kb = Kb::start_9_2("").await;
    let (status, headers, _) = preflight(
        &kb,
        "/api/actions/connectors",
        &[
            ("origin", "http://a"),
            ("access-control-request-method", "GET"),
        ],
    )
    .await;
    assert_eq!(status, 404);
    assert!(headers.get("access-control-allow-origin").is_none());
    let resp = kb
        .get("/api/actions/connectors")
        .header("origin", "http://a")
        .send()
        .await
        .unwrap();
    assert!(resp.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn hapi_preflight_cases_in_order() {
    let kb = Kb::start_9_2("server.cors.enabled: true\nserver.cors.allowOrigin: ['http://app.example']\nserver.cors.allowCredentials: true\n").await;
    let path = "/s/marketing/api/actions/connector/x";
    let (status, _, body) = preflight(&kb, path, &[("origin", "http://app.example")]).await;
    assert_eq!(status, 404);
    assert!(body.contains("CORS error: Missing Access-Control-Request-Method header"));
    let (status, _, body) = preflight(
        &kb,
        path,
        &[
            ("origin", "http://app.example"),
            ("access-control-request-method", "PATCH"),
        ],
    )
    .await;
    assert_eq!(
        (status, body.contains("\"message\":\"Not Found\"")),
        (404, true)
    );
    let (status, _, body) = preflight(&kb, path, &[("access-control-request-method", "PUT")]).await;
    assert_eq!(
        (status, body.contains("CORS error: Missing Origin header")),
        (404, true)
    );
    let (status, headers, body) = preflight(
        &kb,
        path,
        &[
            ("origin", "http://evil.example"),
            ("access-control-request-method", "PUT"),
        ],
    )
    .await;
    assert_eq!(
        (status, body.as_str()),
        (200, r#"{"message":"CORS error: Origin not allowed"}"#)
    );
    assert!(headers.get("access-control-allow-origin").is_none());
    let (status, _, body) = preflight(
        &kb,
        path,
        &[
            ("origin", "http://app.example"),
            ("access-control-request-method", "PUT"),
            (
                "access-control-request-headers",
                "kbn-xsrf,elastic-api-version",
            ),
        ],
    )
    .await;
    assert_eq!(
        (status, body.as_str()),
        (
            200,
            r#"{"message":"CORS error: Some headers are not allowed"}"#
        )
    );
    let (status, h, body) = preflight(
        &kb,
        path,
        &[
            ("origin", "http://app.example"),
            ("access-control-request-method", "PUT"),
            (
                "access-control-request-headers",
                "Authorization, Content-Type, KBN-XSRF",
            ),
        ],
    )
    .await;
    assert_eq!((status, body.as_str()), (200, ""));
    assert_eq!(h["access-control-allow-origin"], "http://app.example");
    assert_eq!(h["access-control-allow-methods"], "PUT");
    assert_eq!(
        h["access-control-allow-headers"],
        "Accept,Authorization,Content-Type,If-None-Match,kbn-xsrf"
    );
    assert_eq!(h["access-control-max-age"], "86400");
    assert_eq!(h["access-control-allow-credentials"], "true");
    assert_eq!(
        h["access-control-expose-headers"],
        "WWW-Authenticate,Server-Authorization"
    );
}

#[tokio::test]
async fn cors_headers_on_normal_and_error_responses() {
    let kb = Kb::start_9_2("server.cors.enabled: true\n").await;
    let resp = kb
        .get("/api/actions/connector/missing")
        .header("origin", "http://any.example")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 404);
    let h = resp.headers();
    assert_eq!(
        h["access-control-allow-origin"], "http://any.example",
        "'*' echoes the origin"
    );
    assert_eq!(h["vary"], "origin");
    assert!(h.get("access-control-allow-credentials").is_none());
    let resp = kb.get("/api/actions/connectors").send().await.unwrap();
    assert!(
        resp.headers().get("access-control-allow-origin").is_none(),
        "no Origin, no ACAO"
    );
}

#[tokio::test]
async fn base_path_with_and_without_rewrite() {
    let rewrite = Kb::start_9_2("server.basePath: /kibana\nserver.rewriteBasePath: true\n").await;
    assert!(rewrite.sim.url.ends_with("/kibana"));
    assert_eq!(send(rewrite.get("/api/actions/connectors")).await.0, 200);
    let bare = format!("http://{}/api/actions/connectors", rewrite.sim.addr);
    assert_eq!(
        send(
            rewrite
                .http
                .get(bare)
                .basic_auth("elastic", Some("changeme"))
        )
        .await
        .0,
        404
    );
    assert_eq!(
        send(rewrite.get("/s/ops/api/actions/connectors")).await.0,
        200
    );

    let proxied = Kb::start_9_2("server.basePath: /kibana\n").await;
    assert_eq!(send(proxied.get("/api/actions/connectors")).await.0, 200);
    assert_eq!(
        send(proxied.get("/kibana/api/actions/connectors")).await.0,
        404,
        "a proxy is expected to strip the prefix"
    );
}
