//! What every handler checks of its request before acting (the body and query against the
//! route's schema, with Kibana's `[request body.x]` messages), and how a store failure answers.

use serde_json::{Map, Value};

use crate::error::{KbResult, KibanaError};
use crate::schema;
use crate::state::Ctx;

/// Validates a request body object against a route schema, with `[request body.x]` messages.
pub(super) fn validate_body(
    body: &Value,
    fields: &[schema::Field],
) -> KbResult<Map<String, Value>> {
    let Value::Object(map) = body else {
        return Err(KibanaError::bad_request(format!(
            "[request body]: expected a plain object value, but found [{}] instead.",
            schema::type_name(Some(body))
        )));
    };
    schema::check_object(fields, map, "request body")
        .map_err(|e| KibanaError::bad_request(e.to_string()))
}

/// Rejects query parameters a route does not declare.
pub(super) fn validate_query(ctx: &Ctx<'_>, allowed: &[&str]) -> KbResult<()> {
    match ctx
        .query
        .iter()
        .find(|(k, _)| !allowed.contains(&k.as_str()))
    {
        Some((k, _)) => Err(KibanaError::bad_request(format!(
            "[request query.{k}]: definition for this key is missing"
        ))),
        None => Ok(()),
    }
}

/// A store failure as Kibana's 500.
pub(super) fn internal(e: impl std::fmt::Display) -> KibanaError {
    tracing::error!("store failure: {e}");
    KibanaError::new(
        axum::http::StatusCode::INTERNAL_SERVER_ERROR,
        "An internal server error occurred.",
    )
}
