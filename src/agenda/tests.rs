//! Parsing agenda files: a Sched-style feed (folded lines, escapes, several speakers, UTC), an
//! iCalendar export with TZID and VTIMEZONE, a frab/pretalx schedule.json, and broken files.

use super::*;

fn utc(text: &str) -> Timestamp {
    text.parse().unwrap()
}

/// Folds a line the way iCalendar writers do: at 75 octets, continued after CRLF + space.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out
}

fn ics(lines: &[&str]) -> String {
    lines.iter().map(|l| fold(l) + "\r\n").collect()
}

#[test]
fn a_sched_feed_with_folded_lines_escapes_and_several_speakers() {
    let text = ics(&[
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "X-WR-CALNAME:KubeCon + CloudNativeCon North America 2023",
        "X-WR-TIMEZONE:UTC",
        "BEGIN:VEVENT",
        "DTSTAMP:20231101T000000Z",
        "DTSTART:20231107T150000Z",
        "DTEND:20231107T152000Z",
        "SUMMARY:Keynote: Welcome Back + Opening Remarks - Priyanka Sharma\\, Executive Director\\, Cloud Native Computing Foundation",
        "DESCRIPTION:Opening remarks\\, the state of the community\\; and a surprise.\\nSecond line.",
        "CATEGORIES:Keynote Sessions",
        "LOCATION:Hall F3 | Level 3 | McCormick Place West",
        "URL:https://kccncna2023.sched.com/event/1R2mE",
        "UID:da1f2a0f1b6a1ca4a0e2b7c8@sched.com",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "DTSTART:20231108T170000Z",
        "DTEND:20231108T173500Z",
        "SUMMARY:Platform Engineering - Lessons from the Trenches - Alice Ng\\, Acme Corp & Bob Roe\\, Initech",
        "LOCATION:Room S100 | Level 1",
        "UID:b2@sched.com",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "DTSTART:20231108T180000Z",
        "DTEND:20231108T190000Z",
        "SUMMARY:Lunch",
        "UID:lunch@sched.com",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "DTSTART;VALUE=DATE:20231107",
        "SUMMARY:Day 1",
        "UID:allday@sched.com",
        "END:VEVENT",
        "END:VCALENDAR",
    ]);
    assert!(text.lines().all(|l| l.len() <= 76), "folded");
    let agenda = parse(text.as_bytes()).unwrap();
    assert_eq!(
        agenda.name.as_deref(),
        Some("KubeCon + CloudNativeCon North America 2023")
    );
    assert_eq!(agenda.sessions.len(), 3, "the all-day entry is no session");
    let keynote = &agenda.sessions[0];
    assert_eq!(keynote.uid, "da1f2a0f1b6a1ca4a0e2b7c8@sched.com");
    assert_eq!(keynote.title, "Keynote: Welcome Back + Opening Remarks");
    assert_eq!(
        keynote.speakers,
        vec![Speaker {
            name: "Priyanka Sharma".into(),
            company: Some("Executive Director, Cloud Native Computing Foundation".into()),
        }]
    );
    assert_eq!(
        keynote.description,
        "Opening remarks, the state of the community; and a surprise.\nSecond line."
    );
    assert_eq!(keynote.track.as_deref(), Some("Keynote Sessions"));
    assert_eq!(keynote.room.as_deref(), Some("Hall F3"));
    assert_eq!(
        keynote.location.as_deref(),
        Some("Hall F3 | Level 3 | McCormick Place West")
    );
    assert_eq!(
        keynote.url.as_deref(),
        Some("https://kccncna2023.sched.com/event/1R2mE")
    );
    assert_eq!(
        (keynote.start, keynote.end),
        (utc("2023-11-07T15:00:00Z"), utc("2023-11-07T15:20:00Z"))
    );
    let talk = &agenda.sessions[1];
    assert_eq!(
        talk.title,
        "Platform Engineering - Lessons from the Trenches"
    );
    let names: Vec<(&str, Option<&str>)> = talk
        .speakers
        .iter()
        .map(|s| (s.name.as_str(), s.company.as_deref()))
        .collect();
    assert_eq!(
        names,
        [
            ("Alice Ng", Some("Acme Corp")),
            ("Bob Roe", Some("Initech"))
        ]
    );
    assert_eq!(agenda.sessions[2].title, "Lunch");
    assert!(agenda.sessions[2].speakers.is_empty());
}

