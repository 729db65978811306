//! The catalog's schema as an append-only list of migrations; `PRAGMA user_version` counts how
//! many have run. Never edit a released migration: add a new one.

pub const MIGRATIONS: &[&str] = &[
    // 1: trips, camera clock shifts, photos, days.
    "
    CREATE TABLE trips (
        id         INTEGER PRIMARY KEY,
        name       TEXT NOT NULL UNIQUE,
        timezone   TEXT,                         -- set by the user; NULL = detect from photos
        day_start  TEXT NOT NULL DEFAULT '04:00' -- HH:MM local
    );
    CREATE TABLE camera_shifts (
        trip_id       INTEGER NOT NULL REFERENCES trips(id) ON DELETE CASCADE,
        camera        TEXT NOT NULL,             -- model::camera_name(make, model)
        shift_seconds INTEGER NOT NULL,
        PRIMARY KEY (trip_id, camera)
    );
    CREATE TABLE photos (
        id               INTEGER PRIMARY KEY,
        trip_id          INTEGER NOT NULL REFERENCES trips(id) ON DELETE CASCADE,
        path             TEXT NOT NULL,          -- original, absolute; never written to
        hash             TEXT NOT NULL UNIQUE,   -- blake3 of the bytes, hex
        byte_size        INTEGER NOT NULL,
        format           TEXT NOT NULL,
        width            INTEGER NOT NULL,       -- as stored, before orientation
        height           INTEGER NOT NULL,
        orientation      INTEGER NOT NULL DEFAULT 1,
        make             TEXT,
        model            TEXT,
        capture_date     TEXT,                   -- YYYY-MM-DD wall clock
        capture_time     TEXT,                   -- HH:MM:SS wall clock, NULL when only the date is known
        subsec           TEXT,
        offset_seconds   INTEGER,                -- NULL = zone unknown (never UTC)
        time_source      TEXT,
        gps_lat          REAL,
        gps_lon          REAL,
        gps_alt          REAL,
        gps_utc          TEXT,
        metadata_version INTEGER NOT NULL,
        thumb_state      TEXT NOT NULL DEFAULT 'pending', -- pending | ready | failed
        thumb_error      TEXT,
        caption          TEXT NOT NULL DEFAULT '',
        favourite        INTEGER NOT NULL DEFAULT 0,
        hidden           INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX photos_trip ON photos(trip_id);
    CREATE TABLE days (
        trip_id INTEGER NOT NULL REFERENCES trips(id) ON DELETE CASCADE,
        date    TEXT NOT NULL,                   -- trip-local YYYY-MM-DD
        title   TEXT NOT NULL DEFAULT '',
        notes   TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (trip_id, date)
    );
    ",
    // 2: camera clocks replace clock shifts. A shift ("add 6 h to the camera's reading") was
    // only right until the trip crossed a DST change; a clock ("+01:03:10", "Europe/Berlin",
    // "trip") is what the camera really did. SQL cannot turn a shift into a clock (that needs
    // the trip's zone at the camera's median photo), so old shifts stay in `camera_shifts` and
    // the journal converts them when it opens the library. Strays kept in a trip by hand,
    // picture hashes and dismissed clock suggestions for calibration.
    "
    CREATE TABLE camera_clocks (
        trip_id INTEGER NOT NULL REFERENCES trips(id) ON DELETE CASCADE,
        camera  TEXT NOT NULL,                   -- model::camera_name(make, model)
        clock   TEXT NOT NULL,                   -- model::format_clock
        PRIMARY KEY (trip_id, camera)
    );
    ALTER TABLE photos ADD COLUMN keep_in_trip INTEGER NOT NULL DEFAULT 0;
    -- 64-bit gradient hash of the grid thumbnail (as a signed integer), for finding the same
    -- scene shot by two devices; NULL until made.
    ALTER TABLE photos ADD COLUMN picture_hash INTEGER;
    -- Clock suggestions the person dismissed, so they are not offered again.
    CREATE TABLE dismissed_clocks (
        trip_id INTEGER NOT NULL REFERENCES trips(id) ON DELETE CASCADE,
        camera  TEXT NOT NULL,
        clock   TEXT NOT NULL,                   -- the suggestion, as model::format_clock
        PRIMARY KEY (trip_id, camera, clock)
    );
    ",
    // 3: the conference: sessions from agenda files (keyed on the feed's UID/guid, so a
    // re-import updates them), the person's attendance and notes, photos moved into or out of
    // sessions by hand, and people: speakers, people tagged on photos or met on a day.
    "
    CREATE TABLE sessions (
        trip_id     INTEGER NOT NULL REFERENCES trips(id) ON DELETE CASCADE,
        uid         TEXT NOT NULL,
        title       TEXT NOT NULL,
        speakers    TEXT NOT NULL DEFAULT '[]',  -- JSON [{name, company}]
        description TEXT NOT NULL DEFAULT '',
        track       TEXT,
        kind        TEXT,
        room        TEXT,
        location    TEXT,
        url         TEXT,
        start_utc   INTEGER NOT NULL,            -- Unix seconds
        end_utc     INTEGER NOT NULL,
        attended    INTEGER,                     -- 1 yes, 0 no (never inferred), NULL unknown
        notes       TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (trip_id, uid)
    );
    -- A photo moved by hand: a session's uid, '' for no session; NULL lets the rules decide.
    ALTER TABLE photos ADD COLUMN session_uid TEXT;
    CREATE TABLE people (
        id      INTEGER PRIMARY KEY,
        trip_id INTEGER NOT NULL REFERENCES trips(id) ON DELETE CASCADE,
        name    TEXT NOT NULL,
        link    TEXT,
        org     TEXT,
        private INTEGER NOT NULL DEFAULT 0,      -- 1: never named in any export
        UNIQUE (trip_id, name COLLATE NOCASE)
    );
    CREATE TABLE session_people (
        trip_id   INTEGER NOT NULL,
        uid       TEXT NOT NULL,
        person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        PRIMARY KEY (trip_id, uid, person_id),
        FOREIGN KEY (trip_id, uid) REFERENCES sessions(trip_id, uid) ON DELETE CASCADE
    );
    CREATE TABLE photo_people (
        photo_id  INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
        person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        PRIMARY KEY (photo_id, person_id)
    );
    CREATE TABLE day_people (
        trip_id   INTEGER NOT NULL REFERENCES trips(id) ON DELETE CASCADE,
        date      TEXT NOT NULL,                 -- trip-local YYYY-MM-DD
        person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        PRIMARY KEY (trip_id, date, person_id)
    );
    ",
    // 4: an import hashes a file only when another photo has its byte size (a duplicate needs
    // one); the others are hashed with their thumbnails, and until then `hash` holds the
    // provisional `pending:<byte size>:<path>` (see catalog::photos).
    "
    CREATE INDEX photos_size ON photos(byte_size);
    ",
];

/// The schema version this build writes.
pub const VERSION: i64 = MIGRATIONS.len() as i64;
