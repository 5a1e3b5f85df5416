//! Kibana's feature ids (`supported_feature_ids`) in the words its Connectors page uses.

/// The label of a feature id (the id itself for one this console does not know).
pub fn feature_label(id: &str) -> &str {
    match id {
        "alerting" => "Alerting",
        "cases" => "Cases",
        "uptime" => "Uptime",
        "siem" => "Security",
        "generativeAIForSecurity" => "Generative AI for Security",
        "generativeAIForObservability" => "Generative AI for Observability",
        "generativeAIForSearchPlayground" => "Generative AI for Search",
        "endpointSecurity" => "Endpoint Security",
        "workflows" => "Workflows",
        "agentBuilder" => "Agent Builder",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_ids_read_as_kibana_names_them_and_others_stay() {
        assert_eq!(feature_label("siem"), "Security");
        assert_eq!(feature_label("workflows"), "Workflows");
        assert_eq!(feature_label("somethingNew"), "somethingNew");
    }
}
