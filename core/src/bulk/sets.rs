//! Export and import of connector sets: name, type, config and space as JSON, never secrets.
//! An import is checked first (which secrets to enter, which ids and names are taken), then
//! created with [`Bulk::create_many`](super::Bulk::create_many).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::PlannedConnector;
use crate::error::{Error, Result};
use crate::models::types::secret_keys;
use crate::models::{Connector, CreateConnector, Secrets};

/// The `format` of a connector set file.
pub const SET_FORMAT: &str = "kibana-connectors/set@1";

/// A connector set file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
pub struct ConnectorSet {
    /// Always [`SET_FORMAT`].
    pub format: String,
    /// The connectors.
    pub connectors: Vec<ExportedConnector>,
}

/// One exported connector (no secrets: only the names of those to enter again).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
pub struct ExportedConnector {
    /// The space it came from.
    pub space_id: String,
    /// Its id there.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The connector type id, e.g. `.webhook`; the import needs it to be enabled in the target.
    pub connector_type_id: String,
    /// Config, as Kibana returned it.
    #[serde(default)]
    #[cfg_attr(feature = "js", tsify(type = "Record<string, unknown>"))]
    pub config: Map<String, Value>,
    /// The secret keys to fill in on import.
    #[serde(default)]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub secret_keys: Vec<String>,
}

/// Why an imported connector may not go in as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ImportConflict {
    /// A connector with this id exists (ids are unique across spaces): import it with a new id.
    IdTaken {
        /// Where the existing one is.
        space_id: String,
    },
    /// The target space has a connector with the same name (Kibana allows it; people rarely mean it).
    NameTaken {
        /// The existing connector's id.
        existing_id: String,
    },
    /// The same id appears earlier in this file.
    DuplicateInFile,
}

/// What importing one connector needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
pub struct ImportCheck {
    /// The connector from the file.
    pub entry: ExportedConnector,
    /// Where it will be created.
    pub space_id: String,
    /// Problems found against what exists.
    pub conflicts: Vec<ImportConflict>,
    /// The secret keys to enter.
    pub secrets_needed: Vec<String>,
}

impl ImportCheck {
    /// Whether the original id is free to keep.
    pub fn can_keep_id(&self) -> bool {
        !self.conflicts.iter().any(|c| {
            matches!(
                c,
                ImportConflict::IdTaken { .. } | ImportConflict::DuplicateInFile
            )
        })
    }

    /// The create for this connector, keeping its id when asked (and possible).
    pub fn to_planned(&self, secrets: Secrets, keep_id: bool) -> PlannedConnector {
        PlannedConnector {
            space_id: self.space_id.clone(),
            id: (keep_id && self.can_keep_id()).then(|| self.entry.id.clone()),
            connector: CreateConnector {
                name: self.entry.name.clone(),
                connector_type_id: self.entry.connector_type_id.clone(),
                config: self.entry.config.clone(),
                secrets,
            },
        }
    }
}

