//! `new Kibana(url, options)`.

use std::time::Duration;

use wasm_bindgen::prelude::*;

use super::actions::JsActions;
use super::bulk::JsBulk;
use super::call::{call, from_ts};
use super::error::to_js_error;
use super::rules::JsRules;
use super::spaces::JsSpaces;
use super::types::{DiagnosisReport, KibanaOptions};
use crate::{Auth, Credentials, Diagnosis, Error, Kibana};
use tsify::Ts;

/// A Kibana client.
#[wasm_bindgen(js_name = Kibana)]
#[derive(Debug, Clone)]
pub struct JsKibana {
    pub(crate) inner: Kibana,
}

fn auth_from(o: &KibanaOptions) -> Result<Auth, Error> {
    let given = [
        o.api_key.is_some(),
        o.api_key_id.is_some() || o.api_key_secret.is_some(),
        o.username.is_some() || o.password.is_some(),
        o.bearer_token.is_some(),
    ];
    if given.iter().filter(|g| **g).count() > 1 {
        return Err(Error::InvalidConfig(
            "give one of apiKey, apiKeyId+apiKeySecret, username+password or bearerToken".into(),
        ));
    }
    Ok(
        match (
            o.api_key.as_deref(),
            o.api_key_id.as_deref(),
            o.api_key_secret.as_deref(),
            o.username.as_deref(),
            o.bearer_token.as_deref(),
        ) {
            (Some(key), ..) => Auth::api_key(key),
            (None, Some(id), Some(secret), ..) => Auth::api_key_parts(id, secret),
            (None, Some(_), None, ..) | (None, None, Some(_), ..) => {
                return Err(Error::InvalidConfig(
                    "apiKeyId and apiKeySecret go together".into(),
                ));
            }
            (None, None, None, Some(user), _) => match o.password.as_deref() {
                Some(password) => Auth::basic(user, password),
                None => return Err(Error::InvalidConfig("username needs a password".into())),
            },
            (None, None, None, None, Some(token)) => Auth::bearer(token),
            _ if o.password.is_some() => {
                return Err(Error::InvalidConfig("password needs a username".into()));
            }
            _ => Auth::None,
        },
    )
}

impl JsKibana {
    pub(crate) fn from_inner(inner: Kibana) -> Self {
        JsKibana { inner }
    }
}

#[wasm_bindgen(js_class = Kibana)]
impl JsKibana {
    /// Creates a client. `url` is Kibana's address including `server.basePath`, or a
    /// same-origin proxy prefix such as `/kibana`. Throws `InvalidConfigError` for a bad URL,
    /// conflicting credentials or headers that would fail Kibana's CORS preflight.
    #[wasm_bindgen(constructor)]
    pub fn new(url: String, options: Option<Ts<KibanaOptions>>) -> Result<JsKibana, JsValue> {
        let o = match options {
            Some(o) => from_ts(&o, "options")?,
            None => KibanaOptions::default(),
        };
        let credentials = match o.credentials.as_deref() {
            None | Some("omit") => Credentials::Omit,
            Some("same-origin") => Credentials::SameOrigin,
            Some("include") => Credentials::Include,
            Some(other) => {
                return Err(to_js_error(&Error::InvalidConfig(format!(
                    "credentials must be omit, same-origin or include, not {other:?}"
                ))));
            }
        };
        let mut builder = Kibana::builder(url)
            .auth(auth_from(&o).map_err(|e| to_js_error(&e))?)
            .credentials(credentials);
        if let Some(ms) = o.timeout_ms {
            builder = builder.timeout(Duration::from_millis(u64::from(ms)));
        }
        if let Some(n) = o.max_retries {
            builder = builder.max_retries(n);
        }
        if let Some(check) = o.check_spaces {
            builder = builder.check_spaces(check);
        }
        for (k, v) in o.headers.unwrap_or_default() {
            builder = builder.header(k, v);
        }
        builder
            .build()
            .map(JsKibana::from_inner)
            .map_err(|e| to_js_error(&e))
    }

    /// The base URL.
    #[wasm_bindgen(getter, js_name = baseUrl)]
    pub fn base_url(&self) -> String {
        self.inner.base_url().to_string()
    }

    /// The space this client works in.
    #[wasm_bindgen(getter, js_name = spaceId)]
    pub fn space_id(&self) -> String {
        self.inner.space_id().to_string()
    }

    /// A client for another space (`/s/{id}/api/...`). Throws `InvalidSpaceIdError`.
    pub fn space(&self, id: &str) -> Result<JsKibana, JsValue> {
        self.inner
            .space(id)
            .map(JsKibana::from_inner)
            .map_err(|e| to_js_error(&e))
    }

    /// Connector operations (`/api/actions/connector*`).
    #[wasm_bindgen(getter)]
    pub fn actions(&self) -> JsActions {
        JsActions::new(self.inner.clone())
    }

    /// Work across many connectors and spaces: inventory, copy/move, bulk create/execute/delete,
    /// export and import.
    #[wasm_bindgen(getter)]
    pub fn bulk(&self) -> JsBulk {
        JsBulk::new(self.inner.clone())
    }

    /// Alerting rules (`/api/alerting/rule*`): find (and which rules use a connector), get,
    /// create, update, delete, enable, disable.
    #[wasm_bindgen(getter)]
    pub fn rules(&self) -> JsRules {
        JsRules::new(self.inner.clone())
    }

    /// The Spaces API (`/api/spaces/space*`).
    #[wasm_bindgen(getter)]
    pub fn spaces(&self) -> JsSpaces {
        JsSpaces::new(self.inner.clone())
    }

    /// `GET /api/status`.
    #[wasm_bindgen(unchecked_return_type = "Promise<Status>")]
    pub fn status(&self) -> js_sys::Promise {
        call(&self.inner, "request", (), |kb, ()| async move {
            kb.status().await
        })
    }

    /// The CORS doctor for a page at `pageOrigin` (e.g. `location.origin`).
    #[wasm_bindgen(unchecked_return_type = "Promise<DiagnosisReport>")]
    pub fn diagnose(
        &self,
        #[wasm_bindgen(js_name = pageOrigin)] page_origin: String,
    ) -> js_sys::Promise {
        call(
            &self.inner,
            "pageOrigin",
            page_origin,
            |kb, page_origin| async move {
                let report = kb.diagnose(&page_origin).await;
                let (outcome, version) = match report.diagnosis {
                    Diagnosis::Ok { version } => ("ok", Some(version)),
                    Diagnosis::BadCredentials { .. } => ("bad_credentials", None),
                    Diagnosis::Unreachable { .. } => ("unreachable", None),
                    Diagnosis::CorsBlocked => ("cors_blocked", None),
                    Diagnosis::PreflightRefused => ("preflight_refused", None),
                    _ => ("unexpected", None),
                };
                Ok(DiagnosisReport {
                    outcome: outcome.into(),
                    version,
                    explanation: report.explanation,
                    kibana_yml: report.kibana_yml,
                })
            },
        )
    }
}
