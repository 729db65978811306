//! Writing an export folder: images in parallel (reused when their key is unchanged, moved when
//! a photo changed place), then pages and assets, then the removal of files the export no
//! longer needs. Every file is written atomically; the manifest claims a file before it is
//! written, so a crash or a cancel leaves a folder the next export recognises and finishes.

use super::images::{self, ImageSource};
use super::manifest::{self, Entry, Manifest};
use super::prepare::{self, PhotoJob, Prepared, Written};
use super::render;
use super::{ExportEvent, ExportFailure, ExportFormat, ExportPhase, ExportReport};
use crate::files::write_atomic;
use crate::library::Library;
use crate::{Error, Result};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

/// Where images that change place wait while the files they replace are rewritten.
const STASH: &str = ".lanyard-stash";

/// Counts for the report.
#[derive(Default)]
struct Tally {
    written: usize,
    reused: usize,
    bytes_written: u64,
    images_encoded: usize,
}

/// What one photo's worker did.
enum Outcome {
    Done(Vec<(String, Entry, bool)>),
    /// The photo cannot be exported (its pixels); the export goes on without it.
    Failed(String),
    /// The export folder cannot be written (full, read-only): the export stops.
    Stop(Error),
}

pub fn write(
    library: &Library,
    prepared: &Prepared,
    mut manifest: Manifest,
    cancel: &AtomicBool,
    on_event: &dyn Fn(ExportEvent),
) -> Result<ExportReport> {
    let out = prepared.options.out.as_path();
    std::fs::create_dir_all(out).map_err(|source| Error::Write {
        path: out.to_path_buf(),
        source,
    })?;
    let old = manifest.clone();

    // Claim every file this run may write before writing any.
    for job in prepared.days.iter().flat_map(|d| &d.photos) {
        for file in &job.files {
            manifest
                .files
                .entry(file.path.clone())
                .or_insert_with(pending);
        }
    }
    manifest.save(out)?;

    let stash = stash_moves(out, prepared, &old)?;
    let mut tally = Tally::default();
    let mut written: Written = HashMap::new();
    let mut failed = Vec::new();
    let jobs: Vec<&PhotoJob> = prepared.days.iter().flat_map(|d| &d.photos).collect();
    let total = jobs.len();
    let thumbs_dir = library.thumbs_dir();
    let (tx, rx) = mpsc::channel::<(usize, Outcome)>();
    let stop = AtomicBool::new(false);
    let mut fatal = None;
    std::thread::scope(|scope| {
        let jobs = &jobs;
        let (old, stash, thumbs_dir, stop) = (&old, &stash, thumbs_dir.as_path(), &stop);
        scope.spawn(move || {
            jobs.par_iter()
                .enumerate()
                .for_each_with(tx, |tx, (i, job)| {
                    if cancel.load(Ordering::Relaxed) || stop.load(Ordering::Relaxed) {
                        return;
                    }
                    let _ = tx.send((i, photo_files(out, job, old, stash, thumbs_dir)));
                });
        });
        for (done, (i, outcome)) in (1..).zip(rx) {
            match outcome {
                Outcome::Done(files) => {
                    for (path, entry, fresh) in files {
                        written.insert(path.clone(), (entry.width, entry.height));
                        if fresh {
                            tally.written += 1;
                            tally.bytes_written += entry.bytes;
                        } else {
                            tally.reused += 1;
                        }
                        manifest.files.insert(path, entry);
                    }
                }
                Outcome::Failed(reason) => failed.push(ExportFailure {
                    photo_id: jobs[i].photo.id,
                    file_name: jobs[i].photo.file_name(),
                    reason,
                }),
                Outcome::Stop(error) => {
                    stop.store(true, Ordering::Relaxed);
                    fatal.get_or_insert(error);
                }
            }
            on_event(ExportEvent::Progress {
                phase: ExportPhase::Images,
                done,
                total,
            });
        }
    });
    tally.images_encoded = tally.written;
    if let Some(error) = fatal {
        // Best effort: the folder may be full; the pending manifest already claims every file.
        let _ = manifest.save(out);
        let _ = std::fs::remove_dir_all(out.join(STASH));
        return Err(error);
    }
    manifest.save(out)?;
    if cancel.load(Ordering::Relaxed) {
        let _ = std::fs::remove_dir_all(out.join(STASH));
        return Err(Error::Cancelled);
    }

    // Pages and assets.
    let site = prepare::site(prepared, &written);
    let mut texts: Vec<(String, Vec<u8>)> = Vec::new();
    match prepared.options.format {
        ExportFormat::Html => {
            for page in render::html_pages(&site)? {
                texts.push((page.path, page.text.into_bytes()));
            }
            for (path, bytes) in render::assets() {
                texts.push((path.to_string(), bytes.to_vec()));
            }
        }
        ExportFormat::Markdown => {
            let post = render::markdown_post(&site)?;
            texts.push((post.path, post.text.into_bytes()));
        }
    }
    let page_paths: Vec<String> = texts.iter().map(|(path, _)| path.clone()).collect();
    for path in &page_paths {
        manifest.files.entry(path.clone()).or_insert_with(pending);
    }
    manifest.save(out)?;
    let pages_total = texts.len();
    for (done, (path, bytes)) in (1..).zip(texts) {
        let key = blake3::hash(&bytes).to_hex()[..32].to_string();
        let unchanged = old
            .intact(out, &path)
            .is_some_and(|entry| entry.key == key && unchanged_on_disk(out, &path, &bytes));
        if unchanged {
            tally.reused += 1;
        } else {
            let target = manifest::native(out, &path);
            write_atomic(&target, &bytes).map_err(|source| Error::Write {
                path: target,
                source,
            })?;
            tally.written += 1;
            tally.bytes_written += bytes.len() as u64;
        }
        manifest.files.insert(
            path,
            Entry {
                key,
                bytes: bytes.len() as u64,
                width: 0,
                height: 0,
            },
        );
        on_event(ExportEvent::Progress {
            phase: ExportPhase::Pages,
            done,
            total: pages_total,
        });
    }

    // What the export no longer needs: only files an export made, and the folders it made
    // once they are empty.
    let keep: HashSet<&str> = written
        .keys()
        .chain(&page_paths)
        .map(String::as_str)
        .collect();
    let stale: Vec<String> = manifest
        .files
        .keys()
        .filter(|p| !keep.contains(p.as_str()))
        .cloned()
        .collect();
    let mut removed = 0;
    for path in &stale {
        match std::fs::remove_file(manifest::native(out, path)) {
            Ok(()) => removed += 1,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => {
                manifest.save(out)?;
                return Err(Error::Write {
                    path: manifest::native(out, path),
                    source,
                });
            }
        }
        manifest.files.remove(path);
        remove_empty_parents(out, path);
    }
    let _ = std::fs::remove_dir_all(out.join(STASH));
    manifest.save(out)?;

    let entry = out.join(match prepared.options.format {
        ExportFormat::Html => "index.html",
        ExportFormat::Markdown => "post.md",
    });
    let report = ExportReport {
        plan: prepared.plan.clone(),
        written: tally.written,
        reused: tally.reused,
        removed,
        bytes_written: tally.bytes_written,
        total_bytes: manifest.files.values().map(|e| e.bytes).sum(),
        images_encoded: tally.images_encoded,
        entry,
        failed,
    };
    on_event(ExportEvent::Finished {
        report: report.clone(),
    });
    Ok(report)
}

