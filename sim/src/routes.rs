//! Route lookup: Kibana's public connector, alerting rule, spaces and status routes, by method
//! and path.
//!
//! Matching runs on the path after the base-path and space rewrites. Path parameters are
//! percent-decoded, as hapi does. A known path with another method is not a match (404, not 405).

use axum::http::Method;
use percent_encoding::percent_decode_str;

/// A matched route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `GET /api/status`.
    Status,
    /// `GET /api/licensing/info`.
    LicensingInfo,
    /// `POST /api/actions/connector/{id?}`.
    CreateConnector(Option<String>),
    /// `GET /api/actions/connector/{id}`.
    GetConnector(String),
    /// `PUT /api/actions/connector/{id}`.
    UpdateConnector(String),
    /// `DELETE /api/actions/connector/{id}`.
    DeleteConnector(String),
    /// `POST /api/actions/connector/{id}/_execute`.
    ExecuteConnector(String),
    /// `GET /api/actions/connectors`.
    ListConnectors,
    /// `GET /api/actions/connector_types`.
    ListTypes,
    /// `POST /api/alerting/rule/{id?}`.
    CreateRule(Option<String>),
    /// `GET /api/alerting/rule/{id}`.
    GetRule(String),
    /// `PUT /api/alerting/rule/{id}`.
    UpdateRule(String),
    /// `DELETE /api/alerting/rule/{id}`.
    DeleteRule(String),
    /// `POST /api/alerting/rule/{id}/_enable` (true) and `_disable` (false).
    EnableRule(String, bool),
    /// `GET /api/alerting/rules/_find`.
    FindRules,
    /// `GET /api/alerting/rule_types`.
    ListRuleTypes,
    /// `GET /api/spaces/space`.
    ListSpaces,
    /// `GET /api/spaces/space/{id}`.
    GetSpace(String),
    /// `POST /api/spaces/space`.
    CreateSpace,
    /// `PUT /api/spaces/space/{id}`.
    UpdateSpace(String),
    /// `DELETE /api/spaces/space/{id}`.
    DeleteSpace(String),
    /// Pre-9.0 routes, only when `sim.legacyRoutes` is on.
    Legacy(LegacyRoute),
}

/// The legacy `/api/actions/action*` routes (removed in 9.0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LegacyRoute {
    /// `POST /api/actions/action`.
    Create,
    /// `GET /api/actions/action/{id}`.
    Get(String),
    /// `GET /api/actions`.
    List,
    /// `PUT /api/actions/action/{id}`.
    Update(String),
    /// `DELETE /api/actions/action/{id}`.
    Delete(String),
    /// `GET /api/actions/list_action_types`.
    Types,
    /// `POST /api/actions/action/{id}/_execute`.
    Execute(String),
}

impl Route {
    /// Whether the route is a Spaces API route (versioned public routes).
    pub fn is_spaces_api(&self) -> bool {
        matches!(
            self,
            Route::ListSpaces
                | Route::GetSpace(_)
                | Route::CreateSpace
                | Route::UpdateSpace(_)
                | Route::DeleteSpace(_)
        )
    }
}

fn decode(segment: &str) -> Option<String> {
    let s = percent_decode_str(segment).decode_utf8().ok()?.into_owned();
    (!s.is_empty()).then_some(s)
}

