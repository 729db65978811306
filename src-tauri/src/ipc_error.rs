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
    /// An import is already running.
    Busy,
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
            | Error::DayNotFound { .. } => Code::NotFound,
            Error::UnknownCamera { .. }
            | Error::UnknownTimeZone { .. }
            | Error::InvalidInput { .. } => Code::InvalidInput,
            Error::CatalogTooNew { .. } => Code::CatalogTooNew,
            Error::Read { .. } | Error::Write { .. } => Code::Io,
            Error::Catalog { .. } | Error::Cancelled => Code::Internal,
        };
        // The core's messages name CLI commands in two places; the app words those for a window.
        let message = match &err {
            Error::TripNotFound { name } => format!("There is no trip named {name:?} any more."),
            Error::CatalogTooNew { path, found, known } => format!(
                "The library {} was written by a newer Lanyard (schema {found}; this one knows up \
                 to {known}). It was left untouched: use a newer Lanyard.",
                path.display()
            ),
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
