//! The exported gallery in headless Chromium, driven over WebDriver (chromedriver + fantoccini),
//! opened from file:// as someone who downloaded the folder would.
//!
//! Console errors come from chromedriver's browser log and requests from its performance log
//! (`Network.requestWillBeSent`), both read with the `se/log` endpoint (capability
//! `goog:loggingPrefs`), plus `performance.getEntriesByType('resource')` in each page.

use crate::{
    fixture, pages, require_tool, target_dir, DAY_TITLE, HIDDEN_CAPTION, HIDDEN_TIME,
    HOSTILE_SPEAKER, HOSTILE_TITLE, IMG_CAPTION, KEYNOTE_SPEAKERS, KEYNOTE_TITLE, KEYNOTE_URL, MET,
    PORTRAIT_CAPTION, PRIVATE, SCRIPT_CAPTION, TRIP,
};
use fantoccini::key::Key;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::process_group::{free_port, Group};
use crate::screenshot::assert_not_blank;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const DESKTOP: (u32, u32) = (1280, 900);
const PHONE: (u32, u32) = (390, 844);
const WAIT: Duration = Duration::from_secs(10);

#[tokio::test]
async fn gallery_works_offline_in_headless_chromium() {
    let fx = fixture();
    let started = Instant::now();
    let driver = Chromedriver::start();
    let b = Browser::connect(driver.port).await;
    let export = std::fs::canonicalize(&fx.html).expect("export folder");
    let mut problems = Vec::new();

    b.resize(DESKTOP).await;
    let index = b.open(&export.join("index.html")).await;
    assert!(
        index.title.contains(TRIP),
        "index title {:?} lacks the trip name",
        index.title
    );
    assert!(
        index.text.contains(DAY_TITLE),
        "index does not show day 1's title literally ({DAY_TITLE}):\n{}",
        index.text
    );
    check_page(&b, &export, &index, &mut problems).await;
    let day_links = b
        .js(
            "return [...new Set([...document.querySelectorAll('a[href]')] \
             .map(a => a.getAttribute('href')).filter(h => /^day-\\d+\\.html$/.test(h)))]",
            vec![],
        )
        .await;
    assert_eq!(
        day_links.as_array().map(Vec::len),
        Some(fx.plan("days") as usize),
        "the index links every day page once: {day_links}"
    );
    b.screenshot("index-desktop").await;

    // Every day page: images, captions, hostile words, the hidden photo.
    let mut published = 0;
    let mut all_text = String::new();
    let mut portrait = false;
    let day_pages = pages(&export).split_off(1);
    assert_eq!(day_pages.len() as u64, fx.plan("days"), "{day_pages:?}");
    for (i, path) in day_pages.iter().enumerate() {
        let page = b.open(path).await;
        check_page(&b, &export, &page, &mut problems).await;
        published += page.photos;
        all_text.push_str(&page.text);
        portrait |= portrait_on_page(&b, &export).await;
        // Nothing from captions or notes may become an element or run.
        let hostile = b
            .js(
                "return { handlers: document.querySelectorAll('[onclick], [onerror], img[src=\"x\"]').length, \
                  scripts: [...document.scripts].filter(s => s.textContent.includes('pwned') || s.textContent.includes('alert(')).length }",
                vec![],
            )
            .await;
        if hostile["handlers"] != 0 || hostile["scripts"] != 0 || page.title.contains("pwned") {
            problems.push(format!(
                "{}: words from captions or notes became markup: {hostile}, title {:?}",
                page.name, page.title
            ));
        }
        if i > 0 {
            continue;
        }
        if !page.text.contains(DAY_TITLE) {
            problems.push(format!(
                "{}: day 1's title is not shown literally",
                page.name
            ));
        }
        // Notes: Markdown rendered to elements.
        let notes = b
            .js(
                "return { strong: [...document.querySelectorAll('strong')].some(e => e.textContent === 'Keynotes'), \
                  list: [...document.querySelectorAll('li')].filter(e => e.textContent.includes('talk')).length }",
                vec![],
            )
            .await;
        if notes["strong"] != true || notes["list"] != 2 {
            problems.push(format!(
                "{}: the notes' Markdown is not rendered: {notes}",
                page.name
            ));
        }
        sessions(&b, &page, &mut problems).await;
        b.screenshot("day-desktop").await;
        b.js(
            "document.getElementById('session-2').scrollIntoView({block: 'start'})",
            vec![],
        )
        .await;
        b.screenshot("day-sessions-desktop").await;
        b.js("window.scrollTo(0, 0)", vec![]).await;
        lightbox(&b, "desktop", page.photos).await;
    }
    assert_eq!(
        published as u64,
        fx.plan("photos"),
        "photos on the day pages vs plan.photos"
    );
    // The hostile captions were published, as text.
    for caption in [SCRIPT_CAPTION, IMG_CAPTION, PORTRAIT_CAPTION] {
        if !all_text.contains(caption) {
            problems.push(format!(
                "no day page shows the caption {caption:?} literally"
            ));
        }
    }
    assert!(
        portrait,
        "no day page shows the caption {PORTRAIT_CAPTION:?}"
    );
    assert!(
        b.client.get_alert_text().await.is_err(),
        "an alert is open: a caption's script ran"
    );

    // A phone: no sideways scrolling, the same lightbox.
    b.resize(PHONE).await;
    let index = b.open(&export.join("index.html")).await;
    check_page(&b, &export, &index, &mut problems).await;
    overflow(&b, "index", &mut problems).await;
    b.screenshot("index-phone").await;
    let day = b.open(&day_pages[0]).await;
    check_page(&b, &export, &day, &mut problems).await;
    overflow(&b, &day.name, &mut problems).await;
    b.screenshot("day-phone").await;
    b.js(
        "document.getElementById('session-1').scrollIntoView({block: 'start'})",
        vec![],
    )
    .await;
    b.screenshot("day-sessions-phone").await;
    b.js("window.scrollTo(0, 0)", vec![]).await;
    lightbox(&b, "phone", day.photos).await;

    // Requests: the whole session's performance log, not only what pages still list.
    for url in b.requested_urls().await {
        if !stays_in(&url, &export) {
            problems.push(format!("a request left the export folder: {url}"));
        }
    }
    problems.extend(b.console_errors().await);

    b.client.clone().close().await.expect("close the session");
    drop(driver);
    eprintln!("gallery in Chromium: {:.1?}", started.elapsed());
    assert!(
        problems.is_empty(),
        "the exported gallery has problems:\n- {}",
        problems.join("\n- ")
    );
}

