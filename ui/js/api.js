// The only module that touches window.__TAURI__. Every command of src-tauri/IPC.md is wrapped
// here; every rejection becomes a LanyardError {code, message} so the rest of the UI never sees
// a raw object or a Rust debug string. Views switch on `code`, show `message`.

const tauri = () => {
  const t = window.__TAURI__;
  if (!t || !t.core) {
    throw new LanyardError('internal', 'Lanyard’s app shell is not available (window.__TAURI__ missing).');
  }
  return t;
};

export class LanyardError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'LanyardError';
    this.code = code;
  }
}

/** Turn anything a command rejects with into a LanyardError with a readable message. */
export function toLanyardError(raw) {
  if (raw instanceof LanyardError) return raw;
  if (raw && typeof raw === 'object' && typeof raw.code === 'string') {
    const message = typeof raw.message === 'string' && raw.message ? raw.message : 'Something went wrong.';
    return new LanyardError(raw.code, message);
  }
  if (typeof raw === 'string' && raw) {
    // Plugin and Tauri-internal failures reject with a bare string.
    return new LanyardError('internal', raw);
  }
  if (raw instanceof Error && raw.message) return new LanyardError('internal', raw.message);
  return new LanyardError('internal', 'Something went wrong.');
}

async function invoke(command, args) {
  try {
    return await tauri().core.invoke(command, args);
  } catch (raw) {
    throw toLanyardError(raw);
  }
}

// --- Trips -------------------------------------------------------------------------------
export const listTrips = () => invoke('list_trips');
export const createTrip = (name) => invoke('create_trip', { name });
export const renameTrip = (name, newName) => invoke('rename_trip', { name, newName });
export const deleteTrip = (name) => invoke('delete_trip', { name });
export const timeline = (trip) => invoke('timeline', { trip });

// --- Import ------------------------------------------------------------------------------
function channel(onEvent) {
  const ch = new (tauri().core.Channel)();
  ch.onmessage = (event) => {
    try {
      onEvent(event);
    } catch (err) {
      console.error('progress event handler failed', err);
    }
  };
  return ch;
}

/** Import files/folders; `trip` null → a new trip named after the first folder. */
export const importPaths = (trip, paths, onEvent) =>
  invoke('import_paths', { trip, paths, onEvent: channel(onEvent) });
export const importSample = (onEvent) => invoke('import_sample', { onEvent: channel(onEvent) });
export const cancelImport = () => invoke('cancel_import');

// --- Photo and day edits -----------------------------------------------------------------
export const setCaption = (id, text) => invoke('set_caption', { id, text });
export const setFavourite = (id, value) => invoke('set_favourite', { id, value });
export const setHidden = (id, value) => invoke('set_hidden', { id, value });
export const setPhotoDate = (id, date, time) => invoke('set_photo_date', { id, date, time: time || null });
/** Day words are keyed by the day's date ("YYYY-MM-DD"): day numbers change when a shift moves photos. */
export const setDayTitle = (trip, date, text) => invoke('set_day_title', { trip, date, text });
export const setDayNotes = (trip, date, text) => invoke('set_day_notes', { trip, date, text });
export const photoDetails = (id) => invoke('photo_details', { id });
export const openMap = (id) => invoke('open_map', { id });
export const showInFolder = (id) => invoke('show_in_folder', { id });

// --- Export ------------------------------------------------------------------------------
/** options = {trip, out, format: 'html'|'markdown', with_location, embed_gps, sizes: number[]} */
export const exportPlan = (options) => invoke('export_plan', { options });
export const exportTrip = (options, onEvent) => invoke('export_trip', { options, onEvent: channel(onEvent) });
export const cancelExport = () => invoke('cancel_export');
/** `entry` is a finished export's report.entry; the shell refuses any other path. */
export const openExport = (entry) => invoke('open_export', { entry });
export const showExport = (entry) => invoke('show_export', { entry });

// --- Settings ----------------------------------------------------------------------------
export const tripSettings = (trip) => invoke('trip_settings', { trip });
export const zoneNames = () => invoke('zone_names');
export const previewSettings = (trip, change) => invoke('preview_settings', { trip, change });
export const applySettings = (trip, change) => invoke('apply_settings', { trip, change });

// --- Camera clocks and strays ------------------------------------------------------------
/** Calibration `{cameras: [{camera, clock, current, text, …} | {camera, none}]}`. */
export const calibrate = (trip) => invoke('calibrate', { trip });
/** The banner's Dismiss: this camera's suggestion `clock` is not offered again. */
export const dismissClock = (trip, camera, clock) => invoke('dismiss_clock', { trip, camera, clock });
/** "Include in this trip" for a photo outside it (`false` undoes). */
export const keepInTrip = (id, value) => invoke('keep_in_trip', { id, value });
/** Moves photos into a trip (created when new); resolves to its name as stored. */
export const moveToTrip = (ids, trip) => invoke('move_to_trip', { ids, trip });

// --- Agenda (sessions of the conference) --------------------------------------------------
/** Imports an .ics or schedule.json into `trip`; `mine`: the sessions I went to (marked attended).
 *  Resolves to AgendaImport `{sessions, added, updated, total, attended, summary, …}`. */
export const importAgenda = (trip, path, mine) => invoke('import_agenda', { trip, path, mine: Boolean(mine) });
/** The trip's agenda in time order (`day`: one trip day, or null for all). */
export const agenda = (trip, day = null) => invoke('agenda', { trip, day });
/** Marks a session attended (`true`), not attended (`false`), or back to unknown (`null`). */
export const setAttended = (trip, uid, value) => invoke('set_attended', { trip, uid, value });
export const setSessionNotes = (trip, uid, text) => invoke('set_session_notes', { trip, uid, text });
/** `session`: a session's uid, "none", or "auto" (back to the agenda's rules). */
export const setPhotoSession = (id, session) => invoke('set_photo_session', { id, session });

