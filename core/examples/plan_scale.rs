//! `cargo xtask bench`'s plan figure: a desired set of 10,000 connectors planned against a
//! deployment of 50 spaces × 200 (the lists already fetched), beside decoding those lists
//! from Kibana's JSON (the work before it, in the same run). A quarter of the set is renamed,
//! a tenth is new, and the webhooks leave Kibana's defaults unsaid; the counts are printed.
//!
//! `cargo run --release -p kibana-connectors --example plan_scale`

use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

use kibana_connectors::plan::{Current, DesiredConnector, PlanOptions, compute};
use kibana_connectors::{Connector, ConnectorType};
use serde_json::json;

const SPACES: usize = 50;
const PER_SPACE: usize = 200;
const BUDGET_MS: f64 = 1000.0;

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn main() {
    let types: Vec<ConnectorType> = serde_json::from_value(json!([
        {"id": ".webhook", "name": "Webhook", "enabled": true, "enabled_in_config": true,
         "enabled_in_license": true, "minimum_license_required": "gold",
         "supported_feature_ids": ["alerting"]},
        {"id": ".server-log", "name": "Server log", "enabled": true, "enabled_in_config": true,
         "enabled_in_license": true, "minimum_license_required": "basic",
         "supported_feature_ids": ["alerting"]},
    ]))
    .expect("connector types");
    // Kibana's answers, as text: one list per space.
    let lists: Vec<(String, String)> = (0..SPACES)
        .map(|s| {
            let list: Vec<_> = (0..PER_SPACE)
                .map(|n| {
                    let id = format!("s{s}-c{n}");
                    if n % 2 == 0 {
                        json!({"id": id, "name": format!("Hook {s}/{n}"),
                            "connector_type_id": ".webhook", "is_preconfigured": false,
                            "is_deprecated": false, "is_system_action": false,
                            "is_missing_secrets": false, "referenced_by_count": 0,
                            "config": {"url": format!("https://hooks.example/{s}/{n}"),
                                "method": "post", "hasAuth": false, "headers": null,
                                "authType": null, "certType": null, "ca": null,
                                "verificationMode": null}})
                    } else {
                        json!({"id": id, "name": format!("Log {s}/{n}"),
                            "connector_type_id": ".server-log", "is_preconfigured": false,
                            "is_deprecated": false, "is_system_action": false,
                            "is_missing_secrets": false, "referenced_by_count": 0,
                            "config": {}})
                    }
                })
                .collect();
            (format!("space-{s}"), serde_json::to_string(&list).unwrap())
        })
        .collect();
    let desired: Vec<DesiredConnector> = (0..SPACES)
        .flat_map(|s| (0..PER_SPACE).map(move |n| (s, n)))
        .map(|(s, n)| {
            // Every tenth is new (another id), every fourth renamed.
            let id = if n % 10 == 9 {
                format!("s{s}-new{n}")
            } else {
                format!("s{s}-c{n}")
            };
            let renamed = if n % 4 == 1 { " (renamed)" } else { "" };
            let (type_id, name, config) = if n % 2 == 0 {
                (
                    ".webhook",
                    format!("Hook {s}/{n}{renamed}"),
                    json!({"url": format!("https://hooks.example/{s}/{n}")}),
                )
            } else {
                (".server-log", format!("Log {s}/{n}{renamed}"), json!({}))
            };
            serde_json::from_value(json!({"space_id": format!("space-{s}"), "id": id,
                "name": name, "connector_type_id": type_id, "config": config}))
            .expect("desired connector")
        })
        .collect();

    let mut decodes = Vec::new();
    let mut plans = Vec::new();
    let mut counts = (0, 0, 0);
    for _ in 0..5 {
        let t0 = Instant::now();
        let decoded: Vec<(String, Vec<Connector>)> = lists
            .iter()
            .map(|(space, text)| (space.clone(), serde_json::from_str(text).expect("list")))
            .collect();
        decodes.push(t0.elapsed().as_secs_f64() * 1000.0);

        let t1 = Instant::now();
        let mut ids = HashMap::new();
        let mut spaces = BTreeMap::new();
        for (space, list) in &decoded {
            for c in list {
                ids.insert(c.id.clone(), space.clone());
            }
            spaces.insert(space.clone(), list.as_slice());
        }
        let current = Current {
            spaces,
            ids,
            types: &types,
        };
        let plan = compute(
            &desired,
            &current,
            PlanOptions { prune: true },
            &|_, _, _| true,
        );
        plans.push(t1.elapsed().as_secs_f64() * 1000.0);
        let kind = |k: &str| {
            plan.items
                .iter()
                .filter(|i| format!("{:?}", i.action).starts_with(k))
                .count()
        };
        counts = (kind("Create"), kind("Update"), kind("Unchanged"));
    }
    let (plan_ms, decode_ms) = (median(plans), median(decodes));
    println!(
        "bench plan of {} desired vs {SPACES} spaces x {PER_SPACE} (median of 5; {} create, {} update, {} unchanged): {plan_ms:.1} ms | baseline decoding the {SPACES} lists: {decode_ms:.1} ms | ratio {:.2} | budget <= {BUDGET_MS:.0} ms: {}",
        desired.len(),
        counts.0,
        counts.1,
        counts.2,
        plan_ms / decode_ms,
        if plan_ms <= BUDGET_MS { "PASS" } else { "FAIL" }
    );
}
