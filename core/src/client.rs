//! The client: [`Kibana`], its builder and space scoping.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::config::{Auth, BaseUrl, Config, Credentials, check_extra_header};
use crate::error::{Error, Result};
use crate::models::{DEFAULT_SPACE, License, Space, Status, validate_space_id};
use crate::transport::{self, Call};

fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0.0, |d| d.as_millis() as f64)
    }
}

/// Known space existence, shared by a client and its space-scoped clones.
#[derive(Debug, Default)]
struct SpaceCache {
    /// space id → (exists, when it was checked, in ms since the epoch)
    entries: Mutex<HashMap<String, (bool, f64)>>,
}

impl SpaceCache {
    fn lookup(&self, id: &str, ttl: Duration) -> Option<bool> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries
            .get(id)
            .filter(|(_, at)| now_ms() - at < ttl.as_millis() as f64)
            .map(|(exists, _)| *exists)
    }

    fn store(&self, id: &str, exists: bool) {
        self.entries
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(id.to_string(), (exists, now_ms()));
    }

    fn forget(&self, id: &str) {
        self.entries
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(id);
    }
}

/// A Kibana client. Cheap to clone; `Send + Sync`.
///
/// Every non-2xx answer is an `Err` (unlike plain gloo-net), with the status mapped to an
/// [`Error`] variant carrying Kibana's message.
#[derive(Debug, Clone)]
pub struct Kibana {
    config: Arc<Config>,
    space: String,
    cache: Arc<SpaceCache>,
}

/// Builds a [`Kibana`] client. Everything is checked in [`build`](Self::build).
#[derive(Debug, Clone)]
#[must_use]
pub struct KibanaBuilder {
    url: String,
    auth: Auth,
    timeout: Duration,
    credentials: Credentials,
    headers: Vec<(String, String)>,
    max_retries: u32,
    space_check: bool,
    space_cache_ttl: Duration,
}

impl KibanaBuilder {
    /// Authentication (default: none, for cookie sessions).
    pub fn auth(mut self, auth: Auth) -> Self {
        self.auth = auth;
        self
    }

    /// Per-request timeout (default 30 s); the fetch is aborted when it elapses.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The fetch `credentials` mode (default [`Credentials::Omit`]).
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = credentials;
        self
    }

    /// An extra request header. Refused at build time when a cross-origin preflight would fail.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// How many times a GET is retried on 429/502/503/504 (default 3). Writes never are.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// Whether space-scoped calls first check that the space exists (default true; Kibana itself
    /// accepts unknown spaces and silently stores connectors there).
    pub fn check_spaces(mut self, check: bool) -> Self {
        self.space_check = check;
        self
    }

    /// How long a space-existence answer is cached, found or not (default 60 s).
    pub fn space_cache_ttl(mut self, ttl: Duration) -> Self {
        self.space_cache_ttl = ttl;
        self
    }

    /// Validates and builds the client.
    ///
    /// # Errors
    /// [`Error::InvalidConfig`] for an invalid URL, a zero timeout, or a header that would break
    /// Kibana's CORS preflight (with the reason and the fix).
    pub fn build(self) -> Result<Kibana> {
        let base = BaseUrl::parse(&self.url)?;
        if self.timeout.is_zero() {
            return Err(Error::InvalidConfig(
                "the timeout must be more than zero".into(),
            ));
        }
        for (name, value) in &self.headers {
            check_extra_header(name, value, base.same_origin)?;
        }
        let config = Config {
            base,
            auth: self.auth,
            timeout: self.timeout,
            credentials: self.credentials,
            headers: self.headers,
            max_retries: self.max_retries,
            space_check: self.space_check,
            space_cache_ttl: self.space_cache_ttl,
        };
        Ok(Kibana {
            config: Arc::new(config),
            space: DEFAULT_SPACE.into(),
            cache: Arc::default(),
        })
    }
}

impl Kibana {
    /// Starts a builder. `url` is Kibana's address including `server.basePath`
    /// (`https://host:5601/kibana`), or a same-origin proxy prefix (`/kibana`).
    pub fn builder(url: impl Into<String>) -> KibanaBuilder {
        KibanaBuilder {
            url: url.into(),
            auth: Auth::None,
            timeout: Duration::from_secs(30),
            credentials: Credentials::Omit,
            headers: Vec::new(),
            max_retries: 3,
            space_check: true,
            space_cache_ttl: Duration::from_secs(60),
        }
    }