/// What a page shows, read right after it loaded.
struct Page {
    name: String,
    title: String,
    text: String,
    html: String,
    /// `a.photo` links: one per published photo.
    photos: usize,
}

/// The checks every page gets: images load (and their files exist in the export), no console
/// errors, no resource from elsewhere, the hidden photo nowhere.
async fn check_page(b: &Browser, export: &Path, page: &Page, problems: &mut Vec<String>) {
    let images = b
        .js_async(
            r#"
            const done = arguments[arguments.length - 1];
            (async () => {
                const imgs = [...document.querySelectorAll('img')];
                for (const img of imgs) {
                    img.scrollIntoView({ block: 'center' });
                    const t0 = performance.now();
                    while (!(img.complete && img.naturalWidth > 0) && performance.now() - t0 < 5000) {
                        await new Promise((r) => setTimeout(r, 20));
                    }
                }
                window.scrollTo(0, 0);
                const abs = (u) => new URL(u, document.baseURI).href;
                done(imgs.map((img) => ({
                    src: img.currentSrc || img.src,
                    loaded: img.complete && img.naturalWidth > 0,
                    width: img.getAttribute('width'),
                    height: img.getAttribute('height'),
                    alt: img.getAttribute('alt'),
                    files: (img.getAttribute('srcset') || '').split(',').map((s) => s.trim().split(/\s+/)[0])
                        .filter((s) => s).map(abs).concat([abs(img.getAttribute('src'))]),
                })).concat([...document.querySelectorAll('a.photo')].map((a) => ({
                    src: a.href, loaded: true, width: '', height: '', alt: 'link', files: [a.href],
                }))));
            })();
            "#,
            vec![],
        )
        .await;
    let images = images.as_array().expect("image list");
    if page.name.starts_with("day-") && images.is_empty() {
        problems.push(format!("{}: no images", page.name));
    }
    for img in images {
        let src = img["src"].as_str().unwrap_or_default();
        if img["loaded"] != true {
            problems.push(format!("{}: image did not load: {src}", page.name));
        }
        if img["width"].is_null() || img["height"].is_null() {
            problems.push(format!("{}: <img> without width/height: {src}", page.name));
        }
        if img["alt"].as_str().is_none_or(str::is_empty) {
            problems.push(format!("{}: <img> without alt text: {src}", page.name));
        }
        for file in img["files"].as_array().into_iter().flatten() {
            let url = file.as_str().unwrap_or_default();
            match url::Url::parse(url)
                .ok()
                .and_then(|u| u.to_file_path().ok())
            {
                Some(path) if path.starts_with(export) && path.is_file() => {}
                _ => problems.push(format!("{}: {url} is not a file in the export", page.name)),
            }
        }
    }
    // Resources the page itself fetched (scripts, styles, images).
    let resources = b
        .js(
            "return performance.getEntriesByType('resource').map(e => e.name)",
            vec![],
        )
        .await;
    for url in resources.as_array().into_iter().flatten() {
        let url = url.as_str().unwrap_or_default();
        if !stays_in(url, export) {
            problems.push(format!("{}: loaded {url}", page.name));
        }
    }
    let lower = (page.text.to_lowercase(), page.html.to_lowercase());
    if lower.0.contains(&PRIVATE.to_lowercase()) || lower.1.contains(&PRIVATE.to_lowercase()) {
        problems.push(format!(
            "{}: names {PRIVATE}, who asked not to be published",
            page.name
        ));
    }
    for (what, needle) in [
        ("the hidden photo's caption", HIDDEN_CAPTION),
        ("the hidden photo's time", HIDDEN_TIME),
        ("an original file name", "PXL_"),
        ("an original file name", "IMG_000"),
    ] {
        if page.text.contains(needle) || page.html.contains(needle) {
            problems.push(format!("{}: {what} ({needle}) is published", page.name));
        }
    }
    for error in b.console_errors().await {
        problems.push(format!("{}: {error}", page.name));
    }
}

