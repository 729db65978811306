//! A trip's layout settings as the app's settings panel shows them (effective zone, day start,
//! cameras with photo counts and clocks), which photos a change would move to another day, and
//! applying a change in one transaction. Every value is checked before anything is written.

use super::Journal;
use crate::catalog::name_taken;
use crate::model::{
    clock_for_people, format_clock, format_day_start, format_shift, parse_clock, parse_day_start,
    parse_shift, CameraClock, ClockSetting, Photo, Trip,
};
use crate::timeline::{self, Timeline};
use crate::{Error, Result};
use jiff::civil::Date;
use serde::{Deserialize, Serialize, Serializer};
use std::collections::{BTreeMap, HashMap};

/// The settings panel.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TripSettings {
    pub name: String,
    /// The zone the timeline uses: the trip's own, else the detected one, else "UTC".
    pub timezone: String,
    pub timezone_detected: bool,
    /// The zone the user set; `None` when it is detected.
    pub timezone_set: Option<String>,
    /// "04:00".
    pub day_start: String,
    /// By name.
    pub cameras: Vec<CameraSettings>,
}

/// One camera of the trip. Cameras with a clock but no photos (left from photos since moved
/// or deleted) are listed too, with a count of 0, so their clock can be removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CameraSettings {
    /// As the timeline names it ("Canon EOS RP").
    pub camera: String,
    pub photo_count: usize,
    /// Photos whose time its clock reads (no offset in the file); 0 for a phone that writes
    /// offsets, whose clock setting changes nothing.
    pub clock_photos: usize,
    /// "trip", "+01:03:10", "America/Chicago", "trip+3m": as typed and stored.
    pub clock: String,
    /// For people: "the trip's time", "UTC+01:03:10".
    pub clock_text: String,
    /// What the clock adds to the camera's median reading to get local time ("+6h",
    /// "-7h3m10s"); `None` for the trip's time or a camera without readings.
    pub shift: Option<String>,
}

/// A change to a trip's settings, from the app's settings panel or the CLI's `trip`, `shift`
/// and rename; `None` leaves a setting as it is. Every door goes through
/// [`Journal::apply_settings`], so every value is checked the same way.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingsChange {
    /// A new name for the trip (trimmed; it must not be blank or another trip's).
    #[serde(default)]
    pub name: Option<String>,
    /// An IANA name (or "+05:30"), or "auto" to detect the zone from the photos again.
    #[serde(default)]
    pub timezone: Option<String>,
    /// "HH:MM".
    #[serde(default)]
    pub day_start: Option<String>,
    /// Per camera; cameras not listed keep their clock.
    #[serde(default)]
    pub shifts: Option<Vec<ShiftChange>>,
}

/// A camera's new clock: either a clock, or a shift that is turned into the clock it stands
/// for at the camera's median photo.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShiftChange {
    /// As the timeline names it, or as make + model, any case.
    pub camera: String,
    /// "+6h", "-3h30m": add this to the camera's reading to get local time; "0" resets the
    /// camera to the trip's time.
    #[serde(default)]
    pub by: Option<String>,
    /// "+01:03:10", "-05:00", "Europe/Berlin", "trip" (see `model::parse_clock`). Also
    /// accepts a shift ("+6h"), so one field can take either.
    #[serde(default)]
    pub clock: Option<String>,
}

/// A photo that a change would move to another day (or in or out of "Undated").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Move {
    pub id: i64,
    pub file_name: String,
    /// Day number and trip-local date before the change; `None` when undated.
    pub from_day: Option<i64>,
    #[serde(serialize_with = "opt_date_text")]
    pub from_date: Option<Date>,
    /// Day number and date after the change; numbers may shift when the first day changes.
    pub to_day: Option<i64>,
    #[serde(serialize_with = "opt_date_text")]
    pub to_date: Option<Date>,
    /// For people: "Day 1 · 17 May", or "Undated".
    pub from_text: String,
    pub to_text: String,
}