/// Finds the route for `method` and `path` (HEAD is served by GET routes).
pub fn lookup(method: &Method, path: &str, legacy: bool) -> Option<Route> {
    let segments: Vec<&str> = path.strip_prefix('/')?.split('/').collect();
    let get = *method == Method::GET || *method == Method::HEAD;
    let post = *method == Method::POST;
    let put = *method == Method::PUT;
    let delete = *method == Method::DELETE;
    let route = match segments.as_slice() {
        ["api", "status"] if get => Route::Status,
        ["api", "licensing", "info"] if get => Route::LicensingInfo,
        ["api", "actions", "connector"] if post => Route::CreateConnector(None),
        ["api", "actions", "connector", id] => {
            let id = decode(id)?;
            if post {
                Route::CreateConnector(Some(id))
            } else if get {
                Route::GetConnector(id)
            } else if put {
                Route::UpdateConnector(id)
            } else if delete {
                Route::DeleteConnector(id)
            } else {
                return None;
            }
        }
        ["api", "actions", "connector", id, "_execute"] if post => {
            Route::ExecuteConnector(decode(id)?)
        }
        ["api", "actions", "connectors"] if get => Route::ListConnectors,
        ["api", "actions", "connector_types"] if get => Route::ListTypes,
        ["api", "alerting", "rule"] if post => Route::CreateRule(None),
        ["api", "alerting", "rule", id] => {
            let id = decode(id)?;
            if post {
                Route::CreateRule(Some(id))
            } else if get {
                Route::GetRule(id)
            } else if put {
                Route::UpdateRule(id)
            } else if delete {
                Route::DeleteRule(id)
            } else {
                return None;
            }
        }
        ["api", "alerting", "rule", id, "_enable"] if post => Route::EnableRule(decode(id)?, true),
        ["api", "alerting", "rule", id, "_disable"] if post => {
            Route::EnableRule(decode(id)?, false)
        }
        ["api", "alerting", "rules", "_find"] if get => Route::FindRules,
        ["api", "alerting", "rule_types"] if get => Route::ListRuleTypes,
        ["api", "spaces", "space"] if get => Route::ListSpaces,
        ["api", "spaces", "space"] if post => Route::CreateSpace,
        ["api", "spaces", "space", id] => {
            let id = decode(id)?;
            if get {
                Route::GetSpace(id)
            } else if put {
                Route::UpdateSpace(id)
            } else if delete {
                Route::DeleteSpace(id)
            } else {
                return None;
            }
        }
        _ if legacy => Route::Legacy(lookup_legacy(method, &segments)?),
        _ => return None,
    };
    Some(route)
}

fn lookup_legacy(method: &Method, segments: &[&str]) -> Option<LegacyRoute> {
    let get = *method == Method::GET || *method == Method::HEAD;
    Some(match segments {
        ["api", "actions"] if get => LegacyRoute::List,
        ["api", "actions", "list_action_types"] if get => LegacyRoute::Types,
        ["api", "actions", "action"] if *method == Method::POST => LegacyRoute::Create,
        ["api", "actions", "action", id] if get => LegacyRoute::Get(decode(id)?),
        ["api", "actions", "action", id] if *method == Method::PUT => {
            LegacyRoute::Update(decode(id)?)
        }
        ["api", "actions", "action", id] if *method == Method::DELETE => {
            LegacyRoute::Delete(decode(id)?)
        }
        ["api", "actions", "action", id, "_execute"] if *method == Method::POST => {
            LegacyRoute::Execute(decode(id)?)
        }
        _ => return None,
    })
}

/// Kibana's spaces rewrite: `^/s/([a-z0-9_\-]+)` with no end anchor. Returns the space and
/// the remaining path; no match leaves the path alone in the default space.
pub fn split_space(path: &str) -> (String, String) {
    if let Some(rest) = path.strip_prefix("/s/") {
        let len = rest
            .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-'))
            .unwrap_or(rest.len());
        if len > 0 {
            let remaining = &rest[len..];
            let remaining = if remaining.is_empty() { "/" } else { remaining };
            return (rest[..len].to_string(), remaining.to_string());
        }
    }
    ("default".to_string(), path.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn space_prefix_rules_follow_kibanas_regex() {
        assert_eq!(
            split_space("/s/marketing/api/x"),
            ("marketing".into(), "/api/x".into())
        );
        assert_eq!(
            split_space("/s/marketing"),
            ("marketing".into(), "/".into())
        );
        assert_eq!(
            split_space("/s/Marketing/api/x"),
            ("default".into(), "/s/Marketing/api/x".into())
        );
        assert_eq!(split_space("/s/a.b/api/x"), ("a".into(), ".b/api/x".into()));
        assert_eq!(split_space("/api/x"), ("default".into(), "/api/x".into()));
    }

    #[test]
    fn wrong_method_on_known_path_is_not_a_route() {
        assert_eq!(
            lookup(&Method::PATCH, "/api/actions/connector/x", false),
            None
        );
        assert_eq!(
            lookup(&Method::GET, "/api/actions/connector/a%2Fb", false),
            Some(Route::GetConnector("a/b".into()))
        );
    }

    #[test]
    fn legacy_routes_only_when_enabled() {
        assert_eq!(lookup(&Method::GET, "/api/actions", false), None);
        assert_eq!(
            lookup(&Method::GET, "/api/actions", true),
            Some(Route::Legacy(LegacyRoute::List))
        );
    }
}
