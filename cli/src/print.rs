//! Output for a person (aligned text) and for programs (JSON), rendered to strings; `main`
//! writes them (and treats a closed pipe, as in `lanyard timeline | head`, as success).

use anyhow::Result;
use lanyard::calibration::CameraCalibration;
use lanyard::catalog::TripSummary;
use lanyard::export::ExportReport;
use lanyard::import::ImportReport;
use lanyard::journal::{AgendaList, Calibration, PersonView, TripSettings};
use lanyard::model::{format_clock, format_day_start, format_shift};
use lanyard::previews::PreviewReport;
use lanyard::timeline::{Timeline, TimelinePhoto};
use serde::Serialize;
use std::fmt::Write as _;

pub fn json(value: &impl Serialize) -> Result<String> {
    Ok(serde_json::to_string_pretty(value)? + "\n")
}

pub fn preview_report(report: &PreviewReport) -> String {
    let mut out = format!(
        "{} previews made, {} already there, {} failed{}\n",
        report.made,
        report.cached,
        report.failed.len(),
        if report.cancelled { " (cancelled)" } else { "" }
    );
    for failure in &report.failed {
        let _ = writeln!(
            out,
            "  no preview  {}: {}",
            failure.path.display(),
            failure.reason
        );
    }
    out
}

pub fn import_report(report: &ImportReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Trip {:?}: {} imported, {} duplicates, {} skipped, {} failed",
        report.trip,
        report.imported,
        report.duplicates,
        report.skipped,
        report.failed.len()
    );
    for failure in &report.failed {
        let _ = writeln!(
            out,
            "  failed  {}: {}",
            failure.path.display(),
            failure.reason
        );
    }
    if !report.thumbnail_failures.is_empty() {
        let _ = writeln!(
            out,
            "{} photos have no thumbnail (they are imported and dated):",
            report.thumbnail_failures.len()
        );
        for failure in &report.thumbnail_failures {
            let _ = writeln!(
                out,
                "  no thumbnail  {}: {}",
                failure.path.display(),
                failure.reason
            );
        }
    }
    for failure in &report.damaged {
        let _ = writeln!(
            out,
            "  damaged  {}: {}",
            failure.path.display(),
            failure.reason
        );
    }
    if report.outside > 0 {
        let _ = writeln!(
            out,
            "{} dated far from the rest of the trip: set aside under \"Outside this trip\" \
             (see `lanyard timeline`)",
            plural(report.outside, "photo", "photos")
        );
    }
    if report.cancelled {
        let _ = writeln!(out, "Cancelled; run the same import again to finish it.");
    }
    out
}

pub fn export_report(report: &ExportReport) -> String {
    let mut out = String::new();
    let mb = |bytes: u64| bytes as f64 / 1_000_000.0;
    let _ = writeln!(
        out,
        "Exported {} photos of {:?}: {} files written ({} images encoded), {} reused, {} removed; \
         {:.1} MB written, {:.1} MB in all",
        report.plan.photos - report.failed.len(),
        report.plan.trip,
        report.written,
        report.images_encoded,
        report.reused,
        report.removed,
        mb(report.bytes_written),
        mb(report.total_bytes)
    );
    for failure in &report.failed {
        let _ = writeln!(
            out,
            "  left out  {} (photo {}): {}",
            failure.file_name, failure.photo_id, failure.reason
        );
    }
    let _ = writeln!(out, "Open {}", report.entry.display());
    out
}

#[derive(Serialize)]
pub struct TripJson<'a> {
    name: &'a str,
    timezone: Option<&'a str>,
    day_start: String,
    photos: i64,
    /// Cameras whose clock is not the trip's time: "+01:03:10", "America/Chicago", …
    clocks: Vec<ClockJson<'a>>,
}

#[derive(Serialize)]
pub struct ClockJson<'a> {
    camera: &'a str,
    clock: String,
}

pub fn trips_json(trips: &[TripSummary]) -> Vec<TripJson<'_>> {
    trips
        .iter()
        .map(|t| TripJson {
            name: &t.trip.name,
            timezone: t.trip.timezone.as_deref(),
            day_start: format_day_start(t.trip.day_start),
            photos: t.photo_count,
            clocks: t
                .trip
                .clocks
                .iter()
                .map(|c| ClockJson {
                    camera: &c.camera,
                    clock: format_clock(&c.clock),
                })
                .collect(),
        })
        .collect()
}

