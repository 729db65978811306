//! The sample conference trip: three days in Amsterdam seen by a phone, a camera on home time,
//! two screenshots and a WhatsApp image, with the day each file belongs on. Data only, no files.

use super::exif::{jpeg_with_exif, ExifSpec, GpsSpec};
use super::{jpeg, jpeg_oriented, picture, SamplePhoto};
use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use jiff::ZonedDateTime as Zoned;

/// The trip's zone. All three days are in CEST (+02:00).
pub const TRIP_ZONE: &str = "Europe/Amsterdam";
/// The zone the camera's clock was left on: its wall clock is 6 hours behind Amsterdam.
pub const CAMERA_HOME_ZONE: &str = "America/New_York";
/// Lanyard's default day start: photos before 04:00 belong to the previous day.
pub const DAY_START_HOUR: i8 = 4;

/// Every file of [`conference_trip`] and its day (1 = Tue 2022-05-17, 2 = Wed 18, 3 = Thu 19)
/// in [`TRIP_ZONE`] with days starting at [`DAY_START_HOUR`], once the "Canon EOS RP" is
/// shifted by +6 h. In chronological order of the real capture instants.
///
/// - The phone's `PXL_` names carry **UTC** time, as Pixel phones name files; the EXIF
///   (DateTimeOriginal + OffsetTimeOriginal +02:00, GPS UTC stamps) gives the local time.
/// - `PXL_20220517_224005012.jpg` is the party at 00:40 on 18 May, local: day 1.
/// - `IMG-20220519-WA0007.jpg` is **date-only** (`filename-date`): day 3. Its mtime is a later
///   export date (2022-05-22) and must not win over the name.
/// - The two screenshots have their local wall-clock time only in the name (`filename`).
/// - Without the camera shift, `IMG_0001.JPG` (camera clock 03:05 on 17 May) falls before the
///   trip's first day, `IMG_0007.JPG` (02:30 on 18 May) on day 1 and `IMG_0011.JPG` (03:25
///   on 19 May) on day 2; every other camera photo keeps its day.
pub const CONFERENCE_TRIP_DAYS: [(&str, u8); 36] = [
    ("PXL_20220517_065214310.jpg", 1),
    ("IMG_0001.JPG", 1),
    ("PXL_20220517_080503221.jpg", 1),
    ("IMG_0002.JPG", 1),
    ("PXL_20220517_123022123.jpg", 1),
    ("IMG_0003.JPG", 1),
    ("PXL_20220517_141048456.jpg", 1),
    ("IMG_0004.JPG", 1),
    ("PXL_20220517_174510789.jpg", 1),
    ("IMG_0005.JPG", 1),
    ("PXL_20220517_224005012.jpg", 1),
    ("IMG_0006.JPG", 1),
    ("IMG_0007.JPG", 2),
    ("PXL_20220518_073027640.jpg", 2),
    ("Screenshot_20220518-101500.png", 2),
    ("PXL_20220518_090209118.jpg", 2),
    ("IMG_0008.JPG", 2),
    ("PXL_20220518_110555907.jpg", 2),
    ("IMG_0009.JPG", 2),
    ("Screenshot 2022-05-18 at 16.45.10.png", 2),
    ("PXL_20220518_162040330.jpg", 2),
    ("IMG_0010.JPG", 2),
    ("PXL_20220518_194802555.jpg", 2),
    ("PXL_20220519_071044002.jpg", 3),
    ("IMG_0011.JPG", 3),
    ("PXL_20220519_083000100.jpg", 3),
    ("PXL_20220519_101537818.jpg", 3),
    ("IMG_0012.JPG", 3),
    ("PXL_20220519_120521404.jpg", 3),
    ("PXL_20220519_134012987.jpg", 3),
    ("IMG_0013.JPG", 3),
    ("IMG-20220519-WA0007.jpg", 3),
    ("PXL_20220519_165503250.jpg", 3),
    ("IMG_0014.JPG", 3),
    ("PXL_20220519_184519600.jpg", 3),
    ("PXL_20220519_212008149.jpg", 3),
];

