//! The Undated list: a photo without a usable time waits there, and setting its date (and time)
//! in the window moves it onto that day, as the CLI reads the catalog. Without a date, the
//! window asks for one and changes nothing.

use crate::harness::{App, Desk};
use crate::*;

const TRIP: &str = "Sample trip";

/// Puts `date` and `time` into the undated photo's fields as the date and time pickers would.
/// (WebKitWebDriver cannot type into a date picker; the fields' own events still fire.)
async fn fill_date(app: &App, id: i64, date: &str, time: &str) {
    app.js(
        "const [id, date, time] = arguments; \
         const item = document.querySelector(`#undated li.undated-item[data-id=\"${id}\"]`); \
         for (const [sel, value] of [['input.undated-date', date], ['input.undated-time', time]]) { \
           const f = item.querySelector(sel); f.focus(); f.value = value; \
           f.dispatchEvent(new Event('input', { bubbles: true })); \
           f.dispatchEvent(new Event('change', { bubbles: true })); \
         }",
        vec![json!(id), json!(date), json!(time)],
    )
    .await;
}

#[tokio::test]
async fn setting_a_date_moves_an_undated_photo_onto_that_day() {
    let mut desk = Desk::new("undated");
    let app = desk.launch_amsterdam().await;

    // A scan: no EXIF, no date in its name, and a modification time years before the trip (a
    // file time is used only within the trip's dated days), so nothing places it.
    let scan = desk.scratch.path().join("scan-of-a-badge.jpg");
    std::fs::write(&scan, lanyard::sample::jpeg(640, 480, 7, 80)).unwrap();
    let long_ago = std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(978_307_200); // 2001
    std::fs::File::options()
        .write(true)
        .open(&scan)
        .unwrap()
        .set_modified(long_ago)
        .unwrap();
    close_import_summary(&app).await;
    stub_file_dialog(&app, std::slice::from_ref(&scan)).await;
    app.wait_for("#add-photos")
        .await
        .click()
        .await
        .expect("click Add photos…");
    wait_import_finished(&app, Duration::from_secs(60)).await;
    let before = wait_cli_timeline(&desk.library, TRIP, "the scan among the undated", |t| {
        t["undated"].as_array().is_some_and(|u| u.len() == 1)
    })
    .await;
    let id = before["undated"][0]["id"].as_i64().unwrap();
    assert!(
        before["undated"][0]["path"]
            .as_str()
            .unwrap()
            .ends_with("scan-of-a-badge.jpg"),
        "{before:#}"
    );
    let item = format!("#undated li.undated-item[data-id=\"{id}\"]");
    app.wait_for(&item).await;
    assert_matches_cli(&shown_timeline(&app).await, &before);
    app.js(
        "document.querySelector('#undated').scrollIntoView({ block: 'center' })",
        vec![],
    )
    .await;
    app.screenshot("undated").await;

    // "Set date" without a date: the window asks for one; the photo stays undated.
    app.wait_for(&format!("{item} button.set-date"))
        .await
        .click()
        .await
        .expect("click Set date");
    let error = app
        .wait_js(
            "the error toast",
            "const t = document.querySelector('#error-toast'); return t.hidden ? null : t.dataset.code;",
            harness::WAIT,
            |v| v.is_string(),
        )
        .await;
    assert_eq!(error, "invalid_input");
    assert_eq!(cli_timeline(&desk.library, TRIP), before);
    app.js(
        "document.querySelector('#error-toast').hidden = true",
        vec![],
    )
    .await;

    // The second conference day at 10:30.
    let date = before["days"][2]["date"].as_str().unwrap().to_string();
    fill_date(&app, id, &date, "10:30").await;
    app.wait_for(&format!("{item} button.set-date"))
        .await
        .click()
        .await
        .expect("click Set date");
    let after = wait_cli_timeline(&desk.library, TRIP, "the scan on its day", |t| {
        t["undated"].as_array().is_some_and(Vec::is_empty)
    })
    .await;
    let day = day_on(&after, &date).expect("the day is still there");
    let placed = day["photos"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id)
        .unwrap_or_else(|| panic!("the scan is not on {date}: {day:#}"));
    assert_eq!(placed["time_source"], "manual", "{placed}");
    assert_eq!(hh_mm(placed).as_deref(), Some("10:30"), "{placed}");
    assert!(
        placed["local_time"]
            .as_str()
            .unwrap()
            .starts_with(&format!("{date}T10:30")),
        "{placed}"
    );

    // The window: no Undated section any more, the tile on that day, in time order.
    app.wait_js(
        "the scan's tile on its day",
        &format!(
            "return !document.querySelector('#undated') && \
               !!document.querySelector('#timeline section.day[data-date=\"{date}\"] .photo[data-id=\"{id}\"][data-time=\"10:30\"]')"
        ),
        harness::WAIT,
        |v| v == &json!(true),
    )
    .await;
    assert_matches_cli(&shown_timeline(&app).await, &after);
    app.js(
        "document.querySelector(`.photo[data-id=\"${arguments[0]}\"]`).scrollIntoView({ block: 'center' })",
        vec![json!(id)],
    )
    .await;
    app.screenshot("dated").await;
    app.quit().await;
}
