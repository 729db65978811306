//! The trip's people in the window: the People sheet (each person's link, affiliation and
//! "don't publish me", the days they were met, their tags; marking someone met on a day), the
//! "Met:" line under each day's header, and tagging people on photos for the viewer. Every name,
//! link and affiliation is set as text; only http(s) links are opened, through the shell.
import { $, el, clear } from './dom.js';
import * as api from './api.js';
import { showError, showInfo } from './toast.js';
import { sheet } from './sheet.js';
import { plural } from './format.js';
import { dayPeople, safeLink, knownPerson } from './people.js';
import { attachAutocomplete } from './autocomplete.js';

/**
 * createPeople({trip() → name, timeline() → Timeline, reloadTimeline(), record(label, revert),
 *   detailsChanged(photoId)})
 * → {list(), refresh(), open({date}), close(), decorateDays(timeline), tag(id, name, remove),
 *    setMet(date, name, value), openLink(name), clear()}
 */
export function createPeople(ctx) {
  const root = $('#people-sheet');
  const listNode = $('#people-list');
  const nameField = $('#people-name');
  const daySelect = $('#people-day');
  let people = []; // PersonView[] of the open trip
  let loadedFor = null;
  const { show, close } = sheet({
    name: 'people',
    root,
    closeButton: $('#people-close'),
    beforeClose: () => complete.close(),
  });
  const complete = attachAutocomplete(nameField, $('#people-suggestions'), {
    people: () => people,
    onPick: (name) => markMetFromSheet(name),
  });
  $('#people-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const name = nameField.value.trim();
    if (!name) {
      nameField.focus();
      return;
    }
    nameField.value = '';
    complete.close();
    markMetFromSheet(name);
  });
  $('#people-add').addEventListener('click', async () => {
    const name = nameField.value.trim();
    if (!name) {
      nameField.focus();
      return;
    }
    try {
      await api.savePerson(ctx.trip(), name, {});
      nameField.value = '';
      complete.close();
      await refresh();
      render();
    } catch (err) {
      showError(err, 'Could not add the person');
    }
  });

  async function refresh() {
    const trip = ctx.trip();
    if (!trip) {
      people = [];
      return people;
    }
    try {
      const list = await api.people(trip);
      if (ctx.trip() === trip) {
        people = list;
        loadedFor = trip;
      }
    } catch (err) {
      showError(err, 'Could not list the people');
    }
    return people;
  }

  async function open({ date = null } = {}) {
    const trip = ctx.trip();
    if (!trip) return;
    root.dataset.trip = trip;
    fillDays(date);
    show();
    if (loadedFor !== trip) people = [];
    render();
    await refresh();
    if (!root.hidden) render();
    nameField.focus();
  }

  function fillDays(date) {
    const tl = ctx.timeline();
    const days = (tl && tl.days) || [];
    const keep = date || daySelect.value;
    clear(daySelect);
    for (const d of days) {
      daySelect.appendChild(el('option', { value: d.date }, `Day ${d.number} · ${d.label}`));
    }
    if (days.some((d) => d.date === keep)) daySelect.value = keep;
    $('#people-form').hidden = !days.length;
  }

  function dayName(date) {
    const tl = ctx.timeline();
    const day = tl && tl.days.find((d) => d.date === date);
    return day ? `Day ${day.number}` : date;
  }

  function render() {
    clear(listNode);
    root.dataset.count = String(people.length);
    $('#people-empty').hidden = people.length > 0;
    for (const p of people) listNode.appendChild(personRow(p));
  }

  function personRow(p) {
    const row = el('li.person', { dataset: { name: p.name, private: String(Boolean(p.private)) } });
    const link = el('input.person-link', {
      type: 'url',
      value: p.link || '',
      placeholder: 'https://…',
      spellcheck: false,
      attrs: { 'aria-label': `Link of ${p.name}` },
    });
    const org = el('input.person-org', {
      type: 'text',
      value: p.org || '',
      placeholder: 'Affiliation',
      attrs: { 'aria-label': `Affiliation of ${p.name}` },
    });
    const priv = el('input.person-private', { type: 'checkbox', checked: Boolean(p.private) });
    const save = async (change) => {
      const trip = ctx.trip();
      // What Ctrl+Z puts back: the fields as they were ("" removes a link or an affiliation).
      const before = {};
      for (const key of Object.keys(change)) before[key] = key === 'private' ? Boolean(p[key]) : p[key] || '';
      try {
        const saved = await api.savePerson(trip, p.name, change);
        Object.assign(p, saved);
        row.dataset.private = String(Boolean(p.private));
        // Undoable as soon as it is saved: a Ctrl+Z pressed while the timeline reloads is for
        // this edit, not the one before.
        ctx.record(`edit ${p.name}`, async () => {
          await api.savePerson(trip, p.name, before);
          if (ctx.trip() !== trip) return;
          await refresh();
          if (!root.hidden) render();
          await ctx.reloadTimeline();
        });
        await ctx.reloadTimeline();
      } catch (err) {
        showError(err, `Could not save ${p.name}`);
        link.value = p.link || '';
        org.value = p.org || '';
        priv.checked = Boolean(p.private);
      }
    };
    const onText = (field, key) => {
      const commit = () => {
        const value = field.value.trim();
        if (value === (p[key] || '')) return;
        save({ [key]: value });
      };
      field.addEventListener('change', commit);
      field.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          commit();
        }
      });
    };
    onText(link, 'link');
    onText(org, 'org');
    priv.addEventListener('change', () => save({ private: priv.checked }));

    const opener = safeLink(p.link)
      ? el('button.link-button.person-open', { type: 'button', title: p.link }, 'Open link ↗')
      : null;
    if (opener) opener.addEventListener('click', () => openLink(p.name));

    const facts = [
      p.photos && p.photos.length ? plural(p.photos.length, 'photo') : '',
      p.sessions && p.sessions.length ? `speaks in ${plural(p.sessions.length, 'session')}` : '',
    ].filter(Boolean).join(' · ');
    const met = el('span.person-met', {}, (p.met || []).length ? 'Met: ' : '');
    for (const date of p.met || []) {
      const chip = el('button.chip.met-day', {
        type: 'button',
        dataset: { date },
        attrs: { 'aria-label': `Not met on ${dayName(date)}` },
      }, dayName(date), el('span', { attrs: { 'aria-hidden': 'true' } }, ' ✕'));
      chip.addEventListener('click', () => setMet(date, p.name, false));
      met.appendChild(chip);
    }

    row.append(
      el('div.person-head', {},
        el('strong.person-name', {}, p.name),
        p.private ? el('span.private-badge', {}, 'Not published') : null,
        el('span.person-facts', {}, facts),
        opener),
      el('div.person-fields', {},
        link,
        org,
        el('label.person-private-label', {}, priv, el('span', {}, 'Don’t publish me'))),
      met);
    return row;
  }

  async function markMetFromSheet(name) {
    const date = daySelect.value;
    if (!date) return;
    await setMet(date, name, true);
  }

  /** Marks `name` (added when new) met on the day `date`, or not; Ctrl+Z undoes. */
  async function setMet(date, name, value) {
    const trip = ctx.trip();
    const existed = Boolean(knownPerson(people, name));
    const apply = async (v) => {
      await api.setMet(trip, date, name, v);
      if (ctx.trip() !== trip) return;
      await ctx.reloadTimeline();
      await refresh();
      if (!root.hidden) render();
    };
    try {
      await apply(value);
    } catch (err) {
      showError(err, value ? 'Could not mark them met' : 'Could not unmark them');
      return;
    }
    const label = value ? `met ${name} on ${dayName(date)}` : `not met ${name} on ${dayName(date)}`;
    ctx.record(label, () => apply(!value));
    showInfo(value ? `Met ${name} on ${dayName(date)}${existed ? '' : ' (new person)'}` : `${name}: not met on ${dayName(date)}`);
  }

  /** Tags `name` (added when new) on photo `id`, or removes the tag; Ctrl+Z undoes. */
  async function tag(id, name, remove = false) {
    const trip = ctx.trip();
    const apply = async (rm) => {
      await api.tagPhoto(id, name, rm);
      if (ctx.trip() !== trip) return;
      await refresh();
      await ctx.reloadTimeline();
      if (ctx.detailsChanged) ctx.detailsChanged(id);
    };
    try {
      await apply(remove);
    } catch (err) {
      showError(err, remove ? 'Could not remove the tag' : 'Could not tag the photo');
      return false;
    }
    ctx.record(remove ? `untag ${name}` : `tag ${name}`, () => apply(!remove));
    return true;
  }

  function openLink(name) {
    api.openPersonLink(ctx.trip(), name).catch((err) => showError(err, 'Could not open the link'));
  }

  /** The "Met:" line under each day's header (after the title and notes). */
  function decorateDays(timeline) {
    const container = $('#timeline');
    for (const day of (timeline && timeline.days) || []) {
      const section = container.querySelector(`section.day[data-date="${day.date}"]`);
      if (!section) continue;
      let line = section.querySelector(':scope > .day-met');
      if (!line) {
        line = el('div.day-met', { dataset: { date: day.date } });
        const notes = section.querySelector(':scope > .day-notes');
        const header = section.querySelector(':scope > .day-header');
        const after = notes || header;
        if (after) after.after(line);
        else section.prepend(line);
      }
      fillMetLine(line, day);
    }
  }

  function fillMetLine(line, day) {
    const list = dayPeople(day);
    clear(line);
    line.dataset.count = String(list.length);
    if (list.length) line.appendChild(el('span.day-met-label', {}, 'Met: '));
    const names = el('span.day-met-people');
    list.forEach((p, i) => {
      if (i) names.appendChild(document.createTextNode(', '));
      const item = el('span.met-person', {
        dataset: { name: p.name, met: String(p.removable), link: p.link || '' },
      });
      if (p.link) {
        const button = el('button.link-button.met-link', { type: 'button', title: p.link }, p.name);
        button.addEventListener('click', () => openLink(p.name));
        item.appendChild(button);
      } else {
        item.appendChild(el('span.met-name', {}, p.name));
      }
      if (p.private) item.appendChild(el('span.met-private', { title: 'Not published' }, ' (private)'));
      if (p.removable) {
        const remove = el('button.icon-button.met-remove', {
          type: 'button',
          attrs: { 'aria-label': `Not met ${p.name} on day ${day.number}` },
        }, '✕');
        remove.addEventListener('click', () => setMet(day.date, p.name, false));
        item.appendChild(remove);
      }
      names.appendChild(item);
    });
    line.appendChild(names);
    const add = el('button.link-button.met-add', { type: 'button' }, list.length ? '+ Met someone' : '+ Met someone this day');
    add.addEventListener('click', () => open({ date: day.date }));
    line.appendChild(add);
  }

  return {
    list: () => people,
    refresh,
    open,
    close,
    isOpen: () => !root.hidden,
    decorateDays,
    tag,
    setMet,
    openLink,
    clear() {
      people = [];
      loadedFor = null;
      close();
    },
  };
}
