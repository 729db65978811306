//! Generated sample photos for tests, benchmarks and newcomers: photo-like JPEGs, a hand-built
//! EXIF writer, a small conference trip in Amsterdam and a week in Chicago across a DST change
//! (with the flights from and back to Berlin), with the conference's agenda files laid out
//! around its photos. Pure byte generation, except `write_trip` and `write_chicago_agenda`.

mod agenda;
mod chicago;
pub mod exif;
mod picture;
mod trip;

use std::path::Path;

pub use agenda::{
    agenda_without_start_ics, chicago_agenda_files, chicago_agenda_ics, chicago_my_schedule_ics,
    chicago_photo_sessions, chicago_schedule_json, chicago_sessions, not_a_schedule_json,
    not_an_agenda_text, AgendaSource, SampleMatch, SampleSession, CHICAGO_AGENDA_DIR,
    SESSION_WITHOUT_START,
};
pub use chicago::{
    chicago_shared_moments, chicago_trip, chicago_truth, ChicagoDevice, SampleTruth, CANON_CAMERA,
    CANON_CLOCK, CHICAGO_DAY_COUNT, CHICAGO_FIRST_DAY, CHICAGO_ZONE, FUJI_CAMERA, FUJI_CLOCK,
    HOME_ZONE, PHONE_CAMERA, STRAY_ZONE,
};
pub use exif::{jpeg_with_exif, tiff_block, ExifSpec, GpsSpec};
pub use trip::{
    conference_trip, CAMERA_HOME_ZONE, CONFERENCE_TRIP_DAYS, DAY_START_HOUR, TRIP_ZONE,
};

/// A generated file: its name, its bytes and, when given, the modification time to set.
#[derive(Debug, Clone)]
pub struct SamplePhoto {
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub mtime: Option<jiff::Timestamp>,
}

/// Writes `photos` into `dir` (created if missing) and sets each file's mtime where given.
pub fn write_trip(dir: &Path, photos: &[SamplePhoto]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for photo in photos {
        let path = dir.join(&photo.file_name);
        std::fs::write(&path, &photo.bytes)?;
        if let Some(mtime) = photo.mtime {
            let file = std::fs::File::options().write(true).open(&path)?;
            // Only fails outside SystemTime's range, which no sample time is.
            let mtime = std::time::SystemTime::try_from(mtime).map_err(std::io::Error::other)?;
            file.set_modified(mtime)?;
        }
    }
    Ok(())
}

/// Writes the Chicago agenda ([`chicago_agenda_files`]) into `dir/agenda/` (created if
/// missing) and returns the files written. A subfolder, because an import walks `dir` for
/// photos: there the agenda files are only counted as skipped (not photos).
pub fn write_chicago_agenda(dir: &Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    let folder = dir.join(CHICAGO_AGENDA_DIR);
    std::fs::create_dir_all(&folder)?;
    let mut written = Vec::new();
    for (name, text) in chicago_agenda_files() {
        let path = folder.join(name);
        std::fs::write(&path, text)?;
        written.push(path);
    }
    Ok(written)
}

/// A photo-like JPEG (sky, skyline, textured ground, sensor noise, an up-arrow marker with
/// `seed % 1000` in the top-left corner), without EXIF. Same arguments, same bytes.
///
/// Sized like a camera's output: 16 MP at quality 90 is several megabytes.
pub fn jpeg(width: u32, height: u32, seed: u64, quality: u8) -> Vec<u8> {
    picture::encode_jpeg(&picture::scene(width, height, seed), width, height, quality)
}

/// Like [`jpeg`], but the pixels are stored so that the picture is upright once EXIF
/// `orientation` (1–8) is applied: `width × height` is the *displayed* size, and the stored
/// JPEG is `height × width` for orientations 5–8. Add the tag with [`jpeg_with_exif`].
pub fn jpeg_oriented(width: u32, height: u32, seed: u64, quality: u8, orientation: u16) -> Vec<u8> {
    let upright = picture::scene(width, height, seed);
    let stored = picture::to_stored(&upright, width as usize, height as usize, orientation);
    let (sw, sh) = if (5..=8).contains(&orientation) {
        (height, width)
    } else {
        (width, height)
    };
    picture::encode_jpeg(&stored, sw, sh, quality)
}

