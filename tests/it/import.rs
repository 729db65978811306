//! The import pipeline through the core API: phases in order, events, cancel, thumbnails in the
//! cache, and a timeline that is complete before any thumbnail exists.

use lanyard::import::{ImportEvent, ImportOptions, ImportReport, Phase};
use lanyard::journal::Journal;
use lanyard::library::Library;
use lanyard::model::ThumbState;
use lanyard::sample::{self, ExifSpec};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

fn write_photos(dir: &Path, count: usize) {
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..count {
        let spec = ExifSpec {
            datetime_original: Some(format!("2022:05:{:02} 10:{:02}:00", 17 + i % 3, i % 60)),
            offset_original: Some("+02:00".into()),
            orientation: Some(if i % 4 == 0 { 6 } else { 1 }),
            ..ExifSpec::default()
        };
        let jpeg = sample::jpeg_with_exif(&sample::jpeg(640, 480, i as u64, 80), &spec);
        std::fs::write(dir.join(format!("IMG_{i:03}.jpg")), jpeg).unwrap();
    }
}

fn options(trip: &str, dir: &Path, thumbnails: bool) -> ImportOptions {
    ImportOptions {
        trip: trip.to_string(),
        paths: vec![dir.to_path_buf()],
        thumbnails,
    }
}

/// Imports `dir` into `trip` to the end (thumbnails included), events unheard.
fn import_all(journal: &mut Journal, trip: &str, dir: &Path, thumbnails: bool) -> ImportReport {
    journal
        .import(
            &options(trip, dir, thumbnails),
            &AtomicBool::new(false),
            &|_| {},
        )
        .unwrap()
}

#[test]
fn metadata_first_then_thumbnails_with_events_in_order() {
    let tmp = tempfile::tempdir().unwrap();
    let photos = tmp.path().join("photos");
    write_photos(&photos, 20);
    let mut journal = Journal::open(Library::at(tmp.path().join("lib"))).unwrap();
    let events = Mutex::new(Vec::new());
    let report = journal
        .import(
            &options("Trip", &photos, true),
            &AtomicBool::new(false),
            &|e| events.lock().unwrap().push(e),
        )
        .unwrap();
    assert_eq!(report.imported, 20);
    assert_eq!(report.thumbnails, 20);
    let events = events.into_inner().unwrap();
    assert!(matches!(events[0], ImportEvent::Started { total: 20, .. }));
    let metadata_done = events
        .iter()
        .position(|e| {
            *e == ImportEvent::PhaseFinished {
                phase: Phase::Metadata,
            }
        })
        .expect("metadata phase ends");
    let first_thumb = events
        .iter()
        .position(|e| {
            matches!(
                e,
                ImportEvent::Progress {
                    phase: Phase::Thumbnails,
                    ..
                }
            )
        })
        .expect("thumbnail progress");
    assert!(
        metadata_done < first_thumb,
        "the timeline is complete before any thumbnail"
    );
    assert!(matches!(events.last(), Some(ImportEvent::Finished { .. })));

    // The import makes the grid size only; the previews follow (on demand, or all at once).
    // Both are in the cache, named by content hash, oriented (6 → portrait).
    let timeline = journal.timeline("Trip").unwrap();
    assert_eq!(timeline.days.len(), 3);
    let thumbs_dir = journal.library().thumbs_dir();
    let hashes: Vec<String> = {
        let catalog = journal.catalog();
        let trip = catalog.trip("Trip").unwrap();
        let photos = catalog.photos_of_trip(trip.id).unwrap();
        photos
            .into_iter()
            .map(|p| p.hash.expect("an import hashes every photo"))
            .collect()
    };
    for hash in &hashes {
        let preview = lanyard::thumbs::cache_path(&thumbs_dir, hash, lanyard::thumbs::PREVIEW);
        assert!(!preview.exists(), "no preview during the import");
    }
    let made = journal
        .make_previews("Trip", &AtomicBool::new(false), &|_, _| {})
        .unwrap();
    assert_eq!(made.made, hashes.len());
    let catalog = journal.catalog();
    let trip = catalog.trip("Trip").unwrap();
    for photo in catalog.photos_of_trip(trip.id).unwrap() {
        assert_eq!(photo.thumb, ThumbState::Ready);
        for spec in lanyard::thumbs::SPECS {
            let path = lanyard::thumbs::cache_path(
                &journal.library().thumbs_dir(),
                photo.hash.as_deref().unwrap(),
                spec,
            );
            let (w, h) = image::image_dimensions(&path).unwrap();
            assert_eq!(
                w > h,
                photo.orientation != 6,
                "{} {spec:?}",
                photo.path.display()
            );
        }
    }
}

