//! Trips as the app's sidebar lists them (dates, day count, cover), and creating, renaming and
//! deleting them. Deleting never touches original files.

use super::Journal;
use super::SettingsChange;
use crate::catalog::{name_taken, Catalog};
use crate::library::Library;
use crate::model::ThumbState;
use crate::thumbs;
use crate::timeline::{Timeline, TimelinePhoto};
use crate::Result;
use jiff::civil::Date;
use serde::{Serialize, Serializer};

/// A trip in the sidebar.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TripCard {
    pub name: String,
    /// The zone the user set; `None` when it is detected from the photos.
    pub timezone: Option<String>,
    pub photo_count: usize,
    /// The first and last trip day ("2022-05-17"); `None` when no photo is dated.
    #[serde(serialize_with = "opt_date_text")]
    pub first_date: Option<Date>,
    #[serde(serialize_with = "opt_date_text")]
    pub last_date: Option<Date>,
    /// The span for people: "16–19 May 2022"; "" when no photo is dated.
    pub dates: String,
    /// Days from first to last, empty days included.
    pub day_count: usize,
    /// The cover: the first favourite in timeline order, else the first photo, among photos
    /// whose thumbnails are ready (a cover must be showable).
    pub cover_hash: Option<String>,
}

impl TripCard {
    pub fn from_timeline(timeline: &Timeline, timezone: Option<String>) -> TripCard {
        let in_order = || {
            timeline
                .days
                .iter()
                .flat_map(|d| &d.photos)
                .chain(&timeline.undated)
                .filter(|p| p.thumb == ThumbState::Ready)
        };
        let cover = in_order()
            .find(|p| p.favourite)
            .or_else(|| in_order().next())
            .and_then(|p: &TimelinePhoto| p.hash.clone());
        TripCard {
            name: timeline.trip.name.clone(),
            timezone,
            photo_count: timeline.days.iter().map(|d| d.photos.len()).sum::<usize>()
                + timeline.undated.len(),
            first_date: timeline.days.first().map(|d| d.date),
            last_date: timeline.days.last().map(|d| d.date),
            dates: match (timeline.days.first(), timeline.days.last()) {
                (Some(first), Some(last)) => crate::model::date_range(first.date, last.date),
                _ => String::new(),
            },
            day_count: timeline.days.len(),
            cover_hash: cover,
        }
    }
}

fn opt_date_text<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => s.collect_str(date),
        None => s.serialize_none(),
    }
}

impl Journal {
    /// Whether `library` is known to hold no trip, read without opening it for writing or
    /// waiting for a lock ([`Catalog::holds_no_trips`]): the app decides its first screen with
    /// it before WebKit starts, so the empty state shows from the page's first paint.
    pub fn holds_no_trips(library: &Library) -> bool {
        Catalog::holds_no_trips(&library.catalog_path())
    }

    /// Every trip's card, by name (case-insensitive, as `trips` lists them).
    pub fn trip_cards(&self) -> Result<Vec<TripCard>> {
        self.catalog
            .trips()?
            .into_iter()
            .map(|summary| self.card(&summary.trip.name))
            .collect()
    }

    /// One trip's card.
    pub fn card(&self, name: &str) -> Result<TripCard> {
        let trip = self.catalog.trip(name)?;
        let timeline = self.timeline(&trip.name)?;
        Ok(TripCard::from_timeline(&timeline, trip.timezone))
    }

    /// Creates an empty trip; the name (trimmed) must be new.
    pub fn create_trip(&mut self, name: &str) -> Result<TripCard> {
        if self.catalog.trip_by_name(name.trim())?.is_some() {
            return Err(name_taken(name));
        }
        let trip = self.catalog.create_trip(name)?;
        self.card(&trip.name)
    }

    /// Renames a trip; the new name must not belong to another trip.
    pub fn rename_trip(&mut self, name: &str, new_name: &str) -> Result<TripCard> {
        let change = SettingsChange {
            name: Some(new_name.to_string()),
            ..SettingsChange::default()
        };
        let trip = self.change_trip(name, &change)?;
        self.card(&trip.name)
    }

    /// Deletes a trip from the catalog: its photos' rows, day titles and notes, camera shifts
    /// and cached thumbnails. Original files are never touched. A content hash belongs to one
    /// photo in the whole library, so the thumbnails are no other photo's; each is removed only
    /// when no photo has its hash after the delete (an import running at the same time may
    /// just have added the same file to another trip).
    pub fn delete_trip(&mut self, name: &str) -> Result<()> {
        let trip = self.catalog.trip(name)?;
        let hashes: Vec<String> = self
            .catalog
            .photos_of_trip(trip.id)?
            .into_iter()
            .filter_map(|p| p.hash)
            .collect();
        self.catalog.delete_trip(trip.id)?;
        let cache = self.library.thumbs_dir();
        for hash in hashes {
            if self.catalog.has_hash(&hash)? {
                continue;
            }
            for spec in thumbs::SPECS {
                // A thumbnail left behind only costs disk space: ignore failures.
                let _ = std::fs::remove_file(thumbs::cache_path(&cache, &hash, spec));
            }
        }
        Ok(())
    }
}
