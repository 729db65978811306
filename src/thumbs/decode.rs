//! Decoding photo bytes to 8-bit sRGB, once, at the smallest size the thumbnails need:
//! libjpeg-turbo (scaled DCT) for JPEG, the `image` crate for PNG/WebP/TIFF, libheif for
//! HEIC/AVIF; an embedded colour profile (Display P3) is converted to sRGB. Refuses
//! decompression bombs before allocating. No file I/O, no resizing, no encoding.

use super::geometry;
use super::ThumbError;
use crate::model::Format;
use std::io::Cursor;
use std::sync::OnceLock;

/// Largest image (width × height, stored pixels) we agree to decode: the same limit metadata
/// reading applies, so a photo is refused consistently. An RGB8 buffer at the limit is 750 MB.
pub const MAX_DECODE_PIXELS: u64 = crate::metadata::MAX_PIXELS;

/// What the `image` crate may allocate while decoding one image: an RGBA8 buffer at the limit.
const IMAGE_CRATE_MAX_ALLOC: u64 = MAX_DECODE_PIXELS * 4;

/// Tightly packed RGB8 pixels, rows top to bottom.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rgb8 {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<u8>,
}

/// A decoded photo, still in its stored orientation.
#[derive(Debug)]
pub struct Decoded {
    pub image: Rgb8,
    /// Full size of the stored picture (before any scaled decode), in the same orientation as
    /// `image`. Thumbnail sizes are computed from this, so a scaled decode does not shift them.
    pub full_width: u32,
    pub full_height: u32,
    /// EXIF orientation still to apply to `image` (1 when the decoder already applied one).
    pub orientation: u8,
    /// Set when the file is damaged but decoded in part (a truncated JPEG): why, for people.
    pub damage: Option<String>,
}

/// Decodes `bytes` so that its long edge is at least `long_edge` (or full size when smaller; a
/// JPEG may come short by [`geometry::SCALE_SHORT_BY`], see [`geometry::jpeg_scale`]).
/// `orientation` is the photo's EXIF orientation; for HEIF it is dropped when the container
/// carries its own transform (which libheif applies).
pub fn decode(
    bytes: &[u8],
    format: Format,
    orientation: u8,
    long_edge: u32,
) -> Result<Decoded, ThumbError> {
    let orientation = geometry::normalize_orientation(orientation);
    match format {
        Format::Jpeg => {
            let (image, full_width, full_height, damage) = decode_jpeg(bytes, long_edge)?;
            Ok(Decoded {
                image,
                full_width,
                full_height,
                orientation,
                damage,
            })
        }
        Format::Png | Format::Webp | Format::Tiff => {
            let image = decode_with_image_crate(bytes, format)?;
            Ok(Decoded {
                full_width: image.width,
                full_height: image.height,
                image,
                orientation,
                damage: None,
            })
        }
        Format::Heic | Format::Avif => {
            let (image, container_transform) = decode_heif(bytes)?;
            Ok(Decoded {
                full_width: image.width,
                full_height: image.height,
                image,
                orientation: if container_transform { 1 } else { orientation },
                damage: None,
            })
        }
    }
}

