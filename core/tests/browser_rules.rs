//! The Alerting rules API in the browser, against the open sim (demo data loaded): which
//! rules use a connector, paging through `_find`, create, update, enable, disable, delete,
//! and a 403 on rules as a typed error.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use kibana_connectors::{
    Auth, CreateConnector, CreateRule, Error, FindRules, Rule, RuleAction, UpdateRule,
};
use serde_json::json;
use wasm_bindgen_test::*;

mod common;
use common::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A rule of `.index-threshold` (its params as the sim's schema wants them), notifying on
/// every action-group change.
fn threshold_rule(name: &str, tag: &str) -> CreateRule {
    CreateRule::new(name, ".index-threshold", "stackAlerts", "1m")
        .params(
            json!({"index": ["logs"], "timeField": "@timestamp", "timeWindowSize": 5,
                       "timeWindowUnit": "m", "thresholdComparator": ">", "threshold": [10]}),
        )
        .tags([tag])
}

fn notify(connector: &str, group: &str) -> RuleAction {
    RuleAction::new(connector, group, json!({"message": "{{rule.name}}"})).frequency(
        kibana_connectors::ActionFrequency {
            summary: false,
            notify_when: "onActionGroupChange".into(),
            throttle: None,
        },
    )
}

#[wasm_bindgen_test]
async fn the_demo_rules_are_found_by_their_connectors() {
    let kb = admin();
    let log = kb.actions().get("demo-server-log").await.unwrap();
    let rules = kb.rules().used_by(&log).await.unwrap();
    let errors: Vec<&Rule> = rules
        .iter()
        .filter(|r| r.id == "demo-rule-errors")
        .collect();
    assert_eq!(errors.len(), 1, "{rules:?}");
    assert_eq!(
        errors[0].groups_using("demo-server-log"),
        ["threshold met", "recovered"]
    );
    assert_eq!(errors[0].rule_type_id, ".index-threshold");
    let webhook = kb.actions().get("demo-webhook").await.unwrap();
    let deploys = kb.rules().used_by(&webhook).await.unwrap();
    assert!(deploys.iter().any(|r| r.id == "demo-rule-deploys"));
    assert!(!deploys.iter().any(|r| r.id == "demo-rule-errors"));
    // The count in get-all comes from the rules.
    let all = kb.actions().get_all().await.unwrap();
    let count = all
        .iter()
        .find(|c| c.id == "demo-server-log")
        .and_then(|c| c.referenced_by_count);
    assert!(count.is_some_and(|n| n >= 1), "{count:?}");
}

#[wasm_bindgen_test]
async fn create_find_all_update_enable_disable_delete() {
    let kb = admin();
    let tag = unique("rules");
    let old = kb
        .actions()
        .create(&CreateConnector::new(unique("old"), ".server-log"))
        .await
        .unwrap();
    let new = kb
        .actions()
        .create(&CreateConnector::new(unique("new"), ".server-log"))
        .await
        .unwrap();
    let mut ids = Vec::new();
    for i in 0..3 {
        let rule =
            threshold_rule(&format!("{tag} {i}"), &tag).action(notify(&old.id, "threshold met"));
        ids.push(kb.rules().create(&rule).await.unwrap().id);
    }
    // Paging: one rule per page, every page read.
    let by_tag = FindRules {
        filter: Some(format!("alert.attributes.tags:\"{tag}\"")),
        ..FindRules::default()
    };
    let page = kb
        .rules()
        .find(&FindRules {
            per_page: Some(1),
            ..by_tag.clone()
        })
        .await
        .unwrap();
    assert_eq!((page.total, page.data.len()), (3, 1));
    let all = kb.rules().find_all(&by_tag).await.unwrap();
    let mut found: Vec<String> = all.iter().map(|r| r.id.clone()).collect();
    found.sort();
    let mut want = ids.clone();
    want.sort();
    assert_eq!(found, want);
    assert_eq!(kb.rules().used_by(&old).await.unwrap().len(), 3);

    // Point one rule's action at the other connector; its params and uuid stay.
    let rule = kb.rules().get(&ids[0]).await.unwrap();
    let mut update = UpdateRule::from(&rule);
    update.actions[0].id = new.id.clone();
    let updated = kb.rules().update(&rule.id, &update).await.unwrap();
    assert_eq!(updated.actions[0].id, new.id);
    assert_eq!(updated.actions[0].params, rule.actions[0].params);
    assert_eq!(updated.actions[0].uuid, rule.actions[0].uuid);
    assert_eq!(kb.rules().used_by(&old).await.unwrap().len(), 2);
    assert_eq!(kb.rules().used_by(&new).await.unwrap()[0].id, ids[0]);

    kb.rules().disable(&ids[1]).await.unwrap();
    assert!(!kb.rules().get(&ids[1]).await.unwrap().enabled);
    kb.rules().enable(&ids[1]).await.unwrap();
    assert!(kb.rules().get(&ids[1]).await.unwrap().enabled);

    for id in &ids {
        kb.rules().delete(id).await.unwrap();
    }
    assert!(matches!(
        kb.rules().get(&ids[0]).await,
        Err(Error::NotFound(_))
    ));
    for c in [&old, &new] {
        kb.actions().delete(&c.id).await.unwrap();
    }
}

#[wasm_bindgen_test]
async fn kibanas_refusals_are_typed_errors() {
    let kb = admin();
    let missing = threshold_rule(&unique("missing"), "x")
        .action(notify("no-such-connector", "threshold met"));
    assert!(matches!(
        kb.rules().create(&missing).await,
        Err(Error::BadRequest(_))
    ));
    let log = kb.actions().get("demo-server-log").await.unwrap();
    let wrong_group =
        threshold_rule(&unique("group"), "x").action(notify(&log.id, "no such group"));
    assert!(matches!(
        kb.rules().create(&wrong_group).await,
        Err(Error::BadRequest(_))
    ));
    let bad_filter = FindRules {
        filter: Some("alert.attributes.tags:(".into()),
        ..FindRules::default()
    };
    assert!(matches!(
        kb.rules().find(&bad_filter).await,
        Err(Error::BadRequest(_))
    ));

    let no_rules = client_for(
        sim_url(),
        Auth::basic("norules", "norules-pw"),
        Duration::from_secs(10),
    );
    let err = no_rules.rules().used_by(&log).await.unwrap_err();
    assert!(matches!(err, Error::Authorization(_)), "{err:?}");
    // The connector itself stays readable: the view can show it without its rules.
    assert_eq!(no_rules.actions().get(&log.id).await.unwrap().id, log.id);
}

#[wasm_bindgen_test]
async fn a_move_is_refused_while_rules_use_the_connector() {
    use kibana_connectors::bulk::{CopyRequest, MoveBlocked};
    let kb = admin();
    let source = kb
        .actions()
        .create(&CreateConnector::new(unique("moving"), ".server-log"))
        .await
        .unwrap();
    let rule = kb
        .rules()
        .create(
            &threshold_rule(&unique("uses-moving"), "moving")
                .action(notify(&source.id, "threshold met")),
        )
        .await
        .unwrap();
    let request = |break_rules| CopyRequest {
        source: source.clone(),
        from_space: "default".into(),
        to_spaces: vec!["ops".into()],
        secrets: Default::default(),
        id: None,
        break_rules,
    };
    let outcome = kb
        .bulk()
        .move_to_spaces(&request(false), &|_| {})
        .await
        .unwrap();
    match outcome.blocked {
        Some(MoveBlocked::UsedByRules(rules)) => assert_eq!(rules[0].id, rule.id),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert!(outcome.copies.is_empty());
    assert_eq!(
        kb.actions().get(&source.id).await.unwrap().id,
        source.id,
        "nothing moved"
    );
    let outcome = kb
        .bulk()
        .move_to_spaces(&request(true), &|_| {})
        .await
        .unwrap();
    assert_eq!(outcome.blocked, None);
    assert!(matches!(outcome.source_deleted, Some(Ok(()))));
    // The rule keeps its action, which now names a connector that is gone.
    assert_eq!(
        kb.rules().get(&rule.id).await.unwrap().actions[0].id,
        source.id
    );
    kb.rules().delete(&rule.id).await.unwrap();
}
