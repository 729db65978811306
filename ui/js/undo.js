// Undo for the last edits (caption, day title, day notes, favourite, hidden). Each entry knows how
// to re-apply the previous value through the same command that made the edit.
import { showError, showInfo } from './toast.js';

const LIMIT = 50;
const stack = [];

/** Record an edit that has just been saved. `revert` re-applies the old value (returns a Promise). */
export function record(label, revert) {
  stack.push({ label, revert });
  if (stack.length > LIMIT) stack.shift();
}

export function canUndo() {
  return stack.length > 0;
}

export async function undo() {
  const entry = stack.pop();
  if (!entry) {
    showInfo('Nothing to undo');
    return;
  }
  try {
    await entry.revert();
    showInfo(`Undone: ${entry.label}`);
  } catch (err) {
    showError(err, 'Could not undo');
  }
}

export function clearUndo() {
  stack.length = 0;
}
