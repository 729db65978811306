//! The first screen is decided before the page's scripts run: where the library holds no trip,
//! the empty state and "No trips yet." show from the page's first paint; where it holds one,
//! the page waits for the trip list and never shows the empty state. The test keeps the catalog
//! busy (an open write transaction) so that the app's own opening of it, and the trip list with
//! it, waits: the page stays on its first screen while the test looks, then takes over.

use crate::harness::{App, Desk, WAIT};
use crate::*;

/// `[data-first-screen on <html>, #empty-state shown, #trip-list-empty shown, trips listed]`.
const LOOK: &str = "const shown = (s) => { const e = document.querySelector(s); \
    return !!e && getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0; }; \
    return [document.documentElement.dataset.firstScreen ?? null, shown('#empty-state'), \
    shown('#trip-list-empty'), document.querySelectorAll('#trip-list li.trip').length];";

/// The catalog's write lock, held until dropped (the transaction is rolled back).
fn hold(catalog: &Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(catalog).expect("open the catalog");
    conn.execute_batch("BEGIN IMMEDIATE")
        .expect("take the catalog's write lock");
    conn
}

/// What the page shows once its scripts have run (the document has loaded): they are waiting
/// for the trip list.
async fn first_look(app: &App) -> Value {
    app.wait_js("the page loaded", "return document.readyState", WAIT, |v| {
        v == "complete"
    })
    .await;
    app.js(LOOK, vec![]).await
}

#[tokio::test]
async fn the_empty_state_is_the_first_screen_of_a_library_without_trips() {
    let mut desk = Desk::new("first-screen");
    let library = lanyard::library::Library::at(desk.library.clone());
    let catalog = library.catalog_path();
    drop(lanyard::journal::Journal::open(library.clone()).expect("make the catalog"));

    let lock = hold(&catalog);
    let app = desk.launch().await;
    assert_eq!(
        first_look(&app).await,
        json!(["empty", true, true, 0]),
        "no trip: the empty state before the trip list"
    );
    app.screenshot("first-screen-before-trip-list").await;
    drop(lock);
    let after = app
        .wait_js("the trip list", LOOK, WAIT, |v| v[0].is_null())
        .await;
    assert_eq!(
        after,
        json!([null, true, true, 0]),
        "the scripts show the same"
    );
    // Once the scripts have taken over, the empty state goes as a trip comes.
    crate::trips::prompt(&app, "#new-trip", "KubeCon").await;
    let listed = app
        .wait_js("the new trip listed", LOOK, WAIT, |v| v[3] == 1)
        .await;
    assert_eq!(listed, json!([null, false, false, 1]));
    app.quit().await;

    assert_eq!(cli_trip_names(&desk.library), vec!["KubeCon"]);
    let lock = hold(&catalog);
    let app = desk.launch().await;
    assert_eq!(
        first_look(&app).await,
        json!([null, false, false, 0]),
        "a trip: nothing shown before the trip list"
    );
    drop(lock);
    let after = app
        .wait_js("the trip list", LOOK, WAIT, |v| v[3] == 1)
        .await;
    assert_eq!(after, json!([null, false, false, 1]));
    app.quit().await;
}
