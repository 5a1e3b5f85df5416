//! Work across many connectors and spaces, which Kibana's API does one call at a time:
//! the cross-space inventory, copy and move between spaces, bulk create/execute/delete, and
//! export/import of connector sets. Get the handle with [`Kibana::bulk`].
//!
//! Every operation runs its calls with bounded concurrency (default
//! [`DEFAULT_CONCURRENCY`]), reports [`Progress`] after each, and returns one
//! [`ItemResult`] per item in input order: one failure never hides the others.

mod inventory;
mod rotate;
mod sets;
mod transfer;

use std::future::Future;

use futures_util::StreamExt;
use serde::Serialize;
use serde_json::Value;

use crate::client::Kibana;
use crate::error::Error;
use crate::models::{Connector, CreateConnector, ExecuteResult};

pub use inventory::{Inventory, SpaceConnectors};
pub use rotate::{RotateResult, RotateSelection, RotatedState, glob_matches};
pub use sets::{ConnectorSet, ExportedConnector, ImportCheck, ImportConflict, SET_FORMAT};
pub use transfer::{CopyRequest, MoveBlocked, MoveOutcome};

/// How many requests run at once unless told otherwise.
pub const DEFAULT_CONCURRENCY: usize = 6;

/// How far an operation got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// Items finished (successfully or not).
    pub done: usize,
    /// Items in all.
    pub total: usize,
}

/// A connector in a space: what bulk execute and delete work on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
pub struct Target {
    /// The space the connector is in (its API path is `/s/{space_id}/...`).
    pub space_id: String,
    /// Connector id.
    pub id: String,
}

/// A connector to create in a space, with a chosen id or a random one.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedConnector {
    /// The space to create it in.
    pub space_id: String,
    /// The id to use; None lets Kibana choose.
    pub id: Option<String>,
    /// Name, type, config and secrets.
    pub connector: CreateConnector,
}

/// What happened to one item of a bulk operation.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemResult<T> {
    /// The space the item was in (or went to).
    pub space_id: String,
    /// The connector id (the planned one, or the new one once created; empty when Kibana was
    /// to choose and the create failed).
    pub id: String,
    /// The outcome.
    pub outcome: Result<T, Error>,
}

impl<T> ItemResult<T> {
    /// Whether this item succeeded.
    pub fn is_ok(&self) -> bool {
        self.outcome.is_ok()
    }
}

/// An error as plain data, for reports and JS: kind, message, and the HTTP status when
/// Kibana answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
pub struct ErrorReport {
    /// [`Error::kind`], e.g. `NotFoundError`.
    pub kind: String,
    /// The error in plain words.
    pub message: String,
    /// Kibana's HTTP status, when it answered.
    #[cfg_attr(feature = "js", tsify(optional))]
    pub status: Option<u16>,
}

impl From<&Error> for ErrorReport {
    fn from(e: &Error) -> Self {
        ErrorReport {
            kind: e.kind().into(),
            message: e.to_string(),
            status: e.api().map(|a| a.status),
        }
    }
}

/// Runs `work` on every item with at most `concurrency` in flight, calls `on_progress` after
/// each, and returns the outputs in input order.
pub(crate) async fn bounded<I, T, F, Fut>(
    items: Vec<I>,
    concurrency: usize,
    on_progress: &dyn Fn(Progress),
    work: F,
) -> Vec<T>
where
    F: Fn(I) -> Fut,
    Fut: Future<Output = T>,
{
    let slots: Vec<std::cell::RefCell<Option<T>>> = items
        .iter()
        .map(|_| std::cell::RefCell::new(None))
        .collect();
    let work = &work;
    let slots_ref = &slots;
    let tasks: Vec<LocalBoxFuture<'_, ()>> = items
        .into_iter()
        .enumerate()
        .map(|(n, item)| -> LocalBoxFuture<'_, ()> {
            Box::pin(async move {
                let out = work(item).await;
                *slots_ref[n].borrow_mut() = Some(out);
            })
        })
        .collect();
    run_tasks(tasks, concurrency, on_progress).await;
    slots
        .into_iter()
        .filter_map(std::cell::RefCell::into_inner)
        .collect()
}

type LocalBoxFuture<'a, T> = std::pin::Pin<Box<dyn Future<Output = T> + 'a>>;

/// The scheduling part of [`bounded`], not generic: one copy in the binary whatever the items.
async fn run_tasks(
    tasks: Vec<LocalBoxFuture<'_, ()>>,
    concurrency: usize,
    on_progress: &dyn Fn(Progress),
) {
    let total = tasks.len();
    on_progress(Progress { done: 0, total });
    let mut running = futures_util::stream::iter(tasks).buffer_unordered(concurrency.max(1));
    let mut done = 0;
    while running.next().await.is_some() {
        done += 1;
        on_progress(Progress { done, total });
    }
}

