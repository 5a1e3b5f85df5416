//! Which fields of a connector form apply, given what is chosen in the others: the webhook's
//! authentication (none, basic, SSL certificate or PFX, OAuth 2.0 client credentials) and
//! xMatters' two ways in. Fields that do not apply are neither shown nor sent, as Kibana's
//! forms do (a hidden user would otherwise contradict a chosen certificate).

use std::collections::BTreeMap;

/// Kibana's `authType` values of the webhook family (`kbn-connector-schemas/common/auth`).
pub const AUTH_BASIC: &str = "webhook-authentication-basic";
/// Client certificate (`certType` says which form).
pub const AUTH_SSL: &str = "webhook-authentication-ssl";
/// OAuth 2.0 client credentials (Kibana 9.5+).
pub const AUTH_OAUTH2: &str = "webhook-oauth2-client-credentials";

fn oauth(values: &BTreeMap<String, String>) -> bool {
    values.get("isOAuth").is_some_and(|v| v == "true")
}

/// Whether `key` applies to a connector of `type_id` with these field values.
pub fn applies(type_id: &str, key: &str, values: &BTreeMap<String, String>) -> bool {
    let value = |k: &str| values.get(k).map(String::as_str).unwrap_or_default();
    let on = |k: &str| value(k) != "false";
    match type_id {
        ".webhook" => {
            let auth = on("hasAuth");
            let kind = match value("authType") {
                "" => AUTH_BASIC,
                other => other,
            };
            match key {
                "authType" => auth,
                "user" | "password" => auth && kind == AUTH_BASIC,
                "certType" | "ca" | "verificationMode" => auth && kind == AUTH_SSL,
                "crt" | "key" => auth && kind == AUTH_SSL && value("certType") != "ssl-pfx",
                "pfx" => auth && kind == AUTH_SSL && value("certType") == "ssl-pfx",
                "accessTokenUrl" | "clientId" | "scope" | "additionalFields" | "clientSecret" => {
                    auth && kind == AUTH_OAUTH2
                }
                _ => true,
            }
        }
        ".servicenow" | ".servicenow-sir" | ".servicenow-itom" => match key {
            // ITOM has no table API (`servicenow_itom` config schema).
            "usesTableApi" => type_id != ".servicenow-itom",
            "username" | "password" => !oauth(values),
            "clientId"
            | "userIdentifierValue"
            | "jwtKeyId"
            | "clientSecret"
            | "privateKey"
            | "privateKeyPassword" => oauth(values),
            _ => true,
        },
        ".mcp" => {
            let auth = on("hasAuth");
            match key {
                "authType" => auth,
                "token" => auth && value("authType") == "bearer",
                "apiKey" | "apiKeyHeaderName" => auth && value("authType") == "apiKey",
                "user" | "password" => auth && value("authType") == "basic",
                _ => true,
            }
        }
        ".gen-ai" => match key {
            "organizationId" | "projectId" => value("apiProvider") == "OpenAI",
            _ => true,
        },
        ".cases-webhook" | ".http" => match key {
            "user" | "password" => on("hasAuth"),
            _ => true,
        },
        ".xmatters" => match key {
            "configUrl" | "user" | "password" => on("usesBasic"),
            "secretsUrl" => !on("usesBasic"),
            _ => true,
        },
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn the_webhook_shows_the_fields_of_the_chosen_authentication() {
        let basic = values(&[("hasAuth", "true"), ("authType", AUTH_BASIC)]);
        assert!(applies(".webhook", "user", &basic));
        assert!(!applies(".webhook", "crt", &basic));
        assert!(!applies(".webhook", "clientSecret", &basic));
        let pfx = values(&[
            ("hasAuth", "true"),
            ("authType", AUTH_SSL),
            ("certType", "ssl-pfx"),
        ]);
        assert!(applies(".webhook", "pfx", &pfx));
        assert!(!applies(".webhook", "crt", &pfx));
        assert!(applies(".webhook", "verificationMode", &pfx));
        assert!(!applies(".webhook", "password", &pfx));
        let oauth = values(&[("hasAuth", "true"), ("authType", AUTH_OAUTH2)]);
        assert!(applies(".webhook", "accessTokenUrl", &oauth));
        assert!(applies(".webhook", "clientSecret", &oauth));
        assert!(!applies(".webhook", "user", &oauth));
        let none = values(&[("hasAuth", "false"), ("authType", AUTH_OAUTH2)]);
        assert!(!applies(".webhook", "authType", &none));
        assert!(!applies(".webhook", "clientSecret", &none));
        assert!(applies(".webhook", "url", &none));
        assert!(applies(".webhook", "secretHeaders", &none));
    }

    #[test]
    fn xmatters_takes_basic_auth_or_a_secret_url() {
        let basic = values(&[("usesBasic", "true")]);
        assert!(applies(".xmatters", "configUrl", &basic));
        assert!(!applies(".xmatters", "secretsUrl", &basic));
        let url = values(&[("usesBasic", "false")]);
        assert!(!applies(".xmatters", "user", &url));
        assert!(applies(".xmatters", "secretsUrl", &url));
    }
}
