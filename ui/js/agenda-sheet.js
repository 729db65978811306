//! The agenda browser: the trip's sessions day by day (time, title, speakers, room, photos), each
//! with an "attended" checkbox that marks it attended or not (set_attended): the photos taken
//! during it move in or out, the timeline follows, and Ctrl+Z puts the attendance back as it
//! was. Agenda text is untrusted: always set as text.
import { $, el, clear } from './dom.js';
import * as api from './api.js';
import { showError } from './toast.js';
import { sheet } from './sheet.js';
import { plural } from './format.js';
import { agendaByDay, sessionTime, speakersText, attendanceValue } from './people.js';

/**
 * createAgendaBrowser({trip() → name, timeline() → Timeline, reloadTimeline(), record(label, revert)})
 * → {open({date}), close(), isOpen(), refresh()}
 */
export function createAgendaBrowser(ctx) {
  const root = $('#agenda-sheet');
  const list = $('#agenda-sheet-list');
  const daySelect = $('#agenda-sheet-day');
  let sessions = [];
  let token = 0;

  const { show, close } = sheet({ name: 'agenda', root, closeButton: $('#agenda-sheet-close') });
  daySelect.addEventListener('change', () => {
    render();
    list.scrollTop = 0;
  });

  async function open({ date = null } = {}) {
    const trip = ctx.trip();
    if (!trip) return;
    root.dataset.trip = trip;
    show();
    await refresh({ date });
    if (!root.hidden) (daySelect.options.length > 1 ? daySelect : $('#agenda-sheet-close')).focus();
  }

  async function refresh({ date = null } = {}) {
    const trip = ctx.trip();
    const mine = ++token;
    let data;
    try {
      data = await api.agenda(trip, null);
    } catch (err) {
      showError(err, 'Could not read the agenda');
      return;
    }
    if (mine !== token || ctx.trip() !== trip) return;
    sessions = data.sessions || [];
    fillDays(date);
    render();
    root.dataset.loaded = String(mine);
  }

  function groups() {
    const tl = ctx.timeline();
    return agendaByDay(sessions, (tl && tl.days) || []);
  }

  function fillDays(date) {
    const keep = date || daySelect.value;
    clear(daySelect);
    daySelect.appendChild(el('option', { value: '' }, 'All days'));
    for (const g of groups()) daySelect.appendChild(el('option', { value: g.date }, g.label));
    daySelect.value = [...daySelect.options].some((o) => o.value === keep) ? keep : '';
  }

  function render() {
    clear(list);
    const all = groups();
    const shown = daySelect.value ? all.filter((g) => g.date === daySelect.value) : all;
    root.dataset.sessions = String(sessions.length);
    $('#agenda-sheet-empty').hidden = sessions.length > 0;
    for (const g of shown) {
      const attended = g.sessions.filter((s) => s.attended).length;
      list.appendChild(el('section.agenda-browse-day', { dataset: { date: g.date, day: g.day ?? '' } },
        el('h3.agenda-browse-heading', {}, g.label,
          el('span.agenda-browse-count', {}, ` · ${plural(g.sessions.length, 'session')}, ${attended} attended`)),
        el('ul.agenda-sessions', {}, g.sessions.map(sessionRow))));
    }
  }

  function sessionRow(s) {
    const box = el('input.agenda-attended', {
      type: 'checkbox',
      checked: Boolean(s.attended),
      attrs: { 'aria-label': `Attended: ${s.title}` },
    });
    box.addEventListener('change', () => setAttended(s, box.checked, box));
    const note = s.attendance === 'inferred' ? 'from a photo' : s.attendance === 'no' ? 'not attended' : '';
    const speakers = speakersText(s.speakers);
    return el('li.agenda-session', {
      dataset: { uid: s.uid, attendance: s.attendance, attended: String(Boolean(s.attended)), photos: String(s.photos || 0) },
    },
    el('label.agenda-check', {}, box),
    el('div.agenda-session-body', {},
      el('div.agenda-session-line', {},
        el('span.agenda-time', {}, sessionTime(s)),
        el('span.agenda-title', {}, s.title)),
      el('div.agenda-session-meta', {},
        speakers ? el('span.agenda-speakers', {}, speakers) : null,
        s.room ? el('span.agenda-room', {}, s.room) : null,
        s.photos ? el('span.agenda-photos', {}, plural(s.photos, 'photo')) : null,
        note ? el('span.agenda-note', {}, note) : null)));
  }

  async function setAttended(s, value, box) {
    const trip = ctx.trip();
    const before = attendanceValue(s.attendance);
    const apply = async (v) => {
      await api.setAttended(trip, s.uid, v);
      if (ctx.trip() !== trip) return;
      await ctx.reloadTimeline();
      if (!root.hidden) await refresh();
    };
    const hadFocus = document.activeElement === box;
    box.disabled = true;
    try {
      await apply(value);
      // The rows were rebuilt: keep the keyboard where it was.
      const again = list.querySelector(`li.agenda-session[data-uid="${CSS.escape(s.uid)}"] input.agenda-attended`);
      if (hadFocus && again) again.focus();
      ctx.record(value ? `attended “${s.title}”` : `not attended “${s.title}”`, () => apply(before));
    } catch (err) {
      box.checked = !value;
      showError(err, 'Could not change the attendance');
    } finally {
      box.disabled = false;
    }
  }

  return { open, close, isOpen: () => !root.hidden, refresh };
}
