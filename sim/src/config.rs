//! The sim's configuration, named after `kibana.yml` settings.
//!
//! A YAML file may use nested maps or dotted keys, as `kibana.yml` does
//! (`server: {cors: {enabled: true}}` and `server.cors.enabled: true` mean the same).
//! Settings that only exist in the sim live under `sim.*`.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::profile::Profile;

/// The version the sim reports by default: the newest profile's.
pub const NEWEST_VERSION: &str = "9.5.0";

/// A Kibana license level, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum License {
    /// The free tier.
    Basic,
    /// The lowest paid tier (Kibana's `standard`; most stack connectors need only basic or gold).
    Standard,
    /// `gold`: unlocks most third-party connectors (ServiceNow, Jira, PagerDuty, ...).
    Gold,
    /// `platinum`: unlocks the rest of the stack connectors, e.g. the SecOps ones.
    Platinum,
    /// `enterprise`: everything, e.g. the AI connectors in newer Kibanas.
    Enterprise,
    /// A trial enables everything.
    Trial,
}

impl License {
    /// Kibana's lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            License::Basic => "basic",
            License::Standard => "standard",
            License::Gold => "gold",
            License::Platinum => "platinum",
            License::Enterprise => "enterprise",
            License::Trial => "trial",
        }
    }

    /// Whether this license allows a type whose minimum is `required`.
    /// A trial allows everything, as in Kibana's licensing plugin.
    pub fn allows(self, required: License) -> bool {
        self == License::Trial || (required != License::Trial && self >= required)
    }
}

/// What a principal may do with connectors in a space (Kibana's `actions` feature privilege).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Privilege {
    /// `read`: get, get all, execute.
    Read,
    /// `all`: everything, including create, update, delete.
    All,
}

/// Who may call the API, and where.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Principal {
    /// For basic auth: user name.
    #[serde(default)]
    pub username: Option<String>,
    /// For basic auth: password.
    #[serde(default)]
    pub password: Option<String>,
    /// For API keys: the key id (the `Authorization: ApiKey base64(id:key)` form).
    #[serde(default)]
    pub id: Option<String>,
    /// For API keys: the secret.
    #[serde(default)]
    pub key: Option<String>,
    /// For bearer tokens: the token.
    #[serde(default)]
    pub token: Option<String>,
    /// A superuser may do everything everywhere, including managing spaces.
    #[serde(default)]
    pub superuser: bool,
    /// Connector privileges per space id; `"*"` means every space.
    #[serde(default)]
    pub spaces: BTreeMap<String, Privilege>,
    /// Alerting (rules) privileges per space id, when they differ from the connector ones
    /// (Kibana's `space_1_all_alerts_none_actions`; `{}` for none); absent means the same
    /// as `spaces`.
    #[serde(default)]
    pub rules: Option<BTreeMap<String, Privilege>>,
}

impl Principal {
    /// The privilege this principal has in `space`.
    pub fn privilege_in(&self, space: &str) -> Option<Privilege> {
        if self.superuser {
            return Some(Privilege::All);
        }
        let exact = self.spaces.get(space).copied();
        let wildcard = self.spaces.get("*").copied();
        exact.max(wildcard)
    }

    /// The privilege this principal has on alerting rules in `space`.
    pub fn rules_privilege_in(&self, space: &str) -> Option<Privilege> {
        let Some(rules) = self.rules.as_ref().filter(|_| !self.superuser) else {
            return self.privilege_in(space);
        };
        let exact = rules.get(space).copied();
        let wildcard = rules.get("*").copied();
        exact.max(wildcard)
    }

    /// A display name for logs (never a secret).
    pub fn name(&self) -> &str {
        self.username
            .as_deref()
            .or(self.id.as_deref())
            .unwrap_or("token")
    }
}

/// A connector declared in `xpack.actions.preconfigured`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Preconfigured {
    /// Display name.
    pub name: String,
    /// Connector type id, e.g. `.slack`.
    pub action_type_id: String,
    /// Type config.
    #[serde(default)]
    pub config: Map<String, Value>,
    /// Type secrets.
    #[serde(default)]
    pub secrets: Map<String, Value>,
}

