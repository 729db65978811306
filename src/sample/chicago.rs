//! The sample Chicago trip: KubeCon + CloudNativeCon North America 2023 at McCormick Place, a
//! week that crosses the end of US daylight saving time, seen by a phone and two cameras whose
//! clocks are wrong in different ways, with the flights from and back to Berlin where the
//! traveller lives, plus a stray photo from another year. Data only, no files;
//! [`chicago_truth`] says when and in which zone every file was really taken and on which day
//! it belongs.
//!
//! US daylight saving ended on Sunday 5 November 2023 at 02:00 CDT (−05:00), when clocks went
//! back to 01:00 CST (−06:00): 01:00–02:00 happened twice. Berlin had left summer time a week
//! earlier (29 Oct): it is on CET (+01:00) all trip. Days follow the traveller's calendar: a
//! photo is on the day of its local date where it was taken, the day before when earlier than
//! 04:00 there. Day 1 is Sat 4 Nov (the flight out, the arrival), day 2 Sun 5 Nov (the change;
//! sightseeing), days 3–6 Mon 6 – Thu 9 Nov (co-located events on Monday, keynotes and talks
//! Tuesday to Thursday), day 7 Fri 10 Nov (departure), day 8 Sat 11 Nov (home). The trip's main
//! zone is [`CHICAGO_ZONE`], where most photos with GPS were taken.
//!
//! - **The phone** (Google "Pixel 7") is always right: DateTimeOriginal with the offset in force
//!   at that instant (−05:00 before the change, −06:00 after, +01:00 in Berlin),
//!   SubSecTimeOriginal, GPS at the place with GPS UTC stamps, `PXL_` names in UTC. It shoots
//!   the repeated hour twice on the Saturday night: 01:20 CDT and then 01:15 CST, which is 55
//!   minutes *later*. Its photos at 00:40 on Sun 5 Nov and Thu 9 Nov belong to the day before.
//! - **Camera A** (`DSCF0001.JPG`…, "FUJIFILM" "X-T4") is on its owner's home time in Berlin
//!   as set in November (CET, +01:00), which a camera keeps whatever the date (cameras do not
//!   follow DST), and it runs 3 min 10 s fast: it reads UTC + [`FUJI_CLOCK`] at every moment.
//!   That is 6 h 03 min 10 s ahead of Chicago before the change and 7 h 03 min 10 s after, so
//!   read in the trip's zone its late-evening photos fall on the next day. DateTimeOriginal
//!   only: no offset, no sub-seconds, no GPS.
//! - **Camera B** (`IMG_0001.JPG`…, "Canon" "Canon EOS R6") was set to Chicago time on
//!   arrival (CDT) and never adjusted: it reads UTC + [`CANON_CLOCK`] at every moment, right
//!   until 02:00 on Sunday and one hour ahead after. Its last photo of the Saturday night
//!   (03:13 CST) reads 04:13, past the day start. A constant shift cannot fix both sides of the
//!   change; the fixed clock does. DateTimeOriginal and SubSecTimeOriginal, no offset, no GPS.
//!   It stays in the bag in Berlin.
//! - **Three screenshots** from the phone, dated only by their names (local wall time of the
//!   zone the phone was on).
//! - **A stray**: one phone photo from 14 July 2021 at the Brandenburg Gate (offset +02:00,
//!   GPS in Berlin) left in the same folder. It is years from the rest and alone, so it must
//!   stay off the trip (day `None` in the truth table).
//!
//! **The journey** (appended last, see below). Out, Sat 4 Nov, on Berlin time (CET): the packed
//! suitcase at home at 07:05, BER's terminal (52.3667, 13.5033) at 08:31, the plane at the gate
//! at 09:10 by the phone and, 27 s later, by the Fujifilm (a shared moment), take-off at 09:55;
//! at 10:45:12 the phone, still on Berlin time, takes `Screenshot_20231104-104512.png` (the
//! flight map, 50 minutes into the flight: nearer the last Berlin photo than the landing, and
//! after it, so both rules of the zone track keep it in Berlin). About 9 h 50 min later the
//! plane lands at O'Hare at 13:45 CDT, before the trip's first Chicago photo (14:05 CDT). Read
//! in Chicago the morning would be 01:05–03:10 CDT, before the day start: a Friday the
//! traveller never had. Back, Fri 10 Nov: the gate at O'Hare at 14:52 CST (phone and Fujifilm),
//! take-off at 15:40 CST, landing at BER at 08:15 CET on Saturday, the arrivals hall at 08:40
//! (phone and Fujifilm) — on Saturday's own day 8, though in Chicago it is 01:40 on Friday
//! night — and, jet-lagged at home, a phone photo at 00:55 CET on Sun 12 Nov, which belongs to
//! Saturday by the 04:00 day start in Berlin's local time. (A photo "just after landing at
//! 01:00" does not fit an afternoon flight east; this one is the day-start edge at home.)
//!
//! **Shared moments.** The phone and each camera shoot the same scene within a minute of each
//! other 21 (Fujifilm) and 21 (Canon) times, spread over the week, on both sides of the change
//! and in both zones: the evidence a calibration needs ([`chicago_shared_moments`]). A moment's
//! pictures are cut from one generated view, each device framing it its own way (crop, zoom,
//! aspect, exposure, colour), so they look alike to a perceptual hash while other moments don't
//! (see the test `shared_moments_look_alike_and_others_do_not`). There are bursts (several
//! shots a few seconds apart from one device) and shots that only one device took, so the time
//! patterns look like a real week.
//!
//! **Photos in sessions.** The conference days are laid out against an agenda
//! ([`super::chicago_agenda_ics`] and its siblings): keynotes, tracks, lunch, a tutorial. Three
//! phone photos were added for it after the first 100, so they come after them in
//! [`chicago_truth`], out of time order (the files before them kept their bytes): Mon 6 Nov
//! 10:44 in a community-day slot with two sessions, Tue 7 Nov 14:17 in a slot with four (none
//! attended), and Wed 8 Nov 09:21, a minute after one keynote handed over to the next. The ten
//! files of the journey were added after those, in time order among themselves, for the same
//! reason: every earlier file keeps its name, bytes and mtime. So the Fujifilm's shot at the
//! BER gate is `DSCF0027.JPG`, numbered after the week's.
//!
//! Every picture is small (phone 640×480 or 480×640, cameras 600×400) and shows an up-arrow
//! and its 1-based position in [`chicago_truth`] in the top-left corner.

use super::exif::{jpeg_with_exif, ExifSpec};
use super::picture::{self, Rng};
use super::trip::{phone_exif, phone_file_name, zone, Place, EXIF_TIME};
use super::SamplePhoto;
use jiff::civil::DateTime;
use jiff::tz::Offset;
use jiff::Timestamp;
use jiff::ZonedDateTime as Zoned;

/// The trip's main zone: the conference's.
pub const CHICAGO_ZONE: &str = "America/Chicago";
/// Where the traveller lives and flies from and back to.
pub const HOME_ZONE: &str = "Europe/Berlin";
/// The stray photo's zone (it was taken at home).
pub const STRAY_ZONE: &str = HOME_ZONE;
/// Day 1 of the trip (days start at [`super::DAY_START_HOUR`] in each photo's local time).
pub const CHICAGO_FIRST_DAY: &str = "2023-11-04";
/// Days from Sat 4 to Sat 11 Nov.
pub const CHICAGO_DAY_COUNT: u8 = 8;
/// The Fujifilm's true clock: its reading is the instant in UTC plus this (CET, 3 min 10 s fast).
pub const FUJI_CLOCK: &str = "+01:03:10";
/// The Canon's true clock: its reading is the instant in UTC plus this (CDT, never put back).
pub const CANON_CLOCK: &str = "-05:00";
/// The devices as Lanyard names them (`model::camera_name` of their Make and Model).
pub const PHONE_CAMERA: &str = "Google Pixel 7";
pub const FUJI_CAMERA: &str = "FUJIFILM X-T4";
pub const CANON_CAMERA: &str = "Canon EOS R6";

