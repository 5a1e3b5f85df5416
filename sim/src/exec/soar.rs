//! Security orchestration and incident services: Torq and xMatters (plain executors with
//! their own result messages) and the sub-action services of Tines, D3 Security, TheHive,
//! Cortex XSOAR, IBM Resilient, Jira Service Management and Swimlane (their calls as each
//! `connector_types/<type>/*.ts` service makes them; the framework words the failures).

use reqwest::{Method, StatusCode};
use serde_json::{Map, Value, json};

use super::http::{Outcome, Service, header, reason, retry_at};
use super::{ExecResult, Runnable};
use crate::schema::str_field;
use crate::state::Sim;

const FAILED: &str = "Request failed";

/// `.torq` (`torq/index.ts`): posts the JSON `body` with `X-Torq-Token`.
pub(super) async fn torq(sim: &Sim, c: &Runnable, p: &Map<String, Value>) -> ExecResult {
    let data = str_field(p, "body").unwrap_or_default();
    let body: Value = match serde_json::from_str(if data.is_empty() { "null" } else { data }) {
        Ok(v) => v,
        Err(e) => {
            return ExecResult::failed(
                &c.id,
                "error triggering Torq workflow, invalid body",
                Some(e.to_string()),
            );
        }
    };
    let url = str_field(&c.config, "webhookIntegrationUrl").unwrap_or_default();
    let headers = [
        (
            "X-Torq-Token".to_string(),
            str_field(&c.secrets, "token")
                .unwrap_or_default()
                .to_string(),
        ),
        ("Content-Type".to_string(), "application/json".to_string()),
    ];
    let answer = Service::new(sim)
        .headers(&headers)
        .send(Method::POST, url, Some(body.to_string()))
        .await;
    let fail = |what: &str, service: Option<String>, retry: Option<Value>| {
        ExecResult::error(
            &c.id,
            format!("error triggering Torq workflow, {what}"),
            service,
            retry,
        )
    };
    match answer {
        Err(e) | Ok(Outcome::Failed(e)) => fail("request failed", Some(e), None),
        Ok(Outcome::Answered { status, .. }) if status.is_success() => {
            ExecResult::ok(&c.id, Some(json!(data)))
        }
        Ok(Outcome::Answered {
            status,
            headers,
            body,
        }) => {
            let message = serde_json::from_str::<Value>(&body)
                .ok()
                .and_then(|v| v.get("message").and_then(Value::as_str).map(str::to_owned))
                .map(|m| format!(": {m}"))
                .unwrap_or_default();
            let service = format!("[{}] {}{message}", status.as_u16(), reason(status));
            match status.as_u16() {
                500.. => fail("retry later", Some(service), Some(json!(true))),
                429 => match retry_at(&headers) {
                    Some(at) => fail(&format!("retry at {at}"), Some(service), Some(json!(at))),
                    None => fail("retry later", Some(service), Some(json!(true))),
                },
                405 => fail("method is not supported", Some(service), None),
                401 => fail("unauthorised", Some(service), None),
                404 => fail("make sure the webhook URL is valid", Some(service), None),
                _ => fail("invalid response", Some(service), None),
            }
        }
    }
}

