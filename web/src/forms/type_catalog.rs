//! What the type picker and the connectors table know about each connector type beyond
//! Kibana's listing: a one-line description in our words, a monogram for its card, whether
//! Kibana's own UI marks it a technical preview; and the picker's search, filter and keyboard
//! movement, as plain logic.

use kibana_connectors::ConnectorType;

/// What the console shows of one connector type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeInfo {
    /// Kibana's display name.
    pub name: String,
    /// `supported_feature_ids`.
    pub features: Vec<String>,
    /// Deprecated: still creatable, badged.
    pub deprecated: bool,
    /// A technical preview (Kibana's listing says so, or its UI registration does).
    pub preview: bool,
    /// One line saying what it does.
    pub description: String,
    /// The licence it needs (`gold`, ...).
    pub license: String,
    /// Why it cannot be chosen now, when it cannot.
    pub unavailable: Option<String>,
}

impl TypeInfo {
    /// From Kibana's listing, completed with what the console knows of the type.
    pub fn of(t: &ConnectorType) -> Self {
        let known = describe(&t.id);
        TypeInfo {
            name: t.name.clone(),
            features: t.supported_feature_ids.clone(),
            deprecated: t.is_deprecated,
            preview: t.is_experimental || known.is_some_and(|k| k.preview),
            description: t
                .description
                .clone()
                .or_else(|| known.map(|k| k.description.to_string()))
                .unwrap_or_else(|| format!("Connector type {}.", t.id)),
            license: t.minimum_license_required.clone(),
            unavailable: unavailable_reason(t),
        }
    }
}

/// Why a type cannot be used now, in plain words.
pub fn unavailable_reason(t: &ConnectorType) -> Option<String> {
    if t.enabled {
        None
    } else if !t.enabled_in_license {
        Some(format!(
            "Needs a {} licence or higher",
            capitalised(&t.minimum_license_required)
        ))
    } else {
        Some("Turned off in kibana.yml (xpack.actions.enabledActionTypes)".into())
    }
}

/// `gold` → `Gold`.
pub fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// What the console knows of a stack type.
#[derive(Debug, Clone, Copy)]
pub struct KnownType {
    /// One line, in our words.
    pub description: &'static str,
    /// Kibana's UI shows it as a technical preview.
    pub preview: bool,
}

const fn known(description: &'static str) -> KnownType {
    KnownType {
        description,
        preview: false,
    }
}

/// The console's description of a stack type (None for types it does not know).
pub fn describe(type_id: &str) -> Option<KnownType> {
    Some(match type_id {
        ".index" => known("Write documents into an Elasticsearch index."),
        ".server-log" => known("Write a line to Kibana's own log."),
        ".webhook" => known("Send an HTTP request to any web service."),
        ".cases-webhook" => known("Open and update cases in any ticketing system over HTTP."),
        ".http" => known("Call an HTTP API and use its response in workflows."),
        ".slack" => known("Post to a Slack channel through an incoming webhook."),
        ".slack_api" => known("Post to Slack channels with a bot token (Web API)."),
        ".teams" => known("Post a message to a Microsoft Teams channel."),
        ".email" => known("Send email through SMTP, Exchange or a mail service."),
        ".pagerduty" => known("Trigger, acknowledge or resolve PagerDuty incidents."),
        ".opsgenie" => known("Create or close alerts in Opsgenie."),
        ".xmatters" => known("Trigger xMatters workflows."),
        ".servicenow" => known("Create and update incidents in ServiceNow ITSM."),
        ".servicenow-sir" => known("Create security incidents in ServiceNow SecOps."),
        ".servicenow-itom" => known("Create events in ServiceNow ITOM."),
        ".jira" => known("Create and update Jira issues."),
        ".jira-service-management" => known("Create or close alerts in Jira Service Management."),
        ".resilient" => known("Create incidents in IBM Resilient."),
        ".swimlane" => known("Create records in Swimlane."),
        ".thehive" => known("Create cases and alerts in TheHive."),
        ".xsoar" => known("Run Cortex XSOAR playbooks."),
        ".tines" => known("Send events to a Tines story."),
        ".torq" => known("Trigger a Torq workflow."),
        ".d3security" => known("Send events to D3 SOAR."),
        ".gen-ai" => known("Talk to OpenAI or Azure OpenAI models."),
        ".bedrock" => known("Talk to models on Amazon Bedrock."),
        ".gemini" => known("Talk to Google Gemini models on Vertex AI."),
        ".inference" => known("Use an Elasticsearch inference endpoint."),
        ".mcp" => KnownType {
            description: "Call the tools of a Model Context Protocol server.",
            preview: true,
        },
        ".sentinelone" => known("Respond on hosts with SentinelOne."),
        ".crowdstrike" => known("Respond on hosts with CrowdStrike Falcon."),
        ".microsoft_defender_endpoint" => known("Respond on hosts with Microsoft Defender."),
        _ => return None,
    })
}

