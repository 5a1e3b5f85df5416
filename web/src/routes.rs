//! Every path the console links or redirects to, built in one place. Pages and components
//! call these instead of formatting paths, so a route changes in one line.

use kibana_connectors::DEFAULT_SPACE;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// The connection page (connect a deployment, see every connected one).
pub const CONNECT: &str = "/connect";
/// The inventory of every space's connectors in every connected deployment.
pub const ALL_CONNECTORS: &str = "/all/connectors";
/// Promote connectors from one deployment and space to others.
pub const PROMOTE: &str = "/promote";
/// Rotate the secrets of many connectors.
pub const ROTATE: &str = "/rotate";

/// A tab of the connector page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectorTab {
    /// The configuration form (the page's default tab).
    Edit,
    /// The test panel: params, Run, results.
    Test,
    /// Copy or move to other spaces.
    Copy,
    /// The alerting rules that use it, and Replace in rules.
    Rules,
}

impl ConnectorTab {
    /// The `?tab=` value.
    pub fn name(self) -> &'static str {
        match self {
            ConnectorTab::Edit => "edit",
            ConnectorTab::Test => "test",
            ConnectorTab::Copy => "copy",
            ConnectorTab::Rules => "rules",
        }
    }
}

/// A space's connectors: `/d/{deployment}/s/{space}/connectors`.
pub fn connectors(deployment: &str, space: &str) -> String {
    format!("/d/{deployment}/s/{space}/connectors")
}

/// The default space's connectors of a deployment, where the console starts.
pub fn home(deployment: &str) -> String {
    connectors(deployment, DEFAULT_SPACE)
}

/// Export and import of connector sets: `/d/{deployment}/transfer`.
pub fn transfer(deployment: &str) -> String {
    format!("/d/{deployment}/transfer")
}

/// The create page of a space: `/d/{deployment}/s/{space}/connectors/new`.
pub fn new_connector(deployment: &str, space: &str) -> String {
    format!("{}/new", connectors(deployment, space))
}

/// The create page with a type's form open: `.../connectors/new?type={type}`.
pub fn new_connector_of_type(deployment: &str, space: &str, type_id: &str) -> String {
    format!(
        "{}?type={}",
        new_connector(deployment, space),
        encode_component(type_id)
    )
}

/// A connector's page on its default tab: `/d/{deployment}/s/{space}/connectors/{id}`.
///
/// The id is encoded: ids made outside the console (the API, Terraform, `kibana.yml`) may hold
/// `/`, `?`, `#` or `%` (the app's click listener follows links as written, as the router
/// would decode a `%25`: `app::follow_in_app_link`). Deployment names and space ids cannot
/// (both are checked to be lower-case letters, digits, `-` and `_`).
pub fn connector(deployment: &str, space: &str, id: &str) -> String {
    format!("{}/{}", connectors(deployment, space), encode_component(id))
}

/// A connector's page on a tab: `.../connectors/{id}?tab={tab}`.
pub fn connector_tab(deployment: &str, space: &str, id: &str, tab: ConnectorTab) -> String {
    format!("{}?tab={}", connector(deployment, space, id), tab.name())
}

/// The connection page, coming back to `next` (an app path with its query) after connecting.
pub fn connect_then(next: &str) -> String {
    format!("{CONNECT}?next={}", encode_component(next))
}

/// The connection page with the form set for a deployment that is not connected (after a
/// reload, when its secret was not remembered), coming back to `next`.
pub fn connect_deployment_then(deployment: &str, next: &str) -> String {
    format!(
        "{CONNECT}?deployment={}&next={}",
        encode_component(deployment),
        encode_component(next)
    )
}

/// A path from before deployments (`/s/{space}/...`, `/transfer`) in `deployment`, query
/// kept; None for any other path.
pub fn in_deployment(deployment: &str, legacy: &str) -> Option<String> {
    let old =
        legacy.starts_with("/s/") || legacy == "/transfer" || legacy.starts_with("/transfer?");
    old.then(|| format!("/d/{deployment}{legacy}"))
}

