//! Time zones: detecting a trip's zone from its photos (GPS, then UTC offsets), resolving zone
//! names with jiff's bundled database, and listing the names the app offers. Pure: the tz
//! databases are compiled in, nothing is read from disk.

use crate::model::{Photo, TimeSource, Trip};
use crate::{Error, Result};
use jiff::tz::{Offset, TimeZone, TimeZoneDatabase};
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// jiff's compiled-in database, not the system's `/usr/share/zoneinfo`: a trip must lay out the
/// same on every machine.
static TZDB: LazyLock<TimeZoneDatabase> = LazyLock::new(TimeZoneDatabase::bundled);

/// Point → zone polygons; ~60 ms to build, so once, and only when a photo has GPS.
static FINDER: LazyLock<tzf_rs::DefaultFinder> = LazyLock::new(tzf_rs::DefaultFinder::new);

/// The zone a trip's photos are laid out in.
#[derive(Debug, Clone, PartialEq)]
pub struct EffectiveZone {
    /// The name as the user set it, as detected, or "UTC".
    pub name: String,
    pub tz: TimeZone,
    /// True when the name came from the photos rather than the trip's settings.
    pub detected: bool,
}

/// The trip's zone if set (and known), else the one detected from its photos, else UTC.
/// An unknown `trip.timezone` falls through to detection: the catalog rejects unknown names when
/// they are set, so this only meets names from a newer or older tz database.
pub fn effective_zone(photos: &[Photo], trip: &Trip) -> EffectiveZone {
    if let Some(name) = trip.timezone.as_deref() {
        if let Ok(tz) = resolve_zone(name) {
            return EffectiveZone {
                name: name.to_string(),
                tz,
                detected: false,
            };
        }
    }
    if let Some(name) = detect_zone(photos) {
        if let Ok(tz) = resolve_zone(&name) {
            return EffectiveZone {
                name,
                tz,
                detected: true,
            };
        }
    }
    EffectiveZone {
        name: "UTC".to_string(),
        tz: TimeZone::UTC,
        detected: false,
    }
}

/// The most common zone among the photos: from GPS positions when any photo has one, else from
/// the UTC offsets of capture times whose instant is known from the camera (`exif-offset`,
/// `exif-gps-utc`; never `file-mtime`, which carries the computer's zone). Ties go to the
/// alphabetically first name, so the answer does not depend on the photos' order.
pub fn detect_zone(photos: &[Photo]) -> Option<String> {
    let mut by_place: BTreeMap<String, usize> = BTreeMap::new();
    for gps in photos.iter().filter_map(|p| p.gps) {
        if !plausible_position(gps.lat, gps.lon) {
            continue;
        }
        let name = FINDER.get_tz_name(gps.lon, gps.lat);
        // A name tzf knows but jiff does not would make the trip fall back to UTC; skip it.
        if !name.is_empty() && TZDB.get(name).is_ok() {
            *by_place.entry(name.to_string()).or_default() += 1;
        }
    }
    if let Some(name) = most_common(by_place) {
        return Some(name);
    }

    let mut by_offset: BTreeMap<i32, usize> = BTreeMap::new();
    for capture in photos.iter().filter_map(|p| p.capture.as_ref()) {
        if matches!(
            capture.source,
            TimeSource::ExifOffset | TimeSource::ExifGpsUtc
        ) {
            if let Some(offset) = capture.offset {
                *by_offset.entry(offset.seconds()).or_default() += 1;
            }
        }
    }
    let mut best: Option<(i32, usize)> = None;
    for (secs, count) in by_offset {
        if best.is_none_or(|(_, c)| count > c) {
            best = Some((secs, count));
        }
    }
    best.map(|(secs, _)| offset_zone_name(secs))
}

/// The zone at a position (GPS), by the zone polygons; `None` off the map or for a name the tz
/// database does not know.
pub(crate) fn zone_at(lat: f64, lon: f64) -> Option<String> {
    if !plausible_position(lat, lon) {
        return None;
    }
    let name = FINDER.get_tz_name(lon, lat);
    (!name.is_empty() && TZDB.get(name).is_ok()).then(|| name.to_string())
}

/// A zone for a name the user typed or the catalog stored: an IANA name (any case), "UTC", or a
/// fixed offset "+05:30" / "-03:00" / "+02".
pub fn resolve_zone(name: &str) -> Result<TimeZone> {
    let trimmed = name.trim();
    if trimmed.eq_ignore_ascii_case("utc") || trimmed.eq_ignore_ascii_case("z") {
        return Ok(TimeZone::UTC);
    }
    if let Some(secs) = parse_fixed_offset(trimmed) {
        if let Ok(offset) = Offset::from_seconds(secs) {
            return Ok(TimeZone::fixed(offset));
        }
    }
    TZDB.get(trimmed).map_err(|_| Error::UnknownTimeZone {
        name: name.to_string(),
    })
}

