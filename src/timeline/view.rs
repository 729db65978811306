//! The timeline as data for the doors: typed structs that serialize to the JSON contract printed
//! by `lanyard timeline --json` and read by the app. Field names and formats here ARE the
//! contract; change them only together with the CLI's tests and `ui/js`.

use super::zone::format_fixed_offset;
use crate::model::{clock_for_people, format_day_start, format_shift, CameraClock};
use crate::model::{ThumbState, TimeSource};
use jiff::civil::{Date, Time};
use jiff::{SignedDuration, ZonedDateTime};
use serde::{Serialize, Serializer};

/// A trip laid out by day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeline {
    pub trip: TimelineTrip,
    /// Every date from the first photo's day to the last one's, empty days included.
    pub days: Vec<Day>,
    /// Photos without a usable capture time, by file name.
    pub undated: Vec<TimelinePhoto>,
    /// Strays: dated photos far outside the bulk of the trip (a photo from another year in the
    /// same folder), in date order. They stretch no days and are never exported; each carries
    /// its own `local_time` and `date`, and `day` null.
    pub outside: Vec<TimelinePhoto>,
}

/// The trip settings the layout used.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineTrip {
    pub name: String,
    /// The effective zone: the trip's own, else the detected one, else "UTC".
    pub timezone: String,
    pub timezone_detected: bool,
    /// "04:00".
    #[serde(serialize_with = "day_start_text")]
    pub day_start: Time,
}

/// One trip day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Day {
    /// 1 for the first day with a photo; days are consecutive.
    pub number: i64,
    /// Trip-local date, "2022-05-17".
    #[serde(serialize_with = "date_text")]
    pub date: Date,
    /// The date for people: "Tue 17 May 2022".
    pub label: String,
    pub title: String,
    pub notes: String,
    /// Where the clocks change during this day, in order: the main zone's daylight saving
    /// (`kind` "dst") and the traveller moving to another zone (`kind` "zone").
    pub clock_changes: Vec<ClockChange>,
    /// The zones the day's photos were taken in, in order ("Europe/Berlin",
    /// "America/Chicago"); empty for a day without timed photos.
    pub zones: Vec<String>,
    /// The day's sessions in time order: the attended ones (from the personal schedule, marked,
    /// or inferred as the one session running when a photo was taken) and any other that a
    /// photo was put in. Empty without an agenda.
    pub sessions: Vec<DaySession>,
    /// The people met this day: marked met, or tagged on the day's photos; by name.
    pub people: Vec<DayPerson>,
    /// In capture order.
    pub photos: Vec<TimelinePhoto>,
}

/// A session on a trip day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DaySession {
    pub uid: String,
    pub title: String,
    pub speakers: Vec<crate::agenda::Speaker>,
    pub room: Option<String>,
    /// The session's page, when the agenda gives one.
    pub url: Option<String>,
    /// RFC 3339 in the trip's zone.
    pub start: String,
    pub end: String,
    /// Attended: on the personal schedule, marked, or inferred.
    pub attended: bool,
    /// Attended only because it was the one session running when a photo was taken.
    pub inferred: bool,
    /// The person's notes (Markdown).
    pub notes: String,
    /// Photo ids, in capture order.
    pub photos: Vec<i64>,
}

/// A person met on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayPerson {
    pub id: i64,
    pub name: String,
    pub link: Option<String>,
    pub org: Option<String>,
    /// "Don't publish me": shown in the app, never in an export.
    pub private: bool,
    /// Marked met (rather than only tagged on a photo).
    pub met: bool,
}

/// A session as a photo names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionRef {
    pub uid: String,
    pub title: String,
}

/// A change of the clocks between two photos: the zone's UTC offset changing (DST), or the
/// traveller arriving in another zone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClockChange {
    /// "dst" or "zone".
    pub kind: &'static str,
    /// The instant, with the offset in force from then on.
    #[serde(serialize_with = "zoned_text")]
    pub at: ZonedDateTime,
    /// How many of the day's photos come before it.
    pub index: usize,
    /// "Clocks went back 1 h at 02:00", "Europe/Berlin → America/Chicago, clocks 7 h back".
    pub text: String,
}

