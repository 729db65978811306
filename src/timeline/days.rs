//! Photos + trip settings → numbered, consecutive days in the trip's zone, each in capture order,
//! with the daylight-saving changes that happen in them; the photos that could not be dated;
//! and the strays, photos far outside the bulk of the trip that must not stretch its days.
//! Also which photos change day when settings change. Pure: no disk, no clock.

use super::placement::{day_of, is_weak, place, Local, Placement};
use super::track::{Zone, ZoneTrack};
use super::view::{time_note, ClockChange, Day, Timeline, TimelinePhoto, TimelineTrip};
use super::zone::{effective_zone, EffectiveZone};
use crate::model::{DayText, Photo, Trip};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// The zone track of the photos around the trip's main zone.
pub(crate) fn track_of(photos: &[Photo], zone: &EffectiveZone) -> ZoneTrack {
    let main = Zone {
        name: zone.name.clone(),
        tz: zone.tz.clone(),
    };
    ZoneTrack::build(photos, main)
}

/// A dated photo further than this from every photo of the trip's bulk is a stray candidate.
const STRAY_GAP_DAYS: i32 = 3;
/// A far-off group is a stray group when it holds at most this share of the dated photos (or
/// a single photo in small trips).
const STRAY_SHARE: f64 = 0.05;

/// Where a photo lands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    /// On this trip day.
    Day(Date),
    /// Dated this day, but a stray: far from the trip and in a small group.
    Outside(Date),
    /// No usable date.
    Undated,
}

impl Slot {
    fn day(self) -> Option<Date> {
        match self {
            Slot::Day(date) => Some(date),
            _ => None,
        }
    }
}

/// Lays the trip's photos out by day. `texts` holds the days' titles and notes by trip-local
/// date; texts for dates outside the photos' span are not shown.
pub fn build(photos: &[Photo], trip: &Trip, texts: &BTreeMap<Date, DayText>) -> Timeline {
    let zone = effective_zone(photos, trip);
    let track = track_of(photos, &zone);
    let placed = layout(photos, trip, &track);

    let mut by_day: BTreeMap<Date, Vec<(&Photo, &Placement)>> = BTreeMap::new();
    let mut undated: Vec<&Photo> = Vec::new();
    let mut outside: Vec<(&Photo, &Placement)> = Vec::new();
    for (photo, (placement, slot)) in photos.iter().zip(&placed) {
        match slot {
            Slot::Day(day) => by_day.entry(*day).or_default().push((photo, placement)),
            Slot::Outside(_) => outside.push((photo, placement)),
            Slot::Undated => undated.push(photo),
        }
    }

    let mut days = Vec::new();
    if let (Some(first), Some(last)) = (
        by_day.keys().next().copied(),
        by_day.keys().next_back().copied(),
    ) {
        let mut changes = clock_changes(&zone.tz, trip, first, last);
        // The traveller's DST changes are the main zone's while they are in it.
        changes.retain(|(_, at, _)| track.at(*at) == track.main());
        let mut previous_zone: Option<Zone> = None;
        let mut date = first;
        let mut number = 1;
        while date <= last {
            let mut members = by_day.remove(&date).unwrap_or_default();
            members.sort_by(capture_order);
            let text = texts.get(&date).cloned().unwrap_or_default();
            let (today, later): (Vec<_>, Vec<_>) =
                changes.into_iter().partition(|(day, _, _)| *day == date);
            changes = later;
            let mut clock_changes: Vec<ClockChange> = today
                .into_iter()
                .map(|(_, at, change)| ClockChange {
                    // Photos before the change, by instant (date-only photos sort last).
                    index: members
                        .iter()
                        .take_while(|(_, p)| p.instant().is_some_and(|t| t < at))
                        .count(),
                    ..change
                })
                .collect();
            let mut zones: Vec<String> = Vec::new();
            for (index, (_, placement)) in members.iter().enumerate() {
                let Local::Timed(zdt) = &placement.local else {
                    continue;
                };
                let zone = zone_of(zdt);
                if !zones.contains(&zone.name) {
                    zones.push(zone.name.clone());
                }
                if let Some(before) = previous_zone.as_ref().filter(|b| **b != zone) {
                    clock_changes.push(zone_change(before, &zone, zdt, index));
                }
                previous_zone = Some(zone);
            }
            clock_changes.sort_by_key(|c| (c.index, c.at.timestamp()));
            days.push(Day {
                number,
                date,
                label: crate::model::long_date(date),
                title: text.title,
                notes: text.notes,
                clock_changes,
                zones,
                sessions: Vec::new(),
                people: Vec::new(),
                photos: members
                    .into_iter()
                    .map(|(photo, placement)| {
                        entry(photo, trip, track.main(), Some(placement), Some(number))
                    })
                    .collect(),
            });
            let Ok(next) = date.tomorrow() else { break };
            date = next;
            number += 1;
        }
    }

    undated.sort_by(|a, b| a.file_name().cmp(&b.file_name()).then(a.id.cmp(&b.id)));
    outside.sort_by(|a, b| {
        let key = |(photo, placement): &(&Photo, &Placement)| {
            (placement.day(trip.day_start), placement.instant(), photo.id)
        };
        key(a).cmp(&key(b))
    });
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
            .map(|photo| entry(photo, trip, track.main(), None, None))
            .collect(),
        outside: outside
            .into_iter()
            .map(|(photo, placement)| {
                let mut shown = entry(photo, trip, track.main(), Some(placement), None);
                shown.date_label = shown.date.map(|d| crate::model::date_range(d, d));
                shown
            })
            .collect(),
    }
}

