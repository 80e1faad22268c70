// Step 3: a dry run of the draft with test credentials and query values that exist only in this
// page's memory, plus pagination detection from a real first page.

import { h, uid, replace, announce, formatNumber } from '../dom.js';
import { post } from '../api.js';
import { messageArea, showProblem, clearProblems } from '../problems.js';

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]{0,63})\s*\}\}/g;

/** Placeholder names used in the URL and the body template, in order of appearance. */
export function placeholders(definition) {
  const text = `${definition?.request?.url ?? ''} ${JSON.stringify(definition?.request?.body ?? '')}`;
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

function cell(value) {
  if (value === null || value === undefined) return h('span', { class: 'muted' }, 'null');
  if (typeof value === 'object') {
    const text = JSON.stringify(value);
    return h('span', { class: 'mono', title: text.length > 80 ? text : undefined }, text.length > 80 ? `${text.slice(0, 77)}…` : text);
  }
  return String(value);
}

/** A table of the returned rows: columns are the keys of the first rows, at most 12. */
export function rowsTable(items, caption) {
  const rows = (items ?? []).slice(0, 100);
  if (!rows.length) return h('p', { class: 'muted' }, 'No rows returned.');
  const objects = rows.every((r) => r && typeof r === 'object' && !Array.isArray(r));
  const columns = objects ? [...new Set(rows.flatMap((r) => Object.keys(r)))].slice(0, 12) : ['value'];
  return h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': caption },
    h('table', { class: 'table compact rows-table' },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '#'), columns.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows.map((r, i) => h('tr', {},
        h('td', { class: 'muted' }, String(i + 1)),
        columns.map((c) => h('td', {}, cell(objects ? r[c] : r))))))));
}

