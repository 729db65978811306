//! Rendering the site model into files: the HTML gallery (index + one page per day, through
//! auto-escaping minijinja templates), the Markdown blog post, and the static assets
//! (PhotoSwipe, the gallery's CSS and script). Pure: site in, strings and bytes out; no I/O.
//!
//! The templates only place values: every label, `srcset` and link is worked out here, where it
//! is tested, and handed over raw; the one value marked safe is notes HTML (a day's or a
//! session's) from `notes::to_html` (render/notes.rs), which renders Markdown with raw HTML
//! disabled. Session titles, speakers and rooms come from agenda files, so they are untrusted
//! text like any caption: never marked safe.

mod notes;
mod post;

use super::site::{Site, SiteDay, SiteImage, SitePerson, SitePhoto, SiteSession, SiteSpeaker};
use crate::{Error, Result};
use minijinja::syntax::SyntaxConfig;
use minijinja::value::Value;
use minijinja::{context, escape_formatter, AutoEscape, Environment, UndefinedBehavior};

/// A rendered text file, path relative to the export root ('/'-separated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub path: String,
    pub text: String,
}

/// Templates by name; a name ending in `.html` turns auto-escaping on.
const TEMPLATES: [(&str, &str); 4] = [
    ("base.html", include_str!("templates/base.html")),
    ("parts.html", include_str!("templates/parts.html")),
    ("index.html", include_str!("templates/index.html")),
    ("day.html", include_str!("templates/day.html")),
];

/// Images of the first cards or photos, which are on screen when a page opens, load at once;
/// the rest when scrolled near. Three is the first row on a wide screen.
const EAGER_IMAGES: usize = 3;

/// Rendered width of a card or photo tile, matching `gallery.css`'s grid (3 columns of at most
/// 22rem from 64rem, 2 from 40rem, else 1), so the browser picks the smallest file that is sharp.
const TILE_SIZES: &str =
    "(min-width: 72rem) 22rem, (min-width: 64rem) 31vw, (min-width: 40rem) 47vw, 100vw";

/// `index.html` and one `day-N.html` per day of `site.days`.
pub fn html_pages(site: &Site) -> Result<Vec<Page>> {
    let env = environment()?;
    let mut pages = Vec::with_capacity(site.days.len() + 1);
    pages.push(Page {
        path: "index.html".into(),
        text: render(&env, "index.html", index_view(site))?,
    });
    for (i, day) in site.days.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|p| site.days.get(p));
        let next = site.days.get(i + 1);
        pages.push(Page {
            path: day.page.clone(),
            text: render(&env, "day.html", day_view(site, day, prev, next))?,
        });
    }
    Ok(pages)
}

/// The blog post, `post.md`.
pub fn markdown_post(site: &Site) -> Result<Page> {
    Ok(Page {
        path: "post.md".into(),
        text: post::render(site),
    })
}

/// Static files the HTML gallery needs, path relative to the export root ("assets/…").
pub fn assets() -> Vec<(&'static str, &'static [u8])> {
    vec![
        (
            "assets/gallery.css",
            include_bytes!("assets/gallery.css").as_slice(),
        ),
        (
            "assets/gallery.js",
            include_bytes!("assets/gallery.js").as_slice(),
        ),
        (
            "assets/photoswipe.css",
            include_bytes!("assets/photoswipe/photoswipe.css").as_slice(),
        ),
        (
            "assets/photoswipe.umd.min.js",
            include_bytes!("assets/photoswipe/photoswipe.umd.min.js").as_slice(),
        ),
        (
            "assets/photoswipe-lightbox.umd.min.js",
            include_bytes!("assets/photoswipe/photoswipe-lightbox.umd.min.js").as_slice(),
        ),
        (
            "assets/LICENSE-photoswipe.txt",
            include_bytes!("assets/photoswipe/LICENSE").as_slice(),
        ),
    ]
}