/// Day 1 with its agenda: the sessions and the photos between them in time order, each header
/// with its speakers, time, room and link, agenda text shown as typed (no element or script
/// from it), the session's notes rendered, the people met as links.
async fn sessions(b: &Browser, page: &Page, problems: &mut Vec<String>) {
    let seen = b
        .js(
            "const main = document.querySelector('main'); \
             const sections = [...main.querySelectorAll(':scope > section')]; \
             return { \
               headings: [...main.querySelectorAll('h2')].map(h => h.textContent), \
               photos: sections.map(s => s.querySelectorAll('a.photo').length), \
               kinds: sections.map(s => s.className), \
               speakers: [...main.querySelectorAll('.speakers')].map(p => p.textContent), \
               meta: [...main.querySelectorAll('.session-meta')].map(p => p.textContent), \
               links: [...main.querySelectorAll('a.session-link')].map(a => a.href), \
               injected: main.querySelectorAll('.session h2 *, .speakers *, .room *, script').length, \
               notes: [...main.querySelectorAll('.session .notes a')].map(a => a.href), \
               people: [...main.querySelectorAll('.people li')].map(li => ({ \
                 text: li.textContent, href: li.querySelector('a')?.href ?? null })), \
             };",
            vec![],
        )
        .await;
    let want = json!({
        "headings": [KEYNOTE_TITLE, "Between sessions · 11:20", HOSTILE_TITLE, "17:45", "People I met"],
        "photos": [1, 1, 1, 1, 0],
        "kinds": ["session", "between", "session", "between", "people"],
        "speakers": [KEYNOTE_SPEAKERS, format!("{HOSTILE_SPEAKER}, Evil Corp")],
        "meta": [
            "09:00–09:30 · Auditorium · Session page",
            "14:00–14:30 · <img src=x onerror=alert(1)>",
        ],
        "links": [KEYNOTE_URL],
        "injected": 0,
        "notes": ["https://example.org/slides"],
        "people": [{ "text": format!("{} Civo", MET.0), "href": MET.1 }],
    });
    if seen != want {
        problems.push(format!(
            "{}: the sessions are not shown as expected:\n  seen {seen:#}\n  want {want:#}",
            page.name
        ));
    }
}

