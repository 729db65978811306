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
  let made = 0; // banners made, for unique ids

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

  /**
   * Shows `suggestions`, keeping the banner of a suggestion that is already shown (same camera,
   * clocks, sentence and evidence): a refresh after Apply or an import must not swap the node under a
   * pointer or take the keyboard focus away.
   */
  function render(trip, suggestions) {
    if (shownFor !== trip) clear(root);
    shownFor = trip;
    const old = new Map([...root.querySelectorAll('.suggestion')].map((n) => [n.dataset.key, n]));
    const nodes = suggestions.map((s) => {
      const key = JSON.stringify([s.camera, s.clock, s.current, s.text, evidenceText(s)]);
      const kept = old.get(key);
      old.delete(key);
      return kept || banner(trip, s, key);
    });
    for (const gone of old.values()) gone.remove();
    nodes.forEach((node, i) => {
      if (root.children[i] !== node) root.insertBefore(node, root.children[i] || null);
    });
    root.hidden = suggestions.length === 0;
    root.dataset.trip = trip;
    root.dataset.count = String(suggestions.length);
  }

  function banner(trip, s, key) {
    const textId = `suggestion-${++made}-text`;
    const node = el('section.suggestion', {
      dataset: { key, camera: s.camera, clock: s.clock, current: s.current || 'trip', model: s.model || '' },
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

  /**
   * Disables the banner's buttons while its action runs. A disabled button loses the focus (in
   * WebKit some time later), so the focus is read first: returns the focused button or null,
   * which `idle` focuses again when the banner stays.
   */
  function busy(node) {
    const focused = node.contains(document.activeElement) ? document.activeElement : null;
    for (const b of node.querySelectorAll('button')) b.disabled = true;
    node.classList.add('busy');
    return focused;
  }

  function idle(node, focused) {
    for (const b of node.querySelectorAll('button')) b.disabled = false;
    node.classList.remove('busy');
    if (focused) focused.focus();
  }

  /** Sets the suggested clock; undo puts back the one the camera had (`current`). */
  async function runApply(trip, s, node) {
    const focused = busy(node);
    try {
      await applySettings(trip, { shifts: [{ camera: s.camera, clock: s.clock }] });
    } catch (err) {
      idle(node, focused);
      showError(err, `Could not set the clock of ${s.camera}`);
      return;
    }
    removeBanner(node, Boolean(focused));
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
    const focused = busy(node);
    try {
      await dismissClock(trip, s.camera, s.clock);
    } catch (err) {
      idle(node, focused);
      showError(err, 'Could not dismiss the suggestion');
      return;
    }
    removeBanner(node, Boolean(focused));
    showInfo(`Lanyard won’t suggest this clock for ${s.camera} again`);
  }

  /** Takes a banner away; `hadFocus`: its button had the keyboard focus when it was pressed. */
  function removeBanner(node, hadFocus) {
    const next = node.nextElementSibling || node.previousElementSibling;
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
