//! Running connectors: real HTTP and SMTP calls, with Kibana's result and error mapping
//! (contract §1.9 and §6).

use std::time::{Duration, Instant};

use crate::schema::str_field;
use reqwest::{Method, StatusCode};
use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::handlers::Runnable;
use crate::server::Sim;
use crate::types::{Executor, ParamsSchema};

/// An execution result, as Kibana's executor returns it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ExecResult {
    /// The connector id.
    pub connector_id: String,
    /// `ok` or `error`.
    pub status: &'static str,
    /// Type-specific data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<Value>,
    /// Error message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The service's own message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_message: Option<String>,
    /// `true`, `false` or an ISO date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry: Option<Value>,
    /// `user` or `framework` (camelCase on the wire, as in Kibana).
    #[serde(rename = "errorSource", skip_serializing_if = "Option::is_none")]
    pub error_source: Option<&'static str>,
}

impl ExecResult {
    fn ok(id: &str, data: Option<Value>) -> Self {
        ExecResult {
            connector_id: id.into(),
            status: "ok",
            data,
            message: None,
            service_message: None,
            retry: None,
            error_source: None,
        }
    }

    fn error(
        id: &str,
        message: impl Into<String>,
        service_message: Option<String>,
        retry: Option<Value>,
    ) -> Self {
        ExecResult {
            connector_id: id.into(),
            status: "error",
            data: None,
            message: Some(message.into()),
            service_message,
            retry,
            error_source: None,
        }
    }

    /// A params validation failure: `retry:false`, `errorSource:"user"`.
    fn invalid_params(id: &str, msg: &str) -> Self {
        ExecResult {
            retry: Some(json!(false)),
            error_source: Some("user"),
            ..Self::error(
                id,
                format!("error validating action params: {msg}"),
                None,
                None,
            )
        }
    }

    /// An executor that threw: Kibana's generic message, `retry:true`, `errorSource:"framework"`.
    fn threw(id: &str, service_message: String) -> Self {
        ExecResult {
            error_source: Some("framework"),
            ..Self::error(
                id,
                "an error occurred while running the action",
                Some(service_message),
                Some(json!(true)),
            )
        }
    }

