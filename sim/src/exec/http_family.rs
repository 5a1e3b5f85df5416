//! `.cases-webhook` (create or update a case, then read its title back, then comment, each a
//! templated HTTP call: `cases_webhook/service.ts`) and `.http` (one call, its answer
//! returned: `http/http_connector.ts`).

use reqwest::Method;
use serde_json::{Map, Value, json};

use super::http::{Outcome, Service};
use super::{ExecResult, Runnable};
use crate::schema::str_field;
use crate::state::Sim;

fn method(name: Option<&str>, fallback: Method) -> Method {
    name.and_then(|m| Method::from_bytes(m.to_uppercase().as_bytes()).ok())
        .unwrap_or(fallback)
}

/// Mustache's triple braces for the case's fields: each value as JSON (strings quoted and
/// escaped) inside JSON templates, as is inside URLs.
fn render(template: &str, vars: &Map<String, Value>, as_json: bool) -> String {
    let mut out = template.to_string();
    for (name, value) in vars {
        let text = match (value, as_json) {
            (Value::String(s), false) => s.clone(),
            (v, _) => v.to_string(),
        };
        out = out.replace(&format!("{{{{{{{name}}}}}}}"), &text);
    }
    out
}

/// A dotted key into a JSON answer (`data.id`).
fn at_key<'a>(value: &'a Value, key: &str) -> Option<&'a Value> {
    key.split('.').try_fold(value, |v, k| v.get(k))
}

/// `.cases-webhook` `pushToService`.
pub(super) async fn push(sim: &Sim, c: &Runnable, p: &Map<String, Value>) -> Result<Value, String> {
    let incident = p
        .get("incident")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let (headers, basic) = (c.headers(), c.basic_auth());
    let svc = Service::new(sim).headers(&headers).basic(basic);
    let cfg = |k: &str| str_field(&c.config, k).unwrap_or_default().to_string();
    let mut vars = Map::new();
    vars.insert(
        "case.title".into(),
        incident.get("title").cloned().unwrap_or(Value::Null),
    );
    vars.insert(
        "case.description".into(),
        incident.get("description").cloned().unwrap_or(json!("")),
    );
    vars.insert(
        "case.tags".into(),
        incident.get("tags").cloned().unwrap_or(json!([])),
    );
    vars.insert(
        "case.id".into(),
        incident.get("id").cloned().unwrap_or(Value::Null),
    );
    let parse = |template: String| -> Result<Value, String> {
        serde_json::from_str(&render(&template, &vars, true)).map_err(|e| {
            format!("[Action][Webhook - Case Management]: Unable to create case. Error: {e}")
        })
    };
    let id = match str_field(&incident, "externalId") {
        Some(existing) => {
            let url = cfg("updateIncidentUrl").replace("{{{external.system.id}}}", existing);
            svc.json(
                method(str_field(&c.config, "updateIncidentMethod"), Method::PUT),
                &url,
                Some(parse(cfg("updateIncidentJson"))?),
                "[Action][Webhook - Case Management]: Unable to update case",
            )
            .await?;
            existing.to_string()
        }
        None => {
            let created = svc
                .json(
                    method(str_field(&c.config, "createIncidentMethod"), Method::POST),
                    &cfg("createIncidentUrl"),
                    Some(parse(cfg("createIncidentJson"))?),
                    "[Action][Webhook - Case Management]: Unable to create case",
                )
                .await?;
            let key = cfg("createIncidentResponseKey");
            match at_key(&created, &key) {
                Some(Value::String(s)) => s.clone(),
                Some(v @ Value::Number(_)) => v.to_string(),
                _ => {
                    return Err(format!(
                        "[Action][Webhook - Case Management]: Unable to create case. Error: Response is missing the expected field: {key}."
                    ));
                }
            }
        }
    };
    let read = svc
        .json(
            method(str_field(&c.config, "getIncidentMethod"), Method::GET),
            &cfg("getIncidentUrl").replace("{{{external.system.id}}}", &id),
            None,
            "[Action][Webhook - Case Management]: Unable to get case",
        )
        .await?;
    let title_key = cfg("getIncidentResponseExternalTitleKey");
    let title = at_key(&read, &title_key)
        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
        .unwrap_or_default();
    if let Some(url) = str_field(&c.config, "createCommentUrl") {
        let template = cfg("createCommentJson");
        for comment in p
            .get("comments")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let mut with_comment = vars.clone();
            with_comment.insert("case.comment".into(), comment["comment"].clone());
            let body: Value = serde_json::from_str(&render(&template, &with_comment, true))
                .map_err(|e| e.to_string())?;
            svc.json(
                method(str_field(&c.config, "createCommentMethod"), Method::PUT),
                &url.replace("{{{external.system.id}}}", &id),
                Some(body),
                "[Action][Webhook - Case Management]: Unable to create comment",
            )
            .await?;
        }
    }
    let view = cfg("viewIncidentUrl")
        .replace("{{{external.system.id}}}", &id)
        .replace("{{{external.system.title}}}", &title);
    Ok(json!({"id": id, "title": title, "url": view, "pushedDate": super::now_iso()}))
}

/// `.http`: the configured URL (or the params', or a path under it), the method, query,
/// headers and body; the answer as `{status, statusText, headers, data}`.
pub(super) async fn http(sim: &Sim, c: &Runnable, p: &Map<String, Value>) -> ExecResult {
    let base = str_field(&c.config, "url").unwrap_or_default();
    let mut url = match (str_field(p, "url"), str_field(p, "path")) {
        (Some(u), _) => u.to_string(),
        (None, Some(path)) => format!(
            "{}/{}",
            base.trim_end_matches('/'),
            path.trim_start_matches('/')
        ),
        (None, None) => base.to_string(),
    };
    if let Some(query) = p.get("query").and_then(Value::as_object)
        && let Ok(mut parsed) = reqwest::Url::parse(&url)
    {
        for (k, v) in query {
            parsed
                .query_pairs_mut()
                .append_pair(k, &v.as_str().map_or_else(|| v.to_string(), str::to_string));
        }
        url = parsed.to_string();
    }
    let (mut headers, basic) = (c.headers(), c.basic_auth());
    if let Some(h) = p.get("headers").and_then(Value::as_object) {
        headers.extend(
            h.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string())),
        );
    }
    let body = match p.get("body") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => {
            if !headers
                .iter()
                .any(|(k, _)| k.eq_ignore_ascii_case("content-type"))
            {
                headers.push(("Content-Type".into(), "application/json".into()));
            }
            Some(other.to_string())
        }
    };
    match Service::new(sim)
        .headers(&headers)
        .basic(basic)
        .send(method(str_field(p, "method"), Method::GET), &url, body)
        .await
    {
        Err(e) | Ok(Outcome::Failed(e)) => ExecResult::failed(
            &c.id,
            "error calling the HTTP service, request failed",
            Some(e),
        ),
        Ok(Outcome::Answered {
            status,
            headers,
            body,
        }) => {
            let data = serde_json::from_str::<Value>(&body).unwrap_or(Value::String(body));
            let headers: Map<String, Value> = headers
                .iter()
                .map(|(k, v)| (k.to_string(), json!(v.to_str().unwrap_or_default())))
                .collect();
            ExecResult::ok(
                &c.id,
                Some(json!({
                    "status": status.as_u16(),
                    "statusText": super::http::reason(status),
                    "headers": headers,
                    "data": data,
                })),
            )
        }
    }
}