/// A connector type registered generically (`sim.types`). Without schemas, config, secrets
/// and params are accepted as sent and running it reports an unregistered sub-action. With
/// them, each is a strict object checked with Kibana's messages, as Kibana's own test fixture
/// types are (`alerting_api_integration/common/plugins/alerts/server/action_types.ts`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GenericType {
    /// Type id, e.g. `test.index-record`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// `minimumLicenseRequired` (default basic).
    #[serde(default = "basic")]
    pub license: License,
    /// `supportedFeatureIds` (default `[alerting]`).
    #[serde(default = "alerting")]
    pub features: Vec<String>,
    /// The config schema: key to type (`string`, `number`, `boolean`, `object`, `array`,
    /// `any`; a trailing `?` makes the key optional).
    #[serde(default)]
    pub config: Option<SchemaDecl>,
    /// The secrets schema, in the same form.
    #[serde(default)]
    pub secrets: Option<SchemaDecl>,
    /// The params schema, in the same form.
    #[serde(default)]
    pub params: Option<SchemaDecl>,
    /// How it runs: `index-record` records its params, config and secrets in `params.index`;
    /// `failing` records them, then throws.
    #[serde(default)]
    pub run: Option<GenericRun>,
    /// A system action type: listed nowhere, never created through the API.
    #[serde(default)]
    pub system: bool,
    /// A deprecated type (`isDeprecated` in its registration; `is_deprecated` in the type
    /// listing and `is_connector_type_deprecated` on its connectors from 9.3).
    #[serde(default)]
    pub deprecated: bool,
}

/// A declared object schema: `(key, type)` in the order written, which is the order Kibana
/// reports missing keys in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchemaDecl(pub Vec<(String, String)>);

impl<'de> Deserialize<'de> for SchemaDecl {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Keys;
        impl<'de> serde::de::Visitor<'de> for Keys {
            type Value = SchemaDecl;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a map of key to type (string, number, boolean, object, array, any; `?` for optional)")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<SchemaDecl, A::Error> {
                let mut keys = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, String>()? {
                    keys.push((k, v));
                }
                Ok(SchemaDecl(keys))
            }
        }
        d.deserialize_map(Keys)
    }
}

/// What a generic type does when run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GenericRun {
    /// Index `{params, config, secrets, reference, source}` into `params.index`.
    IndexRecord,
    /// Index the same, then fail as an executor that throws (Kibana's `test.failing`):
    /// `expected failure for <index> <reference>`.
    Failing,
}

fn basic() -> License {
    License::Basic
}

fn alerting() -> Vec<String> {
    vec!["alerting".into()]
}

/// The whole configuration.
#[derive(Debug, Clone)]
pub struct SimConfig {
    /// `server.host`.
    pub host: String,
    /// `server.port` (0 picks a free port).
    pub port: u16,
    /// `server.basePath` ("" when unset).
    pub base_path: String,
    /// `server.rewriteBasePath`.
    pub rewrite_base_path: bool,
    /// `server.maxPayload` in bytes.
    pub max_payload: usize,
    /// `server.cors.enabled`.
    pub cors_enabled: bool,
    /// `server.cors.allowOrigin`.
    pub cors_allow_origin: Vec<String>,
    /// `server.cors.allowCredentials`.
    pub cors_allow_credentials: bool,
    /// `server.xsrf.disableProtection`.
    pub xsrf_disabled: bool,
    /// The Kibana version reported by `/api/status` and checked against `kbn-version`
    /// (`sim.version`); set it with [`SimConfig::set_version`] so `profile` follows.
    pub version: String,
    /// The release line `version` behaves as.
    pub profile: Profile,
    /// The license level (`xpack.license.self_generated.type` in Elasticsearch terms).
    pub license: License,
    /// `xpack.actions.enabledActionTypes`.
    pub enabled_action_types: Vec<String>,
    /// `xpack.actions.allowedHosts`.
    pub allowed_hosts: Vec<String>,
    /// `xpack.actions.preconfigured`, by id.
    pub preconfigured: BTreeMap<String, Preconfigured>,
    /// Users, API keys and bearer tokens (`sim.principals`). Defaults to the `elastic` superuser.
    pub principals: Vec<Principal>,
    /// Answer 404 for connector routes in spaces that do not exist (`sim.strictSpaces`).
    /// Real Kibana does not check; this is an opt-in.
    pub strict_spaces: bool,
    /// Serve the pre-9.0 `/api/actions/action*` routes (`sim.legacyRoutes`).
    pub legacy_routes: bool,
    /// Register the rule types of Kibana's alerting test fixtures (`test.noop`,
    /// `test.validation`) beside the stack ones (`sim.alertingFixtures`).
    pub alerting_fixtures: bool,
    /// Enable the `/__sim/*` admin surface (`sim.admin`). Off by default: tests only.
    pub admin: bool,
    /// Load the demo data set on start (`sim.seed`).
    pub seed: bool,
    /// Port of the Elasticsearch-style read API for indexed documents (`sim.esPort`, None = off).
    pub es_port: Option<u16>,
    /// Extra generically registered types (`sim.types`).
    pub extra_types: Vec<GenericType>,
    /// Base URL of the Slack Web API for `.slack_api` (`sim.slackApiUrl`).
    pub slack_api_url: String,
    /// SQLite data directory (`path.data`); None keeps everything in memory.
    pub data_dir: Option<std::path::PathBuf>,
}