/// [`FUJI_CLOCK`] and [`CANON_CLOCK`] in seconds.
const FUJI_CLOCK_SECONDS: i32 = 3600 + 3 * 60 + 10;
const CANON_CLOCK_SECONDS: i32 = -5 * 3600;

/// Who took a file of the Chicago trip.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChicagoDevice {
    /// Google Pixel 7: offsets, sub-seconds, GPS. The stray is a phone photo too.
    Phone,
    /// FUJIFILM X-T4 on Berlin winter time, 3 min 10 s fast.
    Fuji,
    /// Canon EOS R6 on Chicago summer time (CDT), never put back.
    Canon,
    /// A phone screenshot (PNG), dated only by its name.
    Screenshot,
}

impl ChicagoDevice {
    /// The camera name Lanyard gives the files (`None`: no EXIF).
    pub fn camera(self) -> Option<&'static str> {
        match self {
            ChicagoDevice::Phone => Some(PHONE_CAMERA),
            ChicagoDevice::Fuji => Some(FUJI_CAMERA),
            ChicagoDevice::Canon => Some(CANON_CAMERA),
            ChicagoDevice::Screenshot => None,
        }
    }
}

/// What is true about one file of [`chicago_trip`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleTruth {
    pub file_name: String,
    /// The real capture instant, RFC 3339 with the local offset where it was taken
    /// ("2023-11-05T01:15:09.870-06:00", "2023-11-04T09:10:04.226+01:00" at BER; the stray's
    /// is in Berlin in July, +02:00).
    pub instant: String,
    /// The zone it was taken in: [`CHICAGO_ZONE`] or [`HOME_ZONE`].
    pub zone: &'static str,
    /// The trip day (1 = Sat 4 Nov): the local date in [`Self::zone`], the day before when
    /// earlier than 04:00 there; `None` for the stray, which belongs outside the trip.
    pub day: Option<u8>,
    pub device: ChicagoDevice,
    /// The scene's number when the phone and a camera both shot it (a shared moment).
    pub moment: Option<u16>,
}

const BERLIN: Place = Place {
    lat: 52.5163,
    lon: 13.3777,
    alt: 34.0,
};
/// The traveller's flat in Friedrichshain.
const HOME: Place = Place {
    lat: 52.5127,
    lon: 13.4551,
    alt: 38.0,
};
/// Berlin Brandenburg Airport (BER).
const BER: Place = Place {
    lat: 52.3667,
    lon: 13.5033,
    alt: 48.0,
};
const OHARE: Place = Place {
    lat: 41.9786,
    lon: -87.9048,
    alt: 204.0,
};
const HOTEL: Place = Place {
    lat: 41.8506,
    lon: -87.6189,
    alt: 182.0,
};
const MCCORMICK: Place = Place {
    lat: 41.8517,
    lon: -87.6157,
    alt: 180.0,
};
const RIVERWALK: Place = Place {
    lat: 41.8881,
    lon: -87.6233,
    alt: 178.0,
};
const FULTON_MARKET: Place = Place {
    lat: 41.8866,
    lon: -87.6480,
    alt: 181.0,
};
const RIVER_NORTH: Place = Place {
    lat: 41.8925,
    lon: -87.6341,
    alt: 182.0,
};
const CLOUD_GATE: Place = Place {
    lat: 41.8827,
    lon: -87.6233,
    alt: 182.0,
};
const ART_INSTITUTE: Place = Place {
    lat: 41.8796,
    lon: -87.6237,
    alt: 181.0,
};
const CHINATOWN: Place = Place {
    lat: 41.8528,
    lon: -87.6320,
    alt: 180.0,
};
const NAVY_PIER: Place = Place {
    lat: 41.8917,
    lon: -87.6086,
    alt: 177.0,
};
/// Willis Tower's Skydeck, 412 m above the street.
const SKYDECK: Place = Place {
    lat: 41.8789,
    lon: -87.6359,
    alt: 593.0,
};
const MUSEUM_CAMPUS: Place = Place {
    lat: 41.8663,
    lon: -87.6170,
    alt: 179.0,
};

/// One capture: who, when (the true instant with the local offset, to the millisecond) and in
/// which zone, the day it belongs on (0: outside the trip), the scene (same number, same view)
/// and, for the phone, where and whether held upright.
struct Shot {
    device: ChicagoDevice,
    at: &'static str,
    zone: &'static str,
    day: u8,
    scene: u16,
    place: Option<Place>,
    portrait: bool,
}

const fn phone(at: &'static str, day: u8, scene: u16, place: Place) -> Shot {
    Shot {
        device: ChicagoDevice::Phone,
        at,
        zone: CHICAGO_ZONE,
        day,
        scene,
        place: Some(place),
        portrait: false,
    }
}

/// A phone photo held upright (480×640).
const fn upright(at: &'static str, day: u8, scene: u16, place: Place) -> Shot {
    Shot {
        portrait: true,
        ..phone(at, day, scene, place)
    }
}

const fn camera(device: ChicagoDevice, at: &'static str, day: u8, scene: u16) -> Shot {
    Shot {
        device,
        at,
        zone: CHICAGO_ZONE,
        day,
        scene,
        place: None,
        portrait: false,
    }
}

/// The Fujifilm writes no sub-seconds: its instants are whole seconds.
const fn fuji(at: &'static str, day: u8, scene: u16) -> Shot {
    camera(ChicagoDevice::Fuji, at, day, scene)
}

/// The Canon writes hundredths: its instants are whole centiseconds.
const fn canon(at: &'static str, day: u8, scene: u16) -> Shot {
    camera(ChicagoDevice::Canon, at, day, scene)
}

const fn screenshot(at: &'static str, day: u8) -> Shot {
    camera(ChicagoDevice::Screenshot, at, day, 0)
}

/// A shot taken at home in Berlin ([`HOME_ZONE`]): `at` carries Berlin's offset.
const fn in_berlin(s: Shot) -> Shot {
    Shot {
        zone: HOME_ZONE,
        ..s
    }
}

