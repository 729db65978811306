//! A day with an agenda, as plain data: its sessions (each with its photos) and the photos
//! outside them, in time order, for timeline.js to draw. A block is one of
//!   {kind: 'session', session, photos, at}   a session's header, photos and notes
//!   {kind: 'loose', photos, at, slot, ask}   photos in no session under a plain time header;
//!                                            `ask`: the parallel sessions to choose from
//!                                            ("Which session were you in?"), once per slot
//!   {kind: 'change', change, at}             where the clocks change
//! `at` is the block's instant in ms (a session's start, a run's first photo). Agenda text stays
//! data here: timeline.js sets it with textContent. Also which dropped files are agendas. No DOM.

/** Whether a day needs the agenda layout: it has sessions, or photos that could be in one. */
export function hasAgenda(day) {
  if (!day) return false;
  if ((day.sessions || []).length) return true;
  return (day.photos || []).some((p) => p.session || (p.session_candidates || []).length);
}

/** A time slot's key: the parallel sessions a photo could be in, sorted ("" for none). */
export function slotKey(photo) {
  const candidates = (photo && photo.session_candidates) || [];
  return candidates.map((c) => c.uid).sort().join('\n');
}

/** Milliseconds since the epoch of an RFC 3339 time; NaN when there is none. */
export function instant(iso) {
  return typeof iso === 'string' && iso ? Date.parse(iso) : NaN;
}

/** "HH:MM" of an RFC 3339 local time ("2023-11-06T15:02:18-06:00" → "15:02"); "" without. */
export function clock(iso) {
  const match = /T(\d{2}):(\d{2})/.exec(typeof iso === 'string' ? iso : '');
  return match ? `${match[1]}:${match[2]}` : '';
}

/** "15:00–15:30" for a session; one time when start and end agree or one is missing. */
export function sessionTime(session) {
  const start = clock(session && session.start);
  const end = clock(session && session.end);
  return start && end && end !== start ? `${start}–${end}` : start || end;
}

/** The time header of photos outside sessions: "15:02", or "15:02–15:40" for a run. */
export function runTime(photos) {
  const times = (photos || []).map((p) => clock(p.local_time)).filter(Boolean);
  if (!times.length) return '';
  const first = times[0];
  const last = times[times.length - 1];
  return last !== first ? `${first}–${last}` : first;
}

/** Speakers as one line: "Ada Lovelace (Analytical), Grace Hopper". */
export function speakersText(speakers) {
  return (speakers || [])
    .map((s) => (typeof s === 'string' ? s : s && s.company ? `${s.name} (${s.company})` : s && s.name))
    .filter(Boolean)
    .join(', ');
}

/**
 * A day's blocks in time order (see the module comment). `showEmpty`: whether attended sessions
 * without photos (and without notes) are shown. A photo belongs to the session its `session`
 * names when the day lists it; every other photo is loose. Loose photos form runs in the day's
 * order, cut where a session starts or the clocks change between two of them, and where the
 * slot (the parallel sessions to choose from) changes. A slot is asked about once per day: on
 * its first run. Blocks at the same instant: a clock change, then sessions, then loose photos.
 */
export function dayBlocks(day, { showEmpty = true } = {}) {
  const photos = (day && day.photos) || [];
  const sessions = (day && day.sessions) || [];
  const changes = (day && day.clock_changes) || [];
  const byUid = new Map();
  const blocks = [];
  sessions.forEach((session, order) => {
    const block = { kind: 'session', session, photos: [], at: instant(session.start), order };
    byUid.set(session.uid, block);
    blocks.push(block);
  });
  changes.forEach((change, order) => {
    blocks.push({ kind: 'change', change, at: instant(change.at), order, index: change.index });
  });

  // Photos without a time keep the instant of the photo before them (the core's order).
  let known = -Infinity;
  const times = photos.map((p) => {
    const t = instant(p.local_time);
    if (Number.isFinite(t)) known = t;
    return known;
  });
  const starts = blocks.filter((b) => b.kind === 'session' && Number.isFinite(b.at)).map((b) => b.at);
  const cutIndex = new Set(changes.map((c) => c.index));
  const asked = new Set();
  let run = null;
  let previous = -1; // index of the last loose photo
  photos.forEach((p, i) => {
    const home = p.session && byUid.get(p.session.uid);
    if (home) {
      home.photos.push(p);
      return;
    }
    const slot = slotKey(p);
    const cut = !run
      || run.slot !== slot
      || starts.some((s) => s > times[previous] && s <= times[i])
      || [...cutIndex].some((c) => c > previous && c <= i);
    if (cut) {
      run = { kind: 'loose', photos: [], at: times[i], slot, ask: null, order: i };
      if (slot && !asked.has(slot)) {
        asked.add(slot);
        run.ask = p.session_candidates.slice();
      }
      blocks.push(run);
    }
    run.photos.push(p);
    previous = i;
  });

  const rank = { change: 0, session: 1, loose: 2 };
  const key = (b) => (Number.isFinite(b.at) ? b.at : -Infinity);
  return blocks
    .filter((b) => b.kind !== 'session' || showEmpty || b.photos.length || (b.session.notes || '').trim())
    .sort((a, b) => key(a) - key(b) || rank[a.kind] - rank[b.kind] || a.order - b.order)
    .map(({ order, index, ...block }) => block);
}

/** The photos of a day's blocks in the order they are drawn (keyboard and viewer order). */
export function blockPhotos(blocks) {
  return blocks.flatMap((b) => b.photos || []);
}

const AGENDA_FILE = /\.(ics|ical|icalendar|json)$/i;

/** Dropped paths split into agenda files (.ics, any .json: the core says whether it is a
 *  schedule) and everything else (photos, folders), each in the order given. */
export function splitAgendaPaths(paths) {
  const agendas = [];
  const photos = [];
  for (const path of paths || []) (AGENDA_FILE.test(String(path)) ? agendas : photos).push(path);
  return { agendas, photos };
}
