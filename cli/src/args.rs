//! The command line's grammar (clap), kept apart from what the commands do.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Lanyard: a photo journal for conference trips.
#[derive(Debug, Parser)]
#[command(name = "lanyard", version, about, max_term_width = 100)]
pub struct Args {
    /// Library folder (catalog + thumbnails). Default: $LANYARD_LIBRARY, else the platform
    /// data folder (~/.local/share/lanyard on Linux).
    #[arg(long, global = true, value_name = "DIR")]
    pub library: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import photos (files or folders, recursively) into a trip.
    Import {
        /// Trip to import into (created when new). Default: the first folder's name.
        #[arg(long)]
        trip: Option<String>,
        /// Files and folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Skip the thumbnail phase (metadata only).
        #[arg(long)]
        no_thumbnails: bool,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// List trips.
    Trips {
        #[arg(long)]
        json: bool,
    },
    /// Create a trip or change its settings.
    Trip {
        name: String,
        /// IANA zone (Europe/Amsterdam), a fixed offset (+05:30), or "auto" to detect it.
        #[arg(long, value_name = "TZ")]
        timezone: Option<String>,
        /// Local time at which a new day begins.
        #[arg(long, value_name = "HH:MM")]
        day_start: Option<String>,
        /// Give the trip a new name.
        #[arg(long, value_name = "NAME")]
        rename: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Set a camera's clock (a camera left on home time, or a few minutes fast), for photos
    /// that carry no UTC offset.
    #[command(group(clap::ArgGroup::new("how").required(true).args(["by", "clock"])))]
    Shift {
        #[arg(long)]
        trip: String,
        /// The camera as the timeline names it ("Canon EOS RP") or "MAKE MODEL".
        #[arg(long)]
        camera: String,
        /// Add this to the camera's reading to get local time (-3h30m, +6h, 45m), as at its
        /// median photo; stored as the fixed clock that gives, so photos on both sides of a
        /// DST change come out right. 0 resets the camera to the trip's time.
        #[arg(long, allow_hyphen_values = true)]
        by: Option<String>,
        /// The camera's clock: a fixed UTC offset (+01:03:10, -05:00), a zone whose DST it
        /// follows (Europe/Berlin; Europe/Berlin+3m when 3 minutes fast), or "trip".
        #[arg(long, allow_hyphen_values = true)]
        clock: Option<String>,
    },
    /// Make the previews (1600 px: what the app's viewer opens and exports start from) of a
    /// trip's photos that have none yet. `import` makes the grid thumbnails only; the app makes
    /// previews when a photo is opened and in the background. RAYON_NUM_THREADS sets the workers.
    Previews {
        #[arg(long)]
        trip: String,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Suggest each camera's clock from the moments it shared with a device that knows the
    /// time (a phone writing offsets): matched photos, the spread, how many photos change day.
    Calibrate {
        #[arg(long)]
        trip: String,
        /// Set the suggested clocks.
        #[arg(long)]
        apply: bool,
        #[arg(long)]
        json: bool,
    },
    /// Show a trip day by day.
    Timeline {
        #[arg(long)]
        trip: String,
        #[arg(long)]
        json: bool,
    },
    /// Set a photo's caption.
    Caption { photo_id: i64, text: String },
    /// Hide a photo from exports (it stays in the timeline), or show it again with --unhide.
    Hide {
        photo_id: i64,
        #[arg(long)]
        unhide: bool,
    },
    /// Set a day's title (day 1 is the trip's first day).
    DayTitle {
        #[arg(long)]
        trip: String,
        day_number: i64,
        text: String,
    },
    /// Set a day's notes (Markdown).
    DayNotes {
        #[arg(long)]
        trip: String,
        day_number: i64,
        text: String,
    },
    /// Export a trip as a static gallery (HTML) or a blog post (Markdown) with its images.
    /// Private by default: images carry no metadata, pages no locations, hidden photos are
    /// left out. Re-exporting into the same folder updates it and re-encodes only what changed.
    Export {
        #[arg(long)]
        trip: String,
        /// Export folder: new, empty, or an earlier Lanyard export.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Html)]
        format: Format,
        /// Put place names and map links on the pages (images still carry no coordinates).
        #[arg(long)]
        with_location: bool,
        /// Embed GPS coordinates in the image files too.
        #[arg(long)]
        embed_gps: bool,
        /// Publish damaged photos (truncated files) with the part that could be decoded.
        #[arg(long)]
        include_damaged: bool,
        /// Long edges in pixels of the image files, comma-separated [default: three sizes for
        /// phones to large screens; `--dry-run` lists them].
        #[arg(long, value_delimiter = ',')]
        sizes: Vec<u32>,
        /// Only print what would be published.
        #[arg(long)]
        dry_run: bool,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print what Lanyard reads from photo files (no library needed).
    Inspect {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Conference agendas: import an .ics feed or a schedule.json, list sessions, mark them
    /// attended.
    #[command(subcommand)]
    Agenda(AgendaCommand),
    /// Set a session's notes (Markdown).
    SessionNote {
        #[arg(long)]
        trip: String,
        uid: String,
        text: String,
    },
    /// Put a photo in a session by hand (its UID), out of any ("none"), or back to the
    /// agenda's rules ("auto").
    PhotoSession { photo_id: i64, session: String },
    /// The people of a trip: speakers, people tagged on photos, people met.
    #[command(subcommand)]
    Person(PersonCommand),
    /// Tag a person on a photo (added to the trip when new), or remove the tag.
    Tag {
        photo_id: i64,
        #[arg(long)]
        person: String,
        #[arg(long)]
        remove: bool,
    },
    /// Mark a person met on a day of the trip.
    Met {
        #[arg(long)]
        trip: String,
        #[arg(long)]
        day: i64,
        person: String,
        /// Unmark.
        #[arg(long)]
        remove: bool,
    },
    /// Write a generated sample conference trip into DIR.
    Sample {
        /// Folder to write the photos into (created when missing).
        dir: PathBuf,
        /// Which trip.
        #[arg(long, value_enum, default_value_t = SampleTrip::Amsterdam)]
        trip: SampleTrip,
    },
}

#[derive(Debug, Subcommand)]
pub enum AgendaCommand {
    /// Import an agenda file (.ics, or a frab/pretalx schedule.json) into a trip. Importing
    /// again updates sessions by UID.
    Import {
        #[arg(long)]
        trip: String,
        file: PathBuf,
        /// The file is your own schedule ("My Sched"): mark its sessions attended.
        #[arg(long)]
        mine: bool,
        #[arg(long)]
        json: bool,
    },
    /// List the agenda, with attendance and photo counts.
    List {
        #[arg(long)]
        trip: String,
        /// Only this trip day.
        #[arg(long)]
        day: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// Mark a session attended (or with --no, not attended).
    Attend {
        #[arg(long)]
        trip: String,
        uid: String,
        #[arg(long)]
        no: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// Add a person (or update the one with that name).
    Add {
        #[arg(long)]
        trip: String,
        person: String,
        /// A profile URL.
        #[arg(long)]
        link: Option<String>,
        /// Affiliation.
        #[arg(long)]
        org: Option<String>,
        /// "Don't publish me": never named in an export; photos with them are left out.
        #[arg(long)]
        private: bool,
    },
    /// List the trip's people.
    List {
        #[arg(long)]
        trip: String,
        #[arg(long)]
        json: bool,
    },
}

/// The generated sample trips.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SampleTrip {
    /// Three days in Amsterdam (May 2022): a phone, a camera on home time, screenshots.
    Amsterdam,
    /// A week in Chicago across the end of daylight saving time (November 2023): a phone, a
    /// camera on Berlin time a few minutes fast, one left on summer time, moments they
    /// shared, and a stray photo from 2021; with the conference's agenda in DIR/agenda
    /// (Sched's all.ics, a personal my-sched.ics, a community day's schedule.json).
    Chicago,
}

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// index.html, a page per day, assets and images.
    Html,
    /// post.md with front matter, and the images.
    Markdown,
}
