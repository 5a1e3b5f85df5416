//! The connector type registry: each type's license, features, schemas and executor.
//!
//! Schemas and messages follow the types' registrations in Kibana's `stack_connectors`
//! plugin (sources cited per type in `schemas.rs`).

mod ai;
mod connector_type;
mod http_family;
mod schemas;
mod soar;

use crate::profile::Profile;

pub use schemas::PAGER_DUTY_API_URL;

pub use connector_type::{
    ConnectorRule, ConnectorType, Executor, JsonObject, ParamsRule, ParamsSchema,
};

/// All registered types, in Kibana's registration order.
#[derive(Debug, Clone)]
pub struct Registry {
    types: Vec<ConnectorType>,
}

impl Registry {
    /// The built-in types plus a few generically registered ones and a system type, as the
    /// given Kibana line registers them.
    pub fn builtin(profile: Profile) -> Self {
        let mut types = schemas::builtin();
        // The generative-AI types and MCP register before `.inference`, as in Kibana's
        // `connector_types/index.ts`.
        let at = types
            .iter()
            .position(|t| t.id == ".inference")
            .unwrap_or(types.len());
        types.splice(at..at, ai::types());
        types.extend(soar::types());
        types.extend(http_family::types());
        // Newer registrations: XSOAR from 9.1 and Jira Service Management from 9.2 (Elastic's
        // connector skill page, kibana-9x-update §3.2), MCP from 9.3 (preview), and `.http`
        // with the workflows of 9.x; none on 8.19, and MCP and HTTP on the 9.5 line only.
        // The `workflows` and `agentBuilder` features came with 9.3 (PR #243042); earlier
        // lines list neither.
        if profile < Profile::V9_5 {
            for t in &mut types {
                t.features
                    .retain(|f| f != "workflows" && f != "agentBuilder");
            }
        }
        types.retain(|t| match t.id.as_str() {
            ".xsoar" | ".jira-service-management" => profile >= Profile::V9_2,
            ".mcp" | ".http" => profile >= Profile::V9_5,
            _ => true,
        });
        if profile >= Profile::V9_5 {
            for t in &mut types {
                // PR #261591 (docs-content#7346): the LLM connectors are deprecated in 9.5;
                // API creation still works (docs-content PR #7424).
                if matches!(
                    t.id.as_str(),
                    ".gen-ai" | ".bedrock" | ".gemini" | ".inference"
                ) {
                    t.deprecated = true;
                }
                // The `workflows` feature (PR #243042, 2025-11), read in the newest
                // registrations: `servicenow_itsm/index.ts` and `inference/index.ts`.
                if matches!(t.id.as_str(), ".servicenow" | ".inference") {
                    t.features.push("workflows".into());
                }
                // `.email`'s schemas are zod v4: Kibana words its errors with `prettifyError`
                // (`group2/tests/actions/connector_types/email.ts`: `✖ Invalid input: expected
                // string, received undefined\n  → at from`).
                // So are ServiceNow's (`connector_types/servicenow_itsm.ts @ 01ad79c3`: `✖
                // Invalid input: expected string, received undefined\n  → at apiUrl`).
                if matches!(
                    t.id.as_str(),
                    ".email" | ".servicenow" | ".servicenow-sir" | ".servicenow-itom"
                ) {
                    t.zod = crate::profile::Zod::V4;
                }
                // Webhook headers kept encrypted (`kbn-connector-schemas/common/auth`:
                // `secretHeaders`; `group2/tests/actions/connector_types/webhook.ts`).
                if t.id == ".webhook"
                    && let Some(secrets) = t.secrets.as_mut()
                {
                    secrets.push(crate::schema::maybe_null(
                        "secretHeaders",
                        crate::schema::Ty::RecordOfStr,
                    ));
                    secrets.push(crate::schema::nullable(
                        "clientSecret",
                        crate::schema::string(),
                    ));
                }
                // OAuth 2.0 client credentials and query-parameter auth (same source).
                if t.id == ".webhook"
                    && let Some(config) = t.config.as_mut()
                {
                    for field in config.iter_mut().filter(|f| f.name == "authType") {
                        *field = http_family::auth_type();
                    }
                    config.extend(http_family::oauth_config());
                }
            }
        }
        Registry { types }
    }

    /// Registers (or replaces) a type.
    pub fn register(&mut self, t: ConnectorType) {
        self.types.retain(|x| x.id != t.id);
        self.types.push(t);
    }

    /// A type by id.
    pub fn get(&self, id: &str) -> Option<&ConnectorType> {
        self.types.iter().find(|t| t.id == id)
    }

    /// Every type, in registration order.
    pub fn all(&self) -> &[ConnectorType] {
        &self.types
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SimConfig;
    use crate::profile::Profile;
    use serde_json::json;
    use serde_json::{Map, Value};

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn servicenow_sir_bad_subaction_lists_alternatives_like_kibana() {
        let reg = Registry::builtin(Profile::V9_2);
        let err = reg
            .get(".servicenow-sir")
            .unwrap()
            .validate_params(&obj(json!({"subAction": "non-supported"})), Profile::V9_2)
            .unwrap_err();
        assert_eq!(
            err,
            "types that failed validation:\n- [0.subAction]: expected value to equal [getFields]\n- [1.subAction]: expected value to equal [getIncident]\n- [2.subAction]: expected value to equal [handshake]\n- [3.subAction]: expected value to equal [pushToService]\n- [4.subAction]: expected value to equal [getChoices]"
        );
    }

    #[test]
    fn webhook_defaults_echo_like_kibana() {
        let reg = Registry::builtin(Profile::V9_2);
        let (config, _) = reg
            .get(".webhook")
            .unwrap()
            .validate_connector(
                &obj(json!({"url": "http://127.0.0.1:1/x"})),
                &Map::new(),
                &SimConfig::default(),
            )
            .unwrap();
        assert_eq!(
            Value::Object(config),
            json!({"url":"http://127.0.0.1:1/x","method":"post","headers":null,"hasAuth":true})
        );
    }

    #[test]
    fn allowed_hosts_are_enforced_with_each_line_s_prefix() {
        for (profile, prefix) in [
            (Profile::V9_2, "error validating action type config"),
            (Profile::V9_5, "error validating connector type config"),
        ] {
            let reg = Registry::builtin(profile);
            let sim = SimConfig {
                allowed_hosts: vec!["example.com".into()],
                profile,
                ..SimConfig::default()
            };
            let err = reg
                .get(".webhook")
                .unwrap()
                .validate_connector(&obj(json!({"url": "http://x/"})), &Map::new(), &sim)
                .unwrap_err();
            assert_eq!(
                err,
                format!(
                    "{prefix}: error configuring webhook action: target url \"http://x/\" is not added to the Kibana config xpack.actions.allowedHosts"
                )
            );
        }
    }

    #[test]
    fn pagerduty_resolve_needs_dedup_key() {
        let reg = Registry::builtin(Profile::V9_2);
        let err = reg
            .get(".pagerduty")
            .unwrap()
            .validate_params(&obj(json!({"eventAction": "resolve"})), Profile::V9_2)
            .unwrap_err();
        assert_eq!(err, "DedupKey is required when eventAction is \"resolve\"");
    }
}
