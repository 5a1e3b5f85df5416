//! Plan and apply in headless Chromium against the open sim: an empty space plans creates, an
//! applied set reads back with no diff (Kibana's defaults filled in), an out-of-band edit is
//! named field by field, pruning deletes strays, and an apply that fails midway converges on
//! the rerun with nothing created twice.
#![cfg(target_arch = "wasm32")]

use kibana_connectors::bulk::no_progress;
use kibana_connectors::plan::{DESIRED_FORMAT, DesiredSet, PlanAction, PlanOptions, SecretSource};
use kibana_connectors::{CreateConnector, UpdateConnector};
use serde_json::json;
use wasm_bindgen_test::*;

mod common;
use common::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A set of several types in `space`, written as people write them: only what matters, no
/// defaults spelled out, secrets from the environment.
fn set(space: &str, tag: &str) -> DesiredSet {
    serde_json::from_value(json!({
        "format": DESIRED_FORMAT,
        "connectors": [
            {"space_id": space, "id": format!("{tag}-index"), "name": "Audit index", "connector_type_id": ".index",
             "config": {"index": "audit"}},
            {"space_id": space, "id": format!("{tag}-log"), "name": "Server log", "connector_type_id": ".server-log"},
            {"space_id": space, "id": format!("{tag}-hook"), "name": "Deploy hook", "connector_type_id": ".webhook",
             "config": {"url": "http://127.0.0.1:9/deploy"},
             "secrets": {"user": {"$env": "HOOK_USER"}, "password": {"$env": "HOOK_PASSWORD"}}},
            {"space_id": space, "id": format!("{tag}-slack"), "name": "Ops Slack", "connector_type_id": ".slack",
             "secrets": {"webhookUrl": {"$env": "SLACK_URL"}}},
            {"space_id": space, "id": format!("{tag}-pd"), "name": "Paging", "connector_type_id": ".pagerduty",
             "config": {}, "secrets": {"routingKey": {"$env": "PD_KEY"}}},
            {"space_id": space, "id": format!("{tag}-email"), "name": "Mail", "connector_type_id": ".email",
             "config": {"from": "alerts@example.com", "host": "127.0.0.1", "port": 2525, "service": "other", "hasAuth": false}}
        ]
    }))
    .unwrap()
}

fn env(_: &kibana_connectors::plan::DesiredConnector, _: &str, s: &SecretSource) -> Option<String> {
    match s {
        SecretSource::Env { env } => Some(match env.as_str() {
            "SLACK_URL" => "http://127.0.0.1:9/slack".into(),
            other => format!("value-of-{other}"),
        }),
        SecretSource::Value(v) => Some(v.clone()),
    }
}

fn actions(plan: &kibana_connectors::plan::Plan) -> Vec<(String, String)> {
    plan.items
        .iter()
        .map(|i| {
            let a = match &i.action {
                PlanAction::Create => "create".to_string(),
                PlanAction::Update { changes } => format!(
                    "update {}",
                    changes
                        .iter()
                        .map(|c| c.path.as_str())
                        .collect::<Vec<_>>()
                        .join(",")
                ),
                PlanAction::Delete => "delete".into(),
                PlanAction::Unchanged => "unchanged".into(),
                PlanAction::Blocked { reason } => format!("blocked {reason:?}"),
            };
            (i.id.clone(), a)
        })
        .collect()
}