/// `.xmatters` (`xmatters/index.ts`): posts the alert fields to the config URL with basic
/// authentication, or to the secret URL that carries its API key.
pub(super) async fn xmatters(sim: &Sim, c: &Runnable, p: &Map<String, Value>) -> ExecResult {
    let basic = c
        .config
        .get("usesBasic")
        .and_then(Value::as_bool)
        .unwrap_or(true);
    let url = if basic {
        str_field(&c.config, "configUrl")
    } else {
        str_field(&c.secrets, "secretsUrl")
    };
    let Some(url) = url else {
        return ExecResult::failed(
            &c.id,
            "Error triggering xMatters workflow",
            Some("Error: no url provided".into()),
        );
    };
    let mut data = Map::new();
    for key in ["alertActionGroupName", "signalId", "ruleName", "date"] {
        if let Some(v) = p.get(key) {
            data.insert(key.into(), v.clone());
        }
    }
    let severity = str_field(p, "severity").filter(|s| !s.is_empty());
    data.insert("severity".into(), json!(severity.unwrap_or("High")));
    for key in ["spaceId", "tags"] {
        if let Some(v) = p.get(key) {
            data.insert(key.into(), v.clone());
        }
    }
    let auth = basic
        .then(|| {
            Some((
                str_field(&c.secrets, "user")?,
                str_field(&c.secrets, "password")?,
            ))
        })
        .flatten();
    let headers = [("Content-Type".to_string(), "application/json".to_string())];
    let answer = Service::new(sim)
        .headers(&headers)
        .basic(auth)
        .send(
            Method::POST,
            url,
            Some(Value::Object(data.clone()).to_string()),
        )
        .await;
    match answer {
        Err(e) | Ok(Outcome::Failed(e)) => {
            ExecResult::failed(&c.id, "Error triggering xMatters workflow", Some(e))
        }
        Ok(Outcome::Answered { status, .. }) if status.is_success() => {
            ExecResult::ok(&c.id, Some(Value::Object(data)))
        }
        Ok(Outcome::Answered { status, .. })
            if status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error() =>
        {
            ExecResult::error(
                &c.id,
                format!(
                    "Error triggering xMatters flow: http status {}, retry later",
                    status.as_u16()
                ),
                None,
                Some(json!(true)),
            )
        }
        Ok(Outcome::Answered { status, .. }) => ExecResult::failed(
            &c.id,
            format!(
                "Error triggering xMatters flow: unexpected status {}",
                status.as_u16()
            ),
            None,
        ),
    }
}

fn secret<'a>(c: &'a Runnable, key: &str) -> &'a str {
    str_field(&c.secrets, key).unwrap_or_default()
}

fn config_url(c: &Runnable, key: &str) -> String {
    str_field(&c.config, key)
        .unwrap_or_default()
        .trim_end_matches('/')
        .to_string()
}

