// sessions.js: a day with an agenda cut into session blocks and runs of photos outside them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  hasAgenda, slotKey, clock, sessionTime, runTime, speakersText, dayBlocks, blockPhotos, splitAgendaPaths,
} from '../../ui/js/sessions.js';

const at = (hhmm) => `2023-11-06T${hhmm}:00-06:00`;
const photo = (id, hhmm, extra = {}) => ({ id, local_time: hhmm ? at(hhmm) : null, session: null, ...extra });
const session = (uid, start, end, extra = {}) => ({
  uid, title: `Talk ${uid}`, speakers: [], room: null, start: at(start), end: at(end), attended: true, notes: '', ...extra,
});
const inS = (uid) => ({ session: { uid, title: `Talk ${uid}` } });
const cands = (...uids) => ({ session_candidates: uids.map((uid) => ({ uid, title: `Talk ${uid}` })) });
const shape = (blocks) => blocks.map((b) => (b.kind === 'session'
  ? `S:${b.session.uid}[${b.photos.map((p) => p.id)}]`
  : b.kind === 'loose' ? `L${b.ask ? '?' : ''}[${b.photos.map((p) => p.id)}]` : `C@${b.change.index}`));

test('a day without sessions or candidates keeps the plain grid', () => {
  assert.equal(hasAgenda({ photos: [photo(1, '09:00')], sessions: [] }), false);
  assert.equal(hasAgenda({ photos: [photo(1, '09:00')] }), false);
  assert.equal(hasAgenda({ photos: [], sessions: [session('a', '09:00', '10:00')] }), true);
  assert.equal(hasAgenda({ photos: [photo(1, '09:00', cands('a', 'b'))], sessions: [] }), true);
  assert.equal(hasAgenda(null), false);
});

test('sessions in time order with their photos, loose photos between them under their own runs', () => {
  const day = {
    sessions: [session('k1', '09:00', '09:30'), session('k2', '09:30', '10:00'), session('t', '14:00', '14:30')],
    photos: [
      photo(1, '08:40'), photo(2, '08:50'),
      photo(3, '09:05', inS('k1')), photo(4, '09:31', inS('k2')), photo(5, '09:45', inS('k2')),
      photo(6, '12:00'), photo(7, '14:10', inS('t')), photo(8, '18:00'), photo(9, '19:00'),
    ],
  };
  const blocks = dayBlocks(day);
  assert.deepEqual(shape(blocks), ['L[1,2]', 'S:k1[3]', 'S:k2[4,5]', 'L[6]', 'S:t[7]', 'L[8,9]']);
  assert.deepEqual(blockPhotos(blocks).map((p) => p.id), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.equal(runTime(blocks[0].photos), '08:40–08:50');
  assert.equal(runTime(blocks[3].photos), '12:00');
});

test('a run of loose photos is cut where a session without photos starts between them', () => {
  const day = {
    sessions: [session('e', '10:00', '10:30')],
    photos: [photo(1, '09:50'), photo(2, '10:40')],
  };
  assert.deepEqual(shape(dayBlocks(day)), ['L[1]', 'S:e[]', 'L[2]']);
  assert.deepEqual(shape(dayBlocks(day, { showEmpty: false })), ['L[1]', 'L[2]'], 'still two times, hidden or not');
});

test('attended sessions without photos hide on request, unless they carry notes', () => {
  const day = {
    sessions: [session('a', '09:00', '09:30'), session('b', '10:00', '10:30', { notes: 'Great talk' }),
      session('c', '11:00', '11:30')],
    photos: [photo(1, '11:10', inS('c'))],
  };
  assert.deepEqual(shape(dayBlocks(day)), ['S:a[]', 'S:b[]', 'S:c[1]']);
  assert.deepEqual(shape(dayBlocks(day, { showEmpty: false })), ['S:b[]', 'S:c[1]']);
});

test('parallel sessions: one question per slot, on its first run', () => {
  const day = {
    sessions: [session('k', '09:00', '09:30')],
    photos: [
      photo(1, '09:10', inS('k')),
      photo(2, '11:05', cands('b', 'a')), photo(3, '11:10', cands('a', 'b')),
      photo(4, '12:30'),
      photo(5, '14:00', cands('c', 'd')),
    ],
  };
  const blocks = dayBlocks(day);
  assert.deepEqual(shape(blocks), ['S:k[1]', 'L?[2,3]', 'L[4]', 'L?[5]']);
  assert.deepEqual(blocks[1].ask.map((c) => c.uid), ['b', 'a'], 'the candidates as the core gave them');
  assert.equal(blocks[1].slot, 'a\nb');
  assert.equal(slotKey(photo(9, '10:00')), '');
});

test('a photo put in a session by hand sits under it whatever its time', () => {
  const day = {
    sessions: [session('t', '14:00', '14:30')],
    photos: [photo(1, '09:00', inS('t')), photo(2, '10:00')],
  };
  assert.deepEqual(shape(dayBlocks(day)), ['L[2]', 'S:t[1]']);
});

test('a session the day does not list leaves its photo loose', () => {
  const day = { sessions: [], photos: [photo(1, '09:00', inS('gone'))] };
  assert.deepEqual(shape(dayBlocks(day)), ['L[1]']);
});

test('clock changes cut runs and sit at their instant', () => {
  const day = {
    sessions: [session('s', '09:00', '09:30')],
    clock_changes: [{ kind: 'dst', at: '2023-11-05T01:00:00-06:00', index: 1, text: 'Clocks went back 1 h at 02:00' }],
    photos: [
      { id: 1, local_time: '2023-11-05T01:30:00-05:00', session: null },
      { id: 2, local_time: '2023-11-05T01:10:00-06:00', session: null },
      photo(3, '09:10', inS('s')),
    ],
  };
  assert.deepEqual(shape(dayBlocks(day)), ['L[1]', 'C@1', 'L[2]', 'S:s[3]']);
});

test('photos without a time stay where the core put them', () => {
  const day = {
    sessions: [session('s', '09:00', '09:30')],
    photos: [photo(1, null), photo(2, '09:10', inS('s')), photo(3, '12:00'), photo(4, null)],
  };
  assert.deepEqual(shape(dayBlocks(day)), ['L[1]', 'S:s[2]', 'L[3,4]']);
});

test('times, speakers and headers in words', () => {
  assert.equal(clock('2023-11-06T15:02:18-06:00'), '15:02');
  assert.equal(clock(null), '');
  assert.equal(sessionTime(session('x', '15:00', '15:30')), '15:00–15:30');
  assert.equal(sessionTime({ start: at('15:00'), end: at('15:00') }), '15:00');
  assert.equal(speakersText([{ name: 'Ada Lovelace', company: 'Analytical' }, { name: 'Grace Hopper', company: null }]),
    'Ada Lovelace (Analytical), Grace Hopper');
  assert.equal(speakersText([]), '');
  assert.equal(runTime([]), '');
});

test('dropped agenda files are told apart from photos and folders', () => {
  const { agendas, photos } = splitAgendaPaths([
    '/trip/all.ics', '/trip/IMG_1.JPG', '/trip/schedule.json', '/trip', '/trip/My Sched.ICS', '/trip/x.heic',
  ]);
  assert.deepEqual(agendas, ['/trip/all.ics', '/trip/schedule.json', '/trip/My Sched.ICS']);
  assert.deepEqual(photos, ['/trip/IMG_1.JPG', '/trip', '/trip/x.heic']);
  assert.deepEqual(splitAgendaPaths(undefined), { agendas: [], photos: [] });
});
