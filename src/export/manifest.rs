//! The export folder's record of itself (`.lanyard-export.json`): every file an export created,
//! with the key it was made from, so a later export reuses what is unchanged, removes only its
//! own files, and refuses folders that are not Lanyard exports. Holds no personal data: paths
//! are generated names and keys are digests.

use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The manifest's file name in the export root.
pub const FILE_NAME: &str = ".lanyard-export.json";

/// The manifest format this build writes and reads.
const VERSION: u32 = 1;

/// Names a folder may already hold and still count as empty: the desktop's own litter.
const IGNORED: [&str; 3] = [".DS_Store", "Thumbs.db", "desktop.ini"];

/// What an export folder holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub version: u32,
    /// Relative '/'-separated path → entry.
    pub files: BTreeMap<String, Entry>,
}

/// One file an export made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// What the file was made from (images) or a digest of its bytes (pages); empty while an
    /// export that planned the file has not written it yet.
    pub key: String,
    pub bytes: u64,
    /// Pixel size, images only.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub width: u32,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub height: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Manifest {
    pub fn new() -> Manifest {
        Manifest {
            version: VERSION,
            files: BTreeMap::new(),
        }
    }

    /// The manifest of `out`: a new one for a missing or empty folder, the stored one for an
    /// earlier export. Any other folder is refused, so nothing of the user's is overwritten.
    pub fn load(out: &Path) -> Result<(Manifest, bool)> {
        match std::fs::metadata(out) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok((Manifest::new(), false))
            }
            Err(source) => {
                return Err(Error::Read {
                    path: out.to_path_buf(),
                    source,
                })
            }
            Ok(meta) if !meta.is_dir() => {
                return Err(Error::ExportFolderIsFile {
                    path: out.to_path_buf(),
                })
            }
            Ok(_) => {}
        }
        let path = out.join(FILE_NAME);
        match std::fs::read(&path) {
            Ok(bytes) => {
                let manifest: Manifest =
                    serde_json::from_slice(&bytes).map_err(|e| Error::ExportManifestBroken {
                        path: out.to_path_buf(),
                        reason: e.to_string(),
                    })?;
                if manifest.version != VERSION {
                    return Err(Error::ExportManifestBroken {
                        path: out.to_path_buf(),
                        reason: format!("format {} is not one this build knows", manifest.version),
                    });
                }
                Ok((manifest, true))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let entries = std::fs::read_dir(out).map_err(|source| Error::Read {
                    path: out.to_path_buf(),
                    source,
                })?;
                for entry in entries {
                    let entry = entry.map_err(|source| Error::Read {
                        path: out.to_path_buf(),
                        source,
                    })?;
                    let name = entry.file_name();
                    if !IGNORED.iter().any(|ignored| name == *ignored) {
                        return Err(Error::ExportFolderNotOurs {
                            path: out.to_path_buf(),
                        });
                    }
                }
                Ok((Manifest::new(), false))
            }
            Err(source) => Err(Error::Read { path, source }),
        }
    }

    /// Writes the manifest atomically into `out`.
    pub fn save(&self, out: &Path) -> Result<()> {
        let path = out.join(FILE_NAME);
        let json = serde_json::to_vec_pretty(self).expect("a manifest serializes");
        crate::files::write_atomic(&path, &json).map_err(|source| Error::Write { path, source })
    }

    /// The entry of `rel` when the file on disk still has the recorded size.
    pub fn intact(&self, out: &Path, rel: &str) -> Option<&Entry> {
        let entry = self.files.get(rel).filter(|e| !e.key.is_empty())?;
        let on_disk = std::fs::metadata(native(out, rel)).ok()?;
        (on_disk.is_file() && on_disk.len() == entry.bytes).then_some(entry)
    }
}

/// `out` joined with a '/'-separated relative path.
pub fn native(out: &Path, rel: &str) -> PathBuf {
    rel.split('/')
        .fold(out.to_path_buf(), |path, part| path.join(part))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_and_empty_folders_are_new_exports() {
        let dir = tempfile::tempdir().unwrap();
        let (m, existing) = Manifest::load(&dir.path().join("new")).unwrap();
        assert!(m.files.is_empty() && !existing);
        std::fs::write(dir.path().join(".DS_Store"), b"x").unwrap();
        assert!(!Manifest::load(dir.path()).unwrap().1);
    }

    #[test]
    fn a_folder_with_other_files_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("thesis.docx"), b"x").unwrap();
        let err = Manifest::load(dir.path()).unwrap_err();
        assert!(matches!(err, Error::ExportFolderNotOurs { .. }), "{err}");
        assert!(err.to_string().contains("not empty"), "{err}");
        let file = dir.path().join("thesis.docx");
        assert!(matches!(
            Manifest::load(&file).unwrap_err(),
            Error::ExportFolderIsFile { .. }
        ));
    }

    #[test]
    fn round_trip_and_intact_checks_the_size() {
        let dir = tempfile::tempdir().unwrap();
        let mut m = Manifest::new();
        std::fs::write(dir.path().join("a.html"), b"hello").unwrap();
        m.files.insert(
            "a.html".into(),
            Entry {
                key: "k".into(),
                bytes: 5,
                width: 0,
                height: 0,
            },
        );
        m.save(dir.path()).unwrap();
        let (loaded, existing) = Manifest::load(dir.path()).unwrap();
        assert!(existing);
        assert_eq!(loaded, m);
        assert!(loaded.intact(dir.path(), "a.html").is_some());
        std::fs::write(dir.path().join("a.html"), b"hello!").unwrap();
        assert!(loaded.intact(dir.path(), "a.html").is_none());
    }

    #[test]
    fn a_broken_manifest_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), b"{not json").unwrap();
        let err = Manifest::load(dir.path()).unwrap_err();
        assert!(matches!(err, Error::ExportManifestBroken { .. }), "{err}");
    }
}
