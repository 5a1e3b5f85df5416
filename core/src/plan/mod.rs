//! Connectors as code: a desired connector set compared with what a deployment has, as a plan
//! of creates, updates (field by field), deletes (only when pruning), unchanged connectors and
//! blocked ones (with why). Pure logic over what was read; applying a plan is the client's.
//!
//! Secrets are never read (Kibana never returns them) and never compared: a connector whose
//! name and config match is unchanged whatever its secrets are, unless the set asks for its
//! secrets to be written on every apply ([`SecretsPolicy::Always`]).

mod apply;
mod files;
mod normalize;

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub use apply::SecretResolver;
pub use files::{needed_secret_keys, secret_env_name};
pub use normalize::{FieldChange, config_changes, stored_config};

use crate::models::{Connector, ConnectorType};

/// The `format` of a desired set file (the export format, with secret references).
pub const DESIRED_FORMAT: &str = "kibana-connectors/desired@1";

/// Where a secret's value comes from. Serialised, a value is `{"$redacted": true}` (which
/// no reader accepts), so a set written to a file or log never carries one.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
#[serde(untagged)]
pub enum SecretSource {
    /// `{"$env": "NAME"}`: the environment variable `NAME` (the CLI reads it).
    Env {
        /// The variable's name.
        #[serde(rename = "$env")]
        env: String,
    },
    /// A value given directly (typed once in the console; never written to a file).
    Value(String),
}

impl Serialize for SecretSource {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(1))?;
        match self {
            SecretSource::Env { env } => map.serialize_entry("$env", env)?,
            SecretSource::Value(_) => map.serialize_entry("$redacted", &true)?,
        }
        map.end()
    }
}

impl std::fmt::Debug for SecretSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SecretSource::Env { env } => write!(f, "$env:{env}"),
            SecretSource::Value(_) => f.write_str("<redacted>"),
        }
    }
}

/// When a connector's secrets are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum SecretsPolicy {
    /// On create, and on an update the name or config needs anyway (Kibana's update replaces
    /// the secrets too, so they must be sent).
    #[default]
    OnChange,
    /// On every apply: the connector is updated even when nothing else differs.
    Always,
}

impl SecretsPolicy {
    fn is_on_change(&self) -> bool {
        *self == SecretsPolicy::OnChange
    }
}

/// One connector as it should be.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
pub struct DesiredConnector {
    /// The space it belongs in.
    pub space_id: String,
    /// Its id (ids are unique across a deployment's spaces).
    pub id: String,
    /// Display name.
    pub name: String,
    /// The connector type id, e.g. `.webhook`.
    pub connector_type_id: String,
    /// Config as written; Kibana's defaults need not be spelled out.
    #[serde(default)]
    #[cfg_attr(feature = "js", tsify(type = "Record<string, unknown>"))]
    pub config: Map<String, Value>,
    /// Each secret key and where its value comes from.
    #[serde(default)]
    #[cfg_attr(feature = "js", tsify(optional, type = "Record<string, SecretSource>"))]
    pub secrets: BTreeMap<String, SecretSource>,
    /// When the secrets are written.
    #[serde(
        default,
        rename = "secretsPolicy",
        skip_serializing_if = "SecretsPolicy::is_on_change"
    )]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub secrets_policy: SecretsPolicy,
}

/// A desired connector set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
pub struct DesiredSet {
    /// Always [`DESIRED_FORMAT`].
    pub format: String,
    /// The connectors.
    pub connectors: Vec<DesiredConnector>,
}

/// What a deployment has, as read before planning.
#[derive(Debug, Clone, Default)]
pub struct Current<'a> {
    /// Per space the plan covers: its connectors (preconfigured ones included).
    pub spaces: BTreeMap<String, &'a [Connector]>,
    /// Every connector id of the deployment, with its space, for ids taken elsewhere (ids are
    /// global; spaces outside the plan count too when they were read).
    pub ids: HashMap<String, String>,
    /// The deployment's connector types.
    pub types: &'a [ConnectorType],
}