/// The week in Chicago in order of the true instants, then the photos added for the agenda,
/// then the journey from and back to Berlin (each group appended, so that every file before it
/// keeps its name and bytes: a shot's pixels and marker depend on its position). Scenes are
/// numbered in order of first appearance; the Fujifilm's and the Canon's files are numbered in
/// this order.
const SHOTS: [Shot; 113] = [
    // The stray: a summer afternoon in Berlin two years earlier.
    in_berlin(phone("2021-07-14T16:22:08.480+02:00", 0, 52, BERLIN)),
    // Day 1, Sat 4 Nov (CDT, −05:00): arrival, the hotel, the Riverwalk, dinner, a party that
    // runs through the repeated hour.
    phone("2023-11-04T14:05:12.345-05:00", 1, 1, OHARE),
    phone("2023-11-04T14:48:30.120-05:00", 1, 2, OHARE),
    fuji("2023-11-04T14:48:55-05:00", 1, 2),
    phone("2023-11-04T16:10:04.512-05:00", 1, 3, HOTEL),
    canon("2023-11-04T16:10:31.400-05:00", 1, 3),
    phone("2023-11-04T17:42:07.210-05:00", 1, 4, RIVERWALK),
    phone("2023-11-04T17:42:09.880-05:00", 1, 4, RIVERWALK),
    phone("2023-11-04T17:42:12.004-05:00", 1, 4, RIVERWALK),
    canon("2023-11-04T17:42:25.500-05:00", 1, 4),
    fuji("2023-11-04T17:42:40-05:00", 1, 4),
    screenshot("2023-11-04T18:42:10-05:00", 1),
    phone("2023-11-04T19:31:44.650-05:00", 1, 6, FULTON_MARKET),
    canon("2023-11-04T19:32:05.300-05:00", 1, 6),
    fuji("2023-11-04T19:32:20-05:00", 1, 6),
    canon("2023-11-04T22:15:42.700-05:00", 1, 7),
    fuji("2023-11-04T23:05:18-05:00", 1, 8),
    phone("2023-11-05T00:40:05.012-05:00", 1, 9, RIVER_NORTH),
    canon("2023-11-05T00:40:36.900-05:00", 1, 9),
    phone("2023-11-05T01:20:14.220-05:00", 1, 10, RIVER_NORTH),
    fuji("2023-11-05T01:20:41-05:00", 1, 10),
    // 02:00 CDT: clocks go back to 01:00 CST (−06:00).
    phone("2023-11-05T01:15:09.870-06:00", 1, 11, RIVER_NORTH),
    canon("2023-11-05T01:15:37.200-06:00", 1, 11),
    phone("2023-11-05T03:12:51.300-06:00", 1, 12, RIVER_NORTH),
    canon("2023-11-05T03:13:15.600-06:00", 1, 12),
    // Day 2, Sun 5 Nov (CST from here on): the Bean, the Art Institute, Chinatown, Navy Pier,
    // the Skydeck at sunset, dinner.
    phone("2023-11-05T10:02:33.101-06:00", 2, 13, CLOUD_GATE),
    phone("2023-11-05T10:02:35.640-06:00", 2, 13, CLOUD_GATE),
    canon("2023-11-05T10:02:58.100-06:00", 2, 13),
    fuji("2023-11-05T10:03:05-06:00", 2, 13),
    phone("2023-11-05T11:25:18.777-06:00", 2, 14, ART_INSTITUTE),
    canon("2023-11-05T11:25:44.500-06:00", 2, 14),
    upright("2023-11-05T13:05:40.404-06:00", 2, 15, CHINATOWN),
    phone("2023-11-05T14:38:12.909-06:00", 2, 16, NAVY_PIER),
    fuji("2023-11-05T14:38:40-06:00", 2, 16),
    canon("2023-11-05T14:41:00.200-06:00", 2, 17),
    canon("2023-11-05T14:41:02.600-06:00", 2, 17),
    canon("2023-11-05T14:41:04.900-06:00", 2, 17),
    phone("2023-11-05T16:35:27.333-06:00", 2, 18, SKYDECK),
    fuji("2023-11-05T16:35:50-06:00", 2, 18),
    canon("2023-11-05T16:36:02.800-06:00", 2, 18),
    fuji("2023-11-05T18:50:11-06:00", 2, 19),
    phone("2023-11-05T20:45:02.050-06:00", 2, 20, HOTEL),
    // Day 3, Mon 6 Nov: co-located events at McCormick Place, dinner in Chinatown.
    upright("2023-11-06T08:12:45.600-06:00", 3, 21, MCCORMICK),
    phone("2023-11-06T09:05:20.250-06:00", 3, 22, MCCORMICK),
    fuji("2023-11-06T09:05:49-06:00", 3, 22),
    phone("2023-11-06T10:32:10.820-06:00", 3, 23, MCCORMICK),
    canon("2023-11-06T10:32:36.400-06:00", 3, 23),
    phone("2023-11-06T12:10:55.110-06:00", 3, 24, MCCORMICK),
    fuji("2023-11-06T13:40:02-06:00", 3, 25),
    fuji("2023-11-06T13:40:04-06:00", 3, 25),
    fuji("2023-11-06T13:40:07-06:00", 3, 25),
    phone("2023-11-06T15:02:18.460-06:00", 3, 26, MCCORMICK),
    fuji("2023-11-06T15:02:44-06:00", 3, 26),
    phone("2023-11-06T17:35:33.990-06:00", 3, 27, MCCORMICK),
    canon("2023-11-06T17:36:01.100-06:00", 3, 27),
    phone("2023-11-06T21:28:40.700-06:00", 3, 28, CHINATOWN),
    fuji("2023-11-06T21:29:06-06:00", 3, 28),
    // Day 4, Tue 7 Nov: keynotes, talks, the expo hall, a party at Navy Pier.
    phone("2023-11-07T08:58:12.150-06:00", 4, 29, MCCORMICK),
    phone("2023-11-07T08:58:14.480-06:00", 4, 29, MCCORMICK),
    canon("2023-11-07T08:58:31.700-06:00", 4, 29),
    fuji("2023-11-07T08:58:40-06:00", 4, 29),
    canon("2023-11-07T10:12:20.300-06:00", 4, 30),
    screenshot("2023-11-07T10:30:15-06:00", 4),
    phone("2023-11-07T11:04:05.606-06:00", 4, 31, MCCORMICK),
    canon("2023-11-07T11:04:29.900-06:00", 4, 31),
    phone("2023-11-07T14:01:50.050-06:00", 4, 32, MCCORMICK),
    fuji("2023-11-07T14:02:14-06:00", 4, 32),
    fuji("2023-11-07T16:20:33-06:00", 4, 33),
    phone("2023-11-07T17:58:09.300-06:00", 4, 34, MCCORMICK),
    canon("2023-11-07T17:58:35.500-06:00", 4, 34),
    phone("2023-11-07T20:04:44.440-06:00", 4, 35, NAVY_PIER),
    fuji("2023-11-07T20:05:10-06:00", 4, 35),
    // Day 5, Wed 8 Nov: keynotes, talks, dinner on the Museum Campus, a late party.
    phone("2023-11-08T09:01:02.020-06:00", 5, 36, MCCORMICK),
    canon("2023-11-08T09:01:21.600-06:00", 5, 36),
    fuji("2023-11-08T09:01:30-06:00", 5, 36),
    phone("2023-11-08T11:33:16.161-06:00", 5, 37, MCCORMICK),
    canon("2023-11-08T11:33:42.200-06:00", 5, 37),
    fuji("2023-11-08T13:31:07-06:00", 5, 38),
    phone("2023-11-08T15:05:58.585-06:00", 5, 39, MCCORMICK),
    fuji("2023-11-08T15:06:21-06:00", 5, 39),
    canon("2023-11-08T17:02:46.800-06:00", 5, 40),
    phone("2023-11-08T19:40:30.303-06:00", 5, 41, MUSEUM_CAMPUS),
    canon("2023-11-08T19:40:55-06:00", 5, 41),
    fuji("2023-11-08T23:48:19-06:00", 5, 43),
    phone("2023-11-09T00:40:12.120-06:00", 5, 42, RIVER_NORTH),
    // Day 6, Thu 9 Nov: the last keynotes and talks, the closing, a farewell dinner.
    phone("2023-11-09T09:02:41.414-06:00", 6, 44, MCCORMICK),
    fuji("2023-11-09T09:03:05-06:00", 6, 44),
    phone("2023-11-09T10:31:27.272-06:00", 6, 45, MCCORMICK),
    canon("2023-11-09T10:31:50.400-06:00", 6, 45),
    phone("2023-11-09T12:35:35.353-06:00", 6, 46, MCCORMICK),
    phone("2023-11-09T14:00:20.020-06:00", 6, 47, MCCORMICK),
    canon("2023-11-09T14:00:38.800-06:00", 6, 47),
    fuji("2023-11-09T14:00:45-06:00", 6, 47),
    phone("2023-11-09T16:05:05.505-06:00", 6, 48, MCCORMICK),
    canon("2023-11-09T16:05:30.100-06:00", 6, 48),
    phone("2023-11-09T18:33:03.030-06:00", 6, 49, FULTON_MARKET),
    fuji("2023-11-09T18:33:29-06:00", 6, 49),
    // Day 7, Fri 10 Nov: checking out, the airport.
    phone("2023-11-10T07:31:12.121-06:00", 7, 50, HOTEL),
    canon("2023-11-10T07:31:40.700-06:00", 7, 50),
    phone("2023-11-10T10:12:40.404-06:00", 7, 51, OHARE),
    // Added for the agenda: the community day's two parallel sessions (Mon), four parallel
    // sessions none of which is attended (Tue), the second of two back-to-back keynotes (Wed).
    phone("2023-11-06T10:44:18.515-06:00", 3, 53, MCCORMICK),
    phone("2023-11-07T14:17:42.707-06:00", 4, 54, MCCORMICK),
    phone("2023-11-08T09:21:37.137-06:00", 5, 55, MCCORMICK),
    // Added for the journey. Day 1, Sat 4 Nov, in Berlin (CET, +01:00): the suitcase at home,
    // the terminal, the plane at the gate (take-off 09:55), the flight map 50 minutes in, the
    // phone still on Berlin time. Landing at O'Hare at 13:45 CDT, before 14:05 above.
    in_berlin(upright("2023-11-04T07:05:41.118+01:00", 1, 56, HOME)),
    in_berlin(phone("2023-11-04T08:31:27.640+01:00", 1, 57, BER)),
    in_berlin(phone("2023-11-04T09:10:04.226+01:00", 1, 58, BER)),
    in_berlin(fuji("2023-11-04T09:10:31+01:00", 1, 58)),
    in_berlin(screenshot("2023-11-04T10:45:12+01:00", 1)),
    // Day 7, Fri 10 Nov: the gate at O'Hare (take-off 15:40 CST).
    phone("2023-11-10T14:52:18.181-06:00", 7, 59, OHARE),
    fuji("2023-11-10T14:52:44-06:00", 7, 59),
    // Day 8, Sat 11 Nov, in Berlin: landed at 08:15 CET, the arrivals hall; at home after
    // midnight (00:55 on Sunday by the calendar), still Saturday by the day start.
    in_berlin(phone("2023-11-11T08:40:26.262+01:00", 8, 60, BER)),
    in_berlin(fuji("2023-11-11T08:40:51+01:00", 8, 60)),
    in_berlin(phone("2023-11-12T00:55:09.909+01:00", 8, 61, HOME)),
];

