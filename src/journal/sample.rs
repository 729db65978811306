//! The sample trip a newcomer can try: the core's generated week in Chicago (KubeCon NA 2023,
//! the flights from and back to Berlin, two cameras with wrong clocks, a stray from another
//! year) with its conference agenda, written once into the library (`samples/chicago-trip/`)
//! and imported like any other folder and agenda files.
//!
//! The cameras' clocks are left unset on purpose: the calibration banner then suggests them,
//! which is what a newcomer should discover.

use super::{AgendaImport, Journal};
use crate::import::{ImportEvent, ImportReport};
use crate::sample;
use crate::{Error, Result};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

/// The trip the sample is imported into.
pub const SAMPLE_TRIP: &str = "Sample trip";

/// Where the sample is written, inside the library folder: the photos in
/// [`SAMPLE_PHOTOS`], the agenda files beside them in [`sample::CHICAGO_AGENDA_DIR`].
pub const SAMPLE_DIR: &str = "samples/chicago-trip";

/// The subfolder of [`SAMPLE_DIR`] holding the photos (and nothing else), the one imported.
pub const SAMPLE_PHOTOS: &str = "photos";

/// The agenda files imported after the photos, in order, and whether each is the traveller's
/// own schedule (its sessions marked attended): Sched's feed and the community day's
/// schedule, then "My Sched".
pub const SAMPLE_AGENDA: [(&str, bool); 3] = [
    ("all.ics", false),
    ("schedule.json", false),
    ("my-sched.ics", true),
];

impl Journal {
    /// Writes the generated sample into the library (the first time only), imports its photos
    /// into the trip "Sample trip", then its agenda (every session, the personal schedule
    /// marked attended). Importing again finds the photos all duplicates and updates the
    /// sessions in place. A cancelled photo import stops before the agenda.
    pub fn import_sample(
        &mut self,
        cancel: &AtomicBool,
        on_event: &dyn Fn(ImportEvent),
    ) -> Result<ImportReport> {
        let dir = self.sample_dir()?;
        let report = self.import_paths(
            Some(SAMPLE_TRIP),
            &[dir.join(SAMPLE_PHOTOS)],
            cancel,
            on_event,
        )?;
        if !report.cancelled {
            self.import_sample_agenda(&dir)?;
        }
        Ok(report)
    }

    /// Imports the sample's agenda files into "Sample trip", in [`SAMPLE_AGENDA`]'s order.
    fn import_sample_agenda(&mut self, dir: &std::path::Path) -> Result<Vec<AgendaImport>> {
        let agenda = dir.join(sample::CHICAGO_AGENDA_DIR);
        SAMPLE_AGENDA
            .iter()
            .map(|(name, mine)| self.import_agenda(SAMPLE_TRIP, &agenda.join(name), *mine))
            .collect()
    }

    /// The sample folder, written when missing. It is written into a temporary sibling that is
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
        sample::write_trip(&tmp.join(SAMPLE_PHOTOS), &sample::chicago_trip()).map_err(write_err)?;
        sample::write_chicago_agenda(&tmp).map_err(write_err)?;
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