#[wasm_bindgen_test]
async fn apply_then_plan_again_shows_no_diff_and_edits_are_named() {
    let kb = admin();
    let space = new_space(&kb, "plan").await;
    let only = [space.clone()];
    let tag = unique("pl");
    let desired = set(&space, &tag);
    let bulk = kb.bulk();
    let plan = bulk
        .plan(&desired, &only, PlanOptions::default(), &env)
        .await
        .unwrap();
    assert!(
        actions(&plan).iter().all(|(_, a)| a == "create"),
        "{:?}",
        actions(&plan)
    );
    let applied = bulk.apply(&plan, &desired, &env, &no_progress).await;
    assert!(applied.iter().all(|r| r.is_ok()), "{applied:?}");
    assert_eq!(applied.len(), 6);

    // Read back: Kibana's defaults (refresh, method, hasAuth, ...) are no diff.
    let again = bulk
        .plan(&desired, &only, PlanOptions::default(), &env)
        .await
        .unwrap();
    assert!(again.is_empty(), "{:?}", actions(&again));
    assert!(
        actions(&again).iter().all(|(_, a)| a == "unchanged"),
        "{:?}",
        actions(&again)
    );

    // An edit made elsewhere is named field by field, and applying undoes it.
    let index_id = format!("{tag}-index");
    let scoped = kb.space(&space).unwrap();
    scoped
        .actions()
        .update(
            &index_id,
            &UpdateConnector::new("Renamed").config(json!({"index": "audit", "refresh": true})),
        )
        .await
        .unwrap();
    let drift = bulk
        .plan(&desired, &only, PlanOptions::default(), &env)
        .await
        .unwrap();
    let drifted: Vec<_> = actions(&drift)
        .into_iter()
        .filter(|(_, a)| a != "unchanged")
        .collect();
    assert_eq!(
        drifted,
        [(index_id.clone(), "update name,config.refresh".into())]
    );
    let fixed = bulk.apply(&drift, &desired, &env, &no_progress).await;
    assert_eq!(fixed.len(), 1);
    assert!(fixed[0].is_ok(), "{fixed:?}");
    assert_eq!(
        scoped.actions().get(&index_id).await.unwrap().name,
        "Audit index"
    );

    // A stray connector is deleted only when pruning.
    let stray = scoped
        .actions()
        .create(&CreateConnector::new("Stray", ".server-log"))
        .await
        .unwrap();
    let kept = bulk
        .plan(&desired, &only, PlanOptions::default(), &env)
        .await
        .unwrap();
    assert!(kept.is_empty());
    let pruned = bulk
        .plan(&desired, &only, PlanOptions { prune: true }, &env)
        .await
        .unwrap();
    let deletes: Vec<_> = actions(&pruned)
        .into_iter()
        .filter(|(_, a)| a == "delete")
        .collect();
    assert_eq!(deletes, [(stray.id.clone(), "delete".into())]);
    bulk.apply(&pruned, &desired, &env, &no_progress).await;
    assert!(scoped.actions().get(&stray.id).await.is_err());
    kb.spaces().delete(&space).await.unwrap();
}

#[wasm_bindgen_test]
async fn an_apply_that_fails_midway_converges_on_the_rerun_without_duplicates() {
    let kb = admin();
    let space = new_space(&kb, "plan-fail").await;
    let only = [space.clone()];
    let tag = unique("pf");
    let desired = set(&space, &tag);
    let bulk = kb.bulk();
    // Kibana gone for one create: the sim answers it 503 without creating anything.
    let failing = format!("/api/actions/connector/{tag}-slack");
    fault(json!({"kind":"status","status":503,"times":1,"method":"POST","path":failing})).await;
    let plan = bulk
        .plan(&desired, &only, PlanOptions::default(), &env)
        .await
        .unwrap();
    let first = bulk.apply(&plan, &desired, &env, &no_progress).await;
    let failed: Vec<_> = first
        .iter()
        .filter(|r| !r.is_ok())
        .map(|r| r.id.clone())
        .collect();
    assert_eq!(failed, [format!("{tag}-slack")]);

    let rest = bulk
        .plan(&desired, &only, PlanOptions::default(), &env)
        .await
        .unwrap();
    let todo: Vec<_> = actions(&rest)
        .into_iter()
        .filter(|(_, a)| a != "unchanged")
        .collect();
    assert_eq!(todo, [(format!("{tag}-slack"), "create".into())]);
    let second = bulk.apply(&rest, &desired, &env, &no_progress).await;
    assert!(second.iter().all(|r| r.is_ok()), "{second:?}");

    let listed = kb.space(&space).unwrap().actions().get_all().await.unwrap();
    let ours = listed.iter().filter(|c| c.id.starts_with(&tag)).count();
    assert_eq!(ours, 6, "every connector once");
    assert!(
        bulk.plan(&desired, &only, PlanOptions::default(), &env)
            .await
            .unwrap()
            .is_empty()
    );
    kb.spaces().delete(&space).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_missing_secret_blocks_its_connector_and_a_missing_space_blocks_its_items() {
    let kb = admin();
    let tag = unique("pm");
    let desired = set("no-such-space-for-plans", &tag);
    let none = |_: &kibana_connectors::plan::DesiredConnector, _: &str, _: &SecretSource| None;
    let plan = kb
        .bulk()
        .plan(&desired, &[], PlanOptions::default(), &none)
        .await
        .unwrap();
    assert_eq!(plan.items.len(), 6);
    assert!(plan.blocked().all(|i| matches!(
        &i.action,
        PlanAction::Blocked {
            reason: kibana_connectors::plan::BlockedReason::SpaceMissing
        }
    )));
    let space = new_space(&kb, "plan-secret").await;
    let only = [space.clone()];
    let desired = set(&space, &tag);
    let plan = kb
        .bulk()
        .plan(&desired, &only, PlanOptions::default(), &none)
        .await
        .unwrap();
    let blocked: Vec<_> = actions(&plan)
        .into_iter()
        .filter(|(_, a)| a.starts_with("blocked"))
        .map(|(id, _)| id)
        .collect();
    assert_eq!(
        blocked,
        [
            format!("{tag}-hook"),
            format!("{tag}-pd"),
            format!("{tag}-slack")
        ]
    );
    kb.spaces().delete(&space).await.unwrap();
}
