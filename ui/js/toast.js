// Toasts: errors (from LanyardError {code, message}) and short confirmations. Text only.
import { $ } from './dom.js';
import { toLanyardError } from './api.js';

let errorTimer = 0;
let infoTimer = 0;

export function initToasts() {
  $('#error-toast-close').addEventListener('click', hideError);
}

/** Show a readable message for anything thrown by a command. Never prints a raw object. */
export function showError(err, context) {
  const error = toLanyardError(err);
  const text = context ? `${context}: ${error.message}` : error.message;
  const toast = $('#error-toast');
  $('#error-toast-text').textContent = text;
  toast.dataset.code = error.code;
  toast.hidden = false;
  clearTimeout(errorTimer);
  errorTimer = setTimeout(hideError, 8000);
  console.warn(`[${error.code}] ${text}`);
}

export function hideError() {
  $('#error-toast').hidden = true;
}

/** A short confirmation, optionally with an Undo button. */
export function showInfo(text, { undo } = {}) {
  const toast = $('#info-toast');
  $('#info-toast-text').textContent = text;
  const button = $('#info-toast-undo');
  button.hidden = !undo;
  button.onclick = undo ? () => { toast.hidden = true; undo(); } : null;
  toast.hidden = false;
  clearTimeout(infoTimer);
  infoTimer = setTimeout(() => { toast.hidden = true; }, 4000);
}
