//! The demo data set: three spaces, a few connectors of common types and alerting rules that
//! use them, so the console has something to show out of the box. Loading it twice is
//! harmless (existing ids are kept).

use serde_json::{Map, Value, json};

use crate::state::Sim;
use crate::store::{StoreError, StoredConnector};

fn obj(v: Value) -> Map<String, Value> {
    v.as_object().cloned().unwrap_or_default()
}

/// Loads the demo spaces and connectors.
///
/// # Errors
/// When the store fails or a demo connector does not validate.
pub fn load(sim: &Sim) -> Result<(), String> {
    let spaces = [
        json!({"id":"marketing","name":"Marketing","description":"Campaign alerts","color":"#e7664c","initials":"MK","disabledFeatures":[]}),
        json!({"id":"ops","name":"Operations","description":"On-call and incident tooling","color":"#54b399","disabledFeatures":[]}),
    ];
    for space in spaces {
        match sim
            .store
            .insert_space(space["id"].as_str().unwrap_or_default(), &space)
        {
            Ok(()) | Err(StoreError::Conflict) => {}
            Err(e) => return Err(e.to_string()),
        }
    }
    let connectors = [
        (
            "demo-index",
            "default",
            "Log Writer",
            ".index",
            json!({"index": "demo-logs", "executionTimeField": "@timestamp"}),
            json!({}),
        ),
        (
            "demo-server-log",
            "default",
            "Server log",
            ".server-log",
            json!({}),
            json!({}),
        ),
        (
            "demo-webhook",
            "default",
            "Deploy webhook",
            ".webhook",
            json!({"url": "http://127.0.0.1:9/hook", "hasAuth": false}),
            json!({}),
        ),
        (
            "demo-slack",
            "marketing",
            "Campaign Slack",
            ".slack",
            json!({}),
            json!({"webhookUrl": "http://127.0.0.1:9/slack"}),
        ),
        (
            "demo-email",
            "marketing",
            "Newsletter email",
            ".email",
            json!({"from": "news@example.com", "host": "127.0.0.1", "port": 2525, "secure": false, "hasAuth": false}),
            json!({}),
        ),
        (
            "demo-pagerduty",
            "ops",
            "On-call PagerDuty",
            ".pagerduty",
            json!({"apiUrl": "http://127.0.0.1:9/pd"}),
            json!({"routingKey": "demo-routing-key"}),
        ),
        (
            "demo-ops-log",
            "ops",
            "Ops server log",
            ".server-log",
            json!({}),
            json!({}),
        ),
    ];
    for (id, space, name, type_id, config, secrets) in connectors {
        let t = sim
            .registry
            .get(type_id)
            .ok_or_else(|| format!("type {type_id} missing"))?;
        let (config, secrets) = t.validate_connector(&obj(config), &obj(secrets), &sim.config)?;
        let c = StoredConnector {
            id: id.into(),
            space: space.into(),
            type_id: type_id.into(),
            name: name.into(),
            config,
            secrets,
        };
        match sim.store.insert_connector(&c) {
            Ok(()) | Err(StoreError::Conflict) => {}
            Err(e) => return Err(e.to_string()),
        }
    }
    load_rules(sim)
}

