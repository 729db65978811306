//! The calibration banner: when a trip opens and after an import, the core is asked for each
//! camera's clock (calibrate); every camera with a suggestion gets a calm banner above the
//! timeline with the core's sentence and three buttons. Preview opens the settings sheet with
//! the suggested clock filled in and its list of photos that would change day; Apply sets the
//! clock (Ctrl+Z puts back the clock the camera had, the suggestion's `current`); Dismiss tells
//! the core not to offer it again. No modal, no error toast: a suggestion is advice, and a
//! failed calibration only leaves the banner away.
import { $, el, clear } from './dom.js';
import { calibrate, applySettings, dismissClock } from './api.js';
import { showError, showInfo } from './toast.js';
import { plural } from './format.js';

/** The suggestions of a Calibration, camera by camera; cameras without one are left out. */
export function suggestionsOf(calibration) {
  const cameras = (calibration && calibration.cameras) || [];
  return cameras.filter((c) => c && typeof c.clock === 'string' && c.clock && !c.none);
}

/** The evidence under the sentence, in words: "21 matched photos, 21 alike · …". */
export function evidenceText(s) {
  const bits = [];
  if (Number.isFinite(s.pairs)) {
    bits.push(Number.isFinite(s.visual) && s.visual > 0
      ? `${plural(s.pairs, 'matched photo')} (${s.visual} alike in picture)`
      : plural(s.pairs, 'matched photo'));
  }
  if (Number.isFinite(s.residual_s)) bits.push(`within ${Math.round(s.residual_s)} s`);
  if (Number.isFinite(s.changes_day)) {
    const n = s.changes_day;
    bits.push(n ? `${plural(n, 'photo')} ${n === 1 ? 'changes' : 'change'} day` : 'no photo changes day');
  }
  if (Number.isFinite(s.confidence)) bits.push(`confidence ${Math.round(s.confidence * 100)}%`);
  return bits.join(' · ');
}

/** A clock as the toast names it: "UTC+01:03:38" for an offset, a zone or "trip" as it is. */
export function clockWords(clock) {
  return /^[+-]\d/.test(clock || '') ? `UTC${clock}` : clock;
}

/**
 * createCalibration(ctx): ctx = {trip(), reloadTimeline(opts), reloadTrips(), record(label,
 * revert), undo(), previewClock(trip, {camera, clock})}.
 */
export function createCalibration(ctx) {
  const root = $('#calibration');
  let token = 0; // the newest refresh; older answers are dropped
  let shownFor = null; // the trip whose suggestions are shown

  /** Asks the core for `trip`'s suggestions and shows them (nothing when there are none). */
  async function refresh(trip) {
    const mine = ++token;
    if (!trip) {
      clearAll();
      return;
    }
    let found;
    try {
      found = await calibrate(trip);
    } catch (err) {
      // Advice only: a trip that cannot be calibrated just shows no banner.
      console.warn('calibration failed', err);
      if (mine === token && shownFor !== trip) clearAll();
      return;
    }
    if (mine !== token || ctx.trip() !== trip) return;
    render(trip, suggestionsOf(found));
  }

  function clearAll() {
    shownFor = null;
    clear(root);
    root.hidden = true;
  }

  function render(trip, suggestions) {
    // Keep the focus on a button of a banner that stays (a refresh after Apply of another one).
    const focused = root.contains(document.activeElement) ? document.activeElement : null;
    const focusKey = focused && focused.closest('.suggestion')
      ? [focused.closest('.suggestion').dataset.camera, focused.className] : null;
    clear(root);
    shownFor = trip;
    for (const s of suggestions) root.appendChild(banner(trip, s));
    root.hidden = suggestions.length === 0;
    root.dataset.trip = trip;
    root.dataset.count = String(suggestions.length);
    if (focusKey) {
      const again = [...root.querySelectorAll('.suggestion')].find((b) => b.dataset.camera === focusKey[0]);
      const button = again && [...again.querySelectorAll('button')].find((b) => b.className === focusKey[1]);
      if (button) button.focus();
    }
  }

  function banner(trip, s) {
    const textId = `suggestion-${root.children.length}-text`;
    const node = el('section.suggestion', {
      dataset: { camera: s.camera, clock: s.clock, current: s.current || 'trip', model: s.model || '' },
      attrs: { 'aria-labelledby': textId },
    });
    const preview = el('button.button.small.suggestion-preview', { type: 'button' }, 'Preview');
    const apply = el('button.button.small.primary.suggestion-apply', { type: 'button' }, 'Apply');
    const dismiss = el('button.button.small.quiet.suggestion-dismiss', {
      type: 'button',
      attrs: { 'aria-label': `Dismiss the clock suggestion for ${s.camera}` },
    }, 'Dismiss');
    preview.addEventListener('click', () => ctx.previewClock(trip, { camera: s.camera, clock: s.clock }));
    apply.addEventListener('click', () => runApply(trip, s, node));
    dismiss.addEventListener('click', () => runDismiss(trip, s, node));
    node.append(
      el('span.suggestion-icon', { attrs: { 'aria-hidden': 'true' } }, '◷'),
      el('div.suggestion-body', {},
        el('p.suggestion-text', { id: textId }, s.text || `${s.camera}: clock ${s.clock}`),
        el('p.suggestion-evidence', {}, evidenceText(s))),
      el('div.suggestion-actions', {}, preview, apply, dismiss),
    );
    return node;
  }

  function busy(node, on) {
    for (const b of node.querySelectorAll('button')) b.disabled = on;
    node.classList.toggle('busy', on);
  }

  /** Sets the suggested clock; undo puts back the one the camera had (`current`). */
  async function runApply(trip, s, node) {
    busy(node, true);
    try {
      await applySettings(trip, { shifts: [{ camera: s.camera, clock: s.clock }] });
    } catch (err) {
      busy(node, false);
      showError(err, `Could not set the clock of ${s.camera}`);
      return;
    }
    removeBanner(node);
    const previous = s.current || 'trip';
    const settle = async () => {
      if (ctx.trip() !== trip) return;
      await ctx.reloadTimeline({ keepScroll: true });
      ctx.reloadTrips();
      refresh(trip);
    };
    ctx.record(`clock of ${s.camera}`, async () => {
      await applySettings(trip, { shifts: [{ camera: s.camera, clock: previous }] });
      await settle();
    });
    await settle();
    showInfo(`${s.camera}’s clock set to ${clockWords(s.clock)}`, { undo: () => ctx.undo() });
  }

  async function runDismiss(trip, s, node) {
    busy(node, true);
    try {
      await dismissClock(trip, s.camera, s.clock);
    } catch (err) {
      busy(node, false);
      showError(err, 'Could not dismiss the suggestion');
      return;
    }
    removeBanner(node);
    showInfo(`Lanyard won’t suggest this clock for ${s.camera} again`);
  }

  function removeBanner(node) {
    const next = node.nextElementSibling || node.previousElementSibling;
    const hadFocus = node.contains(document.activeElement);
    node.remove();
    root.hidden = root.children.length === 0;
    root.dataset.count = String(root.children.length);
    // Keyboard users land on the next banner, else on the timeline: never on <body>.
    if (hadFocus) {
      const target = next && next.querySelector('.suggestion-apply');
      if (target) target.focus();
      else $('#timeline').focus({ preventScroll: true });
    }
  }

  return { refresh, clear: clearAll };
}
