//! One photo → its trip-local time and day. Known instants are converted into the trip's zone;
//! a camera's wall-clock reading is first turned into an instant by that camera's clock (a
//! fixed UTC offset, a zone it follows, or the trip's own zone by default), then shown in the
//! trip's zone, so photos on both sides of a DST change come out right. The day-start rule
//! picks the day in local time. Pure.

use super::zone::resolve_zone;
use crate::model::{CameraClock, Photo, TimeSource, Trip};
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp, ZonedDateTime};

/// Where a photo sits in trip-local time.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Local {
    /// Date and time in the trip's zone.
    Timed(ZonedDateTime),
    /// Only the date is known (`filename-date`).
    DateOnly(Date),
    /// No capture time at all.
    Unknown,
}

/// A photo's trip-local time, and how far its camera's clock moved the reading, if any.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Placement {
    pub local: Local,
    /// Local wall time minus the camera's reading, when a clock other than the default read it
    /// (never for known instants). Across a DST change this differs on each side.
    pub shifted_by: Option<SignedDuration>,
}

impl Placement {
    /// The trip day: the local date, or the day before when the local time is earlier than
    /// `day_start` (04:00 by default: a photo at 00:40 belongs to the evening before).
    pub fn day(&self, day_start: Time) -> Option<Date> {
        match &self.local {
            Local::Timed(zdt) => day_of(zdt, day_start),
            Local::DateOnly(date) => Some(*date),
            Local::Unknown => None,
        }
    }

    /// The instant, when the time of day is known.
    pub fn instant(&self) -> Option<Timestamp> {
        match &self.local {
            Local::Timed(zdt) => Some(zdt.timestamp()),
            _ => None,
        }
    }
}

/// The trip day of a local time under the day-start rule.
pub(crate) fn day_of(zdt: &ZonedDateTime, day_start: Time) -> Option<Date> {
    let date = zdt.date();
    if zdt.time() < day_start {
        date.yesterday().ok()
    } else {
        Some(date)
    }
}

/// Places one photo in `tz` with the trip's camera clocks.
pub(crate) fn place(photo: &Photo, trip: &Trip, tz: &TimeZone) -> Placement {
    let unplaced = Placement {
        local: Local::Unknown,
        shifted_by: None,
    };
    let Some(capture) = &photo.capture else {
        return unplaced;
    };
    let Some(wall) = capture.wall() else {
        return Placement {
            local: Local::DateOnly(capture.date),
            shifted_by: None,
        };
    };
    if !capture.source.is_wall_clock() {
        if let Some(instant) = capture.instant() {
            return Placement {
                local: Local::Timed(instant.to_zoned_datetime(tz.clone())),
                shifted_by: None,
            };
        }
        // A source that should carry an offset but does not: the best reading is the wall
        // clock as trip-local. It is still not a camera wall clock, so no clock applies.
    }
    let clock = if capture.source.is_camera_clock() {
        clock_for(photo, trip)
    } else {
        None
    };
    let Some(instant) = reading_instant(wall, clock.unwrap_or(&CameraClock::default()), tz) else {
        return unplaced;
    };
    let zdt = instant.to_zoned_datetime(tz.clone());
    let shifted_by = clock.map(|_| zdt.datetime().duration_since(wall));
    Placement {
        local: Local::Timed(zdt),
        shifted_by,
    }
}

/// The instant a camera's reading stands for under `clock`, with `trip_tz` as the trip's zone.
/// Wall clocks read in a zone resolve DST the usual way: a reading in a spring gap moves
/// forward, a reading in an autumn fold takes the earlier instant. A zone the tz database no
/// longer knows reads as the trip's zone. `None` only past year 9999.
pub fn reading_instant(
    reading: DateTime,
    clock: &CameraClock,
    trip_tz: &TimeZone,
) -> Option<Timestamp> {
    let in_zone = |tz: &TimeZone, ahead: SignedDuration| {
        let wall = reading.checked_sub(ahead).ok()?;
        tz.to_ambiguous_zoned_datetime(wall)
            .compatible()
            .ok()
            .map(|z| z.timestamp())
    };
    match clock {
        CameraClock::Trip { ahead } => in_zone(trip_tz, *ahead),
        CameraClock::Fixed { offset } => offset.to_timestamp(reading).ok(),
        CameraClock::Zone { name, ahead } => match resolve_zone(name) {
            Ok(tz) => in_zone(&tz, *ahead),
            Err(_) => in_zone(trip_tz, *ahead),
        },
    }
}

/// The trip's clock for this photo's camera ("Make Model", exact match), unless it is the
/// default (so `shifted_by` only reports a real correction).
fn clock_for<'t>(photo: &Photo, trip: &'t Trip) -> Option<&'t CameraClock> {
    let camera = photo.camera()?;
    trip.clock_of(&camera).filter(|c| !c.is_default())
}

/// True for sources weaker than every other dated source: the file's modification time.
pub(crate) fn is_weak(source: TimeSource) -> bool {
    source == TimeSource::FileMtime
}
