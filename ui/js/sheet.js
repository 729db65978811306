//! A sheet over the trip (settings, people, agenda): its close button, a click on the backdrop
//! and Esc close it; Ctrl+Z still undoes the trip's last edit (a field with unsaved typing keeps
//! the browser's own text undo); nothing else reaches the trip behind it. The page does not
//! scroll under it, and closing puts the focus back where it was.
import { keys, RANK } from './keys.js';

/**
 * sheet({name, root, closeButton, beforeClose?}) → {show(), close()}
 * `show` opens it (remembering the focus when it was closed); `close` runs `beforeClose` first.
 */
export function sheet({ name, root, closeButton, beforeClose = () => {} }) {
  let lastFocus = null;

  function show() {
    if (root.hidden) lastFocus = document.activeElement;
    root.hidden = false;
    document.body.classList.add('sheet-open');
  }

  function close() {
    if (root.hidden) return;
    beforeClose();
    root.hidden = true;
    if (!document.querySelector('.sheet:not([hidden])')) document.body.classList.remove('sheet-open');
    if (lastFocus && lastFocus.focus && document.contains(lastFocus)) lastFocus.focus();
  }

  closeButton.addEventListener('click', close);
  root.addEventListener('click', (event) => {
    if (event.target === root) close();
  });
  keys.layer({
    name,
    rank: RANK.settings,
    isOpen: () => !root.hidden,
    undo: true,
    onKey(event) {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        close();
      }
    },
  });
  return { show, close };
}
