//! `parse` on hand-built EXIF blocks (`crate::sample::exif`) in every container it reads.

use super::*;
use crate::sample::exif::{jpeg_with_exif, tiff_block, ExifSpec, GpsSpec};
use jiff::civil::datetime;

/// A real 16×8 baseline JPEG (encoded by `image`), so SOF is where encoders put it.
fn tiny_jpeg() -> Vec<u8> {
    let mut out = Vec::new();
    let rgb = vec![128u8; 16 * 8 * 3];
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)
        .encode(&rgb, 16, 8, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

fn jpeg(spec: &ExifSpec) -> PhotoMetadata {
    parse(&jpeg_with_exif(&tiny_jpeg(), spec)).unwrap()
}

fn phone() -> ExifSpec {
    ExifSpec {
        make: Some("samsung   ".into()),
        model: Some("SM-J327T1".into()),
        orientation: Some(6),
        datetime_original: Some("2019:09:26 16:38:00".into()),
        datetime_digitized: Some("2019:09:26 16:38:01".into()),
        modify_date: Some("2020:01:01 00:00:00".into()),
        subsec_original: Some("0532".into()),
        offset_original: Some("-05:00".into()),
        offset_digitized: Some("-04:00".into()),
        offset: Some("+09:00".into()),
        ..ExifSpec::default()
    }
}

#[test]
fn reads_a_phone_jpeg() {
    for big_endian in [false, true] {
        let m = jpeg(&ExifSpec {
            big_endian,
            ..phone()
        });
        assert_eq!(m.format, Format::Jpeg);
        assert_eq!((m.width, m.height), (16, 8), "stored size, not rotated");
        assert_eq!(m.orientation, 6);
        assert_eq!(
            m.make.as_deref(),
            Some("samsung"),
            "trailing blanks trimmed"
        );
        assert_eq!(m.model.as_deref(), Some("SM-J327T1"));
        assert_eq!(
            m.datetime_original,
            Some(datetime(2019, 9, 26, 16, 38, 0, 0))
        );
        assert_eq!(m.subsec.as_deref(), Some("0532"), "leading zero kept");
        assert_eq!(m.offset.map(|o| o.seconds()), Some(-5 * 3600));
        assert_eq!(m.gps, None);
        assert_eq!(m.exif_error, None);
    }
}

#[test]
fn offset_time_is_never_used() {
    // Only OffsetTime (ModifyDate's) is set: the capture offset stays unknown.
    let m = jpeg(&ExifSpec {
        offset_original: None,
        offset_digitized: None,
        ..phone()
    });
    assert_eq!(m.offset, None);
}

#[test]
fn digitized_is_the_fallback_with_its_own_offset() {
    for unusable in [
        None,
        Some("0000:00:00 00:00:00"),
        Some("    :  :     :  :  "),
        Some("2019:13:26 16:38:00"),
    ] {
        let m = jpeg(&ExifSpec {
            datetime_original: unusable.map(str::to_string),
            ..phone()
        });
        assert_eq!(
            m.datetime_original,
            Some(datetime(2019, 9, 26, 16, 38, 1, 0)),
            "{unusable:?}"
        );
        assert_eq!(m.offset.map(|o| o.seconds()), Some(-4 * 3600));
        assert_eq!(m.subsec, None, "SubSecTimeOriginal belongs to the original");
    }
    let m = jpeg(&ExifSpec {
        datetime_original: Some("0000:00:00 00:00:00".into()),
        datetime_digitized: Some("0000:00:00 00:00:00".into()),
        ..phone()
    });
    assert_eq!(m.datetime_original, None, "zero dates are unknown");
    assert_eq!(m.offset, None);
    assert_eq!(m.subsec, None);
}

#[test]
fn orientation_defaults_to_1() {
    for (raw, want) in [
        (None, 1),
        (Some(0), 1),
        (Some(9), 1),
        (Some(8), 8),
        (Some(3), 3),
    ] {
        let m = jpeg(&ExifSpec {
            orientation: raw,
            ..phone()
        });
        assert_eq!(m.orientation, want, "{raw:?}");
    }
}

fn with_gps(gps: GpsSpec) -> PhotoMetadata {
    jpeg(&ExifSpec {
        gps: Some(gps),
        ..phone()
    })
}

#[test]
fn gps_signs_and_altitude() {
    let cases = [
        (47.6271666, -122.3373333, Some(3.98)),
        (-0.3713, 36.0564166, None), // |lat| < 1: the sign lives in the ref
        (51.7624083, -0.3178916, Some(-848.0)), // below sea level
        (-20.4405845, 57.3188538, Some(117.096)),
    ];
    for (lat, lon, alt) in cases {
        let m = with_gps(GpsSpec {
            lat: Some(lat),
            lon: Some(lon),
            alt,
            ..GpsSpec::default()
        });
        let g = m.gps.unwrap_or_else(|| panic!("{lat},{lon}: no location"));
        assert!((g.lat - lat).abs() < 1e-6, "{lat} → {}", g.lat);
        assert!((g.lon - lon).abs() < 1e-6, "{lon} → {}", g.lon);
        match (g.alt, alt) {
            (Some(a), Some(b)) => assert!((a - b).abs() < 0.01, "{b} → {a}"),
            (got, want) => assert_eq!(got, want),
        }
    }
}

#[test]
fn gps_without_a_position_is_no_location() {
    let s = |v: &str| Some(v.to_string());
    let cases = [
        // Null island, also with S/W refs.
        GpsSpec {
            lat: Some(0.0),
            lon: Some(0.0),
            ..GpsSpec::default()
        },
        GpsSpec {
            lat: Some(0.0),
            lon: Some(0.0),
            lat_ref: s("S"),
            lon_ref: s("W"),
            ..GpsSpec::default()
        },
        // Refs without values.
        GpsSpec {
            lat_ref: s("N"),
            lon_ref: s("E"),
            alt: Some(324.1),
            ..GpsSpec::default()
        },
        // 0/0 rationals (no fix).
        GpsSpec {
            lat: Some(f64::NAN),
            lon: Some(f64::NAN),
            ..GpsSpec::default()
        },
        // Empty GPS IFD (version only).
        GpsSpec::default(),
    ];
    for gps in cases {
        let m = with_gps(gps.clone());
        assert_eq!(m.gps, None, "{gps:?}");
        assert_eq!(m.exif_error, None);
    }
}

#[test]
fn gps_utc_only_when_date_and_time_are_valid() {
    let cases = [
        (
            Some("2011:05:06"),
            Some((7, 59, 48.0)),
            Some("2011-05-06T07:59:48Z"),
        ),
        (
            Some("2008:10:23"),
            Some((14, 27, 7.24)),
            Some("2008-10-23T14:27:07.24Z"),
        ),
        (Some("2014:09:259"), Some((13, 5, 12.05)), None),
        (Some("0000:00:00"), Some((0, 0, 0.0)), None),
        (None, Some((23, 11, 25.63)), None),
        (Some("2020:09:02"), None, None),
    ];
    for (date, time, want) in cases {
        let m = with_gps(GpsSpec {
            lat: Some(45.5),
            lon: Some(9.1),
            date_stamp: date.map(str::to_string),
            time_stamp: time,
            ..GpsSpec::default()
        });
        assert_eq!(
            m.gps_utc.map(|t| t.to_string()).as_deref(),
            want,
            "{date:?} {time:?}"
        );
    }
}

#[test]
fn no_exif_is_not_an_error() {
    let m = parse(&tiny_jpeg()).unwrap();
    assert_eq!((m.width, m.height, m.orientation), (16, 8, 1));
    assert_eq!(m.datetime_original, None);
    assert_eq!(m.exif_error, None);
}

#[test]
fn broken_exif_is_reported_not_fatal() {
    let mut tiff = tiff_block(&phone());
    tiff.truncate(12); // IFD0 entry count, then nothing
    let mut b = vec![0xFF, 0xD8, 0xFF, 0xE1];
    b.extend_from_slice(&((2 + 6 + tiff.len()) as u16).to_be_bytes());
    b.extend_from_slice(b"Exif\0\0");
    b.extend_from_slice(&tiff);
    b.extend_from_slice(&tiny_jpeg()[2..]);
    let m = parse(&b).unwrap();
    assert_eq!((m.width, m.height), (16, 8));
    assert_eq!(m.datetime_original, None);
    assert!(m.exif_error.is_some(), "the reason is kept");
}

fn png_with_exif(tiff: &[u8]) -> Vec<u8> {
    let chunk = |out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]| {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&[0; 4]); // CRC, not checked here
    };
    let mut b = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&300u32.to_be_bytes());
    ihdr.extend_from_slice(&200u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut b, b"IHDR", &ihdr);
    chunk(&mut b, b"IDAT", &[0; 10]);
    chunk(&mut b, b"eXIf", tiff); // after IDAT, as some writers do
    chunk(&mut b, b"IEND", &[]);
    b
}

