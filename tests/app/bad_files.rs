//! An import with bad files finishes, and its summary lists each bad file with the same reason
//! the CLI gives for it.

use crate::harness::Desk;
use crate::*;

#[tokio::test]
async fn bad_files_are_listed_with_their_reasons() {
    let mut desk = Desk::new("bad-files");
    let folder = desk.scratch.path().join("Bad batch");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("empty.jpg"), b"").unwrap();
    std::fs::write(
        folder.join("notes.jpg"),
        b"this is a text file, not a photo\n",
    )
    .unwrap();
    let mut truncated = lanyard::sample::jpeg(64, 48, 1, 80);
    truncated.truncate(40);
    std::fs::write(folder.join("truncated.jpg"), truncated).unwrap();
    std::fs::write(
        folder.join("good.jpg"),
        lanyard::sample::jpeg(64, 48, 2, 80),
    )
    .unwrap();

    // What the CLI reports for the same folder, in a library of its own.
    let other = desk.scratch.path().join("cli-library");
    let report = cli_json(
        &other,
        &[
            "import",
            "--trip",
            "Bad batch",
            "--json",
            folder.to_str().unwrap(),
        ],
    );
    let failed = report["failed"].as_array().expect("failed list").clone();
    assert!(failed.len() >= 3, "the CLI reports the bad files: {report}");

    let app = desk.launch().await;
    app.wait_for("#empty-state").await;
    stub_file_dialog(&app, std::slice::from_ref(&folder)).await;
    app.wait_for("#empty-add-folder")
        .await
        .click()
        .await
        .expect("click");
    wait_import_finished(&app, Duration::from_secs(60)).await;
    let items = app
        .js(
            "return [...document.querySelectorAll('#import-summary li.failure[data-path]')].map((f) => ({ path: f.dataset.path, file: f.querySelector('.failure-file')?.textContent ?? '', reason: f.querySelector('.failure-reason')?.textContent ?? '' }))",
            vec![],
        )
        .await;
    let items = items.as_array().expect("failure items").clone();
    assert_eq!(
        items.len(),
        failed.len(),
        "one item per failed file: {items:?}"
    );
    assert_eq!(
        app.js(
            "return document.querySelector('#import-summary').dataset.failed",
            vec![]
        )
        .await,
        json!(failed.len().to_string())
    );
    for f in &failed {
        let name = Path::new(f["path"].as_str().unwrap())
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let reason = f["reason"].as_str().unwrap();
        let item = items
            .iter()
            .find(|i| {
                i["path"]
                    .as_str()
                    .is_some_and(|p| p.ends_with(&format!("/{name}")))
            })
            .unwrap_or_else(|| panic!("no summary item for {name}: {items:?}"));
        assert!(item["file"].as_str().unwrap().contains(&name), "{item}");
        assert_eq!(
            item["reason"].as_str().unwrap().trim(),
            reason,
            "the reason shown for {name}"
        );
    }
    app.screenshot("import-summary").await;
    app.quit().await;
}
