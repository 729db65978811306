//! Test constructors for photos and capture times, shared by the timeline's unit tests.

use crate::model::{CaptureTime, Format, Photo, ThumbState, TimeSource};
use jiff::civil::DateTime;
use jiff::tz::Offset;

/// A capture time from "YYYY-MM-DD HH:MM:SS" (or "YYYY-MM-DD" for date-only), no offset yet.
pub(crate) fn at(source: TimeSource, text: &str) -> CaptureTime {
    if text.len() == 10 {
        return CaptureTime {
            date: text.parse().unwrap(),
            time: None,
            subsec: None,
            offset: None,
            source,
        };
    }
    let dt: DateTime = text.replace(' ', "T").parse().unwrap();
    CaptureTime {
        date: dt.date(),
        time: Some(dt.time()),
        subsec: None,
        offset: None,
        source,
    }
}

/// A capture time whose instant is known: wall clock plus offset in hours.
pub(crate) fn at_offset(source: TimeSource, text: &str, hours: i8) -> CaptureTime {
    CaptureTime {
        offset: Some(Offset::constant(hours)),
        ..at(source, text)
    }
}

/// A 4000×3000 JPEG from an unnamed camera.
pub(crate) fn photo(id: i64, name: &str, capture: Option<CaptureTime>) -> Photo {
    Photo {
        id,
        trip_id: 1,
        path: format!("/trip/{name}").into(),
        hash: Some(format!("{id:064x}")),
        byte_size: 1000,
        format: Format::Jpeg,
        width: 4000,
        height: 3000,
        orientation: 1,
        make: None,
        model: None,
        capture,
        gps: None,
        gps_utc: None,
        metadata_version: 1,
        thumb: ThumbState::Pending,
        caption: String::new(),
        favourite: false,
        hidden: false,
        keep_in_trip: false,
        picture_hash: None,
    }
}
