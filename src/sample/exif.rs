//! A hand-built EXIF (TIFF) block writer for generated test photos: IFD0, the Exif IFD and the
//! GPS IFD with the tags Lanyard reads, in either byte order. Writes bytes only — no files, no
//! validation of the values (broken values are the point of some fixtures).

/// The EXIF fields a sample photo carries. `None` leaves the tag out.
#[derive(Debug, Clone, Default)]
pub struct ExifSpec {
    pub make: Option<String>,
    pub model: Option<String>,
    pub orientation: Option<u16>,
    /// DateTimeOriginal (0x9003), written as-is, e.g. "2022:05:17 14:30:22"; may be
    /// "0000:00:00 00:00:00" or blanks.
    pub datetime_original: Option<String>,
    /// DateTimeDigitized (0x9004), written as-is.
    pub datetime_digitized: Option<String>,
    /// ModifyDate (IFD0 0x0132), written as-is.
    pub modify_date: Option<String>,
    /// SubSecTimeOriginal (0x9291), e.g. "123".
    pub subsec_original: Option<String>,
    /// OffsetTimeOriginal (0x9011), e.g. "+02:00".
    pub offset_original: Option<String>,
    /// OffsetTimeDigitized (0x9012).
    pub offset_digitized: Option<String>,
    /// OffsetTime (0x9010), which belongs to ModifyDate.
    pub offset: Option<String>,
    pub gps: Option<GpsSpec>,
    /// "MM" (Motorola) instead of "II" (Intel) byte order.
    pub big_endian: bool,
}

/// The GPS IFD. Present (with GPSVersionID 2.3.0.0) whenever `ExifSpec::gps` is `Some`.
#[derive(Debug, Clone, Default)]
pub struct GpsSpec {
    /// Signed decimal degrees. The absolute value is written as degree/minute/second rationals
    /// and the sign picks the ref unless `lat_ref` is given. NaN writes `0/0` rationals, as
    /// some phones do without a fix (and no ref unless one is given).
    pub lat: Option<f64>,
    /// Like `lat`, for longitude (E/W).
    pub lon: Option<f64>,
    /// Overrides the latitude ref ("N"/"S"); written even when `lat` is `None`.
    pub lat_ref: Option<String>,
    /// Overrides the longitude ref ("E"/"W"); written even when `lon` is `None`.
    pub lon_ref: Option<String>,
    /// Metres; negative writes GPSAltitudeRef 1 (below sea level). NaN writes `0/0`.
    pub alt: Option<f64>,
    /// GPSDateStamp, written as-is, e.g. "2022:05:17".
    pub date_stamp: Option<String>,
    /// GPSTimeStamp: UTC hour, minute and second (seconds kept to the millisecond).
    pub time_stamp: Option<(u32, u32, f64)>,
}

/// TIFF field types used here.
#[derive(Clone, Copy)]
enum Type {
    Byte = 1,
    Ascii = 2,
    Short = 3,
    Long = 4,
    Rational = 5,
    Undefined = 7,
}

/// Values that say what they are; turned into bytes in the block's byte order.
enum Value {
    Bytes(Type, Vec<u8>),
    Ascii(String),
    Short(u16),
    Long(u32),
    Rationals(Vec<(u32, u32)>),
}

struct Entry {
    tag: u16,
    value: Value,
}

/// Byte order of the block being written.
#[derive(Clone, Copy)]
struct Order {
    big: bool,
}

impl Order {
    fn u16(self, v: u16) -> [u8; 2] {
        if self.big {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        }
    }

    fn u32(self, v: u32) -> [u8; 4] {
        if self.big {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        }
    }
}

impl Value {
    /// Field type, count, and the value's bytes in `order`.
    fn encode(&self, order: Order) -> (Type, u32, Vec<u8>) {
        match self {
            Value::Bytes(ty, b) => (*ty, b.len() as u32, b.clone()),
            Value::Ascii(s) => {
                let mut b = s.as_bytes().to_vec();
                b.push(0);
                (Type::Ascii, b.len() as u32, b)
            }
            Value::Short(v) => (Type::Short, 1, order.u16(*v).to_vec()),
            Value::Long(v) => (Type::Long, 1, order.u32(*v).to_vec()),
            Value::Rationals(rs) => {
                let mut b = Vec::with_capacity(rs.len() * 8);
                for &(n, d) in rs {
                    b.extend_from_slice(&order.u32(n));
                    b.extend_from_slice(&order.u32(d));
                }
                (Type::Rational, rs.len() as u32, b)
            }
        }
    }
}

