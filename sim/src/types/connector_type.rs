//! What a registered connector type is: its license and features, its config, secrets and
//! params schemas, the rules that run after them, and how it runs.

use serde_json::{Map, Value};

use crate::config::{GenericRun, GenericType, License, SchemaDecl, SimConfig};
use crate::profile::{Profile, Zod};
use crate::schema::{self, Field, Ty, zod};

/// How a type runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Executor {
    /// `.index`: writes documents into the sim's store.
    Index,
    /// `.server-log`: logs through tracing.
    ServerLog,
    /// `.webhook`.
    Webhook,
    /// `.slack` (incoming webhook).
    Slack,
    /// `.slack_api` (Web API).
    SlackApi,
    /// `.teams`.
    Teams,
    /// `.email` over SMTP.
    Email,
    /// `.pagerduty`.
    PagerDuty,
    /// `.servicenow`, `-sir`, `-itom`.
    ServiceNow,
    /// `.jira`.
    Jira,
    /// `.opsgenie` (sub-action framework).
    Opsgenie,
    /// `.torq`.
    Torq,
    /// `.xmatters`.
    XMatters,
    /// The sub-action services of the SOAR and incident types (`types/soar.rs`).
    Soar,
    /// `.gen-ai`: chat completions.
    OpenAi,
    /// `.mcp`: JSON-RPC to an MCP server.
    Mcp,
    /// `.cases-webhook`: templated case calls.
    CasesWebhook,
    /// `.http`: one call, its answer returned.
    Http,
    /// A `sim.types` entry with `run: index-record`: indexes what it ran with, as Kibana's
    /// `test.index-record` fixture type.
    IndexRecord,
    /// A `sim.types` entry with `run: failing`: indexes, then throws (Kibana's `test.failing`).
    Failing,
    /// A type registered generically: any sub-action is "not registered", as in Kibana's
    /// sub-action framework when asked for something the sim does not model.
    Generic,
}

/// A JSON object.
pub type JsonObject = Map<String, Value>;

