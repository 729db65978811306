//! True colours: pixels decoded from a photo with an embedded ICC profile (Display P3 from
//! every recent iPhone, many Android phones and most HEICs) are converted to sRGB, the web's and
//! the webview's default, so thumbnails and exported images need no profile (nothing personal,
//! no metadata) and still look as the camera meant. Photos without a profile, or with an sRGB
//! one, are left as they are. moxcms (pure Rust, already under `image`) does the conversion.

use moxcms::{ColorProfile, Layout, RenderingIntent, Transform8BitExecutor, TransformOptions};
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

/// Transforms by profile bytes: a trip's phone photos share one profile, so it is parsed and
/// built once.
static TRANSFORMS: LazyLock<Mutex<HashMap<blake3::Hash, Option<Arc<Transform8BitExecutor>>>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// The ICC profile of a JPEG: its APP2 `ICC_PROFILE` chunks, joined in their order. `None`
/// without one, or when the chunks don't add up.
pub fn jpeg_icc(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut chunks: Vec<(u8, &[u8])> = Vec::new();
    let mut pos = 2;
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    while pos + 4 <= bytes.len() && bytes[pos] == 0xFF {
        let marker = bytes[pos + 1];
        if marker == 0xDA || marker == 0xD9 {
            break;
        }
        let len = u16::from_be_bytes([bytes[pos + 2], bytes[pos + 3]]) as usize;
        let end = (pos + 2 + len).min(bytes.len());
        let body = bytes.get(pos + 4..end)?;
        if marker == 0xE2 && body.starts_with(b"ICC_PROFILE\0") && body.len() > 14 {
            chunks.push((body[12], &body[14..]));
        }
        pos = end;
    }
    if chunks.is_empty() {
        return None;
    }
    chunks.sort_by_key(|(seq, _)| *seq);
    Some(
        chunks
            .into_iter()
            .flat_map(|(_, data)| data.to_vec())
            .collect(),
    )
}

/// Converts RGB8 pixels in place from the colours of `icc` to sRGB. Returns whether anything
/// was done: `false` for an sRGB profile, or one that cannot be read (the pixels are then shown
/// as they are, as before).
pub fn to_srgb(pixels: &mut [u8], icc: &[u8]) -> bool {
    let Some(transform) = transform_for(icc) else {
        return false;
    };
    // The executor needs separate source and destination buffers; rows bound the copy.
    const ROW: usize = 3 * 4096;
    let mut source = vec![0u8; ROW.min(pixels.len())];
    for chunk in pixels.chunks_mut(ROW) {
        let src = &mut source[..chunk.len()];
        src.copy_from_slice(chunk);
        if transform.transform(src, chunk).is_err() {
            chunk.copy_from_slice(src);
        }
    }
    true
}

fn transform_for(icc: &[u8]) -> Option<Arc<Transform8BitExecutor>> {
    let key = blake3::hash(icc);
    let mut cache = TRANSFORMS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    cache
        .entry(key)
        .or_insert_with(|| {
            let profile = ColorProfile::new_from_slice(icc).ok()?;
            if is_srgb(&profile) {
                return None;
            }
            let options = TransformOptions {
                rendering_intent: RenderingIntent::Perceptual,
                ..TransformOptions::default()
            };
            profile
                .create_transform_8bit(Layout::Rgb, &ColorProfile::new_srgb(), Layout::Rgb, options)
                .ok()
        })
        .clone()
}

/// An sRGB profile needs no conversion: same primaries and white point (the tone curves of
/// sRGB profiles differ only in rounding).
fn is_srgb(profile: &ColorProfile) -> bool {
    let srgb = ColorProfile::new_srgb();
    let close = |a: f64, b: f64| (a - b).abs() < 0.002;
    let same =
        |a: &moxcms::Xyzd, b: &moxcms::Xyzd| close(a.x, b.x) && close(a.y, b.y) && close(a.z, b.z);
    let (p, s) = (profile, &srgb);
    same(&p.red_colorant, &s.red_colorant)
        && same(&p.green_colorant, &s.green_colorant)
        && same(&p.blue_colorant, &s.blue_colorant)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn p3_red_becomes_a_deeper_srgb_red_and_srgb_stays() {
        let p3 = ColorProfile::new_display_p3().encode().unwrap();
        // A mid grey stays grey; P3's pure green is outside sRGB: clipped to sRGB green.
        let mut pixels = vec![128, 128, 128, 0, 255, 0, 200, 60, 40];
        assert!(to_srgb(&mut pixels, &p3));
        let grey = &pixels[0..3];
        assert!(grey.iter().all(|&v| v.abs_diff(128) <= 2), "{grey:?}");
        let green = &pixels[3..6];
        assert!(
            green[1] >= 250 && green[0] < 40 && green[2] < 40,
            "{green:?}"
        );
        let warm = &pixels[6..9];
        assert!(
            warm[0] > 200,
            "a P3 red is redder in sRGB numbers: {warm:?}"
        );

        let srgb = ColorProfile::new_srgb().encode().unwrap();
        let mut same = vec![10, 20, 30];
        assert!(!to_srgb(&mut same, &srgb), "sRGB needs nothing");
        assert_eq!(same, [10, 20, 30]);
        assert!(!to_srgb(&mut same, b"not a profile"));
    }

    #[test]
    fn icc_chunks_are_joined_in_order() {
        let segment = |seq: u8, data: &[u8]| {
            let mut body = b"ICC_PROFILE\0".to_vec();
            body.extend([seq, 2]);
            body.extend(data);
            let mut out = vec![0xFF, 0xE2];
            out.extend(((body.len() + 2) as u16).to_be_bytes());
            out.extend(body);
            out
        };
        let mut jpeg = vec![0xFF, 0xD8];
        jpeg.extend(segment(2, b"world"));
        jpeg.extend(segment(1, b"hello "));
        jpeg.extend([0xFF, 0xDA, 0, 2]);
        assert_eq!(jpeg_icc(&jpeg).as_deref(), Some(&b"hello world"[..]));
        assert_eq!(jpeg_icc(&[0xFF, 0xD8, 0xFF, 0xDA, 0, 2]), None);
    }
}
