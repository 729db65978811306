//! Choosing a photo's capture time from what is known about it, strongest source first: EXIF
//! with its offset, EXIF with an offset implied by the GPS clock, EXIF alone, the file name, the
//! file's mtime. Pure: the caller passes the name and mtime in.

use jiff::tz::Offset;
use jiff::Timestamp;

use super::{date_from_name, PhotoMetadata};
use crate::model::{CaptureTime, TimeSource};

/// Real UTC offsets lie within ±14 h; a larger "offset" means the camera clock was wrong.
const MAX_OFFSET_SECONDS: i64 = 14 * 3600;

/// Offsets are whole quarter hours (Nepal's +05:45 included); GPS and camera clocks drift by
/// seconds to minutes, so the difference is rounded to the nearest 15 minutes.
const OFFSET_STEP_SECONDS: i64 = 15 * 60;

/// The capture time, or `None` when nothing gives one.
pub fn capture_time(
    meta: Option<&PhotoMetadata>,
    file_name: &str,
    mtime: Option<Timestamp>,
) -> Option<CaptureTime> {
    if let Some(meta) = meta {
        if let Some(wall) = meta.datetime_original {
            let (offset, source) = match (meta.offset, meta.gps_utc) {
                (Some(offset), _) => (Some(offset), TimeSource::ExifOffset),
                (None, Some(utc)) => match offset_from_gps(wall, utc) {
                    Some(offset) => (Some(offset), TimeSource::ExifGpsUtc),
                    None => (None, TimeSource::ExifLocal),
                },
                (None, None) => (None, TimeSource::ExifLocal),
            };
            return Some(CaptureTime {
                date: wall.date(),
                time: Some(wall.time()),
                subsec: meta.subsec.clone(),
                offset,
                source,
            });
        }
    }
    if let Some((date, time)) = date_from_name(file_name) {
        return Some(CaptureTime {
            date,
            time,
            subsec: None,
            offset: None,
            source: if time.is_some() {
                TimeSource::Filename
            } else {
                TimeSource::FilenameDate
            },
        });
    }
    let mtime = mtime?;
    let wall = Offset::UTC.to_datetime(mtime);
    Some(CaptureTime {
        date: wall.date(),
        time: Some(wall.time()),
        subsec: None,
        offset: Some(Offset::UTC),
        source: TimeSource::FileMtime,
    })
}

