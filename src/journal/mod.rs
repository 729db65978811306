//! The journal: one library's catalog and thumbnails behind the operations a person performs
//! (import, list trips, read a timeline, caption, title a day, fix a camera clock). The CLI and
//! the app each call one of these per command, so both doors behave the same. No printing, no
//! UI types: everything returned here serializes to the app's IPC contract as it is.
//!
//! - `agenda`: conference agendas, attendance, session notes, people met and tagged.
//! - `calibration`: camera clock suggestions from shared moments, dismissing them.
//! - `trips`: trip cards for the sidebar; create, rename, delete.
//! - `trip_settings`: a trip's zone, day start and camera shifts; previewing and applying changes.
//! - `details`: one photo with everything the viewer's details panel shows.
//! - `previews`: previews made on demand, for a whole trip, or in the background.
//! - `sample`: the generated sample trip (Chicago, with its agenda), written into the library
//!   and imported.

mod agenda;
mod calibration;
mod details;
mod previews;
mod sample;
mod trip_settings;
mod trips;

pub use agenda::{AgendaImport, AgendaList, AgendaSession, PersonView};
pub use calibration::Calibration;
pub use details::PhotoDetails;
pub use previews::{thumb_file, BackgroundPreviews};
pub use sample::{SAMPLE_AGENDA, SAMPLE_DIR, SAMPLE_PHOTOS, SAMPLE_TRIP};
pub use trip_settings::{CameraSettings, Move, SettingsChange, ShiftChange, TripSettings};
pub use trips::TripCard;

use crate::catalog::{Catalog, TripSummary};
use crate::import::{self, ImportEvent, ImportOptions, ImportReport};
use crate::library::Library;
use crate::model::Trip;
use crate::timeline::{self, Timeline};
use crate::Result;
use jiff::civil::{Date, Time};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

/// An open library.
pub struct Journal {
    library: Library,
    catalog: Catalog,
}

impl Journal {
    pub fn open(library: Library) -> Result<Journal> {
        let catalog = library.open_catalog()?;
        let mut journal = Journal { library, catalog };
        journal.convert_old_shifts()?;
        Ok(journal)
    }

    /// Turns the clock shifts of a catalog from before camera clocks into the clocks they stand
    /// for (at each camera's median photo), once: saving the trip drops the old rows.
    fn convert_old_shifts(&mut self) -> Result<()> {
        let shifts = self.catalog.legacy_shifts()?;
        let mut trip_ids: Vec<i64> = shifts.iter().map(|(id, _, _)| *id).collect();
        trip_ids.dedup();
        for trip_id in trip_ids {
            let Some(summary) = self
                .catalog
                .trips()?
                .into_iter()
                .find(|t| t.trip.id == trip_id)
            else {
                continue;
            };
            let mut trip = summary.trip;
            let photos = self.catalog.photos_of_trip(trip.id)?;
            for (_, camera, by) in shifts.iter().filter(|(id, _, _)| *id == trip_id) {
                if trip.clock_of(camera).is_some() {
                    continue; // a clock set since wins
                }
                let clock = timeline::clock_for_shift(&photos, &trip, camera, *by);
                trip.clocks.push(crate::model::ClockSetting {
                    camera: camera.clone(),
                    clock,
                });
            }
            trip.clocks.sort_by(|a, b| a.camera.cmp(&b.camera));
            self.catalog.save_trip(&trip)?;
        }
        Ok(())
    }

