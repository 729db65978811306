//! Previews asked for before the click: the tile the pointer or the keyboard focus rests on has
//! its preview asked for, and made by the core, before the photo is opened; the viewer then
//! shows that preview.

use crate::harness::{App, Desk, WAIT};
use crate::*;
use lanyard::thumbs::{cache_path, PREVIEW};
use std::time::Instant;

const TRIP: &str = "Sample trip";

/// Records every URL the page loads through `new Image()`: the preview queue's loads (and the
/// viewer's, once it is open).
const RECORD_IMAGE_LOADS: &str = "\
    window.__loads = []; \
    const Real = window.Image; \
    window.Image = class extends Real { \
      set src(url) { window.__loads.push(String(url)); super.src = url; } \
      get src() { return super.src; } \
    };";

/// A script answering whether the page has asked for the preview of the photo with `hash`.
fn asked_script(hash: &str) -> String {
    format!("return window.__loads.some((url) => url.endsWith('{hash}/preview'))")
}

/// Waits until the page has asked for the preview of the photo with `hash`.
async fn wait_asked(app: &App, what: &str, hash: &str) {
    app.wait_js(what, &asked_script(hash), WAIT, |v| v == &json!(true))
        .await;
}

async fn asked(app: &App, hash: &str) -> bool {
    app.js(&asked_script(hash), vec![]).await == json!(true)
}

fn tile(id: i64) -> String {
    format!("#timeline .photo[data-id=\"{id}\"]")
}

#[tokio::test]
async fn the_preview_of_the_tile_a_person_rests_on_is_made_before_the_click() {
    let mut desk = Desk::new("previews-rest");
    let app = desk.launch_amsterdam().await;
    app.js(RECORD_IMAGE_LOADS, vec![]).await;
    let photos = photo_days(&cli_timeline(&desk.library, TRIP));
    let id_hash = |i: usize| {
        let (id, _, p) = &photos[i];
        (*id, p["hash"].as_str().expect("hashed").to_string())
    };
    let ((pointed, pointed_hash), (focused, focused_hash)) = (id_hash(2), id_hash(5));

    // The pointer rests on a tile: its preview is asked for, not the others', and nothing opens.
    app.point_at(&tile(pointed)).await;
    wait_asked(
        &app,
        "the preview of the tile under the pointer",
        &pointed_hash,
    )
    .await;
    assert!(
        !asked(&app, &focused_hash).await,
        "only the tile pointed at"
    );
    let viewer_hidden = "return document.querySelector('#viewer').hidden";
    assert_eq!(app.js(viewer_hidden, vec![]).await, json!(true));
    // The core made it (or the background worker had: either way it is there before the click).
    let thumbs = lanyard::library::Library::at(desk.library.clone()).thumbs_dir();
    let preview = cache_path(&thumbs, &pointed_hash, PREVIEW);
    let deadline = Instant::now() + WAIT;
    while !preview.is_file() {
        assert!(Instant::now() < deadline, "{} made", preview.display());
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // The keyboard focus rests on another tile: the same.
    app.js(
        "document.querySelector(arguments[0]).focus()",
        vec![json!(tile(focused))],
    )
    .await;
    wait_asked(&app, "the preview of the focused tile", &focused_hash).await;

    // A click on the pointed tile shows the preview asked for.
    app.wait_for(&tile(pointed))
        .await
        .click()
        .await
        .expect("click");
    app.wait_js(
        "the viewer showing the preview",
        "const img = document.querySelector('#viewer-image'); \
         return !!img && img.src.endsWith('/preview') && img.complete && img.naturalWidth > 0",
        WAIT,
        |v| v == &json!(true),
    )
    .await;
    let shown = app
        .js("return document.querySelector('#viewer-image').src", vec![])
        .await;
    assert!(
        shown
            .as_str()
            .unwrap()
            .ends_with(&format!("{pointed_hash}/preview")),
        "{shown}"
    );
    app.quit().await;
}
