//! End-to-end tests of the real desktop app: `lanyard-app` under a private Xvfb display, driven
//! through `tauri-driver` + WebKitWebDriver with fantoccini, one app at a time, each test with
//! its own temporary library (`LANYARD_LIBRARY`). What the window shows is checked against
//! `lanyard timeline --json` on the same library; drops are real native drags (a GTK drag source
//! moved by xdotool). Screenshots land in target/e2e-screenshots/ and must not be blank.
//!
//! The app under test is the release binary as it ships (`tauri build`; see
//! [`harness::app_binary`]). `cargo test -p lanyard-cli --test app` runs them; `-- --ignored
//! --nocapture` runs the measurements (start to first paint, drop of 1,000 photos, scrolling 10,000).

mod agenda;
mod bad_files;
mod cancel;
mod clocks;
mod damaged;
mod drop;
mod edits;
mod export;
mod first_screen;
mod harness;
mod keyboard;
mod measure;
mod people;
mod previews;
#[path = "../support/process_group.rs"]
mod process_group;
mod sample_trip;
#[path = "../support/screenshot.rs"]
mod screenshot;
mod settings;
mod strays;
mod trips;
mod undated;
mod undo;

use harness::App;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// The `lanyard` CLI, built with these tests.
pub fn lanyard(library: &Path) -> Command {
    let bin = env!("CARGO_BIN_EXE_lanyard");
    let mut cmd = Command::new(bin);
    cmd.arg("--library")
        .arg(library)
        .env_remove("LANYARD_LIBRARY");
    cmd
}

