//! Space rules (contract §3) and the Spaces API, through real HTTP.

mod common;

use common::{Kb, send};
use serde_json::json;

#[tokio::test]
async fn prefix_rules_follow_kibanas_regex() {
    let kb = Kb::start("").await;
    assert_eq!(
        send(kb.get("/s/default/api/actions/connectors")).await.0,
        200
    );
    assert_eq!(
        send(kb.get("/s/Marketing/api/actions/connectors")).await.0,
        404
    );
    assert_eq!(send(kb.get("/s/a.b/api/actions/connectors")).await.0, 404);
}

#[tokio::test]
async fn unknown_spaces_are_accepted_like_real_kibana() {
    let kb = Kb::start("").await;
    let (status, _) = send(kb.post(
        "/s/ghost/api/actions/connector/g1",
        json!({"name":"g","connector_type_id":".server-log"}),
    ))
    .await;
    assert_eq!(
        status, 200,
        "Kibana stores it in a namespace nobody can see yet"
    );
    let (status, all) = send(kb.get("/s/ghost/api/actions/connectors")).await;
    assert_eq!((status, all.as_array().unwrap().len()), (200, 1));
    send(kb.post("/api/spaces/space", json!({"id":"ghost","name":"Ghost"}))).await;
    assert_eq!(
        send(kb.get("/s/ghost/api/actions/connector/g1")).await.0,
        200,
        "visible once the space exists"
    );
}

#[tokio::test]
async fn strict_mode_refuses_unknown_spaces() {
    let kb = Kb::start("sim.strictSpaces: true").await;
    let (status, body) = send(kb.get("/s/ghost/api/actions/connectors")).await;
    assert_eq!(
        (status, body["message"].as_str().unwrap()),
        (404, "Saved object [space/ghost] not found")
    );
    assert_eq!(send(kb.get("/api/actions/connectors")).await.0, 200);
}

#[tokio::test]
async fn connector_ids_are_unique_across_spaces_and_scoped_for_reads() {
    let kb = Kb::start("").await;
    let body = json!({"name":"x","connector_type_id":".server-log"});
    assert_eq!(
        send(kb.post("/s/one/api/actions/connector/shared-id", body.clone()))
            .await
            .0,
        200
    );
    let (status, b) = send(kb.post("/s/two/api/actions/connector/shared-id", body)).await;
    assert_eq!(
        (status, b["message"].as_str().unwrap()),
        (409, "Saved object [action/shared-id] conflict")
    );
    assert_eq!(
        send(kb.get("/s/two/api/actions/connector/shared-id"))
            .await
            .0,
        404
    );
    assert_eq!(
        send(kb.delete("/s/two/api/actions/connector/shared-id"))
            .await
            .0,
        404
    );
    assert_eq!(
        send(kb.post(
            "/s/two/api/actions/connector/shared-id/_execute",
            json!({"params":{"message":"m"}})
        ))
        .await
        .0,
        404
    );
    assert_eq!(
        send(kb.get("/s/one/api/actions/connector/shared-id"))
            .await
            .0,
        200
    );
}

#[tokio::test]
async fn deleting_a_space_deletes_its_connectors() {
    let kb = Kb::start("").await;
    send(kb.post("/api/spaces/space", json!({"id":"temp","name":"Temp"}))).await;
    send(kb.post(
        "/s/temp/api/actions/connector/t1",
        json!({"name":"t","connector_type_id":".server-log"}),
    ))
    .await;
    assert_eq!(send(kb.delete("/api/spaces/space/temp")).await.0, 204);
    send(kb.post(
        "/api/spaces/space",
        json!({"id":"temp","name":"Temp again"}),
    ))
    .await;
    assert_eq!(
        send(kb.get("/s/temp/api/actions/connector/t1")).await.0,
        404
    );
    assert_eq!(
        send(kb.post(
            "/api/actions/connector/t1",
            json!({"name":"t","connector_type_id":".server-log"})
        ))
        .await
        .0,
        200,
        "the id is free again"
    );
}

