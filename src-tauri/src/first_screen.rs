//! The page's first screen, decided before WebKit starts: with no trip in the library, the page
//! shows its empty state from its first paint instead of after its scripts have listed the trips.
//!
//! The init script runs as the page's `<html>` element is parsed, before any of its own scripts
//! or its first paint, and marks that element (`data-first-screen="empty"`); the stylesheet shows
//! the empty state and the sidebar's "No trips yet." for it, and `app.js` drops the mark once it
//! has the trip list and shows the same itself. Where the library has trips, or cannot be read
//! now, nothing is marked and the page decides as it loads, so a person with trips never sees the
//! empty state flash by. Measured on a 2-core machine without a GPU (release app under Xvfb):
//! the scripts and the trip list came ~90 ms after the first paint.

use lanyard::journal::Journal;
use lanyard::library::Library;

/// Marks the page as opening on an empty library.
const EMPTY: &str = "\ndocument.documentElement.dataset.firstScreen = 'empty';\n";

/// The init script for a library that holds no trip or holds some.
fn script(no_trips: bool) -> Option<&'static str> {
    no_trips.then_some(EMPTY)
}

/// Adds the init script for `library`, if it has one, to those Tauri runs as each page starts
/// (its own IPC set-up among them), without a plugin of its own for one line.
pub fn mark<R: tauri::Runtime>(builder: tauri::Builder<R>, library: &Library) -> tauri::Builder<R> {
    match script(Journal::holds_no_trips(library)) {
        Some(script) => builder.append_invoke_initialization_script(script),
        None => builder,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_empty_library_marks_the_page() {
        assert_eq!(script(true), Some(EMPTY));
        assert_eq!(script(false), None);
    }
}
