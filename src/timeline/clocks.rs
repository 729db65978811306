//! Camera clocks against the trip's zone: which readings belong to a camera, the clock that a
//! shift ("add 6 h to the camera's reading") stands for, and the shift a clock amounts to, both
//! at the camera's median photo. Pure.

use super::placement::reading_instant;
use super::zone::effective_zone;
use crate::model::{CameraClock, Photo, Trip};
use jiff::civil::DateTime;
use jiff::tz::{Offset, TimeZone};
use jiff::SignedDuration;

/// The wall-clock readings of `camera`'s photos that its clock applies to (EXIF times without
/// an offset, times from file names), in photo order.
pub fn camera_readings(photos: &[Photo], camera: &str) -> Vec<DateTime> {
    photos
        .iter()
        .filter(|p| p.camera().as_deref() == Some(camera))
        .filter_map(|p| {
            let capture = p.capture.as_ref()?;
            capture
                .source
                .is_camera_clock()
                .then(|| capture.wall())
                .flatten()
        })
        .collect()
}

/// The middle reading (the later of the two middle ones), `None` without readings.
fn median(mut readings: Vec<DateTime>) -> Option<DateTime> {
    readings.sort();
    readings.get(readings.len() / 2).copied()
}

/// The clock for "add `by` to this camera's reading to get local time", as it holds at the
/// camera's median photo: a camera ticks at one fixed offset, so the shift becomes the fixed
/// clock that gives the same local time there, and photos on the other side of a DST change
/// come out right too. A zero shift is the default clock (the trip's time). A camera without
/// readings keeps the shift as drift against the trip's time.
pub fn clock_for_shift(
    photos: &[Photo],
    trip: &Trip,
    camera: &str,
    by: SignedDuration,
) -> CameraClock {
    if by.is_zero() {
        return CameraClock::default();
    }
    let drift = CameraClock::Trip { ahead: -by };
    let Some(reading) = median(camera_readings(photos, camera)) else {
        return drift;
    };
    let tz = effective_zone(photos, trip).tz;
    let fixed = reading.checked_add(by).ok().and_then(|local| {
        let offset = tz
            .to_ambiguous_zoned_datetime(local)
            .compatible()
            .ok()?
            .offset();
        let secs = i64::from(offset.seconds()) - by.as_secs();
        Offset::from_seconds(i32::try_from(secs).ok()?).ok()
    });
    match fixed {
        Some(offset) => CameraClock::Fixed { offset },
        None => drift,
    }
}

/// What `clock` adds to the camera's median reading to give local time in the trip's zone:
/// the shift a person would type for it. `None` for a camera without readings.
pub fn shift_of_clock(
    photos: &[Photo],
    trip: &Trip,
    camera: &str,
    clock: &CameraClock,
) -> Option<SignedDuration> {
    let reading = median(camera_readings(photos, camera))?;
    let tz: TimeZone = effective_zone(photos, trip).tz;
    let instant = reading_instant(reading, clock, &tz)?;
    Some(
        instant
            .to_zoned_datetime(tz)
            .datetime()
            .duration_since(reading),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{parse_clock, TimeSource};
    use crate::timeline::testing::{at, at_offset, photo};

    fn canon(id: i64, text: &str) -> Photo {
        let mut p = photo(id, "c.jpg", Some(at(TimeSource::ExifLocal, text)));
        p.make = Some("Canon".into());
        p.model = Some("Canon EOS RP".into());
        p
    }

    fn chicago() -> Trip {
        Trip {
            id: 1,
            name: "KubeCon NA".into(),
            timezone: Some("America/Chicago".into()),
            day_start: jiff::civil::Time::constant(4, 0, 0, 0),
            clocks: Vec::new(),
        }
    }

    #[test]
    fn a_shift_becomes_the_fixed_clock_at_the_median_photo() {
        // A camera set to Berlin (CET, +01:00) in Chicago; DST ends on 5 Nov 2023. The median
        // reading is after the change (CST, -06:00): "-7h" there is the clock +01:00.
        let photos = vec![
            canon(1, "2023-11-04 16:00:00"),
            canon(2, "2023-11-06 16:00:00"),
            canon(3, "2023-11-07 16:00:00"),
            // A phone with an offset is not the camera's.
            photo(
                4,
                "p.jpg",
                Some(at_offset(TimeSource::ExifOffset, "2023-11-06 09:00:00", -6)),
            ),
        ];
        let trip = chicago();
        let cases = [
            ("-7h", "+01:00"),
            ("-7h3m10s", "+01:03:10"),
            ("+0m", "trip"),
            ("-6h", "+00:00"),
        ];
        for (by, want) in cases {
            let by = crate::model::parse_shift(by).unwrap();
            let clock = clock_for_shift(&photos, &trip, "Canon EOS RP", by);
            assert_eq!(clock, parse_clock(want).unwrap(), "{by:?}");
            if !by.is_zero() {
                assert_eq!(
                    shift_of_clock(&photos, &trip, "Canon EOS RP", &clock),
                    Some(by),
                    "{by:?} round-trips at the median photo"
                );
            }
        }
        assert_eq!(
            clock_for_shift(&photos, &trip, "Nikon Z6", SignedDuration::from_hours(2)),
            CameraClock::Trip {
                ahead: SignedDuration::from_hours(-2)
            },
            "no readings: the shift is kept as drift"
        );
    }
}
