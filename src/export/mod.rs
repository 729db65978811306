//! Export: a trip published as a static HTML gallery or a Markdown blog post, private by
//! default (no EXIF in images, no locations, hidden photos never), incremental (images keyed on
//! content hash + size + settings; only files this export created are ever replaced or removed)
//! and written so that a crash or a full disk leaves no half-written page.
//!
//! - `site`: the model the pages are rendered from; `render`: templates and assets;
//! - `images`: the image files, with `gps_exif` the only metadata they may carry; `manifest`: what an export folder holds and who made it;
//! - `place_names`: place names for `with_location`; `privacy`: the names of people who asked
//!   not to be published, found and replaced in every published text.

mod gps_exif;
pub mod images;
mod manifest;
mod place_names;
mod prepare;
mod privacy;
pub mod render;
pub mod site;
mod writer;

use crate::catalog::Catalog;
use crate::library::Library;
use crate::Result;
use manifest::Manifest;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

/// Long edges every photo is exported in unless asked otherwise.
pub const DEFAULT_SIZES: [u32; 3] = [480, 1024, 2048];

/// What is exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// `index.html`, one page per day, assets, images.
    #[default]
    Html,
    /// `post.md` with front matter, and the images beside it.
    Markdown,
}

/// How to export a trip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportOptions {
    pub trip: String,
    /// The export folder: created when missing; must be empty or an earlier Lanyard export.
    pub out: PathBuf,
    pub format: ExportFormat,
    /// Put place names and map links on the pages. Images still carry no coordinates.
    pub with_location: bool,
    /// Embed GPS coordinates in the exported image files (a separate, explicit choice).
    pub embed_gps: bool,
    /// Publish damaged photos too (truncated files, shown with what could be decoded).
    #[serde(default)]
    pub include_damaged: bool,
    /// Long edges in pixels, e.g. [480, 1024, 2048]; sorted and deduplicated before use. Empty
    /// or missing: [`DEFAULT_SIZES`] (the plan says which sizes it uses).
    #[serde(default)]
    pub sizes: Vec<u32>,
}

/// What an export will publish, reported before anything is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportPlan {
    pub trip: String,
    pub out: PathBuf,
    pub format: ExportFormat,
    /// Photos that will be published.
    pub photos: usize,
    /// Day pages (or post sections).
    pub days: usize,
    /// Image files (photos × sizes, fewer when an original is smaller than a size).
    pub images: usize,
    pub sizes: Vec<u32>,
    /// Never exported.
    pub hidden_left_out: usize,
    /// Photos tagged with a person who asked not to be published: left out.
    pub private_left_out: usize,
    /// People of the trip who asked not to be published: never named in any exported file (their
    /// name in a caption or notes becomes "someone").
    pub private_people: usize,
    /// Sessions of the agenda the pages show (with published photos or with notes).
    pub sessions: usize,
    /// People named as met over the published days (marked met, or tagged on a published
    /// photo).
    pub people_named: usize,
    /// Photos without a date: a gallery is laid out by day, so they are left out.
    pub undated_left_out: usize,
    /// Photos whose pixels could not be decoded at import (no thumbnail).
    pub unreadable_left_out: usize,
    /// Damaged photos (truncated files) left out because `include_damaged` is off.
    pub damaged_left_out: usize,
    /// Photos dated far outside the trip (strays): never exported.
    pub outside_left_out: usize,
    /// Place names / map links on the pages.
    pub location_on_pages: bool,
    /// GPS coordinates inside the image files.
    pub location_in_images: bool,
    /// Always false: file names are generated.
    pub original_file_names: bool,
    /// Always false: no camera make/model, serial numbers or other EXIF.
    pub camera_metadata: bool,
    /// The folder already holds an earlier export, which will be updated in place.
    pub updates_existing: bool,
    /// The plan in sentences a person reads before confirming ("Publishes 36 photos in 3 days.").
    pub summary: Vec<String>,
}

/// Which part of the export is running.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportPhase {
    Images,
    Pages,
}

/// Progress, in order: `Planned`, `Progress`…, `Finished`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ExportEvent {
    Planned {
        plan: ExportPlan,
    },
    Progress {
        phase: ExportPhase,
        done: usize,
        total: usize,
    },
    Finished {
        report: ExportReport,
    },
}

/// A photo that could not be exported (its page leaves it out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportFailure {
    pub photo_id: i64,
    pub file_name: String,
    pub reason: String,
}

/// How an export ended.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportReport {
    pub plan: ExportPlan,
    /// Files written (images encoded or copied, pages and assets whose bytes changed).
    pub written: usize,
    /// Files already in the folder with the right content, left untouched.
    pub reused: usize,
    /// Files of an earlier export that are no longer part of it, removed.
    pub removed: usize,
    /// Bytes written.
    pub bytes_written: u64,
    /// Bytes of the whole export as it now stands.
    pub total_bytes: u64,
    /// Image files encoded from the photos (the costly part); the rest of `written` are pages,
    /// assets and images reused from the thumbnail cache.
    pub images_encoded: usize,
    /// What to open: `<out>/index.html` or `<out>/post.md`.
    pub entry: PathBuf,
    pub failed: Vec<ExportFailure>,
}

/// Reports what exporting with `options` would publish; writes nothing. Refuses a folder that
/// holds anything but an earlier Lanyard export.
pub fn plan(catalog: &Catalog, options: &ExportOptions) -> Result<ExportPlan> {
    let (existing, _) = Manifest::load(&options.out)?;
    Ok(prepare::prepare(catalog, options, &existing)?.plan)
}

/// Exports a trip into `options.out`: emits `Planned` before writing anything, then progress,
/// then `Finished`. A photo that cannot be decoded is left out and listed in the report; any
/// other failure stops the export with the folder still recognised as ours (a re-run finishes
/// it). Cancelling stops between photos and returns `Error::Cancelled`.
pub fn run(
    library: &Library,
    catalog: &Catalog,
    options: &ExportOptions,
    cancel: &AtomicBool,
    on_event: &dyn Fn(ExportEvent),
) -> Result<ExportReport> {
    let (existing, _) = Manifest::load(&options.out)?;
    let prepared = prepare::prepare(catalog, options, &existing)?;
    on_event(ExportEvent::Planned {
        plan: prepared.plan.clone(),
    });
    writer::write(library, &prepared, existing, cancel, on_event)
}