/// Clicks the first photo, checks the lightbox opens with a counter over all `total` photos of
/// the page (across its sessions) and moves with ArrowRight, takes a screenshot, and closes it
/// with Escape.
async fn lightbox(b: &Browser, size: &str, total: usize) {
    let first = b
        .client
        .find(Locator::Css("a.photo"))
        .await
        .expect("a photo link");
    b.js(
        "arguments[0].scrollIntoView({block: 'center'})",
        vec![json!(first)],
    )
    .await;
    first.click().await.expect("click the first photo");
    let state = r#"
        const p = document.querySelector('.pswp');
        if (!p || !p.classList.contains('pswp--open')) return null;
        const counter = (p.querySelector('.pswp__counter')?.textContent ?? '').replace(/\s+/g, ' ').trim();
        const current = [...p.querySelectorAll('.pswp__item')].find((i) => {
            const r = i.getBoundingClientRect();
            return Math.abs(r.left) < 2;
        });
        const img = current?.querySelector('img.pswp__img:not(.pswp__img--placeholder)');
        return { counter, src: img ? img.currentSrc || img.src : null,
                 loaded: !!img && img.complete && img.naturalWidth > 0 };
    "#;
    let opened = b
        .wait_js("the lightbox to open on slide 1", state, |v| {
            v["counter"].as_str() == Some(format!("1 / {total}").as_str()) && v["loaded"] == true
        })
        .await;
    b.screenshot(&format!("lightbox-{size}")).await;
    b.client
        .active_element()
        .await
        .expect("focused element")
        .send_keys(&Key::Right)
        .await
        .expect("ArrowRight");
    let moved = b
        .wait_js("ArrowRight to show slide 2", state, |v| {
            v["counter"].as_str().is_some_and(|c| c.starts_with("2 /"))
                && v["loaded"] == true
                && v["src"] != opened["src"]
        })
        .await;
    eprintln!("lightbox ({size}): {opened} → {moved}");
    b.client
        .active_element()
        .await
        .expect("focused element")
        .send_keys(&Key::Escape)
        .await
        .expect("Escape");
    b.wait_js(
        "Escape to close the lightbox",
        "const p = document.querySelector('.pswp'); return !p || getComputedStyle(p).display === 'none' || !p.classList.contains('pswp--open');",
        |v| v == &Value::Bool(true),
    )
    .await;
}

/// When the page shows the photo turned by EXIF orientation 6: checks it is exported upright
/// (portrait pixels, no orientation left for the browser to apply) and returns true.
async fn portrait_on_page(b: &Browser, export: &Path) -> bool {
    let found = b
        .js(
            "const f = [...document.querySelectorAll('figure')].find(f => f.textContent.includes(arguments[0])); \
             if (!f) return null; const a = f.querySelector('a.photo'); \
             return { href: a.href, w: Number(a.dataset.pswpWidth), h: Number(a.dataset.pswpHeight) };",
            vec![json!(PORTRAIT_CAPTION)],
        )
        .await;
    if found.is_null() {
        return false;
    }
    assert!(
        found["w"].as_u64() < found["h"].as_u64(),
        "the turned photo's lightbox size is not portrait: {found}"
    );
    let file = url::Url::parse(found["href"].as_str().expect("href"))
        .ok()
        .and_then(|u| u.to_file_path().ok())
        .filter(|f| f.starts_with(export))
        .unwrap_or_else(|| panic!("the turned photo links {found}, not a file in the export"));
    let seen = lanyard::metadata::inspect(&file);
    assert!(
        seen.width < seen.height && seen.orientation.unwrap_or(1) == 1,
        "{}: stored {:?}×{:?} with orientation {:?}; expected upright portrait pixels",
        file.display(),
        seen.width,
        seen.height,
        seen.orientation
    );
    true
}

