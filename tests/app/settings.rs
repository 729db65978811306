//! Trip settings: a clock shift for the camera left on New York time. The preview lists the
//! photos that will change day; applying re-lays the timeline at once, as the CLI reads it, and
//! Ctrl+Z puts the clock back.

use crate::harness::{App, Desk};
use crate::*;

#[tokio::test]
async fn a_camera_shift_previews_and_moves_photos_between_days() {
    let mut desk = Desk::new("settings");
    let app = desk.launch_amsterdam().await;
    let before = cli_timeline(&desk.library, "Sample trip");
    let camera = photo_days(&before)
        .into_iter()
        .find(|(_, _, p)| p["time_source"] == "exif-local")
        .and_then(|(_, _, p)| p["camera"].as_str().map(str::to_string))
        .expect("the sample has a camera on home time");

    app.wait_for("#open-settings")
        .await
        .click()
        .await
        .expect("open settings");
    app.wait_for("#settings").await;
    let shift = app
        .wait_for(&format!(
            "#settings-cameras tr[data-camera={}] input.shift-input",
            serde_json::to_string(&camera).unwrap()
        ))
        .await;
    shift.clear().await.expect("clear");
    shift.send_keys("+6h").await.expect("type the shift");
    app.screenshot("settings").await;
    app.wait_for("#settings-preview-button")
        .await
        .click()
        .await
        .expect("preview");
    let preview = app
        .wait_js(
            "the preview of moves",
            "const p = document.querySelector('#settings-preview'); return p && !p.hidden && p.innerText.trim() ? p.innerText : null",
            harness::WAIT,
            |v| v.is_string(),
        )
        .await;
    let preview = preview.as_str().unwrap().to_string();
    let mut preview_ids: Vec<i64> = app
        .js(
            "return [...document.querySelectorAll('#settings-preview li.move[data-id]')].map((m) => Number(m.dataset.id))",
            vec![],
        )
        .await
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_i64)
        .collect();
    preview_ids.sort();
    app.screenshot("settings-preview").await;
    // Nothing changes before Apply.
    assert_eq!(
        cli_timeline(&desk.library, "Sample trip"),
        before,
        "preview changed the catalog"
    );

    app.wait_for("#settings-apply")
        .await
        .click()
        .await
        .expect("apply");
    let deadline = std::time::Instant::now() + harness::WAIT;
    let after = loop {
        let now = cli_timeline(&desk.library, "Sample trip");
        if now != before {
            break now;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "Apply changed nothing in the catalog"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    // Which calendar day (the day section's date) each photo sits in: day numbers shift when
    // the first day empties, dates do not.
    let day_of = |t: &Value| {
        let date_of = |n: Option<i64>| {
            t["days"]
                .as_array()
                .unwrap()
                .iter()
                .find(|d| d["number"].as_i64() == n)
                .map(|d| d["date"].as_str().unwrap_or_default().to_string())
        };
        photo_days(t)
            .into_iter()
            .map(|(id, day, p)| (id, (date_of(day), file_name_of(&p))))
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    let (was, now) = (day_of(&before), day_of(&after));
    let moved: Vec<&String> = now
        .iter()
        .filter(|(id, (day, _))| was.get(*id).map(|w| &w.0) != Some(day))
        .map(|(_, (_, name))| name)
        .collect();
    assert!(
        !moved.is_empty(),
        "a +6 h shift moves some evening photos to the next day"
    );
    for name in &moved {
        assert!(
            preview.contains(name.as_str()),
            "the preview does not list {name}:\n{preview}"
        );
    }
    // The window re-lays at once: close the sheet if it is still open, compare with the CLI.
    app.js(
        "const s = document.querySelector('#settings'); if (!s.hidden) document.querySelector('#settings-close')?.click();",
        vec![],
    )
    .await;
    wait_days(&app, "the timeline to re-lay as the CLI reads it", &after).await;
    assert_matches_cli(&shown_timeline(&app).await, &after);

    // Ctrl+Z puts the camera's clock back: the catalog and the window are as before Apply.
    ctrl_z(&app).await;
    wait_info(&app, "Undone: trip settings").await;
    wait_cli_timeline(
        &desk.library,
        "Sample trip",
        "Ctrl+Z to put the camera's clock back",
        |t| t == &before,
    )
    .await;
    wait_days(&app, "the timeline to re-lay as before the shift", &before).await;
    app.quit().await;
}

fn file_name_of(photo: &Value) -> String {
    Path::new(photo["path"].as_str().unwrap_or_default())
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Waits until the window's days hold the photos `timeline` (the CLI's) puts in them.
async fn wait_days(app: &App, what: &str, timeline: &Value) {
    let want = day_ids(timeline);
    app.wait_js(
        what,
        "return [...document.querySelectorAll('#timeline section.day[data-day]')].map((s) => [Number(s.dataset.day), [...s.querySelectorAll('.photo[data-id]')].map((p) => Number(p.dataset.id))])",
        harness::WAIT,
        |v| v == &want,
    )
    .await;
}

/// `[[day, [photo ids…]], …]` of a CLI timeline, as [`wait_days`] reads the window.
fn day_ids(timeline: &Value) -> Value {
    timeline["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let ids: Vec<Value> = d["photos"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["id"].clone())
                .collect();
            json!([d["number"], ids])
        })
        .collect()
}