fn webp_with_exif(exif: &[u8]) -> Vec<u8> {
    let mut b = b"RIFF\0\0\0\0WEBP".to_vec();
    let mut chunk = |kind: &[u8; 4], data: &[u8]| {
        b.extend_from_slice(kind);
        b.extend_from_slice(&(data.len() as u32).to_le_bytes());
        b.extend_from_slice(data);
        if data.len() % 2 == 1 {
            b.push(0);
        }
    };
    chunk(b"VP8X", &[0x08, 0, 0, 0, 0x3F, 0x01, 0, 0xEF, 0, 0]);
    chunk(
        b"VP8 ",
        &[0, 0, 0, 0x9d, 0x01, 0x2a, 0x40, 0x01, 0xF0, 0x00],
    );
    chunk(b"EXIF", exif);
    let n = (b.len() - 8) as u32;
    b[4..8].copy_from_slice(&n.to_le_bytes());
    b
}

#[test]
fn exif_in_every_container() {
    let tiff = tiff_block(&phone());
    let mut prefixed = b"Exif\0\0".to_vec();
    prefixed.extend_from_slice(&tiff);
    let cases = [
        (
            "png eXIf after IDAT",
            png_with_exif(&tiff),
            Format::Png,
            (300, 200),
        ),
        ("webp", webp_with_exif(&tiff), Format::Webp, (320, 240)),
        (
            "webp Exif\\0\\0",
            webp_with_exif(&prefixed),
            Format::Webp,
            (320, 240),
        ),
    ];
    for (what, bytes, format, size) in cases {
        let m = parse(&bytes).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(m.format, format, "{what}");
        assert_eq!((m.width, m.height), size, "{what}");
        assert_eq!(m.orientation, 6, "{what}");
        assert_eq!(m.subsec.as_deref(), Some("0532"), "{what}");
        assert_eq!(m.exif_error, None, "{what}");
    }
}