    /// The JSON the current `_execute` route answers.
    pub fn to_wire(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// The current time as JavaScript's `toISOString()` prints it.
pub fn now_iso() -> String {
    iso(time::OffsetDateTime::now_utc())
}

fn iso(t: time::OffsetDateTime) -> String {
    let f = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
    );
    t.to_offset(time::UtcOffset::UTC)
        .format(&f)
        .unwrap_or_default()
}

/// `Retry-After` (seconds or HTTP date) as an ISO date, for `retry`.
fn retry_at(headers: &reqwest::header::HeaderMap) -> Option<String> {
    let value = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
    let when = match value.trim().parse::<u64>() {
        Ok(secs) => time::OffsetDateTime::now_utc() + Duration::from_secs(secs),
        Err(_) => time::OffsetDateTime::from(httpdate::parse_http_date(value).ok()?),
    };
    Some(iso(when))
}

/// Runs a connector with params; never fails at the HTTP level.
pub(crate) async fn execute(sim: &Sim, c: &Runnable, params: Map<String, Value>) -> ExecResult {
    let Some(t) = sim.registry.get(&c.type_id) else {
        return ExecResult::threw(
            &c.id,
            format!("Action type \"{}\" is not registered.", c.type_id),
        );
    };
    let params = match t.validate_params(&params) {
        Ok(p) => p,
        Err(msg) => return ExecResult::invalid_params(&c.id, &msg),
    };
    if let ParamsSchema::Framework(subs) = &t.params {
        let name = str_field(&params, "subAction").unwrap_or_default();
        let Some((_, schema)) = subs.iter().find(|(n, _)| *n == name) else {
            return ExecResult::threw(
                &c.id,
                format!(
                    "Sub action \"{name}\" is not registered. Connector id: {}. Connector name: {}. Connector type: {}",
                    c.id, c.name, c.type_id
                ),
            );
        };
        if let Err(e) = crate::schema::check(
            schema,
            Some(params.get("subActionParams").unwrap_or(&json!({}))),
            "",
        ) {
            return ExecResult::threw(&c.id, format!("Request validation failed (Error: {e})"));
        }
    }
    match t.executor {
        Executor::ServerLog => server_log(c, &params),
        Executor::Index => index(sim, c, &params),
        Executor::Webhook => webhook(sim, c, &params).await,
        Executor::Slack => slack(sim, c, &params).await,
        Executor::Teams => teams(sim, c, &params).await,
        Executor::PagerDuty => pagerduty(sim, c, &params).await,
        Executor::Email => crate::exec_email::send(sim, c, &params).await,
        Executor::ServiceNow | Executor::Jira | Executor::Opsgenie | Executor::SlackApi => {
            crate::exec_itsm::run(sim, c, t.executor, &params).await
        }
        Executor::Generic => {
            let name = str_field(&params, "subAction").unwrap_or("undefined");
            ExecResult::threw(
                &c.id,
                format!(
                    "Sub action \"{name}\" is not registered. Connector id: {}. Connector name: {}. Connector type: {}",
                    c.id, c.name, c.type_id
                ),
            )
        }
    }
}

fn server_log(c: &Runnable, p: &Map<String, Value>) -> ExecResult {
    let message = str_field(p, "message").unwrap_or_default();
    match str_field(p, "level").unwrap_or("info") {
        "trace" => {
            tracing::trace!(target: "kibana_sim::server_log", connector = %c.id, "Server log: {message}")
        }
        "debug" => {
            tracing::debug!(target: "kibana_sim::server_log", connector = %c.id, "Server log: {message}")
        }
        "warn" => {
            tracing::warn!(target: "kibana_sim::server_log", connector = %c.id, "Server log: {message}")
        }
        "error" | "fatal" => {
            tracing::error!(target: "kibana_sim::server_log", connector = %c.id, "Server log: {message}")
        }
        _ => {
            tracing::info!(target: "kibana_sim::server_log", connector = %c.id, "Server log: {message}")
        }
    }
    ExecResult::ok(&c.id, None)
}

fn index(sim: &Sim, c: &Runnable, p: &Map<String, Value>) -> ExecResult {
    let started = Instant::now();
    let target = str_field(p, "indexOverride")
        .or_else(|| str_field(&c.config, "index"))
        .unwrap_or_default()
        .to_string();
    let time_field = str_field(&c.config, "executionTimeField");
    // Documents are searchable at once in the sim; `refresh` shows in the answer as in ES.
    let refresh = c.config.get("refresh") == Some(&Value::Bool(true));
    let now = now_iso();
    let docs: Vec<Value> = p
        .get("documents")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|mut d| {
            if let (Some(field), Some(obj)) = (time_field, d.as_object_mut()) {
                obj.insert(field.to_string(), json!(now));
            }
            d
        })
        .collect();
    match sim.store.index_documents(&target, &docs) {
        Ok(ids) => {
            let items: Vec<Value> = ids
                .into_iter()
                .map(|(id, seq)| {
                    let mut item = json!({"_index": target, "_id": id, "_version": 1, "result": "created",
                        "_shards": {"total": 2, "successful": 1, "failed": 0}, "_seq_no": seq, "_primary_term": 1, "status": 201});
                    if refresh {
                        item["forced_refresh"] = json!(true);
                    }
                    json!({ "create": item })
                })
                .collect();
            let took = started.elapsed().as_millis() as u64;
            ExecResult::ok(
                &c.id,
                Some(json!({"took": took, "errors": false, "items": items})),
            )
        }
        Err(e) => ExecResult::error(&c.id, "error indexing documents", Some(e.to_string()), None),
    }
}

/// What an outgoing call produced.
pub(crate) enum Outcome {
    /// The service answered.
    Answered {
        status: StatusCode,
        headers: reqwest::header::HeaderMap,
        body: String,
    },
    /// The request failed before an answer (connection refused, timeout...).
    Failed(String),
}

