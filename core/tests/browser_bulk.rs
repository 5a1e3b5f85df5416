//! Bulk work in headless Chromium against the open sim: the cross-space inventory with a
//! forbidden space, copy and move with a failure midway, trials that always clean up, bulk
//! execute, and an export/import round trip. Faults are scoped to paths only one test uses.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;

use kibana_connectors::bulk::{
    ConnectorSet, ImportConflict, PlannedConnector, Target, no_progress,
};
use kibana_connectors::{CopyRequest, CreateConnector, Error, Progress, Secrets, TRIAL_ID_PREFIX};
use serde_json::{Value, json};
use wasm_bindgen_test::*;

mod common;
use common::*;

wasm_bindgen_test_configure!(run_in_browser);

fn server_log(name: &str) -> CreateConnector {
    CreateConnector::new(name, ".server-log")
}

fn secrets(v: Value) -> Secrets {
    Secrets(v.as_object().unwrap().clone())
}

#[wasm_bindgen_test]
async fn inventory_lists_every_space_and_reports_a_forbidden_one_without_hiding_the_rest() {
    let kb = admin();
    let open = new_space(&kb, "inv-open").await;
    let closed = new_space(&kb, "inv-closed").await;
    let id = unique("inv");
    kb.space(&open)
        .unwrap()
        .actions()
        .create_with_id(&id, &server_log("in open"))
        .await
        .unwrap();
    fault(
        json!({"kind":"status","status":403,"times":1,"method":"GET",
        "path": format!("/s/{closed}/api/actions/connectors")}),
    )
    .await;
    let seen = RefCell::new(Vec::new());
    let inv = kb
        .bulk()
        .concurrency(2)
        .inventory(&|p: Progress| seen.borrow_mut().push(p))
        .await
        .unwrap();
    let found: Vec<(&str, &str)> = inv
        .connectors()
        .filter(|(_, c)| c.id == id || c.id == "demo-slack")
        .map(|(s, c)| (s, c.id.as_str()))
        .collect();
    assert_eq!(
        found,
        [("marketing", "demo-slack"), (open.as_str(), id.as_str())]
    );
    let failures: Vec<(&str, &str)> = inv
        .failures()
        .map(|(s, e)| (s.id.as_str(), e.kind()))
        .collect();
    assert_eq!(failures, [(closed.as_str(), "AuthorizationError")]);
    let progress = seen.borrow();
    assert_eq!(progress.first().map(|p| p.done), Some(0));
    assert_eq!(
        progress.last().map(|p| (p.done, p.total)),
        Some((inv.spaces.len(), inv.spaces.len()))
    );
}

#[wasm_bindgen_test]
async fn inventory_as_read_hands_over_each_space_once_as_it_is_read() {
    let kb = admin();
    let space = new_space(&kb, "inv-stream").await;
    let id = unique("stream");
    kb.space(&space)
        .unwrap()
        .actions()
        .create_with_id(&id, &server_log("streamed"))
        .await
        .unwrap();
    // Each space arrives once, before the whole inventory is done; the callback takes the
    // connectors out, and the returned inventory keeps the emptied entry.
    let handed = RefCell::new(Vec::<(String, Vec<String>)>::new());
    let inv = kb
        .bulk()
        .inventory_as_read(
            &|read| {
                let ids = match read.outcome.as_mut() {
                    Ok(list) => std::mem::take(list).into_iter().map(|c| c.id).collect(),
                    Err(_) => Vec::new(),
                };
                handed.borrow_mut().push((read.space.id.clone(), ids));
            },
            &no_progress,
        )
        .await
        .unwrap();
    let handed = handed.into_inner();
    let mut spaces: Vec<&str> = handed.iter().map(|(s, _)| s.as_str()).collect();
    let mut listed: Vec<&str> = inv.spaces.iter().map(|s| s.space.id.as_str()).collect();
    spaces.sort_unstable();
    listed.sort_unstable();
    assert_eq!(spaces, listed, "every space handed over exactly once");
    let mine = handed.iter().find(|(s, _)| *s == space).unwrap();
    assert_eq!(mine.1, [id]);
    assert_eq!(inv.len(), 0, "what the callback took is not in the result");
}

