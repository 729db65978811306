// Small formatting for people that is not about dates: a photo's wall-clock time, counts, file
// names, byte sizes, coordinates. Dates in words come from the core, already formatted (a day's
// `label`, a trip card's `dates`, a move's `from_text`/`to_text`, a photo's `when`), so the window
// and the CLI read the same. Fixed English (not Intl), as the core's words are. One exception,
// dateText: a photo outside the trip carries only its ISO date (no label), so it is written here
// the way the core writes a one-day range ("14 Jul 2021").

/** Local wall-clock "HH:MM" of a photo, "" when only the date is known. */
export function localTime(photo) {
  const t = photo && photo.local_time;
  if (typeof t !== 'string') return '';
  const match = /T(\d{2}):(\d{2})/.exec(t);
  return match ? `${match[1]}:${match[2]}` : '';
}

/** The UTC offset a photo's local time carries ("-05:00"; "+00:00" for "Z"), "" without one. */
export function utcOffset(photo) {
  const t = photo && photo.local_time;
  if (typeof t !== 'string' || !/T\d{2}:\d{2}/.test(t)) return '';
  if (/Z$/i.test(t)) return '+00:00';
  const match = /([+-]\d{2}:\d{2})$/.exec(t);
  return match ? match[1] : '';
}

/**
 * A photo's time as a tile shows it: "09:12"; "09:10 CET" away from the trip's main zone (the
 * core's `zone_label`); or "01:15 -06:00" with `withOffset` (on a day where the clocks change,
 * 01:00–02:00 can happen twice: the offset says which). "" without a time.
 */
export function photoTime(photo, withOffset = false) {
  const time = localTime(photo);
  if (time && photo.zone_label) return `${time} ${photo.zone_label}`;
  if (!time || !withOffset) return time;
  const offset = utcOffset(photo);
  return offset ? `${time} ${offset}` : time;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2021-07-14" → "14 Jul 2021" (the core's words for one day); "" for anything else. */
export function dateText(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
  if (!match) return '';
  const month = MONTHS[Number(match[2]) - 1];
  const day = Number(match[3]);
  return month && day >= 1 && day <= 31 ? `${day} ${month} ${match[1]}` : '';
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
