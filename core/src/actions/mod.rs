//! The Connectors API (Kibana's `actions` plugin): `/api/actions/connector*`.
//!
//! Routes covered: `POST /api/actions/connector[/{id}]`, `GET /api/actions/connector/{id}`,
//! `GET /api/actions/connectors`, `GET /api/actions/connector_types`,
//! `PUT /api/actions/connector/{id}`, `DELETE /api/actions/connector/{id}`,
//! `POST /api/actions/connector/{id}/_execute`. See
//! <https://www.elastic.co/docs/api/doc/kibana/group/endpoint-connectors>.

mod trial;

pub use trial::{TRIAL_ID_PREFIX, TrialRun};

use gloo_net::http::Method;
use serde_json::{Value, json};

use crate::client::Kibana;
use crate::error::{Error, Result};
use crate::models::types::{ConnectorKind, to_object};
use crate::models::{Connector, ConnectorType, CreateConnector, ExecuteResult, UpdateConnector};
use crate::transport::{self, Call};

impl Kibana {
    /// Connector operations in this client's space (`/s/{space}/api/actions/...`).
    pub fn actions(&self) -> Actions<'_> {
        Actions::new(self)
    }
}

/// Connector operations in the client's space. Get one with [`Kibana::actions`].
#[derive(Debug, Clone, Copy)]
pub struct Actions<'a> {
    kb: &'a Kibana,
}

impl<'a> Actions<'a> {
    pub(crate) fn new(kb: &'a Kibana) -> Self {
        Actions { kb }
    }