#[derive(Clone, Copy, PartialEq, Debug)]
pub(crate) enum Device {
    /// Google Pixel 6: offsets, sub-seconds, GPS.
    Phone,
    /// Canon EOS RP on New York time: wall clock only, no GPS.
    Camera,
    /// Android screenshot PNG, local time in the name.
    AndroidScreenshot,
    /// macOS screenshot PNG, local time in the name.
    MacScreenshot,
    /// WhatsApp JPEG, no EXIF, only the date in the name.
    WhatsApp,
}

/// How the picture is framed and stored.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(crate) enum Look {
    /// 640×480, orientation 1 (or none).
    Landscape,
    /// 480×640 stored upright, orientation 1.
    Portrait,
    /// Displayed 480×640, stored 640×480 with this EXIF orientation (6 or 8).
    Turned(u16),
}

#[derive(Clone, Copy)]
pub(crate) struct Place {
    pub(crate) lat: f64,
    pub(crate) lon: f64,
    pub(crate) alt: f64,
}

const SCHIPHOL: Place = Place {
    lat: 52.3105,
    lon: 4.7683,
    alt: -3.0,
};
pub(crate) const RAI: Place = Place {
    lat: 52.3396,
    lon: 4.8883,
    alt: -1.5,
};
const FOODHALLEN: Place = Place {
    lat: 52.3669,
    lon: 4.8686,
    alt: 0.5,
};
const PARADISO: Place = Place {
    lat: 52.3622,
    lon: 4.8838,
    alt: 1.0,
};
const PRINSENGRACHT: Place = Place {
    lat: 52.3731,
    lon: 4.8832,
    alt: 0.4,
};
const DE_PIJP: Place = Place {
    lat: 52.3551,
    lon: 4.8936,
    alt: -0.5,
};
const RIJKSMUSEUM: Place = Place {
    lat: 52.3600,
    lon: 4.8852,
    alt: 1.2,
};
const VONDELPARK: Place = Place {
    lat: 52.3580,
    lon: 4.8686,
    alt: -0.8,
};
const CENTRAAL: Place = Place {
    lat: 52.3791,
    lon: 4.9003,
    alt: 2.0,
};
const ZUIDAS: Place = Place {
    lat: 52.3376,
    lon: 4.8730,
    alt: -1.0,
};

/// One capture: who, when (the real Amsterdam wall clock, to the millisecond), where, how.
pub(crate) struct Shot {
    pub(crate) device: Device,
    pub(crate) local: &'static str,
    pub(crate) place: Place,
    pub(crate) look: Look,
}

const fn shot(device: Device, local: &'static str, place: Place, look: Look) -> Shot {
    Shot {
        device,
        local,
        place,
        look,
    }
}

use Device::*;
use Look::*;

