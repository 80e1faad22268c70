// Draws the Configure step's controls from FIELDS and moves values between them and a definition.

import { h, uid } from '../dom.js';
import { FIELDS, STYLES, SHAPES, PLACEMENT_HELP, getPath, setPath } from './fields.js';

const byPath = (path) => FIELDS.filter((f) => f.path === path);

const isNumeric = (field) => field.kind === 'int' || field.kind === 'number';

/** The field's help, then its bounds and default as the runner schema states them. */
function help(field, id) {
  const parts = [];
  if (field.help) parts.push(field.help);
  if (isNumeric(field) && field.min !== undefined && field.max !== undefined) parts.push(`From ${field.min} to ${field.max}.`);
  if (field.def !== undefined && (isNumeric(field) || field.kind === 'select')) parts.push(`Default: ${field.def}.`);
  return parts.length ? h('p', { id, class: 'help' }, parts.join(' ')) : null;
}

function hasHelp(field) {
  return !!field.help || ((isNumeric(field) || field.kind === 'select') && (field.def !== undefined || field.max !== undefined));
}

function defaultText(field) {
  if (isNumeric(field) && field.def !== undefined) return String(field.def);
  return field.placeholder;
}

/** One control (or group) for a field; `key` keeps the has_more_path of offset and cursor apart. */
function control(field) {
  const id = uid(field.path.replace(/\W/g, '-'));
  const helpId = uid('help');
  const data = { field: field.path, key: `${field.style ?? ''}:${field.path}` };
  const described = hasHelp(field) ? helpId : undefined;
  const label = h('label', { for: id }, field.label, field.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null);
  switch (field.kind) {
    case 'bool':
      return h('div', { class: 'field check' },
        h('input', { id, type: 'checkbox', dataset: data, checked: field.def, 'aria-describedby': field.help ? helpId : undefined }),
        h('label', { for: id }, field.label),
        field.help ? h('p', { id: helpId, class: 'help' }, field.help) : null);
    case 'select':
      return h('div', { class: 'field' }, label,
        h('select', { id, dataset: data, 'aria-describedby': described },
          field.optional ? h('option', { value: '', selected: true }, field.def !== undefined ? `(default: ${field.def})` : '(not set)') : null,
          (field.options ?? []).map((o) => h('option', { value: o, selected: !field.optional && o === field.def }, o))),
        help(field, helpId));
    case 'int':
    case 'number':
      return h('div', { class: 'field' }, label,
        h('input', { id, type: 'number', step: field.kind === 'int' ? 1 : 'any', min: field.min, max: field.max, inputmode: field.kind === 'int' ? 'numeric' : 'decimal', dataset: data, value: field.def ?? '', placeholder: defaultText(field), 'aria-describedby': described }),
        help(field, helpId));
    case 'json':
    case 'lines':
    case 'headers':
      return h('div', { class: 'field' }, label,
        h('textarea', { id, rows: field.kind === 'json' ? 6 : 4, class: 'mono', spellcheck: 'false', dataset: data, placeholder: field.placeholder, 'aria-describedby': described, required: field.required }),
        help(field, helpId));
    case 'placement': {
      const inId = uid('in');
      const nameId = uid('name');
      return h('fieldset', { class: 'field placement', dataset: data, 'aria-describedby': helpId },
        h('legend', {}, field.label, field.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null),
        h('div', { class: 'placement-row' },
          h('div', {},
            h('label', { for: inId }, 'Sent in'),
            h('select', { id: inId, dataset: { field: `${field.path}.in`, part: 'in' } },
              ['query', 'body', 'header'].map((o) => h('option', { value: o, selected: o === (field.def?.in ?? 'query') }, o)))),
          h('div', { class: 'grow' },
            h('label', { for: nameId }, 'Name'),
            h('input', { id: nameId, type: 'text', class: 'mono', spellcheck: 'false', dataset: { field: `${field.path}.name`, part: 'name' }, value: field.def?.name ?? '', placeholder: field.def?.name ?? 'starting_after' }))),
        h('p', { id: helpId, class: 'help' }, field.def ? `${PLACEMENT_HELP} Default: ${field.def.in} ${field.def.name}.` : PLACEMENT_HELP));
    }
    case 'style':
    case 'shape': {
      const options = field.kind === 'style' ? STYLES : SHAPES;
      const name = uid(field.kind);
      return h('fieldset', { class: 'field choice-group', dataset: data },
        h('legend', {}, field.label),
        h('div', { class: `choices ${field.kind}` }, options.map((o) => {
          const oid = uid('opt');
          const hid = uid('help');
          return h('div', { class: 'choice' },
            h('input', { type: 'radio', id: oid, name, value: o.value, checked: o.value === field.def, 'aria-describedby': hid }),
            h('label', { for: oid }, h('strong', {}, o.label), h('span', { class: 'choice-value mono', 'aria-hidden': 'true' }, o.value)),
            h('p', { id: hid, class: 'help' }, o.help));
        })));
    }
    case 'script':
      return h('div', { class: 'field' }, label,
        h('textarea', { id, rows: 12, class: 'mono code', spellcheck: 'false', dataset: data, 'aria-describedby': helpId, placeholder: '// runs after each page\nvar page = @pager.pageCount();\n@pager.stop(page >= @response.body.get("/meta/total_pages"));\n@request.query.put("page", page + 1);' }),
        h('p', { id: helpId, class: 'help' }, 'Statements end with ;. Operations start with @: @response.body.get(pointer), @request.query.put(name, value), @pager.pageCount(), @pager.stop(condition), @log(...). The script runs sandboxed after each page; Check script compiles it and shows errors with line and column.'));
    default:
      return h('div', { class: 'field' }, label,
        h('input', { id, type: 'text', class: field.kind === 'url' || field.path.endsWith('_path') ? 'mono' : undefined, spellcheck: 'false', inputmode: field.kind === 'url' ? 'url' : undefined, dataset: data, placeholder: field.placeholder, required: field.required, 'aria-describedby': described }),
        help(field, helpId));
  }
}

