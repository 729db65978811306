//! `lanyard sample`: both generated trips are written and import cleanly; the Chicago trip
//! comes with its conference's agenda in a subfolder, which a photo import only skips.

use crate::{json, lanyard, ok};
use std::process::Command;

#[test]
fn the_chicago_trip_is_written_and_imports_with_its_stray_outside() {
    let tmp = tempfile::tempdir().unwrap();
    let photos = tmp.path().join("chicago");
    let said = ok(Command::new(env!("CARGO_BIN_EXE_lanyard"))
        .args(["sample", "--trip", "chicago"])
        .arg(&photos));
    let truth = lanyard::sample::chicago_truth();
    assert!(
        said.starts_with(&format!("Wrote {} sample photos", truth.len())),
        "{said}"
    );
    for t in &truth {
        assert!(
            photos.join(&t.file_name).is_file(),
            "{} written",
            t.file_name
        );
    }

    let agenda = photos.join(lanyard::sample::CHICAGO_AGENDA_DIR);
    for (name, text) in lanyard::sample::chicago_agenda_files() {
        let path = agenda.join(name);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text, "{name}");
        assert!(said.contains(&path.display().to_string()), "{said}");
    }
    assert!(
        said.contains("agenda import --trip \"Chicago sample\" --mine "),
        "{said}"
    );

    let report = json(
        lanyard(&tmp.path().join("lib"))
            .args(["import", "--trip", "KubeCon NA", "--json"])
            .arg(&photos),
    );
    assert_eq!(report["imported"], truth.len(), "{report:#}");
    assert_eq!(
        report["skipped"], 3,
        "the three agenda files are walked and skipped as non-photos: {report:#}"
    );
    assert_eq!(report["failed"].as_array().unwrap().len(), 0, "{report:#}");
    assert_eq!(report["damaged"].as_array().unwrap().len(), 0, "{report:#}");
    assert_eq!(
        report["outside"], 1,
        "the photo from 2021 stays off the trip"
    );
}

#[test]
fn amsterdam_is_still_the_default() {
    let tmp = tempfile::tempdir().unwrap();
    let (default, named) = (tmp.path().join("a"), tmp.path().join("b"));
    ok(Command::new(env!("CARGO_BIN_EXE_lanyard"))
        .arg("sample")
        .arg(&default));
    ok(Command::new(env!("CARGO_BIN_EXE_lanyard"))
        .args(["sample", "--trip", "amsterdam"])
        .arg(&named));
    for (name, _) in lanyard::sample::CONFERENCE_TRIP_DAYS {
        let (a, b) = (default.join(name), named.join(name));
        assert_eq!(
            std::fs::read(a).unwrap(),
            std::fs::read(b).unwrap(),
            "{name}"
        );
    }
}