/// How many shots of [`SHOTS`] come before the ones added for the agenda: those are in order of
/// their instants.
#[cfg(test)]
const FIRST_AGENDA_SHOT: usize = 100;

/// How many shots of [`SHOTS`] come before the journey's (the week's and the agenda's).
#[cfg(test)]
const FIRST_JOURNEY_SHOT: usize = 103;

/// The true instant of a shot, in the zone where it was taken.
fn moment(s: &Shot) -> Zoned {
    let at: Timestamp = s.at.parse().expect("sample instants are RFC 3339");
    at.to_zoned_datetime(zone(s.zone))
}

/// What a camera's clock reads at `at`: the instant in UTC plus the clock's offset.
fn reading(at: &Zoned, clock_seconds: i32) -> DateTime {
    Offset::from_seconds(clock_seconds)
        .expect("camera clocks are within a day of UTC")
        .to_datetime(at.timestamp())
}

/// The shared-moment number of a scene: some phone shot and some camera shot show it.
fn shared(scene: u16) -> Option<u16> {
    let by = |device| SHOTS.iter().any(|s| s.scene == scene && s.device == device);
    let camera = by(ChicagoDevice::Fuji) || by(ChicagoDevice::Canon);
    (scene != 0 && by(ChicagoDevice::Phone) && camera).then_some(scene)
}

/// File names in [`SHOTS`] order: `PXL_` in UTC, `DSCF`/`IMG_` counted per camera, screenshots
/// in local wall time.
fn file_names() -> Vec<String> {
    let (mut fuji_no, mut canon_no) = (0, 0);
    SHOTS
        .iter()
        .map(|s| {
            let at = moment(s);
            match s.device {
                ChicagoDevice::Phone => phone_file_name(&at),
                ChicagoDevice::Fuji => {
                    fuji_no += 1;
                    format!("DSCF{fuji_no:04}.JPG")
                }
                ChicagoDevice::Canon => {
                    canon_no += 1;
                    format!("IMG_{canon_no:04}.JPG")
                }
                ChicagoDevice::Screenshot => {
                    format!("Screenshot_{}.png", at.strftime("%Y%m%d-%H%M%S"))
                }
            }
        })
        .collect()
}

/// The view every device of a scene frames, before framing (4:3, larger than any frame).
const VIEW: (u32, u32) = (800, 600);

/// The phone's landscape frame of the view (x, y, width, height): the grid of the scene's
/// light pattern is laid on it.
const PHONE_FRAME: (f64, f64, f64, f64) = (60.0, 45.0, 680.0, 510.0);

/// The generated view's seed for a scene.
fn scene_seed(scene: u16) -> u64 {
    0x4B75_6265_0000 + u64::from(scene) * 7919
}

/// A perceptual hash (8×8 gradient: is each of 9×8 grey cells brighter than the one to its
/// left?) sees the generated landscapes as much alike: the sky, the vignette and the marker are
/// the same in every picture, so two unrelated views agree on about two thirds of the bits.
/// Real moments differ much more (a stage, a slide, a table), so every scene gets its own soft
/// light pattern across the view, strong enough to set those 64 comparisons: a row of a 64×64
/// Hadamard matrix (any two rows differ in exactly 32 places; scenes 64–127 take the
/// complements), with a fixed mask and a fixed shuffle of the positions so that no pattern is
/// a staircase. `true`: the cell is brighter than the one to its left.
fn light_bits(scene: u16) -> [bool; 64] {
    let (row, flip) = (u64::from(scene % 64), scene >= 64);
    let mut rng = Rng::new(0x0C41_CA90);
    let mask = rng.next();
    let mut order: Vec<usize> = (0..64).collect();
    for k in (1..64).rev() {
        order.swap(k, (rng.next() % (k as u64 + 1)) as usize);
    }
    let mut bits = [false; 64];
    for (k, &at) in order.iter().enumerate() {
        bits[at] = ((row & k as u64).count_ones() % 2 == 1) ^ (mask >> k & 1 == 1) ^ flip;
    }
    bits
}

/// Grey levels a step of the light pattern adds.
const LIGHT_STEP: f64 = 30.0;

