// people.js: suggestions for "Who's in this photo?", safe links, a day's people, the agenda by
// day, session times and speakers, the viewer's session control.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  suggestPeople, knownPerson, moveActive, safeLink, dayPeople, clockOf, sessionTime, speakersText,
  agendaByDay, attendanceValue, sessionControl, fold,
} from '../../ui/js/people.js';

const people = [
  { name: 'Kunal Kushwaha', org: 'Civo' },
  { name: 'Saiyam Pathak', org: 'Civo' },
  { name: 'Ada Lovelace', org: 'Engines Inc' },
  { name: 'Zoë Kay' },
  { name: 'kubelet fan' },
];
const names = (list) => list.map((p) => p.name);

test('suggestions: prefix first, then a word starting with it, then anywhere; tagged ones left out', () => {
  assert.deepEqual(names(suggestPeople(people, 'ku')), ['kubelet fan', 'Kunal Kushwaha']);
  assert.deepEqual(names(suggestPeople(people, 'pat')), ['Saiyam Pathak'], 'a later word');
  assert.deepEqual(names(suggestPeople(people, 'ush')), ['Kunal Kushwaha'], 'inside a word');
  assert.deepEqual(names(suggestPeople(people, 'civo')), ['Kunal Kushwaha', 'Saiyam Pathak'], 'by affiliation');
  assert.deepEqual(names(suggestPeople(people, 'KU', { exclude: ['kunal kushwaha'] })), ['kubelet fan']);
  assert.deepEqual(names(suggestPeople(people, 'zoe')), ['Zoë Kay'], 'accents folded');
  assert.deepEqual(names(suggestPeople(people, 'nobody')), []);
  assert.equal(suggestPeople(people, '').length, 5, 'an empty field offers everyone');
  assert.equal(suggestPeople(people, '', { limit: 2 }).length, 2);
  assert.deepEqual(names(suggestPeople(['Bob', 'bobby'], 'bo')), ['Bob', 'bobby'], 'plain names work too');
  assert.deepEqual(suggestPeople(null, 'x'), []);
});

test('a known person is found in any case; a new name is not', () => {
  assert.equal(knownPerson(people, '  kunal KUSHWAHA ').name, 'Kunal Kushwaha');
  assert.equal(knownPerson(people, 'Kunal'), null);
  assert.equal(fold(' Zoë '), 'zoe');
});

test('arrows move through the suggestions and back to the typed text, wrapping', () => {
  assert.equal(moveActive(-1, 1, 3), 0);
  assert.equal(moveActive(0, 1, 3), 1);
  assert.equal(moveActive(2, 1, 3), -1, 'past the last: the typed text');
  assert.equal(moveActive(-1, -1, 3), 2, 'up from the text: the last');
  assert.equal(moveActive(0, -1, 3), -1);
  assert.equal(moveActive(-1, 1, 0), -1, 'nothing to move to');
});

test('only http(s) links may be opened', () => {
  assert.equal(safeLink('https://x.example/kunal'), 'https://x.example/kunal');
  assert.equal(safeLink(' http://x.example '), 'http://x.example');
  for (const bad of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'file:///etc/passwd', 'data:text/html,x',
    'x.example', '', null, undefined, 'https://', 'http://exa mple.com']) {
    assert.equal(safeLink(bad), null, String(bad));
  }
});

test('a day lists the people marked met, then those only tagged; only the met ones are removable', () => {
  const day = {
    people: [
      { id: 1, name: 'Ada', link: null, org: null, private: false, met: false },
      { id: 2, name: 'kunal', link: 'https://x.example/kunal', org: 'Civo', private: false, met: true },
      { id: 3, name: '<img src=x onerror=alert(1)>', link: 'javascript:alert(1)', org: null, private: true, met: true },
    ],
  };
  assert.deepEqual(dayPeople(day), [
    { name: 'kunal', link: 'https://x.example/kunal', org: 'Civo', private: false, removable: true },
    { name: '<img src=x onerror=alert(1)>', link: null, org: null, private: true, removable: true },
    { name: 'Ada', link: null, org: null, private: false, removable: false },
  ]);
  assert.deepEqual(dayPeople({}), []);
  assert.deepEqual(dayPeople(null), []);
});

