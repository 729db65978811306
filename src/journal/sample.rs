//! The sample trip a newcomer can try: the core's generated conference trip, written once into
//! the library (`samples/sample-trip/`) and imported like any other folder.

use super::Journal;
use crate::import::{ImportEvent, ImportReport};
use crate::sample;
use crate::{Error, Result};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

/// The trip the sample is imported into.
pub const SAMPLE_TRIP: &str = "Sample trip";

/// Where the sample's photos are written, inside the library folder.
pub const SAMPLE_DIR: &str = "samples/sample-trip";

impl Journal {
    /// Writes the generated sample photos into the library (the first time only) and imports
    /// them into the trip "Sample trip". Importing again finds them all duplicates.
    pub fn import_sample(
        &mut self,
        cancel: &AtomicBool,
        on_event: &dyn Fn(ImportEvent),
    ) -> Result<ImportReport> {
        let dir = self.sample_dir()?;
        self.import_paths(Some(SAMPLE_TRIP), &[dir], cancel, on_event)
    }

    /// The sample folder, written when missing. The photos go to a temporary sibling that is
    /// renamed into place, so an interrupted write never leaves a half sample behind.
    fn sample_dir(&self) -> Result<PathBuf> {
        let dir = self.library.dir().join(SAMPLE_DIR);
        if dir.is_dir() {
            return Ok(dir);
        }
        let tmp = dir.with_extension(format!("tmp{}", std::process::id()));
        let write_err = |source| Error::Write {
            path: tmp.clone(),
            source,
        };
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp).map_err(write_err)?;
        }
        sample::write_trip(&tmp, &sample::conference_trip()).map_err(write_err)?;
        match std::fs::rename(&tmp, &dir) {
            Ok(()) => Ok(dir),
            // Another process wrote it first: use theirs.
            Err(_) if dir.is_dir() => {
                let _ = std::fs::remove_dir_all(&tmp);
                Ok(dir)
            }
            Err(source) => Err(Error::Write { path: dir, source }),
        }
    }
}
