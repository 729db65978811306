//! One photo → its local time and day. A camera's wall-clock reading is first turned into an
//! instant by that camera's clock (a fixed UTC offset, a zone it follows, or by default the
//! local time where the traveller was), so photos on both sides of a DST change come out
//! right; every instant is then shown in the zone the photo was taken in (its GPS zone, its
//! offset, or the zone track's). The day-start rule picks the day in that local time. Pure.

use super::track::{own_zone, Zone, ZoneTrack};
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

/// Places one photo: its instant (a known one, or its camera's reading through the camera's
/// clock), then its local time in the zone it was taken in: its own (GPS, offset tag), else
/// where the traveller was then by the zone track.
pub(crate) fn place(photo: &Photo, trip: &Trip, track: &ZoneTrack) -> Placement {
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
    let in_own_zone = |at: Timestamp| {
        let zone =
            own_zone(photo, at, track.main(), Some(track)).unwrap_or_else(|| track.at(at).clone());
        Placement {
            local: Local::Timed(at.to_zoned_datetime(zone.tz)),
            shifted_by: None,
        }
    };
    if !capture.source.is_wall_clock() {
        if let Some(instant) = capture.instant() {
            return in_own_zone(instant);
        }
        // A source that should carry an offset but does not: the best reading is the wall
        // clock as local. It is still not a camera wall clock, so no clock applies.
    }
    let clock = if capture.source.is_camera_clock() {
        clock_for(photo, trip)
    } else {
        None
    };
    let instant = match clock {
        Some(CameraClock::Fixed { offset }) => offset.to_timestamp(wall).ok(),
        Some(CameraClock::Zone { name, ahead }) => match resolve_zone(name) {
            Ok(tz) => read_in(&tz, wall, *ahead),
            Err(_) => read_locally(photo, track, wall, *ahead),
        },
        Some(CameraClock::Trip { ahead }) => read_locally(photo, track, wall, *ahead),
        None => read_locally(photo, track, wall, SignedDuration::ZERO),
    };
    let Some(instant) = instant else {
        return unplaced;
    };
    let mut placement = in_own_zone(instant);
    if clock.is_some() {
        if let Local::Timed(zdt) = &placement.local {
            placement.shifted_by = Some(zdt.datetime().duration_since(wall));
        }
    }
    placement
}

/// A wall-clock reading `ahead` fast, read in `tz` (a gap moves forward, a fold takes the
/// earlier instant).
fn read_in(tz: &TimeZone, wall: DateTime, ahead: SignedDuration) -> Option<Timestamp> {
    let wall = wall.checked_sub(ahead).ok()?;
    tz.to_ambiguous_zoned_datetime(wall)
        .compatible()
        .ok()
        .map(|z| z.timestamp())
}

/// A reading of the local time where the photo was taken: in its GPS zone when it has one,
/// else in the zone the traveller was in then, found by reading it in the main zone and then
/// in the track's zone at that instant.
fn read_locally(
    photo: &Photo,
    track: &ZoneTrack,
    wall: DateTime,
    ahead: SignedDuration,
) -> Option<Timestamp> {
    if let Some(zone) = photo
        .gps
        .and_then(|g| super::zone::zone_at(g.lat, g.lon))
        .and_then(|n| Zone::named(&n))
    {
        return read_in(&zone.tz, wall, ahead);
    }
    let first = read_in(&track.main().tz, wall, ahead)?;
    // The zones the traveller was in around then, each a possible reading; a reading counts
    // when the track agrees it was in that zone then. Two can agree (a phone still on the
    // departure's time early in a flight reads as either end): the one whose last known place
    // before it was in that zone wins, as a clock keeps the time of where it last was.
    let mut zones: Vec<&Zone> = vec![track.main()];
    for zone in track.zones_near(first, SignedDuration::from_hours(48)) {
        if !zones.contains(&zone) {
            zones.push(zone);
        }
    }
    let agreeing: Vec<(Timestamp, &Zone)> = zones
        .into_iter()
        .filter_map(|zone| Some((read_in(&zone.tz, wall, ahead)?, zone)))
        .filter(|(at, zone)| track.at(*at) == *zone)
        .collect();
    let chosen = agreeing
        .iter()
        .find(|(at, zone)| track.before(*at).is_none_or(|before| before == *zone))
        .or(agreeing.first());
    match chosen {
        Some((at, _)) => Some(*at),
        // No reading agrees (right at a zone change): the nearest zone's.
        None => read_in(&track.at(first).tz, wall, ahead).or(Some(first)),
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
    match clock {
        CameraClock::Trip { ahead } => read_in(trip_tz, reading, *ahead),
        CameraClock::Fixed { offset } => offset.to_timestamp(reading).ok(),
        CameraClock::Zone { name, ahead } => match resolve_zone(name) {
            Ok(tz) => read_in(&tz, reading, *ahead),
            Err(_) => read_in(trip_tz, reading, *ahead),
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
