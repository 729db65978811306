//! The journal as the app uses it: trip cards, creating/renaming/deleting trips, settings with a
//! preview of moved photos, setting a photo's date, photo details, the sample trip, importing
//! into a trip named after the folder, and reading the timeline from a second connection while
//! an import is still making thumbnails.

use lanyard::import::{ImportEvent, Phase};
use lanyard::journal::{
    Journal, SettingsChange, ShiftChange, SAMPLE_DIR, SAMPLE_PHOTOS, SAMPLE_TRIP,
};
use lanyard::library::Library;
use lanyard::model::ThumbState;
use lanyard::sample::{self, ExifSpec, CONFERENCE_TRIP_DAYS};
use lanyard::Error;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::sync::Mutex;

fn quiet(_: ImportEvent) {}

/// A move as (file name, from day, from date, to day, to date).
type Shown<'a> = (&'a str, Option<i64>, String, Option<i64>, String);

/// A journal on a fresh library with the Amsterdam trip imported into "Sample trip"
/// (thumbnails included), from `TMP/amsterdam`.
fn with_sample(tmp: &Path) -> Journal {
    let mut journal = Journal::open(Library::at(tmp.join("lib"))).unwrap();
    let report = crate::seed_amsterdam(&mut journal, &tmp.join("amsterdam"));
    assert_eq!(report.trip, SAMPLE_TRIP);
    journal
}

fn shift(camera: &str, by: &str) -> SettingsChange {
    SettingsChange {
        shifts: Some(vec![ShiftChange {
            camera: camera.into(),
            by: Some(by.into()),
            clock: None,
        }]),
        ..SettingsChange::default()
    }
}

fn day_dates(journal: &Journal, trip: &str) -> Vec<String> {
    let timeline = journal.timeline(trip).unwrap();
    timeline.days.iter().map(|d| d.date.to_string()).collect()
}

