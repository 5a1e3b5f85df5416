//! Route handlers, after the lifecycle checks in `server.rs`.

mod connectors;
mod legacy;
mod spaces;
mod status;

use serde_json::{Map, Value};

use crate::error::{KbResult, KibanaError};
use crate::reply::Reply;
use crate::routes::Route;
use crate::schema;
use crate::state::Ctx;

/// Runs the handler of a matched route.
pub async fn dispatch(ctx: &Ctx<'_>, route: Route) -> KbResult<Reply> {
    match route {
        Route::Status => status::get(ctx),
        Route::CreateConnector(id) => connectors::create(ctx, id).map(Reply::Json),
        Route::GetConnector(id) => connectors::get(ctx, &id).map(Reply::Json),
        Route::UpdateConnector(id) => connectors::update(ctx, &id).map(Reply::Json),
        Route::DeleteConnector(id) => connectors::delete(ctx, &id).map(|()| Reply::NoContent),
        Route::ExecuteConnector(id) => connectors::execute(ctx, &id).await.map(Reply::Json),
        Route::ListConnectors => connectors::list(ctx).map(Reply::Json),
        Route::ListTypes => connectors::list_types(ctx).map(Reply::Json),
        Route::ListSpaces => spaces::list(ctx).map(Reply::Json),
        Route::GetSpace(id) => spaces::get(ctx, &id).map(Reply::Json),
        Route::CreateSpace => spaces::create(ctx).map(Reply::Json),
        Route::UpdateSpace(id) => spaces::update(ctx, &id).map(Reply::Json),
        Route::DeleteSpace(id) => spaces::delete(ctx, &id).map(|()| Reply::NoContent),
        Route::Legacy(r) => legacy::dispatch(ctx, r).await,
    }
}

/// Validates a request body object against a route schema, with `[request body.x]` messages.
fn validate_body(body: &Value, fields: &[schema::Field]) -> KbResult<Map<String, Value>> {
    let Value::Object(map) = body else {
        return Err(KibanaError::bad_request(format!(
            "[request body]: expected a plain object value, but found [{}] instead.",
            schema::type_name(Some(body))
        )));
    };
    schema::check_object(fields, map, "request body").map_err(KibanaError::bad_request)
}

/// Rejects query parameters a route does not declare.
fn validate_query(ctx: &Ctx<'_>, allowed: &[&str]) -> KbResult<()> {
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
fn internal(e: impl std::fmt::Display) -> KibanaError {
    tracing::error!("store failure: {e}");
    KibanaError::new(
        axum::http::StatusCode::INTERNAL_SERVER_ERROR,
        "An internal server error occurred.",
    )
}
