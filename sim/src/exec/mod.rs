//! Running connectors: real HTTP and SMTP calls, with Kibana's result and error mapping
//! (contract §1.9 and §6). This module validates the params and dispatches to one file per
//! service or family; `http` is their one way out, `result` their one way back.

mod ai;
mod chat;
mod clock;
mod email;
mod http;
mod http_family;
mod jira;
mod local;
mod paging;
mod result;
mod runnable;
mod servicenow;
mod soar;
mod webhook;

use serde_json::{Map, Value, json};

pub(crate) use clock::now_iso;
pub use result::ExecResult;
pub use runnable::Runnable;

use crate::schema::str_field;
use crate::state::Sim;
use crate::types::{Executor, ParamsSchema};

/// Runs a connector with params; never fails at the HTTP level.
pub(crate) async fn execute(sim: &Sim, c: &Runnable, params: Map<String, Value>) -> ExecResult {
    let Some(t) = sim.registry.get(&c.type_id) else {
        return ExecResult::threw(
            &c.id,
            format!("Action type \"{}\" is not registered.", c.type_id),
        );
    };
    let params = match t.validate_params(&params, sim.config.profile) {
        Ok(p) => p,
        Err(msg) => return ExecResult::invalid_params(&c.id, &msg),
    };
    if let ParamsSchema::Framework(subs) = &t.params {
        let name = str_field(&params, "subAction").unwrap_or_default();
        let Some((_, schema)) = subs.iter().find(|(n, _)| *n == name) else {
            return ExecResult::threw(
                &c.id,
                format!(
                    "Sub action \"{name}\" is not registered. Connector id: {}. Connector name: {}. Connector type: {}",
                    c.id, c.name, c.type_id
                ),
            );
        };
        if let Err(e) = crate::schema::check(
            schema,
            Some(params.get("subActionParams").unwrap_or(&json!({}))),
            "",
        ) {
            // The caller's params are at fault: Kibana marks it `errorSource: user`
            // (`connector_types/opsgenie.ts`).
            return ExecResult::threw_by_user(
                &c.id,
                format!("Request validation failed (Error: {e})"),
            );
        }
    }
    match t.executor {
        Executor::ServerLog => local::server_log(c, &params),
        Executor::Index => local::index(sim, c, &params),
        Executor::IndexRecord => local::index_record(sim, c, &params),
        Executor::Failing => local::failing(sim, c, &params),
        Executor::Webhook => webhook::webhook(sim, c, &params).await,
        Executor::Slack => chat::slack(sim, c, &params).await,
        Executor::Teams => chat::teams(sim, c, &params).await,
        Executor::PagerDuty => paging::pagerduty(sim, c, &params).await,
        Executor::Email => email::send(c, &params).await,
        Executor::ServiceNow => {
            let (sub, p) = sub_action(&params);
            ExecResult::from_service(&c.id, servicenow::run(sim, c, sub, &p).await)
        }
        Executor::Jira => {
            let (sub, p) = sub_action(&params);
            ExecResult::from_service(&c.id, jira::jira(sim, c, sub, &p).await)
        }
        Executor::Opsgenie => {
            let (sub, p) = sub_action(&params);
            ExecResult::from_service(&c.id, paging::opsgenie(sim, c, sub, &p).await)
        }
        Executor::Torq => soar::torq(sim, c, &params).await,
        Executor::Http => http_family::http(sim, c, &params).await,
        Executor::CasesWebhook => {
            let (_, p) = sub_action(&params);
            ExecResult::from_service(&c.id, http_family::push(sim, c, &p).await)
        }
        Executor::OpenAi => {
            let (sub, p) = sub_action(&params);
            ExecResult::from_service(&c.id, ai::openai(sim, c, sub, &p).await)
        }
        Executor::Mcp => {
            let (sub, p) = sub_action(&params);
            ExecResult::from_service(&c.id, ai::mcp(sim, c, sub, &p).await)
        }
        Executor::XMatters => soar::xmatters(sim, c, &params).await,
        Executor::Soar => {
            let (sub, p) = sub_action(&params);
            let outcome = if matches!(c.type_id.as_str(), ".resilient" | ".swimlane") {
                soar::push(sim, c, sub, &p).await
            } else {
                soar::sub_action(sim, c, sub, &p).await
            };
            ExecResult::from_service(&c.id, outcome)
        }
        Executor::SlackApi => {
            let (sub, p) = sub_action(&params);
            chat::slack_api(sim, c, sub, &p).await
        }
        Executor::Generic => {
            let name = str_field(&params, "subAction").unwrap_or("undefined");
            ExecResult::threw(
                &c.id,
                format!(
                    "Sub action \"{name}\" is not registered. Connector id: {}. Connector name: {}. Connector type: {}",
                    c.id, c.name, c.type_id
                ),
            )
        }
    }
}

/// A sub-action connector's `subAction` name and `subActionParams` object.
fn sub_action(params: &Map<String, Value>) -> (&str, Map<String, Value>) {
    let sub = str_field(params, "subAction").unwrap_or_default();
    let sub_params = params
        .get("subActionParams")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    (sub, sub_params)
}
