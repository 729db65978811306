//! Export images from generated JPEGs: sizes, orientation, no upscaling, no metadata unless GPS
//! is asked for, and reuse of the thumbnail cache.

use super::*;
use crate::sample::{self, ExifSpec, GpsSpec};
use crate::thumbs::{cache_path, GRID};
use std::path::PathBuf;

const HASH: &str = "ab12cd34";

/// A camera-like EXIF block: everything an export must not publish.
fn camera_exif(orientation: Option<u16>) -> ExifSpec {
    ExifSpec {
        make: Some("Google".into()),
        model: Some("Pixel 6".into()),
        orientation,
        datetime_original: Some("2022:05:17 14:30:22".into()),
        offset_original: Some("+02:00".into()),
        gps: Some(GpsSpec {
            lat: Some(52.3396),
            lon: Some(4.8883),
            alt: Some(2.0),
            date_stamp: Some("2022:05:17".into()),
            time_stamp: Some((12, 30, 22.0)),
            ..GpsSpec::default()
        }),
        ..ExifSpec::default()
    }
}

/// Writes `bytes` as the original in `dir`.
fn original(dir: &Path, bytes: &[u8]) -> PathBuf {
    let path = dir.join("PXL_20220517_123022123.jpg");
    std::fs::write(&path, bytes).unwrap();
    path
}

fn source(path: &Path, orientation: u8, display: (u32, u32)) -> ImageSource<'_> {
    ImageSource {
        path,
        hash: Some(HASH),
        format: Format::Jpeg,
        orientation,
        display_width: display.0,
        display_height: display.1,
        embed_gps: None,
    }
}

fn header_size(jpeg: &[u8]) -> (u32, u32) {
    let h = turbojpeg::read_header(jpeg).unwrap();
    (h.width as u32, h.height as u32)
}

fn rgb(jpeg: &[u8]) -> turbojpeg::Image<Vec<u8>> {
    turbojpeg::decompress(jpeg, turbojpeg::PixelFormat::RGB).unwrap()
}

/// Mean absolute difference per channel of two decoded images of the same size.
fn mean_diff(a: &[u8], b: &[u8]) -> f64 {
    assert_eq!(a.len(), b.len());
    let sum: u64 = a
        .iter()
        .zip(b)
        .map(|(x, y)| u64::from(x.abs_diff(*y)))
        .sum();
    sum as f64 / a.len() as f64
}

/// A flat-colour JPEG (distinguishable from any rendering of a sample photo).
fn flat_jpeg(w: u32, h: u32, colour: [u8; 3]) -> Vec<u8> {
    let pixels: Vec<u8> = colour
        .iter()
        .copied()
        .cycle()
        .take((w * h * 3) as usize)
        .collect();
    turbojpeg::compress(
        turbojpeg::Image {
            pixels: &pixels[..],
            width: w as usize,
            pitch: w as usize * 3,
            height: h as usize,
            format: turbojpeg::PixelFormat::RGB,
        },
        90,
        turbojpeg::Subsamp::Sub2x2,
    )
    .unwrap()
    .to_vec()
}

/// Markers of the header segments, SOI to SOS.
fn header_markers(jpeg: &[u8]) -> Vec<u8> {
    let mut markers = Vec::new();
    let mut pos = 2;
    while jpeg[pos] == 0xFF && jpeg[pos + 1] != 0xDA {
        markers.push(jpeg[pos + 1]);
        pos += 2 + usize::from(u16::from_be_bytes([jpeg[pos + 2], jpeg[pos + 3]]));
    }
    markers
}

/// Asserts that an exported JPEG says nothing about the photo beyond its pixels.
fn assert_no_metadata(jpeg: &[u8], what: &str) {
    let m = crate::metadata::parse(jpeg).unwrap();
    assert_eq!(m.make, None, "{what}: make");
    assert_eq!(m.model, None, "{what}: model");
    assert_eq!(m.gps, None, "{what}: GPS");
    assert_eq!(m.datetime_original, None, "{what}: date");
    assert_eq!(m.orientation, 1, "{what}: orientation tag");
    let markers = header_markers(jpeg);
    assert!(
        markers
            .iter()
            .all(|&m| !(0xE1..=0xEF).contains(&m) && m != 0xFE),
        "{what}: only image segments and JFIF, found markers {markers:x?}"
    );
    assert!(carries_no_metadata(jpeg), "{what}");
}

