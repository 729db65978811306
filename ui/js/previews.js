//! Previews asked for before they are shown: the one of the tile the pointer or the keyboard
//! focus rests on, so that a click opens a preview already made. The core makes a preview the
//! first time it is asked for (0.1–0.15 s for 12–20 MP on one core); the browser keeps what it
//! loaded, and a second ask while it is being made waits for that render in the core.
import { photoThumbUrl } from './api.js';

/** How long the pointer or the focus rests on a tile before its preview is asked for: a sweep
 *  of the pointer across the grid, or a held arrow key, asks for nothing. */
export const REST_MS = 60;

/**
 * One preview asked for at a time: while one is being made, the latest ask waits its turn and
 * replaces any earlier one still waiting, so the core never has more than two to make for a
 * pointer wandering over the grid. Each preview is asked for once. `load(url)` resolves when
 * the image has loaded or failed.
 */
export function createPreviewQueue(load = loadImage) {
  const asked = new Set();
  let busy = false;
  let waiting = null;

  function run(url) {
    busy = true;
    asked.add(url);
    load(url).finally(() => {
      busy = false;
      const next = waiting;
      waiting = null;
      if (next && !asked.has(next)) run(next);
    });
  }

  return {
    ask(url) {
      if (!url || asked.has(url)) return;
      if (busy) waiting = url;
      else run(url);
    },
  };
}

function loadImage(url) {
  return new Promise((resolve) => {
    const image = new Image();
    image.onload = image.onerror = () => resolve();
    image.src = url;
  });
}

/**
 * Asks for the preview of the tile under the pointer or with the focus once it has rested there
 * for REST_MS, and at once when the pointer goes down on it. `photo(id)` is the timeline's.
 */
export function warmOnRest(root, photo, queue = createPreviewQueue()) {
  let resting = null;
  let timer = 0;
  const tileOf = (target) => {
    const tile = target && target.closest ? target.closest('.photo[data-id]') : null;
    return tile && root.contains(tile) ? tile : null;
  };
  const warm = (tile) => queue.ask(photoThumbUrl(photo(Number(tile.dataset.id)), 'preview'));
  const rest = (tile) => {
    if (tile === resting) return;
    clearTimeout(timer);
    resting = tile;
    if (tile) timer = setTimeout(() => warm(tile), REST_MS);
  };
  root.addEventListener('pointerover', (event) => rest(tileOf(event.target)));
  root.addEventListener('pointerleave', () => rest(null));
  root.addEventListener('focusin', (event) => rest(tileOf(event.target)));
  root.addEventListener('pointerdown', (event) => {
    const tile = tileOf(event.target);
    if (tile) warm(tile);
  });
}
