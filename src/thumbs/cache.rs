//! The thumbnail cache on disk: where a thumbnail lives (named by the photo's content hash and the
//! spec's long edge) and whether it is there yet. Knows nothing about pixels; files are written
//! with [`crate::files::write_atomic`].

use super::ThumbSpec;
use std::path::{Path, PathBuf};

/// `cache_dir/<hash[0..2]>/<hash>-<long_edge>.jpg`. The two-character fan-out keeps directories
/// small (256 of them for hex hashes). A hash shorter than two characters is used whole.
pub fn cache_path(cache_dir: &Path, hash: &str, spec: ThumbSpec) -> PathBuf {
    let fan = hash.get(..2).unwrap_or(hash);
    cache_dir
        .join(fan)
        .join(format!("{hash}-{}.jpg", spec.long_edge))
}

/// True when the thumbnail of size `spec` is cached for `hash`.
pub fn is_cached(cache_dir: &Path, hash: &str, spec: ThumbSpec) -> bool {
    cache_path(cache_dir, hash, spec).is_file()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::write_atomic;
    use crate::thumbs::{GRID, PREVIEW};

    #[test]
    fn paths() {
        let dir = Path::new("/c");
        let cases = [
            ("ab12ef", GRID, "/c/ab/ab12ef-400.jpg"),
            ("ab12ef", PREVIEW, "/c/ab/ab12ef-1600.jpg"),
            ("x", GRID, "/c/x/x-400.jpg"),
        ];
        for (hash, spec, want) in cases {
            assert_eq!(cache_path(dir, hash, spec), PathBuf::from(want));
        }
    }

    #[test]
    fn write_then_cached() {
        let tmp = tempfile::tempdir().unwrap();
        let hash = "0123abcd";
        assert!(!is_cached(tmp.path(), hash, GRID), "empty cache");
        write_atomic(&cache_path(tmp.path(), hash, GRID), b"grid").unwrap();
        assert!(is_cached(tmp.path(), hash, GRID));
        assert!(
            !is_cached(tmp.path(), hash, PREVIEW),
            "preview still missing"
        );
        let preview = cache_path(tmp.path(), hash, PREVIEW);
        write_atomic(&preview, b"old").unwrap();
        write_atomic(&preview, b"preview").unwrap();
        assert!(is_cached(tmp.path(), hash, PREVIEW));
        assert_eq!(
            std::fs::read(&preview).unwrap(),
            b"preview",
            "rename replaces"
        );
        let names: Vec<_> = std::fs::read_dir(preview.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names.len(), 2, "no temp files left behind: {names:?}");
    }
}
