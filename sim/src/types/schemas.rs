//! Per-type schemas. Sources, in `elastic/kibana` (see the contract notes, §6):
//! `stack_connectors/server/connector_types/{es_index,server_log,webhook,slack,email,pagerduty,teams}/index.ts`,
//! `stack_connectors/common/{slack_api,opsgenie,jira}/schema.ts`, `lib/servicenow/schema.ts`.

use crate::schema::str_field;
use serde_json::{Map, Value, json};

use super::{ConnectorType, Executor, ParamsSchema};
use crate::config::{License, SimConfig};
use crate::schema::{Ty, default, maybe, maybe_null, non_empty, nullable, req, string};

pub(super) const ALERTING: &str = "alerting";
pub(super) const CASES: &str = "cases";
pub(super) const UPTIME: &str = "uptime";
pub(super) const SIEM: &str = "siem";

pub(super) fn t(
    id: &str,
    name: &str,
    license: License,
    features: &[&str],
    executor: Executor,
) -> ConnectorType {
    ConnectorType {
        executor,
        config: Some(vec![]),
        secrets: Some(vec![]),
        ..ConnectorType::generic(id, name, license, features)
    }
}

pub(super) fn obj(fields: Vec<crate::schema::Field>) -> Ty {
    Ty::Obj(fields)
}

fn str_arr() -> Ty {
    Ty::Arr(Box::new(string()), None)
}

/// `ensureUriAllowed`'s refusal (`actions_config.ts`), when the URL's host (none when it does
/// not parse) is not in `xpack.actions.allowedHosts`; each validator wraps it in its words.
pub(super) fn host_refusal(url: &str, sim: &SimConfig) -> Option<String> {
    let host = reqwest::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_default();
    (!sim.host_allowed(&host)).then(|| {
        format!("target url \"{url}\" is not added to the Kibana config xpack.actions.allowedHosts")
    })
}

/// Checks a URL against `xpack.actions.allowedHosts`, with Kibana's message.
pub(crate) fn check_url(url: &str, what: &str, sim: &SimConfig) -> Result<(), String> {
    reqwest::Url::parse(url)
        .map_err(|e| format!("error configuring {what} action: unable to parse url: {e}"))?;
    match host_refusal(url, sim) {
        Some(refusal) => Err(format!("error configuring {what} action: {refusal}")),
        None => Ok(()),
    }
}

fn webhook_rule(
    c: &Map<String, Value>,
    s: &Map<String, Value>,
    sim: &SimConfig,
) -> Result<(), (&'static str, String)> {
    check_url(str_field(c, "url").unwrap_or_default(), "webhook", sim)
        .map_err(|e| ("config", e))?;
    let has = |k: &str| s.get(k).is_some_and(|v| !v.is_null() && v != "");
    // 9.5 adds OAuth 2.0's `clientSecret` as a fifth way (`kbn-connector-schemas/common/auth/
    // schemas/v1.ts @ 11b9bae3`, `SecretConfigurationSchemaValidation`).
    let oauth = sim.profile >= crate::profile::Profile::V9_5;
    let secret = has("clientSecret");
    let combos = [
        !has("user") && !has("password") && !has("crt") && !has("key") && !has("pfx") && !secret,
        has("user") && has("password") && !has("crt") && !has("key") && !has("pfx") && !secret,
        has("crt") && has("key") && !has("user") && !has("pfx") && !secret,
        has("pfx") && !has("user") && !has("crt") && !has("key") && !secret,
        oauth
            && secret
            && !has("user")
            && !has("password")
            && !has("crt")
            && !has("key")
            && !has("pfx"),
    ];
    if !combos.iter().any(|ok| *ok) {
        return Err((
            "secrets",
            if oauth {
                "must specify one of the following schemas: user and password; crt and key (with optional password); pfx (with optional password); or clientSecret (for OAuth2)"
            } else {
                "must specify one of the following schemas: user and password; crt and key (with optional password); or pfx (with optional password)"
            }
            .into(),
        ));
    }
    if c.get("hasAuth") == Some(&Value::Bool(false))
        && c.get("authType").is_some_and(|v| !v.is_null())
    {
        return Err((
            "config",
            "[authType]: must be null or absent when hasAuth is false".into(),
        ));
    }
    Ok(())
}