async fn overflow(b: &Browser, page: &str, problems: &mut Vec<String>) {
    let v = b
        .js(
            "return { scroll: document.documentElement.scrollWidth, inner: window.innerWidth }",
            vec![],
        )
        .await;
    if v["scroll"].as_u64() > v["inner"].as_u64() {
        problems.push(format!("{page}: scrolls sideways on a phone: {v}"));
    }
}

/// A URL a page may load: a file inside the export, or inline data.
fn stays_in(url: &str, export: &Path) -> bool {
    if url.starts_with("data:") || url.starts_with("blob:") || url == "about:blank" {
        return true;
    }
    url::Url::parse(url)
        .ok()
        .filter(|u| u.scheme() == "file")
        .and_then(|u| u.to_file_path().ok())
        .is_some_and(|p| p.starts_with(export))
}

/// chromedriver on a free port, leading its own process group (Chromium runs in it too); the
/// whole group is killed when this drops, also while a test panics.
struct Chromedriver {
    group: Group,
    port: u16,
}

impl Chromedriver {
    fn start() -> Chromedriver {
        require_tool(CHROMIUM, "apt-get install chromium");
        let driver = require_tool(
            CHROMEDRIVER,
            "apt-get install chromium-driver (the same version as chromium)",
        );
        let port = free_port();
        let log = target_dir().join("e2e-logs");
        std::fs::create_dir_all(&log).expect("log dir");
        let log = log.join("gallery-chromedriver.log");
        let group = Group::spawn(
            "chromedriver",
            Command::new(driver)
                .arg(format!("--port={port}"))
                .arg(format!("--log-path={}", log.display()))
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
        );
        let mut driver = Chromedriver { group, port };
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Some(status) = driver.group.exited() {
                panic!(
                    "chromedriver exited early ({status}); see {}",
                    log.display()
                );
            }
            assert!(
                Instant::now() < deadline,
                "chromedriver did not listen on port {port} within 10 s"
            );
            std::thread::sleep(Duration::from_millis(25));
        }
        driver
    }
}

/// A WebDriver command fantoccini has no method for: `POST /session/{id}/{path}`.
#[derive(Debug)]
struct SessionPost {
    path: &'static str,
    body: Value,
}

impl WebDriverCompatibleCommand for SessionPost {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        let id = session_id.unwrap_or_default();
        base_url.join(&format!("session/{id}/{}", self.path))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}

struct Browser {
    client: Client,
}