/// Sends one request, checking the target against `xpack.actions.allowedHosts` first.
pub(crate) async fn call(
    sim: &Sim,
    method: Method,
    url: &str,
    headers: &[(String, String)],
    basic: Option<(&str, &str)>,
    body: Option<String>,
) -> Result<Outcome, String> {
    let parsed = reqwest::Url::parse(url).map_err(|e| format!("unable to parse url: {e}"))?;
    if !sim
        .config
        .host_allowed(parsed.host_str().unwrap_or_default())
    {
        return Err(format!(
            "target url \"{url}\" is not added to the Kibana config xpack.actions.allowedHosts"
        ));
    }
    let mut req = sim.http.request(method, parsed);
    for (k, v) in headers {
        req = req.header(k, v);
    }
    if let Some((user, pass)) = basic {
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

fn reason(status: StatusCode) -> &'static str {
    status.canonical_reason().unwrap_or("")
}

async fn webhook(sim: &Sim, c: &Runnable, p: &Map<String, Value>) -> ExecResult {
    let url = str_field(&c.config, "url").unwrap_or_default();
    let method = Method::from_bytes(
        str_field(&c.config, "method")
            .unwrap_or("post")
            .to_uppercase()
            .as_bytes(),
    )
    .unwrap_or(Method::POST);
    let mut headers: Vec<(String, String)> = c
        .config
        .get("headers")
        .and_then(Value::as_object)
        .map(|h| {
            h.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                .collect()
        })
        .unwrap_or_default();
    if !headers
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case("content-type"))
    {
        headers.push(("Content-Type".into(), "application/json".into()));
    }
    let basic = match (
        str_field(&c.secrets, "user"),
        str_field(&c.secrets, "password"),
    ) {
        (Some(u), Some(pw)) if c.config.get("hasAuth") != Some(&Value::Bool(false)) => {
            Some((u, pw))
        }
        _ => None,
    };
    let body = str_field(p, "body").map(str::to_string);
    match call(sim, method, url, &headers, basic, body.clone()).await {
        Err(e) => ExecResult::error(
            &c.id,
            "error calling webhook, unexpected error",
            Some(e),
            None,
        ),
        Ok(Outcome::Failed(code)) => ExecResult::error(
            &c.id,
            "error calling webhook, request failed",
            Some(format!("[{code}] request to {url} failed")),
            None,
        ),
        Ok(Outcome::Answered {
            status,
            headers,
            body: resp_body,
        }) => {
            if status.is_success() {
                return ExecResult::ok(&c.id, Some(body.map(Value::String).unwrap_or(Value::Null)));
            }
            let mut service = format!("[{}] {}", status.as_u16(), reason(status));
            if let Some(m) = serde_json::from_str::<Value>(&resp_body)
                .ok()
                .and_then(|v| v["message"].as_str().map(String::from))
            {
                service.push_str(&format!(": {m}"));
            }
            if status == StatusCode::TOO_MANY_REQUESTS
                && let Some(at) = retry_at(&headers)
            {
                return ExecResult::error(
                    &c.id,
                    format!("error calling webhook, retry at {at}"),
                    Some(service),
                    Some(json!(at)),
                );
            }
            if status.is_server_error() || status == StatusCode::TOO_MANY_REQUESTS {
                return ExecResult::error(
                    &c.id,
                    "error calling webhook, retry later",
                    Some(service),
                    Some(json!(true)),
                );
            }
            ExecResult::error(
                &c.id,
                "error calling webhook, invalid response",
                Some(service),
                None,
            )
        }
    }
}

async fn slack(sim: &Sim, c: &Runnable, p: &Map<String, Value>) -> ExecResult {
    let url = str_field(&c.secrets, "webhookUrl").unwrap_or_default();
    let body = json!({"text": str_field(p, "message").unwrap_or_default()}).to_string();
    let headers = [("Content-Type".to_string(), "application/json".to_string())];
    match call(sim, Method::POST, url, &headers, None, Some(body)).await {
        Err(e) | Ok(Outcome::Failed(e)) => {
            ExecResult::error(&c.id, "error posting slack message", Some(e), None)
        }
        Ok(Outcome::Answered {
            status,
            headers,
            body,
        }) => {
            if status.is_success() {
                return ExecResult::ok(
                    &c.id,
                    Some(json!({"text": if body.is_empty() { "ok".to_string() } else { body }})),
                );
            }
            if status == StatusCode::TOO_MANY_REQUESTS
                && let Some(at) = retry_at(&headers)
            {
                return ExecResult::error(
                    &c.id,
                    format!("error posting a slack message, retry at {at}"),
                    None,
                    Some(json!(at)),
                );
            }
            if status.is_server_error() {
                return ExecResult::error(
                    &c.id,
                    "error posting a slack message, retry later",
                    None,
                    Some(json!(true)),
                );
            }
            ExecResult::error(
                &c.id,
                format!(
                    "unexpected http response from slack: {} {}",
                    status.as_u16(),
                    reason(status)
                ),
                None,
                None,
            )
        }
    }
}

