//! Form field specs per typed connector type: the connector's config and secrets, and the
//! params of a run. One table per type keeps the forms and their validation in one place.

use serde_json::{Map, Value};

pub use super::field_spec::{FieldKind, FieldSpec, f};

use FieldKind::{Bool, Json, Multiline, Number, Password, Select, Text, Url};

use super::field_visibility::{AUTH_BASIC, AUTH_OAUTH2, AUTH_SSL};

const INDEX: &[FieldSpec] = &[
    f("index", "Index", Text, true, false, ""),
    f(
        "refresh",
        "Refresh after writing",
        Bool,
        false,
        false,
        "false",
    ),
    f(
        "executionTimeField",
        "Execution time field",
        Text,
        false,
        false,
        "",
    ),
];
const WEBHOOK: &[FieldSpec] = &[
    f("url", "URL", Url, true, false, ""),
    f(
        "method",
        "Method",
        Select(&["post", "put", "patch", "get", "delete"]),
        true,
        false,
        "post",
    ),
    f("headers", "Headers (JSON object)", Json, false, false, ""),
    f(
        "secretHeaders",
        "Secret headers (JSON object, kept encrypted)",
        Json,
        false,
        true,
        "",
    ),
    f(
        "hasAuth",
        "Requires authentication",
        Bool,
        false,
        false,
        "true",
    ),
    f(
        "authType",
        "Authentication",
        Select(&[AUTH_BASIC, AUTH_SSL, AUTH_OAUTH2]),
        true,
        false,
        AUTH_BASIC,
    ),
    f("user", "User", Text, false, true, ""),
    f("password", "Password", Password, false, true, ""),
    f(
        "certType",
        "Certificate format",
        Select(&["ssl-crt-key", "ssl-pfx"]),
        true,
        false,
        "ssl-crt-key",
    ),
    f(
        "crt",
        "Certificate (base64 of the .crt file)",
        Password,
        true,
        true,
        "",
    ),
    f(
        "key",
        "Private key (base64 of the .key file)",
        Password,
        true,
        true,
        "",
    ),
    f(
        "pfx",
        "PFX bundle (base64 of the .pfx file)",
        Password,
        true,
        true,
        "",
    ),
    f(
        "ca",
        "CA certificate (base64, optional)",
        Multiline,
        false,
        false,
        "",
    ),
    f(
        "verificationMode",
        "Verification",
        Select(&["full", "certificate", "none"]),
        false,
        false,
        "",
    ),
    f("accessTokenUrl", "Access token URL", Url, true, false, ""),
    f("clientId", "Client id", Text, true, false, ""),
    f("clientSecret", "Client secret", Password, true, true, ""),
    f("scope", "Scope", Text, false, false, ""),
    f(
        "additionalFields",
        "Additional token request fields (JSON object as text)",
        Multiline,
        false,
        false,
        "",
    ),
];
const SLACK: &[FieldSpec] = &[f("webhookUrl", "Webhook URL", Password, true, true, "")];
const SLACK_API: &[FieldSpec] = &[
    f("token", "Bot token", Password, true, true, ""),
    f(
        "allowedChannels",
        "Allowed channels (JSON array of {id, name})",
        Json,
        false,
        false,
        "",
    ),
];
const EMAIL: &[FieldSpec] = &[
    f("from", "Sender", Text, true, false, ""),
    f(
        "service",
        "Service",
        Select(&[
            "other",
            "gmail",
            "outlook365",
            "ses",
            "elastic_cloud",
            "exchange_server",
        ]),
        true,
        false,
        "other",
    ),
    f("host", "Host", Text, false, false, ""),
    f("port", "Port", Number, false, false, ""),
    f("secure", "Secure (TLS)", Bool, false, false, "false"),
    f(
        "hasAuth",
        "Requires authentication",
        Bool,
        false,
        false,
        "true",
    ),
    f("user", "User", Text, false, true, ""),
    f("password", "Password", Password, false, true, ""),
];
const PAGERDUTY: &[FieldSpec] = &[
    f(
        "apiUrl",
        "API URL (empty: PagerDuty's)",
        Url,
        false,
        false,
        "",
    ),
    f("routingKey", "Integration key", Password, true, true, ""),
];
const SERVICENOW: &[FieldSpec] = &[
    f("apiUrl", "Instance URL", Url, true, false, ""),
    f(
        "usesTableApi",
        "Use the legacy table API",
        Bool,
        false,
        false,
        "false",
    ),
    f("isOAuth", "Use OAuth (JWT)", Bool, false, false, "false"),
    f("username", "User name", Text, true, true, ""),
    f("password", "Password", Password, true, true, ""),
    f("clientId", "Client id", Text, true, false, ""),
    f(
        "userIdentifierValue",
        "User identifier",
        Text,
        true,
        false,
        "",
    ),
    f("jwtKeyId", "JWT verifier key id", Text, true, false, ""),
    f("clientSecret", "Client secret", Password, true, true, ""),
    f("privateKey", "Private key (PEM)", Password, true, true, ""),
    f(
        "privateKeyPassword",
        "Private key password",
        Password,
        false,
        true,
        "",
    ),
];
const JIRA: &[FieldSpec] = &[
    f("apiUrl", "URL", Url, true, false, ""),
    f("projectKey", "Project key", Text, true, false, ""),
    f("email", "Email", Text, true, true, ""),
    f("apiToken", "API token", Password, true, true, ""),
];
const OPSGENIE: &[FieldSpec] = &[
    f(
        "apiUrl",
        "API URL",
        Url,
        true,
        false,
        "https://api.opsgenie.com",
    ),
    f("apiKey", "API key", Password, true, true, ""),
];

