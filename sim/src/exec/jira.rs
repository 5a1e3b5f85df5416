//! Jira: each sub-action makes real HTTP calls to the configured `apiUrl`; errors are the text
//! Kibana's Jira service throws.

use reqwest::Method;
use serde_json::{Map, Value, json};

use super::Runnable;
use super::clock::{iso, now_iso};
use super::http::Service;
use crate::schema::str_field;
use crate::state::Sim;

/// `createFields`: the summary on one line, the optional fields in Jira's shapes, then
/// `otherFields` as they are.
fn issue_fields(project: &str, incident: &Map<String, Value>, issue_type: Option<&str>) -> Value {
    let summary = str_field(incident, "summary")
        .unwrap_or_default()
        .split(['\n', '\r'])
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let mut fields = json!({"summary": summary, "project": {"key": project}});
    let present = |k: &str| str_field(incident, k).filter(|v| !v.is_empty());
    if let Some(t) = issue_type.filter(|t| !t.is_empty()) {
        fields["issuetype"] = json!({"id": t});
    }
    if let Some(d) = present("description") {
        fields["description"] = json!(d);
    }
    if let Some(l) = incident.get("labels").filter(|l| !l.is_null()) {
        fields["labels"] = l.clone();
    }
    if let Some(pr) = present("priority") {
        fields["priority"] = json!({"name": pr});
    }
    if let Some(parent) = present("parent") {
        fields["parent"] = json!({"key": parent});
    }
    if let Some(other) = incident.get("otherFields").and_then(Value::as_object) {
        for (k, v) in other {
            fields[k] = v.clone();
        }
    }
    fields
}

/// `getIncident`: the issue with its dates, which create and update answer from.
async fn read_issue(svc: &Service<'_>, api: &str, id: &str) -> Result<Value, String> {
    svc.json(
        Method::GET,
        &format!("{api}/rest/api/2/issue/{id}"),
        None,
        &format!("{PREFIX}: Unable to get incident with id {id}"),
    )
    .await
}

/// JavaScript's `new Date(s).toISOString()` for the dates Jira answers.
fn js_iso(date: &Value) -> String {
    date.as_str()
        .and_then(|d| {
            time::OffsetDateTime::parse(d, &time::format_description::well_known::Rfc3339).ok()
        })
        .map(iso)
        .unwrap_or_else(now_iso)
}

/// `pushToServiceHandler` over Jira's service: create (with the project's first issue type
/// when none is given) or update, each read back for its key and date, then one comment
/// request per comment.
async fn push(
    svc: &Service<'_>,
    api: &str,
    project: &str,
    p: &Map<String, Value>,
) -> Result<Value, String> {
    let incident = p
        .get("incident")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let (issue, date_field) = match str_field(&incident, "externalId") {
        Some(ext) => {
            let what = format!("{PREFIX}: Unable to update incident with id {ext}");
            let without_nulls: Map<String, Value> = incident
                .iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            let issue_type = str_field(&without_nulls, "issueType");
            let fields = issue_fields(project, &without_nulls, issue_type);
            let url = format!("{api}/rest/api/2/issue/{ext}");
            svc.json(Method::PUT, &url, Some(json!({"fields": fields})), &what)
                .await?;
            (
                read_issue(svc, api, ext)
                    .await
                    .map_err(|e| format!("{what}. Error: {e}"))?,
                "updated",
            )
        }
        None => {
            let what = format!("{PREFIX}: Unable to create incident");
            let issue_type = match str_field(&incident, "issueType").filter(|t| !t.is_empty()) {
                Some(t) => t.to_string(),
                None => first_issue_type(svc, api, project).await?,
            };
            let fields = issue_fields(project, &incident, Some(&issue_type));
            let created = svc
                .json(
                    Method::POST,
                    &format!("{api}/rest/api/2/issue"),
                    Some(json!({"fields": fields})),
                    &what,
                )
                .await?;
            let id = created["id"].as_str().unwrap_or_default().to_string();
            (
                read_issue(svc, api, &id)
                    .await
                    .map_err(|e| format!("{what}. Error: {e}"))?,
                "created",
            )
        }
    };
    let key = issue["key"].as_str().unwrap_or_default();
    let id = issue["id"].as_str().unwrap_or_default();
    let mut data = json!({"title": key, "id": id,
        "pushedDate": js_iso(&issue["fields"][date_field]),
        "url": format!("{api}/browse/{key}")});
    if let Some(comments) = p
        .get("comments")
        .and_then(Value::as_array)
        .filter(|c| !c.is_empty())
    {
        let mut pushed = Vec::new();
        for comment in comments {
            let answer = svc
                .json(
                    Method::POST,
                    &format!("{api}/rest/api/2/issue/{id}/comment"),
                    Some(json!({"body": comment["comment"]})),
                    &format!("{PREFIX}: Unable to create comment at incident with id {id}"),
                )
                .await?;
            pushed.push(json!({"commentId": comment["commentId"], "pushedDate": js_iso(&answer["created"])}));
        }
        data["comments"] = Value::Array(pushed);
    }
    Ok(data)
}

