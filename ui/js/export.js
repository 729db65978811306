//! The export dialog: folder, format, location choices and image sizes; a preview of what will be
//! published (the core's plan, asked again whenever an option changes); then progress with Cancel,
//! and a summary with "Open gallery" and "Show in folder". Errors show inside the dialog: a modal
//! dialog sits above the toasts.
//!
//! Image sizes: the field starts empty (the core's defaults) and shows the sizes of the first plan;
//! no size is written down here. Damaged photos (truncated files) are left out unless the person
//! ticks "Include damaged photos", offered when the plan leaves some out.
//!
//! Hooks for the WebDriver tests: #open-export; #export[data-step="setup|running|done"][data-trip]
//! with #export-folder, #export-choose, input[name="export-format"], #export-location, #export-gps,
//! #export-sizes, #export-damaged (not [hidden] when offered) > #export-include-damaged;
//! #export-preview[data-state="empty|loading|ready|error"][data-photos] > #export-summary li;
//! #export-start, #export-cancel, #export-close; #export-running[data-phase][data-done][data-total];
//! #export-done[data-written][data-reused] > #export-result; #export-open[data-entry], #export-show;
//! #export-error[data-code].
import { $, el, clear } from './dom.js';
import {
  exportPlan, exportTrip, cancelExport, openExport, showExport, chooseFolder, toLanyardError,
} from './api.js';
import { bytes, plural } from './format.js';
import { keys, RANK } from './keys.js';

const FOLDER_KEY = 'lanyard.exportFolder:';
const PLAN_DELAY_MS = 250; // typing in the sizes field asks for one plan, not one per key
const PHASE = { images: 'Making images', pages: 'Writing pages' };

