//! End-to-end tests of exported galleries: a generated trip with hostile words in it (a caption
//! `<script>alert(1)</script>`, a day title `"quotes" & <tags>`, notes with raw HTML, an agenda
//! session titled `Escaping <b>Bold</b> & "Quoted" Titles` with a `<script>` speaker), a hidden
//! photo, photos with GPS, two attended sessions on day 1, a person met and one who asked not to
//! be published is imported and exported by the real `lanyard` binary, then:
//!
//! - `browser`: the pages in headless Chromium (chromedriver + fantoccini) from file://: no
//!   console errors, no request outside the export folder, every image loads, the lightbox
//!   opens, moves and closes, no injected script runs; screenshots at desktop and phone sizes;
//! - `files`: no exported image carries GPS, make or model (exiftool and the core's reader),
//!   unless `--embed-gps` asks; the pages are valid HTML (vnu);
//! - `markdown`: the blog post.
//!
//! Every export of one run sits in `target/e2e-gallery/` (rebuilt at the start of each run), so
//! the gallery can be opened after a run; screenshots land in `target/e2e-screenshots/`. A
//! missing tool (chromium, chromedriver, java, vnu.jar, exiftool) is a failure that names the
//! fix, never a skip: `make test` installs them all.

mod browser;
mod files;
#[path = "../support/lanyard_cli.rs"]
mod lanyard_cli;
mod markdown;
// Shared with the app's tests, which use all of it.
#[allow(dead_code)]
#[path = "../support/process_group.rs"]
mod process_group;
#[path = "../support/screenshot.rs"]
mod screenshot;

use lanyard::sample::{jpeg, jpeg_oriented, jpeg_with_exif, ExifSpec, GpsSpec, SamplePhoto};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub use lanyard_cli::{json, lanyard, ok};

/// The trip; an ampersand in the name itself, which every page must escape.
pub const TRIP: &str = "KubeCon & CloudNativeCon Europe";
/// Day 1's title.
pub const DAY_TITLE: &str = r#""quotes" & <tags>"#;
/// A caption that runs a script if a page forgets to escape it.
pub const SCRIPT_CAPTION: &str = "<script>alert(1)</script>";
/// A caption that changes the page title if it is ever parsed as HTML.
pub const IMG_CAPTION: &str = r#"<img src=x onerror="document.title='pwned'">"#;
/// The caption of the photo turned by EXIF orientation 6.
pub const PORTRAIT_CAPTION: &str = "Portrait: the keynote hall, turned upright";
/// The hidden photo's caption and its (unique) local time: neither may be published.
pub const HIDDEN_CAPTION: &str = "Hidden: badge photo, never publish";
pub const HIDDEN_TIME: &str = "13:37";
/// Day 1's sessions (Amsterdam, 17 May 2022), attended: the keynote at 09:00 holds the 09:10
/// photo, the hostile one at 14:00 the 14:05 photo; the 11:20 photo sits between them and the
/// 17:45 one after.
pub const KEYNOTE_TITLE: &str = "Keynote: Opening Remarks";
pub const KEYNOTE_SPEAKERS: &str = "Alice Ng, Acme & Bob Roe, Initech";
pub const KEYNOTE_URL: &str = "https://events.example.org/kubecon/opening";
/// An agenda title that is markup if a page forgets to escape it.
pub const HOSTILE_TITLE: &str = r#"Escaping <b>Bold</b> & "Quoted" Titles"#;
pub const HOSTILE_SPEAKER: &str = "<script>document.title='pwned'</script>";
/// A person met on day 1, with a profile link.
pub const MET: (&str, &str) = ("kunal", "https://example.org/people/kunal");
/// A person who asked not to be published: tagged on a day-3 photo, named in another's caption.
pub const PRIVATE: &str = "Jane Doe";
const PRIVATE_FILE: &str = "PXL_20220519_124000000.jpg";