#[test]
fn tzid_with_a_vtimezone_and_prefixed_or_defined_zones() {
    let text = ics(&[
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "BEGIN:VTIMEZONE",
        "TZID:Conference Time",
        "BEGIN:STANDARD",
        "DTSTART:19701101T020000",
        "TZOFFSETFROM:-0500",
        "TZOFFSETTO:-0600",
        "END:STANDARD",
        "END:VTIMEZONE",
        "BEGIN:VEVENT",
        "UID:a",
        "SUMMARY:In Chicago time",
        "DTSTART;TZID=America/Chicago:20231105T013000",
        "DTEND;TZID=America/Chicago:20231105T030000",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:b",
        "SUMMARY:Behind a vendor prefix",
        "DTSTART;TZID=/citadel.org/20070227_1/Europe/Berlin:20231107T100000",
        "DURATION:PT45M",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:c",
        "SUMMARY:Only the VTIMEZONE knows",
        "DTSTART;TZID=Conference Time:20231107T090000",
        "DTEND;TZID=Conference Time:20231107T093000",
        "END:VEVENT",
        "END:VCALENDAR",
    ]);
    let agenda = parse(text.as_bytes()).unwrap();
    let got: Vec<(&str, Timestamp, Timestamp)> = agenda
        .sessions
        .iter()
        .map(|s| (s.uid.as_str(), s.start, s.end))
        .collect();
    assert_eq!(
        got,
        [
            // 01:30 in the repeated hour is the first one (CDT); 03:00 is CST.
            (
                "a",
                utc("2023-11-05T06:30:00Z"),
                utc("2023-11-05T09:00:00Z")
            ),
            (
                "b",
                utc("2023-11-07T09:00:00Z"),
                utc("2023-11-07T09:45:00Z")
            ),
            (
                "c",
                utc("2023-11-07T15:00:00Z"),
                utc("2023-11-07T15:30:00Z")
            ),
        ]
    );
}

#[test]
fn a_frab_schedule() {
    let json = r#"{"schedule": {"version": "1.0", "base_url": "https://pretalx.example/rejekts/",
      "conference": {"acronym": "rejekts23", "title": "Cloud Native Rejekts NA 2023",
        "start": "2023-11-05", "end": "2023-11-06", "daysCount": 1, "timeslot_duration": "00:05",
        "time_zone_name": "America/Chicago",
        "rooms": [{"name": "Main", "guid": "r1"}, {"name": "Side", "guid": "r2"}],
        "days": [{"index": 1, "date": "2023-11-06",
          "day_start": "2023-11-06T08:00:00-06:00", "day_end": "2023-11-06T18:00:00-06:00",
          "rooms": {
            "Main": [{"guid": "0d5a-1", "id": 101, "date": "2023-11-06T09:00:00-06:00",
              "start": "09:00", "duration": "00:30", "room": "Main", "slug": "x",
              "url": "https://pretalx.example/rejekts/talk/ABC/", "title": "eBPF <b>&\" all the way",
              "subtitle": "", "track": "Networking", "type": "Talk", "language": "en",
              "abstract": "Short.", "description": "Long, with; punctuation.",
              "persons": [{"id": 1, "code": "P1", "public_name": "Ada Lovelace", "biography": ""},
                          {"id": 2, "code": "P2", "public_name": "Grace Hopper", "biography": ""}],
              "links": [], "attachments": []}],
            "Side": [{"guid": "0d5a-2", "start": "10:15", "duration": "1:15", "title": "Workshop",
              "persons": []}]
          }}]}}}"#;
    let agenda = parse(json.as_bytes()).unwrap();
    assert_eq!(agenda.name.as_deref(), Some("Cloud Native Rejekts NA 2023"));
    let talk = &agenda.sessions[0];
    assert_eq!(talk.uid, "0d5a-1");
    assert_eq!(talk.title, "eBPF <b>&\" all the way");
    assert_eq!(
        talk.speakers
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>(),
        ["Ada Lovelace", "Grace Hopper"]
    );
    assert_eq!(
        (talk.start, talk.end),
        (utc("2023-11-06T15:00:00Z"), utc("2023-11-06T15:30:00Z"))
    );
    assert_eq!(
        (
            talk.room.as_deref(),
            talk.track.as_deref(),
            talk.kind.as_deref()
        ),
        (Some("Main"), Some("Networking"), Some("Talk"))
    );
    assert_eq!(talk.description, "Short.\n\nLong, with; punctuation.");
    let workshop = &agenda.sessions[1];
    assert_eq!(
        (workshop.start, workshop.end, workshop.room.as_deref()),
        (
            utc("2023-11-06T16:15:00Z"),
            utc("2023-11-06T17:30:00Z"),
            Some("Side")
        ),
        "no ISO date: the day's date and start in the conference zone"
    );
}

