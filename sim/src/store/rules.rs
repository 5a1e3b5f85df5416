//! The `rules` table: alerting rules by space, with the references Kibana keeps for them.

use rusqlite::{OptionalExtension, params};
use serde_json::Value;

use super::{Store, StoreError, StoredRule, conflict_or_db, to_map};

fn row_to_rule(row: &rusqlite::Row<'_>) -> rusqlite::Result<StoredRule> {
    let refs: String = row.get(3)?;
    Ok(StoredRule {
        id: row.get(0)?,
        space: row.get(1)?,
        attributes: to_map(&row.get::<_, String>(2)?),
        references: serde_json::from_str(&refs).unwrap_or_default(),
    })
}

fn refs_text(rule: &StoredRule) -> String {
    Value::Array(rule.references.clone()).to_string()
}

impl Store {
    /// Every rule of a space, oldest first.
    ///
    /// # Errors
    /// On database failure.
    pub fn rules_in(&self, space: &str) -> Result<Vec<StoredRule>, StoreError> {
        let db = self.lock();
        let mut stmt = db.prepare_cached(
            "SELECT id, space, attributes, refs FROM rules WHERE space = ?1 ORDER BY rowid",
        )?;
        let rows = stmt.query_map(params![space], row_to_rule)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every rule of every space (for the connectors' `referenced_by_count`).
    ///
    /// # Errors
    /// On database failure.
    pub fn all_rules(&self) -> Result<Vec<StoredRule>, StoreError> {
        let db = self.lock();
        let mut stmt =
            db.prepare_cached("SELECT id, space, attributes, refs FROM rules ORDER BY rowid")?;
        let rows = stmt.query_map([], row_to_rule)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// A rule by id in a space (a rule of another space is not found, as Kibana's saved
    /// objects client scopes reads to the request's namespace).
    ///
    /// # Errors
    /// On database failure.
    pub fn rule(&self, space: &str, id: &str) -> Result<Option<StoredRule>, StoreError> {
        let db = self.lock();
        let mut stmt = db.prepare_cached(
            "SELECT id, space, attributes, refs FROM rules WHERE id = ?1 AND space = ?2",
        )?;
        Ok(stmt.query_row(params![id, space], row_to_rule).optional()?)
    }

    /// Stores a new rule.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when the id exists (in any space).
    pub fn insert_rule(&self, rule: &StoredRule) -> Result<(), StoreError> {
        let result = self.lock().execute(
            "INSERT INTO rules (id, space, attributes, refs) VALUES (?1, ?2, ?3, ?4)",
            params![
                rule.id,
                rule.space,
                Value::Object(rule.attributes.clone()).to_string(),
                refs_text(rule)
            ],
        );
        result.map(drop).map_err(conflict_or_db)
    }

    /// Replaces a rule's attributes and references. Returns false when it is not in `space`.
    ///
    /// # Errors
    /// On database failure.
    pub fn replace_rule(&self, rule: &StoredRule) -> Result<bool, StoreError> {
        let n = self.lock().execute(
            "UPDATE rules SET attributes = ?3, refs = ?4 WHERE id = ?1 AND space = ?2",
            params![
                rule.id,
                rule.space,
                Value::Object(rule.attributes.clone()).to_string(),
                refs_text(rule)
            ],
        )?;
        Ok(n == 1)
    }

    /// Deletes a rule of a space. Returns false when unknown there.
    ///
    /// # Errors
    /// On database failure.
    pub fn delete_rule(&self, space: &str, id: &str) -> Result<bool, StoreError> {
        Ok(self.lock().execute(
            "DELETE FROM rules WHERE id = ?1 AND space = ?2",
            params![id, space],
        )? == 1)
    }
}
