//! The keyboard, as a person uses it: in the grid ← → move between photos, F favourites, Enter
//! opens the viewer; in the viewer ← → step, F favourites the photo shown (and nothing behind
//! it), Esc closes; Esc closes the settings sheet. One key acts once, in the topmost layer.

use crate::harness::{App, Desk};
use crate::*;
use fantoccini::key::Key;

const TRIP: &str = "Sample trip";

async fn focused_id(app: &App) -> Value {
    app.js(
        "const a = document.activeElement; return a && a.classList.contains('photo') ? Number(a.dataset.id) : null",
        vec![],
    )
    .await
}

async fn viewer_id(app: &App) -> Value {
    app.js(
        "const v = document.querySelector('#viewer'); return v.hidden ? null : Number(v.dataset.id)",
        vec![],
    )
    .await
}

/// Ids of the favourites in the CLI's timeline.
fn favourites(timeline: &Value) -> Vec<i64> {
    photo_days(timeline)
        .into_iter()
        .filter(|(_, _, p)| p["favourite"] == true)
        .map(|(id, _, _)| id)
        .collect()
}

#[tokio::test]
async fn keys_act_in_the_grid_the_viewer_and_the_settings_sheet() {
    let mut desk = Desk::new("keyboard");
    let app = desk.launch_amsterdam().await;
    let cli = cli_timeline(&desk.library, TRIP);
    let order: Vec<i64> = photo_days(&cli).into_iter().map(|(id, _, _)| id).collect();
    assert!(favourites(&cli).is_empty());
    let (a, b, c) = (order[3], order[4], order[5]);

    // The grid: → moves the focus to the next photo in viewing order, ← back; F favourites.
    app.js(
        "document.querySelector(`#timeline .photo[data-id=\"${arguments[0]}\"]`).focus()",
        vec![json!(a)],
    )
    .await;
    app.press(&[Key::Right.into()]).await;
    assert_eq!(focused_id(&app).await, json!(b), "→ in the grid");
    app.press(&[Key::Right.into()]).await;
    app.press(&[Key::Left.into()]).await;
    assert_eq!(focused_id(&app).await, json!(b), "→ then ← in the grid");
    app.press(&['f']).await;
    wait_cli_timeline(&desk.library, TRIP, "b a favourite", |t| {
        favourites(t) == vec![b]
    })
    .await;

    // Enter opens the viewer on the focused photo; → steps; F favourites the photo shown, once.
    app.press(&[Key::Enter.into()]).await;
    app.wait_js(
        "the viewer on the focused photo",
        "const v = document.querySelector('#viewer'); return v.hidden ? null : Number(v.dataset.id)",
        harness::WAIT,
        |v| v == &json!(b),
    )
    .await;
    app.press(&[Key::Right.into()]).await;
    app.wait_js(
        "the viewer to step to the next photo",
        "return Number(document.querySelector('#viewer').dataset.id)",
        harness::WAIT,
        |v| v == &json!(c),
    )
    .await;
    app.press(&['f']).await;
    let now = wait_cli_timeline(&desk.library, TRIP, "c a favourite too", |t| {
        favourites(t).contains(&c)
    })
    .await;
    let mut want = vec![b, c];
    want.sort_by_key(|id| order.iter().position(|o| o == id));
    assert_eq!(
        favourites(&now),
        want,
        "F acted on the photo shown, and only there"
    );
    app.wait_js(
        "the viewer's favourite button pressed",
        "return document.querySelector('#viewer-favourite').getAttribute('aria-pressed')",
        harness::WAIT,
        |v| v == "true",
    )
    .await;
    app.screenshot("viewer").await;
    app.press(&[Key::Escape.into()]).await;
    app.wait_js(
        "Esc to close the viewer",
        "return document.querySelector('#viewer').hidden",
        harness::WAIT,
        |v| v == &json!(true),
    )
    .await;
    assert_eq!(viewer_id(&app).await, Value::Null);
    assert_eq!(
        focused_id(&app).await,
        json!(c),
        "the grid's focus is on the photo last shown"
    );

    // The settings sheet: Esc closes it, and the key goes no further (the grid behind it does
    // not see it either: nothing else changes).
    app.wait_for("#open-settings")
        .await
        .click()
        .await
        .expect("open settings");
    app.wait_for("#settings-timezone").await;
    app.press(&[Key::Escape.into()]).await;
    app.wait_js(
        "Esc to close the settings",
        "return document.querySelector('#settings').hidden",
        harness::WAIT,
        |v| v == &json!(true),
    )
    .await;
    assert_eq!(favourites(&cli_timeline(&desk.library, TRIP)), want);
    app.quit().await;
}
