//! One file → a catalog row: read its metadata (its headers and EXIF block only) and choose its capture
//! time; read it whole and hash it only when asked (another file has its byte size, so it may be
//! a duplicate). Files are opened read-only. Failures come back as one-line reasons.

use crate::catalog::NewPhoto;
use crate::metadata;
use crate::model::METADATA_VERSION;
use std::io::Read;
use std::path::Path;

/// Files larger than this are not read whole into memory (no photo is this large).
const MAX_FILE_BYTES: u64 = 1 << 30;

/// `hash_now`: read the whole file and hash it; otherwise the thumbnail phase hashes it.
pub fn examine(path: &Path, hash_now: bool) -> Result<NewPhoto, String> {
    // `File::open` opens read-only: originals are never written to.
    let mut file = std::fs::File::open(path).map_err(|e| format!("unreadable: {e}"))?;
    let info = file.metadata().map_err(|e| format!("unreadable: {e}"))?;
    if info.len() == 0 {
        return Err("empty file".to_string());
    }
    if info.len() > MAX_FILE_BYTES {
        return Err(format!(
            "too large to import safely ({} MB)",
            info.len() >> 20
        ));
    }
    let (meta, hash) = if hash_now {
        let mut bytes = Vec::with_capacity(info.len() as usize);
        file.read_to_end(&mut bytes)
            .map_err(|e| format!("unreadable: {e}"))?;
        let hash = blake3::hash(&bytes).to_hex().to_string();
        let meta = metadata::parse(&bytes).map_err(|e| e.to_string())?;
        (meta, Some(hash))
    } else {
        let meta = metadata::read_from(file).map_err(|e| e.to_string())?;
        (meta, None)
    };
    let mtime = info
        .modified()
        .ok()
        .and_then(|t| jiff::Timestamp::try_from(t).ok());
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let capture = metadata::capture_time(Some(&meta), &name, mtime);
    Ok(NewPhoto {
        path: path.to_path_buf(),
        hash,
        byte_size: info.len(),
        format: meta.format,
        width: meta.width,
        height: meta.height,
        orientation: meta.orientation,
        make: meta.make,
        model: meta.model,
        capture,
        gps: meta.gps,
        gps_utc: meta.gps_utc,
        metadata_version: METADATA_VERSION,
    })
}
