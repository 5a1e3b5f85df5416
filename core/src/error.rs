//! The client's one error type.

use std::time::Duration;

use serde::Deserialize;

/// `1500 ms`, `30 s`: integers only, so the binary carries no float formatting.
pub(crate) fn millis(d: Duration) -> String {
    match d.as_millis() {
        ms if ms % 1000 == 0 => format!("{} s", ms / 1000),
        ms => format!("{ms} ms"),
    }
}

/// Kibana's answer to a failed request, kept whole.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiError {
    /// HTTP status.
    pub status: u16,
    /// Kibana's `message` (or the reason phrase when the body was not Kibana's error shape).
    pub message: String,
    /// The raw response body.
    pub body: String,
    /// The space the request ran in.
    pub space_id: String,
}

/// Everything that can go wrong.
///
/// HTTP errors are split by status so callers can match on what they mean; every variant
/// carries Kibana's own message. Secrets never appear in any variant.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// 400: Kibana refused the request (validation, preconfigured connector rules, ...).
    #[error("Kibana rejected the request (400): {}", .0.message)]
    BadRequest(ApiError),
    /// 401: no or wrong credentials.
    #[error("Kibana did not accept the credentials (401): {}", .0.message)]
    Authentication(ApiError),
    /// 403: the credentials lack a privilege, or the type is disabled or needs a better license.
    #[error("not allowed (403): {}", .0.message)]
    Authorization(ApiError),
    /// 404: no such connector in this space (or no such route: check the base URL and base path).
    #[error("not found (404): {}", .0.message)]
    NotFound(ApiError),
    /// 409: the id is taken (connector ids are unique across all spaces).
    #[error("conflict (409): {}", .0.message)]
    Conflict(ApiError),
    /// Any other HTTP status.
    #[error("Kibana answered {}: {}", .0.status, .0.message)]
    Api(ApiError),
    /// The space id is not valid (checked before any request).
    #[error("invalid space id {space_id:?}: {reason}")]
    InvalidSpaceId {
        /// The id given.
        space_id: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The space does not exist (Kibana itself would silently accept it).
    #[error("space {space_id:?} does not exist")]
    SpaceNotFound {
        /// The space id.
        space_id: String,
    },
    /// The request never got an answer: Kibana unreachable, or the browser blocked it.
    #[error("network error: {message}{}", hint.as_ref().map(|h| format!(" ({h})")).unwrap_or_default())]
    Network {
        /// What the browser reported.
        message: String,
        /// A likely cause, e.g. CORS, when the browser hides it.
        hint: Option<String>,
    },
    /// No answer within the configured timeout; the request was aborted.
    #[error("no answer from Kibana within {}", millis(*after))]
    Timeout {
        /// The timeout that elapsed.
        after: Duration,
    },
    /// The answer was not what Kibana sends; `path` says where.
    #[error("unexpected response at {path}: {message}")]
    Decode {
        /// JSON path of the problem (`.` for the root).
        path: String,
        /// What was wrong.
        message: String,
    },
    /// The client configuration or a request is invalid (detected before sending).
    #[error("invalid configuration: {0}")]
    InvalidConfig(String),
    /// A connector ran and failed (`status:"error"` in Kibana's execute result).
    #[error("connector {connector_id} failed: {message}{}", service_message.as_ref().map(|m| format!(": {m}")).unwrap_or_default())]
    Execution {
        /// The connector id.
        connector_id: String,
        /// Kibana's `message`.
        message: String,
        /// The service's own message.
        service_message: Option<String>,
        /// Whether and when Kibana suggests retrying.
        retry: Option<crate::models::Retry>,
    },
}

/// Shorthand result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Deserialize)]
struct BoomBody {
    message: Option<String>,
}

impl Error {
    /// The kind as a stable name (`NotFoundError`, `ConflictError`, ...): the JS `Error.name`,
    /// and what per-item reports carry.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::BadRequest(_) => "BadRequestError",
            Error::Authentication(_) => "AuthenticationError",
            Error::Authorization(_) => "AuthorizationError",
            Error::NotFound(_) => "NotFoundError",
            Error::Conflict(_) => "ConflictError",
            Error::Api(_) => "KibanaApiError",
            Error::InvalidSpaceId { .. } => "InvalidSpaceIdError",
            Error::SpaceNotFound { .. } => "SpaceNotFoundError",
            Error::Network { .. } => "NetworkError",
            Error::Timeout { .. } => "TimeoutError",
            Error::Decode { .. } => "DecodeError",
            Error::InvalidConfig(_) => "InvalidConfigError",
            Error::Execution { .. } => "ExecutionError",
        }
    }

    /// Maps a non-2xx answer to the matching variant, decoding Kibana's
    /// `{statusCode, error, message}` body when there is one.
    pub fn from_status(status: u16, body: String, space_id: &str) -> Self {
        let message = serde_json::from_str::<BoomBody>(&body)
            .ok()
            .and_then(|b| b.message)
            .unwrap_or_else(|| reason_phrase(status).to_string());
        let api = ApiError {
            status,
            message,
            body,
            space_id: space_id.to_string(),
        };
        match status {
            400 => Error::BadRequest(api),
            401 => Error::Authentication(api),
            403 => Error::Authorization(api),
            404 => Error::NotFound(api),
            409 => Error::Conflict(api),
            _ => Error::Api(api),
        }
    }

    /// The HTTP status, for errors that came from an HTTP answer.
    pub fn status(&self) -> Option<u16> {
        self.api().map(|a| a.status)
    }

    /// Kibana's error details, for errors that came from an HTTP answer.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::BadRequest(a)
            | Error::Authentication(a)
            | Error::Authorization(a)
            | Error::NotFound(a)
            | Error::Conflict(a)
            | Error::Api(a) => Some(a),
            _ => None,
        }
    }
}

fn reason_phrase(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        413 => "Payload Too Large",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Unexpected status",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boom_bodies_give_kibanas_message() {
        let body =
            r#"{"statusCode":409,"error":"Conflict","message":"Saved object [action/x] conflict"}"#;
        let e = Error::from_status(409, body.into(), "default");
        assert!(
            matches!(&e, Error::Conflict(a) if a.message == "Saved object [action/x] conflict")
        );
        assert_eq!(e.status(), Some(409));
        assert_eq!(
            e.to_string(),
            "conflict (409): Saved object [action/x] conflict"
        );
    }

    #[test]
    fn other_bodies_keep_status_and_text() {
        let e = Error::from_status(502, "<html>bad gateway</html>".into(), "ops");
        let api = e.api().unwrap();
        assert_eq!(
            (api.status, api.message.as_str(), api.body.as_str()),
            (502, "Bad Gateway", "<html>bad gateway</html>")
        );
        assert!(matches!(e, Error::Api(_)));
    }
}
