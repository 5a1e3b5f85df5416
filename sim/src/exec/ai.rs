//! `.gen-ai` (OpenAI's chat completions, Azure OpenAI, OpenAI-compatible servers) and `.mcp`
//! (Model Context Protocol over Streamable HTTP, JSON-RPC 2.0), as their services in
//! `stack_connectors/server/connector_types/{openai,mcp}` call them.

use reqwest::Method;
use serde_json::{Map, Value, json};

use super::Runnable;
use super::http::{Outcome, Service, header};
use crate::schema::str_field;
use crate::state::Sim;

const FAILED: &str = "Status code: 500. Message: API Error";

/// The provider's auth header and the config's own headers.
fn openai_headers(c: &Runnable) -> Vec<(String, String)> {
    let key = str_field(&c.secrets, "apiKey").unwrap_or_default();
    let mut headers = vec![
        if str_field(&c.config, "apiProvider") == Some("Azure OpenAI") {
            header("api-key", key)
        } else {
            header("Authorization", format!("Bearer {key}"))
        },
    ];
    if let Some(org) = str_field(&c.config, "organizationId") {
        headers.push(header("OpenAI-Organization", org));
    }
    if let Some(project) = str_field(&c.config, "projectId") {
        headers.push(header("OpenAI-Project", project));
    }
    if let Some(extra) = c.config.get("headers").and_then(Value::as_object) {
        headers.extend(
            extra
                .iter()
                .map(|(k, v)| header(k, v.as_str().unwrap_or_default())),
        );
    }
    headers
}

/// `run`/`test` post the body as given (the model defaulting to the config's); `invokeAI`
/// posts messages and answers `{message, usage}`.
pub(super) async fn openai(
    sim: &Sim,
    c: &Runnable,
    sub: &str,
    p: &Map<String, Value>,
) -> Result<Value, String> {
    let url = str_field(&c.config, "apiUrl").unwrap_or_default();
    let model = str_field(&c.config, "defaultModel");
    let svc = Service::new(sim);
    let headers = openai_headers(c);
    let svc = svc.headers(&headers);
    match sub {
        "run" | "test" => {
            let mut body: Value = serde_json::from_str(str_field(p, "body").unwrap_or("{}"))
                .map_err(|e| format!("{FAILED}: invalid body: {e}"))?;
            if let (Some(o), Some(m)) = (body.as_object_mut(), model)
                && !o.contains_key("model")
            {
                o.insert("model".into(), json!(m));
            }
            svc.json(Method::POST, url, Some(body), FAILED).await
        }
        "invokeAI" => {
            let mut body = json!({"messages": p.get("messages").cloned().unwrap_or(json!([]))});
            if let Some(m) = str_field(p, "model").or(model) {
                body["model"] = json!(m);
            }
            if let Some(t) = p.get("temperature") {
                body["temperature"] = t.clone();
            }
            let answer = svc.json(Method::POST, url, Some(body), FAILED).await?;
            Ok(json!({
                "message": answer["choices"][0]["message"]["content"].as_str().unwrap_or_default(),
                "usage": answer["usage"],
            }))
        }
        "getDashboard" => Ok(json!({"available": false})),
        other => Err(format!(
            "Sub action \"{other}\" is not registered. Connector id: {}. Connector name: {}. Connector type: {}",
            c.id, c.name, c.type_id
        )),
    }
}

/// The MCP server's auth header, per `authType` (`mcp/auth_helpers.ts`).
fn mcp_headers(c: &Runnable) -> Vec<(String, String)> {
    let mut headers = vec![
        header("Content-Type", "application/json"),
        header("Accept", "application/json, text/event-stream"),
    ];
    headers.extend(c.headers());
    if !c.has_auth() {
        return headers;
    }
    match str_field(&c.config, "authType") {
        Some("bearer") => headers.push(header(
            "Authorization",
            format!(
                "Bearer {}",
                str_field(&c.secrets, "token").unwrap_or_default()
            ),
        )),
        Some("apiKey") => headers.push(header(
            str_field(&c.config, "apiKeyHeaderName").unwrap_or("X-API-Key"),
            str_field(&c.secrets, "apiKey").unwrap_or_default(),
        )),
        _ => {}
    }
    headers
}

/// One JSON-RPC call; the result, or the server's error as the service throws it.
async fn rpc(
    sim: &Sim,
    c: &Runnable,
    session: Option<&str>,
    id: u64,
    method: &str,
    params: Value,
) -> Result<(Value, Option<String>), String> {
    let url = str_field(&c.config, "serverUrl").unwrap_or_default();
    let mut headers = mcp_headers(c);
    if let Some(s) = session {
        headers.push(header("Mcp-Session-Id", s));
    }
    let basic = (str_field(&c.config, "authType") == Some("basic")).then(|| {
        (
            str_field(&c.secrets, "user").unwrap_or_default(),
            str_field(&c.secrets, "password").unwrap_or_default(),
        )
    });
    let body = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
    match Service::new(sim)
        .headers(&headers)
        .basic(basic)
        .send(Method::POST, url, Some(body.to_string()))
        .await?
    {
        Outcome::Failed(code) => Err(format!("MCP server unreachable: {code}")),
        Outcome::Answered { status, .. } if !status.is_success() => {
            Err(format!("MCP server answered {}", status.as_u16()))
        }
        Outcome::Answered { headers, body, .. } => {
            let session = headers
                .get("mcp-session-id")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
            // Streamable HTTP may answer as one server-sent event.
            let json_text = body
                .lines()
                .find_map(|l| l.strip_prefix("data:"))
                .map_or(body.as_str(), str::trim);
            let answer: Value = serde_json::from_str(json_text)
                .map_err(|e| format!("MCP server answered no JSON-RPC: {e}"))?;
            if let Some(err) = answer.get("error") {
                return Err(format!(
                    "MCP error {}: {}",
                    err["code"],
                    err["message"].as_str().unwrap_or_default()
                ));
            }
            Ok((answer["result"].clone(), session))
        }
    }
}

/// `test` and `listTools` list the server's tools; `callTool` calls one. Each opens a session
/// with `initialize`, as the MCP client does.
pub(super) async fn mcp(
    sim: &Sim,
    c: &Runnable,
    sub: &str,
    p: &Map<String, Value>,
) -> Result<Value, String> {
    let (major, minor) = sim.config.profile.line();
    let (_, session) = rpc(
        sim,
        c,
        None,
        1,
        "initialize",
        json!({"protocolVersion": "2025-06-18", "capabilities": {},
               "clientInfo": {"name": "kibana", "version": format!("{major}.{minor}.0")}}),
    )
    .await?;
    let session = session.as_deref();
    match sub {
        "test" | "listTools" => {
            let (result, _) = rpc(sim, c, session, 2, "tools/list", json!({})).await?;
            Ok(json!({"tools": result["tools"]}))
        }
        "callTool" => {
            let args = p.get("arguments").cloned().unwrap_or(json!({}));
            let (result, _) = rpc(
                sim,
                c,
                session,
                2,
                "tools/call",
                json!({"name": p.get("name"), "arguments": args}),
            )
            .await?;
            Ok(result)
        }
        other => Err(format!(
            "Sub action \"{other}\" is not registered. Connector id: {}. Connector name: {}. Connector type: {}",
            c.id, c.name, c.type_id
        )),
    }
}
