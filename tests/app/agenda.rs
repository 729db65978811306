//! The conference agenda in the window: an .ics dropped natively onto an open trip (the core's
//! summary shown), sessions as headers over their photos with titles shown exactly as typed,
//! "Which session were you in?" answered (and undone with Ctrl+Z; "None of these" likewise),
//! session notes that survive a restart, and "Import agenda…" through the file dialog with
//! "These are the sessions I went to", a file that is no agenda refused with nothing lost,
//! sessions without photos hidden on request.

use crate::drop::native_drop;
use crate::harness::{App, Desk};
use crate::*;
use lanyard::sample::{jpeg, jpeg_with_exif, ExifSpec};

const TRIP: &str = "Agenda trip";
const DATE: &str = "2023-11-07";
const ESCAPING: &str = "Escaping <b>Bold</b> & \"Quoted\" Titles";
const KEYNOTE: &str = "keynote@lanyard.test";
const EDGE: &str = "edge@lanyard.test";
const AUTOSCALING: &str = "autoscaling@lanyard.test";
const WORKSHOP: &str = "workshop@lanyard.test";

/// Tue 7 Nov 2023 in Chicago (CST, -06:00): a photo in the keynote (the only session then),
/// two while two talks ran in parallel, one at lunch (no session).
const SHOTS: [(&str, &str); 4] = [
    ("KEYNOTE.jpg", "09:10:00"),
    ("PARALLEL_1.jpg", "11:05:00"),
    ("PARALLEL_2.jpg", "11:12:00"),
    ("LUNCH.jpg", "12:30:00"),
];

/// The conference's feed, Sched-style: UTC times, `Title - Speaker, Company` (commas escaped).
/// The workshop runs when no photo was taken.
fn agenda_ics() -> String {
    let event = |uid: &str, start: &str, end: &str, summary: &str, room: &str| {
        format!(
            "BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20231101T000000Z\r\nDTSTART:{start}\r\n\
             DTEND:{end}\r\nSUMMARY:{summary}\r\nLOCATION:{room}\r\nEND:VEVENT\r\n"
        )
    };
    [
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Lanyard tests//EN\r\nX-WR-CALNAME:Test Conf\r\n\
         X-WR-TIMEZONE:UTC\r\n"
            .to_string(),
        event(
            KEYNOTE,
            "20231107T150000Z",
            "20231107T153000Z",
            &format!("{ESCAPING} - Mallory Tester\\, Evil Corp"),
            "Hall A | Level 1 | West",
        ),
        event(
            EDGE,
            "20231107T170000Z",
            "20231107T173000Z",
            "Lessons From the Edge - Ada Lovelace\\, Analytical",
            "W183c | Level 1 | West",
        ),
        event(
            AUTOSCALING,
            "20231107T170000Z",
            "20231107T173000Z",
            "Autoscaling Is Not a Strategy - Grace Hopper\\, Navy",
            "W184bc | Level 1 | West",
        ),
        event(
            WORKSHOP,
            "20231107T200000Z",
            "20231107T210000Z",
            "Hands-on Tracing - Linus Example\\, Kernel Org",
            "W196 | Level 1 | West",
        ),
        "END:VCALENDAR\r\n".to_string(),
    ]
    .concat()
}

