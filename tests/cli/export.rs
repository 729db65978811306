//! `lanyard export` as a person runs it: the plan on --dry-run, the --json report, re-exporting
//! after a caption edit, `hide`, and the exit code and message for a folder that is not ours.

use crate::{failing, json, lanyard, ok};
use std::path::{Path, PathBuf};

fn sample_library(root: &Path) -> PathBuf {
    let photos = root.join("sample");
    ok(std::process::Command::new(env!("CARGO_BIN_EXE_lanyard"))
        .arg("sample")
        .arg(&photos));
    let library = root.join("lib");
    ok(lanyard(&library)
        .args(["import", "--trip", "KubeCon EU"])
        .arg(&photos));
    library
}

fn export(library: &Path, out: &Path, extra: &[&str]) -> serde_json::Value {
    json(
        lanyard(library)
            .args(["export", "--trip", "KubeCon EU", "--json", "--out"])
            .arg(out)
            .args(extra),
    )
}

#[test]
fn dry_run_tells_what_would_be_published_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let library = sample_library(tmp.path());
    let out = tmp.path().join("site");
    let text = ok(lanyard(&library)
        .args(["export", "--trip", "KubeCon EU", "--dry-run", "--out"])
        .arg(&out));
    assert!(text.contains("Publishes 36 photos"), "{text}");
    assert!(text.contains("no metadata at all"), "{text}");
    assert!(!out.exists());
    let text = ok(lanyard(&library)
        .args([
            "export",
            "--trip",
            "KubeCon EU",
            "--dry-run",
            "--with-location",
            "--out",
        ])
        .arg(&out));
    assert!(text.contains("place names and map links"), "{text}");
}

#[test]
fn the_json_report_counts_files_and_a_caption_edit_encodes_no_image() {
    let tmp = tempfile::tempdir().unwrap();
    let library = sample_library(tmp.path());
    let out = tmp.path().join("site");
    let first = export(&library, &out, &["--sizes", "200,400"]);
    assert_eq!(first["plan"]["photos"], 36, "{first:#}");
    assert_eq!(first["images_encoded"], 72, "{first:#}");
    assert_eq!(first["removed"], 0);
    assert!(first["bytes_written"].as_u64().unwrap() > 100_000);
    assert_eq!(
        first["entry"].as_str().unwrap(),
        out.join("index.html").to_str().unwrap()
    );

    ok(lanyard(&library).args(["caption", "3", "Booth crawl"]));
    ok(lanyard(&library).args(["hide", "5"]));
    let second = export(&library, &out, &["--sizes", "200,400"]);
    assert_eq!(second["images_encoded"], 0, "{second:#}");
    assert_eq!(second["plan"]["photos"], 35, "{second:#}");
    assert_eq!(second["plan"]["hidden_left_out"], 1, "{second:#}");
    assert_eq!(second["removed"], 2, "{second:#}");
}

#[test]
fn a_folder_that_is_not_an_export_fails_with_exit_1_and_a_clear_message() {
    let tmp = tempfile::tempdir().unwrap();
    let library = sample_library(tmp.path());
    let out = tmp.path().join("Documents");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("taxes.pdf"), b"%PDF").unwrap();
    let output = failing(
        lanyard(&library)
            .args(["export", "--trip", "KubeCon EU", "--out"])
            .arg(&out),
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("is not empty and was not made by a Lanyard export"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 1);

    let output = failing(
        lanyard(&library)
            .args([
                "export",
                "--trip",
                "KubeCon EU",
                "--sizes",
                "480,abc",
                "--out",
            ])
            .arg(tmp.path().join("x")),
    );
    assert_eq!(output.status.code(), Some(2), "a usage error");
}
