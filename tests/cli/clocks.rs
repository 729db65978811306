//! Camera clocks on the generated Chicago trip (the end of DST on 5 Nov 2023): `calibrate`
//! finds both cameras' clocks from the moments they shared with the phone, `--apply` puts
//! every photo on its true day at its true time, the repeated hour is in real order and the
//! change is marked; the stray from 2021 stays outside.

use crate::{json, lanyard, ok};
use jiff::Timestamp;
use lanyard::sample::{chicago_truth, CANON_CAMERA, FUJI_CAMERA};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn import_chicago(root: &Path) -> PathBuf {
    let photos = root.join("chicago");
    ok(Command::new(env!("CARGO_BIN_EXE_lanyard"))
        .args(["sample", "--trip", "chicago"])
        .arg(&photos));
    let library = root.join("lib");
    json(
        lanyard(&library)
            .args(["import", "--trip", "KubeCon NA", "--json"])
            .arg(&photos),
    );
    library
}

/// Seconds east of UTC of a fixed clock ("+01:03:10").
fn offset_secs(clock: &str) -> i64 {
    let sign = if clock.starts_with('-') { -1 } else { 1 };
    let parts: Vec<i64> = clock[1..].split(':').map(|p| p.parse().unwrap()).collect();
    sign * (parts[0] * 3600 + parts[1] * 60 + parts.get(2).copied().unwrap_or(0))
}

#[test]
fn calibration_finds_both_clocks_and_applying_them_puts_every_photo_right() {
    let tmp = tempfile::tempdir().unwrap();
    let library = import_chicago(tmp.path());

    let found = json(lanyard(&library).args(["calibrate", "--trip", "KubeCon NA", "--json"]));
    let cameras = found["cameras"].as_array().unwrap();
    let of = |name: &str| -> &Value {
        cameras
            .iter()
            .find(|c| c["camera"] == name)
            .unwrap_or_else(|| panic!("{name} in {found:#}"))
    };
    for (camera, truth) in [(FUJI_CAMERA, "+01:03:10"), (CANON_CAMERA, "-05:00")] {
        let c = of(camera);
        let keys: Vec<&String> = c.as_object().unwrap().keys().collect();
        for key in [
            "camera",
            "clock",
            "model",
            "pairs",
            "residual_s",
            "confidence",
            "changes_day",
        ] {
            assert!(keys.iter().any(|k| *k == key), "{key} in {c}");
        }
        assert_eq!(c["model"], "fixed", "{c}");
        let error = offset_secs(c["clock"].as_str().unwrap()) - offset_secs(truth);
        assert!(error.abs() <= 120, "{camera}: {} vs {truth}", c["clock"]);
        assert!(c["pairs"].as_u64().unwrap() >= 12, "{c}");
        assert!(c["confidence"].as_f64().unwrap() >= 0.5, "{c}");
        assert!(c["changes_day"].as_u64().unwrap() >= 1, "{c}");
    }
    // The phone writes offsets: it is not a camera to calibrate.
    assert!(cameras.iter().all(|c| c["camera"] != "Google Pixel 7"));

    let text = ok(lanyard(&library).args(["calibrate", "--trip", "KubeCon NA", "--apply"]));
    assert!(
        text.contains("FUJIFILM X-T4's clock reads UTC+01:0"),
        "{text}"
    );
    assert!(text.contains("ahead of Chicago"), "{text}");
    let again = json(lanyard(&library).args(["calibrate", "--trip", "KubeCon NA", "--json"]));
    for c in again["cameras"].as_array().unwrap() {
        assert!(
            c["none"].as_str().unwrap_or("").contains("already agrees"),
            "applied clocks are not suggested again: {c}"
        );
    }

    let timeline = json(lanyard(&library).args(["timeline", "--trip", "KubeCon NA", "--json"]));
    let mut placed = std::collections::HashMap::new();
    for day in timeline["days"].as_array().unwrap() {
        for p in day["photos"].as_array().unwrap() {
            placed.insert(
                crate::file_name(p),
                (day["number"].as_i64().unwrap(), p["local_time"].clone()),
            );
        }
    }
    for t in chicago_truth() {
        let Some(want_day) = t.day else {
            let outside: Vec<String> = timeline["outside"]
                .as_array()
                .unwrap()
                .iter()
                .map(crate::file_name)
                .collect();
            assert_eq!(
                outside,
                std::slice::from_ref(&t.file_name),
                "the stray is outside"
            );
            continue;
        };
        let (day, local) = placed
            .get(&t.file_name)
            .unwrap_or_else(|| panic!("{} on no day", t.file_name));
        assert_eq!(*day, i64::from(want_day), "{}", t.file_name);
        let shown: Timestamp = local.as_str().unwrap().parse().unwrap();
        let real: Timestamp = t.instant.parse().unwrap();
        assert!(
            (shown.as_second() - real.as_second()).abs() <= 120,
            "{}: shown {local}, taken {}",
            t.file_name,
            t.instant
        );
    }

    // The repeated hour: 01:20-05:00 before 01:15-06:00, the change marked between them.
    let day1 = &timeline["days"][0];
    let times: Vec<&str> = day1["photos"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["local_time"].as_str().unwrap())
        .collect();
    let first = times
        .iter()
        .position(|t| t.starts_with("2023-11-05T01:20") && t.ends_with("-05:00"))
        .expect("a photo at 01:20 CDT");
    let second = times
        .iter()
        .position(|t| t.starts_with("2023-11-05T01:15") && t.ends_with("-06:00"))
        .expect("a photo at 01:15 CST");
    assert!(first < second, "{times:?}");
    // Day 1 also holds the flight out: the zone change from Berlin comes first.
    let changes = day1["clock_changes"].as_array().unwrap();
    let kinds: Vec<&str> = changes
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["zone", "dst"], "{day1:#}");
    assert_eq!(
        changes[0]["text"],
        "Europe/Berlin → America/Chicago, clocks 6 h back"
    );
    assert_eq!(changes[1]["text"], "Clocks went back 1 h at 02:00");
    let index = changes[1]["index"].as_u64().unwrap() as usize;
    assert!(
        first < index && index <= second,
        "marker at {index}: {times:?}"
    );
    let text = ok(lanyard(&library).args(["timeline", "--trip", "KubeCon NA"]));
    assert!(
        text.contains("~~ Clocks went back 1 h at 02:00 ~~"),
        "{text}"
    );
    assert!(text.contains("Outside this trip"), "{text}");
}

