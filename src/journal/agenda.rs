//! The conference in the journal: importing agenda files into a trip, the agenda day by day
//! with attendance, session notes, photos moved into or out of sessions by hand, and the
//! trip's people (speakers, people tagged on photos, people met on a day).

use super::Journal;
use crate::agenda::{self, Speaker};
use crate::catalog::Person;
use crate::timeline::{self, rfc3339_seconds};
use crate::{Error, Result};
use jiff::civil::Date;
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What importing an agenda file did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgendaImport {
    pub trip: String,
    pub file: PathBuf,
    /// The calendar's or conference's name, when the file gives one.
    pub name: Option<String>,
    /// Sessions in this file.
    pub sessions: usize,
    pub added: usize,
    pub updated: usize,
    /// Sessions now in the trip's agenda, and how many of them are marked attended.
    pub total: usize,
    pub attended: usize,
    /// "88 sessions, Mon 6 – Thu 9 Nov · 27 marked attended".
    pub summary: String,
}

/// One session in the agenda view.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgendaSession {
    pub uid: String,
    pub title: String,
    pub speakers: Vec<Speaker>,
    pub room: Option<String>,
    pub track: Option<String>,
    pub url: Option<String>,
    pub description: String,
    /// RFC 3339 in the trip's zone.
    pub start: String,
    pub end: String,
    /// The trip day it starts on; `None` before or after the photos' days.
    pub day: Option<i64>,
    /// The trip-local date it starts on.
    pub date: String,
    /// Marked attended (personal schedule or by hand), or inferred from a photo.
    pub attended: bool,
    /// "schedule-or-hand" is `marked`; a photo while it was the only one running is `inferred`;
    /// `no` when marked not attended; `unknown` otherwise.
    pub attendance: &'static str,
    pub notes: String,
    /// Photos in it.
    pub photos: usize,
}

/// The agenda, in time order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgendaList {
    pub trip: String,
    pub sessions: Vec<AgendaSession>,
}

/// A person with what ties them to the trip.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonView {
    #[serde(flatten)]
    pub person: Person,
    /// Sessions they speak in (uids).
    pub sessions: Vec<String>,
    /// Photos they are tagged on.
    pub photos: Vec<i64>,
    /// Trip-local dates they were marked met.
    pub met: Vec<String>,
}

