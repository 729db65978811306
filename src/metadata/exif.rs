//! EXIF fields from a raw TIFF-structured block: make, model, orientation, the capture date with
//! its sub-seconds and offset, GPS position and GPS UTC time. Strict about values (zero, blank
//! and impossible dates are "unknown"), tolerant about structure (a broken IFD loses only the
//! fields it held). No container parsing, no filesystem access.

use ::exif::{Field, In, Reader, Tag, Value};
use jiff::civil::{Date, DateTime};
use jiff::tz::Offset;
use jiff::{SignedDuration, Timestamp};

use crate::model::Gps;

use super::ifds::ByteOrder;

/// What the EXIF block says, already validated.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct ExifFields {
    pub make: Option<String>,
    pub model: Option<String>,
    /// 1–8; 1 when missing or invalid.
    pub orientation: u8,
    /// DateTimeOriginal, or DateTimeDigitized when the original is absent or unusable.
    pub datetime: Option<DateTime>,
    /// The sub-seconds of the same tag group as `datetime`.
    pub subsec: Option<String>,
    /// The offset of the same tag group as `datetime` (never OffsetTime, which is ModifyDate's).
    pub offset: Option<Offset>,
    pub gps: Option<Gps>,
    pub gps_utc: Option<Timestamp>,
}

/// Reads the fields from a TIFF block. The error string says why the block (or part of it)
/// could not be read; what could be read is still returned.
pub(crate) fn read_fields(mut tiff: Vec<u8>) -> (ExifFields, Option<String>) {
    let mut reader = Reader::new();
    reader.continue_on_error(true);
    let mut problem = None;
    retype_ifd_pointers(&mut tiff);
    let exif = match reader.read_raw(tiff) {
        Ok(exif) => exif,
        Err(e) => match e.distill_partial_result(|errors| {
            problem = errors
                .first()
                .map(|e| format!("EXIF partly unreadable: {e}"));
        }) {
            Ok(exif) => exif,
            Err(e) => {
                let fields = ExifFields {
                    orientation: 1,
                    ..ExifFields::default()
                };
                return (fields, Some(format!("EXIF unreadable: {e}")));
            }
        },
    };
    let get = |tag: Tag| exif.get_field(tag, In::PRIMARY);

    let original = get(Tag::DateTimeOriginal).and_then(|f| datetime(ascii(f)?));
    let (datetime, subsec, offset) = match original {
        Some(dt) => (
            Some(dt),
            get(Tag::SubSecTimeOriginal),
            get(Tag::OffsetTimeOriginal),
        ),
        None => (
            get(Tag::DateTimeDigitized).and_then(|f| self::datetime(ascii(f)?)),
            get(Tag::SubSecTimeDigitized),
            get(Tag::OffsetTimeDigitized),
        ),
    };
    let (subsec, offset) = match datetime {
        Some(_) => (
            subsec.and_then(|f| self::subsec(ascii(f)?)),
            offset.and_then(|f| self::offset(ascii(f)?)),
        ),
        None => (None, None),
    };

    let fields = ExifFields {
        make: get(Tag::Make).and_then(text),
        model: get(Tag::Model).and_then(text),
        orientation: get(Tag::Orientation)
            .and_then(|f| f.value.get_uint(0))
            .and_then(|o| u8::try_from(o).ok())
            .filter(|o| (1..=8).contains(o))
            .unwrap_or(1),
        datetime,
        subsec,
        offset,
        gps: gps(&get),
        gps_utc: gps_utc(
            get(Tag::GPSDateStamp).and_then(ascii),
            get(Tag::GPSTimeStamp).map(|f| &f.value),
        ),
    };
    (fields, problem)
}

