// In-app confirm and prompt dialogs (<dialog>), so nothing relies on window.confirm/prompt.
import { $ } from './dom.js';
import { keys, RANK } from './keys.js';

// The topmost keyboard layer: while a confirm or prompt is open, its own keys (Esc cancels, Enter
// confirms: the <dialog>'s and the form's) are the only ones; no shortcut or undo reaches the trip.
keys.layer({
  name: 'modal',
  rank: RANK.modal,
  isOpen: () => Boolean(document.querySelector('#modal')?.open),
});

/**
 * ask({title, text, input?: {value, placeholder}, confirm: 'Delete', danger})
 * → Promise<string|true|null>: the input value, true for a plain confirm, null when cancelled.
 */
export function ask({ title, text = '', input = null, confirm = 'OK', danger = false }) {
  const dialog = $('#modal');
  const form = $('#modal-form');
  const field = $('#modal-input');
  const ok = $('#modal-confirm');
  const cancel = $('#modal-cancel');
  $('#modal-title').textContent = title;
  $('#modal-text').textContent = text;
  $('#modal-text').hidden = !text;
  field.hidden = !input;
  field.value = input ? input.value || '' : '';
  field.placeholder = input ? input.placeholder || '' : '';
  ok.textContent = confirm;
  ok.classList.toggle('danger', danger);
  dialog.dataset.kind = input ? 'prompt' : 'confirm';

  return new Promise((resolve) => {
    let result = null;
    const finish = () => {
      form.removeEventListener('submit', onSubmit);
      cancel.removeEventListener('click', onCancel);
      dialog.removeEventListener('close', finish);
      resolve(result);
    };
    const onSubmit = (event) => {
      event.preventDefault();
      if (input) {
        const value = field.value.trim();
        if (!value) {
          field.focus();
          return;
        }
        result = value;
      } else {
        result = true;
      }
      dialog.close();
    };
    const onCancel = () => {
      result = null;
      dialog.close();
    };
    form.addEventListener('submit', onSubmit);
    cancel.addEventListener('click', onCancel);
    dialog.addEventListener('close', finish);
    dialog.showModal();
    if (input) {
      field.focus();
      field.select();
    } else {
      (danger ? cancel : ok).focus();
    }
  });
}
