use super::*;
use serde_json::json;

fn connector(v: Value) -> Connector {
    serde_json::from_value(v).unwrap()
}

fn types() -> Vec<ConnectorType> {
    let t = |id: &str, config: bool, license: bool| {
        serde_json::from_value::<ConnectorType>(json!({
            "id": id, "name": id, "enabled": config && license, "enabled_in_config": config,
            "enabled_in_license": license, "minimum_license_required": "basic",
            "supported_feature_ids": ["alerting"], "is_system_action_type": false
        }))
        .unwrap()
    };
    vec![
        t(".index", true, true),
        t(".webhook", true, true),
        t(".server-log", true, true),
        t(".servicenow", true, false),
    ]
}

fn desired(v: Value) -> DesiredConnector {
    serde_json::from_value(v).unwrap()
}

fn stored_index(id: &str, name: &str, refresh: bool) -> Connector {
    connector(json!({
        "id": id, "name": name, "connector_type_id": ".index", "is_preconfigured": false,
        "is_deprecated": false, "is_system_action": false,
        "config": {"index": "logs", "refresh": refresh, "executionTimeField": null}
    }))
}

fn plan(wanted: &[DesiredConnector], default: &[Connector], prune: bool, env: &[&str]) -> Plan {
    let types = types();
    let mut ids = HashMap::new();
    for c in default {
        ids.insert(c.id.clone(), "default".to_string());
    }
    ids.insert("in-ops".into(), "ops".into());
    let current = Current {
        spaces: [("default".to_string(), default)].into(),
        ids,
        types: &types,
    };
    let has = |_: &DesiredConnector, _: &str, s: &SecretSource| match s {
        SecretSource::Env { env: name } => env.contains(&name.as_str()),
        SecretSource::Value(_) => true,
    };
    compute(wanted, &current, PlanOptions { prune }, &has)
}

fn actions(p: &Plan) -> Vec<(String, PlanAction)> {
    p.items
        .iter()
        .map(|i| (i.id.clone(), i.action.clone()))
        .collect()
}

#[test]
fn an_empty_space_gets_creates_and_a_matching_one_is_unchanged() {
    let wanted = [desired(
        json!({"space_id": "default", "id": "logs", "name": "Logs", "connector_type_id": ".index", "config": {"index": "logs"}}),
    )];
    let p = plan(&wanted, &[], false, &[]);
    assert_eq!(actions(&p), [("logs".into(), PlanAction::Create)]);
    assert!(!p.is_empty());
    let p = plan(&wanted, &[stored_index("logs", "Logs", false)], false, &[]);
    assert_eq!(actions(&p), [("logs".into(), PlanAction::Unchanged)]);
    assert!(p.is_empty());
}

#[test]
fn an_out_of_band_edit_is_named_field_by_field() {
    let wanted = [desired(
        json!({"space_id": "default", "id": "logs", "name": "Logs", "connector_type_id": ".index", "config": {"index": "logs"}}),
    )];
    let p = plan(
        &wanted,
        &[stored_index("logs", "Renamed", true)],
        false,
        &[],
    );
    let PlanAction::Update { changes } = &p.items[0].action else {
        panic!("{p:?}")
    };
    let paths: Vec<&str> = changes.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(paths, ["name", "config.refresh"]);
    assert_eq!(changes[1].from, Some(json!(true)));
    assert_eq!(changes[1].to, Some(json!(false)));
}

#[test]
fn pruning_deletes_what_the_set_does_not_name_but_never_preconfigured() {
    let mut pre = stored_index("kibana-yml", "From kibana.yml", false);
    pre.is_preconfigured = true;
    let p = plan(
        &[],
        &[stored_index("stray", "Stray", false), pre.clone()],
        true,
        &[],
    );
    assert_eq!(actions(&p), [("stray".into(), PlanAction::Delete)]);
    let p = plan(
        &[],
        &[stored_index("stray", "Stray", false), pre],
        false,
        &[],
    );
    assert!(p.items.is_empty());
}

