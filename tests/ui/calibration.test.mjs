// calibration.js: which cameras get a banner, and the evidence line under the core's sentence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suggestionsOf, evidenceText, clockWords } from '../../ui/js/calibration.js';

// As `lanyard calibrate --json` answers for the Chicago sample (trimmed).
const fuji = {
  camera: 'FUJIFILM X-T4',
  clock: '+01:03:38',
  model: 'fixed',
  pairs: 18,
  visual: 18,
  moments: 18,
  residual_s: 3.2,
  confidence: 0.91,
  changes_day: 4,
  current: 'trip',
  text: "FUJIFILM X-T4's clock reads UTC+01:03:38 (7 h 4 min ahead of Chicago); 18 matched moments.",
};

test('a banner per camera with a suggestion; none for the reasons there is none', () => {
  const calibration = {
    cameras: [
      fuji,
      { camera: 'Google Pixel 7', none: 'writes its offset' },
      { camera: 'Canon EOS R6', none: 'you dismissed the suggestion -04:59:35' },
    ],
  };
  assert.deepEqual(suggestionsOf(calibration).map((s) => s.camera), ['FUJIFILM X-T4']);
  assert.deepEqual(suggestionsOf({ cameras: [] }), []);
  assert.deepEqual(suggestionsOf(null), [], 'no answer: no banner');
  assert.deepEqual(suggestionsOf({ cameras: [{ camera: 'X', clock: '' }] }), [], 'an empty clock is no suggestion');
});

test('the evidence reads as words: matches, spread, day changes, confidence', () => {
  assert.equal(evidenceText(fuji),
    '18 matched photos (18 alike in picture) · within 3 s · 4 photos change day · confidence 91%');
  assert.equal(evidenceText({ ...fuji, visual: 0, changes_day: 0, pairs: 1 }),
    '1 matched photo · within 3 s · no photo changes day · confidence 91%');
  assert.equal(evidenceText({ ...fuji, changes_day: 1 }),
    '18 matched photos (18 alike in picture) · within 3 s · 1 photo changes day · confidence 91%');
  assert.equal(evidenceText({ camera: 'X', clock: '+01:00' }), '', 'no evidence given: nothing made up');
});

test('a clock in words: offsets read as UTC, zones and the trip as they are', () => {
  assert.equal(clockWords('+01:03:38'), 'UTC+01:03:38');
  assert.equal(clockWords('-04:59:35'), 'UTC-04:59:35');
  assert.equal(clockWords('America/Chicago'), 'America/Chicago');
  assert.equal(clockWords('trip+2m'), 'trip+2m');
});
