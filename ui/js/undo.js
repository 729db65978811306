//! Undo for the last edits (captions, day titles and notes, favourites, hidden photos, people,
//! sessions, camera clocks, trip settings). Each entry knows how to re-apply the previous value
//! through the same command that made the edit; the entry is keyed by what cannot move (a photo
//! id, a day's date), never by a day number. No DOM here: what to tell the person comes in as
//! `said` and `failed` (the toasts in the app, plain functions in tests).

export const LIMIT = 50;

/**
 * createHistory({said(text), failed(err, context)}) → {record, undo, clear, canUndo, size, labels}
 */
export function createHistory({ said = () => {}, failed = () => {}, limit = LIMIT } = {}) {
  const stack = [];

  /** Record an edit that has just been saved. `revert` re-applies the old value (may be async). */
  function record(label, revert) {
    stack.push({ label, revert });
    if (stack.length > limit) stack.shift();
  }

  /** Reverts the newest edit; resolves to its label, or null when nothing was undone. */
  async function undo() {
    const entry = stack.pop();
    if (!entry) {
      said('Nothing to undo');
      return null;
    }
    try {
      await entry.revert();
      said(`Undone: ${entry.label}`);
      return entry.label;
    } catch (err) {
      failed(err, 'Could not undo');
      return null;
    }
  }

  return {
    record,
    undo,
    clear: () => {
      stack.length = 0;
    },
    canUndo: () => stack.length > 0,
    size: () => stack.length,
    /** Labels, newest first (for tests and a future menu). */
    labels: () => stack.map((e) => e.label).reverse(),
  };
}
