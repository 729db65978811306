//! The metadata reader against the real-photo corpus (`../shared/corpus`, read in place) and
//! exiftool's `truth.json`: every file, every field the app uses; all mismatches in one table.

use std::path::{Path, PathBuf};

use lanyard::metadata::inspect;
use serde_json::Value;

/// Cases where exiftool's EXIF-group reading is not the answer Lanyard's rules give, with why:
/// (file suffix, field, reason). Empty: the rules that differ from exiftool's raw values are
/// applied to the truth below instead (zero/blank dates → null with the CreateDate fallback,
/// 0/0 and "" coordinates → no location, Orientation null/0 → 1, malformed GPSDateStamp → no
/// GPS time, trailing blanks of Make/Model trimmed), so every file is compared field by field.
const EXCEPTIONS: &[(&str, &str, &str)] = &[];

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

fn truth() -> Vec<Value> {
    let path = corpus_dir().join("truth.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "the real-photo corpus is required: cannot read {} ({e}); \
             it lives in ../shared/corpus next to the repository",
            path.display()
        )
    });
    let truth: Value = serde_json::from_str(&text).expect("truth.json is JSON");
    let files = truth["files"].as_array().expect("truth.json has files");
    assert_eq!(
        files.len(),
        truth["count"].as_u64().unwrap() as usize,
        "truth.json count"
    );
    files.clone()
}

/// exiftool's raw "YYYY:MM:DD HH:MM:SS" as our wall clock, `None` for zero/blank dates.
fn wall(v: &Value) -> Option<String> {
    let s = v.as_str()?;
    let b = s.as_bytes();
    if b.len() < 19 || !s[..19].bytes().any(|c| c.is_ascii_digit() && c != b'0') {
        return None;
    }
    let digits = [0..4, 5..7, 8..10, 11..13, 14..16, 17..19];
    if !digits
        .iter()
        .all(|r| s[r.clone()].bytes().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    Some(format!(
        "{}-{}-{}T{}:{}:{}",
        &s[0..4],
        &s[5..7],
        &s[8..10],
        &s[11..13],
        &s[14..16],
        &s[17..19]
    ))
}

/// GPSDateStamp + GPSTimeStamp as RFC 3339, when the date is well formed and non-zero.
fn gps_utc(date: &Value, time: &Value) -> Option<String> {
    let (d, t) = (date.as_str()?, time.as_str()?);
    let ok = d.len() == 10
        && d.bytes().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == b':'
            } else {
                c.is_ascii_digit()
            }
        })
        && d != "0000:00:00";
    ok.then(|| format!("{}T{t}Z", d.replace(':', "-")))
}

fn trimmed(v: &Value) -> Value {
    match v.as_str().map(|s| s.trim_end_matches([' ', '\0'])) {
        Some("") | None => Value::Null,
        Some(s) => Value::from(s),
    }
}

fn format_name(file_type: &str) -> &'static str {
    match file_type {
        "JPEG" => "jpeg",
        "PNG" => "png",
        "WEBP" | "Extended WEBP" => "webp",
        "TIFF" => "tiff",
        "HEIC" | "HEIF" => "heic",
        "AVIF" => "avif",
        _ => "?",
    }
}

fn close(ours: &Value, truth: f64, tolerance: f64) -> bool {
    ours.as_f64()
        .is_some_and(|x| (x - truth).abs() <= tolerance)
}

