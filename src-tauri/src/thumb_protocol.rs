//! The `thumb` URI scheme: `thumb://localhost/<hash>/<size>` (`http://thumb.localhost/...` on
//! Windows) answers with a thumbnail JPEG (a preview is made the first time it is asked for),
//! and with 404 for anything `journal::thumb_file` does not vouch for. No other file can be
//! reached through it.

use lanyard::library::Library;
use tauri::http::{header, Method, Request, Response, StatusCode};

/// The response to one request. Thumbnails are named by content hash, so a cached answer never
/// goes stale.
pub fn respond(library: &Library, request: &Request<Vec<u8>>) -> Response<Vec<u8>> {
    let file = (matches!(*request.method(), Method::GET | Method::HEAD))
        .then(|| parse(request.uri().path()))
        .flatten()
        .and_then(|(hash, size)| lanyard::journal::thumb_file(library, hash, size));
    let bytes = file.and_then(|path| std::fs::read(path).ok());
    let response = Response::builder();
    match bytes {
        Some(bytes) => response
            .status(StatusCode::OK)
            .header(header::CONTENT_TYPE, "image/jpeg")
            .header(header::CACHE_CONTROL, "max-age=31536000, immutable")
            .body(bytes),
        None => response
            .status(StatusCode::NOT_FOUND)
            .header(header::CONTENT_TYPE, "text/plain")
            .body(b"not found".to_vec()),
    }
    .unwrap_or_else(|_| Response::new(Vec::new()))
}

/// "/<hash>/<size>" → (hash, size); anything else is `None`. Validation of both parts is
/// `Library::thumb_path`'s.
fn parse(path: &str) -> Option<(&str, &str)> {
    let mut parts = path.strip_prefix('/')?.split('/');
    let (hash, size) = (parts.next()?, parts.next()?);
    parts.next().is_none().then_some((hash, size))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(library: &Library, uri: &str) -> Response<Vec<u8>> {
        respond(library, &Request::get(uri).body(Vec::new()).unwrap())
    }

    #[test]
    fn serves_cached_thumbnails_and_nothing_else() {
        let tmp = std::env::temp_dir().join(format!("lanyard-thumb-proto-{}", std::process::id()));
        let library = Library::at(&tmp);
        let hash = "0f".repeat(32);
        let grid = lanyard::thumbs::cache_path(&library.thumbs_dir(), &hash, lanyard::thumbs::GRID);
        lanyard::files::write_atomic(&grid, b"\xff\xd8jpeg").unwrap();
        std::fs::write(tmp.join("secret.txt"), "no").unwrap();

        let ok = get(&library, &format!("thumb://localhost/{hash}/grid"));
        assert_eq!(ok.status(), StatusCode::OK);
        assert_eq!(ok.headers()[header::CONTENT_TYPE], "image/jpeg");
        assert_eq!(ok.body(), b"\xff\xd8jpeg");
        let windows = get(&library, &format!("http://thumb.localhost/{hash}/grid"));
        assert_eq!(windows.status(), StatusCode::OK);

        for uri in [
            format!("thumb://localhost/{hash}/preview"),
            format!("thumb://localhost/{hash}/grid/extra"),
            format!("thumb://localhost/{hash}"),
            "thumb://localhost/../secret.txt/grid".to_string(),
            "thumb://localhost/%2e%2e%2fsecret.txt/grid".to_string(),
            format!("thumb://localhost/{}/grid", hash.to_uppercase()),
            "thumb://localhost/".to_string(),
        ] {
            assert_eq!(get(&library, &uri).status(), StatusCode::NOT_FOUND, "{uri}");
        }
        let post = respond(
            &library,
            &Request::post(format!("thumb://localhost/{hash}/grid"))
                .body(Vec::new())
                .unwrap(),
        );
        assert_eq!(post.status(), StatusCode::NOT_FOUND);
        let _ = std::fs::remove_dir_all(tmp);
    }
}
