use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::retry::Retry;
use crate::error::Error;

/// Whether a run succeeded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum ExecuteStatus {
    /// The connector ran.
    Ok,
    /// The connector failed; Kibana still answers HTTP 200.
    Error,
}

/// The answer of `POST /api/actions/connector/{id}/_execute`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
#[non_exhaustive]
pub struct ExecuteResult {
    /// The connector that ran.
    pub connector_id: String,
    /// `ok` or `error`.
    pub status: ExecuteStatus,
    /// Type-specific output (e.g. the bulk response of `.index`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional, type = "unknown"))]
    pub data: Option<Value>,
    /// What went wrong.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub message: Option<String>,
    /// The service's own message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub service_message: Option<String>,
    /// Whether to retry (`null` and absent both mean no hint).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub retry: Option<Retry>,
    /// `user` or `framework` (Kibana spells this key in camelCase).
    #[serde(
        default,
        rename = "errorSource",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub error_source: Option<String>,
    /// Fields this client does not model.
    #[serde(flatten)]
    #[cfg_attr(feature = "js", tsify(type = "Record<string, unknown>"))]
    pub extra: Map<String, Value>,
}

impl ExecuteResult {
    /// Whether the connector ran successfully.
    pub fn is_ok(&self) -> bool {
        self.status == ExecuteStatus::Ok
    }

    /// Turns `status:"error"` into [`Error::Execution`].
    ///
    /// # Errors
    /// [`Error::Execution`] with Kibana's message, service message and retry hint.
    pub fn into_result(self) -> Result<Self, Error> {
        match self.status {
            ExecuteStatus::Ok => Ok(self),
            ExecuteStatus::Error => Err(Error::Execution {
                connector_id: self.connector_id,
                message: self
                    .message
                    .unwrap_or_else(|| "the connector failed".into()),
                service_message: self.service_message,
                retry: self.retry,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_decode_with_retry_and_camel_case_error_source() {
        let r: ExecuteResult = serde_json::from_str(
            r#"{"connector_id":"c","status":"error","message":"error calling webhook, retry later","retry":true,"service_message":"[500] Internal Server Error","errorSource":"user"}"#,
        )
        .unwrap();
        assert_eq!(r.retry, Some(Retry::Flag(true)));
        assert_eq!(r.error_source.as_deref(), Some("user"));
        let err = r.into_result().unwrap_err();
        assert_eq!(
            err.to_string(),
            "connector c failed: error calling webhook, retry later: [500] Internal Server Error"
        );
    }

    #[test]
    fn retry_dates_and_nulls() {
        let at: ExecuteResult = serde_json::from_str(
            r#"{"connector_id":"c","status":"error","retry":"2026-01-01T00:00:00.000Z"}"#,
        )
        .unwrap();
        assert_eq!(at.retry, Some(Retry::At("2026-01-01T00:00:00.000Z".into())));
        let null: ExecuteResult =
            serde_json::from_str(r#"{"connector_id":"c","status":"ok","retry":null}"#).unwrap();
        assert_eq!(null.retry, None);
        assert!(null.into_result().is_ok());
    }
}