/// The scene's light levels at the centres of a 9×8 grid over [`PHONE_FRAME`]: a step up or
/// down from cell to cell as [`light_bits`] says, each row centred on 0.
fn light_levels(scene: u16) -> [[f64; 9]; 8] {
    let bits = light_bits(scene);
    let mut levels = [[0.0f64; 9]; 8];
    for (y, row) in levels.iter_mut().enumerate() {
        for x in 0..8 {
            row[x + 1] = row[x] + if bits[y * 8 + x] { 1.0 } else { -1.0 };
        }
        let (lo, hi) = row
            .iter()
            .fold((f64::MAX, f64::MIN), |(lo, hi), &v| (lo.min(v), hi.max(v)));
        // A long run would make a row very bright at one end: keep it within 6 steps.
        let step = LIGHT_STEP * (6.0 / (hi - lo)).min(1.0);
        let mid = (lo + hi) / 2.0;
        row.iter_mut().for_each(|v| *v = (*v - mid) * step);
    }
    levels
}

/// Where view coordinate `at` falls between `knots` knots spread over `start..start + len`
/// (one per cell centre): the knot before it and the weight of the one after, clamped to the
/// outer knots.
fn between(at: f64, start: f64, len: f64, knots: usize) -> (usize, f64) {
    let k = ((at - start) * knots as f64 / len - 0.5).clamp(0.0, (knots - 1) as f64);
    let before = (k.floor() as usize).min(knots - 2);
    (before, k - before as f64)
}

/// The part of the view a device frames, in view pixels. It lies inside the view.
#[derive(Clone, Copy, Debug)]
struct Crop {
    x: f64,
    y: f64,
    width: f64,
    height: f64,
}

/// A device's picture (`width × height`) of a scene's `view`, framed at `crop`: the view's
/// pixels (nearest; the frames scale it by less than 10 %) at half their contrast, so the
/// landscape's skyline does not outvote the light; plus the scene's light, joined bilinearly
/// between the grid's knots in view coordinates, so frames shifted or zoomed by less than half
/// a cell agree on every comparison; then the device's exposure `gain` and colour `tint`.
fn develop(
    view: &[u8],
    scene: u16,
    crop: Crop,
    (width, height): (u32, u32),
    gain: f64,
    tint: [i32; 3],
) -> Vec<u8> {
    let levels = light_levels(scene);
    let (fx, fy, fw, fh) = PHONE_FRAME;
    let view_at =
        |p: u32, start: f64, len: f64, n: u32| start + (f64::from(p) + 0.5) * len / f64::from(n);
    let (vw, vh) = (VIEW.0 as usize, VIEW.1 as usize);
    // Per output column: the view column, and where it falls between the knots.
    let cols: Vec<(usize, (usize, f64))> = (0..width)
        .map(|x| {
            let at = view_at(x, crop.x, crop.width, width);
            ((at as usize).min(vw - 1), between(at, fx, fw, 9))
        })
        .collect();
    // The view's value `v` of channel `c` at half contrast, exposed: the light is added after.
    let gain = (gain * 256.0).round() as i32;
    let tone: [[i32; 256]; 3] = std::array::from_fn(|c| {
        std::array::from_fn(|v| ((((v as i32 + 128) >> 1) * gain) >> 8) + tint[c])
    });
    let mut out = vec![0u8; width as usize * height as usize * 3];
    let mut add = vec![0i32; width as usize];
    for (y, line) in (0..height).zip(out.chunks_exact_mut(width as usize * 3)) {
        let at = view_at(y, crop.y, crop.height, height);
        let row = &view[(at as usize).min(vh - 1) * vw * 3..][..vw * 3];
        let (ky, ty) = between(at, fy, fh, 8);
        let knots: [f64; 9] =
            std::array::from_fn(|k| levels[ky][k] * (1.0 - ty) + levels[ky + 1][k] * ty);
        for (a, &(_, (kx, tx))) in add.iter_mut().zip(&cols) {
            *a = ((knots[kx] * (1.0 - tx) + knots[kx + 1] * tx) * f64::from(gain) / 256.0) as i32;
        }
        for ((px, &a), &(vx, _)) in line.chunks_exact_mut(3).zip(&add).zip(&cols) {
            let src = &row[vx * 3..vx * 3 + 3];
            px[0] = (tone[0][usize::from(src[0])] + a).clamp(0, 255) as u8;
            px[1] = (tone[1][usize::from(src[1])] + a).clamp(0, 255) as u8;
            px[2] = (tone[2][usize::from(src[2])] + a).clamp(0, 255) as u8;
        }
    }
    out
}

/// The pixels of shot `index` (0-based in [`SHOTS`]) and their size: the scene's `view`
/// framed the device's way, with a few pixels of hand-held jitter per shot, developed, with
/// its marker.
fn pixels(s: &Shot, index: usize, view: &[u8]) -> (Vec<u8>, u32, u32) {
    let mut rng = Rng::new(index as u64 + 1);
    let mut jitter = |amp: i32| f64::from(rng.range(-amp, amp + 1));
    let (fx, fy, fw, fh) = PHONE_FRAME;
    // (centre x, centre y, crop width, crop height), output size, gain, tint.
    let ((cx, cy, cw, ch), (w, h), gain, tint) = match s.device {
        ChicagoDevice::Phone if s.portrait => {
            ((400.0, 300.0, 390.0, 520.0), (480, 640), 1.0, [0; 3])
        }
        ChicagoDevice::Phone => (
            (fx + fw / 2.0, fy + fh / 2.0, fw, fh),
            (640, 480),
            1.0,
            [0; 3],
        ),
        // 3:2, a little wider than the phone (less tall), to the right and up, brighter and
        // warmer.
        ChicagoDevice::Fuji => ((410.0, 296.0, 714.0, 476.0), (600, 400), 1.08, [6, 2, -6]),
        // 3:2, wider still, to the left and down, darker and cooler.
        ChicagoDevice::Canon => ((392.0, 304.0, 728.0, 485.0), (600, 400), 0.94, [-4, 0, 6]),
        ChicagoDevice::Screenshot => unreachable!("screenshots are not framed"),
    };
    let crop = Crop {
        x: cx + jitter(6) - cw / 2.0,
        y: cy + jitter(6) - ch / 2.0,
        width: cw,
        height: ch,
    };
    let mut out = develop(view, s.scene, crop, (w, h), gain, tint);
    picture::draw_marker(&mut out, w as usize, h as usize, index as u64 + 1);
    (out, w, h)
}

/// A camera's EXIF: its clock's reading, no offset, no GPS; little-endian, as both write.
fn camera_exif(make: &str, model: &str, read: DateTime, subsec: Option<String>) -> ExifSpec {
    let wall = read.strftime(EXIF_TIME).to_string();
    ExifSpec {
        make: Some(make.into()),
        model: Some(model.into()),
        orientation: Some(1),
        datetime_original: Some(wall.clone()),
        datetime_digitized: Some(wall.clone()),
        modify_date: Some(wall),
        subsec_original: subsec,
        ..ExifSpec::default()
    }
}

