//! The one place requests are built and sent: URL (base path + `/s/{space}` + percent-encoded
//! segments), headers (`kbn-xsrf` on every non-GET, `Authorization`), JSON bodies, the timeout
//! (an `AbortController`), retries for idempotent requests only, and the mapping of every
//! non-2xx answer to [`Error`] (gloo-net itself returns `Ok` for 4xx/5xx).

use std::time::Duration;

use gloo_net::http::{Method, RequestBuilder};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;

use crate::config::{Config, Credentials};
use crate::error::{Error, Result};
use crate::models::DEFAULT_SPACE;

/// Characters kept as-is in a path segment (RFC 3986 unreserved).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// One request to send.
#[derive(Debug, Clone)]
pub(crate) struct Call<'a> {
    pub method: Method,
    /// The space the request runs in; `default` adds no prefix.
    pub space: &'a str,
    /// Path segments after the space prefix, e.g. `["api","actions","connector",id]`.
    pub segments: &'a [&'a str],
    pub query: &'a [(&'a str, &'a str)],
    pub body: Option<String>,
}

impl<'a> Call<'a> {
    /// A call without query or body.
    pub fn new(method: Method, space: &'a str, segments: &'a [&'a str]) -> Self {
        Call {
            method,
            space,
            segments,
            query: &[],
            body: None,
        }
    }

    /// A call with a JSON body (or none).
    pub fn with_body(
        method: Method,
        space: &'a str,
        segments: &'a [&'a str],
        body: Option<String>,
    ) -> Self {
        Call {
            body,
            ..Call::new(method, space, segments)
        }
    }

    /// `GET /api/status`, outside any space.
    pub fn status() -> Self {
        Call::new(Method::GET, DEFAULT_SPACE, &["api", "status"])
    }

    /// `GET /api/licensing/info`, outside any space.
    pub fn licensing_info() -> Self {
        Call::new(Method::GET, DEFAULT_SPACE, &["api", "licensing", "info"])
    }

    /// Only reads (GET, HEAD) are retried: create, update, execute and delete are never sent
    /// twice.
    fn idempotent(&self) -> bool {
        self.method == Method::GET || self.method == Method::HEAD
    }
}

/// Builds the full URL of a call.
pub(crate) fn url(base: &str, call: &Call<'_>) -> String {
    let mut out = base.to_string();
    if call.space != DEFAULT_SPACE {
        out.push_str("/s/");
        out.push_str(&utf8_percent_encode(call.space, SEGMENT).to_string());
    }
    for segment in call.segments {
        out.push('/');
        out.push_str(&utf8_percent_encode(segment, SEGMENT).to_string());
    }
    for (i, (k, v)) in call.query.iter().enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        out.push_str(&utf8_percent_encode(k, SEGMENT).to_string());
        out.push('=');
        out.push_str(&utf8_percent_encode(v, SEGMENT).to_string());
    }
    out
}

/// The headers of a call, in order. Only CORS-safe names (see `config::CORS_ALLOWED_HEADERS`).
pub(crate) fn headers(cfg: &Config, call: &Call<'_>) -> Vec<(String, String)> {
    let mut out = vec![("Accept".to_string(), "application/json".to_string())];
    if call.body.is_some() {
        out.push(("Content-Type".into(), "application/json".into()));
    }
    // Kibana only checks that kbn-xsrf is present, on every non-GET route.
    if call.method != Method::GET {
        out.push(("kbn-xsrf".into(), "kibana-connectors".into()));
    }
    if let Some(auth) = cfg.auth.header_value() {
        out.push(("Authorization".into(), auth));
    }
    out.extend(cfg.headers.iter().cloned());
    out
}

/// Statuses worth retrying for an idempotent request.
pub(crate) fn retryable(status: u16) -> bool {
    matches!(status, 429 | 502 | 503 | 504)
}

/// How long to wait before retry number `attempt` (0-based): `Retry-After` when given
/// (capped at 30 s), else exponential backoff from 200 ms, capped at 5 s.
///
/// Cross-origin, the browser hides `Retry-After` (it is not CORS-safelisted and Kibana only
/// exposes `WWW-Authenticate, Server-Authorization`), so there the backoff applies; same-origin
/// (through a proxy) and in Node the header is honoured.
pub(crate) fn backoff(attempt: u32, retry_after: Option<Duration>) -> Duration {
    match retry_after {
        Some(d) => d.min(Duration::from_secs(30)),
        None => Duration::from_millis(200u64.saturating_mul(1 << attempt.min(5)))
            .min(Duration::from_secs(5)),
    }
}

/// Parses `Retry-After`: delta seconds or an HTTP date.
fn parse_retry_after(value: &str) -> Option<Duration> {
    if let Ok(secs) = value.trim().parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = js_sys::Date::parse(value);
    if at.is_nan() {
        return None;
    }
    let ms = (at - js_sys::Date::now()).max(0.0);
    Some(Duration::from_millis(ms as u64))
}

