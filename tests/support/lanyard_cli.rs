//! Running the real `lanyard` binary from the CLI package's end-to-end tests (tests/cli and
//! tests/gallery): pointed at a library, insisting on success, reading its JSON.

use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// The `lanyard` binary pointed at `library`.
pub fn lanyard(library: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lanyard"));
    cmd.arg("--library")
        .arg(library)
        .env_remove("LANYARD_LIBRARY");
    cmd
}

/// Runs and insists on success, returning stdout.
pub fn ok(cmd: &mut Command) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed ({}):\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

pub fn json(cmd: &mut Command) -> Value {
    let text = ok(cmd);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}