/// Every IANA zone name in the bundled database, sorted, for the app's searchable list.
pub fn zone_names() -> Vec<String> {
    let mut names: Vec<String> = TZDB.available().map(|n| n.as_str().to_string()).collect();
    names.sort();
    names.dedup();
    names
}

/// Cameras without a fix often write 0,0 ("null island"); out-of-range values are corrupt.
fn plausible_position(lat: f64, lon: f64) -> bool {
    lat.is_finite()
        && lon.is_finite()
        && (-90.0..=90.0).contains(&lat)
        && (-180.0..=180.0).contains(&lon)
        && !(lat == 0.0 && lon == 0.0)
}

fn most_common(counts: BTreeMap<String, usize>) -> Option<String> {
    let mut best: Option<(String, usize)> = None;
    // BTreeMap iterates in name order and only a strictly larger count replaces: ties keep the
    // first name.
    for (name, count) in counts {
        if best.as_ref().is_none_or(|(_, c)| count > *c) {
            best = Some((name, count));
        }
    }
    best.map(|(name, _)| name)
}

/// Whole hours become IANA's "Etc/GMT±N", whose sign is inverted (POSIX style): UTC+2 is
/// "Etc/GMT-2". IANA has them from UTC-12 to UTC+14; anything else is a fixed "+05:30".
fn offset_zone_name(secs: i32) -> String {
    if secs == 0 {
        return "Etc/GMT".to_string();
    }
    if secs % 3600 == 0 && (-12..=14).contains(&(secs / 3600)) {
        let hours = secs / 3600;
        let inverted = if hours > 0 { '-' } else { '+' };
        return format!("Etc/GMT{inverted}{}", hours.abs());
    }
    format_fixed_offset(secs)
}

/// "+05:30", "-03:00" (seconds, never seen in cameras, are dropped).
pub(crate) fn format_fixed_offset(secs: i32) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    let abs = secs.unsigned_abs();
    format!("{sign}{:02}:{:02}", abs / 3600, abs % 3600 / 60)
}

