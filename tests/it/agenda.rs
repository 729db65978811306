//! The agenda through the journal: importing feeds and personal schedules into a trip,
//! re-importing without duplicates, a broken file changing nothing, photos meeting sessions
//! (attended, grace, the one running, parallel tracks, by hand, a calibrated camera), and
//! people.

use lanyard::journal::Journal;
use lanyard::library::Library;
use lanyard::sample::{self, ExifSpec};
use lanyard::timeline::Timeline;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

const TRIP: &str = "KubeCon NA";

/// A VEVENT in UTC, Sched style.
fn event(uid: &str, start: &str, end: &str, summary: &str, room: &str) -> String {
    format!(
        "BEGIN:VEVENT\r\nDTSTAMP:20231101T000000Z\r\nDTSTART:{start}\r\nDTEND:{end}\r\nSUMMARY:{summary}\r\nLOCATION:{room} | Level 1 | West\r\nUID:{uid}\r\nURL:https://example.sched.com/event/{uid}\r\nEND:VEVENT\r\n"
    )
}

fn calendar(events: &[String]) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:KubeCon NA 2023\r\nX-WR-TIMEZONE:UTC\r\n{}END:VCALENDAR\r\n",
        events.concat()
    )
}

/// Tue 7 Nov 2023 in Chicago (CST, UTC-6): keynotes back to back at 09:00 and 09:20, two
/// parallel talks at 11:00, a talk at 14:00 that the personal schedule has, a grace photo.
fn all_sessions() -> Vec<String> {
    vec![
        event(
            "k1",
            "20231107T150000Z",
            "20231107T152000Z",
            "Keynote: Opening - Priyanka Sharma\\, CNCF",
            "Hall F3",
        ),
        event(
            "k2",
            "20231107T152000Z",
            "20231107T154000Z",
            "Keynote: Platforms - Ada Lovelace\\, Engines Inc",
            "Hall F3",
        ),
        event(
            "p1",
            "20231107T170000Z",
            "20231107T173000Z",
            "eBPF Deep Dive - Grace Hopper\\, Navy & Alan Turing\\, Bletchley",
            "Room S100",
        ),
        event(
            "p2",
            "20231107T170000Z",
            "20231107T173000Z",
            "Escaping <b>Bold</b> & \"Quoted\" Titles - Kunal Kushwaha\\, Civo",
            "Room S101",
        ),
        event(
            "t1",
            "20231107T200000Z",
            "20231107T203000Z",
            "Supply Chains - Saiyam Pathak\\, Civo",
            "Room S102",
        ),
        event(
            "t2",
            "20231107T200000Z",
            "20231107T203000Z",
            "Something Else - Bob Roe",
            "Room S103",
        ),
    ]
}

/// Phone photos (offset -06:00) at these Chicago wall times on 7 Nov 2023.
fn phone_photos(dir: &Path, times: &[(&str, &str)]) {
    std::fs::create_dir_all(dir).unwrap();
    for (i, (name, time)) in times.iter().enumerate() {
        let spec = ExifSpec {
            make: Some("Google".into()),
            model: Some("Pixel 7".into()),
            datetime_original: Some(format!("2023:11:07 {time}")),
            offset_original: Some("-06:00".into()),
            ..ExifSpec::default()
        };
        let jpeg = sample::jpeg_with_exif(&sample::jpeg(160, 120, i as u64, 80), &spec);
        std::fs::write(dir.join(name), jpeg).unwrap();
    }
}

fn journal(root: &Path) -> Journal {
    let photos = root.join("photos");
    phone_photos(
        &photos,
        &[
            ("keynote1.jpg", "09:05:00"),
            ("keynote2.jpg", "09:20:00"),
            ("parallel-a.jpg", "11:10:00"),
            ("parallel-b.jpg", "11:12:00"),
            ("talk.jpg", "14:15:00"),
            ("questions.jpg", "14:33:00"),
            ("hallway.jpg", "14:40:00"),
        ],
    );
    let mut journal = Journal::open(Library::at(root.join("lib"))).unwrap();
    journal
        .import_paths(Some(TRIP), &[photos], &AtomicBool::new(false), &|_| {})
        .unwrap();
    journal
}

