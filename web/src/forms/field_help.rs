//! The help line under a form field: what it does, in our words, where Kibana's own form
//! explains it. Keyed by type and field key, so the field tables stay about shapes.

use super::field_specs::{FieldKind, FieldSpec};

/// The full help line of a field: its help, then its default where it has a visible one.
pub fn with_default(help: Option<&'static str>, spec: &FieldSpec) -> Option<String> {
    let default = match spec.kind {
        FieldKind::Const | FieldKind::Password => None,
        FieldKind::Bool => Some(if spec.default == "true" { "on" } else { "off" }),
        _ if spec.default.is_empty() => None,
        _ => Some(spec.default),
    };
    match (help, default) {
        (None, None) => None,
        (Some(h), None) => Some(h.to_string()),
        (None, Some(d)) => Some(format!("Default: {d}.")),
        (Some(h), Some(d)) => Some(format!("{h} Default: {d}.")),
    }
}

/// The help of a connector field (config or secret) of a type, if it has one.
pub fn connector_help(type_id: &str, key: &str) -> Option<&'static str> {
    Some(match (type_id, key) {
        (".index", "index") => {
            "The Elasticsearch index (or alias, or data stream) the documents are written to."
        }
        (".index", "refresh") => {
            "Refresh the index after each write, so the documents are searchable at once. Slower under load."
        }
        (".index", "executionTimeField") => {
            "A date field set to the time the connector ran, on every document it writes."
        }
        (".http", "url") => {
            "The base of every call (a run adds its path and query). The host must be in xpack.actions.allowedHosts."
        }
        (".webhook" | ".cases-webhook", "url") => {
            "Where the request goes. The host must be in xpack.actions.allowedHosts."
        }
        (".webhook", "method") => "The HTTP method of the request.",
        (".webhook", "headers") => {
            "Extra request headers as a JSON object, e.g. {\"Content-Type\": \"application/json\"}. Visible to anyone who can read the connector."
        }
        (".webhook", "secretHeaders") => {
            "Headers with secrets in them (tokens, keys), as a JSON object: stored encrypted, never shown again."
        }
        (".webhook", "authType") => {
            "Basic: a user and password. SSL: a client certificate. OAuth 2.0: a token fetched with client credentials before each call (Kibana 9.5+)."
        }
        (".webhook", "certType") => {
            "A certificate and key pair (.crt and .key), or one PFX (.p12) bundle."
        }
        (".webhook", "crt" | "key" | "pfx") => {
            "The file's contents in base64 (base64 -w0 FILE). Kept as a secret; a password for the key goes in Password."
        }
        (".webhook", "ca") => {
            "A CA certificate (base64) to trust for this host, beside the system's."
        }
        (".webhook", "verificationMode") => {
            "full: certificate and host name; certificate: the certificate only; none: no checks (testing only)."
        }
        (".webhook", "accessTokenUrl") => {
            "The OAuth 2.0 token endpoint; its host must be allowed too."
        }
        (".webhook", "clientId") => "The OAuth 2.0 client id.",
        (".webhook", "clientSecret") => {
            "The OAuth 2.0 client secret, sent only to the token endpoint."
        }
        (".webhook", "scope") => "The scopes to ask for, space-separated.",
        (".webhook", "additionalFields") => {
            "More fields of the token request as JSON text, e.g. {\"audience\": \"api\"}."
        }
        (_, "hasAuth") => {
            "Off: requests go without credentials, and the user and password are not used."
        }
        (".webhook" | ".email" | ".xmatters", "user") => {
            "Sent with the password as basic authentication."
        }
        (".slack", "webhookUrl") => {
            "The incoming webhook URL Slack gives for a channel (https://hooks.slack.com/services/...). Kept as a secret."
        }
        (".teams", "webhookUrl") => {
            "The incoming webhook URL of the Teams channel. Kept as a secret."
        }
        (".slack_api", "token") => "A Slack bot token (xoxb-...) with the chat:write scope.",
        (".slack_api", "allowedChannels") => {
            "Limit where messages can go: a JSON array of {\"id\": \"C123\", \"name\": \"#alerts\"}. Empty: any channel the bot is in."
        }
        (".email", "from") => "The sender address every message carries.",
        (".email", "service") => {
            "A known mail service fills in host and port for you; \"other\" lets you set them."
        }
        (".email", "host") => "The SMTP server's host name (for the service \"other\").",
        (".email", "port") => "The SMTP port, usually 587 (STARTTLS) or 465 (TLS).",
        (".email", "secure") => {
            "Connect with TLS from the start (port 465). Off: STARTTLS when offered."
        }
        (".pagerduty", "apiUrl") => {
            "Leave empty for PagerDuty's Events API v2 (https://events.pagerduty.com/v2/enqueue)."
        }
        (".pagerduty", "routingKey") => {
            "The integration key of a PagerDuty service (Events API v2)."
        }
        (".servicenow" | ".servicenow-sir" | ".servicenow-itom", "apiUrl") => {
            "Your instance, e.g. https://example.service-now.com."
        }
        (".servicenow" | ".servicenow-sir", "usesTableApi") => {
            "The older direct Table API. Off (recommended): the Elastic app for ServiceNow's import set API."
        }
        (".servicenow" | ".servicenow-sir" | ".servicenow-itom", "username") => {
            "A ServiceNow user with the Elastic app's integration role."
        }
        (".servicenow" | ".servicenow-sir" | ".servicenow-itom", "isOAuth") => {
            "Off: a user and password. On: OAuth with a JWT signed by your private key (ServiceNow's JWT bearer grant)."
        }
        (".servicenow" | ".servicenow-sir" | ".servicenow-itom", "clientId" | "clientSecret") => {
            "The client id and secret of the OAuth application registered in ServiceNow."
        }
        (".servicenow" | ".servicenow-sir" | ".servicenow-itom", "userIdentifierValue") => {
            "The ServiceNow user the token acts as (the field the application maps, e.g. email)."
        }
        (".servicenow" | ".servicenow-sir" | ".servicenow-itom", "jwtKeyId") => {
            "The key id of the JWT verifier map in ServiceNow."
        }
        (
            ".servicenow" | ".servicenow-sir" | ".servicenow-itom",
            "privateKey" | "privateKeyPassword",
        ) => {
            "The PEM private key that signs the JWT, and its password if it has one. Kept as secrets."
        }
        (".jira", "apiUrl") => "Your Jira site, e.g. https://example.atlassian.net.",
        (".jira", "projectKey") => "The key of the project issues are created in, e.g. OPS.",
        (".jira", "email") => "The Atlassian account the API token belongs to.",
        (".jira", "apiToken") => "An Atlassian API token of that account.",
        (".opsgenie", "apiUrl") => {
            "https://api.opsgenie.com, or https://api.eu.opsgenie.com for EU accounts."
        }
        (".opsgenie", "apiKey") => "The API key of an Opsgenie API integration.",
        (".torq", "webhookIntegrationUrl") => {
            "The webhook URL of a Torq trigger integration (https://hooks.torq.io/... or hooks.eu.torq.io)."
        }
        (".torq" | ".d3security", "token") => "The secret the service checks on every request.",
        (".xmatters", "usesBasic") => {
            "On: the trigger URL here with a user and password. Off: a trigger URL that carries its API key, kept as a secret."
        }
        (".xmatters", "configUrl") => {
            "The HTTP trigger of an xMatters flow, for basic authentication."
        }
        (".xmatters", "secretsUrl") => {
            "The trigger URL including its API key (when basic authentication is off)."
        }
        (".xmatters" | ".tines", "email") => "The account the API token belongs to.",
        (".tines", "url") => "Your Tines tenant, e.g. https://example.tines.com.",
        (".tines", "token") => "A Tines API token of that account.",
        (".d3security", "url") => "The event-ingestion webhook URL of your D3 SOAR instance.",
        (".thehive", "url") => "Your TheHive instance, e.g. https://thehive.example.com.",
        (".thehive", "organisation") => {
            "The organisation cases and alerts go to; empty: the key's default."
        }
        (".thehive" | ".xsoar" | ".jira-service-management", "apiKey") => {
            "An API key of a user allowed to create what this connector sends."
        }
        (".xsoar", "url") => "Your Cortex XSOAR server.",
        (".xsoar", "apiKeyID") => "Only for Cortex XSOAR 8: the id shown beside the API key.",
        (".resilient", "apiUrl") => "Your IBM Resilient (QRadar SOAR) instance.",
        (".resilient", "orgId") => "The organisation's numeric id.",
        (".resilient", "apiKeyId" | "apiKeySecret") => {
            "An API key pair with rights to create incidents."
        }
        (".jira-service-management", "apiUrl") => {
            "Atlassian's operations API; https://api.atlassian.com unless your site says otherwise."
        }
        (".swimlane", "apiUrl") => "Your Swimlane API, e.g. https://example.swimlane.app/api.",
        (".swimlane", "appId") => "The application records are created in.",
        (".swimlane", "connectorType") => "Whether it creates records for alerts, cases, or both.",
        (".swimlane", "mappings") => {
            "Which Swimlane field receives each Kibana field, e.g. {\"ruleNameConfig\": {\"id\": \"a1b2\", ...}}."
        }
        (".swimlane", "apiToken") => "A Swimlane personal access token.",
        (".gen-ai", "apiProvider") => {
            "OpenAI itself, an Azure OpenAI deployment, or any server that speaks OpenAI's API."
        }
        (".gen-ai", "apiUrl") => {
            "The chat completions endpoint (for Azure, the deployment's URL with its api-version)."
        }
        (".gen-ai" | ".bedrock" | ".gemini", "defaultModel") => {
            "The model used when a request names none. Empty: Kibana's default (OpenAI gpt-4.1; required for Other)."
        }
        (".gen-ai", "organizationId" | "projectId") => {
            "Only for OpenAI: which organisation or project is billed."
        }
        (".gen-ai" | ".mcp" | ".cases-webhook" | ".http", "headers") => {
            "Extra request headers as a JSON object. Visible to anyone who can read the connector."
        }
        (".gen-ai", "apiKey") => "The provider's API key.",
        (".bedrock", "apiUrl") => "The Bedrock runtime endpoint of your region.",
        (".bedrock", "region") => "The AWS region, when the URL does not say it.",
        (".bedrock", "accessKey" | "secret") => {
            "An AWS access key pair allowed to invoke the model."
        }
        (".gemini", "apiUrl") => "The Vertex AI endpoint of your region.",
        (".gemini", "gcpRegion") => "The Google Cloud region of the model.",
        (".gemini", "gcpProjectID") => "The Google Cloud project that is billed.",
        (".gemini", "credentialsJson") => "The service account's JSON key file, pasted whole.",
        (".mcp", "serverUrl") => {
            "The server's Streamable HTTP endpoint, e.g. https://mcp.example.com/mcp."
        }
        (".mcp", "authType") => "How the server checks callers.",
        (".mcp", "apiKeyHeaderName") => "The header the API key travels in.",
        (".mcp", "token") => "Sent as Authorization: Bearer <token>.",
        (".mcp", "apiKey") => "Sent in the API key header.",
        (".mcp" | ".cases-webhook" | ".http", "user") => {
            "Sent with the password as basic authentication."
        }
        (".cases-webhook", "createIncidentUrl") => {
            "Where a new case is created; the host must be allowed."
        }
        (
            ".cases-webhook",
            "createIncidentMethod" | "updateIncidentMethod" | "createCommentMethod",
        ) => "The HTTP method of that call.",
        (".cases-webhook", "createIncidentJson" | "updateIncidentJson") => {
            "The body as JSON with {{{case.title}}}, {{{case.description}}} and {{{case.tags}}} where the case's values go (unquoted: they are filled in as JSON)."
        }
        (".cases-webhook", "createIncidentResponseKey") => {
            "Where the new case's id is in the answer, dotted (e.g. data.id)."
        }
        (".cases-webhook", "getIncidentUrl" | "updateIncidentUrl" | "createCommentUrl") => {
            "{{{external.system.id}}} stands for the case's id in the other system."
        }
        (".cases-webhook", "getIncidentResponseExternalTitleKey") => {
            "Where the case's title (e.g. its key) is in the get answer."
        }
        (".cases-webhook", "viewIncidentUrl") => {
            "A link people can open; {{{external.system.id}}} and {{{external.system.title}}} are filled in."
        }
        (".cases-webhook", "createCommentJson") => {
            "The comment body with {{{case.comment}}} where the text goes."
        }
        _ => return None,
    })
}

