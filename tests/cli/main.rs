//! End-to-end tests of the `lanyard` binary: real processes, real catalog files, trips the tests
//! generate (a phone with offsets, a camera on home time, screenshots, bad files) and the
//! real-camera corpus in ../shared/corpus.

mod bad_files;
mod clocks;
mod export;
mod inspect;
mod journal;
#[path = "../support/lanyard_cli.rs"]
mod lanyard_cli;
mod robustness;
mod sample;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub use lanyard_cli::{json, lanyard, ok};

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