/// The same page in another deployment: `/d/{from}/rest` → `/d/{to}/rest` (a connector's own
/// page goes to its space's list, since the connector may not exist there).
pub fn switch_deployment(path: &str, to: &str) -> String {
    let rest = path
        .strip_prefix("/d/")
        .and_then(|p| p.split_once('/'))
        .map(|(_, rest)| rest);
    match rest {
        Some(rest) if rest.starts_with("s/") => {
            let space = rest[2..].split('/').next().unwrap_or(DEFAULT_SPACE);
            connectors(to, space)
        }
        Some("transfer") => transfer(to),
        _ => home(to),
    }
}

/// What `encodeURIComponent` leaves as it is; everything else is percent-encoded, so a value
/// survives as one path segment or one query value (the router decodes each once).
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// `encodeURIComponent`.
fn encode_component(s: &str) -> String {
    utf8_percent_encode(s, COMPONENT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_the_routes_the_app_declares() {
        assert_eq!(connectors("prod", "ops"), "/d/prod/s/ops/connectors");
        assert_eq!(home("prod"), "/d/prod/s/default/connectors");
        assert_eq!(new_connector("prod", "ops"), "/d/prod/s/ops/connectors/new");
        assert_eq!(
            connector("prod", "ops", "c1"),
            "/d/prod/s/ops/connectors/c1"
        );
        assert_eq!(
            connector_tab("prod", "ops", "c1", ConnectorTab::Test),
            "/d/prod/s/ops/connectors/c1?tab=test"
        );
        assert_eq!(transfer("prod"), "/d/prod/transfer");
    }

    #[test]
    fn an_id_is_one_path_segment_whatever_it_holds() {
        let cases = [
            ("team a/b#1?x=%", "team%20a%2Fb%231%3Fx%3D%25"),
            ("é", "%C3%A9"),
            // What encodeURIComponent leaves alone stays readable.
            ("my-slack_1.(x)!~*'", "my-slack_1.(x)!~*'"),
        ];
        for (id, segment) in cases {
            assert_eq!(
                connector("prod", "ops", id),
                format!("/d/prod/s/ops/connectors/{segment}")
            );
        }
        assert_eq!(
            connector_tab("prod", "ops", "a/b", ConnectorTab::Rules),
            "/d/prod/s/ops/connectors/a%2Fb?tab=rules"
        );
    }

    #[test]
    fn next_is_encoded_as_one_query_value() {
        assert_eq!(
            connect_then("/d/p/s/ops/connectors/c1?tab=test"),
            "/connect?next=%2Fd%2Fp%2Fs%2Fops%2Fconnectors%2Fc1%3Ftab%3Dtest"
        );
        assert_eq!(
            connect_deployment_then("prod", "/d/prod/transfer"),
            "/connect?deployment=prod&next=%2Fd%2Fprod%2Ftransfer"
        );
    }

    #[test]
    fn old_paths_land_in_the_current_deployment() {
        assert_eq!(
            in_deployment("prod", "/s/ops/connectors/c1?tab=test").as_deref(),
            Some("/d/prod/s/ops/connectors/c1?tab=test")
        );
        assert_eq!(
            in_deployment("prod", "/transfer").as_deref(),
            Some("/d/prod/transfer")
        );
        assert_eq!(in_deployment("prod", "/nowhere"), None);
    }

    #[test]
    fn switching_keeps_the_space_and_the_page_kind() {
        assert_eq!(
            switch_deployment("/d/staging/s/ops/connectors/c1", "production"),
            "/d/production/s/ops/connectors"
        );
        assert_eq!(
            switch_deployment("/d/staging/transfer", "production"),
            "/d/production/transfer"
        );
        assert_eq!(
            switch_deployment("/all/connectors", "production"),
            "/d/production/s/default/connectors"
        );
    }
}
