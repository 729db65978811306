//! Output for a person (aligned text) and for programs (JSON on stdout).

use anyhow::Result;
use lanyard::catalog::TripSummary;
use lanyard::import::ImportReport;
use lanyard::timeline::{format_day_start, format_shift, Timeline, TimelinePhoto};
use serde::Serialize;

pub fn json(value: &impl Serialize) -> Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

pub fn import_report(report: &ImportReport) {
    println!(
        "Trip {:?}: {} imported, {} duplicates, {} skipped, {} failed",
        report.trip,
        report.imported,
        report.duplicates,
        report.skipped,
        report.failed.len()
    );
    for failure in &report.failed {
        println!("  failed  {}: {}", failure.path.display(), failure.reason);
    }
    if !report.thumbnail_failures.is_empty() {
        println!(
            "{} photos have no thumbnail (they are imported and dated):",
            report.thumbnail_failures.len()
        );
        for failure in &report.thumbnail_failures {
            println!("  no thumbnail  {}: {}", failure.path.display(), failure.reason);
        }
    }
    if report.cancelled {
        println!("Cancelled; run the same import again to finish it.");
    }
}

#[derive(Serialize)]
pub struct TripJson<'a> {
    name: &'a str,
    timezone: Option<&'a str>,
    day_start: String,
    photos: i64,
    shifts: Vec<ShiftJson<'a>>,
}

#[derive(Serialize)]
pub struct ShiftJson<'a> {
    camera: &'a str,
    by: String,
}

pub fn trips_json(trips: &[TripSummary]) -> Vec<TripJson<'_>> {
    trips
        .iter()
        .map(|t| TripJson {
            name: &t.trip.name,
            timezone: t.trip.timezone.as_deref(),
            day_start: format_day_start(t.trip.day_start),
            photos: t.photo_count,
            shifts: t
                .trip
                .shifts
                .iter()
                .map(|s| ShiftJson {
                    camera: &s.camera,
                    by: format_shift(s.by),
                })
                .collect(),
        })
        .collect()
}

pub fn trips(trips: &[TripSummary]) {
    if trips.is_empty() {
        println!("No trips yet. Import photos with: lanyard import --trip NAME FOLDER");
    }
    for t in trips {
        println!(
            "{:<30} {:>6} photos  {}",
            t.trip.name,
            t.photo_count,
            t.trip.timezone.as_deref().unwrap_or("zone from photos")
        );
    }
}

pub fn trip_header(timeline: &Timeline) {
    let trip = &timeline.trip;
    println!(
        "{} — {}{}, days start at {}",
        trip.name,
        trip.timezone,
        if trip.timezone_detected { " (detected)" } else { "" },
        format_day_start(trip.day_start)
    );
}

fn photo_line(photo: &TimelinePhoto) -> String {
    let time = photo
        .local_time
        .as_ref()
        .map(|t| t.strftime("%H:%M").to_string())
        .unwrap_or_else(|| "  -  ".to_string());
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

pub fn timeline(timeline: &Timeline) {
    trip_header(timeline);
    for day in &timeline.days {
        let title = if day.title.is_empty() {
            String::new()
        } else {
            format!(" — {}", day.title)
        };
        println!(
            "\nDay {} · {}{title}",
            day.number,
            day.date.strftime("%a %-d %b %Y")
        );
        if !day.notes.is_empty() {
            for line in day.notes.lines() {
                println!("  > {line}");
            }
        }
        if day.photos.is_empty() {
            println!("  (no photos)");
        }
        for photo in &day.photos {
            println!("{}", photo_line(photo));
        }
    }
    if !timeline.undated.is_empty() {
        println!("\nUndated");
        for photo in &timeline.undated {
            println!("{}", photo_line(photo));
        }
    }
}
