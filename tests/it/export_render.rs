//! Rendering the export site model: HTML and Markdown snapshots, escaping, assets.

use lanyard::export::render::{assets, html_pages, markdown_post, Page};
use lanyard::export::site::{day_page, image_path, Site, SiteDay, SiteImage, SitePhoto};
use pulldown_cmark::{Event, Parser, Tag};
use std::path::Path;

const SIZES: [u32; 3] = [480, 1024, 2048];

/// Every size of a photo whose full size is `width` × `height`, as export names them.
fn images(day: i64, index: usize, width: u32, height: u32) -> Vec<SiteImage> {
    SIZES
        .iter()
        .map(|&size| {
            let scale = f64::from(size) / f64::from(width.max(height));
            SiteImage {
                path: image_path(day, index, size),
                size,
                width: (f64::from(width) * scale).round() as u32,
                height: (f64::from(height) * scale).round() as u32,
            }
        })
        .collect()
}

fn photo(day: i64, index: usize, time: Option<&str>, caption: &str) -> SitePhoto {
    let alt = match (caption, time) {
        ("", Some(time)) => format!("Photo taken {time}, Day {day}"),
        ("", None) => format!("Photo {index}, Day {day}"),
        (caption, _) => caption.to_owned(),
    };
    SitePhoto {
        index,
        datetime: time.map(|t| format!("2022-05-{:02}T{t}:00+02:00", 15 + day)),
        time: time.map(str::to_owned),
        caption: caption.to_owned(),
        alt,
        images: images(day, index, 4000, 3000),
        place: None,
        map_url: None,
        session: None,
    }
}

/// A trip with everything a renderer must get right: notes with Markdown and hostile HTML, a
/// hostile caption and title, a photo without time, one with a place, a portrait one, and a
/// day with notes but no photos.
fn site() -> Site {
    let mut portrait = photo(2, 2, Some("11:20"), "The keynote stage, from row 3");
    portrait.images = images(2, 2, 3000, 4000);
    let mut placed = photo(2, 3, Some("18:45"), "Canal walk after the talks");
    placed.place = Some("Amsterdam, NL".into());
    placed.map_url = Some(
        "https://www.openstreetmap.org/?mlat=52.37310&mlon=4.89220#map=15/52.37310/4.89220".into(),
    );
    let days = vec![
        SiteDay {
            number: 1,
            date: "2022-05-16".into(),
            date_label: "Mon 16 May".into(),
            date_long: "Monday 16 May 2022".into(),
            title: "Arrival".into(),
            notes: "Landed at **Schiphol**. Plan for tomorrow:\n\n\
                    - badge pick-up\n\
                    - [GitOpsCon schedule](https://events.example.org/gitopscon)\n\
                    - [not a link](javascript:alert(1))\n\n\
                    <script>alert(1)</script>\n\n\
                    Hotel wifi ate my <img src=x onerror=alert(1)> photo.\n"
                .into(),
            page: day_page(1),
            cover: Some(0),
            photos: vec![
                photo(1, 1, Some("16:05"), "Train from the airport"),
                photo(1, 2, None, ""),
            ],
            places: vec![],
            sessions: vec![],
            people: vec![],
        },
        SiteDay {
            number: 2,
            date: "2022-05-17".into(),
            date_label: "Tue 17 May".into(),
            date_long: "Tuesday 17 May 2022".into(),
            title: "GitOps Day: \"quotes\" & <tags>".into(),
            notes: String::new(),
            page: day_page(2),
            cover: Some(1),
            photos: vec![
                photo(2, 1, Some("09:12"), "<script>alert(1)</script>"),
                portrait,
                placed,
                photo(2, 4, Some("21:30"), ""),
            ],
            places: vec!["Amsterdam, NL".into()],
            sessions: vec![],
            people: vec![],
        },
        SiteDay {
            number: 4,
            date: "2022-05-19".into(),
            date_label: "Thu 19 May".into(),
            date_long: "Thursday 19 May 2022".into(),
            title: String::new(),
            notes: "Flew home; no photos, just `notes`.".into(),
            page: day_page(4),
            cover: None,
            photos: vec![],
            places: vec![],
            sessions: vec![],
            people: vec![],
        },
    ];
    Site {
        title: "KubeCon EU 2022 \u{2014} Valencia & Amsterdam".into(),
        date_range: "16\u{2013}19 May 2022".into(),
        first_date: "2022-05-16".into(),
        timezone: "Europe/Amsterdam".into(),
        places: vec!["Amsterdam, NL".into()],
        photo_count: days.iter().map(|d| d.photos.len()).sum(),
        days,
        sizes: SIZES.to_vec(),
        generator: "Lanyard 0.1.0".into(),
    }
}

