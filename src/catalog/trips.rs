//! The `trips` and `camera_clocks` tables (and the old `camera_shifts`, read once to be
//! converted): a trip's name and layout settings (zone, day start, camera clocks), each change
//! written in one transaction.

use super::Catalog;
use crate::model::{self, format_clock, format_day_start, ClockSetting, Trip};
use crate::{Error, Result};
use jiff::civil::Time;
use jiff::SignedDuration;
use rusqlite::{params, OptionalExtension};

/// A trip as listed: its settings and how many photos it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct TripSummary {
    pub trip: Trip,
    pub photo_count: i64,
}

const DEFAULT_DAY_START: Time = Time::constant(4, 0, 0, 0);

/// A stored day start; the column is only ever written by `format_day_start`.
fn parse_day_start(text: &str) -> Time {
    model::parse_day_start(text).unwrap_or(DEFAULT_DAY_START)
}

impl Catalog {
    /// Creates an empty trip. Its name must be new.
    pub fn create_trip(&mut self, name: &str) -> Result<Trip> {
        let name = valid_name(name)?;
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO trips (name, day_start) VALUES (?1, ?2)",
            params![name, format_day_start(DEFAULT_DAY_START)],
        )?;
        tx.commit()?;
        self.trip(name)
    }

    /// The trip with this name, creating it when there is none.
    pub fn ensure_trip(&mut self, name: &str) -> Result<Trip> {
        match self.trip_by_name(name)? {
            Some(trip) => Ok(trip),
            None => self.create_trip(name),
        }
    }

    /// The trip with this name, or `TripNotFound`.
    pub fn trip(&self, name: &str) -> Result<Trip> {
        self.trip_by_name(name)?.ok_or_else(|| Error::TripNotFound {
            name: name.to_string(),
        })
    }

    pub fn trip_by_name(&self, name: &str) -> Result<Option<Trip>> {
        let row = self
            .conn
            .query_row(
                "SELECT id, name, timezone, day_start FROM trips WHERE name = ?1",
                [name],
                |row| {
                    Ok((
                        row.get::<_, i64>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, Option<String>>(2)?,
                        row.get::<_, String>(3)?,
                    ))
                },
            )
            .optional()
            .map_err(|e| self.err(e))?;
        row.map(|(id, name, timezone, day_start)| {
            Ok(Trip {
                id,
                name,
                timezone,
                day_start: parse_day_start(&day_start),
                clocks: self.clocks(id)?,
            })
        })
        .transpose()
    }

    /// The trip's camera clocks, by camera. A stored clock this build cannot read (written by
    /// hand, or by a newer Lanyard) is left out, so the camera reads the trip's time.
    fn clocks(&self, trip_id: i64) -> Result<Vec<ClockSetting>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT camera, clock FROM camera_clocks WHERE trip_id = ?1 ORDER BY camera",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([trip_id], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
            })
            .map_err(|e| self.err(e))?;
        let rows: Vec<(String, String)> = rows
            .collect::<rusqlite::Result<_>>()
            .map_err(|e| self.err(e))?;
        Ok(rows
            .into_iter()
            .filter_map(|(camera, clock)| {
                let clock = model::parse_clock(&clock).ok()?;
                Some(ClockSetting { camera, clock })
            })
            .collect())
    }

    /// Clock shifts stored by a catalog before camera clocks (schema 1): (trip id, camera,
    /// shift). The journal turns them into clocks, which needs the trip's photos and zone.
    pub fn legacy_shifts(&self) -> Result<Vec<(i64, String, SignedDuration)>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT trip_id, camera, shift_seconds FROM camera_shifts ORDER BY trip_id, camera",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    SignedDuration::from_secs(row.get(2)?),
                ))
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.err(e))
    }

    /// Every trip, by name, with its photo count.
    pub fn trips(&self) -> Result<Vec<TripSummary>> {
        let names: Vec<(String, i64)> = {
            let mut stmt = self
                .conn
                .prepare(
                    "SELECT t.name, (SELECT COUNT(*) FROM photos p WHERE p.trip_id = t.id)
                     FROM trips t ORDER BY t.name COLLATE NOCASE",
                )
                .map_err(|e| self.err(e))?;
            let rows = stmt
                .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
                .map_err(|e| self.err(e))?;
            rows.collect::<rusqlite::Result<_>>()
                .map_err(|e| self.err(e))?
        };
        names
            .into_iter()
            .map(|(name, photo_count)| {
                Ok(TripSummary {
                    trip: self.trip(&name)?,
                    photo_count,
                })
            })
            .collect()
    }

    /// Deletes the trip and its catalog rows. Original files are never touched.
    pub fn delete_trip(&mut self, trip_id: i64) -> Result<()> {
        let tx = self.write()?;
        tx.execute("DELETE FROM trips WHERE id = ?1", [trip_id])?;
        tx.commit()
    }

    /// Writes a trip's name, zone (`None` = detect), day start and its whole set of camera
    /// clocks in one transaction: the one way trip settings are changed. Default clocks are
    /// not stored, and any clock shift left from an old catalog is dropped (the clocks
    /// replace it). The caller validates the values; a name another trip has is refused.
    pub fn save_trip(&mut self, trip: &Trip) -> Result<()> {
        let name = valid_name(&trip.name)?;
        let tx = self.write()?;
        let renamed = tx.tx.execute(
            "UPDATE trips SET name = ?2, timezone = ?3, day_start = ?4 WHERE id = ?1",
            params![
                trip.id,
                name,
                trip.timezone,
                format_day_start(trip.day_start)
            ],
        );
        match renamed {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                return Err(name_taken(&trip.name));
            }
            other => other.map_err(|e| tx.err(e))?,
        };
        tx.execute("DELETE FROM camera_shifts WHERE trip_id = ?1", [trip.id])?;
        tx.execute("DELETE FROM camera_clocks WHERE trip_id = ?1", [trip.id])?;
        for setting in trip.clocks.iter().filter(|c| !c.clock.is_default()) {
            tx.execute(
                "INSERT INTO camera_clocks (trip_id, camera, clock) VALUES (?1, ?2, ?3)
                 ON CONFLICT (trip_id, camera) DO UPDATE SET clock = excluded.clock",
                params![trip.id, setting.camera, format_clock(&setting.clock)],
            )?;
        }
        tx.commit()
    }
}

