//! Measurements, not checks (`#[ignore]`: run with `make measure` or
//! `cargo test -p lanyard-cli --test app measure -- --ignored --nocapture --test-threads=1`):
//! start to first paint, a native drop of 1,000 photos to a complete timeline, and opening and
//! scrolling a 10,000-photo trip. Numbers print to stderr.

use crate::drop::native_drop;
use crate::harness::{App, Desk, WAIT};
use crate::*;
use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
use lanyard::sample::{jpeg, jpeg_with_exif, ExifSpec};
use std::time::Instant;

/// `count` small phone-like JPEGs with EXIF times (offset +02:00) every 3 minutes from
/// 2022-05-17 08:00, spread over days, written to `dir` on two threads.
pub fn write_photos(dir: &Path, count: usize, width: u32, height: u32) {
    std::fs::create_dir_all(dir).unwrap();
    let start: jiff::civil::DateTime = "2022-05-17T08:00:00".parse().unwrap();
    // One picture per 50 photos keeps generation cheap; EXIF makes every file distinct.
    let pictures: Vec<Vec<u8>> = (0..count.div_ceil(50))
        .map(|i| jpeg(width, height, i as u64, 80))
        .collect();
    std::thread::scope(|s| {
        for part in 0..2 {
            let pictures = &pictures;
            s.spawn(move || {
                for i in (part..count).step_by(2) {
                    let at = start
                        .checked_add(jiff::SignedDuration::from_secs(i as i64 * 180))
                        .unwrap();
                    let spec = ExifSpec {
                        make: Some("Google".into()),
                        model: Some("Pixel 6".into()),
                        datetime_original: Some(at.strftime("%Y:%m:%d %H:%M:%S").to_string()),
                        offset_original: Some("+02:00".into()),
                        ..ExifSpec::default()
                    };
                    let name = format!("PXL_{}{:03}.jpg", at.strftime("%Y%m%d_%H%M%S"), i % 1000);
                    std::fs::write(dir.join(name), jpeg_with_exif(&pictures[i / 50], &spec))
                        .unwrap();
                }
            });
        }
    });
}

/// Rendered photo count and the trip's own count as the UI reports it.
async fn photos_in_dom(app: &App) -> u64 {
    app.js(
        "return document.querySelectorAll('#timeline .photo[data-id]').length",
        vec![],
    )
    .await
    .as_u64()
    .unwrap_or(0)
}

