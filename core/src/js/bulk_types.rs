//! Argument and result shapes of `client.bulk.*` and trials, with their TypeScript declarations.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use tsify::Tsify;

use super::types::ConnectorFields;
use crate::bulk::{ConnectorSet, ErrorReport, ItemResult};
use crate::{Connector, ExecuteResult, Space};

/// Options shared by bulk calls.
#[derive(Debug, Default, Deserialize, Tsify)]
pub struct BulkOptions {
    /// Requests at once (default 6).
    #[tsify(optional)]
    pub concurrency: Option<usize>,
}

/// A connector in a space.
#[derive(Debug, Clone, Deserialize, Tsify)]
pub struct TargetRef {
    /// The space the connector is in.
    pub space_id: String,
    /// Connector id.
    pub id: String,
}

/// `bulk.executeMany(...)`.
#[derive(Debug, Deserialize, Tsify)]
pub struct ExecuteManyRequest {
    /// The connectors to run.
    pub targets: Vec<TargetRef>,
    /// The same params for each.
    #[tsify(type = "Record<string, unknown>")]
    pub params: Map<String, Value>,
    /// Requests at once (default 6).
    #[tsify(optional)]
    pub concurrency: Option<usize>,
}

/// `bulk.deleteMany(...)`.
#[derive(Debug, Deserialize, Tsify)]
pub struct DeleteManyRequest {
    /// The connectors to delete.
    pub targets: Vec<TargetRef>,
    /// Requests at once (default 6).
    #[tsify(optional)]
    pub concurrency: Option<usize>,
}

/// One connector of `bulk.createMany(...)`.
#[derive(Debug, Clone, Deserialize, Tsify)]
pub struct PlannedCreate {
    /// The space to create the connector in.
    pub space_id: String,
    /// A chosen id; random when absent.
    #[tsify(optional)]
    pub id: Option<String>,
    /// The connector.
    #[serde(flatten)]
    pub connector: ConnectorFields,
}

/// `bulk.createMany(...)`.
#[derive(Debug, Deserialize, Tsify)]
pub struct CreateManyRequest {
    /// What to create.
    pub connectors: Vec<PlannedCreate>,
    /// Requests at once (default 6).
    #[tsify(optional)]
    pub concurrency: Option<usize>,
}

/// `bulk.copyToSpaces(...)` and `bulk.moveToSpaces(...)`.
#[derive(Debug, Deserialize, Tsify)]
pub struct CopyToSpacesRequest {
    /// The source connector's id.
    pub id: String,
    /// The space it is in.
    pub space_id: String,
    /// Where the copies go.
    pub to_spaces: Vec<String>,
    /// Secrets for the copies (Kibana never returns the source's).
    #[serde(default)]
    #[tsify(optional, type = "Record<string, unknown>")]
    pub secrets: Map<String, Value>,
    /// The copies' id; `{space}` is replaced by the target space. Random when absent.
    #[tsify(optional)]
    pub new_id: Option<String>,
    /// For a move: go ahead although rules of the source space use the connector.
    #[serde(default)]
    #[tsify(optional)]
    pub break_rules: bool,
}

/// `bulk.checkImport(...)`.
#[derive(Debug, Deserialize, Tsify)]
pub struct CheckImportRequest {
    /// The set, as read from a file (object or JSON text).
    #[tsify(type = "ConnectorSet | string")]
    pub set: Value,
    /// Put everything in this space instead of each connector's own.
    #[tsify(optional)]
    pub into_space: Option<String>,
}

/// `actions.trialRun(...)`: a connector that is run but not kept.
#[derive(Debug, Deserialize, Tsify)]
pub struct TrialRunRequest {
    /// The temporary connector.
    #[serde(flatten)]
    pub connector: ConnectorFields,
    /// Run params.
    #[serde(default)]
    #[tsify(optional, type = "Record<string, unknown>")]
    pub params: Map<String, Value>,
    /// The space (default: the client's).
    #[tsify(optional)]
    pub space_id: Option<String>,
}

/// One item's outcome.
#[derive(Debug, Serialize, Tsify)]
pub struct ItemReport<T> {
    /// The space of the item (where it was created, run or deleted).
    pub space_id: String,
    /// Connector id.
    pub id: String,
    /// Whether it worked.
    pub ok: bool,
    /// The result when it worked.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub value: Option<T>,
    /// What went wrong.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub error: Option<ErrorReport>,
}

impl<T> From<ItemResult<T>> for ItemReport<T> {
    fn from(r: ItemResult<T>) -> Self {
        let (value, error) = match r.outcome {
            Ok(v) => (Some(v), None),
            Err(e) => (None, Some(ErrorReport::from(&e))),
        };
        ItemReport {
            space_id: r.space_id,
            id: r.id,
            ok: error.is_none(),
            value,
            error,
        }
    }
}

/// Converts a list of results.
pub fn reports<T>(list: Vec<ItemResult<T>>) -> Vec<ItemReport<T>> {
    list.into_iter().map(ItemReport::from).collect()
}

/// One space of the inventory.
#[derive(Debug, Serialize, Tsify)]
pub struct SpaceReport {
    /// The space.
    pub space: Space,
    /// Whether its connectors were read.
    pub ok: bool,
    /// Its connectors (empty when not read).
    pub connectors: Vec<Connector>,
    /// Why they could not be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub error: Option<ErrorReport>,
}

/// `bulk.moveToSpaces(...)`'s answer.
#[derive(Debug, Serialize, Tsify)]
pub struct MoveReport {
    /// One result per target space.
    pub copies: Vec<ItemReport<Connector>>,
    /// Whether the source was deleted (only tried when every copy succeeded).
    pub source_deleted: bool,
    /// Why the source delete failed, when it was tried and failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub source_error: Option<ErrorReport>,
    /// Nothing was done: these rules of the source space use the connector (set
    /// `break_rules` to move anyway).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub blocked_by_rules: Option<Vec<crate::Rule>>,
    /// Nothing was done: whether rules use the connector could not be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub rules_unreadable: Option<ErrorReport>,
}

/// `actions.trialRun(...)`'s answer.
#[derive(Debug, Serialize, Tsify)]
pub struct TrialReport {
    /// The temporary connector's id.
    pub connector_id: String,
    /// The run's result (a failing connector has `status: "error"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub result: Option<ExecuteResult>,
    /// Why the run call itself failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub error: Option<ErrorReport>,
    /// Whether the temporary connector was deleted.
    pub cleaned_up: bool,
}

/// Keeps `ConnectorSet` in the declarations for `checkImport`'s argument.
#[derive(Debug, Serialize, Tsify)]
pub struct ExportReport {
    /// The set to save as a file.
    pub set: ConnectorSet,
    /// Spaces that could not be read (their connectors are missing from the set).
    pub failed_spaces: Vec<ErrorReport>,
}