fn pages() -> Vec<Page> {
    html_pages(&site()).expect("the fixture renders")
}

fn page<'a>(pages: &'a [Page], path: &str) -> &'a str {
    &pages
        .iter()
        .find(|p| p.path == path)
        .unwrap_or_else(|| panic!("no page {path}"))
        .text
}

#[test]
fn index_snapshot() {
    insta::assert_snapshot!("index.html", page(&pages(), "index.html"));
}

#[test]
fn day_page_snapshot() {
    let pages = pages();
    insta::assert_snapshot!("day-1.html", page(&pages, "day-1.html"));
    insta::assert_snapshot!("day-2.html", page(&pages, "day-2.html"));
}

#[test]
fn post_snapshot() {
    let post = markdown_post(&site()).expect("the fixture renders");
    assert_eq!(post.path, "post.md");
    insta::assert_snapshot!("post.md", post.text);
}

#[test]
fn one_page_per_day_plus_the_index() {
    let paths: Vec<String> = pages().into_iter().map(|p| p.path).collect();
    assert_eq!(
        paths,
        ["index.html", "day-1.html", "day-2.html", "day-4.html"]
    );
}

#[test]
fn user_text_never_becomes_markup() {
    for p in pages() {
        let text = &p.text;
        assert!(
            !text.contains("<script>alert"),
            "{}: script ran free",
            p.path
        );
        assert!(!text.contains("<img src=x"), "{}: raw img tag", p.path);
        assert!(
            !text.contains("javascript:"),
            "{}: javascript: link",
            p.path
        );
        // `onerror=` may appear only inside escaped text, i.e. after "&lt;img".
        for (at, _) in text.match_indices("onerror=") {
            let before = &text[..at];
            let tag_start = before.rfind('<').unwrap_or(0);
            let escaped_start = before.rfind("&lt;").unwrap_or(0);
            assert!(
                escaped_start > tag_start,
                "{}: onerror= inside a real tag near byte {at}",
                p.path
            );
        }
        for tag in tags(text) {
            let attrs = tag.split_whitespace().skip(1);
            for attr in attrs.filter(|a| a.contains('=')) {
                let name = attr.split('=').next().unwrap_or_default();
                assert!(
                    !name.starts_with("on") && name != "style",
                    "{}: {name}= in {tag}",
                    p.path
                );
            }
        }
    }
    let day2 = page(&pages(), "day-2.html").to_owned();
    assert!(day2.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(day2.contains("GitOps Day: &quot;quotes&quot; &amp; &lt;tags&gt;"));
    let day1 = page(&pages(), "day-1.html").to_owned();
    assert!(day1.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(day1.contains("<a href=\"https://events.example.org/gitopscon\">"));
}

/// Every tag in `html`, from `<` to before `>`. User text is escaped, so each raw `<` opens a
/// tag the template wrote.
fn tags(html: &str) -> Vec<&str> {
    html.match_indices('<')
        .map(|(at, _)| &html[at..at + html[at..].find('>').expect("tag is closed")])
        .collect()
}

/// The attributes of every `<img …>` tag in `html` (a tag never holds a raw `>`: values are
/// escaped).
fn img_tags(html: &str) -> Vec<&str> {
    html.match_indices("<img")
        .map(|(at, _)| {
            let end = html[at..].find('>').expect("img tag is closed");
            &html[at..at + end]
        })
        .collect()
}

#[test]
fn every_image_is_responsive_and_described() {
    let mut count = 0;
    for p in pages() {
        for tag in img_tags(&p.text) {
            count += 1;
            for attr in [
                " alt=\"",
                " width=\"",
                " height=\"",
                " srcset=\"",
                " sizes=\"",
            ] {
                assert!(tag.contains(attr), "{}: {tag} lacks{attr}", p.path);
            }
            assert!(
                !tag.contains(" alt=\"\""),
                "{}: {tag} has empty alt",
                p.path
            );
        }
    }
    // 2 covers on the index, 2 + 4 photos on the day pages.
    assert_eq!(count, 8);
}

#[test]
fn photos_link_to_their_largest_image_and_keep_their_order() {
    let pages = pages();
    let day2 = page(&pages, "day-2.html");
    let hrefs: Vec<&str> = day2
        .match_indices("<a class=\"photo\" href=\"")
        .map(|(at, m)| {
            let rest = &day2[at + m.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    assert_eq!(
        hrefs,
        [
            "day-2/0001-2048.jpg",
            "day-2/0002-2048.jpg",
            "day-2/0003-2048.jpg",
            "day-2/0004-2048.jpg"
        ]
    );
    // The portrait photo is taller than wide everywhere it is described.
    assert!(day2.contains("data-pswp-width=\"1536\" data-pswp-height=\"2048\""));
    assert!(day2.contains("width=\"768\" height=\"1024\""));
}

#[test]
fn gallery_scripts_are_classic_and_local() {
    for p in pages() {
        assert!(!p.text.contains("type=\"module\""), "{}", p.path);
        for (at, _) in p.text.match_indices("<script") {
            let tag = &p.text[at..at + p.text[at..].find('>').unwrap()];
            assert!(tag.contains(" src=\"assets/"), "{}: {tag}", p.path);
        }
        for (at, _) in p.text.match_indices("<link") {
            let tag = &p.text[at..at + p.text[at..].find('>').unwrap()];
            assert!(tag.contains(" href=\"assets/"), "{}: {tag}", p.path);
        }
    }
}

/// Markdown events of the post, for checks that do not depend on its exact text.
fn post_events() -> Vec<Event<'static>> {
    let text = markdown_post(&site()).unwrap().text;
    Parser::new(&text).map(Event::into_static).collect()
}

#[test]
fn post_has_no_html_or_dangerous_links() {
    for event in post_events() {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => panic!("raw HTML in the post: {html}"),
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                assert!(
                    dest_url.starts_with("https://") || dest_url.starts_with("day-"),
                    "link to {dest_url}"
                );
            }
            _ => {}
        }
    }
}

#[test]
fn post_alt_text_is_exactly_the_caption() {
    let mut site = site();
    let hostile =
        "a] (x) [b](javascript:alert(1)) ![c](d) <img src=x onerror=alert(1)>\n# h *e* _f_ `g`";
    site.days[1].photos[0].caption = hostile.into();
    site.days[1].photos[0].alt = hostile.into();
    let text = markdown_post(&site).unwrap().text;
    let mut alts = Vec::new();
    let mut in_image = false;
    for event in Parser::new(&text) {
        match event {
            Event::Start(Tag::Image { .. }) => {
                in_image = true;
                alts.push(String::new());
            }
            Event::End(pulldown_cmark::TagEnd::Image) => in_image = false,
            Event::Text(t) if in_image => alts.last_mut().unwrap().push_str(&t),
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML in the post: {h}"),
            Event::Start(Tag::Link { dest_url, .. }) => {
                assert!(!dest_url.contains("javascript"), "link to {dest_url}")
            }
            _ => {}
        }
    }
    let flat = hostile.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(alts.len(), 6, "one image per photo: {alts:?}");
    assert_eq!(alts[2], flat);
}

#[test]
fn post_front_matter_is_safe_yaml() {
    let mut site = site();
    site.title = "Trip: \"one\"\n---\nlayout: evil".into();
    let text = markdown_post(&site).unwrap().text;
    let front: Vec<&str> = text.lines().take(5).collect();
    assert_eq!(
        front,
        [
            "---",
            r#"title: "Trip: \"one\" --- layout: evil""#,
            "date: 2022-05-16",
            "tags: [travel, conference]",
            "---"
        ]
    );
}

#[test]
fn assets_are_the_gallery_files_and_photoswipe_as_published() {
    let assets = assets();
    let paths: Vec<&str> = assets.iter().map(|(p, _)| *p).collect();
    assert_eq!(
        paths,
        [
            "assets/gallery.css",
            "assets/gallery.js",
            "assets/photoswipe.css",
            "assets/photoswipe.umd.min.js",
            "assets/photoswipe-lightbox.umd.min.js",
            "assets/LICENSE-photoswipe.txt",
        ]
    );
    let npm = Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/photoswipe");
    assert!(
        npm.is_dir(),
        "{} is missing: run `npm ci` in {} first",
        npm.display(),
        env!("CARGO_MANIFEST_DIR")
    );
    for (asset, published) in [
        ("assets/photoswipe.css", "dist/photoswipe.css"),
        (
            "assets/photoswipe.umd.min.js",
            "dist/umd/photoswipe.umd.min.js",
        ),
        (
            "assets/photoswipe-lightbox.umd.min.js",
            "dist/umd/photoswipe-lightbox.umd.min.js",
        ),
        ("assets/LICENSE-photoswipe.txt", "LICENSE"),
    ] {
        let expected = std::fs::read(npm.join(published))
            .unwrap_or_else(|e| panic!("{published}: {e}; run `npm ci`"));
        let (_, bytes) = assets.iter().find(|(p, _)| *p == asset).unwrap();
        assert!(
            *bytes == expected.as_slice(),
            "{asset} differs from node_modules/photoswipe/{published}: copy it again"
        );
    }
}

// --- A day with an agenda: sessions, notes, people, hostile agenda text --------------------

use lanyard::export::site::{SitePerson, SiteSession, SiteSpeaker};

/// Agenda text that is markup in HTML (a tag, an entity, quotes).
const HOSTILE_TITLE: &str = r#"Escaping <b>Bold</b> & "Quoted" Titles"#;
/// Agenda text that is markup in Markdown and in blog templates.
const MARKDOWN_TITLE: &str = "[Deep] *Dive* into _Rust_ #1 {% raw %} {{ x }} $$";

fn speaker(name: &str, company: Option<&str>) -> SiteSpeaker {
    SiteSpeaker {
        name: name.into(),
        company: company.map(Into::into),
    }
}

fn session(title: &str, from: &str, to: &str) -> SiteSession {
    SiteSession {
        title: title.into(),
        speakers: vec![],
        room: None,
        url: None,
        start: format!("2023-11-07T{from}:00-06:00"),
        end: format!("2023-11-07T{to}:00-06:00"),
        notes: String::new(),
    }
}

fn chicago_photo(index: usize, time: &str, caption: &str, session: Option<usize>) -> SitePhoto {
    let mut p = photo(1, index, Some(time), caption);
    p.datetime = Some(format!("2023-11-07T{time}:00-06:00"));
    p.session = session;
    p
}

/// One conference day: photos before, in and between sessions and in the evening; a keynote
/// with two speakers, a link and notes; a hostile session; one with only notes; people met.
fn agenda_site() -> Site {
    let mut keynote = session("Keynote: Welcome Back", "09:00", "09:20");
    keynote.speakers = vec![
        speaker("Alice Ng", Some("Acme")),
        speaker("Bob Roe", Some("Initech")),
    ];
    keynote.room = Some("Hall F3 - Keynote Stage".into());
    keynote.url = Some("https://kccncna2023.sched.com/event/1R2mj/keynote-welcome-back".into());
    keynote.notes = "Big *news*: the [CNCF survey](https://cncf.example/survey).\n\n# Takeaways\n\n- more platforms\n".into();
    let mut hostile = session(HOSTILE_TITLE, "10:45", "11:15");
    hostile.speakers = vec![
        speaker("<script>alert(1)</script>", Some("Evil & Co \"Ltd\"")),
        speaker("Carol Poe", None),
    ];
    hostile.room = Some("<img src=x onerror=alert(1)>".into());
    hostile.url = Some("javascript:alert(1)".into());
    hostile.notes = "Raw <script>alert(2)</script> stays text.".into();
    let mut markdown = session(MARKDOWN_TITLE, "14:00", "14:30");
    markdown.speakers = vec![speaker("Dana_Smith *", Some("[Org](javascript:x)"))];
    markdown.url = Some("https://example.org/a b".into());
    markdown.notes = "No photos here, only notes.".into();
    let photos = vec![
        chicago_photo(1, "08:40", "Badge pick-up", None),
        chicago_photo(2, "09:05", "Opening slide", Some(0)),
        chicago_photo(3, "09:18", "", Some(0)),
        chicago_photo(4, "10:12", "Expo hall", None),
        chicago_photo(5, "10:40", "Coffee", None),
        chicago_photo(6, "10:50", "<script>alert(3)</script>", Some(1)),
        chicago_photo(7, "19:30", "Dinner", None),
    ];
    let day = SiteDay {
        number: 1,
        date: "2023-11-07".into(),
        date_label: "Tue 7 Nov".into(),
        date_long: "Tuesday 7 November 2023".into(),
        title: "KubeCon Day 1".into(),
        notes: "First day of talks.".into(),
        page: day_page(1),
        cover: Some(1),
        photos,
        places: vec![],
        sessions: vec![keynote, hostile, markdown],
        people: vec![
            SitePerson {
                name: "kunal".into(),
                link: Some("https://x.example/kunal".into()),
                org: Some("Civo".into()),
            },
            SitePerson {
                name: "saiyam".into(),
                link: Some("https://x.example/saiyam".into()),
                org: None,
            },
            SitePerson {
                name: "Ann <Lee> [x]".into(),
                link: Some("javascript:alert(1)".into()),
                org: None,
            },
        ],
    };
    let mut second = day.clone();
    second.number = 2;
    second.page = day_page(2);
    second.date = "2023-11-08".into();
    second.title = "No agenda".into();
    second.notes = String::new();
    second.date_label = "Wed 8 Nov".into();
    second.date_long = "Wednesday 8 November 2023".into();
    second.sessions = vec![];
    second.people = vec![];
    second.photos = vec![photo(2, 1, Some("10:00"), "Just a photo")];
    second.cover = Some(0);
    Site {
        title: "KubeCon NA 2023".into(),
        date_range: "7–8 Nov 2023".into(),
        first_date: "2023-11-07".into(),
        timezone: String::new(),
        places: vec![],
        photo_count: 8,
        days: vec![day, second],
        sizes: SIZES.to_vec(),
        generator: "Lanyard 0.1.0".into(),
    }
}

fn agenda_pages() -> Vec<Page> {
    html_pages(&agenda_site()).expect("the agenda fixture renders")
}

#[test]
fn agenda_day_page_and_post_snapshots() {
    let pages = agenda_pages();
    insta::assert_snapshot!("agenda-day-1.html", page(&pages, "day-1.html"));
    let post = markdown_post(&agenda_site()).unwrap();
    insta::assert_snapshot!("agenda-post.md", post.text);
}

/// The text of every element `<tag …>…</tag>` whose opening tag contains `marker`, tags
/// removed, in page order.
fn texts_of(html: &str, tag: &str, marker: &str) -> Vec<String> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    html.match_indices(&open)
        .filter(|(at, _)| matches!(html.as_bytes().get(at + open.len()), Some(b'>' | b' ')))
        .filter_map(|(at, _)| {
            let head_end = at + html[at..].find('>')?;
            if !html[at..head_end].contains(marker) {
                return None;
            }
            let end = head_end + html[head_end..].find(&close)?;
            let inner = &html[head_end + 1..end];
            let mut text = String::new();
            let mut in_tag = false;
            for c in inner.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            Some(text)
        })
        .collect()
}

#[test]
fn a_day_shows_its_sessions_in_time_order_with_the_photos_between_them() {
    let pages = agenda_pages();
    let day = page(&pages, "day-1.html");
    let headings = texts_of(day, "h2", "");
    assert_eq!(
        headings,
        [
            "08:40",
            "Keynote: Welcome Back",
            "Between sessions · 10:12–10:40",
            "Escaping &lt;b&gt;Bold&lt;/b&gt; &amp; &quot;Quoted&quot; Titles",
            "[Deep] *Dive* into _Rust_ #1 {% raw %} {{ x }} $$",
            "19:30",
            "People I met",
        ],
        "session headers and time headers in time order"
    );
    // Each section holds its own photos, in order.
    let sections: Vec<&str> = day.split("<section ").skip(1).collect();
    let photos_in = |s: &str| -> Vec<String> {
        s.match_indices("href=\"day-1/")
            .map(|(at, _)| s[at + 12..at + 16].to_string())
            .collect()
    };
    let got: Vec<Vec<String>> = sections.iter().map(|s| photos_in(s)).collect();
    assert_eq!(
        got,
        [
            vec!["0001"],
            vec!["0002", "0003"],
            vec!["0004", "0005"],
            vec!["0006"],
            vec![],
            vec!["0007"],
            vec![],
        ]
    );
    assert_eq!(
        texts_of(day, "p", "class=\"speakers\""),
        [
            "Alice Ng, Acme &amp; Bob Roe, Initech",
            "&lt;script&gt;alert(1)&lt;/script&gt;, Evil &amp; Co &quot;Ltd&quot; &amp; Carol Poe",
            "Dana_Smith *, [Org](javascript:x)",
        ]
    );
    assert_eq!(
        texts_of(day, "p", "class=\"session-meta\""),
        [
            "09:00–09:20 · Hall F3 - Keynote Stage · Session page",
            "10:45–11:15 · &lt;img src=x onerror=alert(1)&gt;",
            "14:00–14:30",
        ],
        "times in the trip's local time; only an http(s) address is linked"
    );
    assert!(day.contains(
        "<a class=\"session-link\" href=\"https://kccncna2023.sched.com/event/1R2mj/keynote-welcome-back\" rel=\"noopener\">Session page</a>"
    ));
    assert!(day.contains("<time datetime=\"2023-11-07T09:00:00-06:00\">09:00</time>"));
    // Session notes are Markdown under the session's h2; raw HTML in them is text.
    assert!(day.contains("<h3>Takeaways</h3>"), "{day}");
    assert!(day.contains("<em>news</em>"));
    assert!(day.contains("Raw &lt;script&gt;alert(2)&lt;/script&gt; stays text."));
    // People met: links where there is an http(s) one.
    let people = &day[day
        .find("<section class=\"people\"")
        .expect("a people section")..];
    assert_eq!(
        texts_of(people, "li", ""),
        ["kunal Civo", "saiyam", "Ann &lt;Lee&gt; [x]"]
    );
    assert!(day.contains("<a href=\"https://x.example/kunal\" rel=\"noopener\">kunal</a>"));
    assert!(day.contains("<p class=\"meta\"><time datetime=\"2023-11-07\">Tuesday 7 November 2023</time> · 7 photos · 3 sessions</p>"));
    let index = page(&pages, "index.html");
    assert_eq!(
        texts_of(index, "p", "class=\"count\""),
        ["7 photos · 3 sessions", "1 photo"],
        "index cards count each day's sessions"
    );
    // A day without sessions looks as before: one grid, no section, no time header.
    let plain = page(&pages, "day-2.html");
    assert!(!plain.contains("<section"), "{plain}");
    assert_eq!(plain.matches("<div class=\"photos\">").count(), 1);
}

#[test]
fn agenda_text_never_becomes_markup_in_the_pages() {
    let pages = agenda_pages();
    for p in &pages {
        let text = &p.text;
        for bad in [
            "<b>Bold",
            "<script>alert",
            "<img src=x",
            "javascript:alert",
            "href=\"javascript",
        ] {
            if bad == "javascript:alert" {
                // As escaped text only (the hostile url is never linked; in text it is fine).
                assert!(!text.contains("href=\"javascript"), "{}: {bad}", p.path);
                continue;
            }
            assert!(!text.contains(bad), "{}: {bad} got through", p.path);
        }
        for tag in tags(text) {
            for attr in tag.split_whitespace().skip(1).filter(|a| a.contains('=')) {
                let name = attr.split('=').next().unwrap_or_default();
                assert!(!name.starts_with("on"), "{}: {name}= in {tag}", p.path);
            }
        }
    }
    let day = page(&pages, "day-1.html");
    assert!(day.contains("Escaping &lt;b&gt;Bold&lt;/b&gt; &amp; &quot;Quoted&quot; Titles"));
    assert!(
        !day.contains("href=\"https://example.org/a b\""),
        "an address with a space"
    );
}

/// The post as a blog renders it: `(level, text)` of every heading and the text of every
/// paragraph, with links as `[text](url)`.
fn post_blocks(markdown: &str) -> Vec<(u8, String)> {
    use pulldown_cmark::TagEnd;
    let mut blocks = Vec::new();
    let mut current: Option<(u8, String)> = None;
    let body = markdown
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map_or(markdown, |(_, body)| body);
    for event in Parser::new(body) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                current = Some((level as u8, String::new()))
            }
            Event::Start(Tag::Paragraph) => current = Some((0, String::new())),
            Event::End(TagEnd::Heading(_) | TagEnd::Paragraph) => blocks.extend(current.take()),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::Start(Tag::Link { .. }) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push('[');
                }
            }
            Event::End(TagEnd::Link) => {}
            Event::Start(Tag::Image { dest_url, .. }) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&format!("<img {dest_url}>"));
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML in the post: {h}"),
            _ => {}
        }
    }
    blocks
}

