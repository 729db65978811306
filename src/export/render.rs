//! Rendering the site model into files: the HTML gallery (index + one page per day, through
//! auto-escaping minijinja templates), the Markdown blog post, and the static assets
//! (PhotoSwipe, the gallery's CSS and script). Pure: site in, strings and bytes out; no I/O.
//!
//! The templates only place values: every label, `srcset` and link is worked out here, where it
//! is tested, and handed over raw; the one value marked safe is notes HTML from
//! [`notes::to_html`], which renders Markdown with raw HTML disabled.

mod notes;
mod post;

use super::site::{Site, SiteDay, SiteImage, SitePhoto};
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
                count => photo_count(day.photos.len()),
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
    let photos: Vec<Value> = day
        .photos
        .iter()
        .filter_map(|photo| {
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
        count => photo_count(day.photos.len()),
        places => &day.places,
        notes => Value::from_safe_string(notes::to_html(&day.notes)),
        photos,
        prev => prev.map(link),
        next => next.map(link),
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