/// "Try a sample trip": the Chicago week written once into the library (photos in one folder,
/// the agenda beside it, nothing left over), imported with its agenda. A newcomer sees Sat 4 –
/// Sat 11 Nov, the departure at BER on day 1 at its own time in Berlin, the zone change where
/// the traveller lands, the repeated hour's DST marker, sessions with the personal schedule
/// attended, the stray outside the trip, and both cameras' clocks left for the calibration
/// banner to suggest.
#[test]
fn the_sample_is_the_chicago_week_with_its_flights_sessions_and_cameras_to_calibrate() {
    let tmp = tempfile::tempdir().unwrap();
    let mut journal = Journal::open(Library::at(tmp.path().join("lib"))).unwrap();
    let files = sample::chicago_trip();
    let report = journal
        .import_sample(&AtomicBool::new(false), &quiet)
        .unwrap();
    assert_eq!(report.trip, SAMPLE_TRIP);
    assert_eq!(report.imported, files.len());
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    assert_eq!(
        report.skipped, 0,
        "the photo folder holds photos only: {report:?}"
    );
    assert_eq!(report.outside, 1, "the stray from July 2021");

    // Written once: photos and agenda side by side, no temporary folder left.
    let dir = tmp.path().join("lib").join(SAMPLE_DIR);
    let names = |d: &Path| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    assert_eq!(names(&dir), [sample::CHICAGO_AGENDA_DIR, SAMPLE_PHOTOS]);
    assert_eq!(names(&dir.join(SAMPLE_PHOTOS)).len(), files.len());
    assert_eq!(
        names(dir.parent().unwrap()),
        ["chicago-trip"],
        "no temporary folder is left"
    );

    // Days on the traveller's calendar, in Chicago's zone (detected).
    let timeline = journal.timeline(SAMPLE_TRIP).unwrap();
    assert_eq!(timeline.trip.timezone, sample::CHICAGO_ZONE);
    assert!(timeline.trip.timezone_detected);
    let dates: Vec<String> = timeline.days.iter().map(|d| d.date.to_string()).collect();
    let want: Vec<String> = (4..=11).map(|d| format!("2023-11-{d:02}")).collect();
    assert_eq!(dates, want, "Sat 4 – Sat 11 Nov");
    assert_eq!(dates.len(), usize::from(sample::CHICAGO_DAY_COUNT));
    assert_eq!(dates[0], sample::CHICAGO_FIRST_DAY);
    assert_eq!(timeline.days[0].label, "Sat 4 Nov 2023");
    assert_eq!(timeline.outside.len(), 1);
    assert!(timeline.undated.is_empty());

    // The departure: the phone at BER's gate, day 1 at 09:10 in Berlin, labelled CET.
    let truth = sample::chicago_truth();
    let gate = truth
        .iter()
        .find(|t| {
            t.device == sample::ChicagoDevice::Phone && t.instant.starts_with("2023-11-04T09:10")
        })
        .expect("the phone's photo at the gate");
    let day1 = &timeline.days[0];
    let position = day1
        .photos
        .iter()
        .position(|p| p.path.ends_with(&gate.file_name))
        .expect("the departure photo on day 1");
    let departure = &day1.photos[position];
    assert_eq!(departure.day, Some(1));
    let local = departure.local_time.as_ref().unwrap();
    assert_eq!(
        (
            local.date().to_string(),
            local.time().hour(),
            local.time().minute()
        ),
        ("2023-11-04".to_string(), 9, 10),
        "its own local time in Berlin"
    );
    assert_eq!(departure.zone.as_deref(), Some(sample::HOME_ZONE));
    assert_eq!(departure.zone_label.as_deref(), Some("CET"));

    // The change of zone where the traveller lands, between the last Berlin photo and the
    // first in Chicago; the way home on the other side.
    let out = day1
        .clock_changes
        .iter()
        .find(|c| c.kind == "zone")
        .expect("a zone change on day 1");
    // CET (+01:00) to CDT (-05:00): the US is on summer time until Sunday.
    assert_eq!(out.text, "Europe/Berlin → America/Chicago, clocks 6 h back");
    assert!(out.index > position, "after the departure");
    assert_eq!(
        day1.photos[out.index - 1].zone.as_deref(),
        Some(sample::HOME_ZONE)
    );
    assert_eq!(
        day1.photos[out.index].zone.as_deref(),
        Some(sample::CHICAGO_ZONE)
    );
    assert_eq!(
        day1.photos[out.index].zone_label, None,
        "the main zone has no label"
    );
    assert_eq!(day1.zones, [sample::HOME_ZONE, sample::CHICAGO_ZONE]);
    let back: Vec<&str> = timeline
        .days
        .iter()
        .flat_map(|d| &d.clock_changes)
        .filter(|c| c.kind == "zone")
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(back.len(), 2, "out and back: {back:?}");
    assert!(
        back[1].starts_with("America/Chicago → Europe/Berlin"),
        "{back:?}"
    );
    assert!(
        day1.clock_changes.iter().any(|c| c.kind == "dst"),
        "the end of DST at 02:00 on Sun 5 Nov, before the day start: Saturday's night"
    );

    // The agenda: every session, the personal schedule attended, sessions on the days.
    let sessions = sample::chicago_sessions();
    let agenda = journal.agenda(SAMPLE_TRIP, None).unwrap();
    assert_eq!(agenda.sessions.len(), sessions.len());
    let marked = agenda
        .sessions
        .iter()
        .filter(|s| s.attendance == "marked")
        .count();
    assert_eq!(marked, sessions.iter().filter(|s| s.attended).count());
    assert!(marked > 0);
    for day in &timeline.days[2..6] {
        assert!(
            !day.sessions.is_empty(),
            "{}: sessions on a conference day",
            day.label
        );
    }

    // The cameras' clocks are left for the calibration banner to suggest.
    let settings = journal.trip_settings(SAMPLE_TRIP).unwrap();
    assert!(
        settings.cameras.iter().all(|c| c.clock == "trip"),
        "{:?}",
        settings.cameras
    );
    let calibration = serde_json::to_value(journal.calibrate(SAMPLE_TRIP).unwrap()).unwrap();
    let suggested: Vec<&str> = calibration["cameras"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["clock"].is_string())
        .map(|c| c["camera"].as_str().unwrap())
        .collect();
    assert_eq!(
        suggested,
        [sample::CANON_CAMERA, sample::FUJI_CAMERA],
        "{calibration:#}"
    );

    // Again: the photos are all there already, the sessions are updated in place.
    let again = journal
        .import_sample(&AtomicBool::new(false), &quiet)
        .unwrap();
    assert_eq!((again.imported, again.duplicates), (0, files.len()));
    assert_eq!(
        journal.agenda(SAMPLE_TRIP, None).unwrap().sessions.len(),
        sessions.len()
    );
}

