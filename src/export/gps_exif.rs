//! The one EXIF block an export ever writes: GPS coordinates for `--embed-gps`, and nothing
//! else (no time stamps, camera, serials or orientation). A privacy-critical write, so it is
//! small, checked value by value, and refuses rather than guesses: a position that is not on
//! the globe, or a JPEG it cannot walk, gets no block at all. Pure: bytes in, bytes out.

use crate::model::Gps;

/// Why no GPS block was written.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GpsExifError {
    #[error("the position {lat}, {lon} is not on the globe")]
    Position { lat: f64, lon: f64 },
    #[error("the JPEG's header segments cannot be walked")]
    NotJpeg,
}

/// GPS tags (EXIF 2.3, GPS IFD).
const GPS_VERSION_ID: u16 = 0x0000;
const GPS_LATITUDE_REF: u16 = 0x0001;
const GPS_LATITUDE: u16 = 0x0002;
const GPS_LONGITUDE_REF: u16 = 0x0003;
const GPS_LONGITUDE: u16 = 0x0004;
const GPS_ALTITUDE_REF: u16 = 0x0005;
const GPS_ALTITUDE: u16 = 0x0006;
/// IFD0's pointer to the GPS IFD.
const GPS_INFO_IFD: u16 = 0x8825;

const BYTE: u16 = 1;
const ASCII: u16 = 2;
const LONG: u16 = 4;
const RATIONAL: u16 = 5;

/// Altitudes beyond this (metres, either way) are taken as a broken reading and left out.
const MAX_ALTITUDE_M: f64 = 100_000.0;

/// `jpeg` with one APP1 Exif segment right after SOI holding only the GPS position (latitude,
/// longitude, and the altitude when it is a plausible number). An APP0 JFIF segment and any
/// earlier Exif segment are dropped; every other byte is kept as it was.
pub fn with_gps(jpeg: &[u8], gps: &Gps) -> Result<Vec<u8>, GpsExifError> {
    let tiff = gps_tiff(gps)?;
    let header_end = header_end(jpeg).ok_or(GpsExifError::NotJpeg)?;
    let segment_len = 2 + 6 + tiff.len();
    let mut out = Vec::with_capacity(jpeg.len() + segment_len + 2);
    out.extend_from_slice(&[0xFF, 0xD8, 0xFF, 0xE1]);
    out.extend_from_slice(&(segment_len as u16).to_be_bytes());
    out.extend_from_slice(b"Exif\0\0");
    out.extend_from_slice(&tiff);
    let mut pos = 2;
    while pos < header_end {
        let len = u16::from_be_bytes([jpeg[pos + 2], jpeg[pos + 3]]) as usize;
        let end = pos + 2 + len;
        let marker = jpeg[pos + 1];
        let body = &jpeg[pos + 4..end];
        let replaced = (marker == 0xE0 && body.starts_with(b"JFIF\0"))
            || (marker == 0xE1 && body.starts_with(b"Exif\0\0"));
        if !replaced {
            out.extend_from_slice(&jpeg[pos..end]);
        }
        pos = end;
    }
    out.extend_from_slice(&jpeg[header_end..]);
    Ok(out)
}

/// Where the header segments end (the SOS marker), or `None` when the bytes are not a JPEG
/// whose segments fit inside it.
fn header_end(jpeg: &[u8]) -> Option<usize> {
    if !jpeg.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut pos = 2;
    loop {
        if pos + 4 > jpeg.len() || jpeg[pos] != 0xFF {
            return None;
        }
        let marker = jpeg[pos + 1];
        if marker == 0xDA {
            return Some(pos);
        }
        // Markers without a length never come before SOS in a JPEG our encoder writes.
        if marker == 0xD8 || marker == 0xD9 || (0xD0..=0xD7).contains(&marker) {
            return None;
        }
        let len = u16::from_be_bytes([jpeg[pos + 2], jpeg[pos + 3]]) as usize;
        if len < 2 || pos + 2 + len > jpeg.len() {
            return None;
        }
        pos += 2 + len;
    }
}

