//! What the app keeps between commands: the library (resolved exactly as the CLI resolves it),
//! one catalog connection for quick commands, the running long job (an import or an export) with
//! its cancel flag, the entries of the exports written in this run, and the background worker
//! that makes previews. A long job opens its own connection on its own thread, so the UI keeps
//! reading the timeline (SQLite WAL) meanwhile.

use crate::ipc_error::{Code, IpcError};
use lanyard::journal::{BackgroundPreviews, Journal};
use lanyard::library::Library;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

/// The long jobs. One runs at a time: an export taken while an import is still adding photos
/// would publish half a trip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    Import,
    Export,
}

impl JobKind {
    /// "import", "export": for messages.
    pub fn noun(self) -> &'static str {
        match self {
            JobKind::Import => "import",
            JobKind::Export => "export",
        }
    }
}

pub struct AppState {
    library: Library,
    /// Opened off the main thread (`open_journal` at start-up, else the first command), so a
    /// library the app cannot open (written by a newer Lanyard) still lets the window start and
    /// show the error.
    journal: Mutex<Option<Journal>>,
    /// The running job, if any; a second one is refused as `busy`.
    running: Arc<Mutex<Option<JobKind>>>,
    /// Set by `cancel(kind)` while a job of that kind runs; cleared when a job starts.
    cancel: Arc<AtomicBool>,
    /// `index.html` / `post.md` of every export finished in this run: the only files
    /// `open_export` opens, so the UI cannot have the app open an arbitrary path.
    exports: Mutex<HashSet<PathBuf>>,
    /// Makes the previews of imported and opened trips at low priority; stopped on quit.
    previews: Mutex<BackgroundPreviews>,
}

impl AppState {
    pub fn new(library: Library) -> AppState {
        AppState {
            previews: Mutex::new(BackgroundPreviews::start(library.clone())),
            library,
            journal: Mutex::new(None),
            running: Arc::new(Mutex::new(None)),
            cancel: Arc::new(AtomicBool::new(false)),
            exports: Mutex::new(HashSet::new()),
        }
    }

    /// Opens the catalog now, on the calling thread, unless a command already has: the app does
    /// it while the window and the page load, so the first command (the trip list, for the first
    /// view) finds it open. A library that cannot be opened is left for that command to report.
    pub fn open_journal(&self) {
        let mut guard = lock(&self.journal);
        if guard.is_none() {
            *guard = Journal::open(self.library.clone()).ok();
        }
    }

    /// Runs one quick core call on the shared connection.
    pub fn with_journal<T>(
        &self,
        call: impl FnOnce(&mut Journal) -> lanyard::Result<T>,
    ) -> Result<T, IpcError> {
        // A panic in an earlier call poisons the lock; the connection itself is still sound.
        let mut guard = lock(&self.journal);
        let journal = match guard.as_mut() {
            Some(journal) => journal,
            None => guard.insert(Journal::open(self.library.clone())?),
        };
        Ok(call(journal)?)
    }

    /// Has the trip's missing previews made in the background (after an import, when opened).
    pub fn queue_previews(&self, trip: &str) {
        lock(&self.previews).queue(trip);
    }

    /// Stops the preview worker between two photos (the app is quitting).
    pub fn stop_previews(&self) {
        lock(&self.previews).stop();
    }

    /// Claims the job slot for `kind`, or `busy` while another job runs.
    pub fn start(&self, kind: JobKind) -> Result<Job, IpcError> {
        let mut running = lock(&self.running);
        if let Some(other) = *running {
            let message = match (other, kind) {
                (JobKind::Import, JobKind::Import) => {
                    "An import is already running; wait for it to finish or cancel it."
                }
                (JobKind::Import, JobKind::Export) => {
                    "An import is running; export once it has finished, so the export has every photo."
                }
                (JobKind::Export, JobKind::Import) => {
                    "An export is running; add photos once it has finished or been cancelled."
                }
                (JobKind::Export, JobKind::Export) => {
                    "An export is already running; wait for it to finish or cancel it."
                }
            };
            return Err(IpcError::new(Code::Busy, message));
        }
        *running = Some(kind);
        self.cancel.store(false, Ordering::Release);
        Ok(Job {
            library: self.library.clone(),
            cancel: Arc::clone(&self.cancel),
            running: Arc::clone(&self.running),
        })
    }