fn environment() -> Result<Environment<'static>> {
    let mut env = Environment::new();
    // A misspelt variable is a bug to hear about, not an empty string in a page.
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    let syntax = SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true)
        .build()
        .map_err(|e| render_error("syntax", e))?;
    env.set_syntax(syntax);
    env.set_formatter(
        |out, state, value| match (state.auto_escape(), value.as_str()) {
            (AutoEscape::Html, Some(text)) if !value.is_safe() => {
                out.write_str(&escape_html(text)).map_err(|_| {
                    minijinja::Error::new(minijinja::ErrorKind::WriteFailure, "cannot write")
                })
            }
            _ => escape_formatter(out, state, value),
        },
    );
    for (name, source) in TEMPLATES {
        env.add_template(name, source)
            .map_err(|e| render_error(name, e))?;
    }
    Ok(env)
}

fn render(env: &Environment<'_>, name: &str, view: Value) -> Result<String> {
    env.get_template(name)
        .and_then(|t| t.render(view))
        .map_err(|e| render_error(name, e))
}

fn render_error(page: &str, error: minijinja::Error) -> Error {
    Error::Render {
        page: page.to_owned(),
        reason: format!("{error:#}"),
    }
}

/// HTML-escapes text for element content and double- or single-quoted attributes. Unlike
/// minijinja's own escaper it leaves `/` alone, so paths read as paths in the source; `/` is
/// harmless outside `<script>` and there is no inline script.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn index_view(site: &Site) -> Value {
    let days: Vec<Value> = site
        .days
        .iter()
        .enumerate()
        .map(|(i, day)| {
            let cover = day
                .cover
                .and_then(|c| day.photos.get(c))
                .and_then(|photo| picture(photo, day, i < EAGER_IMAGES));
            context! {
                href => &day.page,
                when => day_when(day),
                title => one_line(&day.title),
                count => day_count(day),
                cover,
            }
        })
        .collect();
    context! {
        title => trip_title(site),
        generator => generator(site),
        date_range => &site.date_range,
        summary => format!(
            "{} · {}",
            count(site.days.len(), "day", "days"),
            photo_count(site.photo_count)
        ),
        timezone => &site.timezone,
        places => &site.places,
        days,
    }
}

fn day_view(site: &Site, day: &SiteDay, prev: Option<&SiteDay>, next: Option<&SiteDay>) -> Value {
    let photo_views: Vec<Option<Value>> = day.photos.iter().map(|p| photo_view(p, day)).collect();
    let tiles = |indices: &[usize]| -> Vec<Value> {
        indices
            .iter()
            .filter_map(|&i| photo_views.get(i).cloned().flatten())
            .collect()
    };
    let sections: Vec<Value> = sections(day)
        .into_iter()
        .map(|section| match section {
            Section::Session { session, photos } => {
                let s = &day.sessions[session];
                context! {
                    id => format!("session-{}", session + 1),
                    session => session_view(s),
                    heading => "",
                    photos => tiles(&photos),
                }
            }
            Section::Between { heading, photos } => context! {
                id => "",
                session => Value::from(()),
                heading,
                photos => tiles(&photos),
            },
        })
        .collect();
    let title = one_line(&day.title);
    let heading = if title.is_empty() {
        format!("Day {}", day.number)
    } else {
        format!("Day {} — {title}", day.number)
    };
    let link = |d: &SiteDay| context! { href => &d.page, label => day_when(d) };
    context! {
        trip => trip_title(site),
        generator => generator(site),
        heading,
        date => if is_iso_date(&day.date) { day.date.as_str() } else { "" },
        date_long => &day.date_long,
        count => day_count(day),
        places => &day.places,
        notes => Value::from_safe_string(notes::to_html(&day.notes)),
        sections,
        people => day.people.iter().filter_map(person_view).collect::<Vec<_>>(),
        prev => prev.map(link),
        next => next.map(link),
    }
}

