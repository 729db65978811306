//! Reading what a photo file says about itself: format, pixel size, EXIF time, place and orientation, and dates in file names.
//!
//! `parse(bytes)` is pure; `read(path)` and `inspect(path)` are the only functions that touch the
//! filesystem (read-only). A missing or broken EXIF block is not an error — the fields are
//! `None` and `exif_error` says why; an error means the file is not a usable image at all.

mod bytes;
mod capture;
mod exif;
mod filename;
mod format;
mod ifds;
#[cfg(test)]
mod tests;

use std::fmt;
use std::path::{Path, PathBuf};

use jiff::civil::DateTime;
use jiff::tz::Offset;
use jiff::Timestamp;
use serde::{Serialize, Serializer};

use crate::model::{Format, Gps};
use bytes::{Bytes, Windowed};

pub use capture::{capture_time, offset_from_gps};
pub use filename::date_from_name;
pub use format::{sniff, stored_size};

/// Images with more pixels than this are refused: decoding them could exhaust memory.
pub const MAX_PIXELS: u64 = 250_000_000;

/// What a photo says about itself.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhotoMetadata {
    pub format: Format,
    /// Pixel size as stored, before orientation.
    pub width: u32,
    pub height: u32,
    /// EXIF orientation 1–8 (1 when missing or invalid).
    pub orientation: u8,
    /// IFD0 Make/Model, trailing blanks and NULs removed.
    pub make: Option<String>,
    pub model: Option<String>,
    /// DateTimeOriginal, or DateTimeDigitized when the original is absent or unusable; a wall
    /// clock in the zone given by `offset` (unknown when `None`).
    #[serde(serialize_with = "display_opt")]
    pub datetime_original: Option<DateTime>,
    /// Sub-second digits of the same tag group, as stored ("0532").
    pub subsec: Option<String>,
    /// OffsetTimeOriginal (or OffsetTimeDigitized with the digitized date). Never OffsetTime.
    #[serde(serialize_with = "offset_opt")]
    pub offset: Option<Offset>,
    pub gps: Option<Gps>,
    /// GPSDateStamp + GPSTimeStamp when both are valid.
    #[serde(serialize_with = "display_opt")]
    pub gps_utc: Option<Timestamp>,
    /// Why the EXIF block could not be read (fully or partly); `None` when it was read or when
    /// there is none.
    pub exif_error: Option<String>,
}

/// Why a file is not a usable image. Messages are one line, for an import report.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MetadataError {
    #[error("empty file")]
    Empty,
    #[error("not an image (content is not JPEG/PNG/WebP/TIFF/HEIC/AVIF)")]
    NotAnImage,
    #[error("truncated: {0}")]
    Truncated(String),
    #[error("too large to decode safely ({width}×{height})")]
    TooLarge { width: u32, height: u32 },
}

/// Why `read` failed, with the path.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Invalid {
        path: PathBuf,
        source: MetadataError,
    },
}

/// Reads a photo's metadata from its bytes.
pub fn parse(bytes: &[u8]) -> Result<PhotoMetadata, MetadataError> {
    format::in_memory(parse_from(&mut &bytes[..]))
}

/// [`parse`] of bytes asked for as the container's walker needs them.
fn parse_from(bytes: &mut impl Bytes) -> Result<PhotoMetadata, ReadFailure> {
    if bytes.size() == 0 {
        return Err(MetadataError::Empty.into());
    }
    let format = format::sniff_bytes(bytes)?.ok_or(MetadataError::NotAnImage)?;
    let layout = format::layout(bytes, format)?;
    let (width, height) = (layout.width, layout.height);
    if width == 0 || height == 0 {
        return Err(MetadataError::Truncated(format!(
            "the header gives a size of {width}×{height}"
        ))
        .into());
    }
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(MetadataError::TooLarge { width, height }.into());
    }
    let (fields, exif_error) = match layout.exif {
        Some(tiff) => exif::read_fields(tiff),
        None => (
            exif::ExifFields {
                orientation: 1,
                ..Default::default()
            },
            None,
        ),
    };
    Ok(PhotoMetadata {
        format,
        width,
        height,
        orientation: fields.orientation,
        make: fields.make,
        model: fields.model,
        datetime_original: fields.datetime,
        subsec: fields.subsec,
        offset: fields.offset,
        gps: fields.gps,
        gps_utc: fields.gps_utc,
        exif_error,
    })
}