fn write(root: &Path, name: &str, text: &str) -> PathBuf {
    let path = root.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// file name → (session uid or "-", candidate uids).
fn sessions_of(timeline: &Timeline) -> Vec<(String, String, Vec<String>)> {
    timeline
        .days
        .iter()
        .flat_map(|d| &d.photos)
        .map(|p| {
            (
                p.path.rsplit('/').next().unwrap().to_string(),
                p.session
                    .as_ref()
                    .map_or("-".to_string(), |s| s.uid.clone()),
                p.session_candidates.iter().map(|s| s.uid.clone()).collect(),
            )
        })
        .collect()
}

fn row(name: &str, uid: &str, candidates: &[&str]) -> (String, String, Vec<String>) {
    (
        name.to_string(),
        uid.to_string(),
        candidates.iter().map(|c| c.to_string()).collect(),
    )
}

#[test]
fn photos_meet_sessions_by_the_rules_and_answers_and_hands_win() {
    let tmp = tempfile::tempdir().unwrap();
    let mut journal = journal(tmp.path());
    let feed = write(tmp.path(), "all.ics", &calendar(&all_sessions()));
    let done = journal.import_agenda(TRIP, &feed, false).unwrap();
    assert_eq!((done.sessions, done.added, done.updated), (6, 6, 0));
    assert_eq!(done.summary, "6 sessions, Tue 7 Nov · 0 marked attended");

    let mine = write(
        tmp.path(),
        "mine.ics",
        &calendar(&[all_sessions()[4].clone()]),
    );
    let done = journal.import_agenda(TRIP, &mine, true).unwrap();
    assert_eq!((done.added, done.updated, done.attended), (0, 1, 1));
    assert_eq!(done.summary, "6 sessions, Tue 7 Nov · 1 marked attended");

    let timeline = journal.timeline(TRIP).unwrap();
    assert_eq!(
        sessions_of(&timeline),
        [
            row("keynote1.jpg", "k1", &[]),
            row("keynote2.jpg", "k2", &[]),
            row("parallel-a.jpg", "-", &["p1", "p2"]),
            row("parallel-b.jpg", "-", &["p1", "p2"]),
            row("talk.jpg", "t1", &[]),
            row("questions.jpg", "t1", &[]),
            row("hallway.jpg", "-", &[]),
        ],
        "back-to-back keynotes inferred; parallel talks ask; the attended talk and its grace"
    );
    let day = &timeline.days[0];
    let listed: Vec<(&str, bool, bool, usize)> = day
        .sessions
        .iter()
        .map(|s| (s.uid.as_str(), s.attended, s.inferred, s.photos.len()))
        .collect();
    assert_eq!(
        listed,
        [
            ("k1", true, true, 1),
            ("k2", true, true, 1),
            ("t1", true, false, 2)
        ]
    );
    assert_eq!(day.sessions[0].start, "2023-11-07T09:00:00-06:00");
    assert_eq!(day.sessions[2].speakers[0].name, "Saiyam Pathak");

    // "Which session were you in?" → p2: both photos of the slot move.
    journal.set_attended(TRIP, "p2", true).unwrap();
    let timeline = journal.timeline(TRIP).unwrap();
    let moved = sessions_of(&timeline);
    assert_eq!(moved[2], row("parallel-a.jpg", "p2", &[]));
    assert_eq!(moved[3], row("parallel-b.jpg", "p2", &[]));
    let p2 = &timeline.days[0].sessions[2];
    assert_eq!(
        p2.title, "Escaping <b>Bold</b> & \"Quoted\" Titles",
        "as typed"
    );
    // Undoing the answer: back to unknown, the slot asks again; then answered again.
    journal.set_attendance(TRIP, "p2", None).unwrap();
    let asked = sessions_of(&journal.timeline(TRIP).unwrap());
    assert_eq!(asked[2], row("parallel-a.jpg", "-", &["p1", "p2"]));
    journal.set_attended(TRIP, "p2", true).unwrap();

    // By hand: out of a session, into another; the hand wins over the rules.
    let id = |name: &str| {
        timeline.days[0]
            .photos
            .iter()
            .find(|p| p.path.ends_with(name))
            .unwrap()
            .id
    };
    journal
        .set_photo_session(id("keynote2.jpg"), "none")
        .unwrap();
    journal.set_photo_session(id("hallway.jpg"), "t1").unwrap();
    assert!(journal.set_photo_session(id("talk.jpg"), "nope").is_err());
    let by_hand = sessions_of(&journal.timeline(TRIP).unwrap());
    assert_eq!(by_hand[1], row("keynote2.jpg", "-", &[]));
    assert_eq!(by_hand[6], row("hallway.jpg", "t1", &[]));
    journal
        .set_photo_session(id("keynote2.jpg"), "auto")
        .unwrap();
    assert_eq!(
        sessions_of(&journal.timeline(TRIP).unwrap())[1],
        row("keynote2.jpg", "k2", &[])
    );

    // A session marked not attended is not inferred.
    journal.set_attended(TRIP, "k1", false).unwrap();
    assert_eq!(
        sessions_of(&journal.timeline(TRIP).unwrap())[0],
        row("keynote1.jpg", "-", &[])
    );

    // The agenda list, per day.
    let list = journal.agenda(TRIP, Some(1)).unwrap();
    let marks: Vec<(&str, &str, usize)> = list
        .sessions
        .iter()
        .map(|s| (s.uid.as_str(), s.attendance, s.photos))
        .collect();
    assert_eq!(
        marks,
        [
            ("k1", "no", 0),
            ("k2", "inferred", 1),
            ("p1", "unknown", 0),
            ("p2", "marked", 2),
            ("t1", "marked", 3),
            ("t2", "unknown", 0)
        ]
    );
    assert!(journal.agenda(TRIP, Some(9)).is_err());
}

#[test]
fn re_importing_updates_and_a_broken_file_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let mut journal = journal(tmp.path());
    let feed = write(tmp.path(), "all.ics", &calendar(&all_sessions()));
    journal.import_agenda(TRIP, &feed, false).unwrap();
    journal
        .set_session_notes(TRIP, "t1", "Slides *online*")
        .unwrap();

    // The feed moves t1 half an hour later and renames it.
    let mut events = all_sessions();
    events[4] = event(
        "t1",
        "20231107T203000Z",
        "20231107T210000Z",
        "Supply Chains, Revised - Saiyam Pathak\\, Civo",
        "Room S102",
    );
    let moved = write(tmp.path(), "all2.ics", &calendar(&events));
    let done = journal.import_agenda(TRIP, &moved, false).unwrap();
    assert_eq!((done.added, done.updated, done.total), (0, 6, 6));
    let list = journal.agenda(TRIP, None).unwrap();
    let t1 = list.sessions.iter().find(|s| s.uid == "t1").unwrap();
    assert_eq!(
        (t1.title.as_str(), t1.start.as_str(), t1.notes.as_str()),
        (
            "Supply Chains, Revised",
            "2023-11-07T14:30:00-06:00",
            "Slides *online*"
        )
    );

    let before = journal.agenda(TRIP, None).unwrap();
    let no_start = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:When?\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let cases = [
        (
            write(tmp.path(), "no-start.ics", no_start),
            "\"When?\" has no start time",
        ),
        (
            write(tmp.path(), "notes.txt", "Talk at ten"),
            "neither an iCalendar file",
        ),
        (tmp.path().join("missing.ics"), "cannot read"),
    ];
    for (path, words) in cases {
        let err = journal
            .import_agenda(TRIP, &path, false)
            .unwrap_err()
            .to_string();
        assert!(err.contains(words), "{}: {err}", path.display());
        if !words.starts_with("cannot") {
            assert!(
                err.contains(&path.display().to_string()),
                "names the file: {err}"
            );
        }
    }
    assert_eq!(journal.agenda(TRIP, None).unwrap(), before, "nothing lost");
}

