//! Nothing is lost: originals are never written, re-imports add nothing, a killed import is
//! completed by running it again, two processes share one library, errors exit 1 or 2.

use crate::{failing, json, lanyard, ok};
use lanyard::sample::{self, ExifSpec};
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

/// `count` distinct small JPEGs with EXIF times, one minute apart.
fn write_photos(dir: &Path, count: usize, width: u32, height: u32) {
    fs::create_dir_all(dir).unwrap();
    for i in 0..count {
        let spec = ExifSpec {
            make: Some("Google".into()),
            model: Some("Pixel 6".into()),
            datetime_original: Some(format!("2022:05:17 {:02}:{:02}:00", 9 + i / 60, i % 60)),
            offset_original: Some("+02:00".into()),
            ..ExifSpec::default()
        };
        let bytes = sample::jpeg_with_exif(&sample::jpeg(width, height, i as u64, 80), &spec);
        fs::write(dir.join(format!("PXL_{i:04}.jpg")), bytes).unwrap();
    }
}

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>, std::time::SystemTime)> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let meta = e.metadata().unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
                meta.modified().unwrap(),
            )
        })
        .collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

#[test]
fn reimport_adds_nothing_and_originals_are_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let photos = tmp.path().join("photos");
    write_photos(&photos, 12, 320, 240);
    let before = snapshot(&photos);
    let library = tmp.path().join("lib");
    let first = json(
        lanyard(&library)
            .args(["import", "--trip", "T", "--json"])
            .arg(&photos),
    );
    assert_eq!(
        (first["imported"].as_u64(), first["duplicates"].as_u64()),
        (Some(12), Some(0))
    );
    let second = json(
        lanyard(&library)
            .args(["import", "--trip", "T", "--json"])
            .arg(&photos),
    );
    assert_eq!(
        (second["imported"].as_u64(), second["duplicates"].as_u64()),
        (Some(0), Some(12))
    );
    // A copy under another name is the same photo.
    fs::copy(photos.join("PXL_0000.jpg"), tmp.path().join("copy.jpg")).unwrap();
    let third = json(
        lanyard(&library)
            .args(["import", "--trip", "T", "--json"])
            .arg(tmp.path().join("copy.jpg")),
    );
    assert_eq!(third["duplicates"], 1);
    let timeline = json(lanyard(&library).args(["timeline", "--trip", "T", "--json"]));
    assert_eq!(crate::all_photos(&timeline).len(), 12);
    assert_eq!(
        snapshot(&photos),
        before,
        "originals' bytes and mtimes unchanged"
    );
}

#[test]
fn a_killed_import_is_completed_by_running_it_again() {
    let tmp = tempfile::tempdir().unwrap();
    let photos = tmp.path().join("photos");
    // Enough work that the thumbnail phase is still running when the kill comes.
    write_photos(&photos, 240, 1600, 1200);
    let library = tmp.path().join("lib");
    let mut child = lanyard(&library)
        .args(["import", "--trip", "Killed", "--json"])
        .arg(&photos)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill as soon as some photos are committed (possibly mid-metadata, at latest
    // mid-thumbnails).
    let catalog = library.join("catalog.sqlite");
    let deadline = Instant::now() + Duration::from_secs(120);
    let at_kill = loop {
        assert!(Instant::now() < deadline, "import never committed anything");
        if let Ok(conn) = rusqlite::Connection::open_with_flags(
            &catalog,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        ) {
            let counts = conn.query_row(
                "SELECT COUNT(*), COALESCE(SUM(thumb_state = 'ready'), 0) FROM photos",
                [],
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
            );
            if let Ok(counts) = counts {
                if counts.0 > 0 {
                    child.kill().unwrap();
                    break counts;
                }
            }
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    child.wait().unwrap();
    assert!(
        at_kill.1 < 240,
        "the kill must come before the import finished (photos, thumbnails ready) = {at_kill:?}"
    );
    // The catalog is consistent and readable after the kill.
    let timeline = json(lanyard(&library).args(["timeline", "--trip", "Killed", "--json"]));
    let kept = crate::all_photos(&timeline).len();
    assert!(
        kept as i64 >= at_kill.0,
        "committed photos survive the kill"
    );

    let rerun = json(
        lanyard(&library)
            .args(["import", "--trip", "Killed", "--json"])
            .arg(&photos),
    );
    assert_eq!(
        rerun["imported"].as_u64().unwrap() + rerun["duplicates"].as_u64().unwrap(),
        240,
        "{rerun:#}"
    );
    let timeline = json(lanyard(&library).args(["timeline", "--trip", "Killed", "--json"]));
    let all = crate::all_photos(&timeline);
    assert_eq!(all.len(), 240);
    assert!(
        all.iter().all(|(_, p)| p["thumb"]["state"] == "ready"),
        "every thumbnail made after the re-run"
    );
}

#[test]
fn two_processes_import_into_one_library_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    write_photos(&a, 40, 320, 240);
    fs::create_dir_all(&b).unwrap();
    for i in 0..40 {
        let bytes = sample::jpeg(240, 320, 1000 + i, 80);
        fs::write(b.join(format!("IMG_{i:04}.jpg")), bytes).unwrap();
    }
    let library = tmp.path().join("lib");
    let spawn = |dir: &Path, trip: &str| {
        lanyard(&library)
            .args(["import", "--trip", trip, "--json"])
            .arg(dir)
            .output()
            .unwrap()
    };
    let (out_a, out_b) = std::thread::scope(|s| {
        let ha = s.spawn(|| spawn(&a, "A"));
        let hb = s.spawn(|| spawn(&b, "B"));
        (ha.join().unwrap(), hb.join().unwrap())
    });
    for out in [&out_a, &out_b] {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(report["imported"], 40);
    }
    let trips = json(lanyard(&library).args(["trips", "--json"]));
    assert_eq!(trips.as_array().unwrap().len(), 2);
}

#[test]
fn errors_exit_one_with_a_message_usage_errors_exit_two() {
    let tmp = tempfile::tempdir().unwrap();
    let library = tmp.path().join("lib");
    let out = failing(lanyard(&library).args(["timeline", "--trip", "Nowhere"]));
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("Nowhere") && stderr.contains("lanyard trips"),
        "{stderr}"
    );

    let out = failing(lanyard(&library).args(["import"]));
    assert_eq!(out.status.code(), Some(2), "missing PATH is a usage error");
    let out = failing(lanyard(&library).args(["frobnicate"]));
    assert_eq!(out.status.code(), Some(2));

    let out = failing(lanyard(&library).args(["trip", "X", "--timezone", "Mars/Olympus_Mons"]));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Mars/Olympus_Mons"));
    let out = failing(lanyard(&library).args(["trip", "X", "--day-start", "25:99"]));
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_catalog_from_a_newer_lanyard_is_refused_and_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let library = tmp.path().join("lib");
    ok(lanyard(&library).args(["trips"]));
    let catalog = library.join("catalog.sqlite");
    {
        let conn = rusqlite::Connection::open(&catalog).unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
    }
    let before = fs::read(&catalog).unwrap();
    let out = failing(lanyard(&library).args(["trips"]));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("newer Lanyard"));
    assert_eq!(fs::read(&catalog).unwrap(), before);
}

#[test]
fn the_library_comes_from_the_environment_when_not_given() {
    let tmp = tempfile::tempdir().unwrap();
    let library = tmp.path().join("from-env");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lanyard"))
        .args(["trip", "EnvTrip"])
        .env("LANYARD_LIBRARY", &library)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(library.join("catalog.sqlite").is_file());
}
