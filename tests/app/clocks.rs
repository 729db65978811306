//! Camera clocks across a DST change, in the window: the generated Chicago trip (a phone writing
//! offsets, a FUJIFILM X-T4 on Berlin winter time a few minutes fast, a Canon EOS R6 left on
//! summer time, the end of daylight saving time on Sunday 5 November 2023) dropped onto the
//! window. The calibration banner suggests both cameras' clocks; Preview opens the settings
//! sheet with the photos that would change day; Apply sets the clock and Ctrl+Z puts the old one
//! back; then the days, the times, the repeated hour and the "Clocks went back" marker in the
//! window are checked against `lanyard timeline --json`. Dismiss is remembered across a restart.

use crate::drop::native_drop;
use crate::harness::{App, Desk};
use crate::*;
use std::collections::BTreeMap;

pub const FUJI: &str = "FUJIFILM X-T4";
pub const CANON: &str = "Canon EOS R6";
/// The trip's days on the traveller's calendar, Sat 4 to Sat 11 November 2023 (the flight out
/// from Berlin on day 1, home in Berlin on day 8).
pub const FIRST_DAY: &str = lanyard::sample::CHICAGO_FIRST_DAY;
pub const LAST_DAY: &str = "2023-11-11";
/// How many days that is.
pub const DAY_COUNT: usize = lanyard::sample::CHICAGO_DAY_COUNT as usize;

/// Writes the generated Chicago trip into `dir` with the CLI (`lanyard sample --trip chicago`).
pub fn write_chicago(library: &Path, dir: &Path) {
    let out = lanyard(library)
        .args(["sample", "--trip", "chicago"])
        .arg(dir)
        .output()
        .expect("run lanyard sample");
    assert!(
        out.status.success(),
        "lanyard sample --trip chicago failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Writes the Chicago trip and imports it with the CLI into the test's library as `trip`.
pub fn import_chicago(desk: &Desk, trip: &str) {
    let dir = desk.scratch.path().join("chicago");
    write_chicago(&desk.library, &dir);
    let dir = dir.display().to_string();
    cli_json(&desk.library, &["import", "--trip", trip, "--json", &dir]);
}

/// Each camera's clock as the catalog holds it (`lanyard trips --json`); cameras on the trip's
/// time are not listed.
pub fn cli_clocks(library: &Path, trip: &str) -> BTreeMap<String, String> {
    let trips = cli_json(library, &["trips", "--json"]);
    let card = trips
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == trip)
        .unwrap_or_else(|| panic!("no trip {trip:?}: {trips:#}"));
    card["clocks"]
        .as_array()
        .map(|clocks| {
            clocks
                .iter()
                .map(|c| {
                    let s = |k: &str| c[k].as_str().unwrap_or_default().to_string();
                    (s("camera"), s("clock"))
                })
                .filter(|(_, clock)| clock != "trip")
                .collect()
        })
        .unwrap_or_default()
}

/// The suggestions of `lanyard calibrate --json`, by camera.
pub fn cli_suggestions(library: &Path, trip: &str) -> BTreeMap<String, Value> {
    cli_json(library, &["calibrate", "--trip", trip, "--json"])["cameras"]
        .as_array()
        .expect("cameras")
        .iter()
        .filter(|c| c["clock"].is_string())
        .map(|c| (c["camera"].as_str().unwrap().to_string(), c.clone()))
        .collect()
}

/// The banners the window shows: camera → [clock, current, text], in order.
async fn shown_suggestions(app: &App) -> Vec<(String, String, String, String)> {
    let v = app
        .js(
            "return [...document.querySelectorAll('#calibration:not([hidden]) .suggestion[data-camera]')]\
               .map((s) => [s.dataset.camera, s.dataset.clock, s.dataset.current, s.querySelector('.suggestion-text').textContent])",
            vec![],
        )
        .await;
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let f = |i: usize| s[i].as_str().unwrap_or_default().to_string();
            (f(0), f(1), f(2), f(3))
        })
        .collect()
}

