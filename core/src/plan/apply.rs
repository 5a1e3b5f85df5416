//! Reading a deployment into a [`Plan`] and applying one, through [`Bulk`].
//!
//! Apply is idempotent by construction: every create names its id, so a rerun after an
//! interruption plans again from what Kibana has and finishes the rest (a create that landed
//! is now unchanged or an update; nothing is created twice). Creates, updates and deletes are
//! never retried (the transport retries only reads).

use std::collections::{BTreeMap, HashMap};

use super::{
    BlockedReason, Current, DesiredConnector, DesiredSet, Plan, PlanAction, PlanItem, PlanOptions,
    SecretSource, compute,
};
use crate::bulk::{Bulk, ItemResult, Progress, bounded};
use crate::error::{Error, Result};
use crate::models::{Connector, CreateConnector, Secrets, UpdateConnector};

/// Resolves a secret reference to its value (`None`: no value).
pub type SecretResolver<'r> = dyn Fn(&DesiredConnector, &str, &SecretSource) -> Option<String> + 'r;

impl Bulk<'_> {
    /// Plans `desired` against this deployment: `GET /api/spaces/space`, then
    /// `GET /s/{space}/api/actions/connectors` for every space (ids are unique across them)
    /// and `GET /api/actions/connector_types`. `only_spaces`, when not empty, limits the plan
    /// to those spaces of the set. A space of the set that does not exist blocks its items.
    ///
    /// # Errors
    /// When the spaces, the types, or a space the plan covers cannot be read.
    pub async fn plan(
        &self,
        desired: &DesiredSet,
        only_spaces: &[String],
        options: PlanOptions,
        resolve: &SecretResolver<'_>,
    ) -> Result<Plan> {
        let inventory = self.inventory(&|_| {}).await?;
        let types = self.kb.actions().list_types().await?;
        let covered =
            |space: &str| only_spaces.is_empty() || only_spaces.iter().any(|s| s == space);
        let mut wanted_spaces: Vec<&str> = desired
            .connectors
            .iter()
            .map(|c| c.space_id.as_str())
            .filter(|s| covered(s))
            .collect();
        wanted_spaces.extend(only_spaces.iter().map(String::as_str));
        wanted_spaces.sort_unstable();
        wanted_spaces.dedup();

        let mut spaces: BTreeMap<String, &[Connector]> = BTreeMap::new();
        let mut ids = HashMap::new();
        for s in &inventory.spaces {
            if let Ok(list) = &s.outcome {
                for c in list.iter().filter(|c| !c.is_preconfigured) {
                    ids.insert(c.id.clone(), s.space.id.clone());
                }
            }
            if wanted_spaces.contains(&s.space.id.as_str()) {
                match &s.outcome {
                    Ok(list) => {
                        spaces.insert(s.space.id.clone(), list);
                    }
                    Err(e) => return Err(e.clone()),
                }
            }
        }
        let current = Current {
            spaces,
            ids,
            types: &types,
        };
        let in_plan: Vec<DesiredConnector> = desired
            .connectors
            .iter()
            .filter(|c| covered(&c.space_id))
            .cloned()
            .collect();
        let has_secret =
            |d: &DesiredConnector, key: &str, s: &SecretSource| resolve(d, key, s).is_some();
        let mut plan = compute(&in_plan, &current, options, &has_secret);
        for d in in_plan
            .iter()
            .filter(|d| !current.spaces.contains_key(&d.space_id))
        {
            plan.items.push(PlanItem {
                space_id: d.space_id.clone(),
                id: d.id.clone(),
                name: d.name.clone(),
                connector_type_id: d.connector_type_id.clone(),
                action: PlanAction::Blocked {
                    reason: BlockedReason::SpaceMissing,
                },
            });
        }
        plan.items
            .sort_by(|a, b| (&a.space_id, &a.id).cmp(&(&b.space_id, &b.id)));
        Ok(plan)
    }

    /// Applies the items of `plan` that change something, [`concurrency`](Self::concurrency)
    /// at a time: `POST /s/{space}/api/actions/connector/{id}` for a create,
    /// `PUT /s/{space}/api/actions/connector/{id}` (name, config and the resolved secrets) for
    /// an update, `DELETE /s/{space}/api/actions/connector/{id}` for a delete. One result per
    /// applied item, in plan order, with the action it carried out.
    pub async fn apply(
        &self,
        plan: &Plan,
        desired: &DesiredSet,
        resolve: &SecretResolver<'_>,
        on_progress: &dyn Fn(Progress),
    ) -> Vec<ItemResult<PlanAction>> {
        let by_key: HashMap<(&str, &str), &DesiredConnector> = desired
            .connectors
            .iter()
            .map(|d| ((d.space_id.as_str(), d.id.as_str()), d))
            .collect();
        let work: Vec<&PlanItem> = plan
            .items
            .iter()
            .filter(|i| i.changes_something())
            .collect();
        bounded(work, self.concurrency, on_progress, |item| {
            let wanted = by_key
                .get(&(item.space_id.as_str(), item.id.as_str()))
                .copied();
            async move {
                let outcome = self.apply_one(item, wanted, resolve).await;
                ItemResult {
                    space_id: item.space_id.clone(),
                    id: item.id.clone(),
                    outcome: outcome.map(|()| item.action.clone()),
                }
            }
        })
        .await
    }

    async fn apply_one(
        &self,
        item: &PlanItem,
        wanted: Option<&DesiredConnector>,
        resolve: &SecretResolver<'_>,
    ) -> Result<()> {
        let actions = self.kb.space(&item.space_id)?;
        let actions = actions.actions();
        if let PlanAction::Delete = item.action {
            return actions.delete(&item.id).await;
        }
        let d = wanted.ok_or_else(|| {
            Error::InvalidConfig(format!(
                "{} in {} is not in the set the plan was made from",
                item.id, item.space_id
            ))
        })?;
        let secrets = resolved_secrets(d, resolve)?;
        match item.action {
            PlanAction::Create => {
                let mut body = CreateConnector::new(&d.name, &d.connector_type_id);
                body.config = d.config.clone();
                body.secrets = secrets;
                actions.create_with_id(&d.id, &body).await.map(|_| ())
            }
            _ => {
                let mut body = UpdateConnector::new(&d.name);
                body.config = d.config.clone();
                body.secrets = secrets;
                actions.update(&d.id, &body).await.map(|_| ())
            }
        }
    }
}

/// Every secret of `d` with its value, or an error naming the first one that has none (the
/// message names the key and the variable, never a value).
fn resolved_secrets(d: &DesiredConnector, resolve: &SecretResolver<'_>) -> Result<Secrets> {
    let mut out = serde_json::Map::new();
    for (key, source) in &d.secrets {
        let value = resolve(d, key, source).ok_or_else(|| {
            Error::InvalidConfig(match source {
                SecretSource::Env { env } => {
                    format!("secret {key} of {}: ${env} is not set", d.id)
                }
                SecretSource::Value(_) => format!("secret {key} of {} has no value", d.id),
            })
        })?;
        out.insert(key.clone(), serde_json::Value::String(value));
    }
    Ok(Secrets(out))
}
