//! Kibana's error responses: Boom's `{statusCode, error, message}` payload.
//!
//! Kibana turns every handler error into this shape (`HapiResponseAdapter.toError`); `error` is
//! the reason phrase of the status and `message` defaults to it when the handler gave none.

use axum::http::StatusCode;
use serde_json::json;

/// An HTTP error as Kibana answers it.
#[derive(Debug, Clone, PartialEq)]
pub struct KibanaError {
    /// The HTTP status.
    pub status: StatusCode,
    /// Kibana's `message` field.
    pub message: String,
}

impl KibanaError {
    /// An error with an explicit message.
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
        }
    }

    /// An error whose message is the reason phrase, as `response.notFound()` gives.
    pub fn plain(status: StatusCode) -> Self {
        Self::new(status, reason(status))
    }

    /// 400 Bad Request.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    /// 403 Forbidden.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, message)
    }

    /// 404 with Kibana's saved-object message for a missing connector.
    pub fn connector_not_found(id: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            format!("Saved object [action/{id}] not found"),
        )
    }

    /// The JSON body Kibana sends.
    pub fn body(&self) -> serde_json::Value {
        json!({
            "statusCode": self.status.as_u16(),
            "error": reason(self.status),
            "message": self.message,
        })
    }
}

/// The HTTP reason phrase hapi/Boom uses for `error`.
pub fn reason(status: StatusCode) -> &'static str {
    status.canonical_reason().unwrap_or("Unknown")
}

impl std::fmt::Display for KibanaError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.status.as_u16(), self.message)
    }
}

impl std::error::Error for KibanaError {}

/// Result of a Kibana handler.
pub type KbResult<T> = Result<T, KibanaError>;
