//! iCalendar agendas (RFC 5545): Sched's public feed (`all.ics`, UTC times), personal
//! schedules, and exports of other tools with TZID and VTIMEZONE. The `icalendar` crate
//! unfolds lines, parses properties and unescapes text; this reads the sessions out of it.

use super::{room_of, split_summary, Agenda, AgendaError, Session};
use icalendar::parser::{read_calendar, unfold, Component, Property};
use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone};
use jiff::{SignedDuration, Timestamp};

pub fn parse(text: &str) -> Result<Agenda, AgendaError> {
    let unfolded = unfold(text);
    let calendar = read_calendar(&unfolded).map_err(|e| AgendaError::Ical(first_line(&e)))?;
    let calendar_zone = calendar
        .properties
        .iter()
        .find(|p| p.name == "X-WR-TIMEZONE")
        .and_then(|p| TimeZone::get(p.val.as_str().trim()).ok());
    let zones: Vec<&Component> = calendar
        .components
        .iter()
        .filter(|c| c.name == "VTIMEZONE")
        .collect();
    let name = calendar
        .properties
        .iter()
        .find(|p| p.name == "X-WR-CALNAME")
        .map(|p| p.val.as_str().trim().to_string())
        .filter(|n| !n.is_empty());
    let mut sessions = Vec::new();
    for event in calendar.components.iter().filter(|c| c.name == "VEVENT") {
        if let Some(session) = session(event, &zones, calendar_zone.as_ref())? {
            sessions.push(session);
        }
    }
    Ok(Agenda { name, sessions })
}

fn first_line(error: &str) -> String {
    error.lines().take(3).collect::<Vec<_>>().join(" ")
}

fn text<'a>(event: &'a Component, name: &str) -> Option<&'a str> {
    event
        .find_prop(name)
        .map(|p| p.val.as_str().trim())
        .filter(|v| !v.is_empty())
}

/// One VEVENT as a session; `None` for an all-day entry ("Day 1"), which is no session.
fn session(
    event: &Component,
    zones: &[&Component],
    calendar_zone: Option<&TimeZone>,
) -> Result<Option<Session>, AgendaError> {
    let summary = text(event, "SUMMARY").unwrap_or("");
    let uid = text(event, "UID").map(str::to_string);
    let what = describe(summary, uid.as_deref());
    let Some(start) = event.find_prop("DTSTART") else {
        return Err(AgendaError::NoStart { what });
    };
    let Some(start) = instant(start, zones, calendar_zone, &what)? else {
        return Ok(None);
    };
    let end = match event.find_prop("DTEND") {
        Some(end) => instant(end, zones, calendar_zone, &what)?.unwrap_or(start),
        None => text(event, "DURATION")
            .and_then(|d| d.parse::<SignedDuration>().ok())
            .and_then(|d| start.checked_add(d).ok())
            .unwrap_or(start),
    };
    let (title, speakers) = split_summary(summary);
    let location = text(event, "LOCATION").map(str::to_string);
    let categories = event.find_prop("CATEGORIES").map(categories);
    Ok(Some(Session {
        // A feed without UIDs still gets stable keys: the start and the title.
        uid: uid.unwrap_or_else(|| format!("{}-{}", start.as_second(), title)),
        title,
        speakers,
        description: text(event, "DESCRIPTION").unwrap_or("").to_string(),
        track: categories.filter(|c| !c.is_empty()),
        kind: None,
        room: location.as_deref().and_then(room_of),
        location,
        url: text(event, "URL").map(str::to_string),
        start,
        end: end.max(start),
    }))
}

fn describe(summary: &str, uid: Option<&str>) -> String {
    match (summary.trim(), uid) {
        ("", Some(uid)) => format!("with UID {uid}"),
        ("", None) => "without a title".to_string(),
        (summary, _) => format!("{summary:?}"),
    }
}