/// The trip, in order of the real capture instants. [`CONFERENCE_TRIP_DAYS`] is the same list.
pub(crate) const SHOTS: [Shot; 36] = [
    // Day 1, Tue 17 May: arrival, registration, keynote, dinner, the party after midnight.
    shot(Phone, "2022-05-17T08:52:14.310", SCHIPHOL, Landscape),
    shot(Camera, "2022-05-17T09:05:40.270", SCHIPHOL, Landscape),
    shot(Phone, "2022-05-17T10:05:03.221", RAI, Landscape),
    shot(Camera, "2022-05-17T10:20:12.530", RAI, Landscape),
    shot(Phone, "2022-05-17T14:30:22.123", RAI, Landscape),
    shot(Camera, "2022-05-17T14:41:05.110", RAI, Turned(6)),
    shot(Phone, "2022-05-17T16:10:48.456", RAI, Portrait),
    shot(Camera, "2022-05-17T17:55:30.940", RAI, Landscape),
    shot(Phone, "2022-05-17T19:45:10.789", FOODHALLEN, Landscape),
    shot(Camera, "2022-05-17T20:02:44.380", FOODHALLEN, Landscape),
    shot(Phone, "2022-05-18T00:40:05.012", PARADISO, Landscape),
    shot(Camera, "2022-05-18T00:52:18.650", PARADISO, Turned(8)),
    // Day 2, Wed 18 May: talks, lunch, a canal tour, dinner.
    shot(Camera, "2022-05-18T08:30:00.000", RAI, Landscape),
    shot(Phone, "2022-05-18T09:30:27.640", RAI, Landscape),
    shot(AndroidScreenshot, "2022-05-18T10:15:00.000", RAI, Portrait),
    shot(Phone, "2022-05-18T11:02:09.118", RAI, Portrait),
    shot(Camera, "2022-05-18T11:40:31.720", RAI, Turned(6)),
    shot(Phone, "2022-05-18T13:05:55.907", RAI, Landscape),
    shot(Camera, "2022-05-18T15:12:03.060", RAI, Landscape),
    shot(MacScreenshot, "2022-05-18T16:45:10.000", RAI, Landscape),
    shot(Phone, "2022-05-18T18:20:40.330", PRINSENGRACHT, Landscape),
    shot(Camera, "2022-05-18T18:33:16.490", PRINSENGRACHT, Landscape),
    shot(Phone, "2022-05-18T21:48:02.555", DE_PIJP, Landscape),
    // Day 3, Thu 19 May: last talks, a museum, the park, the station, a late drink.
    shot(Phone, "2022-05-19T09:10:44.002", RAI, Landscape),
    shot(Camera, "2022-05-19T09:25:09.810", RAI, Landscape),
    shot(Phone, "2022-05-19T10:30:00.100", RAI, Portrait),
    shot(Phone, "2022-05-19T12:15:37.818", RAI, Landscape),
    shot(Camera, "2022-05-19T13:50:50.200", RIJKSMUSEUM, Turned(8)),
    shot(Phone, "2022-05-19T14:05:21.404", RIJKSMUSEUM, Landscape),
    shot(Phone, "2022-05-19T15:40:12.987", VONDELPARK, Landscape),
    shot(Camera, "2022-05-19T16:02:26.330", VONDELPARK, Landscape),
    shot(WhatsApp, "2022-05-19T17:30:00.000", CENTRAAL, Portrait),
    shot(Phone, "2022-05-19T18:55:03.250", CENTRAAL, Landscape),
    shot(Camera, "2022-05-19T19:10:41.870", CENTRAAL, Landscape),
    shot(Phone, "2022-05-19T20:45:19.600", ZUIDAS, Landscape),
    shot(Phone, "2022-05-19T23:20:08.149", ZUIDAS, Landscape),
];

pub(crate) fn zone(name: &str) -> TimeZone {
    TimeZone::get(name).expect("the bundled tzdb knows the sample zones")
}

/// The real capture moment of a shot, in Amsterdam.
pub(crate) fn moment(s: &Shot) -> Zoned {
    let wall: DateTime = s.local.parse().expect("sample times are valid");
    wall.to_zoned_datetime(zone(TRIP_ZONE))
        .expect("no gap or fold in May")
}

/// The file name a shot gets; `camera_no` counts the camera's files from 1.
pub(crate) fn file_name(s: &Shot, camera_no: usize) -> String {
    let at = moment(s);
    match s.device {
        Phone => phone_file_name(&at),
        Camera => format!("IMG_{camera_no:04}.JPG"),
        AndroidScreenshot => format!("Screenshot_{}.png", at.strftime("%Y%m%d-%H%M%S")),
        MacScreenshot => format!("Screenshot {}.png", at.strftime("%Y-%m-%d at %H.%M.%S")),
        WhatsApp => format!("IMG-{}-WA0007.jpg", at.strftime("%Y%m%d")),
    }
}

/// A Pixel's file name: the capture instant in UTC, to the millisecond.
pub(crate) fn phone_file_name(at: &Zoned) -> String {
    let utc = at.with_time_zone(TimeZone::UTC);
    format!(
        "PXL_{}{:03}.jpg",
        utc.strftime("%Y%m%d_%H%M%S"),
        utc.millisecond()
    )
}

pub(crate) const EXIF_TIME: &str = "%Y:%m:%d %H:%M:%S";

