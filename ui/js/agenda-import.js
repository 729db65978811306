//! Agenda files into the open trip: dropped .ics/.json files and the "Import agenda…" button
//! (an in-app choice, "These are the sessions I went to", then the native file dialog). Each
//! file is imported on its own; the line above the timeline says what each did, in the core's
//! words ("88 sessions, Mon 6 – Thu 9 Nov · 27 marked attended") or why it was refused (a file
//! that is no agenda changes nothing). A dropped file is taken as the whole agenda; the line
//! then offers "These are the sessions I went to", which imports the same files again as the
//! person's own schedule (as the button's choice does); Ctrl+Z puts each session it marked
//! back as it was. Also the "sessions without photos" toggle, remembered.
import { $, el, clear } from './dom.js';
import { agenda, chooseAgendaFiles, importAgenda, setAttended } from './api.js';
import { showError, showInfo } from './toast.js';
import { fileName, plural } from './format.js';
import { keys, RANK } from './keys.js';

const SHOW_EMPTY_KEY = 'lanyard.showEmptySessions';

/** createAgendaImport(ctx): ctx = {trip(), reloadTimeline(opts), record(label, revert), undo()}. */
export function createAgendaImport(ctx) {
  const status = $('#agenda-status');
  const dialog = $('#agenda-dialog');
  const mine = $('#agenda-mine');
  const asMineButton = $('#agenda-as-mine');
  let showEmpty = readShowEmpty();
  // What the line shows: the trip and each file's result (the imported ones are the offer's).
  let shown = { trip: null, results: [] };
  const imported = (results) => results.filter((r) => r.report).map((r) => r.path);

  // While the choice is open, its own keys only (Esc closes the <dialog>); no undo behind it.
  keys.layer({ name: 'agenda-dialog', rank: RANK.modal, isOpen: () => Boolean(dialog.open) });

  $('#agenda-status-close').addEventListener('click', () => { status.hidden = true; });
  asMineButton.addEventListener('click', async () => {
    const { trip, results } = shown;
    asMineButton.disabled = true;
    try {
      await takeAsMine(trip, imported(results), results);
    } finally {
      asMineButton.disabled = false;
    }
  });
  $('#agenda-cancel').addEventListener('click', () => dialog.close());
  $('#agenda-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const asMine = mine.checked;
    dialog.close();
    let paths;
    try {
      paths = await chooseAgendaFiles();
    } catch (err) {
      showError(err, 'Could not open the file dialog');
      return;
    }
    if (paths.length) await importFiles(paths, { mine: asMine });
  });

  /** The offer: `paths` imported again into `trip` as the person's schedule, undoable (the line
   *  then shows `earlier`, what it said before, with the offer). */
  async function takeAsMine(trip, paths, earlier) {
    // Each session's attendance by uid; null (the error shown) when the agenda can't be read.
    const attendance = async () => {
      try {
        const list = await agenda(trip);
        return new Map(list.sessions.map((s) => [s.uid, s.attendance]));
      } catch (err) {
        showError(err, 'Could not read the agenda');
        return null;
      }
    };
    const before = await attendance();
    if (!before) return;
    const results = await importFiles(paths, { mine: true, trip });
    if (!results.some((r) => r.report)) return;
    const after = await attendance();
    if (!after) return;
    const marked = [...after].filter(([uid, a]) => a === 'marked' && before.get(uid) !== 'marked');
    if (!marked.length) return;
    // Back to what each was: marked not attended stays so; the rest goes back to the rules.
    ctx.record(plural(marked.length, 'session') + ' marked as yours', async () => {
      for (const [uid] of marked) await setAttended(trip, uid, before.get(uid) === 'no' ? false : null);
      if (!status.hidden && shown.trip === trip) show(trip, earlier, false);
      if (ctx.trip() === trip) await ctx.reloadTimeline({ keepScroll: true });
    });
    showInfo(`${plural(marked.length, 'session')} marked as the ones you went to`, { undo: () => ctx.undo() });
  }

  /** The "Import agenda…" button: the choice first, then the file dialog. */
  function open() {
    if (!ctx.trip()) return;
    mine.checked = false;
    $('#agenda-dialog-trip').textContent = ctx.trip();
    dialog.showModal();
    $('#agenda-choose').focus();
  }

  /** Imports each file into `trip` (default: the open trip) and shows what each did. */
  async function importFiles(paths, { mine: asMine = false, trip = ctx.trip() } = {}) {
    if (!paths.length) return [];
    if (!trip) {
      showError({
        code: 'invalid_input',
        message: 'An agenda goes into a trip: open a trip (or drop its photos with the agenda) first.',
      });
      return [];
    }
    const results = [];
    for (const path of paths) {
      try {
        results.push({ path, report: await importAgenda(trip, path, asMine) });
      } catch (err) {
        results.push({ path, error: err });
      }
    }
    show(trip, results, asMine);
    if (results.some((r) => r.report) && ctx.trip() === trip) await ctx.reloadTimeline({ keepScroll: true });
    return results;
  }

  function show(trip, results, asMine) {
    const ok = results.filter((r) => r.report).length;
    const title = ok === results.length
      ? `Agenda imported into “${trip}”${asMine ? ' (sessions you went to)' : ''}`
      : ok ? `${ok} of ${results.length} agenda files imported into “${trip}”` : 'No agenda imported';
    $('#agenda-status-title').textContent = title;
    const list = $('#agenda-results');
    clear(list);
    for (const r of results) {
      const text = r.report ? r.report.summary : r.error.message;
      list.appendChild(el('li.agenda-result', {
        class: r.report ? 'ok' : 'failed',
        dataset: { path: r.path, code: r.report ? '' : r.error.code || 'internal' },
      },
      el('span.agenda-file', { title: r.path }, fileName(r.path)),
      el('span.agenda-text', {}, text)));
    }
    shown = { trip, results };
    asMineButton.hidden = asMine || ok === 0;
    status.dataset.ok = String(ok);
    status.dataset.failed = String(results.length - ok);
    status.classList.toggle('has-failures', ok < results.length);
    status.hidden = false;
  }

  // --- Sessions without photos: shown or hidden, remembered --------------------------------
  const toggle = $('#toggle-empty-sessions');
  toggle.addEventListener('click', async () => {
    showEmpty = !showEmpty;
    try {
      localStorage.setItem(SHOW_EMPTY_KEY, String(showEmpty));
    } catch {
      // storage may be unavailable; the choice then lasts this run
    }
    paintToggle();
    await ctx.reloadTimeline({ keepScroll: true });
  });
  function paintToggle() {
    toggle.setAttribute('aria-pressed', String(showEmpty));
    toggle.title = showEmpty
      ? 'Attended sessions without photos are shown: click to hide them'
      : 'Attended sessions without photos are hidden: click to show them';
  }
  paintToggle();

  /** Whether the open timeline has an agenda (the toggle is shown only then). */
  function timelineChanged(timeline) {
    const any = Boolean(timeline && timeline.days.some((d) => (d.sessions || []).length));
    toggle.hidden = !any;
  }

  return {
    open,
    importFiles,
    showEmpty: () => showEmpty,
    timelineChanged,
    clear: () => { status.hidden = true; },
  };
}

function readShowEmpty() {
  try {
    return localStorage.getItem(SHOW_EMPTY_KEY) !== 'false';
  } catch {
    return true;
  }
}