/// The agenda as a Sched feed would give it: UTC times, escaped commas, speakers after " - ".
const AGENDA_ICS: &str = "BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Sched.com//EN\r
X-WR-TIMEZONE:UTC\r
BEGIN:VEVENT\r
UID:opening@gallery.test\r
DTSTAMP:20220501T000000Z\r
DTSTART:20220517T070000Z\r
DTEND:20220517T073000Z\r
SUMMARY:Keynote: Opening Remarks - Alice Ng\\, Acme & Bob Roe\\, Initech\r
LOCATION:Auditorium | Level 1 | RAI\r
URL:https://events.example.org/kubecon/opening\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:escaping@gallery.test\r
DTSTAMP:20220501T000000Z\r
DTSTART:20220517T120000Z\r
DTEND:20220517T123000Z\r
SUMMARY:Escaping <b>Bold</b> & \"Quoted\" Titles - <script>document.title='pwned'</script>\\, Evil Corp\r
LOCATION:<img src=x onerror=alert(1)> | Level 2\r
URL:javascript:alert(1)\r
END:VEVENT\r
END:VCALENDAR\r
";

/// Day 1's notes: Markdown that must render, raw HTML that must not.
pub const NOTES: &str =
    "**Keynotes** all morning, then the [hallway track](https://example.org/).\n\n\
<script>document.title='pwned'</script>\n\n\
<div onclick=\"document.title='pwned'\">raw div</div>\n\n\
- first talk\n- second talk\n";

/// One generated photo of the trip.
struct Shot {
    name: &'static str,
    /// Day of May 2022 and local time in Amsterdam (+02:00).
    day: u8,
    time: &'static str,
    gps: Option<(f64, f64)>,
    /// Displayed size.
    size: (u32, u32),
    /// EXIF orientation, for the camera's turned shot.
    orientation: Option<u16>,
}

const RAI: Option<(f64, f64)> = Some((52.3396, 4.8883));
const MUSEUM: Option<(f64, f64)> = Some((52.3600, 4.8852));

/// Twelve photos over three days: a phone with GPS, a camera without (one shot turned by
/// orientation 6), one large enough for the 2048 size.
const SHOTS: [Shot; 12] = [
    shot("PXL_20220517_071000000.jpg", 17, "09:10", RAI, (1600, 1200)),
    Shot {
        name: "IMG_0001.JPG",
        day: 17,
        time: "11:20",
        gps: None,
        size: (900, 1200),
        orientation: Some(6),
    },
    shot("PXL_20220517_120500000.jpg", 17, "14:05", RAI, (1600, 1200)),
    shot("PXL_20220517_154500000.jpg", 17, "17:45", RAI, (2400, 1600)),
    shot("PXL_20220518_073000000.jpg", 18, "09:30", RAI, (1600, 1200)),
    shot("PXL_20220518_113700000.jpg", 18, "13:37", RAI, (1600, 1200)),
    shot("IMG_0002.JPG", 18, "15:00", None, (1600, 1200)),
    shot("PXL_20220518_162000000.jpg", 18, "18:20", RAI, (1200, 1600)),
    shot(
        "PXL_20220519_080000000.jpg",
        19,
        "10:00",
        MUSEUM,
        (1600, 1200),
    ),
    shot(
        "PXL_20220519_101500000.jpg",
        19,
        "12:15",
        MUSEUM,
        (1600, 1200),
    ),
    shot(
        "PXL_20220519_124000000.jpg",
        19,
        "14:40",
        MUSEUM,
        (1600, 1200),
    ),
    shot(
        "PXL_20220519_145500000.jpg",
        19,
        "16:55",
        MUSEUM,
        (1600, 1200),
    ),
];

const fn shot(
    name: &'static str,
    day: u8,
    time: &'static str,
    gps: Option<(f64, f64)>,
    size: (u32, u32),
) -> Shot {
    Shot {
        name,
        day,
        time,
        gps,
        size,
        orientation: None,
    }
}

/// Which shot carries which caption (by file name); the rest get plain ones.
const CAPTIONS: [(&str, &str); 6] = [
    ("PXL_20220517_120500000.jpg", SCRIPT_CAPTION),
    ("IMG_0002.JPG", IMG_CAPTION),
    ("IMG_0001.JPG", PORTRAIT_CAPTION),
    ("PXL_20220518_113700000.jpg", HIDDEN_CAPTION),
    (
        "PXL_20220519_080000000.jpg",
        "Rijksmuseum — café ☕ après the conference",
    ),
    ("PXL_20220519_145500000.jpg", "Coffee with JANE DOE"),
];
const HIDDEN_FILE: &str = "PXL_20220518_113700000.jpg";

