//! The Tauri commands of IPC.md: each takes the state, makes one core call and maps its error.
//! Commands are `async` so they run off the main thread and never stall the window; imports and
//! exports run on the blocking pool with their own catalog connection.

use crate::ipc_error::{Code, IpcError};
use crate::state::{AppState, JobKind};
use lanyard::catalog::Person;
use lanyard::export::{ExportEvent, ExportOptions, ExportPlan, ExportReport};
use lanyard::import::{ImportEvent, ImportReport};
use lanyard::journal::{
    AgendaImport, AgendaList, Calibration, Journal, Move, PersonView, PhotoDetails, SettingsChange,
    TripCard, TripSettings,
};
use lanyard::timeline::Timeline;
use serde::Serialize;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
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
    let timeline = state.with_journal(|j| j.timeline(&trip))?;
    state.queue_previews(&trip);
    Ok(timeline)
}

#[tauri::command]
pub async fn import_paths(
    state: State<'_, AppState>,
    trip: Option<String>,
    paths: Vec<PathBuf>,
    on_event: Channel<ImportEvent>,
) -> Result<ImportReport> {
    let report = run_job(&state, JobKind::Import, on_event, move |j, cancel, send| {
        j.import_paths(trip.as_deref(), &paths, cancel, send)
    })
    .await?;
    state.queue_previews(&report.trip);
    Ok(report)
}

#[tauri::command]
pub async fn import_sample(
    state: State<'_, AppState>,
    on_event: Channel<ImportEvent>,
) -> Result<ImportReport> {
    let report = run_job(&state, JobKind::Import, on_event, |j, cancel, send| {
        j.import_sample(cancel, send)
    })
    .await?;
    state.queue_previews(&report.trip);
    Ok(report)
}

/// Runs a long job on the blocking pool with its own journal, events to the channel.
async fn run_job<E, T>(
    state: &AppState,
    kind: JobKind,
    on_event: Channel<E>,
    work: impl FnOnce(&mut Journal, &AtomicBool, &dyn Fn(E)) -> lanyard::Result<T> + Send + 'static,
) -> Result<T>
where
    E: Serialize + Send + 'static,
    T: Send + 'static,
{
    let job = state.start(kind)?;
    let send = move |event: E| {
        // The window may be gone (closed mid-job); the job still completes.
        let _ = on_event.send(event);
    };
    tauri::async_runtime::spawn_blocking(move || job.run(|j, cancel| work(j, cancel, &send)))
        .await
        .map_err(|e| IpcError::new(Code::Internal, format!("the {} stopped: {e}", kind.noun())))?
}

#[tauri::command]
pub async fn cancel_import(state: State<'_, AppState>) -> Result<()> {
    state.cancel(JobKind::Import);
    Ok(())
}

/// What an export with `options` would publish; writes nothing.
#[tauri::command]
pub async fn export_plan(state: State<'_, AppState>, options: ExportOptions) -> Result<ExportPlan> {
    state.with_journal(|j| j.export_plan(&options))
}

#[tauri::command]
pub async fn export_trip(
    state: State<'_, AppState>,
    options: ExportOptions,
    on_event: Channel<ExportEvent>,
) -> Result<ExportReport> {
    let report = run_job(&state, JobKind::Export, on_event, move |j, cancel, send| {
        j.export(&options, cancel, send)
    })
    .await?;
    state.exported(&report.entry);
    Ok(report)
}

#[tauri::command]
pub async fn cancel_export(state: State<'_, AppState>) -> Result<()> {
    state.cancel(JobKind::Export);
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
    date: String,
    text: String,
) -> Result<()> {
    state.with_journal(|j| j.set_day_title_on(&trip, &date, &text))
}

#[tauri::command]
pub async fn set_day_notes(
    state: State<'_, AppState>,
    trip: String,
    date: String,
    text: String,
) -> Result<()> {
    state.with_journal(|j| j.set_day_notes_on(&trip, &date, &text))
}

#[tauri::command]
pub async fn trip_settings(state: State<'_, AppState>, trip: String) -> Result<TripSettings> {
    state.with_journal(|j| j.trip_settings(&trip))
}

#[tauri::command]
pub async fn zone_names() -> Result<Vec<String>> {
    Ok(lanyard::timeline::zone_names())
}