/// A photo tile's values; `None` for a photo without images.
fn photo_view(photo: &SitePhoto, day: &SiteDay) -> Option<Value> {
    let large = photo.images.last()?;
    let img = picture(photo, day, photo.index <= EAGER_IMAGES)?;
    let time = photo.time.as_deref().map(str::trim).unwrap_or_default();
    let datetime = photo.datetime.as_deref().unwrap_or_default();
    let map_url = photo
        .map_url
        .as_deref()
        .filter(|url| url.starts_with("https://") || url.starts_with("http://"));
    Some(context! {
        href => &large.path,
        width => large.width,
        height => large.height,
        srcset => srcset(&photo.images),
        img,
        time,
        datetime,
        caption => photo.caption.trim(),
        place => photo.place.as_deref().unwrap_or_default(),
        map_url => map_url.unwrap_or_default(),
    })
}

/// A session header's values: every text raw (the template escapes it), the link only when it
/// is http(s).
fn session_view(session: &SiteSession) -> Value {
    context! {
        title => session_title(session),
        speakers => speakers(session),
        start => if is_rfc3339(&session.start) { session.start.as_str() } else { "" },
        end => if is_rfc3339(&session.end) { session.end.as_str() } else { "" },
        from => clock(&session.start),
        to => clock(&session.end),
        room => session.room.as_deref().map(one_line).unwrap_or_default(),
        url => web_link(session.url.as_deref()),
        notes => Value::from_safe_string(notes::to_html_from(
            &session.notes,
            pulldown_cmark::HeadingLevel::H3,
        )),
    }
}

fn person_view(person: &SitePerson) -> Option<Value> {
    let name = one_line(&person.name);
    (!name.is_empty()).then(|| {
        context! {
            name,
            link => web_link(person.link.as_deref()),
            org => person.org.as_deref().map(one_line).unwrap_or_default(),
        }
    })
}

/// How a day's photos are shown: under their sessions, in time order, with the photos taken
/// outside any session between them.
#[derive(Debug, PartialEq)]
pub(super) enum Section {
    /// A session of `day.sessions`, with its photos (indices into `day.photos`).
    Session { session: usize, photos: Vec<usize> },
    /// Photos outside sessions, with a plain time header ("Between sessions · 10:12–10:40");
    /// no header on a day without sessions, which shows all its photos as one grid.
    Between { heading: String, photos: Vec<usize> },
}

/// The day's sections in time order: each session at its start, each photo outside sessions
/// after the sessions that started before it (photos without a time come last).
pub(super) fn sections(day: &SiteDay) -> Vec<Section> {
    if day.sessions.is_empty() {
        return vec![Section::Between {
            heading: String::new(),
            photos: (0..day.photos.len()).collect(),
        }];
    }
    let starts: Vec<Option<jiff::Timestamp>> =
        day.sessions.iter().map(|s| s.start.parse().ok()).collect();
    let mut in_session: Vec<Vec<usize>> = vec![Vec::new(); day.sessions.len()];
    // Slot k: after the k-th session started, before the next.
    let mut between: Vec<Vec<usize>> = vec![Vec::new(); day.sessions.len() + 1];
    for (i, photo) in day.photos.iter().enumerate() {
        match photo.session.filter(|&s| s < day.sessions.len()) {
            Some(s) => in_session[s].push(i),
            None => {
                let at: Option<jiff::Timestamp> =
                    photo.datetime.as_deref().and_then(|t| t.parse().ok());
                let slot = match at {
                    Some(at) => starts
                        .iter()
                        .filter(|start| start.is_some_and(|start| start <= at))
                        .count(),
                    None => day.sessions.len(),
                };
                between[slot].push(i);
            }
        }
    }
    let last = day.sessions.len();
    let mut out = Vec::new();
    for (slot, photos) in between.into_iter().enumerate() {
        if !photos.is_empty() {
            let times = time_span(photos.iter().filter_map(|&i| day.photos[i].time.as_deref()));
            let heading = match (slot > 0 && slot < last, times.is_empty()) {
                (true, false) => format!("Between sessions · {times}"),
                (true, true) => "Between sessions".to_string(),
                (false, false) => times,
                (false, true) => "More photos".to_string(),
            };
            out.push(Section::Between { heading, photos });
        }
        if slot < last {
            out.push(Section::Session {
                session: slot,
                photos: std::mem::take(&mut in_session[slot]),
            });
        }
    }
    out
}