/// Waits until the banners are exactly those of `cameras` (in the core's order, by name).
async fn wait_banners(app: &App, cameras: &[&str]) {
    let want = json!(cameras);
    app.wait_js(
        &format!("the calibration banners of {cameras:?}"),
        "const c = document.querySelector('#calibration'); \
         return c.hidden ? [] : [...c.querySelectorAll('.suggestion[data-camera]')].map((s) => s.dataset.camera);",
        harness::WAIT,
        |v| v == &want,
    )
    .await;
}

fn banner(camera: &str, button: &str) -> String {
    format!(
        "#calibration .suggestion[data-camera={}] {button}",
        serde_json::to_string(camera).unwrap()
    )
}

async fn click(app: &App, css: &str) {
    app.wait_for(css)
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("click {css}: {e}"));
}

/// The instant of a PHOTO's `local_time` ("2023-11-05T01:15:09-06:00"), in seconds.
fn instant(photo: &Value) -> i64 {
    let t = photo["local_time"].as_str().expect("a local time");
    t.parse::<jiff::Timestamp>()
        .unwrap_or_else(|e| panic!("{t}: not a time with an offset ({e})"))
        .as_second()
}

/// Checks the window's day with a clock change against the CLI's: the marker sits between the
/// same two photos, the repeated hour is in instant order, and times carry their offsets (or,
/// away from Chicago, their zone: "09:10 CET"). The flights' zone changes are markers of their
/// own (`data-kind="zone"`, see sample_trip.rs).
async fn assert_dst_day(app: &App, cli: &Value) {
    let dst = |d: &Value| -> Option<Value> {
        d["clock_changes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["kind"] == "dst")
            .cloned()
    };
    let changed: Vec<&Value> = cli["days"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| dst(d).is_some())
        .collect();
    assert_eq!(
        changed.len(),
        1,
        "one day of the trip has a DST change: {changed:#?}"
    );
    let day = changed[0];
    let date = day["date"].as_str().unwrap();
    // The Saturday: days start at 04:00, so Sunday's 02:00 change belongs to day 1.
    assert_eq!(date, FIRST_DAY, "the change is on the Saturday's day");
    let change = &dst(day).unwrap();
    let index = change["index"].as_u64().unwrap() as usize;
    let photos = day["photos"].as_array().unwrap();
    assert!(
        index > 0 && index < photos.len(),
        "the change falls between photos: {change}"
    );

    // Instant order, and the repeated hour really repeats: a photo after the change reads an
    // earlier wall-clock time than one before it.
    let instants: Vec<i64> = photos
        .iter()
        .filter(|p| p["local_time"].is_string() && p["time_source"] != "filename-date")
        .map(instant)
        .collect();
    assert!(
        instants.windows(2).all(|w| w[0] <= w[1]),
        "the day's photos are in instant order: {instants:?}"
    );
    let before = &photos[index - 1];
    let after = &photos[index];
    assert!(
        hh_mm(after) < hh_mm(before),
        "the premise: the repeated hour shows ({} then {})",
        before["local_time"],
        after["local_time"]
    );

    // The window: one marker, on that day, between exactly those two photos.
    let shown = app
        .js(
            r#"
            const markers = [...document.querySelectorAll('#timeline .clock-change[data-kind="dst"]')];
            const m = markers[0];
            if (!m) return { count: 0 };
            const section = m.closest('section.day');
            const tiles = [...section.querySelectorAll('.photo[data-id], .clock-change')];
            const at = tiles.indexOf(m);
            const id = (e) => (e && e.classList.contains('photo') ? Number(e.dataset.id) : null);
            return {
                count: markers.length,
                date: section.dataset.date,
                text: m.querySelector('.clock-change-text').textContent,
                before: id(tiles[at - 1]),
                after: id(tiles[at + 1]),
                times: [...section.querySelectorAll('.photo[data-id]')].map((p) =>
                    [Number(p.dataset.id), p.querySelector('.photo-time').textContent.trim()]),
            };
            "#,
            vec![],
        )
        .await;
    assert_eq!(shown["count"], 1, "one DST marker: {shown}");
    assert_eq!(shown["date"], date, "the marker is on the change's day");
    assert_eq!(shown["text"], change["text"], "the core's words");
    assert_eq!(
        shown["before"], before["id"],
        "the photo before the marker: {shown}"
    );
    assert_eq!(
        shown["after"], after["id"],
        "the photo after the marker: {shown}"
    );
    // On that day every tile shows its offset: "01:20 -05:00", then "01:15 -06:00"; a photo
    // taken in Berlin before the flight shows its zone instead: "09:10 CET".
    for (pair, p) in shown["times"].as_array().unwrap().iter().zip(photos) {
        if p["time_source"] == "filename-date" {
            continue; // a date without a time shows no time
        }
        let local = p["local_time"].as_str().unwrap();
        let zone = match p["zone_label"].as_str() {
            Some(label) => label,
            None => &local[local.len() - 6..],
        };
        let want = format!("{} {zone}", hh_mm(p).unwrap());
        assert_eq!(
            pair[1],
            want.as_str(),
            "photo {}: time with offset",
            p["id"]
        );
    }
}

/// The Chicago trip dropped onto the window: banners for both cameras, Preview, Apply, Ctrl+Z,
/// and the window's days, times and DST marker as the CLI reads them.
#[tokio::test]
async fn a_dst_trip_calibrated_through_the_banner_matches_the_cli() {
    const TRIP: &str = "Chicago sample";
    let mut desk = Desk::new("dst-trip");
    let folder = desk.scratch.path().join(TRIP);
    write_chicago(&desk.library, &folder);

    let app = desk.launch().await;
    app.wait_for("#empty-state").await;
    native_drop(&app, std::slice::from_ref(&folder)).await;
    let summary = wait_import_finished(&app, Duration::from_secs(180)).await;
    assert!(
        summary.contains("1 photo dated far from the rest is under Outside this trip"),
        "the summary counts the stray: {summary}"
    );

    // The banner: one per camera, the core's sentences, in the core's order.
    let suggested = cli_suggestions(&desk.library, TRIP);
    assert_eq!(
        suggested.keys().map(String::as_str).collect::<Vec<_>>(),
        [CANON, FUJI],
        "the premise: the core suggests both cameras' clocks"
    );
    wait_banners(&app, &[CANON, FUJI]).await;
    for (camera, clock, current, text) in shown_suggestions(&app).await {
        let want = &suggested[&camera];
        assert_eq!(clock, want["clock"].as_str().unwrap(), "{camera}: clock");
        assert_eq!(current, "trip", "{camera}: now on the trip's time");
        assert_eq!(text, want["text"].as_str().unwrap(), "{camera}: sentence");
    }
    let before = cli_timeline(&desk.library, TRIP);
    assert_matches_cli(&shown_timeline(&app).await, &before);
    app.screenshot("banner").await;

    // Preview: the settings sheet with the Fujifilm's suggested clock, and the photos it moves.
    let fuji = &suggested[FUJI];
    let fuji_clock = fuji["clock"].as_str().unwrap().to_string();
    click(&app, &banner(FUJI, ".suggestion-preview")).await;
    let input = format!(
        "#settings-cameras tr[data-camera={}] input.clock-input",
        serde_json::to_string(FUJI).unwrap()
    );
    app.wait_for(&input).await;
    let moves = app
        .wait_js(
            "the sheet's preview of the suggested clock",
            "const p = document.querySelector('#settings-preview'); \
             return !document.querySelector('#settings').hidden && p.dataset.state === 'previewed' \
               ? Number(p.dataset.moves) : null",
            harness::WAIT,
            |v| v.is_u64(),
        )
        .await;
    assert_eq!(
        moves, fuji["changes_day"],
        "the preview lists the photos the suggestion moves to another day"
    );
    let value = app
        .js(
            "return document.querySelector(arguments[0]).value",
            vec![json!(input)],
        )
        .await;
    assert_eq!(
        value,
        fuji_clock.as_str(),
        "the suggested clock is filled in"
    );
    app.screenshot("preview").await;
    assert!(
        cli_clocks(&desk.library, TRIP).is_empty(),
        "Preview changed the catalog"
    );
    app.press(&['\u{e00c}']).await; // Escape closes the sheet
    app.wait_js(
        "the settings sheet to close",
        "return document.querySelector('#settings').hidden",
        harness::WAIT,
        |v| v == &json!(true),
    )
    .await;

    // Apply through the banner; the banner goes, the other stays.
    click(&app, &banner(FUJI, ".suggestion-apply")).await;
    let deadline = std::time::Instant::now() + harness::WAIT;
    while cli_clocks(&desk.library, TRIP).get(FUJI) != Some(&fuji_clock) {
        assert!(
            std::time::Instant::now() < deadline,
            "Apply never set the clock: {:?}",
            cli_clocks(&desk.library, TRIP)
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    wait_banners(&app, &[CANON]).await;
    wait_info(&app, &format!("{FUJI}’s clock set to UTC{fuji_clock}")).await;

    // Ctrl+Z puts the clock the camera had back (the suggestion's `current`), and the
    // suggestion with it.
    dismiss_info(&app).await;
    ctrl_z(&app).await;
    wait_info(&app, &format!("Undone: clock of {FUJI}")).await;
    assert!(
        !cli_clocks(&desk.library, TRIP).contains_key(FUJI),
        "Ctrl+Z restored the trip's time: {:?}",
        cli_clocks(&desk.library, TRIP)
    );
    wait_banners(&app, &[CANON, FUJI]).await;
    let undone = cli_timeline(&desk.library, TRIP);
    assert_eq!(undone["days"], before["days"], "Ctrl+Z re-laid the days");

    // Both clocks through the banners.
    click(&app, &banner(FUJI, ".suggestion-apply")).await;
    wait_banners(&app, &[CANON]).await;
    click(&app, &banner(CANON, ".suggestion-apply")).await;
    wait_banners(&app, &[]).await;
    let clocks = cli_clocks(&desk.library, TRIP);
    assert_eq!(clocks.get(FUJI), Some(&fuji_clock));
    assert_eq!(
        clocks.get(CANON).map(String::as_str),
        suggested[CANON]["clock"].as_str()
    );
    let after = cli_timeline(&desk.library, TRIP);
    assert_ne!(after["days"], before["days"], "the clocks moved photos");
    let dates: Vec<&str> = after["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["date"].as_str().unwrap())
        .collect();
    assert_eq!(
        (dates.first().copied(), dates.last().copied(), dates.len()),
        (Some(FIRST_DAY), Some(LAST_DAY), DAY_COUNT),
        "a week in Chicago with the flights, the stray kept off: {dates:?}"
    );
    app.wait_js(
        "the window to show the calibrated days",
        "return [...document.querySelectorAll('#timeline section.day[data-day]')]\
           .map((s) => [...s.querySelectorAll('.photo[data-id]')].map((p) => Number(p.dataset.id)))",
        harness::WAIT,
        |v| {
            let want: Vec<Vec<i64>> = after["days"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| {
                    d["photos"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|p| p["id"].as_i64().unwrap())
                        .collect()
                })
                .collect();
            v == &json!(want)
        },
    )
    .await;
    assert_matches_cli(&shown_timeline(&app).await, &after);
    assert_dst_day(&app, &after).await;
    app.js(
        "document.querySelector('#timeline .clock-change[data-kind=\"dst\"]').scrollIntoView({ block: 'center' })",
        vec![],
    )
    .await;
    app.screenshot("dst-marker").await;

    // The settings sheet shows the clocks as set, and that the phone's clock doesn't matter.
    click(&app, "#open-settings").await;
    app.wait_for(&input).await;
    let rows = app
        .js(
            "return Object.fromEntries([...document.querySelectorAll('#settings-cameras tr[data-camera]')].map((r) => \
               [r.dataset.camera, [r.querySelector('input.clock-input')?.value ?? null, \
                 r.querySelector('.clock-text, .clock-note').textContent]]))",
            vec![],
        )
        .await;
    assert_eq!(rows[FUJI][0], fuji_clock.as_str(), "{rows}");
    assert!(
        rows[FUJI][1]
            .as_str()
            .is_some_and(|t| t.contains(&format!("UTC{fuji_clock}")) && t.contains("-7h")),
        "the clock in words and the shift it amounts to: {rows}"
    );
    assert_eq!(
        rows[CANON][0],
        suggested[CANON]["clock"].as_str().unwrap(),
        "{rows}"
    );
    assert!(
        rows["Google Pixel 7"][0].is_null()
            && rows["Google Pixel 7"][1]
                .as_str()
                .is_some_and(|t| t.contains("doesn’t matter")),
        "the phone writes offsets: no clock field: {rows}"
    );
    app.screenshot("settings-clocks").await;
    app.press(&['\u{e00c}']).await; // Escape
    app.wait_js(
        "the settings sheet to close",
        "return document.querySelector('#settings').hidden",
        harness::WAIT,
        |v| v == &json!(true),
    )
    .await;

    // The viewer says which 01:15 it is.
    let day = day_on(&after, FIRST_DAY).unwrap();
    let index = day["clock_changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "dst")
        .expect("the DST change")["index"]
        .as_u64()
        .unwrap() as usize;
    let first_after = &day["photos"][index];
    let offset = {
        let t = first_after["local_time"].as_str().unwrap();
        t[t.len() - 6..].to_string()
    };
    // In view below the sticky day heading (closing the sheet gave the focus back to Settings).
    let tile = format!("#timeline .photo[data-id=\"{}\"]", first_after["id"]);
    app.js(
        "document.querySelector(arguments[0]).scrollIntoView({ block: 'center' })",
        vec![json!(tile)],
    )
    .await;
    click(&app, &tile).await;
    // Once, with the time: "Sun 5 Nov 2023, 01:15 (UTC-06:00)", then "The clocks change this day".
    let taken = app
        .wait_js(
            "the viewer to give the offset with the time",
            "const time = document.querySelector('#viewer-details .detail-time'); \
             return time ? time.parentElement.textContent : null",
            harness::WAIT,
            |v| {
                v.as_str()
                    .is_some_and(|t| t.contains(&format!("(UTC{offset})")))
            },
        )
        .await;
    let taken = taken.as_str().unwrap();
    assert_eq!(taken.matches(&format!("UTC{offset}")).count(), 1, "{taken}");
    assert!(taken.contains("The clocks change this day"), "{taken}");
    app.screenshot("viewer-offset").await;
    app.quit().await;
}

/// Dismiss is remembered: the banner does not come back when the trip is opened again, nor
/// after a restart; the banners are reachable with Tab from the trip's buttons.
#[tokio::test]
async fn a_dismissed_clock_suggestion_stays_dismissed_after_a_restart() {
    const TRIP: &str = "Chicago";
    let mut desk = Desk::new("dismiss-clock");
    import_chicago(&desk, TRIP);
    let suggested = cli_suggestions(&desk.library, TRIP);
    assert!(
        suggested.contains_key(CANON) && suggested.contains_key(FUJI),
        "the premise: both cameras have a suggestion: {suggested:?}"
    );

    let app = desk.launch().await;
    wait_banners(&app, &[CANON, FUJI]).await;
    // The keyboard: Tab from the last button of the trip's header reaches the first banner's
    // buttons, Enter on Dismiss dismisses.
    app.js("document.querySelector('#delete-trip').focus()", vec![])
        .await;
    let mut reached = Vec::new();
    for _ in 0..3 {
        app.press(&['\u{e004}']).await; // Tab
        reached.push(
            app.js(
                "const a = document.activeElement; \
                 return [a.closest('.suggestion')?.dataset.camera ?? null, a.className];",
                vec![],
            )
            .await,
        );
    }
    assert_eq!(
        reached,
        [
            json!([CANON, "button small suggestion-preview"]),
            json!([CANON, "button small primary suggestion-apply"]),
            json!([CANON, "button small quiet suggestion-dismiss"]),
        ],
        "Tab walks the first banner's buttons"
    );
    app.press(&['\u{e007}']).await; // Enter
    wait_banners(&app, &[FUJI]).await;
    let focus = app
        .js(
            "return document.activeElement.closest('.suggestion')?.dataset.camera ?? null",
            vec![],
        )
        .await;
    assert_eq!(focus, FUJI, "the focus moves on to the next banner");
    let calibration = cli_json(&desk.library, &["calibrate", "--trip", TRIP, "--json"]);
    let canon = calibration["cameras"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["camera"] == CANON)
        .unwrap();
    assert!(
        canon["none"]
            .as_str()
            .is_some_and(|n| n.contains("dismissed")),
        "the catalog remembers the dismissal: {canon}"
    );
    assert!(
        cli_clocks(&desk.library, TRIP).is_empty(),
        "Dismiss sets no clock"
    );
    app.screenshot("dismissed").await;

    // Opening the trip again (another trip in between) asks the core again: still dismissed.
    app.js("document.querySelector('#new-trip').click()", vec![])
        .await;
    let field = app.wait_for("#modal-input").await;
    field.send_keys("Elsewhere").await.expect("type a name");
    click(&app, "#modal-confirm").await;
    app.wait_for("#trip-list li.trip.selected[data-trip=\"Elsewhere\"]")
        .await;
    wait_banners(&app, &[]).await;
    click(&app, "#trip-list [data-trip=\"Chicago\"] .trip-button").await;
    wait_banners(&app, &[FUJI]).await;
    app.quit().await;

    // And after a restart.
    let app = desk.launch().await;
    click(&app, "#trip-list [data-trip=\"Chicago\"] .trip-button").await;
    wait_banners(&app, &[FUJI]).await;
    app.quit().await;
}

/// A trip big enough for the virtualized grid (over 400 photos, tiles built per chunk near the
/// viewport): 600 phone photos two minutes apart through the night the clocks go back. The
/// marker sits between the right two photos, also after its chunks were built, released and
/// built again.
#[tokio::test]
async fn in_a_virtualized_trip_the_dst_marker_sits_between_the_right_photos() {
    use lanyard::sample::{jpeg, jpeg_with_exif, ExifSpec};
    const TRIP: &str = "Long night";
    let mut desk = Desk::new("dst-big");
    let folder = desk.scratch.path().join("night");
    std::fs::create_dir_all(&folder).unwrap();
    // 17:38 CDT on Saturday: the change (02:00 CDT, 07:00 UTC) comes after 251 photos, in the
    // middle of a chunk of 60, and day 1 ends at 04:00 CST after 331.
    let start: jiff::Timestamp = "2023-11-04T22:38:00Z".parse().unwrap();
    let chicago = jiff::tz::TimeZone::get("America/Chicago").unwrap();
    let picture = jpeg(64, 48, 7, 80);
    for i in 0..600i64 {
        let at = start
            .checked_add(jiff::SignedDuration::from_secs(i * 120))
            .unwrap()
            .to_zoned_datetime(chicago.clone());
        let spec = ExifSpec {
            make: Some("Google".into()),
            model: Some("Pixel 7".into()),
            datetime_original: Some(at.strftime("%Y:%m:%d %H:%M:%S").to_string()),
            offset_original: Some(at.strftime("%:z").to_string()),
            ..ExifSpec::default()
        };
        std::fs::write(
            folder.join(format!("NIGHT_{i:04}.jpg")),
            jpeg_with_exif(&picture, &spec),
        )
        .unwrap();
    }
    let dir = folder.display().to_string();
    cli_json(
        &desk.library,
        &["import", "--trip", TRIP, "--no-thumbnails", "--json", &dir],
    );
    let out = lanyard(&desk.library)
        .args(["trip", TRIP, "--timezone", "America/Chicago"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cli = cli_timeline(&desk.library, TRIP);
    let day = day_on(&cli, FIRST_DAY).expect("the Saturday");
    let change = &day["clock_changes"][0];
    let index = change["index"].as_u64().expect("a change on the Saturday") as usize;
    assert_eq!(index, 251, "the premise: the change falls inside a chunk");
    let photos = day["photos"].as_array().unwrap();
    let (before, after) = (photos[index - 1]["id"].clone(), photos[index]["id"].clone());

    let app = desk.launch().await;
    app.wait_for("#timeline[data-lazy=\"true\"] .clock-change")
        .await;
    // Where the marker is, read from the grid's chunks around it (built or not) and, once
    // built, from the tiles on either side.
    let around = r#"
        const m = document.querySelector('#timeline .clock-change');
        const prev = m.previousElementSibling, next = m.nextElementSibling;
        const last = (c) => c && c._ids ? c._ids[c._ids.length - 1] : null;
        const first = (c) => c && c._ids ? c._ids[0] : null;
        const tile = (c, end) => {
            const t = c && c.querySelectorAll('.photo[data-id]');
            return t && t.length ? Number(t[end ? t.length - 1 : 0].dataset.id) : null;
        };
        return {
            date: m.closest('section.day').dataset.date,
            text: m.querySelector('.clock-change-text').textContent,
            chunks: [last(prev), first(next)],
            filled: [prev?.dataset.filled, next?.dataset.filled],
            tiles: [tile(prev, true), tile(next, false)],
            times: [prev?.querySelector('.photo:last-child .photo-time')?.textContent ?? null,
                    next?.querySelector('.photo .photo-time')?.textContent ?? null],
        };
    "#;
    let first = app.js(around, vec![]).await;
    assert_eq!(first["date"], FIRST_DAY);
    assert_eq!(first["text"], change["text"]);
    assert_eq!(
        first["chunks"],
        json!([before, after]),
        "the chunks either side end and start at the change: {first}"
    );
    app.js(
        "document.querySelector('#timeline .clock-change[data-kind=\"dst\"]').scrollIntoView({ block: 'center' })",
        vec![],
    )
    .await;
    let built = app
        .wait_js(
            "the chunks around the marker to be built",
            around,
            harness::WAIT,
            |v| v["filled"] == json!(["true", "true"]),
        )
        .await;
    assert_eq!(
        built["tiles"],
        json!([before, after]),
        "the tiles either side of the marker: {built}"
    );
    let time = |p: &Value| {
        let t = p["local_time"].as_str().unwrap();
        format!("{} {}", hh_mm(p).unwrap(), &t[t.len() - 6..])
    };
    assert_eq!(
        built["times"],
        json!([time(&photos[index - 1]), time(&photos[index])]),
        "their times with the offsets: {built}"
    );
    app.screenshot("marker").await;

    // Scroll to the end (the marker's chunks are released) and back: still in place.
    app.js(
        "const s = document.querySelector('#main'); s.scrollTop = s.scrollHeight;",
        vec![],
    )
    .await;
    app.wait_js(
        "the chunks around the marker to be released",
        around,
        harness::WAIT,
        |v| v["filled"] == json!(["false", "false"]),
    )
    .await;
    app.js(
        "document.querySelector('#timeline .clock-change[data-kind=\"dst\"]').scrollIntoView({ block: 'center' })",
        vec![],
    )
    .await;
    let again = app
        .wait_js(
            "the chunks around the marker to be built again",
            around,
            harness::WAIT,
            |v| v["filled"] == json!(["true", "true"]),
        )
        .await;
    assert_eq!(again["tiles"], json!([before, after]), "{again}");
    assert_eq!(app.count("#timeline .clock-change").await, 1);
    app.quit().await;
}