fn webhook_url_secret_rule(
    what: &'static str,
) -> impl Fn(&Map<String, Value>, &SimConfig) -> Result<(), (&'static str, String)> {
    move |s, sim| {
        let url = str_field(s, "webhookUrl").unwrap_or_default();
        // `slack/index.ts` `validateConnectorTypeConfig`: an unparsable URL has its own message
        // (`group2/tests/actions/connector_types/slack_webhook.ts`), before the allow-list.
        if reqwest::Url::parse(url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .is_none()
        {
            return Err((
                "secrets",
                format!(
                    "error configuring {what} action: unable to parse host name from webhookUrl"
                ),
            ));
        }
        check_url(url, what, sim).map_err(|e| ("secrets", e))
    }
}

fn slack_rule(
    _: &Map<String, Value>,
    s: &Map<String, Value>,
    sim: &SimConfig,
) -> Result<(), (&'static str, String)> {
    webhook_url_secret_rule("slack")(s, sim)
}

fn teams_rule(
    _: &Map<String, Value>,
    s: &Map<String, Value>,
    sim: &SimConfig,
) -> Result<(), (&'static str, String)> {
    webhook_url_secret_rule("Microsoft Teams")(s, sim)
}

fn api_url_rule(
    what: &'static str,
    c: &Map<String, Value>,
    sim: &SimConfig,
) -> Result<(), (&'static str, String)> {
    match str_field(c, "apiUrl") {
        Some(url) => check_url(url, what, sim).map_err(|e| ("config", e)),
        None => Ok(()),
    }
}

/// PagerDuty's events endpoint when a `.pagerduty` connector has no `apiUrl`
/// (`stack_connectors/.../pagerduty/index.ts`, `PAGER_DUTY_API_URL`).
pub const PAGER_DUTY_API_URL: &str = "https://events.pagerduty.com/v2/enqueue";

/// `validateConnectorTypeConfig` checks the URL it will call, the default one included
/// (`connector_types/pagerduty.ts`: 'should return unsuccessfully when default pagerduty url
/// is not present in allowedHosts').
fn pagerduty_rule(
    c: &Map<String, Value>,
    _: &Map<String, Value>,
    sim: &SimConfig,
) -> Result<(), (&'static str, String)> {
    let url = str_field(c, "apiUrl").unwrap_or(PAGER_DUTY_API_URL);
    check_url(url, "pagerduty", sim).map_err(|e| ("config", e))
}

fn jira_rule(
    c: &Map<String, Value>,
    _: &Map<String, Value>,
    sim: &SimConfig,
) -> Result<(), (&'static str, String)> {
    api_url_rule("connector", c, sim)
}

/// The sub-action framework's `urlAllowListValidator(field)` words the refusal its own way
/// (`connector_types/opsgenie.ts`: `error validating url: target url "..." is not added to the
/// Kibana config xpack.actions.allowedHosts`). Shared by every sub-action type.
pub(super) fn framework_url_rule(
    c: &Map<String, Value>,
    field: &str,
    sim: &SimConfig,
) -> Result<(), (&'static str, String)> {
    let Some(url) = str_field(c, field) else {
        return Ok(());
    };
    match host_refusal(url, sim) {
        Some(refusal) => Err(("config", format!("error validating url: {refusal}"))),
        None => Ok(()),
    }
}

fn opsgenie_rule(
    c: &Map<String, Value>,
    _: &Map<String, Value>,
    sim: &SimConfig,
) -> Result<(), (&'static str, String)> {
    framework_url_rule(c, "apiUrl", sim)
}

fn servicenow_rule(
    c: &Map<String, Value>,
    s: &Map<String, Value>,
    sim: &SimConfig,
) -> Result<(), (&'static str, String)> {
    // `lib/servicenow/validators.ts`: the config (allowed host, then the OAuth fields), then
    // the secrets, which are checked for what they hold whatever `isOAuth` says.
    api_url_rule("connector", c, sim)?;
    let has = |m: &Map<String, Value>, k: &str| m.get(k).is_some_and(|v| !v.is_null() && v != "");
    if c.get("isOAuth") == Some(&Value::Bool(true)) {
        for k in ["clientId", "userIdentifierValue", "jwtKeyId"] {
            if !has(c, k) {
                return Err((
                    "config",
                    format!("{k} must be provided when isOAuth = true"),
                ));
            }
        }
    }
    let basic = [has(s, "username"), has(s, "password")];
    let oauth = [has(s, "clientSecret"), has(s, "privateKey")];
    if !basic.iter().chain(&oauth).any(|b| *b) {
        return Err((
            "secrets",
            "Either basic auth or OAuth credentials must be specified".into(),
        ));
    }
    if basic.iter().any(|b| *b) && !basic.iter().all(|b| *b) {
        return Err((
            "secrets",
            "username and password must both be specified".into(),
        ));
    }
    if oauth.iter().any(|b| *b) && !oauth.iter().all(|b| *b) {
        return Err((
            "secrets",
            "clientSecret and privateKey must both be specified".into(),
        ));
    }
    Ok(())
}

/// Services nodemailer knows (a subset) plus Kibana's own.
const EMAIL_SERVICES: &[&str] = &[
    "other",
    "elastic_cloud",
    "exchange_server",
    "__json",
    "gmail",
    "outlook365",
    "ses",
    "hotmail",
    "yahoo",
    "zoho",
    "sendgrid",
    "mailgun",
    "mailjet",
    "postmark",
    "sendinblue",
    "fastmail",
    "icloud",
];

/// The SMTP host of a well-known service (nodemailer's `well-known/services.json`); None for
/// `other`, `__json` and Kibana's own services.
fn email_service_host(service: &str) -> Option<&'static str> {
    Some(match service {
        "gmail" => "smtp.gmail.com",
        "outlook365" => "smtp.office365.com",
        "hotmail" => "smtp-mail.outlook.com",
        "ses" => "email-smtp.us-east-1.amazonaws.com",
        "yahoo" => "smtp.mail.yahoo.com",
        "zoho" => "smtp.zoho.com",
        "sendgrid" => "smtp.sendgrid.net",
        "mailgun" => "smtp.mailgun.org",
        "mailjet" => "in-v3.mailjet.com",
        "postmark" => "smtp.postmarkapp.com",
        "sendinblue" => "smtp-relay.brevo.com",
        "fastmail" => "smtp.fastmail.com",
        "icloud" => "smtp.mail.me.com",
        _ => return None,
    })
}