#[test]
fn sizes_are_long_edges_in_the_order_asked_never_upscaled_without_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = sample::jpeg_with_exif(&sample::jpeg(1200, 800, 3, 90), &camera_exif(None));
    let path = original(dir.path(), &bytes);
    let src = source(&path, 1, (1200, 800));
    let sizes = [1024, 480, 2048, 480];
    let variants = render(&src, &sizes, &dir.path().join("thumbs")).unwrap();
    let got: Vec<_> = variants
        .iter()
        .map(|v| (v.size, v.width, v.height))
        .collect();
    assert_eq!(
        got,
        vec![
            (1024, 1024, 683),
            (480, 480, 320),
            (2048, 1200, 800), // not upscaled
            (480, 480, 320),
        ]
    );
    for v in &variants {
        assert_eq!(header_size(&v.jpeg), (v.width, v.height), "{}", v.size);
        assert_eq!(
            dimensions(1200, 800, v.size),
            (v.width, v.height),
            "what the pages announce is what the file is"
        );
        assert_no_metadata(&v.jpeg, &format!("size {}", v.size));
    }
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes,
        "the original is untouched"
    );
    assert!(render(&src, &[], dir.path()).unwrap().is_empty());
}

#[test]
fn orientation_is_applied() {
    let dir = tempfile::tempdir().unwrap();
    // Displayed 600×900 (portrait), stored 900×600 with orientation 6.
    let stored = sample::jpeg_oriented(600, 900, 11, 95, 6);
    let exif = camera_exif(Some(6));
    let path = original(dir.path(), &sample::jpeg_with_exif(&stored, &exif));
    let turned = render(&source(&path, 6, (600, 900)), &[480, 300], dir.path()).unwrap();
    let got: Vec<_> = turned.iter().map(|v| (v.width, v.height)).collect();
    assert_eq!(got, vec![(320, 480), (200, 300)], "portrait outputs");
    for v in &turned {
        assert_eq!(header_size(&v.jpeg), (v.width, v.height));
        assert_no_metadata(&v.jpeg, "oriented");
    }

    // The same picture stored upright: the pixels must agree.
    let upright_path = dir.path().join("upright.jpg");
    std::fs::write(&upright_path, sample::jpeg(600, 900, 11, 95)).unwrap();
    let upright = render(&source(&upright_path, 1, (600, 900)), &[480], dir.path()).unwrap();
    let (a, b) = (rgb(&turned[0].jpeg), rgb(&upright[0].jpeg));
    let diff = mean_diff(&a.pixels, &b.pixels);
    assert!(diff < 6.0, "turned like the upright picture: {diff}");

    // Ignoring the tag would leave it on its side (landscape), and turning it the wrong way
    // gives other pixels.
    let wrong = render(&source(&path, 8, (600, 900)), &[480], dir.path()).unwrap();
    let diff = mean_diff(&rgb(&wrong[0].jpeg).pixels, &b.pixels);
    assert!(diff > 12.0, "orientation 8 is not 6: {diff}");
}

fn gps_tags(jpeg: &[u8]) -> Vec<exif::Tag> {
    let e = exif::Reader::new()
        .read_from_container(&mut std::io::Cursor::new(jpeg))
        .unwrap();
    e.fields().map(|f| f.tag).collect()
}

