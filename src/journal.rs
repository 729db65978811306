//! The journal: one library's catalog and thumbnails behind the operations a person performs
//! (import, list trips, read a timeline, caption, title a day, fix a camera clock). The CLI and
//! the app each call one of these per command, so both doors behave the same.

use crate::catalog::{Catalog, TripSummary};
use crate::import::{self, ImportEvent, ImportOptions, ImportReport};
use crate::library::Library;
use crate::model::Trip;
use crate::timeline::{self, Timeline};
use crate::{Error, Result};
use std::sync::atomic::AtomicBool;

/// An open library.
pub struct Journal {
    library: Library,
    catalog: Catalog,
}

/// Changes to a trip's settings; `None` leaves a setting as it is.
#[derive(Debug, Clone, Default)]
pub struct TripChanges {
    /// A zone name (IANA or "+05:30"), or "auto" to go back to detecting it from the photos.
    pub timezone: Option<String>,
    /// "HH:MM".
    pub day_start: Option<String>,
    pub rename: Option<String>,
}

impl Journal {
    pub fn open(library: Library) -> Result<Journal> {
        let catalog = library.open_catalog()?;
        Ok(Journal { library, catalog })
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

    pub fn trips(&self) -> Result<Vec<TripSummary>> {
        self.catalog.trips()
    }

    /// Creates the trip if needed and applies the changes. Returns the trip as stored.
    pub fn configure_trip(&mut self, name: &str, changes: &TripChanges) -> Result<Trip> {
        let trip = self.catalog.ensure_trip(name)?;
        if let Some(zone) = changes.timezone.as_deref() {
            if zone.eq_ignore_ascii_case("auto") {
                self.catalog.set_timezone(trip.id, None)?;
            } else {
                timeline::resolve_zone(zone)?;
                self.catalog.set_timezone(trip.id, Some(zone))?;
            }
        }
        if let Some(day_start) = changes.day_start.as_deref() {
            let day_start = timeline::parse_day_start(day_start)?;
            self.catalog.set_day_start(trip.id, day_start)?;
        }
        let mut name = trip.name;
        if let Some(new_name) = changes.rename.as_deref() {
            self.catalog.rename_trip(trip.id, new_name)?;
            name = new_name.trim().to_string();
        }
        self.catalog.trip(&name)
    }

    /// The trip laid out by day, with titles, notes and the effective zone.
    pub fn timeline(&self, trip: &str) -> Result<Timeline> {
        let trip = self.catalog.trip(trip)?;
        let photos = self.catalog.photos_of_trip(trip.id)?;
        let texts = self.catalog.day_texts(trip.id)?;
        Ok(timeline::build(&photos, &trip, &texts))
    }

    /// Sets a camera's clock shift ("-3h30m"; "0" removes it). The camera is named as the
    /// timeline shows it ("Canon EOS RP") or as make + model ("Canon Canon EOS RP"), any case.
    pub fn set_shift(&mut self, trip: &str, camera: &str, by: &str) -> Result<Trip> {
        let by = timeline::parse_shift(by)?;
        let trip = self.catalog.trip(trip)?;
        let photos = self.catalog.photos_of_trip(trip.id)?;
        let wanted = camera.trim().to_lowercase();
        let mut cameras: Vec<String> = photos.iter().filter_map(|p| p.camera()).collect();
        cameras.sort();
        cameras.dedup();
        let found = photos.iter().find_map(|p| {
            let name = p.camera()?;
            let raw = format!(
                "{} {}",
                p.make.as_deref().unwrap_or("").trim(),
                p.model.as_deref().unwrap_or("").trim()
            );
            (name.to_lowercase() == wanted || raw.trim().to_lowercase() == wanted).then_some(name)
        });
        let Some(name) = found else {
            return Err(Error::UnknownCamera {
                trip: trip.name,
                camera: camera.to_string(),
                known: cameras,
            });
        };
        self.catalog.set_shift(trip.id, &name, by)?;
        self.catalog.trip(&trip.name)
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

    /// Titles day `number` (1 = the trip's first day) of a trip.
    pub fn set_day_title(&mut self, trip: &str, number: i64, title: &str) -> Result<()> {
        let (trip_id, date) = self.day_date(trip, number)?;
        self.catalog.set_day_title(trip_id, date, title)
    }

    pub fn set_day_notes(&mut self, trip: &str, number: i64, notes: &str) -> Result<()> {
        let (trip_id, date) = self.day_date(trip, number)?;
        self.catalog.set_day_notes(trip_id, date, notes)
    }

    fn day_date(&self, trip_name: &str, number: i64) -> Result<(i64, jiff::civil::Date)> {
        let trip = self.catalog.trip(trip_name)?;
        let timeline = self.timeline(trip_name)?;
        let last = timeline.days.len() as i64;
        timeline
            .days
            .iter()
            .find(|d| d.number == number)
            .map(|d| (trip.id, d.date))
            .ok_or(Error::DayNotFound {
                trip: trip.name,
                number,
                last,
            })
    }
}
