//! `GET /api/status`.

use serde_json::json;

use crate::error::KbResult;
use crate::reply::Reply;
use crate::state::Ctx;

/// The status document (a trimmed version of Kibana's, with the fields clients read).
pub fn get(ctx: &Ctx<'_>) -> KbResult<Reply> {
    let version = &ctx.sim.config.version;
    Ok(Reply::Json(json!({
        "name": "kibana-sim",
        "uuid": "5b2de169-2785-441b-ae8c-186a1936b17d",
        "version": {
            "number": version,
            "build_hash": "sim",
            "build_number": 1,
            "build_snapshot": false,
            "build_flavor": "traditional"
        },
        "status": {
            "overall": { "level": "available", "summary": "All services and plugins are available" },
            "core": {
                "elasticsearch": { "level": "available", "summary": "Elasticsearch is available" },
                "savedObjects": { "level": "available", "summary": "SavedObjects service has completed migrations and is available" }
            },
            "plugins": {}
        },
        "metrics": { "last_updated": crate::exec::now_iso(), "collection_interval_in_millis": 5000 }
    })))
}
