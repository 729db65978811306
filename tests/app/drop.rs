//! Getting photos in: a real native drag-and-drop (GTK drag source + xdotool), the "Add photos…"
//! button with the chosen paths, and the `import_paths` command called directly with a Channel.

use crate::harness::{require_tool, App, Desk, Group};
use crate::*;
use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::Instant;

/// Where the app window is put for every drag: the top-left of the screen, leaving room on the
/// right for the drag source.
const APP_RECT: (u32, u32, u32, u32) = (0, 0, 1280, 860);
const SOURCE_AT: (u32, u32) = (1400, 880);

fn xdotool(display: &str, args: &[&str]) -> String {
    let tool = require_tool("xdotool", "apt-get install xdotool");
    let out = Command::new(tool)
        .args(args)
        .env("DISPLAY", display)
        .output()
        .expect("run xdotool");
    assert!(
        out.status.success(),
        "xdotool {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Drags `paths` from a GTK drag source onto the app window as a person would: press on the
/// source, move in steps onto the window, release. Returns when the source handed over its
/// data (the instant of the release, for measurements).
pub async fn native_drop(app: &App, paths: &[PathBuf]) -> Instant {
    let python = require_tool(
        "/usr/bin/python3",
        "apt-get install python3-gi gir1.2-gtk-3.0",
    );
    app.client
        .set_window_rect(APP_RECT.0, APP_RECT.1, APP_RECT.2, APP_RECT.3)
        .await
        .expect("place the app window");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/app/drag_source.py");
    let mut source = Group::spawn(
        "drag source",
        Command::new(python)
            .arg(&script)
            .args([SOURCE_AT.0.to_string(), SOURCE_AT.1.to_string()])
            .args(paths)
            .env("DISPLAY", &app.display)
            .env("GSETTINGS_BACKEND", "memory")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit()),
    );
    let (tx, lines) = mpsc::channel::<String>();
    let stdout = source.take_stdout().expect("piped stdout");
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let ready = lines.recv_timeout(Duration::from_secs(15));
    assert_eq!(
        ready.as_deref(),
        Ok("ready"),
        "the GTK drag source did not start (python3-gi and gir1.2-gtk-3.0 installed?)"
    );
    // The app's window in screen coordinates, from X itself.
    let (ax, ay, aw, ah) = window_geometry(&app.display, "^Lanyard");
    let (sx, sy) = (SOURCE_AT.0 + 60, SOURCE_AT.1 + 30);
    let (tx_, ty_) = (ax + aw / 2, ay + ah / 2);
    let d = app.display.as_str();
    xdotool(d, &["mousemove", &sx.to_string(), &sy.to_string()]);
    tokio::time::sleep(Duration::from_millis(200)).await;
    xdotool(d, &["mousedown", "1"]);
    // GTK starts a drag after the pointer moved a few pixels with the button down; then steps.
    let steps = 24;
    for i in 1..=steps {
        let x = sx as i64 + (tx_ as i64 - sx as i64) * i / steps;
        let y = sy as i64 + (ty_ as i64 - sy as i64) * i / steps;
        xdotool(d, &["mousemove", &x.to_string(), &y.to_string()]);
        tokio::time::sleep(Duration::from_millis(40)).await;
    }
    // Hover a moment: the window shows its drop overlay while dragging.
    tokio::time::sleep(Duration::from_millis(400)).await;
    xdotool(d, &["mouseup", "1"]);
    let released = Instant::now();
    let sent = lines.recv_timeout(Duration::from_secs(10));
    assert_eq!(
        sent.as_deref().ok(),
        Some(format!("sent {}", paths.len()).as_str()),
        "the app did not take the dropped data"
    );
    // Let the source see the end of the drag and exit; the group is killed anyway on drop.
    let deadline = Instant::now() + Duration::from_secs(3);
    while source.exited().is_none() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    released
}

/// (x, y, width, height) of the first visible window whose name matches `pattern`.
fn window_geometry(display: &str, pattern: &str) -> (u32, u32, u32, u32) {
    let ids = xdotool(display, &["search", "--onlyvisible", "--name", pattern]);
    let id = ids
        .lines()
        .next()
        .unwrap_or_else(|| panic!("no visible window named {pattern} on {display}"));
    let shell = xdotool(display, &["getwindowgeometry", "--shell", id]);
    let get = |key: &str| -> u32 {
        shell
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{key}=")))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or_else(|| panic!("no {key} in {shell}"))
    };
    (get("X"), get("Y"), get("WIDTH"), get("HEIGHT"))
}

/// Watches #drop-overlay from now on: `overlay_was_shown` says whether it ever appeared.
pub async fn watch_drop_overlay(app: &App) {
    app.js(
        r#"
        window.__e2eOverlaySeen = false;
        const o = document.querySelector('#drop-overlay');
        const check = () => { if (o && !o.hidden && o.getClientRects().length) window.__e2eOverlaySeen = true; };
        new MutationObserver(check).observe(o, { attributes: true, attributeFilter: ['hidden', 'class', 'style'] });
        "#,
        vec![],
    )
    .await;
}

pub async fn overlay_was_shown(app: &App) -> bool {
    app.js("return window.__e2eOverlaySeen === true", vec![])
        .await
        .as_bool()
        .unwrap_or(false)
}

/// A trip folder and three corpus files dropped together onto the empty window become a new
/// trip named after the folder, shown exactly as the CLI reads the same library.
#[tokio::test]
async fn a_native_drop_imports_a_trip_folder_and_corpus_files() {
    let mut desk = Desk::new("native-drop");
    let folder = desk.scratch.path().join("KubeCon drop");
    let generated = write_sample_trip(&folder);
    let mut paths = vec![folder.clone()];
    paths.extend(corpus_files());

    let app = desk.launch().await;
    app.wait_for("#empty-state").await;
    watch_drop_overlay(&app).await;
    native_drop(&app, &paths).await;
    let summary = wait_import_finished(&app, Duration::from_secs(180)).await;
    assert!(
        overlay_was_shown(&app).await,
        "#drop-overlay never showed during the drag"
    );

    // The app wrote into the library the test gave it through LANYARD_LIBRARY.
    let trips = cli_json(&desk.library, &["trips", "--json"]);
    let trip = trips
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "KubeCon drop")
        .unwrap_or_else(|| panic!("no trip named after the folder: {trips}\nsummary: {summary}"));
    assert_eq!(
        trip["photos"].as_u64(),
        Some((generated + paths.len() - 1) as u64),
        "every generated and corpus photo imported: {summary}"
    );
    app.wait_for("#trip-list [data-trip=\"KubeCon drop\"]")
        .await;
    let cli = cli_timeline(&desk.library, "KubeCon drop");
    assert_matches_cli(&shown_timeline(&app).await, &cli);
    app.screenshot("after-drop").await;
    app.quit().await;
}

