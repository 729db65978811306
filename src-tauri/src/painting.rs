//! How WebKitGTK and GTK paint the window: on the CPU where GPU painting would run on Mesa's
//! software rasterizer anyway.
//!
//! WebKitGTK paints with Skia on the GPU. On a machine without a GPU render node (a virtual
//! machine, a remote desktop, a GPU without a driver) or with `LIBGL_ALWAYS_SOFTWARE` set, that
//! GPU is llvmpipe: a frame takes ~70 ms to paint instead of ~12 ms on the CPU, and the first
//! launch compiles shaders. Measured on such a machine (`make measure-start`, release app under
//! Xvfb): the empty state on screen after a median 780–890 ms, and 1.6–1.7 s on a first launch;
//! with CPU painting, 565–720 ms, and 0.73–0.96 s on a first launch. Machines with a render node
//! keep WebKit's defaults. A value the user has set is never changed.
//!
//! Without a render node, GTK's own GL is switched off too (`GDK_GL=disable`):
//! - GTK 3 opens GLX when it opens the display, to choose a GL visual for its windows. That loads
//!   Mesa and LLVM on the main thread, before the window and before WebKit starts its processes.
//! - WebKit, finding no GL in GTK, paints without compositing ("Disabled hardware acceleration"
//!   on stderr): the web process paints the page into plain memory and GTK draws it with cairo,
//!   instead of compositing layers on llvmpipe.
//!
//! Measured here (release app under Xvfb, a session bus as on a desktop; `make measure-start`
//! and the app's `measure_scrolling_10000_photos`, the same build with and without):
//! - the empty state on screen after a median 519–590 ms instead of 616–698 ms, and 470–730 ms
//!   instead of 840–970 ms on a first launch;
//! - scrolling 10,000 photos: 16 ms a frame (median) instead of 34 ms at 120 px a frame, and 22
//!   instead of 47 ms a step when jumping 200 steps to the end.
//!
//! Without a render node, WebKit's UI process is also kept from loading Mesa at all:
//! - It would open an EGL display (Mesa and its LLVM, ~75 ms on one core here) only to ask it
//!   which render node the web process should use, and for its DMA-BUF renderer, which GTK
//!   without GL never uses. `WEBKIT_WEB_RENDER_DEVICE_FILE` answers the first (a path that does
//!   not exist: there is no render node; the web process, which finds its devices itself,
//!   never opens it), and `WEBKIT_DISABLE_DMABUF_RENDERER` the second. The web process still
//!   opens its own EGL display (WebKit aborts without one).
//! - Measured (release app under Xvfb, `make measure-start`, 4 alternated batches of one first
//!   and four warm launches, the same build with and without the two): WebKit's web process
//!   started after a median 193 ms instead of 276 ms, the window showed after 208 instead of
//!   290 ms, the empty state on screen after 525 instead of 565 ms (lower in each batch).
//!
//! Without compositing, WebDriver's screenshot (WebKit takes it after the page's next
//! presentation update) waits for ever on a page that has settled: the app tests repaint a pixel
//! while they take one (`tests/app/harness.rs`). That hang stopped the earlier trials of
//! `WEBKIT_DISABLE_COMPOSITING_MODE`, and with the same symptom `WEBKIT_DISABLE_DMABUF_RENDERER`.

use std::ffi::OsStr;
use std::path::Path;

/// The variables set for WebKit where GL is software, and their values.
const CPU_PAINTING: [(&str, &str); 1] = [("WEBKIT_SKIA_ENABLE_CPU_RENDERING", "1")];

/// The variables set where there is no render node, and their values: GTK without GL, and
/// WebKit's UI process without EGL. `GDK_GL` first: where the user has set it, none is set.
const NO_RENDER_NODE: [(&str, &str); 3] = [
    ("GDK_GL", "disable"),
    ("WEBKIT_DISABLE_DMABUF_RENDERER", "1"),
    ("WEBKIT_WEB_RENDER_DEVICE_FILE", "/dev/dri/none"),
];

/// What this machine's GL is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Gl {
    /// A GPU render node exists (`renderD*` in `dri`, normally /dev/dri).
    render_node: bool,
    /// GL is Mesa's software rasterizer: no render node, or `LIBGL_ALWAYS_SOFTWARE` asks for it
    /// (any value but empty, "0" or "false").
    software: bool,
}

fn probe(libgl_always_software: Option<&OsStr>, dri: &Path) -> Gl {
    let asked = libgl_always_software
        .is_some_and(|v| !v.is_empty() && v != "0" && !v.eq_ignore_ascii_case("false"));
    let render_node = std::fs::read_dir(dri).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    });
    Gl {
        render_node,
        software: asked || !render_node,
    }
}

