//! Calibration on generated trips: a phone that knows the time and a camera that does not,
//! sharing moments (the same scene within a minute) or not.

use super::*;
use crate::model::{parse_clock, CaptureTime, TimeSource};
use crate::timeline::testing::photo;
use jiff::civil::Time;

/// A deterministic 64-bit hash per scene; the camera's view of it differs in `flip` bits.
fn scene_hash(scene: u64, flip: u32) -> u64 {
    let mut z = scene.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (0..flip).fold(z, |h, bit| h ^ (1 << (bit * 7 % 64)))
}

fn utc(text: &str) -> Timestamp {
    format!("{text}Z").parse().unwrap()
}

/// A phone photo at the UTC instant `at`, written with the offset of `zone` then.
fn phone(id: i64, at: Timestamp, zone: &str, scene: Option<u64>) -> Photo {
    let local = at.to_zoned_datetime(TimeZone::get(zone).unwrap());
    let mut p = photo(
        id,
        &format!("PXL_{id}.jpg"),
        Some(CaptureTime {
            date: local.date(),
            time: Some(local.time()),
            subsec: None,
            offset: Some(local.offset()),
            source: TimeSource::ExifOffset,
        }),
    );
    p.make = Some("Google".into());
    p.model = Some("Pixel 7".into());
    p.picture_hash = scene.map(|s| scene_hash(s, 0));
    p
}

/// A camera photo at the UTC instant `at`, reading `reading(at)` on its clock.
fn camera(id: i64, name: (&str, &str), wall: DateTime, scene: Option<u64>) -> Photo {
    let mut p = photo(
        id,
        &format!("DSC_{id}.jpg"),
        Some(CaptureTime {
            date: wall.date(),
            time: Some(wall.time()),
            subsec: None,
            offset: None,
            source: TimeSource::ExifLocal,
        }),
    );
    p.make = Some(name.0.into());
    p.model = Some(name.1.into());
    p.picture_hash = scene.map(|s| scene_hash(s, 6));
    p
}

const FUJI: (&str, &str) = ("FUJIFILM", "X-T4");

fn chicago() -> Trip {
    Trip {
        id: 1,
        name: "KubeCon NA".into(),
        timezone: Some("America/Chicago".into()),
        day_start: Time::constant(4, 0, 0, 0),
        clocks: Vec::new(),
    }
}

/// A conference week in Chicago around the DST change (5 Nov 2023): the phone shoots every
/// `shared` moment and `phone_only` others; the camera shoots each shared moment `delay`
/// seconds later (a burst of `burst`), plus camera-only photos. `reading` turns a UTC instant
/// into the camera's wall clock.
struct Week {
    shared: usize,
    phone_only: usize,
    camera_only: usize,
    burst: usize,
    hashes: bool,
    /// The phone shot each shared scene a second time this many seconds later.
    echo: Option<i64>,
    /// Camera moments are this far from the phone's (no overlap when large).
    apart: i64,
}

impl Default for Week {
    fn default() -> Week {
        Week {
            shared: 14,
            phone_only: 40,
            camera_only: 20,
            burst: 1,
            hashes: true,
            echo: None,
            apart: 0,
        }
    }
}