/// "Add photos…" in an open trip imports what the file dialog returns into that trip. The three
/// corpus photos were taken years before the sample trip, each alone: they land under "Outside
/// this trip" (they used to stretch the trip over years of empty days), and the summary says so.
#[tokio::test]
async fn add_photos_imports_the_chosen_files_into_the_open_trip() {
    let mut desk = Desk::new("add-photos");
    let app = desk.launch_amsterdam().await;
    let before = cli_timeline(&desk.library, "Sample trip");
    let files = corpus_files();
    close_import_summary(&app).await;
    stub_file_dialog(&app, &files).await;
    app.wait_for("#add-photos")
        .await
        .click()
        .await
        .expect("click");
    let summary = wait_import_finished(&app, Duration::from_secs(60)).await;
    assert!(
        summary.contains("3 photos dated far from the rest are under Outside this trip"),
        "the summary counts them: {summary}"
    );
    let after = cli_timeline(&desk.library, "Sample trip");
    let outside = after["outside"].as_array().expect("an outside list");
    for f in &files {
        assert!(
            outside.iter().any(|p| p["path"] == f.display().to_string()),
            "{} is not outside the trip: {:#}",
            f.display(),
            after["outside"]
        );
    }
    assert_eq!(outside.len(), files.len(), "only they are outside");
    assert_eq!(
        after["days"], before["days"],
        "the trip's days are not stretched"
    );
    // The window: the same days, and the three under Outside this trip with their dates.
    let ids: Vec<i64> = outside.iter().map(|p| p["id"].as_i64().unwrap()).collect();
    let shown = app
        .wait_js(
            "the added photos under Outside this trip",
            "return [...document.querySelectorAll('#outside li.outside-item[data-id]')]\
               .map((li) => [Number(li.dataset.id), li.dataset.date, li.querySelector('.outside-date').textContent])",
            harness::WAIT,
            |v| v.as_array().is_some_and(|a| a.len() == files.len()),
        )
        .await;
    for (item, p) in shown.as_array().unwrap().iter().zip(outside) {
        assert_eq!(item[0], p["id"], "in the core's order");
        assert_eq!(item[1], p["date"], "the date it carries");
        assert!(
            item[2]
                .as_str()
                .is_some_and(|t| !t.is_empty() && t != "No date"),
            "a date for people: {item}"
        );
    }
    assert_eq!(
        app.count("#timeline section.day[data-day] .photo[data-id]")
            .await,
        photo_days(&before).len(),
        "none of them on a day: {ids:?}"
    );
    assert_matches_cli(&shown_timeline(&app).await, &after);
    app.js(
        "document.querySelector('#outside').scrollIntoView({ block: 'center' })",
        vec![],
    )
    .await;
    app.screenshot("outside").await;
    app.quit().await;
}

/// The command behind "Add photos…", called with paths and a Channel: events arrive in the
/// documented order and the report counts what happened.
#[tokio::test]
async fn import_paths_streams_events_and_returns_a_report() {
    let mut desk = Desk::new("import-command");
    let app = desk.launch().await;
    app.wait_for("#empty-state").await;
    let files: Vec<String> = corpus_files()
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let result = app
        .js_async(
            r#"
            const [paths, done] = arguments;
            const { core } = window.__TAURI__;
            const events = [];
            const ch = new core.Channel();
            ch.onmessage = (e) => events.push(e);
            core.invoke('import_paths', { trip: 'Invoked', paths, onEvent: ch })
                .then((report) => setTimeout(() => done({ report, events }), 200))
                .catch((error) => done({ error, events }));
            "#,
            vec![json!(files)],
        )
        .await;
    assert!(result["error"].is_null(), "import_paths failed: {result}");
    let report = &result["report"];
    assert_eq!(report["trip"], "Invoked");
    assert_eq!(report["imported"], json!(files.len()), "{report}");
    assert_eq!(report["failed"], json!([]), "{report}");
    assert_eq!(report["cancelled"], json!(false));
    let kinds: Vec<&str> = result["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event"].as_str().unwrap_or("?"))
        .collect();
    assert_eq!(kinds.first(), Some(&"started"), "{kinds:?}");
    assert_eq!(kinds.last(), Some(&"finished"), "{kinds:?}");
    let metadata_done = result["events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["event"] == "phase-finished" && e["phase"] == "metadata");
    assert!(metadata_done, "no phase-finished(metadata): {kinds:?}");
    // Same library as the CLI's: the environment reached the app.
    let cli = cli_timeline(&desk.library, "Invoked");
    assert_eq!(photo_days(&cli).len(), files.len());
    app.quit().await;
}
