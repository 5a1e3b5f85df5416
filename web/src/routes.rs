//! Every path the console links or redirects to, built in one place. Pages and components
//! call these instead of formatting paths, so a route changes in one line.

use kibana_connectors::DEFAULT_SPACE;

/// The connection page.
pub const CONNECT: &str = "/connect";
/// The inventory of every space's connectors.
pub const ALL_CONNECTORS: &str = "/all/connectors";
/// Export and import of connector sets.
pub const TRANSFER: &str = "/transfer";

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

/// A space's connectors: `/s/{space}/connectors`.
pub fn connectors(space: &str) -> String {
    format!("/s/{space}/connectors")
}

/// The default space's connectors, where the console starts.
pub fn home() -> String {
    connectors(DEFAULT_SPACE)
}

/// The create page of a space: `/s/{space}/connectors/new`.
pub fn new_connector(space: &str) -> String {
    format!("/s/{space}/connectors/new")
}

/// The create page with a type's form open: `/s/{space}/connectors/new?type={type}`.
pub fn new_connector_of_type(space: &str, type_id: &str) -> String {
    format!(
        "{}?type={}",
        new_connector(space),
        encode_component(type_id)
    )
}

/// A connector's page on its default tab: `/s/{space}/connectors/{id}`.
pub fn connector(space: &str, id: &str) -> String {
    format!("/s/{space}/connectors/{id}")
}

/// A connector's page on a tab: `/s/{space}/connectors/{id}?tab={tab}`.
pub fn connector_tab(space: &str, id: &str, tab: ConnectorTab) -> String {
    format!("/s/{space}/connectors/{id}?tab={}", tab.name())
}

/// The connection page, coming back to `next` (an app path with its query) after connecting.
pub fn connect_then(next: &str) -> String {
    format!("{CONNECT}?next={}", encode_component(next))
}

/// `encodeURIComponent`, so `next` survives as one query value.
fn encode_component(s: &str) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'!'
            | b'~'
            | b'*'
            | b'\''
            | b'('
            | b')' => out.push(b as char),
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_the_routes_the_app_declares() {
        assert_eq!(connectors("ops"), "/s/ops/connectors");
        assert_eq!(home(), "/s/default/connectors");
        assert_eq!(new_connector("ops"), "/s/ops/connectors/new");
        assert_eq!(connector("ops", "c1"), "/s/ops/connectors/c1");
        assert_eq!(
            connector_tab("ops", "c1", ConnectorTab::Test),
            "/s/ops/connectors/c1?tab=test"
        );
    }

    #[test]
    fn next_is_encoded_as_one_query_value() {
        assert_eq!(
            connect_then("/s/ops/connectors/c1?tab=test"),
            "/connect?next=%2Fs%2Fops%2Fconnectors%2Fc1%3Ftab%3Dtest"
        );
    }
}
