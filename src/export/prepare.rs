//! Deciding what an export publishes, before anything is written: which photos (never hidden
//! ones, never ones with people who asked not to be published), in which days, as which image
//! files with which keys; the plan a person confirms; and the site model once the images exist,
//! with the sessions and people of each day and every text run through [`Privacy::redact`].

use super::images;
use super::manifest::Manifest;
use super::privacy::Privacy;
use super::site::{
    self, Site, SiteDay, SiteImage, SitePerson, SitePhoto, SiteSession, SiteSpeaker,
};
use super::{place_names, ExportFormat, ExportOptions, ExportPlan};
use crate::catalog::Catalog;
use crate::model::{Gps, Photo, ThumbState};
use crate::timeline::{self, Day, Timeline, TimelinePhoto};
use crate::{Error, Result};
use std::collections::{BTreeSet, HashMap, HashSet};

/// Sizes outside this range are refused (a typo like 20480 would make 100 MB images).
const SIZE_RANGE: std::ops::RangeInclusive<u32> = 64..=8192;

/// Bumped when the pixels an export writes for the same inputs change (resizer, encoder,
/// metadata), so existing exports are re-encoded.
const IMAGE_PIPELINE: u32 = 3;

/// Everything decided before writing.
pub struct Prepared {
    pub options: ExportOptions,
    pub plan: ExportPlan,
    pub timeline: Timeline,
    pub days: Vec<DayJob>,
    /// The trip's people who asked not to be published.
    pub privacy: Privacy,
}

/// A day that will be published.
pub struct DayJob {
    pub index: usize,
    pub photos: Vec<PhotoJob>,
}

/// A photo that will be published, and its image files.
pub struct PhotoJob {
    pub photo: Photo,
    pub view: TimelinePhoto,
    pub day: i64,
    /// 1-based position in its day.
    pub index: usize,
    pub gps_to_embed: Option<Gps>,
    pub files: Vec<ImageFile>,
}

/// One image file of a photo.
#[derive(Debug, Clone)]
pub struct ImageFile {
    pub size: u32,
    pub path: String,
    /// Content hash + size + settings: equal keys mean equal bytes.
    pub key: String,
}

/// Sorted, deduplicated, in range; the default when empty.
pub fn normalize_sizes(sizes: &[u32]) -> Result<Vec<u32>> {
    let mut sizes = if sizes.is_empty() {
        super::DEFAULT_SIZES.to_vec()
    } else {
        sizes.to_vec()
    };
    sizes.sort_unstable();
    sizes.dedup();
    if let Some(bad) = sizes.iter().find(|s| !SIZE_RANGE.contains(*s)) {
        return Err(Error::InvalidInput {
            what: "export size",
            value: bad.to_string(),
            hint: "sizes are long edges in pixels between 64 and 8192, e.g. 480,1024,2048",
        });
    }
    Ok(sizes)
}