/// Rewrites sub-IFD pointers of TIFF type IFD (13) as LONG (4), which they are equivalent to:
/// DJI and other TIFF writers use type 13 and kamadak-exif only follows LONG pointers.
fn retype_ifd_pointers(tiff: &mut [u8]) {
    let order = ByteOrder::of(tiff);
    let u16_at = |b: &[u8], at| order.u16_at(b, at);
    let u32_at = |b: &[u8], at| order.u32_at(b, at);
    let long = order.u16_bytes(4);
    // IFD0's Exif and GPS pointers, then the Exif IFD's Interop pointer.
    let mut ifds = vec![(u32_at(tiff, 4), &[0x8769u16, 0x8825][..])];
    let mut i = 0;
    while let Some(&(Some(ifd), pointers)) = ifds.get(i) {
        i += 1;
        let ifd = ifd as usize;
        let Some(count) = u16_at(tiff, ifd) else {
            continue;
        };
        for n in 0..usize::from(count) {
            let e = ifd + 2 + n * 12;
            let (Some(tag), Some(kind)) = (u16_at(tiff, e), u16_at(tiff, e + 2)) else {
                break;
            };
            if !pointers.contains(&tag) {
                continue;
            }
            if kind == 13 {
                tiff[e + 2..e + 4].copy_from_slice(&long);
            }
            if tag == 0x8769 && ifds.len() < 3 {
                ifds.push((u32_at(tiff, e + 8), &[0xA005][..]));
            }
        }
    }
}

/// The first string of an ASCII field (kamadak splits at NULs). Some writers use UNDEFINED.
fn ascii(f: &Field) -> Option<&[u8]> {
    match &f.value {
        Value::Ascii(v) => v.first().map(Vec::as_slice),
        Value::Undefined(b, _) => Some(b.split(|&c| c == 0).next().unwrap_or_default()),
        _ => None,
    }
}

fn trim_end(b: &[u8]) -> &[u8] {
    let end = b
        .iter()
        .rposition(|&c| c != b' ' && c != 0)
        .map_or(0, |i| i + 1);
    &b[..end]
}

/// Make/Model: trailing blanks and NULs removed; empty means absent.
fn text(f: &Field) -> Option<String> {
    let b = trim_end(ascii(f)?);
    (!b.is_empty()).then(|| String::from_utf8_lossy(b).into_owned())
}

/// "YYYY:MM:DD HH:MM:SS" (anything after the seconds is ignored). Zero, blank and impossible
/// dates are `None`. Dashes or slashes in the date and a `T` separator are tolerated.
pub(crate) fn datetime(b: &[u8]) -> Option<DateTime> {
    let b = b.get(..19)?;
    let num = |r: std::ops::Range<usize>| -> Option<i32> {
        let s = &b[r];
        s.iter()
            .all(u8::is_ascii_digit)
            .then(|| s.iter().fold(0, |n, &d| n * 10 + i32::from(d - b'0')))
    };
    let date_sep = |c: u8| matches!(c, b':' | b'-' | b'/');
    if !(date_sep(b[4]) && date_sep(b[7]) && matches!(b[10], b' ' | b'T') && b[13] == b':')
        || b[16] != b':'
    {
        return None;
    }
    let year = i16::try_from(num(0..4)?).ok()?;
    if year == 0 {
        return None;
    }
    DateTime::new(
        year,
        i8::try_from(num(5..7)?).ok()?,
        i8::try_from(num(8..10)?).ok()?,
        i8::try_from(num(11..13)?).ok()?,
        i8::try_from(num(14..16)?).ok()?,
        i8::try_from(num(17..19)?).ok()?,
        0,
    )
    .ok()
}

/// Sub-second digits exactly as stored, leading zeros kept; `None` unless all digits.
pub(crate) fn subsec(b: &[u8]) -> Option<String> {
    let b = trim_end(b);
    let start = b.iter().position(|&c| c != b' ').unwrap_or(b.len());
    let b = &b[start..];
    (!b.is_empty() && b.iter().all(u8::is_ascii_digit))
        .then(|| String::from_utf8_lossy(b).into_owned())
}

/// "+HH:MM" / "-HH:MM" (EXIF 2.31), at most 14 hours; blanks and junk are `None`.
pub(crate) fn offset(b: &[u8]) -> Option<Offset> {
    let b = trim_end(b);
    let [sign, h1, h2, b':', m1, m2] = *b else {
        return None;
    };
    let digits = [h1, h2, m1, m2];
    if !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let [h1, h2, m1, m2] = digits.map(|d| i32::from(d - b'0'));
    let (hours, minutes) = (h1 * 10 + h2, m1 * 10 + m2);
    let seconds = hours * 3600 + minutes * 60;
    if minutes >= 60 || seconds > 14 * 3600 {
        return None;
    }
    let seconds = match sign {
        b'+' => seconds,
        b'-' => -seconds,
        _ => return None,
    };
    Offset::from_seconds(seconds).ok()
}