fn pending() -> Entry {
    Entry {
        key: String::new(),
        bytes: 0,
        width: 0,
        height: 0,
    }
}

/// Equal size was checked from the manifest; pages are small, so compare the bytes too (a
/// hand edit of the same length must not survive a re-export).
fn unchanged_on_disk(out: &Path, rel: &str, bytes: &[u8]) -> bool {
    std::fs::read(manifest::native(out, rel)).is_ok_and(|on_disk| on_disk == bytes)
}

/// Images whose key now belongs at another path (a photo moved day or position) are linked into
/// the stash before anything is overwritten. Key → stashed file and its manifest entry.
fn stash_moves(out: &Path, prepared: &Prepared, old: &Manifest) -> Result<Stash> {
    let mut by_key: HashMap<&str, (&str, &Entry)> = HashMap::new();
    for (path, entry) in &old.files {
        if !entry.key.is_empty() && entry.width > 0 {
            by_key.insert(entry.key.as_str(), (path.as_str(), entry));
        }
    }
    let mut stash = HashMap::new();
    for file in prepared
        .days
        .iter()
        .flat_map(|d| &d.photos)
        .flat_map(|p| &p.files)
    {
        if old.files.get(&file.path).is_some_and(|e| e.key == file.key) {
            continue;
        }
        let Some(&(from, entry)) = by_key.get(file.key.as_str()) else {
            continue;
        };
        if old.intact(out, from).is_none() || stash.contains_key(&file.key) {
            continue;
        }
        let dir = out.join(STASH);
        if stash.is_empty() {
            std::fs::create_dir_all(&dir).map_err(|source| Error::Write {
                path: dir.clone(),
                source,
            })?;
        }
        let to = dir.join(format!("{}.jpg", file.key));
        let _ = std::fs::remove_file(&to);
        let from = manifest::native(out, from);
        if std::fs::hard_link(&from, &to).is_err() {
            std::fs::copy(&from, &to).map_err(|source| Error::Write {
                path: to.clone(),
                source,
            })?;
        }
        stash.insert(file.key.clone(), (to, entry.clone()));
    }
    Ok(stash)
}

