//! Photos + trip settings → numbered, consecutive days in the trip's zone, each in capture order,
//! plus the photos that could not be dated. Also which photos change day when settings change.
//! Pure: no disk, no clock.

use super::placement::{is_weak, place, Local, Placement};
use super::view::{time_note, Day, Timeline, TimelinePhoto, TimelineTrip};
use super::zone::effective_zone;
use crate::model::{DayText, Photo, Trip};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// Lays the trip's photos out by day. `texts` holds the days' titles and notes by trip-local
/// date; texts for dates outside the photos' span are not shown.
pub fn build(photos: &[Photo], trip: &Trip, texts: &BTreeMap<Date, DayText>) -> Timeline {
    let zone = effective_zone(photos, trip);
    let placed = layout(photos, trip, &zone.tz);

    let mut by_day: BTreeMap<Date, Vec<(&Photo, &Placement)>> = BTreeMap::new();
    let mut undated: Vec<&Photo> = Vec::new();
    for (photo, (placement, day)) in photos.iter().zip(&placed) {
        match day {
            Some(day) => by_day.entry(*day).or_default().push((photo, placement)),
            None => undated.push(photo),
        }
    }

    let mut days = Vec::new();
    if let (Some(first), Some(last)) = (
        by_day.keys().next().copied(),
        by_day.keys().next_back().copied(),
    ) {
        let mut date = first;
        let mut number = 1;
        while date <= last {
            let mut members = by_day.remove(&date).unwrap_or_default();
            members.sort_by(capture_order);
            let text = texts.get(&date).cloned().unwrap_or_default();
            days.push(Day {
                number,
                date,
                label: crate::model::long_date(date),
                title: text.title,
                notes: text.notes,
                photos: members
                    .into_iter()
                    .map(|(photo, placement)| entry(photo, Some(placement), Some(number)))
                    .collect(),
            });
            let Ok(next) = date.tomorrow() else { break };
            date = next;
            number += 1;
        }
    }

    undated.sort_by(|a, b| a.file_name().cmp(&b.file_name()).then(a.id.cmp(&b.id)));
    Timeline {
        trip: TimelineTrip {
            name: trip.name.clone(),
            timezone: zone.name,
            timezone_detected: zone.detected,
            day_start: trip.day_start,
        },
        days,
        undated: undated
            .into_iter()
            .map(|photo| entry(photo, None, None))
            .collect(),
    }
}

/// The photos whose trip day differs between two settings of the same trip (a new clock shift,
/// zone or day start), as `(photo id, day before, day after)` in the photos' order; `None` is
/// "undated". For the app's preview before it applies a change.
pub fn moved_photos(
    photos: &[Photo],
    before: &Trip,
    after: &Trip,
) -> Vec<(i64, Option<Date>, Option<Date>)> {
    let old = layout(photos, before, &effective_zone(photos, before).tz);
    let new = layout(photos, after, &effective_zone(photos, after).tz);
    photos
        .iter()
        .zip(old.iter().zip(&new))
        .filter(|(_, ((_, a), (_, b)))| a != b)
        .map(|(photo, ((_, a), (_, b)))| (photo.id, *a, *b))
        .collect()
}

/// Each photo's placement and trip day. `file-mtime` is a guess: it keeps its day only inside
/// the span of days dated by stronger sources (or when nothing stronger exists), so a copied
/// file's modification date never stretches the trip.
fn layout(photos: &[Photo], trip: &Trip, tz: &TimeZone) -> Vec<(Placement, Option<Date>)> {
    let placed: Vec<(Placement, Option<Date>)> = photos
        .iter()
        .map(|photo| {
            let placement = place(photo, trip, tz);
            let day = placement.day(trip.day_start);
            (placement, day)
        })
        .collect();

    let strong_days = photos
        .iter()
        .zip(&placed)
        .filter(|(photo, _)| photo.capture.as_ref().is_some_and(|c| !is_weak(c.source)))
        .filter_map(|(_, (_, day))| *day);
    let span = strong_days.fold(None, |span: Option<(Date, Date)>, day| match span {
        None => Some((day, day)),
        Some((lo, hi)) => Some((lo.min(day), hi.max(day))),
    });
    let Some((lo, hi)) = span else {
        return placed;
    };
    photos
        .iter()
        .zip(placed)
        .map(|(photo, (placement, day))| {
            let weak = photo.capture.as_ref().is_some_and(|c| is_weak(c.source));
            let day = day.filter(|d| !weak || (lo..=hi).contains(d));
            (placement, day)
        })
        .collect()
}

