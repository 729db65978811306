//! Benchmark, not a test: `lanyard calibrate` on a 2,000-photo trip once its thumbnails exist
//! (the goal is under 1 s). No peer tool calibrates camera clocks, so there is no ratio: the
//! number is Lanyard's own, reported with what it found.
//!
//! `cargo bench -p lanyard-cli --bench calibrate -- [--count N]`
//! The trip: a phone writing offsets and a camera whose clock reads UTC+01:03:10 (a Berlin
//! clock 3 min 10 s fast) in Chicago across the 2023 DST change, sharing one moment in eight
//! (the same picture within a minute). Photos are 320×240, kept in target/bench-calibrate-N.

// Shared with the import and export benchmarks; this one uses only part of it.
#[path = "common.rs"]
#[allow(dead_code)]
mod common;

use common::generated;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use lanyard::sample::{jpeg_with_exif, ExifSpec};
use std::process::Command;
use std::time::{Duration, Instant};

const LANYARD: &str = env!("CARGO_BIN_EXE_lanyard");
/// The camera reads UTC + this.
const CAMERA_CLOCK_S: i64 = 3600 + 190;

fn count() -> usize {
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--count" {
            return args.next().and_then(|n| n.parse().ok()).expect("--count N");
        }
    }
    2000
}

/// A 320×240 picture of moment `seed`: a soft 9×8 pattern of light that is the moment's own
/// (what tells scenes apart to a perceptual hash, as stages, slides and tables do), over
/// noise. The camera's view is brighter and framed a few pixels off.
fn picture(seed: u64, camera: bool) -> Vec<u8> {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let grid: Vec<f64> = (0..72).map(|_| (next() % 160) as f64 + 40.0).collect();
    let (shift, gain) = if camera { (6.0, 12.0) } else { (0.0, 0.0) };
    let image = image::RgbImage::from_fn(320, 240, |x, y| {
        let gx = ((x as f64 + shift) / 320.0 * 8.0).clamp(0.0, 7.999);
        let gy = ((y as f64 + shift) / 240.0 * 7.0).clamp(0.0, 6.999);
        let (ix, iy) = (gx as usize, gy as usize);
        let (tx, ty) = (gx - ix as f64, gy - iy as f64);
        let at = |cx: usize, cy: usize| grid[cy * 9 + cx];
        let v = at(ix, iy) * (1.0 - tx) * (1.0 - ty)
            + at(ix + 1, iy) * tx * (1.0 - ty)
            + at(ix, iy + 1) * (1.0 - tx) * ty
            + at(ix + 1, iy + 1) * tx * ty;
        let noise = ((x * 7 + y * 13) % 9) as f64;
        let v = (v + noise + gain).clamp(0.0, 255.0) as u8;
        image::Rgb([v, v.saturating_add(10), v.saturating_sub(10)])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, if camera { 92 } else { 80 })
        .encode_image(&image)
        .unwrap();
    out
}

fn exif_time(at: &jiff::ZonedDateTime) -> String {
    at.strftime("%Y:%m:%d %H:%M:%S").to_string()
}

/// Phone and camera photos, 60/40, one moment in eight shot by both within a minute.
fn trip(count: usize) -> Vec<(String, Vec<u8>)> {
    let chicago = TimeZone::get("America/Chicago").unwrap();
    let start: Timestamp = "2023-11-04T15:00:00Z".parse().unwrap();
    let span = 6 * 86_400 / count as i64;
    let mut files = Vec::new();
    let mut camera_no = 0;
    for i in 0..count {
        let at = start + SignedDuration::from_secs(i as i64 * span + (i as i64 * 37) % 50);
        let phone_shot = i % 5 < 3;
        let shared = i % 8 == 0;
        let seed = i as u64;
        if phone_shot || shared {
            let local = at.to_zoned_datetime(chicago.clone());
            let spec = ExifSpec {
                make: Some("Google".into()),
                model: Some("Pixel 7".into()),
                datetime_original: Some(exif_time(&local)),
                offset_original: Some(local.strftime("%:z").to_string()),
                ..ExifSpec::default()
            };
            files.push((
                format!("PXL_{i:05}.jpg"),
                jpeg_with_exif(&picture(seed, false), &spec),
            ));
        }
        if !phone_shot || shared {
            camera_no += 1;
            let later = at + SignedDuration::from_secs(if shared { 20 } else { 0 });
            let reading = (later + SignedDuration::from_secs(CAMERA_CLOCK_S))
                .to_zoned_datetime(TimeZone::UTC);
            let spec = ExifSpec {
                make: Some("FUJIFILM".into()),
                model: Some("X-T4".into()),
                datetime_original: Some(exif_time(&reading)),
                ..ExifSpec::default()
            };
            files.push((
                format!("DSCF{camera_no:05}.JPG"),
                jpeg_with_exif(&picture(seed, true), &spec),
            ));
        }
    }
    files
}

fn lanyard(library: &std::path::Path) -> Command {
    let mut cmd = Command::new(LANYARD);
    cmd.arg("--library")
        .arg(library)
        .env_remove("LANYARD_LIBRARY");
    cmd
}

fn main() {
    let count = count();
    let dir = generated(&format!("bench-calibrate-{count}"), || trip(count));
    let files = common::list(&dir).len();
    let scratch = tempfile::tempdir().unwrap();
    let library = scratch.path().join("library");
    let started = Instant::now();
    let out = lanyard(&library)
        .args(["import", "--trip", "Bench", "--json"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    println!(
        "{files} photos imported with thumbnails and fingerprints in {:.1?}",
        started.elapsed()
    );

    let mut times: Vec<Duration> = Vec::new();
    let mut report = String::new();
    for _ in 0..5 {
        let started = Instant::now();
        let out = lanyard(&library)
            .args(["calibrate", "--trip", "Bench", "--json"])
            .output()
            .unwrap();
        times.push(started.elapsed());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        report = String::from_utf8(out.stdout).unwrap();
    }
    times.sort();
    let found: serde_json::Value = serde_json::from_str(&report).unwrap();
    let camera = &found["cameras"][0];
    println!(
        "lanyard calibrate, {files} photos: median {:.0} ms (min {:.0} ms, max {:.0} ms; the \
         whole command: open the catalog, read the trip, calibrate, print)",
        times[2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[4].as_secs_f64() * 1e3,
    );
    println!(
        "found: {} clock {} ({} pairs, {} alike, residual {} s, confidence {}); truth +01:03:10",
        camera["camera"],
        camera["clock"],
        camera["pairs"],
        camera["visual"],
        camera["residual_s"],
        camera["confidence"]
    );
}