#[test]
fn broken_files_say_what_is_wrong() {
    let no_start = ics(&[
        "BEGIN:VCALENDAR",
        "BEGIN:VEVENT",
        "UID:x",
        "SUMMARY:When?",
        "END:VEVENT",
        "END:VCALENDAR",
    ]);
    let bad_time = ics(&[
        "BEGIN:VCALENDAR",
        "BEGIN:VEVENT",
        "UID:y",
        "SUMMARY:Soon",
        "DTSTART:tomorrow",
        "END:VEVENT",
        "END:VCALENDAR",
    ]);
    let no_events = ics(&["BEGIN:VCALENDAR", "VERSION:2.0", "END:VCALENDAR"]);
    let cases: Vec<(&[u8], &str)> = vec![
        (b"", "neither an iCalendar file"),
        (b"\x89PNG\r\n\x1a\n", "neither an iCalendar file"),
        (b"Talk at 10, lunch at 12", "neither an iCalendar file"),
        (br#"{"talks": []}"#, "neither an iCalendar file"),
        (
            br#"{"schedule": {"conference": 3}}"#,
            "schedule.json cannot be read",
        ),
        (no_start.as_bytes(), "\"When?\" has no start time"),
        (
            bad_time.as_bytes(),
            "\"Soon\" has a start time that cannot be read (tomorrow)",
        ),
        (no_events.as_bytes(), "holds no sessions"),
        (
            b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n",
            "iCalendar file cannot be read",
        ),
    ];
    for (bytes, words) in cases {
        let err = parse(bytes).unwrap_err().to_string();
        assert!(
            err.contains(words),
            "{:?}: {err}",
            String::from_utf8_lossy(bytes)
        );
    }
}

#[test]
fn summaries_split_into_titles_and_speakers() {
    type Speakers = &'static [(&'static str, Option<&'static str>)];
    let cases: &[(&str, &str, Speakers)] = &[
        ("Lunch", "Lunch", &[]),
        (
            "Keynote - Ada Lovelace",
            "Keynote",
            &[("Ada Lovelace", None)],
        ),
        (
            "Intro - Ada, Analytical Engines & Grace Hopper, US Navy",
            "Intro",
            &[
                ("Ada", Some("Analytical Engines")),
                ("Grace Hopper", Some("US Navy")),
            ],
        ),
        (
            "Day 2 - Closing - the very long wrap up of everything we saw this week together",
            "Day 2 - Closing - the very long wrap up of everything we saw this week together",
            &[],
        ),
        (" - Nobody", "- Nobody", &[]),
    ];
    for (summary, title, speakers) in cases {
        let (got_title, got) = split_summary(summary);
        assert_eq!(got_title, *title, "{summary}");
        let got: Vec<(&str, Option<&str>)> = got
            .iter()
            .map(|s| (s.name.as_str(), s.company.as_deref()))
            .collect();
        assert_eq!(got, *speakers, "{summary}");
    }
}
