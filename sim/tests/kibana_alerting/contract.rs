//! The sim's contract for the rule routes beyond the transcribed cases, each with the Kibana
//! source it follows: references and `referenced_by_count`, the `_find` forms Kibana's UI uses
//! to list a connector's rules, actions validation, update, delete, enable and disable, the
//! rule types, and what deleting a connector or a space does to rules.

use serde_json::{Value, json};

use super::test_rule_data;
use crate::common::{Kb, send};
use crate::scenarios::{boom, ftr};

async fn connector(kb: &Kb, space: &str, type_id: &str) -> String {
    let prefix = if space == "default" {
        String::new()
    } else {
        format!("/s/{space}")
    };
    let (status, created) = send(kb.post(
        &format!("{prefix}/api/actions/connector"),
        json!({"name": format!("a {type_id}"), "connector_type_id": type_id, "config": {}, "secrets": {}}),
    ))
    .await;
    assert_eq!(status, 200, "{created}");
    created["id"].as_str().unwrap().to_string()
}

async fn rule(kb: &Kb, space: &str, actions: Value, overwrites: Value) -> (u16, Value) {
    let prefix = if space == "default" {
        String::new()
    } else {
        format!("/s/{space}")
    };
    let mut body = test_rule_data(overwrites);
    body["actions"] = actions;
    send(kb.post(&format!("{prefix}/api/alerting/rule"), body)).await
}

fn action(id: &str) -> Value {
    json!({"id": id, "group": "default", "params": {"message": "hi"}})
}

