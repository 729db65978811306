//! Thumbnails: sizes (pure geometry), decoding with orientation applied, a cache named by content hash and size.
