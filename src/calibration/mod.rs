//! Camera calibration: the clock of each camera that writes no UTC offset, estimated from the
//! moments it shot together with a device that knows the time (a phone writing offsets or GPS
//! time). Pure: photos and the trip in, suggestions out; the journal stores what is applied.
//!
//! Evidence is of two kinds. Time patterns: for a candidate clock, a camera photo whose
//! corrected instant falls within a minute of a reference photo counts, and bursts line up
//! only at the right offset. Picture content: a pair whose grid thumbnails have close
//! perceptual hashes (the same slide, stage or table) counts three times as much. Every
//! candidate offset within ±26 h is scored with a sliding window over all pair differences;
//! the best is compared with the background (the median score over all offsets: what chance
//! alone gives on a trip full of photos) and with the best clearly different offset. Two
//! models are fitted: a fixed UTC offset (what a camera nobody re-set does) and "the trip's
//! zone, a constant ahead" (a camera that follows daylight saving); the one that fits the
//! matched moments better is suggested, the fixed one when they fit alike. No suggestion when
//! the evidence is thin or two offsets fit almost as well: a wrong clock is worse than none.

use crate::model::{
    clock_for_people, format_clock, CameraClock, ClockSetting, Photo, TimeSource, Trip,
};
use crate::thumbs::hash_distance;
use crate::timeline::{self, reading_instant};
use jiff::civil::DateTime;
use jiff::tz::{Offset, TimeZone};
use jiff::{SignedDuration, Timestamp};
use serde::Serialize;
use std::collections::BTreeMap;

/// Two shots within this many seconds of each other may be one moment.
const MATCH_WINDOW_S: i64 = 60;
/// Hashes this close (of 64 bits) show the same scene.
pub const VISUAL_MAX_BITS: u32 = 16;
/// A visual match weighs this many time-only matches.
const VISUAL_WEIGHT: u32 = 3;
/// Offsets further than this from the best one are a different explanation.
const DISTINCT_S: i64 = 300;
/// The largest clock error considered (jiff's offsets go to ±25:59:59).
const MAX_OFFSET_S: i64 = 26 * 3600 - 1;
/// The least evidence above chance for a suggestion: four moments seen in both pictures, or a
/// dozen time-only coincidences more than chance gives.
const MIN_EXCESS: f64 = 12.0;
/// Look-alike pairs enough to compare offsets by pictures alone.
const MIN_VISUAL: u32 = 3;
/// The least number of matched camera photos.
const MIN_PAIRS: usize = 5;
/// A runner-up with this share of the best's evidence makes the answer ambiguous.
const AMBIGUOUS: f64 = 0.6;
/// Suggestions that move no photo by more than this are "already right".
const ALREADY_RIGHT_S: i64 = 120;

/// Which clock model a suggestion uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Model {
    /// A fixed UTC offset.
    Fixed,
    /// The trip's zone with its DST, a constant ahead.
    Zone,
}

/// One camera's calibration: a suggestion with its evidence, or why there is none. Serializes
/// as `{"camera","clock","model","pairs","residual_s","confidence","changes_day",…}` or
/// `{"camera","none"}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum CameraCalibration {
    Suggestion(Suggestion),
    NoSuggestion {
        camera: String,
        /// Why, for people.
        none: String,
    },
}

impl CameraCalibration {
    pub fn camera(&self) -> &str {
        match self {
            CameraCalibration::Suggestion(s) => &s.camera,
            CameraCalibration::NoSuggestion { camera, .. } => camera,
        }
    }
}

/// A suggested clock and the evidence for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    pub camera: String,
    /// As `lanyard shift --clock` takes it: "+01:03:10", "trip+2m".
    pub clock: String,
    pub model: Model,
    /// Camera photos matched with a reference photo within a minute at this clock.
    pub pairs: usize,
    /// Of those, how many look alike (close perceptual hashes).
    pub visual: usize,
    /// Distinct moments among the pairs (photos within two minutes are one moment).
    pub moments: usize,
    /// Root mean square of the matched pairs' time differences, in seconds.
    pub residual_s: f64,
    /// 0–1: how far the evidence stands above chance and above the next best offset.
    pub confidence: f64,
    /// Photos of the trip whose day would change.
    pub changes_day: usize,
    /// The clock the camera has now.
    pub current: String,
    /// For people: "FUJIFILM X-T4's clock reads UTC+01:03:10 (7 h 3 min ahead of Chicago);
    /// 23 matched moments."
    pub text: String,
    #[serde(skip)]
    pub camera_clock: CameraClock,
}