#[test]
fn embed_gps_writes_the_coordinates_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let path = original(
        dir.path(),
        &sample::jpeg_with_exif(&sample::jpeg(800, 600, 5, 90), &camera_exif(None)),
    );
    for (gps, want_alt) in [
        (
            Gps {
                lat: -33.856_784,
                lon: 151.215_297,
                alt: Some(-3.5),
            },
            true,
        ),
        (
            Gps {
                lat: 52.339_6,
                lon: -4.888_3,
                alt: None,
            },
            false,
        ),
    ] {
        let mut src = source(&path, 1, (800, 600));
        src.embed_gps = Some(gps);
        let variants = render(&src, &[480, 800], dir.path()).unwrap();
        for v in &variants {
            assert_eq!(header_size(&v.jpeg), (v.width, v.height));
            let m = crate::metadata::parse(&v.jpeg).unwrap();
            let back = m.gps.expect("GPS reads back");
            assert!((back.lat - gps.lat).abs() < 1e-5, "{back:?}");
            assert!((back.lon - gps.lon).abs() < 1e-5, "{back:?}");
            match (back.alt, gps.alt) {
                (Some(a), Some(b)) => assert!((a - b).abs() < 1e-3, "{a} vs {b}"),
                (a, b) => assert_eq!(a, b),
            }
            assert_eq!((m.make, m.model), (None, None));
            assert_eq!(m.datetime_original, None);
            assert_eq!(m.gps_utc, None, "no GPS time stamps");
            use exif::Tag;
            let mut allowed = vec![
                Tag::ExifIFDPointer,
                Tag::GPSInfoIFDPointer,
                Tag::ExifVersion,
                Tag::GPSVersionID,
                Tag::GPSLatitudeRef,
                Tag::GPSLatitude,
                Tag::GPSLongitudeRef,
                Tag::GPSLongitude,
            ];
            if want_alt {
                allowed.extend([Tag::GPSAltitudeRef, Tag::GPSAltitude]);
            }
            let mut found = gps_tags(&v.jpeg);
            found.retain(|t| !allowed.contains(t));
            assert!(found.is_empty(), "unexpected tags: {found:?}");
            let markers = header_markers(&v.jpeg);
            assert_eq!(
                markers
                    .iter()
                    .filter(|&&m| (0xE0..=0xEF).contains(&m))
                    .count(),
                1,
                "one APP segment, the EXIF block: {markers:x?}"
            );
        }
    }
}

/// Writes a flat-colour "thumbnail" of `size` into the cache: any rendering of the sample
/// photo would look different, so a match proves the cache was used.
fn cache(thumbs: &Path, spec: thumbs::ThumbSpec, size: (u32, u32), colour: [u8; 3]) -> Vec<u8> {
    let jpeg = flat_jpeg(size.0, size.1, colour);
    crate::files::write_atomic(&cache_path(thumbs, HASH, spec), &jpeg).unwrap();
    jpeg
}

#[test]
fn cached_thumbnails_are_reused_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let thumbs = dir.path().join("thumbs");
    let grid = cache(&thumbs, GRID, (400, 300), [200, 30, 30]);
    let preview = cache(&thumbs, PREVIEW, (1600, 1200), [30, 30, 200]);
    // No original at all: nothing may need it.
    let missing = dir.path().join("gone.jpg");
    let src = source(&missing, 1, (4000, 3000));
    let variants = render(&src, &[1600, 400], &thumbs).unwrap();
    assert_eq!(variants[0].jpeg, preview);
    assert_eq!((variants[0].width, variants[0].height), (1600, 1200));
    assert_eq!(variants[1].jpeg, grid);
    assert_eq!((variants[1].size, variants[1].width), (400, 400));

    // With GPS to embed, the cached pixels get the EXIF block and nothing else changes.
    let mut with_gps = src.clone();
    with_gps.embed_gps = Some(Gps {
        lat: 1.5,
        lon: 2.5,
        alt: None,
    });
    let variants = render(&with_gps, &[400], &thumbs).unwrap();
    let gps = with_gps.embed_gps.as_ref().unwrap();
    assert_eq!(
        variants[0].jpeg,
        super::gps_exif::with_gps(&grid, gps).unwrap()
    );
}