/// A little-endian TIFF block: IFD0 with only the GPS pointer, then the GPS IFD and its values.
fn gps_tiff(gps: &Gps) -> Result<Vec<u8>, GpsExifError> {
    let on_globe = gps.lat.is_finite()
        && gps.lon.is_finite()
        && (-90.0..=90.0).contains(&gps.lat)
        && (-180.0..=180.0).contains(&gps.lon);
    if !on_globe {
        return Err(GpsExifError::Position {
            lat: gps.lat,
            lon: gps.lon,
        });
    }
    let altitude = gps
        .alt
        .filter(|a| a.is_finite() && a.abs() <= MAX_ALTITUDE_M);

    // Entries whose values do not fit in 4 bytes point into `data`, after the GPS IFD.
    let mut entries: Vec<(u16, u16, u32, Vec<u8>)> = vec![
        (GPS_VERSION_ID, BYTE, 4, vec![2, 3, 0, 0]),
        (GPS_LATITUDE_REF, ASCII, 2, ref_letter(gps.lat, b'N', b'S')),
        (GPS_LATITUDE, RATIONAL, 3, dms(gps.lat)),
        (GPS_LONGITUDE_REF, ASCII, 2, ref_letter(gps.lon, b'E', b'W')),
        (GPS_LONGITUDE, RATIONAL, 3, dms(gps.lon)),
    ];
    if let Some(alt) = altitude {
        let below = u8::from(alt < 0.0);
        let centimetres = (alt.abs() * 100.0).round() as u32;
        entries.push((GPS_ALTITUDE_REF, BYTE, 1, vec![below, 0, 0, 0]));
        entries.push((GPS_ALTITUDE, RATIONAL, 1, rational(centimetres, 100)));
    }

    let ifd0_at = 8u32;
    let ifd0_len = 2 + 12 + 4;
    let gps_at = ifd0_at + ifd0_len;
    let gps_len = 2 + 12 * entries.len() as u32 + 4;
    let mut data_at = gps_at + gps_len;

    let mut out = Vec::new();
    out.extend_from_slice(b"II*\0");
    out.extend_from_slice(&ifd0_at.to_le_bytes());
    // IFD0: one entry, no next IFD.
    out.extend_from_slice(&1u16.to_le_bytes());
    out.extend_from_slice(&GPS_INFO_IFD.to_le_bytes());
    out.extend_from_slice(&LONG.to_le_bytes());
    out.extend_from_slice(&1u32.to_le_bytes());
    out.extend_from_slice(&gps_at.to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes());
    // GPS IFD (entries in tag order, as TIFF requires).
    let mut data = Vec::new();
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    for (tag, kind, count, bytes) in &entries {
        out.extend_from_slice(&tag.to_le_bytes());
        out.extend_from_slice(&kind.to_le_bytes());
        out.extend_from_slice(&count.to_le_bytes());
        if bytes.len() <= 4 {
            let mut inline = [0u8; 4];
            inline[..bytes.len()].copy_from_slice(bytes);
            out.extend_from_slice(&inline);
        } else {
            out.extend_from_slice(&data_at.to_le_bytes());
            data.extend_from_slice(bytes);
            data_at += bytes.len() as u32;
        }
    }
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&data);
    Ok(out)
}

/// "N\0" for a positive (or zero) value, "S\0" for a negative one (E/W for longitude).
fn ref_letter(value: f64, positive: u8, negative: u8) -> Vec<u8> {
    vec![if value < 0.0 { negative } else { positive }, 0]
}

/// |value| as degrees, minutes and seconds rationals, seconds to the millisecond of arc (3 cm).
/// Rounded once, as a whole count of milliseconds, so 59.9996″ becomes the next minute rather
/// than 60″.
fn dms(value: f64) -> Vec<u8> {
    let total = (value.abs() * 3_600_000.0).round() as u64;
    let degrees = (total / 3_600_000) as u32;
    let minutes = (total / 60_000 % 60) as u32;
    let millis = (total % 60_000) as u32;
    [
        rational(degrees, 1),
        rational(minutes, 1),
        rational(millis, 1000),
    ]
    .concat()
}

