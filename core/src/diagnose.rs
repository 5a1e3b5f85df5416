//! The CORS doctor: why a page cannot talk to Kibana, and the kibana.yml lines that fix it.
//!
//! Browsers hide why a cross-origin request failed. The doctor asks three questions:
//! 1. does the real request (with credentials, so with a preflight) work?
//! 2. does a *simple* CORS request (no custom headers, so no preflight) get a readable answer?
//!    If yes, the origin is allowed and only the preflight was refused.
//! 3. does a `no-cors` request get an (opaque) answer? If yes, Kibana is reachable but does
//!    not allow this origin; if no, nothing answers at that address.

use crate::client::Kibana;
use crate::config::{CORS_ALLOWED_HEADERS, Credentials};
use crate::error::Error;
use crate::transport::{self, Probe};

/// What the doctor found.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Diagnosis {
    /// Everything works; Kibana's version.
    Ok {
        /// e.g. `9.2.0`.
        version: String,
    },
    /// Kibana answered 401: the credentials are wrong or missing.
    BadCredentials {
        /// Kibana's message.
        message: String,
    },
    /// Nothing answered at the URL (wrong address, Kibana down, or blocked by the network).
    Unreachable {
        /// What the browser reported.
        message: String,
    },
    /// Kibana answered, but CORS is off or does not allow this page's origin.
    CorsBlocked,
    /// The origin is allowed, but the preflight for the real request was refused.
    PreflightRefused,
    /// Kibana answered with another error (e.g. 404 for a wrong base path).
    Unexpected {
        /// The error.
        message: String,
    },
}

/// A diagnosis with plain-words explanation and, where it helps, the kibana.yml lines to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The finding.
    pub diagnosis: Diagnosis,
    /// One or two sentences for a person.
    pub explanation: String,
    /// Lines to add to kibana.yml (then restart Kibana), when the fix is there.
    pub kibana_yml: Option<String>,
}

/// The kibana.yml lines that let `origin` call Kibana.
pub fn cors_fix(origin: &str, credentials: Credentials) -> String {
    let mut lines = format!("server.cors.enabled: true\nserver.cors.allowOrigin: [\"{origin}\"]\n");
    if credentials == Credentials::Include {
        lines.push_str("server.cors.allowCredentials: true\n");
    }
    lines
}

impl Kibana {
    /// Runs the CORS doctor for a page served from `page_origin` (e.g. `http://127.0.0.1:8080`,
    /// the value of `window.location.origin`). Sends `GET /api/status` up to three ways.
    pub async fn diagnose(&self, page_origin: &str) -> Report {
        let cfg = self.config();
        let fix = || Some(cors_fix(page_origin, cfg.credentials));
        let diagnosis = match self.status().await {
            Ok(status) => Diagnosis::Ok {
                version: status.version.number,
            },
            Err(Error::Authentication(api)) => Diagnosis::BadCredentials {
                message: api.message,
            },
            Err(Error::Network { message, .. }) if cfg.base.same_origin => {
                Diagnosis::Unreachable { message }
            }
            Err(Error::Network { message, .. }) => {
                // A simple request carries no Authorization header, so no preflight: a readable
                // answer (any status) proves the origin is allowed.
                match transport::probe(cfg, Probe::SimpleCors).await {
                    Ok(_) => Diagnosis::PreflightRefused,
                    Err(_) => match transport::probe(cfg, Probe::NoCors).await {
                        Ok(_) => Diagnosis::CorsBlocked,
                        Err(_) => Diagnosis::Unreachable { message },
                    },
                }
            }
            Err(Error::Timeout { after }) => Diagnosis::Unreachable {
                message: format!("no answer within {}", crate::error::millis(after)),
            },
            Err(other) => Diagnosis::Unexpected {
                message: other.to_string(),
            },
        };
        let base = cfg.base.as_str();
        let (explanation, kibana_yml) = match &diagnosis {
            Diagnosis::Ok { version } => {
                (format!("Connected to Kibana {version} at {base}."), None)
            }
            Diagnosis::BadCredentials { .. } => (
                format!(
                    "Kibana at {base} answered, but did not accept the credentials (401). Check the user name and password, API key or token."
                ),
                None,
            ),
            Diagnosis::Unreachable { .. } => (
                format!(
                    "Nothing answered at {base}. Check the URL and port, that Kibana is running, and that this browser can reach it."
                ),
                None,
            ),
            Diagnosis::CorsBlocked => (
                format!(
                    "Kibana at {base} is reachable, but it does not allow pages from {page_origin} (CORS). Add these lines to kibana.yml and restart Kibana, or open the console through a same-origin proxy."
                ),
                fix(),
            ),
            Diagnosis::PreflightRefused => (
                format!(
                    "Kibana allows {page_origin}, but refused the preflight of the real request. Kibana only lets these request headers through: {}. Remove other custom headers, or check these lines in kibana.yml.",
                    CORS_ALLOWED_HEADERS.join(", ")
                ),
                fix(),
            ),
            Diagnosis::Unexpected { message } => (
                format!(
                    "Kibana at {base} answered with an error: {message}. If the path is wrong, check server.basePath in the URL."
                ),
                None,
            ),
        };
        Report {
            diagnosis,
            explanation,
            kibana_yml,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fix_names_the_origin_and_credentials_when_needed() {
        assert_eq!(
            cors_fix("http://127.0.0.1:8080", Credentials::Omit),
            "server.cors.enabled: true\nserver.cors.allowOrigin: [\"http://127.0.0.1:8080\"]\n"
        );
        assert!(
            cors_fix("https://console.example", Credentials::Include)
                .ends_with("server.cors.allowCredentials: true\n")
        );
    }
}