#[tokio::test]
#[ignore = "measurement; run with --ignored --nocapture"]
async fn measure_start_to_first_paint() {
    let mut desk = Desk::new("measure-start");
    let mut times = Vec::new();
    for _ in 0..5 {
        let app = desk.launch().await;
        loop {
            let shown = app
                .client
                .execute(
                    "const e = document.querySelector('#empty-state'); return !!e && !e.hidden && e.getClientRects().length > 0",
                    vec![],
                )
                .await;
            if matches!(shown, Ok(Value::Bool(true))) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        let wall = app.started.elapsed();
        let fcp = app
            .js(
                "const p = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint'); return p ? p.startTime : null",
                vec![],
            )
            .await;
        eprintln!(
            "start → empty state visible: {wall:?} (first-contentful-paint in page: {fcp} ms)"
        );
        times.push(wall);
        app.quit().await;
    }
    times.sort();
    eprintln!(
        "MEASURE start to first paint: min {:?}, median {:?}, max {:?}",
        times[0], times[2], times[4]
    );
}

#[tokio::test]
#[ignore = "measurement; run with --ignored --nocapture"]
async fn measure_drop_of_1000_photos() {
    let mut desk = Desk::new("measure-drop");
    let folder = desk.scratch.path().join("Thousand");
    let t = Instant::now();
    write_photos(&folder, 1000, 640, 480);
    eprintln!("generated 1,000 640x480 JPEGs in {:?}", t.elapsed());
    let app = desk.launch().await;
    app.wait_for("#empty-state").await;
    let released = native_drop(&app, &[folder]).await;
    let (timeline_at, all) = follow_import(&app, released, Duration::from_secs(600), || {}).await;
    let days = app
        .js(
            "return [...document.querySelectorAll('#timeline section.day[data-day]')].length",
            vec![],
        )
        .await;
    eprintln!("drop → complete timeline (1,000 photos in {days} days): {timeline_at:?}");
    eprintln!(
        "MEASURE drop of 1,000 photos: timeline complete {timeline_at:?}, import with thumbnails finished {all:?}; photos rendered {}",
        photos_in_dom(&app).await
    );
    app.quit().await;
}

/// Follows an import of 1,000 photos started by a drop at `released`, calling `sample` every
/// 20 ms: (when the timeline was complete, when the import finished). Complete timeline: every
/// photo placed in a day section (or the UI's own count says 1000 when it renders lazily).
async fn follow_import(
    app: &App,
    released: Instant,
    limit: Duration,
    mut sample: impl FnMut(),
) -> (Option<Duration>, Duration) {
    let mut timeline_at = None;
    loop {
        sample();
        if timeline_at.is_none() {
            let known = app
                .js(
                    "return Number(document.querySelector('#timeline')?.dataset.photos ?? 0)",
                    vec![],
                )
                .await;
            if photos_in_dom(app).await >= 1000 || known.as_u64() >= Some(1000) {
                timeline_at = Some(released.elapsed());
            }
        }
        let done = app
            .js(
                "const s = document.querySelector('#import-summary'); return !!s && !s.hidden",
                vec![],
            )
            .await;
        if done == json!(true) {
            return (timeline_at, released.elapsed());
        }
        assert!(released.elapsed() < limit, "import took over {limit:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The app process serving `library` (its LANYARD_LIBRARY), found in /proc.
fn app_pid(library: &Path) -> Option<u32> {
    let want = format!("LANYARD_LIBRARY={}", library.display());
    std::fs::read_dir("/proc")
        .ok()?
        .flatten()
        .find_map(|entry| {
            let pid: u32 = entry.file_name().to_str()?.parse().ok()?;
            let comm = std::fs::read_to_string(entry.path().join("comm")).ok()?;
            let environ = std::fs::read(entry.path().join("environ")).ok()?;
            let ours = comm.trim() == "lanyard-app"
                && environ.split(|&b| b == 0).any(|var| var == want.as_bytes());
            ours.then_some(pid)
        })
}

/// A process's peak resident set (VmHWM) in MB.
fn peak_rss_mb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kb: u64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kb / 1024)
}

/// The 1,000 generated 12–20 MP photos the import bench makes (and keeps) in
/// target/bench-photos-1000.
fn large_photos() -> PathBuf {
    let folder = crate::harness::target_dir().join("bench-photos-1000");
    assert!(
        folder.join(".complete").exists(),
        "run `cargo bench -p lanyard-cli --bench import -- --count 1000` first: it makes {}",
        folder.display()
    );
    folder
}

/// 1,000 generated 12–20 MP photos (3–5.5 MB each, made by
/// `cargo bench -p lanyard-cli --bench import -- --count 1000` into target/bench-photos-1000)
/// dropped on the window: the time to a complete timeline, the time until every grid
/// thumbnail exists (the import finished: previews come on demand), and the app's peak RSS.
/// The release app, as it ships.
#[tokio::test]
#[ignore = "measurement; run with --ignored --nocapture"]
async fn measure_drop_of_1000_large_photos() {
    let folder = large_photos();
    let mut desk = Desk::new("measure-drop-large");
    let app = desk.launch().await;
    app.wait_for("#empty-state").await;
    let pid = app_pid(&desk.library).expect("the app's process");
    let released = native_drop(&app, &[folder]).await;
    let mut peak = 0;
    let (timeline_at, all) = follow_import(&app, released, Duration::from_secs(1200), || {
        peak = peak.max(peak_rss_mb(pid).unwrap_or(0));
    })
    .await;
    peak = peak.max(peak_rss_mb(pid).unwrap_or(0));
    eprintln!(
        "MEASURE drop of 1,000 photos of 12-20 MP: timeline complete {timeline_at:?}, every grid thumbnail {all:?}, app peak RSS {peak} MB"
    );
    app.quit().await;
}

/// The viewer's wait for a preview made on demand, measured in the page: 320 of the 12–20 MP
/// photos of target/bench-photos-1000 imported (grid thumbnails only, as every import), the
/// window opened on them, then photos opened one after another from the end of the trip, four
/// apart (the viewer prefetches the two next to the open one), 1.5 s apart: the time from the
/// click on a tile to the preview in place of the grid thumbnail, decoded. Two kinds of click:
/// a script's click, with no pointer on the tile before it (the worst case, like Enter right
/// after the focus arrives), and a person's: the pointer moves onto the tile, rests there
/// `REST` (aiming; the grid asks for the preview of a tile rested on for 60 ms), then the
/// button goes down and up. A photo whose preview the background worker made before it was
/// opened is counted apart.
#[tokio::test]
#[ignore = "measurement; run with --ignored --nocapture"]
async fn measure_viewer_preview_on_demand() {
    const PHOTOS: usize = 320;
    const REST: Duration = Duration::from_millis(200);
    let folder = large_photos();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jpg"))
        .collect();
    files.sort();
    // Enough that the background worker, which starts at the other end of the trip, makes
    // few of the opened photos' previews first.
    files.truncate(PHOTOS);
    let mut desk = Desk::new("measure-preview");
    let library = lanyard::library::Library::at(desk.library.clone());
    lanyard::journal::Journal::open(library.clone())
        .unwrap()
        .import_paths(
            Some("Large"),
            &files,
            &std::sync::atomic::AtomicBool::new(false),
            &|_| {},
        )
        .unwrap();
    let timeline = cli_json(&desk.library, &["timeline", "--trip", "Large", "--json"]);
    let photos: Vec<(i64, String)> = timeline["days"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["photos"].as_array().unwrap())
        .map(|p| {
            (
                p["id"].as_i64().unwrap(),
                p["hash"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let app = desk.launch().await;
    app.wait_js(
        "the trip's photos",
        "return document.querySelectorAll('#timeline .photo[data-id]').length",
        WAIT,
        |v| v.as_u64() >= Some(PHOTOS as u64),
    )
    .await;
    let thumbs = library.thumbs_dir();
    let (mut scripted, mut rested, mut made_before) = (Vec::new(), Vec::new(), 0);
    for (n, (id, hash)) in photos.iter().rev().step_by(4).take(20).enumerate() {
        if lanyard::thumbs::cache_path(&thumbs, hash, lanyard::thumbs::PREVIEW).exists() {
            made_before += 1;
            continue;
        }
        let person = n % 2 == 1;
        let tile = format!("#timeline .photo[data-id=\"{id}\"]");
        // The pointer off the photos, so that no tile scrolled under it is rested on.
        app.point_at("#trip-list").await;
        // The tile in view, and the clock started by the click's first event.
        app.js(
            "const tile = document.querySelector(arguments[0]); \
             tile.scrollIntoView({ block: 'center' }); \
             window.__clicked = null; window.__shown = null; \
             addEventListener(arguments[1] ? 'pointerdown' : 'click', \
               () => { window.__clicked = performance.now(); }, { capture: true, once: true }); \
             const check = () => { \
               const img = document.querySelector('#viewer-image'); \
               if (window.__clicked !== null && img && img.src.endsWith('/preview') && img.complete && img.naturalWidth > 0) \
                 window.__shown = performance.now(); \
               else setTimeout(check, 1); \
             }; \
             check();",
            vec![json!(tile), json!(person)],
        )
        .await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        if person {
            let element = app.wait_for(&tile).await;
            let actions = MouseActions::new("mouse".to_string())
                .then(PointerAction::MoveToElement {
                    element,
                    duration: None,
                    x: 0.0,
                    y: 0.0,
                })
                .then(PointerAction::Pause { duration: REST })
                .then(PointerAction::Down {
                    button: MOUSE_BUTTON_LEFT,
                })
                .then(PointerAction::Up {
                    button: MOUSE_BUTTON_LEFT,
                });
            app.client.perform_actions(actions).await.expect("a click");
        } else {
            app.js(
                "document.querySelector(arguments[0]).click()",
                vec![json!(tile)],
            )
            .await;
        }
        let ms = app
            .wait_js(
                "the preview in the viewer",
                "return window.__shown === null ? null : window.__shown - window.__clicked",
                WAIT,
                |v| v.is_number(),
            )
            .await;
        let ms = ms.as_f64().expect("milliseconds");
        if person {
            rested.push(ms)
        } else {
            scripted.push(ms)
        }
        // Escape closes the viewer. A person looks at a photo for a while: the neighbours'
        // prefetches end meanwhile.
        app.press(&['\u{e00c}']).await;
        tokio::time::sleep(Duration::from_millis(1500)).await;
    }
    assert!(
        !scripted.is_empty() && !rested.is_empty(),
        "every preview was made before it was opened"
    );
    let summary = |waits: &[f64]| {
        let mut sorted = waits.to_vec();
        sorted.sort_by(f64::total_cmp);
        format!(
            "{} opened, median {:.0} ms, max {:.0} ms ({waits:.0?})",
            waits.len(),
            sorted[sorted.len() / 2],
            sorted[sorted.len() - 1],
        )
    };
    eprintln!(
        "MEASURE viewer preview on demand (12-20 MP JPEGs, release app): a script's click: {}; a person's click after the pointer rested {REST:?} on the tile: {}; {made_before} made by the background worker first",
        summary(&scripted),
        summary(&rested),
    );
    app.quit().await;
}

#[tokio::test]
#[ignore = "measurement; run with --ignored --nocapture"]
async fn measure_scrolling_10000_photos() {
    let mut desk = Desk::new("measure-scroll");
    let folder = desk.scratch.path().join("Big trip");
    let t = Instant::now();
    write_photos(&folder, 10_000, 64, 48);
    eprintln!("generated 10,000 tiny JPEGs in {:?}", t.elapsed());
    let t = Instant::now();
    cli_json(
        &desk.library,
        &[
            "import",
            "--trip",
            "Big trip",
            "--no-thumbnails",
            "--json",
            folder.to_str().unwrap(),
        ],
    );
    eprintln!("CLI metadata-only import of 10,000: {:?}", t.elapsed());

    let app = desk.launch().await;
    let trip = app.wait_for("#trip-list [data-trip=\"Big trip\"]").await;
    let t = Instant::now();
    trip.click().await.expect("open the trip");
    app.wait_js(
        "the big trip's days",
        "return document.querySelectorAll('#timeline section.day[data-day]').length",
        Duration::from_secs(60),
        |v| v.as_u64().unwrap_or(0) > 0,
    )
    .await;
    let render = t.elapsed();
    let days = app.count("#timeline section.day[data-day]").await;
    let rendered = photos_in_dom(&app).await;
    eprintln!("open → timeline rendered: {render:?} ({days} day sections, {rendered} photo elements in the DOM)");

    let result = app
        .js_async(
            r#"
            const done = arguments[arguments.length - 1];
            // The UI scrolls #main (app.js ctx.scroller); fall back to the page.
            const main = document.querySelector('#main');
            const scroller = main && main.scrollHeight > main.clientHeight + 10 ? main : document.scrollingElement;
            const height = scroller.scrollHeight - scroller.clientHeight;
            const steps = 200;
            const frames = [];
            let last = performance.now();
            const start = last;
            let i = 0;
            const step = (now) => {
                frames.push(now - last);
                last = now;
                i += 1;
                const y = Math.round((scroller.scrollHeight - scroller.clientHeight) * i / steps);
                if (scroller === document.scrollingElement) window.scrollTo(0, y); else scroller.scrollTop = y;
                if (i < steps) { requestAnimationFrame(step); return; }
                requestAnimationFrame(() => {
                    frames.sort((a, b) => a - b);
                    const p = (q) => frames[Math.min(frames.length - 1, Math.floor(frames.length * q))];
                    done({
                        total_ms: performance.now() - start,
                        height_before: height, height_after: scroller.scrollHeight - scroller.clientHeight,
                        scroller: scroller === document.scrollingElement ? 'window' : '#main',
                        frames: frames.length,
                        median_ms: p(0.5), p95_ms: p(0.95), max_ms: frames[frames.length - 1],
                        over_50ms: frames.filter((f) => f > 50).length,
                        photos_in_dom: document.querySelectorAll('#timeline .photo[data-id]').length,
                        last_day_shown: !!document.querySelector('#timeline section.day[data-day]:last-of-type'),
                    });
                });
            };
            requestAnimationFrame(step);
            "#,
            vec![],
        )
        .await;
    eprintln!("MEASURE 10,000 photos: open → rendered {render:?}; scroll to the end in 200 steps: {result}");

    // A wheel-like scroll (120 px a frame, 300 frames, from the middle of the trip), then frames
    // with no scrolling at all, with the timeline shown and hidden (the webview's own floor): what
    // the grid costs when the user scrolls normally and when idle.
    let smooth = app
        .js_async(
            r#"
            const done = arguments[arguments.length - 1];
            const main = document.querySelector('#main');
            const scroller = main && main.scrollHeight > main.clientHeight + 10 ? main : document.scrollingElement;
            scroller.scrollTop = Math.round((scroller.scrollHeight - scroller.clientHeight) / 2);
            const stats = (frames) => {
                frames.sort((a, b) => a - b);
                const p = (q) => frames[Math.min(frames.length - 1, Math.floor(frames.length * q))];
                return { frames: frames.length, median_ms: p(0.5), p95_ms: p(0.95), max_ms: frames[frames.length - 1] };
            };
            const run = (count, move) => new Promise((resolve) => {
                const frames = [];
                let last = null;
                let i = 0;
                const step = (now) => {
                    if (last !== null) frames.push(now - last);
                    last = now;
                    if (move) scroller.scrollTop += 120;
                    i += 1;
                    if (i <= count) requestAnimationFrame(step); else resolve(stats(frames));
                };
                requestAnimationFrame(step);
            });
            (async () => {
                await run(2, false);
                const scroll_120px_per_frame = await run(300, true);
                const idle = await run(60, false);
                const photos_in_dom = document.querySelectorAll('#timeline .photo[data-id]').length;
                const top = scroller.scrollTop;
                document.querySelector('#timeline').style.display = 'none';
                const idle_hidden = await run(60, false);
                document.querySelector('#timeline').style.display = '';
                // Back to the end of the trip for the screenshot.
                scroller.scrollTop = scroller.scrollHeight;
                await run(10, false);
                done({ scroll_120px_per_frame, idle, idle_hidden, photos_in_dom });
            })();
            "#,
            vec![],
        )
        .await;
    eprintln!("MEASURE 10,000 photos: wheel-like scroll and idle frames: {smooth}");
    app.screenshot("scrolled-10k").await;

    // The virtualized grid keeps working: a focused tile far away survives, going back to the
    // top rebuilds released tiles without moving the page, and arrow keys reach the next photo.
    let check = app
        .js_async(
            r#"
            const done = arguments[arguments.length - 1];
            const scroller = document.querySelector('#main');
            const frames = (n) => new Promise((r) => { const f = () => (n-- > 0 ? requestAnimationFrame(f) : r()); f(); });
            (async () => {
                const tiles = document.querySelectorAll('#timeline .photo');
                const last = tiles[tiles.length - 1];
                last.focus({ preventScroll: true });
                const height = scroller.scrollHeight;
                scroller.scrollTop = 0;
                await frames(10);
                const first = document.querySelector('#timeline .photo');
                const focusKept = document.activeElement === last;
                first.focus();
                first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
                const nextId = document.activeElement && document.activeElement.dataset.id;
                done({
                    focus_kept: focusKept,
                    first_id: first && first.dataset.id,
                    next_id: nextId,
                    height_change: scroller.scrollHeight - height,
                    photos_in_dom: document.querySelectorAll('#timeline .photo[data-id]').length,
                });
            })();
            "#,
            vec![],
        )
        .await;
    eprintln!("MEASURE 10,000 photos: back to the top: {check}");
    assert_eq!(
        check["focus_kept"],
        json!(true),
        "the focused tile stays: {check}"
    );
    assert!(check["first_id"].is_string(), "top tiles rebuilt: {check}");
    assert_ne!(
        check["next_id"], check["first_id"],
        "ArrowRight moves on: {check}"
    );
    assert!(
        check["photos_in_dom"].as_u64().unwrap_or(u64::MAX) <= 400,
        "the DOM stays small: {check}"
    );
    app.quit().await;
}
