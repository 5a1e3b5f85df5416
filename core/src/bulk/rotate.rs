//! Rotating secrets: new secret values written to many connectors, each keeping its current
//! name and config. Kibana's update replaces a connector's whole name, config and secrets in
//! one saved-object write, so each connector ends either fully old or fully new; the report
//! says which, and "unknown" when the answer was lost after the request went out.

use serde::Serialize;

use super::{Bulk, Progress, Target, bounded};
use crate::error::{Error, Result};
use crate::models::{Connector, Secrets, UpdateConnector};

/// Which connectors to rotate: every condition given must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
pub struct RotateSelection {
    /// Connector type ids (e.g. `.webhook`); empty: every type.
    #[serde(default)]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub connector_type_ids: Vec<String>,
    /// A glob on the name (`*` a run of characters, `?` one; case-sensitive); none: every name.
    #[serde(default)]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub name: Option<String>,
    /// Spaces; empty: every space.
    #[serde(default)]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub spaces: Vec<String>,
}

impl RotateSelection {
    /// Whether `connector` in `space_id` is chosen. Preconfigured and system connectors never
    /// are: the API cannot update them.
    pub fn matches(&self, space_id: &str, connector: &Connector) -> bool {
        !connector.is_preconfigured
            && !connector.is_system_action
            && (self.connector_type_ids.is_empty()
                || self
                    .connector_type_ids
                    .contains(&connector.connector_type_id))
            && (self.spaces.is_empty() || self.spaces.iter().any(|s| s == space_id))
            && self
                .name
                .as_deref()
                .is_none_or(|p| glob_matches(p, &connector.name))
    }
}

