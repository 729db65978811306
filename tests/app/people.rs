//! People and sessions in the window: a trip with an agenda (built with the CLI before the app
//! starts), the viewer naming a photo's session and moving it to another (Ctrl+Z puts it back),
//! tagging people with the autocomplete from the keyboard (its keys never reach the viewer),
//! tags surviving a restart, people marked met under their day with their links, attendance
//! changed in the agenda browser moving photos, and a hostile name shown as typed.

use crate::edits::close_viewer;
use crate::harness::{App, Desk};
use crate::*;
use fantoccini::key::Key;
use lanyard::sample::{self, ExifSpec};

const TRIP: &str = "KubeCon NA";
const XSS: &str = "<img src=x onerror=alert(1)>";
const KUNAL: &str = "Kunal Kushwaha";
const KUNAL_LINK: &str = "https://x.example/kunal";
const SAIYAM: &str = "Saiyam Pathak";
const SAIYAM_LINK: &str = "https://x.example/saiyam";
const P2_TITLE: &str = "Escaping <b>Bold</b> & \"Quoted\" Titles";

/// A VEVENT in UTC, Sched style (Chicago is UTC-6 in November).
fn event(uid: &str, start: &str, end: &str, summary: &str, room: &str) -> String {
    format!(
        "BEGIN:VEVENT\r\nDTSTAMP:20231101T000000Z\r\nDTSTART:{start}\r\nDTEND:{end}\r\nSUMMARY:{summary}\r\nLOCATION:{room} | Level 1 | West\r\nUID:{uid}\r\nURL:https://example.sched.com/event/{uid}\r\nEND:VEVENT\r\n"
    )
}

/// Tue 7 Nov 2023: a keynote at 09:00, two talks in parallel at 11:00, a talk at 14:00.
fn agenda() -> String {
    let events = [
        event(
            "k1",
            "20231107T150000Z",
            "20231107T152000Z",
            "Keynote: Opening - Priyanka Sharma\\, CNCF",
            "Hall F3",
        ),
        event(
            "p1",
            "20231107T170000Z",
            "20231107T173000Z",
            "eBPF Deep Dive - Grace Hopper\\, Navy",
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
    ];
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:KubeCon NA 2023\r\nX-WR-TIMEZONE:UTC\r\n{}END:VCALENDAR\r\n",
        events.concat()
    )
}

/// Phone photos (offset -06:00): the keynote, the parallel slot, the hallway after the 14:00
/// talk, and one the next day.
fn write_photos(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let photos = [
        ("keynote.jpg", "2023:11:07 09:05:00"),
        ("parallel.jpg", "2023:11:07 11:10:00"),
        ("hallway.jpg", "2023:11:07 14:40:00"),
        ("next-day.jpg", "2023:11:08 10:00:00"),
    ];
    for (i, (name, time)) in photos.iter().enumerate() {
        let spec = ExifSpec {
            make: Some("Google".into()),
            model: Some("Pixel 7".into()),
            datetime_original: Some(time.to_string()),
            offset_original: Some("-06:00".into()),
            ..ExifSpec::default()
        };
        let jpeg = sample::jpeg_with_exif(&sample::jpeg(640, 480, i as u64 + 7, 80), &spec);
        std::fs::write(dir.join(name), jpeg).unwrap();
    }
}

