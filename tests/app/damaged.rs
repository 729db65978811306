//! A damaged photo: a JPEG cut short (a copy that stopped half-way). Its readable part is shown in
//! the grid and the viewer, marked "Damaged" with the reason; an export leaves it out unless the
//! person ticks "Include damaged photos", which the export dialog offers only then.

use crate::export::{open_export_dialog, settled_preview};
use crate::harness::Desk;
use crate::*;
use lanyard::sample::{jpeg, jpeg_with_exif, ExifSpec};

const TRIP: &str = "Sample trip";

/// A phone photo of the trip's second day whose file ends after 60 % of its bytes: the EXIF and
/// the top of the picture are there, the rest is missing.
fn truncated_photo() -> Vec<u8> {
    let spec = ExifSpec {
        make: Some("Google".into()),
        model: Some("Pixel 6".into()),
        datetime_original: Some("2022:05:18 11:15:00".into()),
        offset_original: Some("+02:00".into()),
        ..ExifSpec::default()
    };
    let mut bytes = jpeg_with_exif(&jpeg(640, 480, 4242, 85), &spec);
    bytes.truncate(bytes.len() * 6 / 10);
    bytes
}

#[tokio::test]
async fn a_truncated_jpeg_shows_marked_damaged_and_is_exported_only_when_included() {
    let mut desk = Desk::new("damaged");
    let app = desk.launch_amsterdam().await;
    let file = desk.scratch.path().join("PXL_20220518_091500000.jpg");
    std::fs::write(&file, truncated_photo()).unwrap();
    close_import_summary(&app).await;
    stub_file_dialog(&app, std::slice::from_ref(&file)).await;
    app.wait_for("#add-photos")
        .await
        .click()
        .await
        .expect("click Add photos…");
    let summary = wait_import_finished(&app, Duration::from_secs(60)).await;
    assert_eq!(
        app.js(
            "const s = document.querySelector('#import-summary'); return [s.dataset.added, s.dataset.failed, s.dataset.damaged]",
            vec![]
        )
        .await,
        json!(["1", "0", "1"]),
        "a damaged photo is imported, not failed, and the summary says it is damaged: {summary}"
    );

    let timeline = wait_cli_timeline(&desk.library, TRIP, "the damaged photo", |t| {
        photo_days(t)
            .iter()
            .any(|(_, _, p)| p["thumb"]["state"] == "damaged")
    })
    .await;
    let (id, day, photo) = photo_days(&timeline)
        .into_iter()
        .find(|(_, _, p)| p["thumb"]["state"] == "damaged")
        .unwrap();
    assert!(day.is_some(), "dated from its EXIF: {photo}");
    let reason = photo["thumb"]["reason"]
        .as_str()
        .expect("a damaged photo says why")
        .to_string();
    assert!(!reason.is_empty());

    // The grid: the picture (its thumbnail loads once near the viewport: images load lazily)
    // with a visible "Damaged" badge.
    let tile = format!("#timeline .photo[data-id=\"{id}\"]");
    app.wait_for(&tile).await;
    app.js(
        &format!("document.querySelector('{tile}').scrollIntoView({{ block: 'center' }})"),
        vec![],
    )
    .await;
    let shown = app
        .wait_js(
            "the damaged tile with its picture",
            &format!(
                "const t = document.querySelector('{tile}'); const img = t && t.querySelector('img'); \
                 const badge = t && t.querySelector('.badge.damaged'); \
                 return t && img && img.complete && img.naturalWidth > 0 && badge \
                   ? [t.dataset.state, badge.textContent, badge.getClientRects().length > 0, img.naturalWidth] : null;"
            ),
            harness::WAIT,
            |v| v.is_array(),
        )
        .await;
    assert_eq!(shown[0], "damaged");
    assert_eq!(shown[1], "Damaged");
    assert_eq!(shown[2], true, "the badge is visible");
    app.screenshot("grid").await;

    // The viewer: the picture, and the reason among the details.
    app.wait_for(&tile).await.click().await.expect("open it");
    let details = app
        .wait_js(
            "the viewer's picture and the damage reason",
            "const img = document.querySelector('#viewer-image'); \
             const why = document.querySelector('#viewer-damaged'); \
             return img && img.tagName === 'IMG' && img.naturalWidth > 0 && why \
               ? [document.querySelector('#viewer').dataset.state, why.textContent] : null;",
            harness::WAIT,
            |v| v.is_array(),
        )
        .await;
    assert_eq!(details, json!(["damaged", reason]));
    app.screenshot("viewer").await;
    app.press(&[fantoccini::key::Key::Escape.into()]).await;

    // Export: left out by default, counted in the plan; ticking the box brings it in.
    let out = desk.scratch.path().join("Gallery");
    std::fs::create_dir_all(&out).unwrap();
    open_export_dialog(&app, &out).await;
    let (state, text) = settled_preview(&app).await;
    assert_eq!(state, "ready", "{text}");
    let left_out = app
        .js(
            "return [!document.querySelector('#export-damaged').hidden, \
                     document.querySelector('#export-include-damaged').checked, \
                     Number(document.querySelector('#export-preview').dataset.photos)]",
            vec![],
        )
        .await;
    assert_eq!(left_out[0], true, "the choice is offered: {text}");
    assert_eq!(left_out[1], false, "damaged photos are left out by default");
    let without = left_out[2].as_u64().unwrap();
    app.screenshot("export-offered").await;
    app.wait_for("#export-include-damaged")
        .await
        .click()
        .await
        .expect("tick Include damaged photos");
    let with = app
        .wait_js(
            "a new plan with the damaged photo",
            "const p = document.querySelector('#export-preview'); \
             return p.dataset.state === 'ready' ? Number(p.dataset.photos) : null;",
            harness::WAIT,
            |v| v.as_u64().is_some_and(|n| n != without),
        )
        .await;
    assert_eq!(with.as_u64(), Some(without + 1), "{text}");
    assert_eq!(
        app.js(
            "return !document.querySelector('#export-damaged').hidden",
            vec![]
        )
        .await,
        true,
        "the ticked choice stays on screen"
    );
    app.screenshot("export-included").await;
    app.quit().await;
}