fn rational(numerator: u32, denominator: u32) -> Vec<u8> {
    [numerator.to_le_bytes(), denominator.to_le_bytes()].concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg() -> Vec<u8> {
        let mut out = Vec::new();
        let pixels = vec![200u8; 32 * 16 * 3];
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
            .encode(&pixels, 32, 16, image::ExtendedColorType::Rgb8)
            .unwrap();
        out
    }

    fn gps(lat: f64, lon: f64, alt: Option<f64>) -> Gps {
        Gps { lat, lon, alt }
    }

    #[test]
    fn positions_read_back_exactly_and_nothing_else_is_written() {
        let plain = jpeg();
        let cases = [
            gps(52.339_6, 4.888_3, Some(2.0)),
            gps(-33.856_8, 151.215_3, None),
            gps(40.712_8, -74.006_0, Some(-12.5)),
            gps(-0.000_1, -179.999_999, Some(8848.86)),
            gps(90.0, 180.0, None),
            gps(0.0, 0.5, Some(0.0)),
        ];
        for want in cases {
            let bytes = with_gps(&plain, &want).unwrap();
            let read = crate::metadata::parse(&bytes)
                .unwrap_or_else(|e| panic!("{want:?}: unreadable: {e}"));
            let got = read
                .gps
                .unwrap_or_else(|| panic!("{want:?}: no GPS read back"));
            assert!((got.lat - want.lat).abs() < 1e-6, "{want:?} → {got:?}");
            assert!((got.lon - want.lon).abs() < 1e-6, "{want:?} → {got:?}");
            match (got.alt, want.alt) {
                (Some(a), Some(b)) => assert!((a - b).abs() < 0.01, "{want:?} → {got:?}"),
                (None, None) => {}
                other => panic!("{want:?}: altitude {other:?}"),
            }
            assert_eq!(
                (read.make, read.model, read.datetime_original),
                (None, None, None)
            );

            let exif = exif::Reader::new()
                .read_from_container(&mut std::io::Cursor::new(&bytes))
                .unwrap();
            let tags: Vec<(exif::In, exif::Tag)> =
                exif.fields().map(|f| (f.ifd_num, f.tag)).collect();
            // kamadak-exif lists the fields behind IFD0's GPS pointer, not the pointer itself.
            let mut allowed = vec![
                exif::Tag::GPSVersionID,
                exif::Tag::GPSLatitudeRef,
                exif::Tag::GPSLatitude,
                exif::Tag::GPSLongitudeRef,
                exif::Tag::GPSLongitude,
            ];
            if want.alt.is_some() {
                allowed.extend([exif::Tag::GPSAltitudeRef, exif::Tag::GPSAltitude]);
            }
            assert_eq!(
                tags.iter().map(|(_, t)| *t).collect::<Vec<_>>(),
                allowed,
                "{want:?}: only the position"
            );
            let image = image::load_from_memory(&bytes).expect("still a JPEG");
            assert_eq!((image.width(), image.height()), (32, 16));
        }
    }

    #[test]
    fn seconds_round_into_the_next_minute_not_to_sixty() {
        let bytes = dms(10.0 + 59.0 / 60.0 + 59.999_9 / 3600.0);
        let parts: Vec<u32> = bytes
            .chunks(4)
            .map(|c| u32::from_le_bytes(c.try_into().unwrap()))
            .collect();
        assert_eq!(parts, vec![11, 1, 0, 1, 0, 1000]);
    }

    #[test]
    fn refuses_positions_off_the_globe_and_broken_altitudes_are_left_out() {
        let plain = jpeg();
        for (lat, lon) in [
            (f64::NAN, 4.0),
            (52.0, f64::INFINITY),
            (90.000_1, 0.0),
            (-91.0, 0.0),
            (0.0, 180.5),
            (0.0, -181.0),
        ] {
            assert_eq!(
                with_gps(&plain, &gps(lat, lon, None))
                    .unwrap_err()
                    .to_string(),
                GpsExifError::Position { lat, lon }.to_string()
            );
        }
        for alt in [f64::NAN, 1e9, -1e6] {
            let bytes = with_gps(&plain, &gps(1.0, 2.0, Some(alt))).unwrap();
            let read = crate::metadata::parse(&bytes).unwrap();
            assert_eq!(read.gps.and_then(|g| g.alt), None, "{alt}");
        }
    }

    #[test]
    fn replaces_old_metadata_segments_and_refuses_what_is_not_a_jpeg() {
        let plain = jpeg();
        let once = with_gps(&plain, &gps(1.0, 2.0, None)).unwrap();
        let twice = with_gps(&once, &gps(3.0, 4.0, None)).unwrap();
        assert_eq!(
            twice.windows(6).filter(|w| w == b"Exif\0\0").count(),
            1,
            "one Exif segment"
        );
        assert!(!twice.windows(5).any(|w| w == b"JFIF\0"), "JFIF dropped");
        let read = crate::metadata::parse(&twice).unwrap();
        assert_eq!(read.gps.map(|g| (g.lat, g.lon)), Some((3.0, 4.0)));
        for broken in [&b""[..], b"\xFF\xD8", b"PNG....", &plain[..40]] {
            assert_eq!(
                with_gps(broken, &gps(1.0, 2.0, None)),
                Err(GpsExifError::NotJpeg)
            );
        }
    }
}