/// Why a connector cannot be applied as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BlockedReason {
    /// A secret reference has no value (`name`: the environment variable or the key).
    MissingSecret {
        /// The secret key.
        key: String,
        /// The variable it names, for `$env` references.
        #[cfg_attr(feature = "js", tsify(optional))]
        env: Option<String>,
    },
    /// The type is not registered, or not enabled by config or licence there.
    TypeNotEnabled {
        /// Which of the three: `unknown`, `config`, `license`.
        why: String,
    },
    /// The connector there is preconfigured (kibana.yml): the API cannot change it.
    Preconfigured,
    /// Another space of the deployment has a connector with this id.
    IdTakenElsewhere {
        /// That space.
        space_id: String,
    },
    /// The connector there has another type (a type cannot change: delete and create).
    TypeChanged {
        /// The type there.
        current: String,
    },
    /// The plan covers a space that does not exist there.
    SpaceMissing,
}

/// What applying would do to one connector.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum PlanAction {
    /// It does not exist: created with its id.
    Create,
    /// It differs: updated (name, config and secrets together, as Kibana's update replaces).
    Update {
        /// What differs (empty when only the secrets are written, by policy).
        changes: Vec<FieldChange>,
    },
    /// It is not in the set and the plan prunes.
    Delete,
    /// Nothing to do.
    Unchanged,
    /// It cannot be applied.
    Blocked {
        /// Why.
        reason: BlockedReason,
    },
}

/// One connector of a plan. Serialised flat: `{space_id, id, name, connector_type_id,
/// action, changes?, reason?}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanItem {
    /// The space.
    pub space_id: String,
    /// The connector id.
    pub id: String,
    /// Its name (the desired one, or the current one for a delete).
    pub name: String,
    /// Its type.
    pub connector_type_id: String,
    /// What would happen.
    #[serde(flatten)]
    pub action: PlanAction,
}

impl PlanItem {
    /// Whether applying would change something in Kibana.
    pub fn changes_something(&self) -> bool {
        matches!(
            self.action,
            PlanAction::Create | PlanAction::Update { .. } | PlanAction::Delete
        )
    }
}

/// A plan: one item per connector of the set (and per pruned connector), spaces in order,
/// then ids.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    /// The items.
    pub items: Vec<PlanItem>,
}

impl Plan {
    /// Whether applying would change nothing (blocked items aside).
    pub fn is_empty(&self) -> bool {
        !self.items.iter().any(PlanItem::changes_something)
    }

    /// Items that cannot be applied.
    pub fn blocked(&self) -> impl Iterator<Item = &PlanItem> {
        self.items
            .iter()
            .filter(|i| matches!(i.action, PlanAction::Blocked { .. }))
    }
}

/// How to plan.
#[derive(Debug, Clone, Copy, Default)]
pub struct PlanOptions {
    /// Delete connectors of the covered spaces that the set does not name (preconfigured
    /// ones are never deleted).
    pub prune: bool,
}

