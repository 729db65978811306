//! Export from the window: the Export button opens a dialog whose folder comes from the (stubbed)
//! native picker; the preview says what will be published before anything is written; the export
//! runs with progress and ends in a summary with "Open gallery"; exporting again updates in place;
//! the Markdown format writes a blog post.
//! A folder Lanyard did not make is refused with a readable message and left untouched.

use crate::harness::{App, Desk};
use crate::*;
use fantoccini::key::Key;

/// Every file under `dir`, as paths relative to it with `/` separators, sorted.
fn files_under(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).expect("read the export folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).expect("under root");
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// Opens the export dialog and "chooses" `folder` in the native picker.
pub async fn open_export_dialog(app: &App, folder: &Path) {
    stub_file_dialog(app, &[folder.to_path_buf()]).await;
    app.wait_for("#open-export")
        .await
        .click()
        .await
        .expect("click Export…");
    app.wait_for("#export[data-step=\"setup\"]").await;
    app.wait_for("#export-choose")
        .await
        .click()
        .await
        .expect("click Choose…");
    app.wait_js(
        "the chosen folder in the dialog",
        "return document.querySelector('#export-folder').value",
        harness::WAIT,
        |v| v.as_str() == Some(folder.to_str().unwrap()),
    )
    .await;
}

/// The preview once the plan has answered: (state, text of the preview and any message).
pub async fn settled_preview(app: &App) -> (String, String) {
    let v = app
        .wait_js(
            "the export preview",
            "const p = document.querySelector('#export-preview'); \
             const n = document.querySelector('#export-error'); \
             return ['ready', 'error'].includes(p.dataset.state) \
               ? [p.dataset.state, p.innerText + '\\n' + (n.hidden ? '' : n.innerText)] : null;",
            harness::WAIT,
            |v| v.is_array(),
        )
        .await;
    (
        v[0].as_str().unwrap_or_default().to_string(),
        v[1].as_str().unwrap_or_default().to_string(),
    )
}

/// Waits for the summary step and returns the summary line.
async fn wait_export_done(app: &App) -> String {
    app.wait_js(
        "the export to finish (#export[data-step=done])",
        "const d = document.querySelector('#export'); \
         return d.open && d.dataset.step === 'done' \
           ? document.querySelector('#export-result').innerText : null;",
        Duration::from_secs(180),
        |v| v.is_string(),
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// Calls a command from the page and returns `{ok}` or `{error: {code, message}}`; an
/// `onEvent` of `"channel"` becomes a Channel.
async fn invoke(app: &App, command: &str, args: Value) -> Value {
    app.js_async(
        "const [command, args, done] = arguments; \
         const { core } = window.__TAURI__; \
         if (args.onEvent === 'channel') args.onEvent = new core.Channel(); \
         core.invoke(command, args) \
           .then((ok) => done({ ok: ok ?? null }), (error) => done({ error }));",
        vec![json!(command), args],
    )
    .await
}

#[tokio::test]
async fn the_sample_trip_exports_as_a_gallery_after_a_privacy_preview() {
    let mut desk = Desk::new("export");
    let app = desk.launch_amsterdam().await;

    // One photo hidden (the app's own command): the preview must say it is left out.
    let cli = cli_timeline(&desk.library, "Sample trip");
    let dated: Vec<i64> = cli["days"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["photos"].as_array().unwrap())
        .filter(|p| p["thumb"]["state"] == "ready" && p["hidden"] == false)
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    let hidden = dated[1];
    let answer = invoke(&app, "set_hidden", json!({"id": hidden, "value": true})).await;
    assert!(answer["error"].is_null(), "set_hidden: {answer}");
    let published = dated.len() - 1;

    let out = desk.scratch.path().join("Sample gallery");
    std::fs::create_dir_all(&out).unwrap();
    open_export_dialog(&app, &out).await;
    let (state, preview) = settled_preview(&app).await;
    assert_eq!(state, "ready", "the plan was refused: {preview}");
    for want in [
        format!("Publishes {published} photos"),
        "Left out: 1 hidden".to_string(),
        "Location: none".to_string(),
        "no metadata at all".to_string(),
    ] {
        assert!(
            preview.contains(&want),
            "preview lacks {want:?}:\n{preview}"
        );
    }
    assert_eq!(
        app.js(
            "return document.querySelector('#export-preview').dataset.photos",
            vec![]
        )
        .await,
        json!(published.to_string())
    );
    assert!(
        files_under(&out).is_empty(),
        "the preview wrote files: {:?}",
        files_under(&out)
    );
    // Private by default: no place names, no GPS in images (and that one cannot be ticked alone).
    let defaults = app
        .js(
            "return [document.querySelector('#export-location').checked, \
                     document.querySelector('#export-gps').checked, \
                     document.querySelector('#export-gps').disabled, \
                     document.querySelector('#export-sizes').value]",
            vec![],
        )
        .await;
    assert_eq!(defaults, json!([false, false, true, "480, 1024, 2048"]));
    app.screenshot("dialog").await;

    app.wait_for("#export-start")
        .await
        .click()
        .await
        .expect("click Export");
    let result = wait_export_done(&app).await;
    assert!(
        result.starts_with(&format!("Exported {published} photos · ")),
        "summary line: {result}"
    );
    assert!(
        result.contains("files written, 0 reused")
            && (result.ends_with(" MB") || result.ends_with(" KB")),
        "summary line: {result}"
    );
    app.screenshot("summary").await;

    // The folder holds the gallery: index, one page per day, every image in every size.
    let files = files_under(&out);
    assert!(files.contains(&"index.html".to_string()), "{files:?}");
    let days = cli["days"].as_array().unwrap().len();
    let pages = files
        .iter()
        .filter(|f| f.starts_with("day-") && f.ends_with(".html"))
        .count();
    assert_eq!(pages, days, "one page per day: {files:?}");
    let images: Vec<&String> = files.iter().filter(|f| f.ends_with(".jpg")).collect();
    assert!(
        images.len() >= published && images.len() <= published * 3,
        "{} images for {published} photos in 3 sizes: {files:?}",
        images.len()
    );
    for size in [480, 1024] {
        assert!(
            images.iter().any(|f| f.ends_with(&format!("-{size}.jpg"))),
            "no {size} px image: {images:?}"
        );
    }

    // "Open gallery" is offered for exactly this export's index.html.
    let entry = out.join("index.html");
    let open = app.wait_for("#export-open").await;
    assert_eq!(open.text().await.unwrap(), "Open gallery");
    assert!(open.is_enabled().await.unwrap());
    assert_eq!(
        open.attr("data-entry").await.unwrap().as_deref(),
        entry.to_str()
    );
    app.wait_for("#export-show").await;
    // The shell opens only the entry of an export it has just written, nothing else.
    for other in [
        out.join("day-1.html"),
        out.clone(),
        PathBuf::from("/etc/hostname"),
    ] {
        for command in ["open_export", "show_export"] {
            let answer = invoke(&app, command, json!({"entry": other})).await;
            assert_eq!(
                answer["error"]["code"],
                "invalid_input",
                "{command} {}: {answer}",
                other.display()
            );
        }
    }

    // Escape closes the dialog; focus returns to the trip.
    app.client
        .active_element()
        .await
        .expect("focus")
        .send_keys(&Key::Escape)
        .await
        .expect("Escape");
    app.wait_js(
        "the dialog to close",
        "return document.querySelector('#export').open",
        harness::WAIT,
        |v| v == &json!(false),
    )
    .await;

    // Again, with Enter: the folder is remembered, the plan says it updates the export, and no
    // image is made twice.
    app.wait_for("#open-export")
        .await
        .click()
        .await
        .expect("click Export… again");
    let (state, preview) = settled_preview(&app).await;
    assert_eq!(state, "ready", "{preview}");
    assert!(preview.contains("Updates the earlier export"), "{preview}");
    assert_eq!(
        app.js(
            "return document.querySelector('#export-start').textContent",
            vec![]
        )
        .await,
        json!("Update export")
    );
    app.client
        .active_element()
        .await
        .expect("focus")
        .send_keys(&Key::Enter)
        .await
        .expect("Enter");
    let again = wait_export_done(&app).await;
    let reused = app
        .js(
            "return Number(document.querySelector('#export-done').dataset.reused)",
            vec![],
        )
        .await
        .as_u64()
        .unwrap_or(0) as usize;
    assert!(
        reused >= images.len(),
        "a second export reuses every image ({} of them): {again}",
        images.len()
    );
    assert_eq!(
        files_under(&out),
        files,
        "the same files after exporting again"
    );

    // The blog post: "Done", then a new folder and the Markdown format.
    app.wait_for("#export-close")
        .await
        .click()
        .await
        .expect("click Done");
    let post = desk.scratch.path().join("Sample post");
    open_export_dialog(&app, &post).await;
    app.wait_for("input[name=\"export-format\"][value=\"markdown\"]")
        .await
        .click()
        .await
        .expect("choose Markdown");
    app.wait_js(
        "the plan for a blog post",
        "const p = document.querySelector('#export-preview'); \
         return p.dataset.state === 'ready' && p.innerText.includes('as a blog post')",
        harness::WAIT,
        |v| v == &json!(true),
    )
    .await;
    app.wait_for("#export-start")
        .await
        .click()
        .await
        .expect("click Export");
    let result = wait_export_done(&app).await;
    assert!(
        result.starts_with(&format!("Exported {published} photos")),
        "{result}"
    );
    let open = app.wait_for("#export-open").await;
    assert_eq!(open.text().await.unwrap(), "Open post");
    assert_eq!(
        open.attr("data-entry").await.unwrap().as_deref(),
        post.join("post.md").to_str()
    );
    let md = std::fs::read_to_string(post.join("post.md")).expect("post.md written");
    assert!(md.starts_with("---"), "front matter first:\n{md}");
    app.quit().await;
}

#[tokio::test]
async fn a_folder_lanyard_did_not_make_is_refused_and_left_alone() {
    let mut desk = Desk::new("export-refused");
    let app = desk.launch_amsterdam().await;
    let mine = desk.scratch.path().join("My documents");
    std::fs::create_dir_all(&mine).unwrap();
    std::fs::write(mine.join("thesis.odt"), b"years of work").unwrap();

    open_export_dialog(&app, &mine).await;
    let (state, text) = settled_preview(&app).await;
    assert_eq!(state, "error", "{text}");
    assert!(
        text.contains("is not empty and was not made by a Lanyard export"),
        "a readable reason: {text}"
    );
    assert!(
        text.contains(mine.to_str().unwrap()),
        "names the folder: {text}"
    );
    let hooks = app
        .js(
            "return [document.querySelector('#export-error').dataset.code, \
                     document.querySelector('#export-start').disabled, \
                     document.querySelector('#export-folder').getAttribute('aria-invalid')]",
            vec![],
        )
        .await;
    assert_eq!(hooks, json!(["export_folder_not_ours", true, "true"]));
    app.screenshot("refused").await;

    // The command itself refuses too (the button is not the only guard).
    let answer = invoke(
        &app,
        "export_trip",
        json!({
            "options": {"trip": "Sample trip", "out": mine, "format": "html",
                        "with_location": false, "embed_gps": false, "sizes": [480]},
            "onEvent": "channel",
        }),
    )
    .await;
    assert_eq!(
        answer["error"]["code"], "export_folder_not_ours",
        "export_trip: {answer}"
    );
    assert_eq!(
        files_under(&mine),
        vec!["thesis.odt".to_string()],
        "nothing written"
    );
    assert_eq!(
        std::fs::read(mine.join("thesis.odt")).unwrap(),
        b"years of work"
    );
    app.quit().await;
}
