//! The trips sidebar: name, dates, photo count, cover thumbnail; new, rename and delete.
import { $, el, clear } from './dom.js';
import { thumbUrl } from './api.js';
import { plural } from './format.js';

export function createSidebar(ctx) {
  const list = $('#trip-list');

  list.addEventListener('click', (event) => {
    const button = event.target.closest('.trip-button');
    if (button) ctx.openTrip(button.closest('[data-trip]').dataset.trip);
  });

  function card(trip, selected) {
    const cover = thumbUrl(trip.cover_hash, 'grid');
    const thumb = cover
      ? el('img.trip-cover', { src: cover, alt: '', width: 48, height: 48, loading: 'lazy', draggable: false })
      : el('span.trip-cover.empty', { attrs: { 'aria-hidden': 'true' } }, (trip.name || '?').trim().charAt(0).toUpperCase());
    // `dates` comes from the core in words ("16–19 May 2022"), "" when no photo is dated.
    const meta = [trip.dates, plural(trip.photo_count || 0, 'photo')].filter(Boolean).join(' · ');
    const button = el('button.trip-button', { type: 'button' },
      thumb,
      el('span.trip-text', {},
        el('span.trip-title', {}, trip.name),
        el('span.trip-dates', {}, meta)));
    if (selected) button.setAttribute('aria-current', 'true');
    return el('li.trip', {
      class: selected ? 'selected' : '',
      dataset: { trip: trip.name, photos: String(trip.photo_count || 0) },
    }, button);
  }

  function render(trips, selected) {
    clear(list);
    for (const trip of trips) list.appendChild(card(trip, trip.name === selected));
    $('#trip-list-empty').hidden = trips.length > 0;
  }

  return { render };
}
