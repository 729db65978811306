//! Exported image files: one photo decoded once and written in each export size as a clean JPEG
//! (orientation applied, no metadata at all unless GPS is asked for), reusing the thumbnail
//! cache when a size matches. Pure apart from reading the original and the cache.

use super::gps_exif::{self, GpsExifError};
use crate::model::{Format, Gps};
use crate::thumbs::{self, geometry, ThumbError, PREVIEW, SPECS};
use std::path::Path;

#[cfg(test)]
#[path = "images_tests.rs"]
mod tests;

/// What is needed to make a photo's export images.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageSource<'a> {
    /// The original file (read-only).
    pub path: &'a Path,
    /// Content hash: finds the photo's cached thumbnails (none before it is hashed).
    pub hash: Option<&'a str>,
    pub format: Format,
    pub orientation: u8,
    /// Pixel size as displayed (orientation applied).
    pub display_width: u32,
    pub display_height: u32,
    /// When `Some`, a minimal EXIF block with only these GPS tags is embedded; otherwise the
    /// file carries no EXIF, no XMP, no comments.
    pub embed_gps: Option<Gps>,
}

/// One encoded export image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// The size it was asked for (long edge).
    pub size: u32,
    pub width: u32,
    pub height: u32,
    pub jpeg: Vec<u8>,
}

/// JPEG quality of exported images.
pub const QUALITY: u8 = 85;

/// The pixel size a photo gets for each requested long edge (never upscaled). Pure; used to
/// write width/height attributes without decoding anything.
pub fn dimensions(display_width: u32, display_height: u32, size: u32) -> (u32, u32) {
    crate::thumbs::geometry::fit(display_width, display_height, size)
}

/// Encodes `source` at each of `sizes` (any order; returned in the same order). Reads the
/// original at most once; a size equal to a cached thumbnail size is copied from `thumbs_dir`
/// instead (with the GPS block added when there is one to embed).
///
/// Where the pixels come from, cheapest first:
/// 1. a size equal to a cached thumbnail's long edge is that thumbnail's bytes (GPS, when asked
///    for, is added to them), provided the file has the expected size and carries no metadata;
/// 2. when every other size fits in the preview, the cached preview is decoded (1600 px, not
///    20 MP) and scaled down;
/// 3. otherwise the original, decoded once at the smallest DCT scale the largest size needs.
///
/// Never panics: decoder panics come back as [`ThumbError::Panicked`].
pub fn render(
    source: &ImageSource<'_>,
    sizes: &[u32],
    thumbs_dir: &Path,
) -> Result<Vec<Variant>, ThumbError> {
    if sizes.is_empty() {
        return Ok(Vec::new());
    }
    thumbs::guarded(|| render_unguarded(source, sizes, thumbs_dir))
}