fn week(spec: &Week, reading: impl Fn(Timestamp) -> DateTime) -> Vec<Photo> {
    let start = utc("2023-11-04T15:00:00");
    let mut photos = Vec::new();
    let mut id = 0;
    let mut next = || {
        id += 1;
        id
    };
    // Moments spread over six days, from 09:00 to 23:00 local, at random seconds.
    let moment = |k: usize| {
        let r = scene_hash(k as u64 + 77_777, 0);
        let day = (r % 6) as i64;
        let second = ((r >> 8) % (14 * 3600)) as i64;
        start + SignedDuration::from_hours(24 * day) + SignedDuration::from_secs(second)
    };
    for k in 0..spec.shared {
        let at = moment(k);
        let scene = spec.hashes.then_some(k as u64);
        photos.push(phone(next(), at, "America/Chicago", scene));
        if let Some(echo) = spec.echo {
            let again = at + SignedDuration::from_secs(echo);
            photos.push(phone(next(), again, "America/Chicago", scene));
        }
        for b in 0..spec.burst {
            let delay = 10 + (k as i64 * 13) % 45 + 3 * b as i64 + spec.apart;
            let at = at + SignedDuration::from_secs(delay);
            photos.push(camera(next(), FUJI, reading(at), scene));
        }
    }
    for k in 0..spec.phone_only {
        let at = moment(1000 + k) + SignedDuration::from_mins(7);
        let scene = spec.hashes.then_some(5000 + k as u64);
        photos.push(phone(next(), at, "America/Chicago", scene));
    }
    for k in 0..spec.camera_only {
        let at =
            moment(2000 + k) + SignedDuration::from_mins(3) + SignedDuration::from_secs(spec.apart);
        let scene = spec.hashes.then_some(9000 + k as u64);
        photos.push(camera(next(), FUJI, reading(at), scene));
    }
    photos
}

/// Reads UTC + `secs`, whatever the date.
fn fixed(secs: i64) -> impl Fn(Timestamp) -> DateTime {
    move |at| {
        (at + SignedDuration::from_secs(secs))
            .to_zoned_datetime(TimeZone::UTC)
            .datetime()
    }
}

/// Reads the local time of `zone`, `ahead` seconds fast.
fn following(zone: &'static str, ahead: i64) -> impl Fn(Timestamp) -> DateTime {
    move |at| {
        (at + SignedDuration::from_secs(ahead))
            .to_zoned_datetime(TimeZone::get(zone).unwrap())
            .datetime()
    }
}

fn only(results: Vec<CameraCalibration>) -> CameraCalibration {
    let mut fuji: Vec<_> = results
        .into_iter()
        .filter(|c| c.camera() == "FUJIFILM X-T4")
        .collect();
    assert_eq!(fuji.len(), 1);
    fuji.remove(0)
}

fn suggestion(c: CameraCalibration) -> Suggestion {
    match c {
        CameraCalibration::Suggestion(s) => s,
        CameraCalibration::NoSuggestion { none, .. } => panic!("no suggestion: {none}"),
    }
}

fn fixed_secs(s: &Suggestion) -> i64 {
    match parse_clock(&s.clock).unwrap() {
        CameraClock::Fixed { offset } => i64::from(offset.seconds()),
        other => panic!("expected a fixed clock, got {other:?}"),
    }
}

#[test]
fn a_camera_on_home_time_a_few_minutes_fast_is_found_to_the_minute() {
    // Berlin in November (+01:00), 3 min 10 s fast: the FUJIFILM.
    let truth = 3600 + 190;
    let photos = week(&Week::default(), fixed(truth));
    let s = suggestion(only(calibrate(&photos, &chicago())));
    assert_eq!(s.model, Model::Fixed, "{s:?}");
    assert!((fixed_secs(&s) - truth).abs() <= 120, "{s:?}");
    assert!(s.pairs >= 14 && s.visual >= 14, "{s:?}");
    assert!(s.moments >= 12, "{s:?}");
    assert!(s.residual_s < 60.0, "{s:?}");
    assert!(s.confidence >= 0.5, "{s:?}");
    assert!(s.changes_day > 0, "a camera 7 h off changes days: {s:?}");
    assert_eq!(s.current, "trip");
    assert!(
        s.text.starts_with("FUJIFILM X-T4's clock reads UTC+01:0")
            && s.text.contains("ahead of Chicago")
            && s.text.ends_with("matched moments."),
        "{}",
        s.text
    );
    let json = serde_json::to_value(CameraCalibration::Suggestion(s)).unwrap();
    for key in [
        "camera",
        "clock",
        "model",
        "pairs",
        "residual_s",
        "confidence",
        "changes_day",
    ] {
        assert!(json.get(key).is_some(), "{key} in {json}");
    }
    assert_eq!(json["model"], "fixed");
}