#[test]
fn blocked_items_say_why() {
    let mut pre = stored_index("pre", "Pre", false);
    pre.is_preconfigured = true;
    let wanted = [
        desired(
            json!({"space_id": "default", "id": "hook", "name": "Hook", "connector_type_id": ".webhook",
            "config": {"url": "https://h.example"}, "secrets": {"user": {"$env": "HOOK_USER"}, "password": {"$env": "HOOK_PW"}}}),
        ),
        desired(
            json!({"space_id": "default", "id": "sn", "name": "SN", "connector_type_id": ".servicenow", "config": {}}),
        ),
        desired(
            json!({"space_id": "default", "id": "nope", "name": "N", "connector_type_id": ".made-up", "config": {}}),
        ),
        desired(
            json!({"space_id": "default", "id": "pre", "name": "Pre", "connector_type_id": ".index", "config": {"index": "logs"}}),
        ),
        desired(
            json!({"space_id": "default", "id": "in-ops", "name": "X", "connector_type_id": ".server-log"}),
        ),
    ];
    let p = plan(&wanted, &[pre], false, &["HOOK_PW"]);
    let reasons: Vec<(String, BlockedReason)> = p
        .items
        .iter()
        .map(|i| match &i.action {
            PlanAction::Blocked { reason } => (i.id.clone(), reason.clone()),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        reasons,
        [
            (
                "hook".into(),
                BlockedReason::MissingSecret {
                    key: "user".into(),
                    env: Some("HOOK_USER".into())
                }
            ),
            (
                "in-ops".into(),
                BlockedReason::IdTakenElsewhere {
                    space_id: "ops".into()
                }
            ),
            (
                "nope".into(),
                BlockedReason::TypeNotEnabled {
                    why: "unknown".into()
                }
            ),
            ("pre".into(), BlockedReason::Preconfigured),
            (
                "sn".into(),
                BlockedReason::TypeNotEnabled {
                    why: "license".into()
                }
            ),
        ]
    );
    assert_eq!(p.blocked().count(), 5);
    assert!(p.is_empty(), "blocked items change nothing");
}

#[test]
fn secrets_are_written_on_every_apply_only_when_the_set_says_so() {
    let mut d = desired(
        json!({"space_id": "default", "id": "logs", "name": "Logs", "connector_type_id": ".index", "config": {"index": "logs"}}),
    );
    d.secrets_policy = SecretsPolicy::Always;
    let p = plan(&[d], &[stored_index("logs", "Logs", false)], false, &[]);
    assert_eq!(
        actions(&p),
        [("logs".into(), PlanAction::Update { changes: vec![] })]
    );
}

#[test]
fn a_set_file_reads_env_references_and_never_shows_values() {
    let set: DesiredSet = serde_json::from_value(json!({
        "format": DESIRED_FORMAT,
        "connectors": [{"space_id": "default", "id": "hook", "name": "Hook", "connector_type_id": ".webhook",
            "config": {"url": "https://h.example"}, "secrets": {"user": {"$env": "U"}, "password": "typed-value"},
            "secretsPolicy": "always"}]
    }))
    .unwrap();
    let c = &set.connectors[0];
    assert_eq!(c.secrets["user"], SecretSource::Env { env: "U".into() });
    assert_eq!(c.secrets_policy, SecretsPolicy::Always);
    let debug = format!("{set:?}");
    assert!(!debug.contains("typed-value"), "{debug}");
    assert!(debug.contains("$env:U"), "{debug}");
}

#[test]
fn exported_sets_name_an_env_reference_per_needed_secret() {
    assert_eq!(
        secret_env_name("my-hook", "password"),
        "KC_MY_HOOK_PASSWORD"
    );
    let hook = |id: &str, config: Value| {
        connector(json!({
            "id": id, "name": id, "connector_type_id": ".webhook", "is_preconfigured": false,
            "is_deprecated": false, "is_system_action": false, "config": config
        }))
    };
    let open = hook("open", json!({"url": "http://x", "hasAuth": false}));
    let basic = hook(
        "basic",
        json!({"url": "http://x", "hasAuth": true, "authType": "webhook-authentication-basic"}),
    );
    let pfx = hook(
        "pfx",
        json!({"url": "http://x", "authType": "webhook-authentication-ssl", "certType": "ssl-pfx"}),
    );
    let mut pre = stored_index("pre", "kibana.yml", false);
    pre.is_preconfigured = true;
    let set = DesiredSet::from_connectors([
        ("default", &open),
        ("ops", &basic),
        ("ops", &pfx),
        ("default", &pre),
    ]);
    let secrets: Vec<(&str, Vec<(&str, String)>)> = set
        .connectors
        .iter()
        .map(|c| {
            let refs = c
                .secrets
                .iter()
                .map(|(k, s)| (k.as_str(), format!("{s:?}")))
                .collect();
            (c.id.as_str(), refs)
        })
        .collect();
    assert_eq!(
        secrets,
        vec![
            ("open", vec![]),
            (
                "basic",
                vec![
                    ("password", "$env:KC_BASIC_PASSWORD".to_string()),
                    ("user", "$env:KC_BASIC_USER".to_string())
                ]
            ),
            ("pfx", vec![("pfx", "$env:KC_PFX_PFX".to_string())]),
        ]
    );
    // Written and read back, it is the same set; its policy default is left out.
    let text = set.to_json();
    assert!(!text.contains("secretsPolicy"), "{text}");
    assert_eq!(DesiredSet::from_json(&text).unwrap(), set);
}

#[test]
fn set_files_are_read_in_both_formats_and_values_never_written() {
    let export = json!({"format": "kibana-connectors/set@1", "connectors": [{
        "space_id": "default", "id": "pager", "name": "Pager", "connector_type_id": ".pagerduty",
        "config": {}, "secret_keys": ["routingKey"]
    }]});
    let set = DesiredSet::from_json(&export.to_string()).unwrap();
    assert_eq!(set.format, DESIRED_FORMAT);
    assert_eq!(
        set.connectors[0].secrets["routingKey"],
        SecretSource::Env {
            env: "KC_PAGER_ROUTINGKEY".into()
        }
    );

    let mut typed = set.clone();
    typed.connectors[0].secrets.insert(
        "routingKey".into(),
        SecretSource::Value("s3cr3t-value".into()),
    );
    let text = typed.to_json();
    assert!(!text.contains("s3cr3t-value"), "{text}");
    assert!(
        DesiredSet::from_json(&text).is_err(),
        "a redacted value is not read back"
    );

    let err = |v: Value| match DesiredSet::from_json(&v.to_string()) {
        Err(crate::error::Error::InvalidConfig(m)) => m,
        other => panic!("{other:?}"),
    };
    assert!(err(json!({"format": "other@9", "connectors": []})).contains("other@9"));
    let twice = json!({"format": DESIRED_FORMAT, "connectors": [
        {"space_id": "default", "id": "a", "name": "A", "connector_type_id": ".index"},
        {"space_id": "ops", "id": "a", "name": "A", "connector_type_id": ".index"}
    ]});
    assert!(err(twice).contains("twice"));
    let no_space = json!({"format": DESIRED_FORMAT, "connectors": [
        {"space_id": "", "id": "a", "name": "A", "connector_type_id": ".index"}
    ]});
    assert!(err(no_space).contains("space_id"));
}
