//! The connection form: where Kibana is and how to authenticate.

use std::time::Duration;

use kibana_connectors::{Auth, Credentials, Kibana};
use serde::{Deserialize, Serialize};

/// How the console authenticates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthKind {
    /// User name and password.
    #[default]
    Basic,
    /// An encoded API key.
    ApiKey,
    /// A bearer token.
    Bearer,
    /// The browser's Kibana session cookie.
    Cookie,
}

impl AuthKind {
    /// Every kind, in the order the form lists them.
    pub const ALL: [AuthKind; 4] = [
        AuthKind::Basic,
        AuthKind::ApiKey,
        AuthKind::Bearer,
        AuthKind::Cookie,
    ];

    /// Stable value for `<select>`.
    pub fn as_str(self) -> &'static str {
        match self {
            AuthKind::Basic => "basic",
            AuthKind::ApiKey => "api_key",
            AuthKind::Bearer => "bearer",
            AuthKind::Cookie => "cookie",
        }
    }

    /// Label shown to people.
    pub fn label(self) -> &'static str {
        match self {
            AuthKind::Basic => "User name and password",
            AuthKind::ApiKey => "API key",
            AuthKind::Bearer => "Bearer token",
            AuthKind::Cookie => "Browser session (cookie)",
        }
    }

    /// Parses [`as_str`](Self::as_str).
    pub fn parse(s: &str) -> Self {
        AuthKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .unwrap_or_default()
    }
}

/// The settings that may be kept in `localStorage` (never a secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedConnection {
    /// The deployment's name in the console (`/d/{name}/...`); empty in settings saved before
    /// deployments existed (the URL suggests one).
    #[serde(default)]
    pub name: String,
    /// Kibana URL or same-origin proxy prefix.
    pub url: String,
    /// Auth kind.
    pub auth: AuthKind,
    /// User name for basic auth.
    pub username: String,
    /// How long to wait for each answer, in seconds, as typed (1 to 600).
    #[serde(default = "default_timeout")]
    pub timeout_secs: String,
}

fn default_timeout() -> String {
    "30".into()
}

impl Default for SavedConnection {
    fn default() -> Self {
        // `/kibana` is the same-origin proxy `cargo xtask console` sets up.
        SavedConnection {
            name: String::new(),
            url: "/kibana".into(),
            auth: AuthKind::Basic,
            username: "elastic".into(),
            timeout_secs: default_timeout(),
        }
    }
}

/// The whole form, secrets included.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ConnectionForm {
    /// Non-secret part.
    pub saved: SavedConnection,
    /// Password, API key or token, depending on the kind.
    pub secret: String,
}

/// A field-level problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// Which field (`url`, `username`, `secret`).
    pub field: &'static str,
    /// What is wrong, in plain words.
    pub message: String,
}

impl ConnectionForm {
    /// Builds a client, or says which fields are wrong. Nothing is sent.
    ///
    /// # Errors
    /// One entry per invalid field.
    pub fn to_client(&self) -> Result<Kibana, Vec<FieldError>> {
        let mut errors = Vec::new();
        if let Err(message) = crate::forms::deployments::check_name(&self.saved.name) {
            errors.push(FieldError {
                field: "name",
                message,
            });
        }
        let secret = self.secret.trim();
        let auth = match self.saved.auth {
            AuthKind::Basic => {
                if self.saved.username.trim().is_empty() {
                    errors.push(FieldError {
                        field: "username",
                        message: "Enter a user name.".into(),
                    });
                }
                Auth::basic(self.saved.username.trim(), self.secret.clone())
            }
            AuthKind::ApiKey => Auth::api_key(secret),
            AuthKind::Bearer => Auth::bearer(secret),
            AuthKind::Cookie => Auth::None,
        };
        if self.saved.auth != AuthKind::Cookie && secret.is_empty() {
            let what = match self.saved.auth {
                AuthKind::Basic => "the password",
                AuthKind::ApiKey => "the API key",
                _ => "the token",
            };
            errors.push(FieldError {
                field: "secret",
                message: format!("Enter {what}."),
            });
        }
        let credentials = if self.saved.auth == AuthKind::Cookie {
            Credentials::Include
        } else {
            Credentials::Omit
        };
        let timeout = match self.saved.timeout_secs.trim().parse::<u64>() {
            Ok(secs @ 1..=600) => Duration::from_secs(secs),
            _ => {
                errors.push(FieldError {
                    field: "timeout",
                    message: "Enter a timeout from 1 to 600 seconds.".into(),
                });
                Duration::from_secs(30)
            }
        };
        let built = Kibana::builder(self.saved.url.trim())
            .auth(auth)
            .credentials(credentials)
            .timeout(timeout)
            .build();
        match built {
            Ok(kb) if errors.is_empty() => Ok(kb),
            Ok(_) => Err(errors),
            Err(e) => {
                errors.insert(
                    0,
                    FieldError {
                        field: "url",
                        message: e.to_string(),
                    },
                );
                Err(errors)
            }
        }
    }
}

