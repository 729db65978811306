//! The fast path of thumbnails, previews and exports for the commonest photo, a 4:2:0 YCbCr JPEG
//! without a colour profile: decoded to its Y, Cb and Cr planes (no chroma upsampling, no colour
//! conversion), each plane resized and oriented on its own, and encoded from the planes (no
//! conversion back, no chroma downsampling). Half the bytes of RGB per pixel to resize, and none
//! of libjpeg-turbo's C-only 10×10 chroma IDCT that an RGB decode at 5/8 scale runs. Anything else
//! (another subsampling, an ICC profile to convert, CMYK, lossless) is `None`, and the caller
//! takes the RGB pipeline. No file I/O.

use super::{decode, geometry, Encoded, ThumbError};
use fast_image_resize::{images, FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use turbojpeg::{Colorspace, Decompressor, ScalingFactor, Subsamp, YuvImage, YuvPlanesImage};

/// Byte buffers kept by each worker thread between photos, so that a 7 MB decode buffer and the
/// planes resized from it are neither allocated (page faults: mimalloc returns large blocks to
/// the system) nor zeroed again for every photo. Bounded: at most [`POOL_BUFFERS`] are kept.
mod pool {
    use std::cell::RefCell;

    pub const POOL_BUFFERS: usize = 12;

    thread_local! {
        static FREE: RefCell<Vec<Vec<u8>>> = const { RefCell::new(Vec::new()) };
    }

    /// A buffer of at least `len` initialized bytes (their values are whatever was there):
    /// the smallest kept one that is long enough, else the longest grown (only the growth is
    /// zeroed).
    pub fn take(len: usize) -> Vec<u8> {
        let mut buffer = FREE.with_borrow_mut(|free| {
            let fits = (0..free.len())
                .filter(|&i| free[i].len() >= len)
                .min_by_key(|&i| free[i].len());
            let pick = fits.or_else(|| (0..free.len()).max_by_key(|&i| free[i].len()));
            pick.map(|i| free.swap_remove(i)).unwrap_or_default()
        });
        if buffer.len() < len {
            buffer.resize(len, 0);
        }
        buffer
    }

    /// Keeps `buffer` for the next [`take`] on this thread (the smallest goes when full).
    pub fn give(buffer: Vec<u8>) {
        FREE.with_borrow_mut(|free| {
            free.push(buffer);
            if free.len() > POOL_BUFFERS {
                let smallest = (0..free.len()).min_by_key(|&i| free[i].len());
                free.swap_remove(smallest.unwrap_or(0));
            }
        });
    }
}

/// One 8-bit plane: `width`×`height` visible samples in the first `stride`×`rows` bytes of
/// `data` (which may be longer: buffers come from [`pool`]).
#[derive(Debug, Clone, Default)]
struct Plane {
    width: u32,
    height: u32,
    stride: u32,
    rows: u32,
    data: Vec<u8>,
}

impl Plane {
    fn compact(width: u32, height: u32, data: Vec<u8>) -> Plane {
        Plane {
            width,
            height,
            stride: width,
            rows: height,
            data,
        }
    }

    /// The bytes the plane uses.
    fn bytes(&self) -> &[u8] {
        &self.data[..(self.stride * self.rows) as usize]
    }
}

/// A photo decoded to its planes at a DCT scale, still in its stored orientation.
#[derive(Debug)]
pub(crate) struct Planes {
    y: Plane,
    cb: Plane,
    cr: Plane,
    /// Full stored size (before the scaled decode): sizes are computed from it.
    pub full_width: u32,
    pub full_height: u32,
    /// Set when the file is truncated and decoded in part (grey below the cut): why, for people.
    pub damage: Option<String>,
}

/// Decodes a 4:2:0 YCbCr JPEG without an ICC profile to planes whose long edge is at least
/// `long_edge`, or a little short of it ([`geometry::jpeg_scale`]); `Ok(None)` for any other
/// JPEG. Warnings count as in [`decode::decode`]: a truncated file decodes (grey below the
/// cut), other damage fails.
pub(crate) fn decode_420(bytes: &[u8], long_edge: u32) -> Result<Option<Planes>, ThumbError> {
    let libjpeg = |e: turbojpeg::Error| ThumbError::Decoder(format!("libjpeg-turbo: {e}"));
    let mut decompressor = Decompressor::new().map_err(libjpeg)?;
    let header = decompressor
        .read_header(bytes)
        .map_err(|e| ThumbError::Corrupt(decode::turbojpeg_message(&e)))?;
    if header.subsamp != Subsamp::Sub2x2
        || header.colorspace != Colorspace::YCbCr
        || header.is_lossless
        || super::colour::jpeg_icc(bytes).is_some()
    {
        return Ok(None);
    }
    decode::check_size(header.width as u64, header.height as u64)?;
    let (full_width, full_height) = (header.width as u32, header.height as u32);
    let (num, denom) = geometry::jpeg_scale(full_width, full_height, long_edge);
    let factor = ScalingFactor::new(num as usize, denom as usize);
    decompressor.set_scaling_factor(factor).map_err(libjpeg)?;
    let out = header.scaled(factor);
    let (width, height) = (out.width as u32, out.height as u32);

    // TurboJPEG's planes with 1-byte row alignment: Y padded to even sizes (the 2×2 MCU's
    // luma), then Cb and Cr of half that.
    let (y_stride, y_rows) = (width.next_multiple_of(2), height.next_multiple_of(2));
    let (c_width, c_height) = (y_stride / 2, y_rows / 2);
    let len =
        turbojpeg::yuv_pixels_len(out.width, 1, out.height, Subsamp::Sub2x2).map_err(libjpeg)?;
    let (y_len, c_len) = ((y_stride * y_rows) as usize, (c_width * c_height) as usize);
    if len != y_len + 2 * c_len {
        return Err(ThumbError::Decoder(format!(
            "libjpeg-turbo: {len} bytes of planes for {width}×{height}"
        )));
    }
    let mut pixels = pool::take(len);
    let image = YuvImage {
        pixels: &mut pixels[..],
        width: out.width,
        align: 1,
        height: out.height,
        subsamp: Subsamp::Sub2x2,
    };
    let damage = match decompressor.decompress_to_yuv(bytes, image) {
        Ok(()) => None,
        Err(e) => decode::jpeg_warning(&e)?,
    };
    let chroma = |at: usize| {
        let mut plane = pool::take(c_len);
        plane[..c_len].copy_from_slice(&pixels[at..at + c_len]);
        plane
    };
    let (cb, cr) = (chroma(y_len), chroma(y_len + c_len));
    let plane = |width, height, stride, rows, data| Plane {
        width,
        height,
        stride,
        rows,
        data,
    };
    Ok(Some(Planes {
        y: plane(width, height, y_stride, y_rows, pixels),
        cb: plane(c_width, c_height, c_width, c_height, cb),
        cr: plane(c_width, c_height, c_width, c_height, cr),
        full_width,
        full_height,
        damage,
    }))
}

impl Planes {
    /// Like [`super::encode_sizes`]: each of `sizes` (width × height, stored orientation, none
    /// larger than the decoded planes but for [`geometry::SCALE_SHORT_BY`]), the largest first
    /// and each smaller from the previous planes, turned by `orientation` and encoded as a 4:2:0
    /// JPEG at `quality` with nothing but the JFIF header. Returned in the order of `sizes`.
    pub(crate) fn encode_sizes(
        self,
        sizes: &[(u32, u32)],
        orientation: u8,
        quality: i32,
    ) -> Result<Vec<Encoded>, ThumbError> {
        let mut order: Vec<usize> = (0..sizes.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(sizes[i].0.max(sizes[i].1)));
        let mut resizer = Resizer::new();
        let mut compressor = super::compressor(quality)?;
        let Planes {
            mut y,
            mut cb,
            mut cr,
            ..
        } = self;
        let mut encoded: Vec<Option<Encoded>> = (0..sizes.len()).map(|_| None).collect();
        for i in order {
            let (w, h) = sizes[i];
            if (w, h) != (y.width, y.height) {
                // Chroma covers the luma's visible part: half of it, fractions included.
                let (cw, ch) = (w.div_ceil(2), h.div_ceil(2));
                let (y_w, y_h) = (f64::from(y.width), f64::from(y.height));
                let next = (
                    resize(&mut resizer, &y, y_w, y_h, w, h)?,
                    resize(&mut resizer, &cb, y_w / 2.0, y_h / 2.0, cw, ch)?,
                    resize(&mut resizer, &cr, y_w / 2.0, y_h / 2.0, cw, ch)?,
                );
                for plane in [&mut y, &mut cb, &mut cr] {
                    pool::give(std::mem::take(&mut plane.data));
                }
                (y, cb, cr) = next;
            }
            let (oy, ocb, ocr) = (
                orient(&y, orientation),
                orient(&cb, orientation),
                orient(&cr, orientation),
            );
            let oy = even(oy);
            let jpeg = compressor
                .compress_yuv_planes_to_vec(&YuvPlanesImage {
                    y_plane: oy.bytes(),
                    u_plane: ocb.bytes(),
                    v_plane: ocr.bytes(),
                    width: oy.width as usize,
                    height: oy.height as usize,
                    y_stride: oy.stride as usize,
                    u_stride: ocb.stride as usize,
                    v_stride: ocr.stride as usize,
                    subsamp: Subsamp::Sub2x2,
                })
                .map_err(|e| ThumbError::Encode(e.to_string()))?;
            encoded[i] = Some(Encoded {
                width: oy.width,
                height: oy.height,
                jpeg,
            });
        }
        for plane in [y, cb, cr] {
            pool::give(plane.data);
        }
        Ok(encoded.into_iter().flatten().collect())
    }
}

/// Catmull-Rom resize (as [`super::encode_sizes`]) of the top-left `crop_w`×`crop_h` samples of
/// `src` (fractional: a chroma plane covers half a luma pixel more when the luma is odd) to a
/// compact `width`×`height` plane.
///
/// The two passes fast_image_resize makes for 8-bit images, vertical then horizontal, made
/// separately: its horizontal pass over one-byte pixels is a dot product per pixel, three times
/// slower per byte than over four-byte pixels (measured: a fifth of the export's time). So the
/// horizontal pass runs over rows packed four at a time into four-byte pixels, the same filter
/// over the same samples.
fn resize(
    resizer: &mut Resizer,
    src: &Plane,
    crop_w: f64,
    crop_h: f64,
    width: u32,
    height: u32,
) -> Result<Plane, ThumbError> {
    let fail = |e: &dyn std::fmt::Display| ThumbError::Decoder(format!("resize: {e}"));
    let options = |w: f64, h: f64| {
        ResizeOptions::new()
            .resize_alg(ResizeAlg::Convolution(FilterType::CatmullRom))
            .crop(0.0, 0.0, w, h)
            // Four rows are not colour and alpha: nothing is premultiplied.
            .use_alpha(false)
    };
    let (stride, groups) = (src.stride as usize, height.div_ceil(4) as usize);
    let (w, h) = (width as usize, height as usize);

    // Vertical: every column of the buffer, `crop_h` rows to `height`; rows up to a multiple of
    // four repeat the last one.
    let tall = stride * groups * 4;
    let mut columns = pool::take(tall);
    {
        let view = images::ImageRef::new(src.stride, src.rows, src.bytes(), PixelType::U8)
            .map_err(|e| fail(&e))?;
        let mut dst = images::Image::from_slice_u8(
            src.stride,
            height,
            &mut columns[..stride * h],
            PixelType::U8,
        )
        .map_err(|e| fail(&e))?;
        resizer
            .resize(&view, &mut dst, &options(f64::from(src.stride), crop_h))
            .map_err(|e| fail(&e))?;
    }
    for y in h..groups * 4 {
        columns.copy_within((h - 1) * stride..h * stride, y * stride);
    }

    // Rows 4g..4g+4 side by side as the channels of row g, each pixel written whole (twice as
    // fast as a pass per channel: the compiler interleaves the four rows in vector registers).
    let mut packed = pool::take(tall);
    for (out, rows) in packed[..tall]
        .chunks_exact_mut(stride * 4)
        .zip(columns[..tall].chunks_exact(stride * 4))
    {
        let (r0, rest) = rows.split_at(stride);
        let (r1, rest) = rest.split_at(stride);
        let (r2, r3) = rest.split_at(stride);
        let samples = r0.iter().zip(r1).zip(r2).zip(r3);
        for (pixel, (((&a, &b), &c), &d)) in out.chunks_exact_mut(4).zip(samples) {
            pixel.copy_from_slice(&[a, b, c, d]);
        }
    }

    // Horizontal, over four-byte pixels: `crop_w` columns to `width`.
    let wide = w * groups * 4;
    let mut narrow = pool::take(wide);
    {
        let view =
            images::ImageRef::new(src.stride, groups as u32, &packed[..tall], PixelType::U8x4)
                .map_err(|e| fail(&e))?;
        let mut dst = images::Image::from_slice_u8(
            width,
            groups as u32,
            &mut narrow[..wide],
            PixelType::U8x4,
        )
        .map_err(|e| fail(&e))?;
        resizer
            .resize(&view, &mut dst, &options(crop_w, groups as f64))
            .map_err(|e| fail(&e))?;
    }

    let mut data = pool::take(w * h);
    for (g, pixels) in narrow[..wide].chunks_exact(w * 4).enumerate() {
        for k in 0..(h - g * 4).min(4) {
            let row = &mut data[(g * 4 + k) * w..][..w];
            for (sample, pixel) in row.iter_mut().zip(pixels.chunks_exact(4)) {
                *sample = pixel[k];
            }
        }
    }
    for buffer in [columns, packed, narrow] {
        pool::give(buffer);
    }
    Ok(Plane::compact(width, height, data))
}

/// The visible part of `src` turned by EXIF `orientation`, as a compact plane.
fn orient(src: &Plane, orientation: u8) -> std::borrow::Cow<'_, Plane> {
    let orientation = geometry::normalize_orientation(orientation);
    if orientation == 1 {
        return std::borrow::Cow::Borrowed(src);
    }
    let (w, h) = (src.width, src.height);
    let (dw, dh) = geometry::display_size(w, h, orientation);
    let mut data = Vec::with_capacity((dw * dh) as usize);
    for y in 0..dh {
        for x in 0..dw {
            let (sx, sy) = geometry::source_pixel(x, y, w, h, orientation);
            data.push(src.data[(sy * src.stride + sx) as usize]);
        }
    }
    std::borrow::Cow::Owned(Plane::compact(dw, dh, data))
}