/// No progress reporting.
pub fn no_progress(_: Progress) {}

/// Bulk work for one client. Get it with [`Kibana::bulk`].
#[derive(Debug, Clone, Copy)]
pub struct Bulk<'a> {
    pub(crate) kb: &'a Kibana,
    pub(crate) concurrency: usize,
}

impl Kibana {
    /// Bulk work across connectors and spaces, [`DEFAULT_CONCURRENCY`] requests at a time.
    pub fn bulk(&self) -> Bulk<'_> {
        Bulk {
            kb: self,
            concurrency: DEFAULT_CONCURRENCY,
        }
    }
}

impl<'a> Bulk<'a> {
    /// At most `n` requests at once (at least 1).
    pub fn concurrency(self, n: usize) -> Self {
        Bulk {
            concurrency: n.max(1),
            ..self
        }
    }

    /// The concurrency in use.
    pub fn current_concurrency(&self) -> usize {
        self.concurrency
    }

    /// `POST /s/{space}/api/actions/connector/{id}/_execute` for every target with the same
    /// params. A run that fails inside the connector is `Ok` with `status: "error"`.
    pub async fn execute_many(
        &self,
        targets: &[Target],
        params: &Value,
        on_progress: &dyn Fn(Progress),
    ) -> Vec<ItemResult<ExecuteResult>> {
        bounded(
            targets.to_vec(),
            self.concurrency,
            on_progress,
            |t| async move {
                let outcome = async {
                    self.kb
                        .space(&t.space_id)?
                        .actions()
                        .execute(&t.id, params.clone())
                        .await
                }
                .await;
                ItemResult {
                    space_id: t.space_id,
                    id: t.id,
                    outcome,
                }
            },
        )
        .await
    }

    /// `DELETE /s/{space}/api/actions/connector/{id}` for every target.
    pub async fn delete_many(
        &self,
        targets: &[Target],
        on_progress: &dyn Fn(Progress),
    ) -> Vec<ItemResult<()>> {
        bounded(
            targets.to_vec(),
            self.concurrency,
            on_progress,
            |t| async move {
                let outcome =
                    async { self.kb.space(&t.space_id)?.actions().delete(&t.id).await }.await;
                ItemResult {
                    space_id: t.space_id,
                    id: t.id,
                    outcome,
                }
            },
        )
        .await
    }

    /// `POST /s/{space}/api/actions/connector[/{id}]` for every planned connector. Creates are
    /// never retried, so a failed item was not created twice.
    pub async fn create_many(
        &self,
        planned: &[PlannedConnector],
        on_progress: &dyn Fn(Progress),
    ) -> Vec<ItemResult<Connector>> {
        bounded(
            planned.to_vec(),
            self.concurrency,
            on_progress,
            |p| async move {
                let outcome = async {
                    let kb = self.kb.space(&p.space_id)?;
                    match &p.id {
                        Some(id) => kb.actions().create_with_id(id, &p.connector).await,
                        None => kb.actions().create(&p.connector).await,
                    }
                }
                .await;
                let id = match &outcome {
                    Ok(c) => c.id.clone(),
                    Err(_) => p.id.clone().unwrap_or_default(),
                };
                ItemResult {
                    space_id: p.space_id,
                    id,
                    outcome,
                }
            },
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    #[test]
    fn bounded_keeps_input_order_and_reports_progress() {
        let seen = RefCell::new(Vec::new());
        let out = futures_executor_lite(bounded(
            vec![3, 1, 2],
            2,
            &|p| seen.borrow_mut().push((p.done, p.total)),
            |n| async move { n * 10 },
        ));
        assert_eq!(out, [30, 10, 20]);
        assert_eq!(*seen.borrow(), [(0, 3), (1, 3), (2, 3), (3, 3)]);
    }

    #[test]
    fn error_reports_carry_the_kind_and_status() {
        let e = Error::from_status(
            404,
            r#"{"statusCode":404,"error":"Not Found","message":"Saved object [action/b] not found"}"#.into(),
            "ops",
        );
        let r = ErrorReport::from(&e);
        assert_eq!((r.kind.as_str(), r.status), ("NotFoundError", Some(404)));
        assert!(r.message.contains("Saved object [action/b] not found"));
        let network = ErrorReport::from(&Error::Timeout {
            after: std::time::Duration::from_secs(1),
        });
        assert_eq!(
            (network.kind.as_str(), network.status),
            ("TimeoutError", None)
        );
    }

    /// Polls a future that never waits on I/O to completion.
    fn futures_executor_lite<F: Future>(f: F) -> F::Output {
        let waker = std::task::Waker::noop();
        let mut cx = std::task::Context::from_waker(waker);
        let mut f = std::pin::pin!(f);
        loop {
            if let std::task::Poll::Ready(v) = f.as_mut().poll(&mut cx) {
                return v;
            }
        }
    }
}
