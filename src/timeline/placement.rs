//! One photo → its trip-local time and day: known instants are converted into the trip's zone,
//! wall clocks are moved by their camera's clock shift and then read as trip-local (jiff resolves
//! DST gaps and folds), and the day-start rule picks the day. Pure.

use crate::model::{Photo, TimeSource, Trip};
use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, ZonedDateTime};

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

/// A photo's trip-local time and the shift that moved it, if any.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Placement {
    pub local: Local,
    /// The camera's clock shift, when one applied (never to known instants).
    pub shifted_by: Option<SignedDuration>,
}

impl Placement {
    /// The trip day: the local date, or the day before when the local time is earlier than
    /// `day_start` (04:00 by default: a photo at 00:40 belongs to the evening before).
    pub fn day(&self, day_start: Time) -> Option<Date> {
        match &self.local {
            Local::Timed(zdt) => {
                let date = zdt.date();
                if zdt.time() < day_start {
                    date.yesterday().ok()
                } else {
                    Some(date)
                }
            }
            Local::DateOnly(date) => Some(*date),
            Local::Unknown => None,
        }
    }
}

/// Places one photo in `tz` with the trip's camera shifts.
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
        // clock as trip-local. It is still not a camera wall clock, so no shift.
    }
    let shift = if capture.source.is_camera_clock() {
        shift_for(photo, trip)
    } else {
        None
    };
    // The shift fixes the camera's clock, which knows nothing of DST: move the civil time, then
    // let the zone resolve it (a gap moves forward, a fold takes the earlier reading).
    let (wall, shifted_by) = match shift.map(|by| (wall.checked_add(by), by)) {
        Some((Ok(moved), by)) => (moved, Some(by)),
        // Overflow past year 9999: leave the clock as the camera wrote it.
        Some((Err(_), _)) | None => (wall, None),
    };
    match tz.to_ambiguous_zoned_datetime(wall).compatible() {
        Ok(zdt) => Placement {
            local: Local::Timed(zdt),
            shifted_by,
        },
        Err(_) => unplaced,
    }
}

/// The trip's shift for this photo's camera ("Make Model", exact match). Zero shifts are ignored
/// so `shifted_by` only reports a real move; the first matching entry wins.
fn shift_for(photo: &Photo, trip: &Trip) -> Option<SignedDuration> {
    let camera = photo.camera()?;
    trip.shifts
        .iter()
        .find(|s| s.camera == camera)
        .map(|s| s.by)
        .filter(|by| !by.is_zero())
}

/// True for sources weaker than every other dated source: the file's modification time.
pub(crate) fn is_weak(source: TimeSource) -> bool {
    source == TimeSource::FileMtime
}
