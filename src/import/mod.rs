//! Import: discover files, hash and dedupe, read metadata into the catalog, then make thumbnails.
