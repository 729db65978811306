//! The trip as one Markdown blog post (front matter, intro, a section per day), for dev.to,
//! Hashnode or a Jekyll/Hugo folder. A day reads as conference trip reports do: its notes, then
//! one `### Title - Speaker, Company` per session with its notes and photos, then the photos
//! taken outside sessions, then the people met. User text is escaped for Markdown so that a caption cannot
//! leave its alt text or become markup; notes keep their Markdown but lose raw HTML and
//! dangerous links, since blog engines pass raw HTML through. Pure.

use super::notes::{self, is_safe_url};
use super::{count, is_iso_date, one_line, session_time, session_title, shown_image, speaker};
use crate::export::site::{Site, SiteDay, SitePerson, SitePhoto, SiteSession};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::fmt::Write;
use std::ops::Range;

/// `post.md`'s text.
pub(super) fn render(site: &Site) -> String {
    let mut out = String::new();
    front_matter(&mut out, site);
    out.push('\n');
    intro(&mut out, site);
    for day in &site.days {
        out.push('\n');
        section(&mut out, day);
    }
    out
}

fn front_matter(out: &mut String, site: &Site) {
    out.push_str("---\n");
    // A JSON string is a valid YAML double-quoted scalar: no title can end the line or the block.
    let title = serde_json::to_string(&one_line(&site.title)).unwrap_or_else(|_| "\"\"".into());
    let _ = writeln!(out, "title: {title}");
    if is_iso_date(&site.first_date) {
        let _ = writeln!(out, "date: {}", site.first_date);
    }
    out.push_str("tags: [travel, conference]\n---\n");
}

fn intro(out: &mut String, site: &Site) {
    let days = count(site.days.len(), "day", "days");
    let photos = count(site.photo_count, "photo", "photos");
    let mut line = if site.date_range.is_empty() {
        format!("{days}, {photos}")
    } else {
        format!("{}: {days}, {photos}", escape(&site.date_range))
    };
    if !site.places.is_empty() {
        let places: Vec<String> = site.places.iter().map(|p| escape(p)).collect();
        let _ = write!(line, " in {}", places.join(", "));
    }
    let _ = writeln!(out, "{line}.");
}

fn section(out: &mut String, day: &SiteDay) {
    let title = one_line(&day.title);
    if title.is_empty() {
        let _ = writeln!(out, "## Day {} · {}", day.number, escape(&day.date_label));
    } else {
        let _ = writeln!(out, "## Day {} — {}", day.number, escape(&title));
        if !day.date_long.is_empty() {
            let _ = writeln!(out, "\n*{}*", escape(&day.date_long));
        }
    }
    let notes = day.notes.trim();
    if !notes.is_empty() {
        let _ = writeln!(out, "\n{}", below(&neutralize(notes), 2).trim_end());
    }
    if day.sessions.is_empty() {
        for photo in &day.photos {
            photo_block(out, photo);
        }
    } else {
        for (i, session) in day.sessions.iter().enumerate() {
            session_block(out, session);
            for photo in day.photos.iter().filter(|p| p.session == Some(i)) {
                photo_block(out, photo);
            }
        }
        let outside: Vec<&SitePhoto> = day
            .photos
            .iter()
            .filter(|p| p.session.is_none_or(|s| s >= day.sessions.len()))
            .collect();
        if !outside.is_empty() {
            out.push_str("\n### Outside the sessions\n");
            for photo in outside {
                photo_block(out, photo);
            }
        }
    }
    people(out, &day.people);
}

