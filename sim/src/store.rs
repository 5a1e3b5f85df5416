//! Persistence: connectors and alerting rules (Kibana saved objects), spaces and indexed
//! documents in SQLite.
//!
//! Every write is committed before the HTTP answer is sent; on disk the database runs in WAL
//! mode with `synchronous=FULL`, so a killed process loses no acknowledged write. One mutex
//! serialises access, which keeps concurrent requests safe and each operation atomic.

use std::path::Path;
use std::sync::Mutex;

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Map, Value, json};

/// A connector as stored (a saved object of type `action`).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredConnector {
    /// Globally unique id (connectors are multiple-isolated saved objects).
    pub id: String,
    /// The space (namespace) it lives in.
    pub space: String,
    /// The connector type id.
    pub type_id: String,
    /// Display name.
    pub name: String,
    /// Validated config.
    pub config: Map<String, Value>,
    /// Validated secrets (never returned over the API).
    pub secrets: Map<String, Value>,
}

/// An alerting rule as stored (a saved object of type `alert`): its attributes as Kibana
/// keeps them (camelCase; each action with an `actionRef` instead of a connector id) and its
/// saved-object references (`{id, name: "action_<i>", type: "action"}` for space connectors).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredRule {
    /// Globally unique id.
    pub id: String,
    /// The space (namespace) it lives in.
    pub space: String,
    /// The saved object's attributes.
    pub attributes: Map<String, Value>,
    /// The saved object's references.
    pub references: Vec<Value>,
}

/// A storage failure.
#[derive(Debug)]
pub enum StoreError {
    /// The id is taken (in any space, for connectors).
    Conflict,
    /// SQLite failed.
    Db(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Db(e)
    }
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Conflict => f.write_str("conflict"),
            StoreError::Db(e) => write!(f, "database error: {e}"),
        }
    }
}

/// The default space, as a fresh Kibana has it.
pub fn default_space() -> Value {
    json!({"id":"default","name":"Default","description":"This is your default space!","color":"#00bfb3","disabledFeatures":[],"_reserved":true})
}

