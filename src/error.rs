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
    #[error("cannot write {path}: {}", write_hint(source))]
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
    #[error("no session with UID {uid:?} in this trip's agenda (see `lanyard agenda list`)")]
    SessionNotFound { uid: String },
    #[error("no person named {name:?} in this trip (add them with `lanyard person add`)")]
    PersonNotFound { name: String },
    #[error("{path} is not an agenda: {reason}")]
    NotAnAgenda { path: PathBuf, reason: String },
    #[error("unknown time zone {name:?}: use an IANA name such as Europe/Paris")]
    UnknownTimeZone { name: String },
    #[error("invalid {what} {value:?}: {hint}")]
    InvalidInput {
        what: &'static str,
        value: String,
        hint: &'static str,
    },
    #[error(
        "{path} is not empty and was not made by a Lanyard export; choose an empty folder \
         (or a new one) so nothing of yours is overwritten"
    )]
    ExportFolderNotOurs { path: PathBuf },
    #[error("{path} is a file, not a folder; choose a folder to export into")]
    ExportFolderIsFile { path: PathBuf },
    #[error("{path} looks like a Lanyard export but its record of files is unreadable ({reason}); choose another folder")]
    ExportManifestBroken { path: PathBuf, reason: String },
    #[error("trip {trip:?} has nothing to export: {why}")]
    NothingToExport { trip: String, why: String },
    /// A bug in the export's templates, not something a user can fix; the message names the
    /// template and line.
    #[error("cannot render {page}: {reason}")]
    Render { page: String, reason: String },
    #[error("cancelled")]
    Cancelled,
}

/// The OS error, with the words a person acts on first when they apply.
fn write_hint(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::StorageFull => "the disk is full".to_string(),
        std::io::ErrorKind::PermissionDenied => {
            "permission denied; choose a folder you can write to".to_string()
        }
        std::io::ErrorKind::ReadOnlyFilesystem => "the disk is read-only".to_string(),
        _ => error.to_string(),
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