#[test]
fn smaller_sizes_come_from_the_cached_preview() {
    let dir = tempfile::tempdir().unwrap();
    let thumbs = dir.path().join("thumbs");
    // A portrait photo (display 3000×4000): the preview is upright.
    cache(&thumbs, PREVIEW, (1200, 1600), [30, 160, 30]);
    let missing = dir.path().join("gone.jpg");
    let src = source(&missing, 6, (3000, 4000));
    let variants = render(&src, &[480, 1024], &thumbs).unwrap();
    let got: Vec<_> = variants
        .iter()
        .map(|v| (v.size, v.width, v.height))
        .collect();
    assert_eq!(got, vec![(480, 360, 480), (1024, 768, 1024)]);
    for v in &variants {
        assert_eq!(header_size(&v.jpeg), (v.width, v.height));
        let img = rgb(&v.jpeg);
        let centre = &img.pixels[(img.height / 2 * img.pitch + img.width / 2 * 3)..][..3];
        assert!(
            centre[1] > 130 && centre[0] < 60,
            "the preview's green: {centre:?}"
        );
        assert_no_metadata(&v.jpeg, "from preview");
    }

    // A size above the preview needs the original, which is missing here.
    let e = render(&src, &[480, 2048], &thumbs).unwrap_err();
    assert!(matches!(e, ThumbError::Unreadable(_)), "{e}");
    assert!(e.to_string().contains("gone.jpg"), "{e}");
}

#[test]
fn a_cache_that_does_not_fit_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let thumbs = dir.path().join("thumbs");
    let path = original(
        dir.path(),
        &sample::jpeg_with_exif(&sample::jpeg(2000, 1500, 8, 90), &camera_exif(None)),
    );
    let src = source(&path, 1, (2000, 1500));
    let fresh = render(&src, &[400, 1024, 1600], &thumbs).unwrap();

    // A preview of the wrong size (another photo's, or an older geometry) and a grid
    // thumbnail with EXIF in it: both are rendered from the original instead.
    cache(&thumbs, PREVIEW, (1600, 1000), [30, 30, 200]);
    let grid = flat_jpeg(400, 300, [200, 30, 30]);
    let grid = sample::jpeg_with_exif(&grid, &camera_exif(None));
    crate::files::write_atomic(&cache_path(&thumbs, HASH, GRID), &grid).unwrap();
    let again = render(&src, &[400, 1024, 1600], &thumbs).unwrap();
    assert_eq!(again, fresh);
    for v in &again {
        assert_no_metadata(&v.jpeg, "not from the cache");
    }
}

#[test]
fn failures_are_errors_not_panics() {
    let dir = tempfile::tempdir().unwrap();
    let garbage = original(dir.path(), b"\xff\xd8\xffnot really a jpeg");
    let e = render(&source(&garbage, 1, (10, 10)), &[480], dir.path()).unwrap_err();
    assert!(!e.to_string().is_empty());

    let missing = dir.path().join("missing.jpg");
    let e = render(&source(&missing, 1, (10, 10)), &[480], dir.path()).unwrap_err();
    assert!(matches!(e, ThumbError::Unreadable(_)), "{e}");
}

#[test]
fn metadata_detection() {
    let plain = flat_jpeg(16, 16, [1, 2, 3]);
    assert!(carries_no_metadata(&plain), "turbojpeg writes JFIF only");
    let cases: [(&str, Vec<u8>); 4] = [
        ("EXIF", sample::jpeg_with_exif(&plain, &ExifSpec::default())),
        ("comment", with_segment(&plain, 0xFE, b"hello")),
        ("ICC", with_segment(&plain, 0xE2, b"ICC_PROFILE\0xx")),
        ("not a JPEG", b"GIF89a".to_vec()),
    ];
    for (what, jpeg) in cases {
        assert!(!carries_no_metadata(&jpeg), "{what}");
    }
    assert!(!carries_no_metadata(&plain[..plain.len().min(30)]));
}

/// `jpeg` with one more header segment right after SOI.
fn with_segment(jpeg: &[u8], marker: u8, body: &[u8]) -> Vec<u8> {
    let mut out = vec![0xFF, 0xD8, 0xFF, marker];
    out.extend_from_slice(&(body.len() as u16 + 2).to_be_bytes());
    out.extend_from_slice(body);
    out.extend_from_slice(&jpeg[2..]);
    out
}
