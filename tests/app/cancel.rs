//! Cancel during an import: a folder of a thousand camera-sized files keeps the import reading
//! for seconds, long enough to press Cancel while photos are still being read. The summary says
//! it was cancelled; the catalog then holds fewer photos than the folder, each one complete (a
//! row is written whole or not at all); importing the folder again adds the rest, with the ones
//! already in counted as duplicates.

use crate::harness::{App, Desk};
use crate::measure::write_photos;
use crate::*;
use std::collections::BTreeSet;

const TRIP: &str = "Big batch";
/// Enough photos that reading them (hashing every byte) takes seconds, not a click's time.
const COUNT: usize = 1000;
/// Each file's size: a camera JPEG's. The picture is small; the rest is a hole after its end
/// (a sparse file), which reads like any other bytes and takes no disk.
const FILE_BYTES: u64 = 6 << 20;

/// `COUNT` phone photos with distinct EXIF times, each padded to `FILE_BYTES`.
fn write_big_photos(dir: &Path) {
    write_photos(dir, COUNT, 640, 480);
    for entry in std::fs::read_dir(dir).unwrap() {
        let file = std::fs::File::options()
            .write(true)
            .open(entry.unwrap().path())
            .unwrap();
        file.set_len(FILE_BYTES).unwrap();
    }
}

/// The window's days as `[number, date, photo count]`, and the CLI's: a big trip's grid is
/// virtualized (tiles exist only near the viewport), so the day sections' counts are compared.
async fn shown_days(app: &App) -> Value {
    app.js(
        "return [...document.querySelectorAll('#timeline section.day[data-day]')].map((s) => \
           [Number(s.dataset.day), s.dataset.date, Number(s.dataset.count)])",
        vec![],
    )
    .await
}

fn cli_days(timeline: &Value) -> Value {
    timeline["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            json!([
                d["number"],
                d["date"],
                d["photos"].as_array().unwrap().len()
            ])
        })
        .collect()
}

/// Waits (inside the page, so no poll interval is lost) until the import has started reading
/// photos and has not finished reading them; returns `[done, total]` at that moment.
async fn wait_reading(app: &App) -> Value {
    app.js_async(
        "const done = arguments[arguments.length - 1]; \
         const panel = document.querySelector('#import-progress'); \
         const reading = () => !panel.hidden && panel.dataset.phase === 'metadata' \
           && Number(panel.dataset.total) > 0 && Number(panel.dataset.done) < Number(panel.dataset.total) \
           && Number(panel.dataset.done) > 0; \
         const check = () => { \
           if (reading()) { observer.disconnect(); done([Number(panel.dataset.done), Number(panel.dataset.total)]); } \
         }; \
         const observer = new MutationObserver(check); \
         observer.observe(panel, { attributes: true }); \
         check();",
        vec![],
    )
    .await
}

/// Every photo of a CLI timeline, in days and undated.
fn all_photos(timeline: &Value) -> Vec<Value> {
    photo_days(timeline)
        .into_iter()
        .map(|(_, _, p)| p)
        .collect()
}

