//! The `sessions`, `people`, `session_people`, `photo_people` and `day_people` tables, and the
//! photos' hand-set sessions: a trip's agenda as imported (updated in place on re-import,
//! keyed on the feed's UID), the person's attendance and notes, and the people of the trip.

use super::Catalog;
use crate::agenda::{Session, SessionState, Speaker};
use crate::{Error, Result};
use jiff::civil::Date;
use jiff::Timestamp;
use rusqlite::{params, OptionalExtension};
use std::collections::HashMap;

/// How an import changed the stored agenda.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SessionsSaved {
    pub added: usize,
    pub updated: usize,
}

/// A person of the trip.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Person {
    pub id: i64,
    pub name: String,
    /// A profile URL.
    pub link: Option<String>,
    /// Affiliation.
    pub org: Option<String>,
    /// "Don't publish me": never named in any exported file.
    pub private: bool,
}

fn seconds(t: Timestamp) -> i64 {
    t.as_second()
}

impl Catalog {
    /// Stores the sessions of an agenda file in one transaction: new UIDs are added, known ones
    /// updated (a moved or renamed session follows) keeping the person's attendance and notes.
    /// `mine` marks every one of them attended (a personal schedule). Speakers become people
    /// of the trip, tied to their sessions.
    pub fn save_sessions(
        &mut self,
        trip_id: i64,
        sessions: &[Session],
        mine: bool,
    ) -> Result<SessionsSaved> {
        let tx = self.write()?;
        let mut saved = SessionsSaved::default();
        for s in sessions {
            let speakers = serde_json::to_string(&s.speakers).unwrap_or_else(|_| "[]".into());
            let exists: Option<i64> = tx
                .tx
                .query_row(
                    "SELECT 1 FROM sessions WHERE trip_id = ?1 AND uid = ?2",
                    params![trip_id, s.uid],
                    |row| row.get(0),
                )
                .optional()
                .map_err(|e| tx.err(e))?;
            tx.execute(
                "INSERT INTO sessions (trip_id, uid, title, speakers, description, track, kind,
                     room, location, url, start_utc, end_utc, attended)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
                 ON CONFLICT (trip_id, uid) DO UPDATE SET
                     title = excluded.title, speakers = excluded.speakers,
                     description = excluded.description, track = excluded.track,
                     kind = excluded.kind, room = excluded.room, location = excluded.location,
                     url = excluded.url, start_utc = excluded.start_utc, end_utc = excluded.end_utc,
                     attended = COALESCE(excluded.attended, sessions.attended)",
                params![
                    trip_id,
                    s.uid,
                    s.title,
                    speakers,
                    s.description,
                    s.track,
                    s.kind,
                    s.room,
                    s.location,
                    s.url,
                    seconds(s.start),
                    seconds(s.end),
                    mine.then_some(1)
                ],
            )?;
            if exists.is_some() {
                saved.updated += 1;
            } else {
                saved.added += 1;
            }
            tx.execute(
                "DELETE FROM session_people WHERE trip_id = ?1 AND uid = ?2",
                params![trip_id, s.uid],
            )?;
            for speaker in &s.speakers {
                tx.execute(
                    "INSERT INTO people (trip_id, name, org) VALUES (?1, ?2, ?3)
                     ON CONFLICT (trip_id, name) DO UPDATE SET org = COALESCE(people.org, excluded.org)",
                    params![trip_id, speaker.name, speaker.company],
                )?;
                tx.execute(
                    "INSERT OR IGNORE INTO session_people (trip_id, uid, person_id)
                     SELECT ?1, ?2, id FROM people WHERE trip_id = ?1 AND name = ?3 COLLATE NOCASE",
                    params![trip_id, s.uid, speaker.name],
                )?;
            }
        }
        tx.commit()?;
        Ok(saved)
    }

    /// The trip's sessions with the person's attendance and notes, by start.
    pub fn sessions(&self, trip_id: i64) -> Result<Vec<SessionState>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT uid, title, speakers, description, track, kind, room, location, url,
                        start_utc, end_utc, attended, notes
                 FROM sessions WHERE trip_id = ?1 ORDER BY start_utc, end_utc, uid",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([trip_id], |row| {
                let speakers: String = row.get(2)?;
                let time = |i: usize| -> rusqlite::Result<Timestamp> {
                    Timestamp::from_second(row.get(i)?).map_err(|e| {
                        rusqlite::Error::FromSqlConversionFailure(
                            i,
                            rusqlite::types::Type::Integer,
                            Box::new(e),
                        )
                    })
                };
                Ok(SessionState {
                    session: Session {
                        uid: row.get(0)?,
                        title: row.get(1)?,
                        speakers: serde_json::from_str::<Vec<Speaker>>(&speakers)
                            .unwrap_or_default(),
                        description: row.get(3)?,
                        track: row.get(4)?,
                        kind: row.get(5)?,
                        room: row.get(6)?,
                        location: row.get(7)?,
                        url: row.get(8)?,
                        start: time(9)?,
                        end: time(10)?,
                    },
                    attended: row.get::<_, Option<i64>>(11)?.map(|a| a != 0),
                    notes: row.get(12)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.err(e))
    }

    /// Marks a session attended (`Some(true)`), not attended (`Some(false)`: never inferred
    /// either) or unknown (`None`).
    pub fn set_attended(&mut self, trip_id: i64, uid: &str, attended: Option<bool>) -> Result<()> {
        self.update_session(
            "UPDATE sessions SET attended = ?3 WHERE trip_id = ?1 AND uid = ?2",
            trip_id,
            uid,
            attended.map(i64::from),
        )
    }

    pub fn set_session_notes(&mut self, trip_id: i64, uid: &str, notes: &str) -> Result<()> {
        self.update_session(
            "UPDATE sessions SET notes = ?3 WHERE trip_id = ?1 AND uid = ?2",
            trip_id,
            uid,
            notes,
        )
    }

    fn update_session(
        &mut self,
        sql: &str,
        trip_id: i64,
        uid: &str,
        value: impl rusqlite::ToSql,
    ) -> Result<()> {
        let tx = self.write()?;
        if tx.execute(sql, params![trip_id, uid, value])? == 0 {
            return Err(Error::SessionNotFound {
                uid: uid.to_string(),
            });
        }
        tx.commit()
    }

    /// Puts a photo in a session by hand (`Some(uid)`), out of any (`Some("")` is stored for
    /// "none"), or back to the rules (`None`).
    pub fn set_photo_session(&mut self, photo_id: i64, session: Option<&str>) -> Result<()> {
        self.update_photo(
            "UPDATE photos SET session_uid = ?2 WHERE id = ?1",
            photo_id,
            session,
        )
    }

    /// Photos moved by hand: photo id → `Some(uid)`, or `None` for "no session".
    pub fn photo_sessions(&self, trip_id: i64) -> Result<HashMap<i64, Option<String>>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, session_uid FROM photos WHERE trip_id = ?1 AND session_uid IS NOT NULL",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([trip_id], |row| {
                let uid: String = row.get(1)?;
                Ok((row.get(0)?, (!uid.is_empty()).then_some(uid)))
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.err(e))
    }

    // --- People --------------------------------------------------------------------------

    /// Adds a person, or updates the link, affiliation and privacy of the one with that name
    /// (any case): `None` leaves a field as it is, an empty text removes it. Returns the person
    /// as stored.
    pub fn save_person(
        &mut self,
        trip_id: i64,
        name: &str,
        link: Option<&str>,
        org: Option<&str>,
        private: Option<bool>,
    ) -> Result<Person> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::InvalidInput {
                what: "person",
                value: name.to_string(),
                hint: "a person needs a name",
            });
        }
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO people (trip_id, name, link, org, private)
             VALUES (?1, ?2, NULLIF(?3, ''), NULLIF(?4, ''), ?5)
             ON CONFLICT (trip_id, name) DO UPDATE SET
                 link = CASE WHEN ?3 IS NULL THEN people.link ELSE excluded.link END,
                 org = CASE WHEN ?4 IS NULL THEN people.org ELSE excluded.org END,
                 private = CASE WHEN ?6 IS NULL THEN people.private ELSE excluded.private END",
            params![trip_id, name, link, org, private.unwrap_or(false), private],
        )?;
        tx.commit()?;
        self.person(trip_id, name)?
            .ok_or_else(|| Error::PersonNotFound {
                name: name.to_string(),
            })
    }

    /// The person with this name (any case).
    pub fn person(&self, trip_id: i64, name: &str) -> Result<Option<Person>> {
        self.conn
            .query_row(
                "SELECT id, name, link, org, private FROM people
                 WHERE trip_id = ?1 AND name = ?2 COLLATE NOCASE",
                params![trip_id, name.trim()],
                person_from_row,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Every person of the trip, by name.
    pub fn people(&self, trip_id: i64) -> Result<Vec<Person>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, name, link, org, private FROM people WHERE trip_id = ?1
                 ORDER BY name COLLATE NOCASE",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([trip_id], person_from_row)
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.err(e))
    }

    /// Tags (or with `tagged` false, untags) a person on a photo.
    pub fn tag_photo(&mut self, photo_id: i64, person_id: i64, tagged: bool) -> Result<()> {
        let tx = self.write()?;
        if tagged {
            tx.execute(
                "INSERT OR IGNORE INTO photo_people (photo_id, person_id) VALUES (?1, ?2)",
                params![photo_id, person_id],
            )?;
        } else {
            tx.execute(
                "DELETE FROM photo_people WHERE photo_id = ?1 AND person_id = ?2",
                params![photo_id, person_id],
            )?;
        }
        tx.commit()
    }

    /// Marks (or unmarks) a person met on a trip day.
    pub fn set_met(&mut self, trip_id: i64, date: Date, person_id: i64, met: bool) -> Result<()> {
        let tx = self.write()?;
        let date = date.to_string();
        if met {
            tx.execute(
                "INSERT OR IGNORE INTO day_people (trip_id, date, person_id) VALUES (?1, ?2, ?3)",
                params![trip_id, date, person_id],
            )?;
        } else {
            tx.execute(
                "DELETE FROM day_people WHERE trip_id = ?1 AND date = ?2 AND person_id = ?3",
                params![trip_id, date, person_id],
            )?;
        }
        tx.commit()
    }

    /// Photo id → the people tagged on it (ids), for a trip.
    pub fn photo_people(&self, trip_id: i64) -> Result<HashMap<i64, Vec<i64>>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT pp.photo_id, pp.person_id FROM photo_people pp
                 JOIN photos p ON p.id = pp.photo_id WHERE p.trip_id = ?1
                 ORDER BY pp.photo_id, pp.person_id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([trip_id], |row| {
                Ok((row.get::<_, i64>(0)?, row.get::<_, i64>(1)?))
            })
            .map_err(|e| self.err(e))?;
        let mut out: HashMap<i64, Vec<i64>> = HashMap::new();
        for row in rows {
            let (photo, person) = row.map_err(|e| self.err(e))?;
            out.entry(photo).or_default().push(person);
        }
        Ok(out)
    }

    /// Trip-local date → the people marked met that day (ids).
    pub fn met(&self, trip_id: i64) -> Result<HashMap<Date, Vec<i64>>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT date, person_id FROM day_people WHERE trip_id = ?1 ORDER BY date, person_id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([trip_id], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
            })
            .map_err(|e| self.err(e))?;
        let mut out: HashMap<Date, Vec<i64>> = HashMap::new();
        for row in rows {
            let (date, person) = row.map_err(|e| self.err(e))?;
            if let Ok(date) = date.parse() {
                out.entry(date).or_default().push(person);
            }
        }
        Ok(out)
    }

    /// Session uid → its speakers (people ids).
    pub fn session_people(&self, trip_id: i64) -> Result<HashMap<String, Vec<i64>>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT uid, person_id FROM session_people WHERE trip_id = ?1 ORDER BY uid, person_id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([trip_id], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
            })
            .map_err(|e| self.err(e))?;
        let mut out: HashMap<String, Vec<i64>> = HashMap::new();
        for row in rows {
            let (uid, person) = row.map_err(|e| self.err(e))?;
            out.entry(uid).or_default().push(person);
        }
        Ok(out)
    }
}

