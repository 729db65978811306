//! How fast WebKit's own processes start: the library their dynamic loader spends most of its
//! time binding is preloaded, which puts it first in their search order.
//!
//! WebKitGTK links the flite speech synthesizer and its voices. One voice library,
//! `libflite_cmu_time_awb`, has ~31,000 symbol relocations against itself: ~44% of all the
//! symbol bindings the loader makes when a WebKit process starts (`LD_DEBUG=bindings` on
//! Debian 12's WebKitGTK 2.50). The loader looks each one up library by library in load order,
//! where that voice comes ~55th of ~170 (the web process) or ~80th (the app), behind libraries
//! that do not have it: half of all the lookups' work is for it (`perf`: `do_lookup_x` is most of
//! the loader's time, ~100 ms a process on a 2-core machine).
//!
//! A library in `LD_PRELOAD` comes right after the program in that order. WebKit starts its
//! network and web processes with the app's environment, so the app sets `LD_PRELOAD` to the
//! voice library it has itself loaded (the same WebKitGTK's, found in /proc/self/maps) before it
//! starts WebKit. Measured on a 2-core machine without a GPU (release app under Xvfb, `make
//! measure-start`, 4 batches alternated with the same build without it): the empty state on
//! screen after a median 549–686 ms against 648–780 ms; the web process's loader alone (`perf
//! stat`, 30 runs) 77–88 ms against 106–113 ms. The app's own process loads the voice before
//! `main` runs: there it is the first library the binary needs (`build.rs`).
//!
//! Nothing is preloaded where the app did not load that library (a WebKitGTK without flite), and
//! a value the user has set is kept. Programs the app opens (a browser for a link, a file
//! manager) inherit the variable too: one library they would not otherwise load, resolved first.

use std::ffi::OsString;

/// The file name a preloaded library's path ends with, up to its version: the loaded file is
/// `libflite_cmu_time_awb.so.1` or the name it links to (`libflite_cmu_time_awb.so.2.2`).
const PRELOAD: &str = "libflite_cmu_time_awb.so";

/// The path of the first library in a /proc/<pid>/maps listing whose file name starts with
/// `name`.
fn loaded_path<'a>(maps: &'a str, name: &str) -> Option<&'a str> {
    maps.lines()
        // address perms offset dev inode path: the path is the sixth field, and may hold spaces.
        .filter_map(|line| line.splitn(6, ' ').nth(5).map(str::trim_start))
        .filter(|path| path.starts_with('/'))
        .find(|path| {
            std::path::Path::new(path)
                .file_name()
                .is_some_and(|file| file.to_string_lossy().starts_with(name))
        })
}

/// The value to give `LD_PRELOAD`, if any: the loaded library's path, unless the user set one.
fn to_set(current: Option<OsString>, loaded: Option<&str>) -> Option<String> {
    match current {
        Some(_) => None,
        None => loaded.map(str::to_string),
    }
}

/// Sets `LD_PRELOAD` for WebKit's processes. Called first thing in `main`, before any thread
/// starts and before WebKit starts its processes (which inherit the environment).
pub fn choose() {
    if !cfg!(target_os = "linux") {
        return;
    }
    let Ok(maps) = std::fs::read_to_string("/proc/self/maps") else {
        return;
    };
    if let Some(path) = to_set(std::env::var_os("LD_PRELOAD"), loaded_path(&maps, PRELOAD)) {
        std::env::set_var("LD_PRELOAD", path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAPS: &str = "\
55d0c4a00000-55d0c4b00000 r--p 00000000 fe:01 1234                       /usr/bin/lanyard-app
7f2a10000000-7f2a10021000 rw-p 00000000 00:00 0 
7f2a1c000000-7f2a1c100000 r--p 00000000 fe:01 5678                       /usr/lib/x86_64-linux-gnu/libflite.so.2.2
7f2a1c200000-7f2a1c300000 r--p 00000000 fe:01 5679                       /usr/lib/x86_64-linux-gnu/libflite_cmu_time_awb.so.2.2
7f2a1c300000-7f2a1c400000 r-xp 00100000 fe:01 5679                       /usr/lib/x86_64-linux-gnu/libflite_cmu_time_awb.so.2.2
7ffd3c000000-7ffd3c021000 rw-p 00000000 00:00 0                          [stack]
";

    #[test]
    fn finds_the_loaded_voice_library_by_its_file_name() {
        assert_eq!(
            loaded_path(MAPS, PRELOAD),
            Some("/usr/lib/x86_64-linux-gnu/libflite_cmu_time_awb.so.2.2")
        );
        // A prefix of the directory or of another library's name is not the library.
        assert_eq!(loaded_path(MAPS, "libflite_cmu_us"), None);
        assert_eq!(loaded_path(MAPS, "x86_64"), None);
        assert_eq!(
            loaded_path(MAPS, "libflite"),
            Some("/usr/lib/x86_64-linux-gnu/libflite.so.2.2")
        );
    }

    #[test]
    fn a_path_with_spaces_is_read_whole() {
        let maps = "7f00-7f01 r--p 00000000 fe:01 9 /opt/My Apps/lib/libflite_cmu_time_awb.so.1\n";
        assert_eq!(
            loaded_path(maps, PRELOAD),
            Some("/opt/My Apps/lib/libflite_cmu_time_awb.so.1")
        );
    }

    #[test]
    fn nothing_is_preloaded_without_the_library_or_over_the_users_value() {
        let path = "/usr/lib/x86_64-linux-gnu/libflite_cmu_time_awb.so.2.2";
        assert_eq!(to_set(None, Some(path)), Some(path.to_string()));
        assert_eq!(to_set(None, loaded_path("", PRELOAD)), None);
        assert_eq!(to_set(Some("libmine.so".into()), Some(path)), None);
        assert_eq!(to_set(Some("".into()), Some(path)), None);
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn this_process_reads_its_own_maps() {
        // The test binary links no WebKit, but its own maps list libc: the listing is read and
        // parsed as the app's is.
        let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
        assert!(loaded_path(&maps, "libc.so").is_some_and(|p| p.starts_with('/')));
    }
}