/// "10:12–10:40" from the first and last of some times, "10:12" when they are equal, "" with
/// none.
fn time_span<'a>(mut times: impl Iterator<Item = &'a str>) -> String {
    let Some(first) = times.next().map(str::trim) else {
        return String::new();
    };
    match times.last().map(str::trim) {
        Some(last) if last != first => format!("{first}–{last}"),
        _ => first.to_string(),
    }
}

/// A session's title, or "Session" when the agenda gave none.
pub(super) fn session_title(session: &SiteSession) -> String {
    match one_line(&session.title) {
        title if title.is_empty() => "Session".into(),
        title => title,
    }
}

/// "Alice Ng, Acme & Bob Roe, Initech" (raw text).
fn speakers(session: &SiteSession) -> String {
    session
        .speakers
        .iter()
        .filter_map(speaker)
        .collect::<Vec<_>>()
        .join(" & ")
}

/// "Alice Ng, Acme" or "Alice Ng" (raw text); `None` without a name.
pub(super) fn speaker(speaker: &SiteSpeaker) -> Option<String> {
    let name = one_line(&speaker.name);
    let company = speaker.company.as_deref().map(one_line).unwrap_or_default();
    match (name.is_empty(), company.is_empty()) {
        (true, _) => None,
        (false, true) => Some(name),
        (false, false) => Some(format!("{name}, {company}")),
    }
}

/// "09:00–09:20" from a session's RFC 3339 start and end (the trip's local time), "09:00"
/// without a readable end, "" without a readable start.
pub(super) fn session_time(session: &SiteSession) -> String {
    match (clock(&session.start), clock(&session.end)) {
        (from, _) if from.is_empty() => String::new(),
        (from, to) if to.is_empty() => from,
        (from, to) => format!("{from}–{to}"),
    }
}

/// "09:00" of "2023-11-07T09:00:00-06:00"; "" when it is not that shape.
fn clock(rfc3339: &str) -> String {
    if is_rfc3339(rfc3339) {
        rfc3339[11..16].to_string()
    } else {
        String::new()
    }
}

/// "2023-11-07T09:00:00-06:00" (or with `Z`), as a `<time datetime>` accepts it.
fn is_rfc3339(s: &str) -> bool {
    is_iso_date(s.get(..10).unwrap_or_default())
        && s.as_bytes().get(10) == Some(&b'T')
        && s.get(11..16).is_some_and(|t| {
            t.as_bytes()[2] == b':' && t.bytes().filter(u8::is_ascii_digit).count() == 4
        })
        && s.parse::<jiff::Timestamp>().is_ok()
}

/// An http(s) address as is, else "" (no link).
fn web_link(url: Option<&str>) -> &str {
    url.map(str::trim)
        .filter(|u| {
            let lower = u.to_ascii_lowercase();
            (lower.starts_with("https://") || lower.starts_with("http://"))
                && !u.chars().any(|c| c.is_whitespace() || c.is_control())
        })
        .unwrap_or_default()
}

/// "4 photos", "4 photos · 3 sessions".
fn day_count(day: &SiteDay) -> String {
    match day.sessions.len() {
        0 => photo_count(day.photos.len()),
        n => format!(
            "{} · {}",
            photo_count(day.photos.len()),
            count(n, "session", "sessions")
        ),
    }
}

/// An `<img>`'s attributes for a photo shown as a tile: a middle size as `src` for browsers
/// without `srcset`, and every size to choose from.
fn picture(photo: &SitePhoto, day: &SiteDay, eager: bool) -> Option<Value> {
    let shown = shown_image(&photo.images)?;
    let alt = match one_line(&photo.alt) {
        alt if alt.is_empty() => format!("Photo {}, Day {}", photo.index, day.number),
        alt => alt,
    };
    Some(context! {
        src => &shown.path,
        srcset => srcset(&photo.images),
        sizes => TILE_SIZES,
        width => shown.width,
        height => shown.height,
        alt,
        lazy => !eager,
    })
}