/// A sub-action of one of the framework services; the error text is what the framework
/// throws.
pub(super) async fn sub_action(
    sim: &Sim,
    c: &Runnable,
    sub: &str,
    p: &Map<String, Value>,
) -> Result<Value, String> {
    let not_registered = || {
        Err(format!(
            "Sub action \"{sub}\" is not registered. Connector id: {}. Connector name: {}. Connector type: {}",
            c.id, c.name, c.type_id
        ))
    };
    match (c.type_id.as_str(), sub) {
        // `d3security/d3security.ts`: the body with severity and event type, `d3key` header.
        (".d3security", "run" | "test") => {
            let body = str_field(p, "body").unwrap_or_default();
            let mut data: Value = serde_json::from_str(body).unwrap_or(json!({}));
            if let Some(o) = data.as_object_mut() {
                o.insert(
                    "severity".into(),
                    json!(str_field(p, "severity").unwrap_or("")),
                );
                o.insert(
                    "eventType".into(),
                    json!(str_field(p, "eventType").unwrap_or("")),
                );
            }
            let auth = [header("d3key", secret(c, "token"))];
            Service::new(sim)
                .headers(&auth)
                .json(Method::POST, &config_url(c, "url"), Some(data), FAILED)
                .await
        }
        // `tines/tines.ts`: a run posts the body to the webhook's URL.
        (".tines", "run" | "test") => {
            let Some(url) = str_field(p, "webhookUrl") else {
                return Err("Invalid subActionsParams: webhook or webhookUrl are required".into());
            };
            let body: Value = serde_json::from_str(str_field(p, "body").unwrap_or("{}"))
                .map_err(|e| format!("{FAILED}. Error: {e}"))?;
            Service::new(sim)
                .json(Method::POST, url, Some(body), FAILED)
                .await
                .map(|_| json!({}))
        }
        (".tines", "stories") => {
            let auth = [
                header("x-user-email", secret(c, "email")),
                header("x-user-token", secret(c, "token")),
            ];
            let answer = Service::new(sim)
                .headers(&auth)
                .json(
                    Method::GET,
                    &format!("{}/api/v1/stories?per_page=500", config_url(c, "url")),
                    None,
                    FAILED,
                )
                .await?;
            let stories: Vec<Value> = answer
                .get("stories")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|s| json!({"id": s["id"], "name": s["name"], "published": s["published"]}))
                .collect();
            Ok(json!({"stories": stories, "incompleteResponse": false}))
        }
        // `thehive/thehive.ts`: API key as a bearer token, the organisation as a header.
        (".thehive", "createAlert" | "pushToService") => {
            let mut auth = vec![header(
                "Authorization",
                format!("Bearer {}", secret(c, "apiKey")),
            )];
            if let Some(org) = str_field(&c.config, "organisation") {
                auth.push(header("X-Organisation", org));
            }
            let svc = Service::new(sim).headers(&auth);
            let base = format!("{}/api/v1", config_url(c, "url"));
            if sub == "createAlert" {
                let mut alert = p.clone();
                alert.remove("isRuleSeverity");
                alert.retain(|_, v| !v.is_null());
                if let Some(Value::String(body)) = alert.remove("body") {
                    let extra: Value = serde_json::from_str(&body).unwrap_or(json!({}));
                    if let Some(o) = extra.as_object() {
                        alert.extend(o.clone());
                    }
                }
                return svc
                    .json(
                        Method::POST,
                        &format!("{base}/alert"),
                        Some(Value::Object(alert)),
                        FAILED,
                    )
                    .await;
            }
            let mut incident = p
                .get("incident")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            incident.remove("externalId");
            incident.retain(|_, v| !v.is_null());
            let case = svc
                .json(
                    Method::POST,
                    &format!("{base}/case"),
                    Some(Value::Object(incident)),
                    FAILED,
                )
                .await?;
            let id = case["_id"].as_str().unwrap_or_default().to_string();
            for comment in p
                .get("comments")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                svc.json(
                    Method::POST,
                    &format!("{base}/case/{id}/comment"),
                    Some(json!({"message": comment["comment"]})),
                    FAILED,
                )
                .await?;
            }
            Ok(json!({
                "id": id,
                "title": case["number"].to_string(),
                "url": format!("{}/cases/{id}/details", config_url(c, "url")),
                "pushedDate": super::now_iso(),
            }))
        }
        // `xsoar/xsoar.ts`: the API key (and its id, for XSOAR 8) as headers.
        (".xsoar", "getPlaybooks" | "run") => {
            let mut auth = vec![header("Authorization", secret(c, "apiKey"))];
            if let Some(id) = str_field(&c.secrets, "apiKeyID") {
                auth.push(header("x-xdr-auth-id", id));
            }
            let svc = Service::new(sim).headers(&auth);
            let base = config_url(c, "url");
            if sub == "getPlaybooks" {
                return svc
                    .json(
                        Method::POST,
                        &format!("{base}/playbook/search"),
                        Some(json!({"query": "hidden:F"})),
                        FAILED,
                    )
                    .await;
            }
            let mut incident = Map::new();
            for key in ["name", "playbookId", "createInvestigation", "severity"] {
                if let Some(v) = p.get(key) {
                    incident.insert(key.into(), v.clone());
                }
            }
            if let Some(body) =
                str_field(p, "body").and_then(|b| serde_json::from_str::<Value>(b).ok())
                && let Some(o) = body.as_object()
            {
                incident.extend(o.clone());
            }
            svc.json(
                Method::POST,
                &format!("{base}/incident"),
                Some(Value::Object(incident)),
                FAILED,
            )
            .await
            .map(|_| json!({}))
        }
        // `jira-service-management/connector.ts`: Opsgenie's calls under `jsm/ops/integration/v2`.
        (".jira-service-management", "createAlert" | "closeAlert") => {
            let api = reqwest::Url::parse(&format!("{}/", config_url(c, "apiUrl")))
                .map_err(|e| format!("{FAILED}. Error: {e}"))?;
            let auth = [header(
                "Authorization",
                format!("GenieKey {}", secret(c, "apiKey")),
            )];
            let svc = Service::new(sim).headers(&auth);
            if sub == "createAlert" {
                let url = api
                    .join("jsm/ops/integration/v2/alerts")
                    .map_err(|e| e.to_string())?;
                return svc
                    .json(
                        Method::POST,
                        url.as_str(),
                        Some(Value::Object(p.clone())),
                        FAILED,
                    )
                    .await;
            }
            let alias = str_field(p, "alias").unwrap_or_default();
            let mut url = api
                .join(&format!("jsm/ops/integration/v2/alerts/{alias}/close"))
                .map_err(|e| e.to_string())?;
            url.query_pairs_mut().append_pair("identifierType", "alias");
            let mut body = p.clone();
            body.remove("alias");
            svc.json(
                Method::POST,
                url.as_str(),
                Some(Value::Object(body)),
                FAILED,
            )
            .await
        }
        _ => not_registered(),
    }
}

