// Dates and times for people. Fixed English names (not Intl) so the UI reads the same on every
// webview and matches the CLI: "Day 2 · Tue 17 May 2022".

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2022-05-17" → {y, m, d, weekday} (calendar arithmetic in UTC: no local zone involved). */
function parts(date) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date || '');
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return { y, m, d, weekday };
}

/** "Tue 17 May 2022" */
export function longDate(date) {
  const p = parts(date);
  if (!p) return date || '';
  return `${WEEKDAYS[p.weekday]} ${p.d} ${MONTHS[p.m - 1]} ${p.y}`;
}

/** "17 May" */
export function shortDate(date) {
  const p = parts(date);
  return p ? `${p.d} ${MONTHS[p.m - 1]}` : date || '';
}

/** "Day 2 · Tue 17 May 2022" */
export function dayHeading(day) {
  return `Day ${day.number} · ${longDate(day.date)}`;
}

/** "16–19 May 2022", "30 May – 2 Jun 2022", "" when no dates. */
export function dateRange(first, last) {
  const a = parts(first);
  const b = parts(last || first);
  if (!a || !b) return '';
  if (first === last || !last) return `${a.d} ${MONTHS[a.m - 1]} ${a.y}`;
  if (a.y === b.y && a.m === b.m) return `${a.d}–${b.d} ${MONTHS[b.m - 1]} ${b.y}`;
  if (a.y === b.y) return `${a.d} ${MONTHS[a.m - 1]} – ${b.d} ${MONTHS[b.m - 1]} ${b.y}`;
  return `${a.d} ${MONTHS[a.m - 1]} ${a.y} – ${b.d} ${MONTHS[b.m - 1]} ${b.y}`;
}

/** Local wall-clock "HH:MM" of a photo, "" when only the date is known. */
export function localTime(photo) {
  const t = photo && photo.local_time;
  if (typeof t !== 'string') return '';
  const match = /T(\d{2}):(\d{2})/.exec(t);
  return match ? `${match[1]}:${match[2]}` : '';
}

export function plural(n, one, many = `${one}s`) {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

export function fileName(path) {
  if (!path) return '';
  const parts = String(path).split(/[\\/]/);
  return parts[parts.length - 1] || String(path);
}

export function bytes(n) {
  if (typeof n !== 'number') return '';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function coordinates(lat, lon) {
  if (typeof lat !== 'number' || typeof lon !== 'number') return '';
  const ns = lat >= 0 ? 'N' : 'S';
  const ew = lon >= 0 ? 'E' : 'W';
  return `${Math.abs(lat).toFixed(5)}° ${ns}, ${Math.abs(lon).toFixed(5)}° ${ew}`;
}