/// Image key → its file in the stash and the manifest entry it had.
type Stash = HashMap<String, (PathBuf, Entry)>;

/// Makes (or keeps, or moves) one photo's image files. Runs on the rayon pool.
fn photo_files(
    out: &Path,
    job: &PhotoJob,
    old: &Manifest,
    stash: &Stash,
    thumbs_dir: &Path,
) -> Outcome {
    let mut done = Vec::new();
    let mut missing = Vec::new();
    for file in &job.files {
        if let Some(entry) = old.intact(out, &file.path).filter(|e| e.key == file.key) {
            done.push((file.path.clone(), entry.clone(), false));
            continue;
        }
        if let Some((stashed, entry)) = stash.get(&file.key) {
            let target = manifest::native(out, &file.path);
            let moved = target
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|()| std::fs::hard_link(stashed, tmp_name(&target)))
                .and_then(|()| std::fs::rename(tmp_name(&target), &target));
            if moved.is_ok() {
                done.push((file.path.clone(), entry.clone(), false));
                continue;
            }
            let _ = std::fs::remove_file(tmp_name(&target));
        }
        missing.push(file);
    }
    if missing.is_empty() {
        return Outcome::Done(done);
    }
    let (display_width, display_height) = job.photo.display_size();
    let source = ImageSource {
        path: &job.photo.path,
        hash: job.photo.hash.as_deref(),
        format: job.photo.format,
        orientation: job.photo.orientation,
        display_width,
        display_height,
        embed_gps: job.gps_to_embed,
    };
    let sizes: Vec<u32> = missing.iter().map(|f| f.size).collect();
    let variants = match images::render(&source, &sizes, thumbs_dir) {
        Ok(variants) => variants,
        Err(e) => return Outcome::Failed(e.to_string()),
    };
    for (file, variant) in missing.iter().zip(variants) {
        let target = manifest::native(out, &file.path);
        if let Err(source) = write_atomic(&target, &variant.jpeg) {
            return Outcome::Stop(Error::Write {
                path: target,
                source,
            });
        }
        let entry = Entry {
            key: file.key.clone(),
            bytes: variant.jpeg.len() as u64,
            width: variant.width,
            height: variant.height,
        };
        done.push((file.path.clone(), entry, true));
    }
    Outcome::Done(done)
}

fn tmp_name(target: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(target.file_name().unwrap_or_default());
    name.push(".moving");
    target.with_file_name(name)
}

/// Removes `day-2/` once its last file is gone (never a folder with anything left in it).
fn remove_empty_parents(out: &Path, rel: &str) {
    let mut parts: Vec<&str> = rel.split('/').collect();
    parts.pop();
    while !parts.is_empty() {
        let dir = manifest::native(out, &parts.join("/"));
        if std::fs::remove_dir(&dir).is_err() {
            break;
        }
        parts.pop();
    }
}