#[test]
fn people_speak_are_tagged_and_met() {
    let tmp = tempfile::tempdir().unwrap();
    let mut journal = journal(tmp.path());
    let feed = write(tmp.path(), "all.ics", &calendar(&all_sessions()));
    journal.import_agenda(TRIP, &feed, false).unwrap();
    let people = journal.people(TRIP).unwrap();
    let speakers: Vec<&str> = people.iter().map(|p| p.person.name.as_str()).collect();
    assert!(speakers.contains(&"Grace Hopper") && speakers.contains(&"Alan Turing"));
    let grace = people
        .iter()
        .find(|p| p.person.name == "Grace Hopper")
        .unwrap();
    assert_eq!(grace.sessions, ["p1"]);
    assert_eq!(grace.person.org.as_deref(), Some("Navy"));

    journal
        .add_person(TRIP, "kunal", Some("https://x.example/kunal"), None, None)
        .unwrap();
    assert!(journal
        .add_person(TRIP, "eve", Some("javascript:alert(1)"), None, None)
        .is_err());
    journal
        .add_person(TRIP, "Mallory", None, None, Some(true))
        .unwrap();
    let timeline = journal.timeline(TRIP).unwrap();
    let talk = timeline.days[0]
        .photos
        .iter()
        .find(|p| p.path.ends_with("talk.jpg"))
        .unwrap()
        .id;
    journal.tag_photo(talk, "Kunal", false).unwrap();
    journal.tag_photo(talk, "mallory", false).unwrap();
    journal.set_met(TRIP, 1, "Saiyam Pathak", true).unwrap();
    let timeline = journal.timeline(TRIP).unwrap();
    let day = &timeline.days[0];
    let met: Vec<(&str, bool, bool)> = day
        .people
        .iter()
        .map(|p| (p.name.as_str(), p.met, p.private))
        .collect();
    assert_eq!(
        met,
        [
            ("kunal", false, false),
            ("Mallory", false, true),
            ("Saiyam Pathak", true, false)
        ]
    );
    let photo = day.photos.iter().find(|p| p.id == talk).unwrap();
    assert_eq!(photo.people, ["kunal", "Mallory"]);
    journal.tag_photo(talk, "mallory", true).unwrap();
    assert!(journal.tag_photo(talk, "nobody", true).is_err());
    let json = serde_json::to_value(&journal.timeline(TRIP).unwrap().days[0]).unwrap();
    assert_eq!(json["people"][0]["link"], "https://x.example/kunal");
}