#[test]
fn trip_cards_show_dates_days_and_a_cover_with_a_ready_thumbnail() {
    let tmp = tempfile::tempdir().unwrap();
    let mut journal = with_sample(tmp.path());
    journal.create_trip("  Empty ").unwrap();
    let cards = journal.trip_cards().unwrap();
    let names: Vec<&str> = cards.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Empty", SAMPLE_TRIP], "by name, trimmed");
    let empty = &cards[0];
    assert_eq!(
        (
            empty.photo_count,
            empty.day_count,
            empty.first_date,
            empty.cover_hash.as_deref()
        ),
        (0, 0, None, None)
    );

    // Without the camera shift, IMG_0001 (camera on New York time) opens the trip a day early.
    let sample = &cards[1];
    assert_eq!(sample.photo_count, CONFERENCE_TRIP_DAYS.len());
    assert_eq!(sample.timezone, None, "the zone is detected, not set");
    assert_eq!(
        (
            sample.first_date.unwrap().to_string(),
            sample.last_date.unwrap().to_string(),
            sample.day_count
        ),
        ("2022-05-16".to_string(), "2022-05-19".to_string(), 4)
    );
    let timeline = journal.timeline(SAMPLE_TRIP).unwrap();
    let first = &timeline.days[0].photos[0];
    assert_eq!(sample.cover_hash.as_deref(), first.hash.as_deref());

    // A favourite becomes the cover.
    let favourite = &timeline.days[2].photos[3];
    journal.set_favourite(favourite.id, true).unwrap();
    assert_eq!(
        journal.card(SAMPLE_TRIP).unwrap().cover_hash,
        favourite.hash.clone()
    );
    let json = serde_json::to_value(journal.card(SAMPLE_TRIP).unwrap()).unwrap();
    assert_eq!(json["first_date"], "2022-05-16");
    assert_eq!(json["dates"], "16–19 May 2022");
    assert_eq!(
        json.as_object().unwrap().keys().collect::<Vec<_>>(),
        [
            "cover_hash",
            "dates",
            "day_count",
            "first_date",
            "last_date",
            "name",
            "photo_count",
            "timezone"
        ]
    );
}