/// Bytes an IFD takes: its directory plus out-of-line values, each padded to a word boundary.
fn ifd_size(entries: &[Entry], order: Order) -> u32 {
    let dir = 2 + 12 * entries.len() as u32 + 4;
    let data: u32 = entries
        .iter()
        .map(|e| e.value.encode(order).2.len() as u32)
        .filter(|&n| n > 4)
        .map(|n| n + (n & 1))
        .sum();
    dir + data
}

/// Appends the IFD at `out.len()` (which must equal `start`), values after the directory.
fn write_ifd(out: &mut Vec<u8>, entries: &mut [Entry], order: Order) {
    entries.sort_by_key(|e| e.tag);
    let start = out.len() as u32;
    let mut data_at = start + 2 + 12 * entries.len() as u32 + 4;
    let mut data = Vec::new();
    out.extend_from_slice(&order.u16(entries.len() as u16));
    for e in entries.iter() {
        let (ty, count, bytes) = e.value.encode(order);
        out.extend_from_slice(&order.u16(e.tag));
        out.extend_from_slice(&order.u16(ty as u16));
        out.extend_from_slice(&order.u32(count));
        if bytes.len() <= 4 {
            // Inline values are left-justified in the 4-byte field.
            let mut field = [0u8; 4];
            field[..bytes.len()].copy_from_slice(&bytes);
            out.extend_from_slice(&field);
        } else {
            out.extend_from_slice(&order.u32(data_at));
            data_at += bytes.len() as u32 + (bytes.len() as u32 & 1);
            data.extend_from_slice(&bytes);
            if bytes.len() % 2 == 1 {
                data.push(0);
            }
        }
    }
    out.extend_from_slice(&order.u32(0)); // no next IFD
    out.extend_from_slice(&data);
}

/// Degrees as three rationals (deg/1, min/1, sec/1e6), rounded once so seconds never reach 60.
/// NaN gives `0/0` three times.
fn dms(value: f64) -> Vec<(u32, u32)> {
    if value.is_nan() {
        return vec![(0, 0); 3];
    }
    const MICRO_PER_DEG: u64 = 3_600_000_000;
    let total = (value.abs() * MICRO_PER_DEG as f64).round() as u64;
    let deg = total / MICRO_PER_DEG;
    let rem = total % MICRO_PER_DEG;
    let min = rem / 60_000_000;
    let sec_micro = rem % 60_000_000;
    vec![
        (deg as u32, 1),
        (min as u32, 1),
        (sec_micro as u32, 1_000_000),
    ]
}

fn ascii(tag: u16, s: &Option<String>) -> Option<Entry> {
    s.as_ref().map(|s| Entry {
        tag,
        value: Value::Ascii(s.clone()),
    })
}

fn gps_entries(gps: &GpsSpec) -> Vec<Entry> {
    let mut e = vec![Entry {
        tag: 0x0000, // GPSVersionID
        value: Value::Bytes(Type::Byte, vec![2, 3, 0, 0]),
    }];
    for (ref_tag, val_tag, value, given_ref, pos, neg) in [
        (0x0001, 0x0002, gps.lat, &gps.lat_ref, "N", "S"),
        (0x0003, 0x0004, gps.lon, &gps.lon_ref, "E", "W"),
    ] {
        let derived = value
            .filter(|v| !v.is_nan())
            .map(|v| if v.is_sign_negative() { neg } else { pos }.to_owned());
        if let Some(r) = given_ref.clone().or(derived) {
            e.push(Entry {
                tag: ref_tag,
                value: Value::Ascii(r),
            });
        }
        if let Some(v) = value {
            e.push(Entry {
                tag: val_tag,
                value: Value::Rationals(dms(v)),
            });
        }
    }
    if let Some(alt) = gps.alt {
        e.push(Entry {
            tag: 0x0005, // GPSAltitudeRef
            value: Value::Bytes(Type::Byte, vec![u8::from(alt < 0.0)]),
        });
        let r = if alt.is_nan() {
            (0, 0)
        } else {
            ((alt.abs() * 1000.0).round() as u32, 1000)
        };
        e.push(Entry {
            tag: 0x0006,
            value: Value::Rationals(vec![r]),
        });
    }
    if let Some((h, m, s)) = gps.time_stamp {
        e.push(Entry {
            tag: 0x0007,
            value: Value::Rationals(vec![(h, 1), (m, 1), ((s * 1000.0).round() as u32, 1000)]),
        });
    }
    e.extend(ascii(0x001D, &gps.date_stamp));
    e
}

