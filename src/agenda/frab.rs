//! The frab/pretalx `schedule.json` (pretalx, frab and the community conferences using them):
//! conference → days → rooms → events, each with a `guid`, an ISO `date` with its offset, a
//! `duration` ("00:30"), `persons` and the rest. Read with serde; unknown fields ignored.

use super::{Agenda, AgendaError, Session, Speaker};
use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct File {
    schedule: Schedule,
}

#[derive(Deserialize)]
struct Schedule {
    conference: Conference,
}

#[derive(Deserialize)]
struct Conference {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    time_zone_name: Option<String>,
    #[serde(default)]
    days: Vec<Day>,
}

#[derive(Deserialize)]
struct Day {
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    rooms: BTreeMap<String, Vec<Event>>,
}

#[derive(Deserialize)]
struct Event {
    #[serde(default)]
    guid: Option<String>,
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    start: Option<String>,
    #[serde(default)]
    duration: Option<String>,
    #[serde(default)]
    room: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    subtitle: Option<String>,
    #[serde(default)]
    track: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default, rename = "abstract")]
    summary: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    persons: Vec<Person>,
}

#[derive(Deserialize)]
struct Person {
    #[serde(default)]
    public_name: Option<String>,
    #[serde(default)]
    name: Option<String>,
}

pub fn parse(text: &str) -> Result<Agenda, AgendaError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| AgendaError::Schedule(e.to_string()))?;
    if value.get("schedule").is_none() {
        return Err(AgendaError::NotAnAgenda);
    }
    let file: File =
        serde_json::from_value(value).map_err(|e| AgendaError::Schedule(e.to_string()))?;
    let conference = file.schedule.conference;
    let zone = conference
        .time_zone_name
        .as_deref()
        .and_then(|n| TimeZone::get(n).ok())
        .unwrap_or(TimeZone::UTC);
    let mut sessions = Vec::new();
    for day in &conference.days {
        for (room, events) in &day.rooms {
            for event in events {
                sessions.push(session(event, day, room, &zone)?);
            }
        }
    }
    sessions.sort_by(|a, b| a.start.cmp(&b.start).then(a.uid.cmp(&b.uid)));
    Ok(Agenda {
        name: conference.title.filter(|t| !t.trim().is_empty()),
        sessions,
    })
}

fn non_empty(text: &Option<String>) -> Option<String> {
    text.as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

fn session(event: &Event, day: &Day, room: &str, zone: &TimeZone) -> Result<Session, AgendaError> {
    let title = non_empty(&event.title).unwrap_or_default();
    let id = event.id.as_ref().map(|v| match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    });
    let uid = non_empty(&event.guid)
        .or(id)
        .unwrap_or_else(|| format!("{}-{title}", non_empty(&event.date).unwrap_or_default()));
    let what = if title.is_empty() {
        format!("with guid {uid}")
    } else {
        format!("{title:?}")
    };
    let start = start(event, day, zone, &what)?;
    let duration = event
        .duration
        .as_deref()
        .map(|d| {
            duration(d).ok_or_else(|| AgendaError::BadTime {
                what: what.clone(),
                value: format!("duration {d}"),
            })
        })
        .transpose()?
        .unwrap_or(SignedDuration::ZERO);
    let end = start.checked_add(duration).unwrap_or(start);
    let speakers = event
        .persons
        .iter()
        .filter_map(|p| non_empty(&p.public_name).or_else(|| non_empty(&p.name)))
        .map(|name| Speaker {
            name,
            company: None,
        })
        .collect();
    let description = [&event.subtitle, &event.summary, &event.description]
        .into_iter()
        .filter_map(non_empty)
        .collect::<Vec<_>>()
        .join("\n\n");
    let room = non_empty(&event.room).unwrap_or_else(|| room.to_string());
    Ok(Session {
        uid,
        title,
        speakers,
        description,
        track: non_empty(&event.track),
        kind: non_empty(&event.kind),
        location: Some(room.clone()),
        room: Some(room),
        url: non_empty(&event.url),
        start,
        end,
    })
}

/// The event's `date` (ISO 8601 with an offset), else the day's date with its `start` in the
/// conference's zone.
fn start(event: &Event, day: &Day, zone: &TimeZone, what: &str) -> Result<Timestamp, AgendaError> {
    if let Some(date) = non_empty(&event.date) {
        return date.parse::<Timestamp>().map_err(|_| AgendaError::BadTime {
            what: what.to_string(),
            value: date,
        });
    }
    let (Some(date), Some(time)) = (non_empty(&day.date), non_empty(&event.start)) else {
        return Err(AgendaError::NoStart {
            what: what.to_string(),
        });
    };
    let bad = || AgendaError::BadTime {
        what: what.to_string(),
        value: format!("{date} {time}"),
    };
    let date: Date = date.get(..10).unwrap_or(&date).parse().map_err(|_| bad())?;
    let time = Time::strptime("%H:%M", &time).map_err(|_| bad())?;
    zone.to_ambiguous_zoned_datetime(date.to_datetime(time))
        .compatible()
        .map(|z| z.timestamp())
        .map_err(|_| bad())
}

/// "00:30", "1:30", "01:30:00" → a duration.
fn duration(text: &str) -> Option<SignedDuration> {
    let parts: Vec<i64> = text
        .trim()
        .split(':')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let secs = match parts.as_slice() {
        [h, m] => h * 3600 + m * 60,
        [h, m, s] => h * 3600 + m * 60 + s,
        _ => return None,
    };
    (secs >= 0).then(|| SignedDuration::from_secs(secs))
}
