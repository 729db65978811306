//! The exported files themselves: images without GPS, make or model (checked by exiftool and by
//! the core's own reader) unless `--embed-gps` asks for coordinates, and pages (and the gallery's
//! style sheet) that are valid by the Nu Html Checker (vnu.jar from npm, run with the machine's
//! Java).

use crate::{files_with, fixture, pages, require_tool, workspace_root};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What exiftool reads from each file: tag name → value, `SourceFile` left out.
fn exiftool(files: &[PathBuf], tags: &[&str]) -> Vec<(PathBuf, serde_json::Map<String, Value>)> {
    let exiftool = require_tool("exiftool", "apt-get install libimage-exiftool-perl");
    assert!(!files.is_empty(), "no images to check");
    let out = Command::new(exiftool)
        .args(["-json", "-n"])
        .args(tags)
        .args(files)
        .output()
        .expect("run exiftool");
    assert!(
        out.status.success(),
        "exiftool failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let parsed: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "exiftool's output is not JSON ({e}):\n{}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    assert_eq!(parsed.len(), files.len(), "one exiftool record per file");
    parsed
        .into_iter()
        .map(|v| {
            let Value::Object(mut map) = v else {
                panic!("exiftool record is not an object: {v}")
            };
            let file = map
                .remove("SourceFile")
                .and_then(|f| f.as_str().map(PathBuf::from))
                .expect("SourceFile");
            (file, map)
        })
        .collect()
}

const PRIVATE_TAGS: [&str; 4] = ["-GPSLatitude", "-GPSLongitude", "-Make", "-Model"];

/// Images of `export`: every JPEG, and the number of photos they belong to must match the plan.
fn jpegs(export: &Path) -> Vec<PathBuf> {
    let images = files_with(export, &["jpg", "jpeg"]);
    assert!(!images.is_empty(), "no images in {}", export.display());
    images
}

/// Asserts that no image in `export` carries coordinates, a camera make or model, by exiftool
/// and by the core's reader.
fn assert_private(export: &Path) {
    let images = jpegs(export);
    for (file, tags) in exiftool(&images, &PRIVATE_TAGS) {
        assert!(
            tags.is_empty(),
            "{}: exiftool finds {tags:?} in an image exported without --embed-gps",
            file.display()
        );
    }
    for image in &images {
        let seen = lanyard::metadata::inspect(image);
        assert!(
            seen.error.is_none(),
            "{}: {:?}",
            image.display(),
            seen.error
        );
        assert!(
            seen.gps.is_none() && seen.make.is_none() && seen.model.is_none(),
            "{}: the core reads GPS {:?}, make {:?}, model {:?}",
            image.display(),
            seen.gps,
            seen.make,
            seen.model
        );
    }
}

#[test]
fn exported_images_carry_no_location_or_camera_unless_asked() {
    let fx = fixture();
    assert_private(&fx.html);
    // Beyond the four tags: no EXIF, XMP or IPTC block at all by default.
    let images = jpegs(&fx.html);
    for (file, tags) in exiftool(&images, &["-EXIF:All", "-XMP:All", "-IPTC:All"]) {
        assert!(
            tags.is_empty(),
            "{}: metadata left in an exported image: {tags:?}",
            file.display()
        );
    }
    // Image files are named `day-N/<photo>-<size>.jpg`: one photo per name stem, and none for
    // the hidden photo.
    let photos: std::collections::BTreeSet<PathBuf> = images
        .iter()
        .map(|p| {
            let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            p.with_file_name(stem.split('-').next().unwrap_or(stem))
        })
        .collect();
    assert_eq!(
        photos.len() as u64,
        fx.plan("photos"),
        "photos with image files: {photos:?}"
    );
    assert_eq!(images.len() as u64, fx.plan("images"), "plan.images");
    assert_eq!(fx.report["plan"]["location_in_images"], false);
    assert_eq!(fx.report["plan"]["camera_metadata"], false);
    assert_eq!(fx.report["plan"]["original_file_names"], false);

    // Nor do the pages give the place away by default.
    for page in pages(&fx.html) {
        let html = std::fs::read_to_string(&page).expect("page");
        for needle in ["52.33", "52.36", "4.88", "Amsterdam, NL", "openstreetmap"] {
            assert!(
                !html.contains(needle),
                "{} shows a location ({needle}) without --with-location",
                page.display()
            );
        }
    }

    // Place names on the pages still put no coordinates in the files.
    let (located, report) = fx.export("html-with-location", &["--with-location"]);
    assert_eq!(report["plan"]["location_on_pages"], true, "{report:#}");
    assert_eq!(report["plan"]["location_in_images"], false, "{report:#}");
    assert_private(&located);

    // The check can fail: asked for, coordinates are there (and still no camera).
    let (embedded, report) = fx.export("html-embed-gps", &["--embed-gps"]);
    assert_eq!(report["plan"]["location_in_images"], true, "{report:#}");
    let images = jpegs(&embedded);
    let mut with_gps = 0;
    for (file, tags) in exiftool(&images, &PRIVATE_TAGS) {
        assert!(
            !tags.contains_key("Make") && !tags.contains_key("Model"),
            "{}: camera make/model embedded: {tags:?}",
            file.display()
        );
        if let (Some(lat), Some(lon)) = (tags.get("GPSLatitude"), tags.get("GPSLongitude")) {
            let (lat, lon) = (lat.as_f64().unwrap_or(0.0), lon.as_f64().unwrap_or(0.0));
            assert!(
                (52.3..52.4).contains(&lat) && (4.8..4.9).contains(&lon),
                "{}: embedded coordinates {lat}, {lon} are not the photo's",
                file.display()
            );
            let seen = lanyard::metadata::inspect(&file);
            assert!(
                seen.gps.is_some(),
                "{}: exiftool sees GPS, the core does not",
                file.display()
            );
            with_gps += 1;
        }
    }
    // Nine published phone photos with GPS, each in one or more sizes.
    assert!(
        with_gps >= 9,
        "only {with_gps} of {} images carry GPS with --embed-gps",
        images.len()
    );
}

#[test]
fn pages_are_valid_html() {
    let fx = fixture();
    let java = require_tool("java", "apt-get install default-jre-headless");
    let vnu = workspace_root().join("node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(
        vnu.is_file(),
        "{} is missing: run `npm ci` in the workspace root (`make test` does)",
        vnu.display()
    );
    let pages = pages(&fx.html);
    assert!(pages.len() >= 2, "index and day pages: {pages:?}");
    let out = Command::new(java)
        .arg("-jar")
        .arg(&vnu)
        .args(["--errors-only", "--also-check-css", "--format", "gnu"])
        .args(&pages)
        // The gallery's own style sheet; PhotoSwipe's is shipped as published.
        .arg(fx.html.join("assets/gallery.css"))
        .output()
        .expect("run vnu.jar");
    assert!(
        out.status.success(),
        "the Nu Html Checker finds errors ({}):\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
