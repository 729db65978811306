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
