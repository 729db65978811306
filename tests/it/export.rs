//! Export end to end in the core, on the generated sample trip: what is published (never hidden
//! photos, no metadata in images, locations only when asked), incremental re-exports (a caption
//! edit re-encodes nothing, a hidden photo moves files instead of re-encoding them, a size change
//! redoes only that size), and folder safety (foreign folders refused, foreign files kept, a
//! failed write leaves no half-written file, a cancelled export is finished by the next one).

use lanyard::export::{ExportEvent, ExportFormat, ExportOptions, ExportReport};
use lanyard::import::ImportEvent;
use lanyard::journal::{Journal, SAMPLE_TRIP};
use lanyard::library::Library;
use lanyard::Error;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

fn quiet_import(_: ImportEvent) {}
fn quiet(_: ExportEvent) {}

/// The sample trip (36 photos over three days, GPS on the phone's photos), Canon fixed.
fn journal(tmp: &Path) -> Journal {
    let mut journal = Journal::open(Library::at(tmp.join("lib"))).unwrap();
    journal
        .import_sample(&AtomicBool::new(false), &quiet_import)
        .unwrap();
    journal
        .set_shift(SAMPLE_TRIP, "Canon EOS RP", "+6h")
        .unwrap();
    journal
}

fn options(out: &Path) -> ExportOptions {
    ExportOptions {
        trip: SAMPLE_TRIP.into(),
        out: out.to_path_buf(),
        format: ExportFormat::Html,
        with_location: false,
        embed_gps: false,
        include_damaged: false,
        sizes: vec![160, 320, 640],
    }
}

fn export(journal: &Journal, options: &ExportOptions) -> ExportReport {
    let report = journal
        .export(options, &AtomicBool::new(false), &quiet)
        .unwrap();
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    report
}

/// Every file under `dir`, relative, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, into: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, into);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                into.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut all = BTreeMap::new();
    walk(dir, dir, &mut all);
    all
}

fn jpegs(dir: &Path) -> Vec<PathBuf> {
    files(dir)
        .into_keys()
        .filter(|p| p.ends_with(".jpg"))
        .map(|p| dir.join(p))
        .collect()
}

