//! Plain data shared by every module: formats, capture times and their sources, places, photos,
//! trips, and the small codecs every layer needs (settings as text, dates for people, map
//! links). No I/O here.

mod dates;
mod text;

pub use dates::{date_range, full_date, long_date, short_date, weekday_date, weekday_range};
pub use text::{
    clock_for_people, format_clock, format_day_start, format_shift, parse_clock, parse_day_start,
    parse_shift,
};

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::Offset;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// Version of the metadata reader, stored with every photo so a better reader can re-read
/// photos imported by an older one. Bump it when `metadata::parse` or `capture_time` changes.
pub const METADATA_VERSION: i64 = 1;

/// Image container formats Lanyard imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Jpeg,
    Png,
    Webp,
    Tiff,
    Heic,
    Avif,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Jpeg => "jpeg",
            Format::Png => "png",
            Format::Webp => "webp",
            Format::Tiff => "tiff",
            Format::Heic => "heic",
            Format::Avif => "avif",
        }
    }

    pub fn parse(s: &str) -> Option<Format> {
        Some(match s {
            "jpeg" => Format::Jpeg,
            "png" => Format::Png,
            "webp" => Format::Webp,
            "tiff" => Format::Tiff,
            "heic" => Format::Heic,
            "avif" => Format::Avif,
            _ => return None,
        })
    }
}

/// Where a photo's capture time came from, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TimeSource {
    /// DateTimeOriginal with OffsetTimeOriginal: the instant is known.
    ExifOffset,
    /// DateTimeOriginal with an offset derived from the GPS UTC stamp.
    ExifGpsUtc,
    /// DateTimeOriginal alone: a wall clock in an unknown zone.
    ExifLocal,
    /// Date and time from the file name (a wall clock).
    Filename,
    /// Only the date from the file name.
    FilenameDate,
    /// The file's modification time (an instant), the last resort.
    FileMtime,
    /// Set by the user.
    Manual,
}

impl TimeSource {
    pub fn as_str(self) -> &'static str {
        match self {
            TimeSource::ExifOffset => "exif-offset",
            TimeSource::ExifGpsUtc => "exif-gps-utc",
            TimeSource::ExifLocal => "exif-local",
            TimeSource::Filename => "filename",
            TimeSource::FilenameDate => "filename-date",
            TimeSource::FileMtime => "file-mtime",
            TimeSource::Manual => "manual",
        }
    }

    pub fn parse(s: &str) -> Option<TimeSource> {
        Some(match s {
            "exif-offset" => TimeSource::ExifOffset,
            "exif-gps-utc" => TimeSource::ExifGpsUtc,
            "exif-local" => TimeSource::ExifLocal,
            "filename" => TimeSource::Filename,
            "filename-date" => TimeSource::FilenameDate,
            "file-mtime" => TimeSource::FileMtime,
            "manual" => TimeSource::Manual,
            _ => return None,
        })
    }

    /// True when a camera's clock wrote the time, so a clock shift for that camera applies. A
    /// time set by hand is already right.
    pub fn is_camera_clock(self) -> bool {
        matches!(self, TimeSource::ExifLocal | TimeSource::Filename)
    }

    /// True when the time is a wall clock whose zone is unknown, read in the trip's zone.
    pub fn is_wall_clock(self) -> bool {
        matches!(
            self,
            TimeSource::ExifLocal | TimeSource::Filename | TimeSource::Manual
        )
    }
}

/// When a photo was taken: a wall clock, an optional UTC offset, and where it came from.
/// A missing offset means "zone unknown", never UTC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaptureTime {
    pub date: Date,
    /// `None` when only the date is known (`filename-date`).
    pub time: Option<Time>,
    /// Sub-second digits exactly as stored ("0532"), if any.
    pub subsec: Option<String>,
    /// UTC offset of the wall clock when known (`exif-offset`, `exif-gps-utc`, `file-mtime`).
    pub offset: Option<Offset>,
    pub source: TimeSource,
}