/// The zone's offset changes from the start of `first` to the end of `last` (trip days): the
/// day each belongs to, its instant, and the marker without its position.
fn clock_changes(
    tz: &TimeZone,
    trip: &Trip,
    first: Date,
    last: Date,
) -> Vec<(Date, Timestamp, ClockChange)> {
    let start = first
        .to_datetime(trip.day_start)
        .to_zoned_datetime(tz.clone())
        .map(|z| z.timestamp());
    let end = last
        .tomorrow()
        .ok()
        .and_then(|d| {
            d.to_datetime(trip.day_start)
                .to_zoned_datetime(tz.clone())
                .ok()
        })
        .map(|z| z.timestamp());
    let (Ok(start), Some(end)) = (start, end) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    // `following` yields transitions strictly after its argument.
    let from = start
        .checked_sub(SignedDuration::from_nanos(1))
        .unwrap_or(start);
    for transition in tz.following(from) {
        let at = transition.timestamp();
        if at >= end {
            break;
        }
        let before = tz.to_offset(at.checked_sub(SignedDuration::from_secs(1)).unwrap_or(at));
        let after = transition.offset();
        if before == after {
            continue;
        }
        let wall = at.to_zoned_datetime(TimeZone::fixed(before));
        let Some(day) = day_of(&at.to_zoned_datetime(tz.clone()), trip.day_start) else {
            continue;
        };
        out.push((
            day,
            at,
            ClockChange {
                kind: "dst",
                at: at.to_zoned_datetime(tz.clone()),
                index: 0,
                text: clock_change_text(after.seconds() - before.seconds(), wall.time()),
            },
        ));
    }
    out
}

/// The zone a local time is in, named as the timeline names zones.
fn zone_of(zdt: &jiff::ZonedDateTime) -> Zone {
    let tz = zdt.time_zone().clone();
    let name = tz
        .iana_name()
        .map(str::to_string)
        .unwrap_or_else(|| super::zone::format_fixed_offset(zdt.offset().seconds()));
    Zone { name, tz }
}

/// "Europe/Berlin → America/Chicago, clocks 7 h back", marked before the first photo taken in
/// the new zone.
fn zone_change(
    before: &Zone,
    after: &Zone,
    first: &jiff::ZonedDateTime,
    index: usize,
) -> ClockChange {
    let at = first.timestamp();
    let delta = after.tz.to_offset(at).seconds() - before.tz.to_offset(at).seconds();
    let abs = delta.unsigned_abs();
    let (h, m) = (abs / 3600, abs % 3600 / 60);
    let amount = match (h, m) {
        (0, 0) => String::new(),
        (0, m) => format!(", clocks {m} min"),
        (h, 0) => format!(", clocks {h} h"),
        (h, m) => format!(", clocks {h} h {m} min"),
    };
    let way = match delta.cmp(&0) {
        Ordering::Less => " back",
        Ordering::Greater => " ahead",
        Ordering::Equal => "",
    };
    ClockChange {
        kind: "zone",
        at: first.clone(),
        index,
        text: format!("{} → {}{amount}{way}", before.name, after.name),
    }
}

/// "Clocks went back 1 h at 02:00", "Clocks went forward 30 min at 02:00": the wall time is
/// the one the clocks showed when they changed.
fn clock_change_text(delta_secs: i32, wall: jiff::civil::Time) -> String {
    let way = if delta_secs < 0 { "back" } else { "forward" };
    let abs = delta_secs.unsigned_abs();
    let (h, m) = (abs / 3600, abs % 3600 / 60);
    let amount = match (h, m) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    };
    format!(
        "Clocks went {way} {amount} at {:02}:{:02}",
        wall.hour(),
        wall.minute()
    )
}

