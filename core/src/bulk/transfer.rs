//! Copy and move connectors between spaces. Kibana never returns secrets, so the caller
//! supplies them again (see [`crate::models::types::secret_keys`] for the keys to ask for).

use super::{Bulk, ItemResult, PlannedConnector, Progress};
use crate::error::{Error, Result};
use crate::models::validate_space_id;
use crate::models::{Connector, CreateConnector, Rule, Secrets};

/// What to copy where.
#[derive(Debug, Clone, PartialEq)]
pub struct CopyRequest {
    /// The connector as read from Kibana (name, type and config are copied as they are).
    pub source: Connector,
    /// The space it is in.
    pub from_space: String,
    /// Where the copies go.
    pub to_spaces: Vec<String>,
    /// The secrets for the copies.
    pub secrets: Secrets,
    /// The copies' id: None lets Kibana choose; `{space}` is replaced by the target space id.
    /// Kibana's connector ids are unique across spaces, so a fixed id suits one target only.
    pub id: Option<String>,
    /// For a move: go ahead even when rules of the source space use the connector (they keep
    /// an action naming a connector that is gone). Copies never touch rules.
    pub break_rules: bool,
}

impl CopyRequest {
    /// The creates this request makes, or why it cannot be done (nothing is sent then).
    ///
    /// # Errors
    /// [`Error::InvalidConfig`] for a preconfigured source, no targets, the source space or a
    /// repeated space among the targets, or a fixed id with several targets;
    /// [`Error::InvalidSpaceId`] for a malformed target.
    pub fn plan(&self) -> Result<Vec<PlannedConnector>> {
        if self.source.is_preconfigured {
            return Err(Error::InvalidConfig(
                "preconfigured connectors live in kibana.yml and cannot be copied".into(),
            ));
        }
        if self.to_spaces.is_empty() {
            return Err(Error::InvalidConfig(
                "choose at least one target space".into(),
            ));
        }
        let mut seen = Vec::new();
        for space in &self.to_spaces {
            validate_space_id(space)?;
            if space == &self.from_space {
                return Err(Error::InvalidConfig(format!(
                    "the connector is already in space {space:?}"
                )));
            }
            if seen.contains(&space) {
                return Err(Error::InvalidConfig(format!(
                    "space {space:?} is listed twice"
                )));
            }
            seen.push(space);
        }
        if let Some(id) = &self.id
            && !id.contains("{space}")
            && self.to_spaces.len() > 1
        {
            return Err(Error::InvalidConfig(format!(
                "connector ids are unique across spaces: use {{space}} in the id (e.g. \"{id}-{{space}}\") to copy to several spaces"
            )));
        }
        Ok(self
            .to_spaces
            .iter()
            .map(|space| PlannedConnector {
                space_id: space.clone(),
                id: self.id.as_ref().map(|t| t.replace("{space}", space)),
                connector: CreateConnector {
                    name: self.source.name.clone(),
                    connector_type_id: self.source.connector_type_id.clone(),
                    config: self.source.config.clone().unwrap_or_default(),
                    secrets: self.secrets.clone(),
                },
            })
            .collect())
    }
}

/// Why a move did not start: rules of the source space use the connector, and a rule can
/// only use connectors of its own space, so moving it would leave them without the action.
#[derive(Debug, Clone, PartialEq)]
pub enum MoveBlocked {
    /// These rules use it.
    UsedByRules(Vec<Rule>),
    /// Whether rules use it could not be read (e.g. no alerting privileges): the move could
    /// break rules the caller cannot see.
    RulesUnreadable(Error),
}

/// The result of a move: the copies, and the source's deletion when every copy succeeded;
/// or nothing done, because rules use the connector.
#[derive(Debug, Clone, PartialEq)]
pub struct MoveOutcome {
    /// One result per target space (empty when blocked).
    pub copies: Vec<ItemResult<Connector>>,
    /// `None` when a copy failed or the move was blocked (the source is kept); else the
    /// delete's outcome.
    pub source_deleted: Option<Result<()>>,
    /// Set when nothing was done because of the source space's rules (see
    /// [`CopyRequest::break_rules`]).
    pub blocked: Option<MoveBlocked>,
}