/// The offset that turns the GPS UTC time into the camera's wall clock, rounded to 15 minutes;
/// `None` when it is beyond ±14 h (camera clock off by a day or more).
pub fn offset_from_gps(wall: jiff::civil::DateTime, utc: Timestamp) -> Option<Offset> {
    let wall_as_utc = Offset::UTC.to_timestamp(wall).ok()?;
    let diff = wall_as_utc.as_second() - utc.as_second();
    let rounded = (diff as f64 / OFFSET_STEP_SECONDS as f64).round() as i64 * OFFSET_STEP_SECONDS;
    if rounded.abs() > MAX_OFFSET_SECONDS {
        return None;
    }
    Offset::from_seconds(i32::try_from(rounded).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Format;
    use jiff::civil::{date, datetime, time};

    fn meta() -> PhotoMetadata {
        PhotoMetadata {
            format: Format::Jpeg,
            width: 10,
            height: 10,
            orientation: 1,
            make: None,
            model: None,
            datetime_original: None,
            subsec: None,
            offset: None,
            gps: None,
            gps_utc: None,
            exif_error: None,
        }
    }

    fn utc(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn hours(h: i8) -> Offset {
        Offset::constant(h)
    }

    #[test]
    fn exif_offset_wins_over_gps() {
        let m = PhotoMetadata {
            datetime_original: Some(datetime(2022, 5, 17, 14, 30, 22, 0)),
            subsec: Some("0532".into()),
            offset: Some(hours(3)),
            gps_utc: Some(utc("2022-05-17T12:30:22Z")),
            ..meta()
        };
        let c = capture_time(Some(&m), "IMG_20000101_000000.jpg", None).unwrap();
        assert_eq!(c.source, TimeSource::ExifOffset);
        assert_eq!(c.offset, Some(hours(3)), "OffsetTimeOriginal beats GPS");
        assert_eq!(c.subsec.as_deref(), Some("0532"));
        assert_eq!(c.wall(), Some(datetime(2022, 5, 17, 14, 30, 22, 0)));
        assert_eq!(c.instant(), Some(utc("2022-05-17T11:30:22Z")));
    }

    #[test]
    fn gps_utc_implies_offset() {
        // Wall 14:30:22, GPS 12:31:05 (clocks 43 s apart) → +02:00.
        let m = PhotoMetadata {
            datetime_original: Some(datetime(2022, 5, 17, 14, 30, 22, 0)),
            gps_utc: Some(utc("2022-05-17T12:31:05Z")),
            ..meta()
        };
        let c = capture_time(Some(&m), "x.jpg", None).unwrap();
        assert_eq!(c.source, TimeSource::ExifGpsUtc);
        assert_eq!(c.offset, Some(hours(2)));

        let cases = [
            ("2022-05-17T23:30:22Z", Some(-9 * 3600)),
            ("2022-05-17T08:45:22Z", Some(5 * 3600 + 45 * 60)), // Nepal
            ("2022-05-18T04:30:22Z", Some(-14 * 3600)),
            ("2022-05-18T04:40:22Z", None), // −14:10: too far
            ("2022-05-16T14:30:22Z", None), // a day off (DSCN0010.jpg)
        ];
        for (gps, want) in cases {
            let got = offset_from_gps(datetime(2022, 5, 17, 14, 30, 22, 0), utc(gps));
            assert_eq!(got.map(|o| o.seconds()), want, "{gps}");
        }
    }

    #[test]
    fn wrong_gps_clock_falls_back_to_local() {
        // DSCN0010.jpg: 2008-10-22 16:28:39 local, GPS 2008-10-23 14:27:07 UTC.
        let m = PhotoMetadata {
            datetime_original: Some(datetime(2008, 10, 22, 16, 28, 39, 0)),
            gps_utc: Some(utc("2008-10-23T14:27:07.24Z")),
            ..meta()
        };
        let c = capture_time(Some(&m), "DSCN0010.jpg", None).unwrap();
        assert_eq!(c.source, TimeSource::ExifLocal);
        assert_eq!(c.offset, None);
    }

    #[test]
    fn exif_local_has_no_offset() {
        let m = PhotoMetadata {
            datetime_original: Some(datetime(2011, 4, 2, 18, 30, 10, 0)),
            ..meta()
        };
        let c = capture_time(Some(&m), "IMG_20220517_143022.jpg", None).unwrap();
        assert_eq!(c.source, TimeSource::ExifLocal);
        assert_eq!(c.offset, None, "a missing offset is unknown, never UTC");
        assert_eq!(c.instant(), None);
    }

    #[test]
    fn file_name_when_exif_has_no_date() {
        let mtime = Some(utc("2023-01-01T00:00:00Z"));
        let c = capture_time(Some(&meta()), "PXL_20220517_143022123.jpg", mtime).unwrap();
        assert_eq!(c.source, TimeSource::Filename);
        assert_eq!(c.wall(), Some(datetime(2022, 5, 17, 14, 30, 22, 0)));
        assert_eq!(c.offset, None);

        let c = capture_time(None, "IMG-20220517-WA0007.jpg", mtime).unwrap();
        assert_eq!(c.source, TimeSource::FilenameDate);
        assert_eq!((c.date, c.time), (date(2022, 5, 17), None));
    }

    #[test]
    fn mtime_is_a_known_instant() {
        let mtime = utc("2022-05-17T23:10:05Z");
        let c = capture_time(Some(&meta()), "photo.jpg", Some(mtime)).unwrap();
        assert_eq!(c.source, TimeSource::FileMtime);
        assert_eq!(c.date, date(2022, 5, 17));
        assert_eq!(c.time, Some(time(23, 10, 5, 0)));
        assert_eq!(c.offset, Some(Offset::UTC));
        assert_eq!(c.instant(), Some(mtime));
    }

    #[test]
    fn nothing_known() {
        assert_eq!(capture_time(None, "photo.jpg", None), None);
        assert_eq!(capture_time(Some(&meta()), "IMG_1234.JPG", None), None);
    }
}
