//! Benchmark, not a test: `lanyard export` side by side with `sigal build` (configured for the
//! same sizes, over the same photos, in the same run; once with sigal's default JPEG options, once
//! without its extra passes, as Lanyard writes), reporting photos/s, the ratios and the peak RSS
//! of each; then the time to re-export after one caption edit, for the same trip and
//! for a trip of 1,000 small photos.
//!
//! `cargo bench -p lanyard-cli --bench export -- [--count N] [--photos DIR] [--small N]`
//! Generated photos are kept in target/bench-photos-N (shared with the import benchmark) and
//! target/bench-small-photos-N, and reused by later runs. sigal comes from
//! target/bench-tools/sigal-venv (`make bench-deps`).

#[path = "common.rs"]
mod common;

use common::{generated, list, per_sec, photos, target_dir};
use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

const LANYARD: &str = env!("CARGO_BIN_EXE_lanyard");

/// The export sizes (long edges) Lanyard is asked for; sigal gets the largest as its image
/// size and the smallest as its thumbnail size.
const SIZES: &str = "480,1024,2048";

struct Options {
    count: usize,
    photos: Option<PathBuf>,
    small: usize,
}

fn options() -> Options {
    let mut options = Options {
        count: 200,
        photos: None,
        small: 1000,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--count" => {
                options.count = args.next().and_then(|n| n.parse().ok()).expect("--count N")
            }
            "--photos" => options.photos = args.next().map(PathBuf::from),
            "--small" => {
                options.small = args.next().and_then(|n| n.parse().ok()).expect("--small N")
            }
            _ => {} // cargo bench passes --bench
        }
    }
    options
}

/// `count` small (640×480) JPEGs with EXIF dates spread evenly over four days, made once.
fn small_photos(count: usize) -> PathBuf {
    use lanyard::sample::{jpeg, jpeg_with_exif, ExifSpec};
    generated(&format!("bench-small-photos-{count}"), || {
        let per_day = count.div_ceil(4).max(1);
        (0..count)
            .map(|i| {
                // From 08:00, one photo every 3 minutes (250 a day end before 20:30).
                let (day, n) = (i / per_day, i % per_day);
                let minutes = 8 * 60 + 3 * n;
                let wall = format!(
                    "2022:05:{:02} {:02}:{:02}:{:02}",
                    16 + day,
                    minutes / 60 % 24,
                    minutes % 60,
                    i % 60
                );
                let exif = ExifSpec {
                    make: Some("Google".into()),
                    model: Some("Pixel 6".into()),
                    datetime_original: Some(wall),
                    offset_original: Some("+02:00".into()),
                    ..ExifSpec::default()
                };
                let bytes = jpeg_with_exif(&jpeg(640, 480, i as u64, 85), &exif);
                (format!("IMG_{i:05}.jpg"), bytes)
            })
            .collect()
    })
}

/// What a measured run produced.
struct Run {
    time: Duration,
    /// Peak of the summed resident sets of the process and all its descendants (sigal works in
    /// a pool of worker processes), or the main process's own peak (VmHWM) when larger.
    peak_kb: u64,
    /// User + system CPU time of the process and its descendants: unlike the wall time, it
    /// hardly depends on what else the machine is doing.
    cpu: Duration,
    stdout: String,
}

/// CPU time of this process's waited-for children (and theirs), from /proc/self/stat.
fn children_cpu() -> Duration {
    let stat = fs::read_to_string("/proc/self/stat").unwrap();
    // Fields after "(comm)": state is field 3, cutime and cstime are fields 16 and 17.
    let fields: Vec<u64> = stat[stat.rfind(')').unwrap() + 1..]
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(0))
        .collect();
    let ticks = fields[16 - 3] + fields[17 - 3];
    Duration::from_secs_f64(ticks as f64 / clock_ticks() as f64)
}

/// Clock ticks per second (`getconf CLK_TCK`; 100 on Linux).
/// Asked once, before anything is measured (getconf is a child process too).
fn clock_ticks() -> u64 {
    static TICKS: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *TICKS.get_or_init(|| {
        Command::new("getconf")
            .arg("CLK_TCK")
            .output()
            .ok()
            .and_then(|o| String::from_utf8(o.stdout).ok()?.trim().parse().ok())
            .unwrap_or(100)
    })
}