/// A photo as the timeline shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelinePhoto {
    pub id: i64,
    pub path: String,
    /// Local time where it was taken, serialized as RFC 3339 with its own offset and without
    /// fractional seconds ("2022-05-17T14:30:22+02:00"); `None` when only the date is known or
    /// undated.
    #[serde(serialize_with = "local_time_text")]
    pub local_time: Option<ZonedDateTime>,
    /// The zone it was taken in: an IANA name ("Europe/Berlin"), or a fixed offset ("+02:00")
    /// when only the offset is known; `None` without a time of day.
    pub zone: Option<String>,
    /// Its zone's abbreviation ("CET") when that is not the trip's main zone, so a time away
    /// reads "09:10 CET"; `None` in the main zone.
    pub zone_label: Option<String>,
    /// The calendar date of `local_time` (NOT shifted by the day-start rule: a photo at 00:40 on
    /// the 18th says "2022-05-18" and sits in the 17th's day), or the date of a date-only photo.
    #[serde(serialize_with = "opt_date_text")]
    pub date: Option<Date>,
    /// Day number, `None` when undated or outside the trip.
    pub day: Option<i64>,
    /// For photos outside the trip, the date they carry for people ("14 Jul 2021"); omitted
    /// otherwise (a day's photos have the day's label).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_label: Option<String>,
    /// "exif-offset" etc.; `None` when the photo has no capture time.
    pub time_source: Option<TimeSource>,
    /// Where the time came from, for people ("from EXIF with offset, camera clock shifted
    /// +6 h"); see [`time_note`].
    pub time_note: String,
    pub camera: Option<String>,
    /// The camera's clock ("+01:03:10", "America/Chicago", "trip+3m") when one other than the
    /// trip's time read this photo.
    pub clock: Option<String>,
    /// "-3h30m": how far the camera's clock moved the reading (local time minus reading).
    #[serde(serialize_with = "shift_text")]
    pub shifted_by: Option<SignedDuration>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// As displayed, after orientation.
    pub width: u32,
    pub height: u32,
    pub caption: String,
    pub favourite: bool,
    /// Hidden photos stay in the timeline; hiding only keeps them out of exports.
    pub hidden: bool,
    pub thumb: ThumbState,
    /// The content hash (64 lowercase hex): thumbnail URLs are built from it. `null` for a
    /// moment during an import, until the photo's grid thumbnail is made.
    pub hash: Option<String>,
    /// The session it was taken in (by the agenda's rules, or moved by hand); `None` without
    /// one.
    pub session: Option<SessionRef>,
    /// Sessions running in parallel when none of them is attended: the person chooses.
    /// Omitted when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub session_candidates: Vec<SessionRef>,
    /// The people tagged on it, by name. Omitted when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<String>,
}

/// Where a photo's time came from, as a person reads it in the app's details panel, with the
/// camera's clock when one read it: "from EXIF, camera clock (zone unknown), read as
/// UTC+01:03:10, camera clock shifted −7 h 3 min 10 s". English only for now.
pub fn time_note(
    source: Option<TimeSource>,
    clock: Option<&CameraClock>,
    shifted_by: Option<SignedDuration>,
) -> String {
    let base = match source {
        Some(TimeSource::ExifOffset) => "from EXIF with offset",
        Some(TimeSource::ExifGpsUtc) => "from EXIF, offset from GPS time",
        Some(TimeSource::ExifLocal) => "from EXIF, camera clock (zone unknown)",
        Some(TimeSource::Filename) => "from file name",
        Some(TimeSource::FilenameDate) => "date from file name, no time",
        Some(TimeSource::FileMtime) => "from file modification time",
        Some(TimeSource::Manual) => "set by hand",
        None => "no usable time",
    };
    let read_as = clock
        .map(|c| format!(", read as {}", clock_for_people(c)))
        .unwrap_or_default();
    match shifted_by.filter(|by| !by.is_zero()) {
        Some(by) => format!(
            "{base}{read_as}, camera clock shifted {}",
            shift_for_people(by)
        ),
        None => format!("{base}{read_as}"),
    }
}

/// "+6 h", "−3 h 30 min", "+45 min", "+1 h 0 min 30 s": a typographic minus, units
/// spelled out, seconds only when present.
fn shift_for_people(by: SignedDuration) -> String {
    let secs = by.as_secs();
    let sign = if secs < 0 { '\u{2212}' } else { '+' };
    let abs = secs.unsigned_abs();
    let (h, m, s) = (abs / 3600, abs % 3600 / 60, abs % 60);
    let mut parts = Vec::new();
    if h > 0 {
        parts.push(format!("{h} h"));
    }
    if m > 0 || (h > 0 && s > 0) {
        parts.push(format!("{m} min"));
    }
    if s > 0 {
        parts.push(format!("{s} s"));
    }
    format!("{sign}{}", parts.join(" "))
}

/// "2022-05-17T14:30:22+02:00": seconds precision, offset as ±HH:MM (also for UTC).
pub fn rfc3339_seconds(zdt: &ZonedDateTime) -> String {
    let dt = zdt.datetime();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}",
        dt.year(),
        dt.month(),
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second(),
        format_fixed_offset(zdt.offset().seconds())
    )
}