fn render_unguarded(
    source: &ImageSource<'_>,
    sizes: &[u32],
    thumbs_dir: &Path,
) -> Result<Vec<Variant>, ThumbError> {
    let (display_w, display_h) = (source.display_width, source.display_height);
    let mut variants: Vec<Option<Variant>> = vec![None; sizes.len()];
    let mut preview: Option<Vec<u8>> = None;

    // The preview can also stand in for the original when nothing larger is asked for.
    let preview_suffices = sizes.iter().all(|&s| s <= PREVIEW.long_edge);
    for spec in SPECS {
        let useful = sizes.contains(&spec.long_edge) || (spec == PREVIEW && preview_suffices);
        let wanted = dimensions(display_w, display_h, spec.long_edge);
        let Some(jpeg) = useful
            .then_some(source.hash)
            .flatten()
            .and_then(|hash| cached(thumbs_dir, hash, spec, wanted))
        else {
            continue;
        };
        for (slot, &size) in variants.iter_mut().zip(sizes) {
            if size == spec.long_edge {
                *slot = Some(Variant {
                    size,
                    width: wanted.0,
                    height: wanted.1,
                    jpeg: jpeg.clone(),
                });
            }
        }
        if spec == PREVIEW {
            preview = Some(jpeg);
        }
    }

    let todo: Vec<usize> = (0..sizes.len())
        .filter(|&i| variants[i].is_none())
        .collect();
    if let Some(&largest) = todo.iter().map(|&i| &sizes[i]).max() {
        let encoded = match preview.filter(|_| preview_suffices) {
            // The preview is already upright and exactly `dimensions(…, 1600)`: sizes are taken
            // from the display size so they match what the pages announce, pixel for pixel.
            Some(preview) => {
                let decoded = thumbs::decode(&preview, Format::Jpeg, 1, largest)?;
                let targets: Vec<(u32, u32)> = todo
                    .iter()
                    .map(|&i| dimensions(display_w, display_h, sizes[i]))
                    .collect();
                thumbs::encode_sizes(decoded, &targets, i32::from(QUALITY))?
            }
            None => {
                let bytes = std::fs::read(source.path).map_err(|e| {
                    ThumbError::Unreadable(format!("{}: {e}", source.path.display()))
                })?;
                // In the stored orientation (`fit` is symmetric; turning the small image is
                // cheaper), from the full stored size so a scaled decode cannot shift them.
                let targets = |(full_width, full_height)| -> Vec<(u32, u32)> {
                    todo.iter()
                        .map(|&i| geometry::fit(full_width, full_height, sizes[i]))
                        .collect()
                };
                // The commonest original (a 4:2:0 JPEG without a colour profile) is resized
                // and encoded as its Y, Cb and Cr planes; anything else as RGB.
                let planes = match source.format {
                    Format::Jpeg => thumbs::decode_420(&bytes, largest)?,
                    _ => None,
                };
                if let Some(planes) = planes {
                    drop(bytes);
                    let targets = targets((planes.full_width, planes.full_height));
                    planes.encode_sizes(&targets, source.orientation, i32::from(QUALITY))?
                } else {
                    let decoded =
                        thumbs::decode(&bytes, source.format, source.orientation, largest)?;
                    drop(bytes);
                    let targets = targets((decoded.full_width, decoded.full_height));
                    thumbs::encode_sizes(decoded, &targets, i32::from(QUALITY))?
                }
            }
        };
        for (i, e) in todo.into_iter().zip(encoded) {
            variants[i] = Some(Variant {
                size: sizes[i],
                width: e.width,
                height: e.height,
                jpeg: e.jpeg,
            });
        }
    }

    finish(variants, source)
}

/// The variants made, with the GPS block added when one is to be embedded.
fn finish(
    variants: Vec<Option<Variant>>,
    source: &ImageSource<'_>,
) -> Result<Vec<Variant>, ThumbError> {
    let mut variants: Vec<Variant> = variants.into_iter().flatten().collect();
    if let Some(gps) = &source.embed_gps {
        for v in &mut variants {
            match gps_exif::with_gps(&v.jpeg, gps) {
                Ok(jpeg) => v.jpeg = jpeg,
                // A position off the globe is no position: the file stays without metadata.
                Err(GpsExifError::Position { .. }) => {}
                Err(e @ GpsExifError::NotJpeg) => return Err(ThumbError::Encode(e.to_string())),
            }
        }
    }
    Ok(variants)
}

/// The cached thumbnail for `spec` when it can stand in for an export image: it exists, is a
/// JPEG of exactly `wanted` pixels, and carries nothing but image data (a cache written by an
/// older or foreign tool must not leak metadata into a publication). `None` otherwise: the
/// size is then rendered like any other.
fn cached(
    thumbs_dir: &Path,
    hash: &str,
    spec: thumbs::ThumbSpec,
    wanted: (u32, u32),
) -> Option<Vec<u8>> {
    let jpeg = std::fs::read(thumbs::cache_path(thumbs_dir, hash, spec)).ok()?;
    let header = turbojpeg::read_header(&jpeg).ok()?;
    let size = (
        u32::try_from(header.width).ok()?,
        u32::try_from(header.height).ok()?,
    );
    (size == wanted && carries_no_metadata(&jpeg)).then_some(jpeg)
}

/// True when the JPEG's header segments (up to the first scan) hold no metadata: no APP1–APP15
/// (EXIF, XMP, ICC, Photoshop…), no comments, and APP0 only as the JFIF header.
fn carries_no_metadata(jpeg: &[u8]) -> bool {
    if !jpeg.starts_with(&[0xFF, 0xD8]) {
        return false;
    }
    let mut pos = 2;
    while let Some(&[0xFF, marker, hi, lo]) = jpeg.get(pos..pos + 4) {
        if marker == 0xDA {
            return true; // start of scan: the header is over
        }
        let end = pos + 2 + usize::from(u16::from_be_bytes([hi, lo]));
        let Some(body) = jpeg.get(pos + 4..end) else {
            return false;
        };
        let metadata = match marker {
            0xE0 => !body.starts_with(b"JFIF\0"),
            0xE1..=0xEF | 0xFE => true,
            _ => false,
        };
        if metadata {
            return false;
        }
        pos = end;
    }
    false
}
