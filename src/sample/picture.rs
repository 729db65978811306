//! Photo-like pixels for sample files: a cheap deterministic scene (sky, skyline, textured
//! ground, sensor noise) with an orientation marker, encoded as JPEG or PNG. Bytes only, no files.

use turbojpeg::{Image, PixelFormat, Subsamp};

/// splitmix64: tiny, fast and good enough for pixels; the same seed gives the same picture.
#[derive(Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5EED_1A5A_D0C5_F00D)
    }

    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..hi` (`hi > lo`).
    pub(crate) fn range(&mut self, lo: i32, hi: i32) -> i32 {
        lo + (self.next() % (hi - lo) as u64) as i32
    }
}

/// One building of the skyline: a span of columns, its top row, colour and window grid.
struct Building {
    x0: usize,
    x1: usize,
    top: usize,
    colour: [i32; 3],
    window: usize,
}

/// A smooth random curve of `len` values in about `-amp..=amp`: random knots every `step`
/// samples, linearly joined. Gives the ground its low-frequency texture without trig.
fn wave(rng: &mut Rng, len: usize, step: usize, amp: i32) -> Vec<i32> {
    let knots: Vec<i32> = (0..len / step + 2)
        .map(|_| rng.range(-amp, amp + 1))
        .collect();
    (0..len)
        .map(|i| {
            let (k, t) = (i / step, (i % step) as i32);
            (knots[k] * (step as i32 - t) + knots[k + 1] * t) / step as i32
        })
        .collect()
}

/// Upright RGB pixels (`width * height * 3`) of a photo-like scene with the marker showing
/// `seed % 1000`. Everything is integer arithmetic per row, plus one random draw per pixel for
/// noise: fast enough for 20 MP.
pub(crate) fn scene(width: u32, height: u32, seed: u64) -> Vec<u8> {
    let mut out = landscape(width, height, seed);
    draw_marker(&mut out, width as usize, height as usize, seed);
    out
}

/// The scene of [`scene`] without the marker: the view several devices frame, each drawing
/// its own marker.
pub(crate) fn landscape(width: u32, height: u32, seed: u64) -> Vec<u8> {
    let (w, h) = (width as usize, height as usize);
    let mut rng = Rng::new(seed);
    let sky_top = [rng.range(20, 80), rng.range(60, 120), rng.range(140, 220)];
    let sky_low = [
        rng.range(170, 235),
        rng.range(170, 225),
        rng.range(180, 240),
    ];
    let ground_far = [rng.range(60, 120), rng.range(80, 130), rng.range(40, 90)];
    let ground_near = [rng.range(30, 80), rng.range(40, 90), rng.range(20, 60)];
    let horizon = h * rng.range(52, 68) as usize / 100;

    let mut buildings = Vec::new();
    let mut x = rng.range(0, (w / 10).max(2) as i32) as usize;
    while x < w {
        let bw = (w * rng.range(4, 14) as usize / 100).max(2);
        if rng.next() % 4 != 0 {
            let grey = rng.range(50, 200);
            buildings.push(Building {
                x0: x,
                x1: (x + bw).min(w),
                top: horizon.saturating_sub(h * rng.range(5, 30) as usize / 100),
                colour: [
                    grey + rng.range(-30, 30),
                    grey + rng.range(-30, 30),
                    grey + rng.range(-30, 30),
                ],
                window: (w / rng.range(90, 200) as usize).max(2),
            });
        }
        x += bw + rng.range(0, (w / 30).max(2) as i32) as usize;
    }

    // Vignette: brightness falls off towards the edges (a parabola per axis).
    let col_shade: Vec<i32> = (0..w)
        .map(|x| {
            let d = (2 * x as i64 - w as i64) * 1000 / w.max(1) as i64; // -1000..1000
            -(d * d * 30 / 1_000_000) as i32
        })
        .collect();
    let texture_x = wave(&mut rng, w + h, (w / 60).max(2), 14);
    let texture_y = wave(&mut rng, h, (h / 40).max(2), (w / 8) as i32);

    let mut out = vec![0u8; w * h * 3];
    let mut row = vec![[0i32; 3]; w];
    for (y, line) in out.chunks_exact_mut(w * 3).enumerate() {
        let dy = (2 * y as i64 - h as i64) * 1000 / h.max(1) as i64;
        let row_shade = -(dy * dy * 25 / 1_000_000) as i32;
        let (base, noise_amp) = if y < horizon {
            let t = (y * 256 / horizon.max(1)) as i32;
            (mix(sky_top, sky_low, t), 5)
        } else {
            let t = ((y - horizon) * 256 / (h - horizon).max(1)) as i32;
            (mix(ground_far, ground_near, t), 18)
        };
        for px in row.iter_mut() {
            *px = base;
        }
        if y >= horizon {
            // Fields and paths: the wavy texture shifts with the row.
            let shift = (texture_y[y] + w as i32) as usize;
            for (x, px) in row.iter_mut().enumerate() {
                let t = texture_x[(x + shift) % texture_x.len()] * 2;
                *px = [px[0] + t, px[1] + t, px[2] + t / 2];
            }
        }
        for b in &buildings {
            if y < b.top || y >= horizon + h / 50 {
                continue;
            }
            let lit_row = ((y - b.top) / b.window) % 3 == 1;
            for (x, px) in row[b.x0..b.x1].iter_mut().enumerate() {
                let lit = lit_row && (x / b.window) % 2 == 1;
                let c = if lit { 60 } else { 0 };
                *px = [b.colour[0] + c, b.colour[1] + c, b.colour[2] + c / 2];
            }
        }
        // Sensor noise: one 64-bit draw feeds two pixels (a luma and a small chroma part each).
        let mut bits = 0u64;
        let span = 2 * noise_amp + 1;
        for (x, (px, out)) in row.iter().zip(line.chunks_exact_mut(3)).enumerate() {
            if x % 2 == 0 {
                bits = rng.next();
            }
            let n = ((bits & 0xFFFF) % span as u64) as i32 - noise_amp;
            let c = ((bits >> 16) & 0x7) as i32 - 3;
            bits >>= 32;
            let shade = col_shade[x] + row_shade;
            out[0] = clamp(px[0] + shade + n + c);
            out[1] = clamp(px[1] + shade + n);
            out[2] = clamp(px[2] + shade + n - c);
        }
    }
    out
}

fn mix(a: [i32; 3], b: [i32; 3], t: i32) -> [i32; 3] {
    [0, 1, 2].map(|i| (a[i] * (256 - t) + b[i] * t) / 256)
}

fn clamp(v: i32) -> u8 {
    v.clamp(0, 255) as u8
}

/// 3×5 bitmaps of the digits, one row of three bits per entry, top row first.
const DIGITS: [[u8; 5]; 10] = [
    [0b111, 0b101, 0b101, 0b101, 0b111],
    [0b010, 0b110, 0b010, 0b010, 0b111],
    [0b111, 0b001, 0b111, 0b100, 0b111],
    [0b111, 0b001, 0b011, 0b001, 0b111],
    [0b101, 0b101, 0b111, 0b001, 0b001],
    [0b111, 0b100, 0b111, 0b001, 0b111],
    [0b111, 0b100, 0b111, 0b101, 0b111],
    [0b111, 0b001, 0b010, 0b010, 0b010],
    [0b111, 0b101, 0b111, 0b101, 0b111],
    [0b111, 0b101, 0b111, 0b001, 0b111],
];

/// A dark panel in the top-left corner with a white arrow pointing up and `seed % 1000` in
/// digits below it, so a wrongly rotated or mirrored thumbnail is obvious at a glance.
pub(crate) fn draw_marker(out: &mut [u8], w: usize, h: usize, seed: u64) {
    let size = w.min(h) / 4;
    if size < 16 {
        return;
    }
    let m = size / 12; // margin and stroke unit
    let digits = format!("{:03}", seed % 1000);
    let cell = (size - 2 * m) / 12; // a digit is 3 cells wide, 5 tall; 4 cells per digit
    let text_top = size - m - 5 * cell;
    for y in 0..size {
        for x in 0..size {
            let white = if y < text_top - m {
                // Arrow: a triangle head over a stem, centred.
                let cx = size as i64 / 2;
                let dx = (x as i64 - cx).abs();
                let head_bottom = m + (text_top - 2 * m) / 2;
                if y >= m && y < head_bottom {
                    dx <= (y - m) as i64
                } else {
                    y >= head_bottom && dx <= m as i64
                }
            } else if y >= text_top && y < text_top + 5 * cell && x >= m {
                let (col, r) = ((x - m) / cell, (y - text_top) / cell);
                let (d, c) = (col / 4, col % 4);
                d < 3
                    && c < 3
                    && DIGITS[(digits.as_bytes()[d] - b'0') as usize][r] & (0b100 >> c) != 0
            } else {
                false
            };
            let v = if white { 245 } else { 25 };
            out[(y * w + x) * 3..][..3].fill(v);
        }
    }
}

/// Stored pixels that display as `upright` once EXIF `orientation` (1–8) is applied.
/// `upright` is `dw × dh`; the result is `dh × dw` for orientations 5–8.
pub(crate) fn to_stored(upright: &[u8], dw: usize, dh: usize, orientation: u16) -> Vec<u8> {
    if orientation <= 1 || orientation > 8 {
        return upright.to_vec();
    }
    let (sw, sh) = if orientation >= 5 { (dh, dw) } else { (dw, dh) };
    let mut out = vec![0u8; upright.len()];
    for ys in 0..sh {
        for xs in 0..sw {
            // Where stored (xs, ys) lands on screen (EXIF 2.32, table of Orientation).
            let (xd, yd) = match orientation {
                2 => (sw - 1 - xs, ys),
                3 => (sw - 1 - xs, sh - 1 - ys),
                4 => (xs, sh - 1 - ys),
                5 => (ys, xs),
                6 => (dw - 1 - ys, xs),
                7 => (dw - 1 - ys, dh - 1 - xs),
                _ => (ys, dh - 1 - xs), // 8
            };
            let (s, d) = ((ys * sw + xs) * 3, (yd * dw + xd) * 3);
            out[s..s + 3].copy_from_slice(&upright[d..d + 3]);
        }
    }
    out
}

/// Encodes RGB pixels with libjpeg-turbo (4:2:0, baseline), JFIF APP0 only.
pub(crate) fn encode_jpeg(rgb: &[u8], width: u32, height: u32, quality: u8) -> Vec<u8> {
    let image = Image {
        pixels: rgb,
        width: width as usize,
        pitch: width as usize * 3,
        height: height as usize,
        format: PixelFormat::RGB,
    };
    turbojpeg::compress(image, i32::from(quality.clamp(1, 100)), Subsamp::Sub2x2)
        .expect("libjpeg-turbo encodes a well-formed RGB buffer")
        .to_vec()
}

/// Encodes RGB pixels as PNG (no metadata chunks).
pub(crate) fn encode_png(rgb: Vec<u8>, width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_raw(width, height, rgb).expect("buffer matches the size");
    let mut buf = std::io::Cursor::new(Vec::new());
    img.write_to(&mut buf, image::ImageFormat::Png)
        .expect("PNG encoding to memory cannot fail");
    buf.into_inner()
}

/// Flat, UI-like pixels for a screenshot: a status bar, a header and a few cards.
pub(crate) fn screen(width: u32, height: u32, seed: u64) -> Vec<u8> {
    let (w, h) = (width as usize, height as usize);
    let mut rng = Rng::new(seed);
    let accent = [rng.range(20, 200), rng.range(20, 200), rng.range(120, 230)].map(|v| v as u8);
    let mut out = vec![0u8; w * h * 3];
    let bar = h / 30 + 1;
    let header = bar + h / 10;
    let card_h = (h / 6).max(1);
    for (y, line) in out.chunks_exact_mut(w * 3).enumerate() {
        for (x, px) in line.chunks_exact_mut(3).enumerate() {
            let c: [u8; 3] = if y < bar {
                [20, 20, 20]
            } else if y < header {
                accent
            } else {
                let (iy, in_card) = ((y - header) / card_h, (y - header) % card_h);
                let margin = w / 20;
                let card = in_card > card_h / 10 && x > margin && x < w - margin;
                let text = card
                    && (in_card / 8) % 2 == 1
                    && in_card < card_h * 2 / 3
                    && x < w - margin - (iy * 37 % 5 + 1) * w / 12;
                if text {
                    [60, 60, 70]
                } else if card {
                    [255, 255, 255]
                } else {
                    [236, 238, 242]
                }
            };
            px.copy_from_slice(&c);
        }
    }
    out
}