#[test]
fn create_rename_and_delete_trips_without_touching_originals() {
    let tmp = tempfile::tempdir().unwrap();
    let mut journal = with_sample(tmp.path());
    let library = journal.library().clone();

    assert!(matches!(
        journal.create_trip(SAMPLE_TRIP),
        Err(Error::InvalidInput { .. })
    ));
    assert!(matches!(
        journal.create_trip("  "),
        Err(Error::InvalidInput { .. })
    ));
    journal.create_trip("Other").unwrap();
    assert!(
        matches!(
            journal.rename_trip("Other", SAMPLE_TRIP),
            Err(Error::InvalidInput { .. })
        ),
        "a rename cannot take another trip's name"
    );
    assert!(matches!(
        journal.rename_trip("Nope", "X"),
        Err(Error::TripNotFound { .. })
    ));

    let renamed = journal.rename_trip(SAMPLE_TRIP, "KubeCon EU").unwrap();
    assert_eq!(renamed.name, "KubeCon EU");
    assert_eq!(renamed.photo_count, CONFERENCE_TRIP_DAYS.len());

    let hashes: Vec<String> = journal
        .timeline("KubeCon EU")
        .unwrap()
        .days
        .iter()
        .flat_map(|d| &d.photos)
        .map(|p| p.hash.clone().expect("hashed"))
        .collect();
    assert!(library.thumb_file(&hashes[0], "grid").is_some());
    let originals = tmp.path().join("amsterdam");
    journal.delete_trip("KubeCon EU").unwrap();
    assert!(matches!(
        journal.timeline("KubeCon EU"),
        Err(Error::TripNotFound { .. })
    ));
    assert_eq!(
        std::fs::read_dir(&originals).unwrap().count(),
        CONFERENCE_TRIP_DAYS.len(),
        "originals stay"
    );
    for hash in &hashes {
        assert_eq!(library.thumb_file(hash, "grid"), None, "thumbnails go");
        assert_eq!(library.thumb_file(hash, "preview"), None);
    }
    assert!(matches!(
        journal.delete_trip("KubeCon EU"),
        Err(Error::TripNotFound { .. })
    ));
    // The photos can be imported again, into a new trip.
    let report = journal
        .import_paths(Some("Again"), &[originals], &AtomicBool::new(false), &quiet)
        .unwrap();
    assert_eq!(report.imported, CONFERENCE_TRIP_DAYS.len());
}