/// A `/proc/<pid>/status` field in kB.
fn status_kb(pid: u32, field: &str) -> Option<u64> {
    fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()?
        .lines()
        .find(|l| l.starts_with(field))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// `pid` and its descendants, from every thread's `children` list.
fn process_tree(pid: u32) -> Vec<u32> {
    let mut tree = vec![pid];
    let mut at = 0;
    while at < tree.len() {
        let tasks = fs::read_dir(format!("/proc/{}/task", tree[at]));
        for task in tasks.into_iter().flatten().flatten() {
            if let Ok(children) = fs::read_to_string(task.path().join("children")) {
                tree.extend(
                    children
                        .split_whitespace()
                        .filter_map(|c| c.parse::<u32>().ok()),
                );
            }
        }
        at += 1;
    }
    tree
}

/// Runs a command to completion, sampling the resident set of its process tree from /proc.
/// Panics with the command's stderr when it fails.
fn run_measured(cmd: &mut Command) -> Run {
    clock_ticks();
    let cpu_before = children_cpu();
    let started = Instant::now();
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"));
    let pid = child.id();
    // Drain both pipes on their own threads so a chatty child never blocks on a full pipe.
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = pipe.read_to_string(&mut text);
            text
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let mut peak_kb = 0;
    loop {
        let tree_kb: u64 = process_tree(pid)
            .iter()
            .filter_map(|&p| status_kb(p, "VmRSS:"))
            .sum();
        let own_kb = status_kb(pid, "VmHWM:").unwrap_or(0);
        peak_kb = peak_kb.max(tree_kb).max(own_kb);
        if let Some(status) = child.try_wait().unwrap() {
            let time = started.elapsed();
            let stdout = stdout.join().unwrap();
            let stderr = stderr.join().unwrap();
            assert!(status.success(), "{cmd:?} failed ({status}):\n{stderr}");
            return Run {
                time,
                peak_kb,
                cpu: children_cpu() - cpu_before,
                stdout,
            };
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Runs a short command that must succeed; returns its stdout.
fn run(cmd: &mut Command) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed ({}):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn lanyard(library: &Path) -> Command {
    let mut cmd = Command::new(LANYARD);
    cmd.arg("--library").arg(library);
    cmd
}

/// Imports `photos` into a new trip (with thumbnails, as a user's library has them).
fn import(library: &Path, trip: &str, photos: &Path) {
    run(lanyard(library)
        .args(["import", "--trip", trip, "--json"])
        .arg(photos));
}

/// `lanyard export --json` into `out`, measured; returns the run and its JSON report.
fn export(library: &Path, trip: &str, out: &Path, sizes: &str) -> (Run, serde_json::Value) {
    let run = run_measured(
        lanyard(library)
            .args(["export", "--trip", trip, "--sizes", sizes, "--json"])
            .arg("--out")
            .arg(out),
    );
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| {
        panic!(
            "lanyard export --json printed no JSON report ({e}):\n{}",
            run.stdout
        )
    });
    (run, report)
}

fn field(report: &serde_json::Value, pointer: &str) -> u64 {
    report
        .pointer(pointer)
        .and_then(|v| v.as_u64())
        .unwrap_or_else(|| panic!("no {pointer} in the export report: {report}"))
}

/// Path, size and modification time of every JPEG under `dir`.
fn jpegs(dir: &Path) -> BTreeMap<PathBuf, (u64, SystemTime)> {
    let mut found = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            let meta = fs::metadata(&path).unwrap();
            if meta.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "jpg") {
                found.insert(path, (meta.len(), meta.modified().unwrap()));
            }
        }
    }
    found
}

fn dir_bytes(dir: &Path) -> u64 {
    let mut total = 0;
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let meta = entry.as_ref().unwrap().metadata().unwrap();
            if meta.is_dir() {
                todo.push(entry.unwrap().path());
            } else {
                total += meta.len();
            }
        }
    }
    total
}

/// The id of the first photo of the trip's first day with photos.
fn first_photo_id(library: &Path, trip: &str) -> i64 {
    let timeline: serde_json::Value = serde_json::from_str(&run(
        lanyard(library).args(["timeline", "--trip", trip, "--json"])
    ))
    .unwrap();
    timeline["days"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["photos"].as_array().unwrap())
        .find_map(|p| p["id"].as_i64())
        .expect("the trip has photos")
}

/// What a re-export after one caption edit did.
struct Reexport {
    photos: u64,
    time: Duration,
    written: u64,
    reused: u64,
}

/// Edits one caption, exports again into the same folder, and checks that no image was
/// re-encoded (every JPEG keeps its size and modification time).
fn reexport_after_caption(library: &Path, trip: &str, out: &Path) -> Reexport {
    let before = jpegs(out);
    assert!(!before.is_empty(), "the first export wrote no images");
    let id = first_photo_id(library, trip);
    run(lanyard(library).args([
        "caption",
        &id.to_string(),
        "Keynote: a caption edited after the first export",
    ]));
    let (again, report) = export(library, trip, out, SIZES);
    let after = jpegs(out);
    let changed = before
        .iter()
        .filter(|(path, was)| after.get(*path) != Some(was))
        .count();
    assert_eq!(
        changed, 0,
        "re-export after a caption edit re-encoded or removed {changed} images: {report}"
    );
    if let Some(encoded) = report.get("images_encoded").and_then(|v| v.as_u64()) {
        assert_eq!(
            encoded, 0,
            "the report says images were re-encoded: {report}"
        );
    }
    Reexport {
        photos: field(&report, "/plan/photos"),
        time: again.time,
        written: field(&report, "/written"),
        reused: field(&report, "/reused"),
    }
}