impl CaptureTime {
    /// The wall clock, when the time of day is known.
    pub fn wall(&self) -> Option<DateTime> {
        self.time.map(|t| self.date.to_datetime(t))
    }

    /// The absolute instant, when both the time and the offset are known.
    pub fn instant(&self) -> Option<Timestamp> {
        let wall = self.wall()?;
        let offset = self.offset?;
        offset.to_timestamp(wall).ok()
    }
}

/// `https://www.openstreetmap.org/?mlat=52.33960&mlon=4.88830#map=15/52.33960/4.88830`: a
/// marker at the place, zoomed to streets. Five decimals are about a metre. `None` for a
/// position that is not on the globe.
pub fn map_url(lat: f64, lon: f64) -> Option<String> {
    let plausible = lat.is_finite()
        && lon.is_finite()
        && (-90.0..=90.0).contains(&lat)
        && (-180.0..=180.0).contains(&lon);
    plausible.then(|| {
        format!(
            "https://www.openstreetmap.org/?mlat={lat:.5}&mlon={lon:.5}#map=15/{lat:.5}/{lon:.5}"
        )
    })
}

/// A place: signed decimal degrees (south and west negative), altitude in metres.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Gps {
    pub lat: f64,
    pub lon: f64,
    pub alt: Option<f64>,
}

/// Where a photo's thumbnails stand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", content = "reason", rename_all = "lowercase")]
pub enum ThumbState {
    Pending,
    Ready,
    /// The file is damaged (a truncated JPEG): the part that decodes made the thumbnails, which
    /// exist as for `Ready`; the reason is shown to the user. Exports leave such photos out
    /// unless asked to include them.
    Damaged(String),
    /// The pixels could not be decoded; the reason is shown to the user.
    Failed(String),
}

impl ThumbState {
    /// True when the thumbnails exist (ready, or made from a damaged file's readable part).
    pub fn has_thumbnails(&self) -> bool {
        matches!(self, ThumbState::Ready | ThumbState::Damaged(_))
    }
}

/// A photo as the catalog holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Photo {
    pub id: i64,
    pub trip_id: i64,
    pub path: PathBuf,
    /// blake3 of the file's bytes, lowercase hex; `None` until the import's thumbnail phase
    /// read the file (see `catalog::photos`).
    pub hash: Option<String>,
    pub byte_size: u64,
    pub format: Format,
    /// Pixel size as stored, before orientation.
    pub width: u32,
    pub height: u32,
    /// EXIF orientation 1–8 (1 when missing or invalid). For HEIF the container transform wins
    /// when it has one; `thumbs` decides.
    pub orientation: u8,
    pub make: Option<String>,
    pub model: Option<String>,
    pub capture: Option<CaptureTime>,
    pub gps: Option<Gps>,
    /// GPSDateStamp + GPSTimeStamp, UTC.
    pub gps_utc: Option<Timestamp>,
    pub metadata_version: i64,
    pub thumb: ThumbState,
    pub caption: String,
    pub favourite: bool,
    pub hidden: bool,
    /// The person kept this photo in the trip although its date is far from the rest ("Include
    /// in this trip"): it is never set aside as a stray.
    pub keep_in_trip: bool,
    /// Perceptual hash of the grid thumbnail (64-bit gradient hash), made with the thumbnails;
    /// `None` until then. Two devices' photos of one scene have close hashes.
    pub picture_hash: Option<u64>,
}

impl Photo {
    /// Pixel size as displayed, after orientation (5–8 swap width and height).
    pub fn display_size(&self) -> (u32, u32) {
        if self.orientation >= 5 {
            (self.height, self.width)
        } else {
            (self.width, self.height)
        }
    }

    /// "Make Model" as a camera is named in clock shifts; model alone when it already names
    /// the make (Canon's "Canon EOS RP").
    pub fn camera(&self) -> Option<String> {
        camera_name(self.make.as_deref(), self.model.as_deref())
    }

