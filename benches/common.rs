//! What both benchmarks share: where generated photos are kept, making them once, listing
//! them, and rates.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../target")
}

/// Generated 12–20 MP JPEGs with phone-like EXIF, made once and reused by both benchmarks.
pub fn photos(count: usize) -> PathBuf {
    generated(&format!("bench-photos-{count}"), || {
        lanyard::sample::bench_photos(count, 42)
            .map(|p| (p.file_name, p.bytes))
            .collect()
    })
}

/// Files written by `make` into `target/<name>`, once: a `.complete` marker says they are all
/// there.
pub fn generated(name: &str, make: impl FnOnce() -> Vec<(String, Vec<u8>)>) -> PathBuf {
    let dir = target_dir().join(name);
    let done = dir.join(".complete");
    if done.exists() {
        return dir;
    }
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    eprintln!("generating photos in {} (once)…", dir.display());
    let started = Instant::now();
    for (file_name, bytes) in make() {
        fs::write(dir.join(file_name), bytes).unwrap();
    }
    fs::write(&done, b"").unwrap();
    eprintln!("generated in {:.0?}", started.elapsed());
    dir
}

pub fn list(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    files.sort();
    files
}

pub fn per_sec(n: usize, d: Duration) -> f64 {
    n as f64 / d.as_secs_f64()
}
