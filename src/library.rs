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

    /// The cached thumbnail of size `size_name` ("grid" or "preview") for the photo with content
    /// hash `hash`, when it exists. The only way the app turns a URL into a file: the hash must
    /// be 64 lowercase hex digits and the size one of the known names, so no request can name a
    /// path outside the cache.
    pub fn thumb_file(&self, hash: &str, size_name: &str) -> Option<PathBuf> {
        self.thumb_path(hash, size_name)
            .filter(|path| path.is_file())
    }

    /// Where the thumbnail of size `size_name` for content hash `hash` is cached, made or not;
    /// `None` unless the hash is 64 lowercase hex digits and the size a known name.
    pub fn thumb_path(&self, hash: &str, size_name: &str) -> Option<PathBuf> {
        let is_hash = hash.len() == 64
            && hash
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if !is_hash {
            return None;
        }
        let spec = crate::thumbs::SPECS
            .iter()
            .find(|spec| spec.name == size_name)?;
        Some(crate::thumbs::cache_path(&self.thumbs_dir(), hash, *spec))
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
    fn thumb_file_serves_only_cached_thumbnails_named_by_hash_and_size() {
        let tmp = tempfile::tempdir().unwrap();
        let library = Library::at(tmp.path());
        let hash = "ab".repeat(32);
        let grid = crate::thumbs::cache_path(&library.thumbs_dir(), &hash, crate::thumbs::GRID);
        crate::files::write_atomic(&grid, b"jpeg").unwrap();
        assert_eq!(library.thumb_file(&hash, "grid"), Some(grid));
        assert_eq!(library.thumb_file(&hash, "preview"), None, "not made yet");
        let cases = [
            (hash.to_uppercase(), "grid", "uppercase hex"),
            (hash[..63].to_string(), "grid", "too short"),
            (format!("{hash}0"), "grid", "too long"),
            (format!("../{}", &hash[3..]), "grid", "a path"),
            (format!("{}g", &hash[..63]), "grid", "not hex"),
            (hash.clone(), "400", "a size by pixels"),
            (hash.clone(), "../grid", "a path as size"),
            (hash.clone(), "", "no size"),
        ];
        for (hash, size, why) in cases {
            assert_eq!(library.thumb_file(&hash, size), None, "{why}");
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