fn ids(found: &Value) -> Vec<String> {
    found["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

fn encoded(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// `denormalize_actions.ts`: a space connector gets `action_<i>` and a reference, which
/// `has_reference` finds; preconfigured and system connectors get an `actionRef` and no
/// reference, which Kibana's Rules tab finds with `alert.attributes.actions:{ actionRef: ... }`
/// (`connector_rules_list.tsx`); `referenced_by_count` counts both (`get_all`).
#[tokio::test]
async fn rules_are_found_by_the_connectors_they_use() {
    let kb = ftr().await;
    let noop = connector(&kb, "default", "test.noop").await;
    let other = connector(&kb, "default", "test.noop").await;
    let (_, uses_noop) = rule(
        &kb,
        "default",
        json!([action(&noop)]),
        json!({"name": "uses noop"}),
    )
    .await;
    let (_, uses_both) = rule(
        &kb,
        "default",
        json!([action(&other), action("my-slack1"), action(&noop)]),
        json!({"name": "uses both"}),
    )
    .await;
    let (status, uses_system) = rule(
        &kb,
        "default",
        json!([{"id": "system-connector-test.system-action", "params": {}}]),
        json!({"name": "uses a system connector"}),
    )
    .await;
    assert_eq!(status, 200, "{uses_system}");
    assert_eq!(
        uses_system["actions"],
        json!([{"id": "system-connector-test.system-action", "params": {},
                "connector_type_id": "test.system-action", "uuid": uses_system["actions"][0]["uuid"]}]),
        "a system action has no group"
    );

    let by_reference = |id: &str| {
        format!(
            "/api/alerting/rules/_find?per_page=100&has_reference={}",
            encoded(&json!({"type": "action", "id": id}).to_string())
        )
    };
    let (status, found) = send(kb.get(&by_reference(&noop))).await;
    assert_eq!(status, 200, "{found}");
    assert_eq!(
        ids(&found),
        [
            uses_noop["id"].as_str().unwrap(),
            uses_both["id"].as_str().unwrap()
        ]
    );
    assert_eq!(found["total"], 2);
    let (_, found) = send(kb.get(&by_reference("my-slack1"))).await;
    assert_eq!(
        found["total"], 0,
        "preconfigured connectors have no reference"
    );

    let by_ref = |r: &str| {
        format!(
            "/api/alerting/rules/_find?filter={}",
            encoded(&format!(
                "alert.attributes.actions:{{ actionRef: \"{r}\" }}"
            ))
        )
    };
    let (_, found) = send(kb.get(&by_ref("preconfigured:my-slack1"))).await;
    assert_eq!(ids(&found), [uses_both["id"].as_str().unwrap()]);
    let (_, found) =
        send(kb.get(&by_ref("system_action:system-connector-test.system-action"))).await;
    assert_eq!(ids(&found), [uses_system["id"].as_str().unwrap()]);

    let (_, all) = send(kb.get("/api/actions/connectors")).await;
    let count = |id: &str| {
        all.as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .map(|c| c["referenced_by_count"].clone())
    };
    assert_eq!(count(&noop), Some(json!(2)));
    assert_eq!(count(&other), Some(json!(1)));
    assert_eq!(count("my-slack1"), Some(json!(1)));
    assert_eq!(count("preconfigured-es-index-action"), Some(json!(0)));
}

/// Kibana deletes a connector its rules use (the actions client checks no references), and
/// the rule keeps the action pointing at the missing connector; deleting a space deletes its
/// rules with its other saved objects.
#[tokio::test]
async fn deleting_a_used_connector_leaves_the_action_and_a_space_takes_its_rules() {
    let kb = ftr().await;
    let noop = connector(&kb, "default", "test.noop").await;
    let (_, used) = rule(&kb, "default", json!([action(&noop)]), json!({})).await;
    let (status, _) = send(kb.delete(&format!("/api/actions/connector/{noop}"))).await;
    assert_eq!(status, 204);
    let id = used["id"].as_str().unwrap();
    let (status, after) = send(kb.get(&format!("/api/alerting/rule/{id}"))).await;
    assert_eq!(status, 200);
    assert_eq!(after["actions"][0]["id"], noop.as_str());
    assert_eq!(after["actions"][0]["connector_type_id"], "test.noop");

    let space = json!({"id": "ops", "name": "Ops", "disabledFeatures": []});
    let (status, _) = send(kb.post("/api/spaces/space", space.clone())).await;
    assert_eq!(status, 200);
    let in_ops = connector(&kb, "ops", "test.noop").await;
    let (_, in_space) = rule(&kb, "ops", json!([action(&in_ops)]), json!({})).await;
    let (status, _) = send(kb.delete("/api/spaces/space/ops")).await;
    assert_eq!(status, 204);
    let (status, _) = send(kb.post("/api/spaces/space", space)).await;
    assert_eq!(status, 200);
    let (status, body) = send(kb.get(&format!(
        "/s/ops/api/alerting/rule/{}",
        in_space["id"].as_str().unwrap()
    )))
    .await;
    assert_eq!(status, 404, "{body}");
    let (_, found) = send(kb.get("/s/ops/api/alerting/rules/_find")).await;
    assert_eq!(found["total"], 0);
}

/// `validate_actions.ts` and the actions client's `getBulk`: each failed check in one 400,
/// an unknown connector as `Failed to load action`, a connector of another space unknown too.
#[tokio::test]
async fn actions_are_validated_as_kibana_does() {
    let kb = ftr().await;
    let noop = connector(&kb, "default", "test.noop").await;
    let elsewhere = connector(&kb, "space1", "test.noop").await;
    let (status, body) = rule(
        &kb,
        "default",
        json!([{"id": noop, "group": "nope", "params": {}}]),
        json!({}),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        body,
        boom(
            400,
            "Failed to validate actions due to the following error: Invalid action groups: nope"
        )
    );
    let (_, body) = rule(
        &kb,
        "default",
        json!([{"id": noop, "group": "nope", "params": {}}]),
        json!({"notify_when": null, "throttle": null}),
    )
    .await;
    assert_eq!(
        body,
        boom(
            400,
            "Failed to validate actions due to the following 2 errors:\n- Invalid action groups: nope\n- Actions missing frequency parameters: nope"
        )
    );
    for id in ["does-not-exist", elsewhere.as_str()] {
        let (status, body) = rule(&kb, "default", json!([action(id)]), json!({})).await;
        assert_eq!(status, 400);
        assert_eq!(
            body,
            boom(
                400,
                &format!("Failed to load action {id} (404): Saved object [action/{id}] not found")
            )
        );
    }
    let (status, body) = rule(
        &kb,
        "default",
        json!([{"id": noop, "group": "default", "params": {},
                "frequency": {"summary": false, "notify_when": "onThrottleInterval", "throttle": "10s"}}]),
        json!({"notify_when": null, "throttle": null}),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        body,
        boom(
            400,
            "Failed to validate actions due to the following error: Action frequency cannot be shorter than the schedule interval of 1m: default (10s)"
        )
    );
}

/// `updateBodySchemaV1`: the whole body, without the type, consumer or enabled; the revision
/// moves when what the rule does changes; get, update, delete, enable and disable answer 404
/// for an unknown rule and 403 for a reader, in Kibana's words.
#[tokio::test]
async fn update_delete_enable_and_disable() {
    let kb = ftr().await;
    let noop = connector(&kb, "default", "test.noop").await;
    let replacement = connector(&kb, "default", "test.noop").await;
    let (_, created) = rule(&kb, "default", json!([action(&noop)]), json!({})).await;
    let id = created["id"].as_str().unwrap().to_string();
    let mut body = json!({"name": "renamed", "tags": ["x"], "schedule": {"interval": "5m"},
        "params": {}, "throttle": "5m", "notify_when": "onThrottleInterval",
        "actions": [{"id": replacement, "group": "default", "params": {"message": "kept"},
                     "uuid": created["actions"][0]["uuid"]}]});
    let (status, updated) = send(kb.put(&format!("/api/alerting/rule/{id}"), body.clone())).await;
    assert_eq!(status, 200, "{updated}");
    assert_eq!(updated["name"], "renamed");
    assert_eq!(updated["revision"], 1);
    assert_eq!(updated["actions"][0]["id"], replacement.as_str());
    assert_eq!(updated["actions"][0]["uuid"], created["actions"][0]["uuid"]);
    assert_eq!(updated["enabled"], true);
    let (_, found) = send(kb.get(&format!(
        "/api/alerting/rules/_find?has_reference={}",
        encoded(&json!({"type": "action", "id": noop}).to_string())
    )))
    .await;
    assert_eq!(found["total"], 0, "the old connector's reference is gone");

    body["rule_type_id"] = json!("test.noop");
    let (status, refused) = send(kb.put(&format!("/api/alerting/rule/{id}"), body)).await;
    assert_eq!(status, 400);
    assert_eq!(
        refused,
        boom(
            400,
            "[request body.rule_type_id]: definition for this key is missing"
        )
    );

    let reader = kb
        .http
        .get(kb.url(&format!("/s/space1/api/alerting/rule/{id}")))
        .basic_auth("global_read", Some("global_read-password"));
    let (status, body) = send(reader).await;
    assert_eq!(
        (status, body),
        (
            404,
            boom(404, &format!("Saved object [alert/{id}] not found"))
        ),
        "rules of another space are not found"
    );
    let as_reader = |method: reqwest::Method, path: &str| {
        kb.http
            .request(method, kb.url(path))
            .basic_auth("global_read", Some("global_read-password"))
            .header("kbn-xsrf", "x")
    };
    let (status, body) = send(as_reader(
        reqwest::Method::DELETE,
        &format!("/api/alerting/rule/{id}"),
    ))
    .await;
    assert_eq!(status, 403);
    assert_eq!(
        body,
        boom(
            403,
            "Unauthorized by \"alertsFixture\" to delete \"test.noop\" rule"
        )
    );
    let (status, body) = send(as_reader(
        reqwest::Method::POST,
        &format!("/api/alerting/rule/{id}/_disable"),
    ))
    .await;
    assert_eq!(status, 403);
    assert_eq!(
        body,
        boom(
            403,
            "Unauthorized by \"alertsFixture\" to disable \"test.noop\" rule"
        )
    );

    let (status, _) = send(kb.post(&format!("/api/alerting/rule/{id}/_disable"), json!({}))).await;
    assert_eq!(status, 204);
    let (_, got) = send(kb.get(&format!("/api/alerting/rule/{id}"))).await;
    assert_eq!(got["enabled"], false);
    assert!(got.get("scheduled_task_id").is_none());
    let (status, _) = send(kb.post(&format!("/api/alerting/rule/{id}/_enable"), json!({}))).await;
    assert_eq!(status, 204);
    let (_, got) = send(kb.get(&format!("/api/alerting/rule/{id}"))).await;
    assert_eq!(got["enabled"], true);

    let (status, _) = send(kb.delete(&format!("/api/alerting/rule/{id}"))).await;
    assert_eq!(status, 204);
    for (method, path) in [
        (reqwest::Method::GET, format!("/api/alerting/rule/{id}")),
        (reqwest::Method::DELETE, format!("/api/alerting/rule/{id}")),
        (
            reqwest::Method::POST,
            format!("/api/alerting/rule/{id}/_enable"),
        ),
    ] {
        let (status, body) = send(kb.req(
            axum::http::Method::from_bytes(method.as_str().as_bytes()).unwrap(),
            &path,
        ))
        .await;
        assert_eq!(
            (status, body),
            (
                404,
                boom(404, &format!("Saved object [alert/{id}] not found"))
            ),
            "{method} {path}"
        );
    }
}

/// The query schema of `find/external/schemas/v1.ts` and `validateUnsupportedFields`; `search`
/// over names and tags as the Rules tab searches; `fields`; `filter_consumers`; tag filters.
#[tokio::test]
async fn find_query_forms_and_refusals() {
    let kb = ftr().await;
    let (_, disk) = rule(
        &kb,
        "default",
        json!([]),
        json!({"name": "Disk almost full", "tags": ["prod", "storage"]}),
    )
    .await;
    let (_, cpu) = rule(
        &kb,
        "default",
        json!([]),
        json!({"name": "CPU hot", "tags": ["prod"], "consumer": "alerts"}),
    )
    .await;
    let find = |q: String| send(kb.get(&format!("/api/alerting/rules/_find?{q}")));
    let id = |r: &Value| r["id"].as_str().unwrap().to_string();

    let (_, found) = find(format!(
        "search={}&search_fields=name&search_fields=tags",
        encoded("disk")
    ))
    .await;
    assert_eq!(ids(&found), [id(&disk)]);
    let (_, found) = find(format!("search={}&search_fields=name", encoded("cp*"))).await;
    assert_eq!(ids(&found), [id(&cpu)]);
    let (_, found) = find(format!(
        "filter={}",
        encoded("alert.attributes.tags:storage")
    ))
    .await;
    assert_eq!(ids(&found), [id(&disk)]);
    let (_, found) = find("filter_consumers=alerts".into()).await;
    assert_eq!(ids(&found), [id(&cpu)]);
    let (_, found) = find("sort_field=name&sort_order=asc".into()).await;
    assert_eq!(ids(&found), [id(&cpu), id(&disk)]);
    let (_, found) = find(format!("fields={}", encoded("[\"tags\"]"))).await;
    assert_eq!(
        found["data"][0],
        json!({"id": id(&disk), "tags": ["prod", "storage"]})
    );

    for (q, message) in [
        (
            "nope=1".to_string(),
            "[request query.nope]: definition for this key is missing",
        ),
        (
            "has_reference=x".to_string(),
            "[request query.has_reference]: could not parse object value from json input",
        ),
        (
            "page=0".to_string(),
            "[request query.page]: Value must be equal to or greater than [1].",
        ),
        (
            "sort_order=up".to_string(),
            "[request query.sort_order]: types that failed validation:\n- [request query.sort_order.0]: expected value to equal [asc]\n- [request query.sort_order.1]: expected value to equal [desc]",
        ),
        (
            "sort_field=monitoring".to_string(),
            "Sort is not supported on this field monitoring",
        ),
        (
            "search_fields=snoozeSchedule".to_string(),
            "Search field snoozeSchedule is not supported",
        ),
    ] {
        let (status, body) = find(q.clone()).await;
        assert_eq!(status, 400, "{q}");
        assert_eq!(body, boom(400, message), "{q}");
    }
    let (status, _) = find(format!("filter={}", encoded("alert.attributes.tags:"))).await;
    assert_eq!(status, 400, "a KQL syntax error");
    let (status, _) = find(format!("filter={}", encoded("tags:prod"))).await;
    assert_eq!(status, 400, "a field outside alert.attributes");
}

/// `GET /api/alerting/rule_types`: the stack types with their action groups; nothing for a
/// user without alerting privileges in the space.
#[tokio::test]
async fn rule_types_are_listed_for_those_who_may_read_rules() {
    let kb = ftr().await;
    let (status, types) = send(kb.get("/api/alerting/rule_types")).await;
    assert_eq!(status, 200);
    let threshold = types
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == ".index-threshold")
        .expect(".index-threshold is registered");
    assert_eq!(
        threshold["action_groups"],
        json!([{"id": "threshold met", "name": "Threshold met"}, {"id": "recovered", "name": "Recovered"}])
    );
    assert_eq!(threshold["default_action_group_id"], "threshold met");
    let nobody = kb.http.get(kb.url("/api/alerting/rule_types")).basic_auth(
        "no_kibana_privileges",
        Some("no_kibana_privileges-password"),
    );
    let (status, types) = send(nobody).await;
    assert_eq!((status, types), (200, json!([])));
}
