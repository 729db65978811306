//! A text field with its own small list of suggestions (the trip's people), usable from the
//! keyboard: ↓/↑ move through the names, Enter picks the highlighted name or the typed one, Esc
//! closes the list (then clears the field). These keys stop at the field, so they never reach
//! the keyboard layers behind it (the viewer's arrows and Esc, keys.js); with the list closed
//! and the field empty, Esc goes on to close the sheet or viewer as usual. Names are set as text.
import { el, clear } from './dom.js';
import { suggestPeople, moveActive } from './people.js';

let counter = 0;

/**
 * attachAutocomplete(input, list, {people() → PersonView[], exclude() → names, onPick(name)})
 * → {close(), refresh()}. `list` is an empty <ul> placed under the field.
 */
export function attachAutocomplete(input, list, { people, exclude = () => [], onPick }) {
  const listId = list.id || `suggestions-${++counter}`;
  list.id = listId;
  list.setAttribute('role', 'listbox');
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', listId);
  input.setAttribute('aria-expanded', 'false');
  let shown = [];
  let active = -1;

  function render() {
    clear(list);
    shown.forEach((p, i) => {
      const item = el('li.suggestion', {
        id: `${listId}-${i}`,
        dataset: { name: p.name },
        attrs: { role: 'option', 'aria-selected': String(i === active) },
      }, el('span.suggestion-name', {}, p.name), p.org ? el('span.suggestion-org', {}, p.org) : null);
      // mousedown, not click: the field keeps its focus.
      item.addEventListener('mousedown', (event) => {
        event.preventDefault();
        pick(p.name);
      });
      list.appendChild(item);
    });
    const open = shown.length > 0;
    list.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
    if (active >= 0) input.setAttribute('aria-activedescendant', `${listId}-${active}`);
    else input.removeAttribute('aria-activedescendant');
  }

  function refresh() {
    const text = input.value.trim();
    shown = text ? suggestPeople(people(), text, { exclude: exclude() }) : [];
    active = -1;
    render();
  }

  function close() {
    shown = [];
    active = -1;
    render();
  }

  function pick(name) {
    const value = String(name || '').trim();
    if (!value) return;
    input.value = '';
    close();
    onPick(value);
  }

  input.addEventListener('input', refresh);
  input.addEventListener('blur', close);
  input.addEventListener('keydown', (event) => {
    if (event.isComposing) return;
    const mine = () => {
      event.preventDefault();
      event.stopPropagation();
    };
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      mine();
      if (!shown.length) refresh();
      active = moveActive(active, event.key === 'ArrowDown' ? 1 : -1, shown.length);
      render();
    } else if (event.key === 'Enter') {
      mine();
      pick(active >= 0 ? shown[active].name : input.value);
    } else if (event.key === 'Escape') {
      if (shown.length) {
        mine();
        close();
      } else if (input.value) {
        mine();
        input.value = '';
      }
    } else if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      // Moving the caret: the viewer's photo arrows must not see these.
      event.stopPropagation();
    }
  });

  return { close, refresh };
}