/// A photo whose instant a device wrote (offset tags, GPS time).
struct Reference {
    at: i64,
    hash: Option<u64>,
    camera: Option<String>,
}

/// A camera photo: its wall-clock reading (as seconds, read as if UTC) and fingerprint.
struct Reading {
    wall: DateTime,
    naive: i64,
    hash: Option<u64>,
}

/// Calibrates every camera of the trip whose photos carry no offset, by camera name.
pub fn calibrate(photos: &[Photo], trip: &Trip) -> Vec<CameraCalibration> {
    let tz = timeline::effective_zone(photos, trip).tz;
    let mut references: Vec<Reference> = photos
        .iter()
        .filter_map(|p| {
            let capture = p.capture.as_ref()?;
            let known = matches!(
                capture.source,
                TimeSource::ExifOffset | TimeSource::ExifGpsUtc
            );
            known.then_some(())?;
            Some(Reference {
                at: capture.instant()?.as_second(),
                hash: p.picture_hash,
                camera: p.camera(),
            })
        })
        .collect();
    references.sort_by_key(|r| r.at);

    let mut cameras: BTreeMap<String, Vec<Reading>> = BTreeMap::new();
    for photo in photos {
        let (Some(camera), Some(capture)) = (photo.camera(), photo.capture.as_ref()) else {
            continue;
        };
        let Some(wall) = capture.wall().filter(|_| capture.source.is_camera_clock()) else {
            continue;
        };
        let Ok(naive) = wall.to_zoned_datetime(TimeZone::UTC) else {
            continue;
        };
        cameras.entry(camera).or_default().push(Reading {
            wall,
            naive: naive.timestamp().as_second(),
            hash: photo.picture_hash,
        });
    }
    cameras
        .into_iter()
        .map(|(camera, readings)| {
            let refs: Vec<&Reference> = references
                .iter()
                .filter(|r| r.camera.as_deref() != Some(camera.as_str()))
                .collect();
            calibrate_camera(photos, trip, &tz, &camera, &readings, &refs)
        })
        .collect()
}

/// One pair's offset candidate: camera photo `cam`, reference time difference `d`.
#[derive(Clone, Copy)]
struct Pair {
    d: i64,
    cam: u32,
    visual: bool,
}

/// The outcome of scoring every offset.
struct Search {
    /// The middle of the best window and the window's pairs' median.
    best: i64,
    score: f64,
    runner_up: f64,
    baseline: f64,
    /// Camera photos with a look-alike pair in the best window, and the most in any window
    /// clearly apart from it.
    visual: u32,
    runner_up_visual: u32,
}

