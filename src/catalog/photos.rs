//! The `photos` table: one row per distinct content hash.
//!
//! An import hashes a file when it reads its pixels (the thumbnail phase), not before it puts
//! the photo on the timeline, unless another photo has the same byte size (only then can it
//! be a duplicate). Until then the `hash` column holds a provisional key, `pending:<byte
//! size>:<path>`, unique because no other photo has that size; it never leaves this module:
//! Rust sees `hash: None`.

use super::Catalog;
use crate::model::{CaptureTime, Format, Gps, Photo, ThumbState, TimeSource};
use crate::{Error, Result};
use jiff::civil::{Date, Time};
use jiff::tz::Offset;
use jiff::Timestamp;
use rusqlite::{params, OptionalExtension, Row};
use std::path::PathBuf;

/// What import knows about a photo before it has an id.
#[derive(Debug, Clone, PartialEq)]
pub struct NewPhoto {
    pub path: PathBuf,
    /// `None`: not hashed yet (no other photo has its byte size).
    pub hash: Option<String>,
    pub byte_size: u64,
    pub format: Format,
    pub width: u32,
    pub height: u32,
    pub orientation: u8,
    pub make: Option<String>,
    pub model: Option<String>,
    pub capture: Option<CaptureTime>,
    pub gps: Option<Gps>,
    pub gps_utc: Option<Timestamp>,
    pub metadata_version: i64,
}

/// What rendering a photo's thumbnails or preview needs: where its original is and how to read it.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingThumb {
    pub id: i64,
    pub path: PathBuf,
    /// `None` until the thumbnail phase hashes the file; always set once a thumbnail is made.
    pub hash: Option<String>,
    pub format: Format,
    pub orientation: u8,
}

/// The `hash` column's provisional key (see the module's doc).
const PENDING_HASH: &str = "pending:";

fn provisional_hash(path: &std::path::Path, byte_size: u64) -> String {
    format!("{PENDING_HASH}{byte_size}:{}", path.to_string_lossy())
}

/// The `hash` column as Rust sees it: the content hash, or `None` while provisional.
fn hash_from_column(value: String) -> Option<String> {
    (!value.starts_with(PENDING_HASH)).then_some(value)
}

const PHOTO_COLUMNS: &str =
    "id, trip_id, path, hash, byte_size, format, width, height, orientation,
    make, model, capture_date, capture_time, subsec, offset_seconds, time_source,
    gps_lat, gps_lon, gps_alt, gps_utc, metadata_version, thumb_state, thumb_error,
    caption, favourite, hidden, keep_in_trip, picture_hash";

fn photo_from_row(row: &Row<'_>) -> rusqlite::Result<Photo> {
    let format: String = row.get(5)?;
    let capture = {
        let date: Option<String> = row.get(11)?;
        let time: Option<String> = row.get(12)?;
        let source: Option<String> = row.get(15)?;
        match (
            date.and_then(|d| d.parse::<Date>().ok()),
            source.as_deref().and_then(TimeSource::parse),
        ) {
            (Some(date), Some(source)) => Some(CaptureTime {
                date,
                time: time.and_then(|t| t.parse::<Time>().ok()),
                subsec: row.get(13)?,
                offset: row
                    .get::<_, Option<i32>>(14)?
                    .and_then(|s| Offset::from_seconds(s).ok()),
                source,
            }),
            _ => None,
        }
    };
    let gps = match (
        row.get::<_, Option<f64>>(16)?,
        row.get::<_, Option<f64>>(17)?,
    ) {
        (Some(lat), Some(lon)) => Some(Gps {
            lat,
            lon,
            alt: row.get(18)?,
        }),
        _ => None,
    };
    let thumb = match row.get::<_, String>(21)?.as_str() {
        "ready" => ThumbState::Ready,
        "failed" => ThumbState::Failed(row.get::<_, Option<String>>(22)?.unwrap_or_default()),
        "damaged" => ThumbState::Damaged(row.get::<_, Option<String>>(22)?.unwrap_or_default()),
        _ => ThumbState::Pending,
    };
    Ok(Photo {
        id: row.get(0)?,
        trip_id: row.get(1)?,
        path: PathBuf::from(row.get::<_, String>(2)?),
        hash: hash_from_column(row.get(3)?),
        byte_size: row.get::<_, i64>(4)? as u64,
        format: Format::parse(&format).unwrap_or(Format::Jpeg),
        width: row.get(6)?,
        height: row.get(7)?,
        orientation: row.get(8)?,
        make: row.get(9)?,
        model: row.get(10)?,
        capture,
        gps,
        gps_utc: row
            .get::<_, Option<String>>(19)?
            .and_then(|s| s.parse().ok()),
        metadata_version: row.get(20)?,
        thumb,
        caption: row.get(23)?,
        favourite: row.get(24)?,
        hidden: row.get(25)?,
        keep_in_trip: row.get(26)?,
        picture_hash: row.get::<_, Option<i64>>(27)?.map(|h| h as u64),
    })
}

