//! The trip's days: a section per day (heading, editable title and notes, photo grid in time
//! order, a marker where the clocks change; on a day with an agenda, its sessions in time order,
//! each a header, its photos and a notes field, with the photos outside sessions between them
//! under plain time headers and "Which session were you in?" at a slot of parallel sessions:
//! see sessions.js), then an "Undated" section and an "Outside this trip"
//! section (strays dated far from the rest, with Include and Move). Big trips are virtualized so a 10,000-photo trip opens at
//! once and scrolls smoothly: day shells are cheap; photo tiles are built per chunk when the chunk
//! nears the viewport and released again when it is far away, so the DOM only ever holds the tiles
//! around the viewport. A chunk without tiles is an empty box of a fixed height: an estimate from
//! the photos' aspect ratios before it was first built, its measured height after it was released,
//! so the scrollbar is right from the start and the scroll position does not jump.
import { el, clear, isTyping } from './dom.js';
import { photoTime, localTime, utcOffset, plural, fileName, dateText } from './format.js';
import { photoThumbUrl } from './api.js';
import { warmOnRest } from './previews.js';
import {
  ROW, chunks, estimateHeight, neighbour, photoAspect, segments, spacerPadding, tileBasis,
} from './layout.js';
import { keys, RANK, isPlainKey } from './keys.js';
import {
  blockPhotos, dayBlocks, hasAgenda, runTime, sessionTime, slotKey, speakersText,
} from './sessions.js';

const EAGER_LIMIT = 400; // trips this small are built completely (simple for tests and a11y)
// Hysteresis: a chunk is built when it comes within FILL_MARGIN of the viewport and released when
// it is further away than RELEASE_MARGIN, so scrolling back and forth does not rebuild it each time.
const FILL_MARGIN = '600px 0px';
const RELEASE_MARGIN = '1800px 0px';

