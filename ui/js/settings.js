//! Trip settings: time zone (searchable IANA list, detected one indicated), day start, and each
//! camera's clock (a UTC offset, a zone it follows, the trip's time, or a shift like "+6h" that
//! becomes the clock it stands for). "Preview" lists the photos that would change day; "Apply"
//! saves and re-lays the timeline. The calibration banner opens it with a suggested clock filled
//! in and previewed.
import { $, el, clear } from './dom.js';
import { tripSettings, zoneNames, previewSettings, applySettings } from './api.js';
import { showError, showInfo } from './toast.js';
import { sheet } from './sheet.js';
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

  // Esc closes the sheet; Ctrl+Z still undoes the last edit of the trip (sheet.js).
  const { show, close } = sheet({ name: 'settings', root, closeButton: $('#settings-close') });
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

  /**
   * Opens the sheet for `tripName`. With `suggest` ({camera, clock}, from the calibration banner)
   * that camera's clock field holds the suggested clock and the preview runs at once.
   */
  async function open(tripName, { suggest = null } = {}) {
    trip = tripName;
    try {
      const [settings] = await Promise.all([tripSettings(tripName), loadZones()]);
      fill(settings);
    } catch (err) {
      showError(err, 'Could not open the trip settings');
      return;
    }
    show();
    const input = suggest && clockInput(suggest.camera);
    if (input) {
      input.value = suggest.clock;
      input.closest('tr').classList.add('suggested');
      input.scrollIntoView({ block: 'nearest' });
      await runPreview();
      $('#settings-apply').focus();
    } else {
      zone.focus();
    }
  }

  function clockInput(camera) {
    return [...cameras.querySelectorAll('.clock-input')].find((i) => i.dataset.camera === camera) || null;
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
    for (const cam of settings.cameras) cameras.appendChild(cameraRow(cam));
    preview.hidden = true;
    clear(preview);
    root.dataset.trip = settings.name;
  }

  /**
   * A camera's row: its clock as stored ("trip", "+01:03:10", "America/Chicago") in a field, what
   * that means for people and the shift it amounts to beside it. A camera that writes offsets
   * (no photo's time is read from its clock) says so instead of offering a field that changes
   * nothing, unless it has a clock to remove.
   */
  function cameraRow(cam) {
    const clock = cam.clock || 'trip';
    const photos = cam.clock_photos ?? cam.photo_count;
    const row = el('tr', { dataset: { camera: cam.camera, clock, clockPhotos: String(photos) } });
    const name = el('td.camera-name', {}, cam.camera);
    if (photos > 0 && photos < cam.photo_count) {
      name.appendChild(el('span.camera-note', {}, `Its clock dates ${photos} of these photos; the others carry their offset.`));
    }
    row.append(name, el('td.num', {}, String(cam.photo_count)));
    if (photos === 0 && clock === 'trip' && cam.photo_count > 0) {
      row.classList.add('clock-irrelevant');
      row.appendChild(el('td', {}, el('div.clock-cell', {},
        el('span.clock-note', {}, 'Writes its UTC offset into each photo: its clock doesn’t matter.'))));
      return row;
    }
    const textId = `clock-text-${cameras.children.length}`;
    const input = el('input.shift-input.clock-input', {
      type: 'text',
      value: clock,
      placeholder: 'trip',
      spellcheck: false,
      autocomplete: 'off',
      attrs: { 'aria-label': `Clock of ${cam.camera}`, 'aria-describedby': textId },
      dataset: { camera: cam.camera, saved: clock },
    });
    // clock_text is the core's words ("UTC+01:03:10", "the trip's time"); shift what it adds
    // to the camera's readings at its median photo ("-7h3m10s").
    const words = cam.clock_text ? `Now: ${cam.clock_text}` : '';
    const text = el('span.clock-text', { id: textId }, words,
      cam.shift ? el('span.clock-shift', {}, ` · moves its photos ${cam.shift}`) : null);
    row.appendChild(el('td', {}, el('div.clock-cell', {}, input, text)));
    if (photos === 0) text.append(' · its clock dates none of these photos');
    return row;
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
    for (const input of cameras.querySelectorAll('.clock-input')) {
      const value = input.value.trim();
      // Empty is the trip's time; a shift like "+6h" goes as it is: the core turns it into the
      // clock it stands for.
      if (value !== input.dataset.saved) shifts.push({ camera: input.dataset.camera, clock: value || 'trip' });
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

  /** The change that puts back what `c` changes, as the settings were before it. */
  function reverse(c) {
    const back = {};
    if (c.timezone !== undefined) back.timezone = current.timezone_set || 'auto';
    if (c.day_start !== undefined) back.day_start = current.day_start;
    if (c.shifts) {
      back.shifts = c.shifts.map(({ camera }) => {
        const input = clockInput(camera);
        return { camera, clock: (input && input.dataset.saved) || 'trip' };
      });
    }
    return back;
  }

  /** Saves `c` for `tripName` and re-lays the timeline; the sheet shows what was saved. */
  async function save(tripName, c) {
    const settings = await applySettings(tripName, c);
    if (trip === tripName) fill(settings);
    await ctx.reloadTimeline({ keepScroll: true });
    ctx.reloadTrips();
    ctx.clocksChanged();
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
      const [tripName, back] = [trip, reverse(c)];
      await save(tripName, c);
      // Recorded once saved: Ctrl+Z puts the zone, day start and clocks back as they were.
      ctx.record('trip settings', () => save(tripName, back));
      showInfo('Settings applied', { undo: () => ctx.undo() });
      close();
    } catch (err) {
      showError(err, 'Could not apply these settings');
    } finally {
      button.disabled = false;
    }
  }

  return { open, close, isOpen: () => !root.hidden };
}
