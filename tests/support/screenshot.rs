//! Screenshot checks shared by the end-to-end tests of the app window and of exported galleries.

use std::path::Path;

/// A screenshot shows something when it has more than a handful of colours and no single colour
/// covers (almost) all of it. Text alone on a plain background passes; a blank window does not.
pub fn assert_not_blank(path: &Path, png: &[u8]) {
    let img = image::load_from_memory(png)
        .unwrap_or_else(|e| panic!("{} is not an image: {e}", path.display()))
        .to_rgb8();
    let (w, h) = img.dimensions();
    assert!(
        w >= 200 && h >= 150,
        "{}: tiny screenshot {w}x{h}",
        path.display()
    );
    let mut counts = std::collections::HashMap::new();
    for p in img.pixels() {
        *counts.entry(p.0).or_insert(0u64) += 1;
    }
    let top = counts.values().copied().max().unwrap_or(0);
    let share = top as f64 / f64::from(w * h);
    assert!(
        counts.len() >= 16 && share < 0.998,
        "{} looks blank: {} colours, the commonest covers {:.2}% of it",
        path.display(),
        counts.len(),
        share * 100.0
    );
}