/// The photos whose trip day differs between two settings of the same trip (a new camera
/// clock, zone or day start), as `(photo id, day before, day after)` in the photos' order;
/// `None` is "undated" or "outside the trip". For the app's preview before it applies a change.
pub fn moved_photos(
    photos: &[Photo],
    before: &Trip,
    after: &Trip,
) -> Vec<(i64, Option<Date>, Option<Date>)> {
    let laid = |trip: &Trip| {
        layout(
            photos,
            trip,
            &track_of(photos, &effective_zone(photos, trip)),
        )
    };
    let (old, new) = (laid(before), laid(after));
    photos
        .iter()
        .zip(old.iter().zip(&new))
        .map(|(photo, ((_, a), (_, b)))| (photo.id, a.day(), b.day()))
        .filter(|(_, a, b)| a != b)
        .collect()
}

/// Each photo's placement and where it lands. Two rules keep stray dates from stretching the
/// trip: small groups of photos far from the rest are outside it (unless the person kept them
/// in), and `file-mtime` is a guess that keeps its day only inside the span of days dated by
/// stronger sources (or when nothing stronger exists), so a copied file's modification date
/// never stretches the trip.
pub(crate) fn layout(photos: &[Photo], trip: &Trip, track: &ZoneTrack) -> Vec<(Placement, Slot)> {
    let placed: Vec<(Placement, Option<Date>)> = photos
        .iter()
        .map(|photo| {
            let placement = place(photo, trip, track);
            let day = placement.day(trip.day_start);
            (placement, day)
        })
        .collect();
    let strong = |photo: &Photo| photo.capture.as_ref().is_some_and(|c| !is_weak(c.source));

    let strays = strays(
        photos
            .iter()
            .zip(&placed)
            .filter(|(photo, _)| strong(photo))
            .filter_map(|(photo, (_, day))| day.map(|d| (photo, d))),
    );
    let span = photos
        .iter()
        .zip(&placed)
        .filter(|(photo, _)| strong(photo) && !strays.contains(&photo.id))
        .filter_map(|(_, (_, day))| *day)
        .fold(None, |span: Option<(Date, Date)>, day| match span {
            None => Some((day, day)),
            Some((lo, hi)) => Some((lo.min(day), hi.max(day))),
        });
    photos
        .iter()
        .zip(placed)
        .map(|(photo, (placement, day))| {
            let slot = match day {
                None => Slot::Undated,
                Some(day) if strays.contains(&photo.id) => Slot::Outside(day),
                Some(day) => match span {
                    Some((lo, hi)) if !strong(photo) && !(lo..=hi).contains(&day) => Slot::Undated,
                    _ => Slot::Day(day),
                },
            };
            (placement, slot)
        })
        .collect()
}

/// The ids of stray photos among the dated ones: groups (photos whose days lie within
/// [`STRAY_GAP_DAYS`] of each other) that hold [`STRAY_SHARE`] of the photos or fewer, while
/// another group holds more. A group with a photo the person kept in the trip is never stray,
/// so a trip with a quiet week in the middle keeps both halves.
fn strays<'p>(dated: impl Iterator<Item = (&'p Photo, Date)>) -> Vec<i64> {
    let mut dated: Vec<(&Photo, Date)> = dated.collect();
    dated.sort_by_key(|(photo, day)| (*day, photo.id));
    let mut groups: Vec<Vec<(&Photo, Date)>> = Vec::new();
    for (photo, day) in dated.iter().copied() {
        match groups.last_mut() {
            Some(group)
                if group
                    .last()
                    .is_some_and(|(_, last)| (day - *last).get_days() <= STRAY_GAP_DAYS) =>
            {
                group.push((photo, day))
            }
            _ => groups.push(vec![(photo, day)]),
        }
    }
    let limit = ((dated.len() as f64 * STRAY_SHARE).floor() as usize).max(1);
    if !groups.iter().any(|g| g.len() > limit) {
        return Vec::new();
    }
    groups
        .iter()
        .filter(|g| g.len() <= limit && !g.iter().any(|(photo, _)| photo.keep_in_trip))
        .flatten()
        .map(|(photo, _)| photo.id)
        .collect()
}

