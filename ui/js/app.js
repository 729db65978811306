//! Lanyard's web UI entry: wires the views together and owns the small amount of state (the trip
//! list, the open trip). Every call to the app shell goes through api.js.
//!
//! Stable hooks for the WebDriver tests (ids, classes and data attributes kept on purpose):
//!   #empty-state               shown when there are no trips ("Drop photos or a folder here")
//!   html[data-first-screen="empty"]  until the trip list is in, where the app found no trip as it
//!                              started: the stylesheet shows #empty-state from the first paint
//!   #sample-button             "Try a sample trip" (import_sample with progress)
//!   #add-photos, #add-folder   native dialog → import_paths into the open trip
//!                              (#empty-add-photos, #empty-add-folder in the empty state)
//!   #drop-overlay              visible (not [hidden]) while files are dragged over the window
//!   #new-trip, #rename-trip, #delete-trip, #open-settings, #open-export (the export dialog: see export.js)
//!   #trip-list li.trip[data-trip="<name>"][data-photos] > button.trip-button (aria-current="true" when open)
//!   #trip-view, #trip-name, #trip-meta
//!   #timeline[data-trip][data-photos][data-lazy]   the open trip's days
//!   section.day[data-day="<n>"][data-date="YYYY-MM-DD"][data-count] > h2.day-heading ("Day 2 · Tue 17 May 2022",
//!       the number and the core's `label`)
//!   .day-title input           (input.day-title-input, saves on change/blur/Enter; [data-saved] = last saved;
//!                              saved and undone by the day's date, never its number)
//!   .day-notes textarea        (textarea.day-notes-input, saves on blur or Ctrl+Enter)
//!   .day-empty                 a day without photos
//!   On a day with an agenda (sessions.js), its .grid-wrap.agenda-day holds, in time order:
//!     section.session[data-uid][data-attended][data-inferred][data-count] > .session-header (.session-time
//!       "15:00–15:30", h3.session-title, .session-speakers, .session-room: agenda text, set as text), its
//!       photos (.session-photos .grid .photo) or p.session-empty, and .session-notes > textarea.session-notes-input
//!       [data-uid][data-saved] (Markdown; saves on blur or Ctrl+Enter; Ctrl+Z undoes);
//!     div.loose[data-parallel] > h3.loose-time ("12:00–12:40"), photos in no session; at a slot of parallel
//!       sessions, once: .session-ask[data-slot] ("Which session were you in?") > button.session-choice[data-uid]
//!       (marks it attended: every photo of the slot moves under it; Ctrl+Z asks again), button.session-none
//!       ("None of these": the sessions marked not attended, the photos stay outside; Ctrl+Z asks again).
//!   #import-agenda             "Import agenda…": #agenda-dialog (> #agenda-mine "These are the sessions I went
//!                              to", #agenda-choose → the native dialog, #agenda-cancel); dropped .ics/.json files
//!                              are imported the same way into the open trip (photos dropped with them as photos)
//!   #agenda-status[data-ok][data-failed] > #agenda-status-title, li.agenda-result.ok|.failed[data-path][data-code]
//!       > .agenda-file, .agenda-text (the core's summary, or the error's message)
//!     #agenda-as-mine  after files imported whole: import them again as the sessions I went to
//!   #toggle-empty-sessions[aria-pressed]  attended sessions without photos shown or hidden (remembered)
//!   .photo[data-id][data-time="HH:MM"|""][data-state="ready|damaged|pending|failed"][data-favourite][data-hidden]
//!       > img (when the thumbnail is ready or damaged), .photo-time, .photo-caption,
//!       .photo-badges (> .badge.damaged "Damaged" on a damaged photo)
//!       Trips over 400 photos are virtualized per chunk (.grid[data-filled]): tiles are built near the
//!       viewport and released far from it; scroll to build more.
//!   .clock-change[data-kind="dst"][data-at][data-index] between the photos of a day where the clocks
//!       change (the core's `text`, "Clocks went back 1 h at 02:00", before photo `index`; the day's
//!       grid is cut there, so the marker is never inside a virtualized chunk). Tiles on such a day
//!       show "01:15 -06:00" in .photo-time (data-time stays "HH:MM"; [data-offset] always set).
//!   .clock-change[data-kind="zone"] likewise where the traveller changes zone ("Europe/Berlin →
//!       America/Chicago, clocks 6 h back"); a time away from the trip's main zone shows its zone
//!       in .photo-time ("09:10 CET", the core's `zone_label`), with no offset beside it.
//!   #undated (section.day.undated) > li.undated-item[data-id] > input.undated-date, input.undated-time, button.set-date
//!   #outside (section.day.outside) > li.outside-item[data-id][data-date] > .photo, .outside-date ("14 Jul 2021"),
//!       button.keep-in-trip ("Include in this trip", Ctrl+Z undoes), button.move-to-trip (asks a name in #modal)
//!   #calibration (above the timeline, [hidden] without suggestions) > .suggestion[data-camera][data-clock][data-current]
//!       > .suggestion-text (the core's sentence), .suggestion-evidence, button.suggestion-preview (the settings sheet
//!       with the clock filled in, previewed), .suggestion-apply (Ctrl+Z puts back data-current), .suggestion-dismiss
//!   #viewer[data-id][data-state] (not [hidden] when open), #viewer-image, #viewer-caption, #viewer-details
//!       (> .detail-time: the core's `when`, "01:15 (UTC-06:00)" on a day whose clocks change; .detail-offset
//!       "The clocks change this day" there (with the offset until the details come);
//!       #viewer-damaged: the reason, for a damaged photo),
//!       #viewer-favourite / #viewer-hidden [aria-pressed], #viewer-prev, #viewer-next, #viewer-close,
//!       #viewer-map, #viewer-show-folder
//!   People and sessions in the viewer: #viewer-details > #viewer-session-title (.detail-session: the session's title,
//!       or "No session" / "Several sessions ran then: choose one"), .detail-session-meta ("09:00–09:20 · Room"),
//!       select#viewer-session (auto | a session's uid | none; Ctrl+Z undoes a move); #viewer-people-chips
//!       > li.chip[data-name] > .chip-name, button.chip-remove; #viewer-person-input (autocomplete:
//!       #viewer-person-list li.suggestion[data-name][aria-selected]; ↓/↑/Enter/Esc stay in the field)
//!   .day-met[data-date][data-count] under a day's title and notes: "Met: " > .met-person[data-name][data-met][data-link]
//!       > button.met-link (http(s) links, opened through the shell) or .met-name, button.met-remove (marked met);
//!       button.met-add opens the People sheet on that day
//!   #open-people → #people-sheet[data-count] > #people-name (+ #people-suggestions), #people-day, #people-met,
//!       #people-add, #people-list li.person[data-name][data-private] > input.person-link, input.person-org,
//!       input.person-private, button.chip.met-day[data-date] (unmark)
//!   #open-agenda → #agenda-sheet > #agenda-sheet-day, #agenda-sheet-list section.agenda-browse-day[data-date]
//!       > li.agenda-session[data-uid][data-attendance][data-attended][data-photos] > input.agenda-attended,
//!       .agenda-time, .agenda-title, .agenda-speakers, .agenda-room (agenda text set as text)
//!   #settings[data-trip], #settings-timezone (+ #zone-list), #settings-day-start,
//!       #settings-cameras tr[data-camera][data-clock][data-clock-photos] > input.clock-input.shift-input (the camera's
//!       clock: "trip", "+01:03:10", "America/Chicago", or a shift like "+6h"), .clock-text (the core's words and
//!       the shift); tr.clock-irrelevant > .clock-note for a camera that writes offsets, #settings-preview-button,
//!       #settings-preview[data-moves] li.move[data-id], #settings-apply, #settings-close
//!   #import-progress[data-phase][data-done][data-total], #import-bar, #import-cancel
//!   #import-summary[data-added][data-failed][data-cancelled][data-damaged][data-outside] with #summary-added, #summary-duplicates,
//!       #summary-skipped, #summary-failed, li.failure[data-path] > .failure-file, .failure-reason
//!   #modal (in-app confirm/prompt) > #modal-input, #modal-confirm, #modal-cancel
//!   #error-toast[data-code] > #error-toast-text; #info-toast
//!   body.ready once the first trip list has been shown.
import { $ } from './dom.js';
import * as api from './api.js';
import { createSidebar } from './sidebar.js';
import { createTimeline } from './timeline.js';
import { createViewer } from './viewer.js';
import { createSettings } from './settings.js';
import { createImporter } from './importer.js';
import { createExporter } from './export.js';
import { createCalibration } from './calibration.js';
import { createAgendaImport } from './agenda-import.js';
import { splitAgendaPaths } from './sessions.js';
import { initToasts, showError, showInfo } from './toast.js';
import { createHistory } from './undo.js';
import { keys } from './keys.js';
import { ask } from './modal.js';
import { plural, fileName, dateText } from './format.js';
import { createPeople } from './people-sheet.js';
import { createAgendaBrowser } from './agenda-sheet.js';