impl Default for SimConfig {
    fn default() -> Self {
        Self {
            host: "127.0.0.1".into(),
            port: 5601,
            base_path: String::new(),
            rewrite_base_path: false,
            max_payload: 1_048_576,
            cors_enabled: false,
            cors_allow_origin: vec!["*".into()],
            cors_allow_credentials: false,
            xsrf_disabled: false,
            version: NEWEST_VERSION.into(),
            profile: Profile::NEWEST,
            license: License::Trial,
            enabled_action_types: vec!["*".into()],
            allowed_hosts: vec!["*".into()],
            preconfigured: BTreeMap::new(),
            principals: vec![Principal {
                username: Some("elastic".into()),
                password: Some("changeme".into()),
                id: None,
                key: None,
                token: None,
                superuser: true,
                spaces: BTreeMap::new(),
                rules: None,
            }],
            strict_spaces: false,
            legacy_routes: false,
            alerting_fixtures: false,
            admin: false,
            seed: false,
            es_port: None,
            extra_types: Vec::new(),
            slack_api_url: "https://slack.com/api/".into(),
            data_dir: None,
        }
    }
}

/// Flattens nested YAML maps into dotted keys, leaving lists and scalars as values.
fn flatten(prefix: &str, value: Value, out: &mut BTreeMap<String, Value>) {
    match value {
        Value::Object(map) if !is_leaf_map(prefix) => {
            for (k, v) in map {
                let key = if prefix.is_empty() {
                    k
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&key, v, out);
            }
        }
        other => {
            out.insert(prefix.to_string(), other);
        }
    }
}

/// Settings whose value is itself a map and must not be flattened.
fn is_leaf_map(key: &str) -> bool {
    key == "xpack.actions.preconfigured"
}

impl SimConfig {
    /// Parses a `kibana.yml`-style document on top of the defaults.
    ///
    /// # Errors
    /// Unknown settings, wrong types and Kibana's own start-up validation errors
    /// (e.g. wildcard origin with credentials) are reported with the setting's name.
    pub fn from_yaml(text: &str) -> Result<Self, String> {
        let doc: Value = serde_norway::from_str(text).map_err(|e| format!("invalid YAML: {e}"))?;
        let mut flat = BTreeMap::new();
        if !doc.is_null() {
            flatten("", doc, &mut flat);
        }
        let mut cfg = SimConfig::default();
        for (key, value) in flat {
            cfg.apply(&key, value)?;
        }
        cfg.validate()?;
        Ok(cfg)
    }