fn sigal() -> PathBuf {
    let sigal = target_dir().join("bench-tools/sigal-venv/bin/sigal");
    assert!(
        sigal.is_file(),
        "sigal is not installed at {}: run `make bench-deps` (or .ci/bench-tools)",
        sigal.display()
    );
    sigal
}

/// How sigal is told to write its JPEGs.
#[derive(Clone, Copy)]
enum SigalJpeg {
    /// Its defaults (quality 85, Huffman tables optimized, progressive): what a person who
    /// installs sigal gets, and the condition the export goal is set in.
    Default,
    /// Quality 85 without the extra passes: baseline JPEGs with standard tables, as Lanyard
    /// writes them (the stricter comparison).
    Baseline,
}

impl SigalJpeg {
    fn label(self) -> &'static str {
        match self {
            SigalJpeg::Default => "its default JPEG options",
            SigalJpeg::Baseline => "without its extra passes",
        }
    }
}

/// sigal.conf.py for the same job: the largest export size as images, the smallest as
/// thumbnails fitted (not cropped) into a square, orientation applied and EXIF dropped like
/// Lanyard's, JPEGs written as `jpeg` says.
fn sigal_config(
    source: &Path,
    destination: &Path,
    large: u32,
    small: u32,
    jpeg: SigalJpeg,
) -> String {
    let jpg_options = match jpeg {
        SigalJpeg::Default => "",
        SigalJpeg::Baseline => {
            "jpg_options = {\"quality\": 85, \"optimize\": False, \"progressive\": False}\n"
        }
    };
    format!(
        r#"source = {source:?}
destination = {destination:?}
theme = "photoswipe"
img_processor = "ResizeToFit"
img_size = ({large}, {large})
make_thumbs = True
thumb_size = ({small}, {small})
thumb_fit = False
keep_orig = False
autorotate_images = True
copy_exif_data = False
{jpg_options}"#,
        source = source.display().to_string(),
        destination = destination.display().to_string(),
    )
}

/// One `sigal build` of `dir` on `cores` worker processes into a folder of its own under
/// `scratch`, measured; checks that it wrote an image and a thumbnail for each of the `n` photos.
fn sigal_build(
    sigal: &Path,
    scratch: &Path,
    dir: &Path,
    (small, large): (u32, u32),
    jpeg: SigalJpeg,
    n: usize,
    cores: usize,
) -> (Run, PathBuf) {
    let name = match jpeg {
        SigalJpeg::Default => "sigal-default",
        SigalJpeg::Baseline => "sigal-baseline",
    };
    let out = scratch.join(name);
    let config = scratch.join(format!("{name}.conf.py"));
    fs::write(&config, sigal_config(dir, &out, large, small, jpeg)).unwrap();
    eprintln!("sigal build ({})…", jpeg.label());
    let run = run_measured(
        Command::new(sigal)
            .args(["build", "--quiet", "--ncpu", &cores.to_string(), "--config"])
            .arg(&config),
    );
    let images = jpegs(&out).len();
    assert_eq!(
        images,
        2 * n,
        "sigal wrote {images} images for {n} photos (expected an image and a thumbnail \
         each); run it by hand: {} build -c {}",
        sigal.display(),
        config.display()
    );
    (run, out)
}

fn mb(kb: u64) -> u64 {
    kb / 1024
}