/// The demo rules: each uses demo connectors of its space, one of them two connectors and
/// both of its rule type's action groups.
fn load_rules(sim: &Sim) -> Result<(), String> {
    let threshold = |index: &str| {
        json!({"index": [index], "timeField": "@timestamp", "aggType": "count", "groupBy": "all",
               "timeWindowSize": 5, "timeWindowUnit": "m", "thresholdComparator": ">",
               "threshold": [100]})
    };
    let frequency =
        json!({"summary": false, "notify_when": "onActionGroupChange", "throttle": null});
    let action = |id: &str, group: &str, params: Value| json!({"id": id, "group": group, "params": params, "frequency": frequency});
    let rules = [
        (
            "demo-rule-errors",
            "default",
            json!({"name": "Error rate above threshold", "rule_type_id": ".index-threshold",
            "consumer": "stackAlerts", "tags": ["prod", "web"],
            "schedule": {"interval": "1m"}, "params": threshold("web-logs"),
            "actions": [
                action("demo-index", "threshold met", json!({"documents": [{"alert": "{{rule.name}}", "value": "{{context.value}}"}]})),
                action("demo-server-log", "threshold met", json!({"level": "warn", "message": "{{rule.name}} fired"})),
                action("demo-server-log", "recovered", json!({"level": "info", "message": "{{rule.name}} recovered"})),
            ]}),
        ),
        (
            "demo-rule-deploys",
            "default",
            json!({"name": "Deploy finished", "rule_type_id": ".es-query", "consumer": "stackAlerts",
                   "tags": ["deploys"], "schedule": {"interval": "5m"},
                   "params": {"searchType": "esQuery", "index": ["deploys"], "timeField": "@timestamp",
                              "esQuery": "{\"query\":{\"match_all\":{}}}", "size": 100,
                              "timeWindowSize": 5, "timeWindowUnit": "m",
                              "thresholdComparator": ">", "threshold": [0]},
                   "actions": [action("demo-webhook", "query matched", json!({"body": "{\"rule\": \"{{rule.name}}\"}"}))]}),
        ),
        (
            "demo-rule-clicks",
            "marketing",
            json!({"name": "Campaign clicks dropped", "rule_type_id": ".index-threshold",
                   "consumer": "stackAlerts", "tags": ["campaigns"], "enabled": false,
                   "schedule": {"interval": "15m"}, "params": threshold("clicks"),
                   "actions": [action("demo-slack", "threshold met", json!({"message": "Clicks dropped: {{context.value}}"}))]}),
        ),
        (
            "demo-rule-disk",
            "ops",
            json!({"name": "Disk almost full", "rule_type_id": ".index-threshold",
            "consumer": "stackAlerts", "tags": ["prod", "storage"],
            "schedule": {"interval": "1m"}, "params": threshold("metrics"),
            "actions": [
                action("demo-pagerduty", "threshold met", json!({"eventAction": "trigger", "summary": "{{rule.name}}", "severity": "critical"})),
                action("demo-ops-log", "recovered", json!({"message": "{{rule.name}} recovered"})),
            ]}),
        ),
    ];
    let seeder = crate::config::Principal {
        username: Some("elastic".into()),
        superuser: true,
        ..crate::config::Principal::default()
    };
    let now = crate::exec::now_iso();
    for (id, space, body) in rules {
        let body =
            crate::schema::check_object(&crate::alerting::rule::create_body(), &obj(body), "")
                .map_err(|e| format!("demo rule {id}: {e}"))?;
        let rule =
            crate::alerting::rule::build_new(sim, &seeder, space, Some(id.into()), &body, &now)
                .map_err(|e| format!("demo rule {id}: {}", e.message))?;
        match sim.store.insert_rule(&rule) {
            Ok(()) | Err(StoreError::Conflict) => {}
            Err(e) => return Err(e.to_string()),
        }
    }
    Ok(())
}

/// Adds `count` connectors to `space` in one transaction, alternately `.server-log` and
/// `.index` (so type filters have something to count), named `{prefix} 00001`, ….
///
/// # Errors
/// When an id is taken (nothing is added then) or the database fails.
pub fn bulk(sim: &Sim, space: &str, count: usize, prefix: &str) -> Result<(), String> {
    let width = count.to_string().len().max(5);
    let list: Vec<StoredConnector> = (1..=count)
        .map(|n| {
            let (type_id, config) = if n % 2 == 0 {
                (".index", json!({"index": format!("{prefix}-{n}"), "refresh": false, "executionTimeField": null}))
            } else {
                (".server-log", json!({}))
            };
            StoredConnector {
                id: format!("{prefix}-{n}"),
                space: space.into(),
                type_id: type_id.into(),
                name: format!("{prefix} {n:0width$}"),
                config: obj(config),
                secrets: Map::new(),
            }
        })
        .collect();
    sim.store
        .insert_connectors(&list)
        .map_err(|e| e.to_string())
}
