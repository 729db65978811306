//! The core's one error type. A bad photo during import is a report row, not one of these.

use std::path::PathBuf;

/// Everything that can stop a core operation.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("catalog {path}: {source}")]
    Catalog {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error(
        "catalog {path} was written by a newer Lanyard (schema {found}, this build knows up to {known}); \
         it was left untouched — use a newer Lanyard or another --library"
    )]
    CatalogTooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("no trip named {name:?} (see `lanyard trips`)")]
    TripNotFound { name: String },
    #[error("no photo with id {id}")]
    PhotoNotFound { id: i64 },
    #[error("trip {trip:?} has no day {number} (days run 1 to {last})")]
    DayNotFound {
        trip: String,
        number: i64,
        last: i64,
    },
    #[error("trip {trip:?} has no photos from a camera named {camera:?}; its cameras are: {}", known.join(", "))]
    UnknownCamera {
        trip: String,
        camera: String,
        known: Vec<String>,
    },
    #[error("unknown time zone {name:?}: use an IANA name such as Europe/Paris")]
    UnknownTimeZone { name: String },
    #[error("invalid {what} {value:?}: {hint}")]
    InvalidInput {
        what: &'static str,
        value: String,
        hint: &'static str,
    },
    #[error("cancelled")]
    Cancelled,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
