//! The thumbnail phase: the grid thumbnail of every pending photo of a trip, in parallel on the
//! rayon pool, results committed in batches from the calling thread (the catalog is not shared
//! across threads).
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
        let mut batch = Vec::with_capacity(COMMIT_BATCH);
        let mut commit = |batch: &mut Vec<(i64, ThumbState, Option<u64>)>| {
            catalog.set_thumb_states(&std::mem::take(batch))
        };
        for (done, (index, (state, hash))) in (1..).zip(rx) {
            let photo = &pending[index];
            match &state {
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
            batch.push((photo.id, state, hash));
            if batch.len() == COMMIT_BATCH {
                commit(&mut batch)?;
            }
            on_event(ImportEvent::Progress {
                phase: Phase::Thumbnails,
                done,
                total,
                current: photo.path.clone(),
            });
        }
        commit(&mut batch)?;
        Ok(())
    })?;
    if cancel.load(Ordering::Relaxed) {
        report.cancelled = true;
    }
    Ok(())
}

/// A photo's thumbnail outcome and the fingerprint of its grid thumbnail.
type Made = (ThumbState, Option<u64>);

/// Makes (or finds in the cache) one photo's grid thumbnail, and its fingerprint. The preview
/// is not made here: the grid is what a person waits for (see `crate::previews`).
fn make(cache: &Path, photo: &PendingThumb) -> Made {
    let grid = thumbs::cache_path(cache, &photo.hash, thumbs::GRID);
    if thumbs::is_cached(cache, &photo.hash, thumbs::GRID) {
        let hash = std::fs::read(&grid)
            .ok()
            .and_then(|jpeg| thumbs::picture_hash(&jpeg));
        return (ThumbState::Ready, hash);
    }
    let bytes = match std::fs::read(&photo.path) {
        Ok(bytes) => bytes,
        Err(e) => {
            return (
                ThumbState::Failed(format!("original unreadable: {e}")),
                None,
            )
        }
    };
    match thumbs::render(&bytes, photo.format, photo.orientation, &[thumbs::GRID]) {
        Ok(made) => {
            let mut hash = None;
            for thumb in made.thumbs {
                let path = thumbs::cache_path(cache, &photo.hash, thumb.spec);
                if let Err(e) = crate::files::write_atomic(&path, &thumb.jpeg) {
                    let reason = format!("cannot write thumbnail {}: {e}", path.display());
                    return (ThumbState::Failed(reason), None);
                }
                if thumb.spec == thumbs::GRID {
                    hash = thumbs::picture_hash(&thumb.jpeg);
                }
            }
            let state = match made.damage {
                Some(reason) => ThumbState::Damaged(reason),
                None => ThumbState::Ready,
            };
            (state, hash)
        }
        Err(e) => (ThumbState::Failed(e.to_string()), None),
    }
}
