//! Photos meet sessions. A photo belongs to a session when its instant (after camera clocks)
//! falls in it, by these rules in order:
//! 1. an attended session running at that instant (the latest to start, if several);
//! 2. else an attended session that ended at most 5 minutes before (questions run over);
//! 3. else the one session of the agenda running then, when there is exactly one (keynotes,
//!    single-track slots): the session counts as attended, inferred;
//! 4. else none; when several run in parallel the photo carries them as candidates, and the
//!    person's answer (marking one attended) decides every photo of that slot.
//!
//! A photo moved into or out of a session by hand keeps that. Pure.

use super::Session;
use crate::timeline::{resolve_zone, rfc3339_seconds, DaySession, SessionRef, Timeline};
use jiff::civil::Time;
use jiff::{SignedDuration, Timestamp};
use std::collections::HashMap;

/// Questions run over: an attended session keeps photos this long after it ends.
pub const GRACE: SignedDuration = SignedDuration::from_mins(5);

/// A session as the trip holds it: the agenda's facts and the person's.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionState {
    pub session: Session,
    /// `Some(true)`: attended (the personal schedule, or marked); `Some(false)`: marked not
    /// attended (never inferred); `None`: unknown.
    pub attended: Option<bool>,
    /// The person's notes (Markdown).
    pub notes: String,
}

/// Which session a photo belongs to, by the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    /// Index into the sessions; `inferred` when rule 3 chose it.
    Session {
        index: usize,
        inferred: bool,
    },
    /// Several run in parallel and none is attended: the person chooses.
    Candidates(Vec<usize>),
    None,
}

fn running(s: &Session, at: Timestamp) -> bool {
    s.start <= at && at < s.end
}

/// The rules for one instant.
pub fn match_instant(at: Timestamp, sessions: &[SessionState]) -> Match {
    let attended = |i: &usize| sessions[*i].attended == Some(true);
    let all = 0..sessions.len();
    if let Some(index) = all
        .clone()
        .filter(attended)
        .filter(|&i| running(&sessions[i].session, at))
        .max_by_key(|&i| (sessions[i].session.start, std::cmp::Reverse(i)))
    {
        return Match::Session {
            index,
            inferred: false,
        };
    }
    if let Some(index) = all
        .clone()
        .filter(attended)
        .filter(|&i| {
            let s = &sessions[i].session;
            s.end <= at && s.end.checked_add(GRACE).is_ok_and(|grace| at <= grace)
        })
        .max_by_key(|&i| (sessions[i].session.end, std::cmp::Reverse(i)))
    {
        return Match::Session {
            index,
            inferred: false,
        };
    }
    let candidates: Vec<usize> = all
        .filter(|&i| sessions[i].attended != Some(false) && running(&sessions[i].session, at))
        .collect();
    match candidates.as_slice() {
        [] => Match::None,
        [only] => Match::Session {
            index: *only,
            inferred: true,
        },
        _ => Match::Candidates(candidates),
    }
}