#[test]
fn photo_details_name_the_session_and_the_ones_around_it() {
    let tmp = tempfile::tempdir().unwrap();
    let mut journal = journal(tmp.path());
    let feed = write(tmp.path(), "all.ics", &calendar(&all_sessions()));
    journal.import_agenda(TRIP, &feed, false).unwrap();
    let timeline = journal.timeline(TRIP).unwrap();
    let id = |name: &str| {
        timeline.days[0]
            .photos
            .iter()
            .find(|p| p.path.ends_with(name))
            .unwrap()
            .id
    };

    let keynote = journal.photo_details(id("keynote1.jpg")).unwrap();
    let named = keynote
        .session_details
        .expect("the keynote names its session");
    assert_eq!(
        (
            named.uid.as_str(),
            named.title.as_str(),
            named.time.as_str()
        ),
        ("k1", "Keynote: Opening", "09:00–09:20"),
        "time in the trip's zone"
    );
    assert_eq!(named.room.as_deref(), Some("Hall F3"));
    assert_eq!(named.speakers[0].name, "Priyanka Sharma");
    assert_eq!(keynote.session_by, "auto");
    let around: Vec<&str> = keynote
        .session_choices
        .iter()
        .map(|c| c.uid.as_str())
        .collect();
    assert_eq!(around, ["k1", "k2"], "sessions within 30 minutes, by start");

    // Parallel talks: no session yet, both offered; by hand into one, then out of any.
    let parallel = id("parallel-a.jpg");
    let details = journal.photo_details(parallel).unwrap();
    assert_eq!(details.session_details, None);
    let around: Vec<&str> = details
        .session_choices
        .iter()
        .map(|c| c.uid.as_str())
        .collect();
    assert_eq!(around, ["p1", "p2"]);
    journal.set_photo_session(parallel, "p2").unwrap();
    let details = journal.photo_details(parallel).unwrap();
    assert_eq!(details.session_by, "hand");
    assert_eq!(
        details.session_details.map(|s| s.title),
        Some("Escaping <b>Bold</b> & \"Quoted\" Titles".to_string())
    );
    journal.set_photo_session(parallel, "none").unwrap();
    let details = journal.photo_details(parallel).unwrap();
    assert_eq!(
        (details.session_details, details.session_by),
        (None, "hand")
    );
    journal.set_photo_session(parallel, "auto").unwrap();
    assert_eq!(journal.photo_details(parallel).unwrap().session_by, "auto");
}

#[test]
fn a_person_keeps_untouched_fields_and_an_empty_text_removes_one() {
    let tmp = tempfile::tempdir().unwrap();
    let mut journal = journal(tmp.path());
    journal
        .add_person(
            TRIP,
            "kunal",
            Some("https://x.example/k"),
            Some("Civo"),
            None,
        )
        .unwrap();
    let kept = journal
        .add_person(TRIP, "Kunal", None, None, Some(true))
        .unwrap();
    assert_eq!(
        (kept.link.as_deref(), kept.org.as_deref(), kept.private),
        (Some("https://x.example/k"), Some("Civo"), true),
        "None leaves a field as it is"
    );
    let cleared = journal
        .add_person(TRIP, "kunal", Some(" "), Some(""), None)
        .unwrap();
    assert_eq!(
        (cleared.link, cleared.org, cleared.private),
        (None, None, true),
        "an empty link or affiliation removes it (the app's People sheet)"
    );
    assert!(journal
        .add_person(TRIP, "kunal", Some("javascript:alert(1)"), None, None)
        .is_err());
    assert_eq!(journal.person_link(TRIP, "KUNAL").unwrap(), None);
    journal
        .add_person(TRIP, "kunal", Some("https://x.example/k2"), None, None)
        .unwrap();
    assert_eq!(
        journal.person_link(TRIP, "Kunal").unwrap().as_deref(),
        Some("https://x.example/k2")
    );
    assert!(journal.person_link(TRIP, "nobody").is_err());
}
