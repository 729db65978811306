//! A picture's fingerprint for finding the same scene shot by two devices: a 64-bit gradient
//! hash (image_hasher's default 8×8 gradient) of the grid thumbnail, decoded small. Photos of
//! one moment from a phone and a camera differ in a few bits; unrelated scenes in about half.
//! Pure: JPEG bytes in, a number out.

use image_hasher::{HashAlg, HasherConfig};

/// How many of the 64 bits differ.
pub fn hash_distance(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

/// The fingerprint of a grid thumbnail (or any JPEG), `None` when it cannot be decoded. The
/// JPEG is decoded at 1/8 scale (a 400 px thumbnail becomes 50 px): the hash looks at a 9×8
/// grid, so more pixels would only cost time.
pub fn picture_hash(jpeg: &[u8]) -> Option<u64> {
    use turbojpeg::{Decompressor, Image, PixelFormat, ScalingFactor};
    let mut decompressor = Decompressor::new().ok()?;
    let header = decompressor.read_header(jpeg).ok()?;
    let factor = if header.width.min(header.height) >= 128 {
        ScalingFactor::ONE_EIGHTH
    } else {
        ScalingFactor::ONE
    };
    decompressor.set_scaling_factor(factor).ok()?;
    let out = header.scaled(factor);
    let mut pixels = vec![0u8; out.width * out.height * 3];
    decompressor
        .decompress(
            jpeg,
            Image {
                pixels: &mut pixels[..],
                width: out.width,
                pitch: out.width * 3,
                height: out.height,
                format: PixelFormat::RGB,
            },
        )
        .ok()?;
    let image = image::RgbImage::from_raw(out.width as u32, out.height as u32, pixels)?;
    let hasher = HasherConfig::new()
        .hash_alg(HashAlg::Gradient)
        .hash_size(8, 8)
        .to_hasher();
    let hash = hasher.hash_image(&image);
    let bytes: [u8; 8] = hash.as_bytes().try_into().ok()?;
    Some(u64::from_be_bytes(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(pixels: &image::RgbImage) -> Vec<u8> {
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
            .encode(
                pixels.as_raw(),
                pixels.width(),
                pixels.height(),
                image::ExtendedColorType::Rgb8,
            )
            .unwrap();
        out
    }

    #[test]
    fn the_same_scene_framed_twice_is_close_and_another_scene_is_far() {
        let scene = crate::sample::jpeg(800, 600, 7, 90);
        // Another scene: light falling differently across the frame (the generated landscapes
        // share sky and skyline, so another seed alone would be too alike; a real stage and a
        // real dinner table are not).
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let levels: Vec<u8> = (0..90)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                (seed % 200) as u8 + 20
            })
            .collect();
        let other = jpeg(&image::RgbImage::from_fn(800, 600, |x, y| {
            let v = levels[(y / 67 * 10 + x / 80) as usize % 90];
            image::Rgb([v, v, v])
        }));
        let decoded = image::load_from_memory(&scene).unwrap().to_rgb8();
        // The "camera": a slightly tighter frame, a little brighter, at grid size.
        let cropped = image::imageops::crop_imm(&decoded, 30, 20, 740, 560).to_image();
        let mut camera = image::imageops::resize(&cropped, 400, 303, image::imageops::Triangle);
        for p in camera.pixels_mut() {
            for c in 0..3 {
                p[c] = p[c].saturating_add(12);
            }
        }
        let phone = picture_hash(&scene).unwrap();
        let near = hash_distance(phone, picture_hash(&jpeg(&camera)).unwrap());
        let far = hash_distance(phone, picture_hash(&other).unwrap());
        assert!(near <= 16, "same scene: {near} bits differ");
        assert!(far >= 24, "other scene: only {far} bits differ");
        assert_eq!(picture_hash(b"not a jpeg"), None);
    }
}
