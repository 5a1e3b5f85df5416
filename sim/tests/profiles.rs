//! The release lines the sim behaves as (sim/README.md, "Version profiles"): each difference,
//! and what stays the same, through real HTTP.

mod common;

use common::{Kb, send};
use serde_json::{Value, json};

async fn at(version: &str, extra: &str) -> Kb {
    Kb::start(&format!("sim.version: {version}\n{extra}")).await
}

const PRECONFIGURED: &str = "xpack.actions.preconfigured:\n  my-log:\n    actionTypeId: .server-log\n    name: Preconfigured log\n";

#[tokio::test]
async fn status_reports_the_version_asked_for() {
    for version in ["8.19.3", "9.2.0", "9.5.1"] {
        let kb = at(version, "").await;
        let (status, body) = send(kb.get("/api/status")).await;
        assert_eq!(status, 200);
        assert_eq!(body["version"]["number"], version);
    }
    let kb = Kb::start("").await;
    let (_, body) = send(kb.get("/api/status")).await;
    assert_eq!(
        body["version"]["number"], "9.5.0",
        "the newest line by default"
    );
}

#[tokio::test]
async fn the_licence_is_served_as_the_licensing_plugin_does_to_authenticated_callers() {
    for (license, expires) in [("basic", false), ("gold", true), ("trial", true)] {
        let kb = Kb::start(&format!("xpack.license.self_generated.type: {license}\n")).await;
        let (status, body) = send(kb.get("/api/licensing/info")).await;
        assert_eq!(status, 200);
        assert_eq!(body["license"]["type"], license);
        assert_eq!(body["license"]["status"], "active");
        assert_eq!(
            body["license"]["expiryDateInMillis"].is_number(),
            expires,
            "{body}"
        );
        let anonymous = kb
            .http
            .get(kb.url("/api/licensing/info"))
            .send()
            .await
            .unwrap();
        assert_eq!(anonymous.status().as_u16(), 401);
    }
}

#[test]
fn a_version_older_than_the_oldest_line_is_refused_at_start() {
    let err = kibana_sim::SimConfig::from_yaml("sim.version: 8.15.2\n").unwrap_err();
    assert!(
        err.contains("8.15.2 is older than the oldest profile"),
        "{err}"
    );
}

#[tokio::test]
async fn only_8_19_serves_the_legacy_routes() {
    for (version, want) in [("8.19.0", 200), ("9.2.0", 404), ("9.5.0", 404)] {
        let kb = at(version, "").await;
        let (status, _) = send(kb.get("/api/actions")).await;
        assert_eq!(status, want, "{version}");
        let (status, _) = send(kb.get("/api/actions/list_action_types")).await;
        assert_eq!(status, want, "{version}");
    }
}

async fn create(kb: &Kb, body: Value) -> (u16, Value) {
    send(kb.post("/api/actions/connector", body)).await
}

#[tokio::test]
async fn config_errors_are_config_schema_s_first_error_before_9_5() {
    for version in ["8.19.0", "9.2.0"] {
        let kb = at(version, "").await;
        let (status, body) = create(
            &kb,
            json!({"name": "i", "connector_type_id": ".index", "config": {"index": 666, "refresh": "x"}}),
        )
        .await;
        assert_eq!(status, 400);
        assert_eq!(
            body["message"],
            "error validating action type config: [index]: expected value of type [string] but got [number]",
            "{version}"
        );
    }
}

#[tokio::test]
async fn config_errors_on_9_5_are_every_zod_issue_formatted_as_kibana_does() {
    let kb = at("9.5.0", "").await;
    let cases = [
        (
            json!({}),
            "error validating connector type config: Field \"index\": Required",
        ),
        (
            json!({"index": 666}),
            "error validating connector type config: Field \"index\": Expected string, received number",
        ),
        (
            json!({"index": 666, "refresh": "x"}),
            "error validating connector type config: 2 errors:\n [1]: Field \"index\": Expected string, received number;\n [2]: Field \"refresh\": Expected boolean, received string",
        ),
        (
            json!({"index": "i", "shards": 2}),
            "error validating connector type config: Unrecognized key(s) in object: 'shards'",
        ),
    ];
    for (config, want) in cases {
        let (status, body) = create(
            &kb,
            json!({"name": "i", "connector_type_id": ".index", "config": config}),
        )
        .await;
        assert_eq!(status, 400, "{config}");
        assert_eq!(body["message"], want, "{config}");
    }
}

