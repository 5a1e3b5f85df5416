//! The rest of the webhook family: `.cases-webhook` (a case in any ticketing system, over
//! templates of HTTP calls) and `.http` (an HTTP call whose answer comes back, for workflows).
//! Fields from `kbn-connector-schemas/{cases_webhook,http}/schemas/v1.ts` with the shared
//! webhook authentication (`common/auth`).

use serde_json::{Map, Value, json};

use super::schemas::{CASES, check_url, obj, t};
use super::{ConnectorType, Executor, ParamsSchema};
use crate::config::{License, SimConfig};
use crate::schema::{
    Field, Ty, default, maybe, maybe_null, nullable, number, req, str_field, string,
};

type RuleResult = Result<(), (&'static str, String)>;

/// `authType` as 9.5 has it (`common/auth/schemas/v1.ts @ 11b9bae3`): OAuth 2.0 client
/// credentials and query-parameter auth beside basic and SSL.
pub(super) fn auth_type() -> Field {
    maybe_null(
        "authType",
        Ty::Literal(&[
            "webhook-authentication-basic",
            "webhook-authentication-ssl",
            "webhook-oauth2-client-credentials",
            "http-authentication-query-param",
        ]),
    )
}

/// The OAuth 2.0 client-credentials fields of the config (same source).
pub(super) fn oauth_config() -> [Field; 4] {
    [
        maybe("accessTokenUrl", string()),
        maybe("clientId", string()),
        maybe("scope", string()),
        maybe_null("additionalFields", string()),
    ]
}

/// The shared authentication fields (`common/auth/schemas/v1.ts`).
fn auth_config() -> Vec<Field> {
    let mut fields = vec![
        default("hasAuth", Ty::Bool, json!(true)),
        auth_type(),
        maybe("certType", Ty::Literal(&["ssl-crt-key", "ssl-pfx"])),
        maybe("ca", string()),
        maybe(
            "verificationMode",
            Ty::Literal(&["none", "certificate", "full"]),
        ),
    ];
    fields.extend(oauth_config());
    fields
}

fn auth_secrets() -> Vec<Field> {
    let mut secrets: Vec<Field> = ["user", "password", "crt", "key", "pfx", "clientSecret"]
        .into_iter()
        .map(|k| nullable(k, string()))
        .collect();
    secrets.push(nullable("secretHeaders", Ty::RecordOfStr));
    secrets
}

/// Every URL the connector will call must be allowed (`cases_webhook/validators.ts`).
fn cases_webhook_rule(
    c: &Map<String, Value>,
    _: &Map<String, Value>,
    sim: &SimConfig,
) -> RuleResult {
    for key in [
        "createIncidentUrl",
        "getIncidentUrl",
        "updateIncidentUrl",
        "createCommentUrl",
    ] {
        if let Some(url) = str_field(c, key) {
            // Templates such as `{{{external.system.id}}}` are filled at run time.
            let probe = url.replace("{{{external.system.id}}}", "id");
            check_url(&probe, "Cases Webhook", sim).map_err(|e| ("config", e))?;
        }
    }
    for key in [
        "createIncidentJson",
        "updateIncidentJson",
        "createCommentJson",
    ] {
        if let Some(text) = str_field(c, key)
            && serde_json::from_str::<Value>(&fill_placeholders(text)).is_err()
        {
            return Err(("config", format!("[{key}]: must be valid JSON")));
        }
    }
    Ok(())
}

/// Mustache placeholders as stand-ins, to check a template is JSON around them.
fn fill_placeholders(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find("}}") else {
            break;
        };
        let mut close = start + end + 2;
        if rest[close..].starts_with('}') {
            close += 1;
        }
        out.push_str("null");
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

fn http_rule(c: &Map<String, Value>, _: &Map<String, Value>, sim: &SimConfig) -> RuleResult {
    check_url(str_field(c, "url").unwrap_or_default(), "http", sim).map_err(|e| ("config", e))
}

/// The types.
pub(super) fn types() -> Vec<ConnectorType> {
    let mut cases_config = vec![
        req("createIncidentUrl", string()),
        default(
            "createIncidentMethod",
            Ty::Literal(&["post", "put"]),
            json!("post"),
        ),
        req("createIncidentJson", string()),
        req("createIncidentResponseKey", string()),
        default(
            "getIncidentMethod",
            Ty::Literal(&["get", "post"]),
            json!("get"),
        ),
        req("getIncidentUrl", string()),
        nullable("getIncidentJson", string()),
        req("getIncidentResponseExternalTitleKey", string()),
        req("viewIncidentUrl", string()),
        req("updateIncidentUrl", string()),
        default(
            "updateIncidentMethod",
            Ty::Literal(&["post", "patch", "put"]),
            json!("put"),
        ),
        req("updateIncidentJson", string()),
        nullable("createCommentUrl", string()),
        default(
            "createCommentMethod",
            Ty::Literal(&["post", "put", "patch"]),
            json!("put"),
        ),
        nullable("createCommentJson", string()),
        nullable("headers", Ty::RecordOfStr),
    ];
    cases_config.extend(auth_config());
    let mut http_config = vec![req("url", string()), nullable("headers", Ty::RecordOfStr)];
    http_config.extend(auth_config());
    vec![
        // `cases_webhook/index.ts @ 167598a5`: gold; cases.
        ConnectorType {
            config: Some(cases_config),
            secrets: Some(auth_secrets()),
            params: ParamsSchema::SubActions(vec![(
                "pushToService",
                obj(vec![
                    req(
                        "incident",
                        obj(vec![
                            req("title", string()),
                            nullable("description", string()),
                            nullable("id", string()),
                            nullable("severity", string()),
                            nullable("status", string()),
                            nullable("externalId", string()),
                            nullable("tags", Ty::Arr(Box::new(string()), None)),
                        ]),
                    ),
                    super::schemas::comments(),
                ]),
            )]),
            connector_rule: Some(cases_webhook_rule),
            ..t(
                ".cases-webhook",
                "Webhook - Case Management",
                License::Gold,
                &[CASES],
                Executor::CasesWebhook,
            )
        },
        // `http/http_connector.ts`: gold; workflows.
        ConnectorType {
            config: Some(http_config),
            secrets: Some(auth_secrets()),
            params: ParamsSchema::Object(vec![
                maybe("url", string()),
                maybe("path", string()),
                default(
                    "method",
                    Ty::Literal(&["GET", "POST", "PUT", "PATCH", "DELETE"]),
                    json!("GET"),
                ),
                maybe("body", Ty::Any),
                maybe("query", Ty::Record),
                maybe("headers", Ty::RecordOfStr),
                maybe("timeout", number()),
                maybe("fetcher", Ty::Record),
            ]),
            connector_rule: Some(http_rule),
            ..t(
                ".http",
                "HTTP",
                License::Gold,
                &["workflows"],
                Executor::Http,
            )
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::fill_placeholders;

    #[test]
    fn templates_are_json_around_their_placeholders() {
        let t = r#"{"fields":{"summary":{{{case.title}}},"labels":{{{case.tags}}}}}"#;
        assert_eq!(
            fill_placeholders(t),
            r#"{"fields":{"summary":null,"labels":null}}"#
        );
        assert_eq!(
            fill_placeholders(r#"{"a":"{{{case.title}}}"}"#),
            r#"{"a":"null"}"#
        );
    }
}