/// Within a day: by instant, date-only photos after timed ones; then sub-seconds as a decimal
/// fraction ("5" is .5, after "43"); then file name; then id, so the order is total.
fn capture_order(a: &(&Photo, &Placement), b: &(&Photo, &Placement)) -> Ordering {
    let instant = |p: &Placement| match &p.local {
        Local::Timed(zdt) => Some(zdt.timestamp()),
        _ => None,
    };
    let (ia, ib) = (instant(a.1), instant(b.1));
    let by_instant = match (ia, ib) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    by_instant
        .then_with(|| subsec_key(a.0).cmp(subsec_key(b.0)))
        .then_with(|| a.0.file_name().cmp(&b.0.file_name()))
        .then_with(|| a.0.id.cmp(&b.0.id))
}

/// The sub-second digits without trailing zeros: comparing these as strings compares the
/// fractions (".5" > ".43", ".4" < ".43", "50" = "5"). Non-digits end the fraction.
fn subsec_key(photo: &Photo) -> &str {
    let digits = photo
        .capture
        .as_ref()
        .and_then(|c| c.subsec.as_deref())
        .map(str::trim)
        .unwrap_or("");
    let end = digits
        .bytes()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(digits.len());
    digits[..end].trim_end_matches('0')
}

fn entry(photo: &Photo, placement: Option<&Placement>, day: Option<i64>) -> TimelinePhoto {
    let (local_time, date) = match placement.map(|p| &p.local) {
        Some(Local::Timed(zdt)) => (Some(zdt.clone()), Some(zdt.date())),
        Some(Local::DateOnly(date)) => (None, Some(*date)),
        Some(Local::Unknown) | None => (None, None),
    };
    let (width, height) = photo.display_size();
    let time_source = photo.capture.as_ref().map(|c| c.source);
    let shifted_by = placement.and_then(|p| p.shifted_by);
    TimelinePhoto {
        id: photo.id,
        path: photo.path.to_string_lossy().into_owned(),
        local_time,
        date,
        day,
        time_source,
        time_note: time_note(time_source, shifted_by),
        camera: photo.camera(),
        shifted_by,
        lat: photo.gps.map(|g| g.lat),
        lon: photo.gps.map(|g| g.lon),
        width,
        height,
        caption: photo.caption.clone(),
        favourite: photo.favourite,
        hidden: photo.hidden,
        thumb: photo.thumb.clone(),
        hash: photo.hash.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{parse_day_start, parse_shift};
    use crate::model::{ClockShift, Gps, TimeSource::*};
    use crate::timeline::rfc3339_seconds;
    use crate::timeline::testing::{at, at_offset, photo};
    use jiff::civil::{date, Time};

    fn trip(zone: Option<&str>, day_start: &str, shifts: &[(&str, &str)]) -> Trip {
        Trip {
            id: 1,
            name: "Conf".to_string(),
            timezone: zone.map(str::to_string),
            day_start: parse_day_start(day_start).unwrap(),
            shifts: shifts
                .iter()
                .map(|(camera, by)| ClockShift {
                    camera: camera.to_string(),
                    by: parse_shift(by).unwrap(),
                })
                .collect(),
        }
    }

    fn from_camera(mut p: Photo, make: &str, model: &str) -> Photo {
        p.make = Some(make.to_string());
        p.model = Some(model.to_string());
        p
    }

    /// (local_time, trip day date, shifted_by) as the timeline shows a photo.
    type Shown = (Option<String>, Option<Date>, Option<String>);
    /// (id, local_time, day date, shifted_by).
    type Want = (
        i64,
        Option<&'static str>,
        Option<&'static str>,
        Option<&'static str>,
    );
    /// (why, trip zone, photos, (timezone, detected), local time of the first photo).
    type ZoneCase = (
        &'static str,
        Option<&'static str>,
        Vec<Photo>,
        (&'static str, bool),
        &'static str,
    );

    /// id → what the timeline shows.
    fn placements(t: &Timeline) -> BTreeMap<i64, Shown> {
        let mut out = BTreeMap::new();
        for day in &t.days {
            for p in &day.photos {
                assert_eq!(p.day, Some(day.number), "photo {} knows its day", p.id);
                let shown = (
                    p.local_time.as_ref().map(rfc3339_seconds),
                    Some(day.date),
                    p.shifted_by.map(format_shift_for_test),
                );
                assert!(
                    out.insert(p.id, shown).is_none(),
                    "photo {} placed twice",
                    p.id
                );
            }
        }
        for p in &t.undated {
            assert_eq!((p.day, p.date, &p.local_time), (None, None, &None));
            assert!(out.insert(p.id, (None, None, None)).is_none());
        }
        out
    }

    fn format_shift_for_test(by: jiff::SignedDuration) -> String {
        crate::model::format_shift(by)
    }

    struct Case {
        why: &'static str,
        trip: Trip,
        photos: Vec<Photo>,
        /// (id, local_time, day date, shifted_by) for every photo.
        want: &'static [Want],
    }

    fn ams() -> Trip {
        trip(Some("Europe/Amsterdam"), "04:00", &[])
    }

    fn local(id: i64, text: &str) -> Photo {
        photo(id, &format!("{id}.jpg"), Some(at(ExifLocal, text)))
    }

    fn known(id: i64, text: &str, hours: i8) -> Photo {
        photo(
            id,
            &format!("{id}.jpg"),
            Some(at_offset(ExifOffset, text, hours)),
        )
    }

    fn mtime(id: i64, text: &str, hours: i8) -> Photo {
        photo(
            id,
            &format!("{id}.jpg"),
            Some(at_offset(FileMtime, text, hours)),
        )
    }

    fn canon(p: Photo) -> Photo {
        from_camera(p, "Canon", "Canon EOS RP")
    }

    fn cases() -> Vec<Case> {
        vec![
            Case {
                why: "day start 04:00: 00:40 belongs to the day before; 03:59:59 too; 04:00:00 starts the day",
                trip: ams(),
                photos: vec![
                    local(1, "2022-05-18 00:40:00"),
                    local(2, "2022-05-18 03:59:59"),
                    local(3, "2022-05-18 04:00:00"),
                    local(4, "2022-05-17 23:59:59"),
                ],
                want: &[
                    (1, Some("2022-05-18T00:40:00+02:00"), Some("2022-05-17"), None),
                    (2, Some("2022-05-18T03:59:59+02:00"), Some("2022-05-17"), None),
                    (3, Some("2022-05-18T04:00:00+02:00"), Some("2022-05-18"), None),
                    (4, Some("2022-05-17T23:59:59+02:00"), Some("2022-05-17"), None),
                ],
            },
            Case {
                why: "day start 00:00: days are calendar days",
                trip: trip(Some("Europe/Amsterdam"), "00:00", &[]),
                photos: vec![
                    local(1, "2022-05-18 00:40:00"),
                    local(2, "2022-05-17 23:59:59"),
                    local(3, "2022-05-18 00:00:00"),
                ],
                want: &[
                    (1, Some("2022-05-18T00:40:00+02:00"), Some("2022-05-18"), None),
                    (2, Some("2022-05-17T23:59:59+02:00"), Some("2022-05-17"), None),
                    (3, Some("2022-05-18T00:00:00+02:00"), Some("2022-05-18"), None),
                ],
            },
            Case {
                why: "custom day start 05:30",
                trip: trip(Some("Europe/Amsterdam"), "05:30", &[]),
                photos: vec![local(1, "2022-05-18 05:29:59"), local(2, "2022-05-18 05:30:00")],
                want: &[
                    (1, Some("2022-05-18T05:29:59+02:00"), Some("2022-05-17"), None),
                    (2, Some("2022-05-18T05:30:00+02:00"), Some("2022-05-18"), None),
                ],
            },
            Case {
                why: "DST spring gap (Amsterdam 2022-03-27 02:00→03:00): a wall clock in the gap moves forward",
                trip: ams(),
                photos: vec![
                    local(1, "2022-03-27 02:30:00"),
                    local(2, "2022-03-27 01:59:59"),
                    local(3, "2022-03-27 04:00:00"),
                ],
                want: &[
                    (1, Some("2022-03-27T03:30:00+02:00"), Some("2022-03-26"), None),
                    (2, Some("2022-03-27T01:59:59+01:00"), Some("2022-03-26"), None),
                    (3, Some("2022-03-27T04:00:00+02:00"), Some("2022-03-27"), None),
                ],
            },
            Case {
                why: "DST autumn fold (Amsterdam 2022-10-30 03:00→02:00): a wall clock in the fold takes the earlier reading",
                trip: ams(),
                photos: vec![local(1, "2022-10-30 02:30:00"), local(2, "2022-10-30 04:00:00")],
                want: &[
                    (1, Some("2022-10-30T02:30:00+02:00"), Some("2022-10-29"), None),
                    (2, Some("2022-10-30T04:00:00+01:00"), Some("2022-10-30"), None),
                ],
            },
            Case {
                why: "instants across both DST changes get the offset in force at that instant",
                trip: ams(),
                photos: vec![
                    known(1, "2022-03-27 00:30:00", 0),
                    known(2, "2022-03-27 01:30:00", 0),
                    known(3, "2022-10-30 00:30:00", 0),
                    known(4, "2022-10-30 01:30:00", 0),
                    known(5, "2022-10-30 05:30:00", 2),
                ],
                want: &[
                    (1, Some("2022-03-27T01:30:00+01:00"), Some("2022-03-26"), None),
                    (2, Some("2022-03-27T03:30:00+02:00"), Some("2022-03-26"), None),
                    (3, Some("2022-10-30T02:30:00+02:00"), Some("2022-10-29"), None),
                    (4, Some("2022-10-30T02:30:00+01:00"), Some("2022-10-29"), None),
                    (5, Some("2022-10-30T04:30:00+01:00"), Some("2022-10-30"), None),
                ],
            },
            Case {
                why: "a +02:00 photo in an America/New_York trip is read in New York time",
                trip: trip(Some("America/New_York"), "04:00", &[]),
                photos: vec![
                    known(1, "2022-05-17 14:30:22", 2),
                    photo(2, "2.jpg", Some(at_offset(ExifGpsUtc, "2022-05-18 03:00:00", 2))),
                    known(3, "2022-05-18 12:00:00", 2),
                ],
                want: &[
                    (1, Some("2022-05-17T08:30:22-04:00"), Some("2022-05-17"), None),
                    (2, Some("2022-05-17T21:00:00-04:00"), Some("2022-05-17"), None),
                    (3, Some("2022-05-18T06:00:00-04:00"), Some("2022-05-18"), None),
                ],
            },
            Case {
                why: "camera shift -3h30m moves a photo back across midnight (and past day start)",
                trip: trip(Some("Europe/Amsterdam"), "04:00", &[("Canon EOS RP", "-3h30m")]),
                photos: vec![
                    canon(local(1, "2022-05-18 05:00:00")),
                    canon(local(2, "2022-05-18 02:00:00")),
                    local(3, "2022-05-18 05:00:00"),
                ],
                want: &[
                    (1, Some("2022-05-18T01:30:00+02:00"), Some("2022-05-17"), Some("-3h30m")),
                    (2, Some("2022-05-17T22:30:00+02:00"), Some("2022-05-17"), Some("-3h30m")),
                    (3, Some("2022-05-18T05:00:00+02:00"), Some("2022-05-18"), None),
                ],
            },
            Case {
                why: "camera shift +6h moves a photo forward across midnight; other cameras and known instants stay",
                trip: trip(Some("Europe/Amsterdam"), "04:00", &[("Canon EOS RP", "+6h")]),
                photos: vec![
                    canon(local(1, "2022-05-17 23:00:00")),
                    canon(photo(2, "2.jpg", Some(at(Filename, "2022-05-17 21:00:00")))),
                    canon(known(3, "2022-05-17 23:00:00", 2)),
                    from_camera(local(4, "2022-05-17 23:00:00"), "Canon", "Canon EOS R5"),
                    canon(photo(5, "5.jpg", Some(at(FilenameDate, "2022-05-17")))),
                ],
                want: &[
                    (1, Some("2022-05-18T05:00:00+02:00"), Some("2022-05-18"), Some("+6h")),
                    (2, Some("2022-05-18T03:00:00+02:00"), Some("2022-05-17"), Some("+6h")),
                    (3, Some("2022-05-17T23:00:00+02:00"), Some("2022-05-17"), None),
                    (4, Some("2022-05-17T23:00:00+02:00"), Some("2022-05-17"), None),
                    (5, None, Some("2022-05-17"), None),
                ],
            },
            Case {
                why: "a shift into the DST gap is resolved by the zone, not by adding hours",
                trip: trip(Some("Europe/Amsterdam"), "00:00", &[("Canon EOS RP", "+1h")]),
                photos: vec![canon(local(1, "2022-03-27 01:30:00"))],
                want: &[(1, Some("2022-03-27T03:30:00+02:00"), Some("2022-03-27"), Some("+1h"))],
            },
            Case {
                why: "manual times are trip-local wall clocks, already right: no camera shift",
                trip: trip(Some("Europe/Amsterdam"), "04:00", &[("Canon EOS RP", "-1h")]),
                photos: vec![canon(photo(1, "1.jpg", Some(at(Manual, "2022-05-17 12:00:00"))))],
                want: &[(1, Some("2022-05-17T12:00:00+02:00"), Some("2022-05-17"), None)],
            },
            Case {
                why: "date-only photos take their date; no capture time is undated",
                trip: ams(),
                photos: vec![
                    photo(1, "1.jpg", Some(at(FilenameDate, "2022-05-18"))),
                    photo(2, "2.jpg", None),
                    local(3, "2022-05-17 10:00:00"),
                ],
                want: &[
                    (1, None, Some("2022-05-18"), None),
                    (2, None, None, None),
                    (3, Some("2022-05-17T10:00:00+02:00"), Some("2022-05-17"), None),
                ],
            },
            Case {
                why: "file-mtime outside the span of stronger dates is undated; inside it is placed",
                trip: ams(),
                photos: vec![
                    local(1, "2022-05-17 10:00:00"),
                    local(2, "2022-05-19 10:00:00"),
                    mtime(3, "2022-05-18 09:00:00", 0),
                    mtime(4, "2022-06-02 09:00:00", 0),
                    mtime(5, "2022-05-16 09:00:00", 0),
                    mtime(6, "2022-05-20 01:00:00", 0),
                ],
                want: &[
                    (1, Some("2022-05-17T10:00:00+02:00"), Some("2022-05-17"), None),
                    (2, Some("2022-05-19T10:00:00+02:00"), Some("2022-05-19"), None),
                    (3, Some("2022-05-18T11:00:00+02:00"), Some("2022-05-18"), None),
                    (4, None, None, None),
                    (5, None, None, None),
                    // 03:00 local on the 20th is still the 19th's night.
                    (6, Some("2022-05-20T03:00:00+02:00"), Some("2022-05-19"), None),
                ],
            },
            Case {
                why: "date-only photos count as stronger than file-mtime",
                trip: ams(),
                photos: vec![
                    photo(1, "1.jpg", Some(at(FilenameDate, "2022-05-17"))),
                    mtime(2, "2022-05-17 09:00:00", 0),
                    mtime(3, "2022-05-18 09:00:00", 0),
                ],
                want: &[
                    (1, None, Some("2022-05-17"), None),
                    (2, Some("2022-05-17T11:00:00+02:00"), Some("2022-05-17"), None),
                    (3, None, None, None),
                ],
            },
            Case {
                why: "only file-mtime dates: they are all there is, so they are placed",
                trip: ams(),
                photos: vec![
                    mtime(1, "2022-05-17 09:00:00", 0),
                    mtime(2, "2022-05-20 09:00:00", 0),
                    photo(3, "3.jpg", None),
                ],
                want: &[
                    (1, Some("2022-05-17T11:00:00+02:00"), Some("2022-05-17"), None),
                    (2, Some("2022-05-20T11:00:00+02:00"), Some("2022-05-20"), None),
                    (3, None, None, None),
                ],
            },
            Case {
                why: "a camera shift never applies to file-mtime",
                trip: trip(Some("Europe/Amsterdam"), "04:00", &[("Canon EOS RP", "+6h")]),
                photos: vec![canon(mtime(1, "2022-05-17 09:00:00", 0))],
                want: &[(1, Some("2022-05-17T11:00:00+02:00"), Some("2022-05-17"), None)],
            },
        ]
    }

    #[test]
    fn places_photos_in_trip_local_days() {
        for case in cases() {
            let timeline = build(&case.photos, &case.trip, &BTreeMap::new());
            let got = placements(&timeline);
            let want: BTreeMap<i64, _> = case
                .want
                .iter()
                .map(|(id, local, day, shift)| {
                    (
                        *id,
                        (
                            local.map(str::to_string),
                            day.map(|d| d.parse::<Date>().unwrap()),
                            shift.map(str::to_string),
                        ),
                    )
                })
                .collect();
            assert_eq!(got, want, "{}", case.why);
        }
    }

    #[test]
    fn numbers_every_day_including_empty_ones() {
        let photos = vec![
            local(1, "2022-05-20 10:00:00"),
            local(2, "2022-05-17 10:00:00"),
            local(3, "2022-05-17 12:00:00"),
        ];
        let mut texts = BTreeMap::new();
        let text = |title: &str| DayText {
            title: title.to_string(),
            notes: format!("notes for {title}"),
        };
        texts.insert(date(2022, 5, 17), text("Arrival"));
        texts.insert(date(2022, 5, 18), text("Quiet day"));
        texts.insert(date(2022, 6, 1), text("Outside the trip"));
        let timeline = build(&photos, &ams(), &texts);
        let got: Vec<(i64, String, String, Vec<i64>)> = timeline
            .days
            .iter()
            .map(|d| {
                (
                    d.number,
                    d.date.to_string(),
                    d.title.clone(),
                    d.photos.iter().map(|p| p.id).collect(),
                )
            })
            .collect();
        let want = vec![
            (
                1,
                "2022-05-17".to_string(),
                "Arrival".to_string(),
                vec![2, 3],
            ),
            (2, "2022-05-18".to_string(), "Quiet day".to_string(), vec![]),
            (3, "2022-05-19".to_string(), String::new(), vec![]),
            (4, "2022-05-20".to_string(), String::new(), vec![1]),
        ];
        assert_eq!(got, want);
        assert_eq!(
            timeline.days[1].notes, "notes for Quiet day",
            "empty days keep their notes"
        );
    }

    #[test]
    fn no_dated_photos_means_no_days() {
        let cases: Vec<(&str, Vec<Photo>)> = vec![
            ("no photos", vec![]),
            (
                "only undated",
                vec![photo(1, "a.jpg", None), photo(2, "b.jpg", None)],
            ),
        ];
        for (why, photos) in cases {
            let timeline = build(&photos, &ams(), &BTreeMap::new());
            assert!(timeline.days.is_empty(), "{why}");
            assert_eq!(timeline.undated.len(), photos.len(), "{why}");
        }
    }

    #[test]
    fn orders_within_a_day() {
        let with = |id: i64, name: &str, text: &str, subsec: Option<&str>| {
            let mut capture = at(ExifLocal, text);
            capture.subsec = subsec.map(str::to_string);
            photo(id, name, Some(capture))
        };
        let date_only = |id: i64, name: &str| photo(id, name, Some(at(FilenameDate, "2022-05-17")));
        // (why, photos in input order, expected ids in day order)
        let cases: Vec<(&str, Vec<Photo>, Vec<i64>)> = vec![
            (
                "by instant first",
                vec![
                    with(1, "a.jpg", "2022-05-17 12:00:01", None),
                    with(2, "b.jpg", "2022-05-17 12:00:00", Some("9")),
                ],
                vec![2, 1],
            ),
            (
                "subsec as a decimal fraction: .43 < .5; none and zeros are 0; .4 < .43",
                vec![
                    with(1, "a.jpg", "2022-05-17 12:00:00", Some("5")),
                    with(2, "b.jpg", "2022-05-17 12:00:00", Some("43")),
                    with(3, "c.jpg", "2022-05-17 12:00:00", None),
                    with(4, "d.jpg", "2022-05-17 12:00:00", Some("4")),
                    with(5, "e.jpg", "2022-05-17 12:00:00", Some("500")),
                    with(6, "f.jpg", "2022-05-17 12:00:00", Some("000")),
                ],
                vec![3, 6, 4, 2, 1, 5],
            ),
            (
                "then file name, then id",
                vec![
                    with(3, "IMG_0002.jpg", "2022-05-17 12:00:00", Some("1")),
                    with(2, "IMG_0001.jpg", "2022-05-17 12:00:00", Some("1")),
                    with(9, "IMG_0001.jpg", "2022-05-17 12:00:00", Some("10")),
                    with(1, "IMG_0003.jpg", "2022-05-17 12:00:00", Some("1")),
                ],
                vec![2, 9, 3, 1],
            ),
            (
                "date-only photos after the timed ones, by name; the night after midnight before them",
                vec![
                    date_only(1, "b.jpg"),
                    date_only(2, "a.jpg"),
                    with(3, "z.jpg", "2022-05-18 01:00:00", None),
                    with(4, "y.jpg", "2022-05-17 09:00:00", None),
                ],
                vec![4, 3, 2, 1],
            ),
            (
                "an instant and a wall clock are compared as instants",
                vec![
                    known(1, "2022-05-17 12:00:00", 0),
                    with(2, "b.jpg", "2022-05-17 13:30:00", None),
                ],
                vec![2, 1],
            ),
        ];
        for (why, photos, want) in cases {
            let timeline = build(&photos, &ams(), &BTreeMap::new());
            assert_eq!(timeline.days.len(), 1, "{why}");
            let got: Vec<i64> = timeline.days[0].photos.iter().map(|p| p.id).collect();
            assert_eq!(got, want, "{why}");
        }
    }

    #[test]
    fn hidden_photos_stay_flagged() {
        let mut hidden = local(1, "2022-05-17 10:00:00");
        hidden.hidden = true;
        let timeline = build(
            &[hidden, local(2, "2022-05-17 11:00:00")],
            &ams(),
            &BTreeMap::new(),
        );
        let flags: Vec<(i64, bool)> = timeline.days[0]
            .photos
            .iter()
            .map(|p| (p.id, p.hidden))
            .collect();
        assert_eq!(flags, vec![(1, true), (2, false)]);
    }

    #[test]
    fn uses_the_effective_zone() {
        let in_amsterdam = |id: i64, text: &str| {
            let mut p = local(id, text);
            p.gps = Some(Gps {
                lat: 52.3396,
                lon: 4.8883,
                alt: None,
            });
            p
        };
        let cases: Vec<ZoneCase> = vec![
            (
                "the trip's own zone wins over GPS",
                Some("America/New_York"),
                vec![in_amsterdam(1, "2022-05-17 10:00:00")],
                ("America/New_York", false),
                "2022-05-17T10:00:00-04:00",
            ),
            (
                "detected from GPS",
                None,
                vec![in_amsterdam(1, "2022-05-17 10:00:00")],
                ("Europe/Amsterdam", true),
                "2022-05-17T10:00:00+02:00",
            ),
            (
                "detected from offsets",
                None,
                vec![known(1, "2022-05-17 10:00:00", 2)],
                ("Etc/GMT-2", true),
                "2022-05-17T10:00:00+02:00",
            ),
            (
                "nothing to detect from: UTC",
                None,
                vec![local(1, "2022-05-17 10:00:00")],
                ("UTC", false),
                "2022-05-17T10:00:00+00:00",
            ),
            (
                "a fixed offset zone",
                Some("+05:30"),
                vec![known(1, "2022-05-17 10:00:00", 0)],
                ("+05:30", false),
                "2022-05-17T15:30:00+05:30",
            ),
            (
                "an unknown stored zone falls back to detection",
                Some("Atlantis/Capital"),
                vec![in_amsterdam(1, "2022-05-17 10:00:00")],
                ("Europe/Amsterdam", true),
                "2022-05-17T10:00:00+02:00",
            ),
        ];
        for (why, zone, photos, (name, detected), want) in cases {
            let timeline = build(&photos, &trip(zone, "04:00", &[]), &BTreeMap::new());
            assert_eq!(
                (
                    timeline.trip.timezone.as_str(),
                    timeline.trip.timezone_detected
                ),
                (name, detected),
                "{why}"
            );
            let first = &timeline.days[0].photos[0];
            assert_eq!(
                first.local_time.as_ref().map(rfc3339_seconds).as_deref(),
                Some(want),
                "{why}"
            );
        }
    }

    #[test]
    fn reports_photos_that_change_day() {
        let photos = vec![
            canon(local(1, "2022-05-18 05:00:00")),
            local(2, "2022-05-18 05:00:00"),
            known(3, "2022-05-18 05:00:00", 2),
            mtime(4, "2022-05-18 12:00:00", 2),
            photo(5, "5.jpg", None),
            local(6, "2022-05-18 01:00:00"),
        ];
        let span_shrinks = vec![
            canon(local(1, "2022-05-17 10:00:00")),
            mtime(2, "2022-05-17 12:00:00", 2),
        ];
        let d = |day: i8| Some(date(2022, 5, day));
        type Moves = Vec<(i64, Option<Date>, Option<Date>)>;
        // (why, photos, before, after, moves)
        let cases: Vec<(&str, &[Photo], Trip, Trip, Moves)> = vec![
            ("nothing changed", &photos, ams(), ams(), vec![]),
            (
                "a camera shift moves only that camera's wall clocks",
                &photos,
                ams(),
                trip(
                    Some("Europe/Amsterdam"),
                    "04:00",
                    &[("Canon EOS RP", "-3h30m")],
                ),
                vec![(1, d(18), d(17))],
            ),
            (
                "day start at midnight moves the 01:00 photo to its calendar day",
                &photos,
                ams(),
                trip(Some("Europe/Amsterdam"), "00:00", &[]),
                vec![(6, d(17), d(18))],
            ),
            (
                "a zone change moves known instants, not wall clocks",
                &photos,
                ams(),
                trip(Some("America/New_York"), "04:00", &[]),
                vec![(3, d(18), d(17))],
            ),
            (
                "a shift that moves the span away undates the mtime guess",
                &span_shrinks,
                ams(),
                trip(
                    Some("Europe/Amsterdam"),
                    "04:00",
                    &[("Canon EOS RP", "+24h")],
                ),
                vec![(1, d(17), d(18)), (2, d(17), None)],
            ),
        ];
        for (why, photos, before, after, want) in cases {
            assert_eq!(moved_photos(photos, &before, &after), want, "{why}");
        }
    }

    #[test]
    fn reports_the_trip_settings_and_displayed_size() {
        let mut rotated = local(1, "2022-05-17 10:00:00");
        rotated.orientation = 6;
        let timeline = build(&[rotated], &trip(None, "05:30", &[]), &BTreeMap::new());
        assert_eq!(timeline.trip.day_start, Time::constant(5, 30, 0, 0));
        let p = &timeline.days[0].photos[0];
        assert_eq!(
            (p.width, p.height),
            (3000, 4000),
            "orientation 6 swaps width and height"
        );
    }
}
