//! The SQLite catalog: opening it safely (WAL, busy timeout, versioned migrations) and one
//! submodule per table. The app and the CLI may hold the same catalog open at once.

mod days;
mod photos;
mod schema;
mod sessions;
mod trips;

pub use photos::{NewPhoto, PendingThumb};
pub use sessions::{Person, SessionsSaved};
pub use trips::{name_taken, TripSummary};

use crate::{Error, Result};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a writer waits for another process (the app, the CLI) to finish its transaction.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// An open catalog.
pub struct Catalog {
    conn: Connection,
    path: PathBuf,
}

impl Catalog {
    /// Opens (creating if needed) the catalog file at `path` and brings its schema up to date.
    /// A catalog written by a newer Lanyard is refused and left untouched.
    pub fn open(path: &Path) -> Result<Catalog> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|source| Error::Catalog {
            path: path.to_path_buf(),
            source,
        })?;
        Catalog::init(conn, path.to_path_buf(), true)
    }

    /// Whether the catalog file at `path` is known to hold no trip, read without creating,
    /// migrating or writing it and without waiting for a lock: true when there is no file yet
    /// or its `trips` table is empty. False otherwise, also when the file cannot be read as a
    /// catalog now; opening it with [`Catalog::open`] says why.
    pub fn holds_no_trips(path: &Path) -> bool {
        match path.try_exists() {
            Ok(false) => return true,
            Ok(true) => {}
            Err(_) => return false,
        }
        let Ok(conn) = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        ) else {
            return false;
        };
        conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM trips)", [], |row| {
            row.get(0)
        })
        .unwrap_or(false)
    }

    /// A throwaway catalog for tests.
    pub fn open_in_memory() -> Result<Catalog> {
        let path = PathBuf::from(":memory:");
        let conn = Connection::open_in_memory().map_err(|source| Error::Catalog {
            path: path.clone(),
            source,
        })?;
        Catalog::init(conn, path, false)
    }

    fn init(conn: Connection, path: PathBuf, wal: bool) -> Result<Catalog> {
        let mut catalog = Catalog { conn, path };
        catalog
            .conn
            .busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| catalog.err(e))?;
        // Refuse a newer schema before anything (even the journal mode) is written.
        let found = catalog.schema_version()?;
        if found > schema::VERSION {
            return Err(Error::CatalogTooNew {
                path: catalog.path.clone(),
                found,
                known: schema::VERSION,
            });
        }
        if wal {
            catalog
                .conn
                .pragma_update(None, "journal_mode", "WAL")
                .map_err(|e| catalog.err(e))?;
            catalog
                .conn
                .pragma_update(None, "synchronous", "NORMAL")
                .map_err(|e| catalog.err(e))?;
        }
        catalog
            .conn
            .pragma_update(None, "foreign_keys", "ON")
            .map_err(|e| catalog.err(e))?;
        catalog.migrate()?;
        Ok(catalog)
    }

    fn schema_version(&self) -> Result<i64> {
        self.conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(|e| self.err(e))
    }

    fn migrate(&mut self) -> Result<()> {
        let path = self.path.clone();
        let err = |source| Error::Catalog {
            path: path.clone(),
            source,
        };
        // IMMEDIATE: two processes opening a fresh library at once migrate one after the other.
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let found: i64 = tx
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(err)?;
        for (index, sql) in schema::MIGRATIONS.iter().enumerate() {
            let version = index as i64 + 1;
            if version > found {
                tx.execute_batch(sql).map_err(err)?;
                tx.pragma_update(None, "user_version", version)
                    .map_err(err)?;
            }
        }
        tx.commit().map_err(err)
    }

    /// The file this catalog lives in (":memory:" for tests).
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn err(&self, source: rusqlite::Error) -> Error {
        Error::Catalog {
            path: self.path.clone(),
            source,
        }
    }

    /// A write transaction that takes the write lock up front, so concurrent writers queue on
    /// the busy timeout instead of failing with "database is locked" on upgrade.
    fn write(&mut self) -> Result<Tx<'_>> {
        let Catalog { conn, path } = self;
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|source| Error::Catalog {
                path: path.clone(),
                source,
            })?;
        Ok(Tx { tx, path })
    }
}