    /// Asks the running job to stop, when it is of `kind` (Cancel in the export dialog must not
    /// stop an import started by a drop meanwhile). Otherwise nothing happens.
    pub fn cancel(&self, kind: JobKind) {
        let running = lock(&self.running);
        if *running == Some(kind) {
            self.cancel.store(true, Ordering::Release);
        }
    }

    /// Remembers the entry file of an export that has just been written.
    pub fn exported(&self, entry: &Path) {
        lock(&self.exports).insert(entry.to_path_buf());
    }

    /// `entry` when an export of this run wrote it, else `invalid_input`.
    pub fn export_entry(&self, entry: &Path) -> Result<PathBuf, IpcError> {
        if lock(&self.exports).contains(entry) {
            Ok(entry.to_path_buf())
        } else {
            Err(IpcError::new(
                Code::InvalidInput,
                format!(
                    "{} is not an export Lanyard has written; only a finished export can be opened from here.",
                    entry.display()
                ),
            ))
        }
    }
}

/// A poisoned lock (a panic in an earlier command) still guards sound data here.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// A running job: its own connection, the shared cancel flag, and the slot it frees when
/// dropped (also when it fails or panics).
pub struct Job {
    library: Library,
    cancel: Arc<AtomicBool>,
    running: Arc<Mutex<Option<JobKind>>>,
}

impl Job {
    /// Runs `call` on a fresh connection. Call it off the main thread.
    pub fn run<T>(
        self,
        call: impl FnOnce(&mut Journal, &AtomicBool) -> lanyard::Result<T>,
    ) -> Result<T, IpcError> {
        let mut journal = Journal::open(self.library.clone())?;
        Ok(call(&mut journal, &self.cancel)?)
    }
}

impl Drop for Job {
    fn drop(&mut self) {
        *lock(&self.running) = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(name: &str) -> (AppState, PathBuf) {
        let tmp =
            std::env::temp_dir().join(format!("lanyard-app-state-{name}-{}", std::process::id()));
        (AppState::new(Library::at(&tmp)), tmp)
    }

    #[test]
    fn one_job_at_a_time_and_the_slot_frees_itself() {
        let (state, tmp) = state("slot");
        let job = state.start(JobKind::Import).unwrap();
        for kind in [JobKind::Import, JobKind::Export] {
            let busy = state.start(kind).err().unwrap();
            assert_eq!(busy.code, Code::Busy, "{kind:?} during an import");
        }
        state.cancel(JobKind::Import);
        assert!(job.cancel.load(Ordering::Acquire), "cancel reaches the job");
        drop(job);
        let again = state.start(JobKind::Export).unwrap();
        assert!(
            !again.cancel.load(Ordering::Acquire),
            "a new job starts uncancelled"
        );
        drop(again);
        let _ = std::fs::remove_dir_all(tmp);
    }

    #[test]
    fn cancel_stops_only_a_job_of_its_kind() {
        let (state, tmp) = state("cancel");
        let import = state.start(JobKind::Import).unwrap();
        state.cancel(JobKind::Export);
        assert!(
            !import.cancel.load(Ordering::Acquire),
            "the export dialog's Cancel leaves an import alone"
        );
        drop(import);
        state.cancel(JobKind::Export);
        let export = state.start(JobKind::Export).unwrap();
        assert!(
            !export.cancel.load(Ordering::Acquire),
            "a cancel with nothing running does not stop the next job"
        );
        drop(export);
        let _ = std::fs::remove_dir_all(tmp);
    }

    #[test]
    fn only_entries_of_finished_exports_open() {
        let (state, tmp) = state("entries");
        let entry = Path::new("/tmp/out/index.html");
        assert_eq!(
            state.export_entry(entry).err().unwrap().code,
            Code::InvalidInput,
            "nothing exported yet"
        );
        state.exported(entry);
        assert_eq!(state.export_entry(entry).unwrap(), entry);
        for other in ["/tmp/out", "/tmp/out/day-1.html", "/etc/passwd"] {
            assert!(
                state.export_entry(Path::new(other)).is_err(),
                "{other} was not an export's entry"
            );
        }
        let _ = std::fs::remove_dir_all(tmp);
    }
}
