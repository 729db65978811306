//! Generated sample photos: a hand-built EXIF writer and a small conference trip, for tests, benchmarks and newcomers.