export function buildControls() {
  const map = new Map();
  for (const field of FIELDS.filter((f) => !f.absent)) map.set(`${field.style ?? ''}:${field.path}`, { field, element: control(field) });
  return map;
}

export class ConfigForm {
  constructor() {
    this.controls = buildControls();
  }

  /** The drawn group of a field (for layout). */
  el(path, style) {
    return this.controls.get(`${style ?? ''}:${path}`)?.element ?? null;
  }

  get root() { return this._root; }
  attach(root) {
    this._root = root;
    root.addEventListener('input', (e) => this.touch(e.target));
    root.addEventListener('change', (e) => { this.touch(e.target); this.sync(); });
    this.sync();
  }

  /** Remembers that the user changed a field, so an AI answer that leaves it out does not clear it. */
  touch(target) {
    const group = target.closest('.field');
    if (group) group.dataset.touched = '1';
  }

  style() {
    return this.el('pagination.style').querySelector('input:checked')?.value ?? 'none';
  }

  shapeMode() {
    return this.el('shape.mode').querySelector('input:checked')?.value ?? 'full';
  }

  method() {
    return this.el('request.method').querySelector('select').value;
  }

  /** Shows only the fields that apply: the chosen style's section, the POST body, the selected fields. */
  sync() {
    if (!this._root) return;
    const style = this.style();
    this._root.querySelectorAll('[data-style-section]').forEach((section) => {
      const active = section.dataset.styleSection === style;
      section.hidden = !active;
      if (active) section.removeAttribute('data-inactive'); else section.dataset.inactive = '';
    });
    this.el('request.body').hidden = this.method() !== 'POST';
    this.el('shape.fields').hidden = this.shapeMode() !== 'select';
    this._root.dispatchEvent(new CustomEvent('config-change', { bubbles: true }));
  }

  /** Reads the form into a definition. Returns `{ definition, errors }`; errors are keyed by field path. */
  read() {
    const definition = {};
    const errors = {};
    const style = this.style();
    const method = this.method();
    const shape = this.shapeMode();
    for (const { field, element } of this.controls.values()) {
      if (field.style && field.style !== style) continue;
      if (field.onlyPost && method !== 'POST') continue;
      if (field.onlySelect && shape !== 'select') continue;
      const { value, error } = readValue(field, element);
      if (error) errors[field.path] = [error];
      else if (value !== undefined) setPath(definition, field.path, value);
    }
    return { definition, errors };
  }

  /**
   * Fills the form from a definition.
   * mode `ai`: fill what `def` provides; clear the fields the user has not touched.
   * mode `replace`: fill what `def` provides; clear everything else.
   * `scope`: only fields under these top-level paths (e.g. ['pagination', 'response']).
   */
  fill(def, { mode = 'replace', scope } = {}) {
    for (const { field, element } of this.controls.values()) {
      if (scope && !scope.some((s) => field.path === s || field.path.startsWith(`${s}.`))) continue;
      const value = getPath(def, field.path);
      if (value !== undefined && value !== null) {
        writeValue(field, element, value);
        delete element.dataset.touched;
      } else if (mode === 'replace' || !element.dataset.touched) {
        clearValue(field, element);
        delete element.dataset.touched;
      }
    }
    this.sync();
  }

