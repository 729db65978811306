//! Finding the photo files under the paths a user dropped: recursive, symlink-loop safe,
//! hidden and non-photo files skipped quietly. No file is opened here.

use super::Failure;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// File-name extensions a folder walk picks up (lowercase).
pub const PHOTO_EXTENSIONS: &[&str] = &[
    "jpg", "jpeg", "jpe", "png", "webp", "tif", "tiff", "heic", "heif", "hif", "avif",
];

/// Every photo extension in lower and upper case ("jpg", "JPG", …), for a file dialog's filter:
/// GTK's patterns are case-sensitive, and cameras write "IMG_0001.JPG".
pub fn dialog_extensions() -> Vec<String> {
    PHOTO_EXTENSIONS
        .iter()
        .flat_map(|e| [e.to_string(), e.to_ascii_uppercase()])
        .collect()
}

/// What a walk found.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Files to examine, in a stable order (walk order, names sorted), each once.
    pub files: Vec<PathBuf>,
    /// Hidden or non-photo files passed over.
    pub skipped: Vec<PathBuf>,
    /// Inputs that could not be read at all (missing, unreadable folder).
    pub failed: Vec<Failure>,
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

pub fn has_photo_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| PHOTO_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Walks `inputs`. A file named directly is examined whatever its extension (its content
/// decides); files found in folders must carry a photo extension.
pub fn discover(inputs: &[PathBuf]) -> Discovery {
    let mut found = Discovery::default();
    let mut seen = HashSet::new();
    let mut add = |found: &mut Discovery, path: PathBuf| {
        let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if seen.insert(key.clone()) {
            found.files.push(key);
        }
    };
    for input in inputs {
        let meta = match std::fs::metadata(input) {
            Ok(meta) => meta,
            Err(e) => {
                found
                    .failed
                    .push(Failure::new(input, format!("cannot open: {e}")));
                continue;
            }
        };
        if meta.is_file() {
            add(&mut found, input.clone());
            continue;
        }
        let walk = WalkDir::new(input)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.path()));
        for entry in walk {
            match entry {
                Ok(entry) if entry.file_type().is_file() => {
                    if has_photo_extension(entry.path()) {
                        add(&mut found, entry.into_path());
                    } else {
                        found.skipped.push(entry.into_path());
                    }
                }
                Ok(_) => {}
                // A symlink pointing back up the tree: walkdir stops there; nothing to report.
                Err(e) if e.loop_ancestor().is_some() => {}
                Err(e) => {
                    let path = e.path().unwrap_or(input).to_path_buf();
                    found
                        .failed
                        .push(Failure::new(&path, format!("unreadable: {e}")));
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn walks_recursively_skipping_hidden_and_non_photos() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        fs::create_dir_all(root.join("day1/sub")).unwrap();
        fs::create_dir_all(root.join(".thumbnails")).unwrap();
        for name in [
            "day1/a.JPG",
            "day1/sub/b.heic",
            "day1/notes.txt",
            "day1/.hidden.jpg",
            ".thumbnails/c.jpg",
            "d.png",
        ] {
            fs::write(root.join(name), b"x").unwrap();
        }
        let found = discover(&[root.to_path_buf()]);
        let names: Vec<String> = found
            .files
            .iter()
            .map(|p| {
                p.strip_prefix(fs::canonicalize(root).unwrap())
                    .unwrap()
                    .display()
                    .to_string()
            })
            .collect();
        assert_eq!(names, ["d.png", "day1/a.JPG", "day1/sub/b.heic"]);
        assert_eq!(
            found.skipped.len(),
            1,
            "notes.txt; hidden files are not even listed"
        );
        assert!(found.failed.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_end_and_files_are_found_once() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        fs::create_dir_all(root.join("a")).unwrap();
        fs::write(root.join("a/p.jpg"), b"x").unwrap();
        std::os::unix::fs::symlink(root, root.join("a/loop")).unwrap();
        std::os::unix::fs::symlink(root.join("a"), root.join("again")).unwrap();
        let found = discover(&[root.to_path_buf(), root.join("a/p.jpg")]);
        assert_eq!(found.files.len(), 1, "{:?}", found.files);
    }

    #[test]
    fn a_missing_input_is_a_failure_not_a_stop() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("p.jpg"), b"x").unwrap();
        let found = discover(&[tmp.path().join("nope"), tmp.path().to_path_buf()]);
        assert_eq!(found.failed.len(), 1);
        assert_eq!(found.files.len(), 1);
    }
}
