// format.js: the small formatting the UI does itself (times, counts, names, sizes, coordinates).
// Dates in words come from the core (timeline labels, trip card dates, photo `when`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  localTime, utcOffset, photoTime, dateText, plural, fileName, bytes, coordinates,
} from '../../ui/js/format.js';

test('localTime reads HH:MM from the local time, nothing without one', () => {
  const cases = [
    [{ local_time: '2022-05-17T09:12:03' }, '09:12'],
    [{ local_time: '2022-05-17T00:40:00+02:00' }, '00:40'],
    [{ local_time: '2022-05-17 14:30:22' }, ''], // not the core's form: no guess
    [{ local_time: null }, ''],
    [{}, ''],
    [null, ''],
  ];
  for (const [photo, want] of cases) assert.equal(localTime(photo), want, JSON.stringify(photo));
});

test('plural counts in English with thousands separators', () => {
  assert.equal(plural(0, 'photo'), '0 photos');
  assert.equal(plural(1, 'photo'), '1 photo');
  assert.equal(plural(2, 'day'), '2 days');
  assert.equal(plural(12345, 'photo'), '12,345 photos');
  assert.equal(plural(3, 'child', 'children'), '3 children');
});

test('fileName is the last part of a path, either slash', () => {
  assert.equal(fileName('/home/me/Pictures/IMG_0042.JPG'), 'IMG_0042.JPG');
  assert.equal(fileName('C:\\Users\\me\\IMG 1.jpg'), 'IMG 1.jpg');
  assert.equal(fileName('plain.jpg'), 'plain.jpg');
  assert.equal(fileName('/folder/'), '/folder/', 'a trailing slash keeps the whole path');
  assert.equal(fileName(''), '');
  assert.equal(fileName(null), '');
});

test('bytes picks B, KB or MB', () => {
  assert.equal(bytes(0), '0 B');
  assert.equal(bytes(1023), '1023 B');
  assert.equal(bytes(1024), '1 KB');
  assert.equal(bytes(1536 * 1024), '1.5 MB');
  assert.equal(bytes(undefined), '');
  assert.equal(bytes('12'), '', 'only numbers');
});

test('coordinates name the hemispheres, five decimals', () => {
  assert.equal(coordinates(52.3731, 4.8922), '52.37310° N, 4.89220° E');
  assert.equal(coordinates(-33.8688, -70.6693), '33.86880° S, 70.66930° W');
  assert.equal(coordinates(0, 0), '0.00000° N, 0.00000° E');
  assert.equal(coordinates(null, 4), '');
});

test('utcOffset reads the offset the local time carries', () => {
  const cases = [
    [{ local_time: '2023-11-05T01:20:14-05:00' }, '-05:00'],
    [{ local_time: '2023-11-05T01:15:09-06:00' }, '-06:00'],
    [{ local_time: '2022-05-17T09:12:03+05:30' }, '+05:30'],
    [{ local_time: '2022-05-17T09:12:03Z' }, '+00:00'],
    [{ local_time: '2022-05-17T09:12:03' }, ''],
    [{ local_time: null }, ''],
    [null, ''],
  ];
  for (const [photo, want] of cases) assert.equal(utcOffset(photo), want, JSON.stringify(photo));
});

test('photoTime adds the offset only when asked (a day whose clocks change)', () => {
  // The repeated hour: 01:20 CDT comes before 01:15 CST; only the offsets tell them apart.
  const first = { local_time: '2023-11-05T01:20:14-05:00' };
  const second = { local_time: '2023-11-05T01:15:09-06:00' };
  assert.equal(photoTime(first), '01:20');
  assert.equal(photoTime(first, true), '01:20 -05:00');
  assert.equal(photoTime(second, true), '01:15 -06:00');
  assert.equal(photoTime({ local_time: '2022-05-17T09:12:03' }, true), '09:12', 'no offset to show');
  assert.equal(photoTime({ local_time: null }, true), '');
});

test('photoTime names the zone of a time away from the main zone ("09:10 CET")', () => {
  const gate = { local_time: '2023-11-04T09:10:04+01:00', zone: 'Europe/Berlin', zone_label: 'CET' };
  assert.equal(photoTime(gate), '09:10 CET');
  assert.equal(photoTime(gate, true), '09:10 CET', 'the zone says it all, no offset as well');
  const landed = { local_time: '2023-11-04T14:05:00-05:00', zone: 'America/Chicago', zone_label: null };
  assert.equal(photoTime(landed), '14:05');
  assert.equal(photoTime(landed, true), '14:05 -05:00');
  assert.equal(photoTime({ local_time: null, zone_label: 'CET' }), '', 'no time, no zone');
});

test('dateText writes a date as the core writes one day ("14 Jul 2021")', () => {
  assert.equal(dateText('2021-07-14'), '14 Jul 2021');
  assert.equal(dateText('2023-11-05'), '5 Nov 2023');
  assert.equal(dateText('2020-09-01'), '1 Sep 2020');
  assert.equal(dateText('2020-13-01'), '', 'no month 13');
  assert.equal(dateText('14 Jul 2021'), '');
  assert.equal(dateText(null), '');
});