/// The card's monogram: the first letters of the display name's first two words.
pub fn monogram(name: &str) -> String {
    let mut words = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let first = words.next().and_then(|w| w.chars().next());
    let second = words.next().and_then(|w| w.chars().next());
    match (first, second) {
        (Some(a), Some(b)) => format!("{}{}", a.to_uppercase(), b.to_uppercase()),
        (Some(a), None) => a.to_uppercase().to_string(),
        _ => "?".into(),
    }
}

/// The picker's search and feature filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PickerQuery {
    /// Matched against the name, the id and the description, case-insensitively.
    pub search: String,
    /// A feature id the type must support; empty for all.
    pub feature: String,
}

impl PickerQuery {
    /// Whether a type shows under this query.
    pub fn matches(&self, id: &str, info: &TypeInfo) -> bool {
        let needle = self.search.trim().to_lowercase();
        let text = needle.is_empty()
            || info.name.to_lowercase().contains(&needle)
            || id.to_lowercase().contains(&needle)
            || info.description.to_lowercase().contains(&needle);
        let feature = self.feature.is_empty() || info.features.contains(&self.feature);
        text && feature
    }
}

/// The picker's cards: the types a user can create (no system types), filtered, available
/// ones first, each group by name.
pub fn picker_cards(types: &[ConnectorType], query: &PickerQuery) -> Vec<(String, TypeInfo)> {
    let mut cards: Vec<(String, TypeInfo)> = types
        .iter()
        .filter(|t| !t.is_system_action_type)
        .map(|t| (t.id.clone(), TypeInfo::of(t)))
        .filter(|(id, info)| query.matches(id, info))
        .collect();
    cards.sort_by(|(_, a), (_, b)| {
        (a.unavailable.is_some(), a.name.to_lowercase())
            .cmp(&(b.unavailable.is_some(), b.name.to_lowercase()))
    });
    cards
}

/// Every feature any type supports, in first-seen order, for the filter.
pub fn all_features(types: &[ConnectorType]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for f in types
        .iter()
        .filter(|t| !t.is_system_action_type)
        .flat_map(|t| &t.supported_feature_ids)
    {
        if !out.contains(f) {
            out.push(f.clone());
        }
    }
    out
}

/// A key that moves focus among the cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// ArrowDown / ArrowRight.
    Next,
    /// ArrowUp / ArrowLeft.
    Previous,
    /// Home.
    First,
    /// End.
    Last,
}