fn email_rule(
    c: &Map<String, Value>,
    s: &Map<String, Value>,
    sim: &SimConfig,
) -> Result<(), (&'static str, String)> {
    let service = str_field(c, "service").unwrap_or("other");
    if !EMAIL_SERVICES.contains(&service) {
        return Err((
            "config",
            format!("[service] value '{service}' is not valid"),
        ));
    }
    // `email/index.ts` `validateConfig`: a well-known service's SMTP host must be allowed too
    // (`group2/tests/actions/connector_types/email.ts`).
    if let Some(host) = email_service_host(service).filter(|h| !sim.host_allowed(h)) {
        return Err((
            "config",
            format!(
                "[service] value '{service}' resolves to host '{host}' which is not in the allowedHosts configuration"
            ),
        ));
    }
    let from = str_field(c, "from").unwrap_or_default();
    if !from.contains('@') || from.starts_with('@') || from.ends_with('@') {
        return Err((
            "config",
            format!("[from]: error validating email address '{from}'"),
        ));
    }
    if service == "other" {
        let host = str_field(c, "host");
        if host.is_none() || c.get("port").is_none_or(Value::is_null) {
            return Err(("config", "[host]/[port] is required".into()));
        }
        if let Some(host) = host.filter(|h| !sim.host_allowed(h)) {
            return Err((
                "config",
                format!("[host] value '{host}' is not in the allowedHosts configuration"),
            ));
        }
    }
    if service == "exchange_server" {
        for k in ["clientId", "tenantId"] {
            if c.get(k).is_none_or(Value::is_null) {
                return Err(("config", format!("[{k}] is required")));
            }
        }
        if s.get("clientSecret").is_none_or(Value::is_null) {
            return Err(("connector", "[clientSecret] is required".into()));
        }
    } else if c.get("hasAuth") != Some(&Value::Bool(false)) {
        for k in ["user", "password"] {
            if s.get(k).is_none_or(Value::is_null) {
                return Err(("connector", format!("[{k}] is required")));
            }
        }
    }
    Ok(())
}

