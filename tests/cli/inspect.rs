//! `lanyard inspect --json` prints exactly what the core reads (the core's reading is checked
//! against exiftool's truth.json file by file in tests/it/corpus.rs).

use crate::{corpus_dir, failing, json};
use std::process::Command;

fn inspect() -> Command {
    Command::new(env!("CARGO_BIN_EXE_lanyard"))
}

#[test]
fn inspect_json_over_the_whole_corpus_is_the_core_reading() {
    let corpus = corpus_dir();
    let truth: serde_json::Value =
        serde_json::from_slice(&std::fs::read(corpus.join("truth.json")).unwrap()).unwrap();
    let paths: Vec<_> = truth["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| corpus.join(f["path"].as_str().unwrap()))
        .collect();
    assert_eq!(paths.len(), 67);
    let printed = json(inspect().arg("inspect").arg("--json").args(&paths));
    let printed = printed.as_array().expect("an array, one object per file");
    assert_eq!(printed.len(), paths.len());
    for (path, object) in paths.iter().zip(printed) {
        let core = serde_json::to_value(lanyard::metadata::inspect(path)).unwrap();
        assert_eq!(object, &core, "{}", path.display());
        for key in [
            "path",
            "format",
            "width",
            "height",
            "orientation",
            "make",
            "model",
            "datetime_original",
            "subsec",
            "offset",
            "gps",
            "gps_utc",
            "error",
        ] {
            assert!(object.get(key).is_some(), "{key} missing in {object:#}");
        }
    }
}

#[test]
fn inspect_names_the_file_it_cannot_read() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("nope.jpg");
    let out = json(
        inspect()
            .args(["inspect", "--json"])
            .arg(&missing)
            .arg(corpus_dir().join("real/recurser__exif-orientation-examples/Landscape_6.jpg")),
    );
    assert!(out[0]["error"].as_str().is_some_and(|e| !e.is_empty()));
    assert_eq!(out[1]["error"], serde_json::Value::Null);
    assert_eq!(out[1]["orientation"], 6);
    // Every file unreadable: exit 1, and the human output names the file.
    let fail = failing(inspect().arg("inspect").arg(&missing));
    assert_eq!(fail.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&fail.stdout).contains("nope.jpg"));
}