#[tokio::test]
async fn spaces_api_validation_listing_and_update() {
    let kb = Kb::start("").await;
    let cases = [
        (
            json!({"id":"Bad Id","name":"x"}),
            "[request body.id]: must be lower case, a-z, 0-9, '_', and '-' are allowed",
        ),
        (
            json!({"id":"ok","name":"x","color":"red"}),
            "[request body.color]: must be a 6 digit hex color, starting with a #",
        ),
        (
            json!({"id":"ok","name":"x","initials":"abc"}),
            "[request body.initials]: value has length [3] but it must have a maximum length of [2].",
        ),
        (
            json!({"id":"ok","name":"x","foo":1}),
            "[request body.foo]: definition for this key is missing",
        ),
        (
            json!({"id":"ok","name":"x","imageUrl":"http://x"}),
            "[request body.imageUrl]: must start with 'data:image'",
        ),
        (
            json!({"id":"ok"}),
            "[request body.name]: expected value of type [string] but got [undefined]",
        ),
    ];
    for (body, message) in cases {
        let (status, b) = send(kb.post("/api/spaces/space", body)).await;
        assert_eq!((status, b["message"].as_str().unwrap()), (400, message));
    }
    send(kb.post("/api/spaces/space", json!({"id":"zeta","name":"Alpha"}))).await;
    let resp = kb.get("/api/spaces/space").send().await.unwrap();
    assert_eq!(resp.headers()["elastic-api-version"], "2023-10-31");
    let list: serde_json::Value = resp.json().await.unwrap();
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["zeta", "default"], "sorted by name: Alpha, Default");
    assert_eq!(
        list[1],
        json!({"id":"default","name":"Default","description":"This is your default space!","color":"#00bfb3","disabledFeatures":[],"_reserved":true})
    );
    let (status, updated) = send(kb.put(
        "/api/spaces/space/zeta",
        json!({"id":"zeta","name":"Zeta","color":"#aabbcc"}),
    ))
    .await;
    assert_eq!(
        (status, updated["name"].as_str(), updated["color"].as_str()),
        (200, Some("Zeta"), Some("#aabbcc"))
    );
    assert_eq!(
        send(kb.put(
            "/api/spaces/space/missing",
            json!({"id":"missing","name":"M"})
        ))
        .await
        .0,
        404
    );
    let (status, b) =
        send(kb.get("/api/spaces/space?purpose=any&include_authorized_purposes=true")).await;
    assert_eq!(
        (status, b["message"].as_str().unwrap()),
        (
            400,
            "[request query.include_authorized_purposes]: expected value to equal [false]"
        )
    );
}

#[tokio::test]
async fn spaces_visible_per_privilege() {
    let kb = Kb::start("sim.principals:\n  - {username: elastic, password: changeme, superuser: true}\n  - {username: mk, password: pw, spaces: {marketing: all}}\n").await;
    send(kb.post(
        "/api/spaces/space",
        json!({"id":"marketing","name":"Marketing"}),
    ))
    .await;
    let as_mk = |path: &str| kb.http.get(kb.url(path)).basic_auth("mk", Some("pw"));
    let (_, list) = send(as_mk("/api/spaces/space")).await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    let (status, b) = send(as_mk("/api/spaces/space/default")).await;
    assert_eq!(
        (status, b["message"].as_str().unwrap()),
        (403, "Unauthorized to get default space")
    );
    let create = kb
        .http
        .post(kb.url("/api/spaces/space"))
        .basic_auth("mk", Some("pw"))
        .header("kbn-xsrf", "1")
        .json(&json!({"id":"x","name":"x"}));
    let (status, b) = send(create).await;
    assert_eq!(
        (status, b["message"].as_str().unwrap()),
        (403, "Unauthorized to create spaces")
    );
}