#[test]
fn without_thumbnails_the_timeline_is_already_complete() {
    let tmp = tempfile::tempdir().unwrap();
    let photos = tmp.path().join("photos");
    write_photos(&photos, 9);
    let mut journal = Journal::open(Library::at(tmp.path().join("lib"))).unwrap();
    import_all(&mut journal, "Trip", &photos, false);
    let timeline = journal.timeline("Trip").unwrap();
    let placed: usize = timeline.days.iter().map(|d| d.photos.len()).sum();
    assert_eq!(placed, 9);
    assert!(timeline
        .days
        .iter()
        .flat_map(|d| &d.photos)
        .all(|p| p.thumb == ThumbState::Pending && p.local_time.is_some()));
    assert!(
        timeline
            .days
            .iter()
            .flat_map(|d| &d.photos)
            .all(|p| p.hash.is_none()),
        "a photo is hashed with its thumbnails"
    );
    // A later import with thumbnails completes the pending ones, even with nothing new.
    let report = import_all(&mut journal, "Trip", &photos, true);
    assert_eq!(
        (report.imported, report.duplicates, report.thumbnails),
        (0, 9, 9)
    );
}

#[test]
fn cancel_stops_cleanly_and_a_rerun_completes() {
    let tmp = tempfile::tempdir().unwrap();
    let photos = tmp.path().join("photos");
    write_photos(&photos, 150);
    let mut journal = Journal::open(Library::at(tmp.path().join("lib"))).unwrap();
    let cancel = AtomicBool::new(false);
    let report = journal
        .import(&options("Trip", &photos, true), &cancel, &|e| {
            if let ImportEvent::Progress {
                phase: Phase::Metadata,
                ..
            } = e
            {
                cancel.store(true, Ordering::Relaxed);
            }
        })
        .unwrap();
    assert!(report.cancelled);
    assert!(report.imported < 150, "stopped after the first batch");
    let again = import_all(&mut journal, "Trip", &photos, true);
    assert!(!again.cancelled);
    assert_eq!(report.imported + again.imported, 150);
    assert_eq!(again.duplicates, report.imported);
}

/// A JPEG cut off mid-picture ("Premature end of JPEG file") shows the part that was saved,
/// marked damaged with a reason, and is published only when the person asks for it.
#[test]
fn a_truncated_jpeg_shows_what_decodes_marked_damaged_and_is_exported_only_when_asked() {
    use lanyard::export::{ExportFormat, ExportOptions};
    let tmp = tempfile::tempdir().unwrap();
    let photos = tmp.path().join("photos");
    write_photos(&photos, 3);
    let cut = photos.join("IMG_001.jpg");
    let whole = std::fs::read(&cut).unwrap();
    std::fs::write(&cut, &whole[..whole.len() * 6 / 10]).unwrap();

    let mut journal = Journal::open(Library::at(tmp.path().join("lib"))).unwrap();
    let report = import_all(&mut journal, "Trip", &photos, true);
    assert_eq!((report.imported, report.thumbnails), (3, 3), "{report:?}");
    assert!(report.thumbnail_failures.is_empty(), "{report:?}");
    assert_eq!(report.damaged.len(), 1, "{report:?}");
    assert_eq!(report.damaged[0].path, cut);

    let timeline = journal.timeline("Trip").unwrap();
    let shown = timeline
        .days
        .iter()
        .flat_map(|d| &d.photos)
        .find(|p| p.path.ends_with("IMG_001.jpg"))
        .expect("the damaged photo is on its day");
    let ThumbState::Damaged(reason) = &shown.thumb else {
        panic!("expected damaged, got {:?}", shown.thumb);
    };
    assert!(reason.contains("truncated"), "{reason}");
    // The grid thumbnail shows the top of the picture as it was.
    let grid = std::fs::read(lanyard::thumbs::cache_path(
        &journal.library().thumbs_dir(),
        shown.hash.as_deref().unwrap(),
        lanyard::thumbs::GRID,
    ))
    .expect("a damaged photo has its thumbnails");
    let damaged = image::load_from_memory(&grid).unwrap().to_rgb8();
    let original = image::load_from_memory(&sample::jpeg(640, 480, 1, 80))
        .unwrap()
        .resize_exact(damaged.width(), damaged.height(), image::imageops::Triangle)
        .to_rgb8();
    let rows = damaged.height() / 3;
    let mut diff = 0u64;
    for y in 0..rows {
        for x in 0..damaged.width() {
            let (a, b) = (damaged.get_pixel(x, y), original.get_pixel(x, y));
            diff += (0..3).map(|c| u64::from(a[c].abs_diff(b[c]))).sum::<u64>();
        }
    }
    let mean = diff as f64 / f64::from(rows * damaged.width() * 3);
    assert!(mean < 12.0, "the top third differs by {mean:.1} levels");

    let mut export = ExportOptions {
        trip: "Trip".into(),
        out: tmp.path().join("gallery"),
        format: ExportFormat::Html,
        with_location: false,
        embed_gps: false,
        include_damaged: false,
        sizes: vec![320],
    };
    let plan = journal.export_plan(&export).unwrap();
    assert_eq!((plan.photos, plan.damaged_left_out), (2, 1));
    assert!(
        plan.summary.iter().any(|l| l.contains("1 damaged")),
        "{:?}",
        plan.summary
    );
    export.include_damaged = true;
    let plan = journal.export_plan(&export).unwrap();
    assert_eq!((plan.photos, plan.damaged_left_out), (3, 0));
    let report = journal
        .export(&export, &AtomicBool::new(false), &|_| {})
        .unwrap();
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    assert_eq!(report.images_encoded, 3);
}

