//! The Tauri commands of IPC.md: each takes the state, makes one core call and maps its error.
//! Commands are `async` so they run off the main thread and never stall the window; imports run
//! on the blocking pool with their own catalog connection.

use crate::ipc_error::{Code, IpcError};
use crate::state::AppState;
use lanyard::import::{ImportEvent, ImportReport};
use lanyard::journal::{Move, PhotoDetails, SettingsChange, TripCard, TripSettings};
use lanyard::timeline::Timeline;
use std::path::PathBuf;
use tauri::ipc::Channel;
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

type Result<T> = std::result::Result<T, IpcError>;

#[tauri::command]
pub async fn list_trips(state: State<'_, AppState>) -> Result<Vec<TripCard>> {
    state.with_journal(|j| j.trip_cards())
}

#[tauri::command]
pub async fn create_trip(state: State<'_, AppState>, name: String) -> Result<TripCard> {
    state.with_journal(|j| j.create_trip(&name))
}

#[tauri::command]
pub async fn rename_trip(
    state: State<'_, AppState>,
    name: String,
    new_name: String,
) -> Result<TripCard> {
    state.with_journal(|j| j.rename_trip(&name, &new_name))
}

#[tauri::command]
pub async fn delete_trip(state: State<'_, AppState>, name: String) -> Result<()> {
    state.with_journal(|j| j.delete_trip(&name))
}

#[tauri::command]
pub async fn timeline(state: State<'_, AppState>, trip: String) -> Result<Timeline> {
    state.with_journal(|j| j.timeline(&trip))
}

#[tauri::command]
pub async fn import_paths(
    state: State<'_, AppState>,
    trip: Option<String>,
    paths: Vec<PathBuf>,
    on_event: Channel<ImportEvent>,
) -> Result<ImportReport> {
    run_import(&state, on_event, move |j, cancel, send| {
        j.import_paths(trip.as_deref(), &paths, cancel, send)
    })
    .await
}

#[tauri::command]
pub async fn import_sample(
    state: State<'_, AppState>,
    on_event: Channel<ImportEvent>,
) -> Result<ImportReport> {
    run_import(&state, on_event, |j, cancel, send| {
        j.import_sample(cancel, send)
    })
    .await
}

/// Runs an import on the blocking pool with its own journal, events to the channel.
async fn run_import(
    state: &AppState,
    on_event: Channel<ImportEvent>,
    import: impl FnOnce(
            &mut lanyard::journal::Journal,
            &std::sync::atomic::AtomicBool,
            &dyn Fn(ImportEvent),
        ) -> lanyard::Result<ImportReport>
        + Send
        + 'static,
) -> Result<ImportReport> {
    let job = state.start_import()?;
    let send = move |event: ImportEvent| {
        // The window may be gone (closed mid-import); the import still completes.
        let _ = on_event.send(event);
    };
    tauri::async_runtime::spawn_blocking(move || job.run(|j, cancel| import(j, cancel, &send)))
        .await
        .map_err(|e| IpcError::new(Code::Internal, format!("the import stopped: {e}")))?
}

#[tauri::command]
pub async fn cancel_import(state: State<'_, AppState>) -> Result<()> {
    state.cancel_import();
    Ok(())
}

#[tauri::command]
pub async fn set_caption(state: State<'_, AppState>, id: i64, text: String) -> Result<()> {
    state.with_journal(|j| j.set_caption(id, &text))
}

#[tauri::command]
pub async fn set_favourite(state: State<'_, AppState>, id: i64, value: bool) -> Result<()> {
    state.with_journal(|j| j.set_favourite(id, value))
}

#[tauri::command]
pub async fn set_hidden(state: State<'_, AppState>, id: i64, value: bool) -> Result<()> {
    state.with_journal(|j| j.set_hidden(id, value))
}

#[tauri::command]
pub async fn set_photo_date(
    state: State<'_, AppState>,
    id: i64,
    date: String,
    time: Option<String>,
) -> Result<()> {
    state.with_journal(|j| j.set_photo_date(id, &date, time.as_deref()))
}

#[tauri::command]
pub async fn set_day_title(
    state: State<'_, AppState>,
    trip: String,
    number: i64,
    text: String,
) -> Result<()> {
    state.with_journal(|j| j.set_day_title(&trip, number, &text))
}

#[tauri::command]
pub async fn set_day_notes(
    state: State<'_, AppState>,
    trip: String,
    number: i64,
    text: String,
) -> Result<()> {
    state.with_journal(|j| j.set_day_notes(&trip, number, &text))
}

#[tauri::command]
pub async fn trip_settings(state: State<'_, AppState>, trip: String) -> Result<TripSettings> {
    state.with_journal(|j| j.trip_settings(&trip))
}

#[tauri::command]
pub async fn zone_names() -> Result<Vec<String>> {
    Ok(lanyard::timeline::zone_names())
}

#[tauri::command]
pub async fn preview_settings(
    state: State<'_, AppState>,
    trip: String,
    change: SettingsChange,
) -> Result<Vec<Move>> {
    state.with_journal(|j| j.preview_settings(&trip, &change))
}

#[tauri::command]
pub async fn apply_settings(
    state: State<'_, AppState>,
    trip: String,
    change: SettingsChange,
) -> Result<TripSettings> {
    state.with_journal(|j| j.apply_settings(&trip, &change))
}

#[tauri::command]
pub async fn photo_details(state: State<'_, AppState>, id: i64) -> Result<PhotoDetails> {
    state.with_journal(|j| j.photo_details(id))
}

#[tauri::command]
pub async fn open_map(app: AppHandle, state: State<'_, AppState>, id: i64) -> Result<()> {
    let url = state
        .with_journal(|j| j.photo_map_url(id))?
        .ok_or_else(|| IpcError::new(Code::NotFound, format!("Photo {id} has no position.")))?;
    Ok(app.opener().open_url(url, None::<&str>)?)
}

#[tauri::command]
pub async fn show_in_folder(app: AppHandle, state: State<'_, AppState>, id: i64) -> Result<()> {
    let path = state.with_journal(|j| j.photo_path(id))?;
    Ok(app.opener().reveal_item_in_dir(path)?)
}