/// `### Title - Speaker, Company & Speaker, Company`, the time, room and the session's page,
/// then the person's notes.
fn session_block(out: &mut String, session: &SiteSession) {
    let speakers: Vec<String> = session
        .speakers
        .iter()
        .filter_map(speaker)
        .map(|s| escape(&s))
        .collect();
    let title = escape(&session_title(session));
    if speakers.is_empty() {
        let _ = writeln!(out, "\n### {title}");
    } else {
        let _ = writeln!(out, "\n### {title} - {}", speakers.join(" & "));
    }
    let mut parts = Vec::new();
    let time = session_time(session);
    if !time.is_empty() {
        parts.push(time);
    }
    if let Some(room) = session
        .room
        .as_deref()
        .map(one_line)
        .filter(|r| !r.is_empty())
    {
        parts.push(escape(&room));
    }
    let link = session
        .url
        .as_deref()
        .map(str::trim)
        .filter(|url| is_plain_url(url))
        .map(|url| format!("[Session page]({url})"));
    match (parts.is_empty(), link) {
        (false, Some(link)) => {
            let _ = writeln!(out, "\n*{}* · {link}", parts.join(" · "));
        }
        (false, None) => {
            let _ = writeln!(out, "\n*{}*", parts.join(" · "));
        }
        (true, Some(link)) => {
            let _ = writeln!(out, "\n{link}");
        }
        (true, None) => {}
    }
    let notes = session.notes.trim();
    if !notes.is_empty() {
        let _ = writeln!(out, "\n{}", below(&neutralize(notes), 3).trim_end());
    }
}

/// "People I met: [kunal](https://…), [saiyam](https://…) and Ann Lee." — a link where the
/// person has an http(s) one.
fn people(out: &mut String, people: &[SitePerson]) {
    let names: Vec<String> = people
        .iter()
        .filter_map(|p| {
            let name = one_line(&p.name);
            if name.is_empty() {
                return None;
            }
            Some(
                match p.link.as_deref().map(str::trim).filter(|l| is_plain_url(l)) {
                    Some(link) => format!("[{}]({link})", escape(&name)),
                    None => escape(&name),
                },
            )
        })
        .collect();
    let list = match names.split_last() {
        None => return,
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    };
    let _ = writeln!(out, "\nPeople I met: {list}.");
}

fn photo_block(out: &mut String, photo: &SitePhoto) {
    let (Some(large), Some(shown)) = (photo.images.last(), shown_image(&photo.images)) else {
        return;
    };
    let _ = writeln!(
        out,
        "\n[![{}]({})]({})",
        escape(&photo.alt),
        shown.path,
        large.path
    );
    let mut parts = Vec::new();
    if let Some(time) = &photo.time {
        parts.push(escape(time));
    }
    let caption = one_line(&photo.caption);
    if !caption.is_empty() {
        parts.push(escape(&caption));
    }
    if let Some(place) = &photo.place {
        parts.push(escape(place));
    }
    let map = photo
        .map_url
        .as_deref()
        .filter(|url| is_plain_url(url))
        .map(|url| format!(" · [map]({url})"))
        .unwrap_or_default();
    if !parts.is_empty() {
        let _ = writeln!(out, "\n*{}*{map}", parts.join(" — "));
    } else if !map.is_empty() {
        let _ = writeln!(out, "\n{}", map.trim_start_matches(" · "));
    }
}

/// Text for inline Markdown: one line, every character that could start markup, a link or
/// HTML backslash-escaped (CommonMark lets any ASCII punctuation be escaped). `{`, `%` and `$`
/// too, so no `{{`, `{%` or `$$` reaches a blog's template engine (Liquid, Hugo shortcodes)
/// or math renderer.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in one_line(text).chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '<'
                | '>'
                | '#'
                | '!'
                | '~'
                | '|'
                | '&'
                | '{'
                | '}'
                | '%'
                | '$'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// An http(s) address that can stand in a Markdown link as is.
fn is_plain_url(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '(' | ')' | '<' | '>'))
}

