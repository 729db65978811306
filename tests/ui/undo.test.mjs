// undo.js: the history of edits, newest first, bounded, and what it tells the person.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHistory, LIMIT } from '../../ui/js/undo.js';

function recorder() {
  const said = [];
  const failed = [];
  return {
    said,
    failed,
    history: createHistory({
      said: (text) => said.push(text),
      failed: (err, context) => failed.push(`${context}: ${err.message}`),
    }),
  };
}

test('undo reverts the newest edit first and says which', async () => {
  const { history, said } = recorder();
  const reverted = [];
  history.record('caption', () => reverted.push('caption'));
  history.record('title of day 2', async () => reverted.push('title'));
  assert.deepEqual(history.labels(), ['title of day 2', 'caption']);
  assert.equal(await history.undo(), 'title of day 2');
  assert.equal(await history.undo(), 'caption');
  assert.deepEqual(reverted, ['title', 'caption']);
  assert.deepEqual(said, ['Undone: title of day 2', 'Undone: caption']);
  assert.equal(history.canUndo(), false);
});

test('undo with nothing recorded says so and reverts nothing', async () => {
  const { history, said, failed } = recorder();
  assert.equal(await history.undo(), null);
  assert.deepEqual(said, ['Nothing to undo']);
  assert.deepEqual(failed, []);
});

test('a failing revert is reported, not thrown, and leaves the entry gone', async () => {
  const { history, said, failed } = recorder();
  history.record('hide', () => Promise.reject(new Error('photo 7 is gone')));
  assert.equal(await history.undo(), null);
  assert.deepEqual(failed, ['Could not undo: photo 7 is gone']);
  assert.deepEqual(said, []);
  assert.equal(history.size(), 0, 'a failed undo is not retried by the next Ctrl+Z');
});

test('the history keeps the newest LIMIT edits', async () => {
  const { history } = recorder();
  for (let i = 0; i < LIMIT + 5; i += 1) history.record(`edit ${i}`, () => {});
  assert.equal(history.size(), LIMIT);
  assert.equal(history.labels()[0], `edit ${LIMIT + 4}`);
  assert.equal(history.labels()[LIMIT - 1], 'edit 5', 'the oldest five were dropped');
});

test('clear forgets everything (another trip opened, the trip deleted)', async () => {
  const { history, said } = recorder();
  let reverted = false;
  history.record('favourite', () => { reverted = true; });
  history.clear();
  await history.undo();
  assert.equal(reverted, false);
  assert.deepEqual(said, ['Nothing to undo']);
});

test('an entry reverts what it captured when recorded, whatever happened since', async () => {
  // app.js keys day edits by date: the revert closes over the date, not a day number that a
  // camera shift can renumber. The history itself must not re-evaluate anything at undo time.
  const { history } = recorder();
  const titles = new Map([['2022-05-17', 'Old']]);
  const date = '2022-05-17';
  titles.set(date, 'New');
  history.record('title of day 2', () => titles.set(date, 'Old'));
  titles.set('2022-05-16', 'untouched'); // days renumbered meanwhile: no effect on the entry
  await history.undo();
  assert.deepEqual([...titles], [['2022-05-17', 'Old'], ['2022-05-16', 'untouched']]);
});