fn day_start_text<S: Serializer>(time: &Time, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format_day_start(*time))
}

fn date_text<S: Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(date)
}

fn opt_date_text<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => s.collect_str(date),
        None => s.serialize_none(),
    }
}

fn zoned_text<S: Serializer>(zdt: &ZonedDateTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&rfc3339_seconds(zdt))
}

fn local_time_text<S: Serializer>(zdt: &Option<ZonedDateTime>, s: S) -> Result<S::Ok, S::Error> {
    match zdt {
        Some(zdt) => s.serialize_str(&rfc3339_seconds(zdt)),
        None => s.serialize_none(),
    }
}

fn shift_text<S: Serializer>(by: &Option<SignedDuration>, s: S) -> Result<S::Ok, S::Error> {
    match by {
        Some(by) => s.serialize_str(&format_shift(*by)),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{parse_clock, ClockSetting, Gps, ThumbState, TimeSource, Trip};
    use crate::timeline::build;
    use crate::timeline::testing::{at, at_offset, photo};
    use jiff::civil::{date, Time};
    use jiff::SignedDuration;
    use serde_json::json;
    use std::collections::BTreeMap;

    #[test]
    fn serializes_to_the_json_contract() {
        let mut shifted = photo(
            1,
            "IMG_0001.jpg",
            Some(at(TimeSource::ExifLocal, "2022-05-18 04:10:22")),
        );
        shifted.make = Some("Canon".into());
        shifted.model = Some("Canon EOS RP".into());
        shifted.gps = Some(Gps {
            lat: 52.3396,
            lon: 4.8883,
            alt: Some(2.0),
        });
        shifted.orientation = 6;
        shifted.caption = "Keynote".into();
        shifted.favourite = true;
        shifted.thumb = ThumbState::Ready;
        let mut known = photo(
            2,
            "IMG_0002.jpg",
            Some(at_offset(TimeSource::ExifOffset, "2022-05-19 12:00:00", 2)),
        );
        known.hidden = true;
        known.thumb = ThumbState::Failed("truncated file".into());
        let date_only = photo(
            3,
            "20220519.jpg",
            Some(at(TimeSource::FilenameDate, "2022-05-19")),
        );
        let undated = photo(4, "scan.png", None);
        let trip = Trip {
            id: 1,
            name: "Conf".into(),
            timezone: None,
            day_start: Time::constant(4, 0, 0, 0),
            // Reads 04:10:22 at 22:40:22 UTC the day before: 3 h 30 min ahead of Amsterdam.
            clocks: vec![ClockSetting {
                camera: "Canon EOS RP".into(),
                clock: parse_clock("+05:30").unwrap(),
            }],
        };
        let mut texts = BTreeMap::new();
        texts.insert(
            date(2022, 5, 17),
            crate::model::DayText {
                title: "Arrival".into(),
                notes: "Train from Schiphol".into(),
            },
        );
        let timeline = build(&[undated, date_only, known, shifted], &trip, &texts);

        let photo_json = |fields: serde_json::Value| {
            let mut base = json!({
                "camera": null, "clock": null, "shifted_by": null, "lat": null, "lon": null,
                "width": 4000, "height": 3000, "caption": "", "favourite": false,
                "hidden": false, "thumb": {"state": "pending"}, "session": null,
                "zone": null, "zone_label": null,
            });
            base.as_object_mut()
                .unwrap()
                .extend(fields.as_object().unwrap().clone());
            base
        };
        let want = json!({
            "trip": {
                "name": "Conf",
                "timezone": "Europe/Amsterdam",
                "timezone_detected": true,
                "day_start": "04:00",
            },
            "days": [
                {
                    "number": 1,
                    "date": "2022-05-17",
                    "label": "Tue 17 May 2022",
                    "title": "Arrival",
                    "notes": "Train from Schiphol",
                    "clock_changes": [],
                    "zones": ["Europe/Amsterdam"],
                    "sessions": [],
                    "people": [],
                    "photos": [photo_json(json!({
                        "id": 1,
                        "path": "/trip/IMG_0001.jpg",
                        "local_time": "2022-05-18T00:40:22+02:00",
                        "zone": "Europe/Amsterdam",
                        "date": "2022-05-18",
                        "day": 1,
                        "time_source": "exif-local",
                        "time_note": "from EXIF, camera clock (zone unknown), read as UTC+05:30, camera clock shifted \u{2212}3 h 30 min",
                        "hash": format!("{:064x}", 1),
                        "camera": "Canon EOS RP",
                        "clock": "+05:30",
                        "shifted_by": "-3h30m",
                        "lat": 52.3396,
                        "lon": 4.8883,
                        "width": 3000,
                        "height": 4000,
                        "caption": "Keynote",
                        "favourite": true,
                        "thumb": {"state": "ready"},
                    }))],
                },
                {
                    "number": 2,
                    "date": "2022-05-18",
                    "label": "Wed 18 May 2022",
                    "title": "",
                    "notes": "",
                    "clock_changes": [],
                    "zones": [],
                    "sessions": [],
                    "people": [],
                    "photos": [],
                },
                {
                    "number": 3,
                    "date": "2022-05-19",
                    "label": "Thu 19 May 2022",
                    "title": "",
                    "notes": "",
                    "clock_changes": [],
                    "zones": ["Europe/Amsterdam"],
                    "sessions": [],
                    "people": [],
                    "photos": [
                        photo_json(json!({
                            "id": 2,
                            "path": "/trip/IMG_0002.jpg",
                            "local_time": "2022-05-19T12:00:00+02:00",
                            "zone": "Europe/Amsterdam",
                            "date": "2022-05-19",
                            "day": 3,
                            "time_source": "exif-offset",
                            "time_note": "from EXIF with offset",
                            "hash": format!("{:064x}", 2),
                            "hidden": true,
                            "thumb": {"state": "failed", "reason": "truncated file"},
                        })),
                        photo_json(json!({
                            "id": 3,
                            "path": "/trip/20220519.jpg",
                            "local_time": null,
                            "date": "2022-05-19",
                            "day": 3,
                            "time_source": "filename-date",
                            "time_note": "date from file name, no time",
                            "hash": format!("{:064x}", 3),
                        })),
                    ],
                },
            ],
            "undated": [photo_json(json!({
                "id": 4,
                "path": "/trip/scan.png",
                "local_time": null,
                "date": null,
                "day": null,
                "time_source": null,
                "time_note": "no usable time",
                "hash": format!("{:064x}", 4),
            }))],
            "outside": [],
        });
        assert_eq!(serde_json::to_value(&timeline).unwrap(), want);
    }

    #[test]
    fn local_time_drops_fractional_seconds_and_writes_utc_as_offset() {
        let cases = [
            (
                "2022-05-17T14:30:22.123456789+02:00[Europe/Amsterdam]",
                "2022-05-17T14:30:22+02:00",
            ),
            (
                "2022-05-17T14:30:22+00:00[UTC]",
                "2022-05-17T14:30:22+00:00",
            ),
            (
                "2022-05-17T14:30:22+05:30[Asia/Kolkata]",
                "2022-05-17T14:30:22+05:30",
            ),
            (
                "2022-11-01T08:00:00-04:00[America/New_York]",
                "2022-11-01T08:00:00-04:00",
            ),
        ];
        for (zoned, want) in cases {
            let zdt: jiff::ZonedDateTime = zoned.parse().unwrap();
            assert_eq!(super::rfc3339_seconds(&zdt), want, "{zoned}");
        }
    }

    #[test]
    fn time_notes_say_where_the_time_came_from_and_how_far_it_was_shifted() {
        use super::time_note;
        use TimeSource::*;
        let mins = SignedDuration::from_mins;
        let cases: [(Option<TimeSource>, Option<SignedDuration>, &str); 14] = [
            (Some(ExifOffset), None, "from EXIF with offset"),
            (Some(ExifGpsUtc), None, "from EXIF, offset from GPS time"),
            (
                Some(ExifLocal),
                None,
                "from EXIF, camera clock (zone unknown)",
            ),
            (Some(Filename), None, "from file name"),
            (Some(FilenameDate), None, "date from file name, no time"),
            (Some(FileMtime), None, "from file modification time"),
            (Some(Manual), None, "set by hand"),
            (None, None, "no usable time"),
            (
                Some(ExifLocal),
                Some(mins(360)),
                "from EXIF, camera clock (zone unknown), camera clock shifted +6 h",
            ),
            (
                Some(Filename),
                Some(mins(-210)),
                "from file name, camera clock shifted \u{2212}3 h 30 min",
            ),
            (
                Some(ExifLocal),
                Some(mins(45)),
                "from EXIF, camera clock (zone unknown), camera clock shifted +45 min",
            ),
            (
                Some(Manual),
                Some(SignedDuration::from_secs(3630)),
                "set by hand, camera clock shifted +1 h 0 min 30 s",
            ),
            (
                Some(ExifLocal),
                Some(SignedDuration::from_secs(-30)),
                "from EXIF, camera clock (zone unknown), camera clock shifted \u{2212}30 s",
            ),
            (
                Some(ExifLocal),
                Some(SignedDuration::ZERO),
                "from EXIF, camera clock (zone unknown)",
            ),
        ];
        for (source, shift, want) in cases {
            assert_eq!(time_note(source, None, shift), want, "{source:?} {shift:?}");
        }
    }
}
