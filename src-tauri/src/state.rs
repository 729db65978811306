//! What the app keeps between commands: the library (resolved exactly as the CLI resolves it),
//! one catalog connection for quick commands, and the running import's cancel flag. An import
//! opens its own connection on its own thread, so the UI keeps reading the timeline (SQLite WAL)
//! while thumbnails are made.

use crate::ipc_error::{Code, IpcError};
use lanyard::journal::Journal;
use lanyard::library::Library;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

pub struct AppState {
    library: Library,
    /// Opened on first use, so a library the app cannot open (written by a newer Lanyard)
    /// still lets the window start and show the error.
    journal: Mutex<Option<Journal>>,
    /// Set by `cancel_import`; cleared when an import starts.
    cancel: Arc<AtomicBool>,
    /// True while an import runs; a second one is refused as `busy`.
    importing: Arc<AtomicBool>,
}

impl AppState {
    pub fn new(library: Library) -> AppState {
        AppState {
            library,
            journal: Mutex::new(None),
            cancel: Arc::new(AtomicBool::new(false)),
            importing: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Runs one quick core call on the shared connection.
    pub fn with_journal<T>(
        &self,
        call: impl FnOnce(&mut Journal) -> lanyard::Result<T>,
    ) -> Result<T, IpcError> {
        // A panic in an earlier call poisons the lock; the connection itself is still sound.
        let mut guard = self.journal.lock().unwrap_or_else(|e| e.into_inner());
        let journal = match guard.as_mut() {
            Some(journal) => journal,
            None => guard.insert(Journal::open(self.library.clone())?),
        };
        Ok(call(journal)?)
    }

    /// Claims the import slot, or `busy` when an import is running.
    pub fn start_import(&self) -> Result<ImportJob, IpcError> {
        if self
            .importing
            .compare_exchange(false, true, Ordering::AcqRel, Ordering::Acquire)
            .is_err()
        {
            return Err(IpcError::new(
                Code::Busy,
                "An import is already running; wait for it to finish or cancel it.",
            ));
        }
        self.cancel.store(false, Ordering::Release);
        Ok(ImportJob {
            library: self.library.clone(),
            cancel: Arc::clone(&self.cancel),
            importing: Arc::clone(&self.importing),
        })
    }

    pub fn cancel_import(&self) {
        self.cancel.store(true, Ordering::Release);
    }
}

/// A running import: its own connection, the shared cancel flag, and the slot it frees when
/// dropped (also when it fails or panics).
pub struct ImportJob {
    library: Library,
    cancel: Arc<AtomicBool>,
    importing: Arc<AtomicBool>,
}

impl ImportJob {
    /// Runs `call` on a fresh connection. Call it off the main thread.
    pub fn run<T>(
        self,
        call: impl FnOnce(&mut Journal, &AtomicBool) -> lanyard::Result<T>,
    ) -> Result<T, IpcError> {
        let mut journal = Journal::open(self.library.clone())?;
        Ok(call(&mut journal, &self.cancel)?)
    }
}

impl Drop for ImportJob {
    fn drop(&mut self) {
        self.importing.store(false, Ordering::Release);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_import_at_a_time_and_the_slot_frees_itself() {
        let tmp = std::env::temp_dir().join(format!("lanyard-app-state-{}", std::process::id()));
        let state = AppState::new(Library::at(&tmp));
        let job = state.start_import().unwrap();
        let busy = state.start_import().err().unwrap();
        assert_eq!(busy.code, Code::Busy);
        state.cancel_import();
        assert!(job.cancel.load(Ordering::Acquire), "cancel reaches the job");
        drop(job);
        let again = state.start_import().unwrap();
        assert!(
            !again.cancel.load(Ordering::Acquire),
            "a new import starts uncancelled"
        );
        drop(again);
        let _ = std::fs::remove_dir_all(tmp);
    }
}