/// The help of a run parameter of a type, if it has one.
pub fn params_help(type_id: &str, key: &str) -> Option<&'static str> {
    Some(match (type_id, key) {
        (".index", "documents") => {
            "A JSON array of documents; each becomes one document in the index."
        }
        (".server-log", "level") => "The log level the line is written with.",
        (".webhook", "body") => "The request body, sent as is (JSON or text).",
        (".pagerduty", "eventAction") => {
            "Trigger opens an incident; acknowledge and resolve act on the one with the dedup key."
        }
        (".pagerduty", "dedupKey") => {
            "Identifies the incident, so later events acknowledge or resolve the same one."
        }
        (".jira", "subActionParams.incident.issueType") => {
            "The id of a Jira issue type; empty: the project's first."
        }
        (".opsgenie", "subActionParams.priority") => "P1 is the most urgent, P5 the least.",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::super::field_specs::fields_for;
    use super::*;

    #[test]
    fn help_lines_name_the_default() {
        let refresh = fields_for(".index")
            .unwrap()
            .iter()
            .find(|s| s.key == "refresh")
            .unwrap();
        let line = with_default(connector_help(".index", "refresh"), refresh).unwrap();
        assert!(line.starts_with("Refresh the index"), "{line}");
        assert!(line.ends_with("Default: off."), "{line}");
        let method = fields_for(".webhook")
            .unwrap()
            .iter()
            .find(|s| s.key == "method")
            .unwrap();
        assert_eq!(
            with_default(None, method).as_deref(),
            Some("Default: post.")
        );
    }

    #[test]
    fn every_typed_connector_field_has_help() {
        for t in [
            ".index",
            ".webhook",
            ".slack",
            ".slack_api",
            ".teams",
            ".email",
            ".pagerduty",
            ".servicenow",
            ".servicenow-sir",
            ".servicenow-itom",
            ".jira",
            ".opsgenie",
            ".torq",
            ".xmatters",
            ".tines",
            ".d3security",
            ".thehive",
            ".xsoar",
            ".resilient",
            ".jira-service-management",
            ".swimlane",
            ".gen-ai",
            ".bedrock",
            ".gemini",
            ".mcp",
            ".cases-webhook",
            ".http",
        ] {
            for spec in fields_for(t).unwrap() {
                if spec.kind == FieldKind::Password && spec.key == "password" {
                    continue;
                }
                // ITOM shares ITSM's table without ever showing its table API switch.
                if t == ".servicenow-itom" && spec.key == "usesTableApi" {
                    continue;
                }
                assert!(connector_help(t, spec.key).is_some(), "{t} {}", spec.key);
            }
        }
    }
}
