// keys.js: one dispatcher, layers stacked by rank; only the topmost open layer sees a key, and
// Ctrl+Z is the app's undo where the layer allows it, except over unsaved typing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createKeys, RANK, isUndoKey, isPlainKey, appUndoApplies } from '../../ui/js/keys.js';

// A stand-in for a DOM element: a text field has `value` and maybe `dataset.saved`.
const field = (value, saved) => ({ typing: true, value, dataset: saved === undefined ? {} : { saved } });
const tile = { typing: false, dataset: {} };
const isTyping = (t) => Boolean(t && t.typing);

function key(k, { target = tile, ctrl = false, meta = false, shift = false, alt = false } = {}) {
  return {
    key: k, target, ctrlKey: ctrl, metaKey: meta, shiftKey: shift, altKey: alt,
    prevented: false,
    preventDefault() { this.prevented = true; },
  };
}

/** A dispatcher with the app's five layers; `open` says which are open; keys seen are logged. */
function desk(open) {
  const seen = [];
  let undos = 0;
  const keys = createKeys({ isTyping, undo: () => { undos += 1; } });
  const allowsUndo = { modal: false, export: false, settings: true, viewer: true, timeline: true };
  for (const name of ['timeline', 'viewer', 'export', 'modal', 'settings']) { // any order
    keys.layer({
      name,
      rank: RANK[name],
      isOpen: () => name === 'timeline' || open.has(name),
      undo: allowsUndo[name],
      onKey: (event) => seen.push(`${name}:${event.key}`),
    });
  }
  return { keys, seen, undos: () => undos };
}

test('the ranks stack modal > export > settings > viewer > timeline', () => {
  const order = Object.entries(RANK).sort((a, b) => b[1] - a[1]).map(([n]) => n);
  assert.deepEqual(order, ['modal', 'export', 'settings', 'viewer', 'timeline']);
});

test('only the topmost open layer sees a key', () => {
  const cases = [
    [[], 'timeline'],
    [['viewer'], 'viewer'],
    [['settings'], 'settings'],
    [['viewer', 'settings'], 'settings'],
    [['export', 'viewer'], 'export'],
    [['modal', 'export', 'settings', 'viewer'], 'modal'],
  ];
  for (const [open, want] of cases) {
    const d = desk(new Set(open));
    assert.equal(d.keys.dispatch(key('Escape')), want, `open: ${open}`);
    assert.deepEqual(d.seen, [`${want}:Escape`], `nothing below ${want} saw the key`);
  }
});

test('a layer that closes is skipped from the next key on', () => {
  const open = new Set(['viewer']);
  const d = desk(open);
  d.keys.dispatch(key('ArrowRight'));
  open.delete('viewer');
  d.keys.dispatch(key('f'));
  assert.deepEqual(d.seen, ['viewer:ArrowRight', 'timeline:f']);
});

test('Ctrl+Z undoes in the timeline, the viewer and the settings sheet', () => {
  for (const open of [[], ['viewer'], ['settings']]) {
    const d = desk(new Set(open));
    const event = key('z', { ctrl: true });
    d.keys.dispatch(event);
    assert.equal(d.undos(), 1, `open: ${open}`);
    assert.ok(event.prevented, 'the browser does not also undo');
    assert.deepEqual(d.seen, [], 'the layer itself does not see Ctrl+Z');
  }
  const d = desk(new Set());
  d.keys.dispatch(key('Z', { meta: true }));
  assert.equal(d.undos(), 1, '⌘Z too');
});

test('the export dialog and a modal confirm are modal: Ctrl+Z does not reach the trip', () => {
  for (const open of [['export'], ['modal'], ['export', 'viewer'], ['modal', 'settings']]) {
    const d = desk(new Set(open));
    const event = key('z', { ctrl: true });
    d.keys.dispatch(event);
    assert.equal(d.undos(), 0, `open: ${open}`);
    assert.equal(event.prevented, false, 'the focused field keeps the browser’s undo');
  }
});

test('a field with unsaved typing keeps the browser’s undo; a saved one undoes the last edit', () => {
  const cases = [
    [field('Kubernetes AI', 'Kubernetes AI Day'), 0, 'typed, not saved'],
    [field('Kubernetes AI Day', 'Kubernetes AI Day'), 1, 'saved: the app undoes'],
    [field('', ''), 1, 'empty and saved'],
    [field('Europe/Ams'), 0, 'a field that never saves by itself (zone search, prompt)'],
    [tile, 1, 'not a text field'],
  ];
  for (const [target, undos, why] of cases) {
    const d = desk(new Set(['viewer']));
    const event = key('z', { ctrl: true, target });
    d.keys.dispatch(event);
    assert.equal(d.undos(), undos, why);
    assert.equal(event.prevented, undos === 1, why);
  }
});

test('Ctrl+Shift+Z and Ctrl+Alt+Z are not undo; they go to the layer', () => {
  assert.equal(isUndoKey(key('z', { ctrl: true })), true);
  assert.equal(isUndoKey(key('Z', { ctrl: true, shift: true })), false);
  assert.equal(isUndoKey(key('z', { ctrl: true, alt: true })), false);
  assert.equal(isUndoKey(key('z')), false);
  const d = desk(new Set());
  d.keys.dispatch(key('Z', { ctrl: true, shift: true }));
  assert.equal(d.undos(), 0);
  assert.deepEqual(d.seen, ['timeline:Z']);
});

test('plain keys carry no Ctrl, ⌘ or Alt; Shift is allowed', () => {
  assert.equal(isPlainKey(key('f')), true);
  assert.equal(isPlainKey(key('F', { shift: true })), true);
  assert.equal(isPlainKey(key('f', { ctrl: true })), false);
  assert.equal(isPlainKey(key('f', { meta: true })), false);
  assert.equal(isPlainKey(key('f', { alt: true })), false);
});

test('appUndoApplies reads data-saved against the value', () => {
  assert.equal(appUndoApplies(field('a', 'a'), isTyping), true);
  assert.equal(appUndoApplies(field('ab', 'a'), isTyping), false);
  assert.equal(appUndoApplies(field('a'), isTyping), false);
  assert.equal(appUndoApplies(tile, isTyping), true);
});

test('a layer can be removed, and a layer without rank or isOpen is refused', () => {
  const keys = createKeys({ isTyping });
  const seen = [];
  const remove = keys.layer({ name: 'viewer', rank: RANK.viewer, isOpen: () => true, onKey: () => seen.push('viewer') });
  keys.layer({ name: 'timeline', rank: RANK.timeline, isOpen: () => true, onKey: () => seen.push('timeline') });
  keys.dispatch(key('x'));
  remove();
  keys.dispatch(key('x'));
  assert.deepEqual(seen, ['viewer', 'timeline']);
  assert.throws(() => keys.layer({ name: 'bad', isOpen: () => true }), TypeError);
  assert.throws(() => keys.layer({ name: 'bad', rank: 1 }), TypeError);
  assert.equal(createKeys({ isTyping }).dispatch(key('x')), null, 'no layer: nobody takes the key');
});

test('listen attaches the one keydown listener', () => {
  const keys = createKeys({ isTyping });
  const added = [];
  keys.listen({ addEventListener: (type, fn) => added.push([type, typeof fn]) });
  assert.deepEqual(added, [['keydown', 'function']]);
});