#[test]
fn corpus_matches_exiftool() {
    let dir = corpus_dir();
    let files = truth();
    let mut mismatches: Vec<(String, &str, String, String)> = Vec::new();
    let mut excepted = 0;
    for t in &files {
        let rel = t["path"].as_str().unwrap();
        let ours = serde_json::to_value(inspect(&dir.join(rel))).unwrap();
        let mut check = |field: &'static str, ok: bool, ours: &Value, truth: String| {
            if ok {
                return;
            }
            if EXCEPTIONS
                .iter()
                .any(|(file, f, _)| rel.ends_with(file) && *f == field)
            {
                excepted += 1;
                return;
            }
            mismatches.push((rel.to_string(), field, ours.to_string(), truth));
        };

        check(
            "error",
            ours["error"].is_null(),
            &ours["error"],
            "null".into(),
        );
        let want = format_name(t["FileType"].as_str().unwrap());
        check(
            "format",
            ours["format"] == want,
            &ours["format"],
            want.into(),
        );
        for (field, key) in [("width", "ImageWidth"), ("height", "ImageHeight")] {
            check(
                field,
                ours[field] == t[key],
                &ours[field],
                t[key].to_string(),
            );
        }
        let orientation = t["Orientation"]
            .as_u64()
            .filter(|o| (1..=8).contains(o))
            .unwrap_or(1);
        check(
            "orientation",
            ours["orientation"] == orientation,
            &ours["orientation"],
            orientation.to_string(),
        );
        for (field, key) in [("make", "Make"), ("model", "Model")] {
            let want = trimmed(&t[key]);
            check(field, ours[field] == want, &ours[field], want.to_string());
        }

        // Capture date: DateTimeOriginal, CreateDate (DateTimeDigitized) when it is unusable.
        let original = wall(&t["DateTimeOriginal"]);
        let date = original.clone().or_else(|| wall(&t["CreateDate"]));
        let want = Value::from(date);
        check(
            "datetime_original",
            ours["datetime_original"] == want,
            &ours["datetime_original"],
            want.to_string(),
        );
        // Sub-seconds and offset belong to DateTimeOriginal; no corpus file needs the
        // digitized fallback for them.
        let (subsec, offset) = if original.is_some() {
            (
                t["SubSecTimeOriginal"].clone(),
                t["OffsetTimeOriginal"].clone(),
            )
        } else {
            (Value::Null, Value::Null)
        };
        let subsec = match subsec {
            Value::Number(n) => Value::from(n.to_string()),
            other => other,
        };
        check(
            "subsec",
            ours["subsec"] == subsec,
            &ours["subsec"],
            subsec.to_string(),
        );
        check(
            "offset",
            ours["offset"] == offset,
            &ours["offset"],
            offset.to_string(),
        );

        // Location: signed degrees; 0/0 and empty values are no location.
        let (lat, lon) = (t["GPSLatitude"].as_f64(), t["GPSLongitude"].as_f64());
        match (lat, lon) {
            (Some(lat), Some(lon)) if !(lat == 0.0 && lon == 0.0) => {
                let g = &ours["gps"];
                check(
                    "gps.lat",
                    close(&g["lat"], lat, 1e-5),
                    &g["lat"],
                    lat.to_string(),
                );
                check(
                    "gps.lon",
                    close(&g["lon"], lon, 1e-5),
                    &g["lon"],
                    lon.to_string(),
                );
                match t["GPSAltitude"].as_f64() {
                    Some(alt) => check(
                        "gps.alt",
                        close(&g["alt"], alt, 0.01),
                        &g["alt"],
                        alt.to_string(),
                    ),
                    None => check("gps.alt", g["alt"].is_null(), &g["alt"], "null".into()),
                }
            }
            _ => check("gps", ours["gps"].is_null(), &ours["gps"], "null".into()),
        }
        let want = Value::from(gps_utc(&t["GPSDateStamp"], &t["GPSTimeStamp"]));
        check(
            "gps_utc",
            ours["gps_utc"] == want,
            &ours["gps_utc"],
            want.to_string(),
        );
    }

    if !mismatches.is_empty() {
        let mut table = format!(
            "{} mismatches against truth.json ({} files, {excepted} excepted):\n",
            mismatches.len(),
            files.len()
        );
        table += &format!("{:<70} {:<18} {:<30} truth\n", "file", "field", "ours");
        for (file, field, ours, truth) in &mismatches {
            table += &format!("{file:<70} {field:<18} {ours:<30} {truth}\n");
        }
        panic!("{table}");
    }
    eprintln!(
        "corpus: {} files match truth.json ({excepted} excepted fields)",
        files.len()
    );
}