const LAST_TRIP_KEY = 'lanyard.lastTrip';

// The last edits, undoable; Ctrl+Z reaches them through the keyboard layers that allow it (keys.js).
const edits = createHistory({ said: showInfo, failed: showError });

const state = {
  trips: [],
  trip: null, // name of the open trip
};

const ctx = {
  scroller: () => $('#main'),
  openTrip,
  reloadTrips,
  reloadTimeline,
  openViewer: (id) => viewer.open(id),
  focusPhoto: (id) => timeline.focusPhoto(id),
  photos: () => timeline.ordered(),
  toggleFlag,
  saveCaption,
  saveDayTitle: (...a) => saveDayTitle(...a),
  saveDayNotes: (...a) => saveDayNotes(...a),
  setPhotoDate,
  importedInto,
  keepInTrip,
  moveToNewTrip,
  onClockChangeDay: (id) => timeline.onClockChangeDay(id),
  clocksChanged: () => calibration.refresh(state.trip),
  record: (label, revert) => edits.record(label, revert),
  undo: () => edits.undo(),
  showEmptySessions: () => agendaImport.showEmpty(),
  saveSessionNotes: (...a) => saveSessionNotes(...a),
  answerSession: (...a) => answerSession(...a),
  answerNone: (...a) => answerNone(...a),
};