async fn teams(sim: &Sim, c: &Runnable, p: &Map<String, Value>) -> ExecResult {
    let url = str_field(&c.secrets, "webhookUrl").unwrap_or_default();
    let message = str_field(p, "message").unwrap_or_default();
    let body = json!({"text": message}).to_string();
    let headers = [("Content-Type".to_string(), "application/json".to_string())];
    match call(sim, Method::POST, url, &headers, None, Some(body)).await {
        Err(e) | Ok(Outcome::Failed(e)) => ExecResult::error(
            &c.id,
            "error posting to Microsoft Teams, unexpected error",
            Some(e),
            None,
        ),
        Ok(Outcome::Answered {
            status,
            headers,
            body,
        }) => {
            let throttled = body.contains("ApplicationThrottled");
            if status.is_success() && !throttled {
                return ExecResult::ok(&c.id, Some(json!({"text": message})));
            }
            if let Some(at) = (status == StatusCode::TOO_MANY_REQUESTS)
                .then(|| retry_at(&headers))
                .flatten()
            {
                return ExecResult::error(
                    &c.id,
                    format!("error posting to Microsoft Teams, retry at {at}"),
                    None,
                    Some(json!(at)),
                );
            }
            if status.is_server_error() || throttled || status == StatusCode::TOO_MANY_REQUESTS {
                return ExecResult::error(
                    &c.id,
                    "error posting to Microsoft Teams, retry later",
                    None,
                    Some(json!(true)),
                );
            }
            ExecResult::error(
                &c.id,
                "error posting to Microsoft Teams, invalid response",
                Some(format!("[{}] {}", status.as_u16(), reason(status))),
                None,
            )
        }
    }
}

const PAGERDUTY_URL: &str = "https://events.pagerduty.com/v2/enqueue";

async fn pagerduty(sim: &Sim, c: &Runnable, p: &Map<String, Value>) -> ExecResult {
    let url = str_field(&c.config, "apiUrl").unwrap_or(PAGERDUTY_URL);
    let action = str_field(p, "eventAction").unwrap_or("trigger");
    let mut event = json!({"event_action": action, "routing_key": str_field(&c.secrets, "routingKey").unwrap_or_default()});
    if let Some(k) = str_field(p, "dedupKey") {
        event["dedup_key"] = json!(k);
    }
    if action == "trigger" {
        let mut payload = json!({
            "summary": str_field(p, "summary").unwrap_or("No summary provided."),
            "source": str_field(p, "source").map(String::from).unwrap_or_else(|| format!("Kibana Action {}", c.id)),
            "severity": str_field(p, "severity").unwrap_or("info"),
        });
        for (from, to) in [
            ("timestamp", "timestamp"),
            ("component", "component"),
            ("group", "group"),
            ("class", "class"),
            ("customDetails", "custom_details"),
        ] {
            if let Some(v) = p.get(from) {
                payload[to] = v.clone();
            }
        }
        event["payload"] = payload;
        if let Some(links) = p.get("links") {
            event["links"] = links.clone();
        }
    }
    let headers = [("Content-Type".to_string(), "application/json".to_string())];
    match call(
        sim,
        Method::POST,
        url,
        &headers,
        None,
        Some(event.to_string()),
    )
    .await
    {
        Err(e) | Ok(Outcome::Failed(e)) => {
            ExecResult::error(&c.id, "error posting pagerduty event", Some(e), None)
        }
        Ok(Outcome::Answered { status, body, .. }) => {
            if status == StatusCode::ACCEPTED || status.is_success() {
                return ExecResult::ok(
                    &c.id,
                    Some(serde_json::from_str(&body).unwrap_or(Value::String(body))),
                );
            }
            if status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error() {
                return ExecResult::error(
                    &c.id,
                    format!(
                        "error posting pagerduty event: http status {}, retry later",
                        status.as_u16()
                    ),
                    None,
                    Some(json!(true)),
                );
            }
            ExecResult::error(
                &c.id,
                format!(
                    "error posting pagerduty event: unexpected status {}",
                    status.as_u16()
                ),
                None,
                None,
            )
        }
    }
}

/// Shared by the ITSM-style executors: a JSON result or a thrown error.
pub(crate) fn threw(c: &Runnable, message: String) -> ExecResult {
    ExecResult::threw(&c.id, message)
}

/// Shared by executors that succeed with data.
pub(crate) fn ok(c: &Runnable, data: Value) -> ExecResult {
    ExecResult::ok(&c.id, Some(data))
}

/// Shared by executors that fail with a message.
pub(crate) fn failed(
    c: &Runnable,
    message: impl Into<String>,
    service_message: Option<String>,
) -> ExecResult {
    ExecResult::error(&c.id, message, service_message, None)
}