pub fn trips(trips: &[TripSummary]) -> String {
    let mut out = String::new();
    if trips.is_empty() {
        let _ = writeln!(
            out,
            "No trips yet. Import photos with: lanyard import --trip NAME FOLDER"
        );
    }
    for t in trips {
        let _ = writeln!(
            out,
            "{:<30} {:>6} photos  {}",
            t.trip.name,
            t.photo_count,
            t.trip.timezone.as_deref().unwrap_or("zone from photos")
        );
    }
    out
}

pub fn trip_header(timeline: &Timeline) -> String {
    let mut out = String::new();
    let trip = &timeline.trip;
    let _ = writeln!(
        out,
        "{} — {}{}, days start at {}",
        trip.name,
        trip.timezone,
        if trip.timezone_detected {
            " (detected)"
        } else {
            ""
        },
        format_day_start(trip.day_start)
    );
    out
}

/// One photo. `with_offset` on a day when the clocks change, where "01:15" alone would not say
/// which of the two 01:15s it was: "01:15-06:00".
fn photo_line(photo: &TimelinePhoto, with_offset: bool) -> String {
    let format = if with_offset { "%H:%M%:z" } else { "%H:%M" };
    let time = photo
        .local_time
        .as_ref()
        .map(|t| t.strftime(format).to_string())
        .unwrap_or_else(|| "  -  ".to_string());
    // Away from the trip's main zone a time says its zone: "09:10 CET".
    let time = match &photo.zone_label {
        Some(label) => format!("{time} {label}"),
        None => time,
    };
    let name = std::path::Path::new(&photo.path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let source = photo.time_source.map(|s| s.as_str()).unwrap_or("no time");
    let shifted = photo
        .shifted_by
        .map(|s| format!(" shifted {}", format_shift(s)))
        .unwrap_or_default();
    let caption = if photo.caption.is_empty() {
        String::new()
    } else {
        format!("  “{}”", photo.caption)
    };
    format!(
        "  {time}  #{:<5} {name}  [{source}{shifted}] {}{caption}",
        photo.id,
        photo.camera.as_deref().unwrap_or("")
    )
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Each camera's clock: "FUJIFILM X-T4: clock UTC+01:03:10 (adds -7h3m10s at its median
/// photo)".
pub fn clocks(settings: &TripSettings) -> String {
    let mut out = String::new();
    for camera in &settings.cameras {
        let shift = camera
            .shift
            .as_deref()
            .map(|s| format!(" (adds {s} at its median photo)"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{}: clock {} [{}]{shift}",
            camera.camera, camera.clock_text, camera.clock
        );
    }
    out
}

/// The agenda, day by day: "  ✓ 09:00–09:20  Hall F3  Keynote: Welcome - Priyanka Sharma".
pub fn agenda(list: &AgendaList) -> String {
    let mut out = String::new();
    let mut day = None;
    for s in &list.sessions {
        if day.as_ref() != Some(&s.date) {
            let label = s
                .date
                .parse()
                .map(lanyard::model::long_date)
                .unwrap_or_else(|_| s.date.clone());
            let number = s.day.map(|n| format!("Day {n} · ")).unwrap_or_default();
            let _ = writeln!(out, "\n{number}{label}");
            day = Some(s.date.clone());
        }
        let mark = match s.attendance {
            "marked" => "✓",
            "inferred" => "~",
            "no" => "✗",
            _ => " ",
        };
        let time = |t: &str| t.get(11..16).unwrap_or("").to_string();
        let speakers: Vec<String> = s
            .speakers
            .iter()
            .map(|p| match &p.company {
                Some(c) => format!("{}, {c}", p.name),
                None => p.name.clone(),
            })
            .collect();
        let who = if speakers.is_empty() {
            String::new()
        } else {
            format!(" - {}", speakers.join(" & "))
        };
        let photos = if s.photos > 0 {
            format!("  [{}]", plural(s.photos, "photo", "photos"))
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "  {mark} {}–{}  {:<12} {}{who}{photos}  ({})",
            time(&s.start),
            time(&s.end),
            s.room.as_deref().unwrap_or(""),
            s.title,
            s.uid
        );
    }
    out
}

/// The people: name, affiliation, link, and what ties them to the trip.
pub fn people(people: &[PersonView]) -> String {
    let mut out = String::new();
    for p in people {
        let org = p
            .person
            .org
            .as_deref()
            .map(|o| format!(", {o}"))
            .unwrap_or_default();
        let link = p
            .person
            .link
            .as_deref()
            .map(|l| format!(" <{l}>"))
            .unwrap_or_default();
        let private = if p.person.private { " (private)" } else { "" };
        let _ = writeln!(
            out,
            "{}{org}{link}{private}: {} sessions, {} photos, met on {}",
            p.person.name,
            p.sessions.len(),
            p.photos.len(),
            if p.met.is_empty() {
                "no day".to_string()
            } else {
                p.met.join(", ")
            }
        );
    }
    out
}

/// Each camera's suggestion with its evidence, or why there is none.
pub fn calibration(found: &Calibration, applied: bool) -> String {
    let mut out = String::new();
    if found.cameras.is_empty() {
        let _ = writeln!(
            out,
            "No camera without UTC offsets in this trip: nothing to calibrate."
        );
    }
    for camera in &found.cameras {
        match camera {
            CameraCalibration::Suggestion(s) => {
                let _ = writeln!(out, "{}", s.text);
                let _ = writeln!(
                    out,
                    "  clock {} ({} model, now {}): {} matched, {} alike in picture, \
                     residuals {:.0} s, confidence {:.2}, {} change day",
                    s.clock,
                    match s.model {
                        lanyard::calibration::Model::Fixed => "fixed offset",
                        lanyard::calibration::Model::Zone => "follows DST",
                    },
                    s.current,
                    plural(s.pairs, "photo", "photos"),
                    s.visual,
                    s.residual_s,
                    s.confidence,
                    plural(s.changes_day, "photo", "photos")
                );
                let _ = writeln!(
                    out,
                    "  {}",
                    if applied {
                        "applied".to_string()
                    } else {
                        format!(
                            "apply with: lanyard calibrate --apply, or lanyard shift --camera {:?} --clock {}",
                            s.camera, s.clock
                        )
                    }
                );
            }
            CameraCalibration::NoSuggestion { camera, none } => {
                let _ = writeln!(out, "{camera}: no suggestion: {none}");
            }
        }
    }
    out
}

pub fn timeline(timeline: &Timeline) -> String {
    let mut out = String::new();
    out.push_str(&trip_header(timeline));
    for day in &timeline.days {
        let title = if day.title.is_empty() {
            String::new()
        } else {
            format!(" — {}", day.title)
        };
        let _ = writeln!(out, "\nDay {} · {}{title}", day.number, day.label);
        if !day.notes.is_empty() {
            for line in day.notes.lines() {
                let _ = writeln!(out, "  > {line}");
            }
        }
        if day.photos.is_empty() {
            let _ = writeln!(out, "  (no photos)");
        }
        let mut changes = day.clock_changes.iter().peekable();
        for (index, photo) in day.photos.iter().enumerate() {
            while let Some(change) = changes.next_if(|c| c.index <= index) {
                let _ = writeln!(out, "  ~~ {} ~~", change.text);
            }
            let _ = writeln!(out, "{}", photo_line(photo, !day.clock_changes.is_empty()));
        }
        for change in changes {
            let _ = writeln!(out, "  ~~ {} ~~", change.text);
        }
    }
    if !timeline.outside.is_empty() {
        let _ = writeln!(
            out,
            "\nOutside this trip (dated far from the rest; not on any day, never exported)"
        );
        for photo in &timeline.outside {
            let date = photo.date.map(|d| d.to_string()).unwrap_or_default();
            let _ = writeln!(out, "  {date}{}", photo_line(photo, false));
        }
    }
    if !timeline.undated.is_empty() {
        let _ = writeln!(out, "\nUndated");
        for photo in &timeline.undated {
            let _ = writeln!(out, "{}", photo_line(photo, false));
        }
    }
    out
}