impl Browser {
    async fn connect(port: u16) -> Browser {
        let caps = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--window-size=1280,900",
                ],
            },
            "goog:loggingPrefs": { "browser": "ALL", "performance": "ALL" },
        });
        let Value::Object(caps) = caps else {
            unreachable!()
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let attempt =
                ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                    .capabilities(caps.clone())
                    .connect(&format!("http://127.0.0.1:{port}"))
                    .await;
            match attempt {
                Ok(client) => return Browser { client },
                Err(e) if Instant::now() < deadline => {
                    eprintln!("no Chromium session yet ({e}); retrying");
                    tokio::time::sleep(Duration::from_millis(250)).await;
                }
                Err(e) => panic!(
                    "no WebDriver session with Chromium within 20 s: {e}\n(see target/e2e-logs/gallery-chromedriver.log)"
                ),
            }
        }
    }

    /// Sets the viewport (not the window) to `size`: headless windows have no frame, but ask.
    async fn resize(&self, (w, h): (u32, u32)) {
        self.client
            .set_window_size(w, h)
            .await
            .expect("window size");
        let v = self
            .js("return [window.innerWidth, window.innerHeight]", vec![])
            .await;
        let (iw, ih) = (
            v[0].as_u64().unwrap_or(0) as u32,
            v[1].as_u64().unwrap_or(0) as u32,
        );
        if (iw, ih) != (w, h) {
            self.client
                .set_window_size(w + w.saturating_sub(iw), h + h.saturating_sub(ih))
                .await
                .expect("window size");
        }
    }

    /// Loads a page and waits for it (and its fonts and scripts) to be ready.
    async fn open(&self, path: &Path) -> Page {
        let url = url::Url::from_file_path(path).expect("absolute path");
        self.client
            .goto(url.as_str())
            .await
            .unwrap_or_else(|e| panic!("cannot open {url}: {e}"));
        self.wait_js(
            &format!("{url} to load"),
            "return document.readyState === 'complete'",
            |v| v == &Value::Bool(true),
        )
        .await;
        let v = self
            .js(
                "return { title: document.title, text: document.body.innerText, \
                  html: document.documentElement.outerHTML, \
                  photos: document.querySelectorAll('a.photo').length }",
                vec![],
            )
            .await;
        Page {
            name: path
                .file_name()
                .expect("file name")
                .to_string_lossy()
                .into_owned(),
            title: v["title"].as_str().unwrap_or_default().to_string(),
            text: v["text"].as_str().unwrap_or_default().to_string(),
            html: v["html"].as_str().unwrap_or_default().to_string(),
            photos: v["photos"].as_u64().unwrap_or(0) as usize,
        }
    }

    async fn js(&self, script: &str, args: Vec<Value>) -> Value {
        self.client
            .execute(script, args)
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    async fn js_async(&self, script: &str, args: Vec<Value>) -> Value {
        self.client
            .execute_async(script, args)
            .await
            .unwrap_or_else(|e| panic!("async script failed: {e}\n{script}"))
    }

    /// Polls `script` until `ready` accepts its value; on timeout saves a screenshot and fails.
    async fn wait_js(&self, what: &str, script: &str, ready: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            let value = self.client.execute(script, vec![]).await;
            if let Ok(v) = &value {
                if ready(v) {
                    return v.clone();
                }
            }
            if Instant::now() > deadline {
                let slug: String = what
                    .chars()
                    .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                    .take(40)
                    .collect();
                if let Ok(png) = self.client.screenshot().await {
                    save_png(&format!("FAILED-{slug}"), &png);
                }
                panic!("timed out after {WAIT:?} waiting for {what}; last value {value:?}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// One of chromedriver's logs ("browser", "performance"); reading it empties it.
    async fn log(&self, kind: &str) -> Vec<Value> {
        let v = self
            .client
            .issue_cmd(SessionPost {
                path: "se/log",
                body: json!({ "type": kind }),
            })
            .await
            .unwrap_or_else(|e| panic!("cannot read chromedriver's {kind} log: {e}"));
        v.as_array().cloned().unwrap_or_default()
    }

    /// Console errors and failed loads since the last call.
    async fn console_errors(&self) -> Vec<String> {
        self.log("browser")
            .await
            .into_iter()
            .filter(|e| e["level"] == "SEVERE")
            .map(|e| format!("console: {}", e["message"].as_str().unwrap_or_default()))
            .collect()
    }

    /// Every URL Chromium requested since the last call.
    async fn requested_urls(&self) -> Vec<String> {
        let mut urls = Vec::new();
        for entry in self.log("performance").await {
            let Some(message) = entry["message"].as_str() else {
                continue;
            };
            let Ok(message) = serde_json::from_str::<Value>(message) else {
                continue;
            };
            let message = &message["message"];
            if message["method"] == "Network.requestWillBeSent" {
                if let Some(url) = message["params"]["request"]["url"].as_str() {
                    urls.push(url.to_string());
                }
            }
        }
        assert!(
            !urls.is_empty(),
            "the performance log lists no requests at all: is logging on?"
        );
        urls
    }

    /// Saves target/e2e-screenshots/gallery-<name>.png and fails when it shows nothing.
    async fn screenshot(&self, name: &str) -> PathBuf {
        // Let pending layout, transitions and image decoding settle.
        tokio::time::sleep(Duration::from_millis(400)).await;
        let png = self
            .client
            .screenshot()
            .await
            .expect("WebDriver screenshot");
        let path = save_png(name, &png);
        assert_not_blank(&path, &png);
        path
    }
}

fn save_png(name: &str, png: &[u8]) -> PathBuf {
    let dir = target_dir().join("e2e-screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    let path = dir.join(format!("gallery-{name}.png"));
    std::fs::write(&path, png).expect("write screenshot");
    path
}
