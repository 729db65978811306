//! Previews, the 1600 px images the viewer opens and exports start from, made after the grid and
//! never during an import: one on demand when a photo is opened (or its neighbours prefetched),
//! every missing one of a trip in parallel (`lanyard previews`), or one at a time at the lowest
//! CPU priority in the background while the app is open ([`Background`]).

use crate::catalog::PendingThumb;
use crate::import::Failure;
use crate::library::Library;
use crate::thumbs::{self, ThumbError, PREVIEW};
use rayon::prelude::*;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread::JoinHandle;

/// What making a trip's previews did.
#[derive(Debug, Default, Clone, PartialEq, Serialize)]
pub struct PreviewReport {
    /// Photos whose preview was made now.
    pub made: usize,
    /// Photos whose preview already existed.
    pub cached: usize,
    /// Photos whose preview could not be made, with why.
    pub failed: Vec<Failure>,
    pub cancelled: bool,
}

/// The preview of one photo: the cached file, made first when missing. Rendered exactly as an
/// import used to render it next to the grid thumbnail (same decode scale, resizer and
/// encoder), so a preview made on demand is byte for byte the one made eagerly.
pub fn make_one(thumbs_dir: &Path, photo: &PendingThumb) -> Result<PathBuf, ThumbError> {
    // Photos get their hash with their grid thumbnail, and previews are made after that.
    let hash = photo
        .hash
        .as_deref()
        .ok_or_else(|| ThumbError::Unreadable(format!("{}: not read yet", photo.path.display())))?;
    let path = thumbs::cache_path(thumbs_dir, hash, PREVIEW);
    if path.is_file() {
        return Ok(path);
    }
    let _making = Making::claim(hash);
    if path.is_file() {
        return Ok(path);
    }
    let bytes = std::fs::read(&photo.path)
        .map_err(|e| ThumbError::Unreadable(format!("{}: {e}", photo.path.display())))?;
    let rendered = thumbs::render(&bytes, photo.format, photo.orientation, &[PREVIEW])?;
    drop(bytes);
    let thumb = rendered
        .thumbs
        .into_iter()
        .next()
        .ok_or_else(|| ThumbError::Encode("no preview rendered".to_string()))?;
    crate::files::write_atomic(&path, &thumb.jpeg)
        .map_err(|e| ThumbError::Encode(format!("cannot write {}: {e}", path.display())))?;
    Ok(path)
}

/// The previews being rendered right now, by hash. A second ask for one of them (the viewer
/// opening a photo whose preview a hover, a prefetch or the background worker started) waits
/// for that render and answers with its file, instead of rendering the same photo beside it.
static MAKING: Mutex<Vec<String>> = Mutex::new(Vec::new());
static MADE: Condvar = Condvar::new();

/// The right to render one photo's preview, held while it is rendered.
struct Making<'a>(&'a str);

impl<'a> Making<'a> {
    /// Waits while another thread renders `hash`, then claims it.
    fn claim(hash: &'a str) -> Making<'a> {
        let mut making = MAKING.lock().unwrap_or_else(PoisonError::into_inner);
        while making.iter().any(|h| h == hash) {
            making = MADE.wait(making).unwrap_or_else(PoisonError::into_inner);
        }
        making.push(hash.to_string());
        Making(hash)
    }
}

impl Drop for Making<'_> {
    fn drop(&mut self) {
        let mut making = MAKING.lock().unwrap_or_else(PoisonError::into_inner);
        making.retain(|h| h != self.0);
        MADE.notify_all();
    }
}

/// Previews a person is waiting for (the viewer's, made on demand, and its neighbours') being
/// made right now: the background worker starts no photo while there are any, so the cores
/// are theirs.
static WAITED_FOR: AtomicUsize = AtomicUsize::new(0);

/// A preview someone waits for, being made while this lives (`journal::thumb_file` holds one).
pub struct Waiting(());

impl Waiting {
    pub fn begin() -> Waiting {
        WAITED_FOR.fetch_add(1, Ordering::AcqRel);
        Waiting(())
    }
}