/// Long edge of the image shown where only one fits: a column of a blog post.
const SHOWN_LONG_EDGE: f64 = 1024.0;

/// The size shown where only one fits (a tile's `src`, the blog post): the image whose long edge
/// is nearest to 1024 px by ratio (480/1024/2048 → 1024; 480/2048 → 2048; a small original's
/// 480/1000 → 1000).
pub(super) fn shown_image(images: &[SiteImage]) -> Option<&SiteImage> {
    let distance = |i: &SiteImage| {
        let long = f64::from(i.width.max(i.height).max(1));
        (long / SHOWN_LONG_EDGE).ln().abs()
    };
    images
        .iter()
        .min_by(|a, b| distance(a).total_cmp(&distance(b)))
}

/// `day-2/0007-480.jpg 480w, day-2/0007-1024.jpg 1024w`, by actual pixel width. An original
/// smaller than a size gives files of equal width; only the first of those is listed, since
/// `srcset` may not repeat a width.
fn srcset(images: &[SiteImage]) -> String {
    let mut entries = Vec::with_capacity(images.len());
    let mut widest = 0;
    for image in images {
        if image.width > widest {
            widest = image.width;
            entries.push(format!("{} {}w", image.path, image.width));
        }
    }
    entries.join(", ")
}

/// "Day 2 · Tue 17 May" (or "Day 2" without a date).
fn day_when(day: &SiteDay) -> String {
    if day.date_label.trim().is_empty() {
        format!("Day {}", day.number)
    } else {
        format!("Day {} · {}", day.number, day.date_label.trim())
    }
}

fn trip_title(site: &Site) -> String {
    match one_line(&site.title) {
        title if title.is_empty() => "Trip".into(),
        title => title,
    }
}

fn generator(site: &Site) -> &str {
    match site.generator.trim() {
        "" => "Lanyard",
        generator => generator,
    }
}

fn photo_count(n: usize) -> String {
    count(n, "photo", "photos")
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Whitespace runs (newlines included) as single spaces, trimmed.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "2022-05-17": what a `<time datetime>` accepts as a date.
pub(super) fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(width: u32, height: u32, size: u32) -> SiteImage {
        SiteImage {
            path: format!("day-1/0001-{size}.jpg"),
            size,
            width,
            height,
        }
    }

    #[test]
    fn srcset_lists_each_width_once() {
        let images = [
            image(480, 320, 480),
            image(800, 533, 1024),
            image(800, 533, 2048),
        ];
        assert_eq!(
            srcset(&images),
            "day-1/0001-480.jpg 480w, day-1/0001-1024.jpg 800w"
        );
        assert_eq!(srcset(&[]), "");
    }

    #[test]
    fn shown_image_is_the_one_nearest_a_blog_column() {
        let three = [
            image(480, 320, 480),
            image(1024, 683, 1024),
            image(2048, 1365, 2048),
        ];
        assert_eq!(shown_image(&three).map(|i| i.size), Some(1024));
        assert_eq!(shown_image(&three[..2]).map(|i| i.size), Some(1024));
        assert_eq!(shown_image(&three[..1]).map(|i| i.size), Some(480));
        let two = [image(480, 320, 480), image(2048, 1365, 2048)];
        assert_eq!(shown_image(&two).map(|i| i.size), Some(2048));
        let small_original = [image(480, 360, 480), image(1000, 750, 1024)];
        assert_eq!(shown_image(&small_original).map(|i| i.size), Some(1024));
        assert_eq!(shown_image(&[]), None);
    }

    #[test]
    fn html_escaping() {
        assert_eq!(
            escape_html(r#"<a href="x">'&'</a> day-2/0001.jpg"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt; day-2/0001.jpg"
        );
    }

    #[test]
    fn date_shapes() {
        assert!(is_iso_date("2022-05-17"));
        assert!(!is_iso_date("17 May"));
    }
}