/// A rational's value; `None` for a zero denominator (0/0 means "no fix"). Some phones (Nokia,
/// HMD) write GPS coordinates as SRATIONAL instead of RATIONAL.
fn ratio(v: &Value, i: usize) -> Option<f64> {
    match v {
        Value::Rational(r) => r.get(i).filter(|r| r.denom != 0).map(|r| r.to_f64()),
        Value::SRational(r) => r.get(i).filter(|r| r.denom != 0).map(|r| r.to_f64()),
        _ => None,
    }
}

fn rationals(v: &Value) -> usize {
    match v {
        Value::Rational(r) => r.len(),
        Value::SRational(r) => r.len(),
        _ => 0,
    }
}

/// Degrees/minutes/seconds → unsigned decimal degrees. Missing minutes/seconds count as 0 but an empty
/// value is no value.
fn dms(v: &Value) -> Option<f64> {
    let len = rationals(v).min(3);
    if len == 0 {
        return None;
    }
    let mut deg: f64 = 0.0;
    for (i, unit) in [1.0, 60.0, 3600.0].iter().enumerate().take(len) {
        deg += ratio(v, i)? / unit;
    }
    // The ref carries the sign; a signed value is read as its magnitude.
    deg.is_finite().then_some(deg.abs())
}

/// True when a ref field says south/west.
fn negative_ref(f: Option<&Field>, neg: u8) -> bool {
    f.and_then(ascii)
        .and_then(|b| trim_end(b).first().copied())
        .is_some_and(|c| c.eq_ignore_ascii_case(&neg))
}

/// Signed position; 0/0, missing or empty coordinates and out-of-range values are no location.
fn gps<'a>(get: &impl Fn(Tag) -> Option<&'a Field>) -> Option<Gps> {
    let lat = dms(&get(Tag::GPSLatitude)?.value)?;
    let lon = dms(&get(Tag::GPSLongitude)?.value)?;
    if (lat == 0.0 && lon == 0.0) || lat > 90.0 || lon > 180.0 {
        return None;
    }
    let sign = |neg| if neg { -1.0 } else { 1.0 };
    let lat = lat * sign(negative_ref(get(Tag::GPSLatitudeRef), b'S'));
    let lon = lon * sign(negative_ref(get(Tag::GPSLongitudeRef), b'W'));
    let alt = get(Tag::GPSAltitude)
        .and_then(|f| ratio(&f.value, 0))
        .map(|alt| {
            let below = get(Tag::GPSAltitudeRef).and_then(|f| f.value.get_uint(0)) == Some(1);
            if below {
                -alt
            } else {
                alt
            }
        });
    Some(Gps { lat, lon, alt })
}

