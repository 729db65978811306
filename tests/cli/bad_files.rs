//! One bad file never stops an import; every input ends in the report with a reason.

use crate::{json, lanyard};
use lanyard::sample::{self, ExifSpec};
use std::fs;

#[test]
fn every_bad_input_is_reported_and_the_good_ones_imported() {
    let tmp = tempfile::tempdir().unwrap();
    let photos = tmp.path().join("trip");
    fs::create_dir_all(&photos).unwrap();
    let good = sample::jpeg_with_exif(
        &sample::jpeg(320, 240, 1, 85),
        &ExifSpec {
            datetime_original: Some("2022:05:17 10:00:00".into()),
            offset_original: Some("+02:00".into()),
            ..ExifSpec::default()
        },
    );
    fs::write(photos.join("good.jpg"), &good).unwrap();
    fs::write(photos.join("empty.jpg"), b"").unwrap();
    fs::write(photos.join("text.jpg"), b"this is not a photo at all").unwrap();
    fs::write(photos.join("header-only.jpg"), &good[..40]).unwrap();
    // Valid header and EXIF, pixels cut off: imported and dated, shown with the part that
    // decodes and marked damaged with a reason.
    let cut = good.len() * 2 / 3;
    let mut broken = good[..cut].to_vec();
    broken[cut - 1] ^= 0x55;
    let broken = sample::jpeg_with_exif(
        &broken,
        &ExifSpec {
            datetime_original: Some("2022:05:17 11:00:00".into()),
            ..ExifSpec::default()
        },
    );
    fs::write(photos.join("cut.jpg"), &broken).unwrap();
    fs::write(photos.join("notes.txt"), b"not a photo, skipped quietly").unwrap();
    fs::write(photos.join(".hidden.jpg"), &good).unwrap();

    let library = tmp.path().join("library");
    let report = json(
        lanyard(&library)
            .args(["import", "--trip", "Bad", "--json"])
            .arg(&photos),
    );
    assert_eq!(report["imported"], 2, "{report:#}");
    assert_eq!(
        report["skipped"], 1,
        "notes.txt (hidden files are not even counted) {report:#}"
    );
    let failed = report["failed"].as_array().unwrap();
    let reason = |name: &str| {
        failed
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(name))
            .unwrap_or_else(|| panic!("{name} not in failed: {report:#}"))["reason"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(failed.len(), 3, "{report:#}");
    assert!(reason("empty.jpg").contains("empty"));
    assert!(reason("text.jpg").contains("not an image"));
    assert!(
        reason("header-only.jpg").contains("truncated"),
        "{}",
        reason("header-only.jpg")
    );
    assert!(
        report["thumbnail_failures"].as_array().unwrap().is_empty(),
        "{report:#}"
    );
    let damaged = report["damaged"].as_array().unwrap();
    assert_eq!(damaged.len(), 1, "{report:#}");
    assert!(damaged[0]["path"].as_str().unwrap().ends_with("cut.jpg"));
    assert_eq!(report["thumbnails"], 2, "{report:#}");

    // The damaged photo is dated and placed, and says why it looks wrong.
    let timeline = json(lanyard(&library).args(["timeline", "--trip", "Bad", "--json"]));
    let photos = crate::all_photos(&timeline);
    let cut = photos
        .iter()
        .find(|(_, p)| crate::file_name(p) == "cut.jpg")
        .expect("cut.jpg on the timeline");
    assert_eq!(cut.0, Some(1));
    assert_eq!(cut.1["thumb"]["state"], "damaged");
    assert!(cut.1["thumb"]["reason"]
        .as_str()
        .unwrap()
        .contains("truncated"));
}