impl Drop for Waiting {
    fn drop(&mut self) {
        WAITED_FOR.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Makes every missing preview of `photos` on the rayon pool. `on_progress(done, total)` is
/// called from the workers after each photo. Stops early (between photos) when `cancel` is set.
pub fn make_all(
    thumbs_dir: &Path,
    photos: &[PendingThumb],
    cancel: &AtomicBool,
    on_progress: &(dyn Fn(usize, usize) + Sync),
) -> PreviewReport {
    let total = photos.len();
    let done = AtomicUsize::new(0);
    let outcomes: Vec<Option<Result<bool, Failure>>> = photos
        .par_iter()
        .map(|photo| {
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            let cached = photo
                .hash
                .as_deref()
                .is_some_and(|hash| thumbs::is_cached(thumbs_dir, hash, PREVIEW));
            let outcome = make_one(thumbs_dir, photo)
                .map(|_| !cached)
                .map_err(|e| Failure::new(&photo.path, e.to_string()));
            on_progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
            Some(outcome)
        })
        .collect();
    let mut report = PreviewReport::default();
    for outcome in outcomes {
        match outcome {
            None => report.cancelled = true,
            Some(Ok(true)) => report.made += 1,
            Some(Ok(false)) => report.cached += 1,
            Some(Err(failure)) => report.failed.push(failure),
        }
    }
    report
}

/// One worker thread that makes the missing previews of the trips it is given, one photo at a
/// time at the lowest CPU priority, so browsing and imports stay as fast as without it, and
/// never starting one while a preview someone waits for is being made ([`Waiting`]). Dropping
/// it (the app quitting) stops it between two photos; a preview half written is never seen
/// (files are written whole, then renamed).
pub struct Background {
    queue: Option<Sender<String>>,
    cancel: Arc<AtomicBool>,
    worker: Option<JoinHandle<()>>,
}

impl Background {
    pub fn start(library: Library) -> Background {
        let (queue, trips) = mpsc::channel::<String>();
        let cancel = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&cancel);
        let worker = std::thread::Builder::new()
            .name("previews".to_string())
            .spawn(move || {
                lowest_priority();
                work(&library, &trips, &stop);
            })
            .ok();
        Background {
            queue: Some(queue),
            cancel,
            worker,
        }
    }

    /// Asks for the missing previews of a trip (after an import, or when it is opened). Asking
    /// again while it is being done costs a look at the cache, no rendering.
    pub fn queue(&self, trip: &str) {
        if let Some(queue) = &self.queue {
            let _ = queue.send(trip.to_string());
        }
    }

    /// Stops the worker between two photos and waits for it.
    pub fn stop(&mut self) {
        self.cancel.store(true, Ordering::Release);
        self.queue = None;
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        self.stop();
    }
}

fn work(library: &Library, trips: &Receiver<String>, cancel: &AtomicBool) {
    let thumbs_dir = library.thumbs_dir();
    while let Ok(trip) = trips.recv() {
        if cancel.load(Ordering::Acquire) {
            return;
        }
        // Its own connection: the app's stays free for the window. A trip deleted or renamed
        // meanwhile, or a catalog that cannot be opened, leaves its previews to be made on demand.
        let Ok(photos) = library.open_catalog().and_then(|catalog| {
            let trip = catalog.trip(&trip)?;
            catalog.thumbnailed(trip.id)
        }) else {
            continue;
        };
        for photo in photos {
            wait_for_turn(cancel);
            if cancel.load(Ordering::Acquire) {
                return;
            }
            // A photo that cannot be previewed says so when it is opened.
            let _ = make_one(&thumbs_dir, &photo);
        }
    }
}

/// Returns when no preview someone waits for is being made, or when cancelled.
fn wait_for_turn(cancel: &AtomicBool) {
    while WAITED_FOR.load(Ordering::Acquire) > 0 && !cancel.load(Ordering::Acquire) {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

/// The calling thread at the lowest scheduling priority (Linux keeps a nice value per thread;
/// elsewhere the whole process would be lowered, so nothing is done there).
fn lowest_priority() {
    #[cfg(target_os = "linux")]
    let _ = rustix::process::setpriority_process(None, 19);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Format;
    use crate::thumbs::{render, GRID};

    fn photo_file(dir: &Path) -> PendingThumb {
        let bytes = crate::sample::jpeg_oriented(2400, 1800, 7, 90, 6);
        let path = dir.join("photo.jpg");
        std::fs::write(&path, &bytes).unwrap();
        PendingThumb {
            id: 1,
            path,
            hash: Some("ab".repeat(32)),
            format: Format::Jpeg,
            orientation: 6,
        }
    }

    #[test]
    fn background_work_waits_while_a_preview_is_waited_for() {
        let waiting = Waiting::begin();
        let cancel = AtomicBool::new(false);
        let turn = AtomicBool::new(false);
        std::thread::scope(|scope| {
            scope.spawn(|| {
                wait_for_turn(&cancel);
                turn.store(true, Ordering::Release);
            });
            std::thread::sleep(std::time::Duration::from_millis(100));
            assert!(!turn.load(Ordering::Acquire), "held back");
            drop(waiting);
        });
        assert!(turn.load(Ordering::Acquire), "its turn once nobody waits");
    }

    #[test]
    fn a_preview_asked_for_while_it_is_being_rendered_waits_for_that_render() {
        let tmp = tempfile::tempdir().unwrap();
        let photo = photo_file(tmp.path());
        let hash = photo.hash.as_deref().unwrap();
        let cache = tmp.path().join("thumbs");
        let under_way = Making::claim(hash);
        std::thread::scope(|scope| {
            let second = scope.spawn(|| make_one(&cache, &photo));
            std::thread::sleep(std::time::Duration::from_millis(300));
            assert!(!second.is_finished(), "waits for the render under way");
            assert!(
                !thumbs::is_cached(&cache, hash, PREVIEW),
                "no second render"
            );
            // Another photo is not held up by it.
            let mut other = photo.clone();
            other.hash = Some("cd".repeat(32));
            make_one(&cache, &other).unwrap();
            drop(under_way);
            second.join().unwrap().unwrap();
        });
        assert!(thumbs::is_cached(&cache, hash, PREVIEW));
    }

    #[test]
    fn a_preview_made_on_demand_is_the_one_an_import_made_with_the_grid() {
        let tmp = tempfile::tempdir().unwrap();
        let photo = photo_file(tmp.path());
        let cache = tmp.path().join("thumbs");
        let path = make_one(&cache, &photo).unwrap();
        let eager = render(
            &std::fs::read(&photo.path).unwrap(),
            Format::Jpeg,
            6,
            &[GRID, PREVIEW],
        )
        .unwrap();
        assert_eq!(
            std::fs::read(&path).unwrap(),
            eager.thumbs[1].jpeg,
            "byte-identical"
        );
        assert!(
            !thumbs::is_cached(&cache, photo.hash.as_deref().unwrap(), GRID),
            "only the preview"
        );
    }

    #[test]
    fn make_all_counts_made_cached_and_failed_and_stops_when_cancelled() {
        let tmp = tempfile::tempdir().unwrap();
        let photo = photo_file(tmp.path());
        let mut second = photo.clone();
        second.hash = Some("cd".repeat(32));
        let mut gone = photo.clone();
        gone.hash = Some("ef".repeat(32));
        gone.path = tmp.path().join("moved-away.jpg");
        let cache = tmp.path().join("thumbs");
        make_one(&cache, &photo).unwrap();
        let calls = AtomicUsize::new(0);
        let report = make_all(
            &cache,
            &[photo.clone(), second.clone(), gone],
            &AtomicBool::new(false),
            &|_, total| {
                assert_eq!(total, 3);
                calls.fetch_add(1, Ordering::Relaxed);
            },
        );
        assert_eq!((report.made, report.cached), (1, 1));
        assert_eq!(report.failed.len(), 1);
        assert!(report.failed[0].reason.contains("moved-away.jpg"));
        assert!(!report.cancelled);
        assert_eq!(calls.load(Ordering::Relaxed), 3);

        let report = make_all(&cache, &[photo], &AtomicBool::new(true), &|_, _| {});
        assert!(report.cancelled);
        assert_eq!(report.made + report.cached, 0);
    }
}