/// The EXIF a phone photo carries: local wall clock with its offset, sub-seconds, and GPS
/// stamped with the same instant in UTC. `index` jitters the position a few metres.
pub(crate) fn phone_exif(at: &Zoned, place: Place, index: usize) -> ExifSpec {
    let wall = at.strftime(EXIF_TIME).to_string();
    let offset = at.strftime("%:z").to_string();
    let utc = at.with_time_zone(TimeZone::UTC);
    let jitter = |k: usize| ((index * k) % 11) as f64 - 5.0;
    ExifSpec {
        make: Some("Google".into()),
        model: Some("Pixel 6".into()),
        orientation: Some(1),
        datetime_original: Some(wall.clone()),
        datetime_digitized: Some(wall.clone()),
        modify_date: Some(wall),
        subsec_original: Some(format!("{:03}", at.millisecond())),
        offset_original: Some(offset.clone()),
        offset_digitized: Some(offset.clone()),
        offset: Some(offset),
        gps: Some(GpsSpec {
            lat: Some(place.lat + jitter(37) * 0.00004),
            lon: Some(place.lon + jitter(53) * 0.00006),
            alt: Some(place.alt + jitter(7) * 0.1),
            date_stamp: Some(utc.strftime("%Y:%m:%d").to_string()),
            time_stamp: Some((
                utc.hour() as u32,
                utc.minute() as u32,
                f64::from(utc.second()),
            )),
            ..GpsSpec::default()
        }),
        // Both byte orders appear in the trip: the phone's blocks are big-endian.
        big_endian: true,
    }
}

/// The Canon's EXIF: its clock reads New York time, with no offset and no GPS.
fn camera_exif(at: &Zoned, orientation: u16) -> ExifSpec {
    let wall = at
        .with_time_zone(zone(CAMERA_HOME_ZONE))
        .strftime(EXIF_TIME)
        .to_string();
    ExifSpec {
        make: Some("Canon".into()),
        model: Some("Canon EOS RP".into()),
        orientation: Some(orientation),
        datetime_original: Some(wall.clone()),
        datetime_digitized: Some(wall.clone()),
        modify_date: Some(wall),
        subsec_original: Some(format!("{:02}", at.millisecond() / 10)),
        ..ExifSpec::default()
    }
}

