//! Renders every file of the shared real-camera corpus (read in place, never copied) and checks
//! the displayed size and orientation against exiftool's `truth.json`. The corpus must exist:
//! a missing corpus fails the tests instead of skipping them.
//! Set `LANYARD_THUMBS_OUT=/some/dir` to also write the grid thumbnails there for a look.

use super::*;
use std::path::PathBuf;

fn corpus_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    assert!(
        dir.join("truth.json").is_file(),
        "the shared corpus is missing at {} (it is read in place; tests never skip)",
        dir.display()
    );
    dir
}

/// Files whose pixels are known to be broken: they must fail with a corrupt-data reason.
const BROKEN: &[&str] = &[
    // Corrupt entropy data: libjpeg stops with "Unsupported marker type 0xf7".
    "real/drewnoakes__metadata-extractor-images/jpg/ImageTestSuite/40bb78b1ac031125a6d8466b374962a8.jpg",
];

/// Files that end early: the part that decodes is rendered and the photo is marked damaged
/// ("Premature end of JPEG file").
const TRUNCATED: &[&str] =
    &["real/MikeKovarik__exifr/test/fixtures/32d08f4a5eb10332506ebedbb9bc7257.jpg"];

struct Case {
    path: String,
    format: Format,
    orientation: u8,
    /// Display size per exiftool: stored size turned by the container rotation (HEIF with
    /// `irot`) or else by EXIF Orientation.
    display: (u32, u32),
}

fn cases() -> Vec<Case> {
    let dir = corpus_dir();
    let truth: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("truth.json")).unwrap()).unwrap();
    let files = truth["files"].as_array().expect("truth.json has files");
    assert_eq!(files.len(), 67, "the corpus README promises 67 files");
    files
        .iter()
        .map(|f| {
            let path = f["path"].as_str().unwrap().to_string();
            let format = match f["FileType"].as_str().unwrap() {
                "JPEG" => Format::Jpeg,
                "PNG" => Format::Png,
                "TIFF" => Format::Tiff,
                "WEBP" | "Extended WEBP" => Format::Webp,
                "HEIC" | "HEIF" => Format::Heic,
                "AVIF" => Format::Avif,
                other => panic!("{path}: unexpected FileType {other}"),
            };
            let orientation = f["Orientation"].as_u64().unwrap_or(1) as u8;
            let stored = (
                f["ImageWidth"].as_u64().unwrap() as u32,
                f["ImageHeight"].as_u64().unwrap() as u32,
            );
            let display = match f["ContainerRotation"].as_u64() {
                Some(90 | 270) => (stored.1, stored.0),
                Some(_) => stored,
                None => geometry::display_size(stored.0, stored.1, orientation),
            };
            Case {
                path,
                format,
                orientation,
                display,
            }
        })
        .collect()
}

fn decode_rgb(jpeg: &[u8]) -> turbojpeg::Image<Vec<u8>> {
    turbojpeg::decompress(jpeg, turbojpeg::PixelFormat::RGB).unwrap()
}

