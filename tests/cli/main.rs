//! End-to-end tests of the `lanyard` binary: real processes, real catalog files, trips the tests
//! generate (a phone with offsets, a camera on home time, screenshots, bad files) and the
//! real-camera corpus in ../shared/corpus.

mod bad_files;
mod export;
mod inspect;
mod journal;
mod robustness;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The `lanyard` binary pointed at `library`.
pub fn lanyard(library: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lanyard"));
    cmd.arg("--library")
        .arg(library)
        .env_remove("LANYARD_LIBRARY");
    cmd
}

/// Runs and insists on success, returning stdout.
pub fn ok(cmd: &mut Command) -> String {
    let out = cmd.output().expect("run lanyard");
    assert!(
        out.status.success(),
        "{cmd:?} failed ({}):\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

pub fn json(cmd: &mut Command) -> Value {
    let text = ok(cmd);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

pub fn failing(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("run lanyard");
    assert!(!out.status.success(), "{cmd:?} should fail");
    out
}

/// The real-camera corpus, read in place. Missing corpus is a failure, never a skip.
pub fn corpus_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    assert!(
        dir.join("truth.json").is_file(),
        "the photo corpus is missing at {} — CI must provide ../shared/corpus",
        dir.display()
    );
    dir
}

/// Every photo object of a `timeline --json`, with the day number it sits in (None: undated).
pub fn all_photos(timeline: &Value) -> Vec<(Option<i64>, Value)> {
    let mut out = Vec::new();
    for day in timeline["days"].as_array().unwrap() {
        for photo in day["photos"].as_array().unwrap() {
            out.push((day["number"].as_i64(), photo.clone()));
        }
    }
    for photo in timeline["undated"].as_array().unwrap() {
        out.push((None, photo.clone()));
    }
    out
}

pub fn file_name(photo: &Value) -> String {
    Path::new(photo["path"].as_str().unwrap())
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}