/// The sim's database.
#[derive(Debug)]
pub struct Store {
    db: Mutex<Connection>,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS connectors (
    id TEXT PRIMARY KEY, space TEXT NOT NULL, type_id TEXT NOT NULL, name TEXT NOT NULL,
    config TEXT NOT NULL, secrets TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS connectors_space ON connectors(space);
CREATE TABLE IF NOT EXISTS spaces (id TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, idx TEXT NOT NULL, id TEXT NOT NULL, source TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS documents_idx ON documents(idx);
CREATE TABLE IF NOT EXISTS rules (
    id TEXT PRIMARY KEY, space TEXT NOT NULL, attributes TEXT NOT NULL, refs TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS rules_space ON rules(space);
";

mod rules;

/// A uniqueness violation as [`StoreError::Conflict`], anything else as the database error.
fn conflict_or_db(e: rusqlite::Error) -> StoreError {
    match e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            StoreError::Conflict
        }
        other => other.into(),
    }
}

fn to_map(text: &str) -> Map<String, Value> {
    serde_json::from_str(text).unwrap_or_default()
}

impl Store {
    /// Opens (or creates) `dir/kibana-sim.sqlite`, or an in-memory database when `dir` is None.
    ///
    /// # Errors
    /// When the directory or database cannot be opened.
    pub fn open(dir: Option<&Path>) -> Result<Self, StoreError> {
        let conn = match dir {
            Some(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| {
                    StoreError::Db(rusqlite::Error::InvalidPath(
                        format!("{}: {e}", dir.display()).into(),
                    ))
                })?;
                let conn = Connection::open(dir.join("kibana-sim.sqlite"))?;
                conn.pragma_update(None, "journal_mode", "WAL")?;
                conn.pragma_update(None, "synchronous", "FULL")?;
                conn
            }
            None => Connection::open_in_memory()?,
        };
        conn.execute_batch(SCHEMA)?;
        let store = Store {
            db: Mutex::new(conn),
        };
        store.ensure_default_space()?;
        Ok(store)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves SQLite consistent (statements are atomic).
        self.db
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn ensure_default_space(&self) -> Result<(), StoreError> {
        self.lock().execute(
            "INSERT OR IGNORE INTO spaces (id, body) VALUES ('default', ?1)",
            params![default_space().to_string()],
        )?;
        Ok(())
    }

    /// Deletes everything and recreates the default space.
    ///
    /// # Errors
    /// On database failure.
    pub fn reset(&self) -> Result<(), StoreError> {
        self.lock().execute_batch(
            "DELETE FROM connectors; DELETE FROM rules; DELETE FROM spaces; DELETE FROM documents;",
        )?;
        self.ensure_default_space()
    }

    fn row_to_connector(row: &rusqlite::Row<'_>) -> rusqlite::Result<StoredConnector> {
        Ok(StoredConnector {
            id: row.get(0)?,
            space: row.get(1)?,
            type_id: row.get(2)?,
            name: row.get(3)?,
            config: to_map(&row.get::<_, String>(4)?),
            secrets: to_map(&row.get::<_, String>(5)?),
        })
    }

    /// Every connector of a space.
    ///
    /// # Errors
    /// On database failure.
    pub fn connectors_in(&self, space: &str) -> Result<Vec<StoredConnector>, StoreError> {
        let db = self.lock();
        let mut stmt = db.prepare_cached(
            "SELECT id, space, type_id, name, config, secrets FROM connectors WHERE space = ?1",
        )?;
        let rows = stmt.query_map(params![space], Self::row_to_connector)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// A connector by id, whatever its space.
    ///
    /// # Errors
    /// On database failure.
    pub fn connector(&self, id: &str) -> Result<Option<StoredConnector>, StoreError> {
        let db = self.lock();
        let mut stmt = db.prepare_cached(
            "SELECT id, space, type_id, name, config, secrets FROM connectors WHERE id = ?1",
        )?;
        Ok(stmt
            .query_row(params![id], Self::row_to_connector)
            .optional()?)
    }

    /// Stores a new connector.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when the id exists in any space.
    pub fn insert_connector(&self, c: &StoredConnector) -> Result<(), StoreError> {
        let result = self.lock().execute(
            "INSERT INTO connectors (id, space, type_id, name, config, secrets) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                c.id,
                c.space,
                c.type_id,
                c.name,
                Value::Object(c.config.clone()).to_string(),
                Value::Object(c.secrets.clone()).to_string()
            ],
        );
        result.map(drop).map_err(conflict_or_db)
    }

    /// Stores many new connectors in one transaction (all or none).
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when any id exists; nothing is stored then.
    pub fn insert_connectors(&self, list: &[StoredConnector]) -> Result<(), StoreError> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        {
            let mut stmt = tx.prepare(
                "INSERT INTO connectors (id, space, type_id, name, config, secrets) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for c in list {
                stmt.execute(params![
                    c.id,
                    c.space,
                    c.type_id,
                    c.name,
                    Value::Object(c.config.clone()).to_string(),
                    Value::Object(c.secrets.clone()).to_string()
                ])
                .map_err(conflict_or_db)?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Replaces name, config and secrets. Returns false when the id is unknown.
    ///
    /// # Errors
    /// On database failure.
    pub fn replace_connector(&self, c: &StoredConnector) -> Result<bool, StoreError> {
        let n = self.lock().execute(
            "UPDATE connectors SET name = ?2, config = ?3, secrets = ?4 WHERE id = ?1",
            params![
                c.id,
                c.name,
                Value::Object(c.config.clone()).to_string(),
                Value::Object(c.secrets.clone()).to_string()
            ],
        )?;
        Ok(n == 1)
    }

    /// Deletes a connector. Returns false when the id is unknown.
    ///
    /// # Errors
    /// On database failure.
    pub fn delete_connector(&self, id: &str) -> Result<bool, StoreError> {
        Ok(self
            .lock()
            .execute("DELETE FROM connectors WHERE id = ?1", params![id])?
            == 1)
    }

    /// Every space, as stored JSON.
    ///
    /// # Errors
    /// On database failure.
    pub fn spaces(&self) -> Result<Vec<Value>, StoreError> {
        let db = self.lock();
        let mut stmt = db.prepare_cached("SELECT body FROM spaces")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for body in rows {
            out.push(serde_json::from_str(&body?).unwrap_or(Value::Null));
        }
        Ok(out)
    }

    /// One space.
    ///
    /// # Errors
    /// On database failure.
    pub fn space(&self, id: &str) -> Result<Option<Value>, StoreError> {
        let db = self.lock();
        let body: Option<String> = db
            .query_row("SELECT body FROM spaces WHERE id = ?1", params![id], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(body.and_then(|b| serde_json::from_str(&b).ok()))
    }

    /// Creates a space.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when the id exists.
    pub fn insert_space(&self, id: &str, body: &Value) -> Result<(), StoreError> {
        let result = self.lock().execute(
            "INSERT INTO spaces (id, body) VALUES (?1, ?2)",
            params![id, body.to_string()],
        );
        match result {
            Ok(_) => Ok(()),
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                Err(StoreError::Conflict)
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Replaces a space. Returns false when unknown.
    ///
    /// # Errors
    /// On database failure.
    pub fn replace_space(&self, id: &str, body: &Value) -> Result<bool, StoreError> {
        let n = self.lock().execute(
            "UPDATE spaces SET body = ?2 WHERE id = ?1",
            params![id, body.to_string()],
        )?;
        Ok(n == 1)
    }

    /// Deletes a space and, in the same transaction, every connector and rule in it.
    /// Returns false when unknown.
    ///
    /// # Errors
    /// On database failure.
    pub fn delete_space(&self, id: &str) -> Result<bool, StoreError> {
        let mut db = self.lock();
        let tx = db.transaction()?;
        let n = tx.execute("DELETE FROM spaces WHERE id = ?1", params![id])?;
        if n == 1 {
            tx.execute("DELETE FROM connectors WHERE space = ?1", params![id])?;
            tx.execute("DELETE FROM rules WHERE space = ?1", params![id])?;
        }
        tx.commit()?;
        Ok(n == 1)
    }

    /// Appends documents to an index atomically; returns each one's id and sequence number within the index.
    ///
    /// # Errors
    /// On database failure.
    pub fn index_documents(
        &self,
        index: &str,
        docs: &[Value],
    ) -> Result<Vec<(String, i64)>, StoreError> {
        let mut db = self.lock();
        let tx = db.transaction()?;
        let before: i64 = tx.query_row(
            "SELECT COUNT(*) FROM documents WHERE idx = ?1",
            params![index],
            |r| r.get(0),
        )?;
        let mut out = Vec::with_capacity(docs.len());
        for (i, doc) in docs.iter().enumerate() {
            let id = uuid::Uuid::new_v4().simple().to_string()[..20].to_string();
            tx.execute(
                "INSERT INTO documents (idx, id, source) VALUES (?1, ?2, ?3)",
                params![index, id, doc.to_string()],
            )?;
            out.push((id, before + i as i64));
        }
        tx.commit()?;
        Ok(out)
    }

    /// Documents of an index, oldest first, at most `size`.
    ///
    /// # Errors
    /// On database failure.
    pub fn documents(
        &self,
        index: &str,
        size: usize,
    ) -> Result<(usize, Vec<(String, Value)>), StoreError> {
        let db = self.lock();
        let total: i64 = db.query_row(
            "SELECT COUNT(*) FROM documents WHERE idx = ?1",
            params![index],
            |r| r.get(0),
        )?;
        let mut stmt = db.prepare_cached(
            "SELECT id, source FROM documents WHERE idx = ?1 ORDER BY seq LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![index, size as i64], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut docs = Vec::new();
        for row in rows {
            let (id, src) = row?;
            docs.push((id, serde_json::from_str(&src).unwrap_or(Value::Null)));
        }
        Ok((total as usize, docs))
    }

    /// Whether an index has any document.
    ///
    /// # Errors
    /// On database failure.
    pub fn index_exists(&self, index: &str) -> Result<bool, StoreError> {
        let db = self.lock();
        let n: i64 = db.query_row(
            "SELECT COUNT(*) FROM documents WHERE idx = ?1",
            params![index],
            |r| r.get(0),
        )?;
        Ok(n > 0)
    }
}

#[cfg(test)]
mod tests;