#[test]
fn settings_list_cameras_and_preview_moves_before_applying_them() {
    let tmp = tempfile::tempdir().unwrap();
    let mut journal = with_sample(tmp.path());
    let settings = journal.trip_settings(SAMPLE_TRIP).unwrap();
    assert_eq!(settings.timezone, "Europe/Amsterdam");
    assert!(settings.timezone_detected);
    assert_eq!(settings.timezone_set, None);
    assert_eq!(settings.day_start, "04:00");
    let cameras: Vec<(&str, usize, Option<&str>)> = settings
        .cameras
        .iter()
        .map(|c| (c.camera.as_str(), c.photo_count, c.shift.as_deref()))
        .collect();
    assert_eq!(
        cameras,
        [("Canon EOS RP", 14, None), ("Google Pixel 6", 19, None)]
    );

    // The camera's +6 h moves exactly the three photos the sample says it moves.
    let change = shift("canon canon eos rp", "+6h");
    let moves = journal.preview_settings(SAMPLE_TRIP, &change).unwrap();
    let shown: Vec<Shown> = moves
        .iter()
        .map(|m| {
            (
                m.file_name.as_str(),
                m.from_day,
                m.from_date.unwrap().to_string(),
                m.to_day,
                m.to_date.unwrap().to_string(),
            )
        })
        .collect();
    let want: Vec<Shown> = vec![
        (
            "IMG_0001.JPG",
            Some(1),
            "2022-05-16".into(),
            Some(1),
            "2022-05-17".into(),
        ),
        (
            "IMG_0007.JPG",
            Some(2),
            "2022-05-17".into(),
            Some(2),
            "2022-05-18".into(),
        ),
        (
            "IMG_0011.JPG",
            Some(3),
            "2022-05-18".into(),
            Some(3),
            "2022-05-19".into(),
        ),
    ];
    let mut shown_sorted = shown.clone();
    shown_sorted.sort();
    assert_eq!(shown_sorted, want);
    assert_eq!(
        day_dates(&journal, SAMPLE_TRIP)[0],
        "2022-05-16",
        "a preview writes nothing"
    );

    let applied = journal.apply_settings(SAMPLE_TRIP, &change).unwrap();
    assert_eq!(applied.cameras[0].shift.as_deref(), Some("+6h"));
    assert_eq!(
        (
            applied.cameras[0].clock.as_str(),
            applied.cameras[0].clock_text.as_str()
        ),
        ("-04:00", "UTC-04:00"),
        "stored as the fixed clock it stands for: New York in May"
    );
    assert_eq!(
        day_dates(&journal, SAMPLE_TRIP),
        ["2022-05-17", "2022-05-18", "2022-05-19"]
    );
    assert!(journal
        .preview_settings(SAMPLE_TRIP, &change)
        .unwrap()
        .is_empty());
    let moved = journal.timeline(SAMPLE_TRIP).unwrap();
    let img1 = moved.days[0]
        .photos
        .iter()
        .find(|p| p.path.ends_with("IMG_0001.JPG"))
        .unwrap();
    assert_eq!(
        img1.time_note,
        "from EXIF, camera clock (zone unknown), read as UTC-04:00, camera clock shifted +6 h"
    );

    // Zone and day start together; a bad value anywhere writes nothing.
    let bad = SettingsChange {
        timezone: Some("Europe/Nowhere".into()),
        day_start: Some("05:00".into()),
        ..SettingsChange::default()
    };
    assert!(matches!(
        journal.apply_settings(SAMPLE_TRIP, &bad),
        Err(Error::UnknownTimeZone { .. })
    ));
    assert!(matches!(
        journal.preview_settings(SAMPLE_TRIP, &shift("Leica", "+1h")),
        Err(Error::UnknownCamera { .. })
    ));
    assert!(matches!(
        journal.apply_settings(SAMPLE_TRIP, &shift("Canon EOS RP", "six hours")),
        Err(Error::InvalidInput { .. })
    ));
    assert_eq!(
        journal.trip_settings(SAMPLE_TRIP).unwrap().day_start,
        "04:00"
    );

    let good = SettingsChange {
        name: None,
        timezone: Some("Europe/London".into()),
        day_start: Some("05:00".into()),
        shifts: Some(vec![ShiftChange {
            camera: "Canon EOS RP".into(),
            by: Some("0".into()),
            clock: None,
        }]),
    };
    let applied = journal.apply_settings(SAMPLE_TRIP, &good).unwrap();
    assert_eq!(
        (
            applied.timezone.as_str(),
            applied.timezone_detected,
            applied.timezone_set.as_deref(),
            applied.day_start.as_str(),
            applied.cameras[0].shift.as_deref()
        ),
        ("Europe/London", false, Some("Europe/London"), "05:00", None)
    );
    let auto = SettingsChange {
        timezone: Some("auto".into()),
        ..SettingsChange::default()
    };
    let applied = journal.apply_settings(SAMPLE_TRIP, &auto).unwrap();
    assert_eq!(
        (applied.timezone.as_str(), applied.timezone_detected),
        ("Europe/Amsterdam", true)
    );

    // The change arrives from the UI as JSON.
    let from_ui: SettingsChange = serde_json::from_value(serde_json::json!({
        "timezone": "Asia/Tokyo", "day_start": "03:30", "shifts": [{"camera": "Pixel 6", "by": "-1h"}]
    }))
    .unwrap();
    assert_eq!(from_ui.day_start.as_deref(), Some("03:30"));
    let empty: SettingsChange = serde_json::from_value(serde_json::json!({})).unwrap();
    assert_eq!(empty, SettingsChange::default());
}

