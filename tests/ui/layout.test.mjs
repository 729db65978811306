// layout.js: the timeline grid's geometry (tile shapes, chunks, height estimates, neighbours).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ROW, GAP, CHUNK, MAX_ROW, photoAspect, tileBasis, spacerPadding, chunks, estimateHeight, neighbour, segments,
} from '../../ui/js/layout.js';

const photo = (width, height, id = 0) => ({ id, width, height });

test('a tile has its photo’s shape, clamped, 4:3 when unknown', () => {
  const cases = [
    [photo(4000, 3000), 4 / 3],
    [photo(3000, 4000), 3 / 4],
    [photo(12000, 1000), 4], // panorama: at most 4:1
    [photo(100, 1000), 0.3], // a tall strip: at least 0.3
    [photo(0, 0), 4 / 3],
  ];
  for (const [p, want] of cases) assert.ok(Math.abs(photoAspect(p) - want) < 1e-9, `${JSON.stringify(p)} → ${photoAspect(p)}`);
  assert.equal(tileBasis(photo(4000, 3000)), Math.round((4 / 3) * ROW));
  assert.equal(spacerPadding(photo(4000, 3000)), '75.000');
  assert.equal(spacerPadding(photo(3000, 4000)), '133.333');
});

test('chunks cut photos into slices of CHUNK, in order, the last one shorter', () => {
  const ids = Array.from({ length: 2 * CHUNK + 7 }, (_, i) => i);
  const parts = chunks(ids);
  assert.deepEqual(parts.map((c) => c.length), [CHUNK, CHUNK, 7]);
  assert.deepEqual(parts.flat(), ids);
  assert.deepEqual(chunks([]), []);
  assert.deepEqual(chunks([1, 2, 3], 2), [[1, 2], [3]]);
});

test('no photos take no height; one row takes ROW', () => {
  assert.equal(estimateHeight([], 1000), 0);
  assert.equal(estimateHeight([photo(4, 3)], 1000), ROW);
  // Three 4:3 tiles (253 px each) fit in 1000 px: still one row.
  assert.equal(estimateHeight([photo(4, 3), photo(4, 3), photo(4, 3)], 1000), ROW);
});

test('a full row grows to fill the width; the last row keeps ROW', () => {
  // 4:3 tiles are 253 px wide; four need 4 × 253 + 3 × 6 = 1030 px > 1000, so rows of three.
  const six = Array.from({ length: 6 }, () => photo(4, 3));
  const basis = tileBasis(photo(4, 3));
  const used = 3 * basis + 2 * GAP;
  const grown = (ROW * 4 + (1000 - used)) / 4; // the formula the flex layout follows
  assert.ok(grown > ROW && grown < MAX_ROW);
  assert.equal(estimateHeight(six, 1000), Math.round(grown + ROW + GAP));
});

test('height grows with the photos and shrinks with the width', () => {
  const many = Array.from({ length: 120 }, (_, i) => (i % 3 ? photo(4, 3) : photo(3, 4)));
  const wide = estimateHeight(many, 1600);
  const narrow = estimateHeight(many, 800);
  assert.ok(narrow > wide, `${narrow} > ${wide}`);
  assert.ok(estimateHeight(many.slice(0, 60), 1000) < estimateHeight(many, 1000));
  // Below MIN_WIDTH the estimate does not run away (a hidden grid has no width yet).
  assert.equal(estimateHeight(many, 0), estimateHeight(many, 300));
});

test('a row never grows past MAX_ROW (a lone narrow photo in a wide grid)', () => {
  const strips = [photo(100, 1000), photo(100, 1000)];
  // 0.3 × 190 = 57 → 60 px minimum basis; two of them fit anywhere: one row of ROW.
  assert.equal(estimateHeight(strips, 1000), ROW);
  const wide = [photo(4000, 1000), photo(4000, 1000)]; // 760 px each: a row each in 1000 px
  const h = estimateHeight(wide, 1000);
  assert.ok(h <= MAX_ROW + ROW + GAP, `${h}`);
});

test('neighbour walks the viewing order and stops at the ends', () => {
  const order = [{ id: 5 }, { id: 9 }, { id: 2 }];
  assert.equal(neighbour(order, 9, 1).id, 2);
  assert.equal(neighbour(order, 9, -1).id, 5);
  assert.equal(neighbour(order, 2, 1), null);
  assert.equal(neighbour(order, 5, -1), null);
  assert.equal(neighbour(order, 42, 1), null, 'an unknown id has no neighbour');
});

// Where a DST marker goes: the day's clock_changes, each before photo `index`.
const ids = (n) => Array.from({ length: n }, (_, i) => ({ id: i + 1 }));
const shape = (parts) => parts.map((s) => (s.change ? `|${s.change.text}|` : s.photos.map((p) => p.id).join(',')));
const change = (index, text = 'back') => ({ kind: 'dst', index, text });

test('segments: a day without changes is one run of all its photos', () => {
  const photos = ids(5);
  assert.deepEqual(segments(photos, []), [{ photos, start: 0 }]);
  assert.deepEqual(segments(photos), [{ photos, start: 0 }]);
  assert.deepEqual(segments([], []), [], 'no photos, no changes: nothing');
});

test('segments: the marker sits before photo `index`, between the two runs', () => {
  // The Chicago sample's day 1: 21 photos, the clocks go back before the 19th (index 18).
  const parts = segments(ids(21), [change(18)]);
  assert.deepEqual(shape(parts), [
    '1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18', '|back|', '19,20,21']);
  assert.equal(parts[2].start, 18, 'the second run starts at the photo after the change');
});

test('segments: a change at either end, two changes, and out-of-range indices', () => {
  assert.deepEqual(shape(segments(ids(3), [change(0)])), ['|back|', '1,2,3'], 'before every photo');
  assert.deepEqual(shape(segments(ids(3), [change(3)])), ['1,2,3', '|back|'], 'after every photo');
  assert.deepEqual(shape(segments([], [change(0)])), ['|back|'], 'a change on a day without photos still shows');
  assert.deepEqual(
    shape(segments(ids(6), [change(4, 'b'), change(2, 'a')])),
    ['1,2', '|a|', '3,4', '|b|', '5,6'],
    'two changes in index order',
  );
  assert.deepEqual(shape(segments(ids(4), [change(2, 'a'), change(2, 'b')])), ['1,2', '|a|', '|b|', '3,4'],
    'two at the same place keep their order, no empty run between');
  assert.deepEqual(shape(segments(ids(2), [change(9)])), ['1,2', '|back|'], 'past the end: after the last');
  assert.deepEqual(shape(segments(ids(2), [change(-1)])), ['|back|', '1,2'], 'negative: before the first');
});

test('segments of a big day keep every photo once and in order, markers at their index', () => {
  // A 10,000-photo day, chunked later per run: the marker never lands inside a chunk.
  const photos = ids(10000);
  const parts = segments(photos, [change(4321)]);
  assert.deepEqual(parts.filter((s) => s.photos).flatMap((s) => s.photos), photos);
  const before = parts[0].photos;
  assert.equal(before.length, 4321);
  assert.ok(parts[1].change);
  assert.equal(parts[2].photos[0].id, 4322);
  // Cut into chunks, the run before the marker ends with a short chunk: the marker follows it.
  const cut = chunks(before);
  assert.equal(cut.at(-1).at(-1).id, 4321);
});