/// A file is read whole and hashed before it joins the timeline only when another photo has its
/// byte size (only then can it be a duplicate); the others are hashed with their thumbnails.
/// Copies are still found, in the same import and in a later one, and two different photos of
/// the same size both stay.
#[test]
fn only_files_that_might_be_duplicates_are_hashed_before_the_timeline() {
    let tmp = tempfile::tempdir().unwrap();
    let photos = tmp.path().join("photos");
    write_photos(&photos, 6);
    // A copy of IMG_000 in another folder, and IMG_001 padded after its end to IMG_002's size:
    // a different photo of the same size.
    let copies = tmp.path().join("photos/copies");
    std::fs::create_dir_all(&copies).unwrap();
    std::fs::copy(photos.join("IMG_000.jpg"), copies.join("again.jpg")).unwrap();
    let (one, two) = (photos.join("IMG_001.jpg"), photos.join("IMG_002.jpg"));
    let (len1, len2) = (
        std::fs::metadata(&one).unwrap().len(),
        std::fs::metadata(&two).unwrap().len(),
    );
    let (short, long) = if len1 < len2 {
        (&one, len2)
    } else {
        (&two, len1)
    };
    let mut padded = std::fs::read(short).unwrap();
    padded.resize(long as usize, 0);
    std::fs::write(short, padded).unwrap();
    let same_size = ["IMG_000.jpg", "again.jpg", "IMG_001.jpg", "IMG_002.jpg"];

    let library = Library::at(tmp.path().join("lib"));
    let mut journal = Journal::open(library.clone()).unwrap();
    let checked = AtomicBool::new(false);
    let report = journal
        .import(
            &options("Trip", &photos, true),
            &AtomicBool::new(false),
            &|e| {
                if e != (ImportEvent::PhaseFinished {
                    phase: Phase::Metadata,
                }) {
                    return;
                }
                // The timeline is complete: only the same-size files have their hash.
                let catalog = library.open_catalog().unwrap();
                let trip = catalog.trip("Trip").unwrap();
                let photos = catalog.photos_of_trip(trip.id).unwrap();
                assert_eq!(photos.len(), 6, "the copy left out");
                for photo in photos {
                    let name = photo.path.file_name().unwrap().to_str().unwrap();
                    assert_eq!(
                        photo.hash.is_some(),
                        same_size.contains(&name),
                        "{name} hashed before the timeline"
                    );
                }
                checked.store(true, Ordering::Relaxed);
            },
        )
        .unwrap();
    assert!(checked.load(Ordering::Relaxed));
    assert_eq!((report.imported, report.duplicates), (6, 1));
    let after = journal.timeline("Trip").unwrap();
    let shown: Vec<_> = after.days.iter().flat_map(|d| &d.photos).collect();
    assert_eq!(shown.len(), 6);
    assert!(
        shown
            .iter()
            .all(|p| p.hash.as_deref().is_some_and(|h| h.len() == 64)),
        "every photo hashed once the import is done"
    );

    // Importing again adds nothing; a copy under a new name is still a duplicate.
    std::fs::copy(photos.join("IMG_005.jpg"), copies.join("IMG_005 (1).jpg")).unwrap();
    let again = import_all(&mut journal, "Trip", &photos, true);
    assert_eq!((again.imported, again.duplicates), (0, 8));
}
