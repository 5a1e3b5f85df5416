//! `GET /api/status` and `GET /api/licensing/info`.

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

/// The licence as Kibana's licensing plugin serves it: the `License` object's JSON
/// (`x-pack/platform/plugins/shared/licensing/server/routes/info.ts` returns
/// `context.licensing.license`; `common/license.ts` `toJSON` gives `license` with `uid`,
/// `status`, `type`, `mode` and `expiryDateInMillis`, then `features` and `signature`).
/// Any authenticated caller may read it (the route opts out of authorization).
pub fn licensing_info(ctx: &Ctx<'_>) -> KbResult<Reply> {
    let license = ctx.sim.config.license.as_str();
    // Basic never expires (Kibana leaves the date out); the others carry a fixed date.
    let expiry: i64 = if license == "basic" {
        0
    } else {
        1_830_297_600_000
    };
    let mut info = json!({
        "uid": "5b2de169-0000-4000-8000-000000000001",
        "status": "active",
        "type": license,
        "mode": license,
    });
    if expiry > 0 {
        info["expiryDateInMillis"] = json!(expiry);
    }
    Ok(Reply::Json(json!({
        "license": info,
        "features": {
            "actions": { "isAvailable": true, "isEnabled": true },
            "alerting": { "isAvailable": true, "isEnabled": true }
        },
        "signature": "sim"
    })))
}