export function createExporter() {
  const dialog = $('#export');
  const form = $('#export-form');
  const folder = $('#export-folder');
  const location = $('#export-location');
  const gps = $('#export-gps');
  const sizes = $('#export-sizes');
  const damaged = $('#export-damaged');
  const includeDamaged = $('#export-include-damaged');
  const preview = $('#export-preview');
  const hint = $('#export-preview-hint');
  const list = $('#export-summary');
  const notice = $('#export-error');
  const running = $('#export-running');
  const done = $('#export-done');
  const bar = $('#export-bar');
  const button = {
    close: $('#export-close'),
    cancel: $('#export-cancel'),
    show: $('#export-show'),
    start: $('#export-start'),
    open: $('#export-open'),
  };

  let trip = null;
  let step = 'setup';
  let plan = null; // the plan for the options as they are now; null while unknown or refused
  let planToken = 0; // answers to older questions are dropped
  let planTimer = 0;
  let report = null;
  let lastFocus = null;

  button.close.addEventListener('click', close);
  button.cancel.addEventListener('click', cancelRun);
  button.start.addEventListener('click', (event) => {
    event.preventDefault();
    startExport();
  });
  button.open.addEventListener('click', () => withEntry(openExport, 'Could not open the export'));
  button.show.addEventListener('click', () => withEntry(showExport, 'Could not show the folder'));
  $('#export-choose').addEventListener('click', choose);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    startExport();
  });
  form.addEventListener('change', (event) => {
    if (event.target === location && !location.checked) gps.checked = false;
    gps.disabled = !location.checked;
    if (event.target !== sizes) schedulePlan(0);
  });
  sizes.addEventListener('input', () => schedulePlan(PLAN_DELAY_MS));
  // Escape closes, except while files are being written: then only "Cancel export" stops it.
  dialog.addEventListener('cancel', (event) => {
    if (step === 'running') event.preventDefault();
  });
  dialog.addEventListener('close', () => {
    // A webview may close a dialog on a repeated Escape despite preventDefault: keep the
    // progress (and its Cancel) on screen until the export has ended.
    if (step === 'running') {
      dialog.showModal();
      return;
    }
    clearTimeout(planTimer);
    planToken += 1;
    trip = null;
    if (lastFocus && lastFocus.isConnected && lastFocus.focus) lastFocus.focus();
  });
  // The dialog is modal: while it is open no key reaches the trip behind it, not even Ctrl+Z.
  // Esc is the dialog's own (its `cancel` event, above); Enter exports, or opens the result.
  keys.layer({
    name: 'export',
    rank: RANK.export,
    isOpen: () => dialog.open,
    onKey(event) {
      if (event.key !== 'Enter' || event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) return;
      const target = event.target;
      // Buttons, links and <summary> keep their own Enter (and keys from outside the dialog act not).
      if (!dialog.contains(target) || target.closest('button, a, summary, textarea')) return;
      event.preventDefault();
      if (step === 'setup') startExport();
      else if (step === 'done') button.open.click();
    },
  });

  function open(tripName) {
    if (dialog.open) return;
    trip = tripName;
    lastFocus = document.activeElement;
    report = null;
    plan = null;
    dialog.dataset.trip = tripName;
    $('#export-title').textContent = `Export “${tripName}”`;
    folder.value = remembered(tripName);
    folder.title = folder.value;
    form.querySelector('input[name="export-format"][value="html"]').checked = true;
    location.checked = false;
    gps.checked = false;
    gps.disabled = true;
    sizes.value = ''; // the core's defaults; the first plan says which
    includeDamaged.checked = false;
    damaged.hidden = true;
    setStep('setup');
    clearNotice();
    // Nothing of an earlier opening may show while the plan for this one is asked for.
    clear(list);
    showHint('loading', 'Checking…');
    button.start.textContent = 'Export';
    dialog.showModal();
    (folder.value ? form.querySelector('input[name="export-format"]:checked') : $('#export-choose')).focus();
    schedulePlan(0);
  }

  function close() {
    if (step === 'running' || !dialog.open) return;
    dialog.close();
  }

  function setStep(next) {
    step = next;
    dialog.dataset.step = next;
    $('#export-setup').hidden = next !== 'setup';
    running.hidden = next !== 'running';
    done.hidden = next !== 'done';
    button.close.hidden = next === 'running';
    button.close.textContent = next === 'done' ? 'Done' : 'Cancel';
    button.start.hidden = next !== 'setup';
    button.cancel.hidden = next !== 'running';
    button.show.hidden = next !== 'done';
    button.open.hidden = next !== 'done';
  }

  // --- Options and the plan --------------------------------------------------------------

  /** "480, 1024 2048" → [480, 1024, 2048]; [] when empty (the core's defaults); null when any
   *  part is not a whole number > 0. */
  function parseSizes(text) {
    const parts = text.split(/[\s,;]+/).filter(Boolean);
    if (parts.some((p) => !/^\d{1,5}$/.test(p) || Number(p) === 0)) return null;
    return parts.map(Number);
  }

  /** ExportOptions; `sizes` is left out when the field is empty (the core uses its defaults) and
   *  null when the field cannot be read (no plan is asked for then). */
  function options() {
    const format = form.querySelector('input[name="export-format"]:checked');
    const opts = {
      trip,
      out: folder.value,
      format: format ? format.value : 'html',
      with_location: location.checked,
      embed_gps: location.checked && gps.checked,
      include_damaged: includeDamaged.checked,
    };
    const wanted = parseSizes(sizes.value);
    if (wanted === null || wanted.length) opts.sizes = wanted;
    return opts;
  }

  function schedulePlan(delay) {
    clearTimeout(planTimer);
    planToken += 1;
    plan = null;
    button.start.disabled = true;
    preview.dataset.state = 'loading'; // the sentences shown are the last plan's until the next
    planTimer = setTimeout(refreshPlan, delay);
  }

  async function refreshPlan() {
    if (!trip || step !== 'setup') return;
    const token = ++planToken;
    clearNotice();
    clear(list);
    const opts = options();
    if (!opts.out) {
      showHint('empty', 'Choose a folder to see what will be published.');
      return;
    }
    if (opts.sizes === null) {
      sizes.setAttribute('aria-invalid', 'true');
      showHint('error', 'Fix the image sizes to see what will be published.');
      showNotice('invalid_input', 'Image sizes are whole numbers of pixels separated by commas.');
      return;
    }
    showHint('loading', 'Checking…');
    try {
      const answer = await exportPlan(opts);
      if (token !== planToken) return;
      showPlan(answer);
    } catch (err) {
      if (token !== planToken) return;
      const error = toLanyardError(err);
      if (error.code === 'export_folder_not_ours') folder.setAttribute('aria-invalid', 'true');
      showHint('error', error.code === 'export_folder_not_ours'
        ? 'Choose another folder to see what will be published.'
        : 'Nothing can be exported with these settings.');
      showNotice(error.code, error.message);
    }
  }

  function showHint(state, text) {
    preview.dataset.state = state;
    delete preview.dataset.photos;
    hint.textContent = text;
    hint.hidden = false;
  }

  function showPlan(p) {
    plan = p;
    // An empty field means the defaults: show which they are (unless the person is typing there).
    if (!sizes.value.trim() && document.activeElement !== sizes && Array.isArray(p.sizes)) {
      sizes.value = p.sizes.join(', ');
    }
    damaged.hidden = !((p.damaged_left_out || 0) > 0 || includeDamaged.checked);
    clear(list);
    const sentences = Array.isArray(p.summary) && p.summary.length
      ? p.summary
      : [`Publishes ${plural(p.photos, 'photo')}.`];
    for (const sentence of sentences) list.appendChild(el('li', {}, sentence));
    hint.hidden = true;
    preview.dataset.state = 'ready';
    preview.dataset.photos = String(p.photos);
    button.start.textContent = p.updates_existing ? 'Update export' : 'Export';
    button.start.disabled = false;
  }

  function showNotice(code, text) {
    notice.textContent = text;
    notice.dataset.code = code || '';
    notice.classList.toggle('info', code === 'cancelled');
    notice.hidden = false;
    notice.scrollIntoView({ block: 'nearest' });
  }

  function clearNotice() {
    notice.hidden = true;
    notice.textContent = '';
    delete notice.dataset.code;
    folder.removeAttribute('aria-invalid');
    sizes.removeAttribute('aria-invalid');
  }

  async function choose() {
    let path;
    try {
      path = await chooseFolder({
        title: trip ? `Export “${trip}” to a folder` : 'Export to a folder',
        defaultPath: folder.value || undefined,
      });
    } catch (err) {
      const error = toLanyardError(err);
      showNotice(error.code, `Could not open the folder dialog: ${error.message}`);
      return;
    }
    if (!path || !trip) return;
    folder.value = path;
    folder.title = path;
    remember(trip, path);
    schedulePlan(0);
  }

  // --- Running ---------------------------------------------------------------------------

  async function startExport() {
    // Export only what the preview shows: a pending or refused plan first needs a look.
    if (step !== 'setup' || !plan || button.start.disabled) {
      if (step === 'setup' && !plan) {
        clearTimeout(planTimer);
        refreshPlan();
      }
      return;
    }
    const opts = options();
    setStep('running');
    clearNotice();
    $('#export-phase').textContent = 'Preparing…';
    $('#export-count').textContent = '';
    bar.removeAttribute('value'); // indeterminate until the first progress
    running.dataset.phase = '';
    running.dataset.done = '0';
    running.dataset.total = '0';
    button.cancel.disabled = false;
    button.cancel.textContent = 'Cancel export';
    button.cancel.focus();
    try {
      finish(await exportTrip(opts, onEvent));
    } catch (err) {
      const error = toLanyardError(err);
      setStep('setup');
      // Ask again (the folder now holds part of an export), then say what happened.
      plan = null;
      button.start.disabled = true;
      await refreshPlan();
      showNotice(error.code, error.code === 'cancelled'
        ? 'Export cancelled. The images already made stay in the folder and are reused next time.'
        : `The export failed: ${error.message}`);
      button.start.focus();
    }
  }

  function onEvent(event) {
    if (step !== 'running' || !event) return;
    if (event.kind === 'progress') {
      const total = event.total || 0;
      $('#export-phase').textContent = `${PHASE[event.phase] || 'Exporting'}…`;
      $('#export-count').textContent = `${event.done.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')}`;
      bar.max = Math.max(total, 1);
      bar.value = event.done;
      running.dataset.phase = event.phase;
      running.dataset.done = String(event.done);
      running.dataset.total = String(total);
    } else if (event.kind === 'planned' && event.plan) {
      $('#export-phase').textContent = `Exporting ${plural(event.plan.photos, 'photo')}…`;
    }
  }

  async function cancelRun() {
    button.cancel.disabled = true;
    button.cancel.textContent = 'Cancelling…';
    try {
      await cancelExport();
    } catch (err) {
      const error = toLanyardError(err);
      showNotice(error.code, `Could not cancel: ${error.message}`);
    }
  }

  function finish(r) {
    report = r;
    setStep('done');
    const failed = Array.isArray(r.failed) ? r.failed : [];
    const photos = Math.max(0, (r.plan ? r.plan.photos : 0) - failed.length);
    const counts = [`${plural(r.written, 'file')} written`, `${r.reused.toLocaleString('en-GB')} reused`];
    if (r.removed) counts.push(`${r.removed.toLocaleString('en-GB')} removed`);
    $('#export-title').textContent = `Exported “${r.plan ? r.plan.trip : trip}”`;
    $('#export-result').textContent = `Exported ${plural(photos, 'photo')} · ${counts.join(', ')} · ${bytes(r.total_bytes)}`;
    $('#export-where').textContent = String(r.entry);
    $('#export-where').title = String(r.entry);
    const failedTitle = $('#export-failed-title');
    failedTitle.hidden = !failed.length;
    failedTitle.textContent = failed.length ? `${plural(failed.length, 'photo')} could not be exported:` : '';
    const failures = $('#export-failures');
    clear(failures);
    for (const f of failed) {
      failures.appendChild(el('li.failure', { dataset: { id: String(f.photo_id) } },
        el('span.failure-file', {}, f.file_name || `Photo ${f.photo_id}`),
        el('span.failure-reason', {}, f.reason || 'Unknown reason')));
    }
    done.dataset.written = String(r.written);
    done.dataset.reused = String(r.reused);
    done.dataset.removed = String(r.removed);
    done.dataset.failed = String(failed.length);
    const markdown = r.plan && r.plan.format === 'markdown';
    button.open.textContent = markdown ? 'Open post' : 'Open gallery';
    button.open.dataset.entry = String(r.entry);
    button.open.disabled = false;
    button.open.focus();
  }

  async function withEntry(call, context) {
    if (!report) return;
    try {
      await call(report.entry);
    } catch (err) {
      const error = toLanyardError(err);
      showNotice(error.code, `${context}: ${error.message}`);
    }
  }

  return { open, isOpen: () => dialog.open };
}

function remembered(trip) {
  try {
    return localStorage.getItem(FOLDER_KEY + trip) || '';
  } catch {
    return '';
  }
}

function remember(trip, path) {
  try {
    localStorage.setItem(FOLDER_KEY + trip, path);
  } catch {
    // storage may be unavailable; remembering the folder is a nicety
  }
}