#[tokio::test]
async fn more_than_five_zod_issues_are_capped_with_a_count() {
    let kb = at("9.5.0", "").await;
    // .webhook (zod v3): seven wrongly typed fields, reported in schema order (url first).
    let config = json!({"url": 1, "method": 2, "headers": 3, "hasAuth": "h", "authType": 4,
                        "certType": 5, "ca": 6});
    let (status, body) = create(
        &kb,
        json!({"name": "w", "connector_type_id": ".webhook", "config": config}),
    )
    .await;
    assert_eq!(status, 400);
    let message = body["message"].as_str().unwrap();
    assert!(
        message.starts_with("error validating connector type config: 7 errors:\n [1]: Field \"url\": Expected string, received number;\n [2]: Field \"method\": Expected 'post' | "),
        "{message}"
    );
    assert!(message.ends_with(";\n [6]: and 2 more"), "{message}");
}

#[tokio::test]
async fn zod_v4_types_list_every_issue_with_its_path() {
    let kb = at("9.5.0", "").await;
    // .email's schemas are zod v4 (Kibana's email.ts expects `prettifyError`'s form).
    let (status, body) = create(
        &kb,
        json!({"name": "e", "connector_type_id": ".email", "config": {"port": "p", "shards": 1}}),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        body["message"],
        "error validating connector type config: ✖ Unrecognized key: \"shards\"\n✖ Invalid input: expected number, received string\n  → at port\n✖ Invalid input: expected string, received undefined\n  → at from"
    );
}

#[tokio::test]
async fn sub_action_params_are_a_discriminated_union_on_9_5() {
    for (version, want) in [
        (
            "9.2.0",
            "types that failed validation:\n- [0.subAction]: expected value to equal [getFields]",
        ),
        (
            "9.5.0",
            // ServiceNow's schemas are zod v4 on 9.5 (`connector_types/servicenow_itsm.ts @
            // 01ad79c3`: 'should handle failing with a simulated success without unsupported
            // action').
            "✖ Invalid input\n  → at subAction",
        ),
    ] {
        let kb = at(version, "").await;
        let (status, created) = create(
            &kb,
            json!({"name": "sn", "connector_type_id": ".servicenow",
                   "config": {"apiUrl": "http://127.0.0.1:9/", "usesTableApi": false},
                   "secrets": {"username": "u", "password": "p"}}),
        )
        .await;
        assert_eq!(status, 200, "{created}");
        let id = created["id"].as_str().unwrap();
        let (status, run) = send(kb.post(
            &format!("/api/actions/connector/{id}/_execute"),
            json!({"params": {"subAction": "nope", "subActionParams": {}}}),
        ))
        .await;
        assert_eq!(status, 200);
        assert_eq!(run["status"], "error");
        let message = run["message"].as_str().unwrap_or_default();
        assert!(
            message.starts_with(&format!("error validating action params: {want}")),
            "{version}: {message} (whole answer: {run})"
        );
    }
}

#[tokio::test]
async fn connectors_carry_the_newer_fields_only_on_9_5() {
    for (version, newer) in [("8.19.0", false), ("9.2.0", false), ("9.5.0", true)] {
        let kb = at(version, PRECONFIGURED).await;
        let (status, created) = create(
            &kb,
            json!({"name": "log", "connector_type_id": ".server-log"}),
        )
        .await;
        assert_eq!(status, 200);
        let id = created["id"].as_str().unwrap().to_string();
        let (_, got) = send(kb.get(&format!("/api/actions/connector/{id}"))).await;
        let (_, all) = send(kb.get("/api/actions/connectors")).await;
        let (_, preconfigured) = send(kb.get("/api/actions/connector/my-log")).await;
        let (_, updated) = send(kb.put(
            &format!("/api/actions/connector/{id}"),
            json!({"name": "log 2"}),
        ))
        .await;
        for (what, v) in [
            ("create", &created),
            ("get", &got),
            ("get all", &all[0]),
            ("get all (preconfigured)", &all[1]),
            ("get (preconfigured)", &preconfigured),
        ] {
            assert_eq!(
                v.get("is_connector_type_deprecated").is_some(),
                newer,
                "{version} {what}: {v}"
            );
            assert_eq!(v.get("auth_mode").is_some(), newer, "{version} {what}: {v}");
            if newer {
                assert_eq!(v["auth_mode"], "shared");
                assert_eq!(v["is_connector_type_deprecated"], false);
            }
        }
        assert_eq!(
            updated.get("is_connector_type_deprecated").is_some(),
            newer,
            "{version}: {updated}"
        );
        assert!(updated.get("auth_mode").is_none(), "{version}: {updated}");
    }
}

