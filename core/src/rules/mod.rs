//! The Alerting rules API (Kibana's `alerting` plugin), in the client's space.
//!
//! Routes covered: `POST /api/alerting/rule[/{id}]`, `GET /api/alerting/rule/{id}`,
//! `PUT /api/alerting/rule/{id}`, `DELETE /api/alerting/rule/{id}`,
//! `POST /api/alerting/rule/{id}/_enable`, `POST /api/alerting/rule/{id}/_disable`,
//! `GET /api/alerting/rules/_find`, `GET /api/alerting/rule_types`. See
//! <https://www.elastic.co/docs/api/doc/kibana/group/endpoint-alerting>.
//!
//! Rules use connectors of their own space and preconfigured and system connectors; a
//! space connector's id is unique across spaces, so only its own space can hold rules that use
//! it. [`Rules::used_by`] asks the way Kibana's own Rules tab does (`connector_rules_list.tsx`):
//! a space connector by its saved-object reference, a preconfigured or system connector by the
//! `actionRef` its actions carry (they have no reference).

pub mod replace;

pub use replace::RuleChange;

use gloo_net::http::Method;

use crate::client::Kibana;
use crate::error::{Error, Result};
use crate::models::{
    Connector, CreateRule, FindRules, Reference, Rule, RuleType, RulesPage, UpdateRule,
};
use crate::transport::{self, Call};

/// The page size [`Rules::find_all`] and [`Rules::used_by`] read with (Kibana's saved-objects
/// find answers up to 10,000 per page; 100 keeps each answer small).
pub const FIND_PAGE_SIZE: u32 = 100;

impl Kibana {
    /// Alerting rule operations in this client's space (`/s/{space}/api/alerting/...`).
    pub fn rules(&self) -> Rules<'_> {
        Rules::new(self)
    }
}

/// Alerting rule operations in the client's space. Get one with [`Kibana::rules`].
#[derive(Debug, Clone, Copy)]
pub struct Rules<'a> {
    kb: &'a Kibana,
}

fn check_id(id: &str) -> Result<()> {
    if id.trim().is_empty() {
        return Err(Error::InvalidConfig("a rule id cannot be empty".into()));
    }
    Ok(())
}

fn body<T: serde::Serialize>(value: &T) -> Result<Option<String>> {
    serde_json::to_string(value)
        .map(Some)
        .map_err(|e| Error::InvalidConfig(format!("cannot encode the rule: {e}")))
}

/// The KQL Kibana's Rules tab uses for a connector without saved-object references.
fn action_ref_filter(prefix: &str, id: &str) -> String {
    let escaped = id.replace('\\', "\\\\").replace('"', "\\\"");
    format!("alert.attributes.actions:{{ actionRef: \"{prefix}{escaped}\" }}")
}

impl<'a> Rules<'a> {
    pub(crate) fn new(kb: &'a Kibana) -> Self {
        Rules { kb }
    }

