//! The harness: a private X display (Xvfb), `tauri-driver` (which runs WebKitWebDriver, which
//! runs the real `lanyard-app`) and a WebDriver client, one test at a time.
//!
//! Every process starts in its own process group and its whole group is killed when its owner
//! is dropped, also while a test panics. A missing tool or a display that cannot be set up is a
//! failure that names the fix, never a skip.

use fantoccini::actions::{InputSource, KeyAction, KeyActions, MouseActions, PointerAction};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::fs::File;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

pub use crate::process_group::{free_port, Group};
pub use crate::screenshot::assert_not_blank;

/// One app at a time: tests share the screen size, the CPU and the drag-and-drop pointer.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// The trip [`Desk::seed_amsterdam`] imports into: the name "Try a sample trip" gave it, which
/// the tests on it use.
pub const AMSTERDAM_TRIP: &str = "Sample trip";

/// The screen every test runs on; the app window and the drag source both fit.
pub const SCREEN: (u32, u32) = (1600, 1000);

/// The target directory this test binary was built into (target/debug/deps/app-… → target/).
pub fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    exe.ancestors()
        .nth(3)
        .expect("the test binary sits in target/<profile>/deps/")
        .to_path_buf()
}

/// The app as it ships: the release `lanyard-app` that `tauri build` makes (optimized, the UI
/// embedded through Tauri's custom protocol). `LANYARD_APP_BIN` names one already built (`make
/// test` builds it with the workspace, the same way, and packs it into the .deb); otherwise
/// `tauri build --no-bundle` runs once here, which is quick when nothing changed, so the tests
/// never run a stale app.
pub fn app_binary() -> &'static Path {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT.get_or_init(|| {
        if let Some(bin) = std::env::var_os("LANYARD_APP_BIN") {
            let bin = PathBuf::from(bin);
            assert!(bin.is_file(), "LANYARD_APP_BIN={} is no file", bin.display());
            return std::fs::canonicalize(bin).expect("the app binary's path");
        }
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let npx = require_tool("npx", "apt-get install nodejs npm");
        assert!(
            root.join("node_modules/.bin/tauri").is_file(),
            "the Tauri CLI is missing, and the app's end-to-end tests build the app with it: run `npm ci` (`make test` does this)"
        );
        eprintln!("building the release app (tauri build --no-bundle)…");
        let out = Command::new(npx)
            .args(["--no-install", "tauri", "build", "--no-bundle", "--ci"])
            .current_dir(&root)
            .output()
            .expect("run tauri build");
        assert!(
            out.status.success(),
            "`tauri build --no-bundle` failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let bin = target_dir().join("release/lanyard-app");
        assert!(bin.is_file(), "no app at {}", bin.display());
        std::fs::canonicalize(bin).expect("the app binary's path")
    })
}

/// Fails (never skips) when `tool` is not on PATH, saying how to get it.
pub fn require_tool(tool: &str, fix: &str) -> PathBuf {
    which(tool).unwrap_or_else(|| {
        panic!("`{tool}` is missing, and the app's end-to-end tests need it: {fix} (`make test` does this)")
    })
}

fn which(tool: &str) -> Option<PathBuf> {
    if tool.contains('/') {
        return Path::new(tool).is_file().then(|| PathBuf::from(tool));
    }
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    // `cargo install` puts tauri-driver here, which a minimal PATH may lack.
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(Path::new(&home).join(".cargo/bin"));
    }
    dirs.into_iter().map(|d| d.join(tool)).find(|p| p.is_file())
}

/// A private X server on the first free display number from 90 up.
pub struct Xvfb {
    /// Held for its Drop: the server lives as long as this.
    _group: Group,
    pub display: String,
}