/// Reads the trip and decides what will be written into `options.out`.
pub fn prepare(
    catalog: &Catalog,
    options: &ExportOptions,
    existing: &Manifest,
) -> Result<Prepared> {
    let mut options = options.clone();
    options.sizes = normalize_sizes(&options.sizes)?;
    let crate::layout::LaidOut {
        trip,
        photos,
        timeline,
    } = crate::layout::lay_out(catalog, &options.trip)?;
    let mut by_id: HashMap<i64, Photo> = photos.into_iter().map(|p| (p.id, p)).collect();
    let people = catalog.people(trip.id)?;
    let privacy = Privacy::new(&people);
    let private_names: HashSet<String> = people
        .iter()
        .filter(|p| p.private)
        .map(|p| p.name.to_lowercase())
        .collect();

    let mut hidden = 0;
    let mut private = 0;
    let mut unreadable = 0;
    let mut damaged = 0;
    let mut days = Vec::new();
    for (index, day) in timeline.days.iter().enumerate() {
        let mut jobs = Vec::new();
        for view in &day.photos {
            if view.hidden {
                hidden += 1;
                continue;
            }
            if view
                .people
                .iter()
                .any(|name| private_names.contains(&name.to_lowercase()))
            {
                private += 1;
                continue;
            }
            match view.thumb {
                ThumbState::Failed(_) => {
                    unreadable += 1;
                    continue;
                }
                ThumbState::Damaged(_) if !options.include_damaged => {
                    damaged += 1;
                    continue;
                }
                _ => {}
            }
            let Some(photo) = by_id.remove(&view.id) else {
                continue;
            };
            let position = jobs.len() + 1;
            let gps_to_embed = if options.embed_gps { photo.gps } else { None };
            let files = image_files(&photo, day.number, position, &options.sizes, gps_to_embed);
            jobs.push(PhotoJob {
                photo,
                view: view.clone(),
                day: day.number,
                index: position,
                gps_to_embed,
                files,
            });
        }
        let has_words = !day.title.trim().is_empty() || !day.notes.trim().is_empty();
        if !jobs.is_empty() || has_words {
            days.push(DayJob {
                index,
                photos: jobs,
            });
        }
    }
    let undated = timeline.undated.iter().filter(|p| !p.hidden).count();
    hidden += timeline.undated.iter().filter(|p| p.hidden).count();

    let photo_count: usize = days.iter().map(|d| d.photos.len()).sum();
    if photo_count == 0 {
        let outside = timeline.outside.len();
        let why = if hidden + private + undated + unreadable + damaged + outside == 0 {
            "it has no photos".to_string()
        } else {
            format!(
                "none of its photos can be published ({hidden} hidden, {private} with people \
                 who asked not to be published, {undated} undated, {unreadable} unreadable, \
                 {damaged} damaged, {outside} outside the trip)"
            )
        };
        return Err(Error::NothingToExport {
            trip: trip.name,
            why,
        });
    }
    let images: usize = days
        .iter()
        .flat_map(|d| &d.photos)
        .map(|p| p.files.len())
        .sum();
    let location_in_images = days
        .iter()
        .flat_map(|d| &d.photos)
        .any(|p| p.gps_to_embed.is_some());
    let location_on_pages = options.with_location
        && days
            .iter()
            .flat_map(|d| &d.photos)
            .any(|p| p.view.lat.is_some());
    let mut sessions = 0;
    let mut named: BTreeSet<String> = BTreeSet::new();
    for job in &days {
        let day = &timeline.days[job.index];
        let published: HashSet<i64> = job.photos.iter().map(|p| p.view.id).collect();
        let (shown, _) = day_sessions(day, &published, &privacy);
        sessions += shown.len();
        named.extend(
            day_people(day, &published, &privacy)
                .into_iter()
                .map(|p| p.name.to_lowercase()),
        );
    }
    let mut plan = ExportPlan {
        trip: trip.name.clone(),
        out: options.out.clone(),
        format: options.format,
        photos: photo_count,
        days: days.len(),
        images,
        sizes: options.sizes.clone(),
        hidden_left_out: hidden,
        private_left_out: private,
        private_people: privacy.len(),
        sessions,
        people_named: named.len(),
        undated_left_out: undated,
        unreadable_left_out: unreadable,
        damaged_left_out: damaged,
        outside_left_out: timeline.outside.len(),
        location_on_pages,
        location_in_images,
        original_file_names: false,
        camera_metadata: false,
        updates_existing: !existing.files.is_empty(),
        summary: Vec::new(),
    };
    plan.summary = summary(&plan, options.with_location);
    Ok(Prepared {
        options,
        plan,
        timeline,
        days,
        privacy,
    })
}