/// GPSDateStamp ("YYYY:MM:DD") + GPSTimeStamp (h, m, s rationals) as a UTC instant; `None`
/// unless both are present and valid.
pub(crate) fn gps_utc(date: Option<&[u8]>, time: Option<&Value>) -> Option<Timestamp> {
    let date = trim_end(date?);
    let [y1, y2, y3, y4, b':', m1, m2, b':', d1, d2] = *date else {
        return None;
    };
    let digits = [y1, y2, y3, y4, m1, m2, d1, d2];
    if !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let [y1, y2, y3, y4, m1, m2, d1, d2] = digits.map(|d| i16::from(d - b'0'));
    let year = y1 * 1000 + y2 * 100 + y3 * 10 + y4;
    if year == 0 {
        return None;
    }
    let date = Date::new(year, (m1 * 10 + m2) as i8, (d1 * 10 + d2) as i8).ok()?;

    let Value::Rational(parts) = time? else {
        return None;
    };
    if parts.len() != 3 {
        return None;
    }
    // Exact nanoseconds since midnight from the three rationals (no float rounding).
    let mut nanos: u128 = 0;
    for (r, unit) in parts.iter().zip([3600u128, 60, 1]) {
        if r.denom == 0 {
            return None;
        }
        nanos += u128::from(r.num) * unit * 1_000_000_000 / u128::from(r.denom);
    }
    if nanos >= 86_400 * 1_000_000_000 {
        return None;
    }
    let midnight = Offset::UTC.to_timestamp(date.to_datetime(jiff::civil::Time::midnight()));
    let since = SignedDuration::from_nanos(i64::try_from(nanos).ok()?);
    midnight.ok()?.checked_add(since).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::exif::Rational;

    #[test]
    fn datetimes() {
        let ok = |s: &str, want: &str| {
            assert_eq!(
                datetime(s.as_bytes()).map(|d| d.to_string()),
                Some(want.to_string()),
                "{s:?}"
            );
        };
        ok("2022:05:17 14:30:22", "2022-05-17T14:30:22");
        ok("2022:05:17 14:30:22\0", "2022-05-17T14:30:22");
        ok("2022-05-17 14:30:22", "2022-05-17T14:30:22");
        ok("2022:05:17T14:30:22.123+02:00", "2022-05-17T14:30:22");
        ok("2026:11:24 14:41:16", "2026-11-24T14:41:16"); // future dates are still dates
        for bad in [
            "0000:00:00 00:00:00",
            "    :  :     :  :  ",
            "2022:13:01 10:00:00",
            "2022:02:30 10:00:00",
            "2022:05:17 24:00:00",
            "2022:05:17 10:61:00",
            "2022:05:17",
            "",
            "garbage and more garbage",
            "0000:01:01 00:00:00",
        ] {
            assert_eq!(datetime(bad.as_bytes()), None, "{bad:?}");
        }
    }

    #[test]
    fn subsecs_keep_leading_zeros() {
        let cases = [
            ("0532", Some("0532")),
            ("00", Some("00")),
            ("860627", Some("860627")),
            ("832 \0", Some("832")),
            ("   ", None),
            ("", None),
            ("12a", None),
        ];
        for (raw, want) in cases {
            assert_eq!(subsec(raw.as_bytes()).as_deref(), want, "{raw:?}");
        }
    }

    #[test]
    fn offsets() {
        let cases = [
            ("+02:00", Some(7200)),
            ("-06:00", Some(-6 * 3600)),
            ("+05:45", Some(5 * 3600 + 45 * 60)),
            ("+00:00", Some(0)),
            ("+14:00", Some(14 * 3600)),
            ("+15:00", None),
            ("   :  ", None),
            ("02:00", None),
            ("+2:00", None),
            ("+02:60", None),
            ("", None),
        ];
        for (raw, want) in cases {
            assert_eq!(offset(raw.as_bytes()).map(|o| o.seconds()), want, "{raw:?}");
        }
    }

    #[test]
    fn gps_utc_needs_valid_date_and_time() {
        let r = |num, denom| Rational { num, denom };
        let time = Value::Rational(vec![r(14, 1), r(27, 1), r(724, 100)]);
        let cases: [(&[u8], Option<&str>); 5] = [
            (b"2008:10:23", Some("2008-10-23T14:27:07.24Z")),
            (b"2014:09:259", None),
            (b"0000:00:00", None),
            (b"2008:13:23", None),
            (b"", None),
        ];
        for (date, want) in cases {
            assert_eq!(
                gps_utc(Some(date), Some(&time)).map(|t| t.to_string()),
                want.map(str::to_string),
                "{:?}",
                String::from_utf8_lossy(date)
            );
        }
        assert_eq!(gps_utc(Some(b"2008:10:23"), None), None);
        let bad = Value::Rational(vec![r(24, 1), r(0, 1), r(0, 1)]);
        assert_eq!(gps_utc(Some(b"2008:10:23"), Some(&bad)), None);
        let zero_denominator = Value::Rational(vec![r(1, 0), r(0, 1), r(0, 1)]);
        assert_eq!(gps_utc(Some(b"2008:10:23"), Some(&zero_denominator)), None);
    }
}