impl Catalog {
    /// The (camera, clock) suggestions the person dismissed for this trip.
    pub fn dismissed_clocks(&self, trip_id: i64) -> Result<Vec<(String, String)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT camera, clock FROM dismissed_clocks WHERE trip_id = ?1")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([trip_id], |row| Ok((row.get(0)?, row.get(1)?)))
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.err(e))
    }

    /// Remembers that the person dismissed suggesting `clock` for `camera`.
    pub fn dismiss_clock(&mut self, trip_id: i64, camera: &str, clock: &str) -> Result<()> {
        let tx = self.write()?;
        tx.execute(
            "INSERT OR IGNORE INTO dismissed_clocks (trip_id, camera, clock) VALUES (?1, ?2, ?3)",
            params![trip_id, camera, clock],
        )?;
        tx.commit()
    }
}

/// The one message for a trip name that is already used.
pub fn name_taken(name: &str) -> Error {
    Error::InvalidInput {
        what: "trip name",
        value: name.to_string(),
        hint: "another trip already has this name",
    }
}

fn valid_name(name: &str) -> Result<&str> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err(Error::InvalidInput {
            what: "trip name",
            value: name.to_string(),
            hint: "a trip needs a name",
        });
    }
    Ok(trimmed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_trip_starts_its_days_at_four_and_detects_its_zone() {
        let mut catalog = Catalog::open_in_memory().unwrap();
        let trip = catalog.create_trip("KubeCon EU").unwrap();
        assert_eq!(trip.day_start, Time::constant(4, 0, 0, 0));
        assert_eq!(trip.timezone, None, "no zone set means detect from photos");
        assert!(trip.clocks.is_empty());
    }

    #[test]
    fn names_are_unique_and_not_blank() {
        let mut catalog = Catalog::open_in_memory().unwrap();
        catalog.create_trip("KubeCon").unwrap();
        assert!(catalog.create_trip("KubeCon").is_err(), "duplicate name");
        assert!(catalog.create_trip("   ").is_err(), "blank name");
        assert_eq!(catalog.ensure_trip("KubeCon").unwrap().name, "KubeCon");
    }

    fn clock(camera: &str, text: &str) -> ClockSetting {
        ClockSetting {
            camera: camera.into(),
            clock: model::parse_clock(text).unwrap(),
        }
    }

    #[test]
    fn settings_are_saved_together_and_read_back() {
        let mut catalog = Catalog::open_in_memory().unwrap();
        let mut trip = catalog.create_trip("KubeCon").unwrap();
        trip.clocks = vec![clock("Old camera", "+01:00")];
        catalog.save_trip(&trip).unwrap();
        trip.name = "KubeCon EU 2022".into();
        trip.timezone = Some("Europe/Amsterdam".into());
        trip.day_start = Time::constant(5, 30, 0, 0);
        trip.clocks = vec![
            clock("Canon EOS RP", "-04:00"),
            clock("FUJIFILM X-T4", "Europe/Berlin+3m10s"),
            clock("Pixel 6", "trip"),
        ];
        catalog.save_trip(&trip).unwrap();
        assert!(
            catalog.trip_by_name("KubeCon").unwrap().is_none(),
            "renamed"
        );
        let saved = catalog.trip("KubeCon EU 2022").unwrap();
        assert_eq!(saved.timezone.as_deref(), Some("Europe/Amsterdam"));
        assert_eq!(saved.day_start, Time::constant(5, 30, 0, 0));
        assert_eq!(
            saved.clocks,
            trip.clocks[..2].to_vec(),
            "the old camera's clock is gone and default clocks are not stored"
        );
        trip.timezone = None;
        trip.clocks.clear();
        catalog.save_trip(&trip).unwrap();
        let saved = catalog.trip("KubeCon EU 2022").unwrap();
        assert_eq!(saved.timezone, None, "back to detection");
        assert!(saved.clocks.is_empty());
    }

    #[test]
    fn old_shifts_are_listed_until_the_trip_is_saved_with_clocks() {
        let mut catalog = Catalog::open_in_memory().unwrap();
        let mut trip = catalog.create_trip("KubeCon").unwrap();
        catalog
            .conn
            .execute(
                "INSERT INTO camera_shifts (trip_id, camera, shift_seconds) VALUES (?1, 'Canon EOS RP', 21600)",
                [trip.id],
            )
            .unwrap();
        assert_eq!(
            catalog.legacy_shifts().unwrap(),
            vec![(
                trip.id,
                "Canon EOS RP".to_string(),
                SignedDuration::from_hours(6)
            )]
        );
        trip.clocks = vec![clock("Canon EOS RP", "-04:00")];
        catalog.save_trip(&trip).unwrap();
        assert!(catalog.legacy_shifts().unwrap().is_empty());
        assert_eq!(catalog.trip("KubeCon").unwrap().clocks, trip.clocks);
    }

    #[test]
    fn a_taken_or_blank_name_changes_nothing() {
        let mut catalog = Catalog::open_in_memory().unwrap();
        catalog.create_trip("Other").unwrap();
        let trip = catalog.create_trip("KubeCon").unwrap();
        for name in ["Other", "  "] {
            let mut changed = trip.clone();
            changed.name = name.into();
            changed.timezone = Some("Europe/Paris".into());
            let err = catalog.save_trip(&changed).unwrap_err();
            assert!(
                matches!(
                    err,
                    Error::InvalidInput {
                        what: "trip name",
                        ..
                    }
                ),
                "{name:?}: {err}"
            );
            assert_eq!(
                catalog.trip("KubeCon").unwrap(),
                trip,
                "{name:?}: untouched"
            );
        }
    }

    #[test]
    fn delete() {
        let mut catalog = Catalog::open_in_memory().unwrap();
        let trip = catalog.create_trip("Kubecon").unwrap();
        catalog.delete_trip(trip.id).unwrap();
        assert!(catalog.trips().unwrap().is_empty());
        assert!(matches!(
            catalog.trip("Kubecon"),
            Err(Error::TripNotFound { .. })
        ));
    }
}