/// A luma plane as TurboJPEG reads one for 4:2:0: its buffer padded to even sizes (the last
/// column and row repeated), the visible size unchanged.
fn even(plane: std::borrow::Cow<'_, Plane>) -> std::borrow::Cow<'_, Plane> {
    let (stride, rows) = (
        plane.width.next_multiple_of(2),
        plane.height.next_multiple_of(2),
    );
    if plane.stride >= stride && plane.rows >= rows {
        return plane;
    }
    let (w, h) = (plane.width as usize, plane.height as usize);
    let mut data = Vec::with_capacity((stride * rows) as usize);
    for y in 0..rows as usize {
        let row = &plane.data[y.min(h - 1) * plane.stride as usize..][..w];
        data.extend_from_slice(row);
        if stride as usize > w {
            data.push(row[w - 1]);
        }
    }
    std::borrow::Cow::Owned(Plane {
        width: plane.width,
        height: plane.height,
        stride,
        rows,
        data,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Format;

    /// Peak signal-to-noise ratio of two JPEGs of the same size, decoded to RGB, in dB.
    fn psnr(a: &[u8], b: &[u8]) -> f64 {
        let b = turbojpeg::decompress(b, turbojpeg::PixelFormat::RGB).unwrap();
        psnr_rgb(a, &b.pixels)
    }

    /// The same of a JPEG against RGB pixels of its size.
    fn psnr_rgb(jpeg: &[u8], rgb: &[u8]) -> f64 {
        let a = turbojpeg::decompress(jpeg, turbojpeg::PixelFormat::RGB).unwrap();
        assert_eq!(a.pixels.len(), rgb.len());
        let squared: f64 = a
            .pixels
            .iter()
            .zip(rgb)
            .map(|(&x, &y)| (f64::from(x) - f64::from(y)).powi(2))
            .sum();
        10.0 * (255.0 * 255.0 / (squared / rgb.len() as f64).max(1e-9)).log10()
    }

    /// What the RGB pipeline makes of the same photo: the careful path the planes stand in for.
    fn through_rgb(jpeg: &[u8], orientation: u8, sizes: &[(u32, u32)]) -> Vec<Encoded> {
        let largest = sizes.iter().map(|&(w, h)| w.max(h)).max().unwrap();
        let decoded = decode::decode(jpeg, Format::Jpeg, orientation, largest).unwrap();
        super::super::encode_sizes(decoded, sizes, 85).unwrap()
    }

    /// The planes give the same sizes and orientation as the RGB pipeline, and pixels within
    /// 38 dB PSNR of it (the two differ by where chroma is resized: ~45 dB on camera photos),
    /// for every orientation, odd sizes and DCT scales 5/8, 4/8, 3/8 and 8/8 included.
    #[test]
    fn planes_match_the_rgb_pipeline() {
        let photos = [
            ((2000, 1500), vec![1024, 480, 301]), // 5/8 for 1024
            ((1601, 1067), vec![800, 333]),       // 4/8
            ((2736, 1824), vec![1024, 99]),       // 3/8
            ((641, 427), vec![641, 100]),         // 8/8, one size the full size
            ((1970, 1313), vec![1000, 480]),      // 4/8, 985: enlarged by 1.5%
        ];
        for (seed, ((w, h), edges)) in photos.into_iter().enumerate() {
            let jpeg = crate::sample::jpeg(w, h, seed as u64, 92);
            for orientation in 1..=8u8 {
                let sizes: Vec<(u32, u32)> =
                    edges.iter().map(|&e| geometry::fit(w, h, e)).collect();
                let largest = *edges.iter().max().unwrap();
                let planes = decode_420(&jpeg, largest).unwrap().expect("a 4:2:0 JPEG");
                assert_eq!((planes.full_width, planes.full_height), (w, h));
                let fast = planes.encode_sizes(&sizes, orientation, 85).unwrap();
                let careful = through_rgb(&jpeg, orientation, &sizes);
                for ((f, c), size) in fast.iter().zip(&careful).zip(&sizes) {
                    let what = format!("{w}×{h} → {size:?}, orientation {orientation}");
                    assert_eq!((f.width, f.height), (c.width, c.height), "{what}");
                    let header = turbojpeg::read_header(&f.jpeg).unwrap();
                    assert_eq!(
                        (header.width as u32, header.height as u32),
                        (f.width, f.height)
                    );
                    assert_eq!(header.subsamp, Subsamp::Sub2x2, "{what}");
                    let db = psnr(&f.jpeg, &c.jpeg);
                    assert!(db >= 38.0, "{what}: PSNR {db:.1} dB");
                }
            }
        }
    }

    /// A decode at 1/2 that comes up to 2.5% short of the largest size (a 12 MP photo for the
    /// 2048 px export size: 2000 px) is enlarged to it. Against the same photo decoded at full
    /// size and resized with Lanczos3, its images are at most 1 dB PSNR further off than those
    /// made from a decode at 5/8 (the bench's camera-sized photos: 0.7–0.9 dB further, 38.0
    /// against 38.8 dB).
    #[test]
    fn a_decode_a_little_short_is_enlarged_close_to_the_exact_scale() {
        use fast_image_resize::{images::Image, FilterType, ResizeAlg, ResizeOptions};
        let (w, h) = (2000, 1500);
        let jpeg = crate::sample::jpeg(w, h, 11, 92);
        let sizes = [geometry::fit(w, h, 1024), geometry::fit(w, h, 480)];
        assert_eq!(sizes, [(1024, 768), (480, 360)]);
        let near = decode_420(&jpeg, 1024).unwrap().unwrap();
        assert_eq!((near.y.width, near.y.height), (1000, 750), "decoded at 1/2");
        let exact = decode_420(&jpeg, 1250).unwrap().unwrap();
        assert_eq!(
            (exact.y.width, exact.y.height),
            (1250, 938),
            "decoded at 5/8"
        );
        let near = near.encode_sizes(&sizes, 1, 85).unwrap();
        let exact = exact.encode_sizes(&sizes, 1, 85).unwrap();

        let full = decode::decode(&jpeg, Format::Jpeg, 1, w).unwrap().image;
        assert_eq!((full.width, full.height), (w, h));
        let full = images::ImageRef::new(w, h, &full.pixels, PixelType::U8x3).unwrap();
        for ((n, e), &(width, height)) in near.iter().zip(&exact).zip(&sizes) {
            assert_eq!((n.width, n.height), (width, height));
            assert_eq!((e.width, e.height), (width, height));
            let mut reference = Image::new(width, height, PixelType::U8x3);
            let lanczos =
                ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
            Resizer::new()
                .resize(&full, &mut reference, &lanczos)
                .unwrap();
            let (n_db, e_db) = (
                psnr_rgb(&n.jpeg, reference.buffer()),
                psnr_rgb(&e.jpeg, reference.buffer()),
            );
            eprintln!(
                "{width}×{height}: 1/2 {n_db:.2} dB, 5/8 {e_db:.2} dB, between {:.2} dB",
                psnr(&n.jpeg, &e.jpeg)
            );
            assert!(
                n_db >= e_db - 1.0,
                "{width}×{height}: {n_db:.2} dB from 1/2, {e_db:.2} dB from 5/8"
            );
        }
    }

    /// Thumbnails and previews take the planes too, and a truncated file says so through them.
    #[test]
    fn render_takes_the_planes_and_keeps_a_truncated_files_damage() {
        let jpeg = crate::sample::jpeg(2000, 1500, 7, 92);
        let specs = [super::super::PREVIEW, super::super::GRID];
        let rendered = super::super::render(&jpeg, Format::Jpeg, 6, &specs).unwrap();
        let sizes: Vec<(u32, u32)> = specs
            .iter()
            .map(|s| geometry::fit(2000, 1500, s.long_edge))
            .collect();
        let planes = decode_420(&jpeg, 1600).unwrap().unwrap();
        assert_eq!(planes.damage, None);
        let fast = planes
            .encode_sizes(&sizes, 6, super::super::JPEG_QUALITY)
            .unwrap();
        for (thumb, f) in rendered.thumbs.iter().zip(&fast) {
            assert_eq!(thumb.jpeg, f.jpeg, "{:?}", thumb.spec);
        }
        assert_eq!(rendered.damage, None);

        let cut = &jpeg[..jpeg.len() / 2];
        let planes = decode_420(cut, 1600).unwrap().expect("decoded in part");
        assert_eq!(planes.damage.as_deref(), Some(decode::TRUNCATED));
        let rendered = super::super::render(cut, Format::Jpeg, 1, &specs).unwrap();
        assert_eq!(rendered.damage.as_deref(), Some(decode::TRUNCATED));
        assert_eq!(rendered.thumbs.len(), 2);
    }

    /// Only 4:2:0 YCbCr without a colour profile takes the planes.
    #[test]
    fn other_jpegs_take_the_rgb_pipeline() {
        let pixels = vec![120u8; 64 * 48 * 3];
        let image = turbojpeg::Image {
            pixels: &pixels[..],
            width: 64,
            pitch: 64 * 3,
            height: 48,
            format: turbojpeg::PixelFormat::RGB,
        };
        for subsamp in [Subsamp::None, Subsamp::Sub2x1, Subsamp::Gray] {
            let jpeg = turbojpeg::compress(image, 90, subsamp).unwrap();
            assert!(decode_420(&jpeg, 32).unwrap().is_none(), "{subsamp:?}");
        }
        let jpeg = turbojpeg::compress(image, 90, Subsamp::Sub2x2).unwrap();
        assert!(decode_420(&jpeg, 32).unwrap().is_some());
        // An APP2 ICC profile right after SOI.
        let mut body = b"ICC_PROFILE\0\x01\x01".to_vec();
        body.extend_from_slice(&[0u8; 128]);
        let mut with_icc = jpeg[..2].to_vec();
        with_icc.extend_from_slice(&[0xFF, 0xE2]);
        with_icc.extend_from_slice(&(body.len() as u16 + 2).to_be_bytes());
        with_icc.extend_from_slice(&body);
        with_icc.extend_from_slice(&jpeg[2..]);
        assert!(decode_420(&with_icc, 32).unwrap().is_none(), "ICC profile");
        assert!(decode_420(b"not a jpeg", 32).is_err());
    }
}