/// `*` matches any run of characters, `?` exactly one; everything else itself.
pub fn glob_matches(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    // The classic two-pointer match with backtracking to the last star.
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        match p.get(pi) {
            Some('*') => {
                star = Some((pi, ti));
                pi += 1;
            }
            Some(c) if *c == '?' || *c == t[ti] => {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    pi = sp + 1;
                    ti = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

/// Where a connector's secrets stand after a rotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum RotatedState {
    /// Kibana stored the new secrets.
    New,
    /// Nothing was written: the connector keeps its old secrets (Kibana refused the update,
    /// or it was never sent).
    Old,
    /// The update was sent but its answer was lost (network, timeout, a 5xx): it may have
    /// landed. Rotating it again is safe.
    Unknown,
}

impl RotatedState {
    /// The state an update's error leaves a connector in.
    fn after_update_error(e: &Error) -> Self {
        match e.api() {
            Some(a) if a.status < 500 => RotatedState::Old,
            _ => RotatedState::Unknown,
        }
    }
}

/// What rotating one connector did.
#[derive(Debug, Clone, PartialEq)]
pub struct RotateResult {
    /// The space.
    pub space_id: String,
    /// The connector id.
    pub id: String,
    /// Its name, when it was read.
    pub name: Option<String>,
    /// Old, new or unknown.
    pub state: RotatedState,
    /// Why it is not new.
    pub error: Option<Error>,
}

impl Bulk<'_> {
    /// The connectors `selection` chooses, from the inventory (`GET /api/spaces/space`, then
    /// `GET /s/{space}/api/actions/connectors` per space), spaces in order.
    ///
    /// # Errors
    /// When the spaces cannot be listed, a chosen space does not exist, or a space the
    /// selection covers cannot be read (a rotation must not silently miss connectors).
    pub async fn rotate_candidates(
        &self,
        selection: &RotateSelection,
    ) -> Result<Vec<(String, Connector)>> {
        let inventory = self.inventory(&|_| {}).await?.only(&selection.spaces)?;
        let mut out = Vec::new();
        for s in &inventory.spaces {
            let list = s.outcome.as_ref().map_err(Clone::clone)?;
            out.extend(
                list.iter()
                    .filter(|c| selection.matches(&s.space.id, c))
                    .map(|c| (s.space.id.clone(), c.clone())),
            );
        }
        Ok(out)
    }

    /// Writes `secrets` to every target, [`concurrency`](Self::concurrency) at a time: per
    /// connector `GET /s/{space}/api/actions/connector/{id}` for its current name and config,
    /// then `PUT /s/{space}/api/actions/connector/{id}` with them and `secrets` (give every
    /// secret the connector uses: the update replaces them all). One result per target, in
    /// order. Never retried; rerunning a rotation is safe.
    pub async fn rotate(
        &self,
        targets: &[Target],
        secrets: &Secrets,
        on_progress: &dyn Fn(Progress),
    ) -> Vec<RotateResult> {
        bounded(
            targets.iter().collect(),
            self.concurrency,
            on_progress,
            |t| async move {
                let mut result = RotateResult {
                    space_id: t.space_id.clone(),
                    id: t.id.clone(),
                    name: None,
                    state: RotatedState::Old,
                    error: None,
                };
                let scoped = match self.kb.space(&t.space_id) {
                    Ok(kb) => kb,
                    Err(e) => {
                        result.error = Some(e);
                        return result;
                    }
                };
                let actions = scoped.actions();
                let current = match actions.get(&t.id).await {
                    Ok(c) => c,
                    Err(e) => {
                        result.error = Some(e);
                        return result;
                    }
                };
                result.name = Some(current.name.clone());
                if current.is_preconfigured || current.is_system_action {
                    result.error = Some(Error::InvalidConfig(format!(
                        "{} is preconfigured: its secrets live in kibana.yml",
                        t.id
                    )));
                    return result;
                }
                let mut update = UpdateConnector::new(&current.name);
                update.config = current.config.unwrap_or_default();
                update.secrets = secrets.clone();
                match actions.update(&t.id, &update).await {
                    Ok(_) => result.state = RotatedState::New,
                    Err(e) => {
                        result.state = RotatedState::after_update_error(&e);
                        result.error = Some(e);
                    }
                }
                result
            },
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_runs_and_single_characters() {
        for (p, t) in [
            ("*", ""),
            ("*", "anything"),
            ("prod-*", "prod-hooks"),
            ("*-hook", "a-b-hook"),
            ("a?c", "abc"),
            ("*a*b*", "xxaYYbzz"),
            ("Ops ✓*", "Ops ✓ pager"),
            ("exact", "exact"),
        ] {
            assert!(glob_matches(p, t), "{p} should match {t}");
        }
        for (p, t) in [
            ("prod-*", "staging-prod-x"),
            ("a?c", "ac"),
            ("exact", "Exact"),
            ("*-hook", "hook"),
            ("", "x"),
        ] {
            assert!(!glob_matches(p, t), "{p} should not match {t}");
        }
    }

    #[test]
    fn selections_skip_preconfigured_and_filter_by_every_condition() {
        let c = |name: &str, ty: &str, pre: bool| -> Connector {
            serde_json::from_value(serde_json::json!({
                "id": "x", "name": name, "connector_type_id": ty, "is_preconfigured": pre,
                "is_deprecated": false, "is_system_action": false
            }))
            .unwrap()
        };
        let sel = RotateSelection {
            connector_type_ids: vec![".webhook".into()],
            name: Some("prod-*".into()),
            spaces: vec!["ops".into()],
        };
        assert!(sel.matches("ops", &c("prod-a", ".webhook", false)));
        assert!(!sel.matches("default", &c("prod-a", ".webhook", false)));
        assert!(!sel.matches("ops", &c("dev-a", ".webhook", false)));
        assert!(!sel.matches("ops", &c("prod-a", ".slack", false)));
        assert!(!sel.matches("ops", &c("prod-a", ".webhook", true)));
        assert!(RotateSelection::default().matches("any", &c("n", ".slack", false)));
    }

    #[test]
    fn a_refused_update_is_old_and_a_lost_answer_unknown() {
        let api = |status| {
            Error::Api(crate::error::ApiError {
                status,
                message: String::new(),
                body: String::new(),
                space_id: "default".into(),
            })
        };
        assert_eq!(
            RotatedState::after_update_error(&api(400)),
            RotatedState::Old
        );
        assert_eq!(
            RotatedState::after_update_error(&api(502)),
            RotatedState::Unknown
        );
        let timeout = Error::Timeout {
            after: std::time::Duration::from_secs(1),
        };
        assert_eq!(
            RotatedState::after_update_error(&timeout),
            RotatedState::Unknown
        );
    }
}