/// A write transaction that knows which catalog its errors belong to.
struct Tx<'a> {
    tx: rusqlite::Transaction<'a>,
    path: &'a Path,
}

impl Tx<'_> {
    fn err(&self, source: rusqlite::Error) -> Error {
        Error::Catalog {
            path: self.path.to_path_buf(),
            source,
        }
    }

    fn execute(&self, sql: &str, params: impl rusqlite::Params) -> Result<usize> {
        self.tx
            .prepare_cached(sql)
            .and_then(|mut stmt| stmt.execute(params))
            .map_err(|e| self.err(e))
    }

    fn commit(self) -> Result<()> {
        let path = self.path.to_path_buf();
        self.tx
            .commit()
            .map_err(|source| Error::Catalog { path, source })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_catalog_is_at_the_latest_schema() {
        let catalog = Catalog::open_in_memory().unwrap();
        assert_eq!(catalog.schema_version().unwrap(), schema::VERSION);
    }

    #[test]
    fn holds_no_trips_reads_without_writing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("catalog.sqlite");
        assert!(Catalog::holds_no_trips(&path), "no file yet: no trip");
        assert!(!path.exists(), "and no file made");

        let mut catalog = Catalog::open(&path).unwrap();
        assert!(
            Catalog::holds_no_trips(&path),
            "a new catalog, open elsewhere"
        );
        catalog.create_trip("KubeCon").unwrap();
        assert!(
            !Catalog::holds_no_trips(&path),
            "a trip, its writer still open"
        );
        drop(catalog);
        assert!(!Catalog::holds_no_trips(&path), "a trip, nobody else open");

        let mut catalog = Catalog::open(&path).unwrap();
        let id = catalog.trip_by_name("KubeCon").unwrap().unwrap().id;
        catalog.delete_trip(id).unwrap();
        drop(catalog);
        assert!(Catalog::holds_no_trips(&path), "the last trip deleted");

        let garbage = dir.path().join("garbage.sqlite");
        std::fs::write(&garbage, b"not a database").unwrap();
        assert!(!Catalog::holds_no_trips(&garbage), "unreadable: not known");
        assert_eq!(std::fs::read(&garbage).unwrap(), b"not a database");
        let other = dir.path().join("other.sqlite");
        Connection::open(&other)
            .unwrap()
            .execute_batch("CREATE TABLE notes (text TEXT)")
            .unwrap();
        assert!(
            !Catalog::holds_no_trips(&other),
            "no trips table: not known"
        );
    }

    #[test]
    fn reopening_keeps_data_and_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("catalog.sqlite");
        {
            let mut catalog = Catalog::open(&path).unwrap();
            catalog.create_trip("KubeCon").unwrap();
        }
        let catalog = Catalog::open(&path).unwrap();
        assert_eq!(catalog.schema_version().unwrap(), schema::VERSION);
        assert!(catalog.trip_by_name("KubeCon").unwrap().is_some());
    }

    #[test]
    fn newer_catalog_is_refused_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("catalog.sqlite");
        {
            let conn = Connection::open(&path).unwrap();
            conn.pragma_update(None, "user_version", schema::VERSION + 1)
                .unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = Catalog::open(&path)
            .err()
            .expect("a newer catalog must be refused");
        assert!(matches!(err, Error::CatalogTooNew { found, .. } if found == schema::VERSION + 1));
        assert!(err.to_string().contains("newer Lanyard"), "{err}");
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "file must not change"
        );
        assert!(!dir.path().join("catalog.sqlite-wal").exists());
    }

    #[test]
    fn two_connections_write_without_locking_errors() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("catalog.sqlite");
        Catalog::open(&path).unwrap();
        let handles: Vec<_> = (0..2)
            .map(|n| {
                let path = path.clone();
                std::thread::spawn(move || {
                    let mut catalog = Catalog::open(&path).unwrap();
                    for i in 0..50 {
                        catalog.create_trip(&format!("trip {n}-{i}")).unwrap();
                    }
                })
            })
            .collect();
        for handle in handles {
            handle.join().unwrap();
        }
        let catalog = Catalog::open(&path).unwrap();
        assert_eq!(catalog.trips().unwrap().len(), 100);
    }
}
