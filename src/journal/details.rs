//! One photo with everything the viewer's details panel shows: the timeline's view of it (local
//! time, day, where the time came from) plus the file's own facts and a map link.

use super::Journal;
use crate::model::map_url;
use crate::timeline::TimelinePhoto;
use crate::{Error, Result};
use serde::Serialize;

/// A photo in the viewer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhotoDetails {
    /// Exactly as the timeline shows the photo.
    #[serde(flatten)]
    pub photo: TimelinePhoto,
    pub file_name: String,
    /// Date and time for people: "Tue 17 May 2022, 14:30", "Sat 4 Nov 2023, 09:10 CET" away from
    /// the trip's main zone, "Sun 5 Nov 2023, 01:15 (UTC-06:00)" on a day the clocks change,
    /// "Tue 17 May 2022" (date only) or "No date".
    pub when: String,
    pub make: Option<String>,
    pub model: Option<String>,
    /// OpenStreetMap centred on the photo, when it has a position.
    pub map_url: Option<String>,
    /// Metres above sea level.
    pub gps_alt: Option<f64>,
    pub size_bytes: u64,
    /// "jpeg", "heic", …
    pub format: &'static str,
    /// Pixel size as stored in the file, before orientation.
    pub stored_width: u32,
    pub stored_height: u32,
    /// EXIF orientation 1–8.
    pub orientation: u8,
}

impl Journal {
    /// A photo as the viewer shows it.
    pub fn photo_details(&self, photo_id: i64) -> Result<PhotoDetails> {
        let photo = self.catalog.photo(photo_id)?;
        let trip = self
            .catalog
            .trips()?
            .into_iter()
            .find(|s| s.trip.id == photo.trip_id)
            .ok_or(Error::PhotoNotFound { id: photo_id })?;
        let timeline = self.timeline(&trip.trip.name)?;
        // On a day when the clocks change, "01:15" alone would not say which 01:15.
        let clocks_change: Vec<i64> = timeline
            .days
            .iter()
            .filter(|d| d.clock_changes.iter().any(|c| c.kind == "dst"))
            .flat_map(|d| d.photos.iter().map(|p| p.id))
            .collect();
        let shown = timeline
            .days
            .into_iter()
            .flat_map(|d| d.photos)
            .chain(timeline.undated)
            .chain(timeline.outside)
            .find(|p| p.id == photo_id)
            .ok_or(Error::PhotoNotFound { id: photo_id })?;
        let when = match (shown.date, &shown.local_time) {
            (Some(date), Some(time)) => {
                let zone = match &shown.zone_label {
                    Some(label) => format!(" {label}"),
                    None if clocks_change.contains(&photo_id) => {
                        format!(" ({})", time.strftime("UTC%:z"))
                    }
                    None => String::new(),
                };
                format!(
                    "{}, {:02}:{:02}{zone}",
                    crate::model::long_date(date),
                    time.hour(),
                    time.minute()
                )
            }
            (Some(date), None) => crate::model::long_date(date),
            (None, _) => "No date".to_string(),
        };
        Ok(PhotoDetails {
            when,
            photo: shown,
            file_name: photo.file_name(),
            make: photo.make.clone(),
            model: photo.model.clone(),
            map_url: photo.gps.and_then(|g| map_url(g.lat, g.lon)),
            gps_alt: photo.gps.and_then(|g| g.alt),
            size_bytes: photo.byte_size,
            format: photo.format.as_str(),
            stored_width: photo.width,
            stored_height: photo.height,
            orientation: photo.orientation,
        })
    }

    /// The OpenStreetMap link of a photo, or `None` when it has no position.
    pub fn photo_map_url(&self, photo_id: i64) -> Result<Option<String>> {
        let photo = self.catalog.photo(photo_id)?;
        Ok(photo.gps.and_then(|g| map_url(g.lat, g.lon)))
    }

    /// Where a photo's original lives, for "Show in folder".
    pub fn photo_path(&self, photo_id: i64) -> Result<std::path::PathBuf> {
        Ok(self.catalog.photo(photo_id)?.path)
    }
}
