//! Conference agendas: the files conferences publish (iCalendar feeds such as Sched's
//! `all.ics` or a personal "My Sched" export, and the frab/pretalx `schedule.json`) read into
//! sessions, and photos matched to the sessions they were taken in. Parsing and matching are
//! pure; the catalog stores sessions, the journal imports files.
//!
//! - `ical`: iCalendar (VEVENTs in UTC, or with TZID and VTIMEZONE), via the `icalendar` parser.
//! - `frab`: the frab/pretalx schedule.json.
//! - `matching`: which session a photo belongs to, and the sessions of each trip day.

mod frab;
mod ical;
pub mod matching;

pub use matching::{annotate, SessionState};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// One session of a conference agenda.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// The feed's UID (iCalendar) or guid (frab): the same session across re-imports.
    pub uid: String,
    pub title: String,
    pub speakers: Vec<Speaker>,
    pub description: String,
    /// CATEGORIES or the frab track.
    pub track: Option<String>,
    /// The frab type ("Talk", "Workshop"); `None` from iCalendar.
    pub kind: Option<String>,
    /// The room: LOCATION's first part ("Room S100" of "Room S100 | Level 1 | West").
    pub room: Option<String>,
    /// The whole LOCATION as given.
    pub location: Option<String>,
    /// The session's page.
    pub url: Option<String>,
    pub start: Timestamp,
    pub end: Timestamp,
}

/// A speaker as an agenda names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    pub name: String,
    pub company: Option<String>,
}

/// What a file held.
#[derive(Debug, Clone, PartialEq)]
pub struct Agenda {
    /// The calendar's or conference's name, when it gives one.
    pub name: Option<String>,
    pub sessions: Vec<Session>,
}

/// Why a file is not an agenda. Each message names what is wrong; the file's path is added by
/// the caller.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AgendaError {
    #[error("it is neither an iCalendar file (.ics) nor a frab/pretalx schedule.json")]
    NotAnAgenda,
    #[error("the iCalendar file cannot be read: {0}")]
    Ical(String),
    #[error("the schedule.json cannot be read: {0}")]
    Schedule(String),
    #[error("the session {what} has no start time")]
    NoStart { what: String },
    #[error("the session {what} has a start time that cannot be read ({value})")]
    BadTime { what: String, value: String },
    #[error("it holds no sessions")]
    Empty,
}

/// Reads an agenda file's bytes: iCalendar when it starts with `BEGIN:VCALENDAR`, a schedule
/// when it is JSON; anything else is refused. A session without a start fails the whole file,
/// so a broken file never half-replaces an agenda.
pub fn parse(bytes: &[u8]) -> Result<Agenda, AgendaError> {
    let text = std::str::from_utf8(bytes).map_err(|_| AgendaError::NotAnAgenda)?;
    let text = text.trim_start_matches('\u{feff}').trim_start();
    let agenda = if text
        .get(..15)
        .is_some_and(|s| s.eq_ignore_ascii_case("BEGIN:VCALENDAR"))
    {
        ical::parse(text)?
    } else if text.starts_with('{') {
        frab::parse(text)?
    } else {
        return Err(AgendaError::NotAnAgenda);
    };
    if agenda.sessions.is_empty() {
        return Err(AgendaError::Empty);
    }
    Ok(agenda)
}

/// "Title - Speaker, Company & Other Speaker, Other Company" (Sched's SUMMARY) → the title and
/// the speakers. The speakers follow the last " - " whose right side reads as people (each
/// with at most a couple of commas); a title without one has no speakers.
pub fn split_summary(summary: &str) -> (String, Vec<Speaker>) {
    let summary = summary.trim();
    if let Some(at) = summary.rfind(" - ") {
        let (title, people) = (&summary[..at], &summary[at + 3..]);
        let speakers: Vec<Speaker> = people
            .split(" & ")
            .flat_map(|p| p.split("; "))
            .filter_map(speaker)
            .collect();
        if !title.trim().is_empty() && !speakers.is_empty() {
            return (title.trim().to_string(), speakers);
        }
    }
    (summary.to_string(), Vec::new())
}

/// "Priyanka Sharma, Executive Director, CNCF" → name and the rest as company.
fn speaker(text: &str) -> Option<Speaker> {
    let text = text.trim();
    let (name, company) = match text.split_once(", ") {
        Some((name, company)) => (name.trim(), Some(company.trim().to_string())),
        None => (text, None),
    };
    // A name is a few words; a long phrase after " - " is part of the title.
    let words = name.split_whitespace().count();
    (!name.is_empty() && words <= 5 && text.matches(", ").count() <= 2).then(|| Speaker {
        name: name.to_string(),
        company: company.filter(|c| !c.is_empty()),
    })
}

/// The room of a Sched LOCATION: "Room S100 | Level 1 | West Building" → "Room S100".
fn room_of(location: &str) -> Option<String> {
    let room = location.split('|').next()?.trim();
    (!room.is_empty()).then(|| room.to_string())
}

#[cfg(test)]
mod tests;
