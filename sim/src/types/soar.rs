//! The security-orchestration and incident types of Kibana 9.5's `stack_connectors`: Torq,
//! Tines, D3 Security, xMatters, TheHive, Cortex XSOAR, IBM Resilient, Jira Service
//! Management and Swimlane. Schemas from `kbn-connector-schemas/<type>/schemas/v1.ts`,
//! licences and features from each `connector_types/<type>/index.ts` (cited per type).

use serde_json::{Map, Value, json};

use super::schemas::{
    ALERTING, CASES, SIEM, UPTIME, check_url, comments, framework_url_rule, host_refusal, obj,
    opsgenie_subactions, t,
};
use super::{ConnectorType, Executor, ParamsSchema};
use crate::config::{License, SimConfig};
use crate::profile::Zod;
use crate::schema::{Ty, default, maybe, nullable, number, req, str_field, string};

const WORKFLOWS: &str = "workflows";
const AGENT_BUILDER: &str = "agentBuilder";

type RuleResult = Result<(), (&'static str, String)>;

fn url_rule(c: &Map<String, Value>, _: &Map<String, Value>, sim: &SimConfig) -> RuleResult {
    framework_url_rule(c, "url", sim)
}

fn api_url_rule(c: &Map<String, Value>, _: &Map<String, Value>, sim: &SimConfig) -> RuleResult {
    framework_url_rule(c, "apiUrl", sim)
}

/// `torq/index.ts` `validateActionTypeConfig`: parsable, allowed, and on Torq's hosts (or
/// `localhost`, which Kibana admits for tests).
fn torq_rule(c: &Map<String, Value>, _: &Map<String, Value>, sim: &SimConfig) -> RuleResult {
    let url = str_field(c, "webhookIntegrationUrl").unwrap_or_default();
    check_url(url, "send to Torq", sim).map_err(|e| ("config", e))?;
    let host = reqwest::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_default();
    if matches!(
        host.as_str(),
        "hooks.torq.io" | "hooks.eu.torq.io" | "localhost"
    ) {
        Ok(())
    } else {
        Err((
            "config",
            "error configuring send to Torq action: url must begin with https://hooks.torq.io or https://hooks.eu.torq.io".into(),
        ))
    }
}

/// `xmatters/index.ts`: the config's URL with basic authentication, the secrets' (an API key
/// link) without, then which combination of the two is allowed, in Kibana's order and words.
fn xmatters_rule(c: &Map<String, Value>, s: &Map<String, Value>, sim: &SimConfig) -> RuleResult {
    let set = |m: &Map<String, Value>, k: &str| m.get(k).is_some_and(|v| !v.is_null());
    let truthy = |m: &Map<String, Value>, k: &str| str_field(m, k).is_some_and(|v| !v.is_empty());
    let basic = c.get("usesBasic").and_then(Value::as_bool).unwrap_or(true);
    if basic && let Some(url) = str_field(c, "configUrl").filter(|u| !u.is_empty()) {
        reqwest::Url::parse(url).map_err(|e| {
            (
                "config",
                format!("Error configuring xMatters action: unable to parse url: {e}"),
            )
        })?;
        if let Some(refusal) = host_refusal(url, sim) {
            return Err((
                "config",
                format!("Error configuring xMatters action: {refusal}"),
            ));
        }
    }
    let (user, password, secrets_url) = (
        truthy(s, "user"),
        truthy(s, "password"),
        truthy(s, "secretsUrl"),
    );
    if !secrets_url && !user && !password {
        return Err((
            "secrets",
            "Provide either secretsUrl link or user/password to authenticate".into(),
        ));
    }
    if secrets_url {
        if user || password {
            return Err((
                "secrets",
                "Cannot use user/password for URL authentication. Provide valid secretsUrl or use Basic Authentication.".into(),
            ));
        }
        let url = str_field(s, "secretsUrl").unwrap_or_default();
        reqwest::Url::parse(url)
            .map_err(|e| ("secrets", format!("Invalid secretsUrl: TypeError: {e}")))?;
        if let Some(refusal) = host_refusal(url, sim) {
            return Err(("secrets", refusal));
        }
    } else if !user || !password {
        return Err((
            "secrets",
            "Both user and password must be specified.".into(),
        ));
    }
    let problem = if basic {
        if set(s, "secretsUrl") {
            Some("secretsUrl should not be provided when usesBasic is true")
        } else if !set(s, "user") {
            Some("Provide valid Username")
        } else if !set(s, "password") {
            Some("Provide valid Password")
        } else if !set(c, "configUrl") {
            Some("Provide valid configUrl")
        } else {
            None
        }
    } else if user || password {
        Some("Username and password should not be provided when usesBasic is false")
    } else if truthy(c, "configUrl") {
        Some("configUrl should not be provided when usesBasic is false")
    } else if !set(s, "secretsUrl") {
        Some("Provide valid secretsUrl with API Key")
    } else {
        None
    };
    problem.map_or(Ok(()), |m| Err(("connector", m.to_string())))
}

fn pushed_incident(fields: Vec<crate::schema::Field>) -> Ty {
    obj(vec![req("incident", obj(fields)), comments()])
}

/// The types, in Kibana's registration order.
pub(super) fn types() -> Vec<ConnectorType> {
    vec![
        // `swimlane/index.ts`: gold; alerting, cases, siem.
        ConnectorType {
            config: Some(vec![
                req("apiUrl", string()),
                req("appId", string()),
                req("connectorType", Ty::Literal(&["all", "alerts", "cases"])),
                req("mappings", Ty::Record),
            ]),
            secrets: Some(vec![req("apiToken", string())]),
            params: ParamsSchema::SubActions(vec![(
                "pushToService",
                pushed_incident(vec![
                    nullable("alertId", string()),
                    nullable("ruleName", string()),
                    nullable("caseId", string()),
                    nullable("caseName", string()),
                    nullable("severity", string()),
                    nullable("description", string()),
                    nullable("externalId", string()),
                ]),
            )]),
            connector_rule: Some(api_url_rule),
            ..t(
                ".swimlane",
                "Swimlane",
                License::Gold,
                &[ALERTING, CASES, SIEM],
                Executor::Soar,
            )
        },
        // `xmatters/index.ts`: gold; alerting, siem. Schemas zod v4.
        ConnectorType {
            config: Some(vec![
                nullable("configUrl", string()),
                default("usesBasic", Ty::Bool, json!(true)),
            ]),
            secrets: Some(vec![
                nullable("user", string()),
                nullable("password", string()),
                nullable("secretsUrl", string()),
            ]),
            params: ParamsSchema::Object(vec![
                maybe("alertActionGroupName", string()),
                maybe("signalId", string()),
                maybe("ruleName", string()),
                maybe("date", string()),
                req("severity", string()),
                maybe("spaceId", string()),
                maybe("tags", string()),
            ]),
            connector_rule: Some(xmatters_rule),
            zod: Zod::V4,
            ..t(
                ".xmatters",
                "xMatters",
                License::Gold,
                &[ALERTING, SIEM],
                Executor::XMatters,
            )
        },
        // `torq/index.ts`: gold; alerting, uptime, siem. Schemas zod v4.
        ConnectorType {
            config: Some(vec![req("webhookIntegrationUrl", string())]),
            secrets: Some(vec![req("token", string())]),
            params: ParamsSchema::Object(vec![req("body", string())]),
            connector_rule: Some(torq_rule),
            zod: Zod::V4,
            ..t(
                ".torq",
                "Torq",
                License::Gold,
                &[ALERTING, UPTIME, SIEM],
                Executor::Torq,
            )
        },
        // `tines/index.ts`: gold; alerting, siem.
        ConnectorType {
            config: Some(vec![req("url", string())]),
            secrets: Some(vec![req("email", string()), req("token", string())]),
            params: ParamsSchema::Framework(vec![
                ("stories", Ty::Any),
                ("webhooks", obj(vec![req("storyId", number())])),
                (
                    "run",
                    obj(vec![
                        maybe("webhook", Ty::Record),
                        maybe("webhookUrl", string()),
                        req("body", string()),
                    ]),
                ),
                (
                    "test",
                    obj(vec![
                        maybe("webhook", Ty::Record),
                        maybe("webhookUrl", string()),
                        req("body", string()),
                    ]),
                ),
            ]),
            connector_rule: Some(url_rule),
            ..t(
                ".tines",
                "Tines",
                License::Gold,
                &[ALERTING, SIEM],
                Executor::Soar,
            )
        },
        // `d3security/index.ts`: gold; alerting, siem, workflows, agentBuilder.
        ConnectorType {
            config: Some(vec![req("url", string())]),
            secrets: Some(vec![req("token", string())]),
            params: ParamsSchema::Framework(
                ["run", "test"]
                    .into_iter()
                    .map(|name| {
                        (
                            name,
                            obj(vec![
                                maybe("body", string()),
                                maybe("severity", string()),
                                maybe("eventType", string()),
                            ]),
                        )
                    })
                    .collect(),
            ),
            connector_rule: Some(url_rule),
            ..t(
                ".d3security",
                "D3 Security",
                License::Gold,
                &[ALERTING, SIEM, WORKFLOWS, AGENT_BUILDER],
                Executor::Soar,
            )
        },
        // `resilient/index.ts @ 1d137a13`: platinum; alerting, cases, siem. Zod v4.
        ConnectorType {
            config: Some(vec![req("apiUrl", string()), req("orgId", string())]),
            secrets: Some(vec![
                req("apiKeyId", string()),
                req("apiKeySecret", string()),
            ]),
            params: ParamsSchema::SubActions(vec![
                ("getFields", obj(vec![])),
                ("getIncident", obj(vec![req("externalId", string())])),
                ("handshake", obj(vec![])),
                (
                    "pushToService",
                    pushed_incident(vec![
                        req("name", string()),
                        nullable("description", string()),
                        nullable("externalId", string()),
                        nullable("incidentTypes", Ty::Arr(Box::new(number()), None)),
                        nullable("severityCode", number()),
                        nullable("additionalFields", Ty::Record),
                    ]),
                ),
                ("incidentTypes", obj(vec![])),
                ("severity", obj(vec![])),
            ]),
            connector_rule: Some(api_url_rule),
            zod: Zod::V4,
            ..t(
                ".resilient",
                "IBM Resilient",
                License::Platinum,
                &[ALERTING, CASES, SIEM],
                Executor::Soar,
            )
        },
        // `thehive/index.ts @ 01ad79c3`: platinum; alerting, siem, uptime, cases, workflows.
        ConnectorType {
            config: Some(vec![
                req("url", string()),
                nullable("organisation", string()),
            ]),
            secrets: Some(vec![req("apiKey", string())]),
            params: ParamsSchema::Framework(vec![
                (
                    "pushToService",
                    obj(vec![
                        req(
                            "incident",
                            obj(vec![
                                req("title", string()),
                                req("description", string()),
                                nullable("externalId", string()),
                                nullable("severity", number()),
                                nullable("tlp", number()),
                                nullable("tags", Ty::Arr(Box::new(string()), None)),
                            ]),
                        ),
                        comments(),
                    ]),
                ),
                ("getIncident", obj(vec![req("externalId", string())])),
                (
                    "createAlert",
                    obj(vec![
                        req("title", string()),
                        req("description", string()),
                        req("type", string()),
                        req("source", string()),
                        req("sourceRef", string()),
                        nullable("severity", number()),
                        maybe("isRuleSeverity", Ty::Bool),
                        nullable("tlp", number()),
                        nullable("tags", Ty::Arr(Box::new(string()), None)),
                        nullable("body", string()),
                    ]),
                ),
            ]),
            connector_rule: Some(url_rule),
            zod: Zod::V4,
            ..t(
                ".thehive",
                "TheHive",
                License::Platinum,
                &[ALERTING, SIEM, UPTIME, CASES, WORKFLOWS],
                Executor::Soar,
            )
        },
        // `xsoar/index.ts @ 8c1b8aca`: platinum; siem.
        ConnectorType {
            config: Some(vec![req("url", string())]),
            secrets: Some(vec![
                req("apiKey", string()),
                nullable("apiKeyID", string()),
            ]),
            params: ParamsSchema::Framework(vec![
                ("getPlaybooks", Ty::Any),
                (
                    "run",
                    obj(vec![
                        req("name", string()),
                        maybe("playbookId", string()),
                        req("createInvestigation", Ty::Bool),
                        req("severity", number()),
                        maybe("isRuleSeverity", Ty::Bool),
                        maybe("body", string()),
                    ]),
                ),
            ]),
            connector_rule: Some(url_rule),
            ..t(
                ".xsoar",
                "Cortex XSOAR",
                License::Platinum,
                &[SIEM],
                Executor::Soar,
            )
        },
        // `jira-service-management/index.ts @ 027ff216`: platinum; alerting, uptime, siem,
        // workflows, agentBuilder; Opsgenie's sub-actions.
        ConnectorType {
            config: Some(vec![req("apiUrl", string())]),
            secrets: Some(vec![req("apiKey", string())]),
            params: ParamsSchema::Framework(opsgenie_subactions()),
            connector_rule: Some(api_url_rule),
            ..t(
                ".jira-service-management",
                "Jira Service Management",
                License::Platinum,
                &[ALERTING, UPTIME, SIEM, WORKFLOWS, AGENT_BUILDER],
                Executor::Soar,
            )
        },
    ]
}