/// The Chicago trip: 113 files, the first 100 in order of their true instants, then the 3 added
/// for the agenda, then the 10 of the journey from and back to Berlin (see the module's comment
/// and [`chicago_truth`]). Deterministic bytes; every file's mtime is its capture instant.
pub fn chicago_trip() -> Vec<SamplePhoto> {
    // A scene's shots follow each other: keep the last view.
    let mut view: Option<(u16, Vec<u8>)> = None;
    SHOTS
        .iter()
        .zip(file_names())
        .enumerate()
        .map(|(i, (s, file_name))| {
            let at = moment(s);
            let bytes = match s.device {
                ChicagoDevice::Screenshot => {
                    picture::encode_png(picture::screen(360, 780, i as u64 + 1), 360, 780)
                }
                device => {
                    if view.as_ref().is_none_or(|(scene, _)| *scene != s.scene) {
                        let pixels = picture::landscape(VIEW.0, VIEW.1, scene_seed(s.scene));
                        view = Some((s.scene, pixels));
                    }
                    let (_, pixels_of_view) = view.as_ref().expect("set above");
                    let (rgb, w, h) = pixels(s, i, pixels_of_view);
                    let jpeg = picture::encode_jpeg(&rgb, w, h, 85);
                    let exif = match device {
                        ChicagoDevice::Phone => ExifSpec {
                            model: Some("Pixel 7".into()),
                            ..phone_exif(&at, s.place.expect("phone shots have a place"), i)
                        },
                        ChicagoDevice::Fuji => {
                            camera_exif("FUJIFILM", "X-T4", reading(&at, FUJI_CLOCK_SECONDS), None)
                        }
                        _ => camera_exif(
                            "Canon",
                            "Canon EOS R6",
                            reading(&at, CANON_CLOCK_SECONDS),
                            Some(format!("{:02}", at.millisecond() / 10)),
                        ),
                    };
                    jpeg_with_exif(&jpeg, &exif)
                }
            };
            SamplePhoto {
                file_name,
                bytes,
                mtime: Some(at.timestamp()),
            }
        })
        .collect()
}

/// Every file of [`chicago_trip`], in the same order, with its true instant, zone, day and
/// device.
pub fn chicago_truth() -> Vec<SampleTruth> {
    SHOTS
        .iter()
        .zip(file_names())
        .map(|(s, file_name)| SampleTruth {
            file_name,
            instant: s.at.to_string(),
            zone: s.zone,
            day: (s.day != 0).then_some(s.day),
            device: s.device,
            moment: shared(s.scene),
        })
        .collect()
}

