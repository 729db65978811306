//! The import flow: one path for drops, the file dialog and the sample trip. Runs one import at a
//! time, shows its progress (counts, current file, rate, Cancel), reloads the trip as the photos
//! come in, and ends with the summary (added, duplicates, skipped, failures with reasons).
import { $, el, clear } from './dom.js';
import { importPaths, importSample, cancelImport } from './api.js';
import { showError } from './toast.js';
import { fileName, plural } from './format.js';

const THUMB_REFRESH_MS = 1500;

export function createImporter(ctx) {
  const panel = $('#import-progress');
  const summary = $('#import-summary');
  const bar = $('#import-bar');
  const cancel = $('#import-cancel');
  let running = null; // {trip, failures, phase, phaseStart, reported, lastRefresh}
  let frame = 0;
  let pending = null;

  cancel.addEventListener('click', async () => {
    cancel.disabled = true;
    cancel.textContent = 'Cancelling…';
    try {
      await cancelImport();
    } catch (err) {
      showError(err, 'Could not cancel');
    }
  });
  $('#summary-close').addEventListener('click', () => { summary.hidden = true; });

  const PHASE = { metadata: 'Reading photos', thumbnails: 'Making thumbnails' };

  function paint() {
    frame = 0;
    if (!pending || !running) return;
    const { phase, done, total, current } = pending;
    $('#import-phase').textContent = `${PHASE[phase] || 'Importing'}…`;
    $('#import-count').textContent = `${done.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')}`;
    bar.max = Math.max(total, 1);
    bar.value = done;
    $('#import-current').textContent = current ? fileName(current) : '';
    $('#import-current').title = current || '';
    const seconds = (performance.now() - running.phaseStart) / 1000;
    $('#import-rate').textContent = seconds > 0.3 && done > 0 ? `${(done / seconds).toFixed(1)} photos/s` : '';
    panel.dataset.phase = phase;
    panel.dataset.done = String(done);
    panel.dataset.total = String(total);
  }

  function onEvent(event) {
    if (!running) return;
    switch (event.event) {
      case 'started':
        running.trip = event.trip;
        panel.dataset.trip = event.trip || '';
        pending = { phase: 'metadata', done: 0, total: event.total || 0, current: '' };
        paint();
        break;
      case 'progress':
        if (event.phase !== running.phase) {
          running.phase = event.phase;
          running.phaseStart = performance.now();
        }
        pending = { phase: event.phase, done: event.done, total: event.total, current: event.current };
        if (!frame) frame = requestAnimationFrame(paint);
        if (event.phase === 'thumbnails' && running.metadataDone) {
          const now = performance.now();
          // Big imports reload a big timeline: refresh less often (10,000 photos → every 5 s).
          if (now - running.lastRefresh > Math.max(THUMB_REFRESH_MS, event.total * 0.5)) {
            running.lastRefresh = now;
            ctx.importedInto(running.trip, { final: false });
          }
        }
        break;
      case 'file-failed':
        running.failures.push({ path: event.path, reason: event.reason });
        break;
      case 'phase-finished':
        if (event.phase === 'metadata') {
          running.metadataDone = true;
          running.lastRefresh = performance.now();
          // The timeline is complete now; thumbnails keep coming.
          ctx.importedInto(running.trip, { final: false, metadata: true });
        }
        break;
      case 'finished':
        finish(event.report);
        break;
      default:
        break;
    }
  }

  function start() {
    running = {
      trip: null,
      failures: [],
      phase: 'metadata',
      phaseStart: performance.now(),
      metadataDone: false,
      lastRefresh: 0,
      reported: false,
    };
    summary.hidden = true;
    cancel.disabled = false;
    cancel.textContent = 'Cancel';
    $('#import-phase').textContent = 'Starting import…';
    $('#import-count').textContent = '';
    $('#import-current').textContent = '';
    $('#import-rate').textContent = '';
    bar.removeAttribute('value'); // indeterminate until "started"
    panel.hidden = false;
    document.body.classList.add('importing');
  }

  function finish(report) {
    if (!running || running.reported) return;
    running.reported = true;
    const trip = (report && report.trip) || running.trip;
    panel.hidden = true;
    document.body.classList.remove('importing');
    if (report) showSummary(report, running.failures);
    ctx.importedInto(trip, { final: true, metadata: true });
  }

  function showSummary(report, streamed) {
    const failed = report.failed && report.failed.length ? report.failed : streamed;
    $('#summary-title').textContent = report.cancelled ? 'Import cancelled' : `Imported into “${report.trip}”`;
    $('#summary-added').textContent = String(report.imported ?? 0);
    $('#summary-duplicates').textContent = String(report.duplicates ?? 0);
    $('#summary-skipped').textContent = String(report.skipped ?? 0);
    $('#summary-failed').textContent = String(failed.length);
    const note = $('#summary-note');
    const thumbFailures = report.thumbnail_failures || [];
    const damaged = report.damaged || [];
    const notes = [];
    if (report.cancelled) notes.push('The photos read before you cancelled are in the trip.');
    else if (thumbFailures.length) notes.push(`${plural(thumbFailures.length, 'photo')} imported without a thumbnail.`);
    if (damaged.length) {
      notes.push(`${plural(damaged.length, 'photo')} damaged (the file ends early): shown with the part that could be read.`);
    }
    const outside = report.outside || 0;
    if (outside) {
      notes.push(`${plural(outside, 'photo')} dated far from the rest ${outside === 1 ? 'is' : 'are'} under Outside this trip.`);
    }
    summary.dataset.outside = String(outside);
    note.hidden = notes.length === 0;
    note.textContent = notes.join(' ');
    summary.dataset.damaged = String(damaged.length);
    const list = $('#summary-failures');
    clear(list);
    for (const f of failed) list.appendChild(failureItem(f, 'failure'));
    for (const f of thumbFailures) list.appendChild(failureItem(f, 'failure thumb-failure'));
    summary.dataset.added = String(report.imported ?? 0);
    summary.dataset.failed = String(failed.length);
    summary.dataset.cancelled = String(Boolean(report.cancelled));
    summary.classList.toggle('has-failures', failed.length + thumbFailures.length > 0);
    summary.hidden = false;
  }

  function failureItem(f, classes) {
    return el('li', { class: classes, dataset: { path: f.path || '' } },
      el('span.failure-file', { title: f.path || '' }, fileName(f.path) || f.path || 'Unknown file'),
      el('span.failure-reason', {}, f.reason || 'Unknown reason'));
  }

  async function run(call) {
    if (running) {
      showError({ code: 'busy', message: 'An import is already running. Wait for it to finish or cancel it.' });
      return null;
    }
    start();
    let report = null;
    try {
      report = await call(onEvent);
      finish(report);
    } catch (err) {
      panel.hidden = true;
      document.body.classList.remove('importing');
      showError(err, err && err.code === 'busy' ? null : 'Import failed');
      if (running && running.metadataDone) ctx.importedInto(running.trip, { final: true });
    } finally {
      running = null;
    }
    return report;
  }

  return {
    importPaths: (trip, paths) => run((on) => importPaths(trip, paths, on)),
    importSample: () => run((on) => importSample(on)),
    isRunning: () => Boolean(running),
  };
}
