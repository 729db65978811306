//! Import: discover files, read their metadata into the catalog (committed in small
//! transactions, so a kill loses nothing and a re-run completes the work), then hash them and
//! make thumbnails in parallel. A file is hashed before it joins the timeline only when another
//! photo has its byte size: only then can it be a duplicate, and the hash decides. Progress goes
//! to a callback; a cancel flag stops it cleanly.

mod discover;
mod examine;
mod thumbnails;

pub use discover::{dialog_extensions, discover, has_photo_extension, Discovery, PHOTO_EXTENSIONS};

use crate::catalog::Catalog;
use crate::library::Library;
use crate::Result;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// How many files share one catalog transaction in the metadata phase: small enough that a
/// kill loses little, large enough that commits don't dominate.
const METADATA_BATCH: usize = 64;
/// Threads of the metadata phase. Reading a file's head waits on the disk far more than parsing
/// it computes, and more reads in flight are served sooner: 1,000 photos not in the page cache,
/// 1.11–1.17 s with 2 threads, 0.97–1.07 s with 8.
const HEAD_READERS: usize = 8;

/// What to import and where.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The trip the photos join (created when new).
    pub trip: String,
    /// Files and folders, as the user gave them.
    pub paths: Vec<PathBuf>,
    /// Make thumbnails after the metadata phase.
    pub thumbnails: bool,
}

/// An input that did not become a photo, or a photo whose thumbnail could not be made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    pub path: PathBuf,
    /// One line a person can act on.
    pub reason: String,
}

impl Failure {
    pub fn new(path: &Path, reason: impl Into<String>) -> Failure {
        Failure {
            path: path.to_path_buf(),
            reason: reason.into(),
        }
    }
}

/// The two phases, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    Metadata,
    Thumbnails,
}

/// What an import reports while it runs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "event", rename_all = "kebab-case")]
pub enum ImportEvent {
    /// Files were found; `total` will be examined.
    Started {
        trip: String,
        total: usize,
    },
    Progress {
        phase: Phase,
        done: usize,
        total: usize,
        current: PathBuf,
    },
    FileFailed {
        path: PathBuf,
        reason: String,
    },
    /// A phase ended. After `Metadata` the trip's timeline is complete.
    PhaseFinished {
        phase: Phase,
    },
    Finished {
        report: ImportReport,
    },
}

/// How every input ended.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ImportReport {
    pub trip: String,
    pub imported: usize,
    pub duplicates: usize,
    pub skipped: usize,
    pub failed: Vec<Failure>,
    /// Photos whose thumbnails were made in this run.
    pub thumbnails: usize,
    /// Photos imported and dated, but whose pixels could not be decoded.
    pub thumbnail_failures: Vec<Failure>,
    /// Damaged files (truncated JPEGs) whose readable part made the thumbnails; among
    /// `thumbnails`.
    pub damaged: Vec<Failure>,
    /// Photos of this run whose date is far outside the rest of the trip (a photo from another
    /// year in the same folder): imported, but in the trip's "Outside this trip" list.
    pub outside: usize,
    /// The run was cancelled; what was done so far is kept.
    pub cancelled: bool,
}

/// How many of the `imported` photos the trip's timeline sets aside as outside the trip.
fn landed_outside(catalog: &Catalog, trip: &str, imported: &[i64]) -> Result<usize> {
    if imported.is_empty() {
        return Ok(0);
    }
    let trip = catalog.trip(trip)?;
    let photos = catalog.photos_of_trip(trip.id)?;
    let timeline = crate::timeline::build(&photos, &trip, &Default::default());
    Ok(timeline
        .outside
        .iter()
        .filter(|p| imported.contains(&p.id))
        .count())
}