fn email_params_rule(p: &mut Map<String, Value>) -> Result<(), String> {
    let count = ["to", "cc", "bcc"]
        .iter()
        .map(|k| p.get(*k).and_then(Value::as_array).map_or(0, Vec::len))
        .sum::<usize>();
    if count == 0 {
        return Err("no [to], [cc], or [bcc] entries".into());
    }
    Ok(())
}

fn index_params_rule(p: &mut Map<String, Value>) -> Result<(), String> {
    if let Some(o) =
        str_field(p, "indexOverride").filter(|o| !o.starts_with("kibana-alert-history-"))
    {
        return Err(format!(
            "index \"{o}\" must start with \"kibana-alert-history-\""
        ));
    }
    Ok(())
}

fn pagerduty_params_rule(p: &mut Map<String, Value>) -> Result<(), String> {
    let action = str_field(p, "eventAction").unwrap_or("trigger");
    if action != "trigger" && str_field(p, "dedupKey").is_none() {
        return Err(format!(
            "DedupKey is required when eventAction is \"{action}\""
        ));
    }
    if let Some(ts) = str_field(p, "timestamp")
        && time::OffsetDateTime::parse(ts, &time::format_description::well_known::Rfc3339).is_err()
    {
        return Err(format!("error parsing timestamp \"{ts}\""));
    }
    Ok(())
}

pub(super) fn comments() -> crate::schema::Field {
    nullable(
        "comments",
        Ty::Arr(
            Box::new(obj(vec![
                req("comment", string()),
                req("commentId", string()),
            ])),
            None,
        ),
    )
}

/// Jira labels are single words (`jira/schema.ts`: `The label ${label} cannot contain spaces`).
fn jira_label(label: Value) -> Result<Value, (Option<String>, String)> {
    match label.as_str() {
        Some(text) if text.contains(char::is_whitespace) => {
            Err((None, format!("The label {text} cannot contain spaces")))
        }
        _ => Ok(label),
    }
}

/// `MAX_OTHER_FIELDS_LENGTH` of `stack_connectors/common/jira/constants.ts` (the message in
/// `connector_types/jira.ts @ e9553537`: `A maximum of 20 fields in otherFields ...`).
const MAX_JIRA_OTHER_FIELDS: usize = 20;

/// The keys of Jira's incident schema, which `otherFields` may not redefine.
const JIRA_INCIDENT_FIELDS: &[&str] = &[
    "summary",
    "description",
    "externalId",
    "issueType",
    "priority",
    "labels",
    "parent",
    "otherFields",
];

/// Jira's `otherFields`: `schema.recordOf(schema.string({validate: validateOtherFieldsKeys}),
/// schema.any(), {validate: validateOtherFieldsLength})`; config-schema's records also take
/// a JSON object sent as a string ('does not throw when "otherFields" is a valid JSON object
/// send as string').
fn jira_other_fields(fields: Value) -> Result<Value, (Option<String>, String)> {
    let fields = match fields {
        Value::String(text) => serde_json::from_str(&text).map_err(|_| {
            (
                None,
                "could not parse record value from json input".to_string(),
            )
        })?,
        other => other,
    };
    let Some(record) = fields.as_object() else {
        return Err((
            None,
            format!(
                "expected value of type [object] but got [{}]",
                crate::schema::type_name(Some(&fields))
            ),
        ));
    };
    if let Some(key) = record
        .keys()
        .find(|k| JIRA_INCIDENT_FIELDS.contains(&k.as_str()))
    {
        return Err((
            Some(format!("key(\"{key}\")")),
            format!("The following properties cannot be defined inside otherFields: {key}."),
        ));
    }
    if record.len() > MAX_JIRA_OTHER_FIELDS {
        return Err((
            None,
            format!(
                "A maximum of {MAX_JIRA_OTHER_FIELDS} fields in otherFields can be defined at a time."
            ),
        ));
    }
    Ok(fields)
}

/// `MAX_ADDITIONAL_FIELDS_LENGTH` of `kbn-connector-schemas/servicenow/constants` (the value
/// is not in the copies read; 50 is the limit of the other connectors' additional fields).
const MAX_ADDITIONAL_FIELDS: usize = 50;

