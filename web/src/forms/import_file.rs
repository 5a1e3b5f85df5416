//! Reading an import: a connector set exported by the console or `exportSet` (no secrets), or a
//! bulk-create file, a JSON array of connectors to create (secrets allowed, since the user wrote
//! them).

use kibana_connectors::bulk::{ConnectorSet, ImportCheck, ImportConflict, PlannedConnector};
use kibana_connectors::{CreateConnector, Secrets};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::connection::FieldError;
use super::secrets_draft::SecretsDraft;

/// What an import file holds.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportFile {
    /// An exported set: secrets must be entered.
    Set(ConnectorSet),
    /// Connectors to create as they are.
    Creates(Vec<PlannedConnector>),
}

#[derive(Deserialize)]
struct CreateEntry {
    #[serde(default)]
    space_id: Option<String>,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    name: String,
    #[serde(default)]
    connector_type_id: String,
    #[serde(default)]
    config: Map<String, Value>,
    #[serde(default)]
    secrets: Map<String, Value>,
}

/// Reads `text`; connectors of a bulk-create file without `space_id` go to `default_space`.
///
/// # Errors
/// Every problem, in plain words, naming the item (1-based) it is about.
pub fn parse_import(text: &str, default_space: &str) -> Result<ImportFile, Vec<String>> {
    let value: Value =
        serde_json::from_str(text).map_err(|e| vec![format!("This is not valid JSON: {e}.")])?;
    match value {
        Value::Object(ref o) if o.contains_key("format") => ConnectorSet::from_json(text)
            .map(ImportFile::Set)
            .map_err(|e| vec![e.to_string()]),
        Value::Array(items) => {
            let mut errors = Vec::new();
            let mut planned = Vec::new();
            for (n, item) in items.into_iter().enumerate() {
                let n = n + 1;
                // From text, like every other decode in the console (a `Value` decoder would
                // add a second copy of the decoding code).
                match serde_json::from_str::<CreateEntry>(&item.to_string()) {
                    Err(e) => errors.push(format!("Item {n}: {e}.")),
                    Ok(e) if e.name.trim().is_empty() => errors.push(format!("Item {n}: a name is required.")),
                    Ok(e) if e.connector_type_id.trim().is_empty() => {
                        errors.push(format!("Item {n} ({}): connector_type_id is required.", e.name))
                    }
                    Ok(e) => planned.push(PlannedConnector {
                        space_id: e.space_id.unwrap_or_else(|| default_space.to_string()),
                        id: e.id.filter(|i| !i.trim().is_empty()),
                        connector: CreateConnector {
                            name: e.name,
                            connector_type_id: e.connector_type_id,
                            config: e.config,
                            secrets: Secrets(e.secrets),
                        },
                    }),
                }
            }
            if errors.is_empty() {
                Ok(ImportFile::Creates(planned))
            } else {
                Err(errors)
            }
        }
        _ => Err(vec![
            "Expected an exported connector set ({\"format\": …}) or a JSON array of connectors to create.".into(),
        ]),
    }
}

/// One connector of an import, as the user reviews it.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportItem {
    /// What will be created (secrets from the file for bulk-create files).
    pub planned: PlannedConnector,
    /// The id in the file (kept when `keep_id` and possible).
    pub original_id: String,
    /// Problems found against what exists, in plain words.
    pub conflicts: Vec<String>,
    /// Whether the original id is free.
    pub can_keep_id: bool,
    /// Keep the original id.
    pub keep_id: bool,
    /// Import this one.
    pub include: bool,
    /// Secrets to enter (exported sets carry none).
    pub secrets: Option<SecretsDraft>,
}

fn describe(c: &ImportConflict) -> String {
    match c {
        ImportConflict::IdTaken { space_id } => {
            format!("the id is taken (in space {space_id}): it gets a new id")
        }
        ImportConflict::NameTaken { existing_id } => {
            format!("a connector with this name exists there ({existing_id})")
        }
        ImportConflict::DuplicateInFile => "the id appears twice in the file".into(),
        _ => "conflict".into(),
    }
}

impl ImportItem {
    /// An item of an exported set, after [`ConnectorSet::check`].
    pub fn from_check(check: &ImportCheck) -> Self {
        ImportItem {
            planned: check.to_planned(Secrets::default(), false),
            original_id: check.entry.id.clone(),
            conflicts: check.conflicts.iter().map(describe).collect(),
            can_keep_id: check.can_keep_id(),
            keep_id: check.can_keep_id(),
            include: true,
            secrets: Some(SecretsDraft::for_type(&check.entry.connector_type_id)),
        }
    }

