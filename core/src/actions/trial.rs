//! Test before saving: Kibana can only run a saved connector, so a trial creates a temporary
//! one (id prefixed [`TRIAL_ID_PREFIX`]), runs it, and always deletes it. If the page dies
//! between create and delete, [`Actions::sweep_trials`] removes what was left.

use serde_json::Value;

use super::Actions;
use crate::error::{Error, Result};
use crate::models::{CreateConnector, ExecuteResult};

/// The id prefix of temporary trial connectors.
pub const TRIAL_ID_PREFIX: &str = "kc-trial-";

/// A trial's outcome: the run's result, and whether the temporary connector was removed.
#[derive(Debug, Clone, PartialEq)]
pub struct TrialRun {
    /// The temporary connector's id.
    pub connector_id: String,
    /// The run (a failing connector is `Ok` with `status: "error"`).
    pub run: Result<ExecuteResult>,
    /// The delete of the temporary connector.
    pub cleanup: Result<()>,
}

fn trial_id() -> String {
    let now = js_sys::Date::now() as u64;
    let salt = (js_sys::Math::random() * 1e12) as u64;
    format!("{TRIAL_ID_PREFIX}{now:x}-{salt:x}")
}

impl Actions<'_> {
    /// Runs `connector` with `params` without keeping it: `POST /api/actions/connector/{id}`
    /// (a temporary id), `POST .../{id}/_execute`, then `DELETE .../{id}` whatever happened.
    ///
    /// # Errors
    /// When the temporary connector cannot be created (e.g. [`Error::BadRequest`] for an
    /// invalid config): nothing was left behind then. Run and cleanup failures are in the
    /// returned [`TrialRun`].
    pub async fn trial_run(&self, connector: &CreateConnector, params: Value) -> Result<TrialRun> {
        if !params.is_object() {
            return Err(Error::InvalidConfig(
                "execute params must be a JSON object".into(),
            ));
        }
        let mut temporary = connector.clone();
        temporary.name = format!("[test run] {}", connector.name);
        let id = trial_id();
        self.create_with_id(&id, &temporary).await?;
        let run = self.execute(&id, params).await;
        Ok(TrialRun {
            cleanup: self.remove_trial(&id).await,
            connector_id: id,
            run,
        })
    }

    /// Deletes a trial connector, trying again on a transient failure; gone already is fine.
    async fn remove_trial(&self, id: &str) -> Result<()> {
        let mut last = Ok(());
        for _ in 0..3 {
            last = match self.delete(id).await {
                Ok(()) | Err(Error::NotFound(_)) => return Ok(()),
                Err(e) => Err(e),
            };
        }
        last
    }

    /// Deletes the temporary connectors trials left behind in this space (`GET` the list,
    /// then `DELETE` each whose id starts with [`TRIAL_ID_PREFIX`]). Returns their ids.
    ///
    /// # Errors
    /// When the list cannot be read or a delete fails.
    pub async fn sweep_trials(&self) -> Result<Vec<String>> {
        let left: Vec<String> = self
            .get_all()
            .await?
            .into_iter()
            .filter(|c| c.id.starts_with(TRIAL_ID_PREFIX) && !c.is_preconfigured)
            .map(|c| c.id)
            .collect();
        for id in &left {
            self.remove_trial(id).await?;
        }
        Ok(left)
    }
}