/// Decodes a JSON body with the path of the first problem.
pub(crate) fn decode<T: DeserializeOwned>(text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| Error::Decode {
        path: crate::json_path::path_at(text, crate::json_path::offset(text, e.line(), e.column())),
        message: e.to_string(),
    })
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The global `fetch` (window, worker or Node alike) with a URL and an init.
    #[wasm_bindgen(js_name = fetch)]
    fn fetch_with_init(url: &str, init: &web_sys::RequestInit) -> js_sys::Promise;
}

/// The message of a rejected fetch (a `TypeError` such as "Failed to fetch").
fn js_error_message(e: &wasm_bindgen::JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.to_string()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}

/// A raw answer: status and body text.
#[derive(Debug)]
pub(crate) struct Answer {
    pub status: u16,
    pub text: String,
}

/// The hint for a fetch that failed without an answer: browsers hide the cause.
fn network_hint(cfg: &Config) -> Option<String> {
    if cfg.base.same_origin {
        return Some("is the proxy running and forwarding to Kibana?".into());
    }
    Some(format!(
        "Kibana at {} is unreachable, or it blocked this page with CORS (server.cors.enabled and server.cors.allowOrigin in kibana.yml); Kibana::diagnose tells which",
        cfg.base.as_str()
    ))
}

async fn send_once(
    cfg: &Config,
    call: &Call<'_>,
    full_url: &str,
) -> Result<(Answer, Option<Duration>)> {
    let millis = u32::try_from(cfg.timeout.as_millis()).unwrap_or(u32::MAX);
    // The browser's own timeout signal: no JS timer or closure per request, which keeps the
    // client's per-call cost near a bare fetch.
    let signal = web_sys::AbortSignal::timeout_with_u32(millis);
    // The init goes straight to the global `fetch`: building a `Request` first costs ~40 µs a
    // call in Chromium (gloo-net's builder adds two more URL/Request objects); the answer is
    // read through gloo-net's `Response`.
    let fail =
        |e: wasm_bindgen::JsValue| Error::InvalidConfig(format!("cannot build the request: {e:?}"));
    let headers = web_sys::Headers::new().map_err(fail)?;
    for (k, v) in self::headers(cfg, call) {
        headers.append(&k, &v).map_err(fail)?;
    }
    let init = web_sys::RequestInit::new();
    init.set_method(call.method.as_ref());
    init.set_headers(&headers);
    init.set_signal(Some(&signal));
    init.set_credentials(match cfg.credentials {
        Credentials::Omit => web_sys::RequestCredentials::Omit,
        Credentials::SameOrigin => web_sys::RequestCredentials::SameOrigin,
        Credentials::Include => web_sys::RequestCredentials::Include,
    });
    if let Some(body) = &call.body {
        init.set_body(&wasm_bindgen::JsValue::from_str(body));
    }

    let timed_out = || signal.aborted();
    let sent = wasm_bindgen_futures::JsFuture::from(fetch_with_init(full_url, &init)).await;
    let response = match sent.and_then(|r| r.dyn_into::<web_sys::Response>()) {
        Ok(r) => gloo_net::http::Response::from(r),
        Err(_) if timed_out() => return Err(Error::Timeout { after: cfg.timeout }),
        Err(e) => {
            return Err(Error::Network {
                message: js_error_message(&e),
                hint: network_hint(cfg),
            });
        }
    };
    let status = response.status();
    // Only a retryable answer is waited on; the header is not read for the others (two
    // fewer calls into the browser on every successful request).
    let retry_after = if retryable(status) {
        response
            .headers()
            .get("retry-after")
            .and_then(|v| parse_retry_after(&v))
    } else {
        None
    };
    let text = match response.text().await {
        Ok(t) => t,
        Err(_) if timed_out() => return Err(Error::Timeout { after: cfg.timeout }),
        Err(e) => {
            return Err(Error::Network {
                message: format!("the connection closed while reading the answer: {e}"),
                hint: None,
            });
        }
    };
    Ok((Answer { status, text }, retry_after))
}

/// How [`probe`] asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Probe {
    /// A CORS GET without any custom header: no preflight.
    SimpleCors,
    /// A `no-cors` GET: an opaque answer means something answered.
    NoCors,
}

/// A bare `GET /api/status` for the CORS doctor: `Ok(status)` when the browser got an answer
/// (status 0 for opaque `no-cors` answers), `Err` when the fetch failed.
pub(crate) async fn probe(cfg: &Config, kind: Probe) -> std::result::Result<u16, String> {
    let call = Call::status();
    let mut builder = RequestBuilder::new(&url(cfg.base.as_str(), &call))
        .credentials(web_sys::RequestCredentials::Omit);
    if kind == Probe::NoCors {
        builder = builder.mode(web_sys::RequestMode::NoCors);
    }
    let request = builder.build().map_err(|e| e.to_string())?;
    request
        .send()
        .await
        .map(|r| r.status())
        .map_err(|e| e.to_string())
}

