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

/// The Amsterdam trip (36 photos over three days, GPS on the phone's photos), Canon fixed.
fn journal(tmp: &Path) -> Journal {
    let mut journal = Journal::open(Library::at(tmp.join("lib"))).unwrap();
    let photos = tmp.join("amsterdam");
    lanyard::sample::write_trip(&photos, &lanyard::sample::conference_trip()).unwrap();
    journal
        .import_paths(
            Some(SAMPLE_TRIP),
            &[photos],
            &AtomicBool::new(false),
            &quiet_import,
        )
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

// --- The conference: sessions, people met, people who asked not to be published -----------

mod conference {
    use super::*;
    use lanyard::sample::{
        chicago_sessions, chicago_trip, chicago_truth, write_chicago_agenda, write_trip,
        SampleSession, CANON_CAMERA, CANON_CLOCK, CHICAGO_ZONE, FUJI_CAMERA, FUJI_CLOCK,
    };
    use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
    use std::collections::HashMap;

    const TRIP: &str = "KubeCon NA 2023";
    /// The Sched session whose title is markup if a page forgets to escape it (Tue 7, 11:00).
    const ESCAPING: &str = "Escaping <b>Bold</b> & \"Quoted\" Titles";

    /// The Chicago week with its cameras' clocks set (so every photo is at its true instant)
    /// and its three agenda files imported, `my-sched.ics` as the sessions attended. Every photo
    /// is captioned `shot <id>`, so pages can be read back without publishing file names.
    /// Returns the journal and file name → photo id.
    fn chicago(tmp: &Path) -> (Journal, HashMap<String, i64>) {
        let photos = tmp.join("chicago");
        write_trip(&photos, &chicago_trip()).unwrap();
        let agenda = write_chicago_agenda(&tmp.join("files")).unwrap();
        let mut journal = Journal::open(Library::at(tmp.join("lib"))).unwrap();
        journal
            .import_paths(
                Some(TRIP),
                &[photos],
                &AtomicBool::new(false),
                &quiet_import,
            )
            .unwrap();
        journal.set_clock(TRIP, FUJI_CAMERA, FUJI_CLOCK).unwrap();
        journal.set_clock(TRIP, CANON_CAMERA, CANON_CLOCK).unwrap();
        for file in &agenda {
            let mine = file.ends_with("my-sched.ics");
            journal.import_agenda(TRIP, file, mine).unwrap();
        }
        let timeline = journal.timeline(TRIP).unwrap();
        let mut ids = HashMap::new();
        for photo in timeline
            .days
            .iter()
            .flat_map(|d| &d.photos)
            .chain(&timeline.undated)
            .chain(&timeline.outside)
        {
            journal
                .set_caption(photo.id, &format!("shot {}", photo.id))
                .unwrap();
            let name = Path::new(&photo.path).file_name().unwrap();
            ids.insert(name.to_string_lossy().into_owned(), photo.id);
        }
        (journal, ids)
    }

    fn options(out: &Path, format: ExportFormat) -> ExportOptions {
        ExportOptions {
            trip: TRIP.into(),
            out: out.to_path_buf(),
            format,
            with_location: false,
            embed_gps: false,
            include_damaged: false,
            sizes: vec![160, 320],
        }
    }

    /// The trip day (1 = Sat 4 Nov) a session starts on, in Chicago.
    fn day_of(session: &SampleSession) -> i64 {
        let start: jiff::Timestamp = session.start.parse().unwrap();
        let date = start.in_tz(CHICAGO_ZONE).unwrap().date();
        let first = jiff::civil::date(2023, 11, 4);
        (date - first).get_days() as i64 + 1
    }

    /// "Title - Name, Company & Name, Company", as typed.
    fn heading_of(session: &SampleSession) -> String {
        let speakers: Vec<String> = session
            .speakers
            .iter()
            .map(|(name, company)| match company {
                Some(company) => format!("{name}, {company}"),
                None => name.clone(),
            })
            .collect();
        if speakers.is_empty() {
            session.title.clone()
        } else {
            format!("{} - {}", session.title, speakers.join(" & "))
        }
    }

    /// The post as a blog shows it: every heading and paragraph as (level, text); 0 for a
    /// paragraph, whose images read as `<img>` and links as `[text](url)`.
    fn blocks(post: &str) -> Vec<(usize, String)> {
        let body = post
            .strip_prefix("---\n")
            .and_then(|rest| rest.split_once("\n---\n"))
            .map_or(post, |(_, body)| body);
        let mut out = Vec::new();
        let mut current: Option<(usize, String)> = None;
        let mut links: Vec<String> = Vec::new();
        for event in Parser::new(body) {
            let text = current.as_mut().map(|(_, t)| t);
            match event {
                Event::Start(Tag::Heading { level, .. }) => {
                    let level = match level {
                        HeadingLevel::H1 => 1,
                        HeadingLevel::H2 => 2,
                        HeadingLevel::H3 => 3,
                        _ => 4,
                    };
                    current = Some((level, String::new()));
                }
                Event::Start(Tag::Paragraph) => current = Some((0, String::new())),
                Event::End(TagEnd::Heading(_) | TagEnd::Paragraph) => out.extend(current.take()),
                Event::Text(t) | Event::Code(t) => text.into_iter().for_each(|s| s.push_str(&t)),
                Event::Start(Tag::Image { .. }) => {
                    text.into_iter().for_each(|s| s.push_str("<img "))
                }
                Event::End(TagEnd::Image) => text.into_iter().for_each(|s| s.push('>')),
                Event::Start(Tag::Link { dest_url, .. }) => {
                    links.push(dest_url.to_string());
                    text.into_iter().for_each(|s| s.push('['));
                }
                Event::End(TagEnd::Link) => {
                    let url = links.pop().unwrap_or_default();
                    text.into_iter()
                        .for_each(|s| s.push_str(&format!("]({url})")));
                }
                Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML in the post: {h}"),
                _ => {}
            }
        }
        out
    }

    /// The ids of the photos a paragraph shows ("*10:31 — shot 42*").
    fn shots(text: &str) -> Vec<i64> {
        text.match_indices("shot ")
            .filter_map(|(at, m)| {
                let digits: String = text[at + m.len()..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                digits.parse().ok()
            })
            .collect()
    }

    #[test]
    fn the_post_puts_each_days_sessions_in_time_order_with_their_photos_then_the_rest_and_the_people_met(
    ) {
        let tmp = tempfile::tempdir().unwrap();
        let (mut journal, ids) = chicago(tmp.path());
        let sessions = chicago_sessions();
        // An attended session without photos shows when it has notes; one with photos gets
        // notes with a heading (it stays inside the session).
        let noted = sessions
            .iter()
            .find(|s| s.attended && s.photos.is_empty() && day_of(s) == 5)
            .expect("an attended session without photos on Wed 8");
        journal
            .set_session_notes(TRIP, &noted.uid, "Slides to read *later*.")
            .unwrap();
        let escaping = sessions
            .iter()
            .find(|s| s.title.starts_with(ESCAPING))
            .expect("the <b>&\" session");
        journal
            .set_session_notes(
                TRIP,
                &escaping.uid,
                "# Takeaways\n\nFeeds are <i>input</i>.",
            )
            .unwrap();
        journal
            .set_day_title(TRIP, 4, "Keynotes & <tracks>")
            .unwrap();
        journal
            .add_person(TRIP, "kunal", Some("https://x.example/kunal"), None, None)
            .unwrap();
        journal
            .add_person(
                TRIP,
                "saiyam",
                Some("https://x.example/saiyam"),
                Some("Kubesimplify"),
                None,
            )
            .unwrap();
        journal.set_met(TRIP, 4, "saiyam", true).unwrap();
        journal.set_met(TRIP, 4, "kunal", true).unwrap();
        let timeline = journal.timeline(TRIP).unwrap();
        let day5_photo = timeline.days[4].photos.last().unwrap().id;
        journal.tag_photo(day5_photo, "Ann Lee", false).unwrap();

        let out = tmp.path().join("post");
        let report = export(&journal, &options(&out, ExportFormat::Markdown));
        let post = std::fs::read_to_string(out.join("post.md")).unwrap();
        let blocks = blocks(&post);

        // What the agenda and the rules say: per day, the sessions with photos (or notes) by
        // start, each with its photos; the day's other photos after them.
        let truth = chicago_truth();
        let day_of_file: HashMap<&str, i64> = truth
            .iter()
            .filter_map(|t| Some((t.file_name.as_str(), i64::from(t.day?))))
            .collect();
        let mut want: Vec<(usize, String, Vec<i64>)> = Vec::new();
        for day in &timeline.days {
            let photos: Vec<i64> = day.photos.iter().map(|p| p.id).collect();
            if photos.is_empty() {
                continue;
            }
            want.push((2, format!("Day {}", day.number), vec![]));
            let mut shown: Vec<&SampleSession> = sessions
                .iter()
                .filter(|s| day_of(s) == day.number)
                .filter(|s| !s.photos.is_empty() || s.uid == noted.uid || s.uid == escaping.uid)
                .collect();
            shown.sort_by(|a, b| (&a.start, &a.end, &a.room).cmp(&(&b.start, &b.end, &b.room)));
            let mut in_sessions = Vec::new();
            for s in &shown {
                let mut mine: Vec<i64> = s.photos.iter().map(|f| ids[f.as_str()]).collect();
                mine.sort_by_key(|id| photos.iter().position(|p| p == id));
                assert!(
                    s.photos
                        .iter()
                        .all(|f| day_of_file[f.as_str()] == day.number),
                    "{}'s photos are on its day",
                    s.title
                );
                in_sessions.extend(&mine);
                want.push((3, heading_of(s), mine));
            }
            let rest: Vec<i64> = photos
                .into_iter()
                .filter(|id| !in_sessions.contains(id))
                .collect();
            if !shown.is_empty() && !rest.is_empty() {
                want.push((3, "Outside the sessions".into(), rest));
            } else if shown.is_empty() {
                want.last_mut().unwrap().2 = rest;
            }
        }
        let mut got: Vec<(usize, String, Vec<i64>)> = Vec::new();
        for (level, text) in &blocks {
            match level {
                // A photo is its image (alt: the caption) and its caption: count the caption.
                0 if !text.contains("<img") => {
                    if let Some(last) = got.last_mut() {
                        last.2.extend(shots(text));
                    }
                }
                0 => {}
                4 => {}
                _ => got.push((*level, text.clone(), vec![])),
            }
        }
        // Day headings carry the date or title after "Day N": compare the number only.
        for (level, text, _) in &mut got {
            if *level == 2 {
                *text = text.split([' ']).take(2).collect::<Vec<_>>().join(" ");
            }
        }
        assert_eq!(
            got.iter()
                .map(|(l, t, _)| (*l, t.as_str()))
                .collect::<Vec<_>>(),
            want.iter()
                .map(|(l, t, _)| (*l, t.as_str()))
                .collect::<Vec<_>>(),
            "headings: each day, its sessions in time order, then the photos outside them"
        );
        for ((_, heading, got), (_, _, want)) in got.iter().zip(&want) {
            assert_eq!(got, want, "photos under {heading:?}, in capture order");
        }
        assert_eq!(
            got.iter().map(|g| g.2.len()).sum::<usize>(),
            report.plan.photos,
            "every published photo once"
        );
        assert_eq!(
            report.plan.sessions,
            want.iter()
                .filter(|w| w.0 == 3 && w.1 != "Outside the sessions")
                .count()
        );

        // The day title and the hostile session title are text; session notes sit below it.
        assert!(
            post.contains("## Day 4 — Keynotes \\& \\<tracks\\>"),
            "{post}"
        );
        assert!(post.contains("### Escaping \\<b\\>Bold\\</b\\> \\& \"Quoted\" Titles"));
        assert!(post.contains("\n#### Takeaways\n"));
        assert!(post.contains("Feeds are &lt;i&gt;input&lt;/i&gt;."));
        assert!(post.contains("\nSlides to read *later*.\n"));
        assert!(post.contains("[Session page](https://kccncna2023.sched.com/"));

        // The people met, as links, closing their own day.
        let people: Vec<(usize, &str)> = blocks
            .iter()
            .enumerate()
            .filter(|(_, (_, t))| t.starts_with("People I met"))
            .map(|(i, (_, t))| (i, t.as_str()))
            .collect();
        let day_at = |i: usize| {
            blocks[..i]
                .iter()
                .rev()
                .find(|(l, _)| *l == 2)
                .map(|(_, t)| t.split(' ').take(2).collect::<Vec<_>>().join(" "))
                .unwrap()
        };
        let people: Vec<(String, &str)> = people.into_iter().map(|(i, t)| (day_at(i), t)).collect();
        assert_eq!(
            people,
            [
                (
                    "Day 4".to_string(),
                    "People I met: [kunal](https://x.example/kunal) and [saiyam](https://x.example/saiyam)."
                ),
                ("Day 5".to_string(), "People I met: Ann Lee."),
            ]
        );
        assert_eq!(report.plan.people_named, 3);
        assert!(
            report
                .plan
                .summary
                .iter()
                .any(|l| l == "People: 3 named as met, with their links."),
            "{:?}",
            report.plan.summary
        );
    }

    #[test]
    fn gallery_day_pages_show_sessions_with_their_photos_and_the_index_counts_them() {
        let tmp = tempfile::tempdir().unwrap();
        let (mut journal, _) = chicago(tmp.path());
        journal
            .add_person(
                TRIP,
                "kunal",
                Some("https://x.example/kunal"),
                Some("Civo"),
                None,
            )
            .unwrap();
        journal.set_met(TRIP, 4, "kunal", true).unwrap();
        let out = tmp.path().join("gallery");
        let report = export(&journal, &options(&out, ExportFormat::Html));
        let timeline = journal.timeline(TRIP).unwrap();
        let day4 = std::fs::read_to_string(out.join("day-4.html")).unwrap();
        let with_photos: Vec<&lanyard::timeline::DaySession> = timeline.days[3]
            .sessions
            .iter()
            .filter(|s| !s.photos.is_empty())
            .collect();
        assert!(with_photos.len() >= 3, "{with_photos:?}");
        // Session headers in time order, each followed by its photos.
        let mut at = 0;
        for session in &with_photos {
            let title = session
                .title
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;");
            let found = day4[at..]
                .find(&format!("-title\">{title}</h2>"))
                .unwrap_or_else(|| panic!("{title} after byte {at}"));
            at += found;
            let section_end = at + day4[at..].find("</section>").unwrap();
            for id in &session.photos {
                assert!(
                    day4[at..section_end].contains(&format!("shot {id}<")),
                    "photo {id} under {title}"
                );
            }
        }
        assert!(day4.contains("Escaping &lt;b&gt;Bold&lt;/b&gt; &amp; &quot;Quoted&quot; Titles"));
        assert!(!day4.contains("<b>Bold"));
        assert!(
            day4.contains("class=\"between-head\">Between sessions · "),
            "{day4}"
        );
        assert!(day4.contains("<a href=\"https://x.example/kunal\" rel=\"noopener\">kunal</a> <span class=\"org\">Civo</span>"));
        let index = std::fs::read_to_string(out.join("index.html")).unwrap();
        let counted =
            index.matches(" sessions</p>").count() + index.matches(" 1 session</p>").count();
        assert!(
            counted >= 4,
            "the conference days count their sessions:\n{index}"
        );
        assert!(report.plan.sessions > 0);
        assert!(report
            .plan
            .summary
            .iter()
            .any(|l| l.starts_with(&format!("Sessions: {} ", report.plan.sessions))));
    }

    /// Every file of an export whose bytes hold `needle` in any case.
    fn files_naming(dir: &Path, needle: &str) -> Vec<String> {
        let needle = needle.to_lowercase();
        files(dir)
            .into_iter()
            .filter(|(_, bytes)| {
                String::from_utf8_lossy(bytes)
                    .to_lowercase()
                    .contains(&needle)
            })
            .map(|(path, _)| path)
            .collect()
    }

    #[test]
    fn a_person_who_asked_not_to_be_published_is_named_in_no_file_and_their_photos_stay_out() {
        let tmp = tempfile::tempdir().unwrap();
        let (mut journal, _) = chicago(tmp.path());
        let timeline = journal.timeline(TRIP).unwrap();
        let day4 = &timeline.days[3];
        // Jane: tagged on one photo (with a caption of its own), named in another photo's caption,
        // in the day's notes and a session's notes, with her profile link.
        journal
            .add_person(
                TRIP,
                "Jane Doe",
                Some("https://social.example/@jdoe"),
                None,
                Some(true),
            )
            .unwrap();
        let tagged = day4.photos[2].id;
        journal.tag_photo(tagged, "jane doe", false).unwrap();
        journal
            .set_caption(tagged, "Selfie at the booth, photo-with-jane")
            .unwrap();
        journal
            .set_caption(day4.photos[3].id, "Lunch with JANE DOE and the team")
            .unwrap();
        journal
            .set_day_notes(
                TRIP,
                4,
                "Met **Jane Doe** ([profile](https://social.example/@jdoe)); \
                 mail jane.doe@example.org or see https://blog.example/jane-doe.",
            )
            .unwrap();
        // The speaker of a session with photos asks too: the header names only the others.
        let sessions = chicago_sessions();
        let spoken = sessions
            .iter()
            .find(|s| s.speakers.len() >= 2 && !s.photos.is_empty())
            .expect("a session with photos and several speakers");
        let (speaker, _) = &spoken.speakers[0];
        journal
            .add_person(TRIP, speaker, None, None, Some(true))
            .unwrap();
        journal
            .set_session_notes(
                TRIP,
                &spoken.uid,
                &format!("{speaker} and Jane doe were great."),
            )
            .unwrap();
        // Kunal is public: named.
        journal
            .add_person(TRIP, "kunal", Some("https://x.example/kunal"), None, None)
            .unwrap();
        journal.set_met(TRIP, 4, "kunal", true).unwrap();
        journal.set_met(TRIP, 4, "Jane Doe", true).unwrap();

        let plan = journal
            .export_plan(&options(&tmp.path().join("x"), ExportFormat::Html))
            .unwrap();
        assert_eq!(plan.private_left_out, 1, "{plan:?}");
        assert_eq!(plan.private_people, 2);
        assert_eq!(plan.people_named, 1);
        assert!(
            plan.summary
                .iter()
                .any(|l| l
                    .starts_with("Left out: 1 photo with a person who asked not to be published")),
            "{:?}",
            plan.summary
        );
        assert!(
            plan.summary
                .iter()
                .any(|l| l.contains("2 people who asked not to be published are never named")),
            "{:?}",
            plan.summary
        );

        for format in [ExportFormat::Html, ExportFormat::Markdown] {
            let out = tmp.path().join(format!("{format:?}"));
            let report = export(&journal, &options(&out, format));
            assert_eq!(report.plan.photos + 1, plan.photos + 1);
            assert_eq!(report.plan.private_left_out, 1);
            let all = files(&out);
            assert!(
                all.keys().any(|k| k.ends_with(".json")),
                "the manifest is checked too"
            );
            assert!(
                all.keys().any(|k| k.ends_with(".jpg")),
                "and the images' bytes"
            );
            for name in [
                "Jane Doe",
                "jane.doe",
                "jane-doe",
                "@jdoe",
                speaker.as_str(),
            ] {
                let naming = files_naming(&out, name);
                assert!(naming.is_empty(), "{format:?}: {name:?} in {naming:?}");
            }
            // Her photo is not published: not its caption, not a file for it.
            assert!(files_naming(&out, "photo-with-jane").is_empty());
            let text = pages(&out);
            assert!(!text.contains(&format!("shot {tagged}")), "{format:?}");
            assert!(
                text.contains("Lunch with someone and the team"),
                "{format:?}"
            );
            assert!(
                text.to_lowercase().contains("met **someone**")
                    || text.contains("Met <strong>someone</strong>"),
                "{format:?}"
            );
            assert!(
                text.contains("mail someone@example.org or see (link removed)."),
                "{format:?}"
            );
            assert!(
                text.contains("someone and someone were great."),
                "{format:?}"
            );
            assert!(text.contains("kunal"), "a public person is still named");
            // The session keeps its other speakers.
            let others: Vec<&String> = spoken.speakers[1..].iter().map(|(n, _)| n).collect();
            for other in others {
                assert!(
                    text.contains(other.as_str()),
                    "{format:?}: {other} still named"
                );
            }
        }
    }

    /// Every file under `dir` whose name ends with `suffix`, read as text.
    fn texts(dir: &Path, suffix: &str) -> String {
        let mut all = String::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                all += &texts(&path, suffix);
            } else if path.to_string_lossy().ends_with(suffix) {
                all += &std::fs::read_to_string(&path).unwrap();
            }
        }
        all
    }

    /// The flights: photos taken in Berlin (the departure morning, the arrival home) show their
    /// own local time and zone on the gallery's pages (`<time datetime>` with +01:00) and in
    /// the post, not Chicago's.
    #[test]
    fn photos_taken_in_another_zone_keep_their_own_time_in_the_gallery_and_the_post() {
        let tmp = tempfile::tempdir().unwrap();
        let (journal, ids) = chicago(tmp.path());
        let html = tmp.path().join("html");
        export(&journal, &options(&html, ExportFormat::Html));
        let pages = texts(&html, ".html");
        let md = tmp.path().join("md");
        export(&journal, &options(&md, ExportFormat::Markdown));
        let post = texts(&md, ".md");
        let berlin: Vec<_> = chicago_truth()
            .into_iter()
            .filter(|t| t.zone == lanyard::sample::HOME_ZONE && t.day.is_some())
            .collect();
        assert!(
            berlin.len() >= 6,
            "the flights out and home: {}",
            berlin.len()
        );
        for truth in berlin {
            let id = ids[&truth.file_name];
            let instant: jiff::ZonedDateTime =
                truth.instant.parse::<jiff::Timestamp>().map_or_else(
                    |_| panic!("{}", truth.instant),
                    |t| t.in_tz(lanyard::sample::HOME_ZONE).unwrap(),
                );
            let datetime = format!("{}+01:00", instant.datetime().strftime("%Y-%m-%dT%H:%M:%S"));
            let shown = format!("{} CET", instant.strftime("%H:%M"));
            let figure = format!(
                "<time datetime=\"{datetime}\">{shown}</time>\n<span class=\"caption\">shot {id}</span>"
            );
            assert!(
                pages.contains(&figure),
                "{}: no {figure:?} on the gallery's pages",
                truth.file_name
            );
            let line = format!("*{shown} — shot {id}*");
            assert!(
                post.contains(&line),
                "{}: no {line:?} in the post",
                truth.file_name
            );
        }
    }
}