/// The form fields of a typed connector type; None means the raw JSON editor.
pub fn fields_for(type_id: &str) -> Option<&'static [FieldSpec]> {
    Some(match type_id {
        ".index" => INDEX,
        ".server-log" => &[],
        ".webhook" => WEBHOOK,
        ".slack" | ".teams" => SLACK,
        ".slack_api" => SLACK_API,
        ".email" => EMAIL,
        ".pagerduty" => PAGERDUTY,
        // ITOM's form is ITSM's without the table API switch (`field_visibility`).
        ".servicenow" | ".servicenow-sir" | ".servicenow-itom" => SERVICENOW,
        ".jira" => JIRA,
        ".opsgenie" => OPSGENIE,
        other => {
            return super::soar_specs::fields_for(other)
                .or_else(|| super::ai_specs::fields_for(other));
        }
    })
}

/// Sets `value` at a dotted path (`a.b.c`), creating the objects on the way.
pub fn set_path(target: &mut Map<String, Value>, path: &str, value: Value) {
    match path.split_once('.') {
        None => {
            target.insert(path.to_string(), value);
        }
        Some((head, rest)) => {
            let child = target
                .entry(head.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if !child.is_object() {
                *child = Value::Object(Map::new());
            }
            if let Value::Object(m) = child {
                set_path(m, rest, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::params_specs::{EMAIL_PARAMS, SLACK_API_PARAMS, params_for};
    use super::*;
    use serde_json::json;

    #[test]
    fn lists_split_on_commas_and_consts_ignore_input() {
        let to = &EMAIL_PARAMS[0];
        assert_eq!(
            to.parse(" a@x.io, ,b@x.io ").unwrap(),
            Some(json!(["a@x.io", "b@x.io"]))
        );
        assert_eq!(to.parse(" , ").unwrap_err().field, "to");
        assert_eq!(
            SLACK_API_PARAMS[0].parse("anything").unwrap(),
            Some(json!("postMessage"))
        );
    }

    #[test]
    fn dotted_paths_nest() {
        let mut m = Map::new();
        set_path(&mut m, "subAction", json!("pushToService"));
        set_path(&mut m, "subActionParams.incident.summary", json!("s"));
        set_path(&mut m, "subActionParams.incident.labels", json!(["a"]));
        assert_eq!(
            Value::Object(m),
            json!({"subAction":"pushToService","subActionParams":{"incident":{"summary":"s","labels":["a"]}}})
        );
    }

    #[test]
    fn every_typed_type_has_params_and_config_specs() {
        for t in [
            ".index",
            ".server-log",
            ".webhook",
            ".slack",
            ".email",
            ".pagerduty",
            ".servicenow",
            ".teams",
            ".jira",
            ".opsgenie",
            ".slack_api",
        ] {
            for specs in [fields_for(t).unwrap(), params_for(t).unwrap()] {
                let mut keys: Vec<&str> = specs.iter().map(|s| s.key).collect();
                keys.sort_unstable();
                keys.dedup();
                assert_eq!(keys.len(), specs.len(), "{t}");
            }
        }
        assert!(params_for(".inference").is_none());
    }
}
