//! Argument and option shapes of the JS API, with their TypeScript declarations.

use serde::Deserialize;
use serde_json::{Map, Value};
use tsify::Tsify;

use crate::{CreateConnector, Secrets};

/// Options of `new Kibana(url, options)`.
#[derive(Debug, Default, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct KibanaOptions {
    /// An encoded API key (`base64(id:key)`, the `encoded` value Elasticsearch returns).
    #[tsify(optional)]
    pub api_key: Option<String>,
    /// An API key id, with `apiKeySecret`.
    #[tsify(optional)]
    pub api_key_id: Option<String>,
    /// An API key secret, with `apiKeyId`.
    #[tsify(optional)]
    pub api_key_secret: Option<String>,
    /// Basic auth user, with `password`.
    #[tsify(optional)]
    pub username: Option<String>,
    /// Basic auth password.
    #[tsify(optional)]
    pub password: Option<String>,
    /// A bearer token.
    #[tsify(optional)]
    pub bearer_token: Option<String>,
    /// Per-request timeout in milliseconds (default 30000).
    #[tsify(optional)]
    pub timeout_ms: Option<u32>,
    /// fetch `credentials` (default `"omit"`; `"include"` for Kibana cookie sessions).
    #[tsify(optional, type = "\"omit\" | \"same-origin\" | \"include\"")]
    pub credentials: Option<String>,
    /// Extra headers (refused when they would fail Kibana's CORS preflight).
    #[tsify(optional, type = "Record<string, string>")]
    pub headers: Option<std::collections::BTreeMap<String, String>>,
    /// Retries of GET requests on 429/502/503/504 (default 3).
    #[tsify(optional)]
    pub max_retries: Option<u32>,
    /// Check that a space exists before using it (default true).
    #[tsify(optional)]
    pub check_spaces: Option<bool>,
}

/// A new connector's fields, as `actions.create`, `actions.trialRun` and `bulk.createMany`
/// take them.
#[derive(Debug, Clone, Deserialize, Tsify)]
pub struct ConnectorFields {
    /// Display name.
    pub name: String,
    /// Type id, e.g. `.index`.
    pub connector_type_id: String,
    /// Type config.
    #[serde(default)]
    #[tsify(optional, type = "Record<string, unknown>")]
    pub config: Map<String, Value>,
    /// Type secrets.
    #[serde(default)]
    #[tsify(optional, type = "Record<string, unknown>")]
    pub secrets: Map<String, Value>,
}

impl From<ConnectorFields> for CreateConnector {
    fn from(f: ConnectorFields) -> Self {
        CreateConnector {
            name: f.name,
            connector_type_id: f.connector_type_id,
            config: f.config,
            secrets: Secrets(f.secrets),
        }
    }
}

/// `actions.create(...)`: the connector's fields, and where and under which id to create it.
#[derive(Debug, Deserialize, Tsify)]
pub struct CreateConnectorRequest {
    /// The new connector.
    #[serde(flatten)]
    pub connector: ConnectorFields,
    /// A chosen id (unique across spaces); random when absent.
    #[tsify(optional)]
    pub id: Option<String>,
    /// The space (default: the client's).
    #[tsify(optional)]
    pub space_id: Option<String>,
}

/// `actions.get(...)` and `actions.delete(...)`.
#[derive(Debug, Deserialize, Tsify)]
pub struct ConnectorRef {
    /// The connector id.
    pub id: String,
    /// The space (default: the client's).
    #[tsify(optional)]
    pub space_id: Option<String>,
}

/// `actions.getAll(...)`.
#[derive(Debug, Default, Deserialize, Tsify)]
pub struct SpaceRef {
    /// The space (default: the client's).
    #[tsify(optional)]
    pub space_id: Option<String>,
}

/// `actions.listTypes(...)`.
#[derive(Debug, Default, Deserialize, Tsify)]
pub struct ListTypesRequest {
    /// Only types this feature can use (`alerting`, `cases`, ...).
    #[tsify(optional)]
    pub feature_id: Option<String>,
    /// The space (default: the client's).
    #[tsify(optional)]
    pub space_id: Option<String>,
}

/// `actions.update(...)`: a full replace, so send the secrets again.
#[derive(Debug, Deserialize, Tsify)]
pub struct UpdateConnectorRequest {
    /// The connector id.
    pub id: String,
    /// New name.
    pub name: String,
    /// The complete config.
    #[serde(default)]
    #[tsify(optional, type = "Record<string, unknown>")]
    pub config: Map<String, Value>,
    /// The complete secrets.
    #[serde(default)]
    #[tsify(optional, type = "Record<string, unknown>")]
    pub secrets: Map<String, Value>,
    /// The space (default: the client's).
    #[tsify(optional)]
    pub space_id: Option<String>,
}

/// `actions.execute(...)`.
#[derive(Debug, Deserialize, Tsify)]
pub struct ExecuteConnectorRequest {
    /// The connector id.
    pub id: String,
    /// Type-specific params.
    #[tsify(type = "Record<string, unknown>")]
    pub params: Map<String, Value>,
    /// The space (default: the client's).
    #[tsify(optional)]
    pub space_id: Option<String>,
}

/// The CORS doctor's answer.
#[derive(Debug, serde::Serialize, Tsify)]
pub struct DiagnosisReport {
    /// `ok`, `bad_credentials`, `unreachable`, `cors_blocked`, `preflight_refused` or `unexpected`.
    #[tsify(
        type = "\"ok\" | \"bad_credentials\" | \"unreachable\" | \"cors_blocked\" | \"preflight_refused\" | \"unexpected\""
    )]
    pub outcome: String,
    /// Kibana's version when `ok`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub version: Option<String>,
    /// Plain words for a person.
    pub explanation: String,
    /// kibana.yml lines that fix it, when the fix is there.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub kibana_yml: Option<String>,
}
