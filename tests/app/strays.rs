//! Photos outside the trip: the Chicago trip's stray from July 2021 is listed under "Outside this
//! trip" with its date and does not stretch the trip's week. "Include in this trip" puts it on a
//! day of its own (the days then span the years between, as the CLI reads them) and Ctrl+Z sets
//! it aside again; "Move to a new trip" asks for a name, the new trip shows in the sidebar with
//! the photo in it, and Ctrl+Z brings it back.

use crate::clocks::{import_chicago, DAY_COUNT, FIRST_DAY, LAST_DAY};
use crate::harness::{App, Desk};
use crate::*;

const TRIP: &str = "Chicago sample";

fn day_dates(timeline: &Value) -> Vec<String> {
    timeline["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["date"].as_str().unwrap().to_string())
        .collect()
}

fn outside_ids(timeline: &Value) -> Vec<i64> {
    timeline["outside"]
        .as_array()
        .expect("an outside list")
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect()
}

/// The window's Outside list: [id, shown date] per item.
async fn shown_outside(app: &App) -> Value {
    app.js(
        "return [...document.querySelectorAll('#outside li.outside-item[data-id]')]\
           .map((li) => [Number(li.dataset.id), li.querySelector('.outside-date').textContent])",
        vec![],
    )
    .await
}

async fn wait_shown_days(app: &App, want: &[String]) {
    let want = json!(want);
    app.wait_js(
        "the window's days as the CLI has them",
        "return [...document.querySelectorAll('#timeline section.day[data-day]')].map((s) => s.dataset.date)",
        harness::WAIT,
        |v| v == &want,
    )
    .await;
}

#[tokio::test]
async fn a_stray_stays_outside_until_included_or_moved_to_a_trip_of_its_own() {
    let mut desk = Desk::new("strays");
    import_chicago(&desk, TRIP);
    let before = cli_timeline(&desk.library, TRIP);
    let stray = outside_ids(&before);
    assert_eq!(
        stray.len(),
        1,
        "the premise: one stray: {:#}",
        before["outside"]
    );
    let id = stray[0];
    assert_eq!(before["outside"][0]["date"], "2021-07-14");
    let name = Path::new(before["outside"][0]["path"].as_str().unwrap())
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let week = day_dates(&before);
    assert_eq!(
        (
            week.first().map(String::as_str),
            week.last().map(String::as_str),
            week.len()
        ),
        (Some(FIRST_DAY), Some(LAST_DAY), DAY_COUNT),
        "the stray does not stretch the trip"
    );

    let app = desk.launch().await;
    let item = format!("#outside li.outside-item[data-id=\"{id}\"]");
    app.wait_for(&item).await;
    assert_eq!(
        shown_outside(&app).await,
        json!([[id, "14 Jul 2021"]]),
        "the stray with the date it carries"
    );
    assert_matches_cli(&shown_timeline(&app).await, &before);
    let card = app
        .js(
            "return document.querySelector('#trip-list li.trip.selected .trip-dates').textContent",
            vec![],
        )
        .await;
    assert!(
        card.as_str()
            .is_some_and(|t| t.starts_with("4–11 Nov 2023")),
        "the sidebar's dates are the week's: {card}"
    );
    let in_day = app
        .js(
            "return !!document.querySelector(`#timeline section.day[data-day] .photo[data-id=\"${arguments[0]}\"]`)",
            vec![json!(id)],
        )
        .await;
    assert_eq!(in_day, json!(false), "the stray is on no day");
    app.js(
        "document.querySelector('#outside').scrollIntoView({ block: 'center' })",
        vec![],
    )
    .await;
    app.screenshot("outside").await;

    // Include in this trip: it joins a day, and the days now reach back to 2021.
    app.wait_for(&format!("{item} button.keep-in-trip"))
        .await
        .click()
        .await
        .expect("click Include in this trip");
    // The toast lasts a few seconds: read it before the slower checks.
    wait_info(&app, &format!("{name} is now part of this trip")).await;
    let included = wait_cli_timeline(&desk.library, TRIP, "the stray included", |t| {
        outside_ids(t).is_empty()
    })
    .await;
    let dates = day_dates(&included);
    assert_eq!(
        dates.first().map(String::as_str),
        Some("2021-07-14"),
        "the included photo starts the trip"
    );
    assert_eq!(dates.last().map(String::as_str), Some(LAST_DAY));
    assert!(
        dates.len() > 800,
        "the days stretch over the years between: {}",
        dates.len()
    );
    assert!(
        day_on(&included, "2021-07-14").unwrap()["photos"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["id"] == id),
        "the photo is on its day"
    );
    wait_shown_days(&app, &dates).await;
    assert_matches_cli(&shown_timeline(&app).await, &included);
    assert_eq!(app.count("#outside").await, 0, "nothing outside any more");

    // Ctrl+Z sets it aside again.
    dismiss_info(&app).await;
    ctrl_z(&app).await;
    wait_info(&app, &format!("Undone: include {name}")).await;
    let undone = wait_cli_timeline(&desk.library, TRIP, "the stray outside again", |t| {
        outside_ids(t) == [id]
    })
    .await;
    assert_eq!(day_dates(&undone), week, "the week again");
    wait_shown_days(&app, &week).await;
    app.wait_for(&item).await;
    assert_matches_cli(&shown_timeline(&app).await, &undone);

    // Move to a new trip: the in-app prompt proposes "<trip> 2021".
    dismiss_info(&app).await;
    app.wait_for(&format!("{item} button.move-to-trip"))
        .await
        .click()
        .await
        .expect("click Move to a new trip");
    let input = app.wait_for("#modal-input").await;
    let proposed = app
        .js(
            "return document.querySelector('#modal-input').value",
            vec![],
        )
        .await;
    assert_eq!(proposed, "Chicago sample 2021", "the proposed name");
    app.screenshot("move-prompt").await;
    input.clear().await.expect("clear");
    input.send_keys("Berlin 2021").await.expect("type a name");
    app.wait_for("#modal-confirm")
        .await
        .click()
        .await
        .expect("confirm");
    wait_info(&app, &format!("Moved {name} to “Berlin 2021”")).await;
    app.wait_for("#trip-list li.trip[data-trip=\"Berlin 2021\"][data-photos=\"1\"]")
        .await;
    assert!(
        cli_trip_names(&desk.library).contains(&"Berlin 2021".to_string()),
        "the CLI sees the new trip"
    );
    let berlin = cli_timeline(&desk.library, "Berlin 2021");
    let ids: Vec<i64> = photo_days(&berlin).iter().map(|(i, _, _)| *i).collect();
    assert_eq!(
        ids,
        [id],
        "the photo is the new trip's, on a day: {berlin:#}"
    );
    assert_eq!(day_dates(&berlin), ["2021-07-14"]);
    let left = cli_timeline(&desk.library, TRIP);
    assert!(outside_ids(&left).is_empty(), "the old trip has no stray");
    app.wait_js(
        "the Outside list to go",
        "return !document.querySelector('#outside')",
        harness::WAIT,
        |v| v == &json!(true),
    )
    .await;
    assert_matches_cli(&shown_timeline(&app).await, &left);
    app.screenshot("moved").await;

    // Ctrl+Z moves it back and removes the trip made for it.
    dismiss_info(&app).await;
    ctrl_z(&app).await;
    wait_info(&app, &format!("Undone: move {name} to “Berlin 2021”")).await;
    assert!(
        !cli_trip_names(&desk.library).contains(&"Berlin 2021".to_string()),
        "the trip made for the photo is gone"
    );
    assert_eq!(outside_ids(&cli_timeline(&desk.library, TRIP)), [id]);
    app.wait_for(&item).await;
    assert_eq!(
        app.count("#trip-list li.trip[data-trip=\"Berlin 2021\"]")
            .await,
        0,
        "the sidebar forgot it"
    );
    app.quit().await;
}
