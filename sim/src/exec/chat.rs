//! Chat connectors: Slack through an incoming webhook (`.slack`) or the Web API
//! (`.slack_api`), and Microsoft Teams (`.teams`).

use reqwest::{Method, StatusCode};
use serde_json::{Map, Value, json};

use super::http::{Outcome, Service, reason, retry_at};
use super::{ExecResult, Runnable};
use crate::schema::str_field;
use crate::state::Sim;

/// `.slack`: posts `message` to the webhook URL in the secrets.
pub(super) async fn slack(sim: &Sim, c: &Runnable, p: &Map<String, Value>) -> ExecResult {
    let url = str_field(&c.secrets, "webhookUrl").unwrap_or_default();
    let body = json!({"text": str_field(p, "message").unwrap_or_default()}).to_string();
    let headers = [("Content-Type".to_string(), "application/json".to_string())];
    match Service::new(sim)
        .headers(&headers)
        .send(Method::POST, url, Some(body))
        .await
    {
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

/// `.teams`: posts `message` to the webhook URL in the secrets.
pub(super) async fn teams(sim: &Sim, c: &Runnable, p: &Map<String, Value>) -> ExecResult {
    let url = str_field(&c.secrets, "webhookUrl").unwrap_or_default();
    let message = str_field(p, "message").unwrap_or_default();
    let body = json!({"text": message}).to_string();
    let headers = [("Content-Type".to_string(), "application/json".to_string())];
    match Service::new(sim)
        .headers(&headers)
        .send(Method::POST, url, Some(body))
        .await
    {
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

/// `.slack_api`: `postMessage`, `postBlockkit` and `validChannelId` against the Web API
/// (`sim.slackApiUrl`), limited to the connector's allowed channels.
pub(super) async fn slack_api(
    sim: &Sim,
    c: &Runnable,
    sub: &str,
    p: &Map<String, Value>,
) -> ExecResult {
    let api = sim.config.slack_api_url.trim_end_matches('/');
    let token = str_field(&c.secrets, "token").unwrap_or_default();
    let headers = [
        ("Authorization".to_string(), format!("Bearer {token}")),
        (
            "Content-Type".to_string(),
            "application/json; charset=UTF-8".to_string(),
        ),
    ];
    let allowed: Vec<&str> = c
        .config
        .get("allowedChannels")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|ch| ch["id"].as_str()).collect())
        .unwrap_or_default();
    let (method, url, body) = match sub {
        "validChannelId" => {
            let ch = str_field(p, "channelId").unwrap_or_default();
            (
                Method::GET,
                format!("{api}/conversations.info?channel={ch}"),
                None,
            )
        }
        _ => {
            let channel = p
                .get("channelIds")
                .or(p.get("channels"))
                .and_then(Value::as_array)
                .and_then(|a| a.first())
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            if !allowed.is_empty() && !allowed.contains(&channel.as_str()) {
                return ExecResult::failed(
                    &c.id,
                    format!(
                        "The channel \"{channel}\" is not included in the allowed channels list \"{}\"",
                        allowed.join(",")
                    ),
                    None,
                );
            }
            let text = str_field(p, "text").unwrap_or_default();
            let body = if sub == "postBlockkit" {
                let blocks = serde_json::from_str::<Value>(text)
                    .map(|v| v["blocks"].clone())
                    .unwrap_or(Value::Null);
                json!({"channel": channel, "blocks": blocks})
            } else {
                json!({"channel": channel, "text": text})
            };
            (
                Method::POST,
                format!("{api}/chat.postMessage"),
                Some(body.to_string()),
            )
        }
    };
    match Service::new(sim)
        .headers(&headers)
        .send(method, &url, body)
        .await
    {
        Err(e) | Ok(Outcome::Failed(e)) => {
            ExecResult::failed(&c.id, "error posting slack message", Some(e))
        }
        Ok(Outcome::Answered { status, body, .. }) => {
            let v: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
            if status.is_success() && v["ok"] == json!(true) {
                ExecResult::ok(&c.id, Some(v))
            } else if status.is_server_error() {
                ExecResult {
                    retry: Some(json!(true)),
                    ..ExecResult::failed(&c.id, "error posting a slack message, retry later", None)
                }
            } else {
                ExecResult::failed(
                    &c.id,
                    "error posting slack message",
                    Some(v["error"].as_str().unwrap_or(&body).to_string()),
                )
            }
        }
    }
}
