//! First contact: the empty state, then "Try a sample trip" laid out exactly as the CLI reads
//! the same library, and the viewer on one of its photos.

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

/// "Try a sample trip" imports the generated trip; every day, title, photo and time shown is
/// what `lanyard timeline --json` says; a photo opens in the viewer with where its time came
/// from.
#[tokio::test]
async fn the_sample_trip_shows_the_cli_timeline_and_opens_in_the_viewer() {
    let mut desk = Desk::new("sample-trip");
    let app = desk.launch().await;
    import_sample(&app).await;
    app.wait_for("#trip-list [data-trip=\"Sample trip\"]").await;
    let cli = cli_timeline(&desk.library, "Sample trip");
    // Three conference days; the camera still on New York time adds an early "day" until it
    // is shifted (see settings.rs).
    let days = cli["days"].as_array().map_or(0, Vec::len);
    assert!(days >= 3, "the sample spans at least three days: {days}");
    // Thumbnails fill in: wait until every photo is ready before the screenshot.
    app.wait_js(
        "every thumbnail ready",
        "return [...document.querySelectorAll('#timeline .photo[data-id]')].every((p) => p.dataset.state === 'ready')",
        Duration::from_secs(60),
        |v| v == &json!(true),
    )
    .await;
    assert_matches_cli(&shown_timeline(&app).await, &cli);
    app.screenshot("trip-days").await;

    // The viewer: the first photo of day 2, its details say where the time came from.
    let photo = &cli["days"][1]["photos"][0];
    let id = photo["id"].as_i64().unwrap();
    app.wait_for(&format!("#timeline .photo[data-id=\"{id}\"]"))
        .await
        .click()
        .await
        .expect("click a photo");
    app.wait_for("#viewer").await;
    let note = photo["time_note"].as_str().unwrap();
    app.wait_js(
        "the viewer's details",
        "return document.querySelector('#viewer-details').innerText",
        harness::WAIT,
        |v| v.as_str().is_some_and(|t| t.contains(note)),
    )
    .await;
    app.screenshot("viewer").await;
    app.quit().await;
}