/// Runs the CLI and insists on success.
pub fn cli(library: &Path, args: &[&str]) -> std::process::Output {
    let out = lanyard(library).args(args).output().expect("run lanyard");
    assert!(
        out.status.success(),
        "lanyard {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Runs the CLI, insists on success and parses its JSON output.
pub fn cli_json(library: &Path, args: &[&str]) -> Value {
    let out = cli(library, args);
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "lanyard {args:?}: not JSON ({e}):\n{}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

pub fn cli_timeline(library: &Path, trip: &str) -> Value {
    cli_json(library, &["timeline", "--trip", trip, "--json"])
}

/// Polls the CLI's timeline of `trip` until `ready` accepts it (the app saves edits as they
/// happen, on its own connection) and returns it; fails naming `what` after [`harness::WAIT`].
pub async fn wait_cli_timeline(
    library: &Path,
    trip: &str,
    what: &str,
    ready: impl Fn(&Value) -> bool,
) -> Value {
    let deadline = std::time::Instant::now() + harness::WAIT;
    loop {
        let timeline = cli_timeline(library, trip);
        if ready(&timeline) {
            return timeline;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the catalog never showed {what}; `lanyard timeline --json` says:\n{timeline:#}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// The day of a CLI timeline whose date is `date` ("2022-05-17").
pub fn day_on<'a>(timeline: &'a Value, date: &str) -> Option<&'a Value> {
    timeline["days"]
        .as_array()?
        .iter()
        .find(|d| d["date"] == date)
}

/// The title of the day on `date`, "" for an untitled day or one that is not there.
pub fn title_on(timeline: &Value, date: &str) -> String {
    day_on(timeline, date)
        .and_then(|d| d["title"].as_str())
        .unwrap_or_default()
        .to_string()
}

/// Names of the library's trips, as `lanyard trips --json` lists them.
pub fn cli_trip_names(library: &Path) -> Vec<String> {
    cli_json(library, &["trips", "--json"])
        .as_array()
        .expect("a list of trips")
        .iter()
        .map(|t| t["name"].as_str().expect("a trip name").to_string())
        .collect()
}

/// Presses Ctrl+Z where the focus is.
pub async fn ctrl_z(app: &App) {
    app.press(&[fantoccini::key::Key::Control.into(), 'z'])
        .await;
}

/// Waits until the short confirmation toast says `text` ("Undone: caption").
pub async fn wait_info(app: &App, text: &str) {
    app.wait_js(
        &format!("the info toast to say {text:?}"),
        "const t = document.querySelector('#info-toast'); \
         return t && !t.hidden ? document.querySelector('#info-toast-text').textContent : null;",
        harness::WAIT,
        |v| v.as_str() == Some(text),
    )
    .await;
}

/// Hides the info toast, so the next [`wait_info`] sees a new one and not the last.
pub async fn dismiss_info(app: &App) {
    app.js(
        "document.querySelector('#info-toast').hidden = true",
        vec![],
    )
    .await;
}

/// The real-camera corpus, read in place. A missing corpus is a failure, never a skip.
pub fn corpus_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    assert!(
        dir.join("truth.json").is_file(),
        "the photo corpus is missing at {} — CI must provide ../shared/corpus",
        dir.display()
    );
    std::fs::canonicalize(dir).expect("corpus path")
}

/// A few corpus photos of different makers and formats, names with spaces included.
pub fn corpus_files() -> Vec<PathBuf> {
    let dir = corpus_dir().join("real/drewnoakes__digicam_corpus");
    let files: Vec<PathBuf> = [
        "Apple/iPhone XR/IMG_3580.JPG",
        "Apple/iPhone 13 Pro/IMG_8565.HEIC",
        "Canon/Powershot SX150IS/IMG_1038.JPG",
    ]
    .iter()
    .map(|f| dir.join(f))
    .collect();
    for f in &files {
        assert!(f.is_file(), "corpus file missing: {}", f.display());
    }
    files
}

/// Writes the generated Amsterdam conference trip to `dir` (see `Desk::seed_amsterdam`).
pub fn write_sample_trip(dir: &Path) -> usize {
    let photos = lanyard::sample::conference_trip();
    lanyard::sample::write_trip(dir, &photos).expect("write the sample trip");
    photos.len()
}

/// Waits until no import is running and the import summary is showing; returns its text.
pub async fn wait_import_finished(app: &App, timeout: Duration) -> String {
    let v = app
        .wait_js(
            "the import to finish (#import-summary shown, #import-progress hidden)",
            "const s = document.querySelector('#import-summary'); \
             const p = document.querySelector('#import-progress'); \
             const shown = (e) => !!e && !e.hidden && e.getClientRects().length > 0; \
             return shown(s) && !shown(p) ? s.innerText : null;",
            timeout,
            |v| v.is_string(),
        )
        .await;
    v.as_str().unwrap_or_default().to_string()
}

/// Closes the summary of an earlier import, so that [`wait_import_finished`] after the next one
/// reads that one's summary, not the last.
pub async fn close_import_summary(app: &App) {
    app.js(
        "const s = document.querySelector('#import-summary'); if (!s.hidden) document.querySelector('#summary-close').click(); return s.hidden;",
        vec![],
    )
    .await;
}

/// What the timeline shows: days (number, date, title, photos with id, data-time, shown time),
/// and the undated photos. Read in one script so it is a consistent snapshot.
pub async fn shown_timeline(app: &App) -> Value {
    app.js(
        r#"
        const photo = (p) => ({
            id: Number(p.dataset.id),
            time: p.dataset.time ?? null,
            shown: (p.querySelector('.photo-time')?.textContent ?? '').trim(),
            state: p.dataset.state ?? null,
        });
        const days = [...document.querySelectorAll('#timeline section.day[data-day]')].map((s) => ({
            number: Number(s.dataset.day),
            date: s.dataset.date,
            title: s.querySelector('.day-title input')?.value ?? null,
            notes: s.querySelector('.day-notes textarea')?.value ?? null,
            photos: [...s.querySelectorAll('.photo[data-id]')].map(photo),
        }));
        const undated = [...document.querySelectorAll('#undated .photo[data-id]')].map(photo);
        return { days, undated };
        "#,
        vec![],
    )
    .await
}

/// "HH:MM" of a PHOTO's `local_time` ("2022-05-17T09:12:03" and the like), None without one.
pub fn hh_mm(photo: &Value) -> Option<String> {
    let t = photo["local_time"].as_str()?;
    let time = t.split(['T', ' ']).nth(1)?;
    Some(time.chars().take(5).collect())
}

/// Asserts that the window shows exactly the CLI's timeline: the same days (number, date,
/// title), the same photos in the same order with the same local times, the same undated ones.
pub fn assert_matches_cli(shown: &Value, cli: &Value) {
    let cli_days = cli["days"].as_array().expect("days");
    let days = shown["days"].as_array().expect("shown days");
    let numbers = |d: &[Value]| d.iter().map(|d| d["number"].as_i64()).collect::<Vec<_>>();
    assert_eq!(
        numbers(days),
        numbers(cli_days),
        "day numbers differ from `lanyard timeline --json`"
    );
    for (day, want) in days.iter().zip(cli_days) {
        let n = &want["number"];
        assert_eq!(day["date"], want["date"], "day {n}: date");
        assert_eq!(
            day["title"].as_str().unwrap_or_default(),
            want["title"].as_str().unwrap_or_default(),
            "day {n}: title"
        );
        let ids = |ps: &Value, key: &str| {
            ps.as_array()
                .unwrap()
                .iter()
                .map(|p| p[key].as_i64().unwrap())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            ids(&day["photos"], "id"),
            ids(&want["photos"], "id"),
            "day {n}: photos or their order"
        );
        for (p, w) in day["photos"]
            .as_array()
            .unwrap()
            .iter()
            .zip(want["photos"].as_array().unwrap())
        {
            // data-time is "HH:MM" of the local time, "" when only the date is known.
            let want_time = match w["time_source"].as_str() {
                Some("filename-date") => String::new(),
                _ => hh_mm(w).unwrap_or_default(),
            };
            assert_eq!(
                p["time"].as_str().unwrap_or_default(),
                want_time,
                "photo {} ({}): data-time",
                w["id"],
                w["path"]
            );
            let shown_time = p["shown"].as_str().unwrap_or_default();
            assert!(
                shown_time.contains(&want_time),
                "photo {}: .photo-time shows {shown_time:?}, the CLI says {want_time:?}",
                w["id"]
            );
        }
    }
    let undated = |v: &Value| {
        v.as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_i64().unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        undated(&shown["undated"]),
        undated(&cli["undated"]),
        "undated photos"
    );
}

/// Every photo of a CLI timeline with its day number (None: undated).
pub fn photo_days(timeline: &Value) -> Vec<(i64, Option<i64>, Value)> {
    let mut out = Vec::new();
    for day in timeline["days"].as_array().unwrap() {
        for p in day["photos"].as_array().unwrap() {
            out.push((p["id"].as_i64().unwrap(), day["number"].as_i64(), p.clone()));
        }
    }
    for p in timeline["undated"].as_array().unwrap() {
        out.push((p["id"].as_i64().unwrap(), None, p.clone()));
    }
    out
}

/// Clicks "Try a sample trip" and waits until its import has finished and its days show.
pub async fn import_sample(app: &App) {
    app.wait_for("#sample-button")
        .await
        .click()
        .await
        .expect("click");
    wait_import_finished(app, Duration::from_secs(120)).await;
    app.wait_js(
        "the sample trip's days",
        "return document.querySelectorAll('#timeline section.day[data-day]').length",
        harness::WAIT,
        |v| v.as_u64().unwrap_or(0) >= 3,
    )
    .await;
}

/// Replaces the native file dialog with one that "chooses" `paths`: the "Add photos…" button
/// then runs the same code as after a real choice. (WebKitWebDriver cannot reach GTK dialogs.)
pub async fn stub_file_dialog(app: &App, paths: &[PathBuf]) {
    let paths: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let done = app
        .js(
            r#"
            const paths = arguments[0];
            const open = async () => paths;
            const t = window.__TAURI__;
            try { t.dialog.open = open; } catch (e) {}
            if (t.dialog?.open !== open) {
                Object.defineProperty(t, 'dialog', { value: { ...t.dialog, open }, configurable: true });
            }
            return t.dialog.open === open;
            "#,
            vec![json!(paths)],
        )
        .await;
    assert_eq!(done, json!(true), "could not stub the file dialog");
}