fn person_from_row(row: &rusqlite::Row) -> rusqlite::Result<Person> {
    Ok(Person {
        id: row.get(0)?,
        name: row.get(1)?,
        link: row.get(2)?,
        org: row.get(3)?,
        private: row.get::<_, i64>(4)? != 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(uid: &str, title: &str, start: i64) -> Session {
        Session {
            uid: uid.into(),
            title: title.into(),
            speakers: vec![Speaker {
                name: "Ada Lovelace".into(),
                company: Some("Engines".into()),
            }],
            description: String::new(),
            track: None,
            kind: None,
            room: Some("S100".into()),
            location: None,
            url: None,
            start: Timestamp::from_second(start).unwrap(),
            end: Timestamp::from_second(start + 1800).unwrap(),
        }
    }

    #[test]
    fn re_importing_updates_keeps_attendance_and_notes_and_never_duplicates() {
        let mut catalog = Catalog::open_in_memory().unwrap();
        let trip = catalog.create_trip("KubeCon").unwrap();
        let first = [session("a", "Old title", 1000), session("b", "Other", 5000)];
        let saved = catalog.save_sessions(trip.id, &first, false).unwrap();
        assert_eq!(
            saved,
            SessionsSaved {
                added: 2,
                updated: 0
            }
        );
        catalog.set_attended(trip.id, "a", Some(true)).unwrap();
        catalog
            .set_session_notes(trip.id, "a", "Great *talk*")
            .unwrap();

        // Moved and renamed in the feed; and a personal schedule marks "b".
        let moved = [session("a", "New title", 2000)];
        let saved = catalog.save_sessions(trip.id, &moved, false).unwrap();
        assert_eq!(
            saved,
            SessionsSaved {
                added: 0,
                updated: 1
            }
        );
        catalog
            .save_sessions(trip.id, &[session("b", "Other", 5000)], true)
            .unwrap();
        let stored = catalog.sessions(trip.id).unwrap();
        let got: Vec<(&str, &str, i64, Option<bool>, &str)> = stored
            .iter()
            .map(|s| {
                (
                    s.session.uid.as_str(),
                    s.session.title.as_str(),
                    s.session.start.as_second(),
                    s.attended,
                    s.notes.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("a", "New title", 2000, Some(true), "Great *talk*"),
                ("b", "Other", 5000, Some(true), "")
            ]
        );
        assert_eq!(
            catalog.people(trip.id).unwrap().len(),
            1,
            "one speaker, once"
        );
        assert_eq!(
            catalog.session_people(trip.id).unwrap().len(),
            2,
            "tied to both sessions"
        );
        assert!(matches!(
            catalog.set_attended(trip.id, "nope", Some(true)),
            Err(Error::SessionNotFound { .. })
        ));
    }

    #[test]
    fn people_tags_and_days_met() {
        let mut catalog = Catalog::open_in_memory().unwrap();
        let trip = catalog.create_trip("KubeCon").unwrap();
        let kunal = catalog
            .save_person(
                trip.id,
                "kunal",
                Some("https://x.example/kunal"),
                None,
                None,
            )
            .unwrap();
        let again = catalog
            .save_person(trip.id, " Kunal ", None, Some("Civo"), Some(true))
            .unwrap();
        assert_eq!(again.id, kunal.id, "the same person, any case");
        assert_eq!(
            (again.link.as_deref(), again.org.as_deref(), again.private),
            (Some("https://x.example/kunal"), Some("Civo"), true)
        );
        let date: Date = "2023-11-07".parse().unwrap();
        catalog.set_met(trip.id, date, kunal.id, true).unwrap();
        catalog.set_met(trip.id, date, kunal.id, true).unwrap();
        assert_eq!(catalog.met(trip.id).unwrap()[&date], [kunal.id]);
        catalog.set_met(trip.id, date, kunal.id, false).unwrap();
        assert!(catalog.met(trip.id).unwrap().is_empty());
        assert!(catalog
            .save_person(trip.id, "  ", None, None, None)
            .is_err());
    }
}
