//! The export's site model: a trip as the gallery pages and the blog post show it, with every
//! text a person typed still raw (templates escape it) and every file name already generated.
//! Pure data, built by `export::run` and read by `render`; serializes for the templates.

use serde::Serialize;

/// A whole trip, ready to render.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Site {
    /// The trip's name as the user typed it (raw).
    pub title: String,
    /// "16–19 May 2022", "30 Apr – 2 May 2022", "17 May 2022"; empty when no day has a date.
    pub date_range: String,
    /// The first day's date, "2022-05-16" (blog front matter); empty when none.
    pub first_date: String,
    /// IANA zone the times are shown in ("Europe/Amsterdam"); empty unless the export was asked
    /// to include locations (a zone names a city).
    pub timezone: String,
    /// Distinct place names over the trip, in the order first seen ("Amsterdam, NL"); empty
    /// unless the export was asked to include locations.
    pub places: Vec<String>,
    /// Days with at least one exported photo, or with a title or notes; in date order.
    pub days: Vec<SiteDay>,
    /// Exported photos over all days.
    pub photo_count: usize,
    /// Sizes every photo was exported in (long edge, ascending), e.g. [480, 1024, 2048].
    pub sizes: Vec<u32>,
    /// "Lanyard 0.1.0".
    pub generator: String,
}

/// One trip day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SiteDay {
    /// The timeline's day number (1 = first day of the trip), so "Day 2" means the same in the
    /// app and in the gallery even when an empty day is left out.
    pub number: i64,
    /// "2022-05-17".
    pub date: String,
    /// "Tue 17 May".
    pub date_label: String,
    /// "Tuesday 17 May 2022".
    pub date_long: String,
    /// Raw, may be empty.
    pub title: String,
    /// Raw Markdown as the user typed it, may be empty.
    pub notes: String,
    /// This day's page, relative to the export root: "day-2.html".
    pub page: String,
    /// Index into `photos` of the cover (first favourite, else first photo); `None` without photos.
    pub cover: Option<usize>,
    pub photos: Vec<SitePhoto>,
    /// Distinct place names of the day's photos (empty unless locations are included).
    pub places: Vec<String>,
    /// The sessions the day's page and post section show, in time order: those with published
    /// photos or with the person's notes. Empty without an agenda.
    pub sessions: Vec<SiteSession>,
    /// The people met this day (marked met, or tagged on a published photo), by name; never a
    /// person who asked not to be published.
    pub people: Vec<SitePerson>,
}

/// A session of the agenda, as a day shows it. Every text comes from an agenda file or the
/// person and is raw (untrusted): templates escape it, the post Markdown-escapes it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SiteSession {
    pub title: String,
    /// In the agenda's order; never a person who asked not to be published.
    pub speakers: Vec<SiteSpeaker>,
    pub room: Option<String>,
    /// The session's page, when the agenda gives one (raw; only http(s) is ever linked).
    pub url: Option<String>,
    /// RFC 3339 in the trip's zone, "2023-11-07T09:00:00-06:00".
    pub start: String,
    pub end: String,
    /// The person's notes (raw Markdown).
    pub notes: String,
}

/// A speaker of a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SiteSpeaker {
    pub name: String,
    pub company: Option<String>,
}

/// A person met on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SitePerson {
    pub name: String,
    /// A profile address (raw; only http(s) is ever linked).
    pub link: Option<String>,
    pub org: Option<String>,
}

/// One exported photo.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SitePhoto {
    /// 1-based position in the day, as in its file names ("0007").
    pub index: usize,
    /// Trip-local "14:03"; `None` for date-only photos.
    pub time: Option<String>,
    /// The same moment for machines, "2022-05-18T00:40:00+02:00" (a photo after midnight keeps
    /// its own date although it sits in the day before); `None` with `time`.
    pub datetime: Option<String>,
    /// Raw caption, may be empty.
    pub caption: String,
    /// The caption, or "Photo taken 14:03, Day 2" / "Photo 3, Day 2" when there is none (raw).
    pub alt: String,
    /// Every exported size, smallest first; the last is the lightbox's large image.
    pub images: Vec<SiteImage>,
    /// Nearest place name ("Amsterdam, NL") when locations are included and the photo has GPS.
    pub place: Option<String>,
    /// OpenStreetMap link when locations are included and the photo has GPS.
    pub map_url: Option<String>,
    /// Index into its day's `sessions` of the session it was taken in.
    pub session: Option<usize>,
}

/// One image file of a photo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SiteImage {
    /// Relative to the export root, '/'-separated: "day-2/0007-1024.jpg".
    pub path: String,
    /// The size it was asked for (long edge), e.g. 1024; the file may be smaller when the
    /// original is.
    pub size: u32,
    /// Actual pixel size, orientation applied.
    pub width: u32,
    pub height: u32,
}

/// `day-2/0007-1024.jpg`: the only way export names an image file. Never from titles or
/// original file names.
pub fn image_path(day: i64, index: usize, size: u32) -> String {
    format!("day-{day}/{index:04}-{size}.jpg")
}

/// `day-2.html`.
pub fn day_page(day: i64) -> String {
    format!("day-{day}.html")
}
