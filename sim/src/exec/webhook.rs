//! `.webhook`: the configured method, URL and headers, the `body` param as the request body,
//! basic auth from the secrets; Kibana's messages for each kind of failure.

use reqwest::{Method, StatusCode};
use serde_json::{Map, Value, json};

use super::http::{Outcome, Service, reason, retry_at};
use super::{ExecResult, Runnable};
use crate::schema::str_field;
use crate::state::Sim;

/// Calls the webhook.
pub(super) async fn webhook(sim: &Sim, c: &Runnable, p: &Map<String, Value>) -> ExecResult {
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
    // Encrypted headers (9.x, `secretHeaders`) go out beside the config's.
    if let Some(secret) = c.secrets.get("secretHeaders").and_then(Value::as_object) {
        headers.extend(
            secret
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string())),
        );
    }
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
    match Service::new(sim)
        .headers(&headers)
        .basic(basic)
        .send(method, url, body.clone())
        .await
    {
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