fn calibrate_camera(
    photos: &[Photo],
    trip: &Trip,
    tz: &TimeZone,
    camera: &str,
    readings: &[Reading],
    refs: &[&Reference],
) -> CameraCalibration {
    let none = |why: String| CameraCalibration::NoSuggestion {
        camera: camera.to_string(),
        none: why,
    };
    if refs.is_empty() {
        return none(
            "no photo of the trip knows its time (a phone writing UTC offsets or GPS time is \
             needed to compare with)"
                .to_string(),
        );
    }
    // Fixed model: reading = instant + F. Zone model: the reading read in the trip's zone is
    // the instant plus A, give or take the DST change.
    let fixed_keys: Vec<i64> = readings.iter().map(|r| r.naive).collect();
    let zone_keys: Vec<Option<i64>> = readings
        .iter()
        .map(|r| reading_instant(r.wall, &CameraClock::default(), tz).map(|t| t.as_second()))
        .collect();
    let fixed = search(
        &pairs(readings, refs, |i| Some(fixed_keys[i])),
        readings.len(),
    );
    let zone = search(&pairs(readings, refs, |i| zone_keys[i]), readings.len());
    let Some(fixed) = fixed else {
        return none(too_few(0));
    };

    let fixed_clock = Offset::from_seconds(fixed.best as i32)
        .ok()
        .map(|offset| CameraClock::Fixed { offset });
    let zone_clock = zone.as_ref().map(|z| CameraClock::Trip {
        ahead: SignedDuration::from_secs(z.best),
    });
    let mut fits: Vec<(Model, CameraClock, &Search, Fit)> = Vec::new();
    if let Some(clock) = fixed_clock {
        let fit = fit(readings, refs, &clock, tz);
        fits.push((Model::Fixed, clock, &fixed, fit));
    }
    if let (Some(clock), Some(search)) = (zone_clock, zone.as_ref()) {
        let fit = fit(readings, refs, &clock, tz);
        fits.push((Model::Zone, clock, search, fit));
    }
    // The better fit; a fixed clock when they fit alike (cameras rarely follow DST).
    fits.sort_by(|a, b| {
        b.3.score
            .cmp(&a.3.score)
            .then(a.3.rms.total_cmp(&b.3.rms))
            .then((a.0 == Model::Zone).cmp(&(b.0 == Model::Zone)))
    });
    let Some((model, clock, search, fit)) = fits.into_iter().next() else {
        return none(too_few(0));
    };

    // Pictures that look alike are evidence chance does not give, so when there are some,
    // offsets are compared by them alone; time patterns alone are compared above chance (a
    // phone shooting every few minutes lines up with many offsets).
    let (excess, runner) = if search.visual >= MIN_VISUAL {
        (
            f64::from(search.visual * VISUAL_WEIGHT),
            f64::from(search.runner_up_visual * VISUAL_WEIGHT),
        )
    } else {
        (
            search.score - search.baseline,
            (search.runner_up - search.baseline).max(0.0),
        )
    };
    if fit.pairs.len() < MIN_PAIRS || excess < MIN_EXCESS {
        return none(too_few(fit.moments()));
    }
    if runner >= AMBIGUOUS * excess {
        return none(format!(
            "two clocks fit almost as well ({} matched moments for the best); take a photo \
             of the same thing with the phone and the camera, or set the clock by hand",
            fit.moments()
        ));
    }

    // Refine: the median of the matched pairs' differences, to the second.
    let mut residuals: Vec<i64> = fit.pairs.iter().map(|p| p.1).collect();
    residuals.sort_unstable();
    let correction = residuals[residuals.len() / 2];
    let clock = match clock {
        CameraClock::Fixed { offset } => {
            match Offset::from_seconds(offset.seconds() + correction as i32) {
                Ok(offset) => CameraClock::Fixed { offset },
                Err(_) => CameraClock::Fixed { offset },
            }
        }
        CameraClock::Trip { ahead } => CameraClock::Trip {
            ahead: ahead + SignedDuration::from_secs(correction),
        },
        other => other,
    };
    let fit = self::fit(readings, refs, &clock, tz);

    let current = trip.clock_of(camera).cloned().unwrap_or_default();
    let moved_most = readings
        .iter()
        .filter_map(|r| {
            let now = reading_instant(r.wall, &current, tz)?;
            let then = reading_instant(r.wall, &clock, tz)?;
            Some((now.as_second() - then.as_second()).abs())
        })
        .max()
        .unwrap_or(0);
    if moved_most <= ALREADY_RIGHT_S {
        return none(format!(
            "its clock already agrees with the photos that know their time ({} matched \
             moments)",
            fit.moments()
        ));
    }

    let confidence = ((1.0 - runner / excess) * (excess / 30.0).min(1.0)).clamp(0.0, 1.0);
    let mut after = trip.clone();
    after.clocks.retain(|c| c.camera != camera);
    after.clocks.push(ClockSetting {
        camera: camera.to_string(),
        clock: clock.clone(),
    });
    let changes_day = timeline::moved_photos(photos, trip, &after).len();
    let text = suggestion_text(camera, &clock, readings, tz, fit.moments());
    CameraCalibration::Suggestion(Suggestion {
        camera: camera.to_string(),
        clock: format_clock(&clock),
        model,
        pairs: fit.pairs.len(),
        visual: fit.visual,
        moments: fit.moments(),
        residual_s: (fit.rms * 10.0).round() / 10.0,
        confidence: (confidence * 100.0).round() / 100.0,
        changes_day,
        current: format_clock(&current),
        text,
        camera_clock: clock,
    })
}

fn too_few(moments: usize) -> String {
    format!(
        "too few moments shared with a device that knows the time ({moments} found; photos \
         of the same thing within a minute are needed)"
    )
}