    /// An item of a bulk-create file; `taken` says where an id is already used.
    pub fn from_planned(planned: PlannedConnector, taken: impl Fn(&str) -> Option<String>) -> Self {
        let original_id = planned.id.clone().unwrap_or_default();
        let taken_in = planned.id.as_deref().and_then(&taken);
        ImportItem {
            conflicts: taken_in
                .iter()
                .map(|space_id| {
                    describe(&ImportConflict::IdTaken {
                        space_id: space_id.clone(),
                    })
                })
                .collect(),
            can_keep_id: taken_in.is_none(),
            keep_id: true,
            include: true,
            secrets: None,
            original_id,
            planned,
        }
    }

    /// The create to send.
    ///
    /// # Errors
    /// `secrets` when the entered secrets are not valid.
    pub fn to_planned(&self) -> Result<PlannedConnector, Vec<FieldError>> {
        let mut planned = self.planned.clone();
        if let Some(draft) = &self.secrets {
            planned.connector.secrets = draft.to_secrets()?;
        }
        planned.id = (self.keep_id && self.can_keep_id && !self.original_id.is_empty())
            .then(|| self.original_id.clone());
        Ok(planned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bulk_create_files_default_the_space_and_report_every_bad_item() {
        let ok = parse_import(
            r#"[{"name":"A","connector_type_id":".server-log"},
                {"space_id":"ops","id":"b","name":"B","connector_type_id":".slack","secrets":{"webhookUrl":"http://x"}}]"#,
            "marketing",
        )
        .unwrap();
        let ImportFile::Creates(list) = ok else {
            panic!("creates")
        };
        assert_eq!(
            (list[0].space_id.as_str(), list[0].id.as_deref()),
            ("marketing", None)
        );
        assert_eq!(
            (list[1].space_id.as_str(), list[1].id.as_deref()),
            ("ops", Some("b"))
        );
        assert_eq!(list[1].connector.secrets.0["webhookUrl"], "http://x");
        let errors = parse_import(
            r#"[{"name":""},{"name":"C"},{"name":"D","connector_type_id":".index","config":[]}]"#,
            "default",
        )
        .unwrap_err();
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(errors[1].starts_with("Item 2 (C)"), "{errors:?}");
    }

    #[test]
    fn sets_and_garbage_are_told_apart() {
        let set = r#"{"format":"kibana-connectors/set@1","connectors":[]}"#;
        assert!(matches!(
            parse_import(set, "default"),
            Ok(ImportFile::Set(_))
        ));
        assert!(parse_import("{nope", "default").unwrap_err()[0].contains("not valid JSON"));
        assert!(parse_import("42", "default").unwrap_err()[0].contains("Expected"));
        assert!(
            parse_import(r#"{"format":"v0"}"#, "default").unwrap_err()[0]
                .contains("unknown format")
        );
    }

    #[test]
    fn set_items_ask_for_secrets_and_keep_ids_only_when_free() {
        let set = ConnectorSet::from_json(
            r#"{"format":"kibana-connectors/set@1","connectors":[
                {"space_id":"ops","id":"hook","name":"Hook","connector_type_id":".slack","config":{}},
                {"space_id":"ops","id":"log","name":"Log","connector_type_id":".server-log","config":{}}]}"#,
        )
        .unwrap();
        let existing: Vec<kibana_connectors::Connector> = vec![
            serde_json::from_value(
                serde_json::json!({"id":"hook","name":"Other","connector_type_id":".slack"}),
            )
            .unwrap(),
        ];
        let checks = set.check(existing.iter().map(|c| ("marketing", c)), None);
        let mut items: Vec<ImportItem> = checks.iter().map(ImportItem::from_check).collect();
        assert_eq!(
            items[0].conflicts,
            ["the id is taken (in space marketing): it gets a new id"]
        );
        assert!(!items[0].can_keep_id && items[1].can_keep_id);
        items[0]
            .secrets
            .as_mut()
            .unwrap()
            .values
            .insert("webhookUrl".into(), "http://x".into());
        let first = items[0].to_planned().unwrap();
        assert_eq!(
            (first.id, first.connector.secrets.0["webhookUrl"].as_str()),
            (None, Some("http://x"))
        );
        assert_eq!(items[1].to_planned().unwrap().id.as_deref(), Some("log"));
        items[1].keep_id = false;
        assert_eq!(items[1].to_planned().unwrap().id, None);
    }

    #[test]
    fn bulk_create_items_keep_their_secrets_and_flag_taken_ids() {
        let ImportFile::Creates(list) = parse_import(
            r#"[{"id":"dup","name":"A","connector_type_id":".slack","secrets":{"webhookUrl":"http://s"}}]"#,
            "default",
        )
        .unwrap() else {
            panic!("creates")
        };
        let item = ImportItem::from_planned(list[0].clone(), |id| {
            (id == "dup").then(|| "ops".to_string())
        });
        assert_eq!(item.conflicts.len(), 1);
        let planned = item.to_planned().unwrap();
        assert_eq!(
            (
                planned.id,
                planned.connector.secrets.0["webhookUrl"].as_str()
            ),
            (None, Some("http://s"))
        );
    }
}
