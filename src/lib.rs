//! Lanyard's core: reads photos' time and place, keeps the catalog, lays trips out by day, imports
//! and makes thumbnails. No UI, no argument parsing, no printing: the CLI and the app are thin doors.

pub mod agenda;
pub mod calibration;
pub mod catalog;
pub mod error;
pub mod export;
pub mod files;
pub mod import;
pub mod journal;
pub mod layout;
pub mod library;
pub mod metadata;
pub mod model;
pub mod previews;
pub mod sample;
pub mod thumbs;
pub mod timeline;

pub use error::{Error, Result};