/// The page to open after connecting: `next` when it is a path of this app, else the default
/// space's connectors (never another site, never the connect page again).
pub fn page_after_connect(next: Option<String>, deployment: &str) -> String {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.starts_with("/connect") =>
        {
            path
        }
        _ => crate::routes::home(deployment),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(url: &str, auth: AuthKind, user: &str, secret: &str) -> ConnectionForm {
        ConnectionForm {
            saved: SavedConnection {
                name: "kibana".into(),
                url: url.into(),
                auth,
                username: user.into(),
                timeout_secs: "30".into(),
            },
            secret: secret.into(),
        }
    }

    #[test]
    fn a_complete_form_builds_a_client() {
        let kb = form(
            "http://localhost:5601/",
            AuthKind::Basic,
            "elastic",
            "changeme",
        )
        .to_client()
        .unwrap();
        assert_eq!(kb.base_url(), "http://localhost:5601");
    }

    #[test]
    fn missing_fields_are_all_reported() {
        let errs = form("localhost", AuthKind::Basic, "", "")
            .to_client()
            .unwrap_err();
        let fields: Vec<_> = errs.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["url", "username", "secret"]);
        assert!(errs[0].message.contains("http://"), "{}", errs[0].message);
    }

    #[test]
    fn the_deployment_needs_a_name_fit_for_a_path() {
        let mut f = form("/kibana", AuthKind::Cookie, "", "");
        f.saved.name = "Prod EU".into();
        let errs = f.to_client().unwrap_err();
        assert_eq!(errs.iter().map(|e| e.field).collect::<Vec<_>>(), ["name"]);
    }

    #[test]
    fn cookie_sessions_need_no_secret() {
        assert!(
            form("/kibana", AuthKind::Cookie, "", "")
                .to_client()
                .is_ok()
        );
    }

    #[test]
    fn saved_settings_never_hold_the_secret() {
        let f = form("/kibana", AuthKind::ApiKey, "", "c2VjcmV0");
        let json = serde_json::to_string(&f.saved).unwrap();
        assert!(!json.contains("c2VjcmV0"));
        assert_eq!(AuthKind::parse(AuthKind::ApiKey.as_str()), AuthKind::ApiKey);
    }

    #[test]
    fn after_connecting_only_paths_of_this_app_are_followed() {
        let go = |n: &str| page_after_connect(Some(n.into()), "staging");
        assert_eq!(
            go("/s/ops/connectors/x?tab=test"),
            "/s/ops/connectors/x?tab=test"
        );
        for bad in [
            "//evil.example/x",
            "https://evil.example",
            "/connect?next=/x",
            "javascript:alert(1)",
        ] {
            assert_eq!(go(bad), "/d/staging/s/default/connectors", "{bad}");
        }
        assert_eq!(
            page_after_connect(None, "staging"),
            "/d/staging/s/default/connectors"
        );
    }
}