#[test]
fn a_clock_set_by_hand_and_a_shift_are_the_same_thing_across_the_change() {
    let tmp = tempfile::tempdir().unwrap();
    let library = import_chicago(tmp.path());
    // The Canon read CDT all week: a -1h shift at its median photo (after the change) is the
    // fixed clock -05:00, so its Saturday photos are not moved an hour too far.
    let said = ok(lanyard(&library).args([
        "shift",
        "--trip",
        "KubeCon NA",
        "--camera",
        "Canon EOS R6",
        "--by",
        "-1h",
    ]));
    assert!(
        said.contains("Canon EOS R6: clock UTC-05:00 [-05:00]"),
        "{said}"
    );
    let by_shift = json(lanyard(&library).args(["timeline", "--trip", "KubeCon NA", "--json"]));
    ok(lanyard(&library).args([
        "shift",
        "--trip",
        "KubeCon NA",
        "--camera",
        "Canon EOS R6",
        "--clock",
        "-05:00",
    ]));
    let by_clock = json(lanyard(&library).args(["timeline", "--trip", "KubeCon NA", "--json"]));
    assert_eq!(by_shift, by_clock);
    let trips = json(lanyard(&library).args(["trips", "--json"]));
    assert_eq!(
        trips[0]["clocks"],
        serde_json::json!([{"camera": "Canon EOS R6", "clock": "-05:00"}])
    );
    // A zone it does not know, and a clock that is neither: clear errors, nothing stored.
    for bad in ["Mars/Olympus", "+27:00"] {
        let out = crate::failing(lanyard(&library).args([
            "shift",
            "--trip",
            "KubeCon NA",
            "--camera",
            "Canon EOS R6",
            "--clock",
            bad,
        ]));
        assert_eq!(out.status.code(), Some(1), "{bad}");
    }
    let out = crate::failing(lanyard(&library).args([
        "shift",
        "--trip",
        "KubeCon NA",
        "--camera",
        "Canon EOS R6",
    ]));
    assert_eq!(out.status.code(), Some(2), "--by or --clock is required");
}
