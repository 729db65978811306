//! The thumbnail phase: the content hash and grid thumbnail of every pending photo of a trip
//! (one read of the file for both), in parallel on the rayon pool, results committed in batches
//! from the calling thread (the catalog is not shared across threads).
//! Memory stays bounded: each worker holds one photo's bytes and pixels at a time.

use super::{Failure, ImportEvent, ImportReport, Phase};
use crate::catalog::{Catalog, PendingThumb};
use crate::library::Library;
use crate::model::ThumbState;
use crate::thumbs;
use crate::Result;
use rayon::prelude::*;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

/// Outcomes committed per transaction.
const COMMIT_BATCH: usize = 16;

pub fn run(
    library: &Library,
    catalog: &mut Catalog,
    trip_id: i64,
    cancel: &AtomicBool,
    on_event: &dyn Fn(ImportEvent),
    report: &mut ImportReport,
) -> Result<()> {
    let pending = catalog.pending_thumbs(trip_id)?;
    let total = pending.len();
    let cache = library.thumbs_dir();
    let (tx, rx) = mpsc::channel::<(usize, Made)>();
    std::thread::scope(|scope| -> Result<()> {
        let pending = &pending;
        let cache = cache.as_path();
        scope.spawn(move || {
            pending
                .par_iter()
                .enumerate()
                .for_each_with(tx, |tx, (index, photo)| {
                    if cancel.load(Ordering::Relaxed) {
                        return;
                    }
                    let _ = tx.send((index, make(cache, photo)));
                });
        });
        let mut batch = Batch::default();
        for (done, (index, made)) in (1..).zip(rx) {
            let photo = &pending[index];
            if let Some(hash) = made.hash {
                batch.hashes.push((photo.id, hash));
            }
            match &made.state {
                ThumbState::Failed(reason) => report
                    .thumbnail_failures
                    .push(Failure::new(&photo.path, reason.clone())),
                ThumbState::Damaged(reason) => {
                    report.thumbnails += 1;
                    report
                        .damaged
                        .push(Failure::new(&photo.path, reason.clone()));
                }
                _ => report.thumbnails += 1,
            }
            batch.states.push((photo.id, made.state, made.picture_hash));
            if done % COMMIT_BATCH == 0 {
                batch.commit(catalog, report)?;
            }
            on_event(ImportEvent::Progress {
                phase: Phase::Thumbnails,
                done,
                total,
                current: photo.path.clone(),
            });
        }
        batch.commit(catalog, report)?;
        Ok(())
    })?;
    if cancel.load(Ordering::Relaxed) {
        report.cancelled = true;
    }
    Ok(())
}

/// Outcomes waiting for one transaction.
#[derive(Default)]
struct Batch {
    hashes: Vec<(i64, String)>,
    states: Vec<(i64, ThumbState, Option<u64>)>,
}

impl Batch {
    /// Hashes first: a photo that turns out to be a copy of another is removed, and counted as
    /// the duplicate it is.
    fn commit(&mut self, catalog: &mut Catalog, report: &mut ImportReport) -> Result<()> {
        let removed = catalog.set_hashes(&std::mem::take(&mut self.hashes))?;
        report.duplicates += removed.len();
        report.imported = report.imported.saturating_sub(removed.len());
        let states: Vec<_> = std::mem::take(&mut self.states)
            .into_iter()
            .filter(|(id, ..)| !removed.contains(id))
            .collect();
        catalog.set_thumb_states(&states)
    }
}

/// What the phase did for one photo: its content hash when it was hashed now, its thumbnail
/// outcome and the fingerprint of its grid thumbnail.
struct Made {
    hash: Option<String>,
    state: ThumbState,
    picture_hash: Option<u64>,
}

impl Made {
    fn failed(hash: Option<String>, reason: String) -> Made {
        Made {
            hash,
            state: ThumbState::Failed(reason),
            picture_hash: None,
        }
    }
}

/// Makes (or finds in the cache) one photo's grid thumbnail, and its fingerprint, hashing the
/// photo first when it was imported without its hash. The preview is not made here: the grid
/// is what a person waits for (see `crate::previews`).
fn make(cache: &Path, photo: &PendingThumb) -> Made {
    let mut bytes = None;
    let (hash, new_hash) = match &photo.hash {
        Some(hash) => (hash.clone(), None),
        None => match std::fs::read(&photo.path) {
            Ok(read) => {
                let hash = blake3::hash(&read).to_hex().to_string();
                bytes = Some(read);
                (hash.clone(), Some(hash))
            }
            Err(e) => return Made::failed(None, format!("original unreadable: {e}")),
        },
    };
    let grid = thumbs::cache_path(cache, &hash, thumbs::GRID);
    if thumbs::is_cached(cache, &hash, thumbs::GRID) {
        return Made {
            hash: new_hash,
            state: ThumbState::Ready,
            picture_hash: std::fs::read(&grid)
                .ok()
                .and_then(|jpeg| thumbs::picture_hash(&jpeg)),
        };
    }
    let bytes = match bytes.map_or_else(|| std::fs::read(&photo.path), Ok) {
        Ok(bytes) => bytes,
        Err(e) => return Made::failed(new_hash, format!("original unreadable: {e}")),
    };
    match thumbs::render(&bytes, photo.format, photo.orientation, &[thumbs::GRID]) {
        Ok(made) => {
            let mut picture_hash = None;
            for thumb in made.thumbs {
                let path = thumbs::cache_path(cache, &hash, thumb.spec);
                if let Err(e) = crate::files::write_atomic(&path, &thumb.jpeg) {
                    let reason = format!("cannot write thumbnail {}: {e}", path.display());
                    return Made::failed(new_hash, reason);
                }
                if thumb.spec == thumbs::GRID {
                    picture_hash = thumbs::picture_hash(&thumb.jpeg);
                }
            }
            let state = match made.damage {
                Some(reason) => ThumbState::Damaged(reason),
                None => ThumbState::Ready,
            };
            Made {
                hash: new_hash,
                state,
                picture_hash,
            }
        }
        Err(e) => Made::failed(new_hash, e.to_string()),
    }
}