/// The incident fields every ServiceNow incident schema has (`CommonAttributes`), which
/// `additional_fields` may not redefine.
const COMMON_INCIDENT_FIELDS: &[&str] = &[
    "short_description",
    "description",
    "externalId",
    "category",
    "subcategory",
    "correlation_id",
    "correlation_display",
    "additional_fields",
];

/// `additional_fields` of a push: `Coerced` (a JSON object sent as a string is parsed), at
/// most [`MAX_ADDITIONAL_FIELDS`] keys, none of them a common incident field
/// (`validateRecordMaxKeys`, `validateKeysAllowed` in `kbn-connector-schemas/common`).
fn servicenow_params_rule(p: &mut Map<String, Value>) -> Result<(), String> {
    let Some(incident) = p
        .get_mut("subActionParams")
        .and_then(|s| s.get_mut("incident"))
        .and_then(Value::as_object_mut)
    else {
        return Ok(());
    };
    let Some(fields) = incident.get_mut("additional_fields") else {
        return Ok(());
    };
    if let Some(text) = fields.as_str() {
        *fields = serde_json::from_str(text).map_err(|_| {
            "[additional_fields]: could not parse record value from json input".to_string()
        })?;
    }
    let Some(record) = fields.as_object() else {
        return if fields.is_null() {
            Ok(())
        } else {
            Err(format!(
                "[subActionParams.incident.additional_fields]: expected value of type [object] but got [{}]",
                crate::schema::type_name(Some(fields))
            ))
        };
    };
    if record.len() > MAX_ADDITIONAL_FIELDS {
        return Err(format!(
            "A maximum of {MAX_ADDITIONAL_FIELDS} fields in additional_fields can be defined at a time."
        ));
    }
    if let Some(key) = record
        .keys()
        .find(|k| COMMON_INCIDENT_FIELDS.contains(&k.as_str()))
    {
        return Err(format!(
            "The following properties cannot be defined inside additional_fields: {key}."
        ));
    }
    Ok(())
}

fn servicenow_subactions(sir: bool) -> Vec<(&'static str, Ty)> {
    let mut incident = vec![
        req("short_description", string()),
        nullable("description", string()),
        nullable("externalId", string()),
        nullable("category", string()),
        nullable("subcategory", string()),
        nullable("correlation_id", string()),
        nullable("correlation_display", string()),
    ];
    if sir {
        for k in ["dest_ip", "source_ip", "malware_hash", "malware_url"] {
            incident.push(nullable(k, Ty::Any));
        }
        incident.push(nullable("priority", string()));
    } else {
        for k in ["severity", "urgency", "impact"] {
            incident.push(nullable(k, string()));
        }
    }
    incident.push(maybe_null("additional_fields", Ty::Any));
    let mut subactions = vec![
        ("getFields", obj(vec![])),
        ("getIncident", obj(vec![req("externalId", string())])),
        ("handshake", obj(vec![])),
        (
            "pushToService",
            obj(vec![req("incident", obj(incident)), comments()]),
        ),
        ("getChoices", obj(vec![req("fields", str_arr())])),
    ];
    if !sir {
        subactions.push((
            "closeIncident",
            obj(vec![req(
                "incident",
                obj(vec![
                    nullable("externalId", string()),
                    nullable("correlation_id", string()),
                ]),
            )]),
        ));
    }
    subactions
}

fn servicenow(id: &str, name: &str, features: &[&str], sir: bool, itom: bool) -> ConnectorType {
    let mut config = vec![req("apiUrl", string())];
    if !itom {
        config.push(default("usesTableApi", Ty::Bool, json!(true)));
    }
    config.extend([
        default("isOAuth", Ty::Bool, json!(false)),
        nullable("userIdentifierValue", string()),
        nullable("clientId", string()),
        nullable("jwtKeyId", string()),
    ]);
    let params = if itom {
        vec![
            (
                "addEvent",
                obj([
                    "source",
                    "event_class",
                    "resource",
                    "node",
                    "metric_name",
                    "type",
                    "severity",
                    "description",
                    "additional_info",
                    "message_key",
                    "time_of_event",
                ]
                .into_iter()
                .map(|k| nullable(k, string()))
                .collect()),
            ),
            ("getChoices", obj(vec![req("fields", str_arr())])),
        ]
    } else {
        servicenow_subactions(sir)
    };
    ConnectorType {
        config: Some(config),
        secrets: Some(
            [
                "username",
                "password",
                "clientSecret",
                "privateKey",
                "privateKeyPassword",
            ]
            .into_iter()
            .map(|k| nullable(k, string()))
            .collect(),
        ),
        params: ParamsSchema::SubActions(params),
        connector_rule: Some(servicenow_rule),
        params_rule: (!itom).then_some(servicenow_params_rule as super::ParamsRule),
        ..t(id, name, License::Platinum, features, Executor::ServiceNow)
    }
}

