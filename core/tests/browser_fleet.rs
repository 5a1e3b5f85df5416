//! Across two deployments in headless Chromium: the open sim (this run's Kibana line) and a
//! second sim on Kibana 8.19. A space exported from the first as a desired set plans as creates
//! on the second, applies, and then plans as unchanged on both (the set is what the first has);
//! a rotation over both writes new secrets everywhere, each connector reported new.
#![cfg(target_arch = "wasm32")]

use kibana_connectors::bulk::{RotateSelection, RotatedState, Target, no_progress};
use kibana_connectors::plan::{
    DesiredConnector, DesiredSet, PlanAction, PlanOptions, SecretSource,
};
use kibana_connectors::{CreateConnector, Kibana, Secrets};
use serde_json::json;
use wasm_bindgen_test::*;

mod common;
use common::*;

wasm_bindgen_test_configure!(run_in_browser);

fn env(_: &DesiredConnector, key: &str, s: &SecretSource) -> Option<String> {
    match s {
        SecretSource::Env { .. } => Some(format!("{key}-value")),
        SecretSource::Value(v) => Some(v.clone()),
    }
}

async fn space_in(kb: &Kibana, id: &str) {
    kb.spaces()
        .create(&kibana_connectors::Space::new(id, id))
        .await
        .unwrap();
}

#[wasm_bindgen_test]
async fn a_space_promoted_to_another_deployment_plans_as_unchanged_on_both_then_rotates() {
    let (staging, production) = (admin(), second_admin());
    let space = unique("fleet");
    space_in(&staging, &space).await;
    space_in(&production, &space).await;
    let tag = unique("fl");
    let in_space = staging.space(&space).unwrap();
    let hook = CreateConnector::new("Fleet hook", ".webhook")
        .config(json!({"url": "http://127.0.0.1:9/hook", "hasAuth": true}))
        .secrets(json!({"user": "bot", "password": "pw"}));
    in_space
        .actions()
        .create_with_id(&format!("{tag}-hook"), &hook)
        .await
        .unwrap();
    in_space
        .actions()
        .create_with_id(
            &format!("{tag}-index"),
            &CreateConnector::new("Fleet index", ".index").config(json!({"index": "fleet"})),
        )
        .await
        .unwrap();

    // The space as a desired set, secrets as references.
    let inventory = staging.bulk().inventory(&no_progress).await.unwrap();
    let set = DesiredSet::from_connectors(inventory.connectors().filter(|(s, _)| *s == space));
    assert_eq!(set.connectors.len(), 2);
    let only = [space.clone()];

    let plan = production
        .bulk()
        .plan(&set, &only, PlanOptions::default(), &env)
        .await
        .unwrap();
    assert!(
        plan.items.iter().all(|i| i.action == PlanAction::Create),
        "{plan:?}"
    );
    let applied = production
        .bulk()
        .apply(&plan, &set, &env, &no_progress)
        .await;
    assert!(applied.iter().all(|r| r.is_ok()), "{applied:?}");

    for kb in [&staging, &production] {
        let again = kb
            .bulk()
            .plan(&set, &only, PlanOptions::default(), &env)
            .await
            .unwrap();
        assert!(again.is_empty(), "{:?}", again.items);
    }

    // One rotation per deployment over the same selection.
    let selection = RotateSelection {
        connector_type_ids: vec![".webhook".into()],
        name: Some("Fleet*".into()),
        spaces: only.to_vec(),
    };
    let secrets =
        Secrets(serde_json::from_value(json!({"user": "bot", "password": "new-pw"})).unwrap());
    for kb in [&staging, &production] {
        let chosen = kb.bulk().rotate_candidates(&selection).await.unwrap();
        let targets: Vec<Target> = chosen
            .iter()
            .map(|(space_id, c)| Target {
                space_id: space_id.clone(),
                id: c.id.clone(),
            })
            .collect();
        assert_eq!(targets.len(), 1, "{chosen:?}");
        let results = kb.bulk().rotate(&targets, &secrets, &no_progress).await;
        assert_eq!(results[0].state, RotatedState::New, "{results:?}");
        assert_eq!(results[0].name.as_deref(), Some("Fleet hook"));
        // Name and config kept: the set still plans to nothing.
        let after = kb
            .bulk()
            .plan(&set, &only, PlanOptions::default(), &env)
            .await
            .unwrap();
        assert!(after.is_empty(), "{:?}", after.items);
    }
}