    fn call<'c>(
        &'c self,
        method: Method,
        segments: &'c [&'c str],
        body: Option<String>,
    ) -> Call<'c> {
        Call::with_body(method, self.kb.space_id(), segments, body)
    }

    fn body<T: serde::Serialize>(value: &T) -> Result<Option<String>> {
        serde_json::to_string(value)
            .map(Some)
            .map_err(|e| Error::InvalidConfig(format!("cannot encode the body: {e}")))
    }

    /// `POST /api/actions/connector`: creates a connector with a random id.
    ///
    /// # Errors
    /// [`Error::BadRequest`] for invalid config or secrets, [`Error::Authorization`] for a
    /// disabled type or a license too low, [`Error::SpaceNotFound`] when the space is missing.
    pub async fn create(&self, connector: &CreateConnector) -> Result<Connector> {
        self.kb.ensure_space().await?;
        let call = self.call(
            Method::POST,
            &["api", "actions", "connector"],
            Self::body(connector)?,
        );
        transport::send_json(self.kb.config(), call).await
    }

    /// `POST /api/actions/connector/{id}`: creates a connector with a chosen id.
    ///
    /// # Errors
    /// As [`create`](Self::create), plus [`Error::Conflict`] when the id exists in any space.
    pub async fn create_with_id(&self, id: &str, connector: &CreateConnector) -> Result<Connector> {
        check_id(id)?;
        self.kb.ensure_space().await?;
        let path = ["api", "actions", "connector", id];
        let call = self.call(Method::POST, &path, Self::body(connector)?);
        transport::send_json(self.kb.config(), call).await
    }

    /// `GET /api/actions/connector/{id}`.
    ///
    /// # Errors
    /// [`Error::NotFound`] when the connector is not in this space.
    pub async fn get(&self, id: &str) -> Result<Connector> {
        check_id(id)?;
        self.kb.ensure_space().await?;
        transport::send_json(
            self.kb.config(),
            self.call(Method::GET, &["api", "actions", "connector", id], None),
        )
        .await
    }

    /// `HEAD /api/actions/connector/{id}`: whether a connector with this id is in this space
    /// (or preconfigured), without reading it, as Kibana 9.4's form checks an id before
    /// creating (PR #264966). Ids are global across spaces: an id free here may be taken in
    /// another space; check each, and expect [`Error::Conflict`] from a create regardless.
    ///
    /// # Errors
    /// Network, authentication and authorization errors; a missing space.
    pub async fn exists(&self, id: &str) -> Result<bool> {
        check_id(id)?;
        self.kb.ensure_space().await?;
        let path = ["api", "actions", "connector", id];
        let call = self.call(Method::HEAD, &path, None);
        match transport::send(self.kb.config(), call).await {
            Ok(_) => Ok(true),
            Err(Error::NotFound(_)) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// `GET /api/actions/connectors`: every connector of the space plus the preconfigured ones,
    /// sorted by name, each with `referenced_by_count`.
    ///
    /// # Errors
    /// [`Error::Authorization`] without read privilege in the space.
    pub async fn get_all(&self) -> Result<Vec<Connector>> {
        self.kb.ensure_space().await?;
        transport::send_json(
            self.kb.config(),
            self.call(Method::GET, &["api", "actions", "connectors"], None),
        )
        .await
    }

    /// `GET /api/actions/connector_types`: every type, with whether it is enabled and why not.
    ///
    /// # Errors
    /// Network and authentication errors.
    pub async fn list_types(&self) -> Result<Vec<ConnectorType>> {
        transport::send_json(
            self.kb.config(),
            self.call(Method::GET, &["api", "actions", "connector_types"], None),
        )
        .await
    }

    /// `GET /api/actions/connector_types?feature_id=...`: the types a feature (e.g. `alerting`,
    /// `cases`) can use. An unknown feature gives an empty list.
    ///
    /// # Errors
    /// Network and authentication errors.
    pub async fn list_types_for_feature(&self, feature_id: &str) -> Result<Vec<ConnectorType>> {
        let query = [("feature_id", feature_id)];
        let call = Call {
            query: &query,
            ..self.call(Method::GET, &["api", "actions", "connector_types"], None)
        };
        transport::send_json(self.kb.config(), call).await
    }

    /// `PUT /api/actions/connector/{id}`: a **full replace** of name, config and secrets.
    /// Secrets not sent are erased, so send them every time (Kibana never returns them).
    ///
    /// # Errors
    /// [`Error::NotFound`], [`Error::BadRequest`] (validation, preconfigured connectors).
    pub async fn update(&self, id: &str, update: &UpdateConnector) -> Result<Connector> {
        check_id(id)?;
        self.kb.ensure_space().await?;
        let path = ["api", "actions", "connector", id];
        let call = self.call(Method::PUT, &path, Self::body(update)?);
        transport::send_json(self.kb.config(), call).await
    }

    /// `DELETE /api/actions/connector/{id}`: Kibana answers 204.
    ///
    /// # Errors
    /// [`Error::NotFound`], [`Error::BadRequest`] for preconfigured connectors.
    pub async fn delete(&self, id: &str) -> Result<()> {
        check_id(id)?;
        self.kb.ensure_space().await?;
        transport::send(
            self.kb.config(),
            self.call(Method::DELETE, &["api", "actions", "connector", id], None),
        )
        .await?;
        Ok(())
    }

    /// `POST /api/actions/connector/{id}/_execute`: runs a connector. A connector that fails
    /// still gives `Ok` with `status: Error` (Kibana answers 200); use
    /// [`ExecuteResult::into_result`] to turn that into an [`Error::Execution`]. Never retried.
    ///
    /// # Errors
    /// [`Error::NotFound`], [`Error::Authorization`]; `params` must be a JSON object.
    pub async fn execute(&self, id: &str, params: Value) -> Result<ExecuteResult> {
        check_id(id)?;
        if !params.is_object() {
            return Err(Error::InvalidConfig(
                "execute params must be a JSON object".into(),
            ));
        }
        self.kb.ensure_space().await?;
        let body = Self::body(&json!({ "params": params }))?;
        let path = ["api", "actions", "connector", id, "_execute"];
        let call = self.call(Method::POST, &path, body);
        transport::send_json(self.kb.config(), call).await
    }
}

impl Actions<'_> {
    /// `POST /api/actions/connector/{id}/_execute` with typed params; see [`execute`](Self::execute).
    ///
    /// # Errors
    /// As [`execute`](Self::execute); [`Error::InvalidConfig`] when the params do not serialise.
    pub async fn execute_typed<K: ConnectorKind>(
        &self,
        id: &str,
        params: &K::Params,
    ) -> Result<ExecuteResult> {
        self.execute(id, Value::Object(to_object(params)?)).await
    }
}

/// Connector ids travel in the URL path; an empty one would address another route.
fn check_id(id: &str) -> Result<()> {
    if id.trim().is_empty() {
        return Err(Error::InvalidConfig(
            "a connector id must not be empty".into(),
        ));
    }
    Ok(())
}