#[tokio::test]
async fn the_llm_types_are_deprecated_on_9_5_and_can_still_be_created() {
    for (version, deprecated) in [("9.2.0", false), ("9.5.0", true)] {
        let kb = at(version, "").await;
        let (_, types) = send(kb.get("/api/actions/connector_types")).await;
        for id in [".gen-ai", ".bedrock", ".gemini", ".inference"] {
            let t = types
                .as_array()
                .unwrap()
                .iter()
                .find(|t| t["id"] == id)
                .unwrap_or_else(|| panic!("{id} listed"));
            if deprecated {
                assert_eq!(t["is_deprecated"], true, "{version} {id}");
            } else {
                assert!(t.get("is_deprecated").is_none(), "{version} {id}: {t}");
            }
        }
        let (status, created) = create(
            &kb,
            json!({"name": "llm", "connector_type_id": ".gen-ai",
                   "config": {"apiProvider": "OpenAI", "apiUrl": "https://api.openai.com/v1/chat/completions"},
                   "secrets": {"apiKey": "sk"}}),
        )
        .await;
        assert_eq!(status, 200, "{created}");
        if deprecated {
            assert_eq!(created["is_connector_type_deprecated"], true);
        }
    }
}

#[tokio::test]
async fn connector_types_gain_the_9_5_fields_and_the_workflows_feature() {
    let kb = at("9.5.0", "").await;
    let (_, types) = send(kb.get("/api/actions/connector_types")).await;
    let index = types
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == ".index")
        .unwrap();
    // `spaces_only/tests/actions/deprecated.ts @ 2ce6c3df`: `is_deprecated` and `source`;
    // `description` and `is_experimental` only for types that set them.
    assert_eq!(index["is_deprecated"], false);
    assert_eq!(index["source"], "stack");
    assert!(index.get("is_experimental").is_none(), "{index}");
    let (_, workflows) = send(kb.get("/api/actions/connector_types?feature_id=workflows")).await;
    let ids: Vec<&str> = workflows
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    // Each registration's `supportedFeatureIds` (servicenow_itsm, mcp, inference, d3security,
    // thehive, jira-service-management, http index files).
    assert_eq!(
        ids,
        [
            ".servicenow",
            ".mcp",
            ".inference",
            ".d3security",
            ".thehive",
            ".jira-service-management",
            ".http"
        ]
    );

    let old = at("9.2.0", "").await;
    let (_, workflows) = send(old.get("/api/actions/connector_types?feature_id=workflows")).await;
    assert_eq!(workflows, json!([]));
}

#[tokio::test]
async fn a_preconfigured_connector_s_update_is_refused_alike_in_every_line() {
    for version in ["8.19.0", "9.2.0", "9.5.0"] {
        let kb = at(version, PRECONFIGURED).await;
        let (status, body) =
            send(kb.put("/api/actions/connector/my-log", json!({"name": "renamed"}))).await;
        assert_eq!(status, 400, "{version}");
        assert_eq!(
            body["message"], "Preconfigured action my-log can not be updated.",
            "{version}"
        );
    }
}

#[tokio::test]
async fn head_answers_the_id_check_in_every_line() {
    for version in ["8.19.0", "9.2.0", "9.5.0"] {
        let kb = at(version, "").await;
        let (_, created) = create(
            &kb,
            json!({"name": "log", "connector_type_id": ".server-log"}),
        )
        .await;
        let id = created["id"].as_str().unwrap();
        for (path, want) in [
            (format!("/api/actions/connector/{id}"), 200),
            ("/api/actions/connector/free-id".to_string(), 404),
        ] {
            let resp = kb
                .req(axum::http::Method::HEAD, &path)
                .send()
                .await
                .unwrap();
            assert_eq!(resp.status().as_u16(), want, "{version} {path}");
            assert_eq!(resp.text().await.unwrap(), "", "{version}: no body");
        }
    }
}

#[tokio::test]
async fn running_an_existing_connector_without_privileges_names_its_type_in_every_line() {
    let reader = "sim.principals: [{username: elastic, password: changeme, superuser: true}, {username: nobody, password: pw}]\n";
    for version in ["8.19.0", "9.2.0", "9.5.0"] {
        let kb = at(version, reader).await;
        let (_, created) = create(
            &kb,
            json!({"name": "log", "connector_type_id": ".server-log"}),
        )
        .await;
        let id = created["id"].as_str().unwrap();
        for (path, want) in [
            (
                format!("/api/actions/connector/{id}/_execute"),
                "Unauthorized to execute a \".server-log\" action",
            ),
            (
                "/api/actions/connector/missing/_execute".to_string(),
                "Unauthorized to execute actions",
            ),
        ] {
            let (status, body) = send(
                kb.http
                    .post(kb.url(&path))
                    .basic_auth("nobody", Some("pw"))
                    .header("kbn-xsrf", "x")
                    .json(&json!({"params": {"message": "hi"}})),
            )
            .await;
            assert_eq!(status, 403, "{version} {path}");
            assert_eq!(body["message"], want, "{version} {path}");
        }
    }
}