    fn call<'c>(
        &'c self,
        method: Method,
        segments: &'c [&'c str],
        body: Option<String>,
    ) -> Call<'c> {
        Call::with_body(method, self.kb.space_id(), segments, body)
    }

    /// `GET /api/alerting/rules/_find`: one page of the rules matching `query`.
    ///
    /// # Errors
    /// [`Error::Authorization`] when the caller may read no rule type in the space (Kibana's
    /// `Unauthorized to find rules for any rule types`), [`Error::BadRequest`] for a bad query
    /// (an invalid KQL `filter`, an unsupported field).
    pub async fn find(&self, query: &FindRules) -> Result<RulesPage> {
        self.kb.ensure_space().await?;
        let pairs = query.to_query();
        let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let call = Call {
            query: &borrowed,
            ..self.call(Method::GET, &["api", "alerting", "rules", "_find"], None)
        };
        transport::send_json(self.kb.config(), call).await
    }

    /// Every rule matching `query`, reading page after page of [`FIND_PAGE_SIZE`] (the
    /// query's own `page` and `per_page` are ignored). Rules created or deleted while it reads
    /// may be missed or seen twice, as with any paged read; it drops repeats by id.
    ///
    /// # Errors
    /// As [`find`](Self::find).
    pub async fn find_all(&self, query: &FindRules) -> Result<Vec<Rule>> {
        let mut all: Vec<Rule> = Vec::new();
        let mut page = 1;
        loop {
            let q = FindRules {
                page: Some(page),
                per_page: Some(FIND_PAGE_SIZE),
                ..query.clone()
            };
            let got = self.find(&q).await?;
            let read = got.data.len();
            for rule in got.data {
                if !all.iter().any(|r| r.id == rule.id) {
                    all.push(rule);
                }
            }
            if read == 0 || u64::from(page) * u64::from(FIND_PAGE_SIZE) >= got.total {
                return Ok(all);
            }
            page += 1;
        }
    }

    /// The query that finds the rules using `connector`, as Kibana's Rules tab builds it:
    /// `has_reference` for a space connector, the `actionRef` filter for a preconfigured
    /// (`preconfigured:<id>`) or system (`system_action:<id>`) one. Sorted by name.
    pub fn query_for(connector: &Connector) -> FindRules {
        let mut q = FindRules {
            sort_field: Some("name".into()),
            sort_order: Some("asc".into()),
            ..FindRules::default()
        };
        if connector.is_system_action {
            q.filter = Some(action_ref_filter("system_action:", &connector.id));
        } else if connector.is_preconfigured {
            q.filter = Some(action_ref_filter("preconfigured:", &connector.id));
        } else {
            q.has_reference = Some(Reference {
                kind: "action".into(),
                id: connector.id.clone(),
            });
        }
        q
    }

    /// Every rule in this space that has an action running `connector`.
    ///
    /// # Errors
    /// As [`find`](Self::find); a caller without rule privileges gets
    /// [`Error::Authorization`] and can show that instead of the rules.
    pub async fn used_by(&self, connector: &Connector) -> Result<Vec<Rule>> {
        let rules = self.find_all(&Self::query_for(connector)).await?;
        // The filter matches on Kibana's side; this keeps only rules whose actions still name
        // the connector (a rule edited meanwhile may no longer).
        Ok(rules
            .into_iter()
            .filter(|r| r.actions_of(&connector.id).next().is_some())
            .collect())
    }

    /// `GET /api/alerting/rule_types`: the rule types the caller may use in this space, with
    /// their action groups (empty for a caller without alerting privileges).
    ///
    /// # Errors
    /// Network and authentication errors.
    pub async fn list_types(&self) -> Result<Vec<RuleType>> {
        let path = ["api", "alerting", "rule_types"];
        transport::send_json(self.kb.config(), self.call(Method::GET, &path, None)).await
    }

    /// `GET /api/alerting/rule/{id}`.
    ///
    /// # Errors
    /// [`Error::NotFound`] when the rule is not in this space, [`Error::Authorization`].
    pub async fn get(&self, id: &str) -> Result<Rule> {
        check_id(id)?;
        self.kb.ensure_space().await?;
        let path = ["api", "alerting", "rule", id];
        transport::send_json(self.kb.config(), self.call(Method::GET, &path, None)).await
    }

    /// `POST /api/alerting/rule`: creates a rule with a random id.
    ///
    /// # Errors
    /// [`Error::BadRequest`] for an unknown rule type, invalid params or actions (an unknown
    /// connector, an action group the type lacks, missing frequencies), with Kibana's message;
    /// [`Error::Authorization`] when the caller may not create rules of that type and consumer,
    /// or read the connectors.
    pub async fn create(&self, rule: &CreateRule) -> Result<Rule> {
        self.kb.ensure_space().await?;
        let call = self.call(Method::POST, &["api", "alerting", "rule"], body(rule)?);
        transport::send_json(self.kb.config(), call).await
    }

    /// `POST /api/alerting/rule/{id}`: creates a rule with a chosen id.
    ///
    /// # Errors
    /// As [`create`](Self::create), plus [`Error::Conflict`] when the id exists.
    pub async fn create_with_id(&self, id: &str, rule: &CreateRule) -> Result<Rule> {
        check_id(id)?;
        self.kb.ensure_space().await?;
        let path = ["api", "alerting", "rule", id];
        let call = self.call(Method::POST, &path, body(rule)?);
        transport::send_json(self.kb.config(), call).await
    }

    /// `PUT /api/alerting/rule/{id}`: replaces what the rule does (name, tags, schedule,
    /// params, actions; its type, consumer and enabled state stay).
    ///
    /// # Errors
    /// As [`create`](Self::create), plus [`Error::NotFound`].
    pub async fn update(&self, id: &str, rule: &UpdateRule) -> Result<Rule> {
        check_id(id)?;
        self.kb.ensure_space().await?;
        let path = ["api", "alerting", "rule", id];
        let call = self.call(Method::PUT, &path, body(rule)?);
        transport::send_json(self.kb.config(), call).await
    }

    /// `DELETE /api/alerting/rule/{id}`.
    ///
    /// # Errors
    /// [`Error::NotFound`], [`Error::Authorization`].
    pub async fn delete(&self, id: &str) -> Result<()> {
        check_id(id)?;
        self.kb.ensure_space().await?;
        let path = ["api", "alerting", "rule", id];
        transport::send(self.kb.config(), self.call(Method::DELETE, &path, None))
            .await
            .map(|_| ())
    }

    /// `POST /api/alerting/rule/{id}/_enable`.
    ///
    /// # Errors
    /// [`Error::NotFound`], [`Error::Authorization`].
    pub async fn enable(&self, id: &str) -> Result<()> {
        self.switch(id, "_enable").await
    }

    /// `POST /api/alerting/rule/{id}/_disable`.
    ///
    /// # Errors
    /// [`Error::NotFound`], [`Error::Authorization`].
    pub async fn disable(&self, id: &str) -> Result<()> {
        self.switch(id, "_disable").await
    }

    async fn switch(&self, id: &str, verb: &str) -> Result<()> {
        check_id(id)?;
        self.kb.ensure_space().await?;
        let path = ["api", "alerting", "rule", id, verb];
        transport::send(self.kb.config(), self.call(Method::POST, &path, None))
            .await
            .map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn connector(id: &str, preconfigured: bool, system: bool) -> Connector {
        serde_json::from_value(
            serde_json::json!({"id": id, "name": "c", "connector_type_id": ".slack",
            "is_preconfigured": preconfigured, "is_system_action": system}),
        )
        .unwrap()
    }

    #[test]
    fn the_query_follows_kibanas_rules_tab() {
        let space = Rules::query_for(&connector("c1", false, false));
        assert_eq!(
            space.has_reference,
            Some(Reference {
                kind: "action".into(),
                id: "c1".into()
            })
        );
        assert_eq!(space.filter, None);
        let pre = Rules::query_for(&connector("my-slack", true, false));
        assert_eq!(pre.has_reference, None);
        assert_eq!(
            pre.filter.as_deref(),
            Some("alert.attributes.actions:{ actionRef: \"preconfigured:my-slack\" }")
        );
        let system = Rules::query_for(&connector("system-connector-.cases", false, true));
        assert_eq!(
            system.filter.as_deref(),
            Some(
                "alert.attributes.actions:{ actionRef: \"system_action:system-connector-.cases\" }"
            )
        );
        let odd = Rules::query_for(&connector("a\"b", true, false));
        assert_eq!(
            odd.filter.as_deref(),
            Some("alert.attributes.actions:{ actionRef: \"preconfigured:a\\\"b\" }")
        );
    }
}
