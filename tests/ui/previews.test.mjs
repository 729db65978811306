// previews.js: the queue that asks for the preview of a tile someone rests on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPreviewQueue, warmOnRest, REST_MS } from '../../ui/js/previews.js';

/** A loader whose loads end when the test says so. */
function loader() {
  const started = [];
  const ends = new Map();
  const load = (url) => new Promise((resolve) => {
    started.push(url);
    ends.set(url, resolve);
  });
  const finish = async (url) => {
    ends.get(url)();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { load, started, finish };
}

test('one preview at a time; the latest ask waits, earlier waiting ones are dropped', async () => {
  const { load, started, finish } = loader();
  const queue = createPreviewQueue(load);
  queue.ask('a');
  queue.ask('b');
  queue.ask('c');
  assert.deepEqual(started, ['a'], 'b and c wait while a is made');
  await finish('a');
  assert.deepEqual(started, ['a', 'c'], 'only the latest ask is made next');
  await finish('c');
  queue.ask('b');
  assert.deepEqual(started, ['a', 'c', 'b']);
});

test('each preview is asked for once; a photo without a preview URL asks nothing', async () => {
  const { load, started, finish } = loader();
  const queue = createPreviewQueue(load);
  queue.ask('a');
  queue.ask('a');
  await finish('a');
  queue.ask('a');
  queue.ask(null);
  assert.deepEqual(started, ['a']);
  queue.ask('b');
  queue.ask('a');
  await finish('b');
  assert.deepEqual(started, ['a', 'b'], 'a waiting ask already made is not made again');
});

/** A grid of tiles as warmOnRest sees them, its events fired by hand. */
function grid(ids) {
  const handlers = {};
  const root = { addEventListener: (type, fn) => { handlers[type] = fn; }, contains: () => true };
  const tiles = new Map(ids.map((id) => [id, { dataset: { id: String(id) }, closest() { return this; } }]));
  const outside = { closest: () => null };
  const photo = (id) => ({ id, hash: id.toString(16).padStart(64, '0'), thumb: { state: 'ready' } });
  const asked = [];
  warmOnRest(root, photo, { ask: (url) => asked.push(Number.parseInt(url.split('/').at(-2), 16)) });
  const fire = (type, target) => handlers[type]({ target });
  return { tiles, outside, fire, asked };
}

test('a tile the pointer or the focus rests on has its preview asked for; a passing pointer asks nothing', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const { tiles, outside, fire, asked } = grid([1, 2, 3, 4]);
  fire('pointerover', tiles.get(1));
  t.mock.timers.tick(REST_MS - 1);
  fire('pointerover', tiles.get(2)); // moved on before resting
  t.mock.timers.tick(REST_MS - 1);
  fire('pointerover', tiles.get(2)); // a child of the same tile: still resting
  t.mock.timers.tick(1);
  assert.deepEqual(asked, [2]);

  fire('pointerover', tiles.get(3));
  fire('pointerover', outside); // off the tiles
  fire('pointerover', tiles.get(4));
  fire('pointerleave', null); // out of the grid
  t.mock.timers.tick(REST_MS * 2);
  assert.deepEqual(asked, [2]);

  fire('focusin', tiles.get(3));
  t.mock.timers.tick(REST_MS);
  fire('pointerdown', tiles.get(1)); // a press asks at once
  assert.deepEqual(asked, [2, 3, 1]);
});