/// Reads a photo file (read-only) and parses it, reading only what its container's walker asks
/// for: a JPEG's segment headers, EXIF segment and frame header; a TIFF's IFDs and their values;
/// a HEIF's `meta` box and Exif item; a PNG's or WebP's chunk headers and EXIF chunk. A 10 MB
/// photo costs reads of a few tens of kilobytes; the answer is the one `parse` gives for the
/// whole file.
pub fn read(path: &Path) -> Result<PhotoMetadata, ReadError> {
    // `File::open` opens read-only: originals are never written to.
    let file = std::fs::File::open(path).map_err(|source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    read_from(file).map_err(|e| match e {
        ReadFailure::Io(source) => ReadError::Io {
            path: path.to_path_buf(),
            source,
        },
        ReadFailure::Invalid(source) => ReadError::Invalid {
            path: path.to_path_buf(),
            source,
        },
    })
}

/// Why [`read_from`] failed: the file could not be read, or is no photo it understands.
#[derive(Debug, thiserror::Error)]
pub enum ReadFailure {
    #[error("unreadable: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Invalid(#[from] MetadataError),
}

/// [`read`] of a file already open.
pub fn read_from(file: std::fs::File) -> Result<PhotoMetadata, ReadFailure> {
    let len = file.metadata()?.len();
    read_pieces(file, len)
}

/// [`read_from`] of any reader whose length is `len`.
fn read_pieces<R: std::io::Read + std::io::Seek>(
    reader: R,
    len: u64,
) -> Result<PhotoMetadata, ReadFailure> {
    parse_from(&mut Windowed::new(reader, len))
}

/// One file as `lanyard inspect` shows it; serializes to the `--json` object.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Inspection {
    pub path: String,
    pub format: Option<Format>,
    /// As stored, before orientation.
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub orientation: Option<u8>,
    pub make: Option<String>,
    pub model: Option<String>,
    /// Wall clock "YYYY-MM-DDTHH:MM:SS".
    pub datetime_original: Option<String>,
    pub subsec: Option<String>,
    /// "+02:00".
    pub offset: Option<String>,
    pub gps: Option<Gps>,
    /// RFC 3339 in UTC ("2022-05-17T12:30:22Z").
    pub gps_utc: Option<String>,
    /// Why the file could not be read at all.
    pub error: Option<String>,
    /// Why the EXIF block could not be read; shown by `describe`, not part of the JSON.
    #[serde(skip)]
    pub exif_error: Option<String>,
}

impl Inspection {
    fn failed(path: &Path, error: String) -> Inspection {
        Inspection {
            path: path.display().to_string(),
            format: None,
            width: None,
            height: None,
            orientation: None,
            make: None,
            model: None,
            datetime_original: None,
            subsec: None,
            offset: None,
            gps: None,
            gps_utc: None,
            error: Some(error),
            exif_error: None,
        }
    }
}

/// Reads one file for `lanyard inspect`; failures become the `error` field.
/// `inspect` for many files at once, in parallel, in the order given.
pub fn inspect_all(paths: &[std::path::PathBuf]) -> Vec<Inspection> {
    use rayon::prelude::*;
    paths.par_iter().map(|p| inspect(p)).collect()
}

pub fn inspect(path: &Path) -> Inspection {
    let m = match read(path) {
        Ok(m) => m,
        Err(ReadError::Io { source, .. }) => return Inspection::failed(path, source.to_string()),
        Err(ReadError::Invalid { source, .. }) => {
            return Inspection::failed(path, source.to_string())
        }
    };
    Inspection {
        path: path.display().to_string(),
        format: Some(m.format),
        width: Some(m.width),
        height: Some(m.height),
        orientation: Some(m.orientation),
        make: m.make,
        model: m.model,
        datetime_original: m.datetime_original.map(|d| d.to_string()),
        subsec: m.subsec,
        offset: m.offset.map(format_offset),
        gps: m.gps,
        gps_utc: m.gps_utc.map(|t| t.to_string()),
        error: None,
        exif_error: m.exif_error,
    }
}

/// "+02:00" / "-06:00" / "+05:45".
pub fn format_offset(offset: Offset) -> String {
    let s = offset.seconds();
    let sign = if s < 0 { '-' } else { '+' };
    let s = s.unsigned_abs();
    format!("{sign}{:02}:{:02}", s / 3600, s / 60 % 60)
}

/// A few aligned lines for the human (non-JSON) output of `lanyard inspect`.
pub fn describe(i: &Inspection) -> String {
    i.to_string()
}

impl fmt::Display for Inspection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.path)?;
        if let Some(error) = &self.error {
            return writeln!(f, "  error        {error}");
        }
        let mut line = |label: &str, value: String| writeln!(f, "  {label:<12} {value}");
        let format = self.format.map_or("?", |x| x.as_str());
        let (w, h) = (self.width.unwrap_or(0), self.height.unwrap_or(0));
        let orientation = self.orientation.unwrap_or(1);
        line(
            "image",
            format!("{format} {w}×{h} (as stored), orientation {orientation}"),
        )?;
        if let Some(camera) = crate::model::camera_name(self.make.as_deref(), self.model.as_deref())
        {
            line("camera", camera)?;
        }
        let taken = match &self.datetime_original {
            Some(dt) => {
                let mut s = dt.replacen('T', " ", 1);
                if let Some(sub) = &self.subsec {
                    s = format!("{s}.{sub}");
                }
                match &self.offset {
                    Some(o) => format!("{s} {o}"),
                    None => format!("{s} (zone unknown)"),
                }
            }
            None => "unknown".to_string(),
        };
        line("taken", taken)?;
        if let Some(g) = &self.gps {
            let alt = g.alt.map(|a| format!(", {a:.1} m")).unwrap_or_default();
            line("place", format!("{:.6}, {:.6}{alt}", g.lat, g.lon))?;
        }
        if let Some(utc) = &self.gps_utc {
            line("gps clock", utc.clone())?;
        }
        if let Some(e) = &self.exif_error {
            line("exif", e.clone())?;
        }
        Ok(())
    }
}

fn display_opt<T: fmt::Display, S: Serializer>(v: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => s.collect_str(v),
        None => s.serialize_none(),
    }
}

fn offset_opt<S: Serializer>(v: &Option<Offset>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(o) => s.serialize_str(&format_offset(*o)),
        None => s.serialize_none(),
    }
}