// --- People -------------------------------------------------------------------------------
/** The trip's people: PersonView `[{id, name, link, org, private, sessions, photos, met}]` by name. */
export const people = (trip) => invoke('people', { trip });
/** Adds a person or updates the one with that name; a field left out (or null) stays as it is, "" removes it. */
export const savePerson = (trip, name, { link = null, org = null, private: isPrivate = null } = {}) =>
  invoke('save_person', { trip, name, link, org, private: isPrivate });
/** Tags a person (added when new) on a photo; `remove` untags. */
export const tagPhoto = (id, person, remove = false) => invoke('tag_photo', { id, person, remove: Boolean(remove) });
/** Marks a person (added when new) met on the day with this date, or not. */
export const setMet = (trip, date, person, value) => invoke('set_met', { trip, date, person, value: Boolean(value) });
/** Opens a person's http(s) profile link in the browser (the shell checks it). */
export const openPersonLink = (trip, person) => invoke('open_person_link', { trip, person });

// --- Thumbnails --------------------------------------------------------------------------
let thumbBase = null;

/**
 * `thumb://localhost/<hash>/<size>` on Linux and macOS; Windows/Android webviews reach custom
 * protocols as `http://thumb.localhost/`. convertFileSrc('') gives the right base for the platform.
 */
export function thumbUrl(hash, size) {
  if (!/^[0-9a-f]{64}$/.test(hash || '')) return null;
  if (thumbBase === null) {
    let base = 'thumb://localhost/';
    try {
      const convert = window.__TAURI__?.core?.convertFileSrc;
      if (typeof convert === 'function') {
        const probe = convert('', 'thumb');
        if (typeof probe === 'string' && probe) base = probe.endsWith('/') ? probe : `${probe}/`;
      }
    } catch {
      // keep the default
    }
    thumbBase = base;
  }
  return `${thumbBase}${hash}/${size}`;
}

/**
 * A photo's thumbnail URL, or null while it has none. A `damaged` photo (a truncated file whose
 * readable part was decoded) has its thumbnails like a `ready` one.
 */
export function photoThumbUrl(photo, size) {
  const state = photo && photo.thumb && photo.thumb.state;
  return state === 'ready' || state === 'damaged' ? thumbUrl(photo.hash, size) : null;
}

// --- Native dialog -----------------------------------------------------------------------
let extensions = null; // Promise<string[]>: asked once per run

/** Every extension the importer reads, lower and upper case (the core's list, asked once). */
export function photoExtensions() {
  if (!extensions) {
    extensions = invoke('photo_extensions').catch((err) => {
      extensions = null; // ask again next time
      throw err;
    });
  }
  return extensions;
}

/** The native open dialog with `options` (tauri-plugin-dialog): the chosen paths, [] when cancelled. */
async function openDialog(options) {
  let picked;
  try {
    const dialog = window.__TAURI__?.dialog;
    picked = dialog && typeof dialog.open === 'function'
      ? await dialog.open(options)
      : await tauri().core.invoke('plugin:dialog|open', { options });
  } catch (raw) {
    throw toLanyardError(raw);
  }
  if (!picked) return [];
  return (Array.isArray(picked) ? picked : [picked]).map((p) => (typeof p === 'string' ? p : p.path)).filter(Boolean);
}

/** Native open dialog (tauri-plugin-dialog). Resolves to an array of paths ([] when cancelled). */
export async function choosePaths({ directory }) {
  const options = {
    multiple: true,
    directory: Boolean(directory),
    title: directory ? 'Add a folder of photos' : 'Add photos',
  };
  if (!directory) options.filters = [{ name: 'Photos', extensions: await photoExtensions() }];
  return openDialog(options);
}

/** Native open dialog for agenda files (.ics, schedule.json). Resolves to paths ([] when cancelled). */
export async function chooseAgendaFiles() {
  const options = {
    multiple: true,
    directory: false,
    title: 'Import an agenda',
    filters: [{ name: 'Agendas (iCalendar, schedule.json)', extensions: ['ics', 'ICS', 'json', 'JSON'] }],
  };
  return openDialog(options);
}

/** Native folder picker. Resolves to one path, or null when cancelled. */
export async function chooseFolder({ title, defaultPath }) {
  const options = { directory: true, multiple: false, title, canCreateDirectories: true };
  if (defaultPath) options.defaultPath = defaultPath;
  let picked;
  try {
    const dialog = window.__TAURI__?.dialog;
    picked = dialog && typeof dialog.open === 'function'
      ? await dialog.open(options)
      : await tauri().core.invoke('plugin:dialog|open', { options });
  } catch (raw) {
    throw toLanyardError(raw);
  }
  const first = Array.isArray(picked) ? picked[0] : picked;
  if (!first) return null;
  return typeof first === 'string' ? first : first.path || null;
}

// --- Drag and drop -----------------------------------------------------------------------
/**
 * Native drag-and-drop of files onto the window. `handler` gets {type: enter|over|drop|leave, paths}.
 * Returns an unlisten function (or a no-op when the shell is missing).
 */
export async function onDragDrop(handler) {
  const webview = window.__TAURI__?.webview;
  if (!webview || typeof webview.getCurrentWebview !== 'function') return () => {};
  try {
    return await webview.getCurrentWebview().onDragDropEvent((event) => {
      const payload = event && event.payload ? event.payload : event;
      handler({ type: payload.type, paths: Array.isArray(payload.paths) ? payload.paths : [] });
    });
  } catch (raw) {
    throw toLanyardError(raw);
  }
}
