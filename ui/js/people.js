//! People and the agenda browser, the pure part: suggestions for "Who's in this photo?", which
//! links may be opened, the people a day lists, the agenda grouped by day, a session's time and
//! speakers in words, the value the viewer's session control holds. No DOM, no calls to the
//! shell: tested under Node.

/** How many names the autocomplete offers at most. */
export const SUGGESTION_LIMIT = 8;

/** Lower case with accents folded, so "zoe" finds "Zoë". */
export function fold(text) {
  return String(text || '').normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/**
 * The trip's people matching what was typed, best first: names starting with it, then names with
 * a word starting with it, then names containing it (each alphabetical). `exclude` holds names
 * already tagged (any case). An empty query offers everyone not excluded, alphabetically.
 * `people`: `[{name, org?}]` (PersonView) or plain names.
 */
export function suggestPeople(people, query, { exclude = [], limit = SUGGESTION_LIMIT } = {}) {
  const q = fold(query);
  const skip = new Set(exclude.map(fold));
  const ranked = [];
  for (const p of people || []) {
    const person = typeof p === 'string' ? { name: p } : p;
    if (!person || !person.name) continue;
    const name = fold(person.name);
    if (skip.has(name)) continue;
    let rank;
    if (!q || name.startsWith(q)) rank = 0;
    else if (name.split(/[\s\-_.]+/).some((w) => w.startsWith(q))) rank = 1;
    else if (name.includes(q) || fold(person.org).startsWith(q)) rank = 2;
    else continue;
    ranked.push({ rank, name, person });
  }
  ranked.sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name) || a.person.name.localeCompare(b.person.name));
  return ranked.slice(0, limit).map((r) => r.person);
}

/** Whether `name` is one of `people` (any case): tagging it then adds no new person. */
export function knownPerson(people, name) {
  const n = fold(name);
  return (people || []).find((p) => fold(typeof p === 'string' ? p : p.name) === n) || null;
}

/**
 * The next highlighted suggestion after ArrowDown (+1) or ArrowUp (-1): wraps around, and -1
 * (nothing highlighted, the typed text stands) sits between the last and the first.
 */
export function moveActive(index, delta, count) {
  if (count <= 0) return -1;
  const slots = count + 1; // the typed text is a slot too
  const from = index < 0 ? count : index;
  const next = (((from + delta) % slots) + slots) % slots;
  return next === count ? -1 : next;
}

/** A link that may be opened: http(s) only, as a URL the browser parses; null otherwise. */
export function safeLink(link) {
  if (typeof link !== 'string') return null;
  const text = link.trim();
  if (!/^https?:\/\//i.test(text)) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? text : null;
  } catch {
    return null;
  }
}

/**
 * The people a day shows under "Met:": marked met first, then those only tagged on its photos,
 * each by name as the core sorted them. `removable`: marked met (tagged-only people leave the
 * list when their tags go).
 */
export function dayPeople(day) {
  const people = (day && day.people) || [];
  const met = people.filter((p) => p.met);
  const tagged = people.filter((p) => !p.met);
  return [...met, ...tagged].map((p) => ({
    name: p.name,
    link: safeLink(p.link),
    org: p.org || null,
    private: Boolean(p.private),
    removable: Boolean(p.met),
  }));
}

/** "09:00" of an RFC 3339 local time ("2023-11-07T09:00:00-06:00"); "" otherwise. */
export function clockOf(rfc3339) {
  const match = /^\d{4}-\d{2}-\d{2}T(\d{2}):(\d{2})/.exec(rfc3339 || '');
  return match ? `${match[1]}:${match[2]}` : '';
}

/** "09:00–09:20" from a session's start and end; "09:00" without a readable end. */
export function sessionTime(session) {
  const from = clockOf(session && session.start);
  const to = clockOf(session && session.end);
  if (!from) return '';
  return to ? `${from}–${to}` : from;
}

/** "Grace Hopper, Navy · Alan Turing, Bletchley"; "" without speakers. */
export function speakersText(speakers) {
  return (speakers || [])
    .filter((s) => s && s.name)
    .map((s) => (s.company ? `${s.name}, ${s.company}` : s.name))
    .join(' · ');
}

/**
 * The agenda (AgendaList.sessions, in time order) grouped by the date each session starts on:
 * `[{date, day (trip day number or null), sessions}]` in date order. `days`: the timeline's days
 * (`{number, date, label}`), for each group's `label` ("Day 2 · Tue 7 Nov 2023"); a date outside
 * the trip's days keeps its ISO date as label.
 */
export function agendaByDay(sessions, days = []) {
  const byDate = new Map();
  for (const s of sessions || []) {
    const date = s.date || (s.start || '').slice(0, 10);
    if (!byDate.has(date)) byDate.set(date, []);
    byDate.get(date).push(s);
  }
  const labels = new Map((days || []).map((d) => [d.date, d]));
  return [...byDate.keys()].sort().map((date) => {
    const day = labels.get(date);
    const number = day ? day.number : (byDate.get(date)[0].day ?? null);
    return {
      date,
      day: number,
      label: day ? `Day ${day.number} · ${day.label}` : date,
      sessions: byDate.get(date),
    };
  });
}

/**
 * What set_attended takes to put a session's attendance back as the agenda showed it: `marked`
 * → true, `no` → false, `inferred`/`unknown` → null (the rules decide).
 */
export function attendanceValue(attendance) {
  if (attendance === 'marked') return true;
  if (attendance === 'no') return false;
  return null;
}

/**
 * The viewer's session control for a photo's details: `value` selected now ("auto", "none" or a
 * uid; also what set_photo_session takes to put the photo back as it is now) and the options
 * `[{value, label}]`: automatic (naming what the rules chose when the photo is in auto), each
 * session running around then, and none.
 */
export function sessionControl(details) {
  const d = details || {};
  const current = d.session_details || d.session || null;
  const byHand = d.session_by === 'hand';
  const value = byHand ? (current ? current.uid : 'none') : 'auto';
  const autoLabel = !byHand && current ? `Automatic: ${current.title}` : 'Automatic (by the agenda)';
  const options = [{ value: 'auto', label: autoLabel }];
  const seen = new Set();
  for (const c of d.session_choices || []) {
    if (!c || !c.uid || seen.has(c.uid)) continue;
    seen.add(c.uid);
    options.push({ value: c.uid, label: [c.time, c.title, c.room].filter(Boolean).join(' · ') });
  }
  if (byHand && current && !seen.has(current.uid)) {
    options.push({ value: current.uid, label: [current.time, current.title, current.room].filter(Boolean).join(' · ') });
  }
  options.push({ value: 'none', label: 'No session' });
  return { value, options };
}