const timeline = createTimeline($('#timeline'), ctx);
const sidebar = createSidebar(ctx);
// The trip's people (the People sheet, "Met:" under each day, tags for the viewer) and the
// agenda browser; both record their edits for Ctrl+Z.
const people = createPeople({
  trip: () => state.trip,
  timeline: () => timeline.current(),
  reloadTimeline,
  record: (label, revert) => edits.record(label, revert),
  detailsChanged: () => viewer.refreshDetails(),
});
const agendaBrowser = createAgendaBrowser({
  trip: () => state.trip,
  timeline: () => timeline.current(),
  reloadTimeline,
  record: (label, revert) => edits.record(label, revert),
});
ctx.people = people;
ctx.setPhotoSession = (...a) => setPhotoSession(...a);
const viewer = createViewer(ctx);
const settings = createSettings(ctx);
const importer = createImporter(ctx);
const exporter = createExporter();
const agendaImport = createAgendaImport({
  trip: () => state.trip,
  reloadTimeline,
  record: (label, revert) => edits.record(label, revert),
  undo: () => edits.undo(),
});
const calibration = createCalibration({
  trip: () => state.trip,
  reloadTimeline,
  reloadTrips,
  record: (label, revert) => edits.record(label, revert),
  undo: () => edits.undo(),
  previewClock: (trip, suggest) => settings.open(trip, { suggest }),
});

// --- Trips ---------------------------------------------------------------------------------

async function reloadTrips() {
  try {
    state.trips = await api.listTrips();
  } catch (err) {
    showError(err, 'Could not list the trips');
    return state.trips;
  } finally {
    // From here on the scripts show what the first screen showed (css: data-first-screen).
    delete document.documentElement.dataset.firstScreen;
  }
  if (state.trip && !state.trips.some((t) => t.name === state.trip)) {
    state.trip = null;
    timeline.reset();
    calibration.clear();
  }
  sidebar.render(state.trips, state.trip);
  renderFrame();
  return state.trips;
}