#[test]
fn a_photo_gets_a_date_by_hand_and_shows_its_details() {
    let tmp = tempfile::tempdir().unwrap();
    let photos = tmp.path().join("My Conference");
    std::fs::create_dir_all(&photos).unwrap();
    let undated = sample::jpeg(64, 48, 1, 80);
    std::fs::write(photos.join("scan.jpg"), &undated).unwrap();
    let spec = ExifSpec {
        datetime_original: Some("2022:05:17 10:00:00".into()),
        offset_original: Some("+02:00".into()),
        gps: Some(sample::GpsSpec {
            lat: Some(52.3396),
            lon: Some(4.8883),
            alt: Some(2.0),
            ..sample::GpsSpec::default()
        }),
        ..ExifSpec::default()
    };
    std::fs::write(
        photos.join("dated.jpg"),
        sample::jpeg_with_exif(&sample::jpeg(64, 48, 2, 80), &spec),
    )
    .unwrap();
    let mut journal = Journal::open(Library::at(tmp.path().join("lib"))).unwrap();
    let report = journal
        .import_paths(
            None,
            std::slice::from_ref(&photos),
            &AtomicBool::new(false),
            &quiet,
        )
        .unwrap();
    assert_eq!(report.trip, "My Conference", "named after the folder");

    let timeline = journal.timeline("My Conference").unwrap();
    let scan = &timeline.undated[0];
    // The file's mtime is "now", outside the trip's dated span, so it stays undated.
    assert_eq!(timeline.days.len(), 1);
    assert!(scan.path.ends_with("scan.jpg"));
    assert!(matches!(
        journal.set_photo_date(scan.id, "17 May", None),
        Err(Error::InvalidInput { .. })
    ));
    assert!(matches!(
        journal.set_photo_date(scan.id, "2022-05-18", Some("25:00")),
        Err(Error::InvalidInput { .. })
    ));
    assert!(matches!(
        journal.set_photo_date(999, "2022-05-18", None),
        Err(Error::PhotoNotFound { id: 999 })
    ));
    journal
        .set_photo_date(scan.id, "2022-05-18", Some("09:15"))
        .unwrap();
    let details = journal.photo_details(scan.id).unwrap();
    assert_eq!(details.photo.day, Some(2));
    assert_eq!(
        details
            .photo
            .local_time
            .as_ref()
            .map(lanyard::timeline::rfc3339_seconds),
        Some("2022-05-18T09:15:00+02:00".to_string())
    );
    assert_eq!(details.photo.time_note, "set by hand");
    assert_eq!(details.map_url, None);
    journal.set_photo_date(scan.id, "2022-05-17", None).unwrap();
    let details = journal.photo_details(scan.id).unwrap();
    assert_eq!(
        (details.photo.day, details.photo.local_time.clone()),
        (Some(1), None)
    );

    let dated = timeline.days[0].photos[0].id;
    let details = journal.photo_details(dated).unwrap();
    assert_eq!(details.file_name, "dated.jpg");
    assert_eq!(details.format, "jpeg");
    assert_eq!((details.stored_width, details.stored_height), (64, 48));
    assert_eq!(
        details.map_url.as_deref(),
        Some("https://www.openstreetmap.org/?mlat=52.33960&mlon=4.88830#map=15/52.33960/4.88830")
    );
    let json = serde_json::to_value(&details).unwrap();
    for key in [
        "id",
        "time_note",
        "hash",
        "thumb",
        "file_name",
        "size_bytes",
        "gps_alt",
        "orientation",
    ] {
        assert!(json.get(key).is_some(), "details carry {key}: {json}");
    }
    assert_eq!(json["thumb"]["state"], "ready");
    assert_eq!(json["time_note"], "from EXIF with offset");
    assert_eq!(json["hash"].as_str().unwrap().len(), 64);
    assert!(matches!(
        journal.photo_details(12345),
        Err(Error::PhotoNotFound { .. })
    ));
    assert_eq!(journal.photo_path(dated).unwrap(), photos.join("dated.jpg"));
}

#[test]
fn a_second_connection_reads_the_complete_timeline_while_thumbnails_are_made() {
    let tmp = tempfile::tempdir().unwrap();
    let library = Library::at(tmp.path().join("lib"));
    let reader = Mutex::new(Journal::open(library.clone()).unwrap());
    let mut importer = Journal::open(library).unwrap();
    let seen = Mutex::new(None);
    importer
        .import_sample(&AtomicBool::new(false), &|event| {
            if event
                == (ImportEvent::PhaseFinished {
                    phase: Phase::Metadata,
                })
            {
                let timeline = reader.lock().unwrap().timeline(SAMPLE_TRIP).unwrap();
                let photos: Vec<_> = timeline
                    .days
                    .iter()
                    .flat_map(|d| &d.photos)
                    .chain(&timeline.undated)
                    .chain(&timeline.outside)
                    .collect();
                let pending = photos
                    .iter()
                    .filter(|p| p.thumb == ThumbState::Pending)
                    .count();
                *seen.lock().unwrap() = Some((photos.len(), pending));
            }
        })
        .unwrap();
    assert_eq!(
        seen.into_inner().unwrap(),
        Some((sample::chicago_trip().len(), sample::chicago_trip().len())),
        "every photo is in the timeline before any thumbnail is made"
    );
}