/// A trip name for photos dropped without one: the folder's name.
pub fn default_trip_name(paths: &[PathBuf]) -> String {
    paths
        .first()
        .and_then(|p| {
            let abs = std::path::absolute(p).unwrap_or_else(|_| p.clone());
            let folder = if abs.is_dir() {
                Some(abs.as_path())
            } else {
                abs.parent()
            };
            folder
                .and_then(|f| f.file_name())
                .map(|n| n.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| "Imported photos".to_string())
}

/// Which files are hashed before they join the timeline: those sharing their byte size with
/// another file of this import or with a catalogued photo (a file of any other size cannot be
/// a duplicate). Catalogued photos of those sizes still without their hash are hashed here
/// first, so that the catalog's hashes decide.
fn might_be_duplicates(catalog: &mut Catalog, files: &[PathBuf]) -> Result<impl Fn(&Path) -> bool> {
    let sizes: HashMap<PathBuf, u64> = files
        .par_iter()
        .filter_map(|path| Some((path.clone(), std::fs::metadata(path).ok()?.len())))
        .collect();
    let mut count: HashMap<u64, usize> = HashMap::new();
    for size in sizes.values() {
        *count.entry(*size).or_default() += 1;
    }
    let distinct: Vec<u64> = count.keys().copied().collect();
    let taken = catalog.sizes_taken(&distinct)?;
    let shared: Vec<u64> = taken.iter().copied().collect();
    let unhashed = catalog.unhashed_of_sizes(&shared)?;
    let hashes: Vec<(i64, String)> = unhashed
        .par_iter()
        .filter_map(|(id, path)| {
            let bytes = std::fs::read(path).ok()?;
            Some((*id, blake3::hash(&bytes).to_hex().to_string()))
        })
        .collect();
    catalog.set_hashes(&hashes)?;
    Ok(move |path: &Path| {
        sizes
            .get(path)
            .is_none_or(|size| count[size] > 1 || taken.contains(size))
    })
}

/// Runs an import. One bad file never stops it: it becomes a row in the report.
pub fn run(
    library: &Library,
    catalog: &mut Catalog,
    options: &ImportOptions,
    cancel: &AtomicBool,
    on_event: &dyn Fn(ImportEvent),
) -> Result<ImportReport> {
    let trip = catalog.ensure_trip(&options.trip)?;
    let found = discover(&options.paths);
    let mut report = ImportReport {
        trip: trip.name.clone(),
        skipped: found.skipped.len(),
        ..ImportReport::default()
    };
    for failure in found.failed {
        on_event(ImportEvent::FileFailed {
            path: failure.path.clone(),
            reason: failure.reason.clone(),
        });
        report.failed.push(failure);
    }
    let total = found.files.len();
    on_event(ImportEvent::Started {
        trip: trip.name.clone(),
        total,
    });

    // Phase 1: metadata. Each batch is read in parallel, then committed in one transaction.
    let hash_now = might_be_duplicates(catalog, &found.files)?;
    let readers = rayon::ThreadPoolBuilder::new()
        .num_threads(HEAD_READERS)
        .thread_name(|i| format!("import-read-{i}"))
        .build()
        .ok();
    let mut done = 0;
    let mut imported = Vec::new();
    for batch in found.files.chunks(METADATA_BATCH) {
        if cancel.load(Ordering::Relaxed) {
            report.cancelled = true;
            break;
        }
        let examine_all = || -> Vec<_> {
            batch
                .par_iter()
                .map(|path| examine::examine(path, hash_now(path)))
                .collect()
        };
        let examined = match &readers {
            Some(pool) => pool.install(examine_all),
            None => examine_all(),
        };
        let mut photos = Vec::with_capacity(examined.len());
        for (path, outcome) in batch.iter().zip(examined) {
            match outcome {
                Ok(photo) => photos.push(photo),
                Err(reason) => {
                    on_event(ImportEvent::FileFailed {
                        path: path.clone(),
                        reason: reason.clone(),
                    });
                    report.failed.push(Failure::new(path, reason));
                }
            }
        }
        for id in catalog.insert_photos(trip.id, &photos)? {
            match id {
                Some(id) => {
                    report.imported += 1;
                    imported.push(id);
                }
                None => report.duplicates += 1,
            }
        }
        done += batch.len();
        on_event(ImportEvent::Progress {
            phase: Phase::Metadata,
            done,
            total,
            current: batch[batch.len() - 1].clone(),
        });
    }
    report.outside = landed_outside(catalog, &trip.name, &imported)?;
    on_event(ImportEvent::PhaseFinished {
        phase: Phase::Metadata,
    });

    // Phase 2: hashes and thumbnails for every photo of the trip still without them, including
    // those an interrupted run left behind. Without thumbnails, photos stay unhashed too until
    // an import makes them.
    if options.thumbnails && !report.cancelled {
        thumbnails::run(library, catalog, trip.id, cancel, on_event, &mut report)?;
        on_event(ImportEvent::PhaseFinished {
            phase: Phase::Thumbnails,
        });
    }
    on_event(ImportEvent::Finished {
        report: report.clone(),
    });
    Ok(report)
}