/// Every (camera photo, reference) pair whose difference is a possible clock error. `key` is
/// the camera photo's time under the model at zero error.
fn pairs(
    readings: &[Reading],
    refs: &[&Reference],
    key: impl Fn(usize) -> Option<i64>,
) -> Vec<Pair> {
    let mut out = Vec::new();
    for (i, reading) in readings.iter().enumerate() {
        let Some(k) = key(i) else { continue };
        let lo = refs.partition_point(|r| r.at < k - MAX_OFFSET_S);
        for r in &refs[lo..] {
            let d = k - r.at;
            if d < -MAX_OFFSET_S {
                break;
            }
            out.push(Pair {
                d,
                cam: i as u32,
                visual: looks_alike(reading.hash, r.hash),
            });
        }
    }
    out.sort_unstable_by_key(|p| p.d);
    out
}

fn looks_alike(a: Option<u64>, b: Option<u64>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if hash_distance(a, b) <= VISUAL_MAX_BITS)
}

/// Per camera photo, how many pairs of each kind are inside the window.
struct Window {
    visual: Vec<u32>,
    any: Vec<u32>,
    score: u32,
    /// Camera photos with a look-alike pair in the window.
    alike: u32,
}

impl Window {
    fn new(n: usize) -> Window {
        Window {
            visual: vec![0; n],
            any: vec![0; n],
            score: 0,
            alike: 0,
        }
    }

    fn weight(&self, cam: usize) -> u32 {
        if self.visual[cam] > 0 {
            VISUAL_WEIGHT
        } else if self.any[cam] > 0 {
            1
        } else {
            0
        }
    }

    fn add(&mut self, p: &Pair) {
        let cam = p.cam as usize;
        let before = self.weight(cam);
        self.any[cam] += 1;
        if p.visual {
            self.visual[cam] += 1;
            self.alike += u32::from(self.visual[cam] == 1);
        }
        self.score = self.score - before + self.weight(cam);
    }

    fn remove(&mut self, p: &Pair) {
        let cam = p.cam as usize;
        let before = self.weight(cam);
        self.any[cam] -= 1;
        if p.visual {
            self.visual[cam] -= 1;
            self.alike -= u32::from(self.visual[cam] == 0);
        }
        self.score = self.score - before + self.weight(cam);
    }
}

/// Scores every offset: each camera photo counts once, by its best pair within the window.
fn search(pairs: &[Pair], cameras: usize) -> Option<Search> {
    let first = pairs.first()?;
    let width = 2 * MATCH_WINDOW_S;
    let mut window = Window::new(cameras);
    let mut left = 0;
    // (score, centre, look-alike photos) of every window position.
    let mut windows: Vec<(u32, i64, u32)> = Vec::with_capacity(pairs.len());
    for right in 0..pairs.len() {
        window.add(&pairs[right]);
        while pairs[right].d - pairs[left].d > width {
            window.remove(&pairs[left]);
            left += 1;
        }
        windows.push((
            window.score,
            (pairs[left].d + pairs[right].d) / 2,
            window.alike,
        ));
    }
    // Pictures beat time patterns: with enough look-alike pairs, the offset with the most of
    // them wins; otherwise the one where the most photos line up.
    let by_pictures = windows
        .iter()
        .max_by_key(|(score, centre, alike)| (*alike, *score, -centre.abs()))
        .filter(|w| w.2 >= MIN_VISUAL);
    let by_time = || {
        windows
            .iter()
            .max_by_key(|(score, centre, _)| (*score, -centre.abs()))
    };
    let &(score, centre, visual) = by_pictures.or_else(by_time)?;
    let apart = || {
        windows
            .iter()
            .filter(|(_, c, _)| (c - centre).abs() > DISTINCT_S)
    };
    let runner_up = apart().map(|w| w.0).max().unwrap_or(0);
    let runner_up_visual = apart().map(|w| w.2).max().unwrap_or(0);

    // Chance: the median score over offsets spread evenly over the whole range of pairs.
    let last = pairs.last().map_or(first.d, |p| p.d);
    let mut samples = Vec::new();
    let mut at = first.d;
    let mut probe = Window::new(cameras);
    while at <= last {
        let lo = pairs.partition_point(|p| p.d < at - MATCH_WINDOW_S);
        let hi = pairs.partition_point(|p| p.d <= at + MATCH_WINDOW_S);
        for p in &pairs[lo..hi] {
            probe.add(p);
        }
        samples.push(probe.score);
        for p in &pairs[lo..hi] {
            probe.remove(p);
        }
        at += 600;
    }
    samples.sort_unstable();
    let baseline = f64::from(samples.get(samples.len() / 2).copied().unwrap_or(0));

    // The best window's own centre: the median of its pairs, each camera photo's closest.
    let members: Vec<i64> = pairs
        .iter()
        .filter(|p| (p.d - centre).abs() <= MATCH_WINDOW_S)
        .map(|p| p.d)
        .collect();
    let best = members.get(members.len() / 2).copied().unwrap_or(centre);
    Some(Search {
        best,
        score: f64::from(score),
        runner_up: f64::from(runner_up),
        baseline,
        visual,
        runner_up_visual,
    })
}