#[test]
fn the_post_reads_like_a_trip_report() {
    let text = markdown_post(&agenda_site()).unwrap().text;
    let blocks = post_blocks(&text);
    let headings: Vec<(u8, &str)> = blocks
        .iter()
        .filter(|(level, _)| *level > 0)
        .map(|(level, t)| (*level, t.as_str()))
        .collect();
    assert_eq!(
        headings,
        [
            (2, "Day 1 — KubeCon Day 1"),
            (3, "Keynote: Welcome Back - Alice Ng, Acme & Bob Roe, Initech"),
            (4, "Takeaways"),
            (
                3,
                "Escaping <b>Bold</b> & \"Quoted\" Titles - <script>alert(1)</script>, Evil & Co \"Ltd\" & Carol Poe"
            ),
            (3, "[Deep] *Dive* into _Rust_ #1 {% raw %} {{ x }} $$ - Dana_Smith *, [Org](javascript:x)"),
            (3, "Outside the sessions"),
            (2, "Day 2 — No agenda"),
        ],
        "agenda text shows as typed once rendered, sessions in time order under their day"
    );
    // Under each heading: its photos (by file), in order.
    let mut under: Vec<(String, Vec<String>)> = Vec::new();
    for (level, text) in &blocks {
        if *level > 0 {
            under.push((text.clone(), Vec::new()));
        } else if let Some(at) = text.find("<img day-") {
            under
                .last_mut()
                .unwrap()
                .1
                .push(text[at + 5..at + 17].to_string());
        }
    }
    let files: Vec<(String, Vec<&str>)> = under
        .iter()
        .map(|(h, f)| {
            (
                h.chars().take(12).collect(),
                f.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    let files: Vec<(&str, Vec<&str>)> =
        files.iter().map(|(h, f)| (h.as_str(), f.clone())).collect();
    assert_eq!(
        files,
        [
            ("Day 1 — Kube", vec![]),
            ("Keynote: Wel", vec![]),
            ("Takeaways", vec!["day-1/0002-1", "day-1/0003-1"]),
            ("Escaping <b>", vec!["day-1/0006-1"]),
            ("[Deep] *Dive", vec![]),
            (
                "Outside the ",
                vec![
                    "day-1/0001-1",
                    "day-1/0004-1",
                    "day-1/0005-1",
                    "day-1/0007-1"
                ]
            ),
            ("Day 2 — No a", vec!["day-2/0001-1"]),
        ]
    );
    // The people met close their day, as links where they have one.
    let people: Vec<&str> = blocks
        .iter()
        .filter(|(_, t)| t.starts_with("People I met"))
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(people, ["People I met: [kunal, [saiyam and Ann <Lee> [x]."]);
    assert!(text.contains("People I met: [kunal](https://x.example/kunal), [saiyam](https://x.example/saiyam) and Ann \\<Lee\\> \\[x\\]."));
    let day2 = text.find("## Day 2").unwrap();
    assert!(text.find("People I met").unwrap() < day2, "under day 1");
    // Session meta: time and room, the page linked only when http(s).
    assert!(text.contains("*09:00–09:20 · Hall F3 - Keynote Stage* · [Session page](https://kccncna2023.sched.com/event/1R2mj/keynote-welcome-back)"));
    assert!(text.contains("*10:45–11:15 · \\<img src=x onerror=alert(1)\\>*\n"));
    for (at, _) in text.match_indices("](javascript") {
        assert!(
            text[..at].ends_with('\\'),
            "a javascript: link at {at}:\n{text}"
        );
    }
    // No template or math syntax reaches a blog engine unescaped.
    for needle in ["{%", "{{", "$$"] {
        for (at, _) in text.match_indices(needle) {
            assert!(
                text[..at].ends_with('\\'),
                "unescaped {needle} at {at}:\n{text}"
            );
        }
    }
}
