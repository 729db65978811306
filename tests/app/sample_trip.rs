//! First contact: the empty state, then "Try a sample trip" (the Chicago week with its flights
//! and agenda) laid out as the CLI reads the same library, and the viewer on its departure.

use crate::harness::Desk;
use crate::*;

/// A new library shows the empty state with its drop hint and the sample button, no trips.
#[tokio::test]
async fn an_empty_library_shows_the_empty_state() {
    let mut desk = Desk::new("empty-state");
    let app = desk.launch().await;
    let empty = app.wait_for("#empty-state").await;
    let painted = app.started.elapsed();
    eprintln!("start to empty state shown: {painted:?}");
    let text = empty.text().await.expect("text");
    assert!(
        text.contains("Drop photos or a folder here"),
        "empty state says: {text}"
    );
    app.wait_for("#sample-button").await;
    assert_eq!(app.count("#trip-list [data-trip]").await, 0, "no trips yet");
    assert_eq!(app.count("#timeline .photo").await, 0);
    app.screenshot("empty-state").await;
    app.quit().await;
}

/// "Try a sample trip" imports the Chicago week with its agenda: the days Sat 4 – Sat 11 Nov as
/// `lanyard timeline --json` reads the same library; the departure at BER under day 1 at its own
/// time in Berlin with its zone ("09:10 CET"); the zone-change marker between the last photo in
/// Berlin and the first in Chicago, in the core's words, and the one on the way home; sessions
/// from the agenda; the stray under "Outside this trip"; banners suggesting both cameras'
/// clocks; the departure in the viewer with where its time came from.
#[tokio::test]
async fn the_sample_trip_shows_the_chicago_week_with_its_flights_and_sessions() {
    let mut desk = Desk::new("sample-trip");
    let app = desk.launch().await;
    import_sample(&app).await;
    app.wait_for("#trip-list [data-trip=\"Sample trip\"]").await;
    let cli = cli_timeline(&desk.library, "Sample trip");
    let days = cli["days"].as_array().unwrap();
    let dates: Vec<&str> = days.iter().map(|d| d["date"].as_str().unwrap()).collect();
    assert_eq!(
        dates,
        [
            "2023-11-04",
            "2023-11-05",
            "2023-11-06",
            "2023-11-07",
            "2023-11-08",
            "2023-11-09",
            "2023-11-10",
            "2023-11-11"
        ],
        "the sample is the week in Chicago, flights included"
    );
    assert_eq!(cli["trip"]["timezone"], lanyard::sample::CHICAGO_ZONE);
    // Thumbnails fill in: wait until every photo is ready before the screenshots.
    app.wait_js(
        "every thumbnail ready",
        "return [...document.querySelectorAll('#timeline .photo[data-id]')].every((p) => p.dataset.state === 'ready')",
        Duration::from_secs(60),
        |v| v == &json!(true),
    )
    .await;

    // The same days and photos as the CLI (a day laid out by its agenda may draw its photos
    // under their sessions, so per day as sets), every tile at the CLI's local time.
    let shown = shown_timeline(&app).await;
    let shown_days = shown["days"].as_array().unwrap();
    assert_eq!(
        shown_days
            .iter()
            .map(|d| d["date"].clone())
            .collect::<Vec<_>>(),
        days.iter().map(|d| d["date"].clone()).collect::<Vec<_>>(),
        "the window's days"
    );
    for (day, want) in shown_days.iter().zip(days) {
        let ids = |d: &Value| {
            let mut v: Vec<i64> = d["photos"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["id"].as_i64().unwrap())
                .collect();
            v.sort();
            v
        };
        assert_eq!(ids(day), ids(want), "day {}: photos", want["number"]);
        for p in want["photos"].as_array().unwrap() {
            let tile = day["photos"]
                .as_array()
                .unwrap()
                .iter()
                .find(|t| t["id"] == p["id"])
                .unwrap();
            let time = match p["time_source"].as_str() {
                Some("filename-date") => String::new(),
                _ => hh_mm(p).unwrap_or_default(),
            };
            assert_eq!(
                tile["time"],
                time.as_str(),
                "photo {}: data-time",
                p["path"]
            );
        }
    }
    assert_eq!(
        app.count("#outside .outside-item").await,
        1,
        "the stray from July 2021 is outside this trip"
    );

    // The departure: the phone at BER's gate at 09:10 CET, under day 1 (Sat 4 Nov).
    let gate = lanyard::sample::chicago_truth()
        .into_iter()
        .find(|t| {
            t.device == lanyard::sample::ChicagoDevice::Phone
                && t.instant.starts_with("2023-11-04T09:10")
        })
        .expect("the phone's photo at the gate");
    let day1 = &days[0];
    assert_eq!(day1["label"], "Sat 4 Nov 2023");
    let photos1 = day1["photos"].as_array().unwrap();
    let departure = photos1
        .iter()
        .find(|p| p["path"].as_str().unwrap().ends_with(&gate.file_name))
        .expect("the departure on day 1");
    assert_eq!(departure["zone_label"], "CET", "{departure:#}");
    let id = departure["id"].as_i64().unwrap();
    let tile = app
        .js(
            "const t = document.querySelector(`section.day[data-day=\"1\"] .photo[data-id=\"${arguments[0]}\"]`); \
             return t ? [t.dataset.time, t.querySelector('.photo-time').textContent.trim()] : null;",
            vec![json!(id)],
        )
        .await;
    assert_eq!(tile, json!(["09:10", "09:10 CET"]), "the departure's tile");

    // The zone changes: out on day 1 between the last Berlin photo and the first in Chicago,
    // back on the way home; each marker in the core's words, where the CLI puts it.
    let out = day1["clock_changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "zone")
        .expect("a zone change on day 1");
    assert_eq!(
        out["text"],
        "Europe/Berlin → America/Chicago, clocks 6 h back"
    );
    let index = out["index"].as_u64().unwrap() as usize;
    let marker = app
        .js(
            r#"
            const section = document.querySelector('section.day[data-day="1"]');
            const m = section.querySelector('.clock-change[data-kind="zone"]');
            if (!m) return null;
            const all = [...section.querySelectorAll('.photo[data-id], .clock-change')];
            const at = all.indexOf(m);
            const id = (e) => (e && e.classList.contains('photo') ? Number(e.dataset.id) : null);
            const time = (e) => e?.querySelector('.photo-time')?.textContent.trim() ?? null;
            m.scrollIntoView({ block: 'center' });
            return {
                text: m.querySelector('.clock-change-text').textContent,
                before: id(all[at - 1]),
                after: id(all[at + 1]),
                after_time: time(all[at + 1]),
                all: document.querySelectorAll('#timeline .clock-change[data-kind="zone"]').length,
            };
            "#,
            vec![],
        )
        .await;
    assert_eq!(marker["text"], out["text"], "{marker}");
    assert_eq!(marker["before"], photos1[index - 1]["id"], "{marker}");
    assert_eq!(marker["after"], photos1[index]["id"], "{marker}");
    assert_eq!(photos1[index - 1]["zone"], lanyard::sample::HOME_ZONE);
    assert_eq!(photos1[index]["zone"], lanyard::sample::CHICAGO_ZONE);
    // In Chicago, the main zone: no zone label; that night the clocks go back, so the offset.
    let after = &photos1[index];
    let local = after["local_time"].as_str().unwrap();
    assert_eq!(
        marker["after_time"],
        format!("{} {}", hh_mm(after).unwrap(), &local[local.len() - 6..]).as_str(),
        "the first photo in Chicago"
    );
    assert_eq!(marker["all"], 2, "out and back: {marker}");
    app.screenshot("zone-change").await;

    // Sessions from the agenda: in the timeline the app receives, and as headers.
    let received = app
        .js_async(
            "const done = arguments[arguments.length - 1]; \
             window.__TAURI__.core.invoke('timeline', { trip: 'Sample trip' }) \
               .then((t) => done(t.days.map((d) => (d.sessions || []).length)), (e) => done(String(e)));",
            vec![],
        )
        .await;
    let per_day: Vec<u64> = received
        .as_array()
        .unwrap_or_else(|| panic!("the timeline command: {received}"))
        .iter()
        .map(|n| n.as_u64().unwrap())
        .collect();
    assert!(
        per_day[2..6].iter().all(|&n| n > 0),
        "sessions Mon 6 – Thu 9 Nov: {per_day:?}"
    );
    let headers = app.count("#timeline section.session .session-header").await;
    assert!(headers > 0, "session headers shown");
    app.js(
        "document.querySelector('#timeline section.session').scrollIntoView({ block: 'start' })",
        vec![],
    )
    .await;
    app.screenshot("sessions").await;

    // The cameras' clocks are wrong on purpose: a banner suggests each.
    let banners = app
        .wait_js(
            "a calibration banner for each camera",
            "return [...document.querySelectorAll('#calibration .suggestion[data-camera]')].map((s) => s.dataset.camera).sort()",
            Duration::from_secs(60),
            |v| v.as_array().is_some_and(|a| a.len() == 2),
        )
        .await;
    assert_eq!(
        banners,
        json!([lanyard::sample::CANON_CAMERA, lanyard::sample::FUJI_CAMERA])
    );
    app.js(
        "document.querySelector('#calibration').scrollIntoView({ block: 'start' })",
        vec![],
    )
    .await;
    app.screenshot("calibration").await;

    // The viewer on the departure: its day and time in Berlin, where the time came from.
    app.js(
        "document.querySelector(`.photo[data-id=\"${arguments[0]}\"]`).scrollIntoView({ block: 'center' })",
        vec![json!(id)],
    )
    .await;
    app.wait_for(&format!("#timeline .photo[data-id=\"{id}\"]"))
        .await
        .click()
        .await
        .expect("click the departure");
    app.wait_for("#viewer").await;
    let note = departure["time_note"].as_str().unwrap().to_string();
    app.wait_js(
        "the viewer's details",
        "return document.querySelector('#viewer-details').innerText",
        harness::WAIT,
        |v| {
            v.as_str()
                .is_some_and(|t| t.contains(&note) && t.contains("09:10 CET"))
        },
    )
    .await;
    app.screenshot("viewer").await;
    app.quit().await;
}