/// The photos of the day, imported with the CLI into [`TRIP`] in Chicago's zone.
fn make_trip(desk: &Desk) {
    let folder = desk.scratch.path().join("photos");
    std::fs::create_dir_all(&folder).unwrap();
    for (i, (name, time)) in SHOTS.iter().enumerate() {
        let spec = ExifSpec {
            make: Some("Google".into()),
            model: Some("Pixel 7".into()),
            datetime_original: Some(format!("2023:11:07 {time}")),
            offset_original: Some("-06:00".into()),
            ..ExifSpec::default()
        };
        let picture = jpeg(640, 480, 300 + i as u64, 80);
        std::fs::write(folder.join(name), jpeg_with_exif(&picture, &spec)).unwrap();
    }
    let dir = folder.display().to_string();
    cli_json(&desk.library, &["import", "--trip", TRIP, "--json", &dir]);
    let out = lanyard(&desk.library)
        .args(["trip", TRIP, "--timezone", "America/Chicago"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Writes `text` as `name` into the test's agenda folder and returns its path.
/// A personal schedule ("My Sched"): the workshop and Autoscaling of [`agenda_ics`].
fn my_sched_ics() -> String {
    agenda_ics()
        .split("BEGIN:VEVENT")
        .enumerate()
        .filter(|(i, part)| *i == 0 || part.contains(WORKSHOP) || part.contains(AUTOSCALING))
        .map(|(i, part)| {
            if i == 0 {
                part.to_string()
            } else {
                format!("BEGIN:VEVENT{part}")
            }
        })
        .collect()
}

fn agenda_file(desk: &Desk, name: &str, text: &str) -> PathBuf {
    let dir = desk.scratch.path().join("agenda");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Photo ids of the day by file name.
fn photo_id(timeline: &Value, name: &str) -> i64 {
    let day = day_on(timeline, DATE).expect("the day");
    day["photos"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["path"].as_str().is_some_and(|s| s.ends_with(name)))
        .and_then(|p| p["id"].as_i64())
        .unwrap_or_else(|| panic!("no photo {name}"))
}

/// The session uid of each of the day's photos in the CLI's timeline ("-" for none).
fn cli_sessions(timeline: &Value) -> Vec<(i64, String)> {
    day_on(timeline, DATE).expect("the day")["photos"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let uid = p["session"]["uid"].as_str().unwrap_or("-").to_string();
            (p["id"].as_i64().unwrap(), uid)
        })
        .collect()
}

/// What the day shows, block by block: sessions (uid, title as text, whether the title holds any
/// element, photo ids, notes) and runs of loose photos (time header, ids, the question's choices).
async fn shown_blocks(app: &App) -> Value {
    app.js(
        r#"
        const ids = (n) => [...n.querySelectorAll('.photo[data-id]')].map((p) => Number(p.dataset.id));
        const wrap = document.querySelector(`#timeline section.day[data-date="${arguments[0]}"] .agenda-day`);
        if (!wrap) return null;
        return [...wrap.children].map((b) => b.matches('section.session') ? {
            session: b.dataset.uid,
            title: b.querySelector('.session-title').textContent,
            markup: b.querySelector('.session-title').children.length,
            time: b.querySelector('.session-time').textContent,
            speakers: b.querySelector('.session-speakers')?.textContent ?? '',
            room: b.querySelector('.session-room')?.textContent ?? '',
            photos: ids(b),
            notes: b.querySelector('.session-notes-input').value,
        } : b.matches('.loose') ? {
            time: b.querySelector('.loose-time').textContent,
            photos: ids(b),
            ask: [...b.querySelectorAll('.session-ask .session-choice')].map((c) => [c.dataset.uid, c.textContent]),
        } : { other: b.className });
        "#,
        vec![json!(DATE)],
    )
    .await
}

async fn wait_blocks(app: &App, what: &str, ready: impl Fn(&Value) -> bool) -> Value {
    let deadline = std::time::Instant::now() + harness::WAIT;
    loop {
        let blocks = shown_blocks(app).await;
        if ready(&blocks) {
            return blocks;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the day never showed {what}; it shows {blocks:#}"
        );
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

/// Waits for the agenda line above the timeline and returns its results, `[ok, text, code]`.
async fn wait_agenda_status(app: &App) -> Value {
    app.wait_js(
        "the agenda import's line (#agenda-status)",
        "const s = document.querySelector('#agenda-status'); \
         if (!s || s.hidden) return null; \
         return [...s.querySelectorAll('li.agenda-result')].map((li) => \
           [li.classList.contains('ok'), li.querySelector('.agenda-text').textContent, li.dataset.code]);",
        Duration::from_secs(60),
        |v| v.as_array().is_some_and(|a| !a.is_empty()),
    )
    .await
}

/// The sessions shown over the day, in order, once the workshop (attended, without photos) is.
async fn sessions_once_workshop_shown(app: &App) -> Vec<String> {
    sessions_now_shown(app, |s| s.contains(&WORKSHOP)).await
}

/// The sessions shown over the day, in order, once `ready` holds for them.
async fn sessions_now_shown(app: &App, ready: impl Fn(&[&str]) -> bool) -> Vec<String> {
    let uids = |blocks: &Value| -> Vec<String> {
        blocks
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|b| b["session"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let blocks = wait_blocks(app, "the sessions over the day", |b| {
        let shown = uids(b);
        ready(&shown.iter().map(String::as_str).collect::<Vec<_>>())
    })
    .await;
    uids(&blocks)
}

/// Ctrl+Z with nothing focused and no toast left over, and the toast saying `said`.
async fn undo(app: &App, said: &str) {
    app.js(
        "document.activeElement && document.activeElement.blur()",
        vec![],
    )
    .await;
    dismiss_info(app).await;
    ctrl_z(app).await;
    wait_info(app, said).await;
}

async fn click(app: &App, css: &str) {
    app.wait_for(css).await.click().await.expect("click");
}

/// An .ics dropped onto the open trip: the summary, the sessions over their photos, the question
/// at the parallel slot answered (and undone, and answered again), notes kept after a restart.
#[tokio::test]
async fn a_dropped_agenda_puts_the_photos_under_their_sessions() {
    let mut desk = Desk::new("agenda-drop");
    make_trip(&desk);
    let ics = agenda_file(&desk, "test-conf.ics", &agenda_ics());
    let before = cli_timeline(&desk.library, TRIP);
    let (keynote, p1, p2, lunch) = (
        photo_id(&before, "KEYNOTE.jpg"),
        photo_id(&before, "PARALLEL_1.jpg"),
        photo_id(&before, "PARALLEL_2.jpg"),
        photo_id(&before, "LUNCH.jpg"),
    );

    let app = desk.launch().await;
    app.wait_for(&format!(
        "#timeline section.day[data-date=\"{DATE}\"] .photo"
    ))
    .await;
    assert_eq!(
        app.count("#timeline .session, #timeline .session-ask")
            .await,
        0,
        "no agenda yet: the plain grid"
    );
    native_drop(&app, std::slice::from_ref(&ics)).await;
    let status = wait_agenda_status(&app).await;

    // The core's words: the CLI importing the same file again says the same (and updates).
    let out = lanyard(&desk.library)
        .args(["agenda", "import", "--trip", TRIP])
        .arg(&ics)
        .output()
        .unwrap();
    let cli_said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{cli_said}");
    assert!(
        cli_said.contains("0 new, 4 updated"),
        "the app imported it, the CLI only updates: {cli_said}"
    );
    let summary = status[0][1].as_str().unwrap_or_default();
    assert_eq!(status[0][0], json!(true), "{status}");
    assert_eq!(summary, "4 sessions, Tue 7 Nov · 0 marked attended");
    assert!(cli_said.contains(summary), "CLI: {cli_said}");

    // Sessions over their photos; the photos outside sessions under time headers; the question.
    let blocks = wait_blocks(&app, "the keynote over its photo", |b| {
        b[0]["session"] == KEYNOTE
    })
    .await;
    assert_eq!(
        blocks,
        json!([
            {
                "session": KEYNOTE, "title": ESCAPING, "markup": 0, "time": "09:00–09:30",
                "speakers": "Mallory Tester (Evil Corp)", "room": "Hall A", "photos": [keynote], "notes": "",
            },
            {
                "time": "11:05–11:12", "photos": [p1, p2],
                "ask": [[AUTOSCALING, "Autoscaling Is Not a Strategy"], [EDGE, "Lessons From the Edge"]],
            },
            { "time": "12:30", "photos": [lunch], "ask": [] },
        ]),
        "the day by its agenda"
    );
    let html = app
        .js(
            "return document.querySelector(`.session[data-uid=\"${arguments[0]}\"] .session-title`).innerHTML",
            vec![json!(KEYNOTE)],
        )
        .await;
    assert!(
        html.as_str()
            .is_some_and(|h| h.contains("&lt;b&gt;Bold&lt;/b&gt; &amp; \"Quoted\"")),
        "the title is text, not markup: {html}"
    );
    app.js(
        "document.querySelector('.session-ask').scrollIntoView({ block: 'center' })",
        vec![],
    )
    .await;
    app.screenshot("sessions-and-question").await;

    // "Which session were you in?" → Autoscaling: both photos of the slot move under it.
    click(
        &app,
        &format!(".session-ask .session-choice[data-uid=\"{AUTOSCALING}\"]"),
    )
    .await;
    wait_info(&app, "2 photos moved to “Autoscaling Is Not a Strategy”").await;
    let answered = wait_blocks(&app, "the parallel photos under Autoscaling", |b| {
        b.as_array()
            .is_some_and(|a| a.iter().any(|s| s["session"] == AUTOSCALING))
    })
    .await;
    let autoscaling = answered
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["session"] == AUTOSCALING)
        .unwrap();
    assert_eq!(autoscaling["photos"], json!([p1, p2]), "{answered:#}");
    assert_eq!(autoscaling["time"], "11:00–11:30");
    assert_eq!(app.count(".session-ask").await, 0, "asked once: answered");
    let cli = wait_cli_timeline(&desk.library, TRIP, "the answer", |t| {
        cli_sessions(t).contains(&(p1, AUTOSCALING.to_string()))
    })
    .await;
    assert_eq!(
        cli_sessions(&cli),
        [
            (keynote, KEYNOTE.to_string()),
            (p1, AUTOSCALING.to_string()),
            (p2, AUTOSCALING.to_string()),
            (lunch, "-".to_string()),
        ]
    );
    app.screenshot("answered").await;

    // Ctrl+Z: the question comes back, the photos are in no session again.
    undo(&app, "Undone: “Autoscaling Is Not a Strategy”").await;
    wait_blocks(&app, "the question again", |b| {
        b.as_array().is_some_and(|a| {
            a.iter()
                .any(|s| s["ask"].as_array().is_some_and(|c| c.len() == 2))
        })
    })
    .await;
    wait_cli_timeline(&desk.library, TRIP, "the answer undone", |t| {
        cli_sessions(t).contains(&(p1, "-".to_string()))
    })
    .await;
    // "None of these": the photos stay outside sessions and the question goes; Ctrl+Z asks again.
    click(&app, ".session-ask .session-none").await;
    wait_info(&app, "2 photos left outside sessions").await;
    wait_cli_timeline(
        &desk.library,
        TRIP,
        "the photos in no session, nothing to ask",
        |t| {
            let day = day_on(t, DATE).expect("the day");
            day["photos"].as_array().unwrap().iter().all(|p| {
                p["id"] == keynote
                    || (p["session"].is_null()
                        && p["session_candidates"]
                            .as_array()
                            .is_none_or(|c| c.is_empty()))
            })
        },
    )
    .await;
    app.wait_js(
        "the question gone",
        "return document.querySelectorAll('.session-ask').length",
        harness::WAIT,
        |v| v == &json!(0),
    )
    .await;
    ctrl_z(&app).await;
    wait_info(&app, "Undone: none of the sessions").await;
    app.wait_js(
        "the question back",
        "return document.querySelectorAll('.session-ask .session-choice').length",
        harness::WAIT,
        |v| v == &json!(2),
    )
    .await;

    // Answered again, for the rest of the test.
    click(
        &app,
        &format!(".session-ask .session-choice[data-uid=\"{AUTOSCALING}\"]"),
    )
    .await;
    wait_blocks(&app, "the parallel photos under Autoscaling again", |b| {
        b.as_array()
            .is_some_and(|a| a.iter().any(|s| s["session"] == AUTOSCALING))
    })
    .await;

    // The keyboard walks the photos as drawn: from the keynote's photo into the session below.
    app.js(
        "document.querySelector(`.photo[data-id=\"${arguments[0]}\"]`).focus()",
        vec![json!(keynote)],
    )
    .await;
    let focused = "return Number(document.activeElement?.dataset?.id ?? 0)";
    for want in [p1, p2] {
        app.press(&[fantoccini::key::Key::Right.into()]).await;
        app.wait_js("the next photo focused", focused, harness::WAIT, |v| {
            v.as_i64() == Some(want)
        })
        .await;
    }

    // Notes on the keynote: saved on blur, there after a restart.
    let notes = "Agenda feeds are *untrusted*: <script>alert(1)</script>";
    let field = app
        .wait_for(&format!(".session-notes-input[data-uid=\"{KEYNOTE}\"]"))
        .await;
    field.click().await.expect("focus the notes");
    field.send_keys(notes).await.expect("type the notes");
    app.js("document.activeElement.blur()", vec![]).await;
    wait_cli_timeline(&desk.library, TRIP, "the session notes", |t| {
        day_on(t, DATE).is_some_and(|d| {
            d["sessions"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s["uid"] == KEYNOTE && s["notes"] == notes)
        })
    })
    .await;
    app.quit().await;

    let app = desk.launch().await;
    let reopened = wait_blocks(&app, "the sessions after a restart", |b| {
        b.as_array().is_some_and(|a| !a.is_empty())
    })
    .await;
    assert_eq!(reopened[0]["notes"], notes, "{reopened:#}");
    assert_eq!(reopened[0]["title"], ESCAPING);
    assert_eq!(
        app.js(
            "return document.querySelectorAll('.session-notes script, .session script').length",
            vec![]
        )
        .await,
        json!(0)
    );
    app.screenshot("reopened").await;
    app.quit().await;
}

/// "Import agenda…": the conference feed, then "These are the sessions I went to" (the workshop,
/// which has no photos, is marked attended and can be hidden); a file that is no agenda is
/// refused by name and changes nothing.
#[tokio::test]
async fn import_agenda_button_with_my_sessions_and_a_bad_file() {
    let mut desk = Desk::new("agenda-button");
    make_trip(&desk);
    let all = agenda_file(&desk, "all.ics", &agenda_ics());
    let mine = agenda_file(&desk, "my-sched.ics", &my_sched_ics());
    let bad = agenda_file(&desk, "schedule.json", "{\"photos\": [1, 2, 3]}");

    let app = desk.launch().await;
    app.wait_for(&format!(
        "#timeline section.day[data-date=\"{DATE}\"] .photo"
    ))
    .await;

    // The whole agenda.
    stub_file_dialog(&app, std::slice::from_ref(&all)).await;
    click(&app, "#import-agenda").await;
    app.wait_for("#agenda-dialog[open] #agenda-choose").await;
    click(&app, "#agenda-choose").await;
    let status = wait_agenda_status(&app).await;
    assert_eq!(
        status,
        json!([[true, "4 sessions, Tue 7 Nov · 0 marked attended", ""]])
    );
    wait_blocks(&app, "the question", |b| {
        b.as_array().is_some_and(|a| {
            a.iter()
                .any(|s| s["ask"].as_array().is_some_and(|c| c.len() == 2))
        })
    })
    .await;

    // My sessions: Autoscaling (the parallel photos move) and the workshop (no photos).
    app.js(
        "document.querySelector('#agenda-status-close').click()",
        vec![],
    )
    .await;
    stub_file_dialog(&app, std::slice::from_ref(&mine)).await;
    click(&app, "#import-agenda").await;
    click(&app, "#agenda-mine").await;
    click(&app, "#agenda-choose").await;
    let status = wait_agenda_status(&app).await;
    assert_eq!(
        status,
        json!([[true, "4 sessions, Tue 7 Nov · 2 marked attended", ""]])
    );
    assert_eq!(
        app.count("#agenda-as-mine:not([hidden])").await,
        0,
        "imported as mine: nothing to offer"
    );
    assert_eq!(
        sessions_once_workshop_shown(&app).await,
        [KEYNOTE, AUTOSCALING, WORKSHOP]
    );
    assert_eq!(app.count(".session-ask").await, 0, "nothing left to ask");
    assert_eq!(
        app.count(&format!(".session[data-uid=\"{WORKSHOP}\"] .session-empty"))
            .await,
        1,
        "the workshop is shown without photos"
    );
    app.screenshot("my-sessions").await;

    // Sessions without photos hidden, then shown again.
    let toggle = "#toggle-empty-sessions";
    app.wait_for(&format!("{toggle}[aria-pressed=\"true\"]"))
        .await;
    click(&app, toggle).await;
    wait_blocks(&app, "the workshop hidden", |b| {
        b.as_array()
            .is_some_and(|a| !a.is_empty() && !a.iter().any(|s| s["session"] == WORKSHOP))
    })
    .await;
    app.wait_for(&format!("{toggle}[aria-pressed=\"false\"]"))
        .await;
    click(&app, toggle).await;
    wait_blocks(&app, "the workshop shown again", |b| {
        b.as_array()
            .is_some_and(|a| a.iter().any(|s| s["session"] == WORKSHOP))
    })
    .await;

    // A .json that is no schedule: refused by name, nothing lost.
    let agenda_before = cli_json(&desk.library, &["agenda", "list", "--trip", TRIP, "--json"]);
    app.js(
        "document.querySelector('#agenda-status-close').click()",
        vec![],
    )
    .await;
    stub_file_dialog(&app, std::slice::from_ref(&bad)).await;
    click(&app, "#import-agenda").await;
    click(&app, "#agenda-choose").await;
    let status = wait_agenda_status(&app).await;
    assert_eq!(status[0][0], json!(false), "{status}");
    assert_eq!(status[0][2], "invalid_input", "{status}");
    let text = status[0][1].as_str().unwrap_or_default();
    assert!(
        text.contains("schedule.json"),
        "the message names the file: {text}"
    );
    let title = app
        .js(
            "return document.querySelector('#agenda-status-title').textContent",
            vec![],
        )
        .await;
    assert_eq!(title, "No agenda imported");
    assert_eq!(
        cli_json(&desk.library, &["agenda", "list", "--trip", TRIP, "--json"]),
        agenda_before,
        "the bad file changed nothing"
    );
    assert_eq!(
        app.count(".session").await,
        3,
        "the sessions are still shown"
    );
    app.screenshot("bad-file").await;
    app.quit().await;
}

/// A personal schedule dropped onto the window is imported whole, like any agenda; the line
/// then offers "These are the sessions I went to", which marks its sessions attended.
#[tokio::test]
async fn a_dropped_schedule_can_be_taken_as_mine() {
    let mut desk = Desk::new("agenda-drop-mine");
    make_trip(&desk);
    let mine = agenda_file(&desk, "my-sched.ics", &my_sched_ics());
    let app = desk.launch().await;
    app.wait_for(&format!(
        "#timeline section.day[data-date=\"{DATE}\"] .photo"
    ))
    .await;
    native_drop(&app, std::slice::from_ref(&mine)).await;
    let status = wait_agenda_status(&app).await;
    assert_eq!(
        status,
        json!([[true, "2 sessions, Tue 7 Nov · 0 marked attended", ""]])
    );
    // Marked by the person (a photo can make a session `inferred` on its own).
    let attended = |list: &Value| {
        list["sessions"]
            .as_array()
            .expect("sessions")
            .iter()
            .filter(|s| s["attendance"] == "marked")
            .count()
    };
    let listed = cli_json(&desk.library, &["agenda", "list", "--trip", TRIP, "--json"]);
    assert_eq!(attended(&listed), 0, "taken whole: {listed}");

    click(&app, "#agenda-as-mine:not([hidden])").await;
    let summary = app
        .wait_js(
            "the line saying the sessions were taken as mine",
            "const t = document.querySelector('#agenda-status-title').textContent; \
         const o = document.querySelector('#agenda-as-mine'); \
         return t.includes('sessions you went to') && o.hidden ? \
           document.querySelector('#agenda-status .agenda-text').textContent : null;",
            Duration::from_secs(30),
            |v| v.is_string(),
        )
        .await;
    assert_eq!(summary, "2 sessions, Tue 7 Nov · 2 marked attended");
    assert_eq!(
        sessions_once_workshop_shown(&app).await,
        [AUTOSCALING, WORKSHOP]
    );
    let listed = cli_json(&desk.library, &["agenda", "list", "--trip", TRIP, "--json"]);
    assert_eq!(attended(&listed), 2, "both marked: {listed}");
    wait_info(&app, "2 sessions marked as the ones you went to").await;
    app.screenshot("taken-as-mine").await;

    // Ctrl+Z: each back as it was (Autoscaling to the rules, which infer it from its photos;
    // the workshop, without photos, is no longer shown).
    undo(&app, "Undone: 2 sessions marked as yours").await;
    assert_eq!(
        sessions_now_shown(&app, |s| !s.contains(&WORKSHOP)).await,
        [AUTOSCALING]
    );
    let listed = cli_json(&desk.library, &["agenda", "list", "--trip", TRIP, "--json"]);
    assert_eq!(attended(&listed), 0, "none marked after the undo: {listed}");
    assert_eq!(
        app.js(
            "return [document.querySelector('#agenda-status-title').textContent, \
               document.querySelector('#agenda-status .agenda-text').textContent, \
               !document.querySelector('#agenda-as-mine').hidden]",
            vec![],
        )
        .await,
        json!([
            "Agenda imported into “Agenda trip”",
            "2 sessions, Tue 7 Nov · 0 marked attended",
            true
        ]),
        "the line as before the offer, the offer again"
    );
    app.quit().await;
}