fn photo(s: &Shot, seed: u64) -> SamplePhoto {
    let (hour, minute): (u32, u32) = {
        let (h, m) = s.time.split_once(':').expect("HH:MM");
        (h.parse().expect("hour"), m.parse().expect("minute"))
    };
    let (w, h) = s.size;
    let pixels = match s.orientation {
        Some(o) => jpeg_oriented(w, h, seed, 85, o),
        None => jpeg(w, h, seed, 85),
    };
    let phone = s.gps.is_some();
    let spec = ExifSpec {
        make: Some(if phone { "Google" } else { "Canon" }.into()),
        model: Some(if phone { "Pixel 6" } else { "Canon EOS RP" }.into()),
        orientation: s.orientation,
        datetime_original: Some(format!("2022:05:{} {}:00", s.day, s.time)),
        offset_original: Some("+02:00".into()),
        gps: s.gps.map(|(lat, lon)| GpsSpec {
            lat: Some(lat),
            lon: Some(lon),
            alt: Some(-2.0),
            date_stamp: Some(format!("2022:05:{}", s.day)),
            // Every shot is after 02:00 local, so UTC is the same day.
            time_stamp: Some((hour - 2, minute, 0.0)),
            ..GpsSpec::default()
        }),
        ..ExifSpec::default()
    };
    SamplePhoto {
        file_name: s.name.to_string(),
        bytes: jpeg_with_exif(&pixels, &spec),
        mtime: None,
    }
}

/// The imported, edited and exported trip every test of this binary looks at.
pub struct Fixture {
    /// `target/e2e-gallery`.
    pub root: PathBuf,
    pub library: PathBuf,
    /// The default HTML export and its `--json` report.
    pub html: PathBuf,
    pub report: Value,
}

impl Fixture {
    pub fn plan(&self, key: &str) -> u64 {
        self.report["plan"][key]
            .as_u64()
            .unwrap_or_else(|| panic!("no plan.{key} in the export report:\n{:#}", self.report))
    }

    /// Exports the trip again with `args` into `root/<name>`, returning the folder and report.
    pub fn export(&self, name: &str, args: &[&str]) -> (PathBuf, Value) {
        let out = self.root.join(name);
        let report = json(
            lanyard(&self.library)
                .args(["export", "--trip", TRIP, "--json", "--out"])
                .arg(&out)
                .args(args),
        );
        (out, report)
    }
}

/// Built once per run by whichever test asks first; the others wait for it.
pub fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(build_fixture)
}

