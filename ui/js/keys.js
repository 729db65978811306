//! The keyboard: one `keydown` listener on the document and the layers that share it. Each layer
//! (modal confirm > export dialog > settings sheet > viewer > timeline grid) registers whether it
//! is open and what it does with a key; only the topmost open layer sees a key, so no layer has to
//! check what else is open. Ctrl+Z (⌘Z) is the app's undo in the layers that allow it, except in a
//! field with typing of its own, which keeps the browser's text undo. Listeners on single fields
//! (Enter in a day title) stay with their field. No DOM access here beyond the event and its
//! target: the dispatcher is tested under Node.
import { isTyping } from './dom.js';

/** Stacking order, topmost first: a higher rank takes the key. */
export const RANK = Object.freeze({ modal: 50, export: 40, settings: 30, viewer: 20, timeline: 10 });

/**
 * A keyboard dispatcher. `isTyping(target)` says whether keystrokes on `target` belong to a text
 * field; `undo()` runs the app's undo.
 */
export function createKeys({ isTyping, undo = () => {} }) {
  const layers = [];
  let runUndo = undo;

  /**
   * Register a layer: `{name, rank, isOpen(), onKey(event), undo}`. `undo: true` lets Ctrl+Z
   * reach the app's undo while this layer is on top; `onKey` then never sees that key.
   * Returns a function that removes the layer again.
   */
  function layer({ name, rank, isOpen, onKey = () => {}, undo: allowsUndo = false }) {
    if (typeof rank !== 'number' || typeof isOpen !== 'function') {
      throw new TypeError(`keyboard layer ${name}: needs a rank and isOpen()`);
    }
    const entry = { name, rank, isOpen, onKey, undo: allowsUndo };
    layers.push(entry);
    layers.sort((a, b) => b.rank - a.rank);
    return () => {
      const i = layers.indexOf(entry);
      if (i >= 0) layers.splice(i, 1);
    };
  }

  /** The topmost open layer, or null. */
  function top() {
    return layers.find((l) => l.isOpen()) || null;
  }

  /** Hands `event` to the topmost open layer. Returns that layer's name (for tests), or null. */
  function dispatch(event) {
    const on = top();
    if (!on) return null;
    if (isUndoKey(event)) {
      if (on.undo && appUndoApplies(event.target, isTyping)) {
        event.preventDefault();
        runUndo();
      }
      return on.name;
    }
    on.onKey(event);
    return on.name;
  }

  return {
    layer,
    dispatch,
    top: () => (top() ? top().name : null),
    /** Set (or replace) what Ctrl+Z runs. */
    setUndo(fn) {
      runUndo = fn;
    },
    /** Start listening on `target` (the document). */
    listen(target) {
      target.addEventListener('keydown', dispatch);
    },
  };
}

/** Ctrl+Z or ⌘Z, without Shift or Alt (Ctrl+Shift+Z is left to the browser). */
export function isUndoKey(event) {
  return Boolean((event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey
    && (event.key === 'z' || event.key === 'Z'));
}

/** A plain key: no Ctrl, ⌘ or Alt held (Shift is allowed: "F" is f). */
export function isPlainKey(event) {
  return !(event.ctrlKey || event.metaKey || event.altKey);
}

/**
 * Whether Ctrl+Z in `target` is the app's undo. A text field that saves its own value carries
 * `data-saved` (the last saved value): while it holds unsaved typing the browser undoes that
 * typing; once saved, Ctrl+Z undoes the last edit. A text field without `data-saved` (a search,
 * a prompt) always keeps the browser's undo.
 */
export function appUndoApplies(target, isTyping) {
  if (!isTyping(target)) return true;
  const saved = target.dataset && target.dataset.saved;
  return typeof saved === 'string' && target.value === saved;
}

/** The app's one dispatcher: views register their layers on it, app.js starts it. */
export const keys = createKeys({ isTyping });
