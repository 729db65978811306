//! One photo with everything the viewer's details panel shows: the timeline's view of it (local
//! time, day, where the time came from), its session with time and room and the sessions it
//! could be moved to, plus the file's own facts and a map link.

use super::Journal;
use crate::agenda::{SessionState, Speaker};
use crate::model::map_url;
use crate::timeline::{self, rfc3339_seconds, TimelinePhoto};
use crate::{Error, Result};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

/// How far from a photo's instant a session may start or end and still be offered as one to
/// move the photo into (a talk that overran, the photo taken just before the next one).
const CHOICE_WINDOW: SignedDuration = SignedDuration::from_mins(30);

/// The session a photo belongs to, as the viewer names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhotoSession {
    pub uid: String,
    pub title: String,
    pub speakers: Vec<Speaker>,
    pub room: Option<String>,
    /// RFC 3339 in the trip's zone.
    pub start: String,
    pub end: String,
    /// "09:00–09:20", in the trip's zone.
    pub time: String,
}

/// A session the photo could be moved to: one running around the photo's time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionChoice {
    pub uid: String,
    pub title: String,
    pub room: Option<String>,
    /// "09:00–09:20", in the trip's zone.
    pub time: String,
}

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
    /// The photo's session (`session` of the timeline) with speakers, room and time; `None`
    /// without one.
    pub session_details: Option<PhotoSession>,
    /// "hand" when the photo was moved into a session or out of any by hand, "auto" when the
    /// agenda's rules placed it.
    pub session_by: &'static str,
    /// Sessions running within 30 minutes of the photo's time, by start: where it can be moved.
    /// Empty without a time of day or an agenda.
    pub session_choices: Vec<SessionChoice>,
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
        let sessions = self.catalog.sessions(trip.trip.id)?;
        let zone = timeline::resolve_zone(&timeline.trip.timezone)?;
        let session_details = shown.session.as_ref().and_then(|r| {
            let s = sessions.iter().find(|s| s.session.uid == r.uid)?;
            let s = &s.session;
            Some(PhotoSession {
                uid: s.uid.clone(),
                title: s.title.clone(),
                speakers: s.speakers.clone(),
                room: s.room.clone(),
                start: rfc3339_seconds(&s.start.to_zoned_datetime(zone.clone())),
                end: rfc3339_seconds(&s.end.to_zoned_datetime(zone.clone())),
                time: time_range(s.start, s.end, &zone),
            })
        });
        let by_hand = self
            .catalog
            .photo_sessions(trip.trip.id)?
            .contains_key(&photo_id);
        let session_choices = match &shown.local_time {
            Some(local) => choices(local.timestamp(), &sessions, &zone),
            None => Vec::new(),
        };
        Ok(PhotoDetails {
            session_details,
            session_by: if by_hand { "hand" } else { "auto" },
            session_choices,
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

/// Sessions running within [`CHOICE_WINDOW`] of `at`, by start (the catalog's order).
fn choices(at: Timestamp, sessions: &[SessionState], zone: &TimeZone) -> Vec<SessionChoice> {
    let (from, to) = match (at.checked_sub(CHOICE_WINDOW), at.checked_add(CHOICE_WINDOW)) {
        (Ok(from), Ok(to)) => (from, to),
        _ => return Vec::new(),
    };
    sessions
        .iter()
        .map(|s| &s.session)
        .filter(|s| s.start <= to && s.end >= from)
        .map(|s| SessionChoice {
            uid: s.uid.clone(),
            title: s.title.clone(),
            room: s.room.clone(),
            time: time_range(s.start, s.end, zone),
        })
        .collect()
}

/// "09:00–09:20" in `zone`.
fn time_range(start: Timestamp, end: Timestamp, zone: &TimeZone) -> String {
    let clock = |t: Timestamp| {
        t.to_zoned_datetime(zone.clone())
            .strftime("%H:%M")
            .to_string()
    };
    format!("{}–{}", clock(start), clock(end))
}