fn build_fixture() -> Fixture {
    let root = target_dir().join("e2e-gallery");
    if root.exists() {
        std::fs::remove_dir_all(&root)
            .unwrap_or_else(|e| panic!("cannot clear {}: {e}", root.display()));
    }
    let photos_dir = root.join("photos");
    let library = root.join("library");
    let photos: Vec<SamplePhoto> = SHOTS
        .iter()
        .enumerate()
        .map(|(i, s)| photo(s, i as u64 + 1))
        .collect();
    lanyard::sample::write_trip(&photos_dir, &photos).expect("write the trip's photos");

    let import = json(
        lanyard(&library)
            .args(["import", "--trip", TRIP, "--json"])
            .arg(&photos_dir),
    );
    assert_eq!(
        import["imported"],
        SHOTS.len(),
        "import report:\n{import:#}"
    );

    let timeline = json(lanyard(&library).args(["timeline", "--trip", TRIP, "--json"]));
    let days = timeline["days"].as_array().expect("days");
    assert_eq!(days.len(), 3, "three days expected:\n{timeline:#}");
    let mut ids = BTreeMap::new();
    for photo in days
        .iter()
        .flat_map(|d| d["photos"].as_array().expect("photos"))
    {
        let name = Path::new(photo["path"].as_str().expect("path"))
            .file_name()
            .expect("file name")
            .to_string_lossy()
            .into_owned();
        ids.insert(name, photo["id"].as_i64().expect("id"));
    }
    assert_eq!(ids.len(), SHOTS.len(), "every photo dated:\n{timeline:#}");

    for (file, caption) in CAPTIONS {
        ok(lanyard(&library)
            .arg("caption")
            .arg(ids[file].to_string())
            .arg(caption));
    }
    ok(lanyard(&library).args(["day-title", "--trip", TRIP, "1", DAY_TITLE]));
    ok(lanyard(&library).args(["day-title", "--trip", TRIP, "2", "GitOps Day"]));
    ok(lanyard(&library).args(["day-notes", "--trip", TRIP, "1", NOTES]));
    // The agenda, as the person's own schedule (both sessions attended), with notes on one.
    let agenda = root.join("my-sched.ics");
    std::fs::write(&agenda, AGENDA_ICS).expect("write the agenda");
    ok(lanyard(&library)
        .args(["agenda", "import", "--mine", "--trip", TRIP])
        .arg(&agenda));
    ok(lanyard(&library).args([
        "session-note",
        "--trip",
        TRIP,
        "opening@gallery.test",
        "The [slides](https://example.org/slides).\n\n<script>document.title='pwned'</script>",
    ]));
    ok(lanyard(&library).args([
        "person", "add", "--trip", TRIP, MET.0, "--link", MET.1, "--org", "Civo",
    ]));
    ok(lanyard(&library).args(["met", "--trip", TRIP, "--day", "1", MET.0]));
    ok(lanyard(&library).args(["person", "add", "--trip", TRIP, PRIVATE, "--private"]));
    ok(lanyard(&library)
        .arg("tag")
        .arg(ids[PRIVATE_FILE].to_string())
        .args(["--person", PRIVATE]));
    // The CLI has no command to hide a photo (the app does): the core's journal does it.
    let mut journal = lanyard::journal::Journal::open(lanyard::library::Library::at(&library))
        .expect("open the journal");
    journal
        .set_hidden(ids[HIDDEN_FILE], true)
        .expect("hide a photo");
    drop(journal);

    let html = root.join("html");
    let report = json(
        lanyard(&library)
            .args(["export", "--trip", TRIP, "--json", "--out"])
            .arg(&html),
    );
    let fixture = Fixture {
        root,
        library,
        html,
        report,
    };
    assert_eq!(
        fixture.plan("photos"),
        SHOTS.len() as u64 - 2,
        "all but the hidden photo and the one with a person who asked not to be published"
    );
    assert_eq!(fixture.plan("hidden_left_out"), 1);
    assert_eq!(fixture.plan("private_left_out"), 1);
    assert_eq!(fixture.plan("sessions"), 2);
    assert_eq!(fixture.plan("days"), 3);
    assert!(
        fixture.html.join("index.html").is_file(),
        "no index.html in {}",
        fixture.html.display()
    );
    fixture
}

/// `target/` of this build (the binary sits in `target/<profile>/`).
pub fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_BIN_EXE_lanyard"))
        .parent()
        .and_then(Path::parent)
        .expect("the binary sits in target/<profile>/")
        .to_path_buf()
}

/// The workspace root (node_modules lives there).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("cli/ sits in the workspace")
        .to_path_buf()
}

/// Fails (never skips) when `tool` is missing, saying how to get it.
pub fn require_tool(tool: &str, fix: &str) -> PathBuf {
    let found = if tool.contains('/') {
        Path::new(tool).is_file().then(|| PathBuf::from(tool))
    } else {
        std::env::var_os("PATH").and_then(|p| {
            std::env::split_paths(&p)
                .map(|d| d.join(tool))
                .find(|p| p.is_file())
        })
    };
    found.unwrap_or_else(|| {
        panic!(
            "`{tool}` is missing, and the gallery's end-to-end tests need it: {fix} \
             (`make test` installs it)"
        )
    })
}

/// Every file under `dir` whose name ends with one of `extensions` (lowercase), sorted.
pub fn files_with(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| extensions.contains(&e.to_ascii_lowercase().as_str()))
            {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// `index.html` and the day pages of an HTML export, in that order.
pub fn pages(export: &Path) -> Vec<PathBuf> {
    let mut days: Vec<(u32, PathBuf)> = std::fs::read_dir(export)
        .expect("export folder")
        .map(|e| e.expect("dir entry").path())
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?;
            let n = name
                .strip_prefix("day-")?
                .strip_suffix(".html")?
                .parse()
                .ok()?;
            Some((n, p))
        })
        .collect();
    days.sort();
    std::iter::once(export.join("index.html"))
        .chain(days.into_iter().map(|(_, p)| p))
        .collect()
}