#[test]
fn every_corpus_file_renders_the_right_way_up_or_says_why_not() {
    let dir = corpus_dir();
    let out = std::env::var_os("LANYARD_THUMBS_OUT").map(PathBuf::from);
    let mut failures = Vec::new();
    for case in cases() {
        let bytes = std::fs::read(dir.join(&case.path)).unwrap();
        let result = render(&bytes, case.format, case.orientation, &SPECS);
        if BROKEN.contains(&case.path.as_str()) {
            match result {
                Err(e @ ThumbError::Corrupt(_)) => {
                    eprintln!("{}: {e}", case.path);
                    continue;
                }
                other => {
                    failures.push(format!(
                        "{}: expected a corrupt-data error, got {other:?}",
                        case.path
                    ));
                    continue;
                }
            }
        }
        let thumbs = match result {
            Ok(rendered) => {
                let truncated = TRUNCATED.contains(&case.path.as_str());
                if rendered.damage.is_some() != truncated {
                    failures.push(format!(
                        "{}: damage {:?}, expected damaged: {truncated}",
                        case.path, rendered.damage
                    ));
                }
                rendered.thumbs
            }
            Err(e) => {
                failures.push(format!("{}: {e}", case.path));
                continue;
            }
        };
        for t in &thumbs {
            let want = geometry::fit(case.display.0, case.display.1, t.spec.long_edge);
            if (t.width, t.height) != want {
                failures.push(format!(
                    "{} {}: got {}x{}, display {:?} wants {want:?}",
                    case.path, t.spec.name, t.width, t.height, case.display
                ));
            }
            let img = decode_rgb(&t.jpeg);
            assert_eq!((img.width as u32, img.height as u32), (t.width, t.height));
        }
        if let Some(out) = &out {
            let name = case.path.replace('/', "__");
            std::fs::create_dir_all(out).unwrap();
            std::fs::write(out.join(format!("{name}.grid.jpg")), &thumbs[0].jpeg).unwrap();
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Mean absolute difference per channel (0–255) between two same-sized RGB thumbnails.
fn mean_abs_diff(a: &turbojpeg::Image<Vec<u8>>, b: &turbojpeg::Image<Vec<u8>>) -> f64 {
    assert_eq!((a.width, a.height), (b.width, b.height));
    let mut sum = 0u64;
    for y in 0..a.height {
        let ra = &a.pixels[y * a.pitch..][..a.width * 3];
        let rb = &b.pixels[y * b.pitch..][..b.width * 3];
        sum += ra
            .iter()
            .zip(rb)
            .map(|(&p, &q)| u64::from(p.abs_diff(q)))
            .sum::<u64>();
    }
    sum as f64 / (a.width * a.height * 3) as f64
}

/// The recurser set draws the same picture under every orientation, so after orientation every
/// `Landscape_N` grid thumbnail must look like `Landscape_1` (and the same for `Portrait_N`).
/// A wrong rotation direction or a missing mirror keeps the aspect but not the picture.
#[test]
fn orientation_set_matches_the_upright_picture() {
    let dir = corpus_dir().join("real/recurser__exif-orientation-examples");
    let grid = |name: &str, orientation: u8| {
        let bytes = std::fs::read(dir.join(format!("{name}.jpg"))).unwrap();
        decode_rgb(
            &render(&bytes, Format::Jpeg, orientation, &[GRID])
                .unwrap()
                .thumbs[0]
                .jpeg,
        )
    };
    for shape in ["Landscape", "Portrait"] {
        let upright = grid(&format!("{shape}_1"), 1);
        for n in 0..=8u8 {
            let d = mean_abs_diff(&upright, &grid(&format!("{shape}_{n}"), n));
            eprintln!("{shape}_{n}: mean abs diff {d:.2}");
            assert!(d < 4.0, "{shape}_{n} differs from {shape}_1 by {d:.2}");
        }
        // The measure can tell: the mirrored file shown without its orientation is far off.
        let wrong = mean_abs_diff(&upright, &grid(&format!("{shape}_2"), 1));
        eprintln!("{shape}_2 left mirrored: mean abs diff {wrong:.2}");
        assert!(
            wrong > 20.0,
            "{shape}_2 unmirrored only differs by {wrong:.2}"
        );
        let wrong = mean_abs_diff(&upright, &grid(&format!("{shape}_3"), 1));
        assert!(
            wrong > 20.0,
            "{shape}_3 unrotated only differs by {wrong:.2}"
        );
    }
}

/// The corpus's Display P3 photos (two iPhone JPEGs, three HEICs): their grid thumbnails, read
/// as a browser reads a JPEG without a profile (as sRGB), are within a few levels of the
/// original decoded by another decoder, converted to sRGB with its own profile and scaled
/// alike. Left in P3 numbers they were 5–7 levels off on average.
#[test]
fn p3_photos_get_srgb_thumbnails_that_look_like_the_original() {
    use moxcms::{ColorProfile, Layout, TransformOptions};
    let dir = corpus_dir();
    let files = [
        (
            "real/drewnoakes__digicam_corpus/Apple/iPhone 13 Pro/IMG_8568.JPG",
            Format::Jpeg,
        ),
        (
            "real/drewnoakes__digicam_corpus/Apple/iPhone XR/IMG_3580.JPG",
            Format::Jpeg,
        ),
        (
            "real/drewnoakes__digicam_corpus/Apple/iPhone 13 Pro/IMG_8565.HEIC",
            Format::Heic,
        ),
        (
            "real/drewnoakes__metadata-extractor-images/heic/exif-at-eof.heic",
            Format::Heic,
        ),
        ("real/ianare__exif-samples/heic/IMG_5195.HEIC", Format::Heic),
    ];
    for (path, format) in files {
        let bytes = std::fs::read(dir.join(path)).unwrap();
        // The reference: the whole picture by another route, then its own profile to sRGB.
        let (mut pixels, width, height, icc) = match format {
            Format::Jpeg => {
                let image = image::load_from_memory(&bytes).unwrap().to_rgb8();
                let (w, h) = image.dimensions();
                let icc = super::colour::jpeg_icc(&bytes).expect("a P3 JPEG has a profile");
                (image.into_raw(), w, h, icc)
            }
            _ => {
                let context = libheif_rs::HeifContext::read_from_bytes(&bytes).unwrap();
                let handle = context.primary_image_handle().unwrap();
                let icc = handle
                    .color_profile_raw()
                    .expect("a P3 HEIC has a profile")
                    .data;
                let image = libheif_rs::LibHeif::new()
                    .decode(
                        &handle,
                        libheif_rs::ColorSpace::Rgb(libheif_rs::RgbChroma::Rgb),
                        None,
                    )
                    .unwrap();
                let plane = image.planes().interleaved.unwrap();
                let (w, h) = (plane.width, plane.height);
                let mut packed = Vec::new();
                for y in 0..h as usize {
                    packed.extend_from_slice(&plane.data[y * plane.stride..][..w as usize * 3]);
                }
                (packed, w, h, icc)
            }
        };
        let profile = ColorProfile::new_from_slice(&icc).unwrap();
        let description = format!("{:?}", profile.description);
        assert!(description.contains("P3"), "{path}: {description}");
        let transform = profile
            .create_transform_8bit(
                Layout::Rgb,
                &ColorProfile::new_srgb(),
                Layout::Rgb,
                TransformOptions::default(),
            )
            .unwrap();
        let source = pixels.clone();
        transform.transform(&source, &mut pixels).unwrap();
        let reference = image::RgbImage::from_raw(width, height, pixels).unwrap();

        let orientation = match format {
            Format::Jpeg => crate::metadata::parse(&bytes).unwrap().orientation,
            _ => 1,
        };
        let rendered = render(&bytes, format, orientation, &[GRID]).unwrap();
        let thumb = decode_rgb(&rendered.thumbs[0].jpeg);
        // The reference in the thumbnail's orientation and size.
        let oriented = match (format, orientation) {
            (Format::Jpeg, 6) => image::imageops::rotate90(&reference),
            (Format::Jpeg, 8) => image::imageops::rotate270(&reference),
            (Format::Jpeg, 3) => image::imageops::rotate180(&reference),
            _ => reference,
        };
        let scaled = image::imageops::resize(
            &oriented,
            thumb.width as u32,
            thumb.height as u32,
            image::imageops::FilterType::Triangle,
        );
        let want = turbojpeg::Image {
            pixels: scaled.into_raw(),
            width: thumb.width,
            pitch: thumb.width * 3,
            height: thumb.height,
            format: turbojpeg::PixelFormat::RGB,
        };
        let d = mean_abs_diff(&thumb, &want);
        eprintln!("{path}: mean abs diff {d:.2} from the sRGB reference");
        assert!(
            d < 3.0,
            "{path}: {d:.2} levels from the colour-managed original"
        );
    }
}