/// Fills in the sessions of a laid-out trip: each dated photo's `session` (or its
/// `session_candidates`), and each day's `sessions` in time order: the attended ones (with or
/// without photos) and any other that photos belong to. `overrides` holds photos moved by hand:
/// `Some(uid)` into a session, `None` out of any.
pub fn annotate(
    timeline: &mut Timeline,
    sessions: &[SessionState],
    overrides: &HashMap<i64, Option<String>>,
) {
    if sessions.is_empty() {
        return;
    }
    let by_uid: HashMap<&str, usize> = sessions
        .iter()
        .enumerate()
        .map(|(i, s)| (s.session.uid.as_str(), i))
        .collect();
    let reference = |i: usize| SessionRef {
        uid: sessions[i].session.uid.clone(),
        title: sessions[i].session.title.clone(),
    };
    // Per session: its photos, and whether rule 3 inferred it.
    let mut photos: Vec<Vec<i64>> = vec![Vec::new(); sessions.len()];
    let mut inferred = vec![false; sessions.len()];
    for day in &mut timeline.days {
        for photo in &mut day.photos {
            let chosen = match overrides.get(&photo.id) {
                Some(Some(uid)) => by_uid.get(uid.as_str()).map(|&index| Match::Session {
                    index,
                    inferred: false,
                }),
                Some(None) => Some(Match::None),
                None => None,
            };
            let found = match chosen {
                Some(found) => found,
                None => match photo.local_time.as_ref() {
                    Some(at) => match_instant(at.timestamp(), sessions),
                    None => Match::None,
                },
            };
            match found {
                Match::Session { index, inferred: i } => {
                    photo.session = Some(reference(index));
                    photos[index].push(photo.id);
                    inferred[index] |= i;
                }
                Match::Candidates(list) => {
                    photo.session_candidates = list.into_iter().map(reference).collect();
                }
                Match::None => {}
            }
        }
    }
    let Ok(zone) = resolve_zone(&timeline.trip.timezone) else {
        return;
    };
    let day_start: Time = timeline.trip.day_start;
    let mut listed: Vec<usize> = (0..sessions.len())
        .filter(|&i| sessions[i].attended == Some(true) || !photos[i].is_empty())
        .collect();
    listed.sort_by_key(|&i| (sessions[i].session.start, sessions[i].session.end, i));
    for i in listed {
        let state = &sessions[i];
        let start = state.session.start.to_zoned_datetime(zone.clone());
        let end = state.session.end.to_zoned_datetime(zone.clone());
        let Some(date) = crate::timeline::trip_day(&start, day_start) else {
            continue;
        };
        let Some(day) = timeline.days.iter_mut().find(|d| d.date == date) else {
            continue;
        };
        day.sessions.push(DaySession {
            uid: state.session.uid.clone(),
            title: state.session.title.clone(),
            speakers: state.session.speakers.clone(),
            room: state.session.room.clone(),
            url: state.session.url.clone(),
            start: rfc3339_seconds(&start),
            end: rfc3339_seconds(&end),
            attended: state.attended == Some(true) || inferred[i],
            inferred: state.attended != Some(true) && inferred[i],
            notes: state.notes.clone(),
            photos: std::mem::take(&mut photos[i]),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agenda::Speaker;

    fn at(text: &str) -> Timestamp {
        format!("{text}Z").parse().unwrap()
    }

    fn session(uid: &str, start: &str, end: &str, attended: Option<bool>) -> SessionState {
        SessionState {
            session: Session {
                uid: uid.into(),
                title: format!("Talk {uid}"),
                speakers: vec![Speaker {
                    name: "Ada".into(),
                    company: None,
                }],
                description: String::new(),
                track: None,
                kind: None,
                room: Some(format!("Room {uid}")),
                location: None,
                url: None,
                start: at(start),
                end: at(end),
            },
            attended,
            notes: String::new(),
        }
    }

    #[test]
    fn the_rules_in_order() {
        let keynotes = vec![
            session("k1", "2023-11-07T15:00:00", "2023-11-07T15:20:00", None),
            session("k2", "2023-11-07T15:20:00", "2023-11-07T15:40:00", None),
        ];
        let grace = vec![
            session(
                "a",
                "2023-11-07T16:00:00",
                "2023-11-07T16:30:00",
                Some(true),
            ),
            session(
                "b",
                "2023-11-07T16:32:00",
                "2023-11-07T17:00:00",
                Some(true),
            ),
            session("c", "2023-11-07T16:30:00", "2023-11-07T17:00:00", None),
            session("d", "2023-11-07T16:30:00", "2023-11-07T17:00:00", None),
        ];
        let parallel = vec![
            session("x", "2023-11-07T18:00:00", "2023-11-07T18:30:00", None),
            session("y", "2023-11-07T18:00:00", "2023-11-07T18:30:00", None),
            session(
                "z",
                "2023-11-07T18:00:00",
                "2023-11-07T18:30:00",
                Some(false),
            ),
            session(
                "w",
                "2023-11-07T19:00:00",
                "2023-11-07T19:30:00",
                Some(false),
            ),
        ];
        let one = |i: usize, inferred: bool| Match::Session { index: i, inferred };
        // (why, sessions, instant, expected)
        let cases: Vec<(&str, &[SessionState], &str, Match)> = vec![
            (
                "a lone keynote is inferred",
                &keynotes,
                "2023-11-07T15:10:00",
                one(0, true),
            ),
            (
                "back to back: the second from its first second",
                &keynotes,
                "2023-11-07T15:20:00",
                one(1, true),
            ),
            (
                "back to back: the first until just before",
                &keynotes,
                "2023-11-07T15:19:59",
                one(0, true),
            ),
            (
                "after the last keynote, nothing runs",
                &keynotes,
                "2023-11-07T15:45:00",
                Match::None,
            ),
            (
                "an attended session running",
                &grace,
                "2023-11-07T16:10:00",
                one(0, false),
            ),
            (
                "2 min after an attended one ended, others run in parallel: the grace wins",
                &grace,
                "2023-11-07T16:31:00",
                one(0, false),
            ),
            (
                "5 min after, the next attended one runs: that one",
                &grace,
                "2023-11-07T16:35:00",
                one(1, false),
            ),
            (
                "the next attended one running wins over the grace period",
                &grace,
                "2023-11-07T16:33:00",
                one(1, false),
            ),
            (
                "parallel tracks, none attended: candidates",
                &parallel,
                "2023-11-07T18:10:00",
                Match::Candidates(vec![0, 1]),
            ),
            (
                "a session marked not attended is never inferred",
                &parallel,
                "2023-11-07T19:10:00",
                Match::None,
            ),
        ];
        for (why, sessions, instant, want) in cases {
            assert_eq!(match_instant(at(instant), sessions), want, "{why}");
        }
        let just_over = vec![session(
            "a",
            "2023-11-07T16:00:00",
            "2023-11-07T16:30:00",
            Some(true),
        )];
        assert_eq!(
            match_instant(at("2023-11-07T16:35:01"), &just_over),
            Match::None,
            "the grace is 5 minutes"
        );
        assert_eq!(
            match_instant(at("2023-11-07T16:35:00"), &just_over),
            one(0, false),
            "5 minutes exactly is still in"
        );
    }
}