/// The files of one photo: one per size, except sizes the original is too small for (they
/// would repeat the previous file).
fn image_files(
    photo: &Photo,
    day: i64,
    index: usize,
    sizes: &[u32],
    gps: Option<Gps>,
) -> Vec<ImageFile> {
    let (width, height) = photo.display_size();
    let mut files: Vec<ImageFile> = Vec::new();
    let mut previous = None;
    for &size in sizes {
        let dims = images::dimensions(width, height, size);
        if previous == Some(dims) {
            continue;
        }
        previous = Some(dims);
        let settings = match gps {
            Some(g) => format!("gps:{:.7},{:.7},{:?}", g.lat, g.lon, g.alt),
            None => "clean".to_string(),
        };
        // A photo not hashed yet (its import is still making thumbnails) is keyed by where it
        // is: such a key never matches a later one, so its images are made again next time.
        let content = match &photo.hash {
            Some(hash) => hash.clone(),
            None => format!("{}:{}", photo.byte_size, photo.path.display()),
        };
        let key = blake3::hash(
            format!(
                "{content}|{size}|q{}|{settings}|o{}|p{IMAGE_PIPELINE}",
                images::QUALITY,
                photo.orientation
            )
            .as_bytes(),
        )
        .to_hex()[..32]
            .to_string();
        files.push(ImageFile {
            size,
            path: site::image_path(day, index, size),
            key,
        });
    }
    files
}

/// The plan in sentences, privacy first.
fn summary(plan: &ExportPlan, with_location: bool) -> Vec<String> {
    let n = |count: usize, one: &str, many: &str| {
        if count == 1 {
            format!("1 {one}")
        } else {
            format!("{count} {many}")
        }
    };
    let what = match plan.format {
        ExportFormat::Html => "a gallery",
        ExportFormat::Markdown => "a blog post",
    };
    let mut lines = vec![format!(
        "Publishes {} in {} as {what} ({} image files).",
        n(plan.photos, "photo", "photos"),
        n(plan.days, "day", "days"),
        plan.images
    )];
    let mut left_out = Vec::new();
    if plan.private_left_out > 0 {
        left_out.push(if plan.private_left_out == 1 {
            "1 photo with a person who asked not to be published".to_string()
        } else {
            format!(
                "{} photos with people who asked not to be published",
                plan.private_left_out
            )
        });
    }
    if plan.hidden_left_out > 0 {
        left_out.push(format!("{} hidden", plan.hidden_left_out));
    }
    if plan.undated_left_out > 0 {
        left_out.push(format!("{} undated", plan.undated_left_out));
    }
    if plan.unreadable_left_out > 0 {
        left_out.push(format!("{} unreadable", plan.unreadable_left_out));
    }
    if plan.outside_left_out > 0 {
        left_out.push(format!("{} dated outside the trip", plan.outside_left_out));
    }
    if plan.damaged_left_out > 0 {
        left_out.push(format!(
            "{} damaged (the file ends early; include it if the part shown is fine)",
            plan.damaged_left_out
        ));
    }
    if !left_out.is_empty() {
        lines.push(format!("Left out: {}.", left_out.join(", ")));
    }
    let private = match plan.private_people {
        0 => None,
        1 => Some("1 person who asked not to be published is never named".to_string()),
        k => Some(format!(
            "{k} people who asked not to be published are never named"
        )),
    }
    .map(|p| format!("{p} (\u{201c}someone\u{201d} in captions and notes)"));
    match (plan.people_named, private) {
        (0, None) => {}
        (named, None) => lines.push(format!("People: {named} named as met, with their links.")),
        (0, Some(private)) => lines.push(format!("People: {private}.")),
        (named, Some(private)) => lines.push(format!(
            "People: {named} named as met, with their links; {private}."
        )),
    }
    lines.push(match (plan.location_on_pages, with_location) {
        (true, _) => "Location: place names and map links on the pages.".to_string(),
        (false, true) => "Location: none (no exported photo has a position).".to_string(),
        (false, false) => "Location: none; no place names, maps or coordinates.".to_string(),
    });
    lines.push(if plan.location_in_images {
        "Image files: GPS coordinates embedded, nothing else (no camera, dates or file names)."
            .to_string()
    } else {
        "Image files: no metadata at all (no GPS, camera, serial numbers, dates or original file \
         names)."
            .to_string()
    });
    if plan.sessions > 0 {
        lines.push(format!(
            "Sessions: {} (titles, speakers, times and rooms from the agenda).",
            plan.sessions
        ));
    }
    if plan.updates_existing {
        lines.push(
            "Updates the earlier export in this folder: unchanged images are kept, files it no \
             longer needs are removed."
                .to_string(),
        );
    }
    lines
}