#[wasm_bindgen_test]
async fn copy_keeps_name_type_and_config_and_move_keeps_the_source_when_a_copy_fails() {
    let kb = admin();
    let (a, b) = (new_space(&kb, "cp-a").await, new_space(&kb, "cp-b").await);
    let src_id = unique("hook");
    let mut body = CreateConnector::new("Deploy hook", ".webhook");
    body.config = json!({"url": "http://127.0.0.1:9/hook", "method": "put", "hasAuth": true})
        .as_object()
        .unwrap()
        .clone();
    body.secrets = secrets(json!({"user": "u", "password": "p"}));
    let source = kb.actions().create_with_id(&src_id, &body).await.unwrap();
    let request = CopyRequest {
        source: source.clone(),
        from_space: "default".into(),
        to_spaces: vec![a.clone(), b.clone()],
        secrets: secrets(json!({"user": "u2", "password": "p2"})),
        id: Some(format!("{src_id}-{{space}}")),
        break_rules: false,
    };
    let copies = kb
        .bulk()
        .copy_to_spaces(&request, &no_progress)
        .await
        .unwrap();
    assert!(copies.iter().all(|c| c.is_ok()), "{copies:?}");
    for space in [&a, &b] {
        let copy = kb
            .space(space)
            .unwrap()
            .actions()
            .get(&format!("{src_id}-{space}"))
            .await
            .unwrap();
        assert_eq!(
            (copy.name.as_str(), copy.config, copy.is_missing_secrets),
            ("Deploy hook", source.config.clone(), Some(false))
        );
    }
    // Copying again: the ids are taken, every target reports its conflict, nothing else happens.
    let again = kb
        .bulk()
        .copy_to_spaces(&request, &no_progress)
        .await
        .unwrap();
    assert!(
        again
            .iter()
            .all(|c| matches!(c.outcome, Err(Error::Conflict(_))))
    );

    // Move with one target failing midway: the source stays, the good copy is reported.
    let (c, d) = (new_space(&kb, "mv-c").await, new_space(&kb, "mv-d").await);
    let move_req = CopyRequest {
        to_spaces: vec![c.clone(), d.clone()],
        id: Some(format!("mv-{src_id}-{{space}}")),
        break_rules: false,
        ..request.clone()
    };
    fault(
        json!({"kind":"status","status":500,"times":1,"method":"POST",
        "path": format!("/s/{d}/api/actions/connector/mv-{src_id}-{d}")}),
    )
    .await;
    let moved = kb
        .bulk()
        .move_to_spaces(&move_req, &no_progress)
        .await
        .unwrap();
    assert_eq!(
        moved.copies.iter().map(|r| r.is_ok()).collect::<Vec<_>>(),
        [true, false]
    );
    assert_eq!(moved.source_deleted, None);
    kb.actions().get(&src_id).await.expect("the source is kept");
    assert_eq!(
        served(&format!("/connector/mv-{src_id}-{d}")).await,
        [("POST".to_string(), 500)],
        "never sent twice"
    );

    // A move where every copy succeeds deletes the source.
    let e = new_space(&kb, "mv-e").await;
    let move_ok = CopyRequest {
        to_spaces: vec![e.clone()],
        id: None,
        break_rules: false,
        ..request
    };
    let moved = kb
        .bulk()
        .move_to_spaces(&move_ok, &no_progress)
        .await
        .unwrap();
    assert_eq!(moved.source_deleted, Some(Ok(())));
    assert!(matches!(
        kb.actions().get(&src_id).await,
        Err(Error::NotFound(_))
    ));
    let in_e = kb.space(&e).unwrap().actions().get_all().await.unwrap();
    assert_eq!(in_e.iter().filter(|c| c.name == "Deploy hook").count(), 1);
}