/// The built-in registrations, in Kibana's order.
/// Opsgenie's `createAlert` and `closeAlert` (`common/opsgenie/schema.ts`), which Jira
/// Service Management takes as well (`kbn-connector-schemas/jira-service-management`).
pub(super) fn opsgenie_subactions() -> Vec<(&'static str, Ty)> {
    vec![
        (
            "createAlert",
            obj(vec![
                req(
                    "message",
                    Ty::Str {
                        min: Some(1),
                        max: Some(130),
                    },
                ),
                maybe(
                    "alias",
                    Ty::Str {
                        min: None,
                        max: Some(512),
                    },
                ),
                maybe(
                    "description",
                    Ty::Str {
                        min: None,
                        max: Some(15000),
                    },
                ),
                maybe("responders", Ty::Arr(Box::new(Ty::Record), Some(50))),
                maybe("visibleTo", Ty::Arr(Box::new(Ty::Record), Some(50))),
                maybe(
                    "actions",
                    Ty::Arr(
                        Box::new(Ty::Str {
                            min: None,
                            max: Some(50),
                        }),
                        Some(10),
                    ),
                ),
                maybe(
                    "tags",
                    Ty::Arr(
                        Box::new(Ty::Str {
                            min: None,
                            max: Some(50),
                        }),
                        Some(20),
                    ),
                ),
                maybe("details", Ty::RecordOfStr),
                maybe(
                    "entity",
                    Ty::Str {
                        min: None,
                        max: Some(512),
                    },
                ),
                maybe(
                    "source",
                    Ty::Str {
                        min: None,
                        max: Some(100),
                    },
                ),
                maybe("priority", Ty::Literal(&["P1", "P2", "P3", "P4", "P5"])),
                maybe(
                    "user",
                    Ty::Str {
                        min: None,
                        max: Some(100),
                    },
                ),
                maybe(
                    "note",
                    Ty::Str {
                        min: None,
                        max: Some(25000),
                    },
                ),
            ]),
        ),
        (
            "closeAlert",
            obj(vec![
                req("alias", string()),
                maybe("user", string()),
                maybe("source", string()),
                maybe("note", string()),
            ]),
        ),
    ]
}

