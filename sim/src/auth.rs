//! Authentication (the security plugin's HTTP provider) and connector authorization.

use axum::http::{HeaderMap, StatusCode};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use crate::config::{Principal, Privilege, SimConfig};
use crate::error::KibanaError;

/// What Elasticsearch says when credentials are wrong; Kibana wraps it (contract §4.1).
fn rejected(user: &str) -> KibanaError {
    let reason =
        format!("unable to authenticate user [{user}] for REST request [/_security/_authenticate]");
    KibanaError::new(
        StatusCode::UNAUTHORIZED,
        format!("[security_exception\n\tRoot causes:\n\t\tsecurity_exception: {reason}]: {reason}"),
    )
}

/// Resolves the `Authorization` header to a principal.
///
/// # Errors
/// 401 `Unauthorized` without credentials, 401 with Elasticsearch's text for wrong ones.
pub fn authenticate<'a>(
    cfg: &'a SimConfig,
    headers: &HeaderMap,
) -> Result<&'a Principal, KibanaError> {
    let Some(value) = headers.get("authorization").and_then(|v| v.to_str().ok()) else {
        return Err(KibanaError::plain(StatusCode::UNAUTHORIZED));
    };
    let (scheme, rest) = value.split_once(' ').unwrap_or((value, ""));
    let rest = rest.trim();
    match scheme.to_ascii_lowercase().as_str() {
        "basic" => {
            let decoded = STANDARD.decode(rest).ok().and_then(|b| String::from_utf8(b).ok());
            let (user, password) = decoded.as_deref().and_then(|d| d.split_once(':')).unwrap_or(("", ""));
            cfg.principals
                .iter()
                .find(|p| p.username.as_deref() == Some(user) && p.password.as_deref() == Some(password))
                .ok_or_else(|| rejected(user))
        }
        "apikey" => {
            let decoded = STANDARD.decode(rest).ok().and_then(|b| String::from_utf8(b).ok());
            let (id, key) = decoded.as_deref().and_then(|d| d.split_once(':')).unwrap_or(("", ""));
            cfg.principals
                .iter()
                .find(|p| p.id.as_deref() == Some(id) && p.key.as_deref() == Some(key))
                .ok_or_else(|| {
                    KibanaError::new(
                        StatusCode::UNAUTHORIZED,
                        "[security_exception\n\tRoot causes:\n\t\tsecurity_exception: unable to authenticate with provided credentials and anonymous access is not allowed for this request]: unable to authenticate with provided credentials and anonymous access is not allowed for this request",
                    )
                })
        }
        "bearer" => cfg.principals.iter().find(|p| p.token.as_deref() == Some(rest)).ok_or_else(|| {
            KibanaError::new(
                StatusCode::UNAUTHORIZED,
                "[security_exception\n\tRoot causes:\n\t\tsecurity_exception: token expired]: token expired",
            )
        }),
        _ => Err(KibanaError::plain(StatusCode::UNAUTHORIZED)),
    }
}

/// A connector operation, for authorization.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    /// create (needs `all`).
    Create,
    /// get (read).
    Get,
    /// get all (read).
    GetAll,
    /// update (all).
    Update,
    /// delete (all).
    Delete,
    /// execute (read). Kibana's `actions` feature (`x-pack/plugins/actions/server/feature.ts`)
    /// gives `read` the `execute` capability: "action execution requires 'read' over
    /// `actions`, but 'all' over `action_task_params`".
    Execute,
}

/// Checks a principal's connector privilege in `space`.
///
/// # Errors
/// 403 with Kibana's `Unauthorized to ...` message.
pub fn authorize(
    p: &Principal,
    space: &str,
    op: Operation,
    type_id: &str,
) -> Result<(), KibanaError> {
    let have = p.privilege_in(space);
    let need = match op {
        Operation::Get | Operation::GetAll | Operation::Execute => Privilege::Read,
        Operation::Create | Operation::Update | Operation::Delete => Privilege::All,
    };
    if have.is_some_and(|h| h >= need) {
        return Ok(());
    }
    let message = match op {
        Operation::Create => format!("Unauthorized to create a \"{type_id}\" action"),
        Operation::Get | Operation::GetAll => "Unauthorized to get actions".into(),
        Operation::Update => "Unauthorized to update actions".into(),
        Operation::Delete => "Unauthorized to delete actions".into(),
        Operation::Execute if type_id.is_empty() => "Unauthorized to execute actions".into(),
        Operation::Execute => format!("Unauthorized to execute a \"{type_id}\" action"),
    };
    Err(KibanaError::forbidden(message))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn with_auth(v: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("authorization", HeaderValue::from_str(v).unwrap());
        h
    }

    #[test]
    fn default_superuser_is_elastic_changeme() {
        let cfg = SimConfig::default();
        let ok = with_auth(&format!("Basic {}", STANDARD.encode("elastic:changeme")));
        assert!(authenticate(&cfg, &ok).unwrap().superuser);
        let bad = with_auth(&format!("Basic {}", STANDARD.encode("elastic:nope")));
        assert_eq!(
            authenticate(&cfg, &bad).unwrap_err().status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            authenticate(&cfg, &HeaderMap::new()).unwrap_err().message,
            "Unauthorized"
        );
    }
}