/// `.resilient` and `.swimlane` (`lib/*` external services): create or update the incident,
/// as the older incident connectors do.
pub(super) async fn push(
    sim: &Sim,
    c: &Runnable,
    sub: &str,
    p: &Map<String, Value>,
) -> Result<Value, String> {
    let incident = p
        .get("incident")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    match (c.type_id.as_str(), sub) {
        (".resilient", "pushToService") => {
            let api = config_url(c, "apiUrl");
            let org = str_field(&c.config, "orgId").unwrap_or_default();
            let svc =
                Service::new(sim).basic(Some((secret(c, "apiKeyId"), secret(c, "apiKeySecret"))));
            let mut body = Map::new();
            body.insert(
                "name".into(),
                incident.get("name").cloned().unwrap_or(Value::Null),
            );
            if let Some(d) = str_field(&incident, "description") {
                body.insert(
                    "description".into(),
                    json!({"format": "html", "content": d}),
                );
            }
            if let Some(types) = incident.get("incidentTypes").filter(|v| !v.is_null()) {
                body.insert("incident_type_ids".into(), types.clone());
            }
            if let Some(code) = incident.get("severityCode").filter(|v| !v.is_null()) {
                body.insert("severity_code".into(), code.clone());
            }
            let created = svc
                .json(
                    Method::POST,
                    &format!(
                        "{api}/rest/orgs/{org}/incidents?text_content_output_format=objects_convert"
                    ),
                    Some(Value::Object(body)),
                    "Unable to create incident",
                )
                .await?;
            let id = created["id"].to_string();
            Ok(json!({
                "id": id,
                "title": id,
                "url": format!("{api}/#incidents/{id}"),
                "pushedDate": super::now_iso(),
            }))
        }
        (".swimlane", "pushToService") => {
            let api = config_url(c, "apiUrl");
            let app = str_field(&c.config, "appId").unwrap_or_default();
            let auth = [header("Private-Token", secret(c, "apiToken"))];
            let created = Service::new(sim)
                .headers(&auth)
                .json(
                    Method::POST,
                    &format!("{api}/app/{app}/record"),
                    Some(json!({"applicationId": app, "values": incident})),
                    "Unable to create record in application with id",
                )
                .await?;
            let id = created["id"].as_str().unwrap_or_default().to_string();
            Ok(json!({
                "id": id,
                "title": created["name"],
                "url": format!("{api}/record/{app}/{id}"),
                "pushedDate": super::now_iso(),
            }))
        }
        _ => Err(format!(
            "[Action][ExternalService] -> [{}] Unsupported subAction type {sub}.",
            c.type_id
        )),
    }
}
