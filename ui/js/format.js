// Small formatting for people that is not about dates: a photo's wall-clock time, counts, file
// names, byte sizes, coordinates. Dates in words come from the core, already formatted (a day's
// `label`, a trip card's `dates`, a move's `from_text`/`to_text`, a photo's `when`), so the window
// and the CLI read the same. Fixed English (not Intl), as the core's words are.

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
