//! A trip's layout settings (zone, day start, camera shifts) written together, so applying a
//! change from the app's settings panel is all or nothing.

use super::Catalog;
use crate::model::ClockShift;
use crate::timeline::format_day_start;
use crate::Result;
use jiff::civil::Time;
use rusqlite::params;

impl Catalog {
    /// Replaces the trip's zone (`None` = detect), day start and the whole set of camera
    /// shifts in one transaction. Zero shifts are not stored. The caller validates the values.
    pub fn save_trip_settings(
        &mut self,
        trip_id: i64,
        timezone: Option<&str>,
        day_start: Time,
        shifts: &[ClockShift],
    ) -> Result<()> {
        let tx = self.write()?;
        tx.execute(
            "UPDATE trips SET timezone = ?2, day_start = ?3 WHERE id = ?1",
            params![trip_id, timezone, format_day_start(day_start)],
        )?;
        tx.execute("DELETE FROM camera_shifts WHERE trip_id = ?1", [trip_id])?;
        for shift in shifts.iter().filter(|s| !s.by.is_zero()) {
            tx.execute(
                "INSERT INTO camera_shifts (trip_id, camera, shift_seconds) VALUES (?1, ?2, ?3)
                 ON CONFLICT (trip_id, camera) DO UPDATE SET shift_seconds = excluded.shift_seconds",
                params![trip_id, shift.camera, shift.by.as_secs()],
            )?;
        }
        tx.commit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::SignedDuration;

    #[test]
    fn settings_are_replaced_together() {
        let mut catalog = Catalog::open_in_memory().unwrap();
        let trip = catalog.create_trip("KubeCon").unwrap();
        catalog
            .set_shift(trip.id, "Old camera", SignedDuration::from_hours(1))
            .unwrap();
        let shifts = [
            ClockShift {
                camera: "Canon EOS RP".into(),
                by: SignedDuration::from_hours(6),
            },
            ClockShift {
                camera: "Pixel 6".into(),
                by: SignedDuration::ZERO,
            },
        ];
        catalog
            .save_trip_settings(
                trip.id,
                Some("Europe/Amsterdam"),
                Time::constant(5, 0, 0, 0),
                &shifts,
            )
            .unwrap();
        let saved = catalog.trip("KubeCon").unwrap();
        assert_eq!(saved.timezone.as_deref(), Some("Europe/Amsterdam"));
        assert_eq!(saved.day_start, Time::constant(5, 0, 0, 0));
        assert_eq!(
            saved.shifts,
            shifts[..1].to_vec(),
            "the old camera's shift is gone and zero shifts are not stored"
        );
        catalog
            .save_trip_settings(trip.id, None, Time::constant(4, 0, 0, 0), &[])
            .unwrap();
        assert_eq!(
            catalog.trip("KubeCon").unwrap().timezone,
            None,
            "back to detection"
        );
    }
}