impl Bulk<'_> {
    /// Creates a copy of `request.source` in each target space (one result per target).
    ///
    /// # Errors
    /// When the request is invalid (see [`CopyRequest::plan`]); nothing is sent then.
    pub async fn copy_to_spaces(
        &self,
        request: &CopyRequest,
        on_progress: &dyn Fn(Progress),
    ) -> Result<Vec<ItemResult<Connector>>> {
        let planned = request.plan()?;
        Ok(self.create_many(&planned, on_progress).await)
    }

    /// Copies, then deletes the source only if every copy succeeded. Unless
    /// [`CopyRequest::break_rules`] is set, it first asks which rules of the source space use
    /// the connector ([`Rules::used_by`](crate::Rules::used_by)) and does nothing when any do,
    /// or when that cannot be read ([`MoveOutcome::blocked`]).
    ///
    /// # Errors
    /// When the request is invalid (see [`CopyRequest::plan`]); nothing is sent then.
    pub async fn move_to_spaces(
        &self,
        request: &CopyRequest,
        on_progress: &dyn Fn(Progress),
    ) -> Result<MoveOutcome> {
        request.plan()?;
        if !request.break_rules {
            let source = self.kb.space(&request.from_space)?;
            let blocked = match source.rules().used_by(&request.source).await {
                Ok(rules) if rules.is_empty() => None,
                Ok(rules) => Some(MoveBlocked::UsedByRules(rules)),
                Err(e) => Some(MoveBlocked::RulesUnreadable(e)),
            };
            if blocked.is_some() {
                return Ok(MoveOutcome {
                    copies: Vec::new(),
                    source_deleted: None,
                    blocked,
                });
            }
        }
        let copies = self.copy_to_spaces(request, on_progress).await?;
        let source_deleted = if copies.iter().all(ItemResult::is_ok) {
            let source = self.kb.space(&request.from_space)?;
            Some(source.actions().delete(&request.source.id).await)
        } else {
            None
        };
        Ok(MoveOutcome {
            copies,
            source_deleted,
            blocked: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn request(to: &[&str], id: Option<&str>) -> CopyRequest {
        CopyRequest {
            source: serde_json::from_value(
                json!({"id":"hook","name":"Deploy hook","connector_type_id":".webhook",
                "config":{"url":"https://hooks.example","method":"post","hasAuth":true}}),
            )
            .unwrap(),
            from_space: "default".into(),
            to_spaces: to.iter().map(|s| s.to_string()).collect(),
            secrets: Secrets(
                json!({"user":"u","password":"p"})
                    .as_object()
                    .unwrap()
                    .clone(),
            ),
            id: id.map(String::from),
            break_rules: false,
        }
    }

    #[test]
    fn a_copy_keeps_name_type_and_config_and_takes_the_given_secrets() {
        let plan = request(&["ops", "marketing"], Some("hook-{space}"))
            .plan()
            .unwrap();
        assert_eq!(plan.len(), 2);
        assert_eq!(
            (plan[1].space_id.as_str(), plan[1].id.as_deref()),
            ("marketing", Some("hook-marketing"))
        );
        let body = serde_json::to_value(&plan[0].connector).unwrap();
        assert_eq!(
            body,
            json!({"name":"Deploy hook","connector_type_id":".webhook",
                "config":{"url":"https://hooks.example","method":"post","hasAuth":true},
                "secrets":{"user":"u","password":"p"}})
        );
    }

    #[test]
    fn impossible_requests_are_refused_before_sending() {
        let cases = [
            (request(&[], None), "at least one"),
            (request(&["default"], None), "already in space"),
            (request(&["ops", "ops"], None), "listed twice"),
            (request(&["ops", "marketing"], Some("fixed")), "{space}"),
        ];
        for (req, expected) in cases {
            let err = req.plan().unwrap_err().to_string();
            assert!(err.contains(expected), "{err}");
        }
        assert!(matches!(
            request(&["Bad Space"], None).plan(),
            Err(Error::InvalidSpaceId { .. })
        ));
        let mut pre = request(&["ops"], None);
        pre.source.is_preconfigured = true;
        assert!(
            pre.plan()
                .unwrap_err()
                .to_string()
                .contains("preconfigured")
        );
        assert_eq!(
            request(&["ops"], Some("fixed")).plan().unwrap()[0]
                .id
                .as_deref(),
            Some("fixed")
        );
    }
}