fn main() {
    let options = options();
    let sigal = sigal();
    let dir = options
        .photos
        .clone()
        .unwrap_or_else(|| photos(options.count));
    let files = list(&dir);
    let n = files.len();
    let bytes: u64 = files.iter().map(|f| fs::metadata(f).unwrap().len()).sum();
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    println!(
        "{n} photos, {:.1} MB average, {cores} cores",
        bytes as f64 / n as f64 / 1e6
    );
    let scratch = tempfile::tempdir().unwrap();
    let library = scratch.path().join("library");
    eprintln!("importing {n} photos…");
    import(&library, "Bench", &dir);
    // Warm the page cache for everyone alike.
    for f in &files {
        let _ = fs::read(f);
    }

    // sigal: its own pool of `cores` worker processes.
    let sizes: Vec<u32> = SIZES.split(',').map(|s| s.parse().unwrap()).collect();
    let (small, large) = (sizes[0], sizes[sizes.len() - 1]);
    let sigal_runs: Vec<(SigalJpeg, Run, PathBuf)> = [SigalJpeg::Default, SigalJpeg::Baseline]
        .into_iter()
        .map(|jpeg| {
            let (run, out) =
                sigal_build(&sigal, scratch.path(), &dir, (small, large), jpeg, n, cores);
            (jpeg, run, out)
        })
        .collect();

    // Lanyard: the same photos, three sizes each.
    eprintln!("lanyard export…");
    let out = scratch.path().join("gallery");
    let (ours, report) = export(&library, "Bench", &out, SIZES);
    // And exactly sigal's two sizes, for a like-for-like row.
    let same_sizes = format!("{small},{large}");
    let (ours_same, _) = export(
        &library,
        "Bench",
        &scratch.path().join("gallery-same-sizes"),
        &same_sizes,
    );
    let exported = field(&report, "/plan/photos") as usize;
    assert_eq!(
        exported, n,
        "lanyard exported {exported} of {n} photos: {report}"
    );
    let images = field(&report, "/plan/images");

    let big = reexport_after_caption(&library, "Bench", &out);

    // Re-export of a 1,000-photo trip (small photos: the time is pages and bookkeeping).
    let small_dir = small_photos(options.small);
    let small_library = scratch.path().join("small-library");
    eprintln!("importing {} small photos…", options.small);
    import(&small_library, "Small", &small_dir);
    let small_out = scratch.path().join("small-gallery");
    let (small_first, _) = export(&small_library, "Small", &small_out, SIZES);
    let many = reexport_after_caption(&small_library, "Small", &small_out);

    println!("\nexport ({n} photos of 12–20 MP, same photos, same run)");
    println!(
        "  {:<24} {:>9} {:>8} {:>8} {:>9} {:>7}  output",
        "", "photos/s", "time", "CPU", "peak RSS", "images"
    );
    for (jpeg, theirs, sigal_out) in &sigal_runs {
        println!(
            "  {:<24} {:>9.1} {:>7.1}s {:>7.1}s {:>6} MB {:>7}  {} MB (sizes {large} + {small} thumbnail; {})",
            format!("sigal build --ncpu {cores}"),
            per_sec(n, theirs.time),
            theirs.time.as_secs_f64(),
            theirs.cpu.as_secs_f64(),
            mb(theirs.peak_kb),
            2 * n,
            dir_bytes(sigal_out) / 1_000_000,
            jpeg.label(),
        );
    }
    println!(
        "  {:<24} {:>9.1} {:>7.1}s {:>7.1}s {:>6} MB {:>7}  {} MB (sizes {SIZES})",
        "lanyard export",
        per_sec(n, ours.time),
        ours.time.as_secs_f64(),
        ours.cpu.as_secs_f64(),
        mb(ours.peak_kb),
        images,
        field(&report, "/total_bytes") / 1_000_000,
    );
    println!(
        "  {:<24} {:>9.1} {:>7.1}s {:>7.1}s {:>6} MB {:>7}  (sizes {same_sizes}, as sigal)",
        "lanyard export",
        per_sec(n, ours_same.time),
        ours_same.time.as_secs_f64(),
        ours_same.cpu.as_secs_f64(),
        mb(ours_same.peak_kb),
        2 * n,
    );
    // The goal is set on the same job: the same photos in sigal's two sizes, sigal as it comes.
    for (jpeg, theirs, _) in &sigal_runs {
        let goal = match jpeg {
            SigalJpeg::Default => " (goal ≥ 5x)",
            SigalJpeg::Baseline => "",
        };
        println!(
            "  ratio lanyard / sigal ({}), same sizes ({same_sizes}): {:.2}x in time{goal}, \
             {:.2}x in CPU time; with {SIZES}: {:.2}x in time, {:.2}x in CPU time",
            jpeg.label(),
            theirs.time.as_secs_f64() / ours_same.time.as_secs_f64(),
            theirs.cpu.as_secs_f64() / ours_same.cpu.as_secs_f64(),
            theirs.time.as_secs_f64() / ours.time.as_secs_f64(),
            theirs.cpu.as_secs_f64() / ours.cpu.as_secs_f64(),
        );
    }
    println!("\nre-export after one caption edit (goal < 1 s for 1,000 photos)");
    for (what, r) in [("12–20 MP", &big), ("640×480", &many)] {
        println!(
            "  {:>5} photos ({what:<8})  {:>6.3} s  written {}, reused {}, 0 images re-encoded",
            r.photos,
            r.time.as_secs_f64(),
            r.written,
            r.reused
        );
    }
    println!(
        "  (first export of the {} small photos: {:.2} s)",
        many.photos,
        small_first.time.as_secs_f64()
    );
}