/// Every file extension the importer reads, lower and upper case, for the file dialog.
#[tauri::command]
pub async fn photo_extensions() -> Result<Vec<String>> {
    Ok(lanyard::import::dialog_extensions())
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

/// Imports an agenda file (.ics or schedule.json) into a trip; `mine`: the person's own
/// schedule, whose sessions are marked attended.
#[tauri::command]
pub async fn import_agenda(
    state: State<'_, AppState>,
    trip: String,
    path: PathBuf,
    mine: bool,
) -> Result<AgendaImport> {
    state.with_journal(|j| j.import_agenda(&trip, &path, mine))
}

/// The trip's agenda (of one day when `day` is given).
#[tauri::command]
pub async fn agenda(
    state: State<'_, AppState>,
    trip: String,
    day: Option<i64>,
) -> Result<AgendaList> {
    state.with_journal(|j| j.agenda(&trip, day))
}

/// Marks a session attended or not (answering "Which session were you in?" is `true`); `null`
/// puts it back to unknown, for the rules to decide (the undo of an answer).
#[tauri::command]
pub async fn set_attended(
    state: State<'_, AppState>,
    trip: String,
    uid: String,
    value: Option<bool>,
) -> Result<()> {
    state.with_journal(|j| j.set_attendance(&trip, &uid, value))
}

#[tauri::command]
pub async fn set_session_notes(
    state: State<'_, AppState>,
    trip: String,
    uid: String,
    text: String,
) -> Result<()> {
    state.with_journal(|j| j.set_session_notes(&trip, &uid, &text))
}

/// `session`: a session's uid, "none", or "auto" (back to the agenda's rules).
#[tauri::command]
pub async fn set_photo_session(state: State<'_, AppState>, id: i64, session: String) -> Result<()> {
    state.with_journal(|j| j.set_photo_session(id, &session))
}

#[tauri::command]
pub async fn people(state: State<'_, AppState>, trip: String) -> Result<Vec<PersonView>> {
    state.with_journal(|j| j.people(&trip))
}

/// Adds a person or updates the one with that name; `None` leaves a field as it is.
#[tauri::command]
pub async fn save_person(
    state: State<'_, AppState>,
    trip: String,
    name: String,
    link: Option<String>,
    org: Option<String>,
    private: Option<bool>,
) -> Result<Person> {
    state.with_journal(|j| j.add_person(&trip, &name, link.as_deref(), org.as_deref(), private))
}

/// Tags a person (added when new) on a photo, or with `remove` untags them.
#[tauri::command]
pub async fn tag_photo(
    state: State<'_, AppState>,
    id: i64,
    person: String,
    remove: bool,
) -> Result<()> {
    state.with_journal(|j| j.tag_photo(id, &person, remove))
}

/// Marks a person (added when new) met on the day with this date, or not.
#[tauri::command]
pub async fn set_met(
    state: State<'_, AppState>,
    trip: String,
    date: String,
    person: String,
    value: bool,
) -> Result<()> {
    state.with_journal(|j| j.set_met_on_date(&trip, &date, &person, value))
}

/// Each camera's suggested clock (dismissed ones reported as none).
#[tauri::command]
pub async fn calibrate(state: State<'_, AppState>, trip: String) -> Result<Calibration> {
    state.with_journal(|j| j.calibrate(&trip))
}

/// The banner's Dismiss: this suggestion is not offered again.
#[tauri::command]
pub async fn dismiss_clock(
    state: State<'_, AppState>,
    trip: String,
    camera: String,
    clock: String,
) -> Result<()> {
    state.with_journal(|j| j.dismiss_clock(&trip, &camera, &clock))
}

/// "Include in this trip" (or, with `false`, let the stray rule set it aside again).
#[tauri::command]
pub async fn keep_in_trip(state: State<'_, AppState>, id: i64, value: bool) -> Result<()> {
    state.with_journal(|j| j.set_keep_in_trip(id, value))
}

/// "Move to a new trip": returns the trip's name as stored.
#[tauri::command]
pub async fn move_to_trip(
    state: State<'_, AppState>,
    ids: Vec<i64>,
    trip: String,
) -> Result<String> {
    state.with_journal(|j| j.move_to_trip(&ids, &trip))
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

/// Opens a person's profile link in the system browser (http(s) only; `not_found` without
/// one).
#[tauri::command]
pub async fn open_person_link(
    app: AppHandle,
    state: State<'_, AppState>,
    trip: String,
    person: String,
) -> Result<()> {
    let url = state
        .with_journal(|j| j.person_link(&trip, &person))?
        .ok_or_else(|| IpcError::new(Code::NotFound, format!("{person} has no link.")))?;
    Ok(app.opener().open_url(url, None::<&str>)?)
}

#[tauri::command]
pub async fn show_in_folder(app: AppHandle, state: State<'_, AppState>, id: i64) -> Result<()> {
    let path = state.with_journal(|j| j.photo_path(id))?;
    Ok(app.opener().reveal_item_in_dir(path)?)
}

/// Opens a finished export's `index.html` (or `post.md`) with the system's default program.
#[tauri::command]
pub async fn open_export(app: AppHandle, state: State<'_, AppState>, entry: PathBuf) -> Result<()> {
    let entry = state.export_entry(&entry)?;
    Ok(app
        .opener()
        .open_path(entry.to_string_lossy(), None::<&str>)?)
}

/// Reveals a finished export's entry file in the file manager.
#[tauri::command]
pub async fn show_export(app: AppHandle, state: State<'_, AppState>, entry: PathBuf) -> Result<()> {
    let entry = state.export_entry(&entry)?;
    Ok(app.opener().reveal_item_in_dir(entry)?)
}
