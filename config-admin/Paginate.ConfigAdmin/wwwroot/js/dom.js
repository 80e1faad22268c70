// Tiny DOM helpers: every screen is built from these, so no template engine or build step is needed.

/**
 * Creates an element. `attrs` keys: `class`, `text`, `html` is deliberately absent (no innerHTML from data),
 * `on*` functions become listeners, `dataset` an object, booleans set or drop the attribute.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'value') el.value = value;
    else if (key === 'checked') el.checked = !!value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the element's children. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let idCounter = 0;
/** A unique id for label/aria wiring. */
export function uid(prefix = 'f') {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** Says something to screen readers without moving focus. */
export function announce(message) {
  const live = document.getElementById('live');
  if (!live) return;
  live.textContent = '';
  // A fresh text node after a tick makes screen readers repeat identical messages.
  setTimeout(() => { live.textContent = message; }, 30);
}

/** Formats an RFC 3339 time for people; keeps the raw value in a <time> element. */
export function time(value) {
  if (!value) return h('span', { class: 'muted', text: '—' });
  const date = new Date(value);
  const text = Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString(undefined, {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit',
  });
  return h('time', { datetime: value, title: value }, text);
}

export function formatNumber(value, digits = 0) {
  const n = Number(value ?? 0);
  if (!Number.isFinite(n)) return '0';
  return n.toLocaleString(undefined, { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** A copy-to-clipboard button for a value; falls back to selecting the text when the clipboard is refused. */
export function copyButton(value, label) {
  const button = h('button', { type: 'button', class: 'button small secondary', 'aria-label': label }, 'Copy');
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(value);
      button.textContent = 'Copied';
      announce('Copied to the clipboard');
    } catch {
      const area = h('textarea', { class: 'visually-hidden', readonly: true, value });
      document.body.append(area);
      area.select();
      const ok = document.execCommand?.('copy');
      area.remove();
      button.textContent = ok ? 'Copied' : 'Press Ctrl+C';
      announce(ok ? 'Copied to the clipboard' : 'Copy was refused by the browser');
    }
  });
  return button;
}

/** A labelled read-only value with a copy button (Clay URL, deep links). */
export function copyField(label, value, help) {
  const id = uid('copy');
  const helpId = help ? uid('help') : undefined;
  return h('div', { class: 'copy-field' },
    h('label', { for: id }, label),
    h('div', { class: 'copy-row' },
      h('input', { id, type: 'text', readonly: true, value, class: 'mono', 'aria-describedby': helpId, onfocus: (e) => e.target.select() }),
      copyButton(value, `Copy ${label}`)),
    help ? h('p', { id: helpId, class: 'help' }, help) : null);
}

/** Puts keyboard focus on the first heading of a freshly drawn screen. */
export function focusHeading(root) {
  const heading = root.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: false });
  }
}