/// A complete TIFF block: header, IFD0 (Make, Model, Orientation, ModifyDate and the pointers),
/// the Exif IFD (always present, with ExifVersion 0232) and the GPS IFD when `spec.gps` is set.
pub fn tiff_block(spec: &ExifSpec) -> Vec<u8> {
    let order = Order {
        big: spec.big_endian,
    };

    let mut exif: Vec<Entry> = vec![Entry {
        tag: 0x9000, // ExifVersion
        value: Value::Bytes(Type::Undefined, b"0232".to_vec()),
    }];
    exif.extend(ascii(0x9003, &spec.datetime_original));
    exif.extend(ascii(0x9004, &spec.datetime_digitized));
    exif.extend(ascii(0x9010, &spec.offset));
    exif.extend(ascii(0x9011, &spec.offset_original));
    exif.extend(ascii(0x9012, &spec.offset_digitized));
    exif.extend(ascii(0x9291, &spec.subsec_original));

    let mut gps = spec.gps.as_ref().map(gps_entries);

    let mut ifd0: Vec<Entry> = Vec::new();
    ifd0.extend(ascii(0x010F, &spec.make));
    ifd0.extend(ascii(0x0110, &spec.model));
    if let Some(o) = spec.orientation {
        ifd0.push(Entry {
            tag: 0x0112,
            value: Value::Short(o),
        });
    }
    ifd0.extend(ascii(0x0132, &spec.modify_date));
    // Pointers are inline LONGs, so IFD0's size is known before their values are.
    ifd0.push(Entry {
        tag: 0x8769,
        value: Value::Long(0),
    });
    if gps.is_some() {
        ifd0.push(Entry {
            tag: 0x8825,
            value: Value::Long(0),
        });
    }
    let exif_at = 8 + ifd_size(&ifd0, order);
    let gps_at = exif_at + ifd_size(&exif, order);
    for e in &mut ifd0 {
        match e.tag {
            0x8769 => e.value = Value::Long(exif_at),
            0x8825 => e.value = Value::Long(gps_at),
            _ => {}
        }
    }

    let mut out = Vec::with_capacity(512);
    out.extend_from_slice(if order.big { b"MM\0*" } else { b"II*\0" });
    out.extend_from_slice(&order.u32(8));
    write_ifd(&mut out, &mut ifd0, order);
    debug_assert_eq!(out.len() as u32, exif_at);
    write_ifd(&mut out, &mut exif, order);
    debug_assert_eq!(out.len() as u32, gps_at);
    if let Some(gps) = gps.as_mut() {
        write_ifd(&mut out, gps, order);
    }
    out
}

