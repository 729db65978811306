//! The journal through the CLI on the generated sample trip: times from every source land on
//! the right day, a camera on home time is put right by a shift, words persist.

use crate::{all_photos, file_name, json, lanyard, ok};
use serde_json::Value;
use std::path::Path;

fn import_sample(root: &Path) -> std::path::PathBuf {
    let photos = root.join("sample");
    ok(std::process::Command::new(env!("CARGO_BIN_EXE_lanyard"))
        .arg("sample")
        .arg(&photos));
    let library = root.join("lib");
    let report = json(
        lanyard(&library)
            .args(["import", "--trip", "KubeCon EU", "--json"])
            .arg(&photos),
    );
    assert_eq!(report["imported"], 36, "{report:#}");
    assert_eq!(report["failed"].as_array().unwrap().len(), 0, "{report:#}");
    library
}

fn timeline(library: &Path) -> Value {
    json(lanyard(library).args(["timeline", "--trip", "KubeCon EU", "--json"]))
}

fn find<'a>(photos: &'a [(Option<i64>, Value)], name: &str) -> &'a (Option<i64>, Value) {
    photos
        .iter()
        .find(|(_, p)| file_name(p) == name)
        .unwrap_or_else(|| panic!("{name} not on the timeline"))
}

#[test]
fn every_time_source_lands_on_the_right_day_and_a_shift_fixes_home_time() {
    let tmp = tempfile::tempdir().unwrap();
    let library = import_sample(tmp.path());

    let before = timeline(&library);
    assert_eq!(
        before["trip"]["timezone"], "Europe/Amsterdam",
        "detected from GPS"
    );
    assert_eq!(before["trip"]["timezone_detected"], true);
    assert_eq!(before["trip"]["day_start"], "04:00");
    // The camera is on New York time: its first photo (09:05 in Amsterdam) reads 03:05 and
    // drags the trip back to a day before the conference.
    assert_eq!(before["days"][0]["date"], "2022-05-16");
    let photos = all_photos(&before);
    assert_eq!(
        find(&photos, "IMG_0001.JPG").1["local_time"],
        "2022-05-17T03:05:40+02:00"
    );

    ok(lanyard(&library).args([
        "shift",
        "--trip",
        "KubeCon EU",
        "--camera",
        "Canon EOS RP",
        "--by",
        "+6h",
    ]));
    let after = timeline(&library);
    let days: Vec<&str> = after["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["date"].as_str().unwrap())
        .collect();
    assert_eq!(days, ["2022-05-17", "2022-05-18", "2022-05-19"]);
    let photos = all_photos(&after);
    assert_eq!(photos.len(), 36);
    assert!(after["undated"].as_array().unwrap().is_empty());

    let camera = find(&photos, "IMG_0001.JPG");
    assert_eq!(camera.0, Some(1));
    assert_eq!(camera.1["local_time"], "2022-05-17T09:05:40+02:00");
    assert_eq!(camera.1["shifted_by"], "+6h");
    assert_eq!(camera.1["time_source"], "exif-local");

    // The party photo at 00:40 belongs to the day before.
    let party = find(&photos, "PXL_20220517_224005012.jpg");
    assert_eq!(party.0, Some(1));
    assert_eq!(party.1["local_time"], "2022-05-18T00:40:05+02:00");
    assert_eq!(party.1["time_source"], "exif-offset");

    // Screenshots dated only by their names, read as trip-local wall clocks.
    let shot = find(&photos, "Screenshot 2022-05-18 at 16.45.10.png");
    assert_eq!(
        (shot.0, shot.1["time_source"].as_str()),
        (Some(2), Some("filename"))
    );
    assert_eq!(shot.1["local_time"], "2022-05-18T16:45:10+02:00");
    let shot = find(&photos, "Screenshot_20220518-101500.png");
    assert_eq!(shot.1["local_time"], "2022-05-18T10:15:00+02:00");

    // A WhatsApp image knows its day, not its time.
    let whatsapp = find(&photos, "IMG-20220519-WA0007.jpg");
    assert_eq!(whatsapp.0, Some(3));
    assert_eq!(whatsapp.1["time_source"], "filename-date");
    assert_eq!(whatsapp.1["local_time"], Value::Null);
    assert_eq!(whatsapp.1["date"], "2022-05-19");

    // Within a day, photos are in time order whatever camera took them.
    for day in after["days"].as_array().unwrap() {
        let times: Vec<&str> = day["photos"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p["local_time"].as_str())
            .collect();
        let mut sorted = times.clone();
        sorted.sort_by_key(|t| t.parse::<jiff::Timestamp>().unwrap());
        assert_eq!(times, sorted, "day {}", day["number"]);
    }
    // Portrait shots from the camera are reported as displayed.
    assert!(photos
        .iter()
        .any(|(_, p)| p["camera"] == "Canon EOS RP" && p["height"].as_u64() > p["width"].as_u64()));

    // Removing the shift puts them back.
    ok(lanyard(&library).args([
        "shift",
        "--trip",
        "KubeCon EU",
        "--camera",
        "Canon Canon EOS RP",
        "--by",
        "0",
    ]));
    assert_eq!(timeline(&library)["days"][0]["date"], "2022-05-16");
}

#[test]
fn words_persist_and_are_kept_verbatim() {
    let tmp = tempfile::tempdir().unwrap();
    let library = import_sample(tmp.path());
    ok(lanyard(&library).args([
        "shift",
        "--trip",
        "KubeCon EU",
        "--camera",
        "Canon EOS RP",
        "--by",
        "+6h",
    ]));
    let first = timeline(&library)["days"][0]["photos"][0]["id"]
        .as_i64()
        .unwrap();
    let xss = "<img src=x onerror=alert(1)> & \"quotes\"";
    ok(lanyard(&library).args(["caption", &first.to_string(), xss]));
    ok(lanyard(&library).args(["day-title", "--trip", "KubeCon EU", "2", "GitOps Day"]));
    ok(lanyard(&library).args([
        "day-notes",
        "--trip",
        "KubeCon EU",
        "2",
        "Met the *Flux* maintainers",
    ]));
    let after = timeline(&library);
    assert_eq!(after["days"][0]["photos"][0]["caption"], xss);
    assert_eq!(after["days"][1]["title"], "GitOps Day");
    assert_eq!(after["days"][1]["notes"], "Met the *Flux* maintainers");
    let text = ok(lanyard(&library).args(["timeline", "--trip", "KubeCon EU"]));
    assert!(
        text.contains("Day 2 · Wed 18 May 2022 — GitOps Day"),
        "{text}"
    );

    let out =
        crate::failing(lanyard(&library).args(["day-title", "--trip", "KubeCon EU", "9", "x"]));
    assert!(String::from_utf8_lossy(&out.stderr).contains("days run 1 to 3"));
    let out = crate::failing(lanyard(&library).args(["caption", "99999", "x"]));
    assert!(String::from_utf8_lossy(&out.stderr).contains("99999"));
    let out = crate::failing(lanyard(&library).args([
        "shift",
        "--trip",
        "KubeCon EU",
        "--camera",
        "Nikon",
        "--by",
        "1h",
    ]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("Canon EOS RP") && stderr.contains("Google Pixel 6"),
        "lists the cameras: {stderr}"
    );
}

#[test]
fn a_zone_set_by_hand_wins_and_trips_list_it() {
    let tmp = tempfile::tempdir().unwrap();
    let library = import_sample(tmp.path());
    ok(lanyard(&library).args([
        "trip",
        "KubeCon EU",
        "--timezone",
        "America/New_York",
        "--day-start",
        "00:00",
    ]));
    let t = timeline(&library);
    assert_eq!(t["trip"]["timezone"], "America/New_York");
    assert_eq!(t["trip"]["timezone_detected"], false);
    let party = all_photos(&t)
        .into_iter()
        .find(|(_, p)| file_name(p) == "PXL_20220517_224005012.jpg")
        .unwrap();
    assert_eq!(
        party.1["local_time"], "2022-05-18T00:40:05+02:00",
        "a photo keeps the local time where it was taken (the main zone is for photos that \
         know no zone)"
    );
    assert_eq!(party.1["zone"], "Europe/Amsterdam");
    assert_eq!(
        party.1["zone_label"], "CEST",
        "away from the main zone: its abbreviation"
    );
    assert_eq!(party.1["date"], "2022-05-18");
    assert_eq!(
        party.0,
        Some(2),
        "with days starting at midnight, 00:40 is the 18th's"
    );
    let trips = json(lanyard(&library).args(["trips", "--json"]));
    assert_eq!(trips[0]["name"], "KubeCon EU");
    assert_eq!(trips[0]["photos"], 36);
    assert_eq!(trips[0]["timezone"], "America/New_York");
    ok(lanyard(&library).args(["trip", "KubeCon EU", "--timezone", "auto"]));
    assert_eq!(timeline(&library)["trip"]["timezone"], "Europe/Amsterdam");
}

/// `trip --rename` and `shift` go through the same settings path as the app: one validation,
/// one message, nothing half-written.
#[test]
fn trip_settings_from_the_cli_are_checked_like_the_app_does() {
    let tmp = tempfile::tempdir().unwrap();
    let library = import_sample(tmp.path());
    ok(lanyard(&library).args(["trip", "Other trip"]));

    // A name another trip has: a sentence, exit 1, and the zone given with it is not stored.
    let out = crate::failing(lanyard(&library).args([
        "trip",
        "KubeCon EU",
        "--rename",
        " Other trip ",
        "--timezone",
        "Asia/Tokyo",
    ]));
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("invalid trip name \"Other trip\": another trip already has this name"),
        "{stderr}"
    );
    assert!(!stderr.contains("UNIQUE"), "no raw SQLite error: {stderr}");
    let t = timeline(&library);
    assert_eq!(t["trip"]["name"], "KubeCon EU");
    assert_eq!(t["trip"]["timezone"], "Europe/Amsterdam", "nothing stored");

    // The same check for a blank name, and zones are stored trimmed.
    let out = crate::failing(lanyard(&library).args(["trip", "KubeCon EU", "--rename", "  "]));
    assert!(String::from_utf8_lossy(&out.stderr).contains("a trip needs a name"));
    ok(lanyard(&library).args([
        "trip",
        "KubeCon EU",
        "--rename",
        "  KubeCon EU 2022 ",
        "--timezone",
        " Europe/Amsterdam ",
    ]));
    let trips = json(lanyard(&library).args(["trips", "--json"]));
    let names: Vec<&str> = trips
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["KubeCon EU 2022", "Other trip"]);
    assert_eq!(trips[0]["timezone"], "Europe/Amsterdam", "trimmed");

    // A shift for an unknown camera names the cameras there are, and changes nothing.
    let out = crate::failing(lanyard(&library).args([
        "shift",
        "--trip",
        "KubeCon EU 2022",
        "--camera",
        "Nikon Z6",
        "--by",
        "+1h",
    ]));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Canon EOS RP"), "{stderr}");
}