#[tokio::test]
async fn cancel_keeps_whole_photos_and_a_second_import_adds_the_rest() {
    let mut desk = Desk::new("cancel");
    let folder = desk.scratch.path().join(TRIP);
    write_big_photos(&folder);
    let app = desk.launch().await;
    app.wait_for("#empty-state").await;
    stub_file_dialog(&app, std::slice::from_ref(&folder)).await;
    app.wait_for("#empty-add-folder")
        .await
        .click()
        .await
        .expect("click Add folder…");

    let at = wait_reading(&app).await;
    app.wait_for("#import-cancel")
        .await
        .click()
        .await
        .expect("click Cancel");
    eprintln!("Cancel clicked after {at} photos read");
    let summary = wait_import_finished(&app, Duration::from_secs(300)).await;
    app.screenshot("cancelled").await;
    let hooks = app
        .js(
            "const s = document.querySelector('#import-summary'); \
             return [s.dataset.cancelled, Number(s.dataset.added), document.querySelector('#summary-title').textContent];",
            vec![],
        )
        .await;
    assert_eq!(hooks[0], "true", "the summary says cancelled: {summary}");
    assert_eq!(hooks[2], "Import cancelled", "{summary}");
    let added = hooks[1].as_u64().unwrap() as usize;
    assert!(
        added < COUNT,
        "Cancel was clicked while photos were being read ({at}), yet all {COUNT} were added: \
         the import is now too fast to catch with this many photos"
    );

    // The catalog: as many photos as the summary says, fewer than the folder, each complete.
    let cut = cli_timeline(&desk.library, TRIP);
    let photos = all_photos(&cut);
    assert_eq!(photos.len(), added, "the summary's count is the catalog's");
    let names: BTreeSet<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), COUNT);
    for p in &photos {
        let path = Path::new(p["path"].as_str().expect("a path"));
        assert!(
            path.starts_with(&folder) && path.is_file(),
            "a photo from the folder: {p}"
        );
        assert!(
            p["hash"].as_str().is_some_and(|h| h.len() == 64),
            "a content hash: {p}"
        );
        assert!(
            p["width"].as_u64() == Some(640) && p["height"].as_u64() == Some(480),
            "its size: {p}"
        );
        assert_eq!(p["time_source"], "exif-offset", "its time, read whole: {p}");
        assert_eq!(p["camera"], "Google Pixel 6", "its camera: {p}");
        assert!(p["day"].is_i64(), "placed on a day: {p}");
    }
    let hashes: BTreeSet<&str> = photos.iter().filter_map(|p| p["hash"].as_str()).collect();
    assert_eq!(hashes.len(), photos.len(), "no photo twice");
    assert_eq!(shown_days(&app).await, cli_days(&cut), "the window's days");
    assert_eq!(
        app.js(
            "return Number(document.querySelector('#timeline').dataset.photos)",
            vec![]
        )
        .await,
        json!(added)
    );

    // The trip is open; "Add folder…" again reads the whole folder: the rest is added.
    app.wait_js(
        "the trip to be open",
        "return document.querySelector('#timeline').dataset.trip",
        harness::WAIT,
        |v| v == TRIP,
    )
    .await;
    close_import_summary(&app).await;
    stub_file_dialog(&app, std::slice::from_ref(&folder)).await;
    app.wait_for("#add-folder")
        .await
        .click()
        .await
        .expect("click Add folder…");
    let summary = wait_import_finished(&app, Duration::from_secs(600)).await;
    let counts = app
        .js(
            "const s = document.querySelector('#import-summary'); \
             return [s.dataset.cancelled, Number(s.dataset.added), \
                     Number(document.querySelector('#summary-duplicates').textContent), Number(s.dataset.failed)];",
            vec![],
        )
        .await;
    assert_eq!(
        counts,
        json!(["false", COUNT - added, added, 0]),
        "added, duplicates: {summary}"
    );
    let whole = cli_timeline(&desk.library, TRIP);
    let photos = all_photos(&whole);
    assert_eq!(photos.len(), COUNT, "every photo once");
    let paths: BTreeSet<&str> = photos.iter().filter_map(|p| p["path"].as_str()).collect();
    let hashes: BTreeSet<&str> = photos.iter().filter_map(|p| p["hash"].as_str()).collect();
    assert_eq!(paths.len(), COUNT, "no path twice");
    assert_eq!(hashes.len(), COUNT, "no content twice");
    let not_ready: Vec<&Value> = photos
        .iter()
        .filter(|p| p["thumb"]["state"] != "ready")
        .collect();
    assert!(
        not_ready.is_empty(),
        "thumbnails made for all, the cancelled run's included: {} without, e.g. {}",
        not_ready.len(),
        not_ready[0]
    );
    app.wait_js(
        "the window to count every photo",
        "return Number(document.querySelector('#timeline').dataset.photos)",
        harness::WAIT,
        |v| v.as_u64() == Some(COUNT as u64),
    )
    .await;
    assert_eq!(
        shown_days(&app).await,
        cli_days(&whole),
        "the window's days"
    );
    app.screenshot("imported-again").await;
    app.quit().await;
}
