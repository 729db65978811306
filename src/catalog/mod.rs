//! The SQLite catalog: trips, photos, days; migrations; safe sharing between the app and the CLI.