    /// The file name, for display and ordering.
    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

/// Joins make and model the way a person names the camera.
pub fn camera_name(make: Option<&str>, model: Option<&str>) -> Option<String> {
    let make = make.map(str::trim).filter(|s| !s.is_empty());
    let model = model.map(str::trim).filter(|s| !s.is_empty());
    match (make, model) {
        (Some(make), Some(model)) => {
            if model.to_lowercase().starts_with(&make.to_lowercase()) {
                Some(model.to_string())
            } else {
                Some(format!("{make} {model}"))
            }
        }
        (Some(one), None) | (None, Some(one)) => Some(one.to_string()),
        (None, None) => None,
    }
}

/// A trip and the settings that lay its photos out by day.
#[derive(Debug, Clone, PartialEq)]
pub struct Trip {
    pub id: i64,
    pub name: String,
    /// The zone the user set; `None` means "detect from the photos".
    pub timezone: Option<String>,
    /// Local time at which a new day begins (04:00: a photo at 00:40 belongs to the day before).
    pub day_start: Time,
    /// The clocks of cameras whose photos carry no offset, by camera name; a camera not listed
    /// reads the trip's local time ([`CameraClock::default`]).
    pub clocks: Vec<ClockSetting>,
}

impl Trip {
    /// The clock set for `camera`, if any.
    pub fn clock_of(&self, camera: &str) -> Option<&CameraClock> {
        self.clocks
            .iter()
            .find(|c| c.camera == camera)
            .map(|c| &c.clock)
    }
}

/// A camera's clock as the trip's settings hold it.
#[derive(Debug, Clone, PartialEq)]
pub struct ClockSetting {
    /// "Make Model" as `camera_name` writes it.
    pub camera: String,
    pub clock: CameraClock,
}

/// What a camera's wall-clock readings mean, for photos that carry no UTC offset. A reading
/// interpreted by its camera's clock gives the photo's instant; its local time is that instant
/// in the trip's zone.
#[derive(Debug, Clone, PartialEq)]
pub enum CameraClock {
    /// Reads the trip's local time, `ahead` fast (negative: slow): the default, with no drift.
    Trip { ahead: SignedDuration },
    /// Ticks at one fixed UTC offset whatever the date, as a camera nobody re-set does: it
    /// reads UTC + `offset` (to the second: camera clocks drift).
    Fixed { offset: Offset },
    /// Follows a zone's daylight saving (an IANA name, or a fixed zone like "+05:30"), `ahead`
    /// fast.
    Zone { name: String, ahead: SignedDuration },
}

impl Default for CameraClock {
    fn default() -> CameraClock {
        CameraClock::Trip {
            ahead: SignedDuration::ZERO,
        }
    }
}

impl CameraClock {
    /// True for the default: the trip's local time, no drift.
    pub fn is_default(&self) -> bool {
        *self == CameraClock::default()
    }
}

/// A day's words: its title and notes, keyed by trip-local date.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DayText {
    pub title: String,
    pub notes: String,
}

#[cfg(test)]
mod tests {
    use super::map_url;

    #[test]
    fn map_links_point_at_the_place_or_nowhere() {
        let cases = [
            (
                52.3396,
                4.8883,
                Some("https://www.openstreetmap.org/?mlat=52.33960&mlon=4.88830#map=15/52.33960/4.88830"),
            ),
            (
                -33.8568,
                -151.2153,
                Some("https://www.openstreetmap.org/?mlat=-33.85680&mlon=-151.21530#map=15/-33.85680/-151.21530"),
            ),
            (91.0, 0.0, None),
            (0.0, f64::NAN, None),
        ];
        for (lat, lon, want) in cases {
            assert_eq!(map_url(lat, lon).as_deref(), want, "{lat},{lon}");
        }
    }
}
