//! On-call alerting: PagerDuty's Events API v2 (`.pagerduty`) and Opsgenie's alert API
//! (`.opsgenie`, sub-actions `createAlert` and `closeAlert`).

use reqwest::{Method, StatusCode};
use serde_json::{Map, Value, json};

use super::http::{Outcome, Service};
use super::{ExecResult, Runnable};
use crate::schema::str_field;
use crate::state::Sim;

/// `.pagerduty`: one event (trigger, acknowledge or resolve).
pub(super) async fn pagerduty(sim: &Sim, c: &Runnable, p: &Map<String, Value>) -> ExecResult {
    let url = str_field(&c.config, "apiUrl").unwrap_or(crate::types::PAGER_DUTY_API_URL);
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
    match Service::new(sim)
        .headers(&headers)
        .send(Method::POST, url, Some(event.to_string()))
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

/// `.opsgenie`: the sub-action's call; the error text is what Kibana's service throws.
pub(super) async fn opsgenie(
    sim: &Sim,
    c: &Runnable,
    sub: &str,
    p: &Map<String, Value>,
) -> Result<Value, String> {
    let api = c.api_url();
    let auth = [(
        "Authorization".to_string(),
        format!(
            "GenieKey {}",
            str_field(&c.secrets, "apiKey").unwrap_or_default()
        ),
    )];
    let svc = Service::new(sim).headers(&auth);
    match sub {
        "createAlert" => {
            svc.json(
                Method::POST,
                &format!("{api}/v2/alerts"),
                Some(Value::Object(p.clone())),
                "Request failed",
            )
            .await
        }
        "closeAlert" => {
            let alias = str_field(p, "alias").unwrap_or_default();
            let mut body = p.clone();
            body.remove("alias");
            let url = reqwest::Url::parse_with_params(
                &format!("{api}/v2/alerts/{alias}/close"),
                &[("identifierType", "alias")],
            )
            .map_err(|e| e.to_string())?;
            svc.json(
                Method::POST,
                url.as_str(),
                Some(Value::Object(body)),
                "Request failed",
            )
            .await
        }
        other => Err(format!(
            "Sub action \"{other}\" is not registered. Connector id: {}. Connector name: {}. Connector type: {}",
            c.id, c.name, c.type_id
        )),
    }
}