impl Move {
    /// The move a key means, if any.
    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "ArrowDown" | "ArrowRight" => Some(Move::Next),
            "ArrowUp" | "ArrowLeft" => Some(Move::Previous),
            "Home" => Some(Move::First),
            "End" => Some(Move::Last),
            _ => None,
        }
    }

    /// The card to focus among `count`, from `current` (None: focus is in the search box, so
    /// Next enters the list at its first card and Previous at its last). None when there is no
    /// card, or when Previous leaves the first card (focus goes back to the search box).
    pub fn target(self, current: Option<usize>, count: usize) -> Option<usize> {
        if count == 0 {
            return None;
        }
        let last = count - 1;
        match (self, current) {
            (Move::First, _) => Some(0),
            (Move::Last, _) => Some(last),
            (Move::Next, None) => Some(0),
            (Move::Next, Some(i)) => Some((i + 1).min(last)),
            (Move::Previous, None) => Some(last),
            (Move::Previous, Some(0)) => None,
            (Move::Previous, Some(i)) => Some(i.min(count) - 1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ty(id: &str, name: &str, enabled: bool, features: &[&str]) -> ConnectorType {
        serde_json::from_value(json!({
            "id": id, "name": name, "enabled": enabled, "enabled_in_config": true,
            "enabled_in_license": enabled, "minimum_license_required": "gold",
            "supported_feature_ids": features, "is_system_action_type": false,
        }))
        .unwrap()
    }

    #[test]
    fn search_covers_name_id_and_description_and_the_filter_a_feature() {
        let types = [
            ty(".index", "Index", true, &["alerting"]),
            ty(".jira", "Jira", true, &["alerting", "cases"]),
        ];
        let q = |search: &str, feature: &str| {
            picker_cards(
                &types,
                &PickerQuery {
                    search: search.into(),
                    feature: feature.into(),
                },
            )
            .into_iter()
            .map(|(id, _)| id)
            .collect::<Vec<_>>()
        };
        assert_eq!(q("", ""), [".index", ".jira"]);
        assert_eq!(q("JIRA", ""), [".jira"]);
        assert_eq!(q(".ind", ""), [".index"]);
        assert_eq!(q("elasticsearch", ""), [".index"], "by description");
        assert_eq!(q("", "cases"), [".jira"]);
        assert_eq!(q("index", "cases"), Vec::<String>::new());
    }

    #[test]
    fn unavailable_types_come_last_with_the_licence_they_need() {
        let types = [
            ty(".a", "Alpha", false, &[]),
            ty(".b", "Beta", true, &[]),
            ty(".system", "Sys", true, &[]),
        ];
        let mut system = types[2].clone();
        system.is_system_action_type = true;
        let cards = picker_cards(
            &[types[0].clone(), types[1].clone(), system],
            &PickerQuery::default(),
        );
        assert_eq!(cards.len(), 2, "no system types");
        assert_eq!(cards[0].0, ".b");
        assert_eq!(
            cards[1].1.unavailable.as_deref(),
            Some("Needs a Gold licence or higher")
        );
    }

    #[test]
    fn listing_flags_win_and_known_types_fill_in() {
        let mut t = ty(".mcp", "MCP", true, &[]);
        assert!(TypeInfo::of(&t).preview, "Kibana's UI calls it a preview");
        t.description = Some("Kibana's words".into());
        t.is_deprecated = true;
        let info = TypeInfo::of(&t);
        assert_eq!(info.description, "Kibana's words");
        assert!(info.deprecated);
        let unknown = TypeInfo::of(&ty(".new-thing", "New", true, &[]));
        assert_eq!(unknown.description, "Connector type .new-thing.");
        assert!(!unknown.preview);
    }

    #[test]
    fn monograms_take_two_words() {
        assert_eq!(monogram("ServiceNow ITSM"), "SI");
        assert_eq!(monogram("Index"), "I");
        assert_eq!(monogram("Slack API"), "SA");
        assert_eq!(monogram(""), "?");
    }

    #[test]
    fn arrows_move_through_the_cards_and_back_to_the_search() {
        assert_eq!(Move::Next.target(None, 3), Some(0));
        assert_eq!(Move::Next.target(Some(0), 3), Some(1));
        assert_eq!(Move::Next.target(Some(2), 3), Some(2), "stays on the last");
        assert_eq!(Move::Previous.target(Some(2), 3), Some(1));
        assert_eq!(Move::Previous.target(Some(0), 3), None, "back to search");
        assert_eq!(Move::Previous.target(None, 3), Some(2));
        assert_eq!(Move::Last.target(Some(0), 3), Some(2));
        assert_eq!(Move::First.target(Some(2), 3), Some(0));
        assert_eq!(Move::Next.target(None, 0), None);
        assert_eq!(Move::from_key("ArrowRight"), Some(Move::Next));
        assert_eq!(Move::from_key("a"), None);
    }
}
