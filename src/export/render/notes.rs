//! A day's notes, Markdown as the user typed it, turned into HTML that is safe to put in a page
//! as is: raw HTML shows as text, links lead only to http(s), mailto or relative addresses, and
//! images become their alt text (a gallery loads nothing from elsewhere). Pure.

use pulldown_cmark::{html, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The Markdown dialect of notes: CommonMark plus tables and strikethrough, as in the app.
pub(super) fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Notes as HTML with raw HTML disabled. The page's `h1` is the day, so note headings start
/// at `h2`.
pub(super) fn to_html(markdown: &str) -> String {
    to_html_from(markdown, HeadingLevel::H2)
}

/// Notes as HTML with raw HTML disabled, their headings starting at `first` (a session's notes
/// sit under the session's `h2`, so theirs start at `h3`).
pub(super) fn to_html_from(markdown: &str, first: HeadingLevel) -> String {
    let shift = first as usize - HeadingLevel::H1 as usize;
    // One entry per open link: whether its tags were dropped (links do not nest, but an image
    // may sit inside a link).
    let mut links: Vec<bool> = Vec::new();
    let events = Parser::new_ext(markdown, options()).filter_map(|event| match event {
        Event::Html(text) | Event::InlineHtml(text) => Some(Event::Text(text)),
        Event::Start(Tag::HtmlBlock) => Some(Event::Start(Tag::Paragraph)),
        Event::End(TagEnd::HtmlBlock) => Some(Event::End(TagEnd::Paragraph)),
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Some(Event::Start(Tag::Heading {
            level: demote(level, shift),
            id,
            classes,
            attrs,
        })),
        Event::End(TagEnd::Heading(level)) => {
            Some(Event::End(TagEnd::Heading(demote(level, shift))))
        }
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let keep = is_safe_url(&dest_url);
            links.push(keep);
            keep.then_some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::End(TagEnd::Link) => links
            .pop()
            .unwrap_or(false)
            .then_some(Event::End(TagEnd::Link)),
        // Without its tags an image's alt text is rendered as ordinary text.
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        other => Some(other),
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

/// `level` moved down `shift` levels, at most to `h6`.
fn demote(level: HeadingLevel, shift: usize) -> HeadingLevel {
    match (level as usize + shift).min(HeadingLevel::H6 as usize) {
        1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Whether a link may keep its address: http, https, mailto, or no scheme at all (relative
/// paths, fragments, queries). Everything else (`javascript:`, `data:`, `vbscript:`, `file:`,
/// or a scheme spelled in a way a browser might still accept) is refused.
pub(super) fn is_safe_url(url: &str) -> bool {
    // Browsers drop ASCII tabs and newlines anywhere in a URL and trim spaces and control
    // characters around it before they look for a scheme; dropping all of them here can only
    // make more strings look like they carry a scheme, which fails closed.
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .collect::<String>()
        .to_ascii_lowercase();
    match cleaned.find([':', '/', '?', '#']) {
        Some(at) if cleaned[at..].starts_with(':') => {
            matches!(&cleaned[..at], "http" | "https" | "mailto")
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_schemes() {
        let cases = [
            ("https://example.org/a", true),
            ("http://example.org", true),
            ("HTTPS://EXAMPLE.ORG", true),
            ("mailto:me@example.org", true),
            ("day-2.html", true),
            ("#top", true),
            ("?q=1", true),
            ("../x:y", true),
            ("//example.org/", true),
            ("", true),
            ("javascript:alert(1)", false),
            ("JavaScript:alert(1)", false),
            (" javascript:alert(1)", false),
            ("java\tscript:alert(1)", false),
            ("java\nscript:alert(1)", false),
            ("\u{1}javascript:alert(1)", false),
            ("data:text/html,<script>", false),
            ("vbscript:x", false),
            ("file:///etc/passwd", false),
            ("ｊavascript:alert(1)", false),
        ];
        for (url, safe) in cases {
            assert_eq!(is_safe_url(url), safe, "{url:?}");
        }
    }

    #[test]
    fn raw_html_is_text() {
        let html = to_html("<script>alert(1)</script>\n\nhi <img src=x onerror=alert(1)> there");
        assert_eq!(
            html,
            "<p>&lt;script&gt;alert(1)&lt;/script&gt;\n</p>\n\
             <p>hi &lt;img src=x onerror=alert(1)&gt; there</p>\n"
        );
    }

    #[test]
    fn unsafe_links_become_text_and_images_their_alt() {
        assert_eq!(
            to_html(
                "[a](javascript:alert(1)) [b](https://example.org) ![c](https://t.example/p.gif)"
            ),
            "<p>a <a href=\"https://example.org\">b</a> c</p>\n"
        );
        assert_eq!(
            to_html("<javascript:alert(1)> [x](java&#x73;cript:alert(1))"),
            "<p>javascript:alert(1) x</p>\n"
        );
        assert_eq!(to_html("[![c](p.jpg)](javascript:alert(1))"), "<p>c</p>\n");
    }

    #[test]
    fn headings_start_below_the_page_heading() {
        assert_eq!(to_html("# A\n###### B"), "<h2>A</h2>\n<h6>B</h6>\n");
        assert_eq!(
            to_html_from("# A\n## B\n#### C", HeadingLevel::H3),
            "<h3>A</h3>\n<h4>B</h4>\n<h6>C</h6>\n"
        );
    }

    #[test]
    fn markdown_still_works() {
        assert_eq!(
            to_html("- *one*\n- `<two>`\n\n```\n<b>\n```"),
            "<ul>\n<li><em>one</em></li>\n<li><code>&lt;two&gt;</code></li>\n</ul>\n\
             <pre><code>&lt;b&gt;\n</code></pre>\n"
        );
    }
}