    /// Sets one dotted setting.
    ///
    /// # Errors
    /// When the key is unknown or the value has the wrong type.
    pub fn apply(&mut self, key: &str, value: Value) -> Result<(), String> {
        fn get<T: serde::de::DeserializeOwned>(key: &str, v: Value) -> Result<T, String> {
            serde_json::from_value(v).map_err(|e| format!("[{key}]: {e}"))
        }
        match key {
            "server.host" => self.host = get(key, value)?,
            "server.port" => self.port = get(key, value)?,
            "server.basePath" => self.base_path = get(key, value)?,
            "server.rewriteBasePath" => self.rewrite_base_path = get(key, value)?,
            "server.maxPayload" => self.max_payload = get(key, value)?,
            "server.cors.enabled" => self.cors_enabled = get(key, value)?,
            "server.cors.allowOrigin" => self.cors_allow_origin = get(key, value)?,
            "server.cors.allowCredentials" => self.cors_allow_credentials = get(key, value)?,
            "server.xsrf.disableProtection" => self.xsrf_disabled = get(key, value)?,
            "xpack.license.self_generated.type" | "sim.license" => self.license = get(key, value)?,
            "xpack.actions.enabledActionTypes" => self.enabled_action_types = get(key, value)?,
            "xpack.actions.allowedHosts" => self.allowed_hosts = get(key, value)?,
            "xpack.actions.preconfigured" => self.preconfigured = get(key, value)?,
            "path.data" => self.data_dir = get(key, value)?,
            "sim.version" => self.set_version(&get::<String>(key, value)?)?,
            "sim.principals" => self.principals = get(key, value)?,
            "sim.strictSpaces" => self.strict_spaces = get(key, value)?,
            "sim.legacyRoutes" => self.legacy_routes = get(key, value)?,
            "sim.alertingFixtures" => self.alerting_fixtures = get(key, value)?,
            "sim.admin" => self.admin = get(key, value)?,
            "sim.seed" => self.seed = get(key, value)?,
            "sim.esPort" => self.es_port = get(key, value)?,
            "sim.slackApiUrl" => self.slack_api_url = get(key, value)?,
            "sim.types" => self.extra_types = get(key, value)?,
            _ => return Err(format!("[{key}]: definition for this key is missing")),
        }
        Ok(())
    }

    /// Sets `sim.version` and the profile it selects.
    ///
    /// # Errors
    /// When the version does not parse or is older than the oldest profile.
    pub fn set_version(&mut self, version: &str) -> Result<(), String> {
        self.profile = Profile::for_version(version)?;
        self.version = version.trim().to_string();
        Ok(())
    }

    /// Whether the pre-9.0 routes are served: on 8.x profiles, or when `sim.legacyRoutes` is
    /// set.
    pub fn serves_legacy_routes(&self) -> bool {
        self.legacy_routes || self.profile.legacy_routes()
    }

    /// Kibana's start-up validation of the settings the sim models.
    ///
    /// # Errors
    /// The message Kibana prints for the same mistake.
    pub fn validate(&self) -> Result<(), String> {
        // http_config.ts: basePath must start with a slash and not end with one.
        if !self.base_path.is_empty()
            && (!self.base_path.starts_with('/') || self.base_path.ends_with('/'))
        {
            return Err("[server.basePath]: must start with a slash, don't end with one".into());
        }
        if self.rewrite_base_path && self.base_path.is_empty() {
            return Err("[server.rewriteBasePath]: cannot be true without server.basePath".into());
        }
        let wildcard = self.cors_allow_origin.iter().any(|o| o == "*");
        if wildcard && self.cors_allow_origin.len() != 1 {
            return Err(
                "[server.cors.allowOrigin]: must be either ['*'] or a list of origins".into(),
            );
        }
        if self.cors_allow_credentials && wildcard {
            return Err("[server.cors]: Cannot specify wildcard origin \"*\" with \"credentials: true\". Please provide a list of allowed origins.".into());
        }
        for origin in self.cors_allow_origin.iter().filter(|o| *o != "*") {
            if !(origin.starts_with("http://") || origin.starts_with("https://")) {
                return Err(format!(
                    "[server.cors.allowOrigin]: expected URI with scheme [http|https], got [{origin}]"
                ));
            }
        }
        for p in &self.principals {
            let basic = p.username.is_some() && p.password.is_some();
            let api_key = p.id.is_some() && p.key.is_some();
            if !(basic || api_key || p.token.is_some()) {
                return Err(
                    "[sim.principals]: each needs username+password, id+key, or token".into(),
                );
            }
        }
        Ok(())
    }

    /// Whether `type_id` is enabled by `xpack.actions.enabledActionTypes`.
    pub fn type_enabled_in_config(&self, type_id: &str) -> bool {
        self.enabled_action_types
            .iter()
            .any(|t| t == "*" || t == type_id)
    }

    /// Whether `host` passes `xpack.actions.allowedHosts`.
    pub fn host_allowed(&self, host: &str) -> bool {
        self.allowed_hosts
            .iter()
            .any(|h| h == "*" || h.eq_ignore_ascii_case(host))
    }
}

#[cfg(test)]
mod tests;