/// How one clock fits: each camera photo matched to the reference closest in time within a
/// minute (one that looks alike first), with the difference reference − camera in seconds.
struct Fit {
    /// (camera photo index, reference − camera instant).
    pairs: Vec<(usize, i64)>,
    visual: usize,
    score: u32,
    rms: f64,
    /// Camera instants of the matched photos, for counting moments.
    instants: Vec<i64>,
}

impl Fit {
    /// Matched photos within two minutes of each other are one moment.
    fn moments(&self) -> usize {
        let mut at = self.instants.clone();
        at.sort_unstable();
        at.windows(2)
            .filter(|w| w[1] - w[0] > 2 * MATCH_WINDOW_S)
            .count()
            + usize::from(!at.is_empty())
    }
}

fn fit(readings: &[Reading], refs: &[&Reference], clock: &CameraClock, tz: &TimeZone) -> Fit {
    let mut fit = Fit {
        pairs: Vec::new(),
        visual: 0,
        score: 0,
        rms: 0.0,
        instants: Vec::new(),
    };
    let mut squares = 0.0;
    for (i, reading) in readings.iter().enumerate() {
        let Some(at) = reading_instant(reading.wall, clock, tz).map(|t| t.as_second()) else {
            continue;
        };
        let lo = refs.partition_point(|r| r.at < at - MATCH_WINDOW_S);
        let near = refs[lo..]
            .iter()
            .take_while(|r| r.at <= at + MATCH_WINDOW_S);
        let best = near.min_by_key(|r| (!looks_alike(reading.hash, r.hash), (r.at - at).abs()));
        if let Some(r) = best {
            let visual = looks_alike(reading.hash, r.hash);
            fit.visual += usize::from(visual);
            fit.score += if visual { VISUAL_WEIGHT } else { 1 };
            fit.pairs.push((i, r.at - at));
            fit.instants.push(at);
            squares += ((r.at - at) as f64).powi(2);
        }
    }
    if !fit.pairs.is_empty() {
        fit.rms = (squares / fit.pairs.len() as f64).sqrt();
    }
    fit
}

/// "FUJIFILM X-T4's clock reads UTC+01:03:10 (7 h 3 min ahead of Chicago); 23 matched
/// moments."
fn suggestion_text(
    camera: &str,
    clock: &CameraClock,
    readings: &[Reading],
    tz: &TimeZone,
    moments: usize,
) -> String {
    let mut walls: Vec<DateTime> = readings.iter().map(|r| r.wall).collect();
    walls.sort();
    let relation = walls
        .get(walls.len() / 2)
        .and_then(|&wall| {
            let at: Timestamp = reading_instant(wall, clock, tz)?;
            let local = at.to_zoned_datetime(tz.clone()).datetime();
            Some(wall.duration_since(local))
        })
        .map(|ahead| {
            let place = tz
                .iana_name()
                .and_then(|n| n.rsplit('/').next())
                .map(|n| n.replace('_', " "))
                .unwrap_or_else(|| "the trip's time".to_string());
            let secs = ahead.as_secs();
            let abs = secs.unsigned_abs();
            let (h, m) = (abs / 3600, (abs % 3600 + 30) / 60);
            let amount = match (h, m) {
                (0, 0) => return format!(" (on {place} time)"),
                (0, m) => format!("{m} min"),
                (h, 0) => format!("{h} h"),
                (h, m) => format!("{h} h {m} min"),
            };
            let way = if secs > 0 { "ahead of" } else { "behind" };
            format!(" ({amount} {way} {place})")
        })
        .unwrap_or_default();
    let reads = match clock {
        CameraClock::Fixed { .. } => clock_for_people(clock),
        _ => format!("{} (follows daylight saving)", clock_for_people(clock)),
    };
    format!("{camera}'s clock reads {reads}{relation}; {moments} matched moments.")
}

#[cfg(test)]
mod tests;
