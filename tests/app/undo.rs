//! Ctrl+Z: it undoes the last edits (a hide, a caption, a day title) newest first, as the CLI
//! reads the catalog; a field with unsaved typing keeps the browser's own undo; a modal confirm
//! and the export dialog let no Ctrl+Z through to the trip. Day edits are undone by date: after a
//! camera shift (made by the CLI) renumbers the days, the old title goes back onto the same date,
//! not the same day number.

use crate::edits::{close_viewer, set_caption, set_day_title};
use crate::harness::{App, Desk};
use crate::*;
use fantoccini::key::Key;

const TRIP: &str = "Sample trip";

/// The photo of a CLI timeline with this id.
fn photo(timeline: &Value, id: i64) -> &Value {
    timeline["days"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["photos"].as_array().unwrap())
        .chain(timeline["undated"].as_array().unwrap())
        .find(|p| p["id"] == id)
        .unwrap_or_else(|| panic!("no photo {id} in the timeline"))
}

/// Waits until a modal layer (the confirm `#modal` or the export dialog) is closed.
async fn wait_closed(app: &App, dialog: &str) {
    app.wait_js(
        &format!("{dialog} to close"),
        &format!("return !document.querySelector('{dialog}').open"),
        harness::WAIT,
        |v| v == &json!(true),
    )
    .await;
}

#[tokio::test]
async fn ctrl_z_undoes_a_caption_a_hide_and_a_day_title_newest_first() {
    let mut desk = Desk::new("undo");
    let app = desk.launch_amsterdam().await;
    let before = cli_timeline(&desk.library, TRIP);
    let captioned = before["days"][1]["photos"][1]["id"].as_i64().unwrap();
    let hidden = before["days"][1]["photos"][2]["id"].as_i64().unwrap();
    let date = before["days"][1]["date"].as_str().unwrap().to_string();
    assert_eq!(
        title_on(&before, &date),
        "",
        "the sample's days have no titles"
    );

    // Three edits: a day title, a hide from the keyboard (H on a focused tile), a caption.
    set_day_title(&app, 2, "Kubernetes AI Day").await;
    wait_cli_timeline(&desk.library, TRIP, "the day title", |t| {
        title_on(t, &date) == "Kubernetes AI Day"
    })
    .await;
    app.js(
        "document.querySelector(`#timeline .photo[data-id=\"${arguments[0]}\"]`).focus()",
        vec![json!(hidden)],
    )
    .await;
    app.press(&['h']).await;
    wait_cli_timeline(&desk.library, TRIP, "the photo hidden", |t| {
        photo(t, hidden)["hidden"] == true
    })
    .await;
    set_caption(&app, captioned, "Keynote: the CNCF at ten").await;
    wait_cli_timeline(&desk.library, TRIP, "the caption", |t| {
        photo(t, captioned)["caption"] == "Keynote: the CNCF at ten"
    })
    .await;

    // Typing in the caption that is not saved yet: Ctrl+Z is the browser's text undo there, and
    // the app's undo keeps its entries. (The field is then put back as it was saved.)
    let caption = app.wait_for("#viewer-caption").await;
    caption.click().await.expect("into the caption");
    caption
        .send_keys(&format!("{} (draft)", Key::End))
        .await
        .expect("type");
    ctrl_z(&app).await;
    app.js(
        "const c = document.querySelector('#viewer-caption'); c.value = c.dataset.saved; c.blur();",
        vec![],
    )
    .await;
    app.screenshot("viewer-before-undo").await;

    // Ctrl+Z in the viewer (focus on the viewer, not in a field): the caption goes.
    dismiss_info(&app).await;
    ctrl_z(&app).await;
    wait_info(&app, "Undone: caption").await;
    wait_cli_timeline(&desk.library, TRIP, "the caption undone", |t| {
        photo(t, captioned)["caption"] == ""
    })
    .await;
    assert_eq!(
        app.js(
            "return document.querySelector('#viewer-caption').value",
            vec![]
        )
        .await,
        json!(""),
        "the viewer shows the caption as undone"
    );
    close_viewer(&app).await;

    // A modal confirm and the export dialog are modal: Ctrl+Z inside them undoes nothing. The
    // proof is the next Ctrl+Z outside: it must still find the hide as the newest edit.
    app.wait_for("#delete-trip")
        .await
        .click()
        .await
        .expect("click Delete");
    app.wait_for("#modal").await;
    ctrl_z(&app).await;
    app.press(&[Key::Escape.into()]).await;
    wait_closed(&app, "#modal").await;
    app.wait_for("#open-export")
        .await
        .click()
        .await
        .expect("click Export…");
    app.wait_for("#export[data-step=\"setup\"]").await;
    ctrl_z(&app).await;
    app.screenshot("export-dialog-ctrl-z").await;
    app.press(&[Key::Escape.into()]).await;
    wait_closed(&app, "#export").await;
    assert_eq!(cli_trip_names(&desk.library), vec![TRIP.to_string()]);

    dismiss_info(&app).await;
    ctrl_z(&app).await;
    wait_info(&app, "Undone: hide").await;
    let now = wait_cli_timeline(&desk.library, TRIP, "the hide undone", |t| {
        photo(t, hidden)["hidden"] == false
    })
    .await;
    assert_eq!(
        title_on(&now, &date),
        "Kubernetes AI Day",
        "one Ctrl+Z undid one edit: the title is still there"
    );
    app.wait_js(
        "the tile to show the photo as not hidden",
        &format!("return document.querySelector('#timeline .photo[data-id=\"{hidden}\"]').dataset.hidden"),
        harness::WAIT,
        |v| v == "false",
    )
    .await;

    dismiss_info(&app).await;
    ctrl_z(&app).await;
    wait_info(&app, "Undone: title of day 2").await;
    let after = wait_cli_timeline(&desk.library, TRIP, "the day title undone", |t| {
        title_on(t, &date).is_empty()
    })
    .await;
    assert_eq!(
        after, before,
        "every edit undone: the catalog is as imported"
    );
    app.wait_js(
        "the title field to be empty again",
        "return document.querySelector('#timeline section.day[data-day=\"2\"] .day-title input').value",
        harness::WAIT,
        |v| v == "",
    )
    .await;

    dismiss_info(&app).await;
    ctrl_z(&app).await;
    wait_info(&app, "Nothing to undo").await;
    assert_matches_cli(&shown_timeline(&app).await, &after);
    app.quit().await;
}