/// Notes placed under a heading of `level`: every heading in them moved down `level` levels
/// (at most to `######`), so a `# Takeaways` in a session's notes stays inside that session,
/// as the gallery's notes do. ATX headings get more `#`; a setext heading that starts a line
/// becomes an ATX one.
fn below(markdown: &str, level: usize) -> String {
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for (event, range) in Parser::new_ext(markdown, notes::options()).into_offset_iter() {
        let Event::Start(Tag::Heading { level: was, .. }) = event else {
            continue;
        };
        let to = (was as usize + level).min(6);
        let source = &markdown[range.clone()];
        let at_line_start = range.start == 0 || markdown[..range.start].ends_with('\n');
        if let Some(hashes) = source.find('#').filter(|&h| source[..h].trim().is_empty()) {
            let at = range.start + hashes;
            edits.push((at..at, "#".repeat(to - was as usize)));
        } else if at_line_start {
            // Setext: the text lines, then the underline.
            let lines: Vec<&str> = source.trim_end_matches('\n').lines().collect();
            if let Some((_, text)) = lines.split_last() {
                let text: Vec<&str> = text.iter().map(|l| l.trim()).collect();
                let newline = if source.ends_with('\n') { "\n" } else { "" };
                edits.push((
                    range,
                    format!("{} {}{newline}", "#".repeat(to), text.join(" ")),
                ));
            }
        }
    }
    let mut out = markdown.to_owned();
    for (range, text) in edits.into_iter().rev() {
        out.replace_range(range, &text);
    }
    out
}

/// Notes as typed, except what a blog engine would turn into live HTML or a dangerous link:
/// raw HTML gets its `<`, `>` and `&` escaped (it then shows as the text that was typed) and
/// links or images to other than http(s), mailto or relative addresses lose their brackets.
/// Code spans and blocks are untouched. Each pass can only remove markup, and removing some can
/// bring other text together into new markup, so passes repeat until one changes nothing.
pub(super) fn neutralize(markdown: &str) -> String {
    let mut text = markdown.to_owned();
    for _ in 0..MAX_PASSES {
        let edits = unsafe_markup(&text);
        if edits.is_empty() {
            return text;
        }
        text = apply(&text, edits);
    }
    // Only a contrived input gets here; fail closed, losing the formatting but not the words.
    text.lines().map(escape_line).collect::<Vec<_>>().join("\n")
}

const MAX_PASSES: usize = 8;

#[derive(Debug, PartialEq)]
enum Edit {
    /// Escape `<`, `>` and `&` in this byte range.
    Escape(Range<usize>),
    /// Remove this byte range.
    Remove(Range<usize>),
}

impl Edit {
    fn range(&self) -> &Range<usize> {
        match self {
            Edit::Escape(r) | Edit::Remove(r) => r,
        }
    }
}

/// An open link or image: its whole source, and the span of its text so far.
struct OpenLink {
    outer: Range<usize>,
    inner: Option<Range<usize>>,
    keep: bool,
}

fn unsafe_markup(text: &str) -> Vec<Edit> {
    let mut edits = Vec::new();
    let mut open: Vec<OpenLink> = Vec::new();
    for (event, range) in Parser::new_ext(text, notes::options()).into_offset_iter() {
        // Everything between a link's brackets is its text, a nested image included.
        if !matches!(event, Event::End(TagEnd::Link | TagEnd::Image)) {
            for link in &mut open {
                link.inner = Some(match &link.inner {
                    Some(inner) => inner.start.min(range.start)..inner.end.max(range.end),
                    None => range.clone(),
                });
            }
        }
        match event {
            Event::Html(_) | Event::InlineHtml(_) => edits.push(Edit::Escape(range)),
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                open.push(OpenLink {
                    outer: range,
                    inner: None,
                    keep: is_safe_url(&dest_url),
                });
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                let Some(link) = open.pop() else { continue };
                if link.keep {
                    continue;
                }
                match link.inner {
                    Some(inner) => {
                        edits.push(Edit::Remove(link.outer.start..inner.start));
                        edits.push(Edit::Remove(inner.end..link.outer.end));
                    }
                    None => edits.push(Edit::Remove(link.outer)),
                }
            }
            _ => {}
        }
    }
    edits
}