  /** Disables every control (a saved runner is locked). */
  lock() {
    this._root?.querySelectorAll('input, select, textarea, button').forEach((el) => { el.disabled = true; });
  }
}

function readValue(field, element) {
  const input = element.matches('input, select, textarea') ? element : element.querySelector('input, select, textarea');
  switch (field.kind) {
    case 'bool':
      return { value: element.querySelector('input').checked };
    case 'select':
      return { value: input.value === '' ? undefined : input.value };
    case 'style':
    case 'shape':
      return { value: element.querySelector('input:checked')?.value ?? field.def };
    case 'int':
    case 'number': {
      const el = element.querySelector('input');
      const word = field.kind === 'int' ? 'a whole number' : 'a number';
      if (el.validity.badInput) return { error: `Enter ${word}.` };
      if (el.value.trim() === '') return { value: undefined };
      const n = Number(el.value);
      const ok = field.kind === 'int' ? Number.isInteger(n) : Number.isFinite(n);
      return ok ? { value: n } : { error: `Enter ${word}.` };
    }
    case 'placement': {
      const name = element.querySelector('[data-part="name"]').value.trim();
      if (!name) return { value: undefined };
      return { value: { in: element.querySelector('[data-part="in"]').value, name } };
    }
    case 'json': {
      const text = element.querySelector('textarea').value.trim();
      if (!text) return { value: undefined };
      try { return { value: JSON.parse(text) }; } catch (e) { return { error: `Not valid JSON: ${e.message}` }; }
    }
    case 'lines': {
      const text = element.querySelector('textarea').value;
      const splitter = field.path === 'request.forward_headers' ? /[\n,]/ : /\n/;
      const lines = text.split(splitter).map((l) => l.trim()).filter(Boolean);
      return { value: lines.length ? lines : undefined };
    }
    case 'headers': {
      const lines = element.querySelector('textarea').value.split('\n').map((l) => l.trim()).filter(Boolean);
      if (!lines.length) return { value: undefined };
      const headers = {};
      for (const [i, line] of lines.entries()) {
        const colon = line.indexOf(':');
        if (colon <= 0) return { error: `Line ${i + 1}: write each header as "Name: value".` };
        headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
      }
      return { value: headers };
    }
    case 'script': {
      const text = element.querySelector('textarea').value;
      return { value: text.trim() ? text : undefined };
    }
    default: {
      const text = input.value.trim();
      return { value: text ? text : undefined };
    }
  }
}

function writeValue(field, element, value) {
  switch (field.kind) {
    case 'bool': element.querySelector('input').checked = !!value; break;
    case 'select': {
      const select = element.querySelector('select');
      const match = [...select.options].find((o) => o.value.toUpperCase() === String(value).toUpperCase());
      select.value = match ? match.value : '';
      break;
    }
    case 'style':
    case 'shape':
      element.querySelectorAll('input').forEach((r) => { r.checked = r.value === value; });
      break;
    case 'placement':
      element.querySelector('[data-part="in"]').value = value.in ?? 'query';
      element.querySelector('[data-part="name"]').value = value.name ?? '';
      break;
    case 'json': element.querySelector('textarea').value = JSON.stringify(value, null, 2); break;
    case 'lines': element.querySelector('textarea').value = (Array.isArray(value) ? value : [value]).join('\n'); break;
    case 'headers': element.querySelector('textarea').value = Object.entries(value).map(([k, v]) => `${k}: ${v}`).join('\n'); break;
    case 'script': element.querySelector('textarea').value = String(value); break;
    default: element.querySelector('input, textarea').value = String(value);
  }
}

function clearValue(field, element) {
  switch (field.kind) {
    case 'bool': element.querySelector('input').checked = !!field.def; break;
    case 'select': element.querySelector('select').value = field.optional ? '' : field.def; break;
    case 'style':
    case 'shape': element.querySelectorAll('input').forEach((r) => { r.checked = r.value === field.def; }); break;
    case 'placement':
      element.querySelector('[data-part="in"]').value = 'query';
      element.querySelector('[data-part="name"]').value = '';
      break;
    default: element.querySelector('input, textarea').value = '';
  }
}

export { byPath };
