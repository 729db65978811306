//! Words: a caption and a day title typed into the window are in the catalog at once (the CLI
//! sees them), survive a restart, and are always shown as text, never as HTML.

use crate::harness::{App, Desk};
use crate::*;
use fantoccini::key::Key;

const XSS: &str = "<img src=x onerror=alert(1)>";

pub async fn set_day_title(app: &App, day: i64, text: &str) {
    let input = app
        .wait_for(&format!(
            "#timeline section.day[data-day=\"{day}\"] .day-title input"
        ))
        .await;
    input.clear().await.expect("clear the title");
    input.send_keys(text).await.expect("type the title");
    input
        .send_keys(&Key::Enter.to_string())
        .await
        .expect("enter");
    // Leaving the field is what a person does next; it also fires `change`.
    app.js(
        "document.activeElement && document.activeElement.blur()",
        vec![],
    )
    .await;
}

pub async fn open_viewer(app: &App, id: i64) {
    app.wait_for(&format!("#timeline .photo[data-id=\"{id}\"]"))
        .await
        .click()
        .await
        .expect("click the photo");
    app.wait_for("#viewer").await;
}

pub async fn set_caption(app: &App, id: i64, text: &str) {
    open_viewer(app, id).await;
    let caption = app.wait_for("#viewer-caption").await;
    caption.clear().await.expect("clear the caption");
    caption.send_keys(text).await.expect("type the caption");
    app.js("document.querySelector('#viewer-caption').blur()", vec![])
        .await;
}

pub async fn close_viewer(app: &App) {
    app.client
        .active_element()
        .await
        .expect("focus")
        .send_keys(&Key::Escape.to_string())
        .await
        .expect("Esc");
    app.wait_js(
        "the viewer to close",
        "const v = document.querySelector('#viewer'); return v.hidden || v.getClientRects().length === 0",
        harness::WAIT,
        |v| v == &json!(true),
    )
    .await;
}

/// Waits until the CLI reads `want` at `pointer` of the trip's timeline (edits are saved as
/// they happen, not on quit).
async fn wait_cli(desk: &Desk, pointer: &str, want: &str) {
    let deadline = std::time::Instant::now() + harness::WAIT;
    loop {
        let got = cli_timeline(&desk.library, "Sample trip");
        if got.pointer(pointer).and_then(Value::as_str) == Some(want) {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the catalog never got {want:?} at {pointer}: {:?}",
            got.pointer(pointer)
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn a_caption_and_a_day_title_survive_a_restart() {
    let mut desk = Desk::new("edits");
    let app = desk.launch_amsterdam().await;
    let cli = cli_timeline(&desk.library, "Sample trip");
    // Day 2 is the first full conference day (day 1 holds the camera's early photo until the
    // camera is shifted).
    let id = cli["days"][1]["photos"][1]["id"].as_i64().unwrap();

    set_day_title(&app, 2, "Kubernetes AI Day").await;
    wait_cli(&desk, "/days/1/title", "Kubernetes AI Day").await;
    set_caption(&app, id, "Keynote: the CNCF at ten").await;
    wait_cli(
        &desk,
        "/days/1/photos/1/caption",
        "Keynote: the CNCF at ten",
    )
    .await;
    close_viewer(&app).await;
    app.quit().await;

    let app = desk.launch().await;
    // The app reopens on a trip or on the trip list; open the trip if it is not shown yet.
    let trip = app.wait_for("#trip-list [data-trip=\"Sample trip\"]").await;
    if app.count("#timeline section.day[data-day]").await == 0 {
        trip.click().await.expect("open the trip");
    }
    let title = app
        .wait_js(
            "day 2's title after the restart",
            "return document.querySelector('#timeline section.day[data-day=\"2\"] .day-title input')?.value ?? null",
            harness::WAIT,
            |v| v.is_string(),
        )
        .await;
    assert_eq!(title, json!("Kubernetes AI Day"));
    open_viewer(&app, id).await;
    let caption = app
        .wait_js(
            "the caption after the restart",
            "return document.querySelector('#viewer-caption').value",
            harness::WAIT,
            |v| v.as_str().is_some_and(|s| !s.is_empty()),
        )
        .await;
    assert_eq!(caption, json!("Keynote: the CNCF at ten"));
    assert_matches_cli(
        &shown_timeline(&app).await,
        &cli_timeline(&desk.library, "Sample trip"),
    );
    app.quit().await;
}

/// A caption and a title that look like HTML are stored and shown as those characters: no
/// element is created from them and no script runs.
#[tokio::test]
async fn html_in_a_caption_or_title_shows_as_text() {
    let mut desk = Desk::new("xss");
    let app = desk.launch_amsterdam().await;
    app.js(
        "window.__e2eAlerts = 0; window.alert = () => { window.__e2eAlerts += 1; };",
        vec![],
    )
    .await;
    let cli = cli_timeline(&desk.library, "Sample trip");
    let id = cli["days"][0]["photos"][0]["id"].as_i64().unwrap();
    set_caption(&app, id, XSS).await;
    wait_cli(&desk, "/days/0/photos/0/caption", XSS).await;
    close_viewer(&app).await;
    set_day_title(&app, 2, XSS).await;
    wait_cli(&desk, "/days/1/title", XSS).await;
    // Reopen the viewer so the caption is rendered from the catalog, not from what was typed.
    open_viewer(&app, id).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let seen = app
        .js(
            r#"
            const xss = arguments[0];
            const imgs = [...document.querySelectorAll('img')].filter((i) => i.getAttribute('src') === 'x' || i.hasAttribute('onerror'));
            // Elements whose own text shows the caption as characters (grid captions, labels).
            const asText = [...document.querySelectorAll('body *')]
                .filter((e) => e.children.length === 0 && e.textContent.includes(xss)).length;
            return {
                injected: imgs.length,
                alerts: window.__e2eAlerts,
                caption: document.querySelector('#viewer-caption').value,
                title: document.querySelector('#timeline section.day[data-day="2"] .day-title input').value,
                asText,
            };
            "#,
            vec![json!(XSS)],
        )
        .await;
    assert_eq!(
        seen["injected"],
        json!(0),
        "an element was made from the caption: {seen}"
    );
    assert_eq!(seen["alerts"], json!(0), "a script ran: {seen}");
    assert_eq!(seen["caption"], json!(XSS));
    assert_eq!(seen["title"], json!(XSS));
    eprintln!("elements showing the caption as text: {}", seen["asText"]);
    app.quit().await;
}
