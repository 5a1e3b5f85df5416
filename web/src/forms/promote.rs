//! Promote: connectors chosen in one deployment and space, as the desired set each target
//! deployment is planned against, with the secrets the user types once for every target.

use std::collections::{BTreeMap, HashMap};

use kibana_connectors::Connector;
use kibana_connectors::plan::{
    BlockedReason, DESIRED_FORMAT, DesiredConnector, DesiredSet, SecretSource, SecretsPolicy,
    needed_secret_keys,
};

/// One secret to enter: a key of a chosen connector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NeededSecret {
    /// The source connector's id.
    pub connector_id: String,
    /// Its name, to show.
    pub connector_name: String,
    /// The secret key.
    pub key: String,
}

/// The secrets the chosen connectors use (Kibana never returns them, so each is typed once),
/// in the order of the connectors.
pub fn needed_secrets(chosen: &[Connector]) -> Vec<NeededSecret> {
    chosen
        .iter()
        .flat_map(|c| {
            let config = c.config.clone().unwrap_or_default();
            needed_secret_keys(&c.connector_type_id, &config)
                .into_iter()
                .map(|key| NeededSecret {
                    connector_id: c.id.clone(),
                    connector_name: c.name.clone(),
                    key,
                })
        })
        .collect()
}

/// Parses the target spaces as typed (`ops, eu`): trimmed, without duplicates; empty means
/// the source space.
pub fn target_spaces(typed: &str, source_space: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in typed.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if !out.iter().any(|o| o == s) {
            out.push(s.to_string());
        }
    }
    if out.is_empty() {
        out.push(source_space.to_string());
    }
    out
}

/// The id a connector gets in a target space: its own when there is one target space, else
/// `{id}-{space}` (ids are unique across a deployment's spaces), so a rerun finds it again.
pub fn target_id(id: &str, space: &str, spaces: usize) -> String {
    if spaces <= 1 {
        id.to_string()
    } else {
        format!("{id}-{space}")
    }
}

/// The desired set for each target deployment: every chosen connector in every target space,
/// with its name and config as in the source and the typed secrets (`typed` by
/// `(connector id, key)`; an empty value stays empty and the plan blocks the connector).
pub fn desired_set(
    chosen: &[Connector],
    spaces: &[String],
    typed: &HashMap<(String, String), String>,
) -> DesiredSet {
    let needed = needed_secrets(chosen);
    let mut connectors = Vec::new();
    for space in spaces {
        for c in chosen {
            let secrets: BTreeMap<String, SecretSource> = needed
                .iter()
                .filter(|n| n.connector_id == c.id)
                .map(|n| {
                    let value = typed
                        .get(&(n.connector_id.clone(), n.key.clone()))
                        .cloned()
                        .unwrap_or_default();
                    (n.key.clone(), SecretSource::Value(value))
                })
                .collect();
            connectors.push(DesiredConnector {
                space_id: space.clone(),
                id: target_id(&c.id, space, spaces.len()),
                name: c.name.clone(),
                connector_type_id: c.connector_type_id.clone(),
                config: c.config.clone().unwrap_or_default(),
                secrets,
                secrets_policy: SecretsPolicy::OnChange,
            });
        }
    }
    DesiredSet {
        format: DESIRED_FORMAT.into(),
        connectors,
    }
}

/// A typed secret's value, or None when it was left empty (the plan then says it is missing).
pub fn typed_value(source: &SecretSource) -> Option<String> {
    match source {
        SecretSource::Value(v) if !v.is_empty() => Some(v.clone()),
        _ => None,
    }
}

/// Why a connector cannot be applied, in plain words.
pub fn blocked_text(reason: &BlockedReason) -> String {
    match reason {
        BlockedReason::MissingSecret { key, .. } => format!("enter the secret {key}"),
        BlockedReason::TypeNotEnabled { why } => match why.as_str() {
            "license" => "its type is not allowed by the licence there".into(),
            "config" => "its type is disabled in kibana.yml there".into(),
            _ => "its type is not available there".into(),
        },
        BlockedReason::Preconfigured => "the connector there is preconfigured (kibana.yml)".into(),
        BlockedReason::IdTakenElsewhere { space_id } => {
            format!("the id is taken in space {space_id} there")
        }
        BlockedReason::TypeChanged { current } => {
            format!("the connector there is a {current} (a type cannot change)")
        }
        BlockedReason::SpaceMissing => "the space does not exist there".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn connector(id: &str, type_id: &str, config: serde_json::Value) -> Connector {
        serde_json::from_value(json!({
            "id": id, "name": format!("{id} name"), "connector_type_id": type_id,
            "is_preconfigured": false, "is_deprecated": false, "is_system_action": false,
            "config": config
        }))
        .unwrap()
    }

    #[test]
    fn each_secret_is_asked_once_and_reaches_every_target() {
        let chosen = [
            connector(
                "hook",
                ".webhook",
                json!({"url": "http://x", "hasAuth": true}),
            ),
            connector("log", ".server-log", json!({})),
        ];
        let needed = needed_secrets(&chosen);
        assert_eq!(
            needed
                .iter()
                .map(|n| (n.connector_id.as_str(), n.key.as_str()))
                .collect::<Vec<_>>(),
            [("hook", "user"), ("hook", "password")]
        );
        let typed: HashMap<_, _> =
            [(("hook".to_string(), "user".to_string()), "bot".to_string())].into();
        let set = desired_set(&chosen, &["ops".into()], &typed);
        let hook = &set.connectors[0];
        assert_eq!((hook.space_id.as_str(), hook.id.as_str()), ("ops", "hook"));
        assert_eq!(typed_value(&hook.secrets["user"]).as_deref(), Some("bot"));
        assert_eq!(
            typed_value(&hook.secrets["password"]),
            None,
            "left empty: missing"
        );
        assert!(set.connectors[1].secrets.is_empty());
        let missing = BlockedReason::MissingSecret {
            key: "password".into(),
            env: None,
        };
        assert_eq!(blocked_text(&missing), "enter the secret password");
    }

    #[test]
    fn several_target_spaces_get_an_id_each_and_spaces_are_deduplicated() {
        assert_eq!(target_spaces(" ops, eu ,ops,", "default"), ["ops", "eu"]);
        assert_eq!(target_spaces("  ", "default"), ["default"]);
        let chosen = [connector("log", ".server-log", json!({}))];
        let set = desired_set(&chosen, &["ops".into(), "eu".into()], &HashMap::new());
        let ids: Vec<_> = set
            .connectors
            .iter()
            .map(|c| (c.space_id.as_str(), c.id.as_str()))
            .collect();
        assert_eq!(ids, [("ops", "log-ops"), ("eu", "log-eu")]);
    }
}