/// Files in the thumbnail cache whose name ends with `suffix` ("-400.jpg", "-1600.jpg").
fn cached(library: &Path, suffix: &str) -> usize {
    let mut count = 0;
    for fan in std::fs::read_dir(library.join("thumbs")).unwrap() {
        for file in std::fs::read_dir(fan.unwrap().path()).unwrap() {
            let name = file.unwrap().file_name().into_string().unwrap();
            count += usize::from(name.ends_with(suffix));
        }
    }
    count
}

#[test]
fn import_returns_with_the_grid_made_and_previews_makes_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let library = import_sample(tmp.path());
    assert_eq!(cached(&library, "-400.jpg"), 36, "every grid thumbnail");
    assert_eq!(
        cached(&library, "-1600.jpg"),
        0,
        "no preview during the import"
    );

    let report = json(lanyard(&library).args(["previews", "--trip", "KubeCon EU", "--json"]));
    assert_eq!(report["made"], 36, "{report:#}");
    assert_eq!(report["cached"], 0, "{report:#}");
    assert_eq!(report["failed"].as_array().unwrap().len(), 0, "{report:#}");
    assert_eq!(report["cancelled"], false);
    assert_eq!(cached(&library, "-1600.jpg"), 36);

    let again = ok(lanyard(&library).args(["previews", "--trip", "KubeCon EU"]));
    assert_eq!(again, "0 previews made, 36 already there, 0 failed\n");
    let missing = crate::failing(lanyard(&library).args(["previews", "--trip", "Nowhere"]));
    let message = String::from_utf8_lossy(&missing.stderr);
    assert!(message.contains("Nowhere"), "{message}");
}