/// The shared moments as (phone file, camera file) pairs, one per moment and camera: the
/// moment's first phone shot and that camera's first shot of it, less than a minute apart.
pub fn chicago_shared_moments() -> Vec<(String, String)> {
    let truth = chicago_truth();
    let mut pairs = Vec::new();
    for (i, t) in truth.iter().enumerate() {
        let first_of_its_device = truth[..i]
            .iter()
            .all(|u| u.moment != t.moment || u.device != t.device);
        if t.device == ChicagoDevice::Phone || t.moment.is_none() || !first_of_its_device {
            continue;
        }
        let phone = truth
            .iter()
            .find(|u| u.moment == t.moment && u.device == ChicagoDevice::Phone)
            .expect("a shared moment has a phone shot");
        pairs.push((phone.file_name.clone(), t.file_name.clone()));
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::super::DAY_START_HOUR;
    use super::*;
    use crate::metadata::{parse, PhotoMetadata};
    use jiff::civil::Date;
    use jiff::SignedDuration;
    use std::collections::{HashMap, HashSet};

    /// The trip, generated once for all tests.
    fn trip() -> &'static [SamplePhoto] {
        static TRIP: std::sync::OnceLock<Vec<SamplePhoto>> = std::sync::OnceLock::new();
        TRIP.get_or_init(chicago_trip)
    }

    fn meta(p: &SamplePhoto) -> PhotoMetadata {
        parse(&p.bytes).unwrap_or_else(|e| panic!("{}: {e}", p.file_name))
    }

    /// The true instant, in the zone where it was taken.
    fn instant(t: &SampleTruth) -> Zoned {
        let at: Timestamp = t.instant.parse().unwrap();
        at.to_zoned_datetime(zone(t.zone))
    }

    /// The trip day of a local time (1 = [`CHICAGO_FIRST_DAY`]) by the 04:00 day start.
    fn day_number(local: DateTime) -> i32 {
        let first: Date = CHICAGO_FIRST_DAY.parse().unwrap();
        let date = (local - SignedDuration::from_hours(DAY_START_HOUR.into())).date();
        (date - first).get_days() + 1
    }

    /// "+01:03:10" or "-05:00" in seconds.
    fn clock_seconds(clock: &str) -> i32 {
        let sign = if clock.starts_with('-') { -1 } else { 1 };
        let hms: Vec<i32> = clock[1..].split(':').map(|p| p.parse().unwrap()).collect();
        sign * (hms[0] * 3600 + hms[1] * 60 + hms.get(2).copied().unwrap_or(0))
    }

    #[test]
    fn same_bytes_every_time() {
        let again = chicago_trip();
        assert!(trip().iter().zip(&again).all(|(a, b)| a.bytes == b.bytes));
    }

    #[test]
    fn clock_constants_say_what_the_cameras_do() {
        assert_eq!(clock_seconds(FUJI_CLOCK), FUJI_CLOCK_SECONDS);
        assert_eq!(clock_seconds(CANON_CLOCK), CANON_CLOCK_SECONDS);
        for (device, make, model) in [
            (ChicagoDevice::Phone, "Google", "Pixel 7"),
            (ChicagoDevice::Fuji, "FUJIFILM", "X-T4"),
            (ChicagoDevice::Canon, "Canon", "Canon EOS R6"),
        ] {
            assert_eq!(
                crate::model::camera_name(Some(make), Some(model)).as_deref(),
                device.camera()
            );
        }
    }

    #[test]
    fn names_are_unique_and_the_truth_matches_the_files() {
        let photos = trip();
        let truth = chicago_truth();
        assert_eq!(photos.len(), truth.len());
        let mut seen = HashSet::new();
        for (p, t) in photos.iter().zip(&truth) {
            assert_eq!(p.file_name, t.file_name);
            assert!(seen.insert(p.file_name.clone()), "{} twice", p.file_name);
            assert_eq!(p.mtime, Some(t.instant.parse().unwrap()), "{}", p.file_name);
        }
        let count = |d| truth.iter().filter(|t| t.device == d).count();
        assert_eq!(count(ChicagoDevice::Phone), 54);
        assert_eq!(count(ChicagoDevice::Fuji), 29);
        assert_eq!(count(ChicagoDevice::Canon), 27);
        assert_eq!(count(ChicagoDevice::Screenshot), 3);
        let in_berlin = truth.iter().filter(|t| t.zone == HOME_ZONE).count();
        assert_eq!(in_berlin, 9, "the stray and 8 files of the journey");
        let instants: Vec<Timestamp> = truth.iter().map(|t| t.instant.parse().unwrap()).collect();
        let (week, added) = instants.split_at(FIRST_AGENDA_SHOT);
        let (agenda, journey) = added.split_at(FIRST_JOURNEY_SHOT - FIRST_AGENDA_SHOT);
        for (group, what) in [(week, "the week"), (agenda, "agenda"), (journey, "journey")] {
            assert!(
                group.windows(2).all(|w| w[0] < w[1]),
                "{what}: in order of instants"
            );
        }
        let mut all = instants.clone();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), instants.len(), "no two photos share an instant");
    }

    /// The first 103 files are the ones the trip had before the journey was added: their
    /// names, order and mtimes are pinned here (bytes follow from position and instant, which
    /// `same_bytes_every_time` and the instants below hold).
    #[test]
    fn the_files_before_the_journey_are_unchanged() {
        let truth = chicago_truth();
        let names: Vec<&str> = truth[..FIRST_JOURNEY_SHOT]
            .iter()
            .map(|t| t.file_name.as_str())
            .collect();
        assert_eq!(names.first(), Some(&"PXL_20210714_142208480.jpg"));
        assert_eq!(names[1], "PXL_20231104_190512345.jpg");
        assert_eq!(names[99], "PXL_20231110_161240404.jpg");
        assert_eq!(names[102], "PXL_20231108_152137137.jpg");
        let fuji = names.iter().filter(|n| n.starts_with("DSCF")).count();
        assert_eq!(fuji, 26, "DSCF0001–0026 before the journey");
    }

    /// Instant → local time where it was taken → minus the day start → its date, counted from
    /// day 1.
    #[test]
    fn every_day_in_the_truth_follows_from_its_instant() {
        let mut per_day = [0; CHICAGO_DAY_COUNT as usize + 1];
        for t in chicago_truth() {
            let local = instant(&t).datetime();
            let day = day_number(local);
            match t.day {
                Some(d) => assert_eq!(i32::from(d), day, "{} at {local}", t.file_name),
                None => assert!(day < -300, "the stray is far off the trip: day {day}"),
            }
            per_day[t.day.map_or(0, usize::from)] += 1;
        }
        assert_eq!(per_day[0], 1, "one stray");
        assert!(per_day[1..].iter().all(|&n| n >= 2), "every day has photos");
    }

    #[test]
    fn the_phone_writes_the_offset_in_force_on_both_sides_of_the_change() {
        let change: Timestamp = "2023-11-05T07:00:00Z".parse().unwrap();
        let (mut before, mut after, mut in_berlin) = (0, 0, 0);
        for (p, t) in trip().iter().zip(chicago_truth()) {
            if t.device != ChicagoDevice::Phone {
                continue;
            }
            let m = meta(p);
            let at = instant(&t);
            assert_eq!(m.make.as_deref(), Some("Google"));
            assert_eq!(m.model.as_deref(), Some("Pixel 7"));
            assert_eq!(m.offset, Some(at.offset()), "{}", p.file_name);
            assert!(
                t.instant.ends_with(&at.strftime("%:z").to_string()),
                "{}",
                t.instant
            );
            let wall = m.datetime_original.unwrap();
            assert_eq!(wall, at.datetime().with().millisecond(0).build().unwrap());
            assert_eq!(m.subsec, Some(format!("{:03}", at.millisecond())));
            let whole_second = Timestamp::from_second(at.timestamp().as_second()).unwrap();
            assert_eq!(m.gps_utc, Some(whole_second), "GPS UTC stamp");
            let gps = m.gps.unwrap();
            if t.zone == HOME_ZONE {
                // Summer time for the stray; CET all trip (Berlin left DST on 29 Oct).
                let hours = if t.day.is_none() { 2 } else { 1 };
                assert_eq!(at.offset(), Offset::constant(hours), "{}", t.instant);
                assert!((52.3..52.6).contains(&gps.lat) && (13.3..13.6).contains(&gps.lon));
                in_berlin += 1;
                continue;
            }
            assert_eq!(t.zone, CHICAGO_ZONE);
            assert!((41.8..42.0).contains(&gps.lat) && (-88.0..-87.5).contains(&gps.lon));
            if at.timestamp() < change {
                assert_eq!(at.offset(), Offset::constant(-5), "{}", t.instant);
                before += 1;
            } else {
                assert_eq!(at.offset(), Offset::constant(-6), "{}", t.instant);
                after += 1;
            }
        }
        assert!(before >= 8 && after >= 30, "{before} before, {after} after");
        assert_eq!(
            in_berlin, 6,
            "the stray and five phone photos of the journey"
        );
    }

    /// The journey: days by the local time where each photo was taken. Read in Chicago, the
    /// Berlin morning would be a Friday the traveller never had and the arrival at BER Friday
    /// night; the photo at home after midnight is Saturday's by the day start in Berlin.
    #[test]
    fn the_journey_is_on_the_travellers_calendar() {
        let truth = chicago_truth();
        let find = |prefix: &str| {
            truth
                .iter()
                .find(|t| t.instant.starts_with(prefix))
                .unwrap_or_else(|| panic!("{prefix}"))
        };
        let ts = |t: &SampleTruth| instant(t).timestamp();
        let in_chicago =
            |t: &SampleTruth| day_number(ts(t).to_zoned_datetime(zone(CHICAGO_ZONE)).datetime());
        let departure: Vec<&SampleTruth> = truth
            .iter()
            .filter(|t| t.zone == HOME_ZONE && t.day == Some(1))
            .collect();
        assert_eq!(departure.len(), 5);
        // 07:05–09:10 CET is 01:05–03:10 CDT; the screenshot (10:45 CET) is 04:45 CDT.
        for t in &departure {
            let want = if t.device == ChicagoDevice::Screenshot {
                1
            } else {
                0
            };
            assert_eq!(in_chicago(t), want, "{} read in Chicago", t.file_name);
        }
        let gate = find("2023-11-04T09:10:04");
        assert_eq!((gate.day, gate.zone), (Some(1), HOME_ZONE));
        assert!(chicago_shared_moments()
            .contains(&(gate.file_name.clone(), "DSCF0027.JPG".to_string())));

        // Out: the screenshot on the plane, on Berlin time, nearer the last photo in Berlin
        // than the first in Chicago; about 11 hours between those two.
        let shot = departure
            .iter()
            .find(|t| t.device == ChicagoDevice::Screenshot)
            .unwrap();
        assert_eq!(shot.file_name, "Screenshot_20231104-104512.png");
        let last_berlin = departure
            .iter()
            .filter(|t| t.device != ChicagoDevice::Screenshot)
            .map(|t| ts(t))
            .max()
            .unwrap();
        let first_chicago = truth
            .iter()
            .filter(|t| t.zone == CHICAGO_ZONE)
            .map(ts)
            .min()
            .unwrap();
        let (since, until) = (
            last_berlin.duration_until(ts(shot)),
            ts(shot).duration_until(first_chicago),
        );
        assert!(
            since > SignedDuration::ZERO && since < until,
            "{since:?} {until:?}"
        );
        let flight = last_berlin.duration_until(first_chicago);
        assert!(flight > SignedDuration::from_hours(10) && flight < SignedDuration::from_hours(12));

        // Back: Saturday's own day at BER (Friday night in Chicago), and at home after
        // midnight by the calendar, still Saturday.
        let arrival = find("2023-11-11T08:40:26");
        assert_eq!((arrival.day, arrival.zone), (Some(8), HOME_ZONE));
        assert_eq!(in_chicago(arrival), 7);
        let late = find("2023-11-12T00:55");
        assert_eq!((late.day, late.zone), (Some(8), HOME_ZONE));
        assert_eq!(instant(late).date(), jiff::civil::date(2023, 11, 12));
        let last_chicago = truth
            .iter()
            .filter(|t| t.zone == CHICAGO_ZONE)
            .map(ts)
            .max()
            .unwrap();
        assert_eq!(
            last_chicago,
            find("2023-11-10T14:52:44").instant.parse().unwrap()
        );

        // The main zone stays the conference's: most photos with GPS were taken there.
        let phones = |z: &str| {
            truth
                .iter()
                .filter(|t| t.device == ChicagoDevice::Phone && t.zone == z)
                .count()
        };
        assert!(phones(CHICAGO_ZONE) > 5 * phones(HOME_ZONE));
    }

    #[test]
    fn the_repeated_hour_is_shot_twice_in_real_order() {
        let truth = chicago_truth();
        let find = |instant: &str| truth.iter().position(|t| t.instant.starts_with(instant));
        let cdt = find("2023-11-05T01:20:14").unwrap();
        let cst = find("2023-11-05T01:15:09").unwrap();
        assert!(cdt < cst, "01:20 CDT comes before 01:15 CST");
        assert_eq!(truth[cdt].day, Some(1));
        assert_eq!(truth[cst].day, Some(1));
        let party = find("2023-11-05T00:40:05").unwrap();
        assert_eq!(truth[party].day, Some(1), "00:40 belongs to Saturday");
    }

    #[test]
    fn camera_readings_are_the_instant_plus_the_camera_clock() {
        for (p, t) in trip().iter().zip(chicago_truth()) {
            let (clock, subsec_digits) = match t.device {
                ChicagoDevice::Fuji => (FUJI_CLOCK, None),
                ChicagoDevice::Canon => (CANON_CLOCK, Some(2)),
                _ => continue,
            };
            let m = meta(p);
            assert_eq!(m.offset, None, "{}: no offset", p.file_name);
            assert_eq!(m.gps, None, "{}: no GPS", p.file_name);
            assert_eq!(m.gps_utc, None);
            let camera = crate::model::camera_name(m.make.as_deref(), m.model.as_deref());
            assert_eq!(camera.as_deref(), t.device.camera());
            let mut read = m.datetime_original.unwrap();
            if let Some(digits) = subsec_digits {
                let subsec = m.subsec.clone().unwrap();
                assert_eq!(subsec.len(), digits);
                let ms = subsec.parse::<i64>().unwrap() * 10;
                read += SignedDuration::from_millis(ms);
            } else {
                assert_eq!(m.subsec, None);
            }
            let at = instant(&t).timestamp();
            let expected = Offset::UTC.to_datetime(at)
                + SignedDuration::from_secs(clock_seconds(clock).into());
            assert_eq!(read, expected, "{} at {}", p.file_name, t.instant);
        }
    }

    #[test]
    fn shared_moments_pair_the_phone_with_a_camera_within_a_minute() {
        let truth: HashMap<String, SampleTruth> = chicago_truth()
            .into_iter()
            .map(|t| (t.file_name.clone(), t))
            .collect();
        let pairs = chicago_shared_moments();
        let mut per_camera: HashMap<ChicagoDevice, (usize, usize)> = HashMap::new();
        let change: Timestamp = "2023-11-05T07:00:00Z".parse().unwrap();
        for (phone, cam) in &pairs {
            let (p, c) = (&truth[phone], &truth[cam]);
            assert_eq!(p.device, ChicagoDevice::Phone);
            assert_eq!(p.moment, c.moment);
            let (tp, tc) = (instant(p).timestamp(), instant(c).timestamp());
            assert!(
                tp.duration_until(tc).abs() < SignedDuration::from_secs(60),
                "{phone} {cam}"
            );
            let e = per_camera.entry(c.device).or_default();
            if tc < change {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
        }
        // (before the change, after it)
        assert_eq!(per_camera[&ChicagoDevice::Fuji], (5, 16));
        assert_eq!(per_camera[&ChicagoDevice::Canon], (4, 17));
        // One pair per moment and camera: every camera shot of a moment is covered.
        let mut covered: Vec<(Option<u16>, ChicagoDevice)> = pairs
            .iter()
            .map(|(_, c)| (truth[c].moment, truth[c].device))
            .collect();
        let before = covered.len();
        covered.sort_by_key(|(m, d)| (*m, *d as u8));
        covered.dedup();
        assert_eq!(covered.len(), before, "one pair per moment and camera");
        for t in truth.values() {
            if t.device != ChicagoDevice::Phone && t.moment.is_some() {
                assert!(covered.contains(&(t.moment, t.device)), "{}", t.file_name);
            }
        }
    }

    /// Bursts from every device, and scenes only one device shot: time patterns like a
    /// real week, not a camera that always shoots beside the phone.
    #[test]
    fn bursts_and_single_device_shots() {
        let mut bursts = HashSet::new();
        for w in SHOTS.windows(2) {
            let gap = moment(&w[0]).duration_until(&moment(&w[1]));
            // The shots added for the agenda come after Friday's: a negative gap is no burst.
            let close = (SignedDuration::ZERO..SignedDuration::from_secs(5)).contains(&gap);
            if w[0].device == w[1].device && close {
                bursts.insert(w[0].device);
            }
        }
        assert_eq!(
            bursts.len(),
            3,
            "phone, Fujifilm and Canon bursts: {bursts:?}"
        );
        for device in [
            ChicagoDevice::Phone,
            ChicagoDevice::Fuji,
            ChicagoDevice::Canon,
        ] {
            let alone = SHOTS
                .iter()
                .filter(|s| s.device == device && s.day != 0 && shared(s.scene).is_none())
                .count();
            assert!(alone >= 5, "{device:?} shot {alone} scenes alone");
        }
    }

    /// Screenshots carry their local wall time in the name only.
    #[test]
    fn screenshots_are_dated_by_their_names() {
        let photos = trip();
        for (p, t) in photos.iter().zip(chicago_truth()) {
            if t.device != ChicagoDevice::Screenshot {
                continue;
            }
            assert_eq!(
                image::guess_format(&p.bytes).unwrap(),
                image::ImageFormat::Png
            );
            let (date, time) = crate::metadata::date_from_name(&p.file_name).unwrap();
            let local = instant(&t).datetime();
            assert_eq!((date, time), (local.date(), Some(local.time())));
        }
    }

    /// Measured (image_hasher 3.0, 8×8 gradient hash of the decoded files): the phone and
    /// camera pictures of a shared moment are 0–9 bits apart (any two pictures of one scene,
    /// bursts and Fujifilm–Canon included: 0–10); pictures of different scenes 20–43, 30.9 on
    /// average (the light patterns alone would be 32 apart; the skyline and the marker blur
    /// that). The bounds leave room for small changes to the pictures.
    #[test]
    fn shared_moments_look_alike_and_others_do_not() {
        assert!(
            SHOTS.iter().all(|s| s.scene < 128),
            "light patterns are distinct for scenes below 128"
        );
        let hasher = image_hasher::HasherConfig::new().to_hasher();
        let truth = chicago_truth();
        // Screenshots are not views of a scene; portraits are phone-only and framed apart.
        let hashed: Vec<(usize, image_hasher::ImageHash)> = trip()
            .iter()
            .enumerate()
            .filter(|(i, _)| SHOTS[*i].device != ChicagoDevice::Screenshot)
            .map(|(i, p)| {
                (
                    i,
                    hasher.hash_image(&image::load_from_memory(&p.bytes).unwrap()),
                )
            })
            .collect();
        let hash_of = |name: &str| {
            let i = truth.iter().position(|t| t.file_name == name).unwrap();
            &hashed.iter().find(|(j, _)| *j == i).unwrap().1
        };
        let shared: Vec<u32> = chicago_shared_moments()
            .iter()
            .map(|(phone, camera)| hash_of(phone).dist(hash_of(camera)))
            .collect();
        let (mut same_scene, mut unrelated) = (Vec::new(), Vec::new());
        for (k, (i, a)) in hashed.iter().enumerate() {
            for (j, b) in &hashed[k + 1..] {
                let pair = (a.dist(b), &truth[*i].file_name, &truth[*j].file_name);
                if SHOTS[*i].scene == SHOTS[*j].scene {
                    same_scene.push(pair);
                } else {
                    unrelated.push(pair);
                }
            }
        }
        let farthest_shared = *shared.iter().max().unwrap();
        let farthest_same = same_scene.iter().max().unwrap();
        let closest_unrelated = unrelated.iter().min().unwrap();
        assert!(farthest_shared <= 12, "shared moments: {shared:?}");
        assert!(
            farthest_same.0 <= 12,
            "one scene, far apart: {farthest_same:?}"
        );
        assert!(
            closest_unrelated.0 >= 18 && closest_unrelated.0 > farthest_same.0 + 5,
            "unrelated pictures look alike: {closest_unrelated:?}, one scene up to {}",
            farthest_same.0
        );
    }
}
