//! Outgoing calls to the services connectors talk to, with `xpack.actions.allowedHosts`
//! checked first and failures named as Kibana's axios errors name them.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::Value;

use super::clock::iso;
use crate::state::Sim;

/// What an outgoing call produced.
pub(super) enum Outcome {
    /// The service answered.
    Answered {
        status: StatusCode,
        headers: reqwest::header::HeaderMap,
        body: String,
    },
    /// The request failed before an answer (connection refused, timeout...).
    Failed(String),
}

/// How one connector calls its service: the sim's client and allowed hosts, plus the headers
/// and basic credentials every request of that connector carries.
pub(super) struct Service<'a> {
    sim: &'a Sim,
    headers: Vec<(String, String)>,
    basic: Option<(&'a str, &'a str)>,
}

impl<'a> Service<'a> {
    /// A service with no headers or credentials yet.
    pub(super) fn new(sim: &'a Sim) -> Self {
        Service {
            sim,
            headers: Vec::new(),
            basic: None,
        }
    }

    /// Adds headers sent with every request.
    pub(super) fn headers(mut self, headers: &[(String, String)]) -> Self {
        self.headers.extend_from_slice(headers);
        self
    }

    /// Sets HTTP basic credentials (user, password), when the connector has them.
    pub(super) fn basic(mut self, basic: Option<(&'a str, &'a str)>) -> Self {
        self.basic = basic;
        self
    }

    /// Sends one request; `Err` when the target is not an allowed host or not a URL.
    pub(super) async fn send(
        &self,
        method: Method,
        url: &str,
        body: Option<String>,
    ) -> Result<Outcome, String> {
        self.send_with(method, url, &[], body).await
    }

    async fn send_with(
        &self,
        method: Method,
        url: &str,
        extra_headers: &[(&str, &str)],
        body: Option<String>,
    ) -> Result<Outcome, String> {
        let parsed = reqwest::Url::parse(url).map_err(|e| format!("unable to parse url: {e}"))?;
        if !self
            .sim
            .config
            .host_allowed(parsed.host_str().unwrap_or_default())
        {
            return Err(format!(
                "target url \"{url}\" is not added to the Kibana config xpack.actions.allowedHosts"
            ));
        }
        let mut req = self.sim.http.request(method, parsed);
        for (k, v) in &self.headers {
            req = req.header(k, v);
        }
        for (k, v) in extra_headers {
            req = req.header(*k, *v);
        }
        if let Some((user, pass)) = self.basic {
            req = req.basic_auth(user, Some(pass));
        }
        if let Some(body) = body {
            req = req.body(body);
        }
        Ok(match req.send().await {
            Ok(resp) => {
                let status = resp.status();
                let headers = resp.headers().clone();
                let body = resp.text().await.unwrap_or_default();
                Outcome::Answered {
                    status,
                    headers,
                    body,
                }
            }
            Err(e) => Outcome::Failed(describe(&e)),
        })
    }

    /// A JSON call: non-2xx answers and failures become the error text Kibana's services
    /// throw, prefixed with `what`.
    pub(super) async fn json(
        &self,
        method: Method,
        url: &str,
        body: Option<Value>,
        what: &str,
    ) -> Result<Value, String> {
        self.json_call(method, url, body, what)
            .await
            .map_err(|failure| failure.message)
    }

    /// [`Service::json`], keeping the status of a non-2xx answer for callers that treat one
    /// (ServiceNow's close on 404) as an outcome rather than an error.
    pub(super) async fn json_call(
        &self,
        method: Method,
        url: &str,
        body: Option<Value>,
        what: &str,
    ) -> Result<Value, CallFailure> {
        let json_headers = [
            ("Content-Type", "application/json"),
            ("Accept", "application/json"),
        ];
        let failure = |status: Option<StatusCode>, message: String| CallFailure { status, message };
        match self
            .send_with(method, url, &json_headers, body.map(|b| b.to_string()))
            .await
            .map_err(|e| failure(None, e))?
        {
            Outcome::Failed(code) => Err(failure(None, format!("{what}. Error: {code}"))),
            Outcome::Answered { status, body, .. } if !status.is_success() => Err(failure(
                Some(status),
                format!(
                    "{what}. Error: Request failed with status code {}. Reason: {}",
                    status.as_u16(),
                    body.chars().take(300).collect::<String>()
                ),
            )),
            Outcome::Answered { body, .. } => {
                Ok(serde_json::from_str(&body).unwrap_or(Value::Null))
            }
        }
    }
}

/// A JSON call that did not succeed: the service's status when it answered, and the text
/// Kibana's services throw.
pub(super) struct CallFailure {
    pub(super) status: Option<StatusCode>,
    pub(super) message: String,
}

/// `Retry-After` (seconds or HTTP date) as an ISO date, for `retry`.
pub(super) fn retry_at(headers: &reqwest::header::HeaderMap) -> Option<String> {
    let value = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
    let when = match value.trim().parse::<u64>() {
        Ok(secs) => time::OffsetDateTime::now_utc() + Duration::from_secs(secs),
        Err(_) => time::OffsetDateTime::from(httpdate::parse_http_date(value).ok()?),
    };
    Some(iso(when))
}

/// Node-style error codes for failures, as Kibana's axios errors print them.
fn describe(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        "ETIMEDOUT".into()
    } else if e.is_connect() {
        "ECONNREFUSED".into()
    } else {
        "ECONNRESET".into()
    }
}

/// One request header.
pub(super) fn header(name: &str, value: impl Into<String>) -> (String, String) {
    (name.to_string(), value.into())
}

/// The status's reason phrase (`Not Found`), as Kibana's messages quote it.
pub(super) fn reason(status: StatusCode) -> &'static str {
    status.canonical_reason().unwrap_or("")
}
