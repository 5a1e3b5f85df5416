//! The result of running a connector, in the shape Kibana's action executors return
//! (contract §1.9 and §6): `ok` with data, or `error` with a message, the service's message,
//! a retry hint and where the error came from.

use serde::Serialize;
use serde_json::{Value, json};

/// An execution result, as Kibana's executor returns it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ExecResult {
    /// The connector id.
    pub connector_id: String,
    /// `ok` or `error`.
    pub status: &'static str,
    /// Type-specific data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<Value>,
    /// Error message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The service's own message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_message: Option<String>,
    /// `true`, `false` or an ISO date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry: Option<Value>,
    /// `user` or `framework` (camelCase on the wire, as in Kibana).
    #[serde(rename = "errorSource", skip_serializing_if = "Option::is_none")]
    pub error_source: Option<&'static str>,
}

impl ExecResult {
    /// Success, with the type's data (none for `.server-log`).
    pub(crate) fn ok(id: &str, data: Option<Value>) -> Self {
        ExecResult {
            connector_id: id.into(),
            status: "ok",
            data,
            message: None,
            service_message: None,
            retry: None,
            error_source: None,
        }
    }

    /// A failure the executor reported: `message`, the service's own words, and whether to retry.
    pub(crate) fn error(
        id: &str,
        message: impl Into<String>,
        service_message: Option<String>,
        retry: Option<Value>,
    ) -> Self {
        ExecResult {
            connector_id: id.into(),
            status: "error",
            data: None,
            message: Some(message.into()),
            service_message,
            retry,
            error_source: None,
        }
    }

    /// A params validation failure: `retry:false`, `errorSource:"user"`.
    pub(crate) fn invalid_params(id: &str, msg: &str) -> Self {
        ExecResult {
            retry: Some(json!(false)),
            error_source: Some("user"),
            ..Self::error(
                id,
                format!("error validating action params: {msg}"),
                None,
                None,
            )
        }
    }

    /// An executor that threw: Kibana's generic message, `retry:true`, `errorSource:"framework"`.
    pub(crate) fn threw(id: &str, service_message: String) -> Self {
        ExecResult {
            error_source: Some("framework"),
            ..Self::error(
                id,
                "an error occurred while running the action",
                Some(service_message),
                Some(json!(true)),
            )
        }
    }

    /// Like [`ExecResult::threw`], for a failure of the caller's own making (sub-action params
    /// that do not validate): `errorSource: user`.
    pub(crate) fn threw_by_user(id: &str, service_message: String) -> Self {
        ExecResult {
            error_source: Some("user"),
            ..Self::threw(id, service_message)
        }
    }

    /// A failure with no retry hint (most executors' way of failing).
    pub(crate) fn failed(
        id: &str,
        message: impl Into<String>,
        service_message: Option<String>,
    ) -> Self {
        Self::error(id, message, service_message, None)
    }

    /// What a sub-action service returned: its data, or the error it threw.
    pub(crate) fn from_service(id: &str, outcome: Result<Value, String>) -> Self {
        match outcome {
            Ok(data) => Self::ok(id, Some(data)),
            Err(e) => Self::threw(id, e),
        }
    }

    /// The JSON the current `_execute` route answers.
    pub fn to_wire(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}