/// Types `text` into the title of the day on `date` and saves it (Enter, then leaving the field).
async fn title_day_on(app: &App, date: &str, text: &str) {
    let input = app
        .wait_for(&format!(
            "#timeline section.day[data-date=\"{date}\"] .day-title input"
        ))
        .await;
    input.clear().await.expect("clear the title");
    input.send_keys(text).await.expect("type the title");
    input
        .send_keys(&Key::Enter.to_string())
        .await
        .expect("enter");
    app.js(
        "document.activeElement && document.activeElement.blur()",
        vec![],
    )
    .await;
}

/// The regression: Ctrl+Z once wrote a title onto whichever day had the old day number.
#[tokio::test]
async fn undo_after_a_camera_shift_restores_the_title_on_the_same_date() {
    let mut desk = Desk::new("undo-by-date");
    let app = desk.launch_amsterdam().await;
    let before = cli_timeline(&desk.library, TRIP);
    let date_of = |t: &Value, n: usize| t["days"][n]["date"].as_str().unwrap().to_string();
    // Day 2 and day 3 before the shift (day 1 holds only the camera's early photos).
    let (conference, workshops) = (date_of(&before, 1), date_of(&before, 2));
    let camera = photo_days(&before)
        .into_iter()
        .find(|(_, _, p)| p["time_source"] == "exif-local")
        .and_then(|(_, _, p)| p["camera"].as_str().map(str::to_string))
        .expect("the sample has a camera on home time");

    title_day_on(&app, &workshops, "Workshops").await;
    title_day_on(&app, &conference, "Kubernetes AI Day").await;
    wait_cli_timeline(&desk.library, TRIP, "both titles", |t| {
        title_on(t, &workshops) == "Workshops" && title_on(t, &conference) == "Kubernetes AI Day"
    })
    .await;

    // The camera was on New York time: +6 h moves its photos, and the first day empties. The
    // shift is made outside the window (the CLI, as a script would: the settings sheet's Apply
    // is itself undoable and would be undone first); the window re-reads the trip when it is
    // chosen in the sidebar again.
    cli(
        &desk.library,
        &["shift", "--trip", TRIP, "--camera", &camera, "--by", "+6h"],
    );
    let shifted = cli_timeline(&desk.library, TRIP);
    app.wait_for(&format!(
        "#trip-list [data-trip={}] .trip-button",
        serde_json::to_string(TRIP).unwrap()
    ))
    .await
    .click()
    .await
    .expect("choose the trip again");
    let number_on = |t: &Value, date: &str| day_on(t, date).and_then(|d| d["number"].as_i64());
    assert_ne!(
        number_on(&shifted, &conference),
        number_on(&before, &conference),
        "the premise: the shift renumbers the days ({conference} was day {:?})",
        number_on(&before, &conference)
    );
    assert_eq!(
        number_on(&shifted, &workshops),
        Some(2),
        "{workshops} now has the number {conference} had"
    );
    app.wait_js(
        "the window to show the renumbered days",
        "return document.querySelector('#timeline section.day[data-day=\"1\"]')?.dataset.date ?? null",
        harness::WAIT,
        |v| v == conference.as_str(),
    )
    .await;
    app.screenshot("after-shift").await;

    // Undo the newest edit, the title on `conference` (made as "day 2"): it goes back onto that
    // date, and the day that is now day 2 keeps its own title.
    dismiss_info(&app).await;
    ctrl_z(&app).await;
    wait_info(&app, "Undone: title of day 2").await;
    let undone = wait_cli_timeline(&desk.library, TRIP, "the title undone", |t| {
        title_on(t, &conference).is_empty()
    })
    .await;
    assert_eq!(
        title_on(&undone, &workshops),
        "Workshops",
        "Ctrl+Z wrote onto {workshops}, the day that now has number 2"
    );
    assert_matches_cli(&shown_timeline(&app).await, &undone);

    // And the older edit, made on "day 3", goes back onto its date, now day 2.
    dismiss_info(&app).await;
    ctrl_z(&app).await;
    wait_info(&app, "Undone: title of day 3").await;
    let undone = wait_cli_timeline(&desk.library, TRIP, "both titles undone", |t| {
        title_on(t, &workshops).is_empty()
    })
    .await;
    assert!(
        undone["days"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["title"].as_str().unwrap_or_default().is_empty()),
        "no title left anywhere: {undone:#}"
    );
    assert_matches_cli(&shown_timeline(&app).await, &undone);
    app.screenshot("undone").await;
    app.quit().await;
}