/// `jpeg` with an APP1 "Exif\0\0" segment holding `tiff_block(spec)` right after SOI. An
/// existing APP0 (JFIF) and APP1 Exif segment are dropped; other segments are kept in order.
///
/// # Panics
/// If `jpeg` does not start with SOI or its header segments are truncated: this builds
/// fixtures from JPEGs the caller just encoded.
pub fn jpeg_with_exif(jpeg: &[u8], spec: &ExifSpec) -> Vec<u8> {
    assert!(jpeg.starts_with(&[0xFF, 0xD8]), "not a JPEG (no SOI)");
    let tiff = tiff_block(spec);
    let seg_len = 2 + 6 + tiff.len();
    assert!(seg_len <= 0xFFFF, "EXIF block too large for one APP1");

    let mut out = Vec::with_capacity(jpeg.len() + seg_len + 2);
    out.extend_from_slice(&[0xFF, 0xD8, 0xFF, 0xE1]);
    out.extend_from_slice(&(seg_len as u16).to_be_bytes());
    out.extend_from_slice(b"Exif\0\0");
    out.extend_from_slice(&tiff);

    let mut pos = 2;
    // Walk the header segments up to SOS (or anything without a length); copy the rest as-is.
    while pos + 4 <= jpeg.len() && jpeg[pos] == 0xFF {
        let marker = jpeg[pos + 1];
        if marker == 0xDA || marker == 0xD9 || (0xD0..=0xD7).contains(&marker) {
            break;
        }
        let len = u16::from_be_bytes([jpeg[pos + 2], jpeg[pos + 3]]) as usize;
        let end = pos + 2 + len;
        assert!(end <= jpeg.len(), "truncated JPEG segment");
        let body = &jpeg[pos + 4..end];
        let drop = marker == 0xE0 || (marker == 0xE1 && body.starts_with(b"Exif\0\0"));
        if !drop {
            out.extend_from_slice(&jpeg[pos..end]);
        }
        pos = end;
    }
    out.extend_from_slice(&jpeg[pos..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use exif::{In, Tag, Value as V};

    fn full_spec(big_endian: bool) -> ExifSpec {
        ExifSpec {
            make: Some("Google".into()),
            model: Some("Pixel 6".into()),
            orientation: Some(6),
            datetime_original: Some("2022:05:17 14:30:22".into()),
            datetime_digitized: Some("2022:05:17 14:30:23".into()),
            modify_date: Some("2022:05:18 09:00:00".into()),
            subsec_original: Some("123".into()),
            offset_original: Some("+02:00".into()),
            offset_digitized: Some("+02:00".into()),
            offset: Some("+01:00".into()),
            gps: Some(GpsSpec {
                lat: Some(52.3396),
                lon: Some(-4.8883),
                lat_ref: None,
                lon_ref: None,
                alt: Some(-3.5),
                date_stamp: Some("2022:05:17".into()),
                time_stamp: Some((12, 30, 22.5)),
            }),
            big_endian,
        }
    }

    fn read(tiff: Vec<u8>) -> exif::Exif {
        exif::Reader::new().read_raw(tiff).expect("parses")
    }

    fn ascii_of(e: &exif::Exif, tag: Tag) -> Option<String> {
        match &e.get_field(tag, In::PRIMARY)?.value {
            V::Ascii(v) => Some(String::from_utf8(v[0].clone()).unwrap()),
            other => panic!("{tag} is not ASCII: {other:?}"),
        }
    }

    fn rationals(e: &exif::Exif, tag: Tag) -> Vec<(u32, u32)> {
        match &e.get_field(tag, In::PRIMARY).unwrap().value {
            V::Rational(v) => v.iter().map(|r| (r.num, r.denom)).collect(),
            other => panic!("{tag} is not RATIONAL: {other:?}"),
        }
    }

    fn degrees(r: &[(u32, u32)]) -> f64 {
        r[0].0 as f64 / r[0].1 as f64
            + r[1].0 as f64 / r[1].1 as f64 / 60.0
            + r[2].0 as f64 / r[2].1 as f64 / 3600.0
    }

    #[test]
    fn every_field_round_trips_in_both_byte_orders() {
        for big in [false, true] {
            let tiff = tiff_block(&full_spec(big));
            assert_eq!(&tiff[..4], if big { b"MM\0*" } else { b"II*\0" });
            let e = read(tiff);
            assert_eq!(e.little_endian(), !big);
            let s = |t| ascii_of(&e, t);
            assert_eq!(s(Tag::Make).as_deref(), Some("Google"));
            assert_eq!(s(Tag::Model).as_deref(), Some("Pixel 6"));
            assert_eq!(s(Tag::DateTime).as_deref(), Some("2022:05:18 09:00:00"));
            assert_eq!(
                s(Tag::DateTimeOriginal).as_deref(),
                Some("2022:05:17 14:30:22")
            );
            assert_eq!(
                s(Tag::DateTimeDigitized).as_deref(),
                Some("2022:05:17 14:30:23")
            );
            assert_eq!(s(Tag::SubSecTimeOriginal).as_deref(), Some("123"));
            assert_eq!(s(Tag::OffsetTimeOriginal).as_deref(), Some("+02:00"));
            assert_eq!(s(Tag::OffsetTimeDigitized).as_deref(), Some("+02:00"));
            assert_eq!(s(Tag::OffsetTime).as_deref(), Some("+01:00"));
            let orientation = e.get_field(Tag::Orientation, In::PRIMARY).unwrap();
            assert!(matches!(&orientation.value, V::Short(v) if v == &[6]));
            assert_eq!(orientation.value.get_uint(0), Some(6));

            let ver = e.get_field(Tag::GPSVersionID, In::PRIMARY).unwrap();
            assert!(matches!(&ver.value, V::Byte(v) if v == &[2, 3, 0, 0]));
            assert_eq!(s(Tag::GPSLatitudeRef).as_deref(), Some("N"));
            assert_eq!(s(Tag::GPSLongitudeRef).as_deref(), Some("W"));
            let lat = rationals(&e, Tag::GPSLatitude);
            assert_eq!(lat, vec![(52, 1), (20, 1), (22_560_000, 1_000_000)]);
            assert!((degrees(&lat) - 52.3396).abs() < 1e-9);
            assert!((degrees(&rationals(&e, Tag::GPSLongitude)) - 4.8883).abs() < 1e-9);
            let alt_ref = e.get_field(Tag::GPSAltitudeRef, In::PRIMARY).unwrap();
            assert!(matches!(&alt_ref.value, V::Byte(v) if v == &[1]));
            assert_eq!(rationals(&e, Tag::GPSAltitude), vec![(3500, 1000)]);
            assert_eq!(
                rationals(&e, Tag::GPSTimeStamp),
                vec![(12, 1), (30, 1), (22_500, 1000)]
            );
            assert_eq!(s(Tag::GPSDateStamp).as_deref(), Some("2022:05:17"));
        }
    }

    /// Offsets of every IFD and out-of-line value, walked by hand from the header.
    fn offsets(tiff: &[u8]) -> Vec<u32> {
        let big = tiff[0] == b'M';
        let u16_at = |i: usize| {
            let b = [tiff[i], tiff[i + 1]];
            if big {
                u16::from_be_bytes(b)
            } else {
                u16::from_le_bytes(b)
            }
        };
        let u32_at = |i: usize| {
            let b = [tiff[i], tiff[i + 1], tiff[i + 2], tiff[i + 3]];
            if big {
                u32::from_be_bytes(b)
            } else {
                u32::from_le_bytes(b)
            }
        };
        let mut found = Vec::new();
        let mut todo = vec![u32_at(4)];
        while let Some(ifd) = todo.pop() {
            found.push(ifd);
            let n = u16_at(ifd as usize) as usize;
            for i in 0..n {
                let at = ifd as usize + 2 + 12 * i;
                let (tag, ty, count) = (u16_at(at), u16_at(at + 2), u32_at(at + 4));
                let unit = match ty {
                    1 | 2 | 7 => 1,
                    3 => 2,
                    4 => 4,
                    5 => 8,
                    _ => panic!("unexpected type {ty}"),
                };
                let size = unit * count;
                if tag == 0x8769 || tag == 0x8825 {
                    assert_eq!((ty, count), (4, 1), "pointers are one LONG");
                    todo.push(u32_at(at + 8));
                } else if size > 4 {
                    let off = u32_at(at + 8);
                    assert!(
                        off as usize + size as usize <= tiff.len(),
                        "{tag:#x} inside"
                    );
                    found.push(off);
                }
            }
            assert_eq!(u32_at(ifd as usize + 2 + 12 * n), 0, "one IFD per chain");
        }
        found
    }

    #[test]
    fn ifds_and_values_are_word_aligned_and_inside_the_block() {
        for big in [false, true] {
            let mut spec = full_spec(big);
            spec.make = Some("Odd".into()); // 4 bytes with NUL: inline
            spec.model = Some("Five!".into()); // 6 bytes: out of line
            spec.subsec_original = Some("1234".into()); // 5 bytes: odd, padded
            let tiff = tiff_block(&spec);
            let offsets = offsets(&tiff);
            assert_eq!(
                offsets.len(),
                // IFD0: Model, ModifyDate; Exif: 4 dates/offsets + OffsetTime + SubSec; GPS: lat, lon, alt, time, date
                3 + 2 + 6 + 5,
                "three IFDs and their out-of-line values"
            );
            for off in offsets {
                assert_eq!(off % 2, 0, "offset {off} is on a word boundary");
            }
            let e = read(tiff);
            assert_eq!(ascii_of(&e, Tag::Make).as_deref(), Some("Odd"));
            assert_eq!(ascii_of(&e, Tag::Model).as_deref(), Some("Five!"));
            assert_eq!(
                ascii_of(&e, Tag::SubSecTimeOriginal).as_deref(),
                Some("1234")
            );
        }
    }

    #[test]
    fn raw_strings_and_odd_gps_are_written_as_given() {
        let spec = ExifSpec {
            datetime_original: Some("0000:00:00 00:00:00".into()),
            modify_date: Some(" ".repeat(19)),
            gps: Some(GpsSpec {
                lat: Some(f64::NAN),
                lat_ref: Some("S".into()),
                lon_ref: Some("E".into()), // a ref with no value
                ..GpsSpec::default()
            }),
            ..ExifSpec::default()
        };
        let e = read(tiff_block(&spec));
        assert_eq!(
            ascii_of(&e, Tag::DateTimeOriginal).as_deref(),
            Some("0000:00:00 00:00:00")
        );
        assert_eq!(
            ascii_of(&e, Tag::DateTime).as_deref(),
            Some(" ".repeat(19).as_str())
        );
        assert_eq!(ascii_of(&e, Tag::GPSLatitudeRef).as_deref(), Some("S"));
        assert_eq!(rationals(&e, Tag::GPSLatitude), vec![(0, 0); 3]);
        assert_eq!(ascii_of(&e, Tag::GPSLongitudeRef).as_deref(), Some("E"));
        assert!(e.get_field(Tag::GPSLongitude, In::PRIMARY).is_none());
        assert!(e.get_field(Tag::Make, In::PRIMARY).is_none());
        assert!(e.get_field(Tag::GPSAltitude, In::PRIMARY).is_none());
    }

    #[test]
    fn an_empty_spec_is_still_valid_exif() {
        for big in [false, true] {
            let e = read(tiff_block(&ExifSpec {
                big_endian: big,
                ..ExifSpec::default()
            }));
            assert!(e.get_field(Tag::ExifVersion, In::PRIMARY).is_some());
            assert!(e.get_field(Tag::GPSVersionID, In::PRIMARY).is_none());
        }
    }

    #[test]
    fn sign_picks_the_ref_unless_one_is_given() {
        let spec = |lat: f64, lat_ref: Option<&str>| ExifSpec {
            gps: Some(GpsSpec {
                lat: Some(lat),
                lat_ref: lat_ref.map(String::from),
                lon: Some(0.0),
                ..GpsSpec::default()
            }),
            ..ExifSpec::default()
        };
        let r = |s: &ExifSpec| ascii_of(&read(tiff_block(s)), Tag::GPSLatitudeRef);
        assert_eq!(r(&spec(-33.9, None)).as_deref(), Some("S"));
        assert_eq!(r(&spec(33.9, None)).as_deref(), Some("N"));
        assert_eq!(r(&spec(33.9, Some("S"))).as_deref(), Some("S"));
        let e = read(tiff_block(&spec(0.0, None)));
        assert_eq!(ascii_of(&e, Tag::GPSLongitudeRef).as_deref(), Some("E"));
    }

    /// A minimal JPEG from the `image` crate (it writes JFIF APP0).
    fn tiny_jpeg() -> Vec<u8> {
        let img = image::RgbImage::from_fn(16, 8, |x, y| image::Rgb([x as u8 * 16, y as u8, 99]));
        let mut buf = std::io::Cursor::new(Vec::new());
        img.write_to(&mut buf, image::ImageFormat::Jpeg).unwrap();
        buf.into_inner()
    }

    #[test]
    fn jpeg_with_exif_puts_app1_first_and_replaces_an_old_one() {
        let plain = tiny_jpeg();
        for big in [false, true] {
            let spec = full_spec(big);
            let once = jpeg_with_exif(&plain, &spec);
            assert_eq!(&once[..4], &[0xFF, 0xD8, 0xFF, 0xE1]);
            assert_eq!(&once[6..12], b"Exif\0\0");
            assert!(
                !once.windows(5).any(|w| w == b"JFIF\0"),
                "APP0 JFIF is dropped"
            );

            let mut other = spec.clone();
            other.model = Some("Canon EOS RP".into());
            let twice = jpeg_with_exif(&once, &other);
            assert_eq!(
                twice.windows(6).filter(|w| w == b"Exif\0\0").count(),
                1,
                "the old Exif APP1 is dropped"
            );

            let e = exif::Reader::new()
                .read_from_container(&mut std::io::Cursor::new(&twice))
                .unwrap();
            assert_eq!(ascii_of(&e, Tag::Model).as_deref(), Some("Canon EOS RP"));
            assert_eq!(
                ascii_of(&e, Tag::OffsetTimeOriginal).as_deref(),
                Some("+02:00")
            );
            let img = image::load_from_memory(&twice).expect("still decodes");
            assert_eq!((img.width(), img.height()), (16, 8));
        }
    }
}
