//! Trips from the sidebar's buttons and the in-app dialogs: a new trip, a rename (a taken name is
//! refused with a readable message, nothing changes), and a delete that asks first, forgets the
//! trip and leaves the original files alone. The CLI reads the library after each step.

use crate::harness::{App, Desk};
use crate::*;
use fantoccini::key::Key;

/// Clicks `button`, waits for the in-app prompt, replaces its text with `text` and presses Enter.
pub async fn prompt(app: &App, button: &str, text: &str) {
    app.wait_for(button).await.click().await.expect("click");
    let input = app.wait_for("#modal-input").await;
    input.clear().await.expect("clear the name");
    input.send_keys(text).await.expect("type the name");
    input
        .send_keys(&Key::Enter.to_string())
        .await
        .expect("Enter");
    app.wait_js(
        "the dialog to close",
        "return !document.querySelector('#modal').open",
        harness::WAIT,
        |v| v == &json!(true),
    )
    .await;
}

/// The sidebar: every trip's name and whether it is the open one.
async fn sidebar(app: &App) -> Value {
    app.js(
        "return [...document.querySelectorAll('#trip-list li.trip[data-trip]')].map((li) => \
           [li.dataset.trip, li.querySelector('.trip-button').getAttribute('aria-current') === 'true'])",
        vec![],
    )
    .await
}

async fn wait_sidebar(app: &App, want: Value) {
    app.wait_js(
        &format!("the sidebar to list {want}"),
        "return [...document.querySelectorAll('#trip-list li.trip[data-trip]')].map((li) => \
           [li.dataset.trip, li.querySelector('.trip-button').getAttribute('aria-current') === 'true'])",
        harness::WAIT,
        |v| v == &want,
    )
    .await;
}

/// Every file under `dir` with its size, sorted: to see that originals are untouched.
fn listing(dir: &Path) -> Vec<(String, u64)> {
    let mut out: Vec<(String, u64)> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                e.metadata().unwrap().len(),
            )
        })
        .collect();
    out.sort();
    out
}

#[tokio::test]
async fn a_trip_is_renamed_and_deleted_from_the_window() {
    let mut desk = Desk::new("trips");
    let app = desk.launch_amsterdam().await;
    let sample = cli_timeline(&desk.library, "Sample trip");
    let originals = desk.scratch.path().join("amsterdam");
    let files_before = listing(&originals);
    assert!(
        !files_before.is_empty(),
        "the sample trip's files are at {}",
        originals.display()
    );

    // A second trip, from "New trip": it opens at once, empty.
    prompt(&app, "#new-trip", "Other trip").await;
    wait_sidebar(&app, json!([["Other trip", true], ["Sample trip", false]])).await;
    assert_eq!(
        cli_trip_names(&desk.library),
        vec!["Other trip".to_string(), "Sample trip".to_string()]
    );

    // Renaming it to a name that is taken: refused with a message, both trips as they were.
    prompt(&app, "#rename-trip", "Sample trip").await;
    let error = app
        .wait_js(
            "the error toast",
            "const t = document.querySelector('#error-toast'); \
             return t.hidden ? null : [t.dataset.code, document.querySelector('#error-toast-text').textContent];",
            harness::WAIT,
            |v| v.is_array(),
        )
        .await;
    assert_eq!(error[0], "invalid_input", "{error}");
    assert!(
        error[1].as_str().unwrap().contains("Sample trip"),
        "the message names the taken name: {error}"
    );
    app.screenshot("rename-taken").await;
    assert_eq!(
        sidebar(&app).await,
        json!([["Other trip", true], ["Sample trip", false]])
    );
    assert_eq!(
        cli_trip_names(&desk.library),
        vec!["Other trip".to_string(), "Sample trip".to_string()]
    );
    assert_eq!(cli_timeline(&desk.library, "Sample trip"), sample);
    app.js(
        "document.querySelector('#error-toast').hidden = true",
        vec![],
    )
    .await;

    // Rename the sample trip: the sidebar, the heading and the CLI use the new name; the photos
    // and their days come along.
    app.wait_for("#trip-list li.trip[data-trip=\"Sample trip\"] .trip-button")
        .await
        .click()
        .await
        .expect("open the sample trip");
    app.wait_js(
        "the sample trip to open",
        "return document.querySelector('#timeline').dataset.trip",
        harness::WAIT,
        |v| v == "Sample trip",
    )
    .await;
    prompt(&app, "#rename-trip", "KubeCon EU 2022").await;
    wait_sidebar(
        &app,
        json!([["KubeCon EU 2022", true], ["Other trip", false]]),
    )
    .await;
    app.wait_js(
        "the heading to show the new name",
        "return document.querySelector('#trip-name').textContent",
        harness::WAIT,
        |v| v == "KubeCon EU 2022",
    )
    .await;
    assert_eq!(
        cli_trip_names(&desk.library),
        vec!["KubeCon EU 2022".to_string(), "Other trip".to_string()]
    );
    let renamed = cli_timeline(&desk.library, "KubeCon EU 2022");
    assert_eq!(
        renamed["days"], sample["days"],
        "the photos and days came along"
    );
    assert_eq!(renamed["trip"]["name"], "KubeCon EU 2022");
    assert_matches_cli(&shown_timeline(&app).await, &renamed);
    app.screenshot("renamed").await;

    // Delete asks first; Esc keeps the trip.
    app.wait_for("#delete-trip")
        .await
        .click()
        .await
        .expect("click Delete");
    app.wait_for("#modal-confirm").await;
    let asked = app
        .js("return document.querySelector('#modal').innerText", vec![])
        .await;
    assert!(
        asked.as_str().unwrap().contains("KubeCon EU 2022"),
        "the question names the trip: {asked}"
    );
    app.screenshot("delete-asked").await;
    app.press(&[Key::Escape.into()]).await;
    app.wait_js(
        "the dialog to close",
        "return !document.querySelector('#modal').open",
        harness::WAIT,
        |v| v == &json!(true),
    )
    .await;
    assert_eq!(
        cli_trip_names(&desk.library),
        vec!["KubeCon EU 2022".to_string(), "Other trip".to_string()],
        "Esc deleted the trip"
    );

    // Delete for real: the trip is gone from the window and the library, its files are not.
    app.wait_for("#delete-trip")
        .await
        .click()
        .await
        .expect("click Delete");
    app.wait_for("#modal-confirm")
        .await
        .click()
        .await
        .expect("confirm");
    wait_sidebar(&app, json!([["Other trip", true]])).await;
    assert_eq!(
        cli_trip_names(&desk.library),
        vec!["Other trip".to_string()]
    );
    let out = lanyard(&desk.library)
        .args(["timeline", "--trip", "KubeCon EU 2022", "--json"])
        .output()
        .expect("run lanyard");
    assert!(
        !out.status.success(),
        "the deleted trip still has a timeline"
    );
    assert_eq!(
        listing(&originals),
        files_before,
        "deleting a trip touched its original files"
    );
    app.screenshot("deleted").await;
    app.quit().await;
}
