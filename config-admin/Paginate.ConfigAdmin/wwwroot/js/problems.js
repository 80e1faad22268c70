// Puts problem-details messages where the user looks: next to the input whose data-field matches the
// error key (`pagination.cursor_param`), or in the action's message area when no field matches.

import { h, replace, announce } from './dom.js';

/** `Pagination.CursorParam[0]` → `pagination.cursor_param[0]`; drops a leading `config.` or `$.`. */
export function normalizePath(key) {
  let path = String(key ?? '').trim().replace(/^\$\.?/, '');
  path = path.split('.').map((segment) => segment
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()).join('.');
  return path.replace(/^config\./, '');
}

/** The data-field paths an error key may match, most exact first. */
function candidates(key) {
  const raw = String(key ?? '').trim().replace(/^\$\.?/, '').replace(/^config\./i, '');
  return [...new Set([raw, normalizePath(key)])];
}

/**
 * Finds the best input for an error key: exact match, then the nearest parent path (`shape.fields[2]` →
 * `shape.fields`). Among equals, a visible one wins (the style sections share names like has_more_path).
 */
export function findField(root, key) {
  for (const start of candidates(key)) {
    let candidate = start;
    while (candidate) {
      const matches = [...root.querySelectorAll(`[data-field="${CSS.escape(candidate)}"]`)];
      const pick = matches.find((el) => !el.closest('[data-inactive]')) ?? matches[0];
      if (pick) return pick;
      const cut = Math.max(candidate.lastIndexOf('.'), candidate.lastIndexOf('['));
      candidate = cut > 0 ? candidate.slice(0, cut) : '';
    }
  }
  // Header names are case-insensitive: `test_headers.authorization` is the Authorization input.
  const wanted = candidates(key)[0].toLowerCase();
  return [...root.querySelectorAll('[data-field]')].find((el) => el.dataset.field.toLowerCase() === wanted) ?? null;
}

/** Removes every message drawn by showProblem inside root. */
export function clearProblems(root) {
  root.querySelectorAll('.field-error').forEach((el) => el.remove());
  root.querySelectorAll('[aria-invalid="true"]').forEach((el) => {
    el.removeAttribute('aria-invalid');
    const described = (el.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => !id.startsWith('err-'));
    if (described.length) el.setAttribute('aria-describedby', described.join(' '));
    else el.removeAttribute('aria-describedby');
  });
  root.querySelectorAll('.action-message').forEach((el) => { el.replaceChildren(); el.hidden = true; });
}

let errorCounter = 0;

/** The visible name of a field: a group's legend, else the control's label, without the required marker. */
function labelOf(field, control) {
  const label = (field.matches('fieldset') && field.querySelector('legend'))
    || (control.id && field.ownerDocument.querySelector(`label[for="${CSS.escape(control.id)}"]`))
    || field.closest('fieldset')?.querySelector('legend');
  return label ? label.textContent.replace(/\*/g, '').trim() : '';
}

/**
 * API messages often continue the field's name ("is required: ..."); those start with the label. Messages
 * that start with a path or a name (`pagination.cursor_param is ...`) are kept as they are.
 */
function sentence(message, name) {
  const text = String(message).trim();
  if (name && /^(is|are|must|looks|contains|should|cannot|can't|has|have|was|needs?|only|may)\b/.test(text)) return `${name} ${text}`;
  const first = text.split(/\s/, 1)[0];
  if (/[._/{[]/.test(first)) return text;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function markField(field, rawMessages) {
  const probe = field.matches('input, select, textarea')
    ? field
    : field.querySelector('input[type="text"], textarea') ?? field.querySelector('input, select, textarea') ?? field;
  const name = labelOf(field, probe);
  const messages = rawMessages.map((m) => sentence(m, name));
  errorCounter += 1;
  const id = `err-${errorCounter}`;
  const message = h('p', { class: 'field-error', id, dataset: { errorFor: field.dataset.field } }, messages.join(' '));
  // The control that gets aria-invalid: the field itself, or the first control inside a fieldset/group.
  const control = field.matches('input, select, textarea')
    ? field
    : field.querySelector('input[type="text"], textarea') ?? field.querySelector('input, select, textarea') ?? field;
  control.setAttribute('aria-invalid', 'true');
  const described = control.getAttribute('aria-describedby');
  control.setAttribute('aria-describedby', described ? `${described} ${id}` : id);
  const anchor = field.closest('.field') ?? field;
  anchor.append(message);
  return control;
}

/**
 * Shows an error. `root` is where fields are searched; `messageArea` is the action's own message box
 * (a `.action-message` element). Returns the list of `{ path, control, messages }` placed at fields.
 */
export function showProblem(root, messageArea, error, { onGoTo, list = true } = {}) {
  clearProblems(root);
  const placed = [];
  const unplaced = [];
  const fieldErrors = error?.fieldErrors ?? {};
  for (const [key, value] of Object.entries(fieldErrors)) {
    const messages = Array.isArray(value) ? value.map(String) : [String(value)];
    const path = normalizePath(key);
    const field = findField(root, key);
    if (field) placed.push({ path, control: markField(field, messages), messages });
    else unplaced.push(`${key}: ${messages.join(' ')}`);
  }
  if (messageArea) {
    const items = [h('p', { class: 'error-title' }, error?.message ?? String(error))];
    if (placed.length && list) {
      items.push(h('ul', { class: 'error-list' }, placed.map((p) => h('li', {},
        h('button', {
          type: 'button', class: 'link-button',
          onclick: () => (onGoTo ? onGoTo(p.control) : p.control.focus()),
        }, p.path), ` — ${p.messages.join(' ')}`))));
    }
    if (unplaced.length) items.push(h('ul', { class: 'error-list' }, unplaced.map((text) => h('li', {}, text))));
    replace(messageArea, ...items);
    messageArea.hidden = false;
  }
  announce(error?.message ?? 'The request failed.');
  return placed;
}

/** An empty action message area (role=alert so the message is read when it appears). */
export function messageArea() {
  return h('div', { class: 'action-message', role: 'alert', hidden: true });
}