/// The variables to set, given the environment's current value of each.
fn to_set(
    gl: Gl,
    current: impl Fn(&str) -> Option<std::ffi::OsString>,
) -> Vec<(&'static str, &'static str)> {
    let cpu = CPU_PAINTING.into_iter().filter(|_| gl.software);
    // WebKit's renderer follows GTK's GL: a user who set `GDK_GL` keeps WebKit's own choice too.
    let no_node: &[(&str, &str)] = if gl.render_node || current(NO_RENDER_NODE[0].0).is_some() {
        &[]
    } else {
        &NO_RENDER_NODE
    };
    cpu.chain(no_node.iter().copied())
        .filter(|(name, _)| current(name).is_none())
        .collect()
}

/// Chooses CPU painting where GL is software, and no GL in GTK or in WebKit's UI process where
/// there is no render node. Called first thing in `main`, before any thread
/// starts and before GTK or WebKit (and the web process, which inherits the environment) start.
pub fn choose() {
    if !cfg!(target_os = "linux") {
        return;
    }
    let gl = probe(
        std::env::var_os("LIBGL_ALWAYS_SOFTWARE").as_deref(),
        Path::new("/dev/dri"),
    );
    for (name, value) in to_set(gl, |name| std::env::var_os(name)) {
        std::env::set_var(name, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsString;

    /// A folder removed when dropped.
    struct Dir(std::path::PathBuf);

    impl Dir {
        fn path(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn a_render_node_keeps_gpu_painting() {
        // A folder of its own, without a dev-dependency: one would change the features of crates
        // the release build shares, and `cargo test --release` would rebuild them (minutes in CI).
        let dri = Dir(std::env::temp_dir().join(format!("lanyard-dri-{}", std::process::id())));
        std::fs::create_dir_all(dri.path()).unwrap();
        std::fs::write(dri.path().join("card0"), "").unwrap();
        let none = Gl {
            render_node: false,
            software: true,
        };
        assert_eq!(
            probe(None, dri.path()),
            none,
            "a card without a render node"
        );
        std::fs::write(dri.path().join("renderD128"), "").unwrap();
        let gpu = Gl {
            render_node: true,
            software: false,
        };
        assert_eq!(probe(None, dri.path()), gpu);
        assert_eq!(probe(Some(OsStr::new("0")), dri.path()), gpu);
        assert_eq!(probe(Some(OsStr::new("")), dri.path()), gpu);
        assert_eq!(
            probe(Some(OsStr::new("1")), dri.path()),
            Gl {
                render_node: true,
                software: true
            }
        );
        assert_eq!(probe(None, &dri.path().join("missing")), none);
    }

    #[test]
    fn software_gl_paints_on_the_cpu_unless_the_user_chose() {
        let gpu = Gl {
            render_node: true,
            software: false,
        };
        assert_eq!(to_set(gpu, |_| None), Vec::new());
        let asked = Gl {
            render_node: true,
            software: true,
        };
        // GTK keeps its GL where a render node could hand it GPU buffers.
        assert_eq!(
            to_set(asked, |_| None),
            vec![("WEBKIT_SKIA_ENABLE_CPU_RENDERING", "1")]
        );
        let none = Gl {
            render_node: false,
            software: true,
        };
        assert_eq!(
            to_set(none, |_| None),
            vec![
                ("WEBKIT_SKIA_ENABLE_CPU_RENDERING", "1"),
                ("GDK_GL", "disable"),
                ("WEBKIT_DISABLE_DMABUF_RENDERER", "1"),
                ("WEBKIT_WEB_RENDER_DEVICE_FILE", "/dev/dri/none"),
            ]
        );
        assert!(
            !Path::new("/dev/dri/none").exists(),
            "the render node named where there is none must not exist"
        );
        let chosen =
            |name: &str| (name == "WEBKIT_SKIA_ENABLE_CPU_RENDERING").then(|| OsString::from("0"));
        assert_eq!(to_set(none, chosen), NO_RENDER_NODE.to_vec());
        let gtk_chosen = |name: &str| (name == "GDK_GL").then(|| OsString::from("always"));
        assert_eq!(
            to_set(none, gtk_chosen),
            vec![("WEBKIT_SKIA_ENABLE_CPU_RENDERING", "1")],
            "WebKit's renderer follows the user's choice for GTK"
        );
        let device_chosen = |name: &str| {
            (name == "WEBKIT_WEB_RENDER_DEVICE_FILE").then(|| OsString::from("/dev/dri/card1"))
        };
        assert_eq!(
            to_set(none, device_chosen),
            vec![
                ("WEBKIT_SKIA_ENABLE_CPU_RENDERING", "1"),
                ("GDK_GL", "disable"),
                ("WEBKIT_DISABLE_DMABUF_RENDERER", "1"),
            ]
        );
    }
}