    pub fn library(&self) -> &Library {
        &self.library
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    pub fn import(
        &mut self,
        options: &ImportOptions,
        cancel: &AtomicBool,
        on_event: &dyn Fn(ImportEvent),
    ) -> Result<ImportReport> {
        import::run(&self.library, &mut self.catalog, options, cancel, on_event)
    }

    /// Imports files and folders into `trip`, or, when `None`, into a trip named after the
    /// first folder (created when new). Thumbnails are made after the metadata phase.
    pub fn import_paths(
        &mut self,
        trip: Option<&str>,
        paths: &[PathBuf],
        cancel: &AtomicBool,
        on_event: &dyn Fn(ImportEvent),
    ) -> Result<ImportReport> {
        let trip = match trip.map(str::trim).filter(|t| !t.is_empty()) {
            Some(trip) => trip.to_string(),
            None => import::default_trip_name(paths),
        };
        let options = ImportOptions {
            trip,
            paths: paths.to_vec(),
            thumbnails: true,
        };
        self.import(&options, cancel, on_event)
    }

    pub fn trips(&self) -> Result<Vec<TripSummary>> {
        self.catalog.trips()
    }

    /// Creates the trip if needed and applies the changes (the CLI's `trip`). Returns the trip
    /// as stored.
    pub fn configure_trip(&mut self, name: &str, change: &SettingsChange) -> Result<Trip> {
        let trip = self.catalog.ensure_trip(name)?;
        self.change_trip(&trip.name, change)
    }

    /// The trip laid out by day, with titles, notes and the effective zone.
    pub fn timeline(&self, trip: &str) -> Result<Timeline> {
        Ok(crate::layout::lay_out(&self.catalog, trip)?.timeline)
    }

    /// Shifts a camera's clock: "add `by` (-3h30m, +6h) to its reading to get local time", as
    /// it holds at the camera's median photo, stored as the fixed clock that gives (so photos
    /// across a DST change come out right); "0" resets it to the trip's time. The camera is
    /// named as the timeline shows it ("Canon EOS RP") or as make + model, any case.
    pub fn set_shift(&mut self, trip: &str, camera: &str, by: &str) -> Result<Trip> {
        self.change_clock(
            trip,
            ShiftChange {
                camera: camera.to_string(),
                by: Some(by.to_string()),
                clock: None,
            },
        )
    }

    /// Sets a camera's clock: "+01:03:10", "-05:00", "Europe/Berlin" or "trip".
    pub fn set_clock(&mut self, trip: &str, camera: &str, clock: &str) -> Result<Trip> {
        self.change_clock(
            trip,
            ShiftChange {
                camera: camera.to_string(),
                by: None,
                clock: Some(clock.to_string()),
            },
        )
    }

    fn change_clock(&mut self, trip: &str, change: ShiftChange) -> Result<Trip> {
        let change = SettingsChange {
            shifts: Some(vec![change]),
            ..SettingsChange::default()
        };
        self.change_trip(trip, &change)
    }

    pub fn set_caption(&mut self, photo_id: i64, caption: &str) -> Result<()> {
        self.catalog.set_caption(photo_id, caption)
    }

    pub fn set_favourite(&mut self, photo_id: i64, favourite: bool) -> Result<()> {
        self.catalog.set_favourite(photo_id, favourite)
    }

    pub fn set_hidden(&mut self, photo_id: i64, hidden: bool) -> Result<()> {
        self.catalog.set_hidden(photo_id, hidden)
    }

    /// "Include in this trip" for a photo outside it (its date far from the rest): remembered,
    /// so the stray rule leaves it on its day; `false` lets the rule set it aside again.
    pub fn set_keep_in_trip(&mut self, photo_id: i64, keep: bool) -> Result<()> {
        self.catalog.set_keep_in_trip(photo_id, keep)
    }

    /// "Move to a new trip": moves photos (strays, usually) into a trip named `name`, created
    /// when new. Returns that trip's name as stored.
    pub fn move_to_trip(&mut self, photo_ids: &[i64], name: &str) -> Result<String> {
        for &id in photo_ids {
            self.catalog.photo(id)?;
        }
        let trip = self.catalog.ensure_trip(name)?;
        self.catalog.move_photos(photo_ids, trip.id)?;
        Ok(trip.name)
    }

    /// Sets a photo's date (and time of day, when known) by hand, as trip-local wall clock
    /// text: "2022-05-17" and "14:30" (or `None` for a date alone). Its time source becomes
    /// `manual`.
    pub fn set_photo_date(&mut self, photo_id: i64, date: &str, time: Option<&str>) -> Result<()> {
        let date = parse_date(date)?;
        let time = time
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(parse_time)
            .transpose()?;
        self.catalog.set_manual_time(photo_id, date, time)
    }

    /// Titles day `number` (1 = the trip's first day) of a trip.
    pub fn set_day_title(&mut self, trip: &str, number: i64, title: &str) -> Result<()> {
        let (trip_id, date) = self.day_date(trip, number)?;
        self.catalog.set_day_title(trip_id, date, title)
    }

    pub fn set_day_notes(&mut self, trip: &str, number: i64, notes: &str) -> Result<()> {
        let (trip_id, date) = self.day_date(trip, number)?;
        self.catalog.set_day_notes(trip_id, date, notes)
    }

    /// Titles a trip's day by its date ("2022-05-17"), which stays the same day when a camera
    /// clock or the day start renumbers the days: what the app's edits and their undo use.
    pub fn set_day_title_on(&mut self, trip: &str, date: &str, title: &str) -> Result<()> {
        let trip = self.catalog.trip(trip)?;
        self.catalog
            .set_day_title(trip.id, parse_date(date)?, title)
    }

    pub fn set_day_notes_on(&mut self, trip: &str, date: &str, notes: &str) -> Result<()> {
        let trip = self.catalog.trip(trip)?;
        self.catalog
            .set_day_notes(trip.id, parse_date(date)?, notes)
    }

    pub(super) fn day_date(
        &self,
        trip_name: &str,
        number: i64,
    ) -> Result<(i64, jiff::civil::Date)> {
        let trip = self.catalog.trip(trip_name)?;
        let timeline = self.timeline(trip_name)?;
        let last = timeline.days.len() as i64;
        timeline
            .days
            .iter()
            .find(|d| d.number == number)
            .map(|d| (trip.id, d.date))
            .ok_or(crate::Error::DayNotFound {
                trip: trip.name,
                number,
                last,
            })
    }
}

/// "2022-05-17".
pub(super) fn parse_date(text: &str) -> Result<Date> {
    Date::strptime("%Y-%m-%d", text.trim()).map_err(|_| crate::Error::InvalidInput {
        what: "date",
        value: text.to_string(),
        hint: "use a date such as 2022-05-17",
    })
}

/// "14:30" or "14:30:22".
fn parse_time(text: &str) -> Result<Time> {
    ["%H:%M", "%H:%M:%S"]
        .iter()
        .find_map(|format| Time::strptime(format, text).ok())
        .ok_or_else(|| crate::Error::InvalidInput {
            what: "time",
            value: text.to_string(),
            hint: "use a time of day such as 14:30",
        })
}

impl Journal {
    /// What exporting `options.trip` would publish (photo count, whether any location or
    /// personal metadata is included); writes nothing.
    pub fn export_plan(
        &self,
        options: &crate::export::ExportOptions,
    ) -> Result<crate::export::ExportPlan> {
        crate::export::plan(&self.catalog, options)
    }

    /// Exports a trip as a gallery or blog post; see [`crate::export`].
    pub fn export(
        &self,
        options: &crate::export::ExportOptions,
        cancel: &AtomicBool,
        on_event: &dyn Fn(crate::export::ExportEvent),
    ) -> Result<crate::export::ExportReport> {
        crate::export::run(&self.library, &self.catalog, options, cancel, on_event)
    }
}
