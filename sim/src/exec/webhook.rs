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
    // Encrypted headers (9.x, `secretHeaders`) go out beside the config's.
    let mut headers = c.headers();
    if !headers
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case("content-type"))
    {
        headers.push(("Content-Type".into(), "application/json".into()));
    }
    let basic = c.basic_auth();
    // OAuth 2.0 client credentials (9.5, `webhook-oauth2-client-credentials`): a token first,
    // sent as `<token_type> <access_token>` (`actions/server/lib/request_oauth_token.ts`).
    if str_field(&c.config, "authType") == Some("webhook-oauth2-client-credentials") && c.has_auth()
    {
        match client_credentials_token(sim, c).await {
            Ok(authorization) => headers.push(("Authorization".into(), authorization)),
            Err(e) => {
                return ExecResult::error(
                    &c.id,
                    "error calling webhook, unexpected error",
                    Some(format!("Unable to retrieve access token: {e}")),
                    None,
                );
            }
        }
    }
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

/// The token request of the client-credentials grant, form-encoded: `grant_type`, `client_id`,
/// `client_secret`, `scope` and the JSON object in `additionalFields`.
async fn client_credentials_token(sim: &Sim, c: &Runnable) -> Result<String, String> {
    let token_url = str_field(&c.config, "accessTokenUrl").ok_or("no accessTokenUrl")?;
    let mut form: Vec<(String, String)> = vec![("grant_type".into(), "client_credentials".into())];
    if let Some(extra) = str_field(&c.config, "additionalFields")
        .and_then(|f| serde_json::from_str::<Map<String, Value>>(f).ok())
    {
        for (k, v) in extra {
            form.push((k, v.as_str().map_or_else(|| v.to_string(), str::to_string)));
        }
    }
    if let Some(scope) = str_field(&c.config, "scope") {
        form.push(("scope".into(), scope.into()));
    }
    form.push((
        "client_id".into(),
        str_field(&c.config, "clientId").unwrap_or_default().into(),
    ));
    if let Some(secret) = str_field(&c.secrets, "clientSecret") {
        form.push(("client_secret".into(), secret.into()));
    }
    let encoded = reqwest::Url::parse_with_params("http://form.invalid/", &form)
        .map_err(|e| e.to_string())?
        .query()
        .unwrap_or_default()
        .to_string();
    let headers = [(
        "Content-Type".to_string(),
        "application/x-www-form-urlencoded".to_string(),
    )];
    match Service::new(sim)
        .headers(&headers)
        .send(Method::POST, token_url, Some(encoded))
        .await?
    {
        Outcome::Answered { status, body, .. } if status.is_success() => {
            let token: Value = serde_json::from_str(&body).map_err(|e| e.to_string())?;
            let access = token["access_token"].as_str().ok_or("no access_token")?;
            let kind = token["token_type"].as_str().unwrap_or("Bearer");
            Ok(format!("{kind} {access}"))
        }
        Outcome::Answered { status, .. } => Err(format!(
            "Request failed with status code {}",
            status.as_u16()
        )),
        Outcome::Failed(code) => Err(code),
    }
}