#[test]
fn a_camera_set_before_the_dst_change_is_a_fixed_clock_not_one_that_follows_dst() {
    // Set to CDT (-05:00) on Saturday, never changed: an hour ahead after Sunday 02:00.
    let photos = week(&Week::default(), fixed(-5 * 3600));
    let s = suggestion(only(calibrate(&photos, &chicago())));
    assert_eq!(s.model, Model::Fixed, "{s:?}");
    assert!((fixed_secs(&s) + 5 * 3600).abs() <= 120, "{s:?}");
}

#[test]
fn a_camera_that_follows_dst_but_runs_fast_gets_the_trip_zone_with_its_drift() {
    let photos = week(&Week::default(), following("America/Chicago", 240));
    let s = suggestion(only(calibrate(&photos, &chicago())));
    assert_eq!(s.model, Model::Zone, "{s:?}");
    match parse_clock(&s.clock).unwrap() {
        CameraClock::Trip { ahead } => {
            assert!((ahead.as_secs() - 240).abs() <= 120, "{s:?}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn time_patterns_alone_find_the_clock_when_bursts_line_up() {
    let spec = Week {
        hashes: false,
        burst: 3,
        shared: 12,
        ..Week::default()
    };
    let truth = -7 * 3600 + 95;
    let photos = week(&spec, fixed(truth));
    let s = suggestion(only(calibrate(&photos, &chicago())));
    assert!((fixed_secs(&s) - truth).abs() <= 120, "{s:?}");
    assert_eq!(s.visual, 0);
}

#[test]
fn no_suggestion_without_evidence_or_with_two_answers_or_when_already_right() {
    let chicago_time = following("America/Chicago", 0);
    // (why, photos, words the reason must contain)
    let cases: Vec<(&str, Vec<Photo>, &str)> = vec![
        (
            "a camera already on the trip's time",
            week(&Week::default(), chicago_time),
            "already agrees",
        ),
        (
            "no shared moments: the camera shoots two days after the phone",
            week(
                &Week {
                    shared: 14,
                    apart: 30 * 3600,
                    hashes: false,
                    ..Week::default()
                },
                fixed(3600),
            ),
            "too few moments",
        ),
        (
            "only three shared moments",
            week(
                &Week {
                    shared: 3,
                    ..Week::default()
                },
                fixed(3600),
            ),
            "too few moments",
        ),
        (
            "every scene shot twice by the phone, an hour apart: two offsets fit",
            week(
                &Week {
                    echo: Some(3600),
                    phone_only: 0,
                    ..Week::default()
                },
                fixed(3600),
            ),
            "two clocks fit",
        ),
        (
            "no device that knows the time",
            week(&Week::default(), fixed(3600))
                .into_iter()
                .filter(|p| p.make.as_deref() == Some("FUJIFILM"))
                .collect(),
            "no photo of the trip knows its time",
        ),
    ];
    for (why, photos, words) in cases {
        match only(calibrate(&photos, &chicago())) {
            CameraCalibration::NoSuggestion { none, .. } => {
                assert!(none.contains(words), "{why}: {none}")
            }
            CameraCalibration::Suggestion(s) => panic!("{why}: suggested {s:?}"),
        }
    }
}

#[test]
fn an_already_applied_suggestion_is_not_suggested_again() {
    let photos = week(&Week::default(), fixed(3790));
    let s = suggestion(only(calibrate(&photos, &chicago())));
    let mut trip = chicago();
    trip.clocks.push(ClockSetting {
        camera: "FUJIFILM X-T4".into(),
        clock: parse_clock(&s.clock).unwrap(),
    });
    match only(calibrate(&photos, &trip)) {
        CameraCalibration::NoSuggestion { none, .. } => assert!(none.contains("already agrees")),
        other => panic!("{other:?}"),
    }
}
