//! Previews for both doors: a thumbnail file for the app's `thumb` URLs (a preview made on
//! demand the first time it is asked for), every missing preview of a trip (`lanyard previews`),
//! and the app's background worker.

use super::Journal;
use crate::library::Library;
use crate::previews::{self, PreviewReport};
use crate::thumbs::PREVIEW;
use crate::Result;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

pub use crate::previews::Background as BackgroundPreviews;

/// The file behind `thumb://<hash>/<size>`: the cached thumbnail, or for a preview not made yet,
/// the preview rendered now from its original (it is the viewer asking, or prefetching the
/// photos next to the open one). `None` for a bad hash or size, an unknown photo, or a photo
/// whose preview cannot be made. Opens its own connection, so it never waits for the app's.
pub fn thumb_file(library: &Library, hash: &str, size_name: &str) -> Option<PathBuf> {
    let path = library.thumb_path(hash, size_name)?;
    if path.is_file() {
        return Some(path);
    }
    if size_name != PREVIEW.name {
        return None;
    }
    let _waiting = previews::Waiting::begin();
    let photo = library
        .open_catalog()
        .ok()?
        .thumbnailed_by_hash(hash)
        .ok()??;
    previews::make_one(&library.thumbs_dir(), &photo).ok()
}

impl Journal {
    /// Makes every missing preview of a trip, in parallel; `on_progress(done, total)`.
    pub fn make_previews(
        &mut self,
        trip: &str,
        cancel: &AtomicBool,
        on_progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<PreviewReport> {
        let trip = self.catalog.trip(trip)?;
        let photos = self.catalog.thumbnailed(trip.id)?;
        Ok(previews::make_all(
            &self.library.thumbs_dir(),
            &photos,
            cancel,
            on_progress,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::thumbs::{cache_path, GRID};
    use std::sync::atomic::AtomicBool;

    fn hashes_of(journal: &Journal, trip: &str) -> Vec<String> {
        let trip = journal.catalog.trip(trip).unwrap();
        let photos = journal.catalog.photos_of_trip(trip.id).unwrap();
        photos.into_iter().filter_map(|p| p.hash).collect()
    }

    #[test]
    fn an_import_makes_the_grid_and_a_preview_is_made_when_first_asked_for() {
        let tmp = tempfile::tempdir().unwrap();
        let photos = tmp.path().join("photos");
        crate::sample::write_trip(&photos, &crate::sample::conference_trip()[..3]).unwrap();
        let library = Library::at(tmp.path().join("library"));
        let mut journal = Journal::open(library.clone()).unwrap();
        let report = journal
            .import_paths(Some("T"), &[photos], &AtomicBool::new(false), &|_| {})
            .unwrap();
        assert_eq!(report.thumbnails, 3);
        let hashes = hashes_of(&journal, "T");
        let dir = library.thumbs_dir();
        for hash in &hashes {
            assert!(
                cache_path(&dir, hash, GRID).is_file(),
                "grid made by the import"
            );
            assert!(!cache_path(&dir, hash, PREVIEW).exists(), "no preview yet");
        }
        let first = thumb_file(&library, &hashes[0], "preview").expect("made on demand");
        assert_eq!(first, cache_path(&dir, &hashes[0], PREVIEW));
        assert!(first.is_file());
        assert_eq!(
            thumb_file(&library, &"0".repeat(64), "preview"),
            None,
            "unknown"
        );
        assert_eq!(thumb_file(&library, "../x", "preview"), None, "not a hash");
        assert_eq!(thumb_file(&library, &hashes[0], "huge"), None, "not a size");

        let report = journal
            .make_previews("T", &AtomicBool::new(false), &|_, _| {})
            .unwrap();
        assert_eq!((report.made, report.cached), (2, 1));
        assert!(hashes
            .iter()
            .all(|hash| cache_path(&dir, hash, PREVIEW).is_file()));
    }

    /// Two sample photos imported into trip "T" of a library in a temp dir (kept while it lives).
    fn two_photo_trip() -> (tempfile::TempDir, Library, Journal) {
        let tmp = tempfile::tempdir().unwrap();
        let photos = tmp.path().join("photos");
        crate::sample::write_trip(&photos, &crate::sample::conference_trip()[..2]).unwrap();
        let library = Library::at(tmp.path().join("library"));
        let mut journal = Journal::open(library.clone()).unwrap();
        journal
            .import_paths(Some("T"), &[photos], &AtomicBool::new(false), &|_| {})
            .unwrap();
        (tmp, library, journal)
    }

    #[test]
    fn the_background_worker_makes_a_queued_trips_previews_and_stops() {
        let (_tmp, library, journal) = two_photo_trip();
        let mut worker = BackgroundPreviews::start(library.clone());
        worker.queue("No such trip");
        worker.queue("T");
        let dir = library.thumbs_dir();
        let hashes = hashes_of(&journal, "T");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while !hashes
            .iter()
            .all(|hash| cache_path(&dir, hash, PREVIEW).is_file())
        {
            assert!(
                std::time::Instant::now() < deadline,
                "previews made in time"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        worker.stop();
        worker.queue("T"); // after stop: ignored, no panic
    }

    #[test]
    fn the_background_worker_holds_back_while_someone_waits_for_a_preview() {
        let (_tmp, library, journal) = two_photo_trip();
        let dir = library.thumbs_dir();
        let hashes = hashes_of(&journal, "T");
        let made = || {
            hashes
                .iter()
                .filter(|hash| cache_path(&dir, hash, PREVIEW).is_file())
                .count()
        };
        let waiting = previews::Waiting::begin();
        let mut worker = BackgroundPreviews::start(library.clone());
        worker.queue("T");
        std::thread::sleep(std::time::Duration::from_millis(500));
        assert_eq!(made(), 0, "nothing started while a preview is waited for");
        drop(waiting);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while made() < hashes.len() {
            assert!(
                std::time::Instant::now() < deadline,
                "made once nobody waits"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        worker.stop();
    }
}