/// Within a day: by instant, date-only photos after timed ones; then sub-seconds as a decimal
/// fraction ("5" is .5, after "43"); then file name; then id, so the order is total.
fn capture_order(a: &(&Photo, &Placement), b: &(&Photo, &Placement)) -> Ordering {
    let (ia, ib) = (a.1.instant(), b.1.instant());
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

fn entry(
    photo: &Photo,
    trip: &Trip,
    main: &Zone,
    placement: Option<&Placement>,
    day: Option<i64>,
) -> TimelinePhoto {
    let (local_time, date) = match placement.map(|p| &p.local) {
        Some(Local::Timed(zdt)) => (Some(zdt.clone()), Some(zdt.date())),
        Some(Local::DateOnly(date)) => (None, Some(*date)),
        Some(Local::Unknown) | None => (None, None),
    };
    let (width, height) = photo.display_size();
    let time_source = photo.capture.as_ref().map(|c| c.source);
    let shifted_by = placement.and_then(|p| p.shifted_by);
    // A clock read this photo exactly when it moved it (see `Placement::shifted_by`).
    let clock = shifted_by
        .and_then(|_| photo.camera())
        .and_then(|camera| trip.clock_of(&camera));
    TimelinePhoto {
        clock: clock.map(crate::model::format_clock),
        id: photo.id,
        path: photo.path.to_string_lossy().into_owned(),
        zone: local_time.as_ref().map(|t| zone_of(t).name),
        zone_label: local_time
            .as_ref()
            .filter(|t| zone_of(t) != *main)
            .map(|t| t.strftime("%Z").to_string()),
        local_time,
        date,
        day,
        date_label: None,
        time_source,
        time_note: time_note(time_source, clock, shifted_by),
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
        session: None,
        session_candidates: Vec::new(),
        people: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{parse_clock, parse_day_start, parse_shift};
    use crate::model::{CameraClock, ClockSetting, Gps, TimeSource::*};
    use crate::timeline::rfc3339_seconds;
    use crate::timeline::testing::{at, at_offset, photo};
    use jiff::civil::{date, Time};

    /// A trip whose cameras' readings are moved by `shifts` and read in the trip's zone: a
    /// clock that follows the trip's time, running `-by` fast.
    fn trip(zone: Option<&str>, day_start: &str, shifts: &[(&str, &str)]) -> Trip {
        Trip {
            id: 1,
            name: "Conf".to_string(),
            timezone: zone.map(str::to_string),
            day_start: parse_day_start(day_start).unwrap(),
            clocks: shifts
                .iter()
                .map(|(camera, by)| ClockSetting {
                    camera: camera.to_string(),
                    clock: CameraClock::Trip {
                        ahead: -parse_shift(by).unwrap(),
                    },
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

    /// A photo with GPS at RAI Amsterdam.
    fn in_amsterdam(mut p: Photo) -> Photo {
        p.gps = Some(Gps {
            lat: 52.3396,
            lon: 4.8883,
            alt: None,
        });
        p
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
                why: "instants across both DST changes get the offset in force at that instant \
                      (GPS in Amsterdam, time stamps in UTC)",
                trip: ams(),
                photos: vec![
                    in_amsterdam(known(1, "2022-03-27 00:30:00", 0)),
                    in_amsterdam(known(2, "2022-03-27 01:30:00", 0)),
                    in_amsterdam(known(3, "2022-10-30 00:30:00", 0)),
                    in_amsterdam(known(4, "2022-10-30 01:30:00", 0)),
                    in_amsterdam(known(5, "2022-10-30 05:30:00", 2)),
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
                why: "a +02:00 photo in an America/New_York trip keeps the local time it was \
                      taken at: the offset says where it was",
                trip: trip(Some("America/New_York"), "04:00", &[]),
                photos: vec![
                    known(1, "2022-05-17 14:30:22", 2),
                    photo(2, "2.jpg", Some(at_offset(ExifGpsUtc, "2022-05-18 03:00:00", 2))),
                    known(3, "2022-05-18 12:00:00", 2),
                ],
                want: &[
                    (1, Some("2022-05-17T14:30:22+02:00"), Some("2022-05-17"), None),
                    (2, Some("2022-05-18T03:00:00+02:00"), Some("2022-05-17"), None),
                    (3, Some("2022-05-18T12:00:00+02:00"), Some("2022-05-18"), None),
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
                why: "a shift into the DST gap is resolved by the zone, not by adding hours \
                      (the clock face moved 2 h: 01:30 read, 03:30 shown)",
                trip: trip(Some("Europe/Amsterdam"), "00:00", &[("Canon EOS RP", "+1h")]),
                photos: vec![canon(local(1, "2022-03-27 01:30:00"))],
                want: &[(1, Some("2022-03-27T03:30:00+02:00"), Some("2022-03-27"), Some("+2h"))],
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
                    known(1, "2022-05-17 14:00:00", 2),
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
                "the trip's own zone is the main zone; a photo with GPS keeps its own",
                Some("America/New_York"),
                vec![in_amsterdam(1, "2022-05-17 10:00:00")],
                ("America/New_York", false),
                "2022-05-17T10:00:00+02:00",
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
                "a fixed offset zone reads wall clocks that know no zone",
                Some("+05:30"),
                vec![local(1, "2022-05-17 10:00:00")],
                ("+05:30", false),
                "2022-05-17T10:00:00+05:30",
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
        let zone_moves = vec![
            local(1, "2022-05-17 12:00:00"),
            local(2, "2022-05-18 12:00:00"),
            mtime(4, "2022-05-18 05:00:00", 2),
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
                "a new main zone moves only instants that know no zone (a file's mtime); \
                 wall clocks and photos with an offset stay",
                &zone_moves,
                ams(),
                trip(Some("America/New_York"), "04:00", &[]),
                vec![(4, d(18), d(17))],
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

    fn clocked(mut trip: Trip, clocks: &[(&str, &str)]) -> Trip {
        trip.clocks = clocks
            .iter()
            .map(|(camera, clock)| ClockSetting {
                camera: camera.to_string(),
                clock: parse_clock(clock).unwrap(),
            })
            .collect();
        trip
    }

    fn chicago() -> Trip {
        trip(Some("America/Chicago"), "04:00", &[])
    }

    /// id → local time as RFC 3339, for every dated photo on a day.
    fn local_times(t: &Timeline) -> BTreeMap<i64, String> {
        t.days
            .iter()
            .flat_map(|d| &d.photos)
            .filter_map(|p| Some((p.id, rfc3339_seconds(p.local_time.as_ref()?))))
            .collect()
    }

    #[test]
    fn fixed_clocks_ignore_dst_and_zone_clocks_follow_it() {
        let fuji = |p| from_camera(p, "FUJIFILM", "X-T4");
        let canon_r6 = |p| from_camera(p, "Canon", "Canon EOS R6");
        let sony = |p| from_camera(p, "SONY", "ILCE-7M4");
        // Chicago falls back on Sun 5 Nov 2023 at 02:00 CDT (-05:00) to 01:00 CST (-06:00);
        // Berlin fell back a week earlier, on 29 Oct (+02:00 to +01:00).
        let photos = vec![
            // UTC+01:03:10 all week: 16:00 UTC on the 4th, 15:00 UTC on the 6th.
            fuji(local(1, "2023-11-04 17:03:10")),
            fuji(local(2, "2023-11-06 16:03:10")),
            // Set to CDT (-05:00) before the change and never again: an hour ahead after it.
            canon_r6(local(3, "2023-11-04 11:00:00")),
            canon_r6(local(4, "2023-11-06 10:00:00")),
            // Follows Berlin's DST: 12:00 CEST on 28 Oct is 10:00 UTC, 12:00 CET on the 30th
            // is 11:00 UTC.
            sony(local(5, "2023-10-28 12:00:00")),
            sony(local(6, "2023-10-30 12:00:00")),
            // No clock set: the trip's time.
            local(7, "2023-11-06 12:00:00"),
        ];
        let trip = clocked(
            chicago(),
            &[
                ("FUJIFILM X-T4", "+01:03:10"),
                ("Canon EOS R6", "-05:00"),
                ("SONY ILCE-7M4", "Europe/Berlin"),
            ],
        );
        let t = build(&photos, &trip, &BTreeMap::new());
        let want: BTreeMap<i64, String> = [
            (1, "2023-11-04T11:00:00-05:00"),
            (2, "2023-11-06T09:00:00-06:00"),
            (3, "2023-11-04T11:00:00-05:00"),
            (4, "2023-11-06T09:00:00-06:00"),
            (5, "2023-10-28T05:00:00-05:00"),
            (6, "2023-10-30T06:00:00-05:00"),
            (7, "2023-11-06T12:00:00-06:00"),
        ]
        .into_iter()
        .map(|(id, t)| (id, t.to_string()))
        .collect();
        assert_eq!(local_times(&t), want);
        let by_id = |id: i64| {
            t.days
                .iter()
                .flat_map(|d| &d.photos)
                .find(|p| p.id == id)
                .unwrap()
        };
        assert_eq!(by_id(2).clock.as_deref(), Some("+01:03:10"));
        assert_eq!(
            by_id(2)
                .shifted_by
                .map(crate::model::format_shift)
                .as_deref(),
            Some("-7h3m10s"),
            "local minus reading after the change"
        );
        assert_eq!(
            by_id(1)
                .shifted_by
                .map(crate::model::format_shift)
                .as_deref(),
            Some("-6h3m10s"),
            "and an hour less before it"
        );
        assert_eq!(
            by_id(2).time_note,
            "from EXIF, camera clock (zone unknown), read as UTC+01:03:10, camera clock \
             shifted \u{2212}7 h 3 min 10 s"
        );
        assert_eq!(
            (by_id(7).clock.as_deref(), by_id(7).shifted_by),
            (None, None)
        );

        // Spring forward in Amsterdam (27 Mar 2022, 02:00 → 03:00): a camera left on CET.
        let photos = vec![
            canon(local(1, "2022-03-26 10:00:00")),
            canon(local(2, "2022-03-27 10:00:00")),
        ];
        let trip = clocked(ams(), &[("Canon EOS RP", "+01:00")]);
        let t = build(&photos, &trip, &BTreeMap::new());
        assert_eq!(
            local_times(&t).into_values().collect::<Vec<_>>(),
            ["2022-03-26T10:00:00+01:00", "2022-03-27T11:00:00+02:00"]
        );
    }

    #[test]
    fn the_repeated_hour_is_ordered_by_instant_and_the_change_is_marked() {
        let phone = |id: i64, text: &str, hours: i8| known(id, text, hours);
        let photos = vec![
            phone(1, "2023-11-05 01:15:00", -6),
            phone(2, "2023-11-05 01:20:00", -5),
            phone(3, "2023-11-04 21:00:00", -5),
            phone(4, "2023-11-05 09:00:00", -6),
        ];
        let t = build(&photos, &chicago(), &BTreeMap::new());
        let days: Vec<(String, Vec<i64>)> = t
            .days
            .iter()
            .map(|d| (d.date.to_string(), d.photos.iter().map(|p| p.id).collect()))
            .collect();
        assert_eq!(
            days,
            [
                ("2023-11-04".to_string(), vec![3, 2, 1]),
                ("2023-11-05".to_string(), vec![4])
            ],
            "01:20-05:00 comes before 01:15-06:00; both before 04:00 belong to the 4th"
        );
        assert_eq!(
            rfc3339_seconds(t.days[0].photos[2].local_time.as_ref().unwrap()),
            "2023-11-05T01:15:00-06:00"
        );
        let change = &t.days[0].clock_changes;
        assert_eq!(change.len(), 1, "{change:?}");
        assert_eq!(change[0].text, "Clocks went back 1 h at 02:00");
        assert_eq!(change[0].index, 2, "between 01:20-05:00 and 01:15-06:00");
        assert_eq!(rfc3339_seconds(&change[0].at), "2023-11-05T01:00:00-06:00");
        assert!(t.days[1].clock_changes.is_empty());
        let json = serde_json::to_value(&t.days[0].clock_changes).unwrap();
        assert_eq!(
            json,
            serde_json::json!([{
                "kind": "dst",
                "at": "2023-11-05T01:00:00-06:00",
                "index": 2,
                "text": "Clocks went back 1 h at 02:00",
            }])
        );

        // Forward in Amsterdam, with a day start at midnight: on the 27th, before its photo.
        let t = build(
            &[local(1, "2022-03-27 10:00:00")],
            &trip(Some("Europe/Amsterdam"), "00:00", &[]),
            &BTreeMap::new(),
        );
        let change = &t.days[0].clock_changes;
        assert_eq!(
            (change[0].text.as_str(), change[0].index),
            ("Clocks went forward 1 h at 02:00", 0)
        );
        // No change inside the trip: no marker.
        let t = build(&[local(1, "2022-05-17 10:00:00")], &ams(), &BTreeMap::new());
        assert!(t.days[0].clock_changes.is_empty());
    }

    #[test]
    fn strays_stay_outside_and_do_not_stretch_the_trip() {
        let trip_photos = |n: i64| -> Vec<Photo> {
            (1..=n)
                .map(|i| local(i, &format!("2022-05-{:02} 1{}:00:00", 17 + i % 3, i % 10)))
                .collect()
        };
        // (why, photos, expected days, expected outside ids)
        let mut one_stray = trip_photos(20);
        one_stray.push(known(100, "2020-07-14 12:00:00", 2));
        let mut kept = one_stray.clone();
        kept.last_mut().unwrap().keep_in_trip = true;
        let mut two_strays = trip_photos(60);
        two_strays.push(local(100, "2021-01-01 12:00:00"));
        two_strays.push(local(101, "2023-09-09 12:00:00"));
        two_strays.push(mtime(102, "2021-01-01 14:00:00", 2));
        let quiet_week: Vec<Photo> = (1..=20)
            .map(|i| {
                let day = if i <= 10 { 1 + i % 3 } else { 14 + i % 3 };
                local(i, &format!("2022-05-{day:02} 12:00:00"))
            })
            .collect();
        let small = vec![
            local(1, "2021-05-17 12:00:00"),
            local(2, "2022-05-17 12:00:00"),
        ];
        let mut burst_far = trip_photos(20);
        for i in 0..5 {
            burst_far.push(local(100 + i, "2022-06-20 12:00:00"));
        }
        let cases: Vec<(&str, Vec<Photo>, usize, Vec<i64>)> = vec![
            ("one photo from another year", one_stray, 3, vec![100]),
            (
                "kept in the trip by hand: it stretches the trip",
                kept,
                675,
                vec![],
            ),
            (
                "two strays in 62 photos; an mtime on a stray's day is no date",
                two_strays,
                3,
                vec![100, 101],
            ),
            (
                "a quiet week in the middle keeps both halves",
                quiet_week,
                16,
                vec![],
            ),
            (
                "two photos a year apart: no bulk to stray from",
                small,
                366,
                vec![],
            ),
            (
                "a far group of 5 in 25 (20%) is part of the trip",
                burst_far,
                35,
                vec![],
            ),
        ];
        for (why, photos, days, outside) in cases {
            let t = build(&photos, &ams(), &BTreeMap::new());
            assert_eq!(t.days.len(), days, "{why}");
            let got: Vec<i64> = t.outside.iter().map(|p| p.id).collect();
            assert_eq!(got, outside, "{why}");
            for p in &t.outside {
                assert_eq!(p.day, None, "{why}");
                assert!(
                    p.date.is_some() && p.local_time.is_some(),
                    "{why}: keeps its date"
                );
            }
        }
        let mut photos = trip_photos(20);
        photos.push(mtime(102, "2021-01-01 14:00:00", 2));
        photos.push(local(100, "2021-01-01 12:00:00"));
        let t = build(&photos, &ams(), &BTreeMap::new());
        assert_eq!(t.undated.iter().map(|p| p.id).collect::<Vec<_>>(), [102]);
        // A stray is not on a day: a settings preview counts it as nowhere.
        let moved = moved_photos(&photos, &ams(), &trip(Some("UTC"), "04:00", &[]));
        assert!(moved.iter().all(|(id, _, _)| *id != 100), "{moved:?}");
    }

    /// A phone photo with its offset and GPS at `(lat, lon)`.
    fn phone_at(id: i64, text: &str, hours: i8, lat: f64, lon: f64) -> Photo {
        let mut p = known(id, text, hours);
        p.gps = Some(Gps {
            lat,
            lon,
            alt: None,
        });
        p
    }

    const CHICAGO: (f64, f64) = (41.9786, -87.9048);
    const BERLIN: (f64, f64) = (52.5163, 13.3777);

    /// id → (local time, zone, zone label) for every photo on a day, and the days' zones and
    /// zone markers.
    /// (id, local time, zone, zone label, day).
    type Zoned = (i64, String, String, Option<String>, Option<i64>);

    fn zoned(t: &Timeline) -> Vec<Zoned> {
        t.days
            .iter()
            .flat_map(|d| &d.photos)
            .map(|p| {
                (
                    p.id,
                    rfc3339_seconds(p.local_time.as_ref().unwrap()),
                    p.zone.clone().unwrap(),
                    p.zone_label.clone(),
                    p.day,
                )
            })
            .collect()
    }

    #[test]
    fn a_trip_across_zones_shows_each_photo_where_it_was_taken() {
        let (cl, co) = CHICAGO;
        let (bl, bo) = BERLIN;
        let mut camera_at_gate = local(2, "2023-11-03 17:10:00");
        camera_at_gate = canon(camera_at_gate);
        let screenshot = photo(
            3,
            "Screenshot 2023-11-03 at 21.30.00.png",
            Some(at(Filename, "2023-11-03 21:30:00")),
        );
        let photos = vec![
            // Outbound, eastward: Chicago (home) to a conference in Berlin.
            phone_at(1, "2023-11-03 17:00:00", -5, cl, co),
            // A camera without GPS at the gate, set to the local time there.
            camera_at_gate,
            // A screenshot on the plane, its time only in its name (the phone still on
            // Chicago time): nearer the departure than the landing.
            screenshot,
            phone_at(4, "2023-11-04 08:30:00", 1, bl, bo),
            phone_at(5, "2023-11-06 10:00:00", 1, bl, bo),
            phone_at(6, "2023-11-07 10:00:00", 1, bl, bo),
            // Home, westward, the same Thursday.
            phone_at(7, "2023-11-09 12:00:00", 1, bl, bo),
            phone_at(8, "2023-11-09 15:00:00", -6, cl, co),
        ];
        let t = build(&photos, &trip(None, "04:00", &[]), &BTreeMap::new());
        assert_eq!(
            t.trip.timezone, "Europe/Berlin",
            "the main zone: most photos"
        );
        let want = [
            (
                1,
                "2023-11-03T17:00:00-05:00",
                "America/Chicago",
                Some("CDT"),
                1,
            ),
            (
                2,
                "2023-11-03T17:10:00-05:00",
                "America/Chicago",
                Some("CDT"),
                1,
            ),
            (
                3,
                "2023-11-03T21:30:00-05:00",
                "America/Chicago",
                Some("CDT"),
                1,
            ),
            (4, "2023-11-04T08:30:00+01:00", "Europe/Berlin", None, 2),
            (5, "2023-11-06T10:00:00+01:00", "Europe/Berlin", None, 4),
            (6, "2023-11-07T10:00:00+01:00", "Europe/Berlin", None, 5),
            (7, "2023-11-09T12:00:00+01:00", "Europe/Berlin", None, 7),
            (
                8,
                "2023-11-09T15:00:00-06:00",
                "America/Chicago",
                Some("CST"),
                7,
            ),
        ];
        let want: Vec<_> = want
            .into_iter()
            .map(|(id, t, z, l, d)| {
                (
                    id,
                    t.to_string(),
                    z.to_string(),
                    l.map(String::from),
                    Some(d),
                )
            })
            .collect();
        assert_eq!(zoned(&t), want);
        assert_eq!(t.days[0].zones, ["America/Chicago"]);
        assert_eq!(t.days[6].zones, ["Europe/Berlin", "America/Chicago"]);
        let markers = |n: usize| -> Vec<(String, &str, usize)> {
            t.days[n]
                .clock_changes
                .iter()
                .map(|c| (c.kind.to_string(), c.text.as_str(), c.index))
                .collect()
        };
        assert_eq!(
            markers(1),
            [(
                "zone".to_string(),
                "America/Chicago → Europe/Berlin, clocks 6 h ahead",
                0
            )]
        );
        assert_eq!(
            markers(6),
            [(
                "zone".to_string(),
                "Europe/Berlin → America/Chicago, clocks 7 h back",
                1
            )]
        );
        assert!(markers(0).is_empty() && markers(3).is_empty());
    }

    #[test]
    fn over_the_date_line_and_just_after_landing() {
        // Tokyo Monday evening to Honolulu Monday morning: both on Monday, in real order.
        let photos = vec![
            phone_at(1, "2023-11-13 21:00:00", 9, 35.5494, 139.7798),
            phone_at(2, "2023-11-13 09:00:00", -10, 21.3187, -157.9225),
            phone_at(3, "2023-11-14 12:00:00", -10, 21.2793, -157.8292),
        ];
        let t = build(&photos, &trip(None, "04:00", &[]), &BTreeMap::new());
        let days: Vec<(String, Vec<i64>)> = t
            .days
            .iter()
            .map(|d| (d.date.to_string(), d.photos.iter().map(|p| p.id).collect()))
            .collect();
        assert_eq!(
            days,
            [
                ("2023-11-13".to_string(), vec![1, 2]),
                ("2023-11-14".to_string(), vec![3])
            ]
        );
        assert_eq!(
            t.days[0].clock_changes[0].text,
            "Asia/Tokyo → Pacific/Honolulu, clocks 19 h back"
        );

        // Landing in Berlin after midnight: a photo at 01:00 local belongs to the day before,
        // by Berlin's clock, and a camera without GPS there reads Berlin time.
        let (bl, bo) = BERLIN;
        let (cl, co) = CHICAGO;
        let photos = vec![
            phone_at(1, "2023-11-03 09:00:00", -5, cl, co),
            phone_at(2, "2023-11-04 01:00:00", 1, bl, bo),
            canon(local(3, "2023-11-04 01:05:00")),
            phone_at(4, "2023-11-04 10:00:00", 1, bl, bo),
            phone_at(5, "2023-11-05 10:00:00", 1, bl, bo),
        ];
        let t = build(&photos, &trip(None, "04:00", &[]), &BTreeMap::new());
        let on: Vec<(i64, Option<i64>, String)> = t
            .days
            .iter()
            .flat_map(|d| &d.photos)
            .map(|p| (p.id, p.day, rfc3339_seconds(p.local_time.as_ref().unwrap())))
            .collect();
        assert_eq!(
            on,
            [
                (1, Some(1), "2023-11-03T09:00:00-05:00".to_string()),
                (2, Some(1), "2023-11-04T01:00:00+01:00".to_string()),
                (3, Some(1), "2023-11-04T01:05:00+01:00".to_string()),
                (4, Some(2), "2023-11-04T10:00:00+01:00".to_string()),
                (5, Some(3), "2023-11-05T10:00:00+01:00".to_string()),
            ]
        );
    }

    #[test]
    fn a_screenshot_early_in_a_westward_flight_keeps_the_departure_zone() {
        // Berlin 09:10 CET (08:10 UTC) to O'Hare 13:00 CDT (18:00 UTC); the phone, still on
        // Berlin time, takes a screenshot at 10:00 (09:00 UTC). Read in Chicago (15:00 UTC)
        // the track would agree too, but the last place before it was Berlin.
        let (bl, bo) = BERLIN;
        let (cl, co) = CHICAGO;
        let photos = vec![
            phone_at(1, "2023-11-04 09:10:00", 1, bl, bo),
            photo(
                2,
                "Screenshot 2023-11-04 at 10.00.00.png",
                Some(at(Filename, "2023-11-04 10:00:00")),
            ),
            phone_at(3, "2023-11-04 13:00:00", -5, cl, co),
            phone_at(4, "2023-11-05 10:00:00", -6, cl, co),
            phone_at(5, "2023-11-06 10:00:00", -6, cl, co),
        ];
        let t = build(&photos, &trip(None, "04:00", &[]), &BTreeMap::new());
        let shot = &t.days[0].photos[1];
        assert_eq!(shot.id, 2);
        assert_eq!(
            rfc3339_seconds(shot.local_time.as_ref().unwrap()),
            "2023-11-04T10:00:00+01:00"
        );
        assert_eq!(shot.zone_label.as_deref(), Some("CET"));
    }
}