/** Which of the main views shows: empty state (no trips) or the trip view. */
function renderFrame() {
  const noTrips = state.trips.length === 0;
  $('#empty-state').hidden = !noTrips;
  $('#trip-view').hidden = noTrips || !state.trip;
  const card = state.trips.find((t) => t.name === state.trip);
  if (card) {
    $('#trip-name').textContent = card.name;
    const bits = [card.dates,
      card.day_count ? plural(card.day_count, 'day') : '',
      plural(card.photo_count || 0, 'photo')];
    const tl = timeline.current();
    if (tl && tl.trip && tl.trip.timezone) {
      bits.push(`${tl.trip.timezone}${tl.trip.timezone_detected ? ' (detected)' : ''}`);
    }
    $('#trip-meta').textContent = bits.filter(Boolean).join(' · ');
  }
  document.title = card ? `${card.name} — Lanyard` : 'Lanyard';
}

async function openTrip(name, { keepScroll = false } = {}) {
  if (name !== state.trip) {
    edits.clear();
    if (viewer.isOpen()) viewer.close();
    people.clear();
    agendaBrowser.close();
  }
  const switching = name !== state.trip;
  state.trip = name;
  try {
    localStorage.setItem(LAST_TRIP_KEY, name);
  } catch {
    // storage may be unavailable; remembering the trip is a nicety
  }
  sidebar.render(state.trips, state.trip);
  if (switching) {
    timeline.reset();
    calibration.clear();
    agendaImport.clear();
  }
  $('#timeline').dataset.trip = name;
  renderFrame();
  await reloadTimeline({ keepScroll: keepScroll && !switching, full: switching });
  // Camera clock suggestions for the trip just opened (the banner above the timeline).
  if (switching && state.trip === name) calibration.refresh(name);
  if (switching && state.trip === name) people.refresh();
}

async function reloadTimeline({ keepScroll = true, full = false } = {}) {
  const name = state.trip;
  if (!name) return;
  let data;
  try {
    data = await api.timeline(name);
  } catch (err) {
    if (err.code === 'not_found') {
      state.trip = null;
      await reloadTrips();
      openFirstTrip();
    }
    showError(err, 'Could not load the trip');
    return;
  }
  if (state.trip !== name) return; // the user opened another trip meanwhile
  const started = performance.now();
  agendaImport.timelineChanged(data);
  if (full) timeline.render(data, { keepScroll });
  else timeline.update(data);
  people.decorateDays(data);
  $('#timeline').dataset.renderMs = String(Math.round(performance.now() - started));
  renderFrame();
}

function openFirstTrip() {
  if (!state.trips.length) return;
  let last = null;
  try {
    last = localStorage.getItem(LAST_TRIP_KEY);
  } catch {
    last = null;
  }
  const pick = state.trips.find((t) => t.name === last) || state.trips[0];
  openTrip(pick.name);
}

async function newTrip() {
  const name = await ask({
    title: 'New trip',
    text: 'Name the trip, for example the conference and the city.',
    input: { value: '', placeholder: 'KubeCon Valencia 2022' },
    confirm: 'Create',
  });
  if (!name) return;
  try {
    const card = await api.createTrip(name);
    await reloadTrips();
    await openTrip(card.name);
  } catch (err) {
    showError(err, 'Could not create the trip');
  }
}

async function renameTrip() {
  const old = state.trip;
  if (!old) return;
  const name = await ask({ title: 'Rename trip', input: { value: old }, confirm: 'Rename' });
  if (!name || name === old) return;
  try {
    const card = await api.renameTrip(old, name);
    state.trip = card.name;
    await reloadTrips();
    await openTrip(card.name, { keepScroll: true });
  } catch (err) {
    showError(err, 'Could not rename the trip');
  }
}

async function deleteTrip() {
  const name = state.trip;
  if (!name) return;
  const card = state.trips.find((t) => t.name === name);
  const count = card ? plural(card.photo_count || 0, 'photo') : 'its photos';
  const ok = await ask({
    title: `Delete “${name}”?`,
    text: `Lanyard will forget this trip: its ${count}, their captions, and the day titles and notes. `
      + 'Your original photo files are never touched.',
    confirm: 'Delete trip',
    danger: true,
  });
  if (!ok) return;
  try {
    await api.deleteTrip(name);
    state.trip = null;
    timeline.reset();
    calibration.clear();
    agendaImport.clear();
    edits.clear();
    await reloadTrips();
    openFirstTrip();
    showInfo(`Deleted “${name}”. Original files are untouched.`);
  } catch (err) {
    showError(err, 'Could not delete the trip');
  }
}

