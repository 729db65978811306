//! One integration-test binary for the core and the CLI (one link, modules per area).

mod agenda;
mod corpus;
mod export;
mod export_render;
mod import;
mod journal;

use lanyard::import::ImportReport;
use lanyard::journal::{Journal, SAMPLE_TRIP};
use std::path::Path;
use std::sync::atomic::AtomicBool;

/// The generated Amsterdam conference trip (`sample::conference_trip`: 36 photos over three
/// days, a camera on New York time) written to `dir` and imported into "Sample trip", the way
/// "Try a sample trip" imported it before the sample became the Chicago week.
pub fn seed_amsterdam(journal: &mut Journal, dir: &Path) -> ImportReport {
    let photos = lanyard::sample::conference_trip();
    lanyard::sample::write_trip(dir, &photos).expect("write the Amsterdam trip");
    let report = journal
        .import_paths(
            Some(SAMPLE_TRIP),
            &[dir.to_path_buf()],
            &AtomicBool::new(false),
            &|_| {},
        )
        .expect("import the Amsterdam trip");
    assert_eq!(report.imported, photos.len(), "{report:?}");
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    report
}