export function createTimeline(root, ctx) {
  let data = null; // Timeline
  let byId = new Map(); // id → PHOTO
  let changeDay = new Set(); // ids of photos on a day whose clocks change: their times carry the offset
  let tiles = new Map(); // id → tile element (built ones only)
  let observer = null; // fills chunks that come near the viewport
  let releaser = null; // empties chunks that are far away
  let shownSignature = '';
  let gridWidth = 0; // inner width the estimates were made for
  let dayOrder = new Map(); // date → photo ids as drawn, for a day laid out by its agenda

  root.addEventListener('click', (event) => {
    const tile = event.target.closest('.photo');
    if (tile && root.contains(tile) && !event.target.closest('input, textarea, button, .session-ask')) {
      ctx.openViewer(Number(tile.dataset.id));
    }
  });
  // A tile rested on is likely opened next: its preview is made meanwhile (previews.js).
  warmOnRest(root, (id) => byId.get(id));
  // The bottom keyboard layer: always open, it gets a key when nothing covers the trip. Keys act
  // on the focused tile: Enter/Space open it, F favourite, H hide, ← → move to the neighbour
  // (from the data: in a big trip the neighbour's tile may not be built yet; focusPhoto builds it).
  keys.layer({
    name: 'timeline',
    rank: RANK.timeline,
    isOpen: () => true,
    undo: true,
    onKey(event) {
      const tile = event.target && event.target.closest && event.target.closest('.photo');
      if (!tile || !root.contains(tile)) return;
      const id = Number(tile.dataset.id);
      if (event.target === tile && (event.key === 'Enter' || event.key === ' ')) {
        event.preventDefault();
        ctx.openViewer(id);
        return;
      }
      if (isTyping(event.target) || !isPlainKey(event)) return;
      if (event.key === 'f' || event.key === 'F') {
        event.preventDefault();
        ctx.toggleFlag(id, 'favourite');
      } else if (event.key === 'h' || event.key === 'H') {
        event.preventDefault();
        ctx.toggleFlag(id, 'hidden');
      } else if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
        const next = neighbour(ordered(), id, event.key === 'ArrowRight' ? 1 : -1);
        if (next) {
          event.preventDefault();
          focusPhoto(next.id);
        }
      }
    },
  });

  function tile(p) {
    const node = el('div.photo', {
      tabIndex: 0,
      attrs: { role: 'button' },
      dataset: { id: String(p.id) },
    });
    node.style.flex = `${photoAspect(p)} 1 ${tileBasis(p)}px`;
    // Height from width via padding (percentages of the tile's width): unlike aspect-ratio on a
    // growing flex item, this holds in every webview, so rows stay justified and the placeholder
    // has the photo's shape before its thumbnail exists.
    const spacer = el('span.photo-spacer', { attrs: { 'aria-hidden': 'true' } });
    spacer.style.paddingBottom = `${spacerPadding(p)}%`;
    node.appendChild(spacer);
    node.appendChild(el('span.photo-time'));
    node.appendChild(el('span.photo-badges', { attrs: { 'aria-hidden': 'true' } }));
    node.appendChild(el('span.photo-caption'));
    updateTile(node, p);
    tiles.set(p.id, node);
    return node;
  }

  /** Bring a tile in line with its photo: time, thumbnail state, flags, caption. */
  function updateTile(node, p) {
    const state = (p.thumb && p.thumb.state) || 'pending';
    // data-time stays "HH:MM"; the label adds the offset on a day whose clocks change, where
    // 01:00–02:00 may happen twice. A new camera clock changes times without moving a photo.
    node.dataset.time = localTime(p);
    node.dataset.offset = utcOffset(p);
    node.querySelector('.photo-time').textContent = photoTime(p, changeDay.has(p.id));
    node.dataset.state = state;
    node.classList.toggle('is-favourite', Boolean(p.favourite));
    node.classList.toggle('is-hidden', Boolean(p.hidden));
    node.dataset.favourite = String(Boolean(p.favourite));
    node.dataset.hidden = String(Boolean(p.hidden));
    const name = fileName(p.path);
    const time = photoTime(p, changeDay.has(p.id));
    node.setAttribute('aria-label', [p.caption || name, time, p.favourite ? 'favourite' : '', p.hidden ? 'hidden' : '',
      state === 'damaged' ? 'damaged file' : ''].filter(Boolean).join(', '));
    node.title = p.caption ? `${p.caption} — ${name}` : name;

    const url = photoThumbUrl(p, 'grid');
    let img = node.querySelector('img');
    if (url) {
      if (!img) {
        img = el('img', {
          loading: 'lazy',
          decoding: 'async',
          alt: '',
          width: p.width || 400,
          height: p.height || 300,
          draggable: false,
        });
        node.prepend(img);
      }
      if (img.getAttribute('src') !== url) img.src = url;
    } else if (img) {
      img.remove();
    }
    const reason = (p.thumb && p.thumb.reason) || '';
    if (state === 'failed') node.title = `${name}: no thumbnail (${reason || 'unreadable'})`;
    if (state === 'damaged') node.title = `${node.title} — damaged: ${reason || 'only part of the file could be read'}`;

    const badges = node.querySelector('.photo-badges');
    clear(badges);
    if (p.favourite) badges.appendChild(el('span.badge.fav', { title: 'Favourite' }, '★'));
    if (p.hidden) badges.appendChild(el('span.badge.hid', { title: 'Hidden from export' }, '⊘'));
    if (state === 'damaged') {
      badges.appendChild(el('span.badge.damaged', {}, 'Damaged'));
    }
    node.querySelector('.photo-caption').textContent = p.caption || '';
  }

  function fillChunk(chunk) {
    if (chunk.dataset.filled === 'true') return;
    const ids = chunk._ids || [];
    const frag = document.createDocumentFragment();
    for (const id of ids) {
      const p = byId.get(id);
      if (p) frag.appendChild(tile(p));
    }
    chunk.appendChild(frag);
    chunk.dataset.filled = 'true';
    // While content-visibility skips it, a built chunk keeps the size it had as a placeholder.
    chunk.style.containIntrinsicSize = `auto ${chunk._height || chunk._estimate || ROW}px`;
    chunk.style.height = '';
  }

  /** Drop a far-away chunk's tiles, keeping its measured height so nothing moves. */
  function releaseChunk(chunk) {
    if (chunk.dataset.filled !== 'true') return;
    if (chunk.contains(document.activeElement)) return; // keep the focused tile (keyboard users)
    const height = chunk.getBoundingClientRect().height;
    if (height > 0) chunk._height = height;
    chunk.style.height = `${chunk._height || chunk._estimate}px`;
    for (const id of chunk._ids || []) tiles.delete(id);
    chunk.replaceChildren();
    chunk.dataset.filled = 'false';
  }

  /** A day's grid: its photos in chunks, cut where the clocks change, the markers between. */
  function grid(photos, lazy, width, changes) {
    const wrap = el('div.grid-wrap');
    for (const part of segments(photos, changes)) {
      if (part.change) wrap.appendChild(clockChange(part.change));
      else for (const chunk of runChunks(part.photos, lazy, width)) wrap.appendChild(chunk);
    }
    return wrap;
  }

  /** The chunks of one run of photos (the unit the virtualized grid builds and releases). */
  function runChunks(photos, lazy, width) {
    const out = [];
    for (const slice of chunks(photos)) {
      const chunk = el('div.grid', { dataset: { filled: 'false' } });
      chunk._ids = slice.map((p) => p.id);
      chunk._estimate = estimateHeight(slice, width);
      if (lazy) {
        chunk.style.height = `${chunk._estimate}px`;
        observer.observe(chunk);
        releaser.observe(chunk);
      } else {
        fillChunk(chunk);
      }
      out.push(chunk);
    }
    return out;
  }

  /** The marker drawn where the clocks change: "Clocks went back 1 h at 02:00" (the core's words). */
  function clockChange(change) {
    return el('div.clock-change', {
      attrs: { role: 'note' },
      dataset: { kind: change.kind || '', at: change.at || '', index: String(change.index ?? '') },
    },
    el('span.clock-change-line', { attrs: { 'aria-hidden': 'true' } }),
    el('span.clock-change-icon', { attrs: { 'aria-hidden': 'true' } }, change.kind === 'zone' ? '✈' : '◷'),
    el('span.clock-change-text', {}, change.text || 'The clocks change'),
    el('span.clock-change-line', { attrs: { 'aria-hidden': 'true' } }));
  }

  /** Inner width of a day's grid: the timeline's content box. */
  function innerWidth() {
    const style = getComputedStyle(root);
    const pad = (parseFloat(style.paddingLeft) || 0) + (parseFloat(style.paddingRight) || 0);
    const width = root.clientWidth - pad;
    return width > 0 ? width : 1000; // hidden (no layout yet): a guess; built chunks size themselves
  }

  /** After a width change, placeholders re-estimate (built chunks reflow by themselves). */
  function reestimate() {
    if (!data || !root.clientWidth) return;
    const width = innerWidth();
    if (Math.abs(width - gridWidth) < 1) return;
    gridWidth = width;
    for (const chunk of root.querySelectorAll('.grid')) {
      const slice = (chunk._ids || []).map((id) => byId.get(id)).filter(Boolean);
      chunk._estimate = estimateHeight(slice, width);
      chunk._height = 0;
      if (chunk.dataset.filled === 'true') chunk.style.containIntrinsicSize = `auto ${chunk._estimate}px`;
      else chunk.style.height = `${chunk._estimate}px`;
    }
  }
  let resizeTimer = 0;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(reestimate, 150);
  });

  function daySection(day, lazy, width) {
    const section = el('section.day', {
      id: `day-${day.number}`,
      dataset: { day: String(day.number), date: day.date, count: String(day.photos.length) },
      attrs: { 'aria-labelledby': `day-${day.number}-heading` },
    });
    const count = day.photos.length ? plural(day.photos.length, 'photo') : 'No photos';
    section.appendChild(el('header.day-header', {},
      // `label` is the core's "Tue 17 May 2022" (the CLI prints the same).
      el('h2.day-heading', { id: `day-${day.number}-heading` }, `Day ${day.number} · ${day.label}`),
      el('span.day-count', {}, count)));

    const title = el('input.day-title-input', {
      type: 'text',
      value: day.title || '',
      placeholder: 'Add a title for this day',
      spellcheck: true,
      attrs: { 'aria-label': `Title of day ${day.number}` },
      dataset: { saved: day.title || '' },
    });
    title.addEventListener('change', () => saveTitle(day, title));
    title.addEventListener('blur', () => saveTitle(day, title));
    title.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        saveTitle(day, title);
      } else if (event.key === 'Escape') {
        title.value = title.dataset.saved;
        event.stopPropagation();
        title.blur();
      }
    });
    section.appendChild(el('div.day-title', {}, title));

    const notes = el('textarea.day-notes-input', {
      value: day.notes || '',
      placeholder: 'Notes for this day (Markdown)…',
      rows: 1,
      attrs: { 'aria-label': `Notes for day ${day.number}` },
      dataset: { saved: day.notes || '' },
    });
    notes.addEventListener('input', () => grow(notes));
    notes.addEventListener('blur', () => saveNotes(day, notes));
    notes.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        saveNotes(day, notes);
      } else if (event.key === 'Escape') {
        event.stopPropagation();
        notes.blur();
      }
    });
    section.appendChild(el('div.day-notes', {}, notes));

    const changes = day.clock_changes || [];
    if (hasAgenda(day)) section.appendChild(agendaGrid(day, lazy, width));
    else if (day.photos.length) section.appendChild(grid(day.photos, lazy, width, changes));
    else {
      section.appendChild(el('p.day-empty', {}, 'No photos on this day.'));
      for (const change of changes) section.appendChild(clockChange(change));
    }
    return section;
  }

  /** A day laid out by its agenda: session blocks and runs of photos outside them (sessions.js). */
  function agendaGrid(day, lazy, width) {
    const wrap = el('div.grid-wrap.agenda-day');
    const blocks = dayBlocks(day, { showEmpty: ctx.showEmptySessions() });
    dayOrder.set(day.date, blockPhotos(blocks).map((p) => p.id));
    for (const block of blocks) {
      if (block.kind === 'change') wrap.appendChild(clockChange(block.change));
      else if (block.kind === 'session') wrap.appendChild(sessionBlock(day, block, lazy, width));
      else wrap.appendChild(looseBlock(day, block, lazy, width));
    }
    return wrap;
  }

  /** A session: time, title, speakers and room (agenda text: textContent only), its photos, notes. */
  function sessionBlock(day, block, lazy, width) {
    const s = block.session;
    const node = el('section.session', {
      dataset: {
        uid: s.uid, attended: String(Boolean(s.attended)), inferred: String(Boolean(s.inferred)),
        count: String(block.photos.length),
      },
    });
    const speakers = speakersText(s.speakers);
    node.appendChild(el('header.session-header', {},
      el('span.session-time', {}, sessionTime(s)),
      el('div.session-heading', {},
        el('h3.session-title', {}, s.title || 'Untitled session'),
        speakers || s.room ? el('p.session-meta', {},
          speakers ? el('span.session-speakers', {}, speakers) : null,
          s.room ? el('span.session-room', {}, s.room) : null) : null),
      s.inferred ? el('span.session-inferred', {
        title: 'Counted as attended: the only session running when you took a photo',
      }, 'the only session then') : null));
    if (block.photos.length) {
      const photos = el('div.session-photos');
      for (const chunk of runChunks(block.photos, lazy, width)) photos.appendChild(chunk);
      node.appendChild(photos);
    } else {
      node.appendChild(el('p.session-empty', {}, 'No photos in this session.'));
    }
    const notes = el('textarea.session-notes-input', {
      value: s.notes || '',
      placeholder: 'Notes on this session (Markdown)…',
      rows: 1,
      attrs: { 'aria-label': `Notes on ${s.title || 'this session'}` },
      dataset: { saved: s.notes || '', uid: s.uid },
    });
    notes.addEventListener('input', () => grow(notes));
    notes.addEventListener('blur', () => saveSessionNotes(s, notes));
    notes.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        saveSessionNotes(s, notes);
      } else if (event.key === 'Escape') {
        event.stopPropagation();
        notes.blur();
      }
    });
    node.appendChild(el('div.session-notes', {}, notes));
    return node;
  }

  /** Photos in no session, under a plain time header; a slot of parallel sessions asks which. */
  function looseBlock(day, block, lazy, width) {
    const node = el('div.loose', { dataset: { count: String(block.photos.length), parallel: String(Boolean(block.slot)) } });
    node.appendChild(el('h3.loose-time', {}, runTime(block.photos) || 'No time'));
    if (block.ask) node.appendChild(askSession(day, block));
    for (const chunk of runChunks(block.photos, lazy, width)) node.appendChild(chunk);
    return node;
  }

  /** "Which session were you in?": one button per session running then (titles as typed). */
  function askSession(day, block) {
    const slotPhotos = day.photos.filter((p) => !p.session && slotKey(p) === block.slot);
    const choices = el('div.session-ask-choices');
    for (const c of block.ask) {
      const button = el('button.button.small.session-choice', { type: 'button', dataset: { uid: c.uid } },
        c.title || c.uid);
      button.addEventListener('click', () => ctx.answerSession(day, c, slotPhotos.length));
      choices.appendChild(button);
    }
    const none = el('button.button.small.quiet.session-none', { type: 'button' }, 'None of these');
    none.addEventListener('click', () => ctx.answerNone(day, block.ask, slotPhotos.length));
    choices.appendChild(none);
    return el('div.session-ask', {
      attrs: { role: 'group', 'aria-label': 'Which session were you in?' },
      dataset: { slot: block.slot },
    },
    el('p.session-ask-text', {},
      el('strong', {}, 'Which session were you in?'),
      ` ${slotPhotos.length === 1 ? '1 photo was' : `${slotPhotos.length} photos were`} taken while these ran in parallel.`),
    choices);
  }

  function undatedSection(photos) {
    const section = el('section.day.undated', {
      id: 'undated',
      dataset: { count: String(photos.length) },
      attrs: { 'aria-labelledby': 'undated-heading' },
    });
    section.appendChild(el('header.day-header', {},
      el('h2.day-heading', { id: 'undated-heading' }, 'Undated'),
      el('span.day-count', {}, plural(photos.length, 'photo'))));
    section.appendChild(el('p.undated-text', {},
      'Lanyard found no usable time in these photos. Set a date (and a time, if you know it) to place them in a day.'));
    const list = el('ul.undated-list');
    for (const p of photos) {
      const date = el('input.undated-date', {
        type: 'date',
        attrs: { 'aria-label': `Date for ${fileName(p.path)}` },
      });
      const time = el('input.undated-time', {
        type: 'time',
        attrs: { 'aria-label': `Time for ${fileName(p.path)} (optional)` },
      });
      const button = el('button.button.small.set-date', { type: 'button' }, 'Set date');
      const submit = () => ctx.setPhotoDate(p, date.value, time.value, date);
      button.addEventListener('click', submit);
      for (const input of [date, time]) {
        input.addEventListener('keydown', (event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            submit();
          }
        });
      }
      list.appendChild(el('li.undated-item', { dataset: { id: String(p.id) } },
        tile(p),
        el('div.undated-fields', {},
          el('span.undated-name', { title: p.path || '' }, fileName(p.path)),
          el('span.undated-note', {}, p.time_note || 'no usable time'),
          el('div.undated-inputs', {}, date, time, button))));
    }
    section.appendChild(list);
    return section;
  }

  /** Strays: photos dated far from the rest of the trip, on no day and never exported. */
  function outsideSection(photos) {
    const section = el('section.day.outside', {
      id: 'outside',
      dataset: { count: String(photos.length) },
      attrs: { 'aria-labelledby': 'outside-heading' },
    });
    section.appendChild(el('header.day-header', {},
      el('h2.day-heading', { id: 'outside-heading' }, 'Outside this trip'),
      el('span.day-count', {}, plural(photos.length, 'photo'))));
    section.appendChild(el('p.undated-text', {},
      'These photos are dated far from the rest of the trip, so they are kept off its days and out of '
      + 'exports. Include one if it belongs here, or move it to a trip of its own.'));
    const list = el('ul.undated-list.outside-list');
    for (const p of photos) {
      const name = fileName(p.path);
      const include = el('button.button.small.keep-in-trip', {
        type: 'button',
        attrs: { 'aria-label': `Include ${name} in this trip` },
      }, 'Include in this trip');
      include.addEventListener('click', () => ctx.keepInTrip(p));
      const move = el('button.button.small.move-to-trip', {
        type: 'button',
        attrs: { 'aria-label': `Move ${name} to a new trip` },
      }, 'Move to a new trip');
      move.addEventListener('click', () => ctx.moveToNewTrip(p));
      list.appendChild(el('li.undated-item.outside-item', { dataset: { id: String(p.id), date: p.date || '' } },
        tile(p),
        el('div.undated-fields', {},
          el('span.undated-name', { title: p.path || '' }, name),
          el('span.outside-date', {}, dateText(p.date) || 'No date'),
          el('span.undated-note', {}, [p.camera, p.time_note].filter(Boolean).join(' · ')),
          el('div.undated-inputs', {}, include, move))));
    }
    section.appendChild(list);
    return section;
  }

  function grow(textarea) {
    textarea.style.height = 'auto';
    textarea.style.height = `${Math.max(textarea.scrollHeight, 36)}px`;
  }

  /** `day` is the day as rendered: its date keys the save, its number names it in the undo label
   *  (a renumbering re-renders the sections, so a section's day is always the one it shows). */
  async function saveTitle(day, input) {
    if (input.value === input.dataset.saved) return;
    const old = input.dataset.saved;
    input.dataset.saved = input.value; // optimistic: a second blur/change must not save twice
    const ok = await ctx.saveDayTitle(day, input.value, old);
    if (!ok) input.dataset.saved = old;
  }

  async function saveNotes(day, textarea) {
    if (textarea.value === textarea.dataset.saved) return;
    const old = textarea.dataset.saved;
    textarea.dataset.saved = textarea.value;
    const ok = await ctx.saveDayNotes(day, textarea.value, old);
    if (!ok) textarea.dataset.saved = old;
  }

  async function saveSessionNotes(session, textarea) {
    if (textarea.value === textarea.dataset.saved) return;
    const old = textarea.dataset.saved;
    textarea.dataset.saved = textarea.value;
    const ok = await ctx.saveSessionNotes(session, textarea.value, old);
    if (!ok) textarea.dataset.saved = old;
  }

  function indexPhotos(timeline) {
    byId = new Map();
    changeDay = new Set();
    for (const day of timeline.days) {
      // Only a DST change repeats an hour; after a change of zone, times away carry their zone.
      const changes = (day.clock_changes || []).some((c) => c.kind !== 'zone');
      for (const p of day.photos) {
        byId.set(p.id, p);
        if (changes) changeDay.add(p.id);
      }
    }
    for (const p of timeline.undated) byId.set(p.id, p);
    for (const p of outsideOf(timeline)) byId.set(p.id, p);
  }

  /** What decides the shape of the page: days, their photos and clock changes, the lists. */
  function signature(timeline) {
    const days = timeline.days.map((d) => `${d.number}:${d.date}:${d.photos.map((p) => p.id).join(',')}`
      + `:${(d.clock_changes || []).map((c) => `${c.index}@${c.at}`).join(',')}`
      + `:${agendaSignature(d)}`);
    const ids = (list) => list.map((p) => p.id).join(',');
    return `${days.join('|')}#${ids(timeline.undated)}#${ids(outsideOf(timeline))}#${ctx.showEmptySessions()}`;
  }

  /** Build the whole timeline (fast: tiles come lazily). */
  function render(timeline, { keepScroll = false } = {}) {
    const scroller = ctx.scroller();
    const top = keepScroll ? scroller.scrollTop : 0;
    if (observer) observer.disconnect();
    if (releaser) releaser.disconnect();
    observer = new IntersectionObserver((entries) => {
      for (const entry of entries) if (entry.isIntersecting) fillChunk(entry.target);
    }, { root: scroller, rootMargin: FILL_MARGIN });
    releaser = new IntersectionObserver((entries) => {
      for (const entry of entries) if (!entry.isIntersecting) releaseChunk(entry.target);
    }, { root: scroller, rootMargin: RELEASE_MARGIN });

    data = timeline;
    indexPhotos(timeline);
    tiles = new Map();
    dayOrder = new Map();
    shownSignature = signature(timeline);
    const total = byId.size;
    const lazy = total > EAGER_LIMIT;
    const width = innerWidth();
    gridWidth = width;

    const frag = document.createDocumentFragment();
    if (!timeline.days.length && !timeline.undated.length && !outsideOf(timeline).length) {
      frag.appendChild(el('div.trip-empty', { id: 'trip-empty' },
        el('h2', {}, 'No photos in this trip yet'),
        el('p', {}, 'Drop photos or a folder anywhere on this window, or use “Add photos…”.')));
    }
    for (const day of timeline.days) frag.appendChild(daySection(day, lazy, width));
    if (timeline.undated.length) frag.appendChild(undatedSection(timeline.undated));
    if (outsideOf(timeline).length) frag.appendChild(outsideSection(outsideOf(timeline)));
    clear(root);
    root.appendChild(frag);
    for (const notes of root.querySelectorAll('.day-notes-input, .session-notes-input')) if (notes.value) grow(notes);
    root.dataset.photos = String(total);
    root.dataset.lazy = String(lazy);
    scroller.scrollTop = top;
  }

  /**
   * Bring the shown timeline up to date with a fresh one. Same days and photos → patch tiles and
   * the fields that are not being edited; otherwise rebuild, keeping the scroll position.
   */
  function update(timeline) {
    if (!data || signature(timeline) !== shownSignature) {
      render(timeline, { keepScroll: Boolean(data) });
      return;
    }
    data = timeline;
    indexPhotos(timeline);
    for (const [id, node] of tiles) {
      const p = byId.get(id);
      if (p) updateTile(node, p);
    }
    for (const day of timeline.days) {
      const section = root.querySelector(`section.day[data-day="${day.number}"]`);
      if (!section) continue;
      syncField(section.querySelector('.day-title-input'), day.title || '');
      const notes = section.querySelector('.day-notes-input');
      if (syncField(notes, day.notes || '')) grow(notes);
      for (const s of day.sessions || []) {
        const field = sessionInput(s.uid);
        if (syncField(field, s.notes || '')) grow(field);
      }
    }
  }

  function syncField(field, value) {
    if (!field || document.activeElement === field) return false;
    if (field.value === value && field.dataset.saved === value) return false;
    field.value = value;
    field.dataset.saved = value;
    return true;
  }

  /** After an edit of one photo: refresh its tile if built. */
  function photoChanged(p) {
    byId.set(p.id, p);
    const node = tiles.get(p.id);
    if (node) updateTile(node, p);
  }

  /** Make sure a photo's tile exists (its chunk built) and focus it. */
  function focusPhoto(id) {
    let node = tiles.get(id);
    if (!node) {
      for (const chunk of root.querySelectorAll('.grid[data-filled="false"]')) {
        if ((chunk._ids || []).includes(id)) {
          fillChunk(chunk);
          break;
        }
      }
      node = tiles.get(id);
    }
    if (node) {
      node.focus({ preventScroll: true });
      node.scrollIntoView({ block: 'nearest' });
    }
  }

  /** A day's title or notes field, found by the day's date. */
  function dayInput(date, which) {
    const section = [...root.querySelectorAll('section.day[data-date]')].find((s) => s.dataset.date === date);
    return section && section.querySelector(which === 'title' ? '.day-title-input' : '.day-notes-input');
  }

  /** A session's notes field, found by its uid. */
  function sessionInput(uid) {
    return [...root.querySelectorAll('.session-notes-input')].find((t) => t.dataset.uid === uid) || null;
  }

  /** Photos in viewing order: days in order (as drawn: a day with an agenda by its blocks), then
   *  undated, then those outside the trip. */
  function ordered() {
    if (!data) return [];
    const list = [];
    for (const day of data.days) {
      const drawn = dayOrder.get(day.date);
      if (drawn && drawn.length === day.photos.length) {
        for (const id of drawn) list.push(byId.get(id));
      } else {
        for (const p of day.photos) list.push(byId.get(p.id) || p);
      }
    }
    for (const p of data.undated) list.push(byId.get(p.id) || p);
    for (const p of outsideOf(data)) list.push(byId.get(p.id) || p);
    return list;
  }

  return {
    render,
    update,
    photoChanged,
    focusPhoto,
    dayInput,
    sessionInput,
    ordered,
    photo: (id) => byId.get(id),
    /** Whether the photo is on a day whose clocks change (its time then needs its offset). */
    onClockChangeDay: (id) => changeDay.has(id),
    current: () => data,
    reset: () => {
      data = null;
      byId = new Map();
      changeDay = new Set();
      tiles = new Map();
      dayOrder = new Map();
      if (observer) observer.disconnect();
      if (releaser) releaser.disconnect();
      clear(root);
      shownSignature = '';
    },
  };
}

/** What of a day's agenda decides its layout: sessions with their photos, each photo's session
 *  and slot. (Notes are patched in place.) */
function agendaSignature(day) {
  const sessions = (day.sessions || []).map((s) => `${s.uid}=${(s.photos || []).join(',')}:${Boolean(s.notes)}`);
  const photos = day.photos.map((p) => `${p.session ? p.session.uid : ''}/${slotKey(p)}`);
  return `${sessions.join(';')}~${photos.join(';')}`;
}

/** A timeline's strays (`outside`; absent from older shells). */
function outsideOf(timeline) {
  return (timeline && timeline.outside) || [];
}