/// `count` phone-like JPEGs of 12–20 MP at quality 90 for benchmarks, generated lazily (0.1–0.3 s
/// each in release, 3–5.5 MB). Sizes are drawn from common sensors, portrait included; each has
/// Pixel-style EXIF (offset +02:00, sub-seconds, GPS around RAI Amsterdam with UTC stamps) and
/// a `PXL_` name. Captures are 5–12 minutes apart from 2022-05-17 08:00 in Amsterdam, so
/// names are unique. The same seed gives the same files.
pub fn bench_photos(count: usize, seed: u64) -> impl Iterator<Item = SamplePhoto> {
    const SIZES: [(u32, u32); 5] = [
        (4000, 3000), // 12 MP, 4:3
        (4608, 3456), // 16 MP, 4:3
        (5472, 3648), // 20 MP, 3:2
        (3000, 4000), // 12 MP portrait
        (4080, 3072), // 12.5 MP, Pixel-like
    ];
    let start: jiff::civil::DateTime = "2022-05-17T08:00:00".parse().expect("valid");
    let start = start
        .to_zoned_datetime(trip::zone(TRIP_ZONE))
        .expect("no gap");
    let mut rng = picture::Rng::new(seed);
    let mut at = start;
    (0..count).map(move |i| {
        let (w, h) = SIZES[(rng.next() % SIZES.len() as u64) as usize];
        let step_ms = rng.range(5 * 60_000, 12 * 60_000);
        at = at
            .checked_add(jiff::SignedDuration::from_millis(step_ms.into()))
            .expect("in range");
        let place = trip::Place {
            lat: trip::RAI.lat + f64::from(rng.range(-300, 300)) * 1e-5,
            lon: trip::RAI.lon + f64::from(rng.range(-300, 300)) * 1e-5,
            alt: trip::RAI.alt,
        };
        let pixels = jpeg(
            w,
            h,
            seed.wrapping_mul(1_000_003).wrapping_add(i as u64),
            90,
        );
        SamplePhoto {
            file_name: trip::phone_file_name(&at),
            bytes: jpeg_with_exif(&pixels, &trip::phone_exif(&at, place, i)),
            mtime: Some(at.timestamp()),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::metadata::Orientation;

    fn mean_diff(a: &image::RgbImage, b: &image::RgbImage) -> f64 {
        assert_eq!(a.dimensions(), b.dimensions());
        let sum: u64 = a
            .as_raw()
            .iter()
            .zip(b.as_raw())
            .map(|(x, y)| u64::from(x.abs_diff(*y)))
            .sum();
        sum as f64 / a.as_raw().len() as f64
    }

    #[test]
    fn jpeg_is_deterministic_and_seeded() {
        assert_eq!(jpeg(160, 120, 5, 80), jpeg(160, 120, 5, 80));
        assert_ne!(jpeg(160, 120, 5, 80), jpeg(160, 120, 6, 80));
        let img = image::load_from_memory(&jpeg(160, 120, 5, 80)).unwrap();
        assert_eq!((img.width(), img.height()), (160, 120));
    }

    #[test]
    fn oriented_pixels_are_upright_once_the_orientation_is_applied() {
        let (w, h) = (96, 64);
        let upright = image::load_from_memory(&jpeg(w, h, 9, 95))
            .unwrap()
            .to_rgb8();
        for o in 1..=8u16 {
            let stored = image::load_from_memory(&jpeg_oriented(w, h, 9, 95, o)).unwrap();
            let expected = if o >= 5 { (h, w) } else { (w, h) };
            assert_eq!(
                (stored.width(), stored.height()),
                expected,
                "orientation {o}"
            );
            let mut shown = stored.clone();
            shown.apply_orientation(Orientation::from_exif(o as u8).unwrap());
            let diff = mean_diff(&shown.to_rgb8(), &upright);
            assert!(diff < 4.0, "orientation {o}: mean difference {diff}");
            if (2..=4).contains(&o) {
                let raw = mean_diff(&stored.to_rgb8(), &upright);
                assert!(raw > 10.0, "orientation {o} changes what is stored ({raw})");
            }
        }
    }

    #[test]
    fn write_trip_writes_files_and_mtimes() {
        let dir = tempfile::tempdir().unwrap();
        let at: jiff::Timestamp = "2022-05-17T12:30:22Z".parse().unwrap();
        let photos = [
            SamplePhoto {
                file_name: "a.jpg".into(),
                bytes: jpeg(32, 32, 1, 80),
                mtime: Some(at),
            },
            SamplePhoto {
                file_name: "b b.png".into(),
                bytes: vec![1, 2, 3],
                mtime: None,
            },
        ];
        write_trip(&dir.path().join("trip"), &photos).unwrap();
        let a = dir.path().join("trip/a.jpg");
        assert_eq!(std::fs::read(&a).unwrap(), photos[0].bytes);
        let modified = std::fs::metadata(&a).unwrap().modified().unwrap();
        assert_eq!(jiff::Timestamp::try_from(modified).unwrap(), at);
        assert_eq!(
            std::fs::read(dir.path().join("trip/b b.png")).unwrap(),
            [1, 2, 3]
        );
    }

    #[test]
    fn bench_photos_are_big_phone_jpegs_with_exif() {
        let photos: Vec<_> = bench_photos(2, 42).collect();
        assert_eq!(photos.len(), 2);
        assert_ne!(photos[0].file_name, photos[1].file_name);
        for p in &photos {
            assert!(p.file_name.starts_with("PXL_") && p.file_name.ends_with(".jpg"));
            let (w, h) = image::ImageReader::new(std::io::Cursor::new(&p.bytes))
                .with_guessed_format()
                .unwrap()
                .into_dimensions()
                .unwrap();
            let mp = f64::from(w) * f64::from(h) / 1e6;
            assert!((12.0..=20.0).contains(&mp), "{w}x{h}");
            let e = ::exif::Reader::new()
                .read_from_container(&mut std::io::Cursor::new(&p.bytes))
                .unwrap();
            let get = |t| e.get_field(t, ::exif::In::PRIMARY).is_some();
            assert!(get(::exif::Tag::OffsetTimeOriginal));
            assert!(get(::exif::Tag::GPSLatitude));
            assert!(p.bytes.len() > 2_000_000, "{} bytes", p.bytes.len());
        }
        assert_eq!(
            bench_photos(1, 42).next().unwrap().file_name,
            photos[0].file_name,
            "same seed, same photos"
        );
    }

    #[test]
    #[ignore = "measures 12–20 MP JPEGs; run with --release -- --ignored --nocapture"]
    fn measure_big_jpeg() {
        for (w, h) in [(4000, 3000), (4608, 3456), (5472, 3648)] {
            for seed in [1, 7, 42] {
                let t = std::time::Instant::now();
                let bytes = jpeg(w, h, seed, 90);
                eprintln!(
                    "{w}x{h} seed {seed}: {:.2} MB in {:?}",
                    bytes.len() as f64 / 1e6,
                    t.elapsed()
                );
            }
        }
    }
}
