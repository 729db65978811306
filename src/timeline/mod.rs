//! Pure: photos + trip settings → numbered days in the trip's zone. No I/O, no clock: the tz
//! databases are compiled in and every input is passed in.
//!
//! - `zone`: detect a trip's zone from GPS or offsets, resolve and list zone names.
//! - `placement`: one photo → trip-local time (instants converted, wall clocks shifted then read
//!   as local) and its day under the day-start rule.
//! - `days`: the whole trip → consecutive numbered days, undated photos, day moves.
//! - `view`: the serializable result (the `timeline --json` contract).

mod days;
mod placement;
mod view;
mod zone;

pub use days::{build, moved_photos};
pub use view::{rfc3339_seconds, time_note, Day, Timeline, TimelinePhoto, TimelineTrip};
pub use zone::{detect_zone, effective_zone, resolve_zone, zone_names, EffectiveZone};

#[cfg(test)]
mod testing;