// --- Import --------------------------------------------------------------------------------

/** Called during and after an import: show the trip as soon as its metadata is in. */
async function importedInto(trip, { final, metadata }) {
  if (!trip) return;
  if (metadata || final) await reloadTrips();
  if (state.trip === trip) await reloadTimeline({ keepScroll: true });
  else if (metadata && (!state.trip || importTarget === null || importTarget === trip)) await openTrip(trip);
  // With every photo and thumbnail in, the core can match the cameras' moments.
  if (final && state.trip === trip) calibration.refresh(trip);
}

let importTarget = null; // the trip an import was started into (null: a new trip)

async function importInto(paths) {
  if (!paths.length) return null;
  importTarget = state.trip;
  return importer.importPaths(state.trip, paths);
}

/** Dropped files: agenda files (.ics, .json) go into the open trip, or into the trip the photos
 *  dropped with them went to; everything else is imported as photos first. */
async function importDropped(paths) {
  const { agendas, photos } = splitAgendaPaths(paths);
  let trip = state.trip;
  if (photos.length) {
    const report = await importInto(photos);
    if (report && report.trip) trip = report.trip;
  }
  if (agendas.length) await agendaImport.importFiles(agendas, { trip });
}

async function addPhotos(directory) {
  let paths;
  try {
    paths = await api.choosePaths({ directory });
  } catch (err) {
    showError(err, 'Could not open the file dialog');
    return;
  }
  await importInto(paths);
}

async function importSample() {
  importTarget = null;
  const button = $('#sample-button');
  button.disabled = true;
  try {
    const report = await importer.importSample();
    if (report && report.trip && state.trip !== report.trip) await openTrip(report.trip);
  } finally {
    button.disabled = false;
  }
}

// --- Edits (persist at once, undoable) -----------------------------------------------------

function photoUpdated(p) {
  timeline.photoChanged(p);
  viewer.photoChanged(p);
}

async function toggleFlag(id, flag) {
  const p = timeline.photo(id);
  if (!p) return;
  const old = Boolean(p[flag]);
  const call = flag === 'favourite' ? api.setFavourite : api.setHidden;
  const apply = async (value) => {
    await call(id, value);
    const q = timeline.photo(id) || p;
    const next = { ...q, [flag]: value };
    photoUpdated(next);
  };
  try {
    await apply(!old);
    edits.record(flag === 'favourite' ? (old ? 'unfavourite' : 'favourite') : (old ? 'unhide' : 'hide'), () => apply(old));
  } catch (err) {
    showError(err, flag === 'favourite' ? 'Could not change the favourite' : 'Could not hide the photo');
  }
}

async function saveCaption(id, text) {
  const p = timeline.photo(id);
  if (!p) return false;
  const old = p.caption || '';
  if (old === text) return true;
  const apply = async (value) => {
    await api.setCaption(id, value);
    const q = timeline.photo(id) || p;
    photoUpdated({ ...q, caption: value });
  };
  try {
    await apply(text);
    edits.record('caption', () => apply(old));
    return true;
  } catch (err) {
    showError(err, 'Could not save the caption');
    return false;
  }
}

/**
 * Saving a day's title or notes, undoable. The edit and its undo are keyed by the day's date: a
 * camera shift or a new day start can renumber the days between the edit and Ctrl+Z, and the old
 * words must go back onto the same date. The label keeps the number the person saw.
 */
function dayEdit(kind) {
  const call = kind === 'title' ? api.setDayTitle : api.setDayNotes;
  const key = kind === 'title' ? 'title' : 'notes';
  return async function save(day, text, old) {
    const trip = state.trip;
    const { date, number } = day;
    const apply = async (value) => {
      await call(trip, date, value);
      const data = timeline.current();
      const shown = state.trip === trip && data && data.days.find((d) => d.date === date);
      if (shown) shown[key] = value;
      const field = state.trip === trip ? timeline.dayInput(date, kind) : null;
      if (field) {
        field.value = value;
        field.dataset.saved = value;
        field.dispatchEvent(new Event('input'));
      }
    };
    try {
      await apply(text);
      edits.record(kind === 'title' ? `title of day ${number}` : `notes of day ${number}`, () => apply(old));
      return true;
    } catch (err) {
      showError(err, kind === 'title' ? 'Could not save the day title' : 'Could not save the notes');
      return false;
    }
  };
}
const saveDayTitle = dayEdit('title');
const saveDayNotes = dayEdit('notes');

