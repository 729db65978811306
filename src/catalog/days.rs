//! The `days` table: a day's title and notes, keyed by trip and trip-local date.

use super::Catalog;
use crate::model::DayText;
use crate::Result;
use jiff::civil::Date;
use rusqlite::params;
use std::collections::BTreeMap;

impl Catalog {
    /// Titles and notes of a trip's days.
    pub fn day_texts(&self, trip_id: i64) -> Result<BTreeMap<Date, DayText>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT date, title, notes FROM days WHERE trip_id = ?1")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([trip_id], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    DayText {
                        title: row.get(1)?,
                        notes: row.get(2)?,
                    },
                ))
            })
            .map_err(|e| self.err(e))?;
        let mut texts = BTreeMap::new();
        for row in rows {
            let (date, text) = row.map_err(|e| self.err(e))?;
            if let Ok(date) = date.parse::<Date>() {
                texts.insert(date, text);
            }
        }
        Ok(texts)
    }

    pub fn set_day_title(&mut self, trip_id: i64, date: Date, title: &str) -> Result<()> {
        self.upsert_day(trip_id, date, "title", title)
    }

    pub fn set_day_notes(&mut self, trip_id: i64, date: Date, notes: &str) -> Result<()> {
        self.upsert_day(trip_id, date, "notes", notes)
    }

    fn upsert_day(&mut self, trip_id: i64, date: Date, column: &str, text: &str) -> Result<()> {
        // `column` is one of two literals above, never user input.
        let sql = format!(
            "INSERT INTO days (trip_id, date, {column}) VALUES (?1, ?2, ?3)
             ON CONFLICT (trip_id, date) DO UPDATE SET {column} = excluded.{column}"
        );
        let tx = self.write()?;
        tx.execute(&sql, params![trip_id, date.to_string(), text])?;
        tx.commit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn title_and_notes_are_kept_apart_per_date() {
        let mut catalog = Catalog::open_in_memory().unwrap();
        let trip = catalog.create_trip("KubeCon").unwrap();
        catalog
            .set_day_title(trip.id, date(2022, 5, 17), "Kubernetes AI Day")
            .unwrap();
        catalog
            .set_day_notes(trip.id, date(2022, 5, 17), "Met the *SIG Node* folks")
            .unwrap();
        catalog
            .set_day_title(trip.id, date(2022, 5, 18), "GitOps Day")
            .unwrap();
        catalog
            .set_day_title(trip.id, date(2022, 5, 17), "Day one: \"AI\" & <ML>")
            .unwrap();
        let texts = catalog.day_texts(trip.id).unwrap();
        assert_eq!(texts.len(), 2);
        assert_eq!(texts[&date(2022, 5, 17)].title, "Day one: \"AI\" & <ML>");
        assert_eq!(
            texts[&date(2022, 5, 17)].notes,
            "Met the *SIG Node* folks",
            "setting the title keeps the notes"
        );
        assert_eq!(texts[&date(2022, 5, 18)].notes, "");
    }
}