test('session times and speakers in words', () => {
  assert.equal(clockOf('2023-11-07T09:00:00-06:00'), '09:00');
  assert.equal(clockOf('09:00'), '');
  assert.equal(sessionTime({ start: '2023-11-07T09:00:00-06:00', end: '2023-11-07T09:20:00-06:00' }), '09:00–09:20');
  assert.equal(sessionTime({ start: '2023-11-07T09:00:00-06:00', end: '' }), '09:00');
  assert.equal(sessionTime({}), '');
  assert.equal(speakersText([{ name: 'Grace Hopper', company: 'Navy' }, { name: 'Bob Roe', company: null }]),
    'Grace Hopper, Navy · Bob Roe');
  assert.equal(speakersText([]), '');
  assert.equal(speakersText(undefined), '');
});

test('the agenda grouped by day, labelled with the trip day when there is one', () => {
  const s = (uid, date, day) => ({ uid, date, day, start: `${date}T09:00:00-06:00` });
  const groups = agendaByDay(
    [s('a', '2023-11-07', 2), s('b', '2023-11-07', 2), s('c', '2023-11-06', null), s('d', '2023-11-09', 4)],
    [{ number: 2, date: '2023-11-07', label: 'Tue 7 Nov 2023' }],
  );
  assert.deepEqual(groups.map((g) => [g.date, g.day, g.label, g.sessions.map((x) => x.uid)]), [
    ['2023-11-06', null, '2023-11-06', ['c']],
    ['2023-11-07', 2, 'Day 2 · Tue 7 Nov 2023', ['a', 'b']],
    ['2023-11-09', 4, '2023-11-09', ['d']],
  ]);
  assert.deepEqual(agendaByDay([]), []);
});

test('attendance goes back as it was: marked, not attended, or for the rules', () => {
  assert.equal(attendanceValue('marked'), true);
  assert.equal(attendanceValue('no'), false);
  assert.equal(attendanceValue('inferred'), null);
  assert.equal(attendanceValue('unknown'), null);
});

test("the viewer's session control: automatic names the rules' choice, hand-set values stay selectable", () => {
  const choices = [
    { uid: 'p1', title: 'eBPF', room: 'S100', time: '11:00–11:30' },
    { uid: 'p2', title: '<b>Bold</b>', room: null, time: '11:00–11:30' },
  ];
  const auto = sessionControl({ session_by: 'auto', session_details: { uid: 'p1', title: 'eBPF' }, session_choices: choices });
  assert.equal(auto.value, 'auto');
  assert.deepEqual(auto.options.map((o) => o.value), ['auto', 'p1', 'p2', 'none']);
  assert.equal(auto.options[0].label, 'Automatic: eBPF');
  assert.equal(auto.options[1].label, '11:00–11:30 · eBPF · S100');
  assert.equal(auto.options[2].label, '11:00–11:30 · <b>Bold</b>', 'as typed; set as text by the view');

  const none = sessionControl({ session_by: 'hand', session_details: null, session_choices: choices });
  assert.equal(none.value, 'none');
  assert.equal(none.options[0].label, 'Automatic (by the agenda)');

  const far = sessionControl({
    session_by: 'hand',
    session_details: { uid: 'k9', title: 'Far away', time: '16:00–16:30', room: 'Hall' },
    session_choices: choices,
  });
  assert.equal(far.value, 'k9');
  assert.deepEqual(far.options.map((o) => o.value), ['auto', 'p1', 'p2', 'k9', 'none'], 'the hand-set one stays');

  assert.deepEqual(sessionControl(null).options.map((o) => o.value), ['auto', 'none']);
});