/// A small conference trip, 36 files over 17–19 May 2022 in Amsterdam, in order of the real
/// capture instants; see [`CONFERENCE_TRIP_DAYS`] for the day of every file.
///
/// - 19 phone JPEGs (Google "Pixel 6"): DateTimeOriginal with OffsetTimeOriginal +02:00,
///   SubSecTimeOriginal (the name's milliseconds), GPS at the venues (RAI Amsterdam 52.3396,
///   4.8883 and others; altitudes near or below sea level) with GPSDateStamp/GPSTimeStamp
///   equal to the capture instant in UTC. 640×480, or 480×640 stored upright.
/// - 14 camera JPEGs (`IMG_0001.JPG`…, "Canon" / "Canon EOS RP"): the clock was left on
///   New York time, so DateTimeOriginal is 6 hours behind Amsterdam, with no offset and no
///   GPS. Stored 640×480; `IMG_0003`, `IMG_0008` carry orientation 6 and `IMG_0006`,
///   `IMG_0012` orientation 8 (displayed 480×640, upright once rotated).
/// - Two PNG screenshots without EXIF, their local time only in the name.
/// - One WhatsApp JPEG without EXIF, only its date in the name.
///
/// Every picture shows an up-arrow and its 1-based position in this list in the top-left
/// corner. Pixels and bytes are deterministic; every file has an mtime (the capture instant,
/// except the WhatsApp image's later export date).
pub fn conference_trip() -> Vec<SamplePhoto> {
    let mut camera_no = 0;
    SHOTS
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let at = moment(s);
            if s.device == Camera {
                camera_no += 1;
            }
            let seed = i as u64 + 1;
            let (w, h) = match s.look {
                Landscape => (640, 480),
                Portrait | Turned(_) => (480, 640),
            };
            let mut mtime = Some(at.timestamp());
            let bytes = match s.device {
                Phone => jpeg_with_exif(&jpeg(w, h, seed, 85), &phone_exif(&at, s.place, i)),
                Camera => {
                    let orientation = match s.look {
                        Turned(o) => o,
                        _ => 1,
                    };
                    let pixels = jpeg_oriented(w, h, seed, 85, orientation);
                    jpeg_with_exif(&pixels, &camera_exif(&at, orientation))
                }
                AndroidScreenshot => picture::encode_png(picture::screen(360, 780, seed), 360, 780),
                MacScreenshot => picture::encode_png(picture::screen(800, 500, seed), 800, 500),
                WhatsApp => {
                    let export: DateTime = "2022-05-22T18:00:00".parse().expect("valid");
                    mtime = Some(
                        export
                            .to_zoned_datetime(zone(TRIP_ZONE))
                            .expect("no gap")
                            .timestamp(),
                    );
                    jpeg(w, h, seed, 70)
                }
            };
            SamplePhoto {
                file_name: file_name(s, camera_no),
                bytes,
                mtime,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::exif::{In, Reader, Tag};
    use std::collections::HashMap;
    use std::io::Cursor;

    fn ascii(e: &::exif::Exif, tag: Tag) -> Option<String> {
        match &e.get_field(tag, In::PRIMARY)?.value {
            ::exif::Value::Ascii(v) => Some(String::from_utf8(v[0].clone()).unwrap()),
            _ => None,
        }
    }

    /// The day a wall clock in the trip zone belongs to, with the 04:00 day start.
    fn day_of(wall: DateTime) -> i64 {
        let date = wall
            .checked_sub(jiff::SignedDuration::from_hours(DAY_START_HOUR.into()))
            .unwrap()
            .date();
        assert_eq!((date.year(), date.month()), (2022, 5));
        i64::from(date.day()) - 16
    }

    fn exif_wall(e: &::exif::Exif) -> DateTime {
        let s = ascii(e, Tag::DateTimeOriginal).unwrap();
        DateTime::strptime(EXIF_TIME, &s).unwrap()
    }

    #[test]
    fn the_day_table_matches_the_shots_and_the_files() {
        let photos = conference_trip();
        let names: Vec<&str> = photos.iter().map(|p| p.file_name.as_str()).collect();
        let table: Vec<&str> = CONFERENCE_TRIP_DAYS.iter().map(|(n, _)| *n).collect();
        assert_eq!(
            names, table,
            "CONFERENCE_TRIP_DAYS lists the files in order"
        );
        for ((name, day), s) in CONFERENCE_TRIP_DAYS.iter().zip(&SHOTS) {
            let real = moment(s).datetime();
            assert_eq!(day_of(real), i64::from(*day), "{name} at {real}");
        }
    }

    #[test]
    fn counts_per_kind() {
        let photos = conference_trip();
        let count = |f: &dyn Fn(&str) -> bool| photos.iter().filter(|p| f(&p.file_name)).count();
        assert_eq!(photos.len(), 36);
        assert_eq!(count(&|n| n.starts_with("PXL_")), 19);
        assert_eq!(count(&|n| n.starts_with("IMG_")), 14);
        assert_eq!(count(&|n| n.starts_with("Screenshot")), 2);
        assert_eq!(count(&|n| n.contains("-WA")), 1);
        let mut seen = std::collections::HashSet::new();
        assert!(
            photos.iter().all(|p| seen.insert(&p.file_name)),
            "unique names"
        );
        assert!(photos.iter().all(|p| p.mtime.is_some()));
    }

    #[test]
    fn every_file_decodes_and_its_exif_reads_back() {
        let mut per_make: HashMap<Option<String>, usize> = HashMap::new();
        for p in conference_trip() {
            let img = image::load_from_memory(&p.bytes)
                .unwrap_or_else(|e| panic!("{} decodes: {e}", p.file_name));
            let exif = Reader::new().read_from_container(&mut Cursor::new(&p.bytes));
            let make = exif.as_ref().ok().and_then(|e| ascii(e, Tag::Make));
            *per_make.entry(make.clone()).or_default() += 1;
            let Ok(e) = exif else {
                assert!(
                    p.file_name.starts_with("Screenshot") || p.file_name.contains("-WA"),
                    "{} has EXIF",
                    p.file_name
                );
                continue;
            };
            let orientation = e
                .get_field(Tag::Orientation, In::PRIMARY)
                .and_then(|f| f.value.get_uint(0))
                .unwrap();
            let stored = (img.width(), img.height());
            match make.as_deref() {
                Some("Google") => {
                    assert_eq!(ascii(&e, Tag::Model).as_deref(), Some("Pixel 6"));
                    assert_eq!(
                        ascii(&e, Tag::OffsetTimeOriginal).as_deref(),
                        Some("+02:00")
                    );
                    assert_eq!(orientation, 1);
                    // GPS stamp == capture instant, and the PXL name is the same instant in UTC.
                    let local = exif_wall(&e);
                    let date = ascii(&e, Tag::GPSDateStamp).unwrap();
                    let ts = match &e.get_field(Tag::GPSTimeStamp, In::PRIMARY).unwrap().value {
                        ::exif::Value::Rational(r) => {
                            r.iter().map(|r| r.to_f64()).collect::<Vec<_>>()
                        }
                        v => panic!("{v:?}"),
                    };
                    let gps = DateTime::strptime(
                        "%Y:%m:%d %H:%M:%S",
                        format!("{date} {:02}:{:02}:{:02}", ts[0], ts[1], ts[2]),
                    )
                    .unwrap();
                    let hours = local.duration_since(gps).as_hours();
                    assert_eq!(hours, 2, "{}: GPS UTC is local −2 h", p.file_name);
                    let subsec = ascii(&e, Tag::SubSecTimeOriginal).unwrap();
                    let name_utc = format!("{}{subsec}", gps.strftime("PXL_%Y%m%d_%H%M%S"));
                    assert_eq!(p.file_name, format!("{name_utc}.jpg"));
                    let lat = e.get_field(Tag::GPSLatitude, In::PRIMARY).unwrap();
                    let ::exif::Value::Rational(r) = &lat.value else {
                        panic!()
                    };
                    let deg = r[0].to_f64() + r[1].to_f64() / 60.0 + r[2].to_f64() / 3600.0;
                    assert!(
                        (52.30..52.39).contains(&deg),
                        "{} in Amsterdam",
                        p.file_name
                    );
                }
                Some("Canon") => {
                    assert_eq!(ascii(&e, Tag::Model).as_deref(), Some("Canon EOS RP"));
                    assert!(ascii(&e, Tag::OffsetTimeOriginal).is_none());
                    assert!(e.get_field(Tag::GPSLatitude, In::PRIMARY).is_none());
                    assert_eq!(stored, (640, 480), "the camera stores landscape pixels");
                }
                other => panic!("unexpected make {other:?}"),
            }
        }
        assert_eq!(per_make[&Some("Google".into())], 19);
        assert_eq!(per_make[&Some("Canon".into())], 14);
        assert_eq!(per_make[&None], 3);
    }

    #[test]
    fn the_camera_clock_is_six_hours_behind() {
        let photos = conference_trip();
        let cams = SHOTS
            .iter()
            .zip(&photos)
            .filter(|(s, _)| s.device == Camera);
        let mut orientations = Vec::new();
        for (s, p) in cams {
            let e = Reader::new()
                .read_from_container(&mut Cursor::new(&p.bytes))
                .unwrap();
            let shifted = exif_wall(&e)
                .checked_add(jiff::SignedDuration::from_hours(6))
                .unwrap();
            assert_eq!(
                shifted,
                moment(s).datetime().with().millisecond(0).build().unwrap()
            );
            orientations.push(
                e.get_field(Tag::Orientation, In::PRIMARY)
                    .unwrap()
                    .value
                    .get_uint(0)
                    .unwrap(),
            );
        }
        assert_eq!(orientations.iter().filter(|&&o| o == 6).count(), 2);
        assert_eq!(orientations.iter().filter(|&&o| o == 8).count(), 2);
    }

    #[test]
    fn pngs_are_real_pngs_and_the_whatsapp_image_has_no_exif() {
        for p in conference_trip() {
            if p.file_name.ends_with(".png") {
                assert_eq!(
                    image::guess_format(&p.bytes).unwrap(),
                    image::ImageFormat::Png,
                    "{}",
                    p.file_name
                );
            }
            if p.file_name.contains("-WA") {
                assert!(!p.bytes.windows(6).any(|w| w == b"Exif\0\0"));
                let export = "2022-05-22T16:00:00Z".parse::<jiff::Timestamp>().unwrap();
                assert_eq!(p.mtime, Some(export));
            }
        }
    }
}