/// How params are validated.
#[derive(Debug, Clone)]
pub enum ParamsSchema {
    /// A strict object.
    Object(Vec<Field>),
    /// `schema.oneOf` of `{subAction: literal, subActionParams: ...}` objects.
    SubActions(Vec<(&'static str, Ty)>),
    /// The sub-action framework: `{subAction: string, subActionParams?: record}`; unknown
    /// sub-actions fail at run time.
    Framework(Vec<(&'static str, Ty)>),
    /// Anything.
    Any,
}

/// A cross-field rule that runs after the schemas (Kibana's `validate.connector` and custom
/// validators). Returns `(stage, message)`, stage being `config`, `secrets` or `connector`.
pub type ConnectorRule =
    fn(&Map<String, Value>, &Map<String, Value>, &SimConfig) -> Result<(), (&'static str, String)>;

/// A params rule that runs after the params schema.
pub type ParamsRule = fn(&mut Map<String, Value>) -> Result<(), String>;

/// A registered connector type.
#[derive(Debug, Clone)]
pub struct ConnectorType {
    /// e.g. `.index`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// `minimumLicenseRequired`.
    pub license: License,
    /// `supportedFeatureIds`.
    pub features: Vec<String>,
    /// None: config is stored as sent (types without a config schema, e.g. `.teams`).
    pub config: Option<Vec<Field>>,
    /// None: secrets are stored as sent.
    pub secrets: Option<Vec<Field>>,
    /// Params validation.
    pub params: ParamsSchema,
    /// Cross-field checks on config + secrets.
    pub connector_rule: Option<ConnectorRule>,
    /// Cross-field checks on params.
    pub params_rule: Option<ParamsRule>,
    /// Defaults that depend on other fields (a union's per-branch defaults), filled after the
    /// config validates.
    pub config_fill: Option<fn(&mut Map<String, Value>)>,
    /// System action types are hidden and cannot be created.
    pub system: bool,
    /// Runner.
    pub executor: Executor,
    /// The type itself is deprecated (`is_deprecated` on the type, `is_connector_type_deprecated`
    /// on its connectors); set per profile by the registry.
    pub deprecated: bool,
    /// The zod major of the type's schemas on profiles that validate with zod (most stack
    /// types are v3; the newest ones, and Kibana's own test fixtures, v4).
    pub zod: Zod,
}

impl ConnectorType {
    /// A type with no schemas (anything goes), for generic registration.
    pub fn generic(id: &str, name: &str, license: License, features: &[&str]) -> Self {
        ConnectorType {
            id: id.into(),
            name: name.into(),
            license,
            features: features.iter().map(|s| s.to_string()).collect(),
            config: None,
            secrets: None,
            params: ParamsSchema::Any,
            connector_rule: None,
            params_rule: None,
            config_fill: None,
            system: false,
            executor: Executor::Generic,
            deprecated: false,
            zod: Zod::V3,
        }
    }

    /// A `sim.types` entry: permissive without schemas; with them, strict objects validated
    /// with Kibana's messages (zod v4 on zod profiles, as Kibana's own fixture types).
    ///
    /// # Errors
    /// A declared type that is not one of `string`, `number`, `boolean`, `object`, `array`,
    /// `any` (optionally with `?`).
    pub fn from_generic(g: &GenericType) -> Result<Self, String> {
        let features: Vec<&str> = g.features.iter().map(String::as_str).collect();
        let part = |what: &str, decl: &Option<SchemaDecl>| -> Result<Option<Vec<Field>>, String> {
            decl.as_ref()
                .map(|d| fields_of(d).map_err(|e| format!("[sim.types]: {} {what}.{e}", g.id)))
                .transpose()
        };
        let params = part("params", &g.params)?;
        Ok(ConnectorType {
            config: part("config", &g.config)?,
            secrets: part("secrets", &g.secrets)?,
            params: params.map_or(ParamsSchema::Any, ParamsSchema::Object),
            system: g.system,
            deprecated: g.deprecated,
            executor: match g.run {
                Some(GenericRun::IndexRecord) => Executor::IndexRecord,
                Some(GenericRun::Failing) => Executor::Failing,
                None => Executor::Generic,
            },
            zod: Zod::V4,
            ..ConnectorType::generic(&g.id, &g.name, g.license, &features)
        })
    }

    /// Checks one schema part (`config`, `secrets` or params) as the profile's Kibana does:
    /// config-schema's first error before the zod move, every zod issue after it.
    fn check_part(
        &self,
        fields: &[Field],
        value: &Map<String, Value>,
        profile: Profile,
    ) -> Result<JsonObject, String> {
        if profile.uses_zod() {
            zod::check_object(fields, value).map_err(|issues| zod::format(&issues, self.zod))
        } else {
            schema::check_object(fields, value, "").map_err(String::from)
        }
    }

    /// Validates config and secrets at create/update, returning them with defaults filled.
    ///
    /// # Errors
    /// Kibana's 400 message (`error validating action type config: ...` before 9.3,
    /// `error validating connector type config: ...` after; the `connector` stage kept its
    /// old wording, `validate_with_schema.ts @ 16ca7f52`).
    pub fn validate_connector(
        &self,
        config: &Map<String, Value>,
        secrets: &Map<String, Value>,
        sim: &SimConfig,
    ) -> Result<(JsonObject, JsonObject), String> {
        let profile = sim.profile;
        let wrapper = profile.schema_wrapper();
        let mut config = match &self.config {
            Some(fields) => self
                .check_part(fields, config, profile)
                .map_err(|e| format!("error validating {wrapper} config: {e}"))?,
            None => config.clone(),
        };
        if let Some(fill) = self.config_fill {
            fill(&mut config);
        }
        // Kibana runs the config's custom validator right after the config schema, before it
        // looks at the secrets (`validateConfig`, then `validateSecrets`, then
        // `validateConnector`; `connector_types/pagerduty.ts` relies on it).
        if let Some(rule) = self.connector_rule
            && let Err(("config", msg)) = rule(&config, secrets, sim)
        {
            return Err(format!("error validating {wrapper} config: {msg}"));
        }
        let secrets = match &self.secrets {
            Some(fields) => self
                .check_part(fields, secrets, profile)
                .map_err(|e| format!("error validating {wrapper} secrets: {e}"))?,
            None => secrets.clone(),
        };
        if let Some(rule) = self.connector_rule {
            rule(&config, &secrets, sim).map_err(|(stage, msg)| match stage {
                "connector" => format!("error validating action type connector: {msg}"),
                _ => format!("error validating {wrapper} {stage}: {msg}"),
            })?;
        }
        Ok((config, secrets))
    }

    /// Validates execute params.
    ///
    /// # Errors
    /// The message after `error validating action params: `.
    pub fn validate_params(
        &self,
        params: &Map<String, Value>,
        profile: Profile,
    ) -> Result<Map<String, Value>, String> {
        if profile.uses_zod() {
            return self.validate_params_zod(params);
        }
        let checked = match &self.params {
            ParamsSchema::Any => params.clone(),
            ParamsSchema::Object(fields) => schema::check_object(fields, params, "")?,
            ParamsSchema::Framework(_) => {
                let fields = vec![
                    schema::req("subAction", schema::string()),
                    schema::maybe("subActionParams", Ty::Record),
                ];
                schema::check_object(&fields, params, "")?
            }
            ParamsSchema::SubActions(alternatives) => {
                let mut failures = Vec::new();
                for (name, sub_params) in alternatives {
                    let fields = vec![
                        schema::req("subAction", Ty::Equals(name)),
                        schema::req("subActionParams", sub_params.clone()),
                    ];
                    match schema::check_object(&fields, params, "") {
                        Ok(v) => return self.run_params_rule(v),
                        Err(e) => failures.push(e),
                    }
                }
                return Err(schema::SchemaError::union("", failures).to_string());
            }
        };
        self.run_params_rule(checked)
    }

    /// Params as zod checks them: a discriminated union on `subAction` where config-schema had
    /// `oneOf` (e.g. `kbn-connector-schemas/servicenow`: `z.discriminatedUnion('subAction', ...)`).
    fn validate_params_zod(
        &self,
        params: &Map<String, Value>,
    ) -> Result<Map<String, Value>, String> {
        let checked = match &self.params {
            ParamsSchema::Any => Ok(params.clone()),
            ParamsSchema::Object(fields) => zod::check_object(fields, params),
            ParamsSchema::Framework(_) => zod::check_object(
                &[
                    schema::req("subAction", schema::string()),
                    schema::maybe("subActionParams", Ty::Record),
                ],
                params,
            ),
            ParamsSchema::SubActions(alternatives) => {
                let options: Vec<(&'static str, Vec<Field>)> = alternatives
                    .iter()
                    .map(|(name, sub_params)| {
                        (
                            *name,
                            vec![
                                schema::req("subAction", Ty::Equals(name)),
                                schema::req("subActionParams", sub_params.clone()),
                            ],
                        )
                    })
                    .collect();
                zod::check_discriminated("subAction", &options, params)
            }
        };
        let checked = checked.map_err(|issues| zod::format(&issues, self.zod))?;
        self.run_params_rule(checked)
    }

    fn run_params_rule(
        &self,
        mut params: Map<String, Value>,
    ) -> Result<Map<String, Value>, String> {
        if let Some(rule) = self.params_rule {
            rule(&mut params)?;
        }
        Ok(params)
    }

    /// Whether a saved connector of this type counts as deprecated (ServiceNow's table API).
    pub fn connector_deprecated(&self, config: &Map<String, Value>) -> bool {
        matches!(self.id.as_str(), ".servicenow" | ".servicenow-sir")
            && config
                .get("usesTableApi")
                .and_then(Value::as_bool)
                .unwrap_or(true)
    }
}

/// Fields from a declaration; key names live as long as the sim (they come from its settings).
fn fields_of(decl: &SchemaDecl) -> Result<Vec<Field>, String> {
    decl.0
        .iter()
        .map(|(key, ty)| {
            let (base, optional) = match ty.strip_suffix('?') {
                Some(base) => (base, true),
                None => (ty.as_str(), false),
            };
            let ty = match base {
                "string" => schema::string(),
                "number" => schema::number(),
                "boolean" => Ty::Bool,
                "object" => Ty::Record,
                "array" => Ty::Arr(Box::new(Ty::Any), None),
                "any" => Ty::Any,
                other => {
                    return Err(format!(
                        "{key}: unknown type \"{other}\" (string, number, boolean, object, array or any, with ? for optional)"
                    ));
                }
            };
            let name: &'static str = Box::leak(key.clone().into_boxed_str());
            Ok(if optional {
                schema::maybe(name, ty)
            } else {
                schema::req(name, ty)
            })
        })
        .collect()
}
