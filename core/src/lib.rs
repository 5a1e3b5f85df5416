//! `kibana-connectors`: a typed client for Kibana's Connectors (Actions) and Spaces APIs,
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
//! Rules worth knowing:
//! - Every non-2xx answer is an `Err` whose variant follows the status ([`Error::NotFound`],
//!   [`Error::Conflict`], ...), with Kibana's message.
//! - A connector that fails when run is **not** an HTTP error (Kibana answers 200 with
//!   `status:"error"`); [`ExecuteResult::into_result`] turns it into [`Error::Execution`].
//! - Updates are full replaces: send the secrets again.
//! - Only GETs are retried (on 429/502/503/504, honouring `Retry-After`).
//! - Cross-origin use needs `server.cors.enabled: true` in kibana.yml.
//!
//! Features: `js` adds the JavaScript/TypeScript bindings.

#![warn(missing_docs, missing_debug_implementations)]

pub mod actions;
mod client;
mod config;
mod diagnose;
mod error;
#[cfg(feature = "js")]
#[cfg_attr(docsrs, doc(cfg(feature = "js")))]
pub mod js;
pub mod models;
pub mod spaces;
mod transport;

pub use client::{Kibana, KibanaBuilder, validate_space_id};
pub use config::{Auth, BaseUrl, CORS_ALLOWED_HEADERS, Credentials};
pub use diagnose::{Diagnosis, Report, cors_fix};
pub use error::{ApiError, Error, Result};
pub use models::{
    Connector, ConnectorType, CreateConnector, ExecuteResult, ExecuteStatus, Retry, Secrets, Space,
    Status, UpdateConnector,
};
