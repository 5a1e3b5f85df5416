//! Client configuration: base URL, credentials and the CORS rules they must satisfy.

use std::fmt;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use crate::error::{Error, Result};

/// How the client authenticates. `Debug` never prints a secret.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Auth {
    /// No `Authorization` header: rely on the browser's Kibana session cookie
    /// (use [`Credentials::Include`]).
    None,
    /// `Authorization: ApiKey <encoded>`, the `encoded` value Elasticsearch returns.
    ApiKey(String),
    /// `Authorization: Basic base64(user:password)`.
    Basic {
        /// The Kibana (Elasticsearch) user to sign in as.
        username: String,
        /// That user's password (redacted from `Debug`).
        password: String,
    },
    /// `Authorization: Bearer <token>`.
    Bearer(String),
}

impl Auth {
    /// An API key in its encoded form (`base64(id:api_key)`).
    pub fn api_key(encoded: impl Into<String>) -> Self {
        Auth::ApiKey(encoded.into())
    }

    /// An API key from its id and secret parts.
    pub fn api_key_parts(id: &str, key: &str) -> Self {
        Auth::ApiKey(STANDARD.encode(format!("{id}:{key}")))
    }

    /// User name and password.
    pub fn basic(username: impl Into<String>, password: impl Into<String>) -> Self {
        Auth::Basic {
            username: username.into(),
            password: password.into(),
        }
    }

    /// A bearer token.
    pub fn bearer(token: impl Into<String>) -> Self {
        Auth::Bearer(token.into())
    }

    /// The `Authorization` header value, if any.
    pub(crate) fn header_value(&self) -> Option<String> {
        match self {
            Auth::None => None,
            Auth::ApiKey(k) => Some(format!("ApiKey {k}")),
            Auth::Basic { username, password } => Some(format!(
                "Basic {}",
                STANDARD.encode(format!("{username}:{password}"))
            )),
            Auth::Bearer(t) => Some(format!("Bearer {t}")),
        }
    }
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Auth::None => f.write_str("None"),
            Auth::ApiKey(_) => f.write_str("ApiKey(<redacted>)"),
            Auth::Basic { username, .. } => f
                .debug_struct("Basic")
                .field("username", username)
                .field("password", &"<redacted>")
                .finish(),
            Auth::Bearer(_) => f.write_str("Bearer(<redacted>)"),
        }
    }
}

/// The fetch `credentials` mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Credentials {
    /// Never send cookies (the default; `Authorization` does not need them).
    #[default]
    Omit,
    /// Send cookies to the same origin only.
    SameOrigin,
    /// Send cookies cross-origin: for Kibana cookie sessions; needs
    /// `server.cors.allowCredentials: true` and an explicit origin list in kibana.yml.
    Include,
}

/// Request headers Kibana's CORS preflight accepts (`corsAllowedHeaders` in Kibana's server options).
pub const CORS_ALLOWED_HEADERS: &[&str] = &[
    "Accept",
    "Authorization",
    "Content-Type",
    "If-None-Match",
    "kbn-xsrf",
];

/// A validated Kibana base URL: `http(s)://host[:port][/basePath]`, or an absolute path
/// (`/kibana`) for a same-origin proxy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// Without a trailing slash.
    pub(crate) value: String,
    /// True for a same-origin path prefix.
    pub(crate) same_origin: bool,
}

impl BaseUrl {
    /// Parses and checks a base URL.
    ///
    /// # Errors
    /// [`Error::InvalidConfig`] explaining what is wrong.
    pub fn parse(input: &str) -> Result<Self> {
        let bad = |why: &str| {
            Err(Error::InvalidConfig(format!(
                "invalid Kibana URL {input:?}: {why}"
            )))
        };
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return bad("it is empty; expected e.g. http://localhost:5601");
        }
        if trimmed.chars().any(char::is_whitespace) {
            return bad("it contains spaces");
        }
        if trimmed.contains(['?', '#']) {
            return bad("it must not contain a query or fragment");
        }
        if trimmed.starts_with('/') {
            if trimmed.starts_with("//") {
                return bad("a proxy prefix must be a path such as /kibana");
            }
            return Ok(BaseUrl {
                value: trimmed.trim_end_matches('/').to_string(),
                same_origin: true,
            });
        }
        let Some((scheme, rest)) = trimmed.split_once("://") else {
            return bad(
                "expected http:// or https:// followed by the host, e.g. http://localhost:5601",
            );
        };
        if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
            return bad("only http and https are supported");
        }
        let (authority, path) = match rest.find('/') {
            Some(i) => rest.split_at(i),
            None => (rest, ""),
        };
        if authority.contains('@') {
            return bad("credentials in the URL would leak into logs; use .auth(..) instead");
        }
        let host_end = if authority.starts_with('[') {
            authority.find(']').map(|i| i + 1)
        } else {
            authority.rfind(':')
        };
        let (host, port) = match host_end {
            Some(i) if authority[i..].starts_with(':') => {
                (&authority[..i], Some(&authority[i + 1..]))
            }
            _ => (authority, None),
        };
        if host.is_empty() || host == "[]" {
            return bad("the host is missing");
        }
        if let Some(port) = port
            && port.parse::<u16>().ok().is_none_or(|p| p == 0)
        {
            return bad("the port must be a number from 1 to 65535");
        }
        let path = path.trim_end_matches('/');
        Ok(BaseUrl {
            value: format!("{}://{authority}{path}", scheme.to_ascii_lowercase()),
            same_origin: false,
        })
    }

    /// The URL as given, without a trailing slash.
    pub fn as_str(&self) -> &str {
        &self.value
    }

    /// The origin (`scheme://host:port`), or None for a same-origin prefix.
    pub fn origin(&self) -> Option<&str> {
        if self.same_origin {
            return None;
        }
        let after_scheme = self.value.find("://").map_or(0, |i| i + 3);
        Some(match self.value[after_scheme..].find('/') {
            Some(i) => &self.value[..after_scheme + i],
            None => &self.value,
        })
    }
}