impl Xvfb {
    pub fn start() -> Xvfb {
        let xvfb = require_tool("Xvfb", "apt-get install xvfb");
        for n in 90..140 {
            let socket = PathBuf::from(format!("/tmp/.X11-unix/X{n}"));
            if socket.exists() || Path::new(&format!("/tmp/.X{n}-lock")).exists() {
                continue;
            }
            let mut group = Group::spawn(
                "Xvfb",
                Command::new(&xvfb)
                    .arg(format!(":{n}"))
                    .args(["-screen", "0", &format!("{}x{}x24", SCREEN.0, SCREEN.1)])
                    .args(["-nolisten", "tcp", "-noreset"])
                    .stdout(Stdio::null())
                    .stderr(Stdio::null()),
            );
            let deadline = Instant::now() + Duration::from_secs(10);
            while Instant::now() < deadline {
                if group.exited().is_some() {
                    break; // lost a race for this display: try the next
                }
                if socket.exists() {
                    return Xvfb {
                        _group: group,
                        display: format!(":{n}"),
                    };
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            drop(group);
        }
        panic!("could not start Xvfb on any display :90–:139 (is /tmp/.X11-unix writable?)")
    }
}

/// `tauri-driver` on a free port, with WebKitWebDriver behind it, both on `display`. The app it
/// starts inherits this process's environment, so `LANYARD_LIBRARY` is set here.
pub struct Driver {
    /// Held for its Drop: tauri-driver, WebKitWebDriver and the app live as long as this.
    _group: Group,
    pub port: u16,
}

impl Driver {
    pub fn start(display: &str, library: &Path, log: &Path) -> Driver {
        let driver = require_tool(
            "tauri-driver",
            "cargo install --locked tauri-driver --version '^2'",
        );
        let native = require_tool("WebKitWebDriver", "apt-get install webkit2gtk-driver");
        let port = free_port();
        let native_port = free_port();
        let log = File::create(log).expect("driver log file");
        let mut group = Group::spawn(
            "tauri-driver",
            Command::new(driver)
                .args(["--port", &port.to_string()])
                .args(["--native-port", &native_port.to_string()])
                .arg("--native-driver")
                .arg(native)
                .env("DISPLAY", display)
                .env("GSETTINGS_BACKEND", "memory")
                .env("LANYARD_LIBRARY", library)
                .env_remove("WAYLAND_DISPLAY")
                .stdout(log.try_clone().expect("log"))
                .stderr(log),
        );
        let deadline = Instant::now() + Duration::from_secs(15);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Some(status) = group.exited() {
                panic!("tauri-driver exited early ({status}); see its log")
            }
            assert!(
                Instant::now() < deadline,
                "tauri-driver did not listen on port {port} within 15 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Driver {
            _group: group,
            port,
        }
    }
}

/// Everything one test needs: the lock, a display, a temporary library and (once launched) the
/// driver. Fields drop in order: driver (and the app) first, then the display, then the lock.
pub struct Desk {
    driver: Option<Driver>,
    pub xvfb: Xvfb,
    pub library: PathBuf,
    /// Scratch space for the test: photo folders to drop, logs.
    pub scratch: tempfile::TempDir,
    pub name: String,
    _lock: MutexGuard<'static, ()>,
}

impl Desk {
    /// Takes the one-at-a-time lock, starts a display and makes an empty library.
    pub fn new(name: &str) -> Desk {
        let lock = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
        let scratch = tempfile::Builder::new()
            .prefix(&format!("lanyard-e2e-{name}-"))
            .tempdir()
            .expect("temp dir");
        let library = scratch.path().join("library");
        std::fs::create_dir_all(&library).expect("library dir");
        Desk {
            driver: None,
            xvfb: Xvfb::start(),
            library,
            scratch,
            name: name.to_string(),
            _lock: lock,
        }
    }

    pub fn log_path(&self) -> PathBuf {
        let dir = target_dir().join("e2e-logs");
        std::fs::create_dir_all(&dir).expect("log dir");
        dir.join(format!("{}.log", self.name))
    }

    /// The generated Amsterdam conference trip (`lanyard::sample::conference_trip`: 36 photos
    /// over three days, a camera on New York time, screenshots dated by their names), written
    /// to the scratch folder `amsterdam/` and imported through the core into "Sample trip" of
    /// this desk's library, thumbnails included. Call it before [`Desk::launch`]: the app then
    /// opens that trip. (The app's "Try a sample trip" shows the Chicago week.) Returns the
    /// folder of originals.
    pub fn seed_amsterdam(&self) -> PathBuf {
        let dir = self.scratch.path().join("amsterdam");
        let photos = lanyard::sample::conference_trip();
        lanyard::sample::write_trip(&dir, &photos).expect("write the Amsterdam trip");
        let library = lanyard::library::Library::at(self.library.clone());
        let mut journal = lanyard::journal::Journal::open(library).expect("open the library");
        let report = journal
            .import_paths(
                Some(AMSTERDAM_TRIP),
                std::slice::from_ref(&dir),
                &std::sync::atomic::AtomicBool::new(false),
                &|_| {},
            )
            .expect("import the Amsterdam trip");
        assert_eq!(report.imported, photos.len(), "{report:?}");
        assert!(report.failed.is_empty(), "{:?}", report.failed);
        dir
    }

    /// [`Desk::seed_amsterdam`], then [`Desk::launch`], waiting until the trip's days show.
    pub async fn launch_amsterdam(&mut self) -> App {
        self.seed_amsterdam();
        let app = self.launch().await;
        app.wait_js(
            "the Amsterdam trip's days",
            "return document.querySelectorAll('#timeline section.day[data-day]').length",
            WAIT,
            |v| v.as_u64().unwrap_or(0) >= 3,
        )
        .await;
        app
    }

    /// Starts the app (a new WebDriver session) and waits until its UI has rendered `#app`
    /// content. The same library each time: a second launch is a restart.
    pub async fn launch(&mut self) -> App {
        if self.driver.is_none() {
            self.driver = Some(Driver::start(
                &self.xvfb.display,
                &self.library,
                &self.log_path(),
            ));
        }
        let port = self.driver.as_ref().expect("started").port;
        let app = app_binary();
        let caps = json!({
            "tauri:options": { "application": app },
        });
        let Value::Object(caps) = caps else {
            unreachable!()
        };
        let started = Instant::now();
        // tauri-driver listens before WebKitWebDriver behind it does: the first session request
        // can fail to connect ("client error (Connect)"). Retry those for a while.
        let deadline = started + Duration::from_secs(20);
        let client = loop {
            let attempt =
                ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                    .capabilities(caps.clone())
                    .connect(&format!("http://127.0.0.1:{port}"))
                    .await;
            match attempt {
                Ok(client) => break client,
                Err(e) if Instant::now() < deadline => {
                    eprintln!("WebDriver session not ready yet ({e}); retrying");
                    tokio::time::sleep(Duration::from_millis(250)).await;
                }
                Err(e) => panic!(
                    "no WebDriver session with the app within 20 s: {e}\n(log: {})",
                    self.log_path().display()
                ),
            }
        };
        App {
            client,
            started,
            display: self.xvfb.display.clone(),
            shots: self.name.clone(),
        }
    }
}

/// The running app, driven over WebDriver.
pub struct App {
    pub client: Client,
    /// When the session was requested: the app's process start, give or take a few ms.
    pub started: Instant,
    pub display: String,
    shots: String,
}

pub const WAIT: Duration = Duration::from_secs(30);

impl App {
    /// Ends the session; WebKitWebDriver closes the app.
    pub async fn quit(self) {
        self.client
            .close()
            .await
            .expect("close the WebDriver session");
        // Give the app a moment to exit before a restart reopens the same library.
        tokio::time::sleep(Duration::from_millis(300)).await;
    }

    /// Runs `script` (a function body; `arguments` holds `args`) and returns its value.
    pub async fn js(&self, script: &str, args: Vec<Value>) -> Value {
        self.client
            .execute(script, args)
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Runs `script` whose last argument is a callback to call with the result.
    pub async fn js_async(&self, script: &str, args: Vec<Value>) -> Value {
        self.client
            .execute_async(script, args)
            .await
            .unwrap_or_else(|e| panic!("async script failed: {e}\n{script}"))
    }

    /// Presses `keys` together as a person would, modifiers first (`&[Key::Control.into(), 'z']`):
    /// each goes down in order and up in reverse. The keys go to whatever has the focus.
    pub async fn press(&self, keys: &[char]) {
        let mut sequence = KeyActions::new("keyboard".to_string());
        for &value in keys {
            sequence = sequence.then(KeyAction::Down { value });
        }
        for &value in keys.iter().rev() {
            sequence = sequence.then(KeyAction::Up { value });
        }
        self.client
            .perform_actions(sequence)
            .await
            .unwrap_or_else(|e| panic!("pressing {keys:?} failed: {e}"));
    }

    /// Moves the mouse pointer onto the middle of the element `css` and leaves it there, as a
    /// person's hand resting on it.
    pub async fn point_at(&self, css: &str) {
        let element = self.wait_for(css).await;
        let actions = MouseActions::new("mouse".to_string()).then(PointerAction::MoveToElement {
            element,
            duration: None,
            x: 0.0,
            y: 0.0,
        });
        self.client
            .perform_actions(actions)
            .await
            .unwrap_or_else(|e| panic!("pointing at {css} failed: {e}"));
    }

    /// The page's visible text, for failure messages.
    pub async fn page_text(&self) -> String {
        let text = self
            .client
            .execute(
                "return document.body ? document.body.innerText : ''",
                vec![],
            )
            .await
            .map(|v| v.as_str().unwrap_or_default().to_string())
            .unwrap_or_else(|e| format!("<no page: {e}>"));
        text.chars().take(1500).collect()
    }

    /// Polls `script` (returning a JSON value) until `ready` accepts it, up to `timeout`.
    pub async fn wait_js(
        &self,
        what: &str,
        script: &str,
        timeout: Duration,
        ready: impl Fn(&Value) -> bool,
    ) -> Value {
        let deadline = Instant::now() + timeout;
        loop {
            let value = self.client.execute(script, vec![]).await;
            if let Ok(v) = &value {
                if ready(v) {
                    return v.clone();
                }
            }
            if Instant::now() > deadline {
                self.save_failure_shot(what).await;
                panic!(
                    "timed out after {timeout:?} waiting for {what}; last value {value:?}\npage text:\n{}",
                    self.page_text().await
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits for an element matching `css` that is displayed.
    pub async fn wait_for(&self, css: &str) -> Element {
        self.wait_js(
            &format!("a visible `{css}`"),
            &format!(
                "const e = document.querySelector({}); return !!e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';",
                serde_json::to_string(css).unwrap()
            ),
            WAIT,
            |v| v == &Value::Bool(true),
        )
        .await;
        self.client
            .find(Locator::Css(css))
            .await
            .expect("found just now")
    }

    /// How many elements match `css`.
    pub async fn count(&self, css: &str) -> usize {
        self.js(
            "return document.querySelectorAll(arguments[0]).length",
            vec![json!(css)],
        )
        .await
        .as_u64()
        .expect("a count") as usize
    }

    /// Saves a WebDriver screenshot as target/e2e-screenshots/<test>-<name>.png and fails when
    /// the window shows nothing (one colour, or next to nothing but one colour).
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        // Let pending layout and image decoding settle.
        tokio::time::sleep(Duration::from_millis(400)).await;
        let png = self
            .webdriver_screenshot()
            .await
            .expect("WebDriver screenshot");
        let path = save_png(&format!("{}-{name}", self.shots), &png);
        assert_not_blank(&path, &png);
        path
    }

    /// WebDriver's screenshot of the window. WebKit takes it after the page's next presentation
    /// update. Where WebKit paints without compositing (no GPU render node here: see
    /// src-tauri/src/painting.rs), a page that has settled makes no update, and the command
    /// would wait for ever. So, for as long as the command runs, a pixel-sized element nobody
    /// sees changes its colour every 50 ms: a repaint, and the update WebKit waits for.
    async fn webdriver_screenshot(&self) -> Result<Vec<u8>, fantoccini::error::CmdError> {
        let _ = self.client.execute(REPAINT_START, vec![]).await;
        let png = self.client.screenshot().await;
        let _ = self.client.execute(REPAINT_STOP, vec![]).await;
        png
    }

    async fn save_failure_shot(&self, what: &str) {
        if let Ok(png) = self.webdriver_screenshot().await {
            let slug: String = what
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .take(40)
                .collect();
            let path = save_png(&format!("{}-FAILED-{slug}", self.shots), &png);
            eprintln!("failure screenshot: {}", path.display());
        }
    }
}

/// Starts the repaints `App::webdriver_screenshot` needs: a 1 px element, fixed in the corner,
/// out of the pointer's way, its colour alternating between transparent and 1/255 black.
const REPAINT_START: &str = "if (!window.__lanyardShotRepaint) {
  const pixel = document.createElement('div');
  pixel.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;pointer-events:none';
  document.documentElement.append(pixel);
  let on = false;
  const timer = setInterval(() => {
    on = !on;
    pixel.style.background = on ? 'rgba(0,0,0,0.004)' : 'transparent';
  }, 50);
  window.__lanyardShotRepaint = { pixel, timer };
}
return true;";

/// Stops them and removes the element.
const REPAINT_STOP: &str = "const r = window.__lanyardShotRepaint;
if (r) { clearInterval(r.timer); r.pixel.remove(); delete window.__lanyardShotRepaint; }
return true;";

fn save_png(name: &str, png: &[u8]) -> PathBuf {
    let dir = target_dir().join("e2e-screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    let path = dir.join(format!("{name}.png"));
    std::fs::write(&path, png).expect("write screenshot");
    path
}
