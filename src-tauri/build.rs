//! Tauri's build step: reads tauri.conf.json and the capabilities, generates the ACL.
fn main() {
    tauri_build::build()
}
