//! The thumbnail cache on disk: where a thumbnail lives (named by the photo's content hash and the
//! spec's long edge), atomic writes through a temp file + rename, and whether a photo is done.
//! Knows nothing about pixels.

use super::{ThumbSpec, SPECS};
use std::io::Write;
use std::path::{Path, PathBuf};

/// `cache_dir/<hash[0..2]>/<hash>-<long_edge>.jpg`. The two-character fan-out keeps directories
/// small (256 of them for hex hashes). A hash shorter than two characters is used whole.
pub fn cache_path(cache_dir: &Path, hash: &str, spec: ThumbSpec) -> PathBuf {
    let fan = hash.get(..2).unwrap_or(hash);
    cache_dir
        .join(fan)
        .join(format!("{hash}-{}.jpg", spec.long_edge))
}

/// Writes `bytes` to `path` so that readers see either the old file or the whole new one: parent
/// directories are created, the bytes go to a unique temp file in the same directory (same file
/// system, so the rename is atomic), then it is renamed over `path`. No fsync: a thumbnail lost
/// in a crash is simply made again. The temp file is removed when anything fails.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty());
    let dir = dir.unwrap_or_else(|| Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::other(format!("{} has no file name", path.display())))?;
    let mut tmp = None;
    for attempt in 0..100u32 {
        let mut tmp_name = std::ffi::OsString::from(".");
        tmp_name.push(name);
        tmp_name.push(format!(".{}.{attempt}.tmp", std::process::id()));
        let candidate = dir.join(tmp_name);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(file) => {
                tmp = Some((candidate, file));
                break;
            }
            // Another thread of this process is writing the same thumbnail: try the next name.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    let (tmp_path, mut file) =
        tmp.ok_or_else(|| std::io::Error::other("no free temp file name"))?;
    let result = file.write_all(bytes).and_then(|()| {
        drop(file);
        std::fs::rename(&tmp_path, path)
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp_path);
    }
    result
}

/// True when every spec in [`SPECS`] has a cached file for `hash`.
pub fn is_cached(cache_dir: &Path, hash: &str) -> bool {
    SPECS
        .iter()
        .all(|&spec| cache_path(cache_dir, hash, spec).is_file())
}

#[cfg(test)]
mod tests {
    use super::*;
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
        assert!(!is_cached(tmp.path(), hash), "empty cache");
        write_atomic(&cache_path(tmp.path(), hash, GRID), b"grid").unwrap();
        assert!(!is_cached(tmp.path(), hash), "preview still missing");
        let preview = cache_path(tmp.path(), hash, PREVIEW);
        write_atomic(&preview, b"old").unwrap();
        write_atomic(&preview, b"preview").unwrap();
        assert!(is_cached(tmp.path(), hash));
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

    #[test]
    fn write_fails_cleanly() {
        let tmp = tempfile::tempdir().unwrap();
        // The target is an existing directory: rename must fail and leave no temp file.
        let target = tmp.path().join("ab").join("taken");
        std::fs::create_dir_all(target.join("inside")).unwrap();
        assert!(write_atomic(&target, b"x").is_err());
        let names: Vec<_> = std::fs::read_dir(tmp.path().join("ab")).unwrap().collect();
        assert_eq!(names.len(), 1, "only the directory remains");
    }
}
