//! Lanyard's desktop app: a Tauri window over the same library and core as the `lanyard` CLI.
//! This file wires plugins, state, the `thumb` protocol and the commands; behaviour lives in
//! `lanyard::journal`.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod first_screen;
mod ipc_error;
mod painting;
mod preload;
mod state;
mod thumb_protocol;

use lanyard::library::{Library, LIBRARY_ENV};
use state::AppState;
use std::path::PathBuf;
use std::process::ExitCode;
use tauri::Manager;

/// mimalloc keeps freed pages for reuse: each photo's decode and resize buffers (tens of MB)
/// would otherwise go back to the kernel and fault in again for the next photo.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Before any thread, and before WebKit reads the environment.
    painting::choose();
    preload::choose();
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("lanyard-app: {err}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    // Exactly as the CLI: LANYARD_LIBRARY, else the platform data dir.
    let library = Library::resolve(None, std::env::var_os(LIBRARY_ENV).map(PathBuf::from))?;
    let thumbs = library.clone();
    first_screen::mark(tauri::Builder::default(), &library)
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(AppState::new(library))
        .setup(|app| {
            // The catalog opens while WebKit starts its processes and loads the page.
            let app = app.handle().clone();
            std::thread::Builder::new()
                .name("open-catalog".to_string())
                .spawn(move || app.state::<AppState>().open_journal())?;
            Ok(())
        })
        .register_asynchronous_uri_scheme_protocol("thumb", move |_ctx, request, responder| {
            let library = thumbs.clone();
            // File reads stay off the main thread.
            tauri::async_runtime::spawn_blocking(move || {
                responder.respond(thumb_protocol::respond(&library, &request));
            });
        })
        .invoke_handler(tauri::generate_handler![
            commands::list_trips,
            commands::create_trip,
            commands::rename_trip,
            commands::delete_trip,
            commands::timeline,
            commands::import_paths,
            commands::import_sample,
            commands::cancel_import,
            commands::set_caption,
            commands::set_favourite,
            commands::set_hidden,
            commands::set_photo_date,
            commands::set_day_title,
            commands::set_day_notes,
            commands::trip_settings,
            commands::zone_names,
            commands::photo_extensions,
            commands::calibrate,
            commands::import_agenda,
            commands::agenda,
            commands::set_attended,
            commands::set_session_notes,
            commands::set_photo_session,
            commands::people,
            commands::save_person,
            commands::tag_photo,
            commands::set_met,
            commands::dismiss_clock,
            commands::keep_in_trip,
            commands::move_to_trip,
            commands::preview_settings,
            commands::apply_settings,
            commands::photo_details,
            commands::open_map,
            commands::open_person_link,
            commands::show_in_folder,
            commands::export_plan,
            commands::export_trip,
            commands::cancel_export,
            commands::open_export,
            commands::show_export,
        ])
        .build(tauri::generate_context!())?
        .run(|app, event| {
            // Quitting stops the background previews between two photos.
            if let tauri::RunEvent::Exit = event {
                app.state::<AppState>().stop_previews();
            }
        });
    Ok(())
}
