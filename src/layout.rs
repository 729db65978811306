//! A trip laid out as people see it, read from the catalog: the timeline of its photos, with
//! the agenda's sessions and the people met each day. The one place both the journal and the
//! export build it from, so the app, the CLI and the published pages agree.

use crate::agenda;
use crate::catalog::Catalog;
use crate::model::{Photo, Trip};
use crate::timeline::{self, DayPerson, Timeline};
use crate::Result;
use std::collections::{BTreeMap, HashMap};

/// The trip, its photos, and its timeline with sessions and people.
pub struct LaidOut {
    pub trip: Trip,
    pub photos: Vec<Photo>,
    pub timeline: Timeline,
}

pub fn lay_out(catalog: &Catalog, trip: &str) -> Result<LaidOut> {
    let trip = catalog.trip(trip)?;
    let photos = catalog.photos_of_trip(trip.id)?;
    let texts = catalog.day_texts(trip.id)?;
    let mut timeline = timeline::build(&photos, &trip, &texts);
    let sessions = catalog.sessions(trip.id)?;
    if !sessions.is_empty() {
        let overrides = catalog.photo_sessions(trip.id)?;
        agenda::annotate(&mut timeline, &sessions, &overrides);
    }
    add_people(catalog, &trip, &mut timeline)?;
    Ok(LaidOut {
        trip,
        photos,
        timeline,
    })
}

/// Each photo's tagged people, and each day's people: marked met, or tagged that day.
fn add_people(catalog: &Catalog, trip: &Trip, timeline: &mut Timeline) -> Result<()> {
    let people = catalog.people(trip.id)?;
    if people.is_empty() {
        return Ok(());
    }
    let by_id: HashMap<i64, _> = people.iter().map(|p| (p.id, p)).collect();
    let tagged = catalog.photo_people(trip.id)?;
    let met = catalog.met(trip.id)?;
    for day in &mut timeline.days {
        let mut seen: BTreeMap<String, DayPerson> = BTreeMap::new();
        let mut add = |id: i64, was_met: bool| {
            if let Some(p) = by_id.get(&id) {
                let entry = seen.entry(p.name.to_lowercase()).or_insert(DayPerson {
                    id: p.id,
                    name: p.name.clone(),
                    link: p.link.clone(),
                    org: p.org.clone(),
                    private: p.private,
                    met: false,
                });
                entry.met |= was_met;
            }
        };
        for id in met.get(&day.date).into_iter().flatten() {
            add(*id, true);
        }
        for photo in &mut day.photos {
            for id in tagged.get(&photo.id).into_iter().flatten() {
                add(*id, false);
                if let Some(p) = by_id.get(id) {
                    photo.people.push(p.name.clone());
                }
            }
        }
        day.people = seen.into_values().collect();
    }
    for photo in timeline.undated.iter_mut().chain(&mut timeline.outside) {
        for id in tagged.get(&photo.id).into_iter().flatten() {
            if let Some(p) = by_id.get(id) {
                photo.people.push(p.name.clone());
            }
        }
    }
    Ok(())
}