#[test]
fn not_usable_images() {
    assert_eq!(parse(b""), Err(MetadataError::Empty));
    assert_eq!(parse(b"hello world"), Err(MetadataError::NotAnImage));
    let jpeg = tiny_jpeg();
    assert!(matches!(
        parse(&jpeg[..20]),
        Err(MetadataError::Truncated(_))
    ));
    // A SOF announcing 20000×20000 (400 Mpx).
    let mut huge = vec![0xFF, 0xD8];
    huge.extend_from_slice(&[0xFF, 0xC0, 0, 11, 8, 0x4E, 0x20, 0x4E, 0x20, 1, 1, 0x11, 0]);
    assert_eq!(
        parse(&huge),
        Err(MetadataError::TooLarge {
            width: 20000,
            height: 20000
        })
    );
    assert_eq!(
        MetadataError::TooLarge {
            width: 20000,
            height: 20000
        }
        .to_string(),
        "too large to decode safely (20000×20000)"
    );
}

#[test]
fn inspection_json_shape_and_description() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("phone.jpg");
    let spec = ExifSpec {
        gps: Some(GpsSpec {
            lat: Some(-0.3713),
            lon: Some(36.0564166),
            alt: Some(12.5),
            date_stamp: Some("2019:09:26".into()),
            time_stamp: Some((21, 38, 0.25)),
            ..GpsSpec::default()
        }),
        ..phone()
    };
    std::fs::write(&path, jpeg_with_exif(&tiny_jpeg(), &spec)).unwrap();
    let i = inspect(&path);
    let json = serde_json::to_value(&i).unwrap();
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut want = vec![
        "path",
        "format",
        "width",
        "height",
        "orientation",
        "make",
        "model",
        "datetime_original",
        "subsec",
        "offset",
        "gps",
        "gps_utc",
        "error",
    ];
    let mut keys_sorted = keys.clone();
    keys_sorted.sort_unstable();
    want.sort_unstable();
    assert_eq!(keys_sorted, want, "exactly the CLI's --json fields");
    assert_eq!(json["format"], "jpeg");
    assert_eq!(json["datetime_original"], "2019-09-26T16:38:00");
    assert_eq!(json["subsec"], "0532");
    assert_eq!(json["offset"], "-05:00");
    assert_eq!(json["gps_utc"], "2019-09-26T21:38:00.25Z");
    assert!((json["gps"]["lat"].as_f64().unwrap() + 0.3713).abs() < 1e-6);
    assert_eq!(json["gps"]["alt"], 12.5);
    assert_eq!(json["error"], serde_json::Value::Null);

    let text = describe(&i);
    assert!(text.contains("jpeg 16×8"), "{text}");
    assert!(text.contains("2019-09-26 16:38:00.0532 -05:00"), "{text}");
    assert!(text.contains("-0.371300, 36.056417"), "{text}");

    let missing = inspect(&dir.path().join("nope.jpg"));
    assert!(missing.error.is_some());
    assert_eq!(missing.format, None);
    let empty = dir.path().join("empty.jpg");
    std::fs::write(&empty, b"").unwrap();
    assert_eq!(inspect(&empty).error.as_deref(), Some("empty file"));
    assert!(describe(&inspect(&empty)).contains("error        empty file"));
    eprintln!("{text}");
}