export function traceTable(trace) {
  if (!trace?.length) return null;
  return h('div', { class: 'table-scroll' },
    h('table', { class: 'table compact trace-table' },
      h('caption', {}, 'Per-page trace'),
      h('thead', {}, h('tr', {}, ['Page', 'Status', 'Items', 'Duration', 'Stop reason'].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, trace.map((t) => h('tr', {},
        h('td', {}, String(t.page)), h('td', {}, String(t.status ?? '—')), h('td', {}, formatNumber(t.items)),
        h('td', {}, `${formatNumber(t.duration_ms)} ms`), h('td', { class: 'mono' }, t.stop_reason ?? ''))))));
}

export function metaList(meta) {
  const entries = [
    ['Rows', formatNumber(meta?.items)], ['Pages', formatNumber(meta?.pages)], ['Stop reason', meta?.stop_reason ?? '—'],
    ['Duration', `${formatNumber(meta?.duration_ms)} ms`], ['Retries', formatNumber(meta?.retries)],
    ['Upstream status', String(meta?.upstream_status ?? '—')], ['Partial', meta?.partial ? 'yes' : 'no'],
  ];
  if (meta?.error_code) entries.push(['Error code', meta.error_code]);
  return h('dl', { class: 'meta-list' }, entries.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', { dataset: { meta: k.toLowerCase().replace(/ /g, '_') } }, v))));
}

export function testStep({ form, wizardRoot, goTo, onGoTo }) {
  const headerValues = new Map();
  const queryValues = new Map();
  const inputs = h('div', { class: 'test-inputs' });
  const pagesId = uid('pages');
  const pages = h('input', { id: pagesId, type: 'number', min: 1, max: 1000, step: 1, 'data-field': 'max_pages', placeholder: 'runner max pages', inputmode: 'numeric' });
  const messages = messageArea();
  const results = h('div', { class: 'results', 'aria-live': 'polite' });
  const detectResults = h('div', { class: 'detect-results' });

  function valueInput(kind, name, store) {
    const id = uid(kind);
    const input = h('input', {
      id, type: kind === 'header' ? 'password' : 'text', autocomplete: 'off', spellcheck: 'false', class: 'mono',
      value: store.get(name) ?? '', dataset: { field: kind === 'header' ? `test_headers.${name}` : `test_query.${name}` },
    });
    input.addEventListener('input', () => store.set(name, input.value));
    return h('div', { class: 'field' },
      h('label', { for: id }, kind === 'header' ? `${name} header value` : `{{${name}}} value`),
      input);
  }

  /** Redraws the inputs for the draft's current header names and placeholders, keeping typed values. */
  function refresh() {
    const { definition } = form.read();
    const headers = definition.request?.forward_headers ?? [];
    const names = placeholders(definition);
    replace(inputs,
      h('fieldset', { class: 'group' },
        h('legend', {}, 'Test credentials'),
        headers.length
          ? headers.map((name) => valueInput('header', name, headerValues))
          : h('p', { class: 'muted' }, 'This runner forwards no headers. Add header names in step 2 if the API needs a credential.')),
      h('fieldset', { class: 'group' },
        h('legend', {}, 'Query values for placeholders'),
        names.length
          ? names.map((name) => valueInput('query', name, queryValues))
          : h('p', { class: 'muted' }, 'The endpoint has no {{placeholders}}.')));
  }

  function collect() {
    const { definition, errors } = form.read();
    const pick = (store, names) => Object.fromEntries(names.filter((n) => store.get(n)).map((n) => [n, store.get(n)]));
    return {
      definition,
      errors,
      test_headers: pick(headerValues, definition.request?.forward_headers ?? []),
      test_query: pick(queryValues, placeholders(definition)),
    };
  }

  function clientErrors(errors) {
    if (!Object.keys(errors).length) return false;
    showProblem(wizardRoot, messages, { message: 'Some fields need fixing before the test can run.', fieldErrors: errors }, { onGoTo });
    return true;
  }

  const run = h('button', { type: 'button', class: 'button' }, 'Run test');
  run.addEventListener('click', async () => {
    const c = collect();
    if (clientErrors(c.errors)) return;
    run.disabled = true;
    replace(results, h('p', { class: 'muted' }, 'Working...'));
    try {
      const body = { config: c.definition, test_headers: c.test_headers, test_query: c.test_query };
      if (pages.value) body.max_pages = Number(pages.value);
      const answer = await post('/api/runners/test', body);
      clearProblems(wizardRoot);
      replace(results,
        h('h3', {}, 'Test result'),
        metaList(answer?.meta),
        rowsTable(answer?.items, `Returned rows (${formatNumber(answer?.items?.length ?? 0)}${(answer?.items?.length ?? 0) > 100 ? ', first 100 shown' : ''})`),
        traceTable(answer?.trace));
      announce(`Test finished: ${answer?.meta?.items ?? 0} rows from ${answer?.meta?.pages ?? 0} pages, stop reason ${answer?.meta?.stop_reason ?? 'unknown'}.`);
    } catch (error) {
      replace(results);
      showProblem(wizardRoot, messages, error, { onGoTo });
    } finally {
      run.disabled = false;
    }
  });

  const detect = h('button', { type: 'button', class: 'button secondary' }, 'Detect pagination');
  detect.addEventListener('click', async () => {
    const c = collect();
    if (clientErrors(c.errors)) return;
    detect.disabled = true;
    replace(detectResults, h('p', { class: 'muted' }, 'Working...'));
    try {
      const answer = await post('/api/runners/detect', { request: c.definition.request ?? {}, test_headers: c.test_headers, test_query: c.test_query });
      clearProblems(wizardRoot);
      const suggestions = answer?.suggestions ?? [];
      if (!suggestions.length) {
        replace(detectResults, h('p', {}, 'No pagination pattern was recognised in the first page. Choose the style from the API docs in step 2.'));
        return;
      }
      replace(detectResults,
        h('h3', {}, 'Detected pagination'),
        h('p', { class: 'help' }, 'Best first. Applying one replaces the pagination settings and the items path of the draft.'),
        h('ol', { class: 'suggestions' }, suggestions.map((s, i) => {
          const style = s.pagination?.style ?? 'none';
          const confidence = typeof s.confidence === 'number' ? `${Math.round(s.confidence <= 1 ? s.confidence * 100 : s.confidence)}%` : String(s.confidence ?? '');
          const evidence = Array.isArray(s.evidence) ? s.evidence.join(' ') : (s.evidence ?? '');
          return h('li', { class: 'suggestion' },
            h('div', { class: 'suggestion-head' },
              h('strong', {}, style), h('span', { class: 'pill' }, `confidence ${confidence}`),
              s.response?.items_path !== undefined ? h('span', { class: 'mono small' }, `items: ${s.response.items_path === '' ? '(body)' : s.response.items_path}`) : null),
            evidence ? h('p', { class: 'help' }, evidence) : null,
            h('pre', { class: 'mono small' }, JSON.stringify(s.pagination, null, 2)),
            h('button', {
              type: 'button', class: 'button small', 'aria-label': `Apply suggestion ${i + 1}: ${style}`,
              onclick: (event) => {
                form.fill({ pagination: s.pagination, response: s.response ?? {} }, { mode: 'replace', scope: ['pagination', 'response'] });
                event.target.textContent = 'Applied';
                announce(`Applied ${style} pagination. Review it in step 2, then run the test again.`);
              },
            }, 'Apply'));
        })));
    } catch (error) {
      replace(detectResults);
      showProblem(wizardRoot, messages, error, { onGoTo });
    } finally {
      detect.disabled = false;
    }
  });

  const element = h('div', {},
    h('h2', {}, 'Test'),
    h('p', {}, 'Use test credentials here to verify the runner; test credentials and query values are not saved.'),
    h('p', { class: 'notice' }, 'Test credentials, query params, response rows, and traces are not saved. They stay in this page until you leave it.'),
    inputs,
    h('div', { class: 'field narrow-field' },
      h('label', { for: pagesId }, 'Pages to fetch in this test'),
      pages,
      h('p', { class: 'help' }, 'Optional: fewer pages make a quicker test. Empty uses the runner\u2019s max pages.')),
    h('div', { class: 'actions inline' }, run, detect),
    messages,
    results,
    detectResults);
  return { element, refresh, goTo };
}
