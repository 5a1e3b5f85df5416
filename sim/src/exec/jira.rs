//! Jira: each sub-action makes real HTTP calls to the configured `apiUrl`; errors are the text
//! Kibana's Jira service throws.

use reqwest::Method;
use serde_json::{Map, Value, json};

use super::Runnable;
use super::clock::now_iso;
use super::http::Service;
use crate::schema::str_field;
use crate::state::Sim;

/// One comment's request, as the service's update needs it.
struct CommentCall<'a> {
    method: Method,
    url: &'a str,
    body: Value,
    what: &'a str,
}

/// Pushes a case's `comments` param one request at a time, as Kibana's ITSM services do;
/// `None` when there are none. Each pushed comment is reported with its push time.
async fn push_comments<'a>(
    svc: &Service<'_>,
    params: &Map<String, Value>,
    request: impl Fn(&Value) -> CommentCall<'a>,
) -> Result<Option<Value>, String> {
    let Some(comments) = params
        .get("comments")
        .and_then(Value::as_array)
        .filter(|c| !c.is_empty())
    else {
        return Ok(None);
    };
    let mut pushed = Vec::new();
    for comment in comments {
        let call = request(comment);
        svc.json(call.method, call.url, Some(call.body), call.what)
            .await?;
        pushed.push(json!({"commentId": comment["commentId"], "pushedDate": now_iso()}));
    }
    Ok(Some(Value::Array(pushed)))
}

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
    let prefix = "[Action][Jira]";
    match sub {
        "pushToService" => {
            let incident = p
                .get("incident")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            let mut fields =
                json!({"project": {"key": project}, "summary": incident.get("summary")});
            if let Some(d) = str_field(&incident, "description") {
                fields["description"] = json!(d);
            }
            if let Some(t) = str_field(&incident, "issueType") {
                fields["issuetype"] = json!({"id": t});
            }
            if let Some(pr) = str_field(&incident, "priority") {
                fields["priority"] = json!({"name": pr});
            }
            if let Some(l) = incident.get("labels").filter(|l| !l.is_null()) {
                fields["labels"] = l.clone();
            }
            if let Some(parent) = str_field(&incident, "parent") {
                fields["parent"] = json!({"key": parent});
            }
            let (id, key) = match str_field(&incident, "externalId") {
                Some(ext) => {
                    let url = format!("{api}/rest/api/2/issue/{ext}");
                    svc.json(
                        Method::PUT,
                        &url,
                        Some(json!({"fields": fields})),
                        &format!("{prefix}: Unable to update issue with id {ext}"),
                    )
                    .await?;
                    let issue = svc
                        .json(
                            Method::GET,
                            &url,
                            None,
                            &format!("{prefix}: Unable to get issue with id {ext}"),
                        )
                        .await?;
                    (
                        issue["id"].as_str().unwrap_or(ext).to_string(),
                        issue["key"].as_str().unwrap_or(ext).to_string(),
                    )
                }
                None => {
                    let created = svc
                        .json(
                            Method::POST,
                            &format!("{api}/rest/api/2/issue"),
                            Some(json!({"fields": fields})),
                            &format!("{prefix}: Unable to create issue"),
                        )
                        .await?;
                    (
                        created["id"].as_str().unwrap_or_default().to_string(),
                        created["key"].as_str().unwrap_or_default().to_string(),
                    )
                }
            };
            let mut data = json!({"id": id, "title": key, "url": format!("{api}/browse/{key}"), "pushedDate": now_iso()});
            let comment_url = format!("{api}/rest/api/2/issue/{id}/comment");
            let comment_what = format!("{prefix}: Unable to create comment at issue with id {id}");
            if let Some(pushed) = push_comments(&svc, p, |comment| CommentCall {
                method: Method::POST,
                url: &comment_url,
                body: json!({"body": comment["comment"]}),
                what: &comment_what,
            })
            .await?
            {
                data["comments"] = pushed;
            }
            Ok(data)
        }
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
