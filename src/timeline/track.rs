//! Where the traveller was: a zone track built from the photos whose zone is known (a GPS
//! position, or an offset tag), ordered by instant. A photo that knows neither (a camera
//! without GPS, a screenshot, a chat image) takes the zone of the known photo nearest in
//! time, so a flight switches zones halfway between the last photo in one zone and the first in
//! the next. Without any known photo, everything is in the trip's main zone. Pure.

use super::zone::{format_fixed_offset, resolve_zone, zone_at};
use crate::model::{Photo, TimeSource};
use jiff::tz::{Offset, TimeZone};
use jiff::Timestamp;

/// A zone a photo was taken in: an IANA name, or a fixed offset when only that is known.
#[derive(Debug, Clone)]
pub struct Zone {
    /// "Europe/Berlin", "+05:30".
    pub name: String,
    pub tz: TimeZone,
}

impl PartialEq for Zone {
    fn eq(&self, other: &Zone) -> bool {
        self.name == other.name
    }
}

impl Zone {
    pub(crate) fn named(name: &str) -> Option<Zone> {
        Some(Zone {
            name: name.to_string(),
            tz: resolve_zone(name).ok()?,
        })
    }

    fn fixed(offset: Offset) -> Zone {
        Zone {
            name: format_fixed_offset(offset.seconds()),
            tz: TimeZone::fixed(offset),
        }
    }
}

/// The traveller's zones over time.
#[derive(Debug, Clone)]
pub struct ZoneTrack {
    /// By instant.
    anchors: Vec<(Timestamp, Zone)>,
    main: Zone,
}

impl ZoneTrack {
    /// The track of `photos` around the trip's `main` zone.
    pub fn build(photos: &[Photo], main: Zone) -> ZoneTrack {
        let mut anchors: Vec<(Timestamp, Zone)> = photos
            .iter()
            .filter_map(|photo| {
                let capture = photo.capture.as_ref()?;
                let known = matches!(
                    capture.source,
                    TimeSource::ExifOffset | TimeSource::ExifGpsUtc
                );
                let at = capture.instant().filter(|_| known)?;
                let zone = own_zone(photo, at, &main, None)?;
                Some((at, zone))
            })
            .collect();
        anchors.sort_by_key(|(at, _)| *at);
        ZoneTrack { anchors, main }
    }

    pub fn main(&self) -> &Zone {
        &self.main
    }

    /// The zones of the known photos within `window` of `at`, each once, in time order.
    pub fn zones_near(&self, at: Timestamp, window: jiff::SignedDuration) -> Vec<&Zone> {
        let from = at.checked_sub(window).unwrap_or(at);
        let to = at.checked_add(window).unwrap_or(at);
        let start = self.anchors.partition_point(|(t, _)| *t < from);
        let mut zones: Vec<&Zone> = Vec::new();
        for (_, zone) in self.anchors[start..].iter().take_while(|(t, _)| *t <= to) {
            if !zones.contains(&zone) {
                zones.push(zone);
            }
        }
        zones
    }

    /// The zone of the last known photo at or before `at`.
    pub fn before(&self, at: Timestamp) -> Option<&Zone> {
        let after = self.anchors.partition_point(|(t, _)| *t <= at);
        after.checked_sub(1).map(|i| &self.anchors[i].1)
    }

    /// The zone the traveller was in at `at`: the nearest known photo's (the earlier one on a
    /// tie), or the main zone without any.
    pub fn at(&self, at: Timestamp) -> &Zone {
        let after = self.anchors.partition_point(|(t, _)| *t <= at);
        let before = after.checked_sub(1).map(|i| &self.anchors[i]);
        let next = self.anchors.get(after);
        match (before, next) {
            (Some((tb, zb)), Some((tn, zn))) => {
                if at.duration_since(*tb) <= tn.duration_since(at) {
                    zb
                } else {
                    zn
                }
            }
            (Some((_, z)), None) | (None, Some((_, z))) => z,
            (None, None) => &self.main,
        }
    }
}

/// The zone a photo itself says it was taken in at `at`: its GPS position's zone; else, for an
/// offset tag, the zone the traveller is known to be in when its offset matches (the track's,
/// else the main zone), or the bare offset.
pub(crate) fn own_zone(
    photo: &Photo,
    at: Timestamp,
    main: &Zone,
    track: Option<&ZoneTrack>,
) -> Option<Zone> {
    if let Some(gps) = photo.gps {
        if let Some(zone) = zone_at(gps.lat, gps.lon).and_then(|n| Zone::named(&n)) {
            return Some(zone);
        }
    }
    let capture = photo.capture.as_ref()?;
    let offset = capture.offset.filter(|_| {
        matches!(
            capture.source,
            TimeSource::ExifOffset | TimeSource::ExifGpsUtc
        )
    })?;
    let matching = |zone: &Zone| zone.tz.to_offset(at) == offset;
    if let Some(zone) = track.map(|t| t.at(at)).filter(|z| matching(z)) {
        return Some(zone.clone());
    }
    if matching(main) {
        return Some(main.clone());
    }
    Some(Zone::fixed(offset))
}
