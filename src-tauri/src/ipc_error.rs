//! The one error every command returns: `{ "code": "...", "message": "..." }`. The UI shows
//! `message` and switches only on `code`, so codes are few and stable (see IPC.md).

use lanyard::Error;
use serde::Serialize;

/// What kind of failure, for the UI to branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    /// The trip, photo or day is gone.
    NotFound,
    /// A bad zone, shift, day start, date or name.
    InvalidInput,
    /// The library was written by a newer Lanyard.
    CatalogTooNew,
    /// An import or export is already running.
    Busy,
    /// The export folder cannot be used: not empty and not a Lanyard export, a file, or an
    /// export whose record of files is unreadable. The UI asks for another folder.
    ExportFolderNotOurs,
    /// The user cancelled the job (an export; a cancelled import still returns its report).
    Cancelled,
    /// A file could not be read or written.
    Io,
    Internal,
}

/// A failed command as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct IpcError {
    pub code: Code,
    /// A sentence for a person.
    pub message: String,
}

impl IpcError {
    pub fn new(code: Code, message: impl Into<String>) -> IpcError {
        IpcError {
            code,
            message: message.into(),
        }
    }
}

impl From<Error> for IpcError {
    fn from(err: Error) -> IpcError {
        let code = match &err {
            Error::TripNotFound { .. }
            | Error::PhotoNotFound { .. }
            | Error::DayNotFound { .. }
            | Error::SessionNotFound { .. }
            | Error::PersonNotFound { .. } => Code::NotFound,
            Error::UnknownCamera { .. }
            | Error::UnknownTimeZone { .. }
            | Error::InvalidInput { .. }
            | Error::NotAnAgenda { .. }
            | Error::NothingToExport { .. } => Code::InvalidInput,
            Error::ExportFolderNotOurs { .. }
            | Error::ExportFolderIsFile { .. }
            | Error::ExportManifestBroken { .. } => Code::ExportFolderNotOurs,
            Error::CatalogTooNew { .. } => Code::CatalogTooNew,
            Error::Read { .. } | Error::Write { .. } => Code::Io,
            Error::Cancelled => Code::Cancelled,
            Error::Catalog { .. } | Error::Render { .. } => Code::Internal,
        };
        // The core's messages name CLI commands in two places; the app words those for a window.
        let message = match &err {
            Error::TripNotFound { name } => format!("There is no trip named {name:?} any more."),
            Error::CatalogTooNew { path, found, known } => format!(
                "The library {} was written by a newer Lanyard (schema {found}; this one knows up \
                 to {known}). It was left untouched: use a newer Lanyard.",
                path.display()
            ),
            Error::ExportFolderNotOurs { path } => format!(
                "The folder {} is not empty and was not made by a Lanyard export. Choose an empty \
                 or new folder, so nothing of yours is overwritten.",
                path.display()
            ),
            Error::ExportFolderIsFile { path } => format!(
                "{} is a file, not a folder. Choose a folder to export into.",
                path.display()
            ),
            Error::Cancelled => "Cancelled.".to_string(),
            _ => err.to_string(),
        };
        IpcError { code, message }
    }
}

impl From<tauri::Error> for IpcError {
    fn from(err: tauri::Error) -> IpcError {
        IpcError::new(Code::Internal, err.to_string())
    }
}

impl From<tauri_plugin_opener::Error> for IpcError {
    fn from(err: tauri_plugin_opener::Error) -> IpcError {
        IpcError::new(Code::Io, err.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn core_errors_become_codes_and_sentences() {
        let cases = [
            (Error::PhotoNotFound { id: 7 }, "not_found"),
            (
                Error::TripNotFound {
                    name: "Conf".into(),
                },
                "not_found",
            ),
            (
                Error::UnknownTimeZone {
                    name: "Mars/Base".into(),
                },
                "invalid_input",
            ),
            (
                Error::InvalidInput {
                    what: "day start",
                    value: "25:00".into(),
                    hint: "use a time of day such as 04:00",
                },
                "invalid_input",
            ),
            (
                Error::CatalogTooNew {
                    path: "/lib/catalog.sqlite".into(),
                    found: 9,
                    known: 1,
                },
                "catalog_too_new",
            ),
            (
                Error::Read {
                    path: "/x.jpg".into(),
                    source: std::io::Error::other("gone"),
                },
                "io",
            ),
            (Error::Cancelled, "cancelled"),
            (
                Error::ExportFolderNotOurs {
                    path: "/home/me/Documents".into(),
                },
                "export_folder_not_ours",
            ),
            (
                Error::ExportFolderIsFile {
                    path: "/home/me/notes.txt".into(),
                },
                "export_folder_not_ours",
            ),
            (
                Error::NothingToExport {
                    trip: "Conf".into(),
                    why: "every photo is hidden".into(),
                },
                "invalid_input",
            ),
        ];
        for (err, code) in cases {
            let json = serde_json::to_value(IpcError::from(err)).unwrap();
            assert_eq!(json["code"], code, "{json}");
            let message = json["message"].as_str().unwrap();
            assert!(
                !message.is_empty() && !message.contains("lanyard trips"),
                "{json}"
            );
            assert_eq!(json.as_object().unwrap().len(), 2, "only code and message");
        }
        assert_eq!(
            serde_json::to_value(IpcError::new(Code::Busy, "An import is already running."))
                .unwrap(),
            json!({"code": "busy", "message": "An import is already running."})
        );
    }
}