/// `getIssueTypes`' first id (Cloud answers `issueTypes`, Data Center `values`).
async fn first_issue_type(svc: &Service<'_>, api: &str, project: &str) -> Result<String, String> {
    let types = svc
        .json(
            Method::GET,
            &format!("{api}/rest/api/2/issue/createmeta/{project}/issuetypes"),
            None,
            &format!("{PREFIX}: Unable to get issue types"),
        )
        .await?;
    let list = types.get("issueTypes").or(types.get("values"));
    Ok(list
        .and_then(|l| l.get(0))
        .and_then(|t| t["id"].as_str())
        .unwrap_or_default()
        .to_string())
}

const PREFIX: &str = "[Action][Jira]";

/// `.jira`.
pub(super) async fn jira(
    sim: &Sim,
    c: &Runnable,
    sub: &str,
    p: &Map<String, Value>,
) -> Result<Value, String> {
    let api = c.api_url();
    let project = str_field(&c.config, "projectKey").unwrap_or_default();
    let basic = Some((
        str_field(&c.secrets, "email").unwrap_or_default(),
        str_field(&c.secrets, "apiToken").unwrap_or_default(),
    ));
    let svc = Service::new(sim).basic(basic);
    let prefix = PREFIX;
    match sub {
        "pushToService" => push(&svc, &api, project, p).await,
        "getIncident" => {
            let id = str_field(p, "externalId").unwrap_or_default();
            svc.json(
                Method::GET,
                &format!("{api}/rest/api/2/issue/{id}"),
                None,
                &format!("{prefix}: Unable to get issue with id {id}"),
            )
            .await
        }
        "issueTypes" => {
            let res = svc
                .json(
                    Method::GET,
                    &format!("{api}/rest/api/2/issue/createmeta/{project}/issuetypes"),
                    None,
                    &format!("{prefix}: Unable to get issue types"),
                )
                .await?;
            let list = res
                .get("values")
                .or(res.get("issueTypes"))
                .cloned()
                .unwrap_or(res);
            Ok(Value::Array(
                list.as_array()
                    .cloned()
                    .unwrap_or_default()
                    .iter()
                    .map(|t| json!({"id": t["id"], "name": t["name"]}))
                    .collect(),
            ))
        }
        "fieldsByIssueType" => {
            let id = str_field(p, "id").unwrap_or_default();
            svc.json(
                Method::GET,
                &format!("{api}/rest/api/2/issue/createmeta/{project}/issuetypes/{id}"),
                None,
                &format!("{prefix}: Unable to get fields"),
            )
            .await
        }
        "issues" => {
            let title = str_field(p, "title").unwrap_or_default();
            let jql = format!("project=\"{project}\" and summary ~\"{title}\"");
            let url = reqwest::Url::parse_with_params(
                &format!("{api}/rest/api/2/search"),
                &[("jql", jql.as_str())],
            )
            .map_err(|e| e.to_string())?;
            let res = svc
                .json(
                    Method::GET,
                    url.as_str(),
                    None,
                    &format!("{prefix}: Unable to get issues"),
                )
                .await?;
            Ok(Value::Array(res["issues"].as_array().cloned().unwrap_or_default().iter().map(|i| json!({"id": i["id"], "key": i["key"], "title": i["fields"]["summary"]})).collect()))
        }
        "issue" => {
            let id = str_field(p, "id").unwrap_or_default();
            let i = svc
                .json(
                    Method::GET,
                    &format!("{api}/rest/api/2/issue/{id}"),
                    None,
                    &format!("{prefix}: Unable to get issue with id {id}"),
                )
                .await?;
            Ok(json!({"id": i["id"], "key": i["key"], "title": i["fields"]["summary"]}))
        }
        "getFields" => {
            svc.json(
                Method::GET,
                &format!("{api}/rest/api/2/field"),
                None,
                &format!("{prefix}: Unable to get fields"),
            )
            .await
        }
        "handshake" => Ok(json!({})),
        other => Err(format!(
            "[Action][ExternalService] Unsupported subAction type {other}."
        )),
    }
}
