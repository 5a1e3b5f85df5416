//! `kibana-connectors`: a typed client for Kibana's Connectors (Actions), Alerting rules and
//! Spaces APIs,
//! for WebAssembly in the browser (and any JS runtime with `fetch`), built on gloo-net.
//!
//! ```no_run
//! use kibana_connectors::{Auth, CreateConnector, Kibana};
//! use serde_json::json;
//!
//! # async fn run() -> kibana_connectors::Result<()> {
//! let kb = Kibana::builder("http://localhost:5601")
//!     .auth(Auth::basic("elastic", "changeme"))
//!     .build()?;
//! // Create an index connector, write a document with it, check it, clean up.
//! let connector = kb
//!     .actions()
//!     .create(&CreateConnector::new("Log Writer", ".index").config(json!({"index": "my-logs"})))
//!     .await?;
//! let result = kb
//!     .actions()
//!     .execute(&connector.id, json!({"documents": [{"message": "hello"}]}))
//!     .await?
//!     .into_result()?;
//! assert!(result.is_ok());
//! let fetched = kb.actions().get(&connector.id).await?;
//! assert_eq!(fetched.name, "Log Writer");
//! kb.actions().delete(&connector.id).await?;
//!
//! // The same in another space:
//! let marketing = kb.space("marketing")?;
//! let in_marketing = marketing.actions().get_all().await?;
//! # let _ = in_marketing;
//! # Ok(()) }
//! ```
//!
//! Errors name what happened (the JS examples in `examples/js` do the same):
//!
//! ```no_run
//! # use kibana_connectors::{CreateConnector, Error, Kibana};
//! # async fn run(kb: Kibana) -> kibana_connectors::Result<()> {
//! match kb.actions().get("does-not-exist").await {
//!     Err(Error::NotFound(api)) => println!("missing: {}", api.message),
//!     other => println!("{other:?}"),
//! }
//! let dup = CreateConnector::new("Errors", ".server-log");
//! kb.actions().create_with_id("my-id", &dup).await?;
//! assert!(matches!(kb.actions().create_with_id("my-id", &dup).await, Err(Error::Conflict(_))));
//! match kb.space("no-such-space")?.actions().get_all().await {
//!     Err(Error::SpaceNotFound { space_id }) => println!("no space {space_id}"),
//!     other => println!("{other:?}"),
//! }
//! assert!(matches!(kb.space("Not Valid"), Err(Error::InvalidSpaceId { .. })));
//! # Ok(()) }
//! ```
//!
//! Re-running a connector that Kibana marks `retry` (Kibana never retries a manual run, and
//! neither does this client, since a run may have side effects):
//!
//! ```no_run
//! # use kibana_connectors::{Error, Kibana, Retry};
//! # async fn run(kb: Kibana, id: &str) -> kibana_connectors::Result<()> {
//! let params = serde_json::json!({"body": "{\"event\":\"deploy\"}"});
//! let mut attempt = 0;
//! let result = loop {
//!     attempt += 1;
//!     match kb.actions().execute(id, params.clone()).await?.into_result() {
//!         Ok(ok) => break ok,
//!         Err(Error::Execution { retry: Some(retry), .. }) if retry.should_retry() && attempt < 5 => {
//!             let wait_ms = match retry {
//!                 Retry::At(_) | Retry::Flag(_) => 100 * 2u32.pow(attempt - 1),
//!             };
//!             gloo_timers::future::sleep(std::time::Duration::from_millis(wait_ms.into())).await;
//!         }
//!         Err(e) => return Err(e),
//!     }
//! };
//! # let _ = result;
//! # Ok(()) }
//! ```
//!
//! Rules worth knowing:
//! - Every non-2xx answer is an `Err` whose variant follows the status ([`Error::NotFound`],
//!   [`Error::Conflict`], ...), with Kibana's message.
//! - A connector that fails when run is **not** an HTTP error (Kibana answers 200 with
//!   `status:"error"`); [`ExecuteResult::into_result`] turns it into [`Error::Execution`].
//! - Updates are full replaces: send the secrets again.
//! - Only GETs are retried (on 429/502/503/504, honouring `Retry-After`).
//! - Cross-origin use needs `server.cors.enabled: true` in kibana.yml.
//!
//! # Features
//!
//! - `js`: the JavaScript/TypeScript bindings ([`js`]): `new Kibana(url, options)` with
//!   `client.actions`, `client.rules`, `client.spaces` and `client.bulk`, every method returning
//!   a `Promise` and throwing typed errors. The npm package `kibana-connectors` is this crate
//!   built with it; Rust users of the client leave it off.
//!
//! The crate is made for `wasm32-unknown-unknown` (it calls the host's `fetch`); it also
//! compiles natively, for models and validation in native tools and tests.

#![cfg_attr(docsrs, feature(doc_cfg))]
#![warn(missing_docs, missing_debug_implementations)]

pub mod actions;
pub mod bulk;
mod client;
mod config;
mod diagnose;
mod error;
#[cfg(any(test, feature = "fuzzing"))]
pub mod fuzzing;
#[cfg(feature = "js")]
#[cfg_attr(docsrs, doc(cfg(feature = "js")))]
pub mod js;
mod json_path;
pub mod models;
pub mod plan;
pub mod rules;
pub mod spaces;
mod transport;

pub use actions::{TRIAL_ID_PREFIX, TrialRun};
pub use bulk::{
    Bulk, ConnectorSet, CopyRequest, DEFAULT_CONCURRENCY, ErrorReport, Inventory, ItemResult,
    MoveOutcome, PlannedConnector, Progress, Target,
};
pub use client::{Kibana, KibanaBuilder};
pub use config::{Auth, BaseUrl, CORS_ALLOWED_HEADERS, Credentials};
pub use diagnose::{Diagnosis, Report, cors_fix};
pub use error::{ApiError, Error, Result};
pub use models::{
    ActionFrequency, Connector, ConnectorType, CreateConnector, CreateRule, DEFAULT_SPACE,
    ExecuteResult, ExecuteStatus, FindRules, License, LicenseInfo, Reference, Retry, Rule,
    RuleAction, RuleType, RulesPage, Schedule, Secrets, Space, Status, UpdateConnector, UpdateRule,
    validate_space_id,
};
pub use rules::{FIND_PAGE_SIZE, Rules};

/// The README's Rust code blocks, compiled as doctests so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;

/// The crate's own README (the one crates.io shows), compiled likewise.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct CrateReadmeDoctests;
