//! Sub-action connectors that talk to ticketing and chat APIs: ServiceNow, Jira, Opsgenie and
//! the Slack Web API. Each makes real HTTP calls to its configured `apiUrl`.

use crate::schema::str_field;
use reqwest::Method;
use serde_json::{Map, Value, json};

use crate::exec::{ExecResult, Outcome, call, failed, now_iso, ok, threw};
use crate::handlers::Runnable;
use crate::server::Sim;
use crate::types::Executor;

/// Runs one of these connectors.
pub async fn run(
    sim: &Sim,
    c: &Runnable,
    executor: Executor,
    params: &Map<String, Value>,
) -> ExecResult {
    let sub = str_field(params, "subAction").unwrap_or_default();
    let sub_params = params
        .get("subActionParams")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let result = match executor {
        Executor::ServiceNow => servicenow(sim, c, sub, &sub_params).await,
        Executor::Jira => jira(sim, c, sub, &sub_params).await,
        Executor::Opsgenie => opsgenie(sim, c, sub, &sub_params).await,
        Executor::SlackApi => return slack_api(sim, c, sub, &sub_params).await,
        _ => Err("not an ITSM connector".to_string()),
    };
    match result {
        Ok(data) => ok(c, data),
        Err(e) => threw(c, e),
    }
}

/// A JSON call; non-2xx and failures become the error text Kibana's services throw.
async fn json_call(
    sim: &Sim,
    method: Method,
    url: &str,
    headers: &[(String, String)],
    basic: Option<(&str, &str)>,
    body: Option<Value>,
    what: &str,
) -> Result<Value, String> {
    let mut all = headers.to_vec();
    all.push(("Content-Type".into(), "application/json".into()));
    all.push(("Accept".into(), "application/json".into()));
    match call(sim, method, url, &all, basic, body.map(|b| b.to_string())).await? {
        Outcome::Failed(code) => Err(format!("{what}. Error: {code}")),
        Outcome::Answered { status, body, .. } if !status.is_success() => Err(format!(
            "{what}. Error: Request failed with status code {}. Reason: {}",
            status.as_u16(),
            body.chars().take(300).collect::<String>()
        )),
        Outcome::Answered { body, .. } => Ok(serde_json::from_str(&body).unwrap_or(Value::Null)),
    }
}

fn base(c: &Runnable) -> String {
    str_field(&c.config, "apiUrl")
        .unwrap_or_default()
        .trim_end_matches('/')
        .to_string()
}