/// Compares `desired` (only its connectors in the spaces of `current`) with `current`.
/// `has_secret(connector, key)` tells whether a secret reference can be resolved (the CLI
/// looks at the environment, the console at what was typed).
pub fn compute(
    desired: &[DesiredConnector],
    current: &Current<'_>,
    options: PlanOptions,
    has_secret: &dyn Fn(&DesiredConnector, &str, &SecretSource) -> bool,
) -> Plan {
    let types: HashMap<&str, &ConnectorType> =
        current.types.iter().map(|t| (t.id.as_str(), t)).collect();
    let mut items = Vec::new();
    for (space_id, connectors) in &current.spaces {
        let here: HashMap<&str, &Connector> =
            connectors.iter().map(|c| (c.id.as_str(), c)).collect();
        let wanted: Vec<&DesiredConnector> =
            desired.iter().filter(|d| &d.space_id == space_id).collect();
        for d in &wanted {
            let action = plan_one(
                d,
                here.get(d.id.as_str()).copied(),
                current,
                &types,
                has_secret,
            );
            items.push(PlanItem {
                space_id: space_id.clone(),
                id: d.id.clone(),
                name: d.name.clone(),
                connector_type_id: d.connector_type_id.clone(),
                action,
            });
        }
        if options.prune {
            for c in connectors.iter() {
                let named = wanted.iter().any(|d| d.id == c.id);
                if !named && !c.is_preconfigured && !c.is_system_action {
                    items.push(PlanItem {
                        space_id: space_id.clone(),
                        id: c.id.clone(),
                        name: c.name.clone(),
                        connector_type_id: c.connector_type_id.clone(),
                        action: PlanAction::Delete,
                    });
                }
            }
        }
    }
    items.sort_by(|a, b| (&a.space_id, &a.id).cmp(&(&b.space_id, &b.id)));
    Plan { items }
}

fn plan_one(
    d: &DesiredConnector,
    existing: Option<&Connector>,
    current: &Current<'_>,
    types: &HashMap<&str, &ConnectorType>,
    has_secret: &dyn Fn(&DesiredConnector, &str, &SecretSource) -> bool,
) -> PlanAction {
    let blocked = |reason| PlanAction::Blocked { reason };
    match types.get(d.connector_type_id.as_str()) {
        None => {
            return blocked(BlockedReason::TypeNotEnabled {
                why: "unknown".into(),
            });
        }
        Some(t) if !t.enabled_in_config => {
            return blocked(BlockedReason::TypeNotEnabled {
                why: "config".into(),
            });
        }
        Some(t) if !t.enabled_in_license => {
            return blocked(BlockedReason::TypeNotEnabled {
                why: "license".into(),
            });
        }
        Some(_) => {}
    }
    let Some(existing) = existing else {
        if let Some(elsewhere) = current.ids.get(&d.id).filter(|s| **s != d.space_id) {
            return blocked(BlockedReason::IdTakenElsewhere {
                space_id: elsewhere.clone(),
            });
        }
        return match missing_secret(d, has_secret) {
            Some(reason) => blocked(reason),
            None => PlanAction::Create,
        };
    };
    if existing.is_preconfigured {
        return blocked(BlockedReason::Preconfigured);
    }
    if existing.connector_type_id != d.connector_type_id {
        return blocked(BlockedReason::TypeChanged {
            current: existing.connector_type_id.clone(),
        });
    }
    let mut changes = Vec::new();
    if existing.name != d.name {
        changes.push(FieldChange {
            path: "name".into(),
            from: Some(Value::String(existing.name.clone())),
            to: Some(Value::String(d.name.clone())),
        });
    }
    let empty = Map::new();
    let now = existing.config.as_ref().unwrap_or(&empty);
    changes.extend(config_changes(&d.connector_type_id, now, &d.config));
    let lost_secrets = existing.is_missing_secrets == Some(true);
    if changes.is_empty() && d.secrets_policy != SecretsPolicy::Always && !lost_secrets {
        return PlanAction::Unchanged;
    }
    // An update sends the secrets again (a full replace).
    match missing_secret(d, has_secret) {
        Some(reason) => blocked(reason),
        None => PlanAction::Update { changes },
    }
}

fn missing_secret(
    d: &DesiredConnector,
    has_secret: &dyn Fn(&DesiredConnector, &str, &SecretSource) -> bool,
) -> Option<BlockedReason> {
    d.secrets
        .iter()
        .find(|(key, source)| !has_secret(d, key, source))
        .map(|(key, source)| BlockedReason::MissingSecret {
            key: key.clone(),
            env: match source {
                SecretSource::Env { env } => Some(env.clone()),
                SecretSource::Value(_) => None,
            },
        })
}

#[cfg(test)]
mod tests;
