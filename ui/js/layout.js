//! The timeline grid's geometry, as plain numbers: a tile's shape from its photo, how photos are cut
//! into chunks (the unit the grid builds and releases), and how tall a chunk of justified rows will
//! be before it is built. No DOM here: timeline.js turns these numbers into styles, and the tests
//! run them under Node. The constants match .grid in app.css.

export const ROW = 190; // target row height of the justified grid, px
export const GAP = 6; // grid gap, px (matches .grid in app.css)
export const CHUNK = 60; // tiles built at a time
export const MIN_TILE = 60; // narrowest tile basis, px
export const MAX_ROW = 420; // a full row grows at most this tall, px
export const MIN_WIDTH = 300; // narrower grids are estimated as this wide, px

/** Width ÷ height of a photo's tile, clamped to 0.3–4 (a panorama does not fill a row alone);
 *  4:3 when the size is unknown. */
export function photoAspect(p) {
  const w = p.width > 0 ? p.width : 4;
  const h = p.height > 0 ? p.height : 3;
  return Math.min(Math.max(w / h, 0.3), 4);
}

/** The tile's flex basis in px: its width at the target row height. */
export function tileBasis(p) {
  return Math.round(photoAspect(p) * ROW);
}

/** The padding-bottom percentage that gives a tile its photo's shape ("75.000" for 4:3). */
export function spacerPadding(p) {
  return (100 / photoAspect(p)).toFixed(3);
}

/**
 * A day's photos cut where the clocks change (`changes`: the day's `clock_changes`, each drawn
 * before photo `index`), as the grid lays them out: `{photos, start}` runs of photos (start: the
 * index of the first) with `{change}` markers between them, in order. A change at 0 comes before
 * every photo, one at `photos.length` after them all; an index out of range is clamped, and
 * changes at the same index keep their order. No empty runs. Each run is a grid of its own, so
 * the row before a marker ends there with natural-width tiles, and a marker is never inside a
 * chunk that the virtualized grid builds and releases: it sits in the right place however big
 * the day is.
 */
export function segments(photos, changes = []) {
  const marks = (changes || [])
    .map((change, order) => ({
      change,
      order,
      at: Math.min(Math.max(Number.isFinite(change && change.index) ? change.index : 0, 0), photos.length),
    }))
    .sort((a, b) => a.at - b.at || a.order - b.order);
  const out = [];
  let start = 0;
  for (const mark of marks) {
    if (mark.at > start) out.push({ photos: photos.slice(start, mark.at), start });
    out.push({ change: mark.change });
    start = Math.max(start, mark.at);
  }
  if (start < photos.length) out.push({ photos: photos.slice(start), start });
  return out;
}

/** `items` in consecutive slices of `size` (the last one shorter). */
export function chunks(items, size = CHUNK) {
  const out = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Height of a justified grid of these photos at this inner width, as the flex layout in app.css
 * will lay it out: tiles start at their aspect ratio × ROW and wrap; a full row grows until it
 * fills the width (so it gets taller, up to MAX_ROW); the last row keeps ROW (the ::after filler
 * takes the slack). Rows are GAP apart.
 */
export function estimateHeight(photos, width) {
  const inner = Math.max(width, MIN_WIDTH);
  let height = 0;
  let rows = 0;
  let used = 0; // basis widths plus gaps in the current row
  let aspects = 0; // sum of aspect ratios in the current row
  for (const p of photos) {
    const ar = photoAspect(p);
    const w = Math.max(Math.round(ar * ROW), MIN_TILE);
    if (used > 0 && used + GAP + w > inner) {
      height += Math.min((ROW * aspects + (inner - used)) / aspects, MAX_ROW);
      rows += 1;
      used = 0;
      aspects = 0;
    }
    used += (used > 0 ? GAP : 0) + w;
    aspects += ar;
  }
  if (aspects > 0) {
    height += ROW;
    rows += 1;
  }
  return Math.round(height + Math.max(rows - 1, 0) * GAP);
}

/** The photo `delta` places before or after `id` in `ordered` (viewing order), or null. */
export function neighbour(ordered, id, delta) {
  const i = ordered.findIndex((p) => p.id === id);
  return i < 0 ? null : ordered[i + delta] || null;
}
