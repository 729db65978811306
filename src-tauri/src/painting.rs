//! How WebKitGTK paints the window: on the CPU where its GPU painting would run on Mesa's
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
//! Not done: `WEBKIT_DISABLE_DMABUF_RENDERER` (no faster here, and with it a WebDriver command
//! after an import never returned: the app tests hung). `WEBKIT_DISABLE_COMPOSITING_MODE` (the
//! web process then loads no Mesa and compiles no shaders: the empty state on screen ~65 ms
//! sooner, median 609–629 ms against 678–698 ms) hung the same way: WebDriver's screenshot of
//! the window after an import never returned, so the app tests could not run on what ships.

use std::ffi::OsStr;
use std::path::Path;

/// The variables set for WebKit where GL is software, and their values.
const CPU_PAINTING: [(&str, &str); 1] = [("WEBKIT_SKIA_ENABLE_CPU_RENDERING", "1")];

/// Whether GL here is Mesa's software rasterizer: `LIBGL_ALWAYS_SOFTWARE` asks for it (any
/// value but empty, "0" or "false"), or `dri` (normally /dev/dri) holds no render node.
fn software_gl(libgl_always_software: Option<&OsStr>, dri: &Path) -> bool {
    let asked = libgl_always_software
        .is_some_and(|v| !v.is_empty() && v != "0" && !v.eq_ignore_ascii_case("false"));
    let render_node = std::fs::read_dir(dri).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    });
    asked || !render_node
}

/// The variables to set, given the environment's current value of each.
fn to_set(
    software: bool,
    current: impl Fn(&str) -> Option<std::ffi::OsString>,
) -> Vec<(&'static str, &'static str)> {
    if !software {
        return Vec::new();
    }
    CPU_PAINTING
        .into_iter()
        .filter(|(name, _)| current(name).is_none())
        .collect()
}

/// Chooses CPU painting where GL is software. Called first thing in `main`, before any thread
/// starts and before WebKit (and the web process, which inherits the environment) starts.
pub fn choose() {
    if !cfg!(target_os = "linux") {
        return;
    }
    let software = software_gl(
        std::env::var_os("LIBGL_ALWAYS_SOFTWARE").as_deref(),
        Path::new("/dev/dri"),
    );
    for (name, value) in to_set(software, |name| std::env::var_os(name)) {
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
        assert!(
            software_gl(None, dri.path()),
            "a card without a render node"
        );
        std::fs::write(dri.path().join("renderD128"), "").unwrap();
        assert!(!software_gl(None, dri.path()));
        assert!(!software_gl(Some(OsStr::new("0")), dri.path()));
        assert!(!software_gl(Some(OsStr::new("")), dri.path()));
        assert!(software_gl(Some(OsStr::new("1")), dri.path()));
        assert!(software_gl(None, &dri.path().join("missing")));
    }

    #[test]
    fn software_gl_paints_on_the_cpu_unless_the_user_chose() {
        assert_eq!(to_set(false, |_| None), Vec::new());
        assert_eq!(
            to_set(true, |_| None),
            vec![("WEBKIT_SKIA_ENABLE_CPU_RENDERING", "1")]
        );
        let chosen =
            |name: &str| (name == "WEBKIT_SKIA_ENABLE_CPU_RENDERING").then(|| OsString::from("0"));
        assert_eq!(to_set(true, chosen), Vec::new());
    }
}