/// Image files as written: path → pixel size.
pub type Written = HashMap<String, (u32, u32)>;

/// The site model, from the prepared days and the image files that exist. Photos missing from
/// `written` (failed) are left out. Every text a person typed or an agenda gave goes through
/// [`Privacy::redact`].
pub fn site(prepared: &Prepared, written: &Written) -> Site {
    let with_location = prepared.options.with_location;
    let privacy = &prepared.privacy;
    let mut places_seen = Vec::new();
    let mut days = Vec::new();
    for job in &prepared.days {
        let day = &prepared.timeline.days[job.index];
        let mut photos = Vec::new();
        // A photo is published when all its files exist.
        let published: HashSet<i64> = job
            .photos
            .iter()
            .filter(|p| p.files.iter().all(|f| written.contains_key(&f.path)))
            .map(|p| p.view.id)
            .collect();
        let (sessions, uids) = day_sessions(day, &published, privacy);
        let mut day_places: Vec<String> = Vec::new();
        let mut cover = None;
        for p in &job.photos {
            let images: Vec<SiteImage> = p
                .files
                .iter()
                .filter_map(|f| {
                    written.get(&f.path).map(|&(width, height)| SiteImage {
                        path: f.path.clone(),
                        size: f.size,
                        width,
                        height,
                    })
                })
                .collect();
            if images.len() != p.files.len() {
                continue;
            }
            // Each photo at its own local time; away from the trip's main zone with the zone
            // ("09:10 CET" at the departure gate), as the app shows it.
            let time = p.view.local_time.as_ref().map(|t| {
                let zone = p.view.zone_label.as_deref().unwrap_or_default();
                format!("{:02}:{:02} {zone}", t.hour(), t.minute())
                    .trim_end()
                    .to_string()
            });
            let caption = privacy.redact(p.view.caption.trim());
            let alt = match (caption.as_str(), &time) {
                (caption, _) if !caption.is_empty() => caption.to_string(),
                ("", Some(time)) => format!("Photo taken {time}, Day {}", p.day),
                _ => format!("Photo {}, Day {}", p.index, p.day),
            };
            let position = match (with_location, p.view.lat, p.view.lon) {
                (true, Some(lat), Some(lon)) => Some((lat, lon)),
                _ => None,
            };
            let place = position.and_then(|(lat, lon)| place_names::name(lat, lon));
            if let Some(place) = &place {
                if !day_places.contains(place) {
                    day_places.push(place.clone());
                }
                if !places_seen.contains(place) {
                    places_seen.push(place.clone());
                }
            }
            if cover.is_none() && p.view.favourite {
                cover = Some(photos.len());
            }
            photos.push(SitePhoto {
                index: p.index,
                datetime: p.view.local_time.as_ref().map(timeline::rfc3339_seconds),
                time,
                caption,
                alt,
                images,
                place,
                map_url: position.and_then(|(lat, lon)| crate::model::map_url(lat, lon)),
                session: p
                    .view
                    .session
                    .as_ref()
                    .and_then(|s| uids.iter().position(|uid| *uid == s.uid)),
            });
        }
        if cover.is_none() && !photos.is_empty() {
            cover = Some(0);
        }
        days.push(SiteDay {
            number: day.number,
            date: day.date.to_string(),
            date_label: crate::model::weekday_date(day.date),
            date_long: crate::model::full_date(day.date),
            title: privacy.redact(day.title.trim()),
            notes: privacy.redact(&day.notes),
            page: site::day_page(day.number),
            cover,
            photos,
            places: day_places,
            sessions,
            people: day_people(day, &published, privacy),
        });
    }
    let first = prepared.timeline.days.first().map(|d| d.date);
    let last = prepared.timeline.days.last().map(|d| d.date);
    Site {
        title: privacy.redact(&prepared.timeline.trip.name),
        date_range: match (first, last) {
            (Some(first), Some(last)) => crate::model::date_range(first, last),
            _ => String::new(),
        },
        first_date: first.map(|d| d.to_string()).unwrap_or_default(),
        timezone: if with_location {
            prepared.timeline.trip.timezone.clone()
        } else {
            String::new()
        },
        places: places_seen,
        photo_count: days.iter().map(|d| d.photos.len()).sum(),
        days,
        sizes: prepared.options.sizes.clone(),
        generator: format!("Lanyard {}", env!("CARGO_PKG_VERSION")),
    }
}