fn opt_date_text<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => s.collect_str(date),
        None => s.serialize_none(),
    }
}

impl Journal {
    /// The settings panel of a trip.
    pub fn trip_settings(&self, trip: &str) -> Result<TripSettings> {
        let trip = self.catalog.trip(trip)?;
        let photos = self.catalog.photos_of_trip(trip.id)?;
        let zone = timeline::effective_zone(&photos, &trip);
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for camera in photos.iter().filter_map(Photo::camera) {
            *counts.entry(camera).or_default() += 1;
        }
        for setting in &trip.clocks {
            counts.entry(setting.camera.clone()).or_default();
        }
        let default = CameraClock::default();
        let cameras = counts
            .into_iter()
            .map(|(camera, photo_count)| {
                let clock = trip.clock_of(&camera).unwrap_or(&default);
                let shift = (!clock.is_default())
                    .then(|| timeline::shift_of_clock(&photos, &trip, &camera, clock))
                    .flatten()
                    .map(format_shift);
                CameraSettings {
                    clock_photos: timeline::camera_readings(&photos, &camera).len(),
                    clock: format_clock(clock),
                    clock_text: clock_for_people(clock),
                    shift,
                    camera,
                    photo_count,
                }
            })
            .collect();
        Ok(TripSettings {
            name: trip.name,
            timezone: zone.name,
            timezone_detected: zone.detected,
            timezone_set: trip.timezone,
            day_start: format_day_start(trip.day_start),
            cameras,
        })
    }

    /// The photos that `change` would move to another day, in the order the trip's photos were
    /// imported. Nothing is written.
    pub fn preview_settings(&self, trip: &str, change: &SettingsChange) -> Result<Vec<Move>> {
        let before = self.catalog.trip(trip)?;
        let photos = self.catalog.photos_of_trip(before.id)?;
        let after = changed(&before, &photos, change)?;
        let moved = timeline::moved_photos(&photos, &before, &after);
        if moved.is_empty() {
            return Ok(Vec::new());
        }
        let no_texts = BTreeMap::new();
        let numbers = |trip: &Trip| day_numbers(&timeline::build(&photos, trip, &no_texts));
        let (old_numbers, new_numbers) = (numbers(&before), numbers(&after));
        let names: HashMap<i64, String> = photos.iter().map(|p| (p.id, p.file_name())).collect();
        Ok(moved
            .into_iter()
            .map(|(id, from, to)| {
                let from_day = from.and_then(|d| old_numbers.get(&d).copied());
                let to_day = to.and_then(|d| new_numbers.get(&d).copied());
                Move {
                    id,
                    file_name: names.get(&id).cloned().unwrap_or_default(),
                    from_day,
                    from_date: from,
                    to_day,
                    to_date: to,
                    from_text: day_text(from_day, from),
                    to_text: day_text(to_day, to),
                }
            })
            .collect())
    }

    /// Applies `change` (name, zone, day start, shifts) in one transaction, after checking all
    /// of it, and returns the new settings.
    pub fn apply_settings(&mut self, trip: &str, change: &SettingsChange) -> Result<TripSettings> {
        let after = self.change_trip(trip, change)?;
        self.trip_settings(&after.name)
    }

    /// The one path by which a trip's settings change: checked, then written together.
    pub(super) fn change_trip(&mut self, trip: &str, change: &SettingsChange) -> Result<Trip> {
        let before = self.catalog.trip(trip)?;
        let photos = self.catalog.photos_of_trip(before.id)?;
        let after = changed(&before, &photos, change)?;
        if let Some(other) = self.catalog.trip_by_name(&after.name)? {
            if other.id != before.id {
                return Err(name_taken(&after.name));
            }
        }
        if after != before {
            self.catalog.save_trip(&after)?;
        }
        Ok(after)
    }
}