fn pages(dir: &Path) -> String {
    files(dir)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html") || p.ends_with(".md"))
        .map(|(_, bytes)| String::from_utf8(bytes).unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

/// True when the JPEG has an APP1 segment (EXIF or XMP) before its image data.
fn has_app1(jpeg: &[u8]) -> bool {
    let mut i = 2;
    while i + 4 <= jpeg.len() && jpeg[i] == 0xFF {
        let marker = jpeg[i + 1];
        if marker == 0xDA {
            return false;
        }
        if marker == 0xE1 {
            return true;
        }
        let len = usize::from(u16::from_be_bytes([jpeg[i + 2], jpeg[i + 3]]));
        i += 2 + len;
    }
    false
}

#[test]
fn a_gallery_publishes_every_visible_photo_and_nothing_personal() {
    let tmp = tempfile::tempdir().unwrap();
    let mut journal = journal(tmp.path());
    let timeline = journal.timeline(SAMPLE_TRIP).unwrap();
    let hidden = &timeline.days[1].photos[2];
    journal.set_hidden(hidden.id, true).unwrap();
    journal
        .set_caption(hidden.id, "the hotel room number 1234")
        .unwrap();
    let out = tmp.path().join("gallery");

    let plan = journal.export_plan(&options(&out)).unwrap();
    assert!(!out.exists(), "planning writes nothing");
    assert_eq!(plan.photos, 35);
    assert_eq!(plan.hidden_left_out, 1);
    assert!(!plan.location_on_pages && !plan.location_in_images);
    assert!(!plan.original_file_names && !plan.camera_metadata);
    assert!(
        plan.summary[0].contains("35 photos in 3 days"),
        "{:?}",
        plan.summary
    );

    let report = export(&journal, &options(&out));
    assert_eq!(report.plan, plan);
    assert_eq!(report.images_encoded, plan.images);
    assert_eq!(report.entry, out.join("index.html"));
    let all = files(&out);
    for page in ["index.html", "day-1.html", "day-2.html", "day-3.html"] {
        assert!(all.contains_key(page), "{page} missing: {:?}", all.keys());
    }
    for asset in [
        "photoswipe.umd.min.js",
        "photoswipe-lightbox.umd.min.js",
        "photoswipe.css",
    ] {
        assert!(all.contains_key(&format!("assets/{asset}")), "{asset}");
    }
    let images = jpegs(&out);
    assert_eq!(images.len(), plan.images);
    for image in &images {
        let bytes = std::fs::read(image).unwrap();
        assert!(!has_app1(&bytes), "{} carries EXIF/XMP", image.display());
        let read = lanyard::metadata::inspect(image);
        assert!(read.error.is_none(), "{:?}", read.error);
        assert_eq!((read.gps, read.make.as_deref()), (None, None));
        assert_eq!(read.datetime_original, None);
    }

    let text = pages(&out);
    assert!(
        !text.contains("hotel room"),
        "a hidden photo's caption was published"
    );
    for photo in timeline.days.iter().flat_map(|d| &d.photos) {
        let name = Path::new(&photo.path)
            .file_name()
            .unwrap()
            .to_string_lossy();
        assert!(
            !text.contains(name.as_ref()),
            "original file name {name} published"
        );
    }
    assert!(
        !text.contains("openstreetmap"),
        "a map link without --with-location"
    );
    assert!(
        !text.contains("Amsterdam, NL"),
        "a place name without --with-location"
    );
}

#[test]
fn locations_are_on_the_pages_only_when_asked_and_in_the_images_only_when_asked_again() {
    let tmp = tempfile::tempdir().unwrap();
    let journal = journal(tmp.path());

    let pages_only = tmp.path().join("pages-only");
    let mut opts = options(&pages_only);
    opts.with_location = true;
    let report = export(&journal, &opts);
    assert!(report.plan.location_on_pages && !report.plan.location_in_images);
    let text = pages(&pages_only);
    assert!(text.contains("Amsterdam, NL"), "place names expected");
    assert!(text.contains("openstreetmap.org"), "map links expected");
    for image in jpegs(&pages_only) {
        assert_eq!(lanyard::metadata::inspect(&image).gps, None);
    }

    let embedded = tmp.path().join("embedded");
    let mut opts = options(&embedded);
    opts.embed_gps = true;
    let report = export(&journal, &opts);
    assert!(report.plan.location_in_images && !report.plan.location_on_pages);
    let read: Vec<_> = jpegs(&embedded)
        .iter()
        .map(|p| lanyard::metadata::inspect(p))
        .collect();
    assert!(
        read.iter().any(|r| r.gps.is_some()),
        "GPS expected in some images"
    );
    assert!(read
        .iter()
        .all(|r| r.make.is_none() && r.datetime_original.is_none()));
}

#[test]
fn re_exporting_after_a_caption_edit_rewrites_pages_and_encodes_no_image() {
    let tmp = tempfile::tempdir().unwrap();
    let mut journal = journal(tmp.path());
    let out = tmp.path().join("gallery");
    let first = export(&journal, &options(&out));
    let before = files(&out);

    let again = export(&journal, &options(&out));
    assert_eq!(
        (again.written, again.images_encoded, again.removed),
        (0, 0, 0)
    );
    assert_eq!(again.reused, first.written);
    assert_eq!(files(&out), before);

    let photo = journal.timeline(SAMPLE_TRIP).unwrap().days[1].photos[0].clone();
    journal
        .set_caption(photo.id, "Keynote: <b>bold</b> & more")
        .unwrap();
    let edited = export(&journal, &options(&out));
    assert_eq!(edited.images_encoded, 0);
    assert_eq!(
        edited.written, 2,
        "day-2.html, and index.html for the cover's alt"
    );
    let after = files(&out);
    let changed: Vec<&String> = after
        .keys()
        .filter(|k| before.get(*k) != after.get(*k) && *k != ".lanyard-export.json")
        .collect();
    assert!(changed.iter().all(|k| k.ends_with(".html")), "{changed:?}");
    assert!(pages(&out).contains("Keynote: &lt;b&gt;bold&lt;/b&gt; &amp; more"));
}

#[test]
fn hiding_a_photo_moves_the_files_after_it_instead_of_encoding_them() {
    let tmp = tempfile::tempdir().unwrap();
    let mut journal = journal(tmp.path());
    let out = tmp.path().join("gallery");
    export(&journal, &options(&out));
    let before = files(&out);
    let day2 = journal.timeline(SAMPLE_TRIP).unwrap().days[1].clone();
    journal.set_hidden(day2.photos[0].id, true).unwrap();

    let report = export(&journal, &options(&out));
    assert_eq!(report.images_encoded, 0, "moved, not encoded");
    let after = files(&out);
    let last = day2.photos.len();
    // The second photo's files now carry the first one's names.
    for size in [160, 320, 640] {
        assert_eq!(
            after.get(&format!("day-2/0001-{size}.jpg")),
            before.get(&format!("day-2/0002-{size}.jpg")),
        );
        assert!(!after.contains_key(&format!("day-2/{last:04}-{size}.jpg")));
    }
    assert_eq!(report.removed, 3);
    assert!(!out.join(".lanyard-stash").exists());
}

#[test]
fn changing_the_sizes_encodes_only_the_new_size_and_removes_the_old_one() {
    let tmp = tempfile::tempdir().unwrap();
    let journal = journal(tmp.path());
    let out = tmp.path().join("gallery");
    let first = export(&journal, &options(&out));
    let mut opts = options(&out);
    opts.sizes = vec![160, 320, 480];
    let report = export(&journal, &opts);
    assert_eq!(report.images_encoded, first.plan.photos);
    assert_eq!(report.removed, first.plan.photos);
    assert!(jpegs(&out)
        .iter()
        .all(|p| !p.to_string_lossy().ends_with("-640.jpg")));
}

#[test]
fn a_folder_with_other_files_is_refused_and_left_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let journal = journal(tmp.path());
    let out = tmp.path().join("thesis");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("chapter1.docx"), b"years of work").unwrap();
    let err = journal
        .export(&options(&out), &AtomicBool::new(false), &quiet)
        .unwrap_err();
    assert!(matches!(err, Error::ExportFolderNotOurs { .. }), "{err}");
    assert!(err.to_string().contains("not empty"), "{err}");
    let err = journal.export_plan(&options(&out)).unwrap_err();
    assert!(matches!(err, Error::ExportFolderNotOurs { .. }), "{err}");
    assert_eq!(files(&out).len(), 1);
    assert_eq!(
        std::fs::read(out.join("chapter1.docx")).unwrap(),
        b"years of work"
    );
}