pub(super) fn builtin() -> Vec<ConnectorType> {
    let mut types = vec![
        ConnectorType {
            config: Some(vec![
                req("index", string()),
                default("refresh", Ty::Bool, json!(false)),
                nullable("executionTimeField", string()),
            ]),
            params: ParamsSchema::Object(vec![
                req("documents", Ty::Arr(Box::new(Ty::Record), None)),
                nullable("indexOverride", string()),
            ]),
            params_rule: Some(index_params_rule),
            ..t(
                ".index",
                "Index",
                License::Basic,
                &[ALERTING, UPTIME, SIEM],
                Executor::Index,
            )
        },
        ConnectorType {
            params: ParamsSchema::Object(vec![
                req("message", string()),
                default(
                    "level",
                    Ty::Literal(&["trace", "debug", "info", "warn", "error", "fatal"]),
                    json!("info"),
                ),
            ]),
            ..t(
                ".server-log",
                "Server log",
                License::Basic,
                &[ALERTING, UPTIME],
                Executor::ServerLog,
            )
        },
        ConnectorType {
            config: Some(vec![
                req("url", string()),
                default(
                    "method",
                    Ty::Literal(&["post", "put", "patch", "get", "delete"]),
                    json!("post"),
                ),
                nullable("headers", Ty::RecordOfStr),
                default("hasAuth", Ty::Bool, json!(true)),
                maybe_null(
                    "authType",
                    Ty::Literal(&["webhook-authentication-basic", "webhook-authentication-ssl"]),
                ),
                maybe("certType", Ty::Literal(&["ssl-crt-key", "ssl-pfx"])),
                maybe("ca", string()),
                maybe(
                    "verificationMode",
                    Ty::Literal(&["none", "certificate", "full"]),
                ),
            ]),
            secrets: Some(
                ["user", "password", "crt", "key", "pfx"]
                    .into_iter()
                    .map(|k| nullable(k, string()))
                    .collect(),
            ),
            params: ParamsSchema::Object(vec![maybe("body", string())]),
            connector_rule: Some(webhook_rule),
            ..t(
                ".webhook",
                "Webhook",
                License::Gold,
                &[ALERTING, UPTIME, SIEM],
                Executor::Webhook,
            )
        },
        ConnectorType {
            secrets: Some(vec![req("webhookUrl", string())]),
            params: ParamsSchema::Object(vec![req("message", non_empty())]),
            connector_rule: Some(slack_rule),
            ..t(
                ".slack",
                "Slack",
                License::Gold,
                &[ALERTING, UPTIME, SIEM],
                Executor::Slack,
            )
        },
        ConnectorType {
            config: Some(vec![maybe(
                "allowedChannels",
                Ty::Arr(
                    Box::new(obj(vec![req("id", non_empty()), req("name", non_empty())])),
                    Some(25),
                ),
            )]),
            secrets: Some(vec![req("token", non_empty())]),
            params: ParamsSchema::SubActions(vec![
                ("validChannelId", obj(vec![maybe("channelId", string())])),
                (
                    "postMessage",
                    obj(vec![
                        maybe("channelIds", Ty::Arr(Box::new(string()), Some(1))),
                        maybe("channels", Ty::Arr(Box::new(string()), Some(1))),
                        req("text", non_empty()),
                    ]),
                ),
                (
                    "postBlockkit",
                    obj(vec![
                        maybe("channelIds", Ty::Arr(Box::new(string()), Some(1))),
                        maybe("channels", Ty::Arr(Box::new(string()), Some(1))),
                        req("text", non_empty()),
                    ]),
                ),
            ]),
            ..t(
                ".slack_api",
                "Slack API",
                License::Gold,
                &[ALERTING, SIEM],
                Executor::SlackApi,
            )
        },
        ConnectorType {
            config: Some(vec![
                default("service", string(), json!("other")),
                nullable("host", string()),
                nullable(
                    "port",
                    Ty::Num {
                        min: Some(1.0),
                        max: Some(65535.0),
                    },
                ),
                nullable("secure", Ty::Bool),
                req("from", string()),
                default("hasAuth", Ty::Bool, json!(true)),
                nullable("tenantId", string()),
                nullable("clientId", string()),
                nullable("oauthTokenUrl", string()),
            ]),
            secrets: Some(
                ["user", "password", "clientSecret"]
                    .into_iter()
                    .map(|k| nullable(k, string()))
                    .collect(),
            ),
            params: ParamsSchema::Object(vec![
                default("to", str_arr(), json!([])),
                default("cc", str_arr(), json!([])),
                default("bcc", str_arr(), json!([])),
                req("subject", string()),
                req("message", string()),
                maybe_null("messageHTML", string()),
                maybe(
                    "kibanaFooterLink",
                    obj(vec![
                        default("path", string(), json!("/")),
                        default("text", string(), json!("")),
                    ]),
                ),
            ]),
            connector_rule: Some(email_rule),
            params_rule: Some(email_params_rule),
            ..t(
                ".email",
                "Email",
                License::Gold,
                &[ALERTING, UPTIME, SIEM],
                Executor::Email,
            )
        },
        ConnectorType {
            config: Some(vec![nullable("apiUrl", string())]),
            secrets: Some(vec![req("routingKey", string())]),
            params: ParamsSchema::Object(vec![
                maybe(
                    "eventAction",
                    Ty::Literal(&["trigger", "resolve", "acknowledge"]),
                ),
                maybe(
                    "dedupKey",
                    Ty::Str {
                        min: None,
                        max: Some(255),
                    },
                ),
                maybe(
                    "summary",
                    Ty::Str {
                        min: None,
                        max: Some(1024),
                    },
                ),
                maybe("source", string()),
                maybe(
                    "severity",
                    Ty::Literal(&["critical", "error", "warning", "info"]),
                ),
                maybe("timestamp", string()),
                maybe("component", string()),
                maybe("group", string()),
                maybe("class", string()),
                maybe(
                    "links",
                    Ty::Arr(
                        Box::new(obj(vec![req("href", string()), req("text", string())])),
                        None,
                    ),
                ),
                maybe("customDetails", Ty::Record),
            ]),
            connector_rule: Some(pagerduty_rule),
            params_rule: Some(pagerduty_params_rule),
            ..t(
                ".pagerduty",
                "PagerDuty",
                License::Gold,
                &[ALERTING, UPTIME, SIEM],
                Executor::PagerDuty,
            )
        },
        servicenow(
            ".servicenow",
            "ServiceNow ITSM",
            &[ALERTING, CASES, UPTIME, SIEM],
            false,
            false,
        ),
        servicenow(
            ".servicenow-sir",
            "ServiceNow SecOps",
            &[ALERTING, CASES, SIEM],
            true,
            false,
        ),
        servicenow(
            ".servicenow-itom",
            "ServiceNow ITOM",
            &[ALERTING, SIEM],
            false,
            true,
        ),
        ConnectorType {
            config: Some(vec![req("apiUrl", string()), req("projectKey", string())]),
            secrets: Some(vec![req("email", string()), req("apiToken", string())]),
            params: ParamsSchema::SubActions(vec![
                ("getFields", obj(vec![])),
                ("getIncident", obj(vec![req("externalId", string())])),
                ("handshake", obj(vec![])),
                (
                    "pushToService",
                    obj(vec![
                        req(
                            "incident",
                            obj(vec![
                                req("summary", string()),
                                nullable("description", string()),
                                nullable("externalId", string()),
                                nullable("issueType", string()),
                                nullable("priority", string()),
                                nullable(
                                    "labels",
                                    Ty::Arr(
                                        Box::new(Ty::Validated(Box::new(string()), jira_label)),
                                        None,
                                    ),
                                ),
                                nullable("parent", string()),
                                nullable(
                                    "otherFields",
                                    Ty::Validated(Box::new(Ty::Any), jira_other_fields),
                                ),
                            ]),
                        ),
                        comments(),
                    ]),
                ),
                ("issueTypes", obj(vec![])),
                ("fieldsByIssueType", obj(vec![req("id", string())])),
                ("issues", obj(vec![req("title", string())])),
                ("issue", obj(vec![req("id", string())])),
            ]),
            connector_rule: Some(jira_rule),
            ..t(
                ".jira",
                "Jira",
                License::Gold,
                &[ALERTING, CASES, UPTIME, SIEM],
                Executor::Jira,
            )
        },
        ConnectorType {
            config: None,
            secrets: Some(vec![req("webhookUrl", string())]),
            params: ParamsSchema::Object(vec![req("message", non_empty())]),
            connector_rule: Some(teams_rule),
            ..t(
                ".teams",
                "Microsoft Teams",
                License::Gold,
                &[ALERTING, UPTIME, SIEM],
                Executor::Teams,
            )
        },
        ConnectorType {
            config: Some(vec![req("apiUrl", string())]),
            secrets: Some(vec![req("apiKey", string())]),
            params: ParamsSchema::Framework(opsgenie_subactions()),
            connector_rule: Some(opsgenie_rule),
            ..t(
                ".opsgenie",
                "Opsgenie",
                License::Platinum,
                &[ALERTING, SIEM],
                Executor::Opsgenie,
            )
        },
    ];
    let gen_ai = [
        "generativeAIForSecurity",
        "generativeAIForObservability",
        "generativeAIForSearchPlayground",
    ];
    // `inference/index.ts @ 15e7e739`: enterprise, the three generative-AI features.
    types.push(ConnectorType::generic(
        ".inference",
        "AI Connector",
        License::Enterprise,
        &gen_ai,
    ));
    types.push(ConnectorType {
        system: true,
        ..ConnectorType::generic(".cases", "Cases", License::Platinum, &[ALERTING])
    });
    types
}
