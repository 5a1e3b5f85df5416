use super::*;

#[test]
fn nested_and_dotted_keys_mean_the_same() {
    let a = SimConfig::from_yaml("server:\n  cors:\n    enabled: true\n").unwrap();
    let b = SimConfig::from_yaml("server.cors.enabled: true\n").unwrap();
    assert!(a.cors_enabled && b.cors_enabled);
}

#[test]
fn wildcard_with_credentials_is_refused_like_kibana() {
    let err =
        SimConfig::from_yaml("server.cors.enabled: true\nserver.cors.allowCredentials: true\n")
            .unwrap_err();
    assert!(err.contains("Cannot specify wildcard origin"), "{err}");
}

#[test]
fn unknown_keys_are_named() {
    let err = SimConfig::from_yaml("server.cors.enable: true").unwrap_err();
    assert_eq!(
        err,
        "[server.cors.enable]: definition for this key is missing"
    );
}

#[test]
fn base_path_rules() {
    assert!(SimConfig::from_yaml("server.basePath: kibana").is_err());
    assert!(SimConfig::from_yaml("server.basePath: /kibana/").is_err());
    assert!(SimConfig::from_yaml("server.basePath: /kibana").is_ok());
}

#[test]
fn the_documented_example_file_loads() {
    let text = include_str!("../../examples/kibana.yml");
    let cfg = SimConfig::from_yaml(text).unwrap();
    assert!(cfg.cors_enabled && cfg.seed);
    assert_eq!(cfg.preconfigured["my-slack1"].action_type_id, ".slack");
    assert_eq!(cfg.principals.len(), 4);
    assert_eq!(cfg.es_port, Some(9200));
}

#[test]
fn licenses_order_and_trial() {
    assert!(License::Gold.allows(License::Basic));
    assert!(!License::Basic.allows(License::Gold));
    assert!(License::Trial.allows(License::Enterprise));
}