#[test]
fn files_the_user_added_to_an_export_are_kept_and_only_its_own_are_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let mut journal = journal(tmp.path());
    let out = tmp.path().join("gallery");
    export(&journal, &options(&out));
    std::fs::write(out.join("CNAME"), b"trip.example.org").unwrap();
    std::fs::write(out.join("day-3").join("extra.jpg"), b"mine").unwrap();
    let day3 = journal.timeline(SAMPLE_TRIP).unwrap().days[2].clone();
    for photo in &day3.photos {
        journal.set_hidden(photo.id, true).unwrap();
    }
    let report = export(&journal, &options(&out));
    assert!(report.removed > 0);
    assert!(
        !out.join("day-3.html").exists(),
        "a day without photos has no page"
    );
    assert_eq!(
        std::fs::read(out.join("CNAME")).unwrap(),
        b"trip.example.org"
    );
    assert_eq!(std::fs::read(out.join("day-3/extra.jpg")).unwrap(), b"mine");
}

#[test]
fn a_failed_write_leaves_no_half_written_file_and_the_next_export_finishes() {
    let tmp = tempfile::tempdir().unwrap();
    let mut journal = journal(tmp.path());
    let out = tmp.path().join("gallery");
    export(&journal, &options(&out));
    let photo = journal.timeline(SAMPLE_TRIP).unwrap().days[0].photos[0].clone();
    journal.set_caption(photo.id, "changed").unwrap();
    // A folder where day-1.html must go: the write fails the way a full disk would.
    std::fs::remove_file(out.join("day-1.html")).unwrap();
    std::fs::create_dir(out.join("day-1.html")).unwrap();
    let err = journal
        .export(&options(&out), &AtomicBool::new(false), &quiet)
        .unwrap_err();
    assert!(matches!(err, Error::Write { .. }), "{err}");
    assert!(err.to_string().contains("day-1.html"), "{err}");
    let leftovers: Vec<String> = files(&out)
        .into_keys()
        .filter(|k| k.ends_with(".tmp") || k.contains(".moving"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    std::fs::remove_dir(out.join("day-1.html")).unwrap();
    let report = export(&journal, &options(&out));
    assert_eq!(report.images_encoded, 0);
    assert!(std::fs::read_to_string(out.join("day-1.html"))
        .unwrap()
        .contains("changed"));
}

#[test]
fn a_cancelled_export_is_finished_by_the_next_one() {
    let tmp = tempfile::tempdir().unwrap();
    let journal = journal(tmp.path());
    let out = tmp.path().join("gallery");
    let cancel = AtomicBool::new(false);
    let seen = std::cell::Cell::new(0);
    let err = journal
        .export(&options(&out), &cancel, &|event| {
            if let ExportEvent::Progress { done, .. } = event {
                seen.set(done);
                if done == 5 {
                    cancel.store(true, Ordering::Relaxed);
                }
            }
        })
        .unwrap_err();
    assert!(matches!(err, Error::Cancelled), "{err}");
    assert!(
        !out.join("index.html").exists(),
        "no pages for a cancelled export"
    );
    let report = export(&journal, &options(&out));
    assert!(
        report.images_encoded < report.plan.images,
        "the first photos are kept"
    );
    assert_eq!(jpegs(&out).len(), report.plan.images);
    assert!(out.join("index.html").exists());
}

#[test]
fn a_markdown_post_links_images_that_exist() {
    let tmp = tempfile::tempdir().unwrap();
    let journal = journal(tmp.path());
    let out = tmp.path().join("post");
    let mut opts = options(&out);
    opts.format = ExportFormat::Markdown;
    let report = export(&journal, &opts);
    assert_eq!(report.entry, out.join("post.md"));
    let post = std::fs::read_to_string(&report.entry).unwrap();
    assert!(post.starts_with("---\n"), "front matter expected:\n{post}");
    assert!(post.contains("## Day 1"), "{post}");
    let mut linked = 0;
    for part in post.split("](").skip(1) {
        let target = &part[..part.find(')').unwrap()];
        if target.ends_with(".jpg") {
            assert!(out.join(target).is_file(), "{target} does not exist");
            linked += 1;
        }
    }
    assert!(linked >= report.plan.photos, "{linked} image links");
    assert!(!out.join("index.html").exists() && !out.join("assets").exists());
}

#[test]
fn nonsense_sizes_and_unknown_trips_are_clear_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let journal = journal(tmp.path());
    let mut opts = options(&tmp.path().join("x"));
    opts.sizes = vec![480, 99999];
    let err = journal.export_plan(&opts).unwrap_err();
    assert!(err.to_string().contains("99999"), "{err}");
    opts.sizes = vec![480];
    opts.trip = "Nope".into();
    assert!(matches!(
        journal.export_plan(&opts).unwrap_err(),
        Error::TripNotFound { .. }
    ));
}
