//! Pure: photos + trip settings → numbered days in the trip's zone. No I/O, no clock: the tz
//! databases are compiled in and every input is passed in.
//!
//! - `zone`: detect a trip's zone from GPS or offsets, resolve and list zone names.
//! - `track`: where the traveller was, zone by zone, from the photos that know it.
//! - `placement`: one photo → trip-local time (instants converted, camera readings turned into
//!   instants by their camera's clock) and its day under the day-start rule.
//! - `clocks`: camera clocks against the trip's zone (a shift as a clock, a clock as a shift).
//! - `days`: the whole trip → consecutive numbered days with their DST changes, undated
//!   photos, strays outside the trip, day moves.
//! - `view`: the serializable result (the `timeline --json` contract).

mod clocks;
mod days;
mod placement;
mod track;
mod view;
mod zone;

pub use clocks::{camera_readings, clock_for_shift, shift_of_clock};
pub use days::{build, moved_photos};
pub use placement::reading_instant;

/// The trip day of a local time: its date, or the day before when it is earlier than
/// `day_start` (a photo at 00:40 belongs to the evening before).
pub fn trip_day(
    local: &jiff::ZonedDateTime,
    day_start: jiff::civil::Time,
) -> Option<jiff::civil::Date> {
    placement::day_of(local, day_start)
}
pub use view::{
    rfc3339_seconds, time_note, ClockChange, Day, DayPerson, DaySession, SessionRef, Timeline,
    TimelinePhoto, TimelineTrip,
};
pub use zone::{detect_zone, effective_zone, resolve_zone, zone_names, EffectiveZone};

#[cfg(test)]
pub(crate) mod testing;
