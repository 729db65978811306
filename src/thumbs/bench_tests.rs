//! Manual throughput and memory measurements for `render`, next to `vipsthumbnail` in the same
//! run. Ignored by default (they write to /tmp and need libvips-tools); run with
//! `cargo test --release --lib thumbs::bench_tests -- --ignored --nocapture --test-threads 1`.

use super::*;
use crate::files::write_atomic;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Instant;

const BENCH_DIR: &str = "/tmp/lanyard-thumbs-bench";
const PHOTOS: usize = 40;

/// Real corpus photos used as content, so the generated JPEGs have camera-like entropy.
const SOURCES: [&str; 4] = [
    "drewnoakes__metadata-extractor-images/jpg/Issue 525.jpg",
    "drewnoakes__digicam_corpus/Apple/iPhone XR/IMG_3580.JPG",
    "drewnoakes__digicam_corpus/Canon/EOS RP/_MG_0635.JPG",
    "ianare__exif-samples/jpg/mobile/HMD_Nokia_8.3_5G.jpg",
];

/// 12, 16, 16 and 20 MP.
const SIZES: [(u32, u32); 4] = [(4000, 3000), (4608, 3456), (4896, 3264), (5472, 3648)];

/// Generates (once) `PHOTOS` JPEGs of 12–20 MP: a corpus photo upscaled, plus sensor-like noise,
/// quality 92, 4:2:0 — about the size and entropy of camera files.
fn bench_photos() -> Vec<PathBuf> {
    let dir = Path::new(BENCH_DIR).join("in");
    std::fs::create_dir_all(&dir).unwrap();
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real");
    (0..PHOTOS)
        .into_par_iter()
        .map(|i| {
            let path = dir.join(format!("photo-{i:02}.jpg"));
            if path.is_file() {
                return path;
            }
            let src = std::fs::read(corpus.join(SOURCES[i % SOURCES.len()])).unwrap();
            let src = turbojpeg::decompress(&src, turbojpeg::PixelFormat::RGB).unwrap();
            let (w, h) = SIZES[(i / SOURCES.len()) % SIZES.len()];
            let src = decode::Rgb8 {
                width: src.width as u32,
                height: src.height as u32,
                pixels: src.pixels,
            };
            let mut big = resize(&mut fast_image_resize::Resizer::new(), &src, w, h).unwrap();
            let mut state = 0x9e37_79b9_7f4a_7c15u64 ^ i as u64;
            for p in big.pixels.iter_mut() {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                *p = p.saturating_add((state % 13) as u8).saturating_sub(6);
            }
            let jpeg = turbojpeg::compress(
                turbojpeg::Image {
                    pixels: &big.pixels[..],
                    width: w as usize,
                    pitch: w as usize * 3,
                    height: h as usize,
                    format: turbojpeg::PixelFormat::RGB,
                },
                92,
                turbojpeg::Subsamp::Sub2x2,
            )
            .unwrap();
            write_atomic(&path, &jpeg).unwrap();
            path
        })
        .collect()
}

fn vips(files: &[PathBuf], size: &str, out: &Path) -> f64 {
    std::fs::create_dir_all(out).unwrap();
    let start = Instant::now();
    let children: Vec<_> = files
        .chunks(files.len().div_ceil(2))
        .map(|half| {
            // One worker thread per process: 2 processes = 2 threads, like our pool.
            std::process::Command::new("vipsthumbnail")
                .env("VIPS_CONCURRENCY", "1")
                .arg("-s")
                .arg(size)
                .arg("-o")
                .arg(format!("{}/%s.jpg[Q=85]", out.display()))
                .args(half)
                .spawn()
                .expect("vipsthumbnail (apt libvips-tools) is needed for this measurement")
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    files.len() as f64 / start.elapsed().as_secs_f64()
}

fn ours(files: &[PathBuf], specs: &[ThumbSpec], out: &Path) -> f64 {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .unwrap();
    let start = Instant::now();
    pool.install(|| {
        files.par_iter().for_each(|file| {
            let bytes = std::fs::read(file).unwrap();
            let hash = blake3::hash(&bytes).to_hex().to_string();
            for thumb in render(&bytes, Format::Jpeg, 1, specs).unwrap().thumbs {
                write_atomic(&cache_path(out, &hash, thumb.spec), &thumb.jpeg).unwrap();
            }
        })
    });
    files.len() as f64 / start.elapsed().as_secs_f64()
}

#[test]
#[ignore = "manual measurement: writes to /tmp, needs vipsthumbnail, run with --release"]
fn throughput() {
    let files = bench_photos();
    let bytes: u64 = files.iter().map(|f| f.metadata().unwrap().len()).sum();
    eprintln!(
        "{} JPEGs, 12–20 MP, {:.1} MB average; 2 threads / 2 processes",
        files.len(),
        bytes as f64 / files.len() as f64 / 1e6
    );
    let out = Path::new(BENCH_DIR);
    // Warm the page cache, then alternate so neither side gets a warmer machine.
    vips(&files, "400", &out.join("vips-400"));
    for round in 1..=2 {
        let a = ours(&files, &SPECS, &out.join("ours-both"));
        let b = vips(&files, "400", &out.join("vips-400"));
        let c = ours(&files, &[GRID], &out.join("ours-grid"));
        let d = vips(&files, "1600", &out.join("vips-1600"));
        eprintln!(
            "round {round}: lanyard 1600+400 {a:.1}/s | vipsthumbnail -s 400 {b:.1}/s | \
             lanyard 400 only {c:.1}/s | vipsthumbnail -s 1600 {d:.1}/s | \
             lanyard both vs vips 400: {:.2}x",
            a / b
        );
    }
}

fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// Peak memory of one render of the largest (20 MP) photo, as growth of the process's peak RSS.
/// Run alone (`--exact thumbs::bench_tests::peak_memory`) after `throughput` made the files.
#[test]
#[ignore = "manual measurement: run alone, after `throughput` generated the photos"]
fn peak_memory() {
    let file = Path::new(BENCH_DIR).join("in/photo-12.jpg");
    let bytes = std::fs::read(&file).expect("run the throughput measurement first");
    let header = turbojpeg::read_header(&bytes).unwrap();
    let before = peak_rss_kib();
    let thumbs = render(&bytes, Format::Jpeg, 6, &SPECS).unwrap().thumbs;
    let after = peak_rss_kib();
    eprintln!(
        "{}x{} JPEG ({:.1} MB): peak RSS grew {:.1} MB during render (file bytes held before), \
         thumbs {:?}",
        header.width,
        header.height,
        bytes.len() as f64 / 1e6,
        (after - before) as f64 / 1024.0,
        thumbs
            .iter()
            .map(|t| (t.width, t.height, t.jpeg.len()))
            .collect::<Vec<_>>()
    );
}