/// CATEGORIES is a list: split on unescaped commas, unescape each, join with ", ".
fn categories(property: &Property) -> String {
    let raw = property.val.as_str();
    let mut items = Vec::new();
    let mut current = String::new();
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') | Some('N') => current.push('\n'),
                Some(other) => current.push(other),
                None => {}
            },
            ',' => items.push(std::mem::take(&mut current)),
            other => current.push(other),
        }
    }
    items.push(current);
    items
        .into_iter()
        .map(|i| i.trim().to_string())
        .filter(|i| !i.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A DTSTART/DTEND as an instant: "…Z" is UTC, TZID names a zone (IANA, or defined by a
/// VTIMEZONE), a floating time is read in the calendar's X-WR-TIMEZONE (else UTC). A date
/// alone (an all-day entry) is `None`.
fn instant(
    property: &Property,
    zones: &[&Component],
    calendar_zone: Option<&TimeZone>,
    what: &str,
) -> Result<Option<Timestamp>, AgendaError> {
    let value = property.val.as_str().trim();
    let bad = || AgendaError::BadTime {
        what: what.to_string(),
        value: value.to_string(),
    };
    let param = |key: &str| {
        property
            .params
            .iter()
            .find(|p| p.key.as_str().eq_ignore_ascii_case(key))
            .and_then(|p| p.val.as_ref())
            .map(|v| v.as_str().trim_matches('"').to_string())
    };
    let is_date = param("VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE"));
    if is_date || (value.len() == 8 && value.bytes().all(|b| b.is_ascii_digit())) {
        Date::strptime("%Y%m%d", value).map_err(|_| bad())?;
        return Ok(None);
    }
    if let Some(utc) = value.strip_suffix('Z').or_else(|| value.strip_suffix('z')) {
        let wall = DateTime::strptime("%Y%m%dT%H%M%S", utc).map_err(|_| bad())?;
        return Ok(Some(Offset::UTC.to_timestamp(wall).map_err(|_| bad())?));
    }
    let wall = DateTime::strptime("%Y%m%dT%H%M%S", value).map_err(|_| bad())?;
    let zone = match param("TZID") {
        Some(tzid) => zone_for(&tzid, zones).ok_or_else(|| AgendaError::BadTime {
            what: what.to_string(),
            value: format!("{value}, time zone {tzid:?} unknown"),
        })?,
        None => calendar_zone.cloned().unwrap_or(TimeZone::UTC),
    };
    let zoned = zone
        .to_ambiguous_zoned_datetime(wall)
        .compatible()
        .map_err(|_| bad())?;
    Ok(Some(zoned.timestamp()))
}

/// A TZID as a zone: an IANA name, possibly behind a vendor prefix ("/citadel.org/…/Europe/
/// Berlin"); else the location its VTIMEZONE names (X-LIC-LOCATION); else the VTIMEZONE's
/// standard offset, fixed.
fn zone_for(tzid: &str, zones: &[&Component]) -> Option<TimeZone> {
    let parts: Vec<&str> = tzid.split('/').filter(|p| !p.is_empty()).collect();
    for take in (1..=parts.len().min(3)).rev() {
        let name = parts[parts.len() - take..].join("/");
        if let Ok(zone) = TimeZone::get(&name) {
            return Some(zone);
        }
    }
    let definition = zones.iter().find(|z| {
        z.find_prop("TZID")
            .is_some_and(|p| p.val.as_str().trim() == tzid)
    })?;
    if let Some(zone) = definition
        .find_prop("X-LIC-LOCATION")
        .and_then(|p| TimeZone::get(p.val.as_str().trim()).ok())
    {
        return Some(zone);
    }
    let standard = definition
        .components
        .iter()
        .find(|c| c.name == "STANDARD")
        .or_else(|| definition.components.first())?;
    let offset = standard
        .find_prop("TZOFFSETTO")?
        .val
        .as_str()
        .trim()
        .to_string();
    let (sign, digits) = match offset.as_bytes().first()? {
        b'+' => (1, &offset[1..]),
        b'-' => (-1, &offset[1..]),
        _ => (1, offset.as_str()),
    };
    let hours: i32 = digits.get(..2)?.parse().ok()?;
    let minutes: i32 = digits.get(2..4).unwrap_or("00").parse().ok()?;
    Some(TimeZone::fixed(
        Offset::from_seconds(sign * (hours * 3600 + minutes * 60)).ok()?,
    ))
}