async fn servicenow(
    sim: &Sim,
    c: &Runnable,
    sub: &str,
    p: &Map<String, Value>,
) -> Result<Value, String> {
    let api = base(c);
    let table = match c.type_id.as_str() {
        ".servicenow-sir" => "sn_si_incident",
        _ => "incident",
    };
    let basic = match (
        str_field(&c.secrets, "username"),
        str_field(&c.secrets, "password"),
    ) {
        (Some(u), Some(pw)) => Some((u, pw)),
        _ => None,
    };
    let prefix = "[Action][ServiceNow]";
    match sub {
        "pushToService" => {
            let incident = p
                .get("incident")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            let external = str_field(&incident, "externalId").map(String::from);
            let fields: Map<String, Value> = incident
                .into_iter()
                .filter(|(k, v)| k != "externalId" && !v.is_null())
                .collect();
            let (method, url, what) = match &external {
                Some(id) => (
                    Method::PATCH,
                    format!("{api}/api/now/v2/table/{table}/{id}"),
                    format!("{prefix}: Unable to update incident with id {id}"),
                ),
                None => (
                    Method::POST,
                    format!("{api}/api/now/v2/table/{table}"),
                    format!("{prefix}: Unable to create incident"),
                ),
            };
            let res = json_call(
                sim,
                method,
                &url,
                &[],
                basic,
                Some(Value::Object(fields)),
                &what,
            )
            .await?;
            let id = res["result"]["sys_id"]
                .as_str()
                .or(external.as_deref())
                .unwrap_or_default()
                .to_string();
            let mut data = json!({
                "id": id,
                "title": res["result"]["number"],
                "pushedDate": now_iso(),
                "url": format!("{api}/nav_to.do?uri={table}.do?sys_id={id}"),
            });
            if let Some(comments) = p
                .get("comments")
                .and_then(Value::as_array)
                .filter(|c| !c.is_empty())
            {
                let mut pushed = Vec::new();
                for comment in comments {
                    let url = format!("{api}/api/now/v2/table/{table}/{id}");
                    let what = format!("{prefix}: Unable to update incident with id {id}");
                    json_call(
                        sim,
                        Method::PATCH,
                        &url,
                        &[],
                        basic,
                        Some(json!({"comments": comment["comment"]})),
                        &what,
                    )
                    .await?;
                    pushed
                        .push(json!({"commentId": comment["commentId"], "pushedDate": now_iso()}));
                }
                data["comments"] = Value::Array(pushed);
            }
            Ok(data)
        }
        "getIncident" => {
            let id = str_field(p, "externalId").unwrap_or_default();
            let res = json_call(
                sim,
                Method::GET,
                &format!("{api}/api/now/v2/table/{table}/{id}"),
                &[],
                basic,
                None,
                &format!("{prefix}: Unable to get incident with id {id}"),
            )
            .await?;
            Ok(res["result"].clone())
        }
        "getFields" => {
            let url = format!(
                "{api}/api/now/table/sys_dictionary?sysparm_query=name=task^ORname={table}^internal_type=string&active=true&array=false&read_only=false&sysparm_fields=max_length,element,column_label,mandatory"
            );
            Ok(json_call(
                sim,
                Method::GET,
                &url,
                &[],
                basic,
                None,
                &format!("{prefix}: Unable to get fields"),
            )
            .await?["result"]
                .clone())
        }
        "getChoices" => {
            let fields: Vec<&str> = p
                .get("fields")
                .and_then(Value::as_array)
                .map(|f| f.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let url = format!(
                "{api}/api/now/table/sys_choice?sysparm_query=name=task^ORname={table}^element={}^language=en&sysparm_fields=label,value,dependent_value,element",
                fields.join("^ORelement=")
            );
            Ok(json_call(
                sim,
                Method::GET,
                &url,
                &[],
                basic,
                None,
                &format!("{prefix}: Unable to get choices"),
            )
            .await?["result"]
                .clone())
        }
        "addEvent" => {
            let url = format!("{api}/api/global/em/jsonv2");
            json_call(
                sim,
                Method::POST,
                &url,
                &[],
                basic,
                Some(json!({"records": [p]})),
                &format!("{prefix}: Unable to add event"),
            )
            .await?;
            Ok(Value::Null)
        }
        "handshake" => Ok(json!({})),
        other => Err(format!(
            "[Action][ExternalService] Unsupported subAction type {other}."
        )),
    }
}

async fn jira(sim: &Sim, c: &Runnable, sub: &str, p: &Map<String, Value>) -> Result<Value, String> {
    let api = base(c);
    let project = str_field(&c.config, "projectKey").unwrap_or_default();
    let basic = Some((
        str_field(&c.secrets, "email").unwrap_or_default(),
        str_field(&c.secrets, "apiToken").unwrap_or_default(),
    ));
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
                    json_call(
                        sim,
                        Method::PUT,
                        &url,
                        &[],
                        basic,
                        Some(json!({"fields": fields})),
                        &format!("{prefix}: Unable to update issue with id {ext}"),
                    )
                    .await?;
                    let issue = json_call(
                        sim,
                        Method::GET,
                        &url,
                        &[],
                        basic,
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
                    let created = json_call(
                        sim,
                        Method::POST,
                        &format!("{api}/rest/api/2/issue"),
                        &[],
                        basic,
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
            if let Some(comments) = p
                .get("comments")
                .and_then(Value::as_array)
                .filter(|c| !c.is_empty())
            {
                let mut pushed = Vec::new();
                for comment in comments {
                    let url = format!("{api}/rest/api/2/issue/{id}/comment");
                    json_call(
                        sim,
                        Method::POST,
                        &url,
                        &[],
                        basic,
                        Some(json!({"body": comment["comment"]})),
                        &format!("{prefix}: Unable to create comment at issue with id {id}"),
                    )
                    .await?;
                    pushed
                        .push(json!({"commentId": comment["commentId"], "pushedDate": now_iso()}));
                }
                data["comments"] = Value::Array(pushed);
            }
            Ok(data)
        }
        "getIncident" => {
            let id = str_field(p, "externalId").unwrap_or_default();
            json_call(
                sim,
                Method::GET,
                &format!("{api}/rest/api/2/issue/{id}"),
                &[],
                basic,
                None,
                &format!("{prefix}: Unable to get issue with id {id}"),
            )
            .await
        }
        "issueTypes" => {
            let res = json_call(
                sim,
                Method::GET,
                &format!("{api}/rest/api/2/issue/createmeta/{project}/issuetypes"),
                &[],
                basic,
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
            json_call(
                sim,
                Method::GET,
                &format!("{api}/rest/api/2/issue/createmeta/{project}/issuetypes/{id}"),
                &[],
                basic,
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
            let res = json_call(
                sim,
                Method::GET,
                url.as_str(),
                &[],
                basic,
                None,
                &format!("{prefix}: Unable to get issues"),
            )
            .await?;
            Ok(Value::Array(res["issues"].as_array().cloned().unwrap_or_default().iter().map(|i| json!({"id": i["id"], "key": i["key"], "title": i["fields"]["summary"]})).collect()))
        }
        "issue" => {
            let id = str_field(p, "id").unwrap_or_default();
            let i = json_call(
                sim,
                Method::GET,
                &format!("{api}/rest/api/2/issue/{id}"),
                &[],
                basic,
                None,
                &format!("{prefix}: Unable to get issue with id {id}"),
            )
            .await?;
            Ok(json!({"id": i["id"], "key": i["key"], "title": i["fields"]["summary"]}))
        }
        "getFields" => {
            json_call(
                sim,
                Method::GET,
                &format!("{api}/rest/api/2/field"),
                &[],
                basic,
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

async fn opsgenie(
    sim: &Sim,
    c: &Runnable,
    sub: &str,
    p: &Map<String, Value>,
) -> Result<Value, String> {
    let api = base(c);
    let auth = [(
        "Authorization".to_string(),
        format!(
            "GenieKey {}",
            str_field(&c.secrets, "apiKey").unwrap_or_default()
        ),
    )];
    match sub {
        "createAlert" => {
            json_call(
                sim,
                Method::POST,
                &format!("{api}/v2/alerts"),
                &auth,
                None,
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
            json_call(
                sim,
                Method::POST,
                url.as_str(),
                &auth,
                None,
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

async fn slack_api(sim: &Sim, c: &Runnable, sub: &str, p: &Map<String, Value>) -> ExecResult {
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
                return failed(
                    c,
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
    match call(sim, method, &url, &headers, None, body).await {
        Err(e) | Ok(Outcome::Failed(e)) => failed(c, "error posting slack message", Some(e)),
        Ok(Outcome::Answered { status, body, .. }) => {
            let v: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
            if status.is_success() && v["ok"] == json!(true) {
                ok(c, v)
            } else if status.is_server_error() {
                ExecResult {
                    retry: Some(json!(true)),
                    ..failed(c, "error posting a slack message, retry later", None)
                }
            } else {
                failed(
                    c,
                    "error posting slack message",
                    Some(v["error"].as_str().unwrap_or(&body).to_string()),
                )
            }
        }
    }
}
