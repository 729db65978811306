//! The Markdown blog post, read as a blog engine would: pulldown-cmark with raw HTML passed
//! through, so any `<script>` a caption or note smuggled in would show up as HTML.

use crate::{
    fixture, DAY_TITLE, HIDDEN_CAPTION, HIDDEN_TIME, HOSTILE_SPEAKER, HOSTILE_TITLE, IMG_CAPTION,
    KEYNOTE_SPEAKERS, KEYNOTE_TITLE, MET, PRIVATE, SCRIPT_CAPTION, TRIP,
};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::collections::BTreeSet;

#[test]
fn markdown_post_has_front_matter_days_and_images_that_exist() {
    let fx = fixture();
    let (out, report) = fx.export("markdown", &["--format", "markdown"]);
    let post = out.join("post.md");
    assert_eq!(
        report["entry"].as_str().map(std::path::Path::new),
        Some(post.as_path()),
        "{report:#}"
    );
    let text = std::fs::read_to_string(&post).unwrap_or_else(|e| panic!("{}: {e}", post.display()));

    // Front matter: title, date, tags between two `---` lines.
    let rest = text
        .strip_prefix("---\n")
        .unwrap_or_else(|| panic!("post.md does not open with front matter:\n{text}"));
    let (front, body) = rest
        .split_once("\n---\n")
        .unwrap_or_else(|| panic!("post.md's front matter is not closed:\n{text}"));
    for key in ["title:", "date:", "tags:"] {
        assert!(
            front.lines().any(|l| l.starts_with(key)),
            "front matter lacks `{key}`:\n{front}"
        );
    }
    let title = front.lines().find(|l| l.starts_with("title:")).unwrap();
    assert!(title.contains(TRIP), "front matter title: {title}");
    assert!(
        front.contains("2022-05-17"),
        "front matter date is the first day:\n{front}"
    );

    let days: Vec<&str> = body.lines().filter(|l| l.starts_with("## Day ")).collect();
    assert_eq!(days.len() as u64, fx.plan("days"), "day sections: {days:?}");

    // Read as a blog renders it.
    let mut html = Vec::new();
    let mut plain = String::new();
    let mut images = BTreeSet::new();
    // Local link targets: the large image behind each picture.
    let mut links = BTreeSet::new();
    let mut alts = Vec::new();
    let mut in_image: Option<String> = None;
    // Headings as rendered: (level, text).
    let mut headings: Vec<(u8, String)> = Vec::new();
    let mut in_heading = false;
    for event in Parser::new(body) {
        match &event {
            Event::Start(Tag::Heading { level, .. }) => {
                headings.push((*level as u8, String::new()));
                in_heading = true;
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Text(t) if in_heading => headings.last_mut().unwrap().1.push_str(t),
            _ => {}
        }
        match event {
            Event::Html(h) | Event::InlineHtml(h) => html.push(h.to_string()),
            Event::Start(Tag::Image { dest_url, .. }) => {
                images.insert(dest_url.to_string());
                in_image = Some(String::new());
            }
            Event::End(TagEnd::Image) => alts.extend(in_image.take()),
            Event::Start(Tag::Link { dest_url, .. }) if !dest_url.contains("://") => {
                links.insert(dest_url.to_string());
            }
            Event::Text(t) | Event::Code(t) => match in_image.as_mut() {
                Some(alt) => alt.push_str(&t),
                None => plain.push_str(&t),
            },
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => {
                plain.push('\n');
            }
            _ => {}
        }
    }
    let raw = html.join("");
    for needle in ["<script", "onerror", "onclick", "<img", "<div"] {
        assert!(
            !raw.to_ascii_lowercase().contains(needle),
            "post.md passes raw HTML through to the blog ({needle}): {html:?}"
        );
    }
    // `\<script\>` is Markdown's escape; a bare `<script` is HTML in every Markdown engine.
    let lower = text.to_ascii_lowercase();
    let bare = lower
        .match_indices("<script")
        .filter(|(at, _)| !lower[..*at].ends_with('\\'))
        .count();
    assert_eq!(bare, 0, "post.md contains a raw <script:\n{text}");
    for (what, literal) in [
        ("day 1's title", DAY_TITLE),
        ("the script caption", SCRIPT_CAPTION),
        ("the img caption", IMG_CAPTION),
    ] {
        assert!(
            plain.contains(literal),
            "post.md does not show {what} as text once rendered ({literal}):\n{plain}"
        );
    }
    assert!(
        alts.iter().any(|a| a == SCRIPT_CAPTION),
        "captions are the images' alt text: {alts:?}"
    );
    assert!(plain.contains("Keynotes"), "day 1's notes are in the post");
    for needle in [HIDDEN_CAPTION, HIDDEN_TIME, "PXL_", "IMG_000"] {
        assert!(!text.contains(needle), "post.md publishes {needle:?}");
    }
    assert!(
        !text.to_lowercase().contains(&PRIVATE.to_lowercase()),
        "post.md names {PRIVATE}, who asked not to be published"
    );
    // Day 1's sessions in time order, as typed, then the photos outside them.
    let day1: Vec<&str> = headings
        .iter()
        .skip_while(|(level, _)| *level != 2)
        .skip(1)
        .take_while(|(level, _)| *level != 2)
        .map(|(_, text)| text.as_str())
        .collect();
    assert_eq!(
        day1,
        [
            format!("{KEYNOTE_TITLE} - {KEYNOTE_SPEAKERS}"),
            format!("{HOSTILE_TITLE} - {HOSTILE_SPEAKER}, Evil Corp"),
            "Outside the sessions".to_string(),
        ],
        "day 1's session headings"
    );
    assert!(
        text.contains(&format!("People I met: [{}]({}).", MET.0, MET.1)),
        "the person met, as a link:\n{text}"
    );

    assert_eq!(
        images.len() as u64,
        fx.plan("photos"),
        "one image per published photo: {images:?}"
    );
    for link in images.iter().chain(&links) {
        assert!(
            !link.contains("://") && !link.starts_with('/'),
            "image links are relative to the post: {link}"
        );
        let file = out.join(link);
        assert!(
            file.is_file(),
            "post.md links {link}, which is not in {}",
            out.display()
        );
    }
}
