//! A tiny Elasticsearch-style read API over the documents `.index` connectors wrote, so the
//! classic "check your index" step works: `GET /{index}/_search`, `GET /{index}/_count`.
//! CORS is open: it is a local test helper, not Elasticsearch.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::json;

use crate::reply::json_response;
use crate::state::Sim;

#[derive(serde::Deserialize)]
struct SearchQuery {
    size: Option<usize>,
}

fn open_cors(mut r: Response) -> Response {
    r.headers_mut()
        .insert("access-control-allow-origin", HeaderValue::from_static("*"));
    r
}

fn index_missing(index: &str) -> Response {
    json_response(
        StatusCode::NOT_FOUND,
        &json!({"error": {"root_cause": [{"type": "index_not_found_exception", "reason": format!("no such index [{index}]")}],
            "type": "index_not_found_exception", "reason": format!("no such index [{index}]"), "index": index}, "status": 404}),
    )
}

async fn search(
    State(sim): State<Arc<Sim>>,
    Path(index): Path<String>,
    Query(q): Query<SearchQuery>,
) -> Response {
    let size = q.size.unwrap_or(10).min(10_000);
    let response = match sim.store.documents(&index, size) {
        Ok((0, _)) => index_missing(&index),
        Ok((total, docs)) => {
            let hits: Vec<_> = docs
                .into_iter()
                .map(|(id, source)| json!({"_index": index, "_id": id, "_score": 1.0, "_source": source}))
                .collect();
            json_response(
                StatusCode::OK,
                &json!({"took": 1, "timed_out": false, "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
                    "hits": {"total": {"value": total, "relation": "eq"}, "max_score": 1.0, "hits": hits}}),
            )
        }
        Err(e) => json_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            &json!({"error": e.to_string(), "status": 500}),
        ),
    };
    open_cors(response)
}

async fn count(State(sim): State<Arc<Sim>>, Path(index): Path<String>) -> Response {
    let response = match sim.store.documents(&index, 0) {
        Ok((0, _)) => index_missing(&index),
        Ok((total, _)) => json_response(
            StatusCode::OK,
            &json!({"count": total, "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0}}),
        ),
        Err(e) => json_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            &json!({"error": e.to_string(), "status": 500}),
        ),
    };
    open_cors(response)
}

async fn root(_: HeaderMap) -> impl IntoResponse {
    open_cors(json_response(
        StatusCode::OK,
        &json!({"name": "kibana-sim", "cluster_name": "kibana-sim", "version": {"number": "9.2.0"}, "tagline": "You Know, for Search"}),
    ))
}

/// The router of the Elasticsearch-style port.
pub fn router(sim: Arc<Sim>) -> Router {
    Router::new()
        .route("/", get(root))
        .route("/{index}/_search", get(search).post(search))
        .route("/{index}/_count", get(count))
        .with_state(sim)
}