impl Journal {
    /// Imports an agenda file (iCalendar or schedule.json) into a trip, created when new.
    /// `mine`: the file is the person's own schedule, so its sessions are marked attended.
    /// Re-importing updates sessions by UID; a file that cannot be read changes nothing.
    pub fn import_agenda(&mut self, trip: &str, path: &Path, mine: bool) -> Result<AgendaImport> {
        let bytes = std::fs::read(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let parsed = agenda::parse(&bytes).map_err(|e| Error::NotAnAgenda {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        let trip = self.catalog.ensure_trip(trip)?;
        let saved = self
            .catalog
            .save_sessions(trip.id, &parsed.sessions, mine)?;
        let list = self.agenda(&trip.name, None)?;
        let attended = list
            .sessions
            .iter()
            .filter(|s| s.attendance == "marked")
            .count();
        Ok(AgendaImport {
            summary: agenda_summary(&list, attended),
            trip: trip.name,
            file: path.to_path_buf(),
            name: parsed.name,
            sessions: parsed.sessions.len(),
            added: saved.added,
            updated: saved.updated,
            total: list.sessions.len(),
            attended,
        })
    }

    /// The trip's agenda in time order (of one trip day, when `day` is given), with each
    /// session's attendance and photo count.
    pub fn agenda(&self, trip: &str, day: Option<i64>) -> Result<AgendaList> {
        let laid = crate::layout::lay_out(&self.catalog, trip)?;
        let sessions = self.catalog.sessions(laid.trip.id)?;
        let zone = timeline::resolve_zone(&laid.timeline.trip.timezone)?;
        let numbers: HashMap<Date, i64> = laid
            .timeline
            .days
            .iter()
            .map(|d| (d.date, d.number))
            .collect();
        if let Some(number) = day {
            if !numbers.values().any(|n| *n == number) {
                return Err(Error::DayNotFound {
                    trip: laid.trip.name,
                    number,
                    last: numbers.len() as i64,
                });
            }
        }
        let shown: HashMap<&str, (&crate::timeline::DaySession, usize)> = laid
            .timeline
            .days
            .iter()
            .flat_map(|d| &d.sessions)
            .map(|s| (s.uid.as_str(), (s, s.photos.len())))
            .collect();
        let day_start = laid.trip.day_start;
        let list = sessions
            .iter()
            .filter_map(|state| {
                let s = &state.session;
                let start = s.start.to_zoned_datetime(zone.clone());
                let date = timeline::trip_day(&start, day_start)?;
                let number = numbers.get(&date).copied();
                if day.is_some() && number != day {
                    return None;
                }
                let on_day = shown.get(s.uid.as_str());
                let inferred = on_day.is_some_and(|(d, _)| d.inferred);
                let attendance = match state.attended {
                    Some(true) => "marked",
                    Some(false) => "no",
                    None if inferred => "inferred",
                    None => "unknown",
                };
                Some(AgendaSession {
                    uid: s.uid.clone(),
                    title: s.title.clone(),
                    speakers: s.speakers.clone(),
                    room: s.room.clone(),
                    track: s.track.clone(),
                    url: s.url.clone(),
                    description: s.description.clone(),
                    start: rfc3339_seconds(&start),
                    end: rfc3339_seconds(&s.end.to_zoned_datetime(zone.clone())),
                    day: number,
                    date: date.to_string(),
                    attended: matches!(attendance, "marked" | "inferred"),
                    attendance,
                    notes: state.notes.clone(),
                    photos: on_day.map_or(0, |(_, n)| *n),
                })
            })
            .collect();
        Ok(AgendaList {
            trip: laid.trip.name,
            sessions: list,
        })
    }

    /// Marks a session attended, or (`false`) not attended: it is then never inferred either.
    /// Answering "Which session were you in?" is marking one attended.
    pub fn set_attended(&mut self, trip: &str, uid: &str, attended: bool) -> Result<()> {
        self.set_attendance(trip, uid, Some(attended))
    }

    /// Like [`Journal::set_attended`], with `None` putting the session back to unknown: the
    /// rules decide again (undoing an answer to "Which session were you in?" asks it again).
    pub fn set_attendance(&mut self, trip: &str, uid: &str, attended: Option<bool>) -> Result<()> {
        let trip = self.catalog.trip(trip)?;
        self.catalog.set_attended(trip.id, uid, attended)
    }

    pub fn set_session_notes(&mut self, trip: &str, uid: &str, notes: &str) -> Result<()> {
        let trip = self.catalog.trip(trip)?;
        self.catalog.set_session_notes(trip.id, uid, notes)
    }

    /// Puts a photo into a session by hand (its uid), out of any ("none"), or back to the
    /// agenda's rules ("auto"). The hand wins over the rules.
    pub fn set_photo_session(&mut self, photo_id: i64, session: &str) -> Result<()> {
        let photo = self.catalog.photo(photo_id)?;
        let value = match session.trim() {
            "auto" => None,
            "none" | "" => Some(String::new()),
            uid => {
                let known = self
                    .catalog
                    .sessions(photo.trip_id)?
                    .iter()
                    .any(|s| s.session.uid == uid);
                if !known {
                    return Err(Error::SessionNotFound {
                        uid: uid.to_string(),
                    });
                }
                Some(uid.to_string())
            }
        };
        self.catalog.set_photo_session(photo_id, value.as_deref())
    }

    // --- People ------------------------------------------------------------------------

    /// Adds a person to a trip, or updates the one with that name (any case): link,
    /// affiliation, and `private` ("don't publish me") when given; an empty link or
    /// affiliation removes it.
    pub fn add_person(
        &mut self,
        trip: &str,
        name: &str,
        link: Option<&str>,
        org: Option<&str>,
        private: Option<bool>,
    ) -> Result<Person> {
        let link = link.map(str::trim);
        let org = org.map(str::trim);
        if let Some(link) = link.filter(|l| !l.is_empty()) {
            let ok = link.starts_with("https://") || link.starts_with("http://");
            if !ok {
                return Err(Error::InvalidInput {
                    what: "link",
                    value: link.to_string(),
                    hint: "a profile link starts with https:// or http://",
                });
            }
        }
        let trip = self.catalog.ensure_trip(trip)?;
        self.catalog.save_person(trip.id, name, link, org, private)
    }

    /// The trip's people with their sessions, tagged photos and days met.
    pub fn people(&self, trip: &str) -> Result<Vec<PersonView>> {
        let trip = self.catalog.trip(trip)?;
        let speaking = self.catalog.session_people(trip.id)?;
        let tagged = self.catalog.photo_people(trip.id)?;
        let met = self.catalog.met(trip.id)?;
        Ok(self
            .catalog
            .people(trip.id)?
            .into_iter()
            .map(|person| {
                let id = person.id;
                let mut sessions: Vec<String> = speaking
                    .iter()
                    .filter(|(_, ids)| ids.contains(&id))
                    .map(|(uid, _)| uid.clone())
                    .collect();
                sessions.sort();
                let mut photos: Vec<i64> = tagged
                    .iter()
                    .filter(|(_, ids)| ids.contains(&id))
                    .map(|(photo, _)| *photo)
                    .collect();
                photos.sort_unstable();
                let mut days: Vec<String> = met
                    .iter()
                    .filter(|(_, ids)| ids.contains(&id))
                    .map(|(date, _)| date.to_string())
                    .collect();
                days.sort();
                PersonView {
                    person,
                    sessions,
                    photos,
                    met: days,
                }
            })
            .collect())
    }

    /// A person's profile link (by name, any case), for opening it in the browser: only an
    /// http(s) address is ever given out; `None` when they have none.
    pub fn person_link(&self, trip: &str, name: &str) -> Result<Option<String>> {
        let trip = self.catalog.trip(trip)?;
        let person = self
            .catalog
            .person(trip.id, name)?
            .ok_or_else(|| Error::PersonNotFound {
                name: name.to_string(),
            })?;
        Ok(person
            .link
            .filter(|l| l.starts_with("https://") || l.starts_with("http://")))
    }

    /// Tags a person (by name, any case; added to the trip when new) on a photo, or removes the
    /// tag.
    pub fn tag_photo(&mut self, photo_id: i64, person: &str, remove: bool) -> Result<()> {
        let photo = self.catalog.photo(photo_id)?;
        let person = match self.catalog.person(photo.trip_id, person)? {
            Some(p) => p,
            None if remove => {
                return Err(Error::PersonNotFound {
                    name: person.to_string(),
                })
            }
            None => self
                .catalog
                .save_person(photo.trip_id, person, None, None, None)?,
        };
        self.catalog.tag_photo(photo_id, person.id, !remove)
    }

    /// Marks a person (added when new) met on day `number` of a trip, or (`met` false) not.
    pub fn set_met(&mut self, trip: &str, number: i64, person: &str, met: bool) -> Result<()> {
        let (trip_id, date) = self.day_date(trip, number)?;
        self.set_met_on(trip_id, date, person, met)
    }

    /// The same by the day's date ("2023-11-07"), as the app keys days.
    pub fn set_met_on_date(
        &mut self,
        trip: &str,
        date: &str,
        person: &str,
        met: bool,
    ) -> Result<()> {
        let trip = self.catalog.trip(trip)?;
        self.set_met_on(trip.id, super::parse_date(date)?, person, met)
    }

    fn set_met_on(&mut self, trip_id: i64, date: Date, person: &str, met: bool) -> Result<()> {
        let person = match self.catalog.person(trip_id, person)? {
            Some(p) => p,
            None if !met => {
                return Err(Error::PersonNotFound {
                    name: person.to_string(),
                })
            }
            None => self
                .catalog
                .save_person(trip_id, person, None, None, None)?,
        };
        self.catalog.set_met(trip_id, date, person.id, met)
    }
}

/// "88 sessions, Mon 6 – Thu 9 Nov · 27 marked attended".
fn agenda_summary(list: &AgendaList, attended: usize) -> String {
    let dates: Vec<Date> = list
        .sessions
        .iter()
        .filter_map(|s| s.date.parse().ok())
        .collect();
    let span = match (dates.iter().min(), dates.iter().max()) {
        (Some(first), Some(last)) => format!(", {}", crate::model::weekday_range(*first, *last)),
        _ => String::new(),
    };
    let n = list.sessions.len();
    format!(
        "{n} session{}{span} · {attended} marked attended",
        if n == 1 { "" } else { "s" }
    )
}