impl Catalog {
    /// Inserts photos into a trip in one transaction. Returns, per photo, its new id, or `None`
    /// when a photo with the same content hash is already in the catalog (a duplicate).
    pub fn insert_photos(&mut self, trip_id: i64, photos: &[NewPhoto]) -> Result<Vec<Option<i64>>> {
        let tx = self.write()?;
        let mut ids = Vec::with_capacity(photos.len());
        for p in photos {
            let capture = p.capture.as_ref();
            let changed = tx.execute(
                "INSERT INTO photos (trip_id, path, hash, byte_size, format, width, height,
                    orientation, make, model, capture_date, capture_time, subsec, offset_seconds,
                    time_source, gps_lat, gps_lon, gps_alt, gps_utc, metadata_version)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                    ?17, ?18, ?19, ?20)
                 ON CONFLICT (hash) DO NOTHING",
                params![
                    trip_id,
                    p.path.to_string_lossy(),
                    p.hash
                        .clone()
                        .unwrap_or_else(|| provisional_hash(&p.path, p.byte_size)),
                    p.byte_size as i64,
                    p.format.as_str(),
                    p.width,
                    p.height,
                    p.orientation,
                    p.make,
                    p.model,
                    capture.map(|c| c.date.to_string()),
                    capture
                        .and_then(|c| c.time)
                        .map(|t| t.strftime("%H:%M:%S").to_string()),
                    capture.and_then(|c| c.subsec.clone()),
                    capture.and_then(|c| c.offset).map(|o| o.seconds()),
                    capture.map(|c| c.source.as_str()),
                    p.gps.map(|g| g.lat),
                    p.gps.map(|g| g.lon),
                    p.gps.and_then(|g| g.alt),
                    p.gps_utc.map(|t| t.to_string()),
                    p.metadata_version,
                ],
            )?;
            ids.push((changed == 1).then(|| tx.tx.last_insert_rowid()));
        }
        tx.commit()?;
        Ok(ids)
    }

    /// Which of these byte sizes some catalogued photo has: a file of any other size cannot
    /// be a duplicate, so it needs no hash before it joins the timeline.
    pub fn sizes_taken(&self, sizes: &[u64]) -> Result<std::collections::HashSet<u64>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT 1 FROM photos WHERE byte_size = ?1 LIMIT 1")
            .map_err(|e| self.err(e))?;
        let mut taken = std::collections::HashSet::new();
        for &size in sizes {
            if stmt.exists([size as i64]).map_err(|e| self.err(e))? {
                taken.insert(size);
            }
        }
        Ok(taken)
    }

    /// Photos of these byte sizes whose content hash is still provisional (id, original).
    pub fn unhashed_of_sizes(&self, sizes: &[u64]) -> Result<Vec<(i64, PathBuf)>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, path FROM photos WHERE byte_size = ?1 AND hash LIKE 'pending:%'",
            )
            .map_err(|e| self.err(e))?;
        let mut found = Vec::new();
        for &size in sizes {
            let rows = stmt
                .query_map([size as i64], |row| {
                    Ok((row.get(0)?, PathBuf::from(row.get::<_, String>(1)?)))
                })
                .map_err(|e| self.err(e))?;
            for row in rows {
                found.push(row.map_err(|e| self.err(e))?);
            }
        }
        Ok(found)
    }

    /// Records photos' content hashes in one transaction. A photo whose hash another photo
    /// already has (its file changed into a copy of that one since it was imported) is
    /// removed as the duplicate it now is; their ids come back.
    pub fn set_hashes(&mut self, hashes: &[(i64, String)]) -> Result<Vec<i64>> {
        let tx = self.write()?;
        let mut removed = Vec::new();
        for (id, hash) in hashes {
            let taken = tx
                .tx
                .prepare_cached("SELECT 1 FROM photos WHERE hash = ?1 AND id != ?2")
                .and_then(|mut stmt| stmt.exists(params![hash, id]))
                .map_err(|e| tx.err(e))?;
            if taken {
                tx.execute("DELETE FROM photos WHERE id = ?1", params![id])?;
                removed.push(*id);
            } else {
                tx.execute(
                    "UPDATE photos SET hash = ?2 WHERE id = ?1",
                    params![id, hash],
                )?;
            }
        }
        tx.commit()?;
        Ok(removed)
    }

    /// True when a photo with this content hash is already catalogued.
    pub fn has_hash(&self, hash: &str) -> Result<bool> {
        self.conn
            .prepare_cached("SELECT 1 FROM photos WHERE hash = ?1")
            .and_then(|mut stmt| stmt.exists([hash]))
            .map_err(|e| self.err(e))
    }

    /// All photos of a trip, in id order.
    pub fn photos_of_trip(&self, trip_id: i64) -> Result<Vec<Photo>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {PHOTO_COLUMNS} FROM photos WHERE trip_id = ?1 ORDER BY id"
            ))
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([trip_id], photo_from_row)
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.err(e))
    }

    pub fn photo(&self, id: i64) -> Result<Photo> {
        self.conn
            .query_row(
                &format!("SELECT {PHOTO_COLUMNS} FROM photos WHERE id = ?1"),
                [id],
                photo_from_row,
            )
            .optional()
            .map_err(|e| self.err(e))?
            .ok_or(Error::PhotoNotFound { id })
    }

    /// Photos of a trip whose thumbnails are not made yet (including ones an interrupted
    /// import left behind).
    pub fn pending_thumbs(&self, trip_id: i64) -> Result<Vec<PendingThumb>> {
        self.thumb_sources(
            "SELECT id, path, hash, format, orientation FROM photos
             WHERE trip_id = ?1 AND thumb_state = 'pending' ORDER BY id",
            trip_id,
        )
    }

    /// The photos of a trip whose grid thumbnail was made (ready or damaged): the ones a preview
    /// can be made for, in id order.
    pub fn thumbnailed(&self, trip_id: i64) -> Result<Vec<PendingThumb>> {
        self.thumb_sources(
            "SELECT id, path, hash, format, orientation FROM photos
             WHERE trip_id = ?1 AND thumb_state IN ('ready', 'damaged') ORDER BY id",
            trip_id,
        )
    }

    /// The photo with this content hash whose grid thumbnail was made, if any (a hash belongs
    /// to one photo in the whole library).
    pub fn thumbnailed_by_hash(&self, hash: &str) -> Result<Option<PendingThumb>> {
        Ok(self
            .thumb_sources(
                "SELECT id, path, hash, format, orientation FROM photos
                 WHERE hash = ?1 AND thumb_state IN ('ready', 'damaged') ORDER BY id LIMIT 1",
                hash,
            )?
            .pop())
    }

    fn thumb_sources(&self, sql: &str, param: impl rusqlite::ToSql) -> Result<Vec<PendingThumb>> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([param], |row| {
                Ok(PendingThumb {
                    id: row.get(0)?,
                    path: PathBuf::from(row.get::<_, String>(1)?),
                    hash: hash_from_column(row.get(2)?),
                    format: Format::parse(&row.get::<_, String>(3)?).unwrap_or(Format::Jpeg),
                    orientation: row.get(4)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.err(e))
    }

    /// Records thumbnail outcomes in one transaction, with each picture's perceptual hash
    /// when one was made (kept when `None`).
    pub fn set_thumb_states(&mut self, states: &[(i64, ThumbState, Option<u64>)]) -> Result<()> {
        let tx = self.write()?;
        for (id, state, hash) in states {
            let (name, reason) = match state {
                ThumbState::Pending => ("pending", None),
                ThumbState::Ready => ("ready", None),
                ThumbState::Failed(reason) => ("failed", Some(reason.as_str())),
                ThumbState::Damaged(reason) => ("damaged", Some(reason.as_str())),
            };
            tx.execute(
                "UPDATE photos SET thumb_state = ?2, thumb_error = ?3,
                     picture_hash = COALESCE(?4, picture_hash) WHERE id = ?1",
                params![id, name, reason, hash.map(|h| h as i64)],
            )?;
        }
        tx.commit()
    }

    /// Stores perceptual hashes made after the fact (photos imported before hashes existed).
    pub fn set_picture_hashes(&mut self, hashes: &[(i64, u64)]) -> Result<()> {
        let tx = self.write()?;
        for (id, hash) in hashes {
            tx.execute(
                "UPDATE photos SET picture_hash = ?2 WHERE id = ?1",
                params![id, *hash as i64],
            )?;
        }
        tx.commit()
    }

    pub fn set_caption(&mut self, id: i64, caption: &str) -> Result<()> {
        self.update_photo("UPDATE photos SET caption = ?2 WHERE id = ?1", id, caption)
    }

    pub fn set_favourite(&mut self, id: i64, favourite: bool) -> Result<()> {
        self.update_photo(
            "UPDATE photos SET favourite = ?2 WHERE id = ?1",
            id,
            favourite,
        )
    }

    pub fn set_hidden(&mut self, id: i64, hidden: bool) -> Result<()> {
        self.update_photo("UPDATE photos SET hidden = ?2 WHERE id = ?1", id, hidden)
    }

    /// Keeps a photo in its trip although its date is far from the rest (or lets the stray
    /// rule set it aside again).
    pub fn set_keep_in_trip(&mut self, id: i64, keep: bool) -> Result<()> {
        self.update_photo(
            "UPDATE photos SET keep_in_trip = ?2 WHERE id = ?1",
            id,
            keep,
        )
    }

    /// Moves photos to another trip (their captions, flags and thumbnails go with them).
    pub fn move_photos(&mut self, ids: &[i64], trip_id: i64) -> Result<()> {
        let tx = self.write()?;
        for &id in ids {
            let moved = tx.execute(
                "UPDATE photos SET trip_id = ?2, keep_in_trip = 0 WHERE id = ?1",
                params![id, trip_id],
            )?;
            if moved == 0 {
                return Err(Error::PhotoNotFound { id });
            }
        }
        tx.commit()
    }

    /// Sets a photo's time by hand: a trip-local wall clock (or only a date).
    pub fn set_manual_time(&mut self, id: i64, date: Date, time: Option<Time>) -> Result<()> {
        let tx = self.write()?;
        let changed = tx.execute(
            "UPDATE photos SET capture_date = ?2, capture_time = ?3, subsec = NULL,
                offset_seconds = NULL, time_source = 'manual' WHERE id = ?1",
            params![
                id,
                date.to_string(),
                time.map(|t| t.strftime("%H:%M:%S").to_string())
            ],
        )?;
        if changed == 0 {
            return Err(Error::PhotoNotFound { id });
        }
        tx.commit()
    }

    pub(super) fn update_photo(
        &mut self,
        sql: &str,
        id: i64,
        value: impl rusqlite::ToSql,
    ) -> Result<()> {
        let tx = self.write()?;
        if tx.execute(sql, params![id, value])? == 0 {
            return Err(Error::PhotoNotFound { id });
        }
        tx.commit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new_photo(hash: &str) -> NewPhoto {
        NewPhoto {
            path: PathBuf::from(format!("/photos/{hash}.jpg")),
            hash: Some(hash.to_string()),
            byte_size: 1234,
            format: Format::Jpeg,
            width: 4000,
            height: 3000,
            orientation: 6,
            make: Some("Google".into()),
            model: Some("Pixel 6".into()),
            capture: Some(CaptureTime {
                date: jiff::civil::date(2022, 5, 17),
                time: Some(jiff::civil::time(14, 30, 22, 0)),
                subsec: Some("0532".into()),
                offset: Some(Offset::from_hours(2).unwrap()),
                source: TimeSource::ExifOffset,
            }),
            gps: Some(Gps {
                lat: 52.3396,
                lon: 4.8883,
                alt: Some(-3.5),
            }),
            gps_utc: Some("2022-05-17T12:30:22Z".parse().unwrap()),
            metadata_version: 1,
        }
    }

    #[test]
    fn a_photo_round_trips_every_field() {
        let mut catalog = Catalog::open_in_memory().unwrap();
        let trip = catalog.create_trip("KubeCon").unwrap();
        let new = new_photo("aa11");
        let ids = catalog
            .insert_photos(trip.id, std::slice::from_ref(&new))
            .unwrap();
        let photo = catalog.photo(ids[0].unwrap()).unwrap();
        assert_eq!(photo.path, new.path);
        assert_eq!(
            photo.capture, new.capture,
            "subsec leading zero and offset kept"
        );
        assert_eq!(photo.gps, new.gps);
        assert_eq!(photo.gps_utc, new.gps_utc);
        assert_eq!(photo.display_size(), (3000, 4000), "orientation 6 swaps");
        assert_eq!(photo.thumb, ThumbState::Pending);
        assert_eq!(
            (photo.caption.as_str(), photo.favourite, photo.hidden),
            ("", false, false)
        );
    }

    #[test]
    fn a_missing_offset_stays_unknown() {
        let mut catalog = Catalog::open_in_memory().unwrap();
        let trip = catalog.create_trip("KubeCon").unwrap();
        let mut new = new_photo("bb22");
        let capture = new.capture.as_mut().unwrap();
        capture.offset = None;
        capture.source = TimeSource::ExifLocal;
        let id = catalog.insert_photos(trip.id, &[new]).unwrap()[0].unwrap();
        let capture = catalog.photo(id).unwrap().capture.unwrap();
        assert_eq!(capture.offset, None, "unknown is not UTC");
        assert_eq!(capture.source, TimeSource::ExifLocal);
    }

    #[test]
    fn a_photo_without_its_hash_gets_it_later_or_goes_as_a_duplicate() {
        let mut catalog = Catalog::open_in_memory().unwrap();
        let trip = catalog.create_trip("KubeCon").unwrap();
        let unhashed = |name: &str, size: u64| NewPhoto {
            path: PathBuf::from(format!("/photos/{name}.jpg")),
            hash: None,
            byte_size: size,
            ..new_photo(name)
        };
        let ids: Vec<i64> = catalog
            .insert_photos(
                trip.id,
                &[new_photo("aa11"), unhashed("b", 10), unhashed("c", 11)],
            )
            .unwrap()
            .into_iter()
            .map(Option::unwrap)
            .collect();
        assert_eq!(
            catalog.photo(ids[1]).unwrap().hash,
            None,
            "never the provisional key"
        );
        assert_eq!(catalog.pending_thumbs(trip.id).unwrap()[1].hash, None);
        assert_eq!(
            catalog.sizes_taken(&[10, 11, 12, 1234]).unwrap(),
            [10, 11, 1234].into_iter().collect()
        );
        assert_eq!(
            catalog.unhashed_of_sizes(&[10, 1234]).unwrap(),
            vec![(ids[1], PathBuf::from("/photos/b.jpg"))]
        );
        // "b" turns out to hold its own bytes; "c" became a copy of "aa11" and goes.
        let removed = catalog
            .set_hashes(&[(ids[1], "bb22".into()), (ids[2], "aa11".into())])
            .unwrap();
        assert_eq!(removed, vec![ids[2]]);
        assert_eq!(catalog.photo(ids[1]).unwrap().hash.as_deref(), Some("bb22"));
        assert!(catalog.photo(ids[2]).is_err());
        assert!(catalog.has_hash("aa11").unwrap());
    }

    #[test]
    fn the_same_content_twice_is_a_duplicate_not_a_row() {
        let mut catalog = Catalog::open_in_memory().unwrap();
        let trip = catalog.create_trip("KubeCon").unwrap();
        let ids = catalog
            .insert_photos(trip.id, &[new_photo("cc33"), new_photo("cc33")])
            .unwrap();
        assert!(ids[0].is_some() && ids[1].is_none());
        let again = catalog
            .insert_photos(trip.id, &[new_photo("cc33")])
            .unwrap();
        assert_eq!(again, vec![None]);
        assert_eq!(catalog.photos_of_trip(trip.id).unwrap().len(), 1);
        assert!(catalog.has_hash("cc33").unwrap());
    }

    #[test]
    fn thumbnail_states_and_edits_persist() {
        let mut catalog = Catalog::open_in_memory().unwrap();
        let trip = catalog.create_trip("KubeCon").unwrap();
        let ids: Vec<i64> = catalog
            .insert_photos(
                trip.id,
                &[new_photo("d1"), new_photo("d2"), new_photo("d3")],
            )
            .unwrap()
            .into_iter()
            .flatten()
            .collect();
        assert_eq!(catalog.pending_thumbs(trip.id).unwrap().len(), 3);
        catalog
            .set_thumb_states(&[
                (ids[0], ThumbState::Ready, Some(u64::MAX - 7)),
                (
                    ids[1],
                    ThumbState::Failed("image data is corrupt".into()),
                    None,
                ),
                (
                    ids[2],
                    ThumbState::Damaged("the file ends early".into()),
                    Some(42),
                ),
            ])
            .unwrap();
        assert!(catalog.pending_thumbs(trip.id).unwrap().is_empty());
        assert_eq!(
            catalog.photo(ids[1]).unwrap().thumb,
            ThumbState::Failed("image data is corrupt".into())
        );
        assert_eq!(
            catalog.photo(ids[2]).unwrap().thumb,
            ThumbState::Damaged("the file ends early".into()),
            "damaged keeps its reason"
        );
        assert_eq!(
            catalog.photo(ids[0]).unwrap().picture_hash,
            Some(u64::MAX - 7),
            "all 64 bits survive SQLite's signed integers"
        );
        assert_eq!(catalog.photo(ids[1]).unwrap().picture_hash, None);
        catalog
            .set_caption(ids[0], "<img src=x onerror=alert(1)>")
            .unwrap();
        catalog.set_favourite(ids[0], true).unwrap();
        catalog.set_hidden(ids[0], true).unwrap();
        let photo = catalog.photo(ids[0]).unwrap();
        assert_eq!(
            photo.caption, "<img src=x onerror=alert(1)>",
            "stored verbatim"
        );
        assert!(photo.favourite && photo.hidden);
        assert!(matches!(
            catalog.set_caption(999, "x"),
            Err(Error::PhotoNotFound { id: 999 })
        ));
    }

    #[test]
    fn manual_time_replaces_the_read_one() {
        let mut catalog = Catalog::open_in_memory().unwrap();
        let trip = catalog.create_trip("KubeCon").unwrap();
        let id = catalog.insert_photos(trip.id, &[new_photo("e1")]).unwrap()[0].unwrap();
        catalog
            .set_manual_time(id, jiff::civil::date(2022, 5, 18), None)
            .unwrap();
        let capture = catalog.photo(id).unwrap().capture.unwrap();
        assert_eq!(capture.source, TimeSource::Manual);
        assert_eq!((capture.time, capture.offset), (None, None));
    }

    #[test]
    fn deleting_a_trip_removes_its_photos() {
        let mut catalog = Catalog::open_in_memory().unwrap();
        let trip = catalog.create_trip("KubeCon").unwrap();
        catalog.insert_photos(trip.id, &[new_photo("f1")]).unwrap();
        catalog.delete_trip(trip.id).unwrap();
        assert!(!catalog.has_hash("f1").unwrap(), "cascade");
    }
}
