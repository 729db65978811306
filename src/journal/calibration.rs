//! Camera clock suggestions for a trip: fingerprints made for photos that lack them, the
//! core's calibration, suggestions the person dismissed left out, and dismissing one.

use super::Journal;
use crate::calibration::{self, CameraCalibration};
use crate::thumbs;
use crate::Result;
use serde::Serialize;

/// `lanyard calibrate --json` and the app's banner: `{"cameras":[…]}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Calibration {
    pub cameras: Vec<CameraCalibration>,
}

impl Journal {
    /// Each camera's suggested clock, or why there is none. Suggestions the person dismissed
    /// are reported as none ("dismissed"). Photos whose grid thumbnail exists but has no
    /// fingerprint yet (imported before fingerprints) get one first, and keep it.
    pub fn calibrate(&mut self, trip: &str) -> Result<Calibration> {
        let trip = self.catalog.trip(trip)?;
        let mut photos = self.catalog.photos_of_trip(trip.id)?;
        let cache = self.library.thumbs_dir();
        let missing: Vec<(i64, u64)> = photos
            .iter()
            .filter(|p| p.picture_hash.is_none() && p.thumb.has_thumbnails())
            .filter_map(|p| {
                let hash = p.hash.as_deref()?;
                let jpeg = std::fs::read(thumbs::cache_path(&cache, hash, thumbs::GRID)).ok()?;
                Some((p.id, thumbs::picture_hash(&jpeg)?))
            })
            .collect();
        if !missing.is_empty() {
            self.catalog.set_picture_hashes(&missing)?;
            for (id, hash) in &missing {
                if let Some(photo) = photos.iter_mut().find(|p| p.id == *id) {
                    photo.picture_hash = Some(*hash);
                }
            }
        }
        let dismissed = self.catalog.dismissed_clocks(trip.id)?;
        let cameras = calibration::calibrate(&photos, &trip)
            .into_iter()
            .map(|c| match c {
                CameraCalibration::Suggestion(s)
                    if dismissed.contains(&(s.camera.clone(), s.clock.clone())) =>
                {
                    CameraCalibration::NoSuggestion {
                        none: format!("you dismissed the suggestion {}", s.clock),
                        camera: s.camera,
                    }
                }
                other => other,
            })
            .collect();
        Ok(Calibration { cameras })
    }

    /// Sets every suggested clock (what `calibrate --apply` does). Returns the calibration
    /// that was applied.
    pub fn apply_calibration(&mut self, trip: &str) -> Result<Calibration> {
        let found = self.calibrate(trip)?;
        for camera in &found.cameras {
            if let CameraCalibration::Suggestion(s) = camera {
                self.set_clock(trip, &s.camera, &s.clock)?;
            }
        }
        Ok(found)
    }

    /// "Dismiss": this suggestion for this camera is not offered again.
    pub fn dismiss_clock(&mut self, trip: &str, camera: &str, clock: &str) -> Result<()> {
        let trip = self.catalog.trip(trip)?;
        self.catalog.dismiss_clock(trip.id, camera, clock)
    }
}