#[wasm_bindgen_test]
async fn trials_always_clean_up_and_bulk_execute_reports_each_item() {
    let kb = admin();
    let space = new_space(&kb, "trial").await;
    let scoped = kb.space(&space).unwrap();
    let actions = scoped.actions();
    let left = || async {
        actions
            .get_all()
            .await
            .unwrap()
            .into_iter()
            .filter(|c| c.id.starts_with(TRIAL_ID_PREFIX))
            .count()
    };

    let ok = actions
        .trial_run(&server_log("try me"), json!({"message": "hello"}))
        .await
        .unwrap();
    assert!(
        ok.run.as_ref().unwrap().is_ok() && ok.cleanup.is_ok(),
        "{ok:?}"
    );
    let mut failing = CreateConnector::new("down hook", ".webhook");
    failing.config = json!({"url": "http://127.0.0.1:9/x", "hasAuth": false})
        .as_object()
        .unwrap()
        .clone();
    let failed = actions
        .trial_run(&failing, json!({"body": "x"}))
        .await
        .unwrap();
    assert!(
        !failed.run.as_ref().unwrap().is_ok(),
        "the connector failed: {failed:?}"
    );
    assert!(failed.cleanup.is_ok());
    // The run call itself breaks midway: still cleaned up, and the execute was sent once.
    fault(json!({"kind":"drop","times":1,"method":"POST","path":"/_execute"})).await;
    let dropped = actions
        .trial_run(&server_log("dropped"), json!({"message": "x"}))
        .await
        .unwrap();
    assert!(
        matches!(dropped.run, Err(Error::Network { .. })),
        "{dropped:?}"
    );
    assert!(dropped.cleanup.is_ok());
    assert_eq!(
        served(&format!("/connector/{}/_execute", dropped.connector_id))
            .await
            .len(),
        1
    );
    // A bad config never leaves anything: the create fails.
    let mut bad = CreateConnector::new("bad", ".index");
    bad.config = json!({}).as_object().unwrap().clone();
    assert!(matches!(
        actions.trial_run(&bad, json!({"documents": [{}]})).await,
        Err(Error::BadRequest(_))
    ));
    assert_eq!(left().await, 0, "no temporary connector is left");
    // A page that died midway leaves one; the sweep removes it.
    let stale = format!("{TRIAL_ID_PREFIX}{}", unique("stale"));
    actions
        .create_with_id(&stale, &server_log("[test run] stale"))
        .await
        .unwrap();
    assert_eq!(actions.sweep_trials().await.unwrap(), [stale]);
    assert_eq!(left().await, 0);

    // Bulk execute: the same params against many connectors, one of them missing.
    let mut targets = Vec::new();
    for n in 0..4 {
        let c = actions
            .create(&server_log(&format!("log {n}")))
            .await
            .unwrap();
        targets.push(Target {
            space_id: space.clone(),
            id: c.id,
        });
    }
    targets.insert(
        2,
        Target {
            space_id: space.clone(),
            id: "missing".into(),
        },
    );
    let results = kb
        .bulk()
        .concurrency(3)
        .execute_many(&targets, &json!({"message": "bulk"}), &no_progress)
        .await;
    let shape: Vec<(bool, bool)> = results
        .iter()
        .map(|r| {
            (
                r.is_ok(),
                r.outcome.as_ref().map(|x| x.is_ok()).unwrap_or(false),
            )
        })
        .collect();
    assert_eq!(
        shape,
        [
            (true, true),
            (true, true),
            (false, false),
            (true, true),
            (true, true)
        ]
    );
    assert_eq!(results[2].id, "missing");
    let deleted = kb.bulk().delete_many(&targets, &no_progress).await;
    assert_eq!(deleted.iter().filter(|r| r.is_ok()).count(), 4);
}

#[wasm_bindgen_test]
async fn export_then_import_round_trips_without_secrets_and_reports_conflicts() {
    let kb = admin();
    let space = new_space(&kb, "exp").await;
    let scoped = kb.space(&space).unwrap();
    let actions = scoped.actions();
    let mut slack = CreateConnector::new("Team chat", ".slack");
    slack.secrets = secrets(json!({"webhookUrl": "http://127.0.0.1:9/planted-secret"}));
    let slack = actions.create(&slack).await.unwrap();
    let log = actions.create(&server_log("Audit")).await.unwrap();
    let inv = kb.bulk().inventory(&no_progress).await.unwrap();
    let set = ConnectorSet::from_connectors(inv.connectors().filter(|(s, _)| *s == space));
    let text = set.to_json();
    assert!(
        !text.contains("planted-secret"),
        "secrets are never exported"
    );
    assert_eq!(set.connectors.len(), 2);

    // Importing while the originals exist: their ids are taken, their names too.
    let existing: Vec<_> = inv.connectors().collect();
    let set = ConnectorSet::from_json(&text).unwrap();
    let checks = set.check(existing.iter().copied(), None);
    assert!(
        checks
            .iter()
            .all(|c| c.conflicts.contains(&ImportConflict::IdTaken {
                space_id: space.clone()
            }))
    );
    let slack_check = checks.iter().find(|c| c.entry.id == slack.id).unwrap();
    assert_eq!(slack_check.secrets_needed, ["webhookUrl"]);

    // Delete the originals, check again, import with the original ids and new secrets.
    let gone = kb
        .bulk()
        .delete_many(
            &[
                Target {
                    space_id: space.clone(),
                    id: slack.id.clone(),
                },
                Target {
                    space_id: space.clone(),
                    id: log.id.clone(),
                },
            ],
            &no_progress,
        )
        .await;
    assert!(gone.iter().all(|r| r.is_ok()));
    let inv = kb.bulk().inventory(&no_progress).await.unwrap();
    let existing: Vec<_> = inv.connectors().collect();
    let checks = set.check(existing.iter().copied(), None);
    assert!(checks.iter().all(|c| c.conflicts.is_empty()), "{checks:?}");
    let planned: Vec<PlannedConnector> = checks
        .iter()
        .map(|c| {
            let s = if c.secrets_needed.is_empty() {
                Secrets::default()
            } else {
                secrets(json!({"webhookUrl": "http://127.0.0.1:9/new"}))
            };
            c.to_planned(s, true)
        })
        .collect();
    let created = kb.bulk().create_many(&planned, &no_progress).await;
    assert!(created.iter().all(|r| r.is_ok()), "{created:?}");
    let back = actions.get(&slack.id).await.unwrap();
    assert_eq!(
        (back.name.as_str(), back.is_missing_secrets),
        ("Team chat", Some(false))
    );
}