/** A session's notes, saved like a day's and undoable (keyed by the session's uid). */
async function saveSessionNotes(session, text, old) {
  const trip = state.trip;
  const { uid } = session;
  const apply = async (value) => {
    await api.setSessionNotes(trip, uid, value);
    const data = timeline.current();
    const shown = state.trip === trip && data && data.days.flatMap((d) => d.sessions || []).find((s) => s.uid === uid);
    if (shown) shown.notes = value;
    const field = state.trip === trip ? timeline.sessionInput(uid) : null;
    if (field) {
      field.value = value;
      field.dataset.saved = value;
      field.dispatchEvent(new Event('input'));
    }
  };
  try {
    await apply(text);
    edits.record(`notes on “${session.title}”`, () => apply(old));
    return true;
  } catch (err) {
    showError(err, 'Could not save the session notes');
    return false;
  }
}

/** "Which session were you in?": the answer marks it attended, which moves every photo of the
 *  slot under it; Ctrl+Z puts it back to unknown, and the question comes back. */
async function answerSession(day, choice, count) {
  const trip = state.trip;
  const apply = async (value) => {
    await api.setAttended(trip, choice.uid, value);
    if (state.trip === trip) await reloadTimeline({ keepScroll: true });
  };
  try {
    await apply(true);
  } catch (err) {
    showError(err, 'Could not mark the session');
    return;
  }
  edits.record(`“${choice.title}”`, () => apply(null));
  showInfo(`${plural(count, 'photo')} moved to “${choice.title}”`, { undo: () => edits.undo() });
}

/** "None of these": the parallel sessions are marked not attended, so the slot's photos stay
 *  outside sessions and the question goes; Ctrl+Z puts them back to unknown. */
async function answerNone(day, choices, count) {
  const trip = state.trip;
  const apply = async (value) => {
    for (const c of choices) await api.setAttended(trip, c.uid, value);
    if (state.trip === trip) await reloadTimeline({ keepScroll: true });
  };
  try {
    await apply(false);
  } catch (err) {
    showError(err, 'Could not mark the sessions');
    return;
  }
  edits.record('none of the sessions', () => apply(null));
  showInfo(`${plural(count, 'photo')} left outside sessions`, { undo: () => edits.undo() });
}

async function setPhotoDate(p, date, time, field) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date || '')) {
    showError({ code: 'invalid_input', message: 'Choose a date first (YYYY-MM-DD).' });
    if (field) field.focus();
    return;
  }
  try {
    await api.setPhotoDate(p.id, date, time ? time.slice(0, 5) : null);
    await reloadTimeline({ keepScroll: true });
    await reloadTrips();
  } catch (err) {
    showError(err, 'Could not set the date');
  }
}

/**
 * The viewer's session control: a photo into a session running then, out of any ("none"), or
 * back to the agenda's rules ("auto"); Ctrl+Z puts back `old` (the control's value before).
 */
async function setPhotoSession(id, value, old) {
  const trip = state.trip;
  const apply = async (v) => {
    await api.setPhotoSession(id, v);
    if (state.trip !== trip) return;
    await reloadTimeline({ keepScroll: true });
    viewer.refreshDetails();
  };
  try {
    await apply(value);
  } catch (err) {
    showError(err, 'Could not move the photo');
    return false;
  }
  const p = timeline.photo(id);
  edits.record(`session of ${p ? fileName(p.path) : `photo ${id}`}`, () => apply(old));
  return true;
}

// --- Outside this trip (strays) ------------------------------------------------------------