impl ConnectorSet {
    /// A set of `connectors` (with their space ids). Preconfigured connectors are left out:
    /// they live in kibana.yml.
    pub fn from_connectors<'c>(
        connectors: impl IntoIterator<Item = (&'c str, &'c Connector)>,
    ) -> Self {
        let connectors = connectors
            .into_iter()
            .filter(|(_, c)| !c.is_preconfigured)
            .map(|(space, c)| ExportedConnector {
                space_id: space.to_string(),
                id: c.id.clone(),
                name: c.name.clone(),
                connector_type_id: c.connector_type_id.clone(),
                config: c.config.clone().unwrap_or_default(),
                secret_keys: secret_keys(&c.connector_type_id)
                    .iter()
                    .map(|k| k.to_string())
                    .collect(),
            })
            .collect();
        ConnectorSet {
            format: SET_FORMAT.into(),
            connectors,
        }
    }

    /// The file's text (pretty JSON).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a set file.
    ///
    /// # Errors
    /// [`Error::InvalidConfig`] saying what is wrong: not JSON, another format, or a connector
    /// without a name or type.
    pub fn from_json(text: &str) -> Result<Self> {
        // The format first: a file from a newer version should say so, not name a field.
        // (Both reads go from text: decoding from a `Value` would add a second copy of the
        // decoding code to the wasm binary.)
        #[derive(Deserialize)]
        struct Format {
            format: Option<Value>,
        }
        let format = serde_json::from_str::<Format>(text)
            .map_err(|e| Error::InvalidConfig(format!("this is not a connector set: {e}")))?
            .format;
        match &format {
            Some(Value::String(f)) if f == SET_FORMAT => {}
            other => {
                return Err(Error::InvalidConfig(format!(
                    "unknown format {} (expected {SET_FORMAT:?})",
                    other
                        .as_ref()
                        .map_or("(none)".to_string(), Value::to_string)
                )));
            }
        }
        let set: ConnectorSet = serde_json::from_str(text)
            .map_err(|e| Error::InvalidConfig(format!("this is not a connector set: {e}")))?;
        for (n, c) in set.connectors.iter().enumerate() {
            if c.name.trim().is_empty() || c.connector_type_id.trim().is_empty() {
                return Err(Error::InvalidConfig(format!(
                    "connector {} ({:?}) needs a name and a connector_type_id",
                    n + 1,
                    c.id
                )));
            }
        }
        Ok(set)
    }

    /// Checks an import against `existing` connectors (with their space ids). Each goes to
    /// `into_space`, or back to the space it came from when None.
    pub fn check<'c>(
        &self,
        existing: impl IntoIterator<Item = (&'c str, &'c Connector)> + Clone,
        into_space: Option<&str>,
    ) -> Vec<ImportCheck> {
        let mut seen_ids: Vec<&str> = Vec::new();
        self.connectors
            .iter()
            .map(|entry| {
                let space_id = into_space.unwrap_or(&entry.space_id).to_string();
                let mut conflicts = Vec::new();
                if seen_ids.contains(&entry.id.as_str()) {
                    conflicts.push(ImportConflict::DuplicateInFile);
                }
                seen_ids.push(&entry.id);
                for (space, c) in existing.clone() {
                    if c.id == entry.id && !c.is_preconfigured {
                        conflicts.push(ImportConflict::IdTaken {
                            space_id: space.to_string(),
                        });
                    }
                    if space == space_id && c.name == entry.name {
                        conflicts.push(ImportConflict::NameTaken {
                            existing_id: c.id.clone(),
                        });
                    }
                }
                let mut secrets_needed = entry.secret_keys.clone();
                for k in secret_keys(&entry.connector_type_id) {
                    if !secrets_needed.iter().any(|s| s == k) {
                        secrets_needed.push(k.to_string());
                    }
                }
                ImportCheck {
                    entry: entry.clone(),
                    space_id,
                    conflicts,
                    secrets_needed,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn c(id: &str, name: &str, type_id: &str, pre: bool) -> Connector {
        serde_json::from_value(json!({"id": id, "name": name, "connector_type_id": type_id,
            "config": {"url": "https://x"}, "is_preconfigured": pre}))
        .unwrap()
    }

    #[test]
    fn exports_never_carry_secrets_and_skip_preconfigured() {
        let hook = c("hook", "Hook", ".webhook", false);
        let pre = c("pre", "From yml", ".slack", true);
        let set = ConnectorSet::from_connectors([("ops", &hook), ("ops", &pre)]);
        let text = set.to_json();
        assert_eq!(set.connectors.len(), 1);
        assert_eq!(set.connectors[0].secret_keys, ["user", "password"]);
        assert!(!text.contains("\"secrets\""));
        assert_eq!(ConnectorSet::from_json(&text).unwrap(), set);
    }

    #[test]
    fn bad_files_say_what_is_wrong() {
        for (text, expected) in [
            ("{nope", "not a connector set"),
            (r#"{"format":"other","connectors":[]}"#, "unknown format"),
            (
                r#"{"format":"kibana-connectors/set@1","connectors":[{"space_id":"a","id":"x","name":" ","connector_type_id":".index"}]}"#,
                "needs a name",
            ),
        ] {
            let err = ConnectorSet::from_json(text).unwrap_err().to_string();
            assert!(err.contains(expected), "{err}");
        }
    }

    #[test]
    fn checks_find_taken_ids_names_and_duplicates_and_list_secrets() {
        let set = ConnectorSet::from_connectors([
            ("default", &c("hook", "Hook", ".webhook", false)),
            ("default", &c("new", "Fresh", ".slack", false)),
            ("ops", &c("hook", "Other", ".index", false)),
        ]);
        let existing = [
            c("hook", "Hook", ".webhook", false),
            c("z", "Fresh", ".index", false),
        ];
        let existing: Vec<(&str, &Connector)> =
            vec![("marketing", &existing[0]), ("default", &existing[1])];
        let checks = set.check(existing.iter().copied(), None);
        assert_eq!(
            checks[0].conflicts,
            [ImportConflict::IdTaken {
                space_id: "marketing".into()
            }]
        );
        assert_eq!(
            checks[1].conflicts,
            [ImportConflict::NameTaken {
                existing_id: "z".into()
            }]
        );
        assert_eq!(checks[1].secrets_needed, ["webhookUrl"]);
        assert!(
            checks[2]
                .conflicts
                .contains(&ImportConflict::DuplicateInFile)
        );
        assert!(checks[1].can_keep_id() && !checks[0].can_keep_id());
        let planned = checks[0].to_planned(Secrets::default(), true);
        assert_eq!((planned.id, planned.space_id.as_str()), (None, "default"));
        let into_ops = set.check(existing.iter().copied(), Some("ops"));
        assert!(into_ops.iter().all(|c| c.space_id == "ops"));
    }
}
