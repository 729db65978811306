//! Tauri's build step (reads tauri.conf.json and the capabilities, generates the ACL), and the
//! app's first library: WebKitGTK's flite voice, where WebKitGTK links it.
//!
//! The dynamic loader binds each symbol by searching the loaded libraries in load order. One
//! voice library, `libflite_cmu_time_awb`, has ~31,000 relocations against its own symbols, and
//! WebKitGTK's dependencies put it ~83rd of the app's ~170 libraries, behind GTK, WebKit and the
//! other large ones: ~60% of all the library searches the app's loader makes
//! (`LD_DEBUG=bindings,scopes` on Debian 12's WebKitGTK 2.50). As the first library the binary
//! needs, it is searched first, and WebKit's web process starts sooner: a median 168 ms after
//! the app instead of 207 ms (25 launches each, alternated, release app under Xvfb). Named last
//! (`rustc-link-arg`, 19th) it saved 4 ms: the large libraries before it are what cost.
//!
//! Libraries of this crate come first on the link line, before those of the crates it uses
//! (GTK's, WebKit's). The linker keeps only the libraries the program refers to
//! (`--as-needed`), so `voice_first.c` holds the address of the voice's one function (never
//! called). WebKit's own processes get the voice first through `LD_PRELOAD` (`src/preload.rs`).
//! Where WebKitGTK does not link it, nothing changes.

use std::process::Command;

/// The voice's name up to its version: Debian 12 links `libflite_cmu_time_awb.so.1`.
const VOICE: &str = "libflite_cmu_time_awb.so.";

fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        match webkit_voice() {
            Ok(Some(voice)) => {
                // The reference first, then the library it is found in.
                cc::Build::new()
                    .file("voice_first.c")
                    .cargo_metadata(false)
                    .compile("voice_first");
                println!("cargo:rerun-if-changed=voice_first.c");
                let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
                println!("cargo:rustc-link-search=native={out_dir}");
                println!("cargo:rustc-link-lib=static:+whole-archive=voice_first");
                println!("cargo:rustc-link-lib=dylib:+verbatim={voice}");
            }
            Ok(None) => {}
            Err(why) => println!("cargo:warning=the flite voice is not linked first: {why}"),
        }
    }
    tauri_build::build()
}

/// The voice library WebKitGTK links, by the name it needs it (its `NEEDED` entry), if any.
fn webkit_voice() -> Result<Option<String>, String> {
    println!("cargo:rerun-if-env-changed=PKG_CONFIG_PATH");
    let libdir = run("pkg-config", &["--variable=libdir", "webkit2gtk-4.1"])?;
    let webkit = format!("{}/libwebkit2gtk-4.1.so.0", libdir.trim());
    println!("cargo:rerun-if-changed={webkit}");
    let dynamic = run("readelf", &["--dynamic", "--wide", &webkit])?;
    let voice = needed(&dynamic)
        .find(|name| name.starts_with(VOICE))
        .map(str::to_string);
    Ok(voice)
}

/// The libraries a `readelf --dynamic` listing says the object needs.
fn needed(dynamic: &str) -> impl Iterator<Item = &str> {
    dynamic
        .lines()
        .filter(|line| line.contains("(NEEDED)"))
        .filter_map(|line| {
            line.split_once('[')?
                .1
                .split_once(']')
                .map(|(name, _)| name)
        })
}

fn run(program: &str, args: &[&str]) -> Result<String, String> {
    let out = Command::new(program)
        .args(args)
        .output()
        .map_err(|e| format!("{program}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{program} {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("{program}: {e}"))
}