fn run_cli(desk: &Desk, args: &[&str]) {
    let out = lanyard(&desk.library)
        .args(args)
        .output()
        .expect("run lanyard");
    assert!(
        out.status.success(),
        "lanyard {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The trip, its agenda and one person with a link, made with the CLI before the app starts.
fn build_trip(desk: &Desk) {
    let photos = desk.scratch.path().join("photos");
    write_photos(&photos);
    let feed = desk.scratch.path().join("all.ics");
    std::fs::write(&feed, agenda()).unwrap();
    run_cli(
        desk,
        &[
            "import",
            "--trip",
            TRIP,
            photos.to_str().expect("utf-8 path"),
        ],
    );
    run_cli(
        desk,
        &[
            "agenda",
            "import",
            "--trip",
            TRIP,
            feed.to_str().expect("utf-8 path"),
        ],
    );
    run_cli(
        desk,
        &[
            "person", "add", "--trip", TRIP, KUNAL, "--link", KUNAL_LINK, "--org", "Civo",
        ],
    );
}

/// Photo id of the file `name` in the CLI's timeline.
fn photo_id(timeline: &Value, name: &str) -> i64 {
    photo_days(timeline)
        .into_iter()
        .find(|(_, _, p)| p["path"].as_str().is_some_and(|s| s.ends_with(name)))
        .unwrap_or_else(|| panic!("{name} is not in the timeline"))
        .0
}

/// The CLI's view of one photo.
fn cli_photo(timeline: &Value, id: i64) -> Value {
    photo_days(timeline)
        .into_iter()
        .find(|(pid, _, _)| *pid == id)
        .expect("the photo")
        .2
}

fn session_uid(photo: &Value) -> Option<String> {
    photo["session"]["uid"].as_str().map(str::to_string)
}

fn tagged(photo: &Value) -> Vec<String> {
    photo["people"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|n| n.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Clicks `css` once it is visible, brought to the middle of its scroller first; a click that
/// lands on something else (a toast, a layout still settling after a reload) is retried.
async fn click(app: &App, css: &str) {
    for attempt in 0.. {
        let target = app.wait_for(css).await;
        app.js(
            "document.querySelector(arguments[0]).scrollIntoView({block: 'center'})",
            vec![json!(css)],
        )
        .await;
        match target.click().await {
            Ok(()) => return,
            Err(e) if attempt < 10 => {
                eprintln!("clicking {css} failed ({e}); retrying");
                dismiss_info(app).await;
                tokio::time::sleep(Duration::from_millis(300)).await;
            }
            Err(e) => panic!("could not click {css}: {e}"),
        }
    }
}

/// Opens the viewer on photo `id` by clicking its tile.
async fn open_viewer(app: &App, id: i64) {
    click(app, &format!("#timeline .photo[data-id=\"{id}\"]")).await;
    app.wait_js(
        &format!("the viewer on photo {id}"),
        &format!("const v = document.querySelector('#viewer'); return !v.hidden && v.dataset.id === '{id}'"),
        harness::WAIT,
        |v| v == &json!(true),
    )
    .await;
}

/// The session the viewer's details name (the title as shown), once the core has answered.
async fn wait_viewer_session(app: &App, id: i64, title: &str) -> Value {
    app.wait_js(
        &format!("the viewer of photo {id} to name the session {title:?}"),
        &format!(
            "const v = document.querySelector('#viewer'); \
             const t = document.querySelector('#viewer-session-title'); \
             const s = document.querySelector('#viewer-session'); \
             if (v.hidden || v.dataset.id !== '{id}' || !t || !s) return null; \
             return {{ title: t.textContent, details: document.querySelector('#viewer-details').innerText, \
                       value: s.value }};"
        ),
        harness::WAIT,
        |v| v["title"].as_str() == Some(title),
    )
    .await
}

/// Types `text` into the viewer's "Who's in this photo?" field.
async fn type_person(app: &App, text: &str) -> fantoccini::elements::Element {
    let field = app.wait_for("#viewer-person-input").await;
    field.click().await.expect("focus the people field");
    field.send_keys(text).await.expect("type a name");
    field
}

async fn wait_chips(app: &App, want: &[&str]) {
    let want: Vec<Value> = want.iter().map(|n| json!(n)).collect();
    app.wait_js(
        &format!("the viewer's people chips to be {want:?}"),
        "return [...document.querySelectorAll('#viewer-people-chips li.chip')].map((c) => c.querySelector('.chip-name').textContent)",
        harness::WAIT,
        |v| v.as_array() == Some(&want),
    )
    .await;
}

/// What the "Met:" line under the day with `date` shows: `[{name, link, met}]`.
async fn met_line(app: &App, date: &str) -> Value {
    app.js(
        "const line = document.querySelector(`#timeline section.day[data-date=\"${arguments[0]}\"] .day-met`); \
         if (!line) return null; \
         return [...line.querySelectorAll('.met-person')].map((p) => ({ \
           name: (p.querySelector('.met-link, .met-name') || {}).textContent, \
           link: p.dataset.link, met: p.dataset.met, \
           button: Boolean(p.querySelector('button.met-link')) }));",
        vec![json!(date)],
    )
    .await
}

/// No element made from a name: the hostile name never became an <img>.
async fn assert_no_injected_image(app: &App) {
    let injected = app
        .js(
            "return document.querySelectorAll('img[src=\"x\"], #viewer-people img, .day-met img, #people-list img').length",
            vec![],
        )
        .await;
    assert_eq!(injected, json!(0), "a name became markup");
}

#[tokio::test]
async fn people_and_sessions_in_the_viewer_the_day_and_the_agenda() {
    let mut desk = Desk::new("people");
    build_trip(&desk);
    let before = cli_timeline(&desk.library, TRIP);
    let keynote = photo_id(&before, "keynote.jpg");
    let parallel = photo_id(&before, "parallel.jpg");
    assert_eq!(
        session_uid(&cli_photo(&before, keynote)).as_deref(),
        Some("k1"),
        "the keynote is the one session running: inferred"
    );
    let day1 = day_on(&before, "2023-11-07").expect("Tue 7 Nov is a day")["date"]
        .as_str()
        .unwrap()
        .to_string();

    let app = desk.launch().await;
    app.wait_for(&format!("#timeline .photo[data-id=\"{keynote}\"]"))
        .await;

    // The viewer names the keynote photo's session with its time and room.
    open_viewer(&app, keynote).await;
    let shown = wait_viewer_session(&app, keynote, "Keynote: Opening").await;
    let details = shown["details"].as_str().unwrap();
    assert!(
        details.contains("09:00–09:20") && details.contains("Hall F3"),
        "the session's time and room in the details:\n{details}"
    );
    assert!(
        details.contains("Priyanka Sharma, CNCF"),
        "its speaker:\n{details}"
    );
    assert_eq!(shown["value"], "auto", "placed by the rules");

    // "Who's in this photo?": "kun" offers Kunal; ↓ and Enter pick him. The keys stay in the
    // field: the viewer shows the same photo and stays open.
    let field = type_person(&app, "kun").await;
    app.wait_for(&format!(
        "#viewer-person-list:not([hidden]) li.suggestion[data-name=\"{KUNAL}\"]"
    ))
    .await;
    app.screenshot("autocomplete").await;
    field
        .send_keys(&Key::Down.to_string())
        .await
        .expect("arrow down");
    let highlighted = app
        .js(
            "return document.querySelector('#viewer-person-list li[aria-selected=\"true\"]')?.dataset.name ?? null",
            vec![],
        )
        .await;
    assert_eq!(highlighted, json!(KUNAL), "↓ highlights the first name");
    field
        .send_keys(&Key::Enter.to_string())
        .await
        .expect("Enter");
    wait_chips(&app, &[KUNAL]).await;
    assert_eq!(
        app.js(
            "return document.querySelector('#viewer').dataset.id",
            vec![]
        )
        .await,
        json!(keynote.to_string()),
        "the arrow and Enter did not move the viewer"
    );
    let people_now = wait_cli_timeline(&desk.library, TRIP, "Kunal tagged", |t| {
        tagged(&cli_photo(t, keynote)) == [KUNAL]
    })
    .await;
    assert_eq!(
        people_now["days"][0]["people"][0]["link"], KUNAL_LINK,
        "the existing person was tagged, not a new one without his link"
    );

    // Esc with suggestions open closes only them; then it clears the field; then the viewer.
    let field = type_person(&app, "sai").await;
    app.wait_for("#viewer-person-list:not([hidden]) li.suggestion")
        .await;
    field
        .send_keys(&Key::Escape.to_string())
        .await
        .expect("Esc");
    let state = app
        .js(
            "return { list: document.querySelector('#viewer-person-list').hidden, \
                      viewer: document.querySelector('#viewer').hidden, \
                      text: document.querySelector('#viewer-person-input').value }",
            vec![],
        )
        .await;
    assert_eq!(
        state,
        json!({"list": true, "viewer": false, "text": "sai"}),
        "Esc closed the suggestions only"
    );
    field
        .send_keys(&Key::Escape.to_string())
        .await
        .expect("Esc");
    assert_eq!(
        app.js(
            "return document.querySelector('#viewer-person-input').value",
            vec![]
        )
        .await,
        json!(""),
        "the second Esc clears the field"
    );

    // A new person with a hostile name: created, tagged, shown as typed.
    let field = type_person(&app, XSS).await;
    field
        .send_keys(&Key::Enter.to_string())
        .await
        .expect("Enter");
    wait_chips(&app, &[KUNAL, XSS]).await;
    assert_no_injected_image(&app).await;
    wait_cli_timeline(&desk.library, TRIP, "the new person tagged", |t| {
        tagged(&cli_photo(t, keynote)).contains(&XSS.to_string())
    })
    .await;
    app.screenshot("viewer-tags").await;
    close_viewer(&app).await;

    // The parallel slot: no session yet, both offered; moved by hand into p2, Ctrl+Z back.
    open_viewer(&app, parallel).await;
    let shown = wait_viewer_session(&app, parallel, "Several sessions ran then: choose one").await;
    let options = app
        .js(
            "return [...document.querySelectorAll('#viewer-session option')].map((o) => o.value)",
            vec![],
        )
        .await;
    assert_eq!(options, json!(["auto", "p1", "p2", "none"]));
    assert_eq!(shown["value"], "auto");
    app.js(
        "const s = document.querySelector('#viewer-session'); s.focus(); s.value = 'p2'; \
         s.dispatchEvent(new Event('change', { bubbles: true }));",
        vec![],
    )
    .await;
    let moved = wait_viewer_session(&app, parallel, P2_TITLE).await;
    assert_eq!(moved["value"], "p2", "set by hand");
    wait_cli_timeline(&desk.library, TRIP, "the photo moved into p2", |t| {
        session_uid(&cli_photo(t, parallel)).as_deref() == Some("p2")
    })
    .await;
    assert_no_injected_image(&app).await;
    app.screenshot("viewer-session").await;
    // Ctrl+Z (on the select, or wherever the focus went) undoes the move.
    ctrl_z(&app).await;
    wait_viewer_session(&app, parallel, "Several sessions ran then: choose one").await;
    wait_cli_timeline(&desk.library, TRIP, "the move undone", |t| {
        session_uid(&cli_photo(t, parallel)).is_none()
    })
    .await;
    close_viewer(&app).await;

    // Met on day 1: "+ Met someone" under the day opens the People sheet on that day; the
    // autocomplete picks the speaker Saiyam; his link is added in the sheet.
    let tagged_only = met_line(&app, &day1).await;
    assert_eq!(
        tagged_only,
        json!([
            {"name": XSS, "link": "", "met": "false", "button": false},
            {"name": KUNAL, "link": KUNAL_LINK, "met": "false", "button": true}
        ]),
        "the people tagged on the day's photos, Kunal with his link"
    );
    click(
        &app,
        &format!("#timeline section.day[data-date=\"{day1}\"] .day-met button.met-add"),
    )
    .await;
    app.wait_for("#people-sheet:not([hidden]) li.person").await;
    assert_eq!(
        app.js("return document.querySelector('#people-day').value", vec![])
            .await,
        json!(day1),
        "the sheet opens on the day"
    );
    let name = app.wait_for("#people-name").await;
    name.send_keys("saiy").await.expect("type");
    app.wait_for(&format!(
        "#people-suggestions:not([hidden]) li.suggestion[data-name=\"{SAIYAM}\"]"
    ))
    .await;
    name.send_keys(&Key::Down.to_string()).await.expect("↓");
    name.send_keys(&Key::Enter.to_string())
        .await
        .expect("Enter");
    wait_cli_timeline(&desk.library, TRIP, "Saiyam met on day 1", |t| {
        day_on(t, &day1).is_some_and(|d| {
            d["people"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p["name"] == SAIYAM && p["met"] == true)
        })
    })
    .await;
    let link = app
        .wait_for(&format!(
            "#people-list li.person[data-name=\"{SAIYAM}\"] input.person-link"
        ))
        .await;
    link.send_keys(SAIYAM_LINK).await.expect("type the link");
    link.send_keys(&Key::Enter.to_string())
        .await
        .expect("Enter");
    // The hostile person asks not to be published.
    click(
        &app,
        &format!(
            "#people-list li.person[data-name={}] input.person-private",
            serde_json::to_string(XSS).unwrap()
        ),
    )
    .await;
    let people = wait_cli_people(&desk, "Saiyam's link and the private flag", |people| {
        let find = |n: &str| people.iter().find(|p| p["name"] == n).cloned();
        find(SAIYAM).is_some_and(|p| p["link"] == SAIYAM_LINK)
            && find(XSS).is_some_and(|p| p["private"] == true)
    })
    .await;
    assert!(people.iter().any(|p| p["name"] == KUNAL));
    // The window has it too (the catalog can be ahead of the IPC answer), and so its undo.
    app.wait_for(&format!(
        "#people-list li.person[data-name={}][data-private=\"true\"]",
        serde_json::to_string(XSS).unwrap()
    ))
    .await;
    // Ctrl+Z puts the flag back as it was; ticking it again sets it.
    ctrl_z(&app).await;
    let private = |want: bool| {
        move |people: &[Value]| {
            people
                .iter()
                .any(|p| p["name"] == XSS && p["private"] == want)
        }
    };
    wait_cli_people(&desk, "the private flag undone", private(false)).await;
    click(
        &app,
        &format!(
            "#people-list li.person[data-name={}] input.person-private:not(:checked)",
            serde_json::to_string(XSS).unwrap()
        ),
    )
    .await;
    wait_cli_people(&desk, "the private flag set again", private(true)).await;
    assert_no_injected_image(&app).await;
    app.screenshot("sheet").await;
    app.press(&[Key::Escape.into()]).await;
    app.wait_js(
        "the People sheet to close",
        "return document.querySelector('#people-sheet').hidden",
        harness::WAIT,
        |v| v == &json!(true),
    )
    .await;

    // Under the day: Met: Saiyam (marked, with his link), then the tagged ones.
    let line = app
        .wait_js(
            "the day's Met: line with Saiyam's link",
            &format!(
                "const line = document.querySelector('#timeline section.day[data-date=\"{day1}\"] .day-met'); \
                 const s = line && line.querySelector('.met-person[data-met=\"true\"]'); \
                 return s ? {{ name: s.dataset.name, link: s.dataset.link, text: line.innerText }} : null;"
            ),
            harness::WAIT,
            |v| v["link"] == SAIYAM_LINK,
        )
        .await;
    assert_eq!(line["name"], SAIYAM);
    let text = line["text"].as_str().unwrap();
    assert!(text.starts_with("Met:"), "the day reads Met: …: {text:?}");
    let names: Vec<Value> = met_line(&app, &day1)
        .await
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].clone())
        .collect();
    assert_eq!(
        names,
        [json!(SAIYAM), json!(XSS), json!(KUNAL)],
        "marked met first, then the people tagged that day, as typed"
    );
    assert_no_injected_image(&app).await;
    app.screenshot("day-met").await;

    // The agenda browser: tick p1 (the parallel slot); the parallel photo goes under it.
    click(&app, "#open-agenda").await;
    let p1 = "#agenda-sheet:not([hidden]) li.agenda-session[data-uid=\"p1\"] input.agenda-attended";
    app.wait_for(p1).await;
    let rows = app
        .js(
            "return [...document.querySelectorAll('#agenda-sheet-list li.agenda-session')].map((r) => ({ \
               uid: r.dataset.uid, attended: r.querySelector('input').checked, \
               title: r.querySelector('.agenda-title').textContent, \
               time: r.querySelector('.agenda-time').textContent }))",
            vec![],
        )
        .await;
    assert_eq!(
        rows,
        json!([
            {"uid": "k1", "attended": true, "title": "Keynote: Opening", "time": "09:00–09:20"},
            {"uid": "p1", "attended": false, "title": "eBPF Deep Dive", "time": "11:00–11:30"},
            {"uid": "p2", "attended": false, "title": P2_TITLE, "time": "11:00–11:30"},
            {"uid": "t1", "attended": false, "title": "Supply Chains", "time": "14:00–14:30"}
        ]),
        "the day's sessions in time order, the inferred keynote ticked, titles as typed"
    );
    click(&app, p1).await;
    wait_cli_timeline(&desk.library, TRIP, "the parallel photo in p1", |t| {
        session_uid(&cli_photo(t, parallel)).as_deref() == Some("p1")
    })
    .await;
    app.wait_js(
        "the agenda to count p1's photo",
        "return document.querySelector('#agenda-sheet-list li.agenda-session[data-uid=\"p1\"]')?.dataset.photos ?? null",
        harness::WAIT,
        |v| v == &json!("1"),
    )
    .await;
    assert_no_injected_image(&app).await;
    app.screenshot("agenda").await;
    app.press(&[Key::Escape.into()]).await;
    open_viewer(&app, parallel).await;
    wait_viewer_session(&app, parallel, "eBPF Deep Dive").await;
    close_viewer(&app).await;
    app.quit().await;

    // A restart: the tags, the met line and the session are read back from the catalog.
    let app = desk.launch().await;
    open_viewer(&app, keynote).await;
    wait_chips(&app, &[KUNAL, XSS]).await;
    wait_viewer_session(&app, keynote, "Keynote: Opening").await;
    close_viewer(&app).await;
    let line = met_line(&app, &day1).await;
    assert_eq!(
        line[0],
        json!({"name": SAIYAM, "link": SAIYAM_LINK, "met": "true", "button": true})
    );
    assert_no_injected_image(&app).await;
    app.quit().await;
}

/// Polls `lanyard person list --json` until `ready` accepts it.
async fn wait_cli_people(desk: &Desk, what: &str, ready: impl Fn(&[Value]) -> bool) -> Vec<Value> {
    let deadline = std::time::Instant::now() + harness::WAIT;
    loop {
        let people = cli_json(&desk.library, &["person", "list", "--trip", TRIP, "--json"]);
        let list = people.as_array().cloned().unwrap_or_default();
        if ready(&list) {
            return list;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the catalog never showed {what}; `lanyard person list --json` says:\n{people:#}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
