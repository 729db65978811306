//! The large preview: previous/next across the whole trip, caption edited in place, the people
//! in the photo ("Who's in this photo?": chips and a field with the trip's people as
//! suggestions), details (time and where it came from, the session it was taken in with a
//! control to move it to another running then, out of any, or back to automatic; camera,
//! coordinates with a map link, original path, and why a damaged file shows only part of its
//! picture).
import { $, el, clear, isTyping } from './dom.js';
import { photoThumbUrl, photoDetails, openMap, showInFolder } from './api.js';
import { fileName, bytes, coordinates, utcOffset, dateText, localTime } from './format.js';
import { showError } from './toast.js';
import { keys, RANK, isPlainKey } from './keys.js';
import { attachAutocomplete } from './autocomplete.js';
import { sessionControl, speakersText } from './people.js';

export function createViewer(ctx) {
  const root = $('#viewer');
  const frame = $('#viewer-frame');
  const caption = $('#viewer-caption');
  const details = $('#viewer-details');
  let list = [];
  let index = -1;
  let lastFocus = null;
  let detailsToken = 0;
  let tagged = []; // names tagged on the photo shown
  const chips = $('#viewer-people-chips');
  const personField = $('#viewer-person-input');
  // "Who's in this photo?": its keys (arrows, Enter, Esc) stay in the field (autocomplete.js).
  const peopleField = ctx.people ? attachAutocomplete(personField, $('#viewer-person-list'), {
    people: () => ctx.people.list(),
    exclude: () => tagged,
    onPick: (name) => tagPerson(name),
  }) : null;
  if (ctx.people) personField.addEventListener('focus', () => ctx.people.refresh());

  const current = () => (index >= 0 ? list[index] : null);

  $('#viewer-close').addEventListener('click', close);
  $('#viewer-prev').addEventListener('click', () => step(-1));
  $('#viewer-next').addEventListener('click', () => step(1));
  $('#viewer-favourite').addEventListener('click', () => current() && ctx.toggleFlag(current().id, 'favourite'));
  $('#viewer-hidden').addEventListener('click', () => current() && ctx.toggleFlag(current().id, 'hidden'));
  frame.addEventListener('click', (event) => {
    if (event.target === frame) close();
  });

  caption.addEventListener('blur', saveCaption);
  caption.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      saveCaption();
    }
  });

  // A keyboard layer, not a listener on the viewer: focus may sit on <body> after a click on the
  // image. Ctrl+Z undoes (a caption with unsaved typing keeps the browser's text undo).
  keys.layer({
    name: 'viewer',
    rank: RANK.viewer,
    isOpen: () => !root.hidden,
    undo: true,
    onKey(event) {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        if (event.target === caption) saveCaption();
        close();
        return;
      }
      if (isTyping(event.target) || !isPlainKey(event)) return;
      if (event.key === 'ArrowLeft') step(-1);
      else if (event.key === 'ArrowRight') step(1);
      else if (event.key === 'f' || event.key === 'F') current() && ctx.toggleFlag(current().id, 'favourite');
      else if (event.key === 'h' || event.key === 'H') current() && ctx.toggleFlag(current().id, 'hidden');
      else return;
      event.preventDefault();
    },
  });

  // Keep keyboard focus inside the viewer while it is open.
  root.addEventListener('focusout', (event) => {
    if (!root.hidden && event.relatedTarget && !root.contains(event.relatedTarget)) root.focus();
  });
  root.tabIndex = -1;

  function open(id) {
    list = ctx.photos();
    index = list.findIndex((p) => p.id === id);
    if (index < 0) return;
    lastFocus = document.activeElement;
    root.hidden = false;
    document.body.classList.add('viewer-open');
    show();
    root.focus();
  }

  function close() {
    if (root.hidden) return;
    const p = current();
    if (peopleField) peopleField.close();
    root.hidden = true;
    document.body.classList.remove('viewer-open');
    delete root.dataset.id;
    if (p) ctx.focusPhoto(p.id);
    else if (lastFocus && lastFocus.focus) lastFocus.focus();
    index = -1;
  }

  async function step(delta) {
    if (index < 0) return;
    const next = index + delta;
    if (next < 0 || next >= list.length) return;
    await saveCaption();
    index = next;
    show();
  }

  async function saveCaption() {
    const p = current();
    if (!p) return;
    const text = caption.value;
    if (text === (caption.dataset.saved || '')) return;
    caption.dataset.saved = text;
    await ctx.saveCaption(p.id, text);
  }

  /**
   * Asks for the previews next to the open photo, so Next and Previous show them at once: the
   * core makes a preview the first time it is asked for. The browser keeps what it loaded.
   */
  function prefetch() {
    for (const near of [list[index + 1], list[index - 1]]) {
      const url = near && photoThumbUrl(near, 'preview');
      if (url) new Image().src = url;
    }
  }

  function show() {
    const p = current();
    if (!p) return;
    root.dataset.id = String(p.id);
    clear(frame);
    const url = photoThumbUrl(p, 'preview');
    const state = (p.thumb && p.thumb.state) || 'pending';
    root.dataset.state = state;
    const ratio = p.width > 0 && p.height > 0 ? p.width / p.height : 4 / 3;
    if (url) {
      const img = el('img.viewer-image', { id: 'viewer-image', alt: p.caption || fileName(p.path), width: p.width, height: p.height });
      // Show the small grid thumbnail at once; swap in the large preview when it has loaded.
      const small = photoThumbUrl(p, 'grid');
      img.src = small;
      // The neighbours are asked for once this preview is in: made at the same time, they
      // would share the cores with the one being waited for.
      const large = new Image();
      large.onload = () => {
        if (current() !== p) return;
        img.src = url;
        prefetch();
      };
      large.onerror = () => { if (current() === p) prefetch(); };
      large.src = url;
      frame.appendChild(img);
    } else {
      const ph = el('div.viewer-placeholder', { id: 'viewer-image' },
        state === 'failed' ? 'No preview for this file' : 'Preview is being made…');
      ph.style.aspectRatio = `${ratio}`;
      frame.appendChild(ph);
    }
    $('#viewer-position').textContent = `${index + 1} of ${list.length}`;
    $('#viewer-prev').disabled = index === 0;
    $('#viewer-next').disabled = index === list.length - 1;
    if (document.activeElement !== caption) {
      caption.value = p.caption || '';
      caption.dataset.saved = p.caption || '';
    }
    refreshFlags();
    renderDetails(p, null);
    renderPeople(p.people || []);
    loadDetails(p);
  }

  /** Asks the core for the photo's details (session, file facts) and shows them. */
  function loadDetails(p) {
    const token = ++detailsToken;
    photoDetails(p.id).then((full) => {
      if (token === detailsToken && current() && current().id === p.id) {
        renderDetails(p, full);
        renderPeople(full.people || []);
      }
    }).catch((err) => {
      // A photo outside the trip is on no day: a shell whose photo_details looks only at days
      // and Undated answers not_found; what the timeline gave is enough to show.
      if (err && err.code === 'not_found' && p.day == null && p.date) return;
      if (token === detailsToken) showError(err, 'Could not read photo details');
    });
  }

  /** The people tagged on the photo, as removable chips (names set as text). */
  function renderPeople(names) {
    tagged = [...names];
    clear(chips);
    chips.dataset.count = String(names.length);
    for (const name of names) {
      const remove = el('button.chip-remove', { type: 'button', attrs: { 'aria-label': `Remove ${name}` } }, '✕');
      remove.addEventListener('click', () => tagPerson(name, true));
      chips.appendChild(el('li.chip.person-chip', { dataset: { name } }, el('span.chip-name', {}, name), remove));
    }
  }

  async function tagPerson(name, remove = false) {
    const p = current();
    if (!p || !ctx.people) return;
    // The details are asked again once the timeline has the tag (refreshDetails).
    const ok = await ctx.people.tag(p.id, name, remove);
    if (ok && remove && current() && current().id === p.id) personField.focus();
  }

  /** The session row: what it is (title, time, room, speakers) and where the photo can go. */
  function sessionRow(d) {
    const s = d.session_details;
    const control = sessionControl(d);
    const select = el('select.session-select', { id: 'viewer-session', attrs: { 'aria-label': 'Session of this photo' } },
      control.options.map((o) => el('option', { value: o.value }, o.label)));
    select.value = control.value;
    // Saved as shown: Ctrl+Z on the select is the app's undo (keys.js), not the browser's.
    select.dataset.saved = control.value;
    select.addEventListener('change', async () => {
      const p = current();
      if (!p || !ctx.setPhotoSession) return;
      // Not disabled meanwhile: WebKit would take the focus away from a disabled select.
      const ok = await ctx.setPhotoSession(p.id, select.value, control.value);
      if (!ok) select.value = control.value;
    });
    const what = s
      ? [el('span.detail-session', { id: 'viewer-session-title' }, s.title),
        el('span.detail-session-meta', {}, [s.time, s.room].filter(Boolean).join(' · ')),
        s.speakers && s.speakers.length ? el('span.detail-session-speakers', {}, speakersText(s.speakers)) : null]
      : [el('span.detail-session.none', { id: 'viewer-session-title' },
        d.session_candidates && d.session_candidates.length ? 'Several sessions ran then: choose one' : 'No session')];
    return row('Session', ...what, select);
  }

  function refreshFlags() {
    const p = current();
    if (!p) return;
    const fav = $('#viewer-favourite');
    const hid = $('#viewer-hidden');
    fav.setAttribute('aria-pressed', String(Boolean(p.favourite)));
    hid.setAttribute('aria-pressed', String(Boolean(p.hidden)));
    root.classList.toggle('is-favourite', Boolean(p.favourite));
    root.classList.toggle('is-hidden', Boolean(p.hidden));
  }

  function row(label, ...value) {
    return [el('dt', {}, label), el('dd', {}, ...value)];
  }

  function renderDetails(p, full) {
    const d = full ? { ...p, ...full } : p;
    // A control rebuilt under the keyboard keeps it (the session select after a change).
    const focused = details.contains(document.activeElement) ? document.activeElement.id : '';
    clear(details);
    const rows = [];
    // `when` is the core's words ("Tue 17 May 2022, 14:30", "No date"); it comes with the details.
    // On a day whose clocks change, 01:00–02:00 may happen twice: the offset says which one. The
    // core's `when` has it ("01:15 (UTC-06:00)", or the zone's name, "01:15 CST"); until the
    // details come, the offset is said here.
    const changes = Boolean(ctx.onClockChangeDay && ctx.onClockChangeDay(p.id));
    const offset = changes && !d.when ? utcOffset(d) : '';
    rows.push(row('Taken', el('span.detail-time', {}, d.when || (d.day == null ? fallbackWhen(d) : '')),
      changes ? el('span.detail-offset', {}, offset ? `UTC${offset}, the clocks change this day` : 'The clocks change this day') : null,
      d.time_note ? el('span.detail-note', {}, d.time_note) : null));
    const hasAgenda = d.session || (d.session_choices && d.session_choices.length) || d.session_by === 'hand';
    if (full && hasAgenda) rows.push(sessionRow(d));
    else if (!full && d.session) rows.push(row('Session', el('span.detail-session', { id: 'viewer-session-title' }, d.session.title)));
    if (d.day == null && d.date) {
      rows.push(row('Trip', el('span.detail-outside', {}, 'Outside this trip: dated far from its other photos')));
    }
    if (d.thumb && d.thumb.state === 'damaged') {
      rows.push(row('Damaged', el('span.detail-damaged', { id: 'viewer-damaged' },
        d.thumb.reason || 'Only part of this file could be read.')));
    }
    const camera = d.camera || [d.make, d.model].filter(Boolean).join(' ');
    rows.push(row('Camera', camera || 'Unknown'));
    if (typeof d.lat === 'number' && typeof d.lon === 'number') {
      const mapButton = el('button.link-button', { type: 'button', id: 'viewer-map' }, 'Open map ↗');
      mapButton.addEventListener('click', () => openMap(d.id).catch((err) => showError(err, 'Could not open the map')));
      rows.push(row('Location', el('span.detail-coords', {}, coordinates(d.lat, d.lon)), mapButton));
    }
    const folderButton = el('button.link-button', { type: 'button', id: 'viewer-show-folder' }, 'Show in folder');
    folderButton.addEventListener('click', () => showInFolder(d.id).catch((err) => showError(err, 'Could not show the file')));
    rows.push(row('File', el('span.detail-path', { title: d.path || '' }, d.path || ''), folderButton));
    if (full) {
      const facts = [d.format ? String(d.format).toUpperCase() : '', d.width && d.height ? `${d.width} × ${d.height}` : '', bytes(d.size_bytes)]
        .filter(Boolean).join(' · ');
      if (facts) rows.push(row('Image', facts));
    }
    for (const r of rows) details.append(...r);
    const again = focused ? document.getElementById(focused) : null;
    if (again && details.contains(again)) again.focus();
  }

  /** For a photo outside the trip, which the details may not cover: the date and time we have. */
  function fallbackWhen(p) {
    const date = dateText(p.date);
    const time = localTime(p);
    return date && time ? `${date}, ${time}` : date;
  }

  return {
    open,
    close,
    isOpen: () => !root.hidden,
    /** A photo changed elsewhere (flag toggled, caption undone): refresh what is shown. */
    photoChanged(p) {
      if (root.hidden) return;
      const i = list.findIndex((q) => q.id === p.id);
      if (i >= 0) list[i] = p;
      if (current() && current().id === p.id) {
        refreshFlags();
        if (document.activeElement !== caption || caption.value === caption.dataset.saved) {
          caption.value = p.caption || '';
          caption.dataset.saved = p.caption || '';
        }
      }
    },
    /** The photo's session or people changed (elsewhere, or undone): ask the core again. */
    refreshDetails() {
      if (root.hidden || !current()) return;
      const fresh = ctx.photos().find((q) => q.id === current().id);
      if (fresh) list[index] = fresh;
      loadDetails(current());
    },
    captionField: caption,
  };
}
