//! Trip settings: time zone (searchable IANA list, detected one indicated), day start, and a clock
//! shift per camera. "Preview" lists the photos that would change day; "Apply" saves and re-lays
//! the timeline.
import { $, el, clear } from './dom.js';
import { tripSettings, zoneNames, previewSettings, applySettings } from './api.js';
import { showError, showInfo } from './toast.js';
import { keys, RANK } from './keys.js';
import { plural } from './format.js';

export function createSettings(ctx) {
  const root = $('#settings');
  const form = $('#settings-form');
  const zone = $('#settings-timezone');
  const dayStart = $('#settings-day-start');
  const cameras = $('#settings-cameras tbody');
  const preview = $('#settings-preview');
  let current = null; // TripSettings
  let trip = null;
  let zonesLoaded = false;
  let lastFocus = null;

  $('#settings-close').addEventListener('click', close);
  root.addEventListener('click', (event) => {
    if (event.target === root) close();
  });
  // Esc closes the sheet; Ctrl+Z still undoes the last edit of the trip (a shift field with
  // unsaved typing keeps the browser's text undo). Nothing else reaches the trip behind it.
  keys.layer({
    name: 'settings',
    rank: RANK.settings,
    isOpen: () => !root.hidden,
    undo: true,
    onKey(event) {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        close();
      }
    },
  });
  $('#settings-preview-button').addEventListener('click', runPreview);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    runApply();
  });
  form.addEventListener('input', () => {
    preview.hidden = true;
    delete preview.dataset.state;
  });

  async function loadZones() {
    if (zonesLoaded) return;
    const names = await zoneNames();
    const list = $('#zone-list');
    const frag = document.createDocumentFragment();
    for (const name of names) frag.appendChild(el('option', { value: name }));
    list.appendChild(frag);
    zonesLoaded = true;
  }

  async function open(tripName) {
    trip = tripName;
    lastFocus = document.activeElement;
    try {
      const [settings] = await Promise.all([tripSettings(tripName), loadZones()]);
      fill(settings);
    } catch (err) {
      showError(err, 'Could not open the trip settings');
      return;
    }
    root.hidden = false;
    document.body.classList.add('sheet-open');
    zone.focus();
  }

  function close() {
    if (root.hidden) return;
    root.hidden = true;
    document.body.classList.remove('sheet-open');
    if (lastFocus && lastFocus.focus) lastFocus.focus();
  }

  function fill(settings) {
    current = settings;
    zone.value = settings.timezone || '';
    const note = $('#settings-timezone-note');
    // timezone_detected is the detected zone's name, or (as in the Timeline) a flag saying
    // whether the effective zone came from the photos; read both.
    const detected = settings.timezone_detected;
    const detectedName = typeof detected === 'string' ? detected : '';
    if (settings.timezone_set) {
      note.textContent = detectedName
        ? `Set by you. Detected from the photos: ${detectedName}. Clear the field to use the detected zone.`
        : 'Set by you. Clear the field to use the zone detected from the photos.';
    } else if (detected) {
      note.textContent = `Detected from the photos (${detectedName || settings.timezone}).`;
    } else {
      note.textContent = 'Could not be detected from the photos; choose the zone you were in.';
    }
    zone.dataset.detected = detectedName || (detected && !settings.timezone_set ? settings.timezone || '' : '');
    dayStart.value = settings.day_start || '04:00';
    clear(cameras);
    if (!settings.cameras.length) {
      cameras.appendChild(el('tr', {}, el('td.muted', { colSpan: 3 }, 'No camera information in these photos.')));
    }
    for (const cam of settings.cameras) {
      const input = el('input.shift-input', {
        type: 'text',
        value: cam.shift || '',
        placeholder: 'none',
        spellcheck: false,
        autocomplete: 'off',
        attrs: { 'aria-label': `Clock shift for ${cam.camera}` },
        dataset: { camera: cam.camera, saved: cam.shift || '' },
      });
      cameras.appendChild(el('tr', { dataset: { camera: cam.camera } },
        el('td.camera-name', {}, cam.camera),
        el('td.num', {}, String(cam.photo_count)),
        el('td', {}, input)));
    }
    preview.hidden = true;
    clear(preview);
    root.dataset.trip = settings.name;
  }

  /** Only what the user changed: an untouched field sends nothing. */
  function change() {
    const out = {};
    const z = zone.value.trim();
    if (z === '' || z.toLowerCase() === 'auto') {
      if (current.timezone_set) out.timezone = 'auto';
    } else if (z !== (current.timezone_set || current.timezone)) {
      out.timezone = z;
    }
    if (dayStart.value && dayStart.value.slice(0, 5) !== current.day_start) out.day_start = dayStart.value.slice(0, 5);
    const shifts = [];
    for (const input of cameras.querySelectorAll('.shift-input')) {
      const value = input.value.trim();
      if (value !== input.dataset.saved) shifts.push({ camera: input.dataset.camera, by: value || '0' });
    }
    if (shifts.length) out.shifts = shifts;
    return out;
  }

  function showMoves(moves) {
    clear(preview);
    preview.hidden = false;
    preview.dataset.state = 'previewed';
    preview.dataset.moves = String(moves.length);
    if (!moves.length) {
      preview.appendChild(el('p.preview-none', {}, 'No photo would move to another day.'));
      return;
    }
    preview.appendChild(el('p.preview-title', {}, `${plural(moves.length, 'photo')} would move to another day:`));
    const list = el('ul.move-list');
    for (const m of moves) {
      list.appendChild(el('li.move', { dataset: { id: String(m.id) } },
        el('span.move-file', {}, m.file_name),
        // from_text/to_text are the core's words: "Day 1 · 17 May" or "Undated".
        el('span.move-days', {}, `${m.from_text} → ${m.to_text}`)));
    }
    preview.appendChild(list);
  }

  async function runPreview() {
    const c = change();
    if (!Object.keys(c).length) {
      clear(preview);
      preview.hidden = false;
      preview.appendChild(el('p.preview-none', {}, 'Nothing changed yet.'));
      return;
    }
    try {
      showMoves(await previewSettings(trip, c));
    } catch (err) {
      showError(err, 'Cannot preview these settings');
    }
  }

  async function runApply() {
    const c = change();
    if (!Object.keys(c).length) {
      close();
      return;
    }
    const button = $('#settings-apply');
    button.disabled = true;
    try {
      const settings = await applySettings(trip, c);
      fill(settings);
      await ctx.reloadTimeline({ keepScroll: true });
      ctx.reloadTrips();
      showInfo('Settings applied');
      close();
    } catch (err) {
      showError(err, 'Could not apply these settings');
    } finally {
      button.disabled = false;
    }
  }

  return { open, close, isOpen: () => !root.hidden };
}