fn apply(text: &str, mut edits: Vec<Edit>) -> String {
    edits.sort_by_key(|e| (e.range().start, e.range().end));
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for edit in edits {
        let range = edit.range().clone();
        // Ranges come from one parse and do not overlap; a surprise is skipped, not trusted
        // (the next pass sees it again).
        if range.start < at || range.end > text.len() || range.start > range.end {
            continue;
        }
        out.push_str(&text[at..range.start]);
        if let Edit::Escape(_) = edit {
            for c in text[range.clone()].chars() {
                match c {
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '&' => out.push_str("&amp;"),
                    c => out.push(c),
                }
            }
        }
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// A line with every markup character escaped, keeping leading indentation as text.
fn escape_line(line: &str) -> String {
    let mut out = String::new();
    for c in line.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `markdown` holds raw HTML, or a link or image to a refused address.
    fn has_unsafe_markup(markdown: &str) -> bool {
        !unsafe_markup(markdown).is_empty()
    }

    #[test]
    fn escape_keeps_text_inside_its_brackets() {
        assert_eq!(escape("a]b"), "a\\]b");
        assert_eq!(
            escape("x](javascript:alert(1))"),
            "x\\](javascript:alert(1))"
        );
        assert_eq!(escape("<b>\n# no"), "\\<b\\> \\# no");
        assert_eq!(escape("*_`~|&!"), "\\*\\_\\`\\~\\|\\&\\!");
        assert_eq!(escape("a\\"), "a\\\\");
        for text in ["x](y) ![z", "<script>alert(1)</script>", "a\n\n# b", "\\]"] {
            let md = format!("![{}](p.jpg)", escape(text));
            let mut alt = String::new();
            let mut images = 0;
            for event in Parser::new(&md) {
                match event {
                    Event::Start(Tag::Image { dest_url, .. }) => {
                        images += 1;
                        assert_eq!(&*dest_url, "p.jpg");
                    }
                    Event::Text(t) => alt.push_str(&t),
                    Event::Html(_) | Event::InlineHtml(_) => panic!("HTML in {md:?}"),
                    _ => {}
                }
            }
            assert_eq!(images, 1, "{md:?}");
            assert_eq!(alt, one_line(text), "{md:?}");
        }
    }

    #[test]
    fn raw_html_in_notes_is_escaped_and_markdown_kept() {
        let notes = "Hi *there*\n\n<script>alert(1)</script>\n\n- a <img src=x onerror=alert(1)>\n- `<b>` & [ok](https://example.org)\n\nCode:\n\n    <i>code</i>\n";
        let out = neutralize(notes);
        assert_eq!(
            out,
            "Hi *there*\n\n&lt;script&gt;alert(1)&lt;/script&gt;\n\n- a &lt;img src=x onerror=alert(1)&gt;\n- `<b>` & [ok](https://example.org)\n\nCode:\n\n    <i>code</i>\n"
        );
        assert!(!has_unsafe_markup(&out));
    }

    #[test]
    fn dangerous_links_lose_their_brackets() {
        assert_eq!(neutralize("[click](javascript:alert(1)) ok"), "click ok");
        assert_eq!(neutralize("<javascript:alert(1)>"), "javascript:alert(1)");
        assert_eq!(neutralize("![x](data:image/png;base64,AA)"), "x");
        assert_eq!(neutralize("[](javascript:alert(1))"), "");
        assert_eq!(
            neutralize("[![p](day-1/0001-480.jpg)](vbscript:x)"),
            "![p](day-1/0001-480.jpg)"
        );
        assert_eq!(
            neutralize("[a][r]\n\n[r]: javascript:alert(1)"),
            "a\n\n[r]: javascript:alert(1)"
        );
    }

    #[test]
    fn removing_a_link_cannot_assemble_html() {
        let out = neutralize("[<](javascript:x)script>alert(1)[<](javascript:x)/script>");
        assert!(!has_unsafe_markup(&out), "{out}");
        assert!(!out.contains("<script>"), "{out}");
    }

    #[test]
    fn note_headings_go_below_their_section() {
        assert_eq!(
            below(
                "# A\n\ntext\n\n  ## B ##\n\n###### F\n\nSet\next\n===\n\n> q\n> ---\n",
                3
            ),
            "#### A\n\ntext\n\n  ##### B ##\n\n###### F\n\n#### Set ext\n\n> q\n> ---\n"
        );
        assert_eq!(below("no headings", 2), "no headings");
    }

    #[test]
    fn fallback_escapes_everything() {
        let line = escape_line("<b>[x](javascript:y)</b>");
        assert!(!has_unsafe_markup(&line), "{line}");
    }
}
