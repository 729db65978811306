//! Where a library lives: its folder, catalog file and thumbnail cache.
