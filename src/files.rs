//! Writing files so that a crash, a full disk or a second writer never leaves half a file:
//! a temp file in the same folder, then a rename. Used by the thumbnail cache and the export.

use std::io::Write;
use std::path::Path;

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

#[cfg(test)]
mod tests {
    use super::*;

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
