//! Where a library lives: its folder, catalog file and thumbnail cache. The app and the CLI
//! resolve the same folder the same way (`--library`, then `LANYARD_LIBRARY`, then the
//! platform data dir).

use crate::catalog::Catalog;
use crate::{Error, Result};
use std::path::{Path, PathBuf};

/// The environment variable that points both doors at another library.
pub const LIBRARY_ENV: &str = "LANYARD_LIBRARY";

/// A library folder: `catalog.sqlite` plus `thumbs/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Library {
    dir: PathBuf,
}

impl Library {
    pub fn at(dir: impl Into<PathBuf>) -> Library {
        Library { dir: dir.into() }
    }

    /// Picks the library folder: an explicit one, else `LANYARD_LIBRARY` (passed in by the
    /// caller, who reads the environment), else the platform data dir
    /// (`~/.local/share/lanyard` on Linux).
    pub fn resolve(explicit: Option<PathBuf>, from_env: Option<PathBuf>) -> Result<Library> {
        explicit
            .or(from_env.filter(|p| !p.as_os_str().is_empty()))
            .or_else(|| dirs::data_dir().map(|d| d.join("lanyard")))
            .map(Library::at)
            .ok_or(Error::InvalidInput {
                what: "library folder",
                value: String::new(),
                hint: "no data folder is known for this system; pass --library DIR or set LANYARD_LIBRARY",
            })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn catalog_path(&self) -> PathBuf {
        self.dir.join("catalog.sqlite")
    }

    pub fn thumbs_dir(&self) -> PathBuf {
        self.dir.join("thumbs")
    }

    /// Opens the library's catalog, creating the folder on first use.
    pub fn open_catalog(&self) -> Result<Catalog> {
        std::fs::create_dir_all(&self.dir).map_err(|source| Error::Write {
            path: self.dir.clone(),
            source,
        })?;
        Catalog::open(&self.catalog_path())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_beats_environment_beats_default() {
        let explicit = Library::resolve(Some("/a".into()), Some("/b".into())).unwrap();
        assert_eq!(explicit.dir(), Path::new("/a"));
        let env = Library::resolve(None, Some("/b".into())).unwrap();
        assert_eq!(env.dir(), Path::new("/b"));
        let empty_env = Library::resolve(None, Some("".into()));
        if let Ok(default) = empty_env {
            assert!(
                default.dir().ends_with("lanyard"),
                "an empty variable is ignored"
            );
        }
    }

    #[test]
    fn opening_creates_the_folder_and_catalog() {
        let tmp = tempfile::tempdir().unwrap();
        let library = Library::at(tmp.path().join("nested/lib"));
        library.open_catalog().unwrap();
        assert!(library.catalog_path().is_file());
    }
}
