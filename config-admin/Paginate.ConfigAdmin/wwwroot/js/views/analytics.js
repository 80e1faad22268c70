// Runner analytics: totals, calls over time, status codes, stop reasons and error codes for a window.

import { h, replace, uid, time, formatNumber } from '../dom.js';
import { get } from '../api.js';
import { messageArea, showProblem } from '../problems.js';
import { barChart, timeChart } from '../charts.js';

// All time comes first and is the default: its totals are the runner's lifetime counters.
const WINDOWS = [['all', 'All time'], ['24h', 'Last 24 hours'], ['7d', 'Last 7 days'], ['30d', 'Last 30 days']];

function stat(label, value) {
  const id = uid('stat');
  return h('div', { class: 'stat' }, h('span', { class: 'stat-label', id }, label), h('span', { class: 'stat-value', 'aria-labelledby': id }, value));
}

export function renderAnalytics(main, { params, query }, ctx) {
  const [id] = params;
  let windowValue = WINDOWS.some(([w]) => w === query.get('window')) ? query.get('window') : 'all';
  const content = h('div', { 'aria-live': 'polite', 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading analytics...'));
  const messages = messageArea();
  const selectId = uid('window');
  const select = h('select', { id: selectId, 'data-field': 'window' }, WINDOWS.map(([value, label]) => h('option', { value, selected: value === windowValue }, label)));
  const title = h('h1', {}, 'Runner analytics');

  replace(main,
    h('div', { class: 'page-head split' },
      h('div', {},
        title,
        h('p', { class: 'lead' }, 'Operational patterns for the selected runner, with metadata-only storage.'),
        h('p', {}, h('a', { href: ctx.href(`/runners/${encodeURIComponent(id)}`), 'data-link': true }, `Back to runner ${id}`))),
      h('div', { class: 'field window-field' }, h('label', { for: selectId }, 'Window'), select)),
    messages,
    content,
    h('section', { class: 'panel', 'aria-labelledby': 'store-title' },
      h('h2', { id: 'store-title' }, 'What analytics store'),
      h('p', {}, 'Paginate\u2019s Redis store keeps only operational metadata for each call: run mode (live or test), success or error, page count, item count, duration, upstream status code, stop reason, retry count, timestamp, and coarse error code.'),
      h('p', {}, 'It does not store Clay request headers, credential values, query parameters, request bodies, upstream page URLs, upstream response rows, upstream response bodies, full upstream error bodies, or debug traces.')));
  ctx.focus();

  get(`/api/runners/${encodeURIComponent(id)}`).then((runner) => {
    if (ctx.isCurrent() && runner?.config?.name) title.textContent = `Runner analytics: ${runner.config.name}`;
  }).catch(() => { /* the analytics call reports the problem */ });

  const load = () => {
    content.setAttribute('aria-busy', 'true');
    get(`/api/runners/${encodeURIComponent(id)}/analytics?window=${encodeURIComponent(windowValue)}`).then((a) => {
      if (!ctx.isCurrent()) return;
      content.removeAttribute('aria-busy');
      messages.hidden = true;
      replace(content,
        h('div', { class: 'stats six', 'aria-label': 'Totals' },
          stat('Total calls', formatNumber(a?.total_calls)),
          stat('Clay calls', formatNumber(a?.clay_calls)),
          stat('Items returned', formatNumber(a?.items_returned)),
          stat('Avg duration', `${formatNumber(a?.avg_duration_ms)} ms`),
          stat('Avg pages', formatNumber(a?.avg_pages, 1)),
          stat('Retries', formatNumber(a?.retries))),
        h('p', { class: 'muted small' }, `Test calls: ${formatNumber(a?.test_calls)} (included in total calls).`),
        h('section', { class: 'panel' }, timeChart('Calls over time', a?.series)),
        h('div', { class: 'grid two' },
          h('section', { class: 'panel' }, barChart('Status codes', a?.status_codes, { labelFor: (k) => `HTTP ${k}` })),
          h('section', { class: 'panel' }, barChart('Stop reasons', a?.stop_reasons, { color: 'var(--accent-2)' }))),
        Object.keys(a?.error_codes ?? {}).length
          ? h('section', { class: 'panel' }, barChart('Error codes', a.error_codes, { color: 'var(--danger)' })) : null,
        recent(a?.recent));
    }).catch((error) => {
      if (!ctx.isCurrent()) return;
      content.removeAttribute('aria-busy');
      replace(content);
      showProblem(main, messages, error);
    });
  };

  select.addEventListener('change', () => {
    windowValue = select.value;
    const base = `/runners/${encodeURIComponent(id)}/analytics?window=${windowValue}`;
    history.replaceState(null, '', ctx.href(base));
    load();
  });
  load();
}

function recent(records) {
  if (!records?.length) return null;
  return h('section', { class: 'panel' },
    h('h2', {}, 'Recent calls'),
    h('div', { class: 'table-scroll' },
      h('table', { class: 'table compact' },
        h('thead', {}, h('tr', {}, ['Time', 'Mode', 'Outcome', 'Pages', 'Items', 'Duration', 'Status', 'Stop reason', 'Retries', 'Error code'].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, records.slice(0, 50).map((r) => h('tr', {},
          h('td', {}, time(r.at)), h('td', {}, r.mode), h('td', { class: r.outcome === 'error' ? 'danger-text' : undefined }, r.outcome),
          h('td', {}, formatNumber(r.pages)), h('td', {}, formatNumber(r.items)), h('td', {}, `${formatNumber(r.duration_ms)} ms`),
          h('td', {}, String(r.upstream_status ?? '—')), h('td', { class: 'mono' }, r.stop_reason ?? '—'),
          h('td', {}, formatNumber(r.retries)), h('td', { class: 'mono' }, r.error_code ?? '')))))));
}