/// "+05:30", "-0330", "+02" → seconds east of UTC.
fn parse_fixed_offset(text: &str) -> Option<i32> {
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) || rest.matches(':').count() > 1 {
        return None;
    }
    let (hours, minutes) = match digits.len() {
        2 => (digits.parse::<i32>().ok()?, 0),
        4 if rest.len() == 4 || rest.as_bytes().get(2) == Some(&b':') => (
            digits[..2].parse::<i32>().ok()?,
            digits[2..].parse::<i32>().ok()?,
        ),
        _ => return None,
    };
    if hours > 18 || minutes > 59 {
        return None;
    }
    Some(sign * (hours * 3600 + minutes * 60))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Gps;
    use crate::timeline::testing::{at, photo};

    fn with_gps(id: i64, lat: f64, lon: f64) -> Photo {
        let mut p = photo(id, "a.jpg", None);
        p.gps = Some(Gps {
            lat,
            lon,
            alt: None,
        });
        p
    }

    #[test]
    fn detects_zone_from_gps() {
        type Case = (&'static str, &'static [(f64, f64)], &'static str);
        let cases: &[Case] = &[
            ("RAI Amsterdam", &[(52.3396, 4.8883)], "Europe/Amsterdam"),
            (
                "Sydney Opera House",
                &[(-33.8568, 151.2153)],
                "Australia/Sydney",
            ),
            (
                "Seattle convention centre",
                &[(47.6116, -122.3318)],
                "America/Los_Angeles",
            ),
            (
                "majority wins: two in Amsterdam, one in Sydney",
                &[(52.3396, 4.8883), (-33.8568, 151.2153), (52.37, 4.89)],
                "Europe/Amsterdam",
            ),
            (
                "null island is ignored",
                &[(0.0, 0.0), (0.0, 0.0), (52.3396, 4.8883)],
                "Europe/Amsterdam",
            ),
        ];
        for (why, points, want) in cases {
            let photos: Vec<Photo> = points
                .iter()
                .enumerate()
                .map(|(i, (lat, lon))| with_gps(i as i64, *lat, *lon))
                .collect();
            assert_eq!(detect_zone(&photos).as_deref(), Some(*want), "{why}");
        }
    }

    #[test]
    fn detects_zone_from_offsets() {
        use TimeSource::*;
        // (why, [(source, offset hours-and-minutes in seconds)], expected)
        type Case = (
            &'static str,
            &'static [(TimeSource, Option<i32>)],
            Option<&'static str>,
        );
        let cases: &[Case] = &[
            (
                "+02:00 is Etc/GMT-2 (inverted sign)",
                &[(ExifOffset, Some(7200))],
                Some("Etc/GMT-2"),
            ),
            (
                "-07:00 is Etc/GMT+7",
                &[(ExifGpsUtc, Some(-7 * 3600))],
                Some("Etc/GMT+7"),
            ),
            ("zero is Etc/GMT", &[(ExifOffset, Some(0))], Some("Etc/GMT")),
            (
                "half hours stay fixed",
                &[(ExifOffset, Some(5 * 3600 + 1800))],
                Some("+05:30"),
            ),
            (
                "negative half hours",
                &[(ExifOffset, Some(-(3 * 3600 + 1800)))],
                Some("-03:30"),
            ),
            (
                "most common offset wins",
                &[
                    (ExifOffset, Some(3600)),
                    (ExifOffset, Some(7200)),
                    (ExifGpsUtc, Some(7200)),
                ],
                Some("Etc/GMT-2"),
            ),
            (
                "file-mtime offsets are the computer's, ignored",
                &[(FileMtime, Some(7200))],
                None,
            ),
            (
                "wall clocks carry no offset",
                &[(ExifLocal, None), (Filename, None)],
                None,
            ),
            ("no photos", &[], None),
        ];
        for (why, times, want) in cases {
            let photos: Vec<Photo> = times
                .iter()
                .enumerate()
                .map(|(i, (source, offset))| {
                    let mut capture = at(*source, "2022-05-17 14:30:22");
                    capture.offset = offset.map(|s| Offset::from_seconds(s).unwrap());
                    photo(i as i64, "a.jpg", Some(capture))
                })
                .collect();
            assert_eq!(detect_zone(&photos).as_deref(), *want, "{why}");
        }
    }

    #[test]
    fn gps_wins_over_offsets() {
        let mut capture = at(TimeSource::ExifOffset, "2022-05-17 14:30:22");
        capture.offset = Some(Offset::constant(9));
        let mut p = photo(1, "a.jpg", Some(capture));
        p.gps = Some(Gps {
            lat: 52.3396,
            lon: 4.8883,
            alt: None,
        });
        let other = with_gps(2, 52.3396, 4.8883);
        let mut tokyo = photo(
            3,
            "b.jpg",
            Some(at(TimeSource::ExifOffset, "2022-05-17 14:30:22")),
        );
        tokyo.capture.as_mut().unwrap().offset = Some(Offset::constant(9));
        assert_eq!(
            detect_zone(&[p, other, tokyo]).as_deref(),
            Some("Europe/Amsterdam")
        );
    }

    #[test]
    fn resolves_zone_names() {
        let cases: &[(&str, Option<&str>)] = &[
            ("Europe/Amsterdam", Some("2022-07-01T12:00:00+02:00")),
            ("europe/amsterdam", Some("2022-07-01T12:00:00+02:00")),
            ("America/New_York", Some("2022-07-01T12:00:00-04:00")),
            ("Etc/GMT-2", Some("2022-07-01T12:00:00+02:00")),
            ("UTC", Some("2022-07-01T12:00:00+00:00")),
            ("utc", Some("2022-07-01T12:00:00+00:00")),
            ("+05:30", Some("2022-07-01T12:00:00+05:30")),
            ("-03:00", Some("2022-07-01T12:00:00-03:00")),
            ("+0545", Some("2022-07-01T12:00:00+05:45")),
            ("+02", Some("2022-07-01T12:00:00+02:00")),
            ("Mars/Olympus_Mons", None),
            ("", None),
            ("+25:00", None),
            ("+05:3", None),
            ("05:30", None),
        ];
        let noon = jiff::civil::date(2022, 7, 1).at(12, 0, 0, 0);
        for (name, want) in cases {
            match (resolve_zone(name), want) {
                (Ok(tz), Some(want)) => {
                    let zdt = tz.to_zoned_datetime(noon).unwrap();
                    let offset = format_fixed_offset(zdt.offset().seconds());
                    assert_eq!(
                        format!("{}{offset}", zdt.strftime("%Y-%m-%dT%H:%M:%S")),
                        *want,
                        "{name}"
                    );
                }
                (Err(Error::UnknownTimeZone { name: got }), None) => assert_eq!(got, *name),
                (got, want) => panic!("{name:?}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn lists_zone_names() {
        let names = zone_names();
        for want in [
            "Europe/Amsterdam",
            "America/New_York",
            "Australia/Sydney",
            "Etc/GMT-2",
            "UTC",
        ] {
            assert!(names.iter().any(|n| n == want), "{want} missing");
        }
        assert!(
            names.windows(2).all(|w| w[0] < w[1]),
            "sorted, no duplicates"
        );
    }
}
