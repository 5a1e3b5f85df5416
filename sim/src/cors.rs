//! hapi's CORS behaviour as Kibana configures it (`hapi lib/cors.js`, Kibana
//! `get_server_options.ts`): preflight answers and the headers added to normal responses.

use axum::http::{HeaderMap, HeaderValue, StatusCode};
use serde_json::json;

use crate::config::SimConfig;

/// Request headers Kibana lets through a preflight (`corsAllowedHeaders`).
pub const ALLOWED_HEADERS: &[&str] = &[
    "Accept",
    "Authorization",
    "Content-Type",
    "If-None-Match",
    "kbn-xsrf",
];
/// hapi's default `exposedHeaders`.
pub const EXPOSED_HEADERS: &str = "WWW-Authenticate,Server-Authorization";

fn origin_allowed(cfg: &SimConfig, origin: &str) -> bool {
    cfg.cors_allow_origin
        .iter()
        .any(|o| o == "*" || o == origin)
}

/// The outcome of a preflight.
#[derive(Debug)]
pub struct Preflight {
    /// Status to answer.
    pub status: StatusCode,
    /// JSON body, if any (hapi answers rejections with a message and a 200).
    pub body: Option<serde_json::Value>,
    /// CORS headers to add.
    pub headers: HeaderMap,
}

/// Answers an `OPTIONS` request when CORS is enabled. `route_exists` tells whether the
/// requested method has a route at this path.
pub fn preflight(
    cfg: &SimConfig,
    req: &HeaderMap,
    route_exists: impl Fn(&str) -> bool,
) -> Preflight {
    let not_found = |message: &str| Preflight {
        status: StatusCode::NOT_FOUND,
        body: Some(json!({"statusCode":404,"error":"Not Found","message":message})),
        headers: HeaderMap::new(),
    };
    let refused = |message: &str| Preflight {
        status: StatusCode::OK,
        body: Some(json!({ "message": message })),
        headers: HeaderMap::new(),
    };
    let Some(method) = req
        .get("access-control-request-method")
        .and_then(|v| v.to_str().ok())
    else {
        return not_found("CORS error: Missing Access-Control-Request-Method header");
    };
    if !route_exists(method) {
        return not_found("Not Found");
    }
    let Some(origin) = req.get("origin").and_then(|v| v.to_str().ok()) else {
        return not_found("CORS error: Missing Origin header");
    };
    if !origin_allowed(cfg, origin) {
        return refused("CORS error: Origin not allowed");
    }
    if let Some(requested) = req
        .get("access-control-request-headers")
        .and_then(|v| v.to_str().ok())
    {
        let ok = requested
            .split(',')
            .map(str::trim)
            .filter(|h| !h.is_empty())
            .all(|h| {
                h.eq_ignore_ascii_case("origin")
                    || ALLOWED_HEADERS.iter().any(|a| a.eq_ignore_ascii_case(h))
            });
        if !ok {
            return refused("CORS error: Some headers are not allowed");
        }
    }
    let mut headers = HeaderMap::new();
    let put = |h: &mut HeaderMap, k: &'static str, v: &str| {
        if let Ok(v) = HeaderValue::from_str(v) {
            h.insert(k, v);
        }
    };
    put(&mut headers, "access-control-allow-origin", origin);
    put(&mut headers, "access-control-allow-methods", method);
    put(
        &mut headers,
        "access-control-allow-headers",
        &ALLOWED_HEADERS.join(","),
    );
    put(&mut headers, "access-control-max-age", "86400");
    if cfg.cors_allow_credentials {
        put(&mut headers, "access-control-allow-credentials", "true");
    }
    put(
        &mut headers,
        "access-control-expose-headers",
        EXPOSED_HEADERS,
    );
    put(&mut headers, "vary", "origin");
    Preflight {
        status: StatusCode::OK,
        body: None,
        headers,
    }
}

/// Adds hapi's CORS headers to a normal response (CORS enabled).
pub fn decorate(cfg: &SimConfig, req: &HeaderMap, resp: &mut HeaderMap) {
    resp.insert("vary", HeaderValue::from_static("origin"));
    let Some(origin) = req.get("origin").and_then(|v| v.to_str().ok()) else {
        return;
    };
    if !origin_allowed(cfg, origin) {
        return;
    }
    if let Ok(v) = HeaderValue::from_str(origin) {
        resp.insert("access-control-allow-origin", v);
    }
    if cfg.cors_allow_credentials {
        resp.insert(
            "access-control-allow-credentials",
            HeaderValue::from_static("true"),
        );
    }
    resp.insert(
        "access-control-expose-headers",
        HeaderValue::from_static(EXPOSED_HEADERS),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn wildcard_echoes_the_origin() {
        let cfg = SimConfig {
            cors_enabled: true,
            ..SimConfig::default()
        };
        let p = preflight(
            &cfg,
            &headers(&[
                ("origin", "http://a"),
                ("access-control-request-method", "GET"),
            ]),
            |_| true,
        );
        assert_eq!(p.status, StatusCode::OK);
        assert_eq!(p.headers["access-control-allow-origin"], "http://a");
        assert_eq!(
            p.headers["access-control-allow-headers"],
            "Accept,Authorization,Content-Type,If-None-Match,kbn-xsrf"
        );
    }

    #[test]
    fn disallowed_header_is_a_200_with_a_message() {
        let cfg = SimConfig {
            cors_enabled: true,
            ..SimConfig::default()
        };
        let p = preflight(
            &cfg,
            &headers(&[
                ("origin", "http://a"),
                ("access-control-request-method", "GET"),
                ("access-control-request-headers", "kbn-version"),
            ]),
            |_| true,
        );
        assert_eq!(p.status, StatusCode::OK);
        assert_eq!(
            p.body.unwrap()["message"],
            "CORS error: Some headers are not allowed"
        );
        assert!(p.headers.get("access-control-allow-origin").is_none());
    }
}