/// The sessions a day publishes, in time order: those with a published photo (`published`
/// holds the day's published photo ids) or with the person's notes; and their uids, in the
/// same order. Speakers who asked not to be published are left out of the header, and every
/// text is redacted.
fn day_sessions(
    day: &Day,
    published: &HashSet<i64>,
    privacy: &Privacy,
) -> (Vec<SiteSession>, Vec<String>) {
    day.sessions
        .iter()
        .filter(|s| !s.notes.trim().is_empty() || s.photos.iter().any(|id| published.contains(id)))
        .map(|s| {
            let session = SiteSession {
                title: privacy.redact(s.title.trim()),
                speakers: s
                    .speakers
                    .iter()
                    .filter(|sp| !privacy.names(&sp.name))
                    .map(|sp| SiteSpeaker {
                        name: sp.name.trim().to_string(),
                        company: sp.company.as_deref().map(|c| privacy.redact(c.trim())),
                    })
                    .collect(),
                room: s.room.as_deref().map(|r| privacy.redact(r.trim())),
                url: s
                    .url
                    .as_deref()
                    .map(str::trim)
                    .filter(|u| is_web_address(u) && !privacy.names_url(u))
                    .map(str::to_string),
                start: s.start.clone(),
                end: s.end.clone(),
                notes: privacy.redact(&s.notes),
            };
            (session, s.uid.clone())
        })
        .unzip()
}

/// The people a day names: marked met, or tagged on one of its published photos; never a
/// person marked private or whose name holds a private person's name.
fn day_people(day: &Day, published: &HashSet<i64>, privacy: &Privacy) -> Vec<SitePerson> {
    let tagged: HashSet<String> = day
        .photos
        .iter()
        .filter(|p| published.contains(&p.id))
        .flat_map(|p| &p.people)
        .map(|name| name.to_lowercase())
        .collect();
    day.people
        .iter()
        .filter(|p| !p.private && !privacy.names(&p.name))
        .filter(|p| p.met || tagged.contains(&p.name.to_lowercase()))
        .map(|p| SitePerson {
            name: p.name.trim().to_string(),
            link: p
                .link
                .as_deref()
                .map(str::trim)
                .filter(|u| is_web_address(u) && !privacy.names_url(u))
                .map(str::to_string),
            org: p.org.as_deref().map(|o| privacy.redact(o.trim())),
        })
        .collect()
}

/// An http(s) address: the only kind an agenda or a person's link may publish.
fn is_web_address(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")) && url.len() > "http://".len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_sorted_deduplicated_and_bounded() {
        assert_eq!(normalize_sizes(&[]).unwrap(), vec![480, 1024, 2048]);
        assert_eq!(
            normalize_sizes(&[1024, 480, 1024]).unwrap(),
            vec![480, 1024]
        );
        let err = normalize_sizes(&[480, 20480]).unwrap_err();
        assert!(err.to_string().contains("20480"), "{err}");
        assert!(normalize_sizes(&[0]).is_err());
    }
}