    /// The base URL.
    pub fn base_url(&self) -> &str {
        self.config.base.as_str()
    }

    /// The space this client works in (`default` unless made with [`space`](Self::space)).
    pub fn space_id(&self) -> &str {
        &self.space
    }

    /// A clone working in another space (`/s/{id}/api/...`). No request is made.
    ///
    /// # Errors
    /// [`Error::InvalidSpaceId`] when `id` is not a valid space id.
    pub fn space(&self, id: &str) -> Result<Kibana> {
        validate_space_id(id)?;
        Ok(Kibana {
            config: self.config.clone(),
            space: id.to_string(),
            cache: self.cache.clone(),
        })
    }

    /// `GET /api/status`: Kibana's version and health; also a credentials check.
    ///
    /// # Errors
    /// [`Error::Authentication`] for bad credentials, [`Error::Network`] when unreachable.
    pub async fn status(&self) -> Result<Status> {
        transport::send_json(&self.config, Call::status()).await
    }

    /// `GET /api/licensing/info`: the licence in force (its type decides which connector
    /// types are enabled), readable by any authenticated user.
    ///
    /// # Errors
    /// As [`status`](Self::status).
    pub async fn license(&self) -> Result<License> {
        transport::send_json(&self.config, Call::licensing_info()).await
    }

    pub(crate) fn config(&self) -> &Config {
        &self.config
    }

    /// Spaces just listed by the Spaces API exist: later calls in them skip the check.
    pub(crate) fn remember_spaces<'s>(&self, ids: impl IntoIterator<Item = &'s str>) {
        for id in ids {
            self.cache.store(id, true);
        }
    }

    pub(crate) fn forget_space(&self, id: &str) {
        self.cache.forget(id);
    }

    /// Fails with [`Error::SpaceNotFound`] when this client's space does not exist.
    pub(crate) async fn ensure_space(&self) -> Result<()> {
        if self.space == DEFAULT_SPACE || !self.config.space_check {
            return Ok(());
        }
        let exists = match self.cache.lookup(&self.space, self.config.space_cache_ttl) {
            Some(known) => known,
            None => {
                // The Spaces API directly (not `self.spaces()`): the handle is built on this client.
                let path = ["api", "spaces", "space", self.space.as_str()];
                let lookup = Call::new(gloo_net::http::Method::GET, DEFAULT_SPACE, &path);
                let exists = match transport::send_json::<Space>(&self.config, lookup).await {
                    Ok(_) => true,
                    Err(Error::NotFound(_)) => false,
                    // Users limited to some spaces may not read the space itself; let the call decide.
                    Err(Error::Authorization(_)) => return Ok(()),
                    Err(e) => return Err(e),
                };
                self.cache.store(&self.space, exists);
                exists
            }
        };
        if exists {
            Ok(())
        } else {
            Err(Error::SpaceNotFound {
                space_id: self.space.clone(),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn space_clients_share_config_and_keep_their_space() {
        let kb = Kibana::builder("http://localhost:5601")
            .auth(Auth::basic("elastic", "changeme"))
            .build()
            .unwrap();
        let mk = kb.space("marketing").unwrap();
        assert_eq!(
            (kb.space_id(), mk.space_id(), mk.base_url()),
            ("default", "marketing", "http://localhost:5601")
        );
        assert!(kb.space("Nope").is_err());
    }

    #[test]
    fn build_refuses_bad_headers_and_timeouts() {
        assert!(
            Kibana::builder("http://k")
                .header("X-Custom", "1")
                .build()
                .is_err()
        );
        assert!(
            Kibana::builder("/kibana")
                .header("X-Custom", "1")
                .build()
                .is_ok()
        );
        assert!(
            Kibana::builder("http://k")
                .timeout(Duration::ZERO)
                .build()
                .is_err()
        );
    }

    #[test]
    fn client_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Kibana>();
        assert_send_sync::<Error>();
    }

    #[test]
    fn cache_answers_until_the_ttl() {
        let cache = SpaceCache::default();
        cache.store("m", false);
        assert_eq!(cache.lookup("m", Duration::from_secs(60)), Some(false));
        assert_eq!(cache.lookup("m", Duration::ZERO), None);
        cache.forget("m");
        assert_eq!(cache.lookup("m", Duration::from_secs(60)), None);
    }
}
