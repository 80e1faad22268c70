// Step 3: a dry run of the draft with test credentials and query values that exist only in this
// page's memory, plus pagination detection from a real first page.

import { h, uid, replace, announce, formatNumber } from '../dom.js';
import { post } from '../api.js';
import { messageArea, showProblem, clearProblems } from '../problems.js';
import { showScriptError } from './script-check.js';

/** The most pages one test fetches; the admin API refuses more with the same words (CONTRACT §3 v2). */
export const TEST_MAX_PAGES = 50;
export const TEST_PAGES_ERROR = `must be a whole number from 1 to ${TEST_MAX_PAGES}; leave it out to use the runner's max pages.`;

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
  const logged = trace.some((t) => t.logs?.length);
  return h('div', { class: 'table-scroll' },
    h('table', { class: 'table compact trace-table' },
      h('caption', {}, 'Per-page trace'),
      h('thead', {}, h('tr', {}, ['Page', 'Status', 'Items', 'Duration', 'Stop reason', logged ? 'Script log' : null].filter(Boolean).map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, trace.map((t) => h('tr', {},
        h('td', {}, String(t.page)), h('td', {}, String(t.status ?? '—')), h('td', {}, formatNumber(t.items)),
        h('td', {}, `${formatNumber(t.duration_ms)} ms`), h('td', { class: 'mono' }, t.stop_reason ?? ''),
        logged ? h('td', { class: 'script-log' }, t.logs?.length
          ? h('ol', { class: 'log-lines mono small' }, t.logs.map((line) => h('li', {}, line)))
          : h('span', { class: 'muted' }, '—')) : null)))));
}

/** The result of a test run: meta, any error with its position, then rows and trace as a table or as raw JSON. */
export function resultView(answer, { onShowScript } = {}) {
  const table = h('div', { class: 'result-table' },
    rowsTable(answer?.items, `Returned rows (${formatNumber(answer?.items?.length ?? 0)}${(answer?.items?.length ?? 0) > 100 ? ', first 100 shown' : ''})`),
    traceTable(answer?.trace));
  const raw = h('pre', { class: 'mono small raw-json', tabindex: 0, 'aria-label': 'Test result as JSON', hidden: true }, JSON.stringify(answer, null, 2));
  const tableButton = h('button', { type: 'button', class: 'button small secondary', 'aria-pressed': 'true' }, 'Table');
  const jsonButton = h('button', { type: 'button', class: 'button small secondary', 'aria-pressed': 'false', 'aria-label': 'Raw JSON', title: 'Raw JSON' }, '{}');
  const show = (json) => {
    raw.hidden = !json;
    table.hidden = json;
    tableButton.setAttribute('aria-pressed', String(!json));
    jsonButton.setAttribute('aria-pressed', String(json));
  };
  tableButton.addEventListener('click', () => show(false));
  jsonButton.addEventListener('click', () => show(true));
  const scriptError = answer?.meta?.error_code === 'script_error' && answer?.error;
  return h('div', {},
    h('div', { class: 'result-head' }, h('h3', {}, 'Test result'),
      h('div', { class: 'view-toggle', role: 'group', 'aria-label': 'Result view' }, tableButton, jsonButton)),
    metaList(answer?.meta),
    answer?.error ? h('div', { class: 'notice warning test-error', role: 'alert' },
      h('p', {}, h('strong', {}, scriptError ? 'Script error: ' : 'The run ended with an error: '), h('span', { class: 'mono' }, answer.error)),
      scriptError && onShowScript ? h('button', { type: 'button', class: 'button small secondary', onclick: () => onShowScript(answer.error) }, 'Show in the script editor') : null) : null,
    table,
    raw);
}

/** Reads the optional page cap; the same bounds and words as the admin API. */
export function readPages(input) {
  const text = input.value.trim();
  if (text === '' && !input.validity.badInput) return { value: undefined };
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 && n <= TEST_MAX_PAGES ? { value: n } : { error: TEST_PAGES_ERROR };
}

/** The optional "pages to fetch" field of a test. */
export function pagesField() {
  const id = uid('pages');
  const input = h('input', { id, type: 'number', min: 1, max: TEST_MAX_PAGES, step: 1, 'data-field': 'max_pages', placeholder: 'runner max pages', inputmode: 'numeric' });
  const element = h('div', { class: 'field narrow-field' },
    h('label', { for: id }, 'Pages to fetch in this test'),
    input,
    h('p', { class: 'help' }, `Optional: fewer pages make a quicker test. Empty uses the runner\u2019s max pages, at most ${TEST_MAX_PAGES}.`));
  return { input, element };
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
  const { input: pages, element: pagesElement } = pagesField();
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
    const pageCap = readPages(pages);
    if (pageCap.error) c.errors.max_pages = [pageCap.error];
    if (clientErrors(c.errors)) return;
    run.disabled = true;
    replace(results, h('p', { class: 'muted' }, 'Working...'));
    try {
      const body = { config: c.definition, test_headers: c.test_headers, test_query: c.test_query };
      if (pageCap.value !== undefined) body.max_pages = pageCap.value;
      const answer = await post('/api/runners/test', body);
      clearProblems(wizardRoot);
      // A script's run-time error also goes next to the script editor, where it is fixed.
      showScriptError(form, answer?.meta?.error_code === 'script_error' ? answer.error : null);
      replace(results, resultView(answer, {
        onShowScript: () => {
          goTo(2, { focus: false });
          form.el('pagination.script', 'script')?.querySelector('.script-run-error button')?.click();
        },
      }));
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
    pagesElement,
    h('div', { class: 'actions inline' }, run, detect),
    messages,
    results,
    detectResults);
  return { element, refresh, goTo };
}