#[test]
fn never_panics_on_cut_or_damaged_files() {
    let tiff = tiff_block(&ExifSpec {
        gps: Some(GpsSpec {
            lat: Some(1.5),
            lon: Some(2.5),
            ..GpsSpec::default()
        }),
        ..phone()
    });
    let files = [
        jpeg_with_exif(&tiny_jpeg(), &phone()),
        png_with_exif(&tiff),
        webp_with_exif(&tiff),
        tiff.clone(),
    ];
    for file in &files {
        for len in 0..file.len() {
            let _ = parse(&file[..len]);
        }
        for at in 0..file.len() {
            let mut damaged = file.clone();
            damaged[at] ^= 0xFF;
            let _ = parse(&damaged);
        }
    }
}

/// `read` reads a JPEG's segments up to its frame header, skipping what is not EXIF: the same
/// answer as parsing the whole file, also when large segments come before the frame header, and
/// the same error when the file is cut among them.
#[test]
fn reading_a_jpeg_in_pieces_is_reading_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let exif = jpeg_with_exif(&tiny_jpeg(), &phone());
    // APP2 segments (as ICC profiles and MPF indexes are) worth 200 KiB after the EXIF block.
    let mut big = exif[..2].to_vec();
    let app1_len = usize::from(u16::from_be_bytes([exif[4], exif[5]]));
    big.extend_from_slice(&exif[2..4 + app1_len]);
    for _ in 0..4 {
        big.extend_from_slice(&[0xFF, 0xE2, 0xC8, 0x02]); // 51,202 bytes
        big.extend(std::iter::repeat_n(0x5A, 51_200));
    }
    big.extend_from_slice(&exif[4 + app1_len..]);
    // A large picture: nothing after the frame header is read.
    let mut long = exif.clone();
    long.extend(std::iter::repeat_n(0x33, 300_000));
    for (name, bytes) in [
        ("small.jpg", &exif),
        ("big-head.jpg", &big),
        ("long.jpg", &long),
    ] {
        let path = tmp.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let whole = parse(bytes).unwrap();
        assert_eq!(read(&path).unwrap(), whole, "{name}");
        assert_eq!(whole.subsec.as_deref(), Some("0532"), "{name}");
    }
    // Cut among the large segments: the same error as parsing it.
    let cut = tmp.path().join("cut.jpg");
    std::fs::write(&cut, &big[..150_000]).unwrap();
    match read(&cut) {
        Err(ReadError::Invalid { source, .. }) => {
            assert_eq!(Err(source), parse(&big[..150_000]).map(|_| ()))
        }
        other => panic!("{other:?}"),
    }
}

/// Counts what a reader brings.
struct Counted<R> {
    inner: R,
    bytes: u64,
}

impl<R: std::io::Read> std::io::Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }
}

impl<R: std::io::Seek> std::io::Seek for Counted<R> {
    fn seek(&mut self, to: std::io::SeekFrom) -> std::io::Result<u64> {
        self.inner.seek(to)
    }
}

/// Every file of the real-camera corpus reads the same in pieces as from all of it, and
/// reading it takes a small part of it: its headers and EXIF block, never its pictures.
#[test]
fn the_corpus_reads_the_same_in_pieces() {
    let corpus = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let truth: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(corpus.join("truth.json"))
            .expect("the shared corpus at ../shared/corpus (tests never skip)"),
    )
    .unwrap();
    let files: Vec<String> = truth["files"]
        .as_array()
        .expect("truth.json lists files")
        .iter()
        .map(|f| f["path"].as_str().expect("a path").to_string())
        .collect();
    assert!(files.len() >= 60, "{} files", files.len());
    let (mut read_in_all, mut size_in_all) = (0, 0);
    for file in files {
        let path = corpus.join(&file);
        let whole = std::fs::read(&path).unwrap();
        let mut counted = Counted {
            inner: std::fs::File::open(&path).unwrap(),
            bytes: 0,
        };
        let read = read_pieces(&mut counted, whole.len() as u64).map_err(|e| match e {
            ReadFailure::Invalid(source) => source,
            ReadFailure::Io(source) => panic!("{file}: {source}"),
        });
        assert_eq!(read, parse(&whole), "{file}");
        assert_eq!(
            read,
            super::read(&path).map_err(|e| match e {
                ReadError::Invalid { source, .. } => source,
                ReadError::Io { source, .. } => panic!("{file}: {source}"),
            }),
            "{file}"
        );
        eprintln!("{file}: read {} of {} bytes", counted.bytes, whole.len());
        // A file's headers and EXIF block: at most a few windows (the largest EXIF block in the
        // corpus, a JPEG's, is ~60 kB), whatever the size of its pictures.
        assert!(
            counted.bytes <= 160 * 1024,
            "{file}: read {} of {} bytes",
            counted.bytes,
            whole.len()
        );
        read_in_all += counted.bytes;
        size_in_all += whole.len() as u64;
    }
    assert!(
        read_in_all * 5 < size_in_all,
        "read {read_in_all} of the corpus's {size_in_all} bytes"
    );
}
