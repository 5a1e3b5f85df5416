//! What handlers answer, and the JSON responses Kibana sends (its content type, its error body).

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::error::KibanaError;

/// A handler's successful answer.
#[derive(Debug)]
pub enum Reply {
    /// 200 with JSON.
    Json(Value),
    /// 204 with no body.
    NoContent,
}

/// JSON response with Kibana's content type.
pub fn json_response(status: StatusCode, body: &Value) -> Response {
    let mut resp = (status, body.to_string()).into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    resp
}

/// Kibana's error body with the error's status.
pub fn error_response(err: &KibanaError) -> Response {
    json_response(err.status, &err.body())
}