/// A catalog from before camera clocks (schema 1) with a "+6h" shift opens with the fixed clock
/// that shift stood for, and the same days.
#[test]
fn an_old_catalog_with_a_clock_shift_opens_with_the_equivalent_clock() {
    let tmp = tempfile::tempdir().unwrap();
    let journal = with_sample(tmp.path());
    let catalog = journal.catalog().path().to_path_buf();
    drop(journal);
    {
        // Back to schema 1, as the first release wrote it, with its shift.
        let conn = rusqlite::Connection::open(&catalog).unwrap();
        conn.execute_batch(
            "DROP INDEX photos_size;
             DROP TABLE day_people;
             DROP TABLE photo_people;
             DROP TABLE session_people;
             DROP TABLE people;
             DROP TABLE sessions;
             ALTER TABLE photos DROP COLUMN session_uid;
             DROP TABLE dismissed_clocks;
             DROP TABLE camera_clocks;
             ALTER TABLE photos DROP COLUMN keep_in_trip;
             ALTER TABLE photos DROP COLUMN picture_hash;
             INSERT INTO camera_shifts (trip_id, camera, shift_seconds)
                 SELECT id, 'Canon EOS RP', 21600 FROM trips;
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let journal = Journal::open(Library::at(tmp.path().join("lib"))).unwrap();
    let settings = journal.trip_settings(SAMPLE_TRIP).unwrap();
    let canon = &settings.cameras[0];
    assert_eq!(
        (
            canon.camera.as_str(),
            canon.clock.as_str(),
            canon.shift.as_deref()
        ),
        ("Canon EOS RP", "-04:00", Some("+6h")),
        "New York time in May, the same +6 h at the median photo"
    );
    assert_eq!(
        day_dates(&journal, SAMPLE_TRIP),
        ["2022-05-17", "2022-05-18", "2022-05-19"]
    );
    let conn = rusqlite::Connection::open(&catalog).unwrap();
    let left: i64 = conn
        .query_row("SELECT COUNT(*) FROM camera_shifts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0, "converted once");
}

/// `shift --by` keeps meaning "add this at the median photo"; `--clock` sets the clock itself;
/// both are checked the same way.
#[test]
fn clocks_are_set_by_shift_or_by_name_and_checked() {
    let tmp = tempfile::tempdir().unwrap();
    let mut journal = with_sample(tmp.path());
    let trip = journal
        .set_clock(SAMPLE_TRIP, "canon eos rp", "America/New_York")
        .unwrap();
    assert_eq!(
        lanyard::model::format_clock(trip.clock_of("Canon EOS RP").unwrap()),
        "America/New_York"
    );
    assert_eq!(
        day_dates(&journal, SAMPLE_TRIP),
        ["2022-05-17", "2022-05-18", "2022-05-19"],
        "New York's clock puts the camera right"
    );
    for bad in ["America/Nowhere", "+30:00", "six hours"] {
        assert!(
            journal.set_clock(SAMPLE_TRIP, "Canon EOS RP", bad).is_err(),
            "{bad}"
        );
    }
    let trip = journal.set_shift(SAMPLE_TRIP, "Canon EOS RP", "0").unwrap();
    assert!(trip.clocks.is_empty(), "0 resets to the trip's time");
    // The app sends the clock field; a shift typed there is a shift.
    let change: SettingsChange = serde_json::from_value(serde_json::json!({
        "shifts": [{"camera": "Canon EOS RP", "clock": "+6h"}]
    }))
    .unwrap();
    let applied = journal.apply_settings(SAMPLE_TRIP, &change).unwrap();
    assert_eq!(applied.cameras[0].clock, "-04:00");
}