/// Checks an extra header against Kibana's CORS preflight.
///
/// # Errors
/// [`Error::InvalidConfig`] when a cross-origin browser request with it would be refused.
pub(crate) fn check_extra_header(name: &str, value: &str, same_origin: bool) -> Result<()> {
    let valid_name = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
    if !valid_name || value.contains(['\r', '\n']) {
        return Err(Error::InvalidConfig(format!(
            "header {name:?} is not a valid HTTP header"
        )));
    }
    let lower = name.to_ascii_lowercase();
    if lower == "authorization" || lower == "kbn-xsrf" {
        return Err(Error::InvalidConfig(format!(
            "header {name:?} is set by the client itself; use .auth(..)"
        )));
    }
    if lower == "kbn-version" {
        return Err(Error::InvalidConfig(
            "header \"kbn-version\" makes Kibana answer 400 unless it equals the exact Kibana version; the client never sends it".into(),
        ));
    }
    if same_origin
        || CORS_ALLOWED_HEADERS
            .iter()
            .any(|h| h.eq_ignore_ascii_case(name))
    {
        return Ok(());
    }
    Err(Error::InvalidConfig(format!(
        "header {name:?} would fail Kibana's CORS preflight: cross-origin, Kibana only allows {}. \
         Send it through a same-origin proxy (a base URL such as \"/kibana\") instead",
        CORS_ALLOWED_HEADERS.join(", ")
    )))
}

/// Everything a client needs, shared by its clones.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    pub base: BaseUrl,
    pub auth: Auth,
    pub timeout: Duration,
    pub credentials: Credentials,
    pub headers: Vec<(String, String)>,
    pub max_retries: u32,
    pub space_check: bool,
    pub space_cache_ttl: Duration,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_keep_the_base_path() {
        let b = BaseUrl::parse("https://kb.example.com:5601/kibana/").unwrap();
        assert_eq!(b.as_str(), "https://kb.example.com:5601/kibana");
        assert_eq!(b.origin(), Some("https://kb.example.com:5601"));
        assert!(BaseUrl::parse("/kibana").unwrap().same_origin);
    }

    #[test]
    fn bad_urls_are_explained() {
        for (input, why) in [
            ("", "empty"),
            ("localhost:5601", "http://"),
            ("ftp://x", "only http"),
            ("http://", "host is missing"),
            ("http://u:p@x", "credentials"),
            ("http://x:99999", "port"),
            ("http://x/?a", "query"),
        ] {
            let err = BaseUrl::parse(input).unwrap_err().to_string();
            assert!(err.contains(why), "{input}: {err}");
        }
    }

    #[test]
    fn headers_that_break_the_preflight_are_refused() {
        assert!(check_extra_header("If-None-Match", "x", false).is_ok());
        let err = check_extra_header("X-Trace", "1", false)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("CORS preflight") && err.contains("same-origin proxy"),
            "{err}"
        );
        assert!(check_extra_header("X-Trace", "1", true).is_ok());
        assert!(check_extra_header("kbn-version", "9.0.0", true).is_err());
        assert!(check_extra_header("elastic-api-version", "2023-10-31", false).is_err());
    }

    #[test]
    fn debug_never_prints_secrets() {
        let shown = format!(
            "{:?} {:?} {:?}",
            Auth::basic("elastic", "s3cret"),
            Auth::api_key("AAAkey"),
            Auth::bearer("tok123")
        );
        assert!(
            !shown.contains("s3cret") && !shown.contains("AAAkey") && !shown.contains("tok123"),
            "{shown}"
        );
        assert!(shown.contains("elastic"));
    }
}