pub(super) fn check_size(width: u64, height: u64) -> Result<(), ThumbError> {
    if width == 0 || height == 0 {
        return Err(ThumbError::Corrupt(format!(
            "the header says {width}×{height} pixels"
        )));
    }
    if width * height > MAX_DECODE_PIXELS {
        return Err(ThumbError::TooLarge {
            width: width.min(u64::from(u32::MAX)) as u32,
            height: height.min(u64::from(u32::MAX)) as u32,
        });
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// JPEG

/// Whether a libjpeg warning (jerror.h `JWRN_*`: decoding went on and produced pixels) leaves
/// the pixels trustworthy. Only warnings about bytes *between* the image data count as benign;
/// truncation is [`is_truncation_warning`]; corrupt entropy data and anything unknown fail the
/// thumbnail.
fn is_benign_jpeg_warning(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    [
        "extraneous bytes before marker",
        "unknown jfif revision",
        "unknown adobe color transform",
        "bad icc marker",
        "invalid sos parameters for sequential jpeg",
        "too many scanlines",
    ]
    .iter()
    .any(|benign| m.contains(benign))
}

/// libjpeg's JWRN_JPEG_EOF: the file ends before the image data does. libjpeg fills the rest
/// with grey and the part before the end is shown, as browsers and photo managers do; the
/// photo is marked damaged so a person sees why it looks wrong (and exports leave it out
/// unless asked). TurboJPEG reports only the last warning, so an earlier problem in the same
/// file may hide behind this one: the mark says "damaged", not "intact up to here".
fn is_truncation_warning(message: &str) -> bool {
    message
        .to_ascii_lowercase()
        .contains("premature end of jpeg file")
}

/// What a person reads about a truncated JPEG.
pub const TRUNCATED: &str = "the file ends before the picture does (truncated JPEG); only the \
                             part that was saved is shown";

/// Pixels, full stored size, and why the file is damaged when it is.
type JpegPixels = (Rgb8, u32, u32, Option<String>);

fn decode_jpeg(bytes: &[u8], long_edge: u32) -> Result<JpegPixels, ThumbError> {
    use turbojpeg::{Colorspace, Decompressor, Image, PixelFormat, ScalingFactor};

    let mut decompressor =
        Decompressor::new().map_err(|e| ThumbError::Decoder(format!("libjpeg-turbo: {e}")))?;
    let header = decompressor
        .read_header(bytes)
        .map_err(|e| ThumbError::Corrupt(turbojpeg_message(&e)))?;
    check_size(header.width as u64, header.height as u64)?;
    let (full_width, full_height) = (header.width as u32, header.height as u32);

    // Lossless JPEG cannot be DCT-scaled; decode it at full size.
    let (num, denom) = if header.is_lossless {
        (1, 1)
    } else {
        geometry::jpeg_scale(full_width, full_height, long_edge)
    };
    let factor = ScalingFactor::new(num as usize, denom as usize);
    decompressor
        .set_scaling_factor(factor)
        .map_err(|e| ThumbError::Decoder(format!("libjpeg-turbo: {e}")))?;
    let out = header.scaled(factor);
    let (width, height) = (out.width, out.height);

    // libjpeg-turbo converts YCbCr and greyscale to RGB itself, but not CMYK/YCCK.
    let cmyk = matches!(header.colorspace, Colorspace::CMYK | Colorspace::YCCK);
    let format = if cmyk {
        PixelFormat::CMYK
    } else {
        PixelFormat::RGB
    };
    let pitch = width * format.size();
    let mut pixels = vec![0u8; pitch * height];
    let image = Image {
        pixels: &mut pixels[..],
        width,
        pitch,
        height,
        format,
    };
    let damage = match decompressor.decompress(bytes, image) {
        Ok(()) => None,
        Err(e) => jpeg_warning(&e)?,
    };
    let mut pixels = if cmyk { cmyk_to_rgb(&pixels) } else { pixels };
    if !cmyk {
        if let Some(icc) = super::colour::jpeg_icc(bytes) {
            super::colour::to_srgb(&mut pixels, &icc);
        }
    }
    Ok((
        Rgb8 {
            width: width as u32,
            height: height as u32,
            pixels,
        },
        full_width,
        full_height,
        damage,
    ))
}

/// What an error from a TurboJPEG decode means: TurboJPEG reports libjpeg warnings as errors
/// too, after filling the buffer; without tj3GetErrorCode (unsafe FFI is forbidden here) the text
/// is what tells them apart. `Ok(None)` for a benign warning, `Ok(Some(why))` for a truncated
/// file (the pixels are usable, the photo is damaged), `Err` otherwise.
pub(super) fn jpeg_warning(e: &turbojpeg::Error) -> Result<Option<String>, ThumbError> {
    let message = turbojpeg_message(e);
    if is_truncation_warning(&message) {
        Ok(Some(TRUNCATED.to_string()))
    } else if is_benign_jpeg_warning(&message) {
        Ok(None)
    } else {
        Err(ThumbError::Corrupt(message))
    }
}

pub(super) fn turbojpeg_message(e: &turbojpeg::Error) -> String {
    match e {
        turbojpeg::Error::TurboJpegError(m) => m.trim().to_string(),
        other => other.to_string(),
    }
}

/// CMYK as libjpeg returns it from Adobe-written files (Photoshop stores CMYK inverted, so a
/// value is already "amount of paper showing"): R = C·K/255, as libjpeg-turbo's own tools do.
fn cmyk_to_rgb(cmyk: &[u8]) -> Vec<u8> {
    let mut rgb = Vec::with_capacity(cmyk.len() / 4 * 3);
    for p in cmyk.chunks_exact(4) {
        let k = u32::from(p[3]);
        for &c in &p[..3] {
            rgb.push(((u32::from(c) * k + 127) / 255) as u8);
        }
    }
    rgb
}

// ---------------------------------------------------------------------------------------------
// PNG, WebP, TIFF

fn decode_with_image_crate(bytes: &[u8], format: Format) -> Result<Rgb8, ThumbError> {
    use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

    let image_format = match format {
        Format::Png => ImageFormat::Png,
        Format::Webp => ImageFormat::WebP,
        Format::Tiff => ImageFormat::Tiff,
        other => {
            return Err(ThumbError::Decoder(format!(
                "{} is not decoded by the image crate",
                other.as_str()
            )))
        }
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), image_format);
    let mut limits = Limits::default();
    limits.max_alloc = Some(IMAGE_CRATE_MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(image_error)?;
    let (width, height) = decoder.dimensions();
    check_size(u64::from(width), u64::from(height))?;
    let icc = decoder.icc_profile().ok().flatten();
    let image = DynamicImage::from_decoder(decoder).map_err(image_error)?;
    let mut rgb = dynamic_to_rgb8(image);
    if let Some(icc) = icc {
        super::colour::to_srgb(&mut rgb.pixels, &icc);
    }
    Ok(rgb)
}

fn image_error(e: image::ImageError) -> ThumbError {
    use image::ImageError;
    match e {
        ImageError::Limits(l) => ThumbError::Decoder(format!("decoder memory limit: {l}")),
        ImageError::Unsupported(u) => ThumbError::Unsupported(u.to_string()),
        ImageError::Decoding(d) => ThumbError::Corrupt(d.to_string()),
        ImageError::IoError(io) => ThumbError::Corrupt(io.to_string()),
        other => ThumbError::Decoder(other.to_string()),
    }
}

/// Any pixel type to RGB8: 16-bit and float are scaled down, grey is spread to three channels,
/// alpha is composited over white.
fn dynamic_to_rgb8(image: image::DynamicImage) -> Rgb8 {
    let (width, height) = (image.width(), image.height());
    let pixels = if image.color().has_alpha() {
        let rgba = image.into_rgba8();
        over_white(rgba.as_raw())
    } else {
        image.into_rgb8().into_raw()
    };
    Rgb8 {
        width,
        height,
        pixels,
    }
}

/// Straight (non-premultiplied) RGBA8 over a white background.
fn over_white(rgba: &[u8]) -> Vec<u8> {
    let mut rgb = Vec::with_capacity(rgba.len() / 4 * 3);
    for p in rgba.chunks_exact(4) {
        let a = u32::from(p[3]);
        for &c in &p[..3] {
            rgb.push(((u32::from(c) * a + 255 * (255 - a) + 127) / 255) as u8);
        }
    }
    rgb
}

// ---------------------------------------------------------------------------------------------
// HEIC, AVIF

fn libheif() -> &'static libheif_rs::LibHeif {
    static LIBHEIF: OnceLock<libheif_rs::LibHeif> = OnceLock::new();
    LIBHEIF.get_or_init(libheif_rs::LibHeif::new)
}

/// Decodes the primary image with libheif, which applies the container's `irot`/`imir`/`clap`.
/// Returns the pixels and whether the container had an orientation transform of its own.
fn decode_heif(bytes: &[u8]) -> Result<(Rgb8, bool), ThumbError> {
    use libheif_rs::{ColorSpace, DecodingOptions, HeifContext, RgbChroma};

    let heif_error = |e: libheif_rs::HeifError| ThumbError::Corrupt(format!("libheif: {e}"));
    let context = HeifContext::read_from_bytes(bytes).map_err(heif_error)?;
    let handle = context.primary_image_handle().map_err(heif_error)?;
    let (ispe_w, ispe_h) = (handle.ispe_width(), handle.ispe_height());
    check_size(
        u64::from(handle.width()).max(ispe_w.max(0) as u64),
        u64::from(handle.height()).max(ispe_h.max(0) as u64),
    )?;
    // The box parse is authoritative; a 90° turn visible in the sizes is a second witness.
    let turned = ispe_w > 0
        && ispe_w != ispe_h
        && (ispe_w as u32, ispe_h as u32) == (handle.height(), handle.width());
    let container_transform = heif_primary_has_transform(bytes).unwrap_or(false) || turned;

    let alpha = handle.has_alpha_channel();
    let chroma = if alpha {
        RgbChroma::Rgba
    } else {
        RgbChroma::Rgb
    };
    let mut options = DecodingOptions::new();
    if let Some(options) = options.as_mut() {
        options.set_convert_hdr_to_8bit(true);
    }
    let image = libheif()
        .decode(&handle, ColorSpace::Rgb(chroma), options)
        .map_err(heif_error)?;
    let planes = image.planes();
    let plane = planes
        .interleaved
        .ok_or_else(|| ThumbError::Unsupported("libheif returned no interleaved plane".into()))?;
    // libheif reports bits per channel for interleaved planes.
    if plane.bits_per_pixel != 8 {
        return Err(ThumbError::Unsupported(format!(
            "{} bits per channel from libheif",
            plane.bits_per_pixel
        )));
    }
    let (width, height) = (plane.width, plane.height);
    let channels = if alpha { 4 } else { 3 };
    let row = width as usize * channels;
    if plane.stride < row || plane.data.len() < plane.stride * (height as usize - 1) + row {
        return Err(ThumbError::Decoder("libheif returned a short plane".into()));
    }
    let mut packed = Vec::with_capacity(row * height as usize);
    for y in 0..height as usize {
        packed.extend_from_slice(&plane.data[y * plane.stride..y * plane.stride + row]);
    }
    let mut pixels = if alpha { over_white(&packed) } else { packed };
    if let Some(icc) = handle.color_profile_raw() {
        super::colour::to_srgb(&mut pixels, &icc.data);
    }
    Ok((
        Rgb8 {
            width,
            height,
            pixels,
        },
        container_transform,
    ))
}

/// Whether the HEIF primary item is associated with an `irot` or `imir` property, read from the
/// ISOBMFF boxes (`meta` → `pitm`, `iprp` → `ipco` + `ipma`). `None` when the boxes cannot be read.
///
/// Presence is what counts, even `irot` 0: a writer that states the container orientation has
/// said how to display the image, and EXIF Orientation is then only a copy (Apple, Samsung S10
/// write both). Only with no container transform at all (Samsung S24 FE) does EXIF apply.
pub fn heif_primary_has_transform(bytes: &[u8]) -> Option<bool> {
    let meta = boxes(bytes).find(|(t, _)| t == b"meta")?.1;
    let meta = meta.get(4..)?; // FullBox version + flags
    let mut primary = None;
    let mut property_types: Vec<[u8; 4]> = Vec::new();
    let mut associations: Vec<(u32, Vec<u16>)> = Vec::new();
    for (kind, body) in boxes(meta) {
        match &kind {
            b"pitm" => {
                let version = *body.first()?;
                primary = Some(if version == 0 {
                    u32::from(be_u16(body, 4)?)
                } else {
                    be_u32(body, 4)?
                });
            }
            b"iprp" => {
                for (kind, body) in boxes(body) {
                    match &kind {
                        b"ipco" => property_types.extend(boxes(body).map(|(t, _)| t)),
                        b"ipma" => associations.extend(parse_ipma(body)?),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    let primary = primary?;
    let has = associations
        .iter()
        .filter(|(item, _)| *item == primary)
        .flat_map(|(_, indices)| indices)
        .filter_map(|&i| property_types.get(usize::from(i).checked_sub(1)?))
        .any(|t| t == b"irot" || t == b"imir");
    Some(has)
}

/// `ipma` entries: item id → 1-based property indices.
fn parse_ipma(body: &[u8]) -> Option<Vec<(u32, Vec<u16>)>> {
    let version = *body.first()?;
    let wide_index = body.get(3)? & 1 == 1;
    let count = be_u32(body, 4)?;
    let mut at = 8;
    let mut entries = Vec::new();
    for _ in 0..count {
        let item = if version < 1 {
            let v = u32::from(be_u16(body, at)?);
            at += 2;
            v
        } else {
            let v = be_u32(body, at)?;
            at += 4;
            v
        };
        let n = *body.get(at)?;
        at += 1;
        let mut indices = Vec::with_capacity(usize::from(n));
        for _ in 0..n {
            if wide_index {
                indices.push(be_u16(body, at)? & 0x7fff);
                at += 2;
            } else {
                indices.push(u16::from(*body.get(at)? & 0x7f));
                at += 1;
            }
        }
        entries.push((item, indices));
    }
    Some(entries)
}

/// ISOBMFF boxes in `data`: (type, body). Stops at the first box that does not fit.
fn boxes(data: &[u8]) -> impl Iterator<Item = ([u8; 4], &[u8])> {
    let mut at = 0usize;
    std::iter::from_fn(move || {
        let size = be_u32(data, at)? as usize;
        let kind: [u8; 4] = data.get(at + 4..at + 8)?.try_into().ok()?;
        let (header, size) = match size {
            0 => (8, data.len() - at),
            1 => (16, usize::try_from(be_u64(data, at + 8)?).ok()?),
            n => (8, n),
        };
        if size < header {
            return None;
        }
        let body = data.get(at + header..at.checked_add(size)?)?;
        at += size;
        Some((kind, body))
    })
}

fn be_u16(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(d.get(at..at + 2)?.try_into().ok()?))
}

fn be_u32(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(d.get(at..at + 4)?.try_into().ok()?))
}

fn be_u64(d: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_be_bytes(d.get(at..at + 8)?.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jpeg_warnings() {
        let cases = [
            ("Premature end of JPEG file", false),
            ("Corrupt JPEG data: premature end of data segment", false),
            (
                "Corrupt JPEG data: 12 extraneous bytes before marker 0xd9",
                true,
            ),
            ("Warning: unknown JFIF revision number 3.01", true),
            ("Corrupt JPEG data: bad Huffman code", false),
            (
                "Corrupt JPEG data: found marker 0xd9 instead of RST3",
                false,
            ),
            ("something new", false),
        ];
        for (text, benign) in cases {
            assert_eq!(is_benign_jpeg_warning(text), benign, "{text}");
            assert_eq!(
                is_truncation_warning(text),
                text == "Premature end of JPEG file",
                "{text}: only the end of the file is a truncation"
            );
        }
    }

    #[test]
    fn alpha_goes_over_white() {
        assert_eq!(
            over_white(&[0, 0, 0, 0, 0, 0, 0, 255, 10, 20, 30, 128]),
            vec![255, 255, 255, 0, 0, 0, 132, 137, 142]
        );
    }

    #[test]
    fn cmyk_inverted_adobe() {
        // Adobe CMYK is stored inverted: 255 = no ink.
        assert_eq!(
            cmyk_to_rgb(&[255, 255, 255, 255, 0, 255, 255, 255, 255, 255, 255, 0]),
            vec![255, 255, 255, 0, 255, 255, 0, 0, 0]
        );
    }

    fn bx(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut v = ((body.len() + 8) as u32).to_be_bytes().to_vec();
        v.extend_from_slice(kind);
        v.extend_from_slice(body);
        v
    }

    /// A minimal HEIF `meta` box: primary item 1, properties `props` (by type), item 1
    /// associated with the 1-based indices `assoc`.
    fn heif(props: &[&[u8; 4]], assoc: &[u8]) -> Vec<u8> {
        let pitm = bx(b"pitm", &[0, 0, 0, 0, 0, 1]);
        let ipco: Vec<u8> = props.iter().flat_map(|p| bx(p, &[0; 4])).collect();
        let mut ipma = vec![0, 0, 0, 0, 0, 0, 0, 1, 0, 1, assoc.len() as u8];
        ipma.extend(assoc.iter().map(|i| i | 0x80));
        let iprp = bx(b"iprp", &[bx(b"ipco", &ipco), bx(b"ipma", &ipma)].concat());
        let meta = bx(b"meta", &[&[0u8; 4][..], &pitm, &iprp].concat());
        [bx(b"ftyp", b"heic\0\0\0\0"), meta].concat()
    }

    /// (property types in `ipco`, indices associated with the primary, expected, why)
    type TransformCase<'a> = (&'a [&'a [u8; 4]], &'a [u8], Option<bool>, &'a str);

    #[test]
    fn heif_transform_detection() {
        let cases: [TransformCase; 5] = [
            (
                &[b"ispe", b"irot"],
                &[1, 2],
                Some(true),
                "irot on the primary",
            ),
            (
                &[b"ispe", b"imir"],
                &[1, 2],
                Some(true),
                "imir on the primary",
            ),
            (
                &[b"ispe", b"irot"],
                &[1],
                Some(false),
                "irot exists but not ours",
            ),
            (&[b"ispe", b"colr"], &[1, 2], Some(false), "no transform"),
            (
                &[b"ispe"],
                &[1, 9],
                Some(false),
                "index out of range is ignored",
            ),
        ];
        for (props, assoc, want, why) in cases {
            assert_eq!(
                heif_primary_has_transform(&heif(props, assoc)),
                want,
                "{why}"
            );
        }
        assert_eq!(heif_primary_has_transform(b"not a heif"), None);
        assert_eq!(heif_primary_has_transform(&[]), None);
    }
}