/** "Include in this trip": the stray joins the trip's days (remembered); Ctrl+Z sets it aside again. */
async function keepInTrip(p) {
  const trip = state.trip;
  const name = fileName(p.path);
  const apply = async (value) => {
    await api.keepInTrip(p.id, value);
    if (state.trip !== trip) return;
    await reloadTimeline({ keepScroll: true });
    await reloadTrips();
  };
  try {
    await apply(true);
  } catch (err) {
    showError(err, 'Could not include the photo');
    return;
  }
  edits.record(`include ${name}`, () => apply(false));
  showInfo(`${name} is now part of this trip`, { undo: () => edits.undo() });
}

/** "Move to a new trip": named in the in-app prompt ("<trip> 2021"); undo moves it back. */
async function moveToNewTrip(p) {
  const from = state.trip;
  const file = fileName(p.path);
  const year = (p.date || '').slice(0, 4);
  const name = await ask({
    title: 'Move to a new trip',
    text: `${file}${p.date ? ` (${dateText(p.date)})` : ''} leaves “${from}” for a trip of its own. Name that trip:`,
    input: { value: year ? `${from} ${year}` : `${from} (more)`, placeholder: 'Trip name' },
    confirm: 'Move',
  });
  if (!name || state.trip !== from) return;
  const existed = state.trips.some((t) => t.name === name);
  let to;
  try {
    to = await api.moveToTrip([p.id], name);
  } catch (err) {
    showError(err, 'Could not move the photo');
    return;
  }
  await reloadTrips();
  await reloadTimeline({ keepScroll: true });
  edits.record(`move ${file} to “${to}”`, async () => {
    await api.moveToTrip([p.id], from);
    // A trip made for this photo alone goes again once it is empty.
    const cards = await api.listTrips();
    const made = cards.find((t) => t.name === to);
    if (!existed && made && !made.photo_count) await api.deleteTrip(to);
    await reloadTrips();
    if (state.trip === from) await reloadTimeline({ keepScroll: true });
  });
  showInfo(`Moved ${file} to “${to}”`, { undo: () => edits.undo() });
}

// --- Drag and drop -------------------------------------------------------------------------

function showDropOverlay(show) {
  const overlay = $('#drop-overlay');
  overlay.hidden = !show;
  document.body.classList.toggle('dragging', show);
  if (show) {
    $('#drop-overlay-text').textContent = state.trip
      ? `Drop to add to “${state.trip}”`
      : 'Drop to import as a new trip';
  }
}

async function listenForDrops() {
  try {
    await api.onDragDrop(({ type, paths }) => {
      if (type === 'enter' || type === 'over') showDropOverlay(true);
      else if (type === 'leave') showDropOverlay(false);
      else if (type === 'drop') {
        showDropOverlay(false);
        importDropped(paths);
      }
    });
  } catch (err) {
    showError(err, 'Drag and drop is not available');
  }
  // Browser-level drag events only drive the overlay (paths come from the native event above);
  // they also stop the webview from navigating to a dropped file.
  let depth = 0;
  window.addEventListener('dragenter', (e) => { e.preventDefault(); depth += 1; showDropOverlay(true); });
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('dragleave', () => { depth = Math.max(0, depth - 1); if (!depth) showDropOverlay(false); });
  window.addEventListener('drop', (e) => { e.preventDefault(); depth = 0; showDropOverlay(false); });
}

// --- Start ---------------------------------------------------------------------------------

function bind(selector, handler) {
  $(selector).addEventListener('click', handler);
}

async function start() {
  initToasts();
  bind('#new-trip', newTrip);
  bind('#rename-trip', renameTrip);
  bind('#delete-trip', deleteTrip);
  bind('#open-settings', () => state.trip && settings.open(state.trip));
  bind('#open-export', () => state.trip && exporter.open(state.trip));
  bind('#open-people', () => people.open());
  bind('#open-agenda', () => agendaBrowser.open());
  bind('#add-photos', () => addPhotos(false));
  bind('#add-folder', () => addPhotos(true));
  bind('#import-agenda', () => agendaImport.open());
  bind('#empty-add-photos', () => addPhotos(false));
  bind('#empty-add-folder', () => addPhotos(true));
  bind('#sample-button', importSample);
  keys.setUndo(() => edits.undo());
  keys.listen(document);
  window.addEventListener('unhandledrejection', (event) => {
    event.preventDefault();
    showError(event.reason);
  });
  listenForDrops();
  await reloadTrips();
  openFirstTrip();
  document.body.classList.add('ready');
}

start();