/// The trip as it would be after `change`, every value checked.
fn changed(trip: &Trip, photos: &[Photo], change: &SettingsChange) -> Result<Trip> {
    let mut after = trip.clone();
    if let Some(name) = change.name.as_deref() {
        after.name = name.trim().to_string();
        if after.name.is_empty() {
            return Err(Error::InvalidInput {
                what: "trip name",
                value: name.to_string(),
                hint: "a trip needs a name",
            });
        }
    }
    if let Some(zone) = change.timezone.as_deref() {
        let zone = zone.trim();
        after.timezone = if zone.eq_ignore_ascii_case("auto") {
            None
        } else {
            timeline::resolve_zone(zone)?;
            Some(zone.to_string())
        };
    }
    if let Some(day_start) = change.day_start.as_deref() {
        after.day_start = parse_day_start(day_start)?;
    }
    for change in change.shifts.iter().flatten() {
        let camera = find_camera(photos, trip, &change.camera)?;
        // Shifts are read against the trip as changed so far (its zone, say).
        let clock = new_clock(photos, &after, &camera, change)?;
        after.clocks.retain(|s| s.camera != camera);
        if !clock.is_default() {
            after.clocks.push(ClockSetting { camera, clock });
        }
    }
    after.clocks.sort_by(|a, b| a.camera.cmp(&b.camera));
    Ok(after)
}

/// The clock a camera change asks for, checked: a zone must exist.
fn new_clock(
    photos: &[Photo],
    trip: &Trip,
    camera: &str,
    change: &ShiftChange,
) -> Result<CameraClock> {
    let clock = match (change.by.as_deref(), change.clock.as_deref()) {
        (Some(by), None) => timeline::clock_for_shift(photos, trip, camera, parse_shift(by)?),
        // A shift has units ("+6h"), an offset clock has colons ("+01:00"): no overlap.
        (None, Some(text)) => match parse_shift(text) {
            Ok(by) => timeline::clock_for_shift(photos, trip, camera, by),
            Err(_) => parse_clock(text)?,
        },
        _ => {
            return Err(Error::InvalidInput {
                what: "camera clock",
                value: change.camera.clone(),
                hint: "give either a clock or a shift for the camera",
            })
        }
    };
    if let CameraClock::Zone { name, .. } = &clock {
        timeline::resolve_zone(name)?;
    }
    Ok(clock)
}

/// "Day 2 · 17 May", or "Undated".
fn day_text(number: Option<i64>, date: Option<Date>) -> String {
    match (number, date) {
        (Some(n), Some(d)) => format!("Day {n} · {}", crate::model::short_date(d)),
        (None, Some(d)) => crate::model::short_date(d),
        _ => "Undated".to_string(),
    }
}

/// Date → day number.
fn day_numbers(timeline: &Timeline) -> HashMap<Date, i64> {
    timeline.days.iter().map(|d| (d.date, d.number)).collect()
}

/// The camera name a shift is stored under, for a camera named as the timeline shows it
/// ("Canon EOS RP") or as make + model ("Canon Canon EOS RP"), any case. A camera that only has
/// a stored shift (no photos any more) can be named too, so its shift can be removed.
pub(super) fn find_camera(photos: &[Photo], trip: &Trip, camera: &str) -> Result<String> {
    let wanted = camera.trim().to_lowercase();
    let from_photos = photos.iter().find_map(|p| {
        let name = p.camera()?;
        let raw = format!(
            "{} {}",
            p.make.as_deref().unwrap_or("").trim(),
            p.model.as_deref().unwrap_or("").trim()
        );
        (name.to_lowercase() == wanted || raw.trim().to_lowercase() == wanted).then_some(name)
    });
    let from_shifts = || {
        trip.clocks
            .iter()
            .find(|s| s.camera.to_lowercase() == wanted)
            .map(|s| s.camera.clone())
    };
    from_photos.or_else(from_shifts).ok_or_else(|| {
        let mut known: Vec<String> = photos.iter().filter_map(Photo::camera).collect();
        known.sort();
        known.dedup();
        Error::UnknownCamera {
            trip: trip.name.clone(),
            camera: camera.to_string(),
            known,
        }
    })
}