/// Sends a call, retrying idempotent ones on 429/502/503/504, and maps non-2xx to [`Error`].
pub(crate) async fn send(cfg: &Config, call: Call<'_>) -> Result<Answer> {
    let full_url = url(cfg.base.as_str(), &call);
    let mut attempt = 0;
    loop {
        let (answer, retry_after) = send_once(cfg, &call, &full_url).await?;
        if (200..300).contains(&answer.status) {
            return Ok(answer);
        }
        if call.idempotent() && retryable(answer.status) && attempt < cfg.max_retries {
            let wait = backoff(attempt, retry_after);
            gloo_timers::future::sleep(wait).await;
            attempt += 1;
            continue;
        }
        return Err(Error::from_status(answer.status, answer.text, call.space));
    }
}

/// Sends a call and decodes its JSON answer.
pub(crate) async fn send_json<T: DeserializeOwned>(cfg: &Config, call: Call<'_>) -> Result<T> {
    let answer = send(cfg, call).await?;
    decode(&answer.text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Auth, BaseUrl};

    fn cfg() -> Config {
        Config {
            base: BaseUrl::parse("http://kb:5601/base").unwrap(),
            auth: Auth::basic("elastic", "changeme"),
            timeout: Duration::from_secs(1),
            credentials: Credentials::Omit,
            headers: vec![],
            max_retries: 3,
            space_check: true,
            space_cache_ttl: Duration::from_secs(60),
        }
    }

    #[test]
    fn urls_carry_base_path_space_and_encoded_segments() {
        let c = Call::new(
            Method::GET,
            "marketing",
            &["api", "actions", "connector", "a/b c?%"],
        );
        assert_eq!(
            url("http://kb:5601/base", &c),
            "http://kb:5601/base/s/marketing/api/actions/connector/a%2Fb%20c%3F%25"
        );
        let d = Call::new(Method::GET, "default", &["api", "actions", "connectors"]);
        assert_eq!(url("http://kb", &d), "http://kb/api/actions/connectors");
        let q = Call {
            query: &[("feature_id", "alerting")],
            ..Call::new(
                Method::GET,
                "default",
                &["api", "actions", "connector_types"],
            )
        };
        assert_eq!(
            url("http://kb", &q),
            "http://kb/api/actions/connector_types?feature_id=alerting"
        );
    }

    #[test]
    fn xsrf_only_on_writes_and_json_content_type_only_with_a_body() {
        let cfg = cfg();
        let get = headers(&cfg, &Call::new(Method::GET, "default", &[]));
        assert!(
            !get.iter()
                .any(|(k, _)| k == "kbn-xsrf" || k == "Content-Type")
        );
        let post = headers(
            &cfg,
            &Call {
                body: Some("{}".into()),
                ..Call::new(Method::POST, "default", &[])
            },
        );
        assert!(post.iter().any(|(k, _)| k == "kbn-xsrf"));
        assert!(
            post.iter()
                .any(|(k, v)| k == "Content-Type" && v == "application/json")
        );
        assert!(
            post.iter()
                .any(|(k, v)| k == "Authorization" && v == "Basic ZWxhc3RpYzpjaGFuZ2VtZQ==")
        );
        let del = headers(&cfg, &Call::new(Method::DELETE, "default", &[]));
        assert!(del.iter().any(|(k, _)| k == "kbn-xsrf"));
    }

    #[test]
    fn only_get_is_idempotent() {
        assert!(Call::new(Method::GET, "d", &[]).idempotent());
        for m in [Method::POST, Method::PUT, Method::DELETE] {
            assert!(!Call::new(m, "d", &[]).idempotent());
        }
    }

    #[test]
    fn backoff_honours_retry_after_and_caps() {
        assert_eq!(backoff(0, None), Duration::from_millis(200));
        assert_eq!(backoff(2, None), Duration::from_millis(800));
        assert_eq!(backoff(10, None), Duration::from_secs(5));
        assert_eq!(
            backoff(0, Some(Duration::from_secs(2))),
            Duration::from_secs(2)
        );
        assert_eq!(
            backoff(0, Some(Duration::from_secs(999))),
            Duration::from_secs(30)
        );
        assert!(retryable(503) && retryable(429) && !retryable(500) && !retryable(404));
    }

    #[test]
    fn decode_errors_name_the_path() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct C {
            config: Inner,
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Inner {
            refresh: bool,
        }
        let err = decode::<Vec<C>>(r#"[{"config":{"refresh":false}},{"config":{"refresh":"no"}}]"#)
            .unwrap_err();
        assert!(
            matches!(&err, Error::Decode { path, .. } if path == "[1].config.refresh"),
            "{err:?}"
        );
    }
}
