// Step 4: the whole configuration, then save. A saved runner is locked.

import { h, replace, copyField, announce } from '../dom.js';
import { post } from '../api.js';
import { messageArea, showProblem, clearProblems } from '../problems.js';
import { FIELDS } from './fields.js';

/** The default the runner schema gave a field (the wizard applies the schema first); '—' when unknown. */
const fallback = (path) => String(FIELDS.find((f) => f.path === path)?.def ?? '—');

/** What Clay gets back: always `{ items, meta }`; the items as the shape makes them. */
function responseText(def) {
  const shape = def?.shape ?? {};
  if (shape.mode === 'select') {
    const names = (shape.fields ?? []).map((f) => String(f).split(':')[0]).filter(Boolean);
    return `JSON { items, meta }; each item holds ${names.length ? names.join(', ') : 'the selected fields'}`;
  }
  if (shape.mode === 'flatten_jsonapi') return 'JSON { items, meta }; JSON:API items flattened to { id, type, ...attributes }';
  return 'JSON { items, meta }; items as the API returns them';
}

/** Rows for the fleet settings, only when the configuration has them (a newer engine). */
function fleetRows(def) {
  const limits = def?.limits ?? {};
  const rows = [];
  if (limits.stop_on_repeated_page !== undefined) rows.push(['Stop on repeated page', limits.stop_on_repeated_page ? 'yes' : 'no']);
  if (limits.rate_limit !== undefined) {
    const r = limits.rate_limit;
    rows.push(['Rate budget', r ? `${r.requests_per_second} requests/s${r.burst ? `, burst ${r.burst}` : ''}${r.scope ? `, per ${r.scope}` : ''}` : 'none']);
  }
  if (def?.cache?.ttl_seconds !== undefined) rows.push(['Answer cache', def.cache.ttl_seconds ? `${def.cache.ttl_seconds} s` : 'off']);
  return rows;
}

export function summaryList(def) {
  const p = def?.pagination ?? {};
  const limits = def?.limits ?? {};
  const rows = [
    ['Name', def?.name ?? '—'],
    ['Target endpoint', def?.request?.url ?? '—'],
    ['Method', def?.request?.method ?? fallback('request.method')],
    ['Pagination', p.style ?? fallback('pagination.style')],
    ['Result path', def?.response?.items_path ? def.response.items_path : '(response body)'],
    ['Response', responseText(def)],
    ['Shape', def?.shape?.mode ?? fallback('shape.mode')],
    ['Max pages', limits.max_pages !== undefined ? String(limits.max_pages) : fallback('limits.max_pages')],
    ['Page size', String(p.page_size ?? p.limit ?? '—')],
    ['Forwarded headers', (def?.request?.forward_headers ?? []).join(', ') || 'none'],
    ['Static headers', Object.keys(def?.request?.static_headers ?? {}).join(', ') || 'none'],
    ...fleetRows(def),
  ];
  return h('dl', { class: 'summary' }, rows.map(([k, v]) => h('div', {}, h('dt', {}, k),
    h('dd', { class: k === 'Target endpoint' ? 'mono break' : undefined, dataset: { summary: k.toLowerCase().replace(/ /g, '_') } }, v))));
}

/** An absolute URL for a path the API may give relative to this page. */
export function absolute(url) {
  if (!url) return '';
  try { return new URL(url, location.origin).href; } catch { return url; }
}

export function reviewStep({ form, wizardRoot, onGoTo, onSaved, href }) {
  const summary = h('div', {});
  const json = h('pre', { class: 'mono config-json', tabindex: 0, 'aria-label': 'Full configuration (JSON)' });
  const messages = messageArea();
  const saved = h('div', { hidden: true });
  const save = h('button', { type: 'button', class: 'button large' }, 'Save runner');

  function refresh() {
    const { definition } = form.read();
    replace(summary, summaryList(definition));
    json.textContent = JSON.stringify(definition, null, 2);
  }

  save.addEventListener('click', async () => {
    const { definition, errors } = form.read();
    if (Object.keys(errors).length) {
      showProblem(wizardRoot, messages, { message: 'Some fields need fixing before saving.', fieldErrors: errors }, { onGoTo });
      return;
    }
    save.disabled = true;
    try {
      const runner = await post('/api/runners', definition);
      clearProblems(wizardRoot);
      const link = h('a', { href: href(`/runners/${encodeURIComponent(runner.id)}`), 'data-link': true, class: 'button' }, 'Open the runner page');
      replace(saved,
        h('div', { class: 'notice locked', role: 'status' },
          h('p', {}, h('strong', {}, `Saved as ${runner.id}.`), ' This runner is locked. Create a new runner for changes.')),
        copyField('Clay URL', runner.runner_url ?? ''),
        copyField('Runner management link', absolute(runner.management_url), 'Use this URL to open this saved runner directly.'),
        copyField('Analytics deep link', absolute(runner.analytics_url), 'Use this URL when sharing call-volume and status-code analytics.'),
        h('div', { class: 'actions inline' }, link));
      saved.hidden = false;
      save.hidden = true;
      // Show what was stored: the saved configuration with every default filled in.
      if (runner.config) {
        replace(summary, summaryList(runner.config));
        json.textContent = JSON.stringify(runner.config, null, 2);
      }
      onSaved(runner);
      announce(`Runner saved as ${runner.id}. This runner is locked.`);
      link.focus();
    } catch (error) {
      save.disabled = false;
      showProblem(wizardRoot, messages, error, { onGoTo });
    }
  });

  const element = h('div', {},
    h('h2', {}, 'Save and connect'),
    h('p', {}, 'Review the tested configuration, then save. Saved runners are locked so live Clay tables keep a stable URL and behavior.'),
    summary,
    h('details', { class: 'config-details', open: true }, h('summary', {}, 'Full configuration'), json),
    h('p', { class: 'notice' }, 'Saving creates a stable URL. Saved runners cannot be edited or deleted.'),
    h('div', { class: 'actions inline' }, save),
    messages,
    saved);
  return { element, refresh };
}
